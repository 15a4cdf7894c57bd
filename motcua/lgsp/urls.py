from django.urls import path

from . import callbacks, views

app_name = "lgsp"

urlpatterns = [
    path("oauth/token", views.token, name="token"),
    # Before the gateway's patterns, which would take "callback" for a provider.
    path("callback/vnpost/", callbacks.vnpost, name="callback-vnpost"),
    path("<slug:provider>/<slug:service>", views.gateway, name="gateway"),
    path("<slug:provider>/<slug:service>/<path:rest>", views.gateway, name="gateway-path"),
]
