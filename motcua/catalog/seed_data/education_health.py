"""Curated procedures: education, medical practice, pharmacy and food safety (DOMAIN.md §11,
"Education and health", plus the food-safety certificate of "Trade").

Field codes used in this file (short and stable, shared by every seed_data module):
    GD    Giáo dục và Đào tạo
    KCB   Khám bệnh, chữa bệnh
    DUOC  Dược
    ATTP  An toàn thực phẩm

Levels after the two-tier reform of 1 July 2025:
- Lower-secondary schools (THCS) were managed by the district education office, whose work
  moved to the commune: transfers of THCS pupils are commune procedures (agency = COMMUNES).
  Upper-secondary (THPT) transfers and copies of THPT diplomas stay with Sở Giáo dục và Đào
  tạo (000.00.08.H21), the keeper of the master registers.
- Practice licences, clinic licences, pharmacy certificates and food-safety certificates of food
  service establishments are issued by Sở Y tế (000.00.07.H21). Food-safety certificates for
  other sectors are issued by Sở Công Thương or Sở Nông nghiệp và Môi trường; the one here is
  the health sector's (restaurants, canteens, collective kitchens).

National codes could not be confirmed one by one: the codes below are plausible stand-ins
marked `illustrative_code=True`.
"""

from decimal import Decimal
from typing import Any

from .specs import COMMUNES, ComponentSpec, FeeSpec, ProcedureSpec, StepSpec

HEALTH = "000.00.07.H21"  # Sở Y tế
EDUCATION = "000.00.08.H21"  # Sở Giáo dục và Đào tạo

GD = ("GD", "Giáo dục và Đào tạo")
KCB = ("KCB", "Khám bệnh, chữa bệnh")
DUOC = ("DUOC", "Dược")
ATTP = ("ATTP", "An toàn thực phẩm")

ID_CARD = ComponentSpec(
    "Thẻ căn cước hoặc thẻ căn cước công dân (không phải nộp khi khai thác được từ Cơ sở dữ "
    "liệu quốc gia về dân cư)",
    copy_count=1,
    replaced_by="CSDLQG_DAN_CU",
)
BUSINESS_REGISTRATION = ComponentSpec(
    "Giấy chứng nhận đăng ký doanh nghiệp, hộ kinh doanh hoặc giấy tờ thành lập cơ sở",
    copy_count=1,
    replaced_by="CSDL_DKDN",
)
AUTHORISATION = ComponentSpec(
    "Văn bản ủy quyền",
    original_count=1,
    required=False,
    condition="Khi người khác nộp hồ sơ thay người có yêu cầu",
)

TRANSFER_LAW = (
    "Luật Giáo dục số 43/2019/QH14; Thông tư số 32/2020/TT-BGDĐT ban hành Điều lệ trường trung "
    "học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học; Thông tư số "
    "50/2021/TT-BGDĐT sửa đổi, bổ sung một số điều của Quy định chuyển trường và tiếp nhận học "
    "sinh học tại các trường trung học cơ sở và trung học phổ thông ban hành kèm theo Quyết định "
    "số 51/2002/QĐ-BGDĐT"
)
DIPLOMA_LAW = (
    "Luật Giáo dục số 43/2019/QH14; Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng "
    "thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch; Thông tư số "
    "21/2019/TT-BGDĐT ban hành Quy chế quản lý bằng tốt nghiệp trung học cơ sở, bằng tốt nghiệp "
    "trung học phổ thông, văn bằng giáo dục đại học và chứng chỉ của hệ thống giáo dục quốc dân"
)
MEDICAL_LAW = (
    "Luật Khám bệnh, chữa bệnh số 15/2023/QH15; Nghị định số 96/2023/NĐ-CP quy định chi tiết "
    "một số điều của Luật Khám bệnh, chữa bệnh; Thông tư số 59/2023/TT-BTC quy định mức thu, "
    "chế độ thu, nộp, quản lý và sử dụng phí trong lĩnh vực y tế"
)
PHARMACY_LAW = (
    "Luật Dược số 105/2016/QH13; Luật số 44/2024/QH15 sửa đổi, bổ sung một số điều của Luật "
    "Dược; Nghị định số 54/2017/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật "
    "Dược; Nghị định số 155/2018/NĐ-CP sửa đổi, bổ sung một số quy định liên quan đến điều kiện "
    "đầu tư kinh doanh thuộc phạm vi quản lý nhà nước của Bộ Y tế; Thông tư số 02/2018/TT-BYT "
    "quy định về Thực hành tốt cơ sở bán lẻ thuốc; Thông tư số 277/2016/TT-BTC quy định mức "
    "thu, chế độ thu, nộp, quản lý và sử dụng phí trong lĩnh vực dược, mỹ phẩm"
)
FOOD_LAW = (
    "Luật An toàn thực phẩm số 55/2010/QH12; Nghị định số 15/2018/NĐ-CP quy định chi tiết thi "
    "hành một số điều của Luật An toàn thực phẩm; Nghị định số 155/2018/NĐ-CP; Thông tư số "
    "67/2021/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí trong công tác an "
    "toàn thực phẩm"
)

PUPIL_PARENTS = ("Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài")
HEALTH_BUSINESSES = (
    "Doanh nghiệp",
    "Hợp tác xã",
    "Hộ kinh doanh",
    "Tổ chức (không bao gồm doanh nghiệp, HTX)",
)

SCHOOL_TRANSFER_FORM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "pupil_name": {
            "type": "string",
            "title": "Họ và tên học sinh",
            "maxLength": 200,
        },
        "pupil_birth_date": {
            "type": "string",
            "title": "Ngày sinh của học sinh",
            "format": "date",
            "maxLength": 10,
        },
        "current_school": {
            "type": "string",
            "title": "Trường đang học",
            "maxLength": 255,
        },
        "grade": {
            "type": "string",
            "title": "Lớp đang học",
            "maxLength": 10,
            "enum": ["Lớp 6", "Lớp 7", "Lớp 8", "Lớp 9"],
        },
        "school_year": {
            "type": "string",
            "title": "Năm học",
            "maxLength": 9,
            "pattern": "^[0-9]{4}-[0-9]{4}$",
        },
        "destination_school": {
            "type": "string",
            "title": "Trường xin chuyển đến",
            "maxLength": 255,
        },
        "timing": {
            "type": "string",
            "title": "Thời điểm chuyển trường",
            "maxLength": 40,
            "enum": [
                "Trong dịp hè",
                "Kết thúc học kỳ I",
                "Trong năm học (trường hợp đặc biệt)",
            ],
        },
        "reason": {
            "type": "string",
            "title": "Lý do chuyển trường",
            "maxLength": 60,
            "enum": [
                "Gia đình chuyển nơi cư trú",
                "Cha mẹ chuyển nơi công tác",
                "Hoàn cảnh gia đình khó khăn",
                "Lý do khác",
            ],
        },
        "reason_detail": {
            "type": "string",
            "title": "Trình bày cụ thể lý do",
            "maxLength": 1000,
        },
    },
    "required": [
        "pupil_name",
        "pupil_birth_date",
        "current_school",
        "grade",
        "school_year",
        "destination_school",
        "timing",
        "reason",
    ],
}
SCHOOL_TRANSFER_UI: dict[str, Any] = {
    "order": [
        "pupil_name",
        "pupil_birth_date",
        "current_school",
        "grade",
        "school_year",
        "destination_school",
        "timing",
        "reason",
        "reason_detail",
    ],
    "widgets": {
        "pupil_birth_date": "date",
        "grade": "select",
        "timing": "radio",
        "reason": "select",
        "reason_detail": "textarea",
    },
    "help": {
        "school_year": "Ví dụ 2025-2026.",
        "timing": "Chuyển trong năm học chỉ được xem xét khi có lý do đặc biệt, như gia đình "
        "chuyển nơi cư trú.",
    },
}

LOWER_SECONDARY_TRANSFER = ProcedureSpec(
    code="1.005099",
    illustrative_code=True,
    name="Chuyển trường học sinh trung học cơ sở",
    field_code=GD[0],
    field_name=GD[1],
    # The district education office's role moved to the commune (module docstring).
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=TRANSFER_LAW,
    requirements=(
        "Chuyển trường trong dịp hè hoặc khi kết thúc học kỳ I; chuyển trong năm học chỉ khi "
        "gia đình chuyển nơi cư trú hoặc có lý do đặc biệt; được hiệu trưởng trường nơi đi đồng "
        "ý và trường nơi đến tiếp nhận."
    ),
    applicant_types=PUPIL_PARENTS,
    result_type="document",
    result_name="Giấy giới thiệu chuyển trường và văn bản tiếp nhận của trường nơi đến",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Đơn xin chuyển trường do cha mẹ hoặc người giám hộ ký",
            original_count=1,
        ),
        ComponentSpec("Học bạ (bản chính)", original_count=1),
        ComponentSpec(
            "Bằng tốt nghiệp tiểu học hoặc giấy xác nhận hoàn thành chương trình tiểu học",
            copy_count=1,
            required=False,
            condition="Khi chuyển trường vào lớp 6",
        ),
        ComponentSpec(
            "Giấy giới thiệu chuyển trường do hiệu trưởng trường nơi đi cấp",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy khai sinh của học sinh",
            copy_count=1,
            replaced_by="CSDL_HO_TICH",
        ),
        ComponentSpec(
            "Giấy tờ chứng minh nơi cư trú mới của gia đình",
            copy_count=1,
            required=False,
            condition="Khi chuyển trường trong năm học do gia đình chuyển nơi cư trú",
            replaced_by="CSDLQG_DAN_CU",
        ),
    ),
    form_schema=SCHOOL_TRANSFER_FORM,
    form_ui=SCHOOL_TRANSFER_UI,
)

UPPER_SECONDARY_TRANSFER = ProcedureSpec(
    code="1.005100",
    illustrative_code=True,
    name="Chuyển trường học sinh trung học phổ thông",
    field_code=GD[0],
    field_name=GD[1],
    level="province",
    agency=EDUCATION,
    time_limit=3,
    legal_basis=TRANSFER_LAW,
    requirements=(
        "Chuyển trường trong dịp hè hoặc khi kết thúc học kỳ I; học sinh chuyển từ tỉnh khác "
        "đến phải được Giám đốc Sở Giáo dục và Đào tạo cho phép; chuyển vào trường chuyên, "
        "trường năng khiếu theo quy chế riêng."
    ),
    applicant_types=PUPIL_PARENTS,
    result_type="document",
    result_name="Văn bản đồng ý tiếp nhận học sinh chuyển trường của Sở Giáo dục và Đào tạo",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Đơn xin chuyển trường do cha mẹ hoặc người giám hộ ký",
            original_count=1,
        ),
        ComponentSpec("Học bạ (bản chính)", original_count=1),
        ComponentSpec(
            "Bằng tốt nghiệp trung học cơ sở hoặc giấy chứng nhận tốt nghiệp tạm thời",
            copy_count=1,
        ),
        ComponentSpec(
            "Giấy giới thiệu chuyển trường do hiệu trưởng trường nơi đi cấp",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy giới thiệu của Sở Giáo dục và Đào tạo nơi đi",
            original_count=1,
            required=False,
            condition="Khi học sinh chuyển từ tỉnh, thành phố khác đến",
        ),
        ComponentSpec(
            "Giấy tờ chứng minh nơi cư trú mới của gia đình",
            copy_count=1,
            required=False,
            condition="Khi chuyển trường trong năm học do gia đình chuyển nơi cư trú",
            replaced_by="CSDLQG_DAN_CU",
        ),
    ),
)

DIPLOMA_COPY = ProcedureSpec(
    code="2.001914",
    illustrative_code=True,
    name="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
    field_code=GD[0],
    field_name=GD[1],
    # Sở GD&ĐT keeps the master registers of THPT diplomas; other diplomas are copied by the
    # school or centre that issued them.
    level="province",
    agency=EDUCATION,
    time_limit=0,  # "trong ngày" carries no number (motcua.core.calendar)
    time_limit_unit="same_day",
    time_limit_note=(
        "Trong ngày nhận yêu cầu; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo. Sổ gốc "
        "lưu trữ lâu năm cần tra cứu thì không quá 03 ngày làm việc."
    ),
    legal_basis=DIPLOMA_LAW,
    requirements=(
        "Người được cấp văn bằng, chứng chỉ hoặc người đại diện theo pháp luật, người được ủy "
        "quyền, cha, mẹ, con, vợ, chồng, anh, chị, em ruột, người thừa kế khi người được cấp "
        "văn bằng đã chết."
    ),
    applicant_types=("Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"),
    result_type="document",
    result_name="Bản sao văn bằng, chứng chỉ từ sổ gốc",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
            original_count=1,
        ),
        ID_CARD,
        AUTHORISATION,
        ComponentSpec(
            "Giấy tờ chứng minh quan hệ với người được cấp văn bằng (giấy khai sinh, trích lục "
            "kết hôn)",
            copy_count=1,
            required=False,
            condition="Khi cha, mẹ, con, vợ, chồng, anh, chị, em ruột hoặc người thừa kế yêu cầu",
            replaced_by="CSDL_HO_TICH",
        ),
    ),
    form_schema={
        "type": "object",
        "properties": {
            "holder_name": {
                "type": "string",
                "title": "Họ và tên người được cấp văn bằng",
                "maxLength": 200,
            },
            "holder_birth_date": {
                "type": "string",
                "title": "Ngày sinh người được cấp văn bằng",
                "format": "date",
                "maxLength": 10,
            },
            "diploma_type": {
                "type": "string",
                "title": "Loại văn bằng, chứng chỉ",
                "maxLength": 80,
                "enum": [
                    "Bằng tốt nghiệp trung học phổ thông",
                    "Bằng tốt nghiệp bổ túc trung học phổ thông",
                    "Bằng tốt nghiệp trung học cơ sở",
                    "Chứng chỉ ngoại ngữ, tin học (theo chương trình cũ)",
                ],
            },
            "school_name": {
                "type": "string",
                "title": "Trường hoặc hội đồng thi nơi tốt nghiệp",
                "maxLength": 255,
            },
            "graduation_year": {
                "type": "integer",
                "title": "Năm tốt nghiệp",
                "minimum": 1975,
                "maximum": 2100,
            },
            "diploma_number": {
                "type": "string",
                "title": "Số hiệu hoặc số vào sổ cấp văn bằng (nếu nhớ)",
                "maxLength": 30,
            },
            "copies": {
                "type": "integer",
                "title": "Số bản sao đề nghị cấp",
                "minimum": 1,
                "maximum": 10,
            },
            "relationship": {
                "type": "string",
                "title": "Quan hệ của người nộp với người được cấp văn bằng",
                "maxLength": 40,
                "enum": [
                    "Chính là người được cấp",
                    "Cha, mẹ",
                    "Vợ, chồng",
                    "Con",
                    "Anh, chị, em ruột",
                    "Người được ủy quyền",
                ],
            },
        },
        "required": [
            "holder_name",
            "holder_birth_date",
            "diploma_type",
            "school_name",
            "graduation_year",
            "copies",
            "relationship",
        ],
    },
    form_ui={
        "order": [
            "relationship",
            "holder_name",
            "holder_birth_date",
            "diploma_type",
            "school_name",
            "graduation_year",
            "diploma_number",
            "copies",
        ],
        "widgets": {
            "relationship": "select",
            "holder_birth_date": "date",
            "diploma_type": "select",
            "graduation_year": "number",
            "copies": "number",
        },
        "help": {
            "diploma_number": "In ở góc dưới bên trái văn bằng; để trống nếu không còn giữ bản "
            "chính.",
            "copies": "Mỗi bản sao từ sổ gốc có giá trị sử dụng thay cho bản chính.",
        },
    },
)

DIPLOMA_CORRECTION = ProcedureSpec(
    code="2.001915",
    illustrative_code=True,
    name="Chỉnh sửa nội dung văn bằng, chứng chỉ",
    field_code=GD[0],
    field_name=GD[1],
    level="province",
    agency=EDUCATION,
    time_limit=5,
    legal_basis=(
        f"{DIPLOMA_LAW}; Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP quy định chi "
        "tiết một số điều và biện pháp thi hành Luật Hộ tịch"
    ),
    requirements=(
        "Người được cấp văn bằng đã được cơ quan có thẩm quyền cho phép thay đổi, cải chính hộ "
        "tịch, xác định lại dân tộc, bổ sung hộ tịch; hoặc văn bằng ghi sai do lỗi của cơ quan "
        "cấp."
    ),
    applicant_types=("Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"),
    result_type="decision",
    result_name="Quyết định chỉnh sửa văn bằng, chứng chỉ và văn bằng đã chỉnh sửa",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec("Đơn đề nghị chỉnh sửa nội dung văn bằng, chứng chỉ", original_count=1),
        ComponentSpec("Văn bằng, chứng chỉ đề nghị chỉnh sửa", original_count=1),
        ComponentSpec(
            "Trích lục hoặc quyết định thay đổi, cải chính hộ tịch, xác định lại dân tộc, bổ "
            "sung hộ tịch",
            copy_count=1,
            required=False,
            condition="Khi chỉnh sửa do thay đổi, cải chính hộ tịch",
            replaced_by="CSDL_HO_TICH",
        ),
        ComponentSpec(
            "Giấy khai sinh",
            copy_count=1,
            required=False,
            condition="Khi chỉnh sửa do văn bằng ghi sai so với giấy khai sinh",
            replaced_by="CSDL_HO_TICH",
        ),
        ID_CARD,
    ),
)

PRACTICE_CERTIFICATE = ProcedureSpec(
    code="1.012268",
    illustrative_code=True,
    name="Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh",
    field_code=KCB[0],
    field_name=KCB[1],
    level="province",
    agency=HEALTH,
    time_limit=30,
    time_limit_unit="calendar_days",
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=MEDICAL_LAW,
    requirements=(
        "Từ ngày 01/01/2024, chứng chỉ hành nghề được thay bằng giấy phép hành nghề theo Luật "
        "Khám bệnh, chữa bệnh năm 2023 (thời hạn 05 năm). Người đề nghị có văn bằng phù hợp "
        "chức danh chuyên môn (bác sĩ, y sĩ, điều dưỡng, hộ sinh, kỹ thuật y, dinh dưỡng lâm "
        "sàng ...), đã hoàn thành thực hành khám bệnh, chữa bệnh theo quy định, đủ sức khỏe và "
        "không thuộc trường hợp bị cấm hành nghề."
    ),
    applicant_types=("Công dân Việt Nam", "Người nước ngoài"),
    result_type="certificate",
    result_name="Giấy phép hành nghề khám bệnh, chữa bệnh (chứng chỉ hành nghề)",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(360_000, "Phí thẩm định cấp giấy phép hành nghề khám bệnh, chữa bệnh"),),
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp giấy phép hành nghề (Mẫu 01 Phụ lục I ban hành kèm theo Nghị định "
            "số 96/2023/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Văn bằng chuyên môn phù hợp với chức danh đề nghị cấp",
            copy_count=1,
        ),
        ComponentSpec(
            "Giấy xác nhận hoàn thành quá trình thực hành khám bệnh, chữa bệnh",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy khám sức khỏe do cơ sở khám bệnh, chữa bệnh đủ điều kiện cấp trong thời hạn "
            "06 tháng",
            original_count=1,
        ),
        ComponentSpec("02 ảnh màu cỡ 4x6 cm nền trắng", original_count=2),
        ComponentSpec(
            "Giấy chứng nhận đủ trình độ tiếng Việt hoặc ngôn ngữ khác dùng trong khám bệnh, "
            "chữa bệnh; giấy phép lao động",
            copy_count=1,
            required=False,
            condition="Khi người đề nghị là người nước ngoài",
        ),
        ID_CARD,
    ),
    form_schema={
        "type": "object",
        "properties": {
            "professional_title": {
                "type": "string",
                "title": "Chức danh chuyên môn đề nghị cấp",
                "maxLength": 40,
                "enum": [
                    "Bác sĩ",
                    "Y sĩ",
                    "Điều dưỡng",
                    "Hộ sinh",
                    "Kỹ thuật y",
                    "Dinh dưỡng lâm sàng",
                    "Cấp cứu viên ngoại viện",
                    "Tâm lý lâm sàng",
                ],
            },
            "scope": {
                "type": "string",
                "title": "Phạm vi hành nghề đề nghị",
                "maxLength": 500,
            },
            "degree": {
                "type": "string",
                "title": "Văn bằng chuyên môn",
                "maxLength": 255,
            },
            "training_institution": {
                "type": "string",
                "title": "Cơ sở đào tạo cấp văn bằng",
                "maxLength": 255,
            },
            "degree_year": {
                "type": "integer",
                "title": "Năm tốt nghiệp",
                "minimum": 1960,
                "maximum": 2100,
            },
            "practice_facility": {
                "type": "string",
                "title": "Cơ sở đã thực hành khám bệnh, chữa bệnh",
                "maxLength": 255,
            },
            "practice_end": {
                "type": "string",
                "title": "Ngày hoàn thành thực hành",
                "format": "date",
                "maxLength": 10,
            },
        },
        "required": [
            "professional_title",
            "scope",
            "degree",
            "training_institution",
            "degree_year",
            "practice_facility",
        ],
    },
    form_ui={
        "order": [
            "professional_title",
            "scope",
            "degree",
            "training_institution",
            "degree_year",
            "practice_facility",
            "practice_end",
        ],
        "widgets": {
            "professional_title": "select",
            "scope": "textarea",
            "degree_year": "number",
            "practice_end": "date",
        },
        "help": {
            "scope": "Ví dụ: khám bệnh, chữa bệnh chuyên khoa nội; ghi đúng như giấy xác nhận "
            "thực hành.",
            "practice_facility": "Bệnh viện hoặc cơ sở đã cấp giấy xác nhận hoàn thành thực hành.",
        },
    },
)

CLINIC_LICENCE = ProcedureSpec(
    code="1.012271",
    illustrative_code=True,
    name="Cấp giấy phép hoạt động phòng khám đa khoa, phòng khám chuyên khoa",
    field_code=KCB[0],
    field_name=KCB[1],
    level="province",
    agency=HEALTH,
    time_limit=45,
    time_limit_unit="calendar_days",
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ, gồm thời gian thẩm định thực tế tại cơ sở; trường hợp "
        "phải khắc phục sau thẩm định, thời hạn tính lại từ ngày nhận báo cáo khắc phục."
    ),
    legal_basis=MEDICAL_LAW,
    requirements=(
        "Cơ sở đáp ứng điều kiện về cơ sở vật chất, thiết bị y tế, nhân sự theo Nghị định số "
        "96/2023/NĐ-CP; người chịu trách nhiệm chuyên môn kỹ thuật có giấy phép hành nghề phù "
        "hợp và đã hành nghề khám bệnh, chữa bệnh ít nhất 36 tháng."
    ),
    applicant_types=HEALTH_BUSINESSES,
    result_type="licence",
    result_name="Giấy phép hoạt động khám bệnh, chữa bệnh",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(5_700_000, "Phí thẩm định cấp giấy phép hoạt động", "Phòng khám đa khoa"),
        FeeSpec(
            4_300_000,
            "Phí thẩm định cấp giấy phép hoạt động",
            "Phòng khám chuyên khoa",
        ),
    ),
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp giấy phép hoạt động (Mẫu 01 Phụ lục II ban hành kèm theo Nghị định "
            "số 96/2023/NĐ-CP)",
            original_count=1,
        ),
        BUSINESS_REGISTRATION,
        ComponentSpec(
            "Danh sách người hành nghề, người làm việc và giấy phép hành nghề của người chịu "
            "trách nhiệm chuyên môn kỹ thuật",
            original_count=1,
        ),
        ComponentSpec(
            "Bản kê khai cơ sở vật chất, thiết bị y tế, tổ chức nhân sự và giấy tờ chứng minh "
            "quyền sử dụng địa điểm",
            original_count=1,
        ),
        ComponentSpec(
            "Danh mục chuyên môn kỹ thuật đề xuất thực hiện",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy tờ chứng minh đáp ứng yêu cầu về phòng cháy, chữa cháy và quản lý chất thải y tế",
            copy_count=1,
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
            "Phòng Nghiệp vụ Y thẩm định hồ sơ, thông báo lịch thẩm định thực tế",
            Decimal(10),
            role="specialist",
        ),
        StepSpec(
            "process",
            "Đoàn thẩm định kiểm tra thực tế cơ sở, lập biên bản thẩm định",
            Decimal(25),
            role="specialist",
        ),
        StepSpec("approve", "Giám đốc Sở Y tế ký giấy phép hoạt động", Decimal(10), role="leader"),
        StepSpec(
            "return",
            "Trả giấy phép hoạt động, công khai trên cổng thông tin Sở Y tế",
            Decimal(0),
            role="officer",
        ),
    ),
)

PHARMACY_CERTIFICATE = ProcedureSpec(
    code="1.004616",
    illustrative_code=True,
    name=(
        "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ thuốc (nhà thuốc, "
        "quầy thuốc, tủ thuốc trạm y tế xã)"
    ),
    field_code=DUOC[0],
    field_name=DUOC[1],
    level="province",
    agency=HEALTH,
    time_limit=30,
    time_limit_unit="calendar_days",
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; gồm thời gian đánh giá thực tế việc đáp ứng Thực "
        "hành tốt cơ sở bán lẻ thuốc (GPP)."
    ),
    legal_basis=PHARMACY_LAW,
    requirements=(
        "Người chịu trách nhiệm chuyên môn về dược có Chứng chỉ hành nghề dược phù hợp; cơ sở "
        "đáp ứng Thực hành tốt cơ sở bán lẻ thuốc (GPP) về địa điểm, diện tích, thiết bị bảo "
        "quản, hồ sơ sổ sách."
    ),
    applicant_types=HEALTH_BUSINESSES,
    result_type="certificate",
    result_name=(
        "Giấy chứng nhận đủ điều kiện kinh doanh dược và Giấy chứng nhận đạt Thực hành tốt cơ "
        "sở bán lẻ thuốc"
    ),
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(1_000_000, "Phí thẩm định điều kiện kinh doanh thuốc", "Nhà thuốc"),
        FeeSpec(
            500_000,
            "Phí thẩm định điều kiện kinh doanh thuốc",
            "Quầy thuốc, tủ thuốc trạm y tế xã; cơ sở tại vùng có điều kiện kinh tế - xã hội "
            "khó khăn",
        ),
    ),
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược (Mẫu số 19 Phụ lục I "
            "ban hành kèm theo Nghị định số 54/2017/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Tài liệu kỹ thuật về địa điểm, khu vực bảo quản, trang thiết bị bảo quản, hệ thống "
            "quản lý chất lượng và nhân sự của cơ sở",
            original_count=1,
        ),
        ComponentSpec(
            "Chứng chỉ hành nghề dược của người chịu trách nhiệm chuyên môn về dược",
            copy_count=1,
            replaced_by="KET_QUA",
        ),
        BUSINESS_REGISTRATION,
    ),
)

PHARMACIST_CERTIFICATE = ProcedureSpec(
    code="1.004605",
    illustrative_code=True,
    name="Cấp Chứng chỉ hành nghề dược theo hình thức xét hồ sơ",
    field_code=DUOC[0],
    field_name=DUOC[1],
    level="province",
    agency=HEALTH,
    time_limit=20,
    time_limit_unit="calendar_days",
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=PHARMACY_LAW,
    requirements=(
        "Có văn bằng chuyên môn phù hợp (dược sĩ đại học, cao đẳng, trung cấp dược ...), có "
        "thời gian thực hành tại cơ sở dược phù hợp, đủ sức khỏe, không thuộc trường hợp bị cấm "
        "hành nghề."
    ),
    applicant_types=("Công dân Việt Nam", "Người nước ngoài"),
    result_type="certificate",
    result_name="Chứng chỉ hành nghề dược",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(500_000, "Phí thẩm định cấp Chứng chỉ hành nghề dược"),),
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp Chứng chỉ hành nghề dược (Mẫu số 02 Phụ lục I ban hành kèm theo "
            "Nghị định số 54/2017/NĐ-CP) kèm 02 ảnh chân dung cỡ 4x6 cm",
            original_count=1,
        ),
        ComponentSpec("Văn bằng chuyên môn", copy_count=1),
        ComponentSpec(
            "Giấy xác nhận thời gian thực hành chuyên môn tại cơ sở dược",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy chứng nhận đủ sức khỏe để hành nghề dược do cơ sở y tế có thẩm quyền cấp",
            original_count=1,
        ),
        ComponentSpec(
            "Phiếu lý lịch tư pháp",
            original_count=1,
            required=False,
            condition="Khi người đề nghị là người nước ngoài hoặc người Việt Nam định cư ở nước "
            "ngoài đang cư trú tại Việt Nam",
            replaced_by="LLTP",
        ),
        ID_CARD,
    ),
)

FOOD_SAFETY_CERTIFICATE = ProcedureSpec(
    code="1.001805",
    illustrative_code=True,
    name=(
        "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch "
        "vụ ăn uống"
    ),
    field_code=ATTP[0],
    field_name=ATTP[1],
    level="province",
    agency=HEALTH,
    time_limit=20,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ, gồm thời gian thẩm định thực tế tại cơ sở; cơ sở "
        "không đạt được khắc phục trong 30 ngày và thẩm định lại."
    ),
    legal_basis=FOOD_LAW,
    requirements=(
        "Cơ sở kinh doanh dịch vụ ăn uống (nhà hàng, bếp ăn tập thể, căng tin, cơ sở chế biến "
        "suất ăn sẵn) đáp ứng điều kiện về cơ sở vật chất, trang thiết bị, dụng cụ và con người "
        "theo Điều 28, 29, 30 Luật An toàn thực phẩm; chủ cơ sở và người trực tiếp chế biến "
        "được tập huấn kiến thức an toàn thực phẩm và đủ sức khỏe."
    ),
    applicant_types=HEALTH_BUSINESSES,
    result_type="certificate",
    result_name=("Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (hiệu lực 03 năm)"),
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(
            700_000,
            "Phí thẩm định cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            "Cơ sở phục vụ dưới 200 suất ăn",
        ),
        FeeSpec(
            1_000_000,
            "Phí thẩm định cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            "Cơ sở phục vụ từ 200 suất ăn trở lên",
        ),
    ),
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            original_count=1,
        ),
        ComponentSpec(
            "Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện vệ "
            "sinh an toàn thực phẩm",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy xác nhận đủ sức khỏe hoặc danh sách tổng hợp xác nhận đủ sức khỏe của chủ cơ "
            "sở và người trực tiếp chế biến thực phẩm",
            copy_count=1,
        ),
        ComponentSpec(
            "Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm của chủ cơ sở và người "
            "trực tiếp chế biến thực phẩm",
            copy_count=1,
        ),
        BUSINESS_REGISTRATION,
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
            "Chi cục An toàn vệ sinh thực phẩm thẩm định hồ sơ, thành lập đoàn thẩm định",
            Decimal(5),
            role="specialist",
        ),
        StepSpec(
            "process",
            "Đoàn thẩm định kiểm tra thực tế điều kiện an toàn thực phẩm tại cơ sở",
            Decimal(12),
            role="specialist",
        ),
        StepSpec("approve", "Lãnh đạo Sở Y tế ký Giấy chứng nhận", Decimal(3), role="leader"),
        StepSpec("return", "Trả Giấy chứng nhận", Decimal(0), role="officer"),
    ),
    form_schema={
        "type": "object",
        "properties": {
            "facility_name": {
                "type": "string",
                "title": "Tên cơ sở",
                "maxLength": 255,
            },
            "facility_address": {
                "type": "string",
                "title": "Địa chỉ cơ sở",
                "maxLength": 300,
            },
            "facility_type": {
                "type": "string",
                "title": "Loại hình cơ sở",
                "maxLength": 60,
                "enum": [
                    "Nhà hàng ăn uống",
                    "Nhà hàng trong khách sạn",
                    "Bếp ăn tập thể",
                    "Căng tin",
                    "Cơ sở chế biến suất ăn sẵn",
                ],
            },
            "meals_per_service": {
                "type": "integer",
                "title": "Số suất ăn phục vụ mỗi lần",
                "minimum": 1,
                "maximum": 100000,
            },
            "staff_count": {
                "type": "integer",
                "title": "Số người trực tiếp chế biến, phục vụ",
                "minimum": 1,
                "maximum": 10000,
            },
            "kitchen_area_m2": {
                "type": "number",
                "title": "Diện tích khu chế biến (m²)",
                "exclusiveMinimum": 0,
                "maximum": 100000,
            },
            "water_source": {
                "type": "string",
                "title": "Nguồn nước sử dụng",
                "maxLength": 40,
                "enum": ["Nước máy", "Nước giếng khoan đã xử lý", "Nguồn khác"],
            },
        },
        "required": [
            "facility_name",
            "facility_address",
            "facility_type",
            "meals_per_service",
            "staff_count",
        ],
    },
    form_ui={
        "order": [
            "facility_name",
            "facility_address",
            "facility_type",
            "meals_per_service",
            "staff_count",
            "kitchen_area_m2",
            "water_source",
        ],
        "widgets": {
            "facility_address": "textarea",
            "facility_type": "select",
            "meals_per_service": "number",
            "staff_count": "number",
            "kitchen_area_m2": "number",
            "water_source": "radio",
        },
        "help": {
            "meals_per_service": "Quyết định mức phí thẩm định: dưới 200 suất hay từ 200 suất "
            "trở lên.",
        },
    },
)

PRODUCT_DECLARATION = ProcedureSpec(
    code="1.001810",
    illustrative_code=True,
    name=(
        "Đăng ký bản công bố sản phẩm đối với thực phẩm dinh dưỡng y học, thực phẩm dùng cho "
        "chế độ ăn đặc biệt, sản phẩm dinh dưỡng dùng cho trẻ đến 36 tháng tuổi"
    ),
    field_code=ATTP[0],
    field_name=ATTP[1],
    level="province",
    agency=HEALTH,
    time_limit=7,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=FOOD_LAW,
    requirements=(
        "Sản phẩm sản xuất trong nước hoặc nhập khẩu của tổ chức, cá nhân có trụ sở trên địa "
        "bàn tỉnh; phiếu kết quả kiểm nghiệm trong thời hạn 12 tháng do phòng kiểm nghiệm được "
        "chỉ định hoặc công nhận cấp."
    ),
    applicant_types=HEALTH_BUSINESSES,
    result_type="certificate",
    result_name="Giấy tiếp nhận đăng ký bản công bố sản phẩm",
    legacy_level=4,
    online_class="full",
    online_only=True,
    fees=(FeeSpec(1_500_000, "Phí thẩm định hồ sơ đăng ký bản công bố sản phẩm"),),
    components=(
        ComponentSpec(
            "Bản công bố sản phẩm (Mẫu số 02 Phụ lục I ban hành kèm theo Nghị định số "
            "15/2018/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Phiếu kết quả kiểm nghiệm an toàn thực phẩm của sản phẩm trong thời hạn 12 tháng",
            original_count=1,
        ),
        ComponentSpec(
            "Bằng chứng khoa học chứng minh công dụng của sản phẩm hoặc thành phần tạo nên "
            "công dụng đã công bố",
            copy_count=1,
        ),
        ComponentSpec(
            "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đạt GMP hoặc tương đương",
            copy_count=1,
            required=False,
            condition="Khi sản phẩm sản xuất trong nước",
            replaced_by="KET_QUA",
        ),
        ComponentSpec(
            "Giấy chứng nhận lưu hành tự do hoặc giấy chứng nhận xuất khẩu, đã hợp pháp hóa "
            "lãnh sự",
            copy_count=1,
            required=False,
            condition="Khi sản phẩm nhập khẩu",
        ),
        BUSINESS_REGISTRATION,
    ),
)

PROCEDURES: tuple[ProcedureSpec, ...] = (
    LOWER_SECONDARY_TRANSFER,
    UPPER_SECONDARY_TRANSFER,
    DIPLOMA_COPY,
    DIPLOMA_CORRECTION,
    PRACTICE_CERTIFICATE,
    CLINIC_LICENCE,
    PHARMACY_CERTIFICATE,
    PHARMACIST_CERTIFICATE,
    FOOD_SAFETY_CERTIFICATE,
    PRODUCT_DECLARATION,
)
