# The standard roles, created once so that every deployment starts with them.
#
# A frozen copy of motcua.org.access.STANDARD_ROLES as it stood when this migration was written:
# a migration must do the same thing in a year's time, whatever the module says then. A change
# to the standard roles is a new data migration (tests/org/test_access.py keeps the two in step).

from django.db import migrations

ROLES = [
    {
        "code": "officer",
        "name": "Cán bộ một cửa",
        "description": "Tiếp nhận, từ chối hoặc yêu cầu bổ sung hồ sơ tại quầy, chuyển hồ sơ đến "
        "cơ quan có thẩm quyền và trả kết quả.",
        "capabilities": [
            "dossier.view",
            "dossier.receive",
            "dossier.refuse",
            "dossier.request_supplement",
            "dossier.transfer",
            "dossier.return_result",
        ],
        "province_wide": False,
    },
    {
        "code": "specialist",
        "name": "Chuyên viên",
        "description": "Thẩm định, xử lý hồ sơ được phân công; yêu cầu bổ sung khi hồ sơ chưa đủ "
        "điều kiện; liên thông với cơ quan khác.",
        "capabilities": [
            "dossier.view",
            "dossier.process",
            "dossier.request_supplement",
            "dossier.transfer",
        ],
        "province_wide": False,
    },
    {
        "code": "leader",
        "name": "Lãnh đạo",
        "description": "Phân công xử lý, phê duyệt kết quả, ký phiếu xin lỗi và hẹn lại; xem báo "
        "cáo của cơ quan.",
        "capabilities": [
            "dossier.view",
            "dossier.assign",
            "dossier.process",
            "dossier.approve",
            "dossier.reschedule",
            "reports.view",
        ],
        "province_wide": False,
    },
    {
        "code": "agency_admin",
        "name": "Quản trị cơ quan",
        "description": "Quản lý thông tin cơ quan, quầy tiếp nhận và phân công cán bộ của cơ quan.",
        "capabilities": ["agency.manage", "staff.manage", "reports.view"],
        "province_wide": False,
    },
    {
        "code": "province_admin",
        "name": "Quản trị cấp tỉnh",
        "description": "Quản lý danh mục thủ tục, lịch làm việc, cơ quan và cán bộ trong toàn "
        "tỉnh; xem báo cáo toàn tỉnh.",
        "capabilities": [
            "catalog.manage",
            "calendar.manage",
            "agency.manage",
            "staff.manage",
            "reports.view",
        ],
        "province_wide": True,
    },
    {
        "code": "assisted_submitter",
        "name": "Nhân viên hỗ trợ nộp hồ sơ (bưu điện, tổ công nghệ số cộng đồng)",
        "description": "Nộp hồ sơ trực tuyến thay người dân khi được đồng ý; nhận hồ sơ và chuyển "
        "phát kết quả qua bưu chính công ích.",
        "capabilities": ["dossier.submit_on_behalf", "dossier.postal_handover"],
        "province_wide": False,
    },
]


def create_standard_roles(apps, schema_editor):
    Role = apps.get_model("org", "Role")
    for role in ROLES:
        # Leave a role that already exists alone: a province may have tailored it.
        Role.objects.get_or_create(
            code=role["code"], defaults={k: v for k, v in role.items() if k != "code"}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_role_province_wide"),
    ]

    # Reversing keeps the roles: staff assignments may already point at them.
    operations = [migrations.RunPython(create_standard_roles, migrations.RunPython.noop)]
