"""Requests and answers in the national systems' manner: JSON in, {"MaLoi", "MoTa"} errors."""

import json
from typing import Any

from django.http import HttpRequest, JsonResponse

MAX_BODY = 1_000_000


class BadRequest(Exception):
    def __init__(self, message: str, *, status: int = 400, code: str = "400") -> None:
        super().__init__(message)
        self.message, self.status, self.code = message, status, code


def answer(data: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def error(exc: BadRequest) -> JsonResponse:
    return answer({"MaLoi": exc.code, "MoTa": exc.message}, status=exc.status)


def json_body(request: HttpRequest) -> dict[str, Any]:
    if len(request.body) > MAX_BODY:
        raise BadRequest("Bản tin quá lớn.", status=413, code="413")
    try:
        data = json.loads(request.body or b"{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadRequest("Bản tin không phải JSON hợp lệ (UTF-8).") from None
    if not isinstance(data, dict):
        raise BadRequest("Bản tin phải là một đối tượng JSON.")
    return data


def required(data: dict[str, Any], *names: str, max_length: int = 300) -> list[str]:
    values = []
    missing = []
    for name in names:
        value = data.get(name)
        if value is None or str(value).strip() == "":
            missing.append(name)
        elif len(str(value)) > max_length:
            raise BadRequest(f"Trường {name} dài quá {max_length} ký tự.")
        else:
            values.append(str(value).strip())
    if missing:
        raise BadRequest(f"Thiếu trường bắt buộc: {', '.join(missing)}.")
    return values
