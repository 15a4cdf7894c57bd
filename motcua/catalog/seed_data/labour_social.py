"""Curated procedures: employment, social protection, health insurance and foreign workers
(DOMAIN.md §11, "Labour and social").

Field codes used in this file (short and stable, shared by every seed_data module):
    VL    Việc làm
    BTXH  Bảo trợ xã hội
    BHYT  Bảo hiểm y tế
    LD    Lao động (người lao động nước ngoài)

Levels after the two-tier reform of 1 July 2025:
- The former Sở Lao động - Thương binh và Xã hội merged into Sở Nội vụ (000.00.09.H21); the
  employment service centre that receives unemployment dossiers is a unit of Sở Nội vụ and the
  decisions are signed by its director, so those procedures name Sở Nội vụ.
- Social allowances, funeral support and the poor-household procedures are decided by the
  commune chairman (the district's share of the work moved to the commune): agency = COMMUNES.
- Health insurance cards are issued by Vietnam Social Security (BHXH), which is not in the demo
  organisation: the commune receives the dossier and forwards it; the online service runs on
  the social insurance system, hence `online_provider="central"`.

National codes: only 1.001776 (monthly social allowance) is confirmed; the others are
plausible stand-ins marked `illustrative_code=True`.
"""

from decimal import Decimal

from .specs import COMMUNES, ComponentSpec, FeeSpec, ProcedureSpec, StepSpec

INTERIOR = "000.00.09.H21"  # Sở Nội vụ (also labour, employment, social affairs since 2025)

VL = ("VL", "Việc làm")
BTXH = ("BTXH", "Bảo trợ xã hội")
BHYT = ("BHYT", "Bảo hiểm y tế")
LD = ("LD", "Lao động")

ID_CARD = ComponentSpec(
    "Thẻ căn cước hoặc thẻ căn cước công dân (không phải nộp khi khai thác được từ Cơ sở dữ "
    "liệu quốc gia về dân cư)",
    copy_count=1,
    replaced_by="CSDLQG_DAN_CU",
)
EMPLOYMENT_LAW = (
    "Luật Việc làm số 38/2013/QH13 (từ ngày 01/01/2026: Luật Việc làm số 74/2025/QH15); Nghị "
    "định số 28/2015/NĐ-CP quy định chi tiết thi hành Luật Việc làm về bảo hiểm thất nghiệp; "
    "Nghị định số 61/2020/NĐ-CP sửa đổi, bổ sung Nghị định số 28/2015/NĐ-CP; Thông tư số "
    "15/2023/TT-BLĐTBXH hướng dẫn Điều 52 Luật Việc làm và một số điều của Nghị định số "
    "28/2015/NĐ-CP"
)
SOCIAL_LAW = (
    "Luật Người cao tuổi số 39/2009/QH12; Luật Người khuyết tật số 51/2010/QH12; Luật Trẻ em số "
    "102/2016/QH13; Nghị định số 20/2021/NĐ-CP quy định chính sách trợ giúp xã hội đối với đối "
    "tượng bảo trợ xã hội; Nghị định số 76/2024/NĐ-CP sửa đổi, bổ sung một số điều của Nghị "
    "định số 20/2021/NĐ-CP"
)
POVERTY_LAW = (
    "Nghị định số 07/2021/NĐ-CP quy định chuẩn nghèo đa chiều giai đoạn 2022 - 2025; Quyết "
    "định số 24/2021/QĐ-TTg quy định quy trình rà soát hộ nghèo, hộ cận nghèo hằng năm và quy "
    "trình xác định hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp và diêm nghiệp có mức sống trung "
    "bình; Thông tư số 07/2021/TT-BLĐTBXH hướng dẫn phương pháp rà soát, phân loại hộ nghèo, hộ "
    "cận nghèo"
)
FOREIGN_WORKER_LAW = (
    "Bộ luật Lao động số 45/2019/QH14; Nghị định số 152/2020/NĐ-CP quy định về người lao động "
    "nước ngoài làm việc tại Việt Nam và tuyển dụng, quản lý người lao động Việt Nam làm việc "
    "cho tổ chức, cá nhân nước ngoài tại Việt Nam; Nghị định số 70/2023/NĐ-CP sửa đổi, bổ sung "
    "một số điều của Nghị định số 152/2020/NĐ-CP; Nghị quyết của Hội đồng nhân dân tỉnh quy "
    "định mức thu lệ phí cấp giấy phép lao động"
)
EMPLOYERS = (
    "Doanh nghiệp",
    "Tổ chức (không bao gồm doanh nghiệp, HTX)",
    "Hợp tác xã",
    "Tổ chức nước ngoài",
)

UNEMPLOYMENT_BENEFIT = ProcedureSpec(
    code="1.001981",
    illustrative_code=True,
    name="Giải quyết hưởng trợ cấp thất nghiệp",
    field_code=VL[0],
    field_name=VL[1],
    # Received by the employment service centre (a unit of Sở Nội vụ since 2025); the decision is
    # signed by the director of Sở Nội vụ.
    level="province",
    agency=INTERIOR,
    time_limit=20,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ; người lao động phải nộp hồ sơ trong thời hạn 03 tháng kể từ "
        "ngày chấm dứt hợp đồng lao động hoặc hợp đồng làm việc."
    ),
    legal_basis=EMPLOYMENT_LAW,
    requirements=(
        "Đã chấm dứt hợp đồng lao động hoặc hợp đồng làm việc (trừ trường hợp đơn phương chấm "
        "dứt trái pháp luật, hưởng lương hưu, trợ cấp mất sức lao động hằng tháng); đã đóng bảo "
        "hiểm thất nghiệp từ đủ 12 tháng trở lên trong thời gian 24 tháng trước khi chấm dứt hợp "
        "đồng; chưa tìm được việc làm sau 15 ngày kể từ ngày nộp hồ sơ."
    ),
    applicant_types=("Công dân Việt Nam",),
    result_type="decision",
    result_name="Quyết định về việc hưởng trợ cấp thất nghiệp của Giám đốc Sở Nội vụ",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Đề nghị hưởng trợ cấp thất nghiệp (Mẫu số 03 ban hành kèm theo Thông tư số "
            "15/2023/TT-BLĐTBXH)",
            original_count=1,
        ),
        ComponentSpec(
            "Một trong các giấy tờ xác nhận việc chấm dứt hợp đồng lao động hoặc hợp đồng làm "
            "việc: hợp đồng đã hết hạn, quyết định thôi việc, quyết định sa thải, thông báo hoặc "
            "thỏa thuận chấm dứt hợp đồng",
            copy_count=1,
        ),
        ComponentSpec(
            "Sổ bảo hiểm xã hội có xác nhận thời gian đóng bảo hiểm thất nghiệp",
            original_count=1,
            replaced_by="CSDL_BHXH",
        ),
        ID_CARD,
        ComponentSpec(
            "Giấy ủy quyền hoặc giấy tờ chứng minh lý do không thể trực tiếp nộp hồ sơ",
            original_count=1,
            required=False,
            condition="Khi người lao động ốm đau, thai sản, tai nạn, thiên tai nên nhờ người "
            "khác nộp hồ sơ",
        ),
    ),
    steps=(
        StepSpec(
            "receive",
            "Trung tâm Dịch vụ việc làm tiếp nhận, kiểm tra hồ sơ",
            Decimal(0),
            role="officer",
        ),
        StepSpec(
            "process",
            "Xác minh quá trình đóng bảo hiểm thất nghiệp với cơ quan bảo hiểm xã hội, tính mức "
            "và thời gian hưởng, dự thảo quyết định",
            Decimal(16),
            role="specialist",
        ),
        StepSpec(
            "approve",
            "Giám đốc Sở Nội vụ ký quyết định hưởng trợ cấp thất nghiệp",
            Decimal(4),
            role="leader",
        ),
        StepSpec(
            "return",
            "Trả quyết định cho người lao động, gửi cơ quan bảo hiểm xã hội để chi trả",
            Decimal(0),
            role="officer",
        ),
    ),
    form_schema={
        "type": "object",
        "properties": {
            "last_employer": {
                "type": "string",
                "title": "Tên đơn vị đã làm việc trước khi thất nghiệp",
                "maxLength": 255,
            },
            "contract_type": {
                "type": "string",
                "title": "Loại hợp đồng đã chấm dứt",
                "maxLength": 60,
                "enum": [
                    "Hợp đồng lao động không xác định thời hạn",
                    "Hợp đồng lao động xác định thời hạn",
                    "Hợp đồng làm việc",
                    "Hợp đồng theo mùa vụ (từ đủ 01 tháng)",
                ],
            },
            "termination_date": {
                "type": "string",
                "title": "Ngày chấm dứt hợp đồng",
                "format": "date",
                "maxLength": 10,
            },
            "termination_reason": {
                "type": "string",
                "title": "Lý do chấm dứt hợp đồng",
                "maxLength": 500,
            },
            "insured_months": {
                "type": "integer",
                "title": "Số tháng đã đóng bảo hiểm thất nghiệp",
                "minimum": 12,
                "maximum": 600,
            },
            "payment_method": {
                "type": "string",
                "title": "Hình thức nhận trợ cấp",
                "maxLength": 40,
                "enum": ["Qua tài khoản ngân hàng", "Tiền mặt tại bưu điện"],
            },
            "bank_account": {
                "type": "string",
                "title": "Số tài khoản ngân hàng",
                "maxLength": 30,
                "pattern": "^[0-9]{6,30}$",
            },
            "bank_name": {
                "type": "string",
                "title": "Ngân hàng, chi nhánh",
                "maxLength": 200,
            },
            "wants_training": {
                "type": "boolean",
                "title": "Có nhu cầu được hỗ trợ học nghề",
            },
            "job_wishes": {
                "type": "string",
                "title": "Nhu cầu tư vấn, giới thiệu việc làm",
                "maxLength": 1000,
            },
        },
        "required": [
            "last_employer",
            "contract_type",
            "termination_date",
            "insured_months",
            "payment_method",
        ],
    },
    form_ui={
        "order": [
            "last_employer",
            "contract_type",
            "termination_date",
            "termination_reason",
            "insured_months",
            "payment_method",
            "bank_account",
            "bank_name",
            "wants_training",
            "job_wishes",
        ],
        "widgets": {
            "contract_type": "select",
            "termination_date": "date",
            "termination_reason": "textarea",
            "insured_months": "number",
            "payment_method": "radio",
            "wants_training": "checkbox",
            "job_wishes": "textarea",
        },
        "help": {
            "termination_date": "Hồ sơ phải nộp trong 03 tháng kể từ ngày này.",
            "insured_months": "Xem trên ứng dụng VssID hoặc sổ bảo hiểm xã hội; cần từ đủ 12 "
            "tháng trong 24 tháng trước khi nghỉ việc.",
            "bank_account": "Chỉ điền khi chọn nhận qua tài khoản; tài khoản phải đứng tên bạn.",
        },
    },
)

JOB_SEARCH_NOTICE = ProcedureSpec(
    code="1.001973",
    illustrative_code=True,
    name="Thông báo về việc tìm kiếm việc làm hằng tháng",
    field_code=VL[0],
    field_name=VL[1],
    level="province",
    agency=INTERIOR,
    time_limit=0,  # "trong ngày" carries no number (motcua.core.calendar)
    time_limit_unit="same_day",
    time_limit_note="Xác nhận ngay trong ngày người lao động đến thông báo.",
    legal_basis=EMPLOYMENT_LAW,
    requirements=(
        "Người đang hưởng trợ cấp thất nghiệp thông báo hằng tháng theo lịch hẹn; được thông "
        "báo qua bưu điện hoặc ủy quyền khi ốm đau, thai sản, tai nạn, thiên tai có xác nhận."
    ),
    applicant_types=("Công dân Việt Nam",),
    result_type="document",
    result_name="Xác nhận thông báo tìm kiếm việc làm trên phiếu hẹn trả kết quả",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    components=(
        ComponentSpec(
            "Thông báo về việc tìm kiếm việc làm (Mẫu số 16 ban hành kèm theo Thông tư số "
            "15/2023/TT-BLĐTBXH)",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy tờ chứng minh trường hợp được thông báo qua bưu điện hoặc ủy quyền",
            copy_count=1,
            required=False,
            condition="Khi không trực tiếp đến thông báo do ốm đau, thai sản, tai nạn, thiên tai",
        ),
    ),
)

MONTHLY_SOCIAL_ALLOWANCE = ProcedureSpec(
    code="1.001776",
    name=(
        "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, "
        "nuôi dưỡng hàng tháng"
    ),
    field_code=BTXH[0],
    field_name=BTXH[1],
    level="commune",
    agency=COMMUNES,
    time_limit=20,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ; gồm thời gian Hội đồng xét duyệt họp và niêm yết công khai "
        "kết quả xét duyệt 02 ngày làm việc. Trợ cấp được hưởng từ tháng Chủ tịch Ủy ban nhân "
        "dân cấp xã ký quyết định."
    ),
    legal_basis=SOCIAL_LAW,
    requirements=(
        "Thuộc một trong các đối tượng tại Điều 5 Nghị định số 20/2021/NĐ-CP: trẻ em dưới 16 tuổi "
        "không có nguồn nuôi dưỡng, người đơn thân nghèo đang nuôi con, người cao tuổi thuộc hộ "
        "nghèo hoặc từ đủ 75 tuổi (80 tuổi) không có lương hưu, trợ cấp bảo hiểm xã hội hằng "
        "tháng, người khuyết tật nặng và đặc biệt nặng, người nhiễm HIV/AIDS thuộc hộ nghèo."
    ),
    applicant_types=("Công dân Việt Nam",),
    result_type="decision",
    result_name=(
        "Quyết định trợ cấp xã hội hàng tháng (hoặc điều chỉnh, thôi hưởng) của Chủ tịch Ủy ban "
        "nhân dân cấp xã"
    ),
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Tờ khai đề nghị trợ giúp xã hội theo đối tượng (Mẫu số 1a, 1b, 1c, 1d, 1đ hoặc 1e "
            "ban hành kèm theo Nghị định số 20/2021/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy xác nhận khuyết tật",
            copy_count=1,
            required=False,
            condition="Khi đối tượng là người khuyết tật hoặc hộ gia đình có người khuyết tật",
            replaced_by="KET_QUA",
        ),
        ComponentSpec(
            "Giấy khai sinh của trẻ em",
            copy_count=1,
            required=False,
            condition="Khi đối tượng là trẻ em hoặc người đơn thân nghèo đang nuôi con",
            replaced_by="CSDL_HO_TICH",
        ),
        ComponentSpec(
            "Trích lục khai tử hoặc giấy tờ xác nhận cha, mẹ mất tích, đang chấp hành án phạt tù",
            copy_count=1,
            required=False,
            condition="Khi trẻ em mồ côi cả cha và mẹ hoặc bị bỏ rơi, không nơi nương tựa",
            replaced_by="CSDL_HO_TICH",
        ),
        ComponentSpec(
            "Giấy tờ xác nhận bị nhiễm HIV của cơ quan y tế có thẩm quyền",
            copy_count=1,
            required=False,
            condition="Khi đối tượng là người nhiễm HIV/AIDS thuộc hộ nghèo",
        ),
        ID_CARD,
    ),
    form_schema={
        "type": "object",
        "properties": {
            "request_type": {
                "type": "string",
                "title": "Nội dung đề nghị",
                "maxLength": 40,
                "enum": ["Hưởng mới", "Điều chỉnh mức hưởng", "Thôi hưởng"],
            },
            "beneficiary_group": {
                "type": "string",
                "title": "Nhóm đối tượng",
                "maxLength": 80,
                "enum": [
                    "Người cao tuổi",
                    "Người khuyết tật nặng, đặc biệt nặng",
                    "Trẻ em không có nguồn nuôi dưỡng",
                    "Người đơn thân nghèo đang nuôi con",
                    "Người nhiễm HIV/AIDS thuộc hộ nghèo",
                    "Hộ gia đình nhận chăm sóc, nuôi dưỡng đối tượng",
                ],
            },
            "beneficiary_name": {
                "type": "string",
                "title": "Họ và tên người được hưởng",
                "maxLength": 200,
            },
            "beneficiary_birth_date": {
                "type": "string",
                "title": "Ngày sinh người được hưởng",
                "format": "date",
                "maxLength": 10,
            },
            "disability_level": {
                "type": "string",
                "title": "Mức độ khuyết tật",
                "maxLength": 30,
                "enum": ["Đặc biệt nặng", "Nặng", "Không áp dụng"],
            },
            "has_pension": {
                "type": "boolean",
                "title": "Đang hưởng lương hưu hoặc trợ cấp bảo hiểm xã hội hằng tháng",
            },
            "payment_method": {
                "type": "string",
                "title": "Hình thức nhận trợ cấp",
                "maxLength": 40,
                "enum": ["Qua tài khoản ngân hàng", "Tiền mặt tại điểm chi trả"],
            },
            "reason": {
                "type": "string",
                "title": "Lý do điều chỉnh hoặc thôi hưởng",
                "maxLength": 1000,
            },
        },
        "required": [
            "request_type",
            "beneficiary_group",
            "beneficiary_name",
            "beneficiary_birth_date",
        ],
    },
    form_ui={
        "order": [
            "request_type",
            "beneficiary_group",
            "beneficiary_name",
            "beneficiary_birth_date",
            "disability_level",
            "has_pension",
            "payment_method",
            "reason",
        ],
        "widgets": {
            "request_type": "radio",
            "beneficiary_group": "select",
            "beneficiary_birth_date": "date",
            "disability_level": "radio",
            "has_pension": "checkbox",
            "payment_method": "radio",
            "reason": "textarea",
        },
        "help": {
            "beneficiary_name": "Người được nhận trợ cấp; có thể là bạn hoặc người thân bạn "
            "nộp thay.",
            "disability_level": "Theo Giấy xác nhận khuyết tật do Ủy ban nhân dân cấp xã cấp.",
            "reason": "Chỉ điền khi đề nghị điều chỉnh mức hoặc thôi hưởng.",
        },
    },
)

FUNERAL_SUPPORT = ProcedureSpec(
    code="2.000744",
    illustrative_code=True,
    name="Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
    field_code=BTXH[0],
    field_name=BTXH[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    legal_basis=SOCIAL_LAW,
    requirements=(
        "Người chết là đối tượng đang hưởng trợ cấp xã hội hàng tháng, con của người đơn thân "
        "nghèo, người từ đủ 80 tuổi không có lương hưu; mức hỗ trợ bằng 20 lần mức chuẩn trợ "
        "giúp xã hội."
    ),
    applicant_types=("Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)"),
    result_type="decision",
    result_name="Quyết định hỗ trợ chi phí mai táng của Chủ tịch Ủy ban nhân dân cấp xã",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04 ban hành kèm theo Nghị định số "
            "20/2021/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Trích lục khai tử hoặc giấy báo tử",
            copy_count=1,
            replaced_by="CSDL_HO_TICH",
        ),
        ComponentSpec(
            "Văn bản của cơ quan, tổ chức đã tổ chức mai táng",
            original_count=1,
            required=False,
            condition="Khi cơ quan, tổ chức đứng ra mai táng (người chết không có người thân)",
        ),
        ID_CARD,
    ),
)

POVERTY_CONFIRMATION = ProcedureSpec(
    code="1.010816",
    illustrative_code=True,
    name="Xác nhận hộ nghèo, cận nghèo",
    field_code=BTXH[0],
    field_name=BTXH[1],
    level="commune",
    agency=COMMUNES,
    time_limit=3,
    legal_basis=POVERTY_LAW,
    requirements=(
        "Hộ gia đình có tên trong danh sách hộ nghèo, hộ cận nghèo của năm do Chủ tịch Ủy ban "
        "nhân dân cấp xã phê duyệt; giấy xác nhận dùng để hưởng chính sách (tín dụng ưu đãi, "
        "miễn giảm học phí, bảo hiểm y tế ...)."
    ),
    applicant_types=("Công dân Việt Nam",),
    result_type="certificate",
    result_name="Giấy xác nhận hộ nghèo, hộ cận nghèo",
    legacy_level=4,
    online_class="full",
    postal_return=True,
    components=(
        ComponentSpec("Giấy đề nghị xác nhận hộ nghèo, hộ cận nghèo", original_count=1),
        ID_CARD,
    ),
    form_schema={
        "type": "object",
        "properties": {
            "household_head": {
                "type": "string",
                "title": "Họ và tên chủ hộ",
                "maxLength": 200,
            },
            "household_type": {
                "type": "string",
                "title": "Đề nghị xác nhận là",
                "maxLength": 20,
                "enum": ["Hộ nghèo", "Hộ cận nghèo"],
            },
            "year": {
                "type": "integer",
                "title": "Năm được công nhận",
                "minimum": 2022,
                "maximum": 2100,
            },
            "purpose": {
                "type": "string",
                "title": "Mục đích sử dụng giấy xác nhận",
                "maxLength": 60,
                "enum": [
                    "Vay vốn Ngân hàng Chính sách xã hội",
                    "Miễn, giảm học phí",
                    "Hỗ trợ chi phí học tập",
                    "Cấp thẻ bảo hiểm y tế",
                    "Khác",
                ],
            },
            "purpose_other": {
                "type": "string",
                "title": "Mục đích khác (ghi rõ)",
                "maxLength": 300,
            },
        },
        "required": ["household_head", "household_type", "year", "purpose"],
    },
    form_ui={
        "order": ["household_head", "household_type", "year", "purpose", "purpose_other"],
        "widgets": {
            "household_type": "radio",
            "year": "number",
            "purpose": "select",
        },
        "help": {
            "year": "Năm hộ có tên trong danh sách hộ nghèo, hộ cận nghèo đã được phê duyệt.",
            "purpose_other": "Chỉ điền khi chọn mục đích 'Khác'.",
        },
    },
)

POVERTY_RECOGNITION = ProcedureSpec(
    code="1.010817",
    illustrative_code=True,
    name="Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm",
    field_code=BTXH[0],
    field_name=BTXH[1],
    level="commune",
    agency=COMMUNES,
    time_limit=12,
    time_limit_note=(
        "Kể từ ngày nhận giấy đề nghị; gồm 03 ngày làm việc niêm yết công khai kết quả rà soát "
        "tại trụ sở Ủy ban nhân dân cấp xã và nhà văn hóa thôn, tổ dân phố."
    ),
    legal_basis=POVERTY_LAW,
    requirements=(
        "Hộ gia đình gặp khó khăn đột xuất trong năm (thiên tai, dịch bệnh, tai nạn, bệnh hiểm "
        "nghèo) có thu nhập và mức độ thiếu hụt dịch vụ xã hội cơ bản dưới chuẩn nghèo đa chiều."
    ),
    applicant_types=("Công dân Việt Nam",),
    result_type="decision",
    result_name=(
        "Quyết định công nhận hộ nghèo, hộ cận nghèo và Giấy chứng nhận hộ nghèo, hộ cận nghèo"
    ),
    legacy_level=3,
    online_class="partial",
    components=(
        ComponentSpec(
            "Giấy đề nghị xét duyệt hộ nghèo, hộ cận nghèo (Phụ lục Ia ban hành kèm theo Quyết "
            "định số 24/2021/QĐ-TTg)",
            original_count=1,
        ),
        ID_CARD,
    ),
    steps=(
        StepSpec(
            "receive",
            "Tiếp nhận giấy đề nghị tại Bộ phận Một cửa cấp xã",
            Decimal(0),
            role="officer",
        ),
        StepSpec(
            "process",
            "Tổ rà soát thu thập thông tin, chấm điểm phiếu khảo sát; Ban chỉ đạo giảm nghèo "
            "cấp xã tổng hợp kết quả",
            Decimal(7),
            role="specialist",
        ),
        StepSpec(
            "process",
            "Niêm yết công khai kết quả rà soát, tiếp nhận khiếu nại (nếu có)",
            Decimal(3),
            role="specialist",
        ),
        StepSpec(
            "approve",
            "Chủ tịch Ủy ban nhân dân cấp xã ký quyết định công nhận",
            Decimal(2),
            role="leader",
        ),
        StepSpec(
            "return",
            "Trả quyết định và Giấy chứng nhận hộ nghèo, hộ cận nghèo",
            Decimal(0),
            role="officer",
        ),
    ),
)

WORK_PERMIT = ProcedureSpec(
    code="1.000459",
    illustrative_code=True,
    name="Cấp giấy phép lao động cho người nước ngoài làm việc tại Việt Nam",
    field_code=LD[0],
    field_name=LD[1],
    # Sở Nội vụ since the 2025 merger of the labour department into it.
    level="province",
    agency=INTERIOR,
    time_limit=5,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ; người sử dụng lao động nộp hồ sơ trước ít nhất 15 ngày kể từ "
        "ngày người lao động nước ngoài dự kiến bắt đầu làm việc."
    ),
    legal_basis=FOREIGN_WORKER_LAW,
    requirements=(
        "Người lao động nước ngoài đủ 18 tuổi, có năng lực hành vi dân sự đầy đủ, có trình độ "
        "chuyên môn, kinh nghiệm phù hợp, đủ sức khỏe, không đang chấp hành hình phạt; vị trí "
        "công việc đã được chấp thuận nhu cầu sử dụng người lao động nước ngoài."
    ),
    applicant_types=EMPLOYERS,
    result_type="licence",
    result_name="Giấy phép lao động (thời hạn tối đa 02 năm)",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=(FeeSpec(600_000, "Lệ phí cấp giấy phép lao động", "Mỗi giấy phép cấp mới"),),
    components=(
        ComponentSpec(
            "Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động (Mẫu số 11/PLI "
            "Phụ lục I ban hành kèm theo Nghị định số 70/2023/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài",
            copy_count=1,
            replaced_by="KET_QUA",
        ),
        ComponentSpec(
            "Giấy chứng nhận sức khỏe hoặc giấy khám sức khỏe do cơ sở y tế có thẩm quyền cấp "
            "trong thời hạn 12 tháng",
            original_count=1,
        ),
        ComponentSpec(
            "Phiếu lý lịch tư pháp do Việt Nam cấp (cấp không quá 06 tháng)",
            original_count=1,
            required=False,
            condition="Khi người lao động nước ngoài đang cư trú tại Việt Nam",
            replaced_by="LLTP",
        ),
        ComponentSpec(
            "Văn bản xác nhận không phải là người phạm tội hoặc bị truy cứu trách nhiệm hình sự "
            "của nước ngoài, đã hợp pháp hóa lãnh sự và dịch sang tiếng Việt",
            original_count=1,
            required=False,
            condition="Khi người lao động nước ngoài chưa cư trú tại Việt Nam",
        ),
        ComponentSpec(
            "Văn bằng, giấy tờ chứng minh là nhà quản lý, giám đốc điều hành, chuyên gia hoặc "
            "lao động kỹ thuật, đã hợp pháp hóa lãnh sự và dịch sang tiếng Việt",
            copy_count=1,
        ),
        ComponentSpec(
            "02 ảnh màu cỡ 4x6 cm, phông nền trắng, chụp không quá 06 tháng", original_count=2
        ),
        ComponentSpec("Hộ chiếu còn giá trị của người lao động nước ngoài", copy_count=1),
        ComponentSpec(
            "Giấy chứng nhận đăng ký doanh nghiệp của người sử dụng lao động",
            copy_count=1,
            required=False,
            condition="Khi người sử dụng lao động là doanh nghiệp",
            replaced_by="CSDL_DKDN",
        ),
    ),
    form_schema={
        "type": "object",
        "properties": {
            "worker_full_name": {
                "type": "string",
                "title": "Họ và tên người lao động nước ngoài (như trong hộ chiếu)",
                "maxLength": 200,
            },
            "worker_nationality": {
                "type": "string",
                "title": "Quốc tịch",
                "maxLength": 100,
            },
            "passport_number": {
                "type": "string",
                "title": "Số hộ chiếu",
                "maxLength": 20,
                "pattern": "^[A-Za-z0-9]{5,20}$",
            },
            "position": {
                "type": "string",
                "title": "Vị trí công việc",
                "maxLength": 40,
                "enum": [
                    "Nhà quản lý",
                    "Giám đốc điều hành",
                    "Chuyên gia",
                    "Lao động kỹ thuật",
                ],
            },
            "job_title": {
                "type": "string",
                "title": "Chức danh công việc",
                "maxLength": 200,
            },
            "work_form": {
                "type": "string",
                "title": "Hình thức làm việc",
                "maxLength": 80,
                "enum": [
                    "Thực hiện hợp đồng lao động",
                    "Di chuyển trong nội bộ doanh nghiệp",
                    "Thực hiện hợp đồng, thỏa thuận kinh tế, thương mại",
                    "Nhà cung cấp dịch vụ theo hợp đồng",
                    "Khác",
                ],
            },
            "work_location": {
                "type": "string",
                "title": "Địa điểm làm việc",
                "maxLength": 300,
            },
            "start_date": {
                "type": "string",
                "title": "Thời hạn làm việc từ ngày",
                "format": "date",
                "maxLength": 10,
            },
            "end_date": {
                "type": "string",
                "title": "Đến ngày",
                "format": "date",
                "maxLength": 10,
            },
        },
        "required": [
            "worker_full_name",
            "worker_nationality",
            "passport_number",
            "position",
            "job_title",
            "work_form",
            "work_location",
            "start_date",
            "end_date",
        ],
    },
    form_ui={
        "order": [
            "worker_full_name",
            "worker_nationality",
            "passport_number",
            "position",
            "job_title",
            "work_form",
            "work_location",
            "start_date",
            "end_date",
        ],
        "widgets": {
            "position": "radio",
            "work_form": "select",
            "work_location": "textarea",
            "start_date": "date",
            "end_date": "date",
        },
        "help": {
            "end_date": "Giấy phép lao động có thời hạn tối đa 02 năm và không vượt quá thời hạn "
            "của hợp đồng.",
            "position": "Phải trùng với vị trí đã được chấp thuận nhu cầu sử dụng người lao "
            "động nước ngoài.",
        },
    },
)

WORK_PERMIT_EXEMPTION = ProcedureSpec(
    code="2.000205",
    illustrative_code=True,
    name="Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động",
    field_code=LD[0],
    field_name=LD[1],
    level="province",
    agency=INTERIOR,
    time_limit=5,
    legal_basis=FOREIGN_WORKER_LAW,
    requirements=(
        "Người lao động nước ngoài thuộc trường hợp không thuộc diện cấp giấy phép lao động "
        "theo Điều 154 Bộ luật Lao động và Điều 7 Nghị định số 152/2020/NĐ-CP phải được xác nhận."
    ),
    applicant_types=EMPLOYERS,
    result_type="certificate",
    result_name=(
        "Văn bản xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động"
    ),
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Văn bản đề nghị xác nhận không thuộc diện cấp giấy phép lao động (Mẫu số 09/PLI)",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy chứng nhận sức khỏe trong thời hạn 12 tháng",
            original_count=1,
        ),
        ComponentSpec("Hộ chiếu còn giá trị của người lao động nước ngoài", copy_count=1),
        ComponentSpec(
            "Giấy tờ chứng minh thuộc trường hợp không thuộc diện cấp giấy phép lao động",
            copy_count=1,
        ),
    ),
)

CHILD_HEALTH_CARD = ProcedureSpec(
    code="1.012425",
    illustrative_code=True,
    name="Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    field_code=BHYT[0],
    field_name=BHYT[1],
    # Issued by the social insurance agency (not in the demo organisation): the commune receives
    # and forwards; the online service is the social insurance system (central).
    level="commune",
    agency=COMMUNES,
    time_limit=5,
    time_limit_note=(
        "Khi thực hiện liên thông cùng đăng ký khai sinh, đăng ký thường trú, thẻ được cấp theo "
        "thời hạn của thủ tục liên thông."
    ),
    legal_basis=(
        "Luật Bảo hiểm y tế số 25/2008/QH12, được sửa đổi, bổ sung bởi Luật số 46/2014/QH13 và "
        "Luật số 51/2024/QH15; Nghị định số 63/2024/NĐ-CP quy định việc thực hiện liên thông "
        "điện tử nhóm thủ tục hành chính đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm "
        "y tế cho trẻ em dưới 6 tuổi; Quyết định số 595/QĐ-BHXH của Bảo hiểm xã hội Việt Nam"
    ),
    requirements="Trẻ em dưới 6 tuổi đã được đăng ký khai sinh; ngân sách nhà nước đóng.",
    applicant_types=("Công dân Việt Nam",),
    result_type="card",
    result_name="Thẻ bảo hiểm y tế (bản giấy hoặc thẻ điện tử trên VssID, VNeID)",
    legacy_level=4,
    online_class="full",
    online_provider="central",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế (Mẫu TK1-TS)",
            original_count=1,
        ),
        ComponentSpec(
            "Giấy khai sinh hoặc trích lục khai sinh của trẻ em",
            copy_count=1,
            replaced_by="CSDL_HO_TICH",
        ),
        ComponentSpec(
            "Thẻ căn cước của cha hoặc mẹ (người đi đăng ký)",
            copy_count=1,
            replaced_by="CSDLQG_DAN_CU",
        ),
    ),
)

PROCEDURES: tuple[ProcedureSpec, ...] = (
    UNEMPLOYMENT_BENEFIT,
    JOB_SEARCH_NOTICE,
    MONTHLY_SOCIAL_ALLOWANCE,
    FUNERAL_SUPPORT,
    POVERTY_CONFIRMATION,
    POVERTY_RECOGNITION,
    WORK_PERMIT,
    WORK_PERMIT_EXEMPTION,
    CHILD_HEALTH_CARD,
)
