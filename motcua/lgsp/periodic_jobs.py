"""The LGSP's periodic work, run by `motcua worker` (core.periodic)."""

from motcua.core import periodic

from . import conf, credentials, message_log


@periodic.job("lgsp.seal", every=lambda: conf.seal_interval_seconds())
def seal_message_log() -> None:
    message_log.seal()


@periodic.job("lgsp.forget_expired", every=300)
def forget_expired_credentials() -> None:
    credentials.forget_expired()
