"""Requests and answers in the national systems' manner: JSON in, {"MaLoi", "MoTa"} errors."""

import json
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse

from motcua.core.text import fold

MAX_RESULTS = 20

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


def folded_search(
    request: HttpRequest,
    field: str,
    rows: QuerySet[Any],
    render: Callable[[Any], dict[str, Any]],
) -> JsonResponse:
    """A reference registry's search: `field` of the JSON body, accents optional, matched in the
    rows' `search_text`; {"TongSo": all matches, "DanhSach": the first MAX_RESULTS}."""
    try:
        (words,) = required(json_body(request), field, max_length=200)
        folded = fold(words)
        if len(folded) < 2:
            raise BadRequest(f"{field} cần ít nhất 2 ký tự.")
    except BadRequest as exc:
        return error(exc)
    found = rows.filter(search_text__contains=folded)
    return answer({"TongSo": found.count(), "DanhSach": [render(r) for r in found[:MAX_RESULTS]]})
