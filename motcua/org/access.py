"""Who may do what, where: capabilities, standard roles, and the two questions screens ask.

A capability is a stable code (`dossier.receive`) with a Vietnamese label. A role is data: a name
and a list of capability codes (Role.capabilities), so a province can tailor roles in the admin
without a release. An official holds a role in an agency through a StaffAssignment; a role marked
`province_wide` applies in every agency of the province (one deployment serves one province).

Nothing is granted implicitly: a Django superuser without an assignment has no capability here,
so what an official may do is always readable from the assignments table.
"""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from .models import Agency, AgencyQuerySet, Role, StaffAssignment

# The registry. Codes are referenced from code and stored in Role.capabilities: never rename one
# without a data migration of the roles that hold it.
CAPABILITIES: dict[str, str] = {
    "dossier.view": "Xem hồ sơ của cơ quan",
    "dossier.receive": "Tiếp nhận hồ sơ",
    "dossier.refuse": "Từ chối tiếp nhận hồ sơ",
    "dossier.request_supplement": "Yêu cầu bổ sung, hoàn thiện hồ sơ",
    "dossier.assign": "Phân công xử lý hồ sơ",
    "dossier.process": "Thẩm định, xử lý hồ sơ",
    "dossier.transfer": "Chuyển hồ sơ, liên thông với cơ quan khác",
    "dossier.approve": "Phê duyệt kết quả giải quyết hồ sơ",
    "dossier.reschedule": "Xin lỗi và hẹn lại ngày trả kết quả",
    "dossier.return_result": "Trả kết quả giải quyết hồ sơ",
    "dossier.submit_on_behalf": "Nộp hồ sơ trực tuyến thay người dân (có sự đồng ý)",
    "dossier.postal_handover": "Nhận hồ sơ, chuyển phát kết quả qua bưu chính công ích",
    "catalog.manage": "Quản lý danh mục thủ tục hành chính",
    "calendar.manage": "Quản lý lịch làm việc, ngày nghỉ",
    "agency.manage": "Quản lý thông tin cơ quan, quầy tiếp nhận",
    "staff.manage": "Quản lý cán bộ, phân công vai trò",
    "reports.view": "Xem báo cáo, thống kê",
}


def capability_choices() -> list[tuple[str, str]]:
    return list(CAPABILITIES.items())


def check_capability(capability: str) -> None:
    """Raise on an unknown code: a typo in a permission check must fail loudly, not deny quietly."""
    if capability not in CAPABILITIES:
        raise ValueError(
            f"Mã quyền không có trong danh mục: {capability!r} "
            "(xem motcua.org.access.CAPABILITIES)."
        )


@dataclass(frozen=True)
class StandardRole:
    code: str
    name: str
    description: str
    capabilities: tuple[str, ...]
    province_wide: bool = False


# Migration 0003_standard_roles holds a frozen copy of this table; a test keeps the two in step.
STANDARD_ROLES: tuple[StandardRole, ...] = (
    StandardRole(
        code="officer",
        name="Cán bộ một cửa",
        description="Tiếp nhận, từ chối hoặc yêu cầu bổ sung hồ sơ tại quầy, chuyển hồ sơ đến "
        "cơ quan có thẩm quyền và trả kết quả.",
        capabilities=(
            "dossier.view",
            "dossier.receive",
            "dossier.refuse",
            "dossier.request_supplement",
            "dossier.transfer",
            "dossier.return_result",
        ),
    ),
    StandardRole(
        code="specialist",
        name="Chuyên viên",
        description="Thẩm định, xử lý hồ sơ được phân công; yêu cầu bổ sung khi hồ sơ chưa đủ "
        "điều kiện; liên thông với cơ quan khác.",
        capabilities=(
            "dossier.view",
            "dossier.process",
            "dossier.request_supplement",
            "dossier.transfer",
        ),
    ),
    StandardRole(
        code="leader",
        name="Lãnh đạo",
        description="Phân công xử lý, phê duyệt kết quả, ký phiếu xin lỗi và hẹn lại; xem báo "
        "cáo của cơ quan.",
        capabilities=(
            "dossier.view",
            "dossier.assign",
            "dossier.process",
            "dossier.approve",
            "dossier.reschedule",
            "reports.view",
        ),
    ),
    StandardRole(
        code="agency_admin",
        name="Quản trị cơ quan",
        description="Quản lý thông tin cơ quan, quầy tiếp nhận và phân công cán bộ của cơ quan.",
        capabilities=("agency.manage", "staff.manage", "reports.view"),
    ),
    # No dossier.view: administering the catalog and the calendar does not need citizens'
    # personal data, and a province-wide role would otherwise expose every dossier.
    StandardRole(
        code="province_admin",
        name="Quản trị cấp tỉnh",
        description="Quản lý danh mục thủ tục, lịch làm việc, cơ quan và cán bộ trong toàn tỉnh; "
        "xem báo cáo toàn tỉnh.",
        capabilities=(
            "catalog.manage",
            "calendar.manage",
            "agency.manage",
            "staff.manage",
            "reports.view",
        ),
        province_wide=True,
    ),
    StandardRole(
        code="assisted_submitter",
        name="Nhân viên hỗ trợ nộp hồ sơ (bưu điện, tổ công nghệ số cộng đồng)",
        description="Nộp hồ sơ trực tuyến thay người dân khi được đồng ý; nhận hồ sơ và chuyển "
        "phát kết quả qua bưu chính công ích.",
        capabilities=("dossier.submit_on_behalf", "dossier.postal_handover"),
    ),
)


def ensure_standard_roles() -> int:
    """Create the standard roles that are missing; return how many were created.

    Existing roles are left as they are: a province may have tailored them in the admin.
    """
    created = 0
    for spec in STANDARD_ROLES:
        _, was_created = Role.objects.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "capabilities": list(spec.capabilities),
                "province_wide": spec.province_wide,
            },
        )
        created += was_created
    return created


def _grants(user: AbstractBaseUser | AnonymousUser, capability: str) -> list[StaffAssignment]:
    """The user's assignments that grant `capability`, in agencies operating today."""
    check_capability(capability)
    if not user.is_authenticated or not user.is_active:
        return []
    # Capabilities are filtered in Python: SQLite has no JSON containment lookup, and an
    # official holds a handful of assignments at most.
    assignments = StaffAssignment.objects.filter(
        user_id=user.pk, is_active=True, agency__in=Agency.objects.current()
    ).select_related("role")
    return [a for a in assignments if capability in a.role.capabilities]


def has_capability(
    user: AbstractBaseUser | AnonymousUser, capability: str, agency: Agency | None = None
) -> bool:
    """May `user` exercise `capability` for `agency` (or, without an agency, anywhere at all)?"""
    grants = _grants(user, capability)
    if agency is None:
        return bool(grants)
    if not Agency.objects.current().filter(pk=agency.pk).exists():
        return False
    return any(a.role.province_wide or a.agency_id == agency.pk for a in grants)


def agencies_with(user: AbstractBaseUser | AnonymousUser, capability: str) -> AgencyQuerySet:
    """The operating agencies for which `user` may exercise `capability`."""
    grants = _grants(user, capability)
    agencies = Agency.objects.current()
    if any(a.role.province_wide for a in grants):
        return agencies
    return agencies.filter(pk__in={a.agency_id for a in grants})


def holders(capability: str, agency: Agency) -> list[AbstractBaseUser]:
    """The active officials who may exercise `capability` for `agency`: who to tell about it."""
    check_capability(capability)
    if not Agency.objects.current().filter(pk=agency.pk).exists():
        return []
    assignments = (
        StaffAssignment.objects.filter(is_active=True, user__is_active=True)
        .filter(Q(agency=agency) | Q(role__province_wide=True))
        .filter(agency__in=Agency.objects.current())
        .select_related("role", "user")
        .order_by("user_id")
    )
    found: dict[int, AbstractBaseUser] = {}
    for assignment in assignments:
        if capability in assignment.role.capabilities:
            found.setdefault(assignment.user_id, assignment.user)
    return list(found.values())
