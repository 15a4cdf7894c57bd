from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "motcua.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Outbox handlers register themselves on import (core.outbox.handler); importing every
        # app's `outbox_handlers` module here means web and worker processes know the same topics.
        autodiscover_modules("outbox_handlers")
        # Periodic jobs (core.periodic) register themselves the same way.
        autodiscover_modules("periodic_jobs")
