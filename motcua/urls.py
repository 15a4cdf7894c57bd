from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from motcua.api import api
from motcua.core import health
from motcua.lgsp import views as lgsp_views
from motcua.reports import urls as reports_urls

admin.site.site_header = "Quản trị MotCua"
admin.site.site_title = "Quản trị MotCua"
admin.site.index_title = "Danh mục quản trị"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("ngon-ngu/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("quan-tri/", admin.site.urls),
    path("lgsp/", include("motcua.lgsp.urls")),
    path("metrics", lgsp_views.metrics, name="metrics"),
    path("can-bo/thong-bao/", include("motcua.notifications.urls")),
    path("can-bo/bao-cao/", include("motcua.reports.urls")),
    path("thong-ke/", include(reports_urls.public_urlpatterns)),
    path("can-bo/", include("motcua.backoffice.urls")),
    path("tai-khoan/", include("motcua.accounts.urls")),
    path("", include("motcua.portal.urls")),
]
