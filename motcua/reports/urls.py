"""Officials' reports (mounted at /can-bo/bao-cao/) and public statistics (at /thong-ke/)."""

from django.urls import path

from . import dashboard, public

app_name = "reports"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("qd766/", dashboard.decision, name="decision766"),
    path("ho-so/", dashboard.dossiers, name="dossiers"),
    path("xuat.<str:fmt>", dashboard.export, name="export"),
]

public_urlpatterns = (
    [
        path("", public.statistics, name="statistics"),
        path("du-lieu.json", public.data_json, name="json"),
        path("du-lieu.csv", public.data_csv, name="csv"),
    ],
    "statistics",
)
