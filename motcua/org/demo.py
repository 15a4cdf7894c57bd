"""The demo organisation of Gia Lai (DEMO.md): units, agencies, reception desks, officials.

Agency identifier codes follow the national format V1V2V3.Z1Z2.Y1Y2.MX1X2 (QCVN 102:2016, the
prefix of every dossier code) but are illustrative, not the codes the province was issued:

    000.00.00.H21   UBND tỉnh Gia Lai (provincial People's Committee)
    000.00.01.H21   Trung tâm Phục vụ hành chính công tỉnh Gia Lai
    000.00.NN.H21   departments, NN = 02 … 12 in the order of DEMO.md (Sở Tư pháp = 02,
                    Sở Xây dựng = 04, …, Công an tỉnh = 12)
    000.00.99.H21   Bưu điện tỉnh Gia Lai (not a state agency; it holds the post-office clerk)
    NNN.00.90.H21   UBND of each of the 135 communes and wards, NNN = 001 … 135 in the order of
                    their 5-digit unit codes (001 = the lowest code)

Addresses are plausible streets of Quy Nhơn (the provincial capital) or the commune's own
headquarters, not authoritative. Provincial agencies receive at the provincial Public
Administration Service Center (Decree 118/2025), so their desks carry the centre's address.
The people are fictional; every account's password is DEMO_PASSWORD.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import OutputWrapper

from motcua.core.management.commands.seed_demo import DEMO_PASSWORD, DemoLogin

from .access import ensure_standard_roles
from .models import AdministrativeUnit, Agency, ReceptionDesk, Role, StaffAssignment
from .units import load_units, summary

PROVINCE_CODE = "52"
SUFFIX = "H21"
PROVINCE_NAME = "tỉnh Gia Lai"

PROVINCIAL_COMMITTEE = f"000.00.00.{SUFFIX}"
SERVICE_CENTER = f"000.00.01.{SUFFIX}"
POST_OFFICE = f"000.00.99.{SUFFIX}"
SERVICE_CENTER_ADDRESS = f"127 Hai Bà Trưng, phường Quy Nhơn, {PROVINCE_NAME}"

# (full name, short name, street address in Quy Nhơn); codes 000.00.02 onwards, in this order.
DEPARTMENTS = [
    ("Sở Tư pháp tỉnh Gia Lai", "Sở Tư pháp", "9 Mai Xuân Thưởng"),
    ("Sở Tài chính tỉnh Gia Lai", "Sở Tài chính", "209 Lê Hồng Phong"),
    ("Sở Xây dựng tỉnh Gia Lai", "Sở Xây dựng", "15 Hai Bà Trưng"),
    (
        "Sở Nông nghiệp và Môi trường tỉnh Gia Lai",
        "Sở Nông nghiệp và Môi trường",
        "2 Tôn Đức Thắng",
    ),
    ("Sở Khoa học và Công nghệ tỉnh Gia Lai", "Sở Khoa học và Công nghệ", "10 Trần Phú"),
    ("Sở Y tế tỉnh Gia Lai", "Sở Y tế", "756 Trần Hưng Đạo"),
    ("Sở Giáo dục và Đào tạo tỉnh Gia Lai", "Sở Giáo dục và Đào tạo", "10 Nguyễn Huệ"),
    ("Sở Nội vụ tỉnh Gia Lai", "Sở Nội vụ", "74 Lê Duẩn"),
    ("Sở Công Thương tỉnh Gia Lai", "Sở Công Thương", "184 Lê Hồng Phong"),
    (
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Gia Lai",
        "Sở Văn hóa, Thể thao và Du lịch",
        "16 Nguyễn Huệ",
    ),
    ("Công an tỉnh Gia Lai", "Công an tỉnh", "8 Trần Phú"),
]
TU_PHAP = f"000.00.02.{SUFFIX}"
XAY_DUNG = f"000.00.04.{SUFFIX}"
NONG_NGHIEP_MOI_TRUONG = f"000.00.05.{SUFFIX}"
CONG_AN = f"000.00.12.{SUFFIX}"

# Xã Bờ Ngoong, in the former Chư Sê district south of Pleiku: a rural commune with a large Jrai
# population, for the assisted-submission and civil-status stories.
RURAL_COMMUNE = "23947"


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    short_name: str
    kind: str
    unit: AdministrativeUnit
    address: str
    desk_name: str
    desk_address: str
    parent_code: str | None = PROVINCIAL_COMMITTEE


@dataclass(frozen=True)
class StaffSpec:
    username: str
    full_name: str
    agency_code: str
    roles: tuple[str, ...]
    at_desk: bool = False
    is_superuser: bool = False


@dataclass
class Created:
    counts: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        labels = {
            "agencies": "cơ quan",
            "desks": "quầy tiếp nhận",
            "roles": "vai trò",
            "users": "tài khoản cán bộ",
            "assignments": "phân công",
        }
        parts = [f"{self.counts[k]} {label}" for k, label in labels.items() if self.counts[k]]
        if not parts:
            return "Tổ chức: dữ liệu trình diễn đã có sẵn, không tạo thêm gì."
        return "Tổ chức: đã tạo " + ", ".join(parts) + "."


def seed(out: OutputWrapper) -> list[DemoLogin]:
    created = Created()
    province = _ensure_units(out)
    created.counts["roles"] += ensure_standard_roles()
    specs = _agency_specs(province)
    agencies = _ensure_agencies(specs, created)
    desks = _ensure_desks(specs, agencies, created)
    logins = _ensure_staff(_staff(specs), agencies, desks, created)
    out.write(created.line())
    return logins


def _ensure_units(out: OutputWrapper) -> AdministrativeUnit:
    current = AdministrativeUnit.objects.current()
    loaded = current.filter(
        level=AdministrativeUnit.Level.COMMUNE, parent__code=PROVINCE_CODE
    ).exists()
    if not loaded:
        # The whole package, not only Gia Lai: it takes about a second and makes the address
        # pickers of the demo work for a citizen from any province.
        out.write(summary(load_units()))
    return current.get(level=AdministrativeUnit.Level.PROVINCE, code=PROVINCE_CODE)


def _lower_type(unit_name: str) -> str:
    """'Xã Bờ Ngoong' -> 'xã Bờ Ngoong', as the type is written inside an address."""
    return unit_name[:1].lower() + unit_name[1:]


def _agency_specs(province: AdministrativeUnit) -> list[AgencySpec]:
    kind = Agency.Kind
    specs = [
        AgencySpec(
            code=PROVINCIAL_COMMITTEE,
            name="UBND tỉnh Gia Lai",
            short_name="UBND tỉnh",
            kind=kind.PROVINCIAL_COMMITTEE,
            unit=province,
            address=f"35 Lê Lợi, phường Quy Nhơn, {PROVINCE_NAME}",
            desk_name="Quầy UBND tỉnh",
            desk_address=SERVICE_CENTER_ADDRESS,
            parent_code=None,
        ),
        AgencySpec(
            code=SERVICE_CENTER,
            name="Trung tâm Phục vụ hành chính công tỉnh Gia Lai",
            short_name="Trung tâm Phục vụ hành chính công",
            kind=kind.SERVICE_CENTER,
            unit=province,
            address=SERVICE_CENTER_ADDRESS,
            desk_name="Quầy tiếp nhận và trả kết quả số 1",
            desk_address=SERVICE_CENTER_ADDRESS,
        ),
    ]
    for number, (name, short_name, street) in enumerate(DEPARTMENTS, start=2):
        specs.append(
            AgencySpec(
                code=f"000.00.{number:02d}.{SUFFIX}",
                name=name,
                short_name=short_name,
                kind=kind.DEPARTMENT,
                unit=province,
                address=f"{street}, phường Quy Nhơn, {PROVINCE_NAME}",
                desk_name=f"Quầy {short_name}",
                desk_address=SERVICE_CENTER_ADDRESS,
            )
        )
    specs.append(
        AgencySpec(
            code=POST_OFFICE,
            name="Bưu điện tỉnh Gia Lai",
            short_name="Bưu điện tỉnh",
            kind=kind.OTHER,
            unit=province,
            address=f"197 Phan Bội Châu, phường Quy Nhơn, {PROVINCE_NAME}",
            desk_name="Quầy bưu chính công ích",
            desk_address=f"197 Phan Bội Châu, phường Quy Nhơn, {PROVINCE_NAME}",
            parent_code=None,
        )
    )
    communes = AdministrativeUnit.objects.current().filter(
        level=AdministrativeUnit.Level.COMMUNE, parent=province
    )
    for number, commune in enumerate(communes.order_by("code"), start=1):
        place = f"{_lower_type(commune.name)}, {PROVINCE_NAME}"
        specs.append(
            AgencySpec(
                code=f"{number:03d}.00.90.{SUFFIX}",
                name=f"UBND {commune.name}",
                short_name=f"UBND {commune.name}",
                kind=kind.COMMUNE_COMMITTEE,
                unit=commune,
                address=f"Trụ sở UBND {place}",
                desk_name="Quầy tiếp nhận và trả kết quả",
                desk_address=f"Trung tâm Phục vụ hành chính công {place}",
            )
        )
    return specs


def _ensure_agencies(specs: list[AgencySpec], created: Created) -> dict[str, Agency]:
    # In bulk: 149 agencies one get_or_create at a time would be most of the seed's time.
    existing = Agency.objects.in_bulk([s.code for s in specs], field_name="code")
    missing = [s for s in specs if s.code not in existing]
    # Agencies without a parent first: every other one reports to the provincial committee.
    for batch in (
        [s for s in missing if s.parent_code is None],
        [s for s in missing if s.parent_code is not None],
    ):
        parents = Agency.objects.in_bulk([PROVINCIAL_COMMITTEE], field_name="code")
        Agency.objects.bulk_create(
            Agency(
                code=s.code,
                name=s.name,
                short_name=s.short_name,
                kind=s.kind,
                unit=s.unit,
                address=s.address,
                parent=parents[s.parent_code] if s.parent_code else None,
            )
            for s in batch
        )
    created.counts["agencies"] += len(missing)
    return Agency.objects.in_bulk([s.code for s in specs], field_name="code")


def _ensure_desks(
    specs: list[AgencySpec], agencies: dict[str, Agency], created: Created
) -> dict[str, ReceptionDesk]:
    """The first desk of each agency, by agency code."""
    wanted = {(agencies[s.code].pk, s.desk_name): s for s in specs}
    existing = set(
        ReceptionDesk.objects.filter(agency__in=agencies.values()).values_list("agency_id", "name")
    )
    missing = [
        ReceptionDesk(agency_id=agency_id, name=name, address=spec.desk_address)
        for (agency_id, name), spec in wanted.items()
        if (agency_id, name) not in existing
    ]
    ReceptionDesk.objects.bulk_create(missing)
    created.counts["desks"] += len(missing)
    by_key = {
        (d.agency_id, d.name): d for d in ReceptionDesk.objects.filter(agency__in=agencies.values())
    }
    return {spec.code: by_key[key] for key, spec in wanted.items()}


def _staff(specs: list[AgencySpec]) -> list[StaffSpec]:
    rural = next(s for s in specs if s.unit.code == RURAL_COMMUNE)
    return [
        StaffSpec("motcua.tiepnhan", "Nguyễn Thị Thu Hà", SERVICE_CENTER, ("officer",), True),
        StaffSpec("tuphap.chuyenvien", "Trần Minh Khoa", TU_PHAP, ("specialist",)),
        StaffSpec("tuphap.lanhdao", "Lê Thị Hồng Nhung", TU_PHAP, ("leader",)),
        StaffSpec("xaydung.chuyenvien", "Phạm Quốc Bảo", XAY_DUNG, ("specialist",)),
        StaffSpec("xaydung.lanhdao", "Võ Thanh Tùng", XAY_DUNG, ("leader",)),
        # The other ends of the demo's inter-agency procedures: the construction permit's land
        # check (Sở Nông nghiệp và Môi trường) and the judicial record's police check.
        StaffSpec(
            "nnmt.chuyenvien", "Nguyễn Hoàng Phương", NONG_NGHIEP_MOI_TRUONG, ("specialist",)
        ),
        StaffSpec("nnmt.lanhdao", "Trương Công Danh", NONG_NGHIEP_MOI_TRUONG, ("leader",)),
        StaffSpec("congan.chuyenvien", "Lữ Đức Thắng", CONG_AN, ("specialist",)),
        StaffSpec("congan.lanhdao", "Mai Xuân Trường", CONG_AN, ("leader",)),
        # In a small commune the one-stop officer is also the civil-status clerk who processes.
        StaffSpec(
            "bongoong.tiepnhan", "Rơ Châm H'Nhi", rural.code, ("officer", "specialist"), True
        ),
        StaffSpec("buudien.hotro", "Đặng Thị Mai", POST_OFFICE, ("assisted_submitter",), True),
        StaffSpec("motcua.quantri", "Huỳnh Văn Lộc", SERVICE_CENTER, ("agency_admin",)),
        StaffSpec(
            "tinh.quantri",
            "Đỗ Văn Phúc",
            PROVINCIAL_COMMITTEE,
            ("province_admin",),
            is_superuser=True,
        ),
    ]


def _ensure_staff(
    staff: list[StaffSpec],
    agencies: dict[str, Agency],
    desks: dict[str, ReceptionDesk],
    created: Created,
) -> list[DemoLogin]:
    User = get_user_model()
    roles = Role.objects.in_bulk(field_name="code")
    # Hashed once for all new accounts: the password is published anyway, and one hash per
    # account (half a second each with the production hasher) was most of the seed's time.
    password_hash = ""
    logins = []
    for spec in staff:
        user, was_created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "full_name": spec.full_name,
                # The province administrator also runs the Django admin at /quan-tri/.
                "is_staff": spec.is_superuser,
                "is_superuser": spec.is_superuser,
            },
        )
        if was_created:
            # Only on creation: a visitor who changed the password keeps it across re-seeds.
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user.password = password_hash
            user.save(update_fields=["password"])
            created.counts["users"] += 1
        agency = agencies[spec.agency_code]
        for role_code in spec.roles:
            _, assigned = StaffAssignment.objects.get_or_create(
                user=user,
                agency=agency,
                role=roles[role_code],
                defaults={"desk": desks[spec.agency_code] if spec.at_desk else None},
            )
            created.counts["assignments"] += assigned
        logins.append(
            DemoLogin(
                username=spec.username,
                password=DEMO_PASSWORD,
                role=", ".join(roles[code].name for code in spec.roles),
                agency=agency.name,
            )
        )
    return logins
