from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("dang-nhap/", views.OfficialLoginView.as_view(), name="login"),
    path("dang-xuat/", views.OfficialLogoutView.as_view(), name="logout"),
    path("", views.queue, name="queue"),
    path("tim-kiem/", views.search, name="search"),
    path("tiep-nhan/", views.reception_pick, name="reception"),
    path("tiep-nhan/<str:code>/", views.reception_form, name="reception_form"),
    path("ho-so/<str:ref>/", views.dossier_detail, name="dossier"),
    path("ho-so/<str:ref>/tai-len/", views.upload, name="upload"),
    path("ho-so/<str:ref>/tep/<int:attachment_id>/", views.download, name="download"),
    path("ho-so/<str:ref>/phieu/<str:kind>/", views.slip, name="slip"),
    path("ho-so/<str:ref>/<str:action>/", views.dossier_action, name="action"),
]
