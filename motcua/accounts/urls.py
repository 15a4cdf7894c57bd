from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-ky/", views.register, name="register"),
    path("dang-ky/xac-nhan/", views.confirm, name="confirm"),
    path("dang-ky/gui-lai/", views.resend, name="resend"),
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("quen-mat-khau/", views.forgot, name="forgot"),
    path("quen-mat-khau/dat-lai/", views.reset, name="reset"),
    path("phien/", views.session_list, name="sessions"),
    path("phien/<int:session_id>/ket-thuc/", views.session_revoke, name="session_revoke"),
    path("phien/ket-thuc-cac-phien-khac/", views.session_revoke_others, name="sessions_revoke"),
    path("xac-thuc/", views.verify, name="verify"),
    path("xac-thuc/to-chuc/", views.verify_organisation, name="verify_organisation"),
    path("vneid/", views.vneid_start, name="vneid"),
    path("vneid/quay-lai/", views.vneid_callback, name="vneid_callback"),
    path("xac-thuc-hai-buoc/", views.second_factor_step, name="second_factor"),
    path("hai-buoc/", views.second_factor_settings, name="two_factor"),
]
