from django.urls import path

from . import lookup, procedures, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("co-quan/", views.agencies, name="agencies"),
    path("co-quan/<str:code>/", procedures.agency_detail, name="agency"),
    path("thu-tuc/", procedures.procedure_list, name="procedures"),
    path("thu-tuc/linh-vuc/", procedures.field_list, name="fields"),
    path("thu-tuc/<str:code>/", procedures.procedure_detail, name="procedure"),
    path(
        "thu-tuc/<str:code>/mau/<int:component_id>/",
        procedures.component_template,
        name="component_template",
    ),
    path("tra-cuu/", lookup.lookup, name="lookup"),
    path("tra-cuu/<str:code>/", lookup.lookup_detail, name="lookup_detail"),
]
