"""Curated procedures: water resources, environment, culture, belief and religion, associations
(DOMAIN.md §11, "Environment, culture, interior"; first-time complaints live elsewhere).

Field codes used in this file (short and stable, shared by every seed_data module):
    TNN  Tài nguyên nước
    MT   Môi trường
    VH   Văn hóa
    TG   Tín ngưỡng, tôn giáo
    TCH  Tổ chức phi chính phủ và hội

Levels and agencies after the two-tier reform of 1 July 2025:
- Water licences and environmental permits within the province's competence are appraised by
  Sở Nông nghiệp và Môi trường (000.00.05.H21) and signed by the provincial People's Committee
  (000.00.00.H21): the custom steps end with a transfer to the committee for signature.
- Karaoke licences were issued by the district (Decree 54/2019, Art. 10). We decide: with the
  districts gone, the commune issues them (agency = COMMUNES), as most provinces delegated;
  dance halls (vũ trường) stay with Sở Văn hóa, Thể thao và Du lịch (000.00.11.H21).
- Festival registration, registration of concentrated religious activities and of belief
  activities are commune procedures.
- Recognition of an association's founding committee and permission to found an association
  operating within the province belong to Sở Nội vụ (000.00.09.H21).

National codes could not be confirmed one by one: the codes below are plausible stand-ins
marked `illustrative_code=True`.
"""

from decimal import Decimal

from .specs import COMMUNES, ComponentSpec, FeeSpec, ProcedureSpec, StepSpec

PROVINCIAL_COMMITTEE = "000.00.00.H21"  # UBND tỉnh: signs water licences, environmental permits
ENVIRONMENT = "000.00.05.H21"  # Sở Nông nghiệp và Môi trường
INTERIOR = "000.00.09.H21"  # Sở Nội vụ
CULTURE = "000.00.11.H21"  # Sở Văn hóa, Thể thao và Du lịch

TNN = ("TNN", "Tài nguyên nước")
MT = ("MT", "Môi trường")
VH = ("VH", "Văn hóa")
TG = ("TG", "Tín ngưỡng, tôn giáo")
TCH = ("TCH", "Tổ chức phi chính phủ và hội")

ID_CARD = ComponentSpec(
    "Thẻ căn cước hoặc thẻ căn cước công dân của người đại diện (không phải nộp khi khai thác "
    "được từ Cơ sở dữ liệu quốc gia về dân cư)",
    copy_count=1,
    replaced_by="CSDLQG_DAN_CU",
)
BUSINESS_REGISTRATION = ComponentSpec(
    "Giấy chứng nhận đăng ký doanh nghiệp hoặc Giấy chứng nhận đăng ký hộ kinh doanh",
    copy_count=1,
    replaced_by="CSDL_DKDN",
)

ORGANISATIONS = (
    "Doanh nghiệp",
    "Hợp tác xã",
    "Tổ chức (không bao gồm doanh nghiệp, HTX)",
    "Tổ chức nước ngoài",
)
WATER_LAW = (
    "Luật Tài nguyên nước số 28/2023/QH15; Nghị định số 54/2024/NĐ-CP quy định việc hành nghề "
    "khoan nước dưới đất, kê khai, đăng ký, cấp phép, dịch vụ tài nguyên nước và tiền cấp quyền "
    "khai thác tài nguyên nước; Nghị định số 53/2024/NĐ-CP quy định chi tiết một số điều của "
    "Luật Tài nguyên nước; Nghị quyết của Hội đồng nhân dân tỉnh quy định mức thu phí thẩm định "
    "đề án, báo cáo khai thác, sử dụng nước mặt"
)
ENVIRONMENT_LAW = (
    "Luật Bảo vệ môi trường số 72/2020/QH14; Nghị định số 08/2022/NĐ-CP quy định chi tiết một "
    "số điều của Luật Bảo vệ môi trường; Nghị định số 05/2025/NĐ-CP sửa đổi, bổ sung một số "
    "điều của Nghị định số 08/2022/NĐ-CP; Thông tư số 02/2022/TT-BTNMT quy định chi tiết thi "
    "hành một số điều của Luật Bảo vệ môi trường; Nghị quyết của Hội đồng nhân dân tỉnh quy "
    "định mức thu phí thẩm định cấp giấy phép môi trường"
)
KARAOKE_LAW = (
    "Nghị định số 54/2019/NĐ-CP quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường; "
    "Thông tư số 01/2021/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm "
    "định cấp giấy phép kinh doanh karaoke, vũ trường"
)
FESTIVAL_LAW = (
    "Luật Di sản văn hóa số 45/2024/QH15; Nghị định số 110/2018/NĐ-CP quy định về quản lý và "
    "tổ chức lễ hội"
)
RELIGION_LAW = (
    "Luật Tín ngưỡng, tôn giáo số 02/2016/QH14; Nghị định số 95/2023/NĐ-CP quy định chi tiết và "
    "biện pháp thi hành Luật Tín ngưỡng, tôn giáo"
)
ASSOCIATION_LAW = (
    "Nghị định số 126/2024/NĐ-CP quy định về tổ chức, hoạt động và quản lý hội; Thông tư của "
    "Bộ Nội vụ hướng dẫn thi hành Nghị định số 126/2024/NĐ-CP"
)


def _licence_signature_steps(process_name: str, inspection_name: str) -> tuple[StepSpec, ...]:
    """Appraisal at Sở NN&MT, then signature at the provincial People's Committee (30 units)."""
    return (
        StepSpec(
            "receive",
            "Tiếp nhận, kiểm tra hồ sơ tại Trung tâm Phục vụ hành chính công",
            Decimal(0),
            role="officer",
        ),
        StepSpec("process", process_name, Decimal(5), role="specialist"),
        StepSpec("process", inspection_name, Decimal(15), role="specialist"),
        StepSpec(
            "approve",
            "Lãnh đạo Sở Nông nghiệp và Môi trường xem xét, trình Ủy ban nhân dân tỉnh",
            Decimal(3),
            role="leader",
        ),
        StepSpec(
            "transfer",
            "Ủy ban nhân dân tỉnh xem xét, ký cấp giấy phép",
            Decimal(7),
            agency=PROVINCIAL_COMMITTEE,
        ),
        StepSpec(
            "return", "Trả giấy phép, công bố trên cổng thông tin", Decimal(0), role="officer"
        ),
    )


SURFACE_WATER_LICENCE = ProcedureSpec(
    code="1.012589",
    illustrative_code=True,
    name="Cấp giấy phép khai thác, sử dụng nước mặt",
    field_code=TNN[0],
    field_name=TNN[1],
    level="province",
    agency=ENVIRONMENT,
    time_limit=30,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ, gồm thời gian kiểm tra thực tế hiện trường và lấy ý "
        "kiến Ủy ban nhân dân cấp xã nơi có công trình; không tính thời gian chủ công trình "
        "hoàn thiện hồ sơ theo yêu cầu."
    ),
    legal_basis=WATER_LAW,
    requirements=(
        "Công trình khai thác nước mặt có quy mô thuộc thẩm quyền cấp phép của Ủy ban nhân dân "
        "tỉnh (không thuộc thẩm quyền Bộ Nông nghiệp và Môi trường); đã lấy ý kiến cộng đồng "
        "dân cư theo quy định; phù hợp quy hoạch tỉnh và khả năng nguồn nước."
    ),
    applicant_types=(*ORGANISATIONS, "Công dân Việt Nam"),
    result_type="licence",
    result_name="Giấy phép khai thác, sử dụng nước mặt",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(
            600_000,
            "Phí thẩm định đề án khai thác, sử dụng nước mặt",
            "Cho sản xuất nông nghiệp dưới 0,1 m³/giây hoặc mục đích khác dưới 500 m³/ngày đêm",
        ),
        FeeSpec(
            1_800_000,
            "Phí thẩm định đề án khai thác, sử dụng nước mặt",
            "Cho sản xuất nông nghiệp từ 0,1 đến dưới 0,5 m³/giây hoặc mục đích khác từ 500 "
            "đến dưới 3.000 m³/ngày đêm",
        ),
        FeeSpec(
            4_400_000,
            "Phí thẩm định đề án khai thác, sử dụng nước mặt",
            "Cho sản xuất nông nghiệp từ 0,5 m³/giây trở lên hoặc mục đích khác từ 3.000 "
            "m³/ngày đêm trở lên (trong thẩm quyền cấp tỉnh)",
        ),
    ),
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp giấy phép khai thác, sử dụng nước mặt (theo mẫu ban hành kèm theo "
            "Nghị định số 54/2024/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Đề án khai thác, sử dụng nước mặt (công trình chưa vận hành) hoặc báo cáo hiện "
            "trạng khai thác, sử dụng nước (công trình đang vận hành)",
            original_count=1,
        ),
        ComponentSpec(
            "Kết quả phân tích chất lượng nguồn nước không quá 06 tháng tính đến thời điểm nộp "
            "hồ sơ",
            original_count=1,
        ),
        ComponentSpec(
            "Văn bản tổng hợp ý kiến cộng đồng dân cư và tổ chức, cá nhân liên quan",
            original_count=1,
            required=False,
            condition="Khi công trình thuộc trường hợp phải lấy ý kiến cộng đồng theo Luật Tài "
            "nguyên nước",
        ),
        BUSINESS_REGISTRATION,
    ),
    steps=_licence_signature_steps(
        "Phòng chuyên môn Sở Nông nghiệp và Môi trường thẩm định hồ sơ",
        "Kiểm tra thực tế hiện trường, lấy ý kiến Ủy ban nhân dân cấp xã nơi có công trình, "
        "hoàn thiện dự thảo giấy phép",
    ),
    form_schema={
        "type": "object",
        "properties": {
            "works_name": {
                "type": "string",
                "title": "Tên công trình khai thác",
                "maxLength": 255,
            },
            "water_source": {
                "type": "string",
                "title": "Nguồn nước khai thác (sông, suối, hồ chứa ...)",
                "maxLength": 200,
            },
            "intake_location": {
                "type": "string",
                "title": "Vị trí công trình (thôn, xã)",
                "maxLength": 300,
            },
            "purpose": {
                "type": "string",
                "title": "Mục đích khai thác, sử dụng nước",
                "maxLength": 60,
                "enum": [
                    "Tưới, sản xuất nông nghiệp",
                    "Nuôi trồng thủy sản",
                    "Cấp nước sinh hoạt",
                    "Sản xuất công nghiệp",
                    "Phát điện",
                    "Kinh doanh, dịch vụ",
                ],
            },
            "max_flow_m3_per_day": {
                "type": "number",
                "title": "Lưu lượng khai thác lớn nhất (m³/ngày đêm)",
                "exclusiveMinimum": 0,
                "maximum": 10000000,
            },
            "operation_mode": {
                "type": "string",
                "title": "Chế độ khai thác",
                "maxLength": 40,
                "enum": ["Liên tục quanh năm", "Theo mùa vụ"],
            },
            "term_years": {
                "type": "integer",
                "title": "Thời hạn đề nghị cấp phép (năm)",
                "minimum": 1,
                "maximum": 15,
            },
            "is_operating": {
                "type": "boolean",
                "title": "Công trình đã vận hành",
            },
        },
        "required": [
            "works_name",
            "water_source",
            "intake_location",
            "purpose",
            "max_flow_m3_per_day",
            "term_years",
        ],
    },
    form_ui={
        "order": [
            "works_name",
            "water_source",
            "intake_location",
            "purpose",
            "max_flow_m3_per_day",
            "operation_mode",
            "term_years",
            "is_operating",
        ],
        "widgets": {
            "intake_location": "textarea",
            "purpose": "select",
            "max_flow_m3_per_day": "number",
            "operation_mode": "radio",
            "term_years": "number",
            "is_operating": "checkbox",
        },
        "help": {
            "max_flow_m3_per_day": "Lưu lượng quyết định mức phí thẩm định và cơ quan cấp phép.",
            "is_operating": "Công trình đã vận hành nộp báo cáo hiện trạng thay cho đề án.",
        },
    },
)

ENVIRONMENTAL_PERMIT = ProcedureSpec(
    code="1.010727",
    illustrative_code=True,
    name="Cấp giấy phép môi trường",
    field_code=MT[0],
    field_name=MT[1],
    level="province",
    agency=ENVIRONMENT,
    time_limit=30,
    time_limit_unit="calendar_days",
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ (khoản 4 Điều 43 Luật Bảo vệ môi trường); dự án, cơ "
        "sở không phải kiểm tra thực tế: 20 ngày. Không tính thời gian chủ dự án hoàn thiện hồ "
        "sơ theo yêu cầu của hội đồng, đoàn kiểm tra."
    ),
    legal_basis=ENVIRONMENT_LAW,
    requirements=(
        "Dự án đầu tư nhóm I, II, III có phát sinh nước thải, bụi, khí thải xả ra môi trường "
        "phải được xử lý hoặc phát sinh chất thải nguy hại, thuộc thẩm quyền cấp phép của Ủy "
        "ban nhân dân tỉnh (Điều 39, 41 Luật Bảo vệ môi trường); cơ sở đang hoạt động có tiêu "
        "chí môi trường tương đương."
    ),
    applicant_types=ORGANISATIONS,
    result_type="licence",
    result_name="Giấy phép môi trường",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(
            15_000_000,
            "Phí thẩm định cấp giấy phép môi trường",
            "Dự án, cơ sở phải thành lập hội đồng thẩm định hoặc đoàn kiểm tra (mức thu theo "
            "Nghị quyết của Hội đồng nhân dân tỉnh)",
        ),
        FeeSpec(
            8_000_000,
            "Phí thẩm định cấp giấy phép môi trường",
            "Dự án, cơ sở không phải kiểm tra thực tế (mức thu theo Nghị quyết của Hội đồng "
            "nhân dân tỉnh)",
        ),
    ),
    components=(
        ComponentSpec(
            "Văn bản đề nghị cấp giấy phép môi trường (theo mẫu ban hành kèm theo Nghị định số "
            "08/2022/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Báo cáo đề xuất cấp giấy phép môi trường của dự án đầu tư, cơ sở",
            original_count=1,
        ),
        ComponentSpec(
            "Quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường",
            copy_count=1,
            required=False,
            condition="Khi dự án thuộc đối tượng phải thực hiện đánh giá tác động môi trường",
            replaced_by="KET_QUA",
        ),
        ComponentSpec(
            "Báo cáo nghiên cứu khả thi hoặc tài liệu tương đương của dự án đầu tư",
            copy_count=1,
            required=False,
            condition="Khi dự án không thuộc đối tượng phải thực hiện đánh giá tác động môi trường",
        ),
        BUSINESS_REGISTRATION,
    ),
    steps=_licence_signature_steps(
        "Phòng chuyên môn Sở Nông nghiệp và Môi trường kiểm tra hồ sơ, thành lập hội đồng "
        "thẩm định hoặc đoàn kiểm tra",
        "Hội đồng thẩm định họp, đoàn kiểm tra thực tế tại dự án, cơ sở; chủ dự án chỉnh sửa "
        "báo cáo; dự thảo giấy phép",
    ),
)

KARAOKE_LICENCE = ProcedureSpec(
    code="1.001029",
    illustrative_code=True,
    name="Cấp giấy phép kinh doanh dịch vụ karaoke",
    field_code=VH[0],
    field_name=VH[1],
    # We decide (module docstring): the district's power passed to the commune in 2025.
    level="commune",
    agency=COMMUNES,
    time_limit=5,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ, gồm thời gian kiểm tra thực tế phòng hát.",
    legal_basis=KARAOKE_LAW,
    requirements=(
        "Doanh nghiệp hoặc hộ kinh doanh đã đăng ký ngành nghề kinh doanh dịch vụ karaoke; đủ "
        "điều kiện về phòng cháy và chữa cháy; phòng hát có diện tích sử dụng từ 20 m² trở lên "
        "(không kể công trình phụ); không đặt chốt cửa bên trong, không đặt thiết bị báo động "
        "trừ thiết bị báo cháy nổ."
    ),
    applicant_types=("Doanh nghiệp", "Hộ kinh doanh"),
    result_type="licence",
    result_name="Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(4_000_000, "Phí thẩm định cấp giấy phép", "Tại phường; từ 01 đến 03 phòng"),
        FeeSpec(6_000_000, "Phí thẩm định cấp giấy phép", "Tại phường; từ 04 đến 05 phòng"),
        FeeSpec(12_000_000, "Phí thẩm định cấp giấy phép", "Tại phường; từ 06 phòng trở lên"),
        FeeSpec(2_000_000, "Phí thẩm định cấp giấy phép", "Tại xã; từ 01 đến 03 phòng"),
        FeeSpec(3_000_000, "Phí thẩm định cấp giấy phép", "Tại xã; từ 04 đến 05 phòng"),
        FeeSpec(6_000_000, "Phí thẩm định cấp giấy phép", "Tại xã; từ 06 phòng trở lên"),
    ),
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp giấy phép đủ điều kiện kinh doanh dịch vụ karaoke (Mẫu số 01 ban "
            "hành kèm theo Nghị định số 54/2019/NĐ-CP)",
            original_count=1,
        ),
        BUSINESS_REGISTRATION,
    ),
    form_schema={
        "type": "object",
        "properties": {
            "venue_name": {
                "type": "string",
                "title": "Tên cơ sở kinh doanh karaoke",
                "maxLength": 255,
            },
            "venue_address": {
                "type": "string",
                "title": "Địa điểm kinh doanh",
                "maxLength": 300,
            },
            "room_count": {
                "type": "integer",
                "title": "Số phòng hát",
                "minimum": 1,
                "maximum": 200,
            },
            "smallest_room_m2": {
                "type": "number",
                "title": "Diện tích phòng hát nhỏ nhất (m²)",
                "minimum": 20,
                "maximum": 1000,
            },
            "fire_safety_ready": {
                "type": "boolean",
                "title": "Cơ sở đã bảo đảm điều kiện phòng cháy và chữa cháy",
            },
        },
        "required": [
            "venue_name",
            "venue_address",
            "room_count",
            "smallest_room_m2",
            "fire_safety_ready",
        ],
    },
    form_ui={
        "order": [
            "venue_name",
            "venue_address",
            "room_count",
            "smallest_room_m2",
            "fire_safety_ready",
        ],
        "widgets": {
            "venue_address": "textarea",
            "room_count": "number",
            "smallest_room_m2": "number",
            "fire_safety_ready": "checkbox",
        },
        "help": {
            "room_count": "Số phòng quyết định mức phí thẩm định.",
            "smallest_room_m2": "Mỗi phòng hát phải từ 20 m² trở lên, không kể công trình phụ.",
        },
    },
)

DANCE_HALL_LICENCE = ProcedureSpec(
    code="1.001030",
    illustrative_code=True,
    name="Cấp giấy phép kinh doanh dịch vụ vũ trường",
    field_code=VH[0],
    field_name=VH[1],
    level="province",
    agency=CULTURE,
    time_limit=5,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ, gồm thời gian kiểm tra thực tế.",
    legal_basis=KARAOKE_LAW,
    requirements=(
        "Doanh nghiệp hoặc hộ kinh doanh đã đăng ký kinh doanh dịch vụ vũ trường; đủ điều kiện "
        "phòng cháy và chữa cháy; phòng vũ trường có diện tích sử dụng từ 80 m² trở lên; cách "
        "trường học, bệnh viện, cơ sở tôn giáo, di tích từ 200 m trở lên."
    ),
    applicant_types=("Doanh nghiệp", "Hộ kinh doanh"),
    result_type="licence",
    result_name="Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường",
    legacy_level=4,
    online_class="full",
    postal_submission=True,
    postal_return=True,
    fees=(
        FeeSpec(
            15_000_000,
            "Phí thẩm định cấp giấy phép",
            "Cơ sở tại phường (khu vực đô thị)",
        ),
        FeeSpec(10_000_000, "Phí thẩm định cấp giấy phép", "Cơ sở tại xã"),
    ),
    components=(
        ComponentSpec(
            "Đơn đề nghị cấp giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường (Mẫu số 01 ban "
            "hành kèm theo Nghị định số 54/2019/NĐ-CP)",
            original_count=1,
        ),
        BUSINESS_REGISTRATION,
    ),
)

FESTIVAL_REGISTRATION = ProcedureSpec(
    code="1.003645",
    illustrative_code=True,
    name="Đăng ký tổ chức lễ hội",
    field_code=VH[0],
    field_name=VH[1],
    level="commune",
    agency=COMMUNES,
    time_limit=15,
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; hồ sơ nộp trước ngày dự kiến tổ chức lễ hội ít nhất "
        "20 ngày làm việc."
    ),
    legal_basis=FESTIVAL_LAW,
    requirements=(
        "Lễ hội truyền thống tổ chức lần đầu, lễ hội được khôi phục sau thời gian gián đoạn từ "
        "02 năm trở lên hoặc có thay đổi nội dung, thời gian, địa điểm so với truyền thống; "
        "nội dung lễ hội không trái thuần phong mỹ tục, bảo đảm an ninh trật tự, vệ sinh môi "
        "trường."
    ),
    applicant_types=("Tổ chức (không bao gồm doanh nghiệp, HTX)", "Công dân Việt Nam"),
    result_type="document",
    result_name="Văn bản chấp thuận đăng ký tổ chức lễ hội của Ủy ban nhân dân cấp xã",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Văn bản đăng ký tổ chức lễ hội (Mẫu số 01 Phụ lục ban hành kèm theo Nghị định số "
            "110/2018/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Đề án tổ chức lễ hội: sự cần thiết, thời gian, địa điểm, quy mô, nội dung, hình "
            "thức tổ chức, thành phần ban tổ chức, phương án bảo đảm an ninh, trật tự, an toàn, "
            "vệ sinh môi trường",
            original_count=1,
        ),
        ComponentSpec(
            "Văn bản đồng ý của cơ quan quản lý di tích",
            copy_count=1,
            required=False,
            condition="Khi lễ hội tổ chức tại di tích lịch sử - văn hóa đã được xếp hạng",
        ),
    ),
    form_schema={
        "type": "object",
        "properties": {
            "festival_name": {
                "type": "string",
                "title": "Tên lễ hội",
                "maxLength": 255,
            },
            "festival_kind": {
                "type": "string",
                "title": "Trường hợp đăng ký",
                "maxLength": 80,
                "enum": [
                    "Tổ chức lần đầu",
                    "Khôi phục sau thời gian gián đoạn",
                    "Thay đổi nội dung, thời gian, địa điểm so với truyền thống",
                ],
            },
            "venue": {
                "type": "string",
                "title": "Địa điểm tổ chức",
                "maxLength": 300,
            },
            "start_date": {
                "type": "string",
                "title": "Ngày bắt đầu",
                "format": "date",
                "maxLength": 10,
            },
            "end_date": {
                "type": "string",
                "title": "Ngày kết thúc",
                "format": "date",
                "maxLength": 10,
            },
            "expected_attendance": {
                "type": "integer",
                "title": "Số người tham dự dự kiến",
                "minimum": 1,
                "maximum": 10000000,
            },
            "main_activities": {
                "type": "string",
                "title": "Nội dung chính của phần lễ và phần hội",
                "maxLength": 3000,
            },
            "organiser_head": {
                "type": "string",
                "title": "Trưởng ban tổ chức",
                "maxLength": 200,
            },
        },
        "required": [
            "festival_name",
            "festival_kind",
            "venue",
            "start_date",
            "end_date",
            "main_activities",
            "organiser_head",
        ],
    },
    form_ui={
        "order": [
            "festival_name",
            "festival_kind",
            "venue",
            "start_date",
            "end_date",
            "expected_attendance",
            "main_activities",
            "organiser_head",
        ],
        "widgets": {
            "festival_kind": "radio",
            "venue": "textarea",
            "start_date": "date",
            "end_date": "date",
            "expected_attendance": "number",
            "main_activities": "textarea",
        },
        "help": {
            "start_date": "Nộp hồ sơ trước ngày này ít nhất 20 ngày làm việc.",
            "main_activities": "Tóm tắt nghi lễ, trò chơi dân gian, hoạt động văn hóa, thể thao.",
        },
    },
)

RELIGIOUS_ACTIVITY_REGISTRATION = ProcedureSpec(
    code="1.001090",
    illustrative_code=True,
    name="Đăng ký sinh hoạt tôn giáo tập trung",
    field_code=TG[0],
    field_name=TG[1],
    level="commune",
    agency=COMMUNES,
    time_limit=20,
    time_limit_unit="calendar_days",
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ (khoản 3 Điều 16 Luật Tín ngưỡng, tôn giáo).",
    legal_basis=RELIGION_LAW,
    requirements=(
        "Tín đồ có nhu cầu sinh hoạt tôn giáo tập trung; có địa điểm hợp pháp; nhóm có người "
        "đại diện là công dân Việt Nam thường trú tại Việt Nam, có năng lực hành vi dân sự đầy "
        "đủ, không đang bị áp dụng biện pháp xử lý hành chính trong lĩnh vực tín ngưỡng, tôn "
        "giáo; nội dung sinh hoạt là giáo lý, giáo luật, lễ nghi của tôn giáo."
    ),
    applicant_types=("Công dân Việt Nam",),
    result_type="document",
    result_name=(
        "Văn bản chấp thuận đăng ký sinh hoạt tôn giáo tập trung của Ủy ban nhân dân cấp xã"
    ),
    legacy_level=2,
    postal_submission=True,
    components=(
        ComponentSpec(
            "Văn bản đăng ký sinh hoạt tôn giáo tập trung (theo mẫu ban hành kèm theo Nghị định "
            "số 95/2023/NĐ-CP)",
            original_count=1,
        ),
        ComponentSpec(
            "Văn bản của tổ chức tôn giáo đề nghị cho tín đồ được sinh hoạt tôn giáo tập trung",
            original_count=1,
            required=False,
            condition="Khi tín đồ thuộc tổ chức tôn giáo đã được công nhận",
        ),
        ComponentSpec(
            "Bản tóm tắt giáo lý, giáo luật, lễ nghi của tôn giáo",
            original_count=1,
            required=False,
            condition="Khi tín đồ chưa thuộc tổ chức tôn giáo đã được công nhận",
        ),
        ComponentSpec(
            "Giấy tờ chứng minh có địa điểm hợp pháp để sinh hoạt tôn giáo tập trung",
            copy_count=1,
        ),
        ComponentSpec(
            "Sơ yếu lý lịch của người đại diện nhóm sinh hoạt tôn giáo tập trung",
            original_count=1,
        ),
        ID_CARD,
    ),
)

BELIEF_ACTIVITY_REGISTRATION = ProcedureSpec(
    code="1.001078",
    illustrative_code=True,
    name="Đăng ký hoạt động tín ngưỡng",
    field_code=TG[0],
    field_name=TG[1],
    level="commune",
    agency=COMMUNES,
    time_limit=15,
    time_limit_unit="calendar_days",
    time_limit_note=(
        "Kể từ ngày nhận đủ hồ sơ hợp lệ; người đại diện cơ sở tín ngưỡng đăng ký chậm nhất "
        "ngày 15 tháng 10 năm trước cho năm sau."
    ),
    legal_basis=RELIGION_LAW,
    requirements=(
        "Cơ sở tín ngưỡng (đình, đền, miếu, nhà thờ họ ...) có người đại diện hoặc ban quản lý; "
        "hoạt động tín ngưỡng hằng năm gồm tên, quy mô, nội dung, hình thức, thời gian, địa điểm."
    ),
    applicant_types=("Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)"),
    result_type="document",
    result_name="Văn bản chấp thuận đăng ký hoạt động tín ngưỡng",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Văn bản đăng ký hoạt động tín ngưỡng hằng năm (theo mẫu ban hành kèm theo Nghị "
            "định số 95/2023/NĐ-CP)",
            original_count=1,
        ),
        ID_CARD,
    ),
)

FOUNDING_COMMITTEE_RECOGNITION = ProcedureSpec(
    code="1.003827",
    illustrative_code=True,
    name="Công nhận ban vận động thành lập hội",
    field_code=TCH[0],
    field_name=TCH[1],
    level="province",
    agency=INTERIOR,
    time_limit=15,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=ASSOCIATION_LAW,
    requirements=(
        "Hội dự kiến có phạm vi hoạt động trong tỉnh; ban vận động có ít nhất 03 thành viên "
        "(hội có phạm vi hoạt động trong xã) hoặc 05 thành viên (trong tỉnh), là công dân Việt "
        "Nam có năng lực hành vi dân sự đầy đủ, có uy tín trong lĩnh vực hội dự kiến hoạt động."
    ),
    applicant_types=("Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)"),
    result_type="decision",
    result_name="Quyết định công nhận ban vận động thành lập hội",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec(
            "Đơn đề nghị công nhận ban vận động thành lập hội (nêu tên hội, tôn chỉ, mục đích, "
            "lĩnh vực, phạm vi hoạt động, dự kiến thời gian trình hồ sơ thành lập hội)",
            original_count=1,
        ),
        ComponentSpec(
            "Danh sách và sơ yếu lý lịch của người đứng đầu và các thành viên ban vận động",
            original_count=1,
        ),
        ComponentSpec(
            "Văn bản của cơ quan quản lý nhà nước về ngành, lĩnh vực chính mà hội dự kiến hoạt "
            "động",
            copy_count=1,
            required=False,
            condition="Khi pháp luật chuyên ngành yêu cầu ý kiến của cơ quan quản lý ngành, "
            "lĩnh vực",
        ),
        ID_CARD,
    ),
    form_schema={
        "type": "object",
        "properties": {
            "association_name": {
                "type": "string",
                "title": "Tên hội dự kiến thành lập",
                "maxLength": 255,
            },
            "scope": {
                "type": "string",
                "title": "Phạm vi hoạt động",
                "maxLength": 40,
                "enum": ["Trong tỉnh", "Trong xã, phường"],
            },
            "field_of_activity": {
                "type": "string",
                "title": "Lĩnh vực hoạt động chính",
                "maxLength": 255,
            },
            "purpose": {
                "type": "string",
                "title": "Tôn chỉ, mục đích của hội",
                "maxLength": 2000,
            },
            "committee_head": {
                "type": "string",
                "title": "Trưởng ban vận động",
                "maxLength": 200,
            },
            "committee_size": {
                "type": "integer",
                "title": "Số thành viên ban vận động",
                "minimum": 3,
                "maximum": 50,
            },
            "expected_members": {
                "type": "integer",
                "title": "Số hội viên dự kiến",
                "minimum": 1,
                "maximum": 1000000,
            },
            "founding_deadline": {
                "type": "string",
                "title": "Dự kiến ngày trình hồ sơ thành lập hội",
                "format": "date",
                "maxLength": 10,
            },
        },
        "required": [
            "association_name",
            "scope",
            "field_of_activity",
            "purpose",
            "committee_head",
            "committee_size",
        ],
    },
    form_ui={
        "order": [
            "association_name",
            "scope",
            "field_of_activity",
            "purpose",
            "committee_head",
            "committee_size",
            "expected_members",
            "founding_deadline",
        ],
        "widgets": {
            "scope": "radio",
            "purpose": "textarea",
            "committee_size": "number",
            "expected_members": "number",
            "founding_deadline": "date",
        },
        "help": {
            "committee_size": "Ít nhất 05 thành viên với hội trong tỉnh, 03 thành viên với hội "
            "trong xã, phường.",
            "association_name": "Tên không trùng, không gây nhầm lẫn với hội đã đăng ký.",
        },
    },
)

ASSOCIATION_FOUNDING = ProcedureSpec(
    code="1.003822",
    illustrative_code=True,
    name="Thành lập hội",
    field_code=TCH[0],
    field_name=TCH[1],
    level="province",
    agency=INTERIOR,
    time_limit=30,
    time_limit_note="Kể từ ngày nhận đủ hồ sơ hợp lệ.",
    legal_basis=ASSOCIATION_LAW,
    requirements=(
        "Ban vận động đã được công nhận; có mục đích hoạt động không trái pháp luật; có điều "
        "lệ; có trụ sở; đủ số công dân, tổ chức đăng ký tham gia (ít nhất 50 hội viên với hội "
        "trong tỉnh, 20 hội viên với hội trong xã)."
    ),
    applicant_types=("Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)"),
    result_type="decision",
    result_name="Quyết định cho phép thành lập hội và phê duyệt điều lệ hội",
    legacy_level=3,
    online_class="partial",
    postal_submission=True,
    postal_return=True,
    components=(
        ComponentSpec("Đơn đề nghị thành lập hội", original_count=1),
        ComponentSpec("Dự thảo điều lệ hội", original_count=1),
        ComponentSpec(
            "Dự kiến phương hướng hoạt động và danh sách hội viên đăng ký tham gia",
            original_count=1,
        ),
        ComponentSpec(
            "Danh sách, sơ yếu lý lịch của những người dự kiến lãnh đạo hội",
            original_count=1,
        ),
        ComponentSpec(
            "Văn bản xác nhận nơi dự kiến đặt trụ sở của hội",
            copy_count=1,
        ),
        ComponentSpec(
            "Quyết định công nhận ban vận động thành lập hội",
            copy_count=1,
            replaced_by="KET_QUA",
        ),
    ),
)

PROCEDURES: tuple[ProcedureSpec, ...] = (
    SURFACE_WATER_LICENCE,
    ENVIRONMENTAL_PERMIT,
    KARAOKE_LICENCE,
    DANCE_HALL_LICENCE,
    FESTIVAL_REGISTRATION,
    RELIGIOUS_ACTIVITY_REGISTRATION,
    BELIEF_ACTIVITY_REGISTRATION,
    FOUNDING_COMMITTEE_RECOGNITION,
    ASSOCIATION_FOUNDING,
)
