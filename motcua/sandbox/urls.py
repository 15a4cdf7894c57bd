from django.urls import path

from . import pages, payment, population, registries, services, sso, vnpost

urlpatterns = [
    path("", pages.index, name="sandbox-index"),
    path("dan-cu/v1/cong-dan/tra-cuu", population.lookup, name="sandbox-population-lookup"),
    path("dan-cu/v1/cong-dan/xac-thuc", population.verify, name="sandbox-population-verify"),
    path("dkdn/v1/doanh-nghiep/<str:code>", services.business, name="sandbox-business"),
    path("sms/v1/gui", services.send_sms, name="sandbox-sms-send"),
    path("sms/", pages.sms_inbox, name="sandbox-sms-inbox"),
    path("dvcqg/v1/DongBoHoSoMC", services.portal_sync, name="sandbox-portal-sync"),
    path("dvcqg/", pages.portal_syncs, name="sandbox-portal"),
    path("bhxh/v1/tra-cuu", registries.insurance, name="sandbox-insurance"),
    path("ho-tich/v1/trich-luc", registries.civil_status, name="sandbox-civil-status"),
    path("lltp/v1/yeu-cau", registries.judicial_submit, name="sandbox-judicial-submit"),
    path("lltp/v1/yeu-cau/<str:request_id>", registries.judicial_status, name="sandbox-judicial"),
    path("lltp/", registries.judicial_page, name="sandbox-judicial-page"),
    path("vnpost/v1/don-hang", vnpost.create_order, name="sandbox-vnpost-create"),
    path("vnpost/v1/don-hang/<str:item_code>", vnpost.track, name="sandbox-vnpost-track"),
    path("vnpost/", vnpost.page, name="sandbox-vnpost-page"),
    path("thanh-toan/v1/khoi-tao", payment.init, name="sandbox-payment-init"),
    path("thanh-toan/v1/truy-van", payment.query, name="sandbox-payment-query"),
    path("thanh-toan/v1/bien-lai", payment.bill, name="sandbox-payment-bill"),
    path("thanh-toan/<str:reference>/", payment.page, name="sandbox-payment-page"),
    path("vneid/.well-known/openid-configuration", sso.discovery, name="sandbox-sso-discovery"),
    path("vneid/authorize", sso.authorize, name="sandbox-sso-authorize"),
    path("vneid/token", sso.token, name="sandbox-sso-token"),
    path("vneid/userinfo", sso.userinfo, name="sandbox-sso-userinfo"),
]
