from django.urls import path

from . import pages, population, services, sso

urlpatterns = [
    path("", pages.index, name="sandbox-index"),
    path("dan-cu/v1/cong-dan/tra-cuu", population.lookup, name="sandbox-population-lookup"),
    path("dan-cu/v1/cong-dan/xac-thuc", population.verify, name="sandbox-population-verify"),
    path("dkdn/v1/doanh-nghiep/<str:code>", services.business, name="sandbox-business"),
    path("sms/v1/gui", services.send_sms, name="sandbox-sms-send"),
    path("sms/", pages.sms_inbox, name="sandbox-sms-inbox"),
    path("dvcqg/v1/DongBoHoSoMC", services.portal_sync, name="sandbox-portal-sync"),
    path("dvcqg/", pages.portal_syncs, name="sandbox-portal"),
    path("vneid/.well-known/openid-configuration", sso.discovery, name="sandbox-sso-discovery"),
    path("vneid/authorize", sso.authorize, name="sandbox-sso-authorize"),
    path("vneid/token", sso.token, name="sandbox-sso-token"),
    path("vneid/userinfo", sso.userinfo, name="sandbox-sso-userinfo"),
]
