"""`motcua check` (and every start) says when DECISION766_MAX_POINTS is wrong, before a report."""

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from . import decision766


@checks.register()
def decision766_points(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        decision766.max_points()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="reports.E001")]
    return []
