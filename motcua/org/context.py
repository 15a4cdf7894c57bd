"""Template context: the province this deployment serves, for the page header."""

from django.conf import settings
from django.http import HttpRequest

from .models import AdministrativeUnit

_FALLBACK = "Tỉnh Gia Lai"


def province_name() -> str:
    unit = (
        AdministrativeUnit.objects.filter(
            level=AdministrativeUnit.Level.PROVINCE,
            code=settings.PROVINCE_CODE,
            valid_to__isnull=True,
        )
        .only("name", "division_type")
        .first()
    )
    if unit is None:
        return _FALLBACK
    if unit.division_type == "tỉnh" and not unit.name.lower().startswith("tỉnh"):
        return f"Tỉnh {unit.name}"
    return unit.name


def province(request: HttpRequest) -> dict[str, object]:
    return {"province_name": province_name()}
