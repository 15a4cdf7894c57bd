"""Load the current administrative units (34 provinces, 3,321 communes) from `vietnam-provinces`.

The package is the source of truth for units in force since the two-tier reform of 1 July 2025.
Loading is a reconciliation, not an import: a unit the package lists is created or updated in
place, a current unit it no longer lists is closed (`valid_to`), never deleted, because old
dossiers and addresses point at it. Historic units entered by hand (abolished districts, communes
merged in 2025) are not current and are never touched.
"""

import datetime
import importlib.metadata
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from vietnam_provinces import Province, ProvinceCode, Ward

from motcua.core import audit
from motcua.core.errors import InvalidInput

from .models import REFORM_DATE, AdministrativeUnit

Level = AdministrativeUnit.Level

PROVINCE_LEGAL_BASIS = "Nghị quyết 202/2025/QH15"
COMMUNE_LEGAL_BASIS = "Nghị quyết của UBTVQH về sắp xếp đơn vị hành chính cấp xã năm 2025"

# Fields the package decides; valid_from and legal_basis are only set when a unit is created, so
# an administrator's correction (the exact resolution of one commune) survives the next load.
_SYNCED_FIELDS = ("name", "division_type", "codename", "parent_id")


@dataclass(frozen=True)
class UnitRecord:
    code: str
    name: str
    level: str
    division_type: str
    codename: str
    parent_code: str | None = None


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    closed: int
    provinces: int
    communes: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.closed)


def package_version() -> str:
    return importlib.metadata.version("vietnam-provinces")


def normalise_province_code(raw: str) -> str:
    code = raw.strip().zfill(2)
    if not (code.isdigit() and len(code) == 2):
        raise InvalidInput("Mã tỉnh phải là 2 chữ số, ví dụ 52.")
    return code


def read_package(province: str | None = None) -> list[UnitRecord]:
    """Provinces first, then communes, as the package lists them (one province if given)."""
    provinces = list(Province.iter_all())
    if province is not None:
        provinces = [p for p in provinces if f"{p.code.value:02d}" == province]
        if not provinces:
            raise InvalidInput(
                f"Gói vietnam-provinces không có tỉnh, thành phố mang mã {province}."
            )
    records = [
        UnitRecord(
            code=f"{p.code.value:02d}",
            name=p.name,
            level=Level.PROVINCE,
            division_type=p.division_type.value,
            codename=p.codename,
        )
        for p in provinces
    ]
    wards = (
        Ward.iter_all() if province is None else Ward.iter_by_province(ProvinceCode(int(province)))
    )
    records += [
        UnitRecord(
            code=f"{w.code.value:05d}",
            name=w.name,
            level=Level.COMMUNE,
            division_type=w.division_type.value,
            codename=w.codename,
            parent_code=f"{w.province_code.value:02d}",
        )
        for w in wards
    ]
    return records


def load_units(*, province: str | None = None, today: datetime.date | None = None) -> LoadResult:
    """Bring the current provinces and communes in line with the package, in one transaction.

    With `province`, only that province and its communes are compared: communes of other
    provinces are neither created nor closed.
    """
    if province is not None:
        province = normalise_province_code(province)
    today = today or timezone.localdate()
    records = read_package(province)
    province_records = [r for r in records if r.level == Level.PROVINCE]
    commune_records = [r for r in records if r.level == Level.COMMUNE]

    with transaction.atomic():
        created, updated, closed = _sync_level(
            Level.PROVINCE, province_records, scope=_scope(Level.PROVINCE, province), today=today
        )
        # Communes point at their province by id, so provinces are settled first and read back.
        province_ids = dict(
            AdministrativeUnit.objects.current()
            .filter(level=Level.PROVINCE)
            .values_list("code", "id")
        )
        c_created, c_updated, c_closed = _sync_level(
            Level.COMMUNE,
            commune_records,
            scope=_scope(Level.COMMUNE, province),
            today=today,
            province_ids=province_ids,
        )
        result = LoadResult(
            created=created + c_created,
            updated=updated + c_updated,
            closed=closed + c_closed,
            provinces=len(province_records),
            communes=len(commune_records),
        )
        if result.changed:
            audit.record(
                None,
                "org.units_loaded",
                details={
                    "source": f"vietnam-provinces {package_version()}",
                    "province": province,
                    "created": result.created,
                    "updated": result.updated,
                    "closed": result.closed,
                },
            )
    return result


def _scope(level: str, province: str | None) -> dict[str, object]:
    """Which current units of `level` this load is responsible for (and so may close)."""
    if province is None:
        return {}
    if level == Level.PROVINCE:
        return {"code": province}
    return {"parent__code": province, "parent__valid_to__isnull": True}


def _sync_level(
    level: str,
    records: list[UnitRecord],
    *,
    scope: dict[str, object],
    today: datetime.date,
    province_ids: dict[str, int] | None = None,
) -> tuple[int, int, int]:
    current = {u.code: u for u in AdministrativeUnit.objects.current().filter(level=level)}
    in_scope = set(
        AdministrativeUnit.objects.current()
        .filter(level=level, **scope)
        .values_list("code", flat=True)
    )
    # A unit an earlier load closed and the package lists again is reopened: the unique version
    # key (level, code, valid_from) forbids a second row, and the package is our only source.
    reopenable = {
        u.code: u
        for u in AdministrativeUnit.objects.filter(
            level=level, valid_to__isnull=False, valid_from=REFORM_DATE
        )
    }

    to_create: list[AdministrativeUnit] = []
    to_update: list[AdministrativeUnit] = []
    seen: set[str] = set()
    for record in records:
        seen.add(record.code)
        parent_id = (
            province_ids[record.parent_code] if province_ids and record.parent_code else None
        )
        wanted = {
            "name": record.name,
            "division_type": record.division_type,
            "codename": record.codename,
            "parent_id": parent_id,
        }
        unit = current.get(record.code)
        if unit is None and record.code in reopenable:
            unit = reopenable[record.code]
            unit.valid_to = None
        elif unit is None:
            to_create.append(
                AdministrativeUnit(
                    code=record.code,
                    level=level,
                    valid_from=REFORM_DATE,
                    legal_basis=(
                        PROVINCE_LEGAL_BASIS if level == Level.PROVINCE else COMMUNE_LEGAL_BASIS
                    ),
                    **wanted,
                )
            )
            continue
        elif all(getattr(unit, field) == value for field, value in wanted.items()):
            continue
        for field, value in wanted.items():
            setattr(unit, field, value)
        to_update.append(unit)

    # The day before the load: the package no longer lists the unit, so it is not in force today.
    # The exact date is in the resolution that abolished it; an administrator can correct it.
    closing_day = today - datetime.timedelta(days=1)
    to_close = [current[code] for code in in_scope - seen]
    for unit in to_close:
        unit.valid_to = closing_day

    AdministrativeUnit.objects.bulk_create(to_create, batch_size=500)
    AdministrativeUnit.objects.bulk_update(to_update, [*_SYNCED_FIELDS, "valid_to"], batch_size=500)
    AdministrativeUnit.objects.bulk_update(to_close, ["valid_to"], batch_size=500)
    return len(to_create), len(to_update), len(to_close)


def summary(result: LoadResult) -> str:
    """One line for a person at the console, in Vietnamese."""
    scope = f"{_n(result.provinces)} tỉnh, thành phố và {_n(result.communes)} xã, phường, đặc khu"
    source = f"gói vietnam-provinces {package_version()}"
    if not result.changed:
        return f"Không có thay đổi: {scope} đã khớp với {source}."
    return (
        f"Đã nạp đơn vị hành chính từ {source} ({scope}): tạo mới {_n(result.created)}, "
        f"cập nhật {_n(result.updated)}, đóng hiệu lực {_n(result.closed)}."
    )


def _n(number: int) -> str:
    # Vietnamese groups thousands with a dot: 3.321.
    return f"{number:,}".replace(",", ".")
