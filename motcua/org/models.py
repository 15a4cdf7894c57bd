import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

# Two-tier local government since Resolution 202/2025/QH15 (DOMAIN.md §5, reference §11).
REFORM_DATE = "2025-07-01"


class AdministrativeUnitQuerySet(models.QuerySet["AdministrativeUnit"]):
    def current(self) -> "AdministrativeUnitQuerySet":
        """Units in force today. Closed versions (a merged commune, an abolished district) stay in
        the table for old dossiers and addresses but never appear in lists or lookups."""
        return self.filter(valid_to__isnull=True)


class AdministrativeUnit(models.Model):
    """A province, commune/ward/special zone, or a historic district.

    Units are versioned: a code can be reused by a different unit after a merger (52 was Bình
    Định, since 1 July 2025 it is the merged Gia Lai), so a code alone identifies a unit only
    together with its level and validity. Old dossiers keep pointing at the unit of their time.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", "Cấp tỉnh"
        DISTRICT = "district", "Cấp huyện (đã bãi bỏ từ 01/7/2025)"
        COMMUNE = "commune", "Cấp xã"

    code = models.CharField("mã", max_length=10)
    name = models.CharField("tên", max_length=200)
    level = models.CharField("cấp", max_length=20, choices=Level.choices)
    division_type = models.CharField("loại đơn vị", max_length=50, blank=True)
    codename = models.SlugField("tên mã", max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    legal_basis = models.CharField("căn cứ pháp lý", max_length=300, blank=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        ordering = ["level", "code"]
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=models.Q(valid_to__isnull=True),
                name="unit_current_code_unique",
                violation_error_message="Đã có đơn vị hành chính hiện hành với mã này.",
            ),
            models.UniqueConstraint(
                fields=["level", "code", "valid_from"], name="unit_code_version_unique"
            ),
        ]
        indexes = [
            # /api/v1/units?province=52: the current communes of a province.
            models.Index(fields=["parent", "level"], name="unit_parent_level_idx"),
        ]

    def __str__(self) -> str:
        # Old and new units can share a name and a code; the end date tells them apart in lists.
        if self.valid_to is not None:
            return f"{self.name} (đến {self.valid_to:%d/%m/%Y})"
        return self.name


class UnitSuccession(models.Model):
    """Which unit became which: many-to-many, since an old commune can be split across new ones."""

    predecessor = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="predecessions"
    )
    effective_on = models.DateField("ngày hiệu lực")
    legal_basis = models.CharField("căn cứ pháp lý", max_length=300, blank=True)
    partial = models.BooleanField("chỉ một phần", default=False)

    class Meta:
        verbose_name = "kế thừa đơn vị hành chính"
        verbose_name_plural = "kế thừa đơn vị hành chính"
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class AgencyQuerySet(models.QuerySet["Agency"]):
    def current(self, on: datetime.date | None = None) -> "AgencyQuerySet":
        """Agencies operating on `on` (today by default). A closure can be entered ahead of its
        date, so the dates are compared rather than only testing for an empty `valid_to`."""
        on = on or timezone.localdate()
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on),
        )


class Agency(models.Model):
    """A state body that receives or processes dossiers (cơ quan).

    `code` is the agency identifier in the national format (V1V2V3.Z1Z2.Y1Y2.MX1X2, e.g.
    000.00.00.H21), the prefix of every dossier code it issues (Circular 01/2018 Art. 19).
    """

    class Kind(models.TextChoices):
        PROVINCIAL_COMMITTEE = "provincial_committee", "UBND cấp tỉnh"
        SERVICE_CENTER = "service_center", "Trung tâm Phục vụ hành chính công"
        DEPARTMENT = "department", "Sở, ban, ngành"
        COMMUNE_COMMITTEE = "commune_committee", "UBND cấp xã"
        DISTRICT_COMMITTEE = "district_committee", "UBND cấp huyện (lịch sử)"
        OTHER = "other", "Cơ quan khác"

    code = models.CharField("mã định danh", max_length=30, unique=True)
    name = models.CharField("tên cơ quan", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True)
    kind = models.CharField("loại", max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="cơ quan cấp trên",
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name="đơn vị hành chính",
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    valid_from = models.DateField("hoạt động từ", null=True, blank=True)
    valid_to = models.DateField("hoạt động đến", null=True, blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"
        indexes = [models.Index(fields=["kind", "code"], name="agency_kind_idx")]

    def __str__(self) -> str:
        return self.name


class ReceptionDesk(models.Model):
    """A one-stop desk (quầy / Bộ phận Một cửa) where dossiers are received and results returned."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="desks", verbose_name="cơ quan"
    )
    name = models.CharField("tên quầy", max_length=200)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = "quầy tiếp nhận"
        verbose_name_plural = "quầy tiếp nhận"
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="desk_name_unique_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.agency}"


class Role(models.Model):
    """A role an official holds in an agency. Roles are data: what a role may do is its
    `capabilities`, checked by org.access, never an `if role == ...` branch in code."""

    code = models.SlugField("mã vai trò", max_length=50, unique=True)
    name = models.CharField("tên vai trò", max_length=100)
    description = models.TextField("mô tả", blank=True)
    capabilities = models.JSONField("quyền", default=list, blank=True)
    province_wide = models.BooleanField(
        "áp dụng toàn tỉnh",
        default=False,
        help_text="Người giữ vai trò này được thực hiện các quyền của vai trò tại mọi cơ quan "
        "trong tỉnh, không chỉ tại cơ quan được phân công.",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # Imported here: org.access imports this module.
        from .access import CAPABILITIES

        if not isinstance(self.capabilities, list) or not all(
            isinstance(c, str) for c in self.capabilities
        ):
            raise ValidationError({"capabilities": "Danh sách quyền phải là một danh sách mã."})
        unknown = [c for c in self.capabilities if c not in CAPABILITIES]
        if unknown:
            raise ValidationError(
                {
                    "capabilities": ValidationError(
                        "Mã quyền không có trong danh mục quyền: %(codes)s.",
                        code="unknown_capability",
                        params={"codes": ", ".join(unknown)},
                    )
                }
            )


class StaffAssignment(models.Model):
    """An official's role in one agency; one person can hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name="cán bộ",
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="assignments", verbose_name="cơ quan"
    )
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, related_name="assignments", verbose_name="vai trò"
    )
    desk = models.ForeignKey(
        ReceptionDesk,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
        verbose_name="quầy",
    )
    is_active = models.BooleanField("đang hiệu lực", default=True)

    class Meta:
        verbose_name = "phân công cán bộ"
        verbose_name_plural = "phân công cán bộ"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role} — {self.agency}"

    def clean(self) -> None:
        if self.desk is not None and self.desk.agency_id != self.agency_id:
            raise ValidationError({"desk": "Quầy được chọn không thuộc cơ quan được phân công."})
