"""Curated procedures: residence (Cư trú), judicial records (Lý lịch tư pháp), driving licences
(Giao thông đường bộ), complaints and denunciations (Khiếu nại, Tố cáo), DOMAIN.md §11.

Field codes used by the curated files (short and stable; reuse them, never rename):
    HT    Hộ tịch                                     (civil_status.py)
    CT    Chứng thực                                  (civil_status.py)
    CTRU  Đăng ký, quản lý cư trú                     (this file)
    LLTP  Lý lịch tư pháp                             (this file)
    GT    Giao thông đường bộ                         (this file)
    KN    Giải quyết khiếu nại                        (this file)
    TCAO  Giải quyết tố cáo                           (this file)
    DN    Thành lập và hoạt động doanh nghiệp         (business_trade.py)
    HKD   Thành lập và hoạt động của hộ kinh doanh    (business_trade.py)
    TM    Thương mại                                  (business_trade.py)
    TC    Tài chính ngân sách                         (business_trade.py)

Who does what, and what we decide for the demo:
- Residence is registered by the commune police (Công an cấp xã, Luật Cư trú 2020). The demo
  has no commune police agencies, and the commune's one-stop desk is where a citizen goes, so we
  decide: residence procedures are commune procedures with agency = COMMUNES, and the
  requirements say that the commune police decide. Online, they run on the Ministry of Public
  Security's public service portal: online_provider "central".
- Judicial records: Sở Tư pháp (000.00.02.H21) issues the card after verification by the
  provincial police (Công an tỉnh, 000.00.12.H21) - a transfer step.
- Driving licences moved from the transport sector to the police on 1 March 2025: Công an tỉnh
  (000.00.12.H21) issues them, online through the national system ("central").
- Second-time complaints and denunciations against a department are settled by the Chairman of
  the provincial People's Committee (000.00.00.H21). The first-time complaint named in DOMAIN.md
  §11 belongs to environment_culture_interior.py.

Codes: where the national code could not be confirmed (the police codes were renumbered in
2025) it is a plausible stand-in marked `illustrative_code=True`.
"""

from decimal import Decimal
from typing import Any

from .specs import COMMUNES, ComponentSpec, FeeSpec, ProcedureSpec, StepSpec

CTRU = ("CTRU", "Đăng ký, quản lý cư trú")
LLTP = ("LLTP", "Lý lịch tư pháp")
GT = ("GT", "Giao thông đường bộ")
KN = ("KN", "Giải quyết khiếu nại")
TCAO = ("TCAO", "Giải quyết tố cáo")

PROVINCIAL_COMMITTEE = "000.00.00.H21"
JUSTICE = "000.00.02.H21"  # Sở Tư pháp
POLICE = "000.00.12.H21"  # Công an tỉnh

RESIDENCE_LAW = (
    "Luật Cư trú số 68/2020/QH14; Nghị định số 154/2024/NĐ-CP ngày 26/11/2024 của Chính phủ quy "
    "định chi tiết một số điều và biện pháp thi hành Luật Cư trú; Thông tư số 53/2021/TT-BCA và "
    "Thông tư số 55/2021/TT-BCA của Bộ Công an (sửa đổi, bổ sung bởi Thông tư số "
    "66/2023/TT-BCA); Thông tư số 75/2022/TT-BTC của Bộ Tài chính quy định mức thu lệ phí đăng "
    "ký cư trú"
)
JUDICIAL_RECORDS_LAW = (
    "Luật Lý lịch tư pháp số 28/2009/QH12; Nghị định số 111/2010/NĐ-CP quy định chi tiết một số "
    "điều của Luật Lý lịch tư pháp (sửa đổi bởi Nghị định số 137/2018/NĐ-CP); Thông tư số "
    "13/2011/TT-BTP và Thông tư số 16/2013/TT-BTP của Bộ Tư pháp về biểu mẫu lý lịch tư pháp; "
    "Thông tư số 244/2016/TT-BTC quy định phí cung cấp thông tin lý lịch tư pháp"
)
DRIVING_LAW = (
    "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15; Thông tư số 12/2025/TT-BCA của "
    "Bộ Công an quy định về sát hạch, cấp giấy phép lái xe; Thông tư số 37/2023/TT-BTC quy định "
    "phí, lệ phí trong lĩnh vực giao thông đường bộ"
)
COMPLAINT_LAW = (
    "Luật Khiếu nại số 02/2011/QH13; Nghị định số 124/2020/NĐ-CP quy định chi tiết một số điều và "
    "biện pháp thi hành Luật Khiếu nại; Thông tư số 05/2021/TT-TTCP quy định quy trình xử lý đơn "
    "khiếu nại, đơn tố cáo, đơn kiến nghị, phản ánh"
)
DENUNCIATION_LAW = (
    "Luật Tố cáo số 25/2018/QH14; Nghị định số 31/2019/NĐ-CP quy định chi tiết một số điều và "
    "biện pháp tổ chức thi hành Luật Tố cáo; Thông tư số 05/2021/TT-TTCP"
)

POLICE_DECIDE = (
    "Hồ sơ do Công an cấp xã nơi cư trú tiếp nhận và giải quyết (nộp tại Bộ phận Một cửa cấp xã, "
    "trên Cổng dịch vụ công quốc gia hoặc ứng dụng VNeID)."
)
RESIDENCE_EXEMPT = (
    "Miễn lệ phí: trẻ em, người cao tuổi, người khuyết tật, người có công với cách mạng và thân "
    "nhân, người thuộc hộ nghèo, đồng bào dân tộc thiểu số ở xã có điều kiện kinh tế - xã hội đặc "
    "biệt khó khăn"
)

ID_DOCUMENT = ComponentSpec(
    "Thẻ căn cước hoặc thẻ căn cước công dân (xuất trình; không phải xuất trình khi khai thác "
    "được từ Cơ sở dữ liệu quốc gia về dân cư hoặc đăng nhập bằng tài khoản định danh điện tử)",
    original_count=1,
    replaced_by="CSDLQG_DAN_CU",
)
RESIDENCE_FORM = ComponentSpec(
    "Tờ khai thay đổi thông tin cư trú (Mẫu CT01)",
    original_count=1,
)
AUTHORISATION = ComponentSpec(
    "Văn bản ủy quyền theo quy định của pháp luật",
    original_count=1,
    required=False,
    condition="Khi ủy quyền cho người khác nộp hồ sơ",
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


# Residence ----------------------------------------------------------------------------------

LEGAL_HOME = ComponentSpec(
    "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (không phải nộp nếu thông tin đã có trong Cơ sở "
    "dữ liệu quốc gia về dân cư hoặc cơ sở dữ liệu chuyên ngành)",
    copy_count=1,
    required=False,
    condition="Khi đăng ký tại chỗ ở thuộc quyền sở hữu của mình hoặc do thuê, mượn, ở nhờ",
    replaced_by="CSDLQG_DAN_CU",
)

PERMANENT_RESIDENCE = ProcedureSpec(
    code="1.004194",
    name="Đăng ký thường trú",
    field_code=CTRU[0],
    field_name=CTRU[1],
    level="commune",
    agency=COMMUNES,
    time_limit=7,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ và hợp lệ.",
    legal_basis=RESIDENCE_LAW,
    requirements=(
        f"{POLICE_DECIDE} Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình; hoặc được chủ "
        "hộ, chủ sở hữu chỗ ở hợp pháp đồng ý cho đăng ký thường trú về ở với người thân (vợ về ở "
        "với chồng, con về ở với cha, mẹ ...); hoặc thuê, mượn, ở nhờ chỗ ở hợp pháp bảo đảm diện "
        "tích tối thiểu do Hội đồng nhân dân tỉnh quy định."
    ),
    result_type="document",
    result_name="Thông báo về việc đăng ký thường trú; thông tin được cập nhật vào Cơ sở dữ liệu "
    "về cư trú",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(20_000, "Lệ phí đăng ký thường trú", "Nộp hồ sơ trực tiếp"),
        FeeSpec(10_000, "Lệ phí đăng ký thường trú", "Nộp hồ sơ trực tuyến"),
        FeeSpec(0, "Miễn lệ phí", RESIDENCE_EXEMPT),
    ),
    components=(
        RESIDENCE_FORM,
        LEGAL_HOME,
        ComponentSpec(
            "Giấy tờ, tài liệu chứng minh quan hệ nhân thân với chủ hộ, thành viên hộ gia đình",
            copy_count=1,
            required=False,
            condition="Khi đăng ký thường trú theo diện về ở với người thân",
            replaced_by="CSDL_HO_TICH",
        ),
        ComponentSpec(
            "Hợp đồng, văn bản cho thuê, cho mượn, cho ở nhờ chỗ ở hợp pháp",
            copy_count=1,
            required=False,
            condition="Khi đăng ký thường trú tại chỗ ở do thuê, mượn, ở nhờ",
        ),
        ID_DOCUMENT,
    ),
    form_schema={
        "type": "object",
        "properties": {
            "residence_address": text("Địa chỉ đề nghị đăng ký thường trú", 300),
            "residence_basis": choice(
                "Trường hợp đăng ký",
                [
                    "Chỗ ở hợp pháp thuộc quyền sở hữu của mình",
                    "Về ở với người thân",
                    "Chỗ ở do thuê, mượn, ở nhờ",
                    "Cơ sở tín ngưỡng, tôn giáo hoặc cơ sở trợ giúp xã hội",
                ],
            ),
            "household_head_name": text("Họ, chữ đệm, tên chủ hộ", 100),
            "household_head_id": text("Số định danh cá nhân của chủ hộ", 12, pattern="^[0-9]{12}$"),
            "relationship_to_head": text("Quan hệ với chủ hộ", 50),
            "moving_members": {
                "type": "integer",
                "title": "Số người cùng đăng ký thường trú (kể cả người khai)",
                "minimum": 1,
                "maximum": 20,
                "default": 1,
            },
        },
        "required": ["residence_address", "residence_basis"],
    },
    form_ui={
        "order": [
            "residence_address",
            "residence_basis",
            "household_head_name",
            "household_head_id",
            "relationship_to_head",
            "moving_members",
        ],
        "widgets": {"residence_address": "textarea", "residence_basis": "radio"},
        "help": {
            "household_head_name": "Để trống nếu bạn là chủ hộ hoặc lập hộ mới.",
            "relationship_to_head": "Ví dụ: vợ, con, cháu ruột.",
        },
    },
)

TEMPORARY_RESIDENCE = ProcedureSpec(
    code="1.004222",
    illustrative_code=True,
    name="Đăng ký tạm trú",
    field_code=CTRU[0],
    field_name=CTRU[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ và hợp lệ.",
    legal_basis=RESIDENCE_LAW,
    requirements=(
        f"{POLICE_DECIDE} Công dân đến sinh sống tại chỗ ở hợp pháp ngoài phạm vi đơn vị hành "
        "chính cấp xã nơi đã đăng ký thường trú để lao động, học tập hoặc vì mục đích khác từ 30 "
        "ngày trở lên thì phải đăng ký tạm trú. Thời hạn tạm trú tối đa là 02 năm và có thể tiếp "
        "tục gia hạn nhiều lần."
    ),
    result_type="document",
    result_name="Thông báo về việc đăng ký tạm trú; thông tin được cập nhật vào Cơ sở dữ liệu về "
    "cư trú",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(15_000, "Lệ phí đăng ký tạm trú", "Nộp hồ sơ trực tiếp"),
        FeeSpec(7_000, "Lệ phí đăng ký tạm trú", "Nộp hồ sơ trực tuyến"),
        FeeSpec(0, "Miễn lệ phí", RESIDENCE_EXEMPT),
    ),
    components=(RESIDENCE_FORM, LEGAL_HOME, ID_DOCUMENT),
    form_schema={
        "type": "object",
        "properties": {
            "temporary_address": text("Địa chỉ đề nghị đăng ký tạm trú", 300),
            "start_date": date("Ngày bắt đầu tạm trú"),
            "duration_months": {
                "type": "integer",
                "title": "Thời hạn tạm trú đề nghị (tháng)",
                "minimum": 1,
                "maximum": 24,
            },
            "purpose": choice("Lý do tạm trú", ["Lao động", "Học tập", "Chữa bệnh", "Khác"]),
            "host_name": text("Họ, chữ đệm, tên chủ hộ hoặc chủ sở hữu chỗ ở", 100),
        },
        "required": ["temporary_address", "start_date", "duration_months", "purpose"],
    },
    form_ui={
        "order": ["temporary_address", "start_date", "duration_months", "purpose", "host_name"],
        "widgets": {"temporary_address": "textarea", "purpose": "radio"},
        "help": {"duration_months": "Tối đa 24 tháng; hết hạn có thể đề nghị gia hạn."},
    },
)

RESIDENCE_CONFIRMATION = ProcedureSpec(
    code="1.004211",
    illustrative_code=True,
    name="Xác nhận thông tin về cư trú",
    field_code=CTRU[0],
    field_name=CTRU[1],
    level="commune",
    agency=COMMUNES,
    time_limit=4,
    time_limit_unit="working_hours",
    time_limit_note=(
        "Trong 1/2 ngày làm việc; trường hợp thông tin cần xác nhận chưa có trong Cơ sở dữ liệu "
        "về cư trú thì không quá 03 ngày làm việc."
    ),
    legal_basis=RESIDENCE_LAW,
    requirements=(
        f"{POLICE_DECIDE} Công dân yêu cầu xác nhận thông tin về cư trú của mình; Giấy xác nhận "
        "có giá trị 01 năm kể từ ngày cấp và hết giá trị khi thông tin về cư trú thay đổi."
    ),
    result_type="certificate",
    result_name="Giấy xác nhận thông tin về cư trú (Mẫu CT07), bản giấy hoặc bản điện tử",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(0, "Không thu lệ phí"),),
    components=(RESIDENCE_FORM, ID_DOCUMENT),
    form_schema={
        "type": "object",
        "properties": {
            "information": choice(
                "Thông tin cần xác nhận",
                [
                    "Nơi thường trú",
                    "Nơi tạm trú",
                    "Quá trình cư trú",
                    "Các thành viên trong hộ gia đình",
                ],
            ),
            "purpose": text("Mục đích sử dụng Giấy xác nhận", 300),
            "delivery": choice(
                "Hình thức nhận kết quả",
                [
                    "Bản điện tử trên ứng dụng VNeID",
                    "Bản giấy tại cơ quan",
                    "Bản giấy qua bưu chính",
                ],
            ),
        },
        "required": ["information", "delivery"],
    },
    form_ui={
        "order": ["information", "purpose", "delivery"],
        "widgets": {"information": "radio", "delivery": "radio"},
        "help": {"purpose": "Ví dụ: bổ sung hồ sơ nhập học cho con."},
    },
)

REMOVE_PERMANENT_RESIDENCE = ProcedureSpec(
    code="1.004227",
    illustrative_code=True,
    name="Xóa đăng ký thường trú",
    field_code=CTRU[0],
    field_name=CTRU[1],
    level="commune",
    agency=COMMUNES,
    time_limit=1,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ và hợp lệ.",
    legal_basis=RESIDENCE_LAW,
    requirements=(
        f"{POLICE_DECIDE} Người thuộc trường hợp bị xóa đăng ký thường trú (đã chết, ra nước "
        "ngoài để định cư, vắng mặt liên tục 12 tháng không rõ lý do ...) hoặc người thuộc hộ gia "
        "đình có trách nhiệm nộp hồ sơ trong thời hạn 07 ngày kể từ ngày có căn cứ xóa."
    ),
    result_type="document",
    result_name="Thông báo về việc xóa đăng ký thường trú",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(0, "Không thu lệ phí"),),
    components=(
        RESIDENCE_FORM,
        ComponentSpec(
            "Giấy tờ, tài liệu chứng minh thuộc trường hợp xóa đăng ký thường trú",
            copy_count=1,
            required=False,
            condition="Khi căn cứ xóa đăng ký chưa có trong cơ sở dữ liệu (ví dụ trích lục khai "
            "tử chưa được cập nhật)",
            replaced_by="CSDL_HO_TICH",
        ),
        ID_DOCUMENT,
    ),
)

ABSENCE_DECLARATION = ProcedureSpec(
    code="1.004206",
    illustrative_code=True,
    name="Khai báo tạm vắng",
    field_code=CTRU[0],
    field_name=CTRU[1],
    level="commune",
    agency=COMMUNES,
    time_limit=1,
    time_limit_note="Trường hợp phức tạp thì không quá 02 ngày làm việc.",
    legal_basis=RESIDENCE_LAW,
    requirements=(
        f"{POLICE_DECIDE} Người bị can, bị cáo đang tại ngoại, người đang chấp hành án treo, "
        "quản chế, cải tạo không giam giữ, người trong độ tuổi nghĩa vụ quân sự đi khỏi nơi cư "
        "trú từ 03 tháng trở lên, hoặc công dân đi khỏi đơn vị hành chính cấp xã nơi thường trú "
        "từ 12 tháng trở lên phải khai báo tạm vắng."
    ),
    result_type="document",
    result_name="Phiếu khai báo tạm vắng (Mẫu CT03)",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_return=True,
    fees=(FeeSpec(0, "Không thu lệ phí"),),
    components=(
        ComponentSpec("Đề nghị khai báo tạm vắng (Mẫu CT02)", original_count=1),
        ComponentSpec(
            "Văn bản đồng ý của cơ quan có thẩm quyền giải quyết vụ án hoặc cơ quan, người được "
            "giao quản lý, giám sát",
            original_count=1,
            required=False,
            condition="Khi người khai báo là bị can, bị cáo tại ngoại hoặc người đang chấp hành "
            "án, biện pháp quản lý",
        ),
        ID_DOCUMENT,
    ),
)

TEMPORARY_RESIDENCE_EXTENSION = ProcedureSpec(
    code="1.004213",
    illustrative_code=True,
    name="Gia hạn tạm trú",
    field_code=CTRU[0],
    field_name=CTRU[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ và hợp lệ.",
    legal_basis=RESIDENCE_LAW,
    requirements=(
        f"{POLICE_DECIDE} Trong thời hạn 15 ngày trước ngày kết thúc thời hạn tạm trú đã đăng ký, "
        "công dân phải làm thủ tục gia hạn tạm trú."
    ),
    result_type="document",
    result_name="Thông báo về việc gia hạn tạm trú",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(15_000, "Lệ phí đăng ký tạm trú (gia hạn)", "Nộp hồ sơ trực tiếp"),
        FeeSpec(7_000, "Lệ phí đăng ký tạm trú (gia hạn)", "Nộp hồ sơ trực tuyến"),
        FeeSpec(0, "Miễn lệ phí", RESIDENCE_EXEMPT),
    ),
    components=(RESIDENCE_FORM, LEGAL_HOME, ID_DOCUMENT),
)


# Judicial records -----------------------------------------------------------------------------

JUDICIAL_RECORD_CITIZEN = ProcedureSpec(
    code="2.001417",
    name=(
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"
    ),
    field_code=LLTP[0],
    field_name=LLTP[1],
    level="province",
    agency=JUSTICE,
    time_limit=10,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp người được cấp đã cư trú ở nhiều nơi, là "
        "người nước ngoài, hoặc phải xác minh về điều kiện đương nhiên được xóa án tích thì không "
        "quá 15 ngày."
    ),
    legal_basis=JUDICIAL_RECORDS_LAW,
    requirements=(
        "Công dân Việt Nam nộp tại Sở Tư pháp nơi thường trú (nơi tạm trú nếu không có nơi "
        "thường trú); người nước ngoài nộp tại Sở Tư pháp nơi cư trú. Phiếu lý lịch tư pháp số 2 "
        "chỉ cấp cho chính người có yêu cầu, không được ủy quyền."
    ),
    applicant_types=("Công dân Việt Nam", "Người nước ngoài"),
    result_type="document",
    result_name="Phiếu lý lịch tư pháp số 1 hoặc số 2 (bản giấy hoặc bản điện tử)",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(200_000, "Phí cung cấp thông tin lý lịch tư pháp (mỗi lần yêu cầu)"),
        FeeSpec(
            100_000,
            "Phí cung cấp thông tin lý lịch tư pháp (mức giảm)",
            "Sinh viên, người có công với cách mạng, thân nhân liệt sĩ (cha đẻ, mẹ đẻ, vợ, chồng, "
            "con, người có công nuôi dưỡng liệt sĩ)",
        ),
        FeeSpec(
            0,
            "Miễn phí cung cấp thông tin lý lịch tư pháp",
            "Trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo, người cư trú tại xã "
            "đặc biệt khó khăn, đồng bào dân tộc thiểu số ở vùng có điều kiện kinh tế - xã hội "
            "đặc biệt khó khăn",
        ),
        FeeSpec(
            5_000,
            "Phí cấp thêm Phiếu lý lịch tư pháp",
            "Từ Phiếu thứ 3 trở đi trong cùng một lần yêu cầu (mỗi Phiếu)",
        ),
    ),
    components=(
        ComponentSpec("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (theo mẫu)", 1),
        ComponentSpec(
            "Thẻ căn cước, thẻ căn cước công dân hoặc hộ chiếu của người được cấp Phiếu",
            copy_count=1,
            replaced_by="CSDLQG_DAN_CU",
        ),
        ComponentSpec(
            "Giấy tờ chứng minh nơi thường trú hoặc nơi tạm trú",
            copy_count=1,
            replaced_by="CSDLQG_DAN_CU",
        ),
        ComponentSpec(
            "Văn bản ủy quyền",
            original_count=1,
            required=False,
            condition=(
                "Khi ủy quyền cho người khác làm thủ tục yêu cầu cấp Phiếu số 1 (không cần nếu "
                "người được ủy quyền là cha, mẹ, vợ, chồng, con)"
            ),
        ),
        ComponentSpec(
            "Giấy tờ chứng minh thuộc đối tượng được miễn, giảm phí",
            copy_count=1,
            required=False,
            condition="Khi đề nghị miễn hoặc giảm phí",
        ),
    ),
    steps=(
        StepSpec("receive", "Tiếp nhận, kiểm tra hồ sơ", Decimal(0), role="officer"),
        StepSpec(
            "process",
            "Tra cứu Cơ sở dữ liệu lý lịch tư pháp, lập hồ sơ yêu cầu xác minh",
            Decimal(2),
            role="specialist",
        ),
        StepSpec(
            "transfer",
            "Xác minh thông tin về án tích, tình trạng thi hành án tại Công an tỉnh",
            Decimal(5),
            agency=POLICE,
        ),
        StepSpec(
            "process",
            "Tổng hợp kết quả xác minh, dự thảo Phiếu lý lịch tư pháp",
            Decimal(2),
            role="specialist",
        ),
        StepSpec(
            "approve", "Lãnh đạo Sở Tư pháp ký Phiếu lý lịch tư pháp", Decimal(1), role="leader"
        ),
        StepSpec("return", "Trả Phiếu lý lịch tư pháp", Decimal(0), role="officer"),
    ),
    form_schema={
        "type": "object",
        "properties": {
            "card_type": choice(
                "Loại Phiếu đề nghị cấp",
                ["Phiếu lý lịch tư pháp số 1", "Phiếu lý lịch tư pháp số 2"],
            ),
            "copies_requested": {
                "type": "integer",
                "title": "Số lượng Phiếu đề nghị cấp",
                "minimum": 1,
                "maximum": 10,
                "default": 1,
            },
            "purpose": text("Mục đích sử dụng Phiếu", 200),
            "birth_place": text("Nơi sinh", 200),
            "father_name": text("Họ, chữ đệm, tên cha", 100),
            "mother_name": text("Họ, chữ đệm, tên mẹ", 100),
            "spouse_name": text("Họ, chữ đệm, tên vợ hoặc chồng", 100),
            "residence_history": text("Quá trình cư trú từ khi đủ 14 tuổi", 1000),
            "management_ban_check": {
                "type": "boolean",
                "title": (
                    "Yêu cầu xác nhận về việc có hay không bị cấm đảm nhiệm chức vụ, thành lập, "
                    "quản lý doanh nghiệp, hợp tác xã"
                ),
            },
            "discount": choice(
                "Đối tượng miễn, giảm phí (nếu có)",
                ["Không", "Sinh viên", "Người có công, thân nhân liệt sĩ", "Thuộc diện miễn phí"],
            ),
        },
        "required": ["card_type", "copies_requested", "purpose", "residence_history"],
    },
    form_ui={
        "order": [
            "card_type",
            "copies_requested",
            "purpose",
            "birth_place",
            "father_name",
            "mother_name",
            "spouse_name",
            "residence_history",
            "management_ban_check",
            "discount",
        ],
        "widgets": {"card_type": "radio", "residence_history": "textarea"},
        "help": {
            "card_type": "Phiếu số 2 ghi đầy đủ án tích đã được xóa và chỉ cấp cho chính bạn.",
            "residence_history": "Ghi từng giai đoạn: từ tháng/năm đến tháng/năm, địa chỉ, "
            "nghề nghiệp.",
            "discount": "Đối tượng miễn, giảm phí cần nộp kèm giấy tờ chứng minh.",
        },
    },
)

JUDICIAL_RECORD_AGENCY = ProcedureSpec(
    code="2.000505",
    illustrative_code=True,
    name=(
        "Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, cơ quan tiến hành tố tụng, tổ chức chính "
        "trị, tổ chức chính trị - xã hội"
    ),
    field_code=LLTP[0],
    field_name=LLTP[1],
    level="province",
    agency=JUSTICE,
    time_limit=10,
    time_limit_note=(
        "Kể từ ngày nhận được văn bản yêu cầu; trường hợp khẩn cấp theo yêu cầu của cơ quan tiến "
        "hành tố tụng thì không quá 24 giờ."
    ),
    legal_basis=JUDICIAL_RECORDS_LAW,
    requirements=(
        "Cơ quan tiến hành tố tụng yêu cầu cấp Phiếu để phục vụ điều tra, truy tố, xét xử; cơ "
        "quan nhà nước, tổ chức chính trị, tổ chức chính trị - xã hội yêu cầu để phục vụ công tác "
        "quản lý nhân sự, hoạt động đăng ký kinh doanh, thành lập, quản lý doanh nghiệp."
    ),
    applicant_types=("Cơ quan nhà nước", "Cơ quan tiến hành tố tụng", "Tổ chức chính trị - xã hội"),
    result_type="document",
    result_name="Phiếu lý lịch tư pháp số 1 hoặc số 2",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(0, "Không thu phí", "Yêu cầu của cơ quan, tổ chức theo quy định"),),
    components=(
        ComponentSpec(
            "Văn bản yêu cầu cấp Phiếu lý lịch tư pháp ghi rõ địa chỉ cơ quan, tổ chức, mục đích "
            "sử dụng và thông tin về người được cấp Phiếu",
            original_count=1,
        ),
    ),
)


# Driving licences (Công an tỉnh since 1 March 2025) ------------------------------------------

LICENCE_CLASSES = [
    "A1",
    "A",
    "B1",
    "B",
    "C1",
    "C",
    "D1",
    "D2",
    "D",
    "BE",
    "C1E",
    "CE",
    "D1E",
    "D2E",
    "DE",
]
LICENCE_FEES = (
    FeeSpec(135_000, "Lệ phí cấp giấy phép lái xe", "Nộp hồ sơ trực tiếp"),
    FeeSpec(115_000, "Lệ phí cấp giấy phép lái xe", "Nộp hồ sơ trực tuyến"),
)
HEALTH_CERTIFICATE = ComponentSpec(
    "Giấy khám sức khỏe của người lái xe do cơ sở khám bệnh, chữa bệnh có thẩm quyền cấp",
    original_count=1,
    required=False,
    condition=(
        "Trừ giấy phép lái xe hạng A1, A, B1; không phải nộp khi giấy khám sức khỏe đã được "
        "cơ sở y tế liên thông điện tử"
    ),
)
LICENCE_ONLINE_NOTE = (
    "Có thể nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia hoặc ứng dụng VNeID và nhận "
    "giấy phép lái xe qua dịch vụ bưu chính công ích."
)

LICENCE_EXCHANGE = ProcedureSpec(
    code="1.013111",
    illustrative_code=True,
    name="Cấp đổi giấy phép lái xe",
    field_code=GT[0],
    field_name=GT[1],
    level="province",
    agency=POLICE,
    time_limit=5,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=DRIVING_LAW,
    requirements=(
        "Giấy phép lái xe sắp hết hạn hoặc đã hết hạn, bị hỏng, có thay đổi thông tin của người "
        "được cấp, hoặc đổi sang mẫu giấy phép lái xe mới. " + LICENCE_ONLINE_NOTE
    ),
    result_type="licence",
    result_name="Giấy phép lái xe (bản giấy) và giấy phép lái xe điện tử trên ứng dụng VNeID",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=LICENCE_FEES,
    components=(
        ComponentSpec("Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu)", 1),
        HEALTH_CERTIFICATE,
        ComponentSpec(
            "Giấy phép lái xe đang sử dụng",
            copy_count=1,
            replaced_by="KET_QUA",
        ),
        ID_DOCUMENT,
    ),
    form_schema={
        "type": "object",
        "properties": {
            "licence_number": text("Số giấy phép lái xe", 12, pattern="^[0-9]{12}$"),
            "licence_class": choice("Hạng giấy phép lái xe", LICENCE_CLASSES),
            "licence_expiry": date("Ngày hết hạn ghi trên giấy phép"),
            "reason": choice(
                "Lý do đổi",
                [
                    "Sắp hết hạn hoặc đã hết hạn",
                    "Giấy phép bị hỏng",
                    "Thay đổi thông tin cá nhân",
                    "Đổi sang mẫu giấy phép mới",
                ],
            ),
            "delivery": choice(
                "Hình thức nhận giấy phép",
                ["Nhận tại cơ quan", "Nhận qua dịch vụ bưu chính công ích"],
            ),
            "delivery_address": text("Địa chỉ nhận qua bưu chính", 300),
        },
        "required": ["licence_number", "licence_class", "reason", "delivery"],
    },
    form_ui={
        "order": [
            "licence_number",
            "licence_class",
            "licence_expiry",
            "reason",
            "delivery",
            "delivery_address",
        ],
        "widgets": {"reason": "radio", "delivery": "radio", "delivery_address": "textarea"},
        "help": {
            "licence_number": "12 chữ số in trên giấy phép lái xe.",
            "delivery_address": "Chỉ ghi khi chọn nhận qua bưu chính.",
        },
    },
)

LICENCE_REISSUE = ProcedureSpec(
    code="1.013112",
    illustrative_code=True,
    name="Cấp lại giấy phép lái xe",
    field_code=GT[0],
    field_name=GT[1],
    level="province",
    agency=POLICE,
    time_limit=5,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; không kể thời gian sát hạch lại khi phải sát hạch."
    ),
    legal_basis=DRIVING_LAW,
    requirements=(
        "Người có giấy phép lái xe bị mất; trường hợp giấy phép đã quá thời hạn sử dụng theo quy "
        "định thì phải sát hạch lại trước khi được cấp lại. Thông tin giấy phép phải có trong hệ "
        "thống thông tin giấy phép lái xe và không đang bị cơ quan có thẩm quyền thu giữ, xử lý. "
        + LICENCE_ONLINE_NOTE
    ),
    result_type="licence",
    result_name="Giấy phép lái xe (bản giấy) và giấy phép lái xe điện tử trên ứng dụng VNeID",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=LICENCE_FEES,
    components=(
        ComponentSpec("Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu)", 1),
        HEALTH_CERTIFICATE,
        ID_DOCUMENT,
    ),
)

INTERNATIONAL_LICENCE = ProcedureSpec(
    code="1.013113",
    illustrative_code=True,
    name="Cấp giấy phép lái xe quốc tế",
    field_code=GT[0],
    field_name=GT[1],
    level="province",
    agency=POLICE,
    time_limit=5,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=f"Công ước Viên năm 1968 về giao thông đường bộ; {DRIVING_LAW}",
    requirements=(
        "Người có giấy phép lái xe do Việt Nam cấp bằng vật liệu PET hoặc giấy phép lái xe điện tử "
        "còn thời hạn. Giấy phép lái xe quốc tế có thời hạn không quá 03 năm và không vượt quá "
        "thời hạn của giấy phép lái xe quốc gia. " + LICENCE_ONLINE_NOTE
    ),
    applicant_types=("Công dân Việt Nam", "Người nước ngoài"),
    result_type="licence",
    result_name="Giấy phép lái xe quốc tế (mẫu theo Công ước Viên năm 1968)",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(135_000, "Lệ phí cấp giấy phép lái xe quốc tế"),),
    components=(
        ComponentSpec("Tờ khai đề nghị cấp giấy phép lái xe quốc tế (theo mẫu)", 1),
        ComponentSpec(
            "Giấy phép lái xe quốc gia còn thời hạn",
            copy_count=1,
            replaced_by="KET_QUA",
        ),
        ComponentSpec(
            "Hộ chiếu còn thời hạn",
            copy_count=1,
            required=False,
            condition="Khi người đề nghị là người nước ngoài hoặc chưa có thẻ căn cước",
        ),
        ID_DOCUMENT,
    ),
)


# Complaints and denunciations -----------------------------------------------------------------

SECOND_COMPLAINT = ProcedureSpec(
    code="1.013120",
    illustrative_code=True,
    name="Giải quyết khiếu nại lần hai tại cấp tỉnh",
    field_code=KN[0],
    field_name=KN[1],
    level="province",
    agency=PROVINCIAL_COMMITTEE,
    time_limit=45,
    time_limit_unit="calendar_days",
    time_limit_note=(
        "Kể từ ngày thụ lý; vụ việc phức tạp không quá 60 ngày. Ở vùng sâu, vùng xa đi lại khó "
        "khăn: không quá 60 ngày, vụ việc phức tạp không quá 70 ngày."
    ),
    legal_basis=COMPLAINT_LAW,
    requirements=(
        "Người khiếu nại không đồng ý với quyết định giải quyết khiếu nại lần đầu của Giám đốc Sở "
        "hoặc Chủ tịch Ủy ban nhân dân cấp xã, hoặc quá thời hạn mà khiếu nại lần đầu không được "
        "giải quyết; thời hiệu khiếu nại lần hai là 30 ngày kể từ ngày hết thời hạn giải quyết lần "
        "đầu hoặc nhận được quyết định giải quyết lần đầu (45 ngày ở vùng sâu, vùng xa)."
    ),
    applicant_types=("Công dân Việt Nam", "Người nước ngoài", "Cơ quan, tổ chức"),
    result_type="decision",
    result_name="Quyết định giải quyết khiếu nại lần hai của Chủ tịch Ủy ban nhân dân tỉnh",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Đơn khiếu nại hoặc bản ghi lời khiếu nại có chữ ký hoặc điểm chỉ của người khiếu nại",
            original_count=1,
        ),
        ComponentSpec("Quyết định giải quyết khiếu nại lần đầu", copy_count=1),
        ComponentSpec(
            "Tài liệu, chứng cứ liên quan đến nội dung khiếu nại",
            copy_count=1,
            required=False,
            condition="Khi người khiếu nại có tài liệu, chứng cứ",
        ),
        ComponentSpec(
            "Văn bản ủy quyền khiếu nại hoặc giấy tờ chứng minh tư cách người đại diện",
            original_count=1,
            required=False,
            condition="Khi khiếu nại thông qua người đại diện hoặc người được ủy quyền",
        ),
    ),
    steps=(
        StepSpec(
            "receive",
            "Tiếp nhận đơn, kiểm tra điều kiện và thông báo thụ lý",
            Decimal(10),
            role="officer",
        ),
        StepSpec(
            "process",
            "Xác minh nội dung khiếu nại, làm việc với người khiếu nại và người bị khiếu nại",
            Decimal(20),
            role="specialist",
        ),
        StepSpec("process", "Tổ chức đối thoại", Decimal(5), role="specialist"),
        StepSpec(
            "process",
            "Báo cáo kết quả xác minh, dự thảo quyết định giải quyết khiếu nại",
            Decimal(5),
            role="specialist",
        ),
        StepSpec(
            "approve",
            "Chủ tịch Ủy ban nhân dân tỉnh ký quyết định giải quyết khiếu nại lần hai",
            Decimal(5),
            role="leader",
        ),
        StepSpec(
            "return",
            "Gửi quyết định cho người khiếu nại và cơ quan liên quan, công khai quyết định",
            Decimal(0),
            role="officer",
        ),
    ),
)

DENUNCIATION = ProcedureSpec(
    code="1.013121",
    illustrative_code=True,
    name="Giải quyết tố cáo tại cấp tỉnh",
    field_code=TCAO[0],
    field_name=TCAO[1],
    level="province",
    agency=PROVINCIAL_COMMITTEE,
    time_limit=30,
    time_limit_unit="calendar_days",
    time_limit_note=(
        "Kể từ ngày thụ lý; vụ việc phức tạp có thể gia hạn một lần không quá 30 ngày, đặc biệt "
        "phức tạp có thể gia hạn hai lần, mỗi lần không quá 30 ngày."
    ),
    legal_basis=DENUNCIATION_LAW,
    requirements=(
        "Tố cáo hành vi vi phạm pháp luật của cán bộ, công chức, viên chức trong thực hiện nhiệm "
        "vụ, công vụ thuộc thẩm quyền giải quyết của Chủ tịch Ủy ban nhân dân tỉnh. Người tố cáo "
        "phải nêu rõ họ tên, địa chỉ và được giữ bí mật thông tin cá nhân."
    ),
    applicant_types=("Công dân Việt Nam",),
    result_type="decision",
    result_name="Kết luận nội dung tố cáo",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec("Đơn tố cáo hoặc biên bản ghi nội dung tố cáo trực tiếp", original_count=1),
        ComponentSpec(
            "Thông tin, tài liệu, chứng cứ liên quan đến nội dung tố cáo",
            copy_count=1,
            required=False,
            condition="Khi người tố cáo có thông tin, tài liệu, chứng cứ",
        ),
    ),
)

PROCEDURES: tuple[ProcedureSpec, ...] = (
    PERMANENT_RESIDENCE,
    TEMPORARY_RESIDENCE,
    RESIDENCE_CONFIRMATION,
    REMOVE_PERMANENT_RESIDENCE,
    ABSENCE_DECLARATION,
    TEMPORARY_RESIDENCE_EXTENSION,
    JUDICIAL_RECORD_CITIZEN,
    JUDICIAL_RECORD_AGENCY,
    LICENCE_EXCHANGE,
    LICENCE_REISSUE,
    INTERNATIONAL_LICENCE,
    SECOND_COMPLAINT,
    DENUNCIATION,
)
