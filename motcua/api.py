"""The public HTTP API, /api/v1/, with its OpenAPI document at /api/v1/openapi.json.

Every error has one shape, {"code": ..., "message": ...}, whatever raised it.
"""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from motcua.catalog.api import router as catalog_router
from motcua.core.errors import DomainError
from motcua.org.api import router as org_router


class Utf8JSONRenderer(JSONRenderer):
    # Vietnamese stays readable in the raw body ("Phường", not "Ph\u01b0\u1eddng"), and shorter.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8JSONRenderer(),
    title="MotCua API",
    version="1",
    description="API công khai của MotCua: cơ quan, đơn vị hành chính, thủ tục, hồ sơ.",
    urls_namespace="api-v1",
)


def _error(
    request: HttpRequest, status: int, code: str, message: str, **extra: object
) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, exc.status, exc.code, exc.message)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(
        request,
        422,
        "invalid_input",
        "Dữ liệu gửi lên không hợp lệ.",
        errors=[
            {"field": ".".join(str(p) for p in e.get("loc", ())), "error": e.get("msg", "")}
            for e in exc.errors
        ],
    )


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthorised", "Cần đăng nhập hoặc khóa truy cập hợp lệ.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {404: "not_found", 403: "forbidden", 405: "method_not_allowed"}
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


api.add_router("/", org_router)
api.add_router("/", catalog_router)
api.add_router("/", "motcua.dossiers.api.router")
api.add_router("/", "motcua.dossiers.officials_api.router")
api.add_router("/", "motcua.reports.api.router")
