"""Template context: the province this deployment serves, for the page header."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from .models import AdministrativeUnit

_FALLBACK = {"vi": "Tỉnh Gia Lai", "en": "Gia Lai Province"}


def province_name() -> str:
    """'Tỉnh Gia Lai' in Vietnamese, 'Gia Lai Province' in English."""
    english = get_language() == "en"
    unit = (
        AdministrativeUnit.objects.current()
        .filter(level=AdministrativeUnit.Level.PROVINCE, code=settings.PROVINCE_CODE)
        .only("name", "division_type")
        .first()
    )
    if unit is None:
        return _FALLBACK["en" if english else "vi"]
    if unit.division_type != "tỉnh":
        # Centrally-run cities carry "Thành phố" in their name already.
        return unit.name
    return f"{unit.name} Province" if english else f"Tỉnh {unit.name}"


def province(request: HttpRequest) -> dict[str, object]:
    return {"province_name": province_name()}
