"""Curated procedures: land (Đất đai) and construction (Xây dựng), DOMAIN.md §11.

Field codes used in this file (short and stable, shared by every seed_data module):
    DD  Đất đai
    XD  Xây dựng

Levels after the two-tier reform of 1 July 2025 (districts abolished):
- Decree 151/2025/NĐ-CP moves the district People's Committee's land powers over households and
  individuals to the commune: first-time registration and certificates, change of land use
  purpose. We decide: those are commune procedures (agency = COMMUNES).
- Registrations on land that already has a certificate (transfers, exchange or reissue,
  correction, splitting and merging of plots) are done by the Land Registration Office (Văn
  phòng đăng ký đất đai), a unit of Sở Nông nghiệp và Môi trường. The demo has no separate
  office, so those procedures are provincial and name the department (000.00.05.H21).
- Construction permits for individual houses pass from the district to the commune (Decree
  140/2025/NĐ-CP on the construction sector); permits for works stay with Sở Xây dựng.
- Land financial obligations (land levy, registration fee, personal income tax on transfers)
  are set by the tax authority. The demo has no tax agency: the transfer steps that stand for
  "chuyển thông tin địa chính sang cơ quan thuế" name Sở Tài chính (000.00.03.H21) instead.

National codes: the land procedures were renumbered after the 2024 Land Law and the
construction ones after Decree 175/2024; the codes below could not be confirmed one by one, so
they are plausible stand-ins marked `illustrative_code=True`.
"""

from decimal import Decimal

from .specs import COMMUNES, ComponentSpec, FeeSpec, ProcedureSpec, StepSpec

LAND_REGISTRY = "000.00.05.H21"  # Sở Nông nghiệp và Môi trường (Văn phòng đăng ký đất đai)
TAX_STAND_IN = "000.00.03.H21"  # Sở Tài chính, standing in for the tax authority (see above)
CONSTRUCTION = "000.00.04.H21"  # Sở Xây dựng

DD = ("DD", "Đất đai")
XD = ("XD", "Xây dựng")

LAND_LAW = (
    "Luật Đất đai số 31/2024/QH15; Luật số 43/2024/QH15 sửa đổi, bổ sung Luật Đất đai, Luật Nhà "
    "ở, Luật Kinh doanh bất động sản và Luật Các tổ chức tín dụng; Nghị định số 101/2024/NĐ-CP "
    "quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền "
    "sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai; Nghị định số 102/2024/NĐ-CP "
    "quy định chi tiết thi hành một số điều của Luật Đất đai; Nghị định số 151/2025/NĐ-CP quy "
    "định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong "
    "lĩnh vực đất đai"
)
LAND_FINANCE = (
    "Nghị định số 103/2024/NĐ-CP quy định về tiền sử dụng đất, tiền thuê đất; Nghị định số "
    "10/2022/NĐ-CP quy định về lệ phí trước bạ; Thông tư số 85/2019/TT-BTC hướng dẫn về phí và "
    "lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh; Nghị quyết của Hội đồng nhân "
    "dân tỉnh quy định mức thu phí, lệ phí trong lĩnh vực đất đai"
)
CONSTRUCTION_LAW = (
    "Luật Xây dựng số 50/2014/QH13; Luật số 62/2020/QH14 sửa đổi, bổ sung một số điều của Luật "
    "Xây dựng; Nghị định số 175/2024/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành "
    "Luật Xây dựng về quản lý hoạt động xây dựng; Nghị định số 140/2025/NĐ-CP quy định về phân "
    "định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ "
    "Xây dựng; Thông tư số 85/2019/TT-BTC; Nghị quyết của Hội đồng nhân dân tỉnh quy định mức "
    "thu lệ phí cấp giấy phép xây dựng"
)

HOUSEHOLD = (
    "Công dân Việt Nam",
    "Người Việt Nam định cư ở nước ngoài",
)
LAND_USERS = (
    *HOUSEHOLD,
    "Tổ chức (không bao gồm doanh nghiệp, HTX)",
    "Doanh nghiệp",
    "Hợp tác xã",
    "Tổ chức nước ngoài",
)

ID_CARD = ComponentSpec(
    "Thẻ căn cước hoặc thẻ căn cước công dân của người đề nghị (không phải nộp khi khai thác "
    "được từ Cơ sở dữ liệu quốc gia về dân cư)",
    copy_count=1,
    replaced_by="CSDLQG_DAN_CU",
)
AUTHORISATION = ComponentSpec(
    "Văn bản ủy quyền theo quy định của pháp luật",
    original_count=1,
    required=False,
    condition="Khi nộp hồ sơ thay người sử dụng đất, chủ sở hữu tài sản",
)
EXISTING_CERTIFICATE = ComponentSpec(
    "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất đã cấp (hoặc các "
    "loại Giấy chứng nhận đã cấp trước ngày 01/8/2024)",
    original_count=1,
    replaced_by="KET_QUA",
)
FINANCE_EXEMPTION = ComponentSpec(
    "Giấy tờ chứng minh thuộc đối tượng được miễn, giảm nghĩa vụ tài chính về đất đai",
    copy_count=1,
    required=False,
    condition="Khi người sử dụng đất đề nghị miễn, giảm tiền sử dụng đất, lệ phí trước bạ",
)

CERT_FEES = (
    FeeSpec(
        100_000,
        "Lệ phí cấp Giấy chứng nhận",
        "Hộ gia đình, cá nhân tại phường; Giấy chứng nhận có cả quyền sử dụng đất và tài sản gắn "
        "liền với đất",
    ),
    FeeSpec(
        25_000,
        "Lệ phí cấp Giấy chứng nhận",
        "Hộ gia đình, cá nhân tại phường; Giấy chứng nhận chỉ có quyền sử dụng đất",
    ),
    FeeSpec(
        50_000,
        "Lệ phí cấp Giấy chứng nhận",
        "Hộ gia đình, cá nhân tại xã; Giấy chứng nhận có cả quyền sử dụng đất và tài sản gắn liền "
        "với đất (bằng 50% mức thu tại phường)",
    ),
    FeeSpec(
        500_000,
        "Lệ phí cấp Giấy chứng nhận",
        "Tổ chức; Giấy chứng nhận có cả quyền sử dụng đất và tài sản gắn liền với đất",
    ),
)

FIRST_REGISTRATION = ProcedureSpec(
    code="1.012759",
    illustrative_code=True,
    name="Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
    field_code=DD[0],
    field_name=DD[1],
    # Decree 151/2025: the commune chairman issues first-time certificates to households and
    # individuals; the land registration office (Sở NN&MT) keeps the cadastral records.
    level="commune",
    agency=COMMUNES,
    time_limit=20,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; không tính thời gian niêm yết công khai, thời gian "
        "thực hiện nghĩa vụ tài chính và thời gian trích đo địa chính. Xã miền núi, vùng có điều "
        "kiện kinh tế - xã hội đặc biệt khó khăn được tăng thêm 10 ngày làm việc."
    ),
    legal_basis=f"{LAND_LAW}; {LAND_FINANCE}",
    requirements=(
        "Đất đang sử dụng ổn định, không có tranh chấp, phù hợp quy hoạch sử dụng đất; có giấy "
        "tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai hoặc đủ điều kiện công nhận theo "
        "Điều 138, 139, 140 Luật Đất đai."
    ),
    applicant_types=HOUSEHOLD,
    result_type="certificate",
    result_name=(
        "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất; cập nhật hồ "
        "sơ địa chính, cơ sở dữ liệu đất đai"
    ),
    legacy_level=3,
    online_class="partial",
    postal_submission=False,
    postal_return=True,
    fees=CERT_FEES,
    components=(
        ComponentSpec(
            "Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 04/ĐK ban hành kèm theo Nghị "
            "định số 101/2024/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Một trong các loại giấy tờ về quyền sử dụng đất quy định tại Điều 137 Luật Đất đai",
            copy_count=1,
            required=False,
            condition="Khi người sử dụng đất có giấy tờ về quyền sử dụng đất",
        ),
        ComponentSpec(
            "Giấy tờ về quyền sở hữu nhà ở, công trình xây dựng và sơ đồ tài sản gắn liền với đất",
            copy_count=1,
            required=False,
            condition="Khi đề nghị chứng nhận quyền sở hữu tài sản gắn liền với đất",
        ),
        ComponentSpec(
            "Mảnh trích đo bản đồ địa chính thửa đất",
            original_count=1,
            required=False,
            condition="Khi nơi chưa có bản đồ địa chính và người sử dụng đất đã tự trích đo",
        ),
        ComponentSpec(
            "Chứng từ thực hiện nghĩa vụ tài chính hoặc giấy tờ về việc ghi nợ tiền sử dụng đất",
            copy_count=1,
            required=False,
            condition="Khi đã nộp hoặc được ghi nợ nghĩa vụ tài chính trước khi nộp hồ sơ",
        ),
        FINANCE_EXEMPTION,
        ID_CARD,
        AUTHORISATION,
    ),
    steps=(
        StepSpec(
            "receive",
            "Tiếp nhận, kiểm tra hồ sơ tại Bộ phận Một cửa cấp xã",
            Decimal(0),
            role="officer",
        ),
        StepSpec(
            "process",
            "Kiểm tra hiện trạng, xác nhận nguồn gốc, thời điểm sử dụng đất, tình trạng tranh "
            "chấp và sự phù hợp quy hoạch",
            Decimal(6),
            role="specialist",
        ),
        StepSpec(
            "transfer",
            "Văn phòng đăng ký đất đai trích lục, trích đo bản đồ địa chính và kiểm tra hồ sơ "
            "địa chính",
            Decimal(5),
            agency=LAND_REGISTRY,
        ),
        # Tax authority in reality; Sở Tài chính stands in (module docstring).
        StepSpec(
            "transfer",
            "Chuyển thông tin địa chính để cơ quan thuế xác định nghĩa vụ tài chính (tiền sử "
            "dụng đất, lệ phí trước bạ)",
            Decimal(4),
            agency=TAX_STAND_IN,
        ),
        StepSpec(
            "process", "Dự thảo, in Giấy chứng nhận và trình ký", Decimal(3), role="specialist"
        ),
        StepSpec(
            "approve",
            "Chủ tịch Ủy ban nhân dân cấp xã ký Giấy chứng nhận",
            Decimal(2),
            role="leader",
        ),
        StepSpec(
            "return",
            "Trả Giấy chứng nhận, chuyển hồ sơ cập nhật cơ sở dữ liệu đất đai",
            Decimal(0),
            role="officer",
        ),
    ),
    form_schema={
        "type": "object",
        "properties": {
            "parcel_address": {
                "type": "string",
                "title": "Địa chỉ thửa đất",
                "maxLength": 300,
            },
            "map_sheet": {
                "type": "string",
                "title": "Số tờ bản đồ",
                "maxLength": 20,
            },
            "parcel_number": {
                "type": "string",
                "title": "Số thửa",
                "maxLength": 20,
            },
            "area_m2": {
                "type": "number",
                "title": "Diện tích đề nghị cấp (m²)",
                "exclusiveMinimum": 0,
                "maximum": 1000000,
            },
            "land_use": {
                "type": "string",
                "title": "Mục đích sử dụng đất",
                "maxLength": 60,
                "enum": [
                    "Đất ở tại nông thôn",
                    "Đất ở tại đô thị",
                    "Đất trồng cây hằng năm",
                    "Đất trồng cây lâu năm",
                    "Đất rừng sản xuất",
                    "Đất nuôi trồng thủy sản",
                    "Khác",
                ],
            },
            "use_since": {
                "type": "string",
                "title": "Thời điểm bắt đầu sử dụng đất",
                "format": "date",
                "maxLength": 10,
            },
            "origin": {
                "type": "string",
                "title": "Nguồn gốc sử dụng đất",
                "maxLength": 60,
                "enum": [
                    "Được Nhà nước giao, cho thuê",
                    "Nhận chuyển nhượng, thừa kế, tặng cho",
                    "Tự khai hoang, sử dụng ổn định",
                    "Khác",
                ],
            },
            "has_house": {
                "type": "boolean",
                "title": "Đề nghị chứng nhận cả nhà ở, công trình trên đất",
            },
            "debt_request": {
                "type": "boolean",
                "title": "Đề nghị ghi nợ tiền sử dụng đất",
            },
        },
        "required": ["parcel_address", "area_m2", "land_use", "origin"],
    },
    form_ui={
        "order": [
            "parcel_address",
            "map_sheet",
            "parcel_number",
            "area_m2",
            "land_use",
            "origin",
            "use_since",
            "has_house",
            "debt_request",
        ],
        "widgets": {
            "parcel_address": "textarea",
            "area_m2": "number",
            "land_use": "select",
            "origin": "radio",
            "use_since": "date",
            "has_house": "checkbox",
            "debt_request": "checkbox",
        },
        "help": {
            "map_sheet": "Ghi theo giấy tờ đất hoặc thông báo của xã; để trống nếu chưa biết.",
            "use_since": "Ngày bắt đầu sử dụng ghi trên giấy tờ hoặc theo xác nhận của khu dân cư.",
            "debt_request": "Hộ gia đình, cá nhân chưa có khả năng nộp tiền sử dụng đất có thể "
            "đề nghị ghi nợ theo quy định.",
        },
    },
)

CHANGE_REGISTRATION = ProcedureSpec(
    code="1.012761",
    illustrative_code=True,
    name=(
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các "
        "trường hợp chuyển đổi, chuyển nhượng, thừa kế, tặng cho, góp vốn"
    ),
    field_code=DD[0],
    field_name=DD[1],
    # Land that already has a certificate: the land registration office of Sở NN&MT.
    level="province",
    agency=LAND_REGISTRY,
    time_limit=10,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; không tính thời gian người sử dụng đất thực hiện nghĩa "
        "vụ tài chính. Xã miền núi, vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn được "
        "tăng thêm 10 ngày làm việc."
    ),
    legal_basis=f"{LAND_LAW}; {LAND_FINANCE}; Luật Thuế thu nhập cá nhân số 04/2007/QH12",
    requirements=(
        "Có Giấy chứng nhận; đất không có tranh chấp, không bị kê biên bảo đảm thi hành án, "
        "còn thời hạn sử dụng; hợp đồng, văn bản chuyển quyền đã được công chứng, chứng thực "
        "theo quy định (trừ trường hợp pháp luật không yêu cầu)."
    ),
    applicant_types=LAND_USERS,
    result_type="certificate",
    result_name=(
        "Giấy chứng nhận đã được xác nhận thay đổi hoặc Giấy chứng nhận mới cấp cho người nhận "
        "quyền; cập nhật hồ sơ địa chính, cơ sở dữ liệu đất đai"
    ),
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(
            50_000,
            "Lệ phí chứng nhận đăng ký biến động",
            "Hộ gia đình, cá nhân; xác nhận thay đổi trên Giấy chứng nhận đã cấp",
        ),
        FeeSpec(
            100_000,
            "Lệ phí cấp Giấy chứng nhận",
            "Hộ gia đình, cá nhân; khi cấp Giấy chứng nhận mới cho người nhận quyền",
        ),
        FeeSpec(
            500_000,
            "Lệ phí cấp Giấy chứng nhận",
            "Tổ chức; khi cấp Giấy chứng nhận mới cho người nhận quyền",
        ),
    ),
    components=(
        ComponentSpec(
            "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK ban hành kèm "
            "theo Nghị định số 101/2024/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Hợp đồng, văn bản về chuyển đổi, chuyển nhượng, tặng cho, góp vốn hoặc văn bản "
            "khai nhận, phân chia di sản thừa kế đã được công chứng, chứng thực",
            original_count=1,
        ),
        EXISTING_CERTIFICATE,
        ComponentSpec(
            "Tờ khai thuế thu nhập cá nhân và tờ khai lệ phí trước bạ",
            original_count=1,
        ),
        FINANCE_EXEMPTION,
        ID_CARD,
        AUTHORISATION,
    ),
    steps=(
        StepSpec(
            "receive",
            "Tiếp nhận, kiểm tra hồ sơ tại Trung tâm Phục vụ hành chính công",
            Decimal(0),
            role="officer",
        ),
        StepSpec(
            "process",
            "Văn phòng đăng ký đất đai kiểm tra hồ sơ, đối chiếu hồ sơ địa chính và điều kiện "
            "chuyển quyền",
            Decimal(3),
            role="specialist",
        ),
        # Tax authority in reality; Sở Tài chính stands in (module docstring).
        StepSpec(
            "transfer",
            "Chuyển thông tin địa chính sang cơ quan thuế xác định thuế thu nhập cá nhân, lệ phí "
            "trước bạ và ra thông báo nộp tiền",
            Decimal(3),
            agency=TAX_STAND_IN,
        ),
        StepSpec(
            "process",
            "Chỉnh lý Giấy chứng nhận hoặc in Giấy chứng nhận mới; cập nhật cơ sở dữ liệu đất đai",
            Decimal(3),
            role="specialist",
        ),
        StepSpec(
            "approve", "Lãnh đạo Văn phòng đăng ký đất đai ký xác nhận", Decimal(1), role="leader"
        ),
        StepSpec(
            "return",
            "Trả kết quả khi người nhận đã nộp chứng từ nghĩa vụ tài chính",
            Decimal(0),
            role="officer",
        ),
    ),
)

CERTIFICATE_REISSUE = ProcedureSpec(
    code="1.012766",
    illustrative_code=True,
    name=(
        "Cấp đổi, cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"
    ),
    field_code=DD[0],
    field_name=DD[1],
    level="province",
    agency=LAND_REGISTRY,
    time_limit=7,
    time_limit_note=(
        "Cấp đổi: 07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ. Cấp lại do bị mất: 10 ngày "
        "làm việc kể từ ngày hết thời hạn niêm yết thông báo mất Giấy chứng nhận tại Ủy ban "
        "nhân dân cấp xã (15 ngày)."
    ),
    legal_basis=f"{LAND_LAW}; {LAND_FINANCE}",
    requirements=(
        "Cấp đổi khi Giấy chứng nhận bị ố, nhòe, rách, hư hỏng, đo đạc lại diện tích hoặc người "
        "sử dụng đất có nhu cầu đổi sang mẫu mới; cấp lại khi Giấy chứng nhận bị mất và đã niêm "
        "yết thông báo mất theo quy định."
    ),
    applicant_types=LAND_USERS,
    result_type="certificate",
    result_name="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(50_000, "Lệ phí cấp đổi, cấp lại Giấy chứng nhận", "Hộ gia đình, cá nhân"),
        FeeSpec(100_000, "Lệ phí cấp đổi, cấp lại Giấy chứng nhận", "Tổ chức"),
    ),
    components=(
        ComponentSpec(
            "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy chứng nhận đã cấp",
            original_count=1,
            required=False,
            condition="Khi cấp đổi (không áp dụng khi cấp lại do bị mất)",
            replaced_by="KET_QUA",
        ),
        ComponentSpec(
            "Giấy xác nhận của Ủy ban nhân dân cấp xã về việc đã niêm yết thông báo mất Giấy "
            "chứng nhận",
            original_count=1,
            required=False,
            condition="Khi cấp lại do bị mất",
        ),
        ComponentSpec(
            "Bản sao hợp đồng thế chấp hoặc văn bản đồng ý của bên nhận thế chấp",
            copy_count=1,
            required=False,
            condition="Khi cấp đổi Giấy chứng nhận đang thế chấp tại tổ chức tín dụng",
        ),
        ID_CARD,
        AUTHORISATION,
    ),
)

LAND_USE_CHANGE = ProcedureSpec(
    code="1.012788",
    illustrative_code=True,
    name=(
        "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với "
        "cá nhân"
    ),
    field_code=DD[0],
    field_name=DD[1],
    # Decree 151/2025: the commune chairman decides for individuals (formerly the district).
    level="commune",
    agency=COMMUNES,
    time_limit=20,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; không tính thời gian xác định giá đất và thời gian "
        "người sử dụng đất thực hiện nghĩa vụ tài chính."
    ),
    legal_basis=f"{LAND_LAW}; {LAND_FINANCE}",
    requirements=(
        "Việc chuyển mục đích phù hợp với quy hoạch sử dụng đất cấp xã (hoặc quy hoạch chung, "
        "quy hoạch phân khu) đã được phê duyệt; người sử dụng đất nộp tiền sử dụng đất theo "
        "thông báo của cơ quan thuế."
    ),
    applicant_types=HOUSEHOLD,
    result_type="decision",
    result_name=(
        "Quyết định cho phép chuyển mục đích sử dụng đất; Giấy chứng nhận được chỉnh lý hoặc "
        "cấp mới sau khi hoàn thành nghĩa vụ tài chính"
    ),
    legacy_level=3,
    online_class="partial",
    postal_return=True,
    fees=CERT_FEES[:3],
    components=(
        ComponentSpec(
            "Đơn xin chuyển mục đích sử dụng đất (Mẫu số 02c ban hành kèm theo Nghị định số "
            "102/2024/NĐ-CP)",
            original_count=1,
        ),
        EXISTING_CERTIFICATE,
        FINANCE_EXEMPTION,
        ID_CARD,
        AUTHORISATION,
    ),
    steps=(
        StepSpec(
            "receive",
            "Tiếp nhận, kiểm tra hồ sơ tại Bộ phận Một cửa cấp xã",
            Decimal(0),
            role="officer",
        ),
        StepSpec(
            "process",
            "Thẩm tra hồ sơ, kiểm tra thực địa, đối chiếu quy hoạch sử dụng đất; dự thảo quyết "
            "định",
            Decimal(8),
            role="specialist",
        ),
        # Tax authority in reality; Sở Tài chính stands in (module docstring).
        StepSpec(
            "transfer",
            "Chuyển thông tin để cơ quan thuế xác định tiền sử dụng đất phải nộp",
            Decimal(5),
            agency=TAX_STAND_IN,
        ),
        StepSpec(
            "transfer",
            "Văn phòng đăng ký đất đai chỉnh lý hồ sơ địa chính, cơ sở dữ liệu đất đai",
            Decimal(4),
            agency=LAND_REGISTRY,
        ),
        StepSpec(
            "approve", "Chủ tịch Ủy ban nhân dân cấp xã ký quyết định", Decimal(3), role="leader"
        ),
        StepSpec(
            "return", "Trả quyết định và Giấy chứng nhận đã chỉnh lý", Decimal(0), role="officer"
        ),
    ),
    form_schema={
        "type": "object",
        "properties": {
            "parcel_address": {
                "type": "string",
                "title": "Địa chỉ thửa đất",
                "maxLength": 300,
            },
            "certificate_number": {
                "type": "string",
                "title": "Số phát hành Giấy chứng nhận đã cấp",
                "maxLength": 30,
            },
            "area_m2": {
                "type": "number",
                "title": "Diện tích xin chuyển mục đích (m²)",
                "exclusiveMinimum": 0,
                "maximum": 100000,
            },
            "current_use": {
                "type": "string",
                "title": "Mục đích sử dụng hiện nay",
                "maxLength": 60,
                "enum": [
                    "Đất trồng cây hằng năm",
                    "Đất trồng cây lâu năm",
                    "Đất nuôi trồng thủy sản",
                    "Đất vườn, ao liền kề đất ở",
                    "Khác",
                ],
            },
            "requested_use": {
                "type": "string",
                "title": "Mục đích sử dụng xin chuyển sang",
                "maxLength": 60,
                "enum": [
                    "Đất ở tại nông thôn",
                    "Đất ở tại đô thị",
                    "Đất thương mại, dịch vụ",
                    "Đất cơ sở sản xuất phi nông nghiệp",
                    "Khác",
                ],
            },
            "reason": {
                "type": "string",
                "title": "Lý do xin chuyển mục đích",
                "maxLength": 1000,
            },
        },
        "required": [
            "parcel_address",
            "certificate_number",
            "area_m2",
            "current_use",
            "requested_use",
        ],
    },
    form_ui={
        "order": [
            "parcel_address",
            "certificate_number",
            "area_m2",
            "current_use",
            "requested_use",
            "reason",
        ],
        "widgets": {
            "parcel_address": "textarea",
            "area_m2": "number",
            "current_use": "select",
            "requested_use": "select",
            "reason": "textarea",
        },
        "help": {
            "certificate_number": "Số seri in ở trang bìa Giấy chứng nhận (ví dụ AA 01234567).",
            "area_m2": "Chỉ ghi phần diện tích muốn chuyển, không phải cả thửa đất.",
        },
    },
)

CERTIFICATE_CORRECTION = ProcedureSpec(
    code="1.012772",
    illustrative_code=True,
    name=(
        "Đính chính Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất đã cấp"
    ),
    field_code=DD[0],
    field_name=DD[1],
    level="province",
    agency=LAND_REGISTRY,
    time_limit=10,
    legal_basis=LAND_LAW,
    requirements=(
        "Giấy chứng nhận đã cấp có sai sót thông tin so với hồ sơ kê khai, hồ sơ địa chính."
    ),
    applicant_types=LAND_USERS,
    result_type="certificate",
    result_name="Giấy chứng nhận đã được đính chính hoặc Giấy chứng nhận mới",
    legacy_level=2,
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec("Đơn đề nghị đính chính Giấy chứng nhận đã cấp", original_count=1),
        EXISTING_CERTIFICATE,
        ComponentSpec(
            "Giấy khai sinh của người sử dụng đất",
            copy_count=1,
            required=False,
            condition="Khi sai sót về họ, chữ đệm, tên hoặc ngày tháng năm sinh",
            replaced_by="CSDL_HO_TICH",
        ),
        ComponentSpec(
            "Giấy tờ chứng minh nội dung đúng về thửa đất, tài sản (quyết định giao đất, hợp "
            "đồng chuyển nhượng, bản đồ địa chính ...)",
            copy_count=1,
            required=False,
            condition="Khi sai sót về thông tin thửa đất hoặc tài sản gắn liền với đất",
        ),
        ID_CARD,
    ),
)

PLOT_SPLIT_MERGE = ProcedureSpec(
    code="1.012769",
    illustrative_code=True,
    name="Tách thửa hoặc hợp thửa đất",
    field_code=DD[0],
    field_name=DD[1],
    level="province",
    agency=LAND_REGISTRY,
    time_limit=15,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; không tính thời gian trích đo địa chính thửa đất."
    ),
    legal_basis=(
        f"{LAND_LAW}; Quyết định của Ủy ban nhân dân tỉnh quy định điều kiện, diện tích tối "
        "thiểu được tách thửa"
    ),
    requirements=(
        "Thửa đất đã được cấp Giấy chứng nhận, còn thời hạn sử dụng, không có tranh chấp; thửa "
        "đất sau tách bảo đảm diện tích, kích thước tối thiểu và có lối đi theo quy định của "
        "Ủy ban nhân dân tỉnh (Điều 220 Luật Đất đai)."
    ),
    applicant_types=LAND_USERS,
    result_type="certificate",
    result_name="Giấy chứng nhận cho các thửa đất sau khi tách, hợp thửa",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(100_000, "Lệ phí cấp Giấy chứng nhận", "Mỗi Giấy chứng nhận cấp mới cho cá nhân"),
        FeeSpec(500_000, "Lệ phí cấp Giấy chứng nhận", "Mỗi Giấy chứng nhận cấp mới cho tổ chức"),
    ),
    components=(
        ComponentSpec(
            "Đơn đề nghị tách thửa đất, hợp thửa đất (Mẫu số 15/ĐK)",
            original_count=1,
        ),
        ComponentSpec(
            "Bản vẽ tách thửa đất, hợp thửa đất do đơn vị đo đạc có giấy phép lập",
            original_count=1,
        ),
        EXISTING_CERTIFICATE,
        ID_CARD,
        AUTHORISATION,
    ),
)

HOUSE_DRAWINGS = ComponentSpec(
    "Bản vẽ thiết kế xây dựng: mặt bằng công trình trên lô đất, mặt bằng các tầng, mặt đứng, "
    "mặt cắt chính, mặt bằng móng và sơ đồ đấu nối hạ tầng kỹ thuật",
    original_count=2,
)
LAND_TITLE_FOR_PERMIT = ComponentSpec(
    "Một trong những giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai "
    "(Giấy chứng nhận đã cấp)",
    copy_count=1,
    replaced_by="KET_QUA",
)

HOUSE_PERMIT = ProcedureSpec(
    code="1.013045",
    illustrative_code=True,
    name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
    field_code=XD[0],
    field_name=XD[1],
    # Decree 140/2025: permits for individual houses move from the district to the commune.
    level="commune",
    agency=COMMUNES,
    time_limit=15,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ (khoản 1 Điều 102 Luật Xây dựng); gồm cả thời gian lấy "
        "ý kiến cơ quan quản lý nhà nước về đất đai."
    ),
    legal_basis=CONSTRUCTION_LAW,
    requirements=(
        "Phù hợp quy hoạch chi tiết, quy chế quản lý kiến trúc hoặc thiết kế đô thị được duyệt; "
        "bảo đảm an toàn cho công trình và công trình lân cận, hành lang bảo vệ hạ tầng kỹ "
        "thuật; chủ hộ được tự thiết kế nhà ở có tổng diện tích sàn dưới 250 m², dưới 3 tầng "
        "hoặc chiều cao dưới 12 m. Nhà ở riêng lẻ ở nông thôn không thuộc khu vực có quy hoạch "
        "được miễn giấy phép xây dựng."
    ),
    applicant_types=HOUSEHOLD,
    result_type="licence",
    result_name="Giấy phép xây dựng nhà ở riêng lẻ kèm bản vẽ đã được đóng dấu",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(75_000, "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ"),),
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II Nghị định số 175/2024/NĐ-CP)",
            original_count=1,
        ),
        LAND_TITLE_FOR_PERMIT,
        HOUSE_DRAWINGS,
        ComponentSpec(
            "Bản kê khai năng lực, kinh nghiệm của tổ chức, cá nhân thiết kế",
            original_count=1,
            required=False,
            condition="Khi nhà ở do tổ chức, cá nhân hành nghề thiết kế lập (không tự thiết kế)",
        ),
        ComponentSpec(
            "Văn bản cam kết bảo đảm an toàn đối với công trình liền kề",
            original_count=1,
            required=False,
            condition="Khi công trình có tầng hầm hoặc xây chen, có công trình liền kề",
        ),
        ID_CARD,
    ),
    steps=(
        StepSpec(
            "receive",
            "Tiếp nhận, kiểm tra hồ sơ tại Bộ phận Một cửa cấp xã",
            Decimal(0),
            role="officer",
        ),
        StepSpec(
            "process",
            "Thẩm định hồ sơ, kiểm tra thực địa, đối chiếu quy hoạch và chỉ giới xây dựng",
            Decimal(6),
            role="specialist",
        ),
        StepSpec(
            "transfer",
            "Lấy ý kiến Sở Nông nghiệp và Môi trường về quyền sử dụng đất và sự phù hợp mục "
            "đích sử dụng đất của thửa đất xin phép xây dựng",
            Decimal(5),
            agency=LAND_REGISTRY,
        ),
        StepSpec(
            "process", "Tổng hợp ý kiến, dự thảo giấy phép xây dựng", Decimal(2), role="specialist"
        ),
        StepSpec(
            "approve", "Chủ tịch Ủy ban nhân dân cấp xã ký giấy phép", Decimal(2), role="leader"
        ),
        StepSpec("return", "Trả giấy phép và bản vẽ đã đóng dấu", Decimal(0), role="officer"),
    ),
    form_schema={
        "type": "object",
        "properties": {
            "work_type": {
                "type": "string",
                "title": "Loại giấy phép đề nghị cấp",
                "maxLength": 40,
                "enum": ["Xây dựng mới", "Sửa chữa, cải tạo", "Di dời"],
            },
            "site_address": {
                "type": "string",
                "title": "Địa điểm xây dựng",
                "maxLength": 300,
            },
            "certificate_number": {
                "type": "string",
                "title": "Số phát hành Giấy chứng nhận quyền sử dụng đất",
                "maxLength": 30,
            },
            "plot_area_m2": {
                "type": "number",
                "title": "Diện tích lô đất (m²)",
                "exclusiveMinimum": 0,
                "maximum": 100000,
            },
            "building_area_m2": {
                "type": "number",
                "title": "Diện tích xây dựng tầng 1 (m²)",
                "exclusiveMinimum": 0,
                "maximum": 100000,
            },
            "total_floor_area_m2": {
                "type": "number",
                "title": "Tổng diện tích sàn (m²)",
                "exclusiveMinimum": 0,
                "maximum": 100000,
            },
            "floors": {
                "type": "integer",
                "title": "Số tầng (kể cả tầng hầm, tầng lửng)",
                "minimum": 1,
                "maximum": 30,
            },
            "height_m": {
                "type": "number",
                "title": "Chiều cao công trình (m)",
                "exclusiveMinimum": 0,
                "maximum": 150,
            },
            "has_basement": {
                "type": "boolean",
                "title": "Có tầng hầm",
            },
            "designer": {
                "type": "string",
                "title": "Đơn vị hoặc cá nhân thiết kế",
                "maxLength": 200,
            },
            "expected_start": {
                "type": "string",
                "title": "Dự kiến ngày khởi công",
                "format": "date",
                "maxLength": 10,
            },
        },
        "required": [
            "work_type",
            "site_address",
            "certificate_number",
            "plot_area_m2",
            "building_area_m2",
            "total_floor_area_m2",
            "floors",
        ],
    },
    form_ui={
        "order": [
            "work_type",
            "site_address",
            "certificate_number",
            "plot_area_m2",
            "building_area_m2",
            "total_floor_area_m2",
            "floors",
            "height_m",
            "has_basement",
            "designer",
            "expected_start",
        ],
        "widgets": {
            "work_type": "radio",
            "site_address": "textarea",
            "plot_area_m2": "number",
            "building_area_m2": "number",
            "total_floor_area_m2": "number",
            "floors": "number",
            "height_m": "number",
            "has_basement": "checkbox",
            "expected_start": "date",
        },
        "help": {
            "total_floor_area_m2": "Cộng diện tích sàn của tất cả các tầng, kể cả tầng hầm và "
            "tầng lửng.",
            "designer": "Ghi 'Chủ hộ tự thiết kế' nếu nhà dưới 250 m² sàn và dưới 3 tầng.",
            "has_basement": "Nhà có tầng hầm phải kèm văn bản cam kết an toàn công trình liền kề.",
        },
    },
)

WORKS_PERMIT = ProcedureSpec(
    code="1.013041",
    illustrative_code=True,
    name="Cấp giấy phép xây dựng công trình",
    field_code=XD[0],
    field_name=XD[1],
    level="province",
    agency=CONSTRUCTION,
    time_limit=20,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ (khoản 1 Điều 102 Luật Xây dựng); cơ quan được lấy ý "
        "kiến trả lời trong thời hạn tính chung vào thời hạn cấp phép."
    ),
    legal_basis=CONSTRUCTION_LAW,
    requirements=(
        "Áp dụng cho công trình cấp I, cấp II và công trình trên địa bàn tỉnh thuộc thẩm quyền "
        "cấp phép của Sở Xây dựng (không theo tuyến, theo tuyến, tín ngưỡng, tôn giáo, quảng "
        "cáo, tượng đài); dự án đã được thẩm định báo cáo nghiên cứu khả thi; thiết kế phù hợp "
        "quy hoạch và bảo đảm yêu cầu phòng cháy, chữa cháy, bảo vệ môi trường."
    ),
    applicant_types=(
        "Doanh nghiệp",
        "Hợp tác xã",
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Tổ chức nước ngoài",
        "Công dân Việt Nam",
    ),
    result_type="licence",
    result_name="Giấy phép xây dựng công trình kèm bản vẽ đã được đóng dấu",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(150_000, "Lệ phí cấp giấy phép xây dựng công trình"),),
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II Nghị định số 175/2024/NĐ-CP)",
            original_count=1,
        ),
        LAND_TITLE_FOR_PERMIT,
        ComponentSpec(
            "Quyết định phê duyệt dự án và văn bản thông báo kết quả thẩm định báo cáo nghiên "
            "cứu khả thi của cơ quan chuyên môn về xây dựng",
            copy_count=1,
        ),
        ComponentSpec(
            "Văn bản thẩm duyệt thiết kế về phòng cháy và chữa cháy",
            copy_count=1,
            required=False,
            condition="Khi công trình thuộc danh mục phải thẩm duyệt thiết kế phòng cháy, chữa "
            "cháy",
        ),
        ComponentSpec(
            "Quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường hoặc "
            "giấy phép môi trường",
            copy_count=1,
            required=False,
            condition="Khi dự án thuộc đối tượng phải đánh giá tác động môi trường hoặc có giấy "
            "phép môi trường",
        ),
        ComponentSpec(
            "Hai bộ bản vẽ thiết kế xây dựng triển khai sau thiết kế cơ sở được phê duyệt",
            original_count=2,
        ),
        ComponentSpec(
            "Bản kê khai năng lực, kinh nghiệm của tổ chức thiết kế, kèm chứng chỉ năng lực "
            "hoạt động xây dựng",
            copy_count=1,
        ),
        ComponentSpec(
            "Giấy chứng nhận đăng ký doanh nghiệp của chủ đầu tư",
            copy_count=1,
            required=False,
            condition="Khi chủ đầu tư là doanh nghiệp",
            replaced_by="CSDL_DKDN",
        ),
    ),
    steps=(
        StepSpec(
            "receive",
            "Tiếp nhận, kiểm tra hồ sơ tại Trung tâm Phục vụ hành chính công",
            Decimal(0),
            role="officer",
        ),
        StepSpec(
            "process",
            "Phòng chuyên môn Sở Xây dựng thẩm định hồ sơ, kiểm tra thực địa",
            Decimal(5),
            role="specialist",
        ),
        StepSpec(
            "transfer",
            "Lấy ý kiến Sở Nông nghiệp và Môi trường về đất đai và bảo vệ môi trường của dự án",
            Decimal(10),
            agency=LAND_REGISTRY,
        ),
        StepSpec(
            "process", "Tổng hợp ý kiến, dự thảo giấy phép xây dựng", Decimal(2), role="specialist"
        ),
        StepSpec("approve", "Lãnh đạo Sở Xây dựng ký giấy phép", Decimal(3), role="leader"),
        StepSpec("return", "Trả giấy phép và bản vẽ đã đóng dấu", Decimal(0), role="officer"),
    ),
)

HOUSE_PERMIT_EXTENSION = ProcedureSpec(
    code="1.013049",
    illustrative_code=True,
    name="Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ",
    field_code=XD[0],
    field_name=XD[1],
    level="commune",
    agency=COMMUNES,
    time_limit=5,
    legal_basis=CONSTRUCTION_LAW,
    requirements=(
        "Giấy phép xây dựng sắp hết hiệu lực khởi công (12 tháng kể từ ngày cấp) mà công trình "
        "chưa khởi công; mỗi giấy phép được gia hạn tối đa 02 lần, mỗi lần 12 tháng."
    ),
    applicant_types=HOUSEHOLD,
    result_type="licence",
    result_name="Giấy phép xây dựng đã được gia hạn",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(15_000, "Lệ phí gia hạn giấy phép xây dựng"),),
    components=(
        ComponentSpec(
            "Đơn đề nghị gia hạn giấy phép xây dựng (Mẫu số 02 Phụ lục II Nghị định số "
            "175/2024/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy phép xây dựng đã được cấp",
            original_count=1,
            replaced_by="KET_QUA",
        ),
        ID_CARD,
    ),
)

CONSTRUCTION_PRACTICE_CERTIFICATE = ProcedureSpec(
    code="1.013052",
    illustrative_code=True,
    name="Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III",
    field_code=XD[0],
    field_name=XD[1],
    level="province",
    agency=CONSTRUCTION,
    time_limit=20,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ, gồm cả thời gian sát hạch.",
    legal_basis=(
        f"{CONSTRUCTION_LAW}; Thông tư số 38/2022/TT-BTC quy định mức thu, chế độ thu, nộp, "
        "quản lý và sử dụng phí, lệ phí trong lĩnh vực hoạt động xây dựng"
    ),
    requirements=(
        "Có trình độ đại học (hạng II) hoặc trình độ phù hợp (hạng III) thuộc chuyên ngành phù "
        "hợp, đủ số năm kinh nghiệm theo lĩnh vực đề nghị và đạt yêu cầu sát hạch."
    ),
    applicant_types=("Công dân Việt Nam", "Người nước ngoài"),
    result_type="certificate",
    result_name="Chứng chỉ hành nghề hoạt động xây dựng",
    legacy_level=4,
    online_class="full",
    postal_return=True,
    fees=(
        FeeSpec(300_000, "Lệ phí cấp chứng chỉ hành nghề", "Cấp lần đầu, điều chỉnh hạng"),
        FeeSpec(
            150_000,
            "Lệ phí cấp chứng chỉ hành nghề",
            "Cấp lại, bổ sung nội dung, gia hạn chứng chỉ",
        ),
        FeeSpec(300_000, "Phí sát hạch cấp chứng chỉ hành nghề", "Mỗi lần sát hạch"),
    ),
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp chứng chỉ hành nghề hoạt động xây dựng kèm 02 ảnh màu cỡ 4x6 cm",
            original_count=1,
        ),
        ComponentSpec(
            "Văn bằng do cơ sở đào tạo hợp pháp cấp phù hợp với loại, hạng chứng chỉ đề nghị",
            copy_count=1,
        ),
        ComponentSpec(
            "Bản kê khai kinh nghiệm thực hiện công việc, có xác nhận của người đại diện theo "
            "pháp luật của tổ chức hoặc chủ đầu tư",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy phép lao động hoặc giấy tờ chứng minh được miễn giấy phép lao động",
            copy_count=1,
            required=False,
            condition="Khi người đề nghị là người nước ngoài",
        ),
        ID_CARD,
    ),
)

PROCEDURES: tuple[ProcedureSpec, ...] = (
    FIRST_REGISTRATION,
    CHANGE_REGISTRATION,
    CERTIFICATE_REISSUE,
    LAND_USE_CHANGE,
    CERTIFICATE_CORRECTION,
    PLOT_SPLIT_MERGE,
    HOUSE_PERMIT,
    WORKS_PERMIT,
    HOUSE_PERMIT_EXTENSION,
    CONSTRUCTION_PRACTICE_CERTIFICATE,
)
