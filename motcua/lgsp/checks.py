"""`motcua check --deploy` says when the gateway's keys are missing, before the first request."""

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from . import conf


@checks.register(checks.Tags.security, deploy=True)
def lgsp_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    problems: list[checks.CheckMessage] = []
    for load, check_id in ((conf.seal_private_key, "lgsp.E001"), (conf.fernet, "lgsp.E002")):
        try:
            load()
        except ImproperlyConfigured as exc:
            problems.append(checks.Error(str(exc), id=check_id))
    return problems
