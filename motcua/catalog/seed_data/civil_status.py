"""Curated procedures: civil status (Hộ tịch) and certification (Chứng thực), DOMAIN.md §11.

Field codes used by the curated files (short and stable; reuse them, never rename):
    HT    Hộ tịch                                     (this file)
    CT    Chứng thực                                  (this file)
    CTRU  Đăng ký, quản lý cư trú                     (residence_justice_transport.py)
    LLTP  Lý lịch tư pháp                             (residence_justice_transport.py)
    GT    Giao thông đường bộ                         (residence_justice_transport.py)
    KN    Giải quyết khiếu nại                        (residence_justice_transport.py)
    TCAO  Giải quyết tố cáo                           (residence_justice_transport.py)
    DN    Thành lập và hoạt động doanh nghiệp         (business_trade.py)
    HKD   Thành lập và hoạt động của hộ kinh doanh    (business_trade.py)
    TM    Thương mại                                  (business_trade.py)
    TC    Tài chính ngân sách                         (business_trade.py)

Level: civil status and certification are done by the commune People's Committee (Luật Hộ tịch
2014, Nghị định 23/2015/NĐ-CP); since 1 July 2025 the commune also takes over what the district
did (civil status with foreign elements, certification of documents in foreign languages), so
every procedure here is a commune one with agency = COMMUNES.

Fees: the amounts of lệ phí hộ tịch are set by each province's People's Council (Thông tư
85/2019/TT-BTC); the amounts below are typical of provincial resolutions, not Gia Lai's own.
Certification fees are national (Thông tư 226/2016/TT-BTC).

Codes: where the national code could not be confirmed it is a plausible stand-in marked
`illustrative_code=True`. The two interconnected procedures (Nghị định 63/2024/NĐ-CP) are
provided on the national public service portal, hence online_provider "central".
"""

from decimal import Decimal
from typing import Any

from .specs import COMMUNES, ComponentSpec, FeeSpec, ProcedureSpec, StepSpec

HT = ("HT", "Hộ tịch")
CT = ("CT", "Chứng thực")
POLICE = "000.00.12.H21"  # Công an tỉnh: the demo's only police agency (see the steps below)

CIVIL_STATUS_LAW = (
    "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ "
    "quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch (sửa đổi, bổ sung bởi "
    "Nghị định số 07/2025/NĐ-CP); Thông tư số 04/2020/TT-BTP ngày 28/5/2020 của Bộ Tư pháp; "
    "Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính; Nghị quyết của Hội đồng nhân "
    "dân tỉnh quy định mức thu lệ phí hộ tịch"
)
CERTIFICATION_LAW = (
    "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng "
    "thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch; Nghị định "
    "số 45/2020/NĐ-CP về thực hiện thủ tục hành chính trên môi trường điện tử; Thông tư số "
    "01/2020/TT-BTP ngày 03/3/2020 của Bộ Tư pháp; Thông tư số 226/2016/TT-BTC ngày 11/11/2016 "
    "của Bộ Tài chính quy định mức thu phí chứng thực"
)
INTERCONNECTED_LAW = (
    "Nghị định số 63/2024/NĐ-CP ngày 10/6/2024 của Chính phủ quy định việc thực hiện liên thông "
    "điện tử 02 nhóm thủ tục hành chính: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo "
    "hiểm y tế cho trẻ em dưới 6 tuổi; đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai "
    "táng phí, tử tuất; Luật Cư trú số 68/2020/QH14; Luật Bảo hiểm y tế"
)

SAME_DAY_NOTE = (
    "Ngay trong ngày tiếp nhận hồ sơ; hồ sơ nhận sau 15 giờ mà không giải quyết được ngay thì "
    "trả kết quả trong ngày làm việc tiếp theo."
)
CERTIFY_NOTE = (
    "Trong ngày tiếp nhận yêu cầu hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ; "
    "trường hợp yêu cầu chứng thực số lượng lớn thì có thể hẹn lại nhưng phải ghi rõ thời gian."
)
EXEMPT = (
    "Miễn lệ phí đối với người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, người "
    "khuyết tật"
)
COPY_FEE = FeeSpec(8_000, "Phí cấp bản sao trích lục hộ tịch", "Mỗi bản sao khi có yêu cầu")

ID_DOCUMENT = ComponentSpec(
    "Giấy tờ tùy thân có ảnh của người nộp hồ sơ: thẻ căn cước, thẻ căn cước công dân hoặc hộ "
    "chiếu (xuất trình; không phải xuất trình khi khai thác được từ Cơ sở dữ liệu quốc gia về dân "
    "cư hoặc đăng nhập bằng tài khoản định danh điện tử)",
    original_count=1,
    replaced_by="CSDLQG_DAN_CU",
)
AUTHORISATION = ComponentSpec(
    "Văn bản ủy quyền được chứng thực",
    original_count=1,
    required=False,
    condition=(
        "Khi ủy quyền cho người khác nộp hồ sơ; không phải chứng thực nếu người được ủy quyền là "
        "ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền"
    ),
)
MARRIAGE_CERTIFICATE = ComponentSpec(
    "Giấy chứng nhận kết hôn của cha, mẹ",
    original_count=1,
    required=False,
    condition="Khi cha, mẹ đã đăng ký kết hôn (không phải xuất trình nếu có trong cơ sở dữ liệu)",
    replaced_by="CSDL_HO_TICH",
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


def id_number(title: str) -> dict[str, Any]:
    return text(title, 12, pattern="^[0-9]{12}$", description="12 chữ số.")


def copies(title: str) -> dict[str, Any]:
    return {"type": "integer", "title": title, "minimum": 0, "maximum": 20, "default": 1}


SEX = ["Nam", "Nữ"]

CHILD_FIELDS: dict[str, Any] = {
    "child_full_name": text("Họ, chữ đệm, tên của trẻ", 100),
    "child_sex": choice("Giới tính của trẻ", SEX),
    "child_birth_date": date("Ngày, tháng, năm sinh của trẻ"),
    "child_birth_place": text("Nơi sinh của trẻ", 300),
    "child_ethnicity": text("Dân tộc của trẻ", 50),
    "birth_notice_number": text("Số Giấy chứng sinh", 30),
    "mother_full_name": text("Họ, chữ đệm, tên của mẹ", 100),
    "mother_id_number": id_number("Số định danh cá nhân của mẹ"),
    "father_full_name": text("Họ, chữ đệm, tên của cha", 100),
    "father_id_number": id_number("Số định danh cá nhân của cha"),
}
CHILD_HELP = {
    "child_full_name": "Ghi chữ in hoa có dấu, đúng như sẽ ghi trong Giấy khai sinh.",
    "child_birth_place": "Tên cơ sở y tế nơi trẻ sinh ra, hoặc địa chỉ nơi sinh nếu sinh ngoài "
    "cơ sở y tế.",
    "father_full_name": "Để trống nếu chưa xác định được cha; việc nhận cha làm theo thủ tục "
    "đăng ký nhận cha, mẹ, con.",
}

BIRTH = ProcedureSpec(
    code="1.001193",
    name="Đăng ký khai sinh",
    field_code=HT[0],
    field_name=HT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=0,
    time_limit_unit="same_day",
    time_limit_note=SAME_DAY_NOTE,
    legal_basis=CIVIL_STATUS_LAW,
    requirements=(
        "Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày "
        "sinh con; trường hợp cha, mẹ không thể đi đăng ký thì ông, bà hoặc người thân thích "
        "khác, cá nhân, tổ chức đang nuôi dưỡng trẻ em có trách nhiệm đăng ký khai sinh. Đăng ký "
        "tại Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ. Trẻ được cấp số định danh cá nhân "
        "khi đăng ký khai sinh."
    ),
    result_type="certificate",
    result_name="Giấy khai sinh (bản chính) và bản sao Giấy khai sinh nếu có yêu cầu",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(0, "Lệ phí đăng ký khai sinh", "Đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh)"),
        FeeSpec(
            8_000,
            "Lệ phí đăng ký khai sinh quá hạn",
            "Đăng ký sau 60 ngày kể từ ngày sinh; " + EXEMPT.lower(),
        ),
        COPY_FEE,
    ),
    components=(
        ComponentSpec("Tờ khai đăng ký khai sinh (theo mẫu)", original_count=1),
        ComponentSpec(
            "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc "
            "sinh hoặc giấy cam đoan về việc sinh",
            original_count=1,
        ),
        ComponentSpec(
            "Biên bản xác nhận việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập",
            original_count=1,
            required=False,
            condition="Khi đăng ký khai sinh cho trẻ bị bỏ rơi",
        ),
        ComponentSpec(
            "Văn bản chứng minh việc mang thai hộ",
            original_count=1,
            required=False,
            condition="Khi trẻ được sinh ra do mang thai hộ",
        ),
        MARRIAGE_CERTIFICATE,
        ID_DOCUMENT,
        AUTHORISATION,
    ),
    form_schema={
        "type": "object",
        "properties": {
            **CHILD_FIELDS,
            "relationship": choice(
                "Quan hệ của người đi đăng ký với trẻ",
                ["Cha", "Mẹ", "Ông", "Bà", "Người thân thích khác", "Người được ủy quyền"],
            ),
            "copies_requested": copies("Số bản sao Giấy khai sinh đề nghị cấp"),
        },
        "required": [
            "child_full_name",
            "child_sex",
            "child_birth_date",
            "child_birth_place",
            "mother_full_name",
            "relationship",
        ],
    },
    form_ui={
        "order": [*CHILD_FIELDS, "relationship", "copies_requested"],
        "widgets": {"child_sex": "radio", "child_birth_place": "textarea"},
        "help": {
            **CHILD_HELP,
            "copies_requested": "Mỗi bản sao thu phí 8.000 đồng.",
        },
    },
)

MARRIAGE = ProcedureSpec(
    code="1.000894",
    name="Đăng ký kết hôn",
    field_code=HT[0],
    field_name=HT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=0,
    time_limit_unit="same_day",
    time_limit_note=(
        SAME_DAY_NOTE + " Trường hợp cần xác minh điều kiện kết hôn thì không quá 05 ngày làm việc."
    ),
    legal_basis=f"Luật Hôn nhân và gia đình số 52/2014/QH13; {CIVIL_STATUS_LAW}",
    requirements=(
        "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; việc kết hôn do nam và nữ tự nguyện quyết định; "
        "không bị mất năng lực hành vi dân sự; không thuộc các trường hợp cấm kết hôn. Hai bên "
        "nam, nữ phải có mặt khi đăng ký kết hôn để ký vào Sổ hộ tịch và Giấy chứng nhận kết hôn."
    ),
    applicant_types=("Công dân Việt Nam",),
    result_type="certificate",
    result_name="Giấy chứng nhận kết hôn (mỗi bên vợ, chồng 01 bản chính)",
    legacy_level=3,
    online_class="partial",
    fees=(
        FeeSpec(0, "Lệ phí đăng ký kết hôn", "Miễn đối với công dân Việt Nam cư trú ở trong nước"),
        COPY_FEE,
    ),
    components=(
        ComponentSpec("Tờ khai đăng ký kết hôn (theo mẫu; hai bên có thể khai chung)", 1),
        ComponentSpec(
            "Giấy xác nhận tình trạng hôn nhân",
            original_count=1,
            required=False,
            condition=(
                "Khi đăng ký kết hôn tại Ủy ban nhân dân cấp xã không phải nơi thường trú của bên "
                "nam hoặc bên nữ"
            ),
            replaced_by="CSDL_HO_TICH",
        ),
        ComponentSpec(
            "Bản sao bản án, quyết định ly hôn đã có hiệu lực pháp luật",
            copy_count=1,
            required=False,
            condition="Khi một bên đã ly hôn mà việc ly hôn chưa được ghi vào sổ hộ tịch",
        ),
        ComponentSpec(
            "Giấy tờ tùy thân của hai bên nam, nữ (xuất trình)", 1, replaced_by=("CSDLQG_DAN_CU")
        ),
    ),
    form_schema={
        "type": "object",
        "properties": {
            "groom_full_name": text("Họ, chữ đệm, tên bên nam", 100),
            "groom_birth_date": date("Ngày, tháng, năm sinh bên nam"),
            "groom_id_number": id_number("Số định danh cá nhân bên nam"),
            "groom_status": choice(
                "Tình trạng hôn nhân trước đây của bên nam",
                ["Chưa kết hôn lần nào", "Đã ly hôn", "Vợ đã chết"],
            ),
            "bride_full_name": text("Họ, chữ đệm, tên bên nữ", 100),
            "bride_birth_date": date("Ngày, tháng, năm sinh bên nữ"),
            "bride_id_number": id_number("Số định danh cá nhân bên nữ"),
            "bride_status": choice(
                "Tình trạng hôn nhân trước đây của bên nữ",
                ["Chưa kết hôn lần nào", "Đã ly hôn", "Chồng đã chết"],
            ),
            "signing_date": date("Ngày dự kiến hai bên đến ký Giấy chứng nhận kết hôn"),
            "copies_requested": copies("Số bản sao trích lục kết hôn đề nghị cấp"),
        },
        "required": [
            "groom_full_name",
            "groom_birth_date",
            "groom_id_number",
            "groom_status",
            "bride_full_name",
            "bride_birth_date",
            "bride_id_number",
            "bride_status",
        ],
    },
    form_ui={
        "order": [
            "groom_full_name",
            "groom_birth_date",
            "groom_id_number",
            "groom_status",
            "bride_full_name",
            "bride_birth_date",
            "bride_id_number",
            "bride_status",
            "signing_date",
            "copies_requested",
        ],
        "widgets": {"groom_status": "radio", "bride_status": "radio"},
        "help": {
            "signing_date": "Cả hai bên phải có mặt tại Ủy ban nhân dân cấp xã khi ký.",
        },
    },
)

DECEASED_FIELDS: dict[str, Any] = {
    "deceased_full_name": text("Họ, chữ đệm, tên người đã chết", 100),
    "deceased_id_number": id_number("Số định danh cá nhân của người đã chết"),
    "deceased_birth_date": date("Ngày, tháng, năm sinh của người đã chết"),
    "death_date": date("Ngày chết"),
    "death_place": text("Nơi chết", 300),
    "death_cause": text("Nguyên nhân chết", 300),
    "death_notice_number": text("Số Giấy báo tử hoặc giấy tờ thay Giấy báo tử", 30),
    "death_notice_issuer": text("Cơ quan cấp Giấy báo tử", 200),
    "relationship": choice(
        "Quan hệ của người đi đăng ký với người đã chết",
        ["Vợ", "Chồng", "Con", "Cha", "Mẹ", "Người thân thích khác", "Đại diện cơ quan, tổ chức"],
    ),
}
DECEASED_REQUIRED = ["deceased_full_name", "death_date", "death_place", "relationship"]
DEATH_NOTICE = ComponentSpec(
    "Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp (bệnh viện, cơ quan "
    "công an, Tòa án ...)",
    original_count=1,
)

DEATH = ProcedureSpec(
    code="1.000656",
    name="Đăng ký khai tử",
    field_code=HT[0],
    field_name=HT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=0,
    time_limit_unit="same_day",
    time_limit_note=SAME_DAY_NOTE + " Trường hợp cần xác minh thì không quá 03 ngày làm việc.",
    legal_basis=CIVIL_STATUS_LAW,
    requirements=(
        "Trong thời hạn 15 ngày kể từ ngày có người chết, vợ, chồng hoặc con, cha, mẹ hoặc người "
        "thân thích khác của người chết có trách nhiệm đăng ký khai tử; trường hợp người chết "
        "không có người thân thích thì đại diện cơ quan, tổ chức, cá nhân liên quan đi đăng ký. "
        "Đăng ký tại Ủy ban nhân dân cấp xã nơi cư trú cuối cùng của người chết."
    ),
    result_type="document",
    result_name="Trích lục khai tử (bản chính)",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(0, "Lệ phí đăng ký khai tử", "Đăng ký đúng hạn (trong 15 ngày kể từ ngày chết)"),
        FeeSpec(
            8_000,
            "Lệ phí đăng ký khai tử quá hạn",
            "Đăng ký sau 15 ngày kể từ ngày chết; " + EXEMPT.lower(),
        ),
        COPY_FEE,
    ),
    components=(
        ComponentSpec("Tờ khai đăng ký khai tử (theo mẫu)", original_count=1),
        DEATH_NOTICE,
        ID_DOCUMENT,
        AUTHORISATION,
    ),
    form_schema={
        "type": "object",
        "properties": {
            **DECEASED_FIELDS,
            "copies_requested": copies("Số bản sao trích lục khai tử đề nghị cấp"),
        },
        "required": DECEASED_REQUIRED,
    },
    form_ui={
        "order": [*DECEASED_FIELDS, "copies_requested"],
        "widgets": {"death_place": "textarea", "death_cause": "textarea"},
        "help": {
            "death_notice_number": "Ghi theo Giấy báo tử của bệnh viện hoặc văn bản của cơ quan "
            "có thẩm quyền.",
        },
    },
)

MARITAL_STATUS = ProcedureSpec(
    code="1.004873",
    name="Cấp Giấy xác nhận tình trạng hôn nhân",
    field_code=HT[0],
    field_name=HT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp phải xác minh tình trạng hôn nhân tại nơi "
        "đã cư trú trước đây thì được kéo dài thêm theo thời gian xác minh."
    ),
    legal_basis=CIVIL_STATUS_LAW,
    requirements=(
        "Giấy xác nhận tình trạng hôn nhân có giá trị 06 tháng kể từ ngày cấp và chỉ được sử "
        "dụng vào mục đích ghi trong Giấy xác nhận. Người đã có vợ, chồng nhưng đã ly hôn hoặc "
        "người kia đã chết thì phải xuất trình giấy tờ chứng minh."
    ),
    result_type="certificate",
    result_name="Giấy xác nhận tình trạng hôn nhân",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(5_000, "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân"),
        FeeSpec(0, "Miễn lệ phí", EXEMPT),
    ),
    components=(
        ComponentSpec("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)", 1),
        ComponentSpec(
            "Bản án, quyết định ly hôn đã có hiệu lực hoặc trích lục khai tử của vợ, chồng",
            copy_count=1,
            required=False,
            condition="Khi người yêu cầu đã có vợ, chồng nhưng đã ly hôn hoặc người kia đã chết",
            replaced_by="CSDL_HO_TICH",
        ),
        ComponentSpec(
            "Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây",
            original_count=1,
            required=False,
            condition="Khi đề nghị cấp lại để sử dụng vào mục đích khác hoặc vì đã hết hạn",
            replaced_by="KET_QUA",
        ),
        ID_DOCUMENT,
        AUTHORISATION,
    ),
    form_schema={
        "type": "object",
        "properties": {
            "marital_status": choice(
                "Tình trạng hôn nhân hiện nay",
                [
                    "Chưa kết hôn lần nào",
                    "Đã ly hôn, chưa kết hôn lại",
                    "Vợ hoặc chồng đã chết, chưa kết hôn lại",
                    "Đang có vợ hoặc chồng",
                ],
            ),
            "purpose": choice(
                "Mục đích sử dụng Giấy xác nhận",
                ["Đăng ký kết hôn", "Mua bán, chuyển nhượng tài sản", "Vay vốn", "Mục đích khác"],
            ),
            "purpose_detail": text("Ghi rõ mục đích sử dụng", 300),
            "intended_spouse": text("Họ, chữ đệm, tên người dự định kết hôn", 100),
            "intended_marriage_place": text("Nơi dự định đăng ký kết hôn", 200),
            "previous_residences": text("Các nơi đã thường trú trước đây (nếu có)", 500),
        },
        "required": ["marital_status", "purpose"],
    },
    form_ui={
        "order": [
            "marital_status",
            "purpose",
            "purpose_detail",
            "intended_spouse",
            "intended_marriage_place",
            "previous_residences",
        ],
        "widgets": {"marital_status": "radio", "previous_residences": "textarea"},
        "help": {
            "intended_spouse": "Chỉ ghi khi mục đích là đăng ký kết hôn.",
            "previous_residences": "Giúp cơ quan đăng ký xác minh nhanh khi bạn từng cư trú ở "
            "nhiều nơi.",
        },
    },
)

EXTRACT_COPY = ProcedureSpec(
    code="2.000635",
    name="Cấp bản sao trích lục hộ tịch",
    field_code=HT[0],
    field_name=HT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=0,
    time_limit_unit="same_day",
    time_limit_note=SAME_DAY_NOTE,
    legal_basis=CIVIL_STATUS_LAW,
    requirements=(
        "Cá nhân, tổ chức có yêu cầu cấp bản sao trích lục về sự kiện hộ tịch của mình hoặc của "
        "người khác (khi được ủy quyền hoặc theo quy định của pháp luật) đã đăng ký tại cơ quan "
        "đăng ký hộ tịch, hoặc có trong Cơ sở dữ liệu hộ tịch điện tử."
    ),
    applicant_types=("Công dân Việt Nam", "Người nước ngoài", "Tổ chức"),
    result_type="document",
    result_name="Bản sao trích lục hộ tịch",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(8_000, "Phí cấp bản sao trích lục hộ tịch (mỗi bản)"),),
    components=(
        ComponentSpec("Tờ khai cấp bản sao trích lục hộ tịch (theo mẫu)", 1),
        ID_DOCUMENT,
        AUTHORISATION,
    ),
    form_schema={
        "type": "object",
        "properties": {
            "event_type": choice(
                "Sự kiện hộ tịch cần cấp bản sao trích lục",
                [
                    "Khai sinh",
                    "Kết hôn",
                    "Khai tử",
                    "Nhận cha, mẹ, con",
                    "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
                    "Giám hộ",
                ],
            ),
            "person_name": text("Họ, chữ đệm, tên người có sự kiện hộ tịch", 100),
            "registration_number": text("Số đăng ký (ghi trên giấy tờ hộ tịch, nếu biết)", 30),
            "registration_date": date("Ngày đăng ký (nếu biết)"),
            "registration_place": text("Cơ quan đã đăng ký", 200),
            "copies_requested": copies("Số bản sao đề nghị cấp"),
        },
        "required": ["event_type", "person_name", "copies_requested"],
    },
    form_ui={
        "order": [
            "event_type",
            "person_name",
            "registration_number",
            "registration_date",
            "registration_place",
            "copies_requested",
        ],
        "widgets": {},
        "help": {"copies_requested": "Mỗi bản sao thu phí 8.000 đồng."},
    },
)

PARENTAGE = ProcedureSpec(
    code="1.001022",
    name="Đăng ký nhận cha, mẹ, con",
    field_code=HT[0],
    field_name=HT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp cần xác minh thì kéo dài thêm không quá 05 "
        "ngày làm việc."
    ),
    legal_basis=CIVIL_STATUS_LAW,
    requirements=(
        "Việc nhận cha, mẹ, con phải không có tranh chấp; người nhận và người được nhận là cha, "
        "mẹ, con phải còn sống vào thời điểm đăng ký. Khi đăng ký, người nhận và người được nhận "
        "phải có mặt."
    ),
    result_type="document",
    result_name="Trích lục đăng ký nhận cha, mẹ, con",
    legacy_level=3,
    online_class="partial",
    postal_return=True,
    fees=(
        FeeSpec(15_000, "Lệ phí đăng ký nhận cha, mẹ, con"),
        FeeSpec(0, "Miễn lệ phí", EXEMPT),
    ),
    components=(
        ComponentSpec("Tờ khai đăng ký nhận cha, mẹ, con (theo mẫu)", 1),
        ComponentSpec(
            "Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan khác có thẩm quyền xác nhận "
            "quan hệ cha con, mẹ con; nếu không có thì thư từ, phim ảnh, băng đĩa, đồ dùng, vật "
            "dụng khác chứng minh quan hệ và văn bản cam đoan của cha, mẹ có ít nhất hai người "
            "làm chứng",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy khai sinh của người được nhận là con",
            original_count=1,
            replaced_by="CSDL_HO_TICH",
        ),
        ID_DOCUMENT,
    ),
)

AMENDMENT = ProcedureSpec(
    code="1.004859",
    name="Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
    field_code=HT[0],
    field_name=HT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp cần xác minh thì kéo dài thêm không quá 03 "
        "ngày làm việc. Bổ sung thông tin hộ tịch được giải quyết ngay trong ngày."
    ),
    legal_basis=f"Bộ luật Dân sự số 91/2015/QH13; {CIVIL_STATUS_LAW}",
    requirements=(
        "Thay đổi họ, chữ đệm, tên cho người dưới 18 tuổi phải có sự đồng ý của cha, mẹ; nếu "
        "người đó từ đủ 09 tuổi trở lên thì phải có sự đồng ý của chính người đó. Cải chính hộ "
        "tịch chỉ khi có đủ căn cứ xác định có sai sót do người đăng ký hoặc cơ quan đăng ký."
    ),
    result_type="document",
    result_name="Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(15_000, "Lệ phí đăng ký thay đổi, cải chính hộ tịch"),
        FeeSpec(0, "Miễn lệ phí", EXEMPT),
    ),
    components=(
        ComponentSpec("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", 1),
        ComponentSpec(
            "Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung thông tin hộ tịch",
            copy_count=1,
        ),
        ComponentSpec(
            "Giấy tờ hộ tịch đã cấp có thông tin cần thay đổi, cải chính, bổ sung",
            original_count=1,
            replaced_by="CSDL_HO_TICH",
        ),
        ID_DOCUMENT,
        AUTHORISATION,
    ),
    form_schema={
        "type": "object",
        "properties": {
            "change_type": choice(
                "Nội dung đề nghị",
                [
                    "Thay đổi họ, chữ đệm, tên",
                    "Cải chính thông tin hộ tịch",
                    "Bổ sung thông tin hộ tịch",
                    "Xác định lại dân tộc",
                ],
            ),
            "record_type": choice(
                "Giấy tờ hộ tịch cần sửa",
                ["Giấy khai sinh", "Giấy chứng nhận kết hôn", "Trích lục khai tử", "Khác"],
            ),
            "person_name": text("Họ, chữ đệm, tên người có thông tin cần sửa", 100),
            "current_content": text("Nội dung hiện đang ghi", 500),
            "requested_content": text("Nội dung đề nghị ghi lại", 500),
            "reason": text("Lý do", 500),
        },
        "required": [
            "change_type",
            "record_type",
            "person_name",
            "current_content",
            "requested_content",
            "reason",
        ],
    },
    form_ui={
        "order": [
            "change_type",
            "record_type",
            "person_name",
            "current_content",
            "requested_content",
            "reason",
        ],
        "widgets": {
            "change_type": "radio",
            "current_content": "textarea",
            "requested_content": "textarea",
            "reason": "textarea",
        },
        "help": {"reason": "Ví dụ: sai năm sinh của mẹ so với thẻ căn cước của mẹ."},
    },
)

LATE_BIRTH = ProcedureSpec(
    code="1.004884",
    illustrative_code=True,
    name="Đăng ký lại khai sinh",
    field_code=HT[0],
    field_name=HT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=5,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp phải xác minh tại cơ quan đã đăng ký khai "
        "sinh trước đây thì kéo dài thêm không quá 05 ngày làm việc."
    ),
    legal_basis=CIVIL_STATUS_LAW,
    requirements=(
        "Việc khai sinh đã được đăng ký tại cơ quan có thẩm quyền của Việt Nam trước ngày "
        "01/01/2016 nhưng Sổ hộ tịch và bản chính giấy tờ hộ tịch đều bị mất."
    ),
    result_type="certificate",
    result_name="Giấy khai sinh (bản chính)",
    legacy_level=3,
    online_class="partial",
    postal_return=True,
    fees=(FeeSpec(8_000, "Lệ phí đăng ký lại khai sinh"), FeeSpec(0, "Miễn lệ phí", EXEMPT)),
    components=(
        ComponentSpec("Tờ khai đăng ký lại khai sinh (theo mẫu)", 1),
        ComponentSpec(
            "Bản sao Giấy khai sinh, hoặc giấy tờ, tài liệu có nội dung liên quan đến việc khai "
            "sinh do cơ quan có thẩm quyền cấp",
            copy_count=1,
        ),
        ComponentSpec(
            "Văn bản cam đoan của người yêu cầu về việc đã đăng ký khai sinh nhưng không lưu giữ "
            "được bản chính Giấy khai sinh",
            original_count=1,
        ),
        ID_DOCUMENT,
    ),
)

GUARDIANSHIP = ProcedureSpec(
    code="1.004837",
    illustrative_code=True,
    name="Đăng ký giám hộ",
    field_code=HT[0],
    field_name=HT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    legal_basis=f"Bộ luật Dân sự số 91/2015/QH13; {CIVIL_STATUS_LAW}",
    requirements=(
        "Người giám hộ phải có đủ điều kiện theo Bộ luật Dân sự; giám hộ cử phải có sự đồng ý "
        "của người được cử làm giám hộ. Đăng ký tại Ủy ban nhân dân cấp xã nơi cư trú của người "
        "được giám hộ hoặc người giám hộ."
    ),
    result_type="document",
    result_name="Trích lục đăng ký giám hộ",
    legacy_level=3,
    online_class="partial",
    postal_return=True,
    fees=(FeeSpec(0, "Lệ phí đăng ký giám hộ", "Miễn lệ phí đăng ký giám hộ"),),
    components=(
        ComponentSpec("Tờ khai đăng ký giám hộ (theo mẫu)", 1),
        ComponentSpec(
            "Văn bản cử người giám hộ; hoặc giấy tờ chứng minh điều kiện của người giám hộ đương "
            "nhiên",
            original_count=1,
        ),
        ID_DOCUMENT,
    ),
)

# The two interconnected groups of Nghị định 63/2024/NĐ-CP. In reality the dossier goes from the
# commune's civil-status officer to the commune police (residence) and to the social insurance
# agency (health insurance card, funeral and survivor allowances). The demo province has one
# police agency, Công an tỉnh (000.00.12.H21), which stands for the commune police here, and no
# social insurance agency: the health-insurance step is left out of the steps (the card is
# issued by Bảo hiểm xã hội outside MotCua), and the funeral allowance kept in the steps is the
# social-assistance one the commune chairman decides (Nghị định 20/2021/NĐ-CP). The time limits
# follow what provinces publish for these groups; the split between steps is ours.

BIRTH_RESIDENCE_INSURANCE = ProcedureSpec(
    code="1.013101",
    illustrative_code=True,
    name="Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    field_code=HT[0],
    field_name=HT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=5,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ, cho cả nhóm thủ tục liên thông.",
    legal_basis=f"{INTERCONNECTED_LAW}; {CIVIL_STATUS_LAW}",
    requirements=(
        "Cha, mẹ hoặc người đi đăng ký khai sinh có thể đề nghị cùng lúc đăng ký thường trú và "
        "cấp thẻ bảo hiểm y tế cho trẻ. Nơi đăng ký thường trú của trẻ là nơi thường trú của cha, "
        "mẹ hoặc của một trong hai người; nơi khác phải có sự đồng ý của chủ hộ, chủ sở hữu chỗ ở "
        "hợp pháp. Việc đăng ký thường trú do Công an cấp xã thực hiện, thẻ bảo hiểm y tế do cơ "
        "quan Bảo hiểm xã hội cấp."
    ),
    result_type="certificate",
    result_name=(
        "Giấy khai sinh; thông báo kết quả đăng ký thường trú; thẻ bảo hiểm y tế (bản điện tử "
        "trên ứng dụng VNeID hoặc VssID)"
    ),
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(0, "Lệ phí đăng ký khai sinh", "Đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh)"),
        FeeSpec(8_000, "Lệ phí đăng ký khai sinh quá hạn", "Đăng ký sau 60 ngày kể từ ngày sinh"),
        FeeSpec(0, "Lệ phí đăng ký thường trú", "Trẻ em được miễn lệ phí đăng ký cư trú"),
    ),
    components=(
        ComponentSpec(
            "Tờ khai liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế "
            "(theo mẫu điện tử tương tác)",
            original_count=1,
        ),
        ComponentSpec("Giấy chứng sinh (bản chụp hoặc bản điện tử)", original_count=1),
        MARRIAGE_CERTIFICATE,
        ComponentSpec(
            "Văn bản đồng ý cho đăng ký thường trú của chủ hộ, chủ sở hữu chỗ ở hợp pháp",
            original_count=1,
            required=False,
            condition=(
                "Khi trẻ đăng ký thường trú tại chỗ ở không phải nơi thường trú của cha, mẹ"
            ),
        ),
        ID_DOCUMENT,
        AUTHORISATION,
    ),
    steps=(
        StepSpec("receive", "Tiếp nhận, kiểm tra hồ sơ liên thông", Decimal(0), role="officer"),
        StepSpec(
            "process",
            "Đăng ký khai sinh, cấp số định danh cá nhân cho trẻ",
            Decimal(1),
            role="specialist",
        ),
        StepSpec("approve", "Ký Giấy khai sinh", Decimal("0.5"), role="leader"),
        StepSpec(
            "transfer",
            "Liên thông đăng ký thường trú cho trẻ (cơ quan công an)",
            Decimal(3),
            agency=POLICE,
        ),
        StepSpec(
            "process",
            "Nhận kết quả đăng ký thường trú, hoàn tất hồ sơ liên thông",
            Decimal("0.5"),
            role="specialist",
        ),
        StepSpec("return", "Trả kết quả cho người nộp", Decimal(0), role="officer"),
    ),
    form_schema={
        "type": "object",
        "properties": {
            **CHILD_FIELDS,
            "residence_choice": choice(
                "Nơi đăng ký thường trú cho trẻ",
                [
                    "Cùng nơi thường trú của mẹ",
                    "Cùng nơi thường trú của cha",
                    "Nơi khác (có văn bản đồng ý của chủ hộ)",
                ],
            ),
            "residence_address": text("Địa chỉ đăng ký thường trú cho trẻ", 300),
            "health_facility": text("Nơi đăng ký khám bệnh, chữa bệnh ban đầu của trẻ", 200),
        },
        "required": [
            "child_full_name",
            "child_sex",
            "child_birth_date",
            "child_birth_place",
            "mother_full_name",
            "residence_choice",
        ],
    },
    form_ui={
        "order": [*CHILD_FIELDS, "residence_choice", "residence_address", "health_facility"],
        "widgets": {
            "child_sex": "radio",
            "child_birth_place": "textarea",
            "residence_choice": "radio",
            "residence_address": "textarea",
        },
        "help": {
            **CHILD_HELP,
            "residence_address": "Chỉ ghi khi chọn nơi khác nơi thường trú của cha, mẹ.",
            "health_facility": "Để trống: cơ quan bảo hiểm xã hội chọn trạm y tế xã nơi trẻ "
            "thường trú.",
        },
    },
)

DEATH_RESIDENCE_FUNERAL = ProcedureSpec(
    code="1.013102",
    illustrative_code=True,
    name="Đăng ký khai tử, xóa đăng ký thường trú, trợ cấp mai táng",
    field_code=HT[0],
    field_name=HT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=5,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ, cho cả nhóm thủ tục liên thông.",
    legal_basis=(
        f"{INTERCONNECTED_LAW}; Luật Bảo hiểm xã hội số 41/2024/QH15; Nghị định số "
        f"20/2021/NĐ-CP quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội; "
        f"{CIVIL_STATUS_LAW}"
    ),
    requirements=(
        "Người đi đăng ký khai tử có thể đề nghị cùng lúc xóa đăng ký thường trú và giải quyết "
        "trợ cấp mai táng cho người đã chết. Trợ cấp mai táng theo chế độ bảo hiểm xã hội do cơ "
        "quan Bảo hiểm xã hội giải quyết; hỗ trợ chi phí mai táng đối với đối tượng bảo trợ xã "
        "hội do Chủ tịch Ủy ban nhân dân cấp xã quyết định."
    ),
    result_type="document",
    result_name=(
        "Trích lục khai tử; thông báo xóa đăng ký thường trú; quyết định hưởng trợ cấp mai táng"
    ),
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(0, "Lệ phí đăng ký khai tử", "Đăng ký đúng hạn (trong 15 ngày kể từ ngày chết)"),
        FeeSpec(8_000, "Lệ phí đăng ký khai tử quá hạn", "Đăng ký sau 15 ngày kể từ ngày chết"),
    ),
    components=(
        ComponentSpec(
            "Tờ khai liên thông đăng ký khai tử, xóa đăng ký thường trú, trợ cấp mai táng (theo "
            "mẫu điện tử tương tác)",
            original_count=1,
        ),
        DEATH_NOTICE,
        ComponentSpec(
            "Sổ bảo hiểm xã hội của người đã chết",
            original_count=1,
            required=False,
            condition="Khi người chết đang đóng hoặc đang hưởng bảo hiểm xã hội",
            replaced_by="CSDL_BHXH",
        ),
        ComponentSpec(
            "Quyết định hưởng trợ cấp xã hội hằng tháng của người đã chết",
            copy_count=1,
            required=False,
            condition="Khi người chết là đối tượng bảo trợ xã hội đang hưởng trợ cấp hằng tháng",
            replaced_by="KET_QUA",
        ),
        ID_DOCUMENT,
        AUTHORISATION,
    ),
    steps=(
        StepSpec("receive", "Tiếp nhận, kiểm tra hồ sơ liên thông", Decimal(0), role="officer"),
        StepSpec("process", "Đăng ký khai tử", Decimal("0.5"), role="specialist"),
        StepSpec("approve", "Ký Trích lục khai tử", Decimal("0.5"), role="leader"),
        StepSpec(
            "transfer",
            "Liên thông xóa đăng ký thường trú (cơ quan công an)",
            Decimal(1),
            agency=POLICE,
        ),
        StepSpec(
            "process",
            "Thẩm định hồ sơ hỗ trợ chi phí mai táng",
            Decimal(2),
            role="specialist",
        ),
        StepSpec(
            "approve",
            "Chủ tịch Ủy ban nhân dân cấp xã quyết định hỗ trợ chi phí mai táng",
            Decimal(1),
            role="leader",
        ),
        StepSpec("return", "Trả kết quả cho người nộp", Decimal(0), role="officer"),
    ),
    form_schema={
        "type": "object",
        "properties": {
            **DECEASED_FIELDS,
            "funeral_organiser": text("Họ, chữ đệm, tên người lo mai táng", 100),
            "payment_method": choice(
                "Hình thức nhận trợ cấp mai táng", ["Nhận tiền mặt", "Chuyển khoản ngân hàng"]
            ),
            "bank_account": text("Số tài khoản ngân hàng", 30, pattern="^[0-9]{6,30}$"),
            "bank_name": text("Tên ngân hàng", 100),
        },
        "required": [*DECEASED_REQUIRED, "funeral_organiser", "payment_method"],
    },
    form_ui={
        "order": [
            *DECEASED_FIELDS,
            "funeral_organiser",
            "payment_method",
            "bank_account",
            "bank_name",
        ],
        "widgets": {
            "death_place": "textarea",
            "death_cause": "textarea",
            "payment_method": "radio",
        },
        "help": {"bank_account": "Chỉ ghi khi chọn nhận qua chuyển khoản."},
    },
)

# Certification ------------------------------------------------------------------------------

CERTIFY_APPLICANTS = ("Công dân Việt Nam", "Người nước ngoài", "Tổ chức")
CONTRACT_PARTIES_ID = ComponentSpec(
    "Giấy tờ tùy thân còn giá trị sử dụng của người yêu cầu chứng thực (xuất trình)",
    original_count=1,
    replaced_by="CSDLQG_DAN_CU",
)
PROPERTY_PAPERS = ComponentSpec(
    "Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản hoặc giấy tờ thay thế theo quy định",
    copy_count=1,
    required=False,
    condition="Khi hợp đồng, giao dịch liên quan đến tài sản phải đăng ký quyền sở hữu, sử dụng",
)

COPY_CERTIFICATION = ProcedureSpec(
    code="2.000815",
    name=(
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của "
        "Việt Nam cấp hoặc chứng nhận"
    ),
    field_code=CT[0],
    field_name=CT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=0,
    time_limit_unit="same_day",
    time_limit_note=CERTIFY_NOTE,
    legal_basis=CERTIFICATION_LAW,
    requirements=(
        "Không chứng thực bản sao từ bản chính giấy tờ bị tẩy xóa, sửa chữa, thêm, bớt nội dung; "
        "bị hư hỏng, cũ nát không xác định được nội dung; có nội dung trái pháp luật; đóng dấu "
        "mật hoặc ghi không được sao chụp. Có thể chứng thực bản sao điện tử từ bản chính giấy "
        "tờ để nộp hồ sơ trực tuyến."
    ),
    applicant_types=CERTIFY_APPLICANTS,
    result_type="document",
    result_name="Bản sao được chứng thực từ bản chính (bản giấy hoặc bản điện tử)",
    legacy_level=3,
    online_class="partial",
    fees=(
        FeeSpec(2_000, "Phí chứng thực bản sao (mỗi trang, trang thứ nhất và thứ hai)"),
        FeeSpec(
            1_000,
            "Phí chứng thực bản sao (mỗi trang, từ trang thứ ba)",
            "Từ trang thứ ba trở đi; tối đa 200.000 đồng mỗi bản",
        ),
    ),
    components=(
        ComponentSpec("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", 1),
        ComponentSpec(
            "Bản sao cần chứng thực",
            copy_count=1,
            required=False,
            condition="Khi người yêu cầu tự chuẩn bị bản chụp (nếu không, cơ quan chụp từ bản "
            "chính)",
        ),
    ),
)

SIGNATURE_CERTIFICATION = ProcedureSpec(
    code="2.000884",
    illustrative_code=True,
    name=(
        "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm "
        "chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)"
    ),
    field_code=CT[0],
    field_name=CT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=0,
    time_limit_unit="same_day",
    time_limit_note=CERTIFY_NOTE,
    legal_basis=CERTIFICATION_LAW,
    requirements=(
        "Người yêu cầu chứng thực phải có mặt và ký trước mặt người thực hiện chứng thực; không "
        "chứng thực chữ ký trong giấy tờ có nội dung là hợp đồng, giao dịch (trừ các trường hợp "
        "pháp luật cho phép)."
    ),
    applicant_types=("Công dân Việt Nam", "Người nước ngoài"),
    result_type="document",
    result_name="Giấy tờ, văn bản đã được chứng thực chữ ký",
    fees=(FeeSpec(10_000, "Phí chứng thực chữ ký (mỗi trường hợp)"),),
    components=(
        CONTRACT_PARTIES_ID,
        ComponentSpec("Giấy tờ, văn bản mà người yêu cầu chứng thực sẽ ký", original_count=1),
    ),
)

CONTRACT_CERTIFICATION = ProcedureSpec(
    code="2.001035",
    illustrative_code=True,
    name=(
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và "
        "nhà ở"
    ),
    field_code=CT[0],
    field_name=CT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=2,
    time_limit_note=(
        "Trong ngày tiếp nhận hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ; trường hợp "
        "phức tạp thì không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ."
    ),
    legal_basis=f"Luật Đất đai số 31/2024/QH15; Luật Nhà ở số 27/2023/QH15; {CERTIFICATION_LAW}",
    requirements=(
        "Các bên tham gia hợp đồng, giao dịch phải có mặt và ký trước mặt người thực hiện chứng "
        "thực; người yêu cầu chứng thực chịu trách nhiệm về nội dung, tính hợp pháp của hợp đồng, "
        "giao dịch."
    ),
    applicant_types=CERTIFY_APPLICANTS,
    result_type="document",
    result_name="Hợp đồng, giao dịch được chứng thực",
    postal_return=True,
    fees=(FeeSpec(50_000, "Phí chứng thực hợp đồng, giao dịch (mỗi hợp đồng)"),),
    components=(
        ComponentSpec("Dự thảo hợp đồng, giao dịch", original_count=1),
        CONTRACT_PARTIES_ID,
        PROPERTY_PAPERS,
        ComponentSpec(
            "Giấy tờ chứng minh thẩm quyền của người đại diện",
            copy_count=1,
            required=False,
            condition="Khi người yêu cầu chứng thực là người đại diện",
        ),
    ),
)

CONTRACT_AMENDMENT = ProcedureSpec(
    code="2.001019",
    illustrative_code=True,
    name="Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch",
    field_code=CT[0],
    field_name=CT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=2,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=CERTIFICATION_LAW,
    requirements=(
        "Hợp đồng, giao dịch cần sửa đổi, bổ sung, hủy bỏ đã được chứng thực tại cơ quan thực hiện "
        "chứng thực; các bên đã giao kết hợp đồng phải có mặt."
    ),
    applicant_types=CERTIFY_APPLICANTS,
    result_type="document",
    result_name="Văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch được chứng thực",
    fees=(FeeSpec(30_000, "Phí chứng thực việc sửa đổi, bổ sung, hủy bỏ (mỗi hợp đồng)"),),
    components=(
        ComponentSpec("Dự thảo văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", 1),
        ComponentSpec(
            "Hợp đồng, giao dịch đã được chứng thực", original_count=1, replaced_by="KET_QUA"
        ),
        CONTRACT_PARTIES_ID,
    ),
)

WILL_CERTIFICATION = ProcedureSpec(
    code="2.001406",
    illustrative_code=True,
    name="Chứng thực di chúc",
    field_code=CT[0],
    field_name=CT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=2,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=f"Bộ luật Dân sự số 91/2015/QH13; {CERTIFICATION_LAW}",
    requirements=(
        "Người lập di chúc phải tự mình yêu cầu chứng thực, minh mẫn, sáng suốt, không bị lừa "
        "dối, đe dọa, cưỡng ép; trường hợp người lập di chúc bị ốm đau không thể đến trụ sở thì "
        "việc chứng thực được thực hiện ngoài trụ sở."
    ),
    result_type="document",
    result_name="Di chúc được chứng thực",
    fees=(FeeSpec(50_000, "Phí chứng thực di chúc"),),
    components=(
        ComponentSpec("Dự thảo di chúc", original_count=1),
        CONTRACT_PARTIES_ID,
        ComponentSpec(
            "Giấy tờ chứng minh quyền sở hữu, quyền sử dụng tài sản",
            copy_count=1,
            required=False,
            condition="Khi di chúc liên quan đến tài sản phải đăng ký quyền sở hữu, quyền sử dụng",
        ),
    ),
)

ESTATE_AGREEMENT = ProcedureSpec(
    code="2.001050",
    illustrative_code=True,
    name=(
        "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, "
        "nhà ở"
    ),
    field_code=CT[0],
    field_name=CT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=2,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; không kể thời gian niêm yết 15 ngày tại trụ sở Ủy ban "
        "nhân dân cấp xã nơi có bất động sản."
    ),
    legal_basis=f"Bộ luật Dân sự số 91/2015/QH13; {CERTIFICATION_LAW}",
    requirements=(
        "Những người thừa kế phải có mặt và ký trước mặt người thực hiện chứng thực; di sản là "
        "quyền sử dụng đất, nhà ở phải được niêm yết công khai 15 ngày trước khi chứng thực."
    ),
    result_type="document",
    result_name="Văn bản thỏa thuận phân chia di sản được chứng thực",
    fees=(FeeSpec(50_000, "Phí chứng thực văn bản thỏa thuận phân chia di sản"),),
    components=(
        ComponentSpec("Dự thảo văn bản thỏa thuận phân chia di sản", original_count=1),
        CONTRACT_PARTIES_ID,
        ComponentSpec(
            "Trích lục khai tử hoặc giấy tờ chứng minh người để lại di sản đã chết",
            copy_count=1,
            replaced_by="CSDL_HO_TICH",
        ),
        ComponentSpec(
            "Giấy tờ chứng minh quan hệ giữa người để lại di sản và người được hưởng di sản",
            copy_count=1,
        ),
        ComponentSpec(
            "Di chúc", copy_count=1, required=False, condition="Khi thừa kế theo di chúc"
        ),
        PROPERTY_PAPERS,
    ),
)

TRANSLATOR_SIGNATURE = ProcedureSpec(
    code="2.001009",
    illustrative_code=True,
    name="Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật",
    field_code=CT[0],
    field_name=CT[1],
    level="commune",
    agency=COMMUNES,
    time_limit=0,
    time_limit_unit="same_day",
    time_limit_note=CERTIFY_NOTE,
    legal_basis=CERTIFICATION_LAW,
    requirements=(
        "Người dịch phải có bằng cử nhân ngoại ngữ trở lên về thứ tiếng nước ngoài cần dịch, hoặc "
        "tốt nghiệp đại học trở lên ở nước ngoài bằng thứ tiếng đó; phải ký trước mặt người thực "
        "hiện chứng thực."
    ),
    applicant_types=("Công dân Việt Nam", "Người nước ngoài"),
    result_type="document",
    result_name="Bản dịch được chứng thực chữ ký người dịch",
    fees=(FeeSpec(10_000, "Phí chứng thực chữ ký người dịch (mỗi trường hợp)"),),
    components=(
        CONTRACT_PARTIES_ID,
        ComponentSpec(
            "Bản sao bằng cử nhân ngoại ngữ hoặc văn bằng chứng minh trình độ dịch thuật",
            copy_count=1,
        ),
        ComponentSpec("Bản dịch và giấy tờ, văn bản cần dịch", original_count=1),
    ),
)

PROCEDURES: tuple[ProcedureSpec, ...] = (
    BIRTH,
    MARRIAGE,
    DEATH,
    MARITAL_STATUS,
    EXTRACT_COPY,
    PARENTAGE,
    AMENDMENT,
    LATE_BIRTH,
    GUARDIANSHIP,
    BIRTH_RESIDENCE_INSURANCE,
    DEATH_RESIDENCE_FUNERAL,
    COPY_CERTIFICATION,
    SIGNATURE_CERTIFICATION,
    CONTRACT_CERTIFICATION,
    CONTRACT_AMENDMENT,
    WILL_CERTIFICATION,
    ESTATE_AGREEMENT,
    TRANSLATOR_SIGNATURE,
)
