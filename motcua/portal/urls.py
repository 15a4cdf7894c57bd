from django.urls import path

from . import help, lookup, my_dossiers, procedures, views, wizard

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("huong-dan/", help.index, name="help"),
    path("huong-dan/<slug:slug>/", help.topic, name="help_topic"),
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
    # The submission wizard and "Hồ sơ của tôi" (issue 6).
    path("nop-ho-so/ban-nhap/<int:draft_id>/gui/", wizard.submit, name="wizard_submit"),
    path("nop-ho-so/ban-nhap/<int:draft_id>/xoa/", wizard.discard, name="wizard_discard"),
    path("nop-ho-so/ban-nhap/<int:draft_id>/tep/", wizard.upload_begin, name="wizard_upload"),
    path(
        "nop-ho-so/ban-nhap/<int:draft_id>/tep/<int:file_id>/",
        wizard.upload_chunk,
        name="wizard_upload_chunk",
    ),
    path(
        "nop-ho-so/ban-nhap/<int:draft_id>/tep/<int:file_id>/xoa/",
        wizard.remove_file,
        name="wizard_remove_file",
    ),
    path("nop-ho-so/ban-nhap/<int:draft_id>/<slug:step>/", wizard.step, name="wizard_step"),
    path("nop-ho-so/da-nop/<str:reference>/", wizard.done, name="wizard_done"),
    path("nop-ho-so/<str:code>/", wizard.start, name="wizard_start"),
    path("ho-so-cua-toi/", my_dossiers.index, name="my_dossiers"),
    path("ho-so-cua-toi/<str:reference>/", my_dossiers.detail, name="my_dossier"),
    path("ho-so-cua-toi/<str:reference>/bo-sung/", my_dossiers.supplement, name="my_supplement"),
    path(
        "ho-so-cua-toi/<str:reference>/ket-qua/<int:attachment_id>/",
        my_dossiers.result,
        name="my_result",
    ),
    path("ho-so-cua-toi/<str:reference>/rut/", my_dossiers.withdraw, name="my_withdraw"),
    path("ho-so-cua-toi/<str:reference>/danh-gia/", my_dossiers.rate, name="my_rate"),
]
