from django.apps import AppConfig


class SandboxConfig(AppConfig):
    name = "motcua.sandbox"
    label = "sandbox"
    verbose_name = "Hệ thống quốc gia giả lập"
    default_auto_field = "django.db.models.BigAutoField"
