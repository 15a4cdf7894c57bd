"""The LGSP's own host: the gateway, its token endpoint and callbacks, metrics and health."""

from django.urls import include, path

from motcua.core import health

from . import views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("lgsp/", include("motcua.lgsp.urls")),
    path("metrics", views.metrics, name="metrics"),
]
