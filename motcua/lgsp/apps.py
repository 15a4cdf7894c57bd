from django.apps import AppConfig


class LgspConfig(AppConfig):
    name = "motcua.lgsp"
    label = "lgsp"
    verbose_name = "Nền tảng tích hợp, chia sẻ dữ liệu (LGSP)"

    def ready(self) -> None:
        # Registers the deployment check, and the signals that keep the lookup cache fresh.
        from . import checks, lookups  # noqa: F401
