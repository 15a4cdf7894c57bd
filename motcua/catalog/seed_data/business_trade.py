"""Curated procedures: enterprises (Thành lập và hoạt động doanh nghiệp), household businesses
(Hộ kinh doanh), trade (Thương mại) and budget relations (Tài chính ngân sách), DOMAIN.md §11.

Field codes used by the curated files (short and stable; reuse them, never rename):
    HT    Hộ tịch                                     (civil_status.py)
    CT    Chứng thực                                  (civil_status.py)
    CTRU  Đăng ký, quản lý cư trú                     (residence_justice_transport.py)
    LLTP  Lý lịch tư pháp                             (residence_justice_transport.py)
    GT    Giao thông đường bộ                         (residence_justice_transport.py)
    KN    Giải quyết khiếu nại                        (residence_justice_transport.py)
    TCAO  Giải quyết tố cáo                           (residence_justice_transport.py)
    DN    Thành lập và hoạt động doanh nghiệp         (this file)
    HKD   Thành lập và hoạt động của hộ kinh doanh    (this file)
    TM    Thương mại                                  (this file)
    TC    Tài chính ngân sách                         (this file)

Who does what after the reform of 1 July 2025:
- Enterprises: the business registration office now sits in Sở Tài chính (000.00.03.H21),
  which took over from Sở Kế hoạch và Đầu tư. Online registration runs on the national business
  registration system (dangkykinhdoanh.gov.vn): online_provider "central".
- Household businesses: registered by the commune (Nghị định 168/2025/NĐ-CP), agency = COMMUNES,
  online on the province's own system - the demo's young entrepreneur story (DEMO.md).
- Trade: Sở Công Thương (000.00.10.H21); the retail alcohol licence, a former district power,
  passes to the commune.
- Budget-relation unit codes: Sở Tài chính, online on the Ministry of Finance's system
  ("central").

Fees set by the province's People's Council (household business registration) are typical
amounts, not Gia Lai's own. Codes that could not be confirmed are plausible stand-ins marked
`illustrative_code=True`.
"""

from decimal import Decimal
from typing import Any

from .specs import COMMUNES, ComponentSpec, FeeSpec, ProcedureSpec, StepSpec

DN = ("DN", "Thành lập và hoạt động doanh nghiệp")
HKD = ("HKD", "Thành lập và hoạt động của hộ kinh doanh")
TM = ("TM", "Thương mại")
TC = ("TC", "Tài chính ngân sách")

FINANCE = "000.00.03.H21"  # Sở Tài chính (Phòng Đăng ký kinh doanh)
INDUSTRY_TRADE = "000.00.10.H21"  # Sở Công Thương

ENTERPRISE_LAW = (
    "Luật Doanh nghiệp số 59/2020/QH14 (được sửa đổi, bổ sung năm 2025); Nghị định số "
    "168/2025/NĐ-CP ngày 30/6/2025 của Chính phủ về đăng ký doanh nghiệp; Thông tư số "
    "47/2019/TT-BTC của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí "
    "cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp"
)
HOUSEHOLD_LAW = (
    "Nghị định số 168/2025/NĐ-CP ngày 30/6/2025 của Chính phủ về đăng ký doanh nghiệp (Chương "
    "về hộ kinh doanh); Thông tư số 85/2019/TT-BTC; Nghị quyết của Hội đồng nhân dân tỉnh quy "
    "định mức thu lệ phí đăng ký hộ kinh doanh"
)
ALCOHOL_LAW = (
    "Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14; Nghị định số 105/2017/NĐ-CP về "
    "kinh doanh rượu (sửa đổi, bổ sung bởi Nghị định số 17/2020/NĐ-CP); Thông tư số "
    "168/2016/TT-BTC quy định mức thu phí thẩm định kinh doanh hàng hóa, dịch vụ hạn chế kinh "
    "doanh; hàng hóa, dịch vụ kinh doanh có điều kiện thuộc lĩnh vực thương mại"
)
BUDGET_CODE_LAW = (
    "Luật Ngân sách nhà nước số 83/2015/QH13; Thông tư số 185/2015/TT-BTC ngày 17/11/2015 của "
    "Bộ Tài chính hướng dẫn đăng ký, cấp mã số và thay đổi thông tin đăng ký mã số đơn vị có "
    "quan hệ với ngân sách"
)

ENTERPRISE_APPLICANTS = ("Công dân Việt Nam", "Người nước ngoài", "Tổ chức", "Doanh nghiệp")
ENTERPRISE_NOTE = "Kể từ ngày Phòng Đăng ký kinh doanh nhận đủ hồ sơ hợp lệ."
ENTERPRISE_FEES = (
    FeeSpec(50_000, "Lệ phí đăng ký doanh nghiệp", "Nộp hồ sơ bằng bản giấy"),
    FeeSpec(0, "Lệ phí đăng ký doanh nghiệp", "Đăng ký qua mạng thông tin điện tử (miễn)"),
    FeeSpec(100_000, "Phí công bố nội dung đăng ký doanh nghiệp"),
)
PERSON_PAPERS = ComponentSpec(
    "Bản sao giấy tờ pháp lý của cá nhân đối với chủ sở hữu, thành viên, cổ đông là cá nhân và "
    "người đại diện theo pháp luật (không phải nộp với công dân Việt Nam có thông tin trong Cơ "
    "sở dữ liệu quốc gia về dân cư)",
    copy_count=1,
    replaced_by="CSDLQG_DAN_CU",
)
ORGANISATION_PAPERS = ComponentSpec(
    "Bản sao giấy tờ pháp lý của tổ chức đối với thành viên, chủ sở hữu, cổ đông là tổ chức, "
    "kèm văn bản cử người đại diện theo ủy quyền",
    copy_count=1,
    required=False,
    condition="Khi chủ sở hữu, thành viên hoặc cổ đông là tổ chức",
    replaced_by="CSDL_DKDN",
)
FOREIGN_INVESTOR = ComponentSpec(
    "Giấy chứng nhận đăng ký đầu tư hoặc văn bản chấp thuận góp vốn, mua cổ phần của nhà đầu tư "
    "nước ngoài",
    copy_count=1,
    required=False,
    condition="Khi doanh nghiệp có nhà đầu tư nước ngoài góp vốn theo Luật Đầu tư",
)
BENEFICIAL_OWNERS = ComponentSpec(
    "Danh sách chủ sở hữu hưởng lợi của doanh nghiệp (theo mẫu)",
    original_count=1,
    required=False,
    condition="Khi doanh nghiệp xác định được chủ sở hữu hưởng lợi theo quy định",
)
AUTHORISATION = ComponentSpec(
    "Văn bản ủy quyền cho cá nhân thực hiện thủ tục và bản sao giấy tờ pháp lý của người được "
    "ủy quyền",
    original_count=1,
    required=False,
    condition="Khi người nộp hồ sơ không phải người đại diện theo pháp luật, chủ hộ",
)
REGISTRATION_CERTIFICATE = ComponentSpec(
    "Giấy chứng nhận đăng ký doanh nghiệp hoặc Giấy chứng nhận đăng ký hộ kinh doanh",
    copy_count=1,
    replaced_by="CSDL_DKDN",
)


def text(title: str, max_length: int, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "title": title, "maxLength": max_length, **extra}


def date(title: str) -> dict[str, Any]:
    return {"type": "string", "title": title, "format": "date", "maxLength": 10}


def choice(title: str, options: list[str]) -> dict[str, Any]:
    return {
        "type": "string",
        "title": title,
        "enum": options,
        "maxLength": max(len(o) for o in options),
    }


def money(title: str) -> dict[str, Any]:
    return {"type": "integer", "title": title, "minimum": 0, "maximum": 10**15}


# Enterprises ----------------------------------------------------------------------------------

COMPANY_FORM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "company_name": text("Tên công ty viết bằng tiếng Việt", 200),
        "foreign_name": text("Tên công ty viết bằng tiếng nước ngoài", 200),
        "short_name": text("Tên công ty viết tắt", 100),
        "head_office": text("Địa chỉ trụ sở chính", 300),
        "charter_capital": money("Vốn điều lệ (đồng)"),
        "main_business_code": text("Mã ngành kinh doanh chính (cấp 4)", 4, pattern="^[0-9]{4}$"),
        "business_lines": text("Các ngành, nghề kinh doanh khác", 2000),
        "legal_representative": text("Họ, chữ đệm, tên người đại diện theo pháp luật", 100),
        "representative_title": text("Chức danh người đại diện theo pháp luật", 100),
        "tax_accounting": choice(
            "Phương pháp tính thuế giá trị gia tăng",
            ["Khấu trừ", "Trực tiếp trên giá trị gia tăng", "Trực tiếp trên doanh số"],
        ),
    },
    "required": [
        "company_name",
        "head_office",
        "charter_capital",
        "main_business_code",
        "legal_representative",
    ],
}
COMPANY_UI: dict[str, Any] = {
    "order": list(COMPANY_FORM["properties"]),
    "widgets": {"head_office": "textarea", "business_lines": "textarea"},
    "help": {
        "company_name": "Gồm loại hình doanh nghiệp và tên riêng, ví dụ: Công ty TNHH Nông sản "
        "Phú Phong. Tra cứu trùng tên trên Cổng thông tin quốc gia về đăng ký doanh nghiệp.",
        "main_business_code": "Theo Hệ thống ngành kinh tế Việt Nam, ví dụ 4632 (bán buôn "
        "thực phẩm).",
    },
}


def _company(
    code: str, name: str, kind_requirements: str, charter: str, owners: ComponentSpec | None
) -> ProcedureSpec:
    """The founding of a company: the same procedure for every legal form, with its own charter
    and owner list."""
    components = [
        ComponentSpec("Giấy đề nghị đăng ký doanh nghiệp (theo mẫu)", original_count=1),
    ]
    if charter:
        components.append(ComponentSpec(charter, original_count=1))
    if owners is not None:
        components.append(owners)
    components += [PERSON_PAPERS, ORGANISATION_PAPERS, FOREIGN_INVESTOR, BENEFICIAL_OWNERS]
    components.append(AUTHORISATION)
    return ProcedureSpec(
        code=code,
        illustrative_code=True,
        name=name,
        field_code=DN[0],
        field_name=DN[1],
        level="province",
        agency=FINANCE,
        time_limit=3,
        time_limit_note=ENTERPRISE_NOTE,
        legal_basis=ENTERPRISE_LAW,
        requirements=(
            f"{kind_requirements} Ngành, nghề đăng ký kinh doanh không bị cấm đầu tư kinh doanh; "
            "tên doanh nghiệp đặt đúng quy định; hồ sơ hợp lệ; nộp đủ lệ phí."
        ),
        applicant_types=ENTERPRISE_APPLICANTS,
        result_type="certificate",
        result_name="Giấy chứng nhận đăng ký doanh nghiệp (bản giấy hoặc bản điện tử)",
        legacy_level=4,
        online_class="full",
        online_provider="central",
        postal_submission=True,
        postal_return=True,
        fees=ENTERPRISE_FEES,
        components=tuple(components),
        form_schema=COMPANY_FORM,
        form_ui=COMPANY_UI,
    )


SINGLE_MEMBER_LLC = _company(
    "1.013130",
    "Đăng ký thành lập công ty TNHH một thành viên",
    "Công ty do một tổ chức hoặc một cá nhân làm chủ sở hữu.",
    "Điều lệ công ty",
    None,
)
MULTI_MEMBER_LLC = _company(
    "1.013131",
    "Đăng ký thành lập công ty TNHH hai thành viên trở lên",
    "Công ty có từ 02 đến 50 thành viên là tổ chức, cá nhân.",
    "Điều lệ công ty",
    ComponentSpec("Danh sách thành viên (theo mẫu)", original_count=1),
)
JOINT_STOCK = _company(
    "1.013132",
    "Đăng ký thành lập công ty cổ phần",
    "Công ty có tối thiểu 03 cổ đông sáng lập.",
    "Điều lệ công ty",
    ComponentSpec(
        "Danh sách cổ đông sáng lập; danh sách cổ đông là nhà đầu tư nước ngoài (nếu có)",
        original_count=1,
    ),
)

SOLE_PROPRIETORSHIP = ProcedureSpec(
    code="1.013133",
    illustrative_code=True,
    name="Đăng ký thành lập doanh nghiệp tư nhân",
    field_code=DN[0],
    field_name=DN[1],
    level="province",
    agency=FINANCE,
    time_limit=3,
    time_limit_note=ENTERPRISE_NOTE,
    legal_basis=ENTERPRISE_LAW,
    requirements=(
        "Doanh nghiệp do một cá nhân làm chủ và tự chịu trách nhiệm bằng toàn bộ tài sản của "
        "mình; mỗi cá nhân chỉ được quyền thành lập một doanh nghiệp tư nhân và không đồng thời "
        "là chủ hộ kinh doanh, thành viên hợp danh của công ty hợp danh."
    ),
    applicant_types=("Công dân Việt Nam", "Người nước ngoài"),
    result_type="certificate",
    result_name="Giấy chứng nhận đăng ký doanh nghiệp (bản giấy hoặc bản điện tử)",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=ENTERPRISE_FEES,
    components=(
        ComponentSpec("Giấy đề nghị đăng ký doanh nghiệp (theo mẫu)", original_count=1),
        ComponentSpec(
            "Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân (không phải nộp "
            "với công dân Việt Nam có thông tin trong Cơ sở dữ liệu quốc gia về dân cư)",
            copy_count=1,
            replaced_by="CSDLQG_DAN_CU",
        ),
        BENEFICIAL_OWNERS,
        AUTHORISATION,
    ),
)

ENTERPRISE_CHANGE = ProcedureSpec(
    code="1.013134",
    illustrative_code=True,
    name="Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
    field_code=DN[0],
    field_name=DN[1],
    level="province",
    agency=FINANCE,
    time_limit=3,
    time_limit_note=ENTERPRISE_NOTE,
    legal_basis=ENTERPRISE_LAW,
    requirements=(
        "Doanh nghiệp đăng ký thay đổi trong thời hạn 10 ngày kể từ ngày có thay đổi (tên, địa "
        "chỉ trụ sở chính, người đại diện theo pháp luật, vốn điều lệ, thành viên, chủ sở hữu "
        "...). Thay đổi ngành, nghề kinh doanh và các thông tin khác được thông báo để cập nhật."
    ),
    applicant_types=("Doanh nghiệp",),
    result_type="certificate",
    result_name=(
        "Giấy chứng nhận đăng ký doanh nghiệp mới hoặc Giấy xác nhận về việc thay đổi nội dung "
        "đăng ký doanh nghiệp"
    ),
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=ENTERPRISE_FEES,
    components=(
        ComponentSpec(
            "Thông báo thay đổi nội dung đăng ký doanh nghiệp do người đại diện theo pháp luật "
            "ký (theo mẫu)",
            original_count=1,
        ),
        ComponentSpec(
            "Nghị quyết, quyết định và biên bản họp của Hội đồng thành viên, Đại hội đồng cổ đông "
            "hoặc quyết định của chủ sở hữu về việc thay đổi",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy tờ chứng minh việc chuyển nhượng, tặng cho phần vốn góp, cổ phần",
            copy_count=1,
            required=False,
            condition="Khi thay đổi thành viên, chủ sở hữu do chuyển nhượng, tặng cho",
        ),
        PERSON_PAPERS,
        BENEFICIAL_OWNERS,
        AUTHORISATION,
    ),
)

ENTERPRISE_SUSPENSION = ProcedureSpec(
    code="1.013135",
    illustrative_code=True,
    name=(
        "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của "
        "doanh nghiệp, chi nhánh, văn phòng đại diện, địa điểm kinh doanh"
    ),
    field_code=DN[0],
    field_name=DN[1],
    level="province",
    agency=FINANCE,
    time_limit=3,
    time_limit_note=ENTERPRISE_NOTE,
    legal_basis=ENTERPRISE_LAW,
    requirements=(
        "Doanh nghiệp thông báo chậm nhất 03 ngày làm việc trước ngày tạm ngừng kinh doanh hoặc "
        "tiếp tục kinh doanh trước thời hạn đã thông báo. Thời hạn tạm ngừng mỗi lần không quá 01 "
        "năm."
    ),
    applicant_types=("Doanh nghiệp",),
    result_type="document",
    result_name="Giấy xác nhận về việc doanh nghiệp đăng ký tạm ngừng kinh doanh",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(0, "Không thu lệ phí"),),
    components=(
        ComponentSpec("Thông báo tạm ngừng kinh doanh (theo mẫu)", original_count=1),
        ComponentSpec(
            "Nghị quyết, quyết định của chủ sở hữu, Hội đồng thành viên hoặc Hội đồng quản trị "
            "về việc tạm ngừng kinh doanh",
            original_count=1,
            required=False,
            condition="Khi công ty tạm ngừng kinh doanh (không áp dụng với doanh nghiệp tư nhân)",
        ),
        AUTHORISATION,
    ),
)

ENTERPRISE_DISSOLUTION = ProcedureSpec(
    code="1.013136",
    illustrative_code=True,
    name="Đăng ký giải thể doanh nghiệp",
    field_code=DN[0],
    field_name=DN[1],
    level="province",
    agency=FINANCE,
    time_limit=5,
    time_limit_note=ENTERPRISE_NOTE,
    legal_basis=f"Luật Quản lý thuế số 38/2019/QH14; {ENTERPRISE_LAW}",
    requirements=(
        "Doanh nghiệp bảo đảm thanh toán hết các khoản nợ, nghĩa vụ tài sản khác và không trong "
        "quá trình giải quyết tranh chấp tại Tòa án hoặc Trọng tài; cơ quan thuế đã có ý kiến về "
        "việc hoàn thành nghĩa vụ thuế."
    ),
    applicant_types=("Doanh nghiệp",),
    result_type="document",
    result_name="Thông báo về việc giải thể; cập nhật tình trạng pháp lý đã giải thể",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    fees=(FeeSpec(0, "Không thu lệ phí"),),
    components=(
        ComponentSpec("Thông báo về việc giải thể doanh nghiệp (theo mẫu)", original_count=1),
        ComponentSpec(
            "Báo cáo thanh lý tài sản doanh nghiệp; danh sách chủ nợ và số nợ đã thanh toán",
            original_count=1,
        ),
        REGISTRATION_CERTIFICATE,
        AUTHORISATION,
    ),
)


# Household businesses (commune level since 1 July 2025) --------------------------------------

HOUSEHOLD_NOTE = "Kể từ ngày nhận đủ hồ sơ hợp lệ."
HOUSEHOLD_FEES = (
    FeeSpec(100_000, "Lệ phí đăng ký hộ kinh doanh", "Nộp hồ sơ bằng bản giấy"),
    FeeSpec(50_000, "Lệ phí đăng ký hộ kinh doanh", "Nộp hồ sơ trực tuyến"),
)
HOUSEHOLD_PERSON_PAPERS = ComponentSpec(
    "Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh và thành viên hộ gia đình "
    "đăng ký hộ kinh doanh (không phải nộp khi khai thác được từ Cơ sở dữ liệu quốc gia về dân "
    "cư)",
    copy_count=1,
    replaced_by="CSDLQG_DAN_CU",
)
HOUSEHOLD_MEETING = ComponentSpec(
    "Biên bản họp thành viên hộ gia đình về việc đăng ký hộ kinh doanh và văn bản ủy quyền cho "
    "một thành viên làm chủ hộ kinh doanh",
    original_count=1,
    required=False,
    condition="Khi các thành viên hộ gia đình cùng đăng ký hộ kinh doanh",
)

HOUSEHOLD_REGISTRATION = ProcedureSpec(
    code="2.000720",
    illustrative_code=True,
    name="Đăng ký hộ kinh doanh",
    field_code=HKD[0],
    field_name=HKD[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    time_limit_note=HOUSEHOLD_NOTE,
    legal_basis=HOUSEHOLD_LAW,
    requirements=(
        "Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ; "
        "mỗi cá nhân chỉ được đăng ký một hộ kinh doanh trên phạm vi toàn quốc. Tên hộ kinh doanh "
        "gồm cụm từ «Hộ kinh doanh» và tên riêng, không trùng tên riêng của hộ kinh doanh khác "
        "trong phạm vi xã."
    ),
    applicant_types=("Công dân Việt Nam",),
    result_type="certificate",
    result_name="Giấy chứng nhận đăng ký hộ kinh doanh",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=HOUSEHOLD_FEES,
    components=(
        ComponentSpec("Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)", original_count=1),
        HOUSEHOLD_PERSON_PAPERS,
        HOUSEHOLD_MEETING,
        AUTHORISATION,
    ),
    form_schema={
        "type": "object",
        "properties": {
            "business_name": text("Tên hộ kinh doanh", 150),
            "business_address": text("Địa điểm kinh doanh", 300),
            "business_lines": text("Ngành, nghề kinh doanh", 1000),
            "capital": money("Vốn kinh doanh (đồng)"),
            "workers": {
                "type": "integer",
                "title": "Số lao động (kể cả chủ hộ)",
                "minimum": 1,
                "maximum": 1000,
            },
            "owner_kind": choice(
                "Hộ kinh doanh do ai thành lập",
                ["Một cá nhân", "Các thành viên hộ gia đình"],
            ),
            "premises": choice(
                "Địa điểm kinh doanh thuộc",
                ["Nhà ở của chủ hộ", "Thuê, mượn", "Khác"],
            ),
            "start_date": date("Ngày dự kiến bắt đầu kinh doanh"),
        },
        "required": [
            "business_name",
            "business_address",
            "business_lines",
            "capital",
            "owner_kind",
        ],
    },
    form_ui={
        "order": [
            "business_name",
            "business_address",
            "business_lines",
            "capital",
            "workers",
            "owner_kind",
            "premises",
            "start_date",
        ],
        "widgets": {
            "business_address": "textarea",
            "business_lines": "textarea",
            "owner_kind": "radio",
        },
        "help": {
            "business_name": "Ví dụ: Hộ kinh doanh Cà phê Gió Núi.",
            "business_lines": "Ghi mỗi ngành một dòng, ví dụ: bán lẻ đồ uống; dịch vụ ăn uống.",
        },
    },
)

HOUSEHOLD_CHANGE = ProcedureSpec(
    code="2.000719",
    illustrative_code=True,
    name="Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
    field_code=HKD[0],
    field_name=HKD[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    time_limit_note=HOUSEHOLD_NOTE,
    legal_basis=HOUSEHOLD_LAW,
    requirements=(
        "Hộ kinh doanh đăng ký thay đổi trong thời hạn 10 ngày kể từ ngày có thay đổi (tên, địa "
        "điểm, ngành nghề, vốn, chủ hộ, thành viên hộ gia đình)."
    ),
    applicant_types=("Hộ kinh doanh",),
    result_type="certificate",
    result_name="Giấy chứng nhận đăng ký hộ kinh doanh (cấp mới theo nội dung thay đổi)",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=HOUSEHOLD_FEES,
    components=(
        ComponentSpec(
            "Thông báo thay đổi nội dung đăng ký hộ kinh doanh (theo mẫu)", original_count=1
        ),
        HOUSEHOLD_MEETING,
        ComponentSpec(
            "Hợp đồng tặng cho, thỏa thuận chuyển nhượng hoặc giấy tờ thừa kế",
            copy_count=1,
            required=False,
            condition="Khi thay đổi chủ hộ kinh doanh",
        ),
        AUTHORISATION,
    ),
)

HOUSEHOLD_SUSPENSION = ProcedureSpec(
    code="2.000575",
    illustrative_code=True,
    name="Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh",
    field_code=HKD[0],
    field_name=HKD[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    time_limit_note=HOUSEHOLD_NOTE,
    legal_basis=HOUSEHOLD_LAW,
    requirements=(
        "Hộ kinh doanh thông báo chậm nhất 03 ngày làm việc trước ngày tạm ngừng kinh doanh hoặc "
        "tiếp tục kinh doanh trước thời hạn đã thông báo."
    ),
    applicant_types=("Hộ kinh doanh",),
    result_type="document",
    result_name="Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(0, "Không thu lệ phí"),),
    components=(
        ComponentSpec("Thông báo về việc tạm ngừng kinh doanh (theo mẫu)", original_count=1),
        AUTHORISATION,
    ),
)

HOUSEHOLD_CLOSURE = ProcedureSpec(
    code="2.000562",
    illustrative_code=True,
    name="Chấm dứt hoạt động hộ kinh doanh",
    field_code=HKD[0],
    field_name=HKD[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    time_limit_note=HOUSEHOLD_NOTE,
    legal_basis=f"Luật Quản lý thuế số 38/2019/QH14; {HOUSEHOLD_LAW}",
    requirements=(
        "Hộ kinh doanh đã hoàn thành nghĩa vụ thuế với cơ quan thuế và thanh toán đầy đủ các "
        "khoản nợ trước khi chấm dứt hoạt động."
    ),
    applicant_types=("Hộ kinh doanh",),
    result_type="document",
    result_name="Thông báo về việc chấm dứt hoạt động hộ kinh doanh",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    fees=(FeeSpec(0, "Không thu lệ phí"),),
    components=(
        ComponentSpec("Thông báo về việc chấm dứt hoạt động hộ kinh doanh", original_count=1),
        ComponentSpec(
            "Thông báo của cơ quan thuế về việc hộ kinh doanh đã hoàn thành nghĩa vụ thuế",
            copy_count=1,
        ),
        REGISTRATION_CERTIFICATE,
        AUTHORISATION,
    ),
)


# Trade ----------------------------------------------------------------------------------------

TRADERS = ("Doanh nghiệp", "Hợp tác xã", "Hộ kinh doanh")
BUSINESS_PREMISES = ComponentSpec(
    "Giấy tờ chứng minh quyền sử dụng hợp pháp địa điểm kinh doanh (sở hữu, thuê, mượn)",
    copy_count=1,
)

PROMOTION_NOTICE = ProcedureSpec(
    code="1.013140",
    illustrative_code=True,
    name="Thông báo thực hiện khuyến mại",
    field_code=TM[0],
    field_name=TM[1],
    level="province",
    agency=INDUSTRY_TRADE,
    time_limit=0,
    time_limit_unit="same_day",
    time_limit_note=(
        "Thương nhân gửi thông báo chậm nhất trước 03 ngày làm việc trước khi thực hiện khuyến "
        "mại; cơ quan tiếp nhận ghi nhận thông báo trong ngày, không phải cấp văn bản chấp thuận."
    ),
    legal_basis=(
        "Luật Thương mại số 36/2005/QH11; Nghị định số 81/2018/NĐ-CP quy định chi tiết Luật "
        "Thương mại về hoạt động xúc tiến thương mại (sửa đổi, bổ sung bởi Nghị định số "
        "128/2024/NĐ-CP)"
    ),
    requirements=(
        "Áp dụng cho các hình thức khuyến mại phải thông báo (tặng hàng, giảm giá, tặng phiếu "
        "mua hàng, bán hàng kèm phiếu dự thi, chương trình khách hàng thường xuyên ...) thực hiện "
        "trên địa bàn tỉnh. Khuyến mại mang tính may rủi làm theo thủ tục đăng ký riêng."
    ),
    applicant_types=TRADERS,
    result_type="document",
    result_name="Hồ sơ thông báo được tiếp nhận (không cấp văn bản trả lời)",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    components=(ComponentSpec("Thông báo thực hiện khuyến mại (theo mẫu)", original_count=1),),
    form_schema={
        "type": "object",
        "properties": {
            "program_name": text("Tên chương trình khuyến mại", 200),
            "promotion_type": choice(
                "Hình thức khuyến mại",
                [
                    "Tặng hàng hóa, cung ứng dịch vụ không thu tiền",
                    "Giảm giá",
                    "Tặng phiếu mua hàng, phiếu sử dụng dịch vụ",
                    "Bán hàng kèm phiếu dự thi",
                    "Chương trình khách hàng thường xuyên",
                    "Hình thức khác",
                ],
            ),
            "start_date": date("Ngày bắt đầu"),
            "end_date": date("Ngày kết thúc"),
            "area": text("Địa bàn thực hiện", 300),
            "goods": text("Hàng hóa, dịch vụ được khuyến mại", 1000),
            "total_value": money("Tổng giá trị hàng hóa, dịch vụ dùng để khuyến mại (đồng)"),
        },
        "required": ["program_name", "promotion_type", "start_date", "end_date", "goods"],
    },
    form_ui={
        "order": [
            "program_name",
            "promotion_type",
            "start_date",
            "end_date",
            "area",
            "goods",
            "total_value",
        ],
        "widgets": {"area": "textarea", "goods": "textarea"},
        "help": {
            "start_date": "Ít nhất 03 ngày làm việc sau ngày gửi thông báo.",
            "promotion_type": "Giảm giá không được vượt quá 50% giá hàng hóa, dịch vụ, trừ các "
            "trường hợp pháp luật cho phép.",
        },
    },
)

ALCOHOL_RETAIL = ProcedureSpec(
    code="1.013141",
    illustrative_code=True,
    name="Cấp Giấy phép bán lẻ sản phẩm rượu",
    field_code=TM[0],
    field_name=TM[1],
    level="commune",
    agency=COMMUNES,
    time_limit=10,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=ALCOHOL_LAW,
    requirements=(
        "Thương nhân được thành lập theo quy định của pháp luật; có quyền sử dụng hợp pháp địa "
        "điểm kinh doanh cố định; có văn bản giới thiệu hoặc hợp đồng mua bán với thương nhân sản "
        "xuất, phân phối hoặc bán buôn rượu. Giấy phép có thời hạn 05 năm."
    ),
    applicant_types=TRADERS,
    result_type="licence",
    result_name="Giấy phép bán lẻ sản phẩm rượu",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(
            1_200_000, "Phí thẩm định cấp Giấy phép bán lẻ rượu", "Địa điểm kinh doanh tại phường"
        ),
        FeeSpec(600_000, "Phí thẩm định cấp Giấy phép bán lẻ rượu", "Địa điểm kinh doanh tại xã"),
    ),
    components=(
        ComponentSpec("Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm rượu (theo mẫu)", 1),
        REGISTRATION_CERTIFICATE,
        BUSINESS_PREMISES,
        ComponentSpec(
            "Văn bản giới thiệu hoặc hợp đồng mua bán với thương nhân sản xuất, phân phối hoặc "
            "bán buôn sản phẩm rượu",
            copy_count=1,
        ),
    ),
    steps=(
        StepSpec("receive", "Tiếp nhận, kiểm tra hồ sơ", Decimal(0), role="officer"),
        StepSpec("process", "Thẩm định hồ sơ", Decimal(3), role="specialist"),
        StepSpec("process", "Kiểm tra thực tế địa điểm kinh doanh", Decimal(4), role="specialist"),
        StepSpec("process", "Dự thảo Giấy phép, trình ký", Decimal(2), role="specialist"),
        StepSpec(
            "approve", "Chủ tịch Ủy ban nhân dân cấp xã ký Giấy phép", Decimal(1), role="leader"
        ),
        StepSpec("return", "Trả Giấy phép", Decimal(0), role="officer"),
    ),
)

ALCOHOL_WHOLESALE = ProcedureSpec(
    code="1.013142",
    illustrative_code=True,
    name="Cấp Giấy phép bán buôn sản phẩm rượu",
    field_code=TM[0],
    field_name=TM[1],
    level="province",
    agency=INDUSTRY_TRADE,
    time_limit=15,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=ALCOHOL_LAW,
    requirements=(
        "Doanh nghiệp có hệ thống bán buôn sản phẩm rượu trên địa bàn tỉnh (ít nhất 01 thương nhân "
        "bán lẻ), kho hàng hoặc hợp đồng thuê kho có tổng diện tích từ 50 m² trở lên hoặc dung "
        "tích từ 150 m³ trở lên, và hợp đồng với thương nhân sản xuất hoặc phân phối rượu."
    ),
    applicant_types=("Doanh nghiệp",),
    result_type="licence",
    result_name="Giấy phép bán buôn sản phẩm rượu",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(2_200_000, "Phí thẩm định cấp Giấy phép bán buôn rượu"),),
    components=(
        ComponentSpec("Đơn đề nghị cấp Giấy phép bán buôn sản phẩm rượu (theo mẫu)", 1),
        REGISTRATION_CERTIFICATE,
        ComponentSpec(
            "Giấy tờ chứng minh quyền sử dụng kho hàng hoặc hợp đồng thuê kho", copy_count=1
        ),
        ComponentSpec(
            "Hợp đồng, văn bản giới thiệu của thương nhân sản xuất hoặc phân phối sản phẩm rượu "
            "và hợp đồng với các thương nhân bán lẻ",
            copy_count=1,
        ),
    ),
)

FOOD_SAFETY = ProcedureSpec(
    code="1.013143",
    illustrative_code=True,
    name=(
        "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh "
        "doanh thực phẩm do Sở Công Thương thực hiện"
    ),
    field_code=TM[0],
    field_name=TM[1],
    level="province",
    agency=INDUSTRY_TRADE,
    time_limit=20,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ, gồm cả thời gian thẩm định thực tế tại cơ sở."
    ),
    legal_basis=(
        "Luật An toàn thực phẩm số 55/2010/QH12; Nghị định số 15/2018/NĐ-CP quy định chi tiết "
        "thi hành một số điều của Luật An toàn thực phẩm; Thông tư số 43/2018/TT-BCT quy định về "
        "quản lý an toàn thực phẩm thuộc trách nhiệm của Bộ Công Thương; Thông tư số "
        "67/2021/TT-BTC quy định mức thu phí thẩm định cấp giấy chứng nhận cơ sở đủ điều kiện an "
        "toàn thực phẩm"
    ),
    requirements=(
        "Cơ sở sản xuất, kinh doanh rượu, bia, nước giải khát, sữa chế biến, dầu thực vật, bột, "
        "tinh bột, bánh, mứt, kẹo và dụng cụ, vật liệu bao gói chứa đựng thực phẩm thuộc thẩm "
        "quyền quản lý của ngành Công Thương; đáp ứng điều kiện về cơ sở vật chất, trang thiết bị "
        "và con người. Giấy chứng nhận có thời hạn 03 năm."
    ),
    applicant_types=TRADERS,
    result_type="certificate",
    result_name="Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(1_000_000, "Phí thẩm định", "Cơ sở kinh doanh thực phẩm"),
        FeeSpec(500_000, "Phí thẩm định", "Cơ sở sản xuất thực phẩm nhỏ lẻ"),
        FeeSpec(2_500_000, "Phí thẩm định", "Cơ sở sản xuất thực phẩm khác"),
    ),
    components=(
        ComponentSpec("Đơn đề nghị cấp Giấy chứng nhận (theo mẫu)", original_count=1),
        REGISTRATION_CERTIFICATE,
        ComponentSpec(
            "Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện an toàn "
            "thực phẩm (theo mẫu)",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm của chủ cơ sở và người "
            "trực tiếp sản xuất, kinh doanh thực phẩm",
            copy_count=1,
        ),
        ComponentSpec(
            "Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất, kinh doanh "
            "thực phẩm do cơ sở y tế cấp huyện trở lên cấp",
            copy_count=1,
        ),
    ),
    steps=(
        StepSpec("receive", "Tiếp nhận, kiểm tra hồ sơ", Decimal(0), role="officer"),
        StepSpec("process", "Thẩm định hồ sơ", Decimal(5), role="specialist"),
        StepSpec(
            "process",
            "Thành lập đoàn, thẩm định thực tế điều kiện an toàn thực phẩm tại cơ sở",
            Decimal(10),
            role="specialist",
        ),
        StepSpec("process", "Dự thảo Giấy chứng nhận, trình ký", Decimal(3), role="specialist"),
        StepSpec(
            "approve", "Lãnh đạo Sở Công Thương ký Giấy chứng nhận", Decimal(2), role="leader"
        ),
        StepSpec("return", "Trả Giấy chứng nhận", Decimal(0), role="officer"),
    ),
)

FUEL_RETAIL = ProcedureSpec(
    code="1.013144",
    illustrative_code=True,
    name="Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
    field_code=TM[0],
    field_name=TM[1],
    level="province",
    agency=INDUSTRY_TRADE,
    time_limit=20,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=(
        "Nghị định số 83/2014/NĐ-CP về kinh doanh xăng dầu (sửa đổi, bổ sung bởi Nghị định số "
        "95/2021/NĐ-CP và Nghị định số 80/2023/NĐ-CP); Thông tư số 168/2016/TT-BTC"
    ),
    requirements=(
        "Cửa hàng thuộc sở hữu hoặc đồng sở hữu hoặc thuê với thời hạn thuê từ 05 năm trở lên của "
        "thương nhân; được thiết kế, xây dựng đúng quy chuẩn; người quản lý, nhân viên được đào "
        "tạo về phòng cháy, chữa cháy và bảo vệ môi trường. Giấy chứng nhận có thời hạn 05 năm."
    ),
    applicant_types=("Doanh nghiệp", "Hợp tác xã"),
    result_type="certificate",
    result_name="Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(1_200_000, "Phí thẩm định", "Cửa hàng tại phường"),
        FeeSpec(600_000, "Phí thẩm định", "Cửa hàng tại xã"),
    ),
    components=(
        ComponentSpec("Đơn đề nghị cấp Giấy chứng nhận (theo mẫu)", original_count=1),
        REGISTRATION_CERTIFICATE,
        ComponentSpec(
            "Giấy tờ chứng minh quyền sở hữu, đồng sở hữu hoặc hợp đồng thuê cửa hàng",
            copy_count=1,
        ),
        ComponentSpec(
            "Giấy phép xây dựng, bản vẽ thiết kế cửa hàng đã được phê duyệt và văn bản nghiệm "
            "thu về phòng cháy, chữa cháy",
            copy_count=1,
        ),
        ComponentSpec(
            "Giấy chứng nhận đã qua đào tạo, huấn luyện nghiệp vụ phòng cháy, chữa cháy của "
            "người quản lý và nhân viên cửa hàng",
            copy_count=1,
        ),
    ),
)


# Budget relations -----------------------------------------------------------------------------

BUDGET_UNITS = ("Cơ quan nhà nước", "Đơn vị sự nghiệp công lập", "Chủ đầu tư dự án")

BUDGET_CODE = ProcedureSpec(
    code="1.013150",
    illustrative_code=True,
    name="Cấp mã số đơn vị có quan hệ với ngân sách",
    field_code=TC[0],
    field_name=TC[1],
    level="province",
    agency=FINANCE,
    time_limit=2,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=BUDGET_CODE_LAW,
    requirements=(
        "Đơn vị dự toán, đơn vị sử dụng ngân sách, đơn vị khác có quan hệ với ngân sách và chủ "
        "đầu tư dự án đầu tư sử dụng vốn ngân sách nhà nước đăng ký mã số để giao dịch với Kho "
        "bạc Nhà nước và cơ quan tài chính."
    ),
    applicant_types=BUDGET_UNITS,
    result_type="certificate",
    result_name="Giấy chứng nhận đăng ký mã số đơn vị có quan hệ với ngân sách",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Tờ khai đăng ký mã số đơn vị có quan hệ với ngân sách (theo mẫu dành cho đơn vị dự "
            "toán hoặc dự án đầu tư)",
            original_count=1,
        ),
        ComponentSpec(
            "Quyết định thành lập đơn vị hoặc văn bản giao dự toán",
            copy_count=1,
            required=False,
            condition="Khi đăng ký cho đơn vị dự toán, đơn vị sử dụng ngân sách",
        ),
        ComponentSpec(
            "Quyết định phê duyệt chủ trương đầu tư hoặc quyết định đầu tư dự án",
            copy_count=1,
            required=False,
            condition="Khi đăng ký cho dự án đầu tư",
        ),
    ),
)

BUDGET_CODE_CHANGE = ProcedureSpec(
    code="1.013151",
    illustrative_code=True,
    name="Thay đổi thông tin đăng ký mã số đơn vị có quan hệ với ngân sách",
    field_code=TC[0],
    field_name=TC[1],
    level="province",
    agency=FINANCE,
    time_limit=2,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=BUDGET_CODE_LAW,
    requirements=(
        "Đơn vị đã được cấp mã số có thay đổi thông tin (tên, cơ quan chủ quản, địa chỉ, dự án "
        "được điều chỉnh ...) phải đăng ký thay đổi."
    ),
    applicant_types=BUDGET_UNITS,
    result_type="certificate",
    result_name="Giấy chứng nhận đăng ký mã số đơn vị có quan hệ với ngân sách (điều chỉnh)",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec("Tờ khai điều chỉnh thông tin đăng ký mã số (theo mẫu)", original_count=1),
        ComponentSpec("Văn bản làm căn cứ cho việc thay đổi thông tin", copy_count=1),
        ComponentSpec(
            "Giấy chứng nhận đăng ký mã số đơn vị có quan hệ với ngân sách đã cấp",
            original_count=1,
            replaced_by="KET_QUA",
        ),
    ),
)

PROCEDURES: tuple[ProcedureSpec, ...] = (
    SINGLE_MEMBER_LLC,
    MULTI_MEMBER_LLC,
    JOINT_STOCK,
    SOLE_PROPRIETORSHIP,
    ENTERPRISE_CHANGE,
    ENTERPRISE_SUSPENSION,
    ENTERPRISE_DISSOLUTION,
    HOUSEHOLD_REGISTRATION,
    HOUSEHOLD_CHANGE,
    HOUSEHOLD_SUSPENSION,
    HOUSEHOLD_CLOSURE,
    PROMOTION_NOTICE,
    ALCOHOL_RETAIL,
    ALCOHOL_WHOLESALE,
    FOOD_SAFETY,
    FUEL_RETAIL,
    BUDGET_CODE,
    BUDGET_CODE_CHANGE,
)
