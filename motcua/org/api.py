"""Public read API for agencies and administrative units."""

from django.http import HttpRequest
from ninja import Query, Router, Schema

from motcua.core.errors import InvalidInput

from .models import AdministrativeUnit, Agency
from .units import normalise_province_code

router = Router(tags=["Tổ chức"])


class UnitOut(Schema):
    code: str
    name: str
    level: str
    division_type: str
    parent_code: str | None


class AgencyOut(Schema):
    code: str
    name: str
    kind: str
    unit_code: str
    unit_name: str
    parent_code: str | None


class UnitFilter(Schema):
    province: str | None = None


@router.get("/agencies", response=list[AgencyOut], summary="Danh sách cơ quan")
def list_agencies(request: HttpRequest) -> list[dict[str, object]]:
    agencies = Agency.objects.current().select_related("unit", "parent")
    return [
        {
            "code": a.code,
            "name": a.name,
            "kind": a.kind,
            "unit_code": a.unit.code,
            "unit_name": a.unit.name,
            "parent_code": a.parent.code if a.parent else None,
        }
        for a in agencies
    ]


@router.get(
    "/units",
    response=list[UnitOut],
    summary="Đơn vị hành chính hiện hành",
    description="Không có tham số: 34 tỉnh, thành phố. Với `province`: các xã, phường, đặc khu.",
)
def list_units(request: HttpRequest, filters: Query[UnitFilter]) -> list[dict[str, object]]:
    current = AdministrativeUnit.objects.current().select_related("parent")
    if filters.province is None:
        units = current.filter(level=AdministrativeUnit.Level.PROVINCE)
    else:
        code = normalise_province_code(filters.province)
        if not current.filter(level=AdministrativeUnit.Level.PROVINCE, code=code).exists():
            raise InvalidInput(f"Không có tỉnh, thành phố hiện hành mang mã {code}.")
        # The parent must be current too: the old province 52 (Bình Định) and the merged Gia Lai
        # share a code, and only the communes of the unit in force are listed.
        units = current.filter(
            level=AdministrativeUnit.Level.COMMUNE,
            parent__code=code,
            parent__level=AdministrativeUnit.Level.PROVINCE,
            parent__valid_to__isnull=True,
        )
    return [
        {
            "code": u.code,
            "name": u.name,
            "level": u.level,
            "division_type": u.division_type,
            "parent_code": u.parent.code if u.parent else None,
        }
        for u in units
    ]
