"""The stand-in national systems' own data: never the province's database (ARCHITECTURE.md).

Field names follow the national systems' vocabulary where a real integration would see them
(QCVN 109:2017 for citizens, DOMAIN.md §6 and §9), in English where only the sandbox reads them.
"""

from django.db import models


class Citizen(models.Model):
    """A record of the stand-in national population database (QCVN 109:2017/BTTTT)."""

    class Sex(models.IntegerChoices):
        UNKNOWN = 0, "Chưa có thông tin"
        MALE = 1, "Nam"
        FEMALE = 2, "Nữ"

    id_number = models.CharField("số định danh cá nhân", max_length=12, unique=True)
    family = models.CharField("họ", max_length=50)
    middle = models.CharField("chữ đệm", max_length=50, blank=True)
    given = models.CharField("tên", max_length=50)
    sex = models.PositiveSmallIntegerField("giới tính", choices=Sex.choices, default=Sex.UNKNOWN)
    born = models.DateField("ngày sinh")
    ethnicity = models.CharField("dân tộc", max_length=50, blank=True)
    religion = models.CharField("tôn giáo", max_length=50, blank=True, default="Không")
    marital_status = models.PositiveSmallIntegerField("tình trạng hôn nhân", default=0)
    blood_group = models.CharField("nhóm máu", max_length=2, default="00")
    nationality = models.CharField("quốc tịch", max_length=2, default="VN")
    unit_code = models.CharField("mã đơn vị hành chính thường trú", max_length=10)
    address = models.CharField("địa chỉ thường trú (chi tiết)", max_length=300)
    father_name = models.CharField("họ tên cha", max_length=150, blank=True)
    mother_name = models.CharField("họ tên mẹ", max_length=150, blank=True)
    # Elements the data owner has not authorised for sharing: QCVN 109 (Circular 13/2017) tells
    # "has data but not authorised" apart from "has no data".
    withheld = models.JSONField("trường không được chia sẻ", default=list, blank=True)

    class Meta:
        verbose_name = "công dân"
        verbose_name_plural = "công dân"

    def __str__(self) -> str:
        return f"{self.full_name} ({self.id_number})"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family, self.middle, self.given) if p)


class Business(models.Model):
    """A record of the stand-in national business registration database."""

    code = models.CharField("mã số doanh nghiệp", max_length=14, unique=True)
    name = models.CharField("tên doanh nghiệp", max_length=300)
    kind = models.CharField("loại hình", max_length=100)
    address = models.CharField("địa chỉ trụ sở", max_length=300)
    representative = models.CharField("người đại diện theo pháp luật", max_length=150)
    representative_id = models.CharField("số định danh người đại diện", max_length=12)
    registered_on = models.DateField("ngày đăng ký lần đầu")
    status = models.CharField("tình trạng", max_length=50, default="Đang hoạt động")

    class Meta:
        verbose_name = "doanh nghiệp"
        verbose_name_plural = "doanh nghiệp"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Lookup(models.Model):
    """Every population lookup is logged with officer, purpose and request id (DOMAIN.md §6)."""

    request_id = models.CharField("mã yêu cầu", max_length=100, unique=True)
    service = models.CharField(max_length=50)
    id_number = models.CharField(max_length=20)
    officer = models.CharField("cán bộ tra cứu", max_length=200)
    purpose = models.CharField("mục đích", max_length=300)
    matched = models.BooleanField(default=False)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.id_number}"


class Message(models.Model):
    """A text message the SMS service accepted: the demo reads one-time codes here."""

    request_id = models.CharField(max_length=100, unique=True)
    phone = models.CharField("số điện thoại", max_length=20)
    body = models.TextField("nội dung")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.phone}: {self.body[:40]}"


class PortalSync(models.Model):
    """A dossier status the province sent to the national public service portal (DongBoHoSoMC)."""

    code = models.CharField("mã hồ sơ", max_length=60, db_index=True)
    status_code = models.PositiveSmallIntegerField("trạng thái")
    payload = models.JSONField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.code} → {self.status_code}"


class SsoGrant(models.Model):
    """An authorization code, then the access token it was exchanged for (single use each)."""

    client_id = models.CharField(max_length=100)
    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="+")
    code_sha256 = models.CharField(max_length=64, unique=True)
    redirect_uri = models.CharField(max_length=500)
    nonce = models.CharField(max_length=200, blank=True)
    code_challenge = models.CharField(max_length=200, blank=True)
    code_expires_at = models.DateTimeField()
    code_used_at = models.DateTimeField(null=True, blank=True)
    token_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.client_id} → {self.citizen_id}"
