from django.urls import path

from . import views

app_name = "lgsp"

urlpatterns = [
    path("oauth/token", views.token, name="token"),
    path("<slug:provider>/<slug:service>", views.gateway, name="gateway"),
    path("<slug:provider>/<slug:service>/<path:rest>", views.gateway, name="gateway-path"),
]
