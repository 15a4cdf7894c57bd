"""`motcua check --deploy` says when the gateway's keys are missing, before the first request."""

from typing import Any

from django.conf import settings
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


@checks.register(checks.Tags.security, deploy=True)
def vnpost_webhook_secret(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if getattr(settings, "VNPOST_WEBHOOK_SECRET", ""):
        return []
    return [
        checks.Warning(
            "VNPOST_WEBHOOK_SECRET chưa được đặt: mọi sự kiện hành trình VNPost gửi tới "
            "/lgsp/callback/vnpost/ sẽ bị từ chối (403).",
            id="lgsp.W001",
        )
    ]
