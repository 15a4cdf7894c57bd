"""How catalog numbers read: money with Vietnamese digit grouping, time limits with their unit."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language, gettext, ngettext

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """200000 -> "200.000 đồng" (vi) or "200,000 VND" (en); 0 -> "Miễn phí"."""
    if not amount:
        return gettext("Miễn phí")
    if get_language() == "en":
        return f"{amount:,} VND"
    return f"{amount:,} đồng".replace(",", ".")


@register.filter
def time_limit(procedure: object) -> str:
    n = getattr(procedure, "time_limit", 0)
    unit = getattr(procedure, "time_limit_unit", "working_days")
    if unit == "same_day":
        return gettext("Trong ngày")
    if unit == "working_hours":
        return ngettext("%(n)s giờ làm việc", "%(n)s giờ làm việc", n) % {"n": n}
    if unit == "calendar_days":
        return ngettext("%(n)s ngày", "%(n)s ngày", n) % {"n": n}
    return ngettext("%(n)s ngày làm việc", "%(n)s ngày làm việc", n) % {"n": n}


@register.filter
def budget(value: Decimal) -> str:
    """Decimal("1.50") -> "1,5" in Vietnamese, "1.5" in English."""
    text = f"{value.normalize():f}" if value else "0"
    return text if get_language() == "en" else text.replace(".", ",")
