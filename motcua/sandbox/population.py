"""The stand-in national population database: lookup (QCVN 109 XML) and identity verification.

A lookup needs the request id (MaYeuCau, unique: a replay is refused), the officer and the
purpose, and is logged with them (DOMAIN.md §6). Verification answers only match or no match:
number, full name and date of birth must all agree, so the answer reveals nothing else.
"""

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from defusedxml import ElementTree
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from . import qcvn109
from .http import BadRequest, answer, error, json_body, required
from .models import Citizen, Lookup

ID_NUMBER = re.compile(r"[0-9]{12}")


@require_POST
def lookup(request: HttpRequest) -> HttpResponse:
    try:
        data = _body(request, "TraCuuCongDan")
        request_id, id_number, officer, purpose = required(
            data, "MaYeuCau", "SoDinhDanh", "CanBoTraCuu", "MucDich"
        )
        _check_id_number(id_number)
        citizen = Citizen.objects.filter(id_number=id_number).first()
        _log(request_id, "tra-cuu", id_number, officer, purpose, matched=citizen is not None)
    except BadRequest as exc:
        return error(exc)
    found = [citizen] if citizen is not None else []
    note = "" if found else "Không tìm thấy công dân có số định danh này."
    return HttpResponse(qcvn109.collection(found, note=note), content_type="application/xml")


@require_POST
def verify(request: HttpRequest) -> HttpResponse:
    try:
        data = _body(request, "XacThucCongDan")
        request_id, id_number, name, born_text, officer, purpose = required(
            data, "MaYeuCau", "SoDinhDanh", "HoVaTen", "NgayThangNamSinh", "CanBoTraCuu", "MucDich"
        )
        _check_id_number(id_number)
        born = _date(born_text)
        citizen = Citizen.objects.filter(id_number=id_number).first()
        matched = (
            citizen is not None and citizen.born == born and _same_name(citizen.full_name, name)
        )
        _log(request_id, "xac-thuc", id_number, officer, purpose, matched=matched)
    except BadRequest as exc:
        return error(exc)
    return answer({"MaYeuCau": request_id, "KetQua": "KHOP" if matched else "KHONG_KHOP"})


def _body(request: HttpRequest, root: str) -> dict[str, Any]:
    """The request's fields, from JSON or from a QCVN 109 XML message (the LGSP checks its
    schema; the stand-in reads it as the national system would, refusing anything else)."""
    if "xml" not in (request.content_type or ""):
        return json_body(request)
    try:
        document = ElementTree.fromstring(request.body)
    except Exception:  # defusedxml's refusals (entities, DTDs) share no base with ParseError
        raise BadRequest("Bản tin không phải XML hợp lệ.") from None
    if document.tag != f"{{{qcvn109.NAMESPACE}}}{root}":
        raise BadRequest(f"Phần tử gốc của bản tin phải là {root}.")

    def text(path: str) -> str:
        found = document.find("/".join(f"{{{qcvn109.NAMESPACE}}}{p}" for p in path.split("/")))
        return (found.text or "").strip() if found is not None else ""

    name = " ".join(text(f"HoVaTen/{part}") for part in ("Ho", "ChuDem", "Ten"))
    fields = {
        "MaYeuCau": text("MaYeuCau"),
        "SoDinhDanh": text("SoDinhDanh"),
        "CanBoTraCuu": text("CanBoTraCuu"),
        "MucDich": text("MucDich"),
        "HoVaTen": " ".join(name.split()),
        "NgayThangNamSinh": text("NgayThangNamSinh/NgayThangNam"),
    }
    return {key: value for key, value in fields.items() if value}


def _check_id_number(id_number: str) -> None:
    if not ID_NUMBER.fullmatch(id_number):
        raise BadRequest("Số định danh cá nhân phải gồm đúng 12 chữ số.")


def _date(text: str) -> date:
    for pattern in ("%Y%m%d", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise BadRequest("NgayThangNamSinh không hợp lệ: dùng yyyyMMdd, yyyy-MM-dd hoặc dd/MM/yyyy.")


def _same_name(recorded: str, given: str) -> bool:
    # Case and spacing are not identity; diacritics are (Lê and Lệ are different names).
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())

    return norm(recorded) == norm(given)


def _log(
    request_id: str, service: str, id_number: str, officer: str, purpose: str, *, matched: bool
) -> None:
    try:
        with transaction.atomic():
            Lookup.objects.create(
                request_id=request_id[:100],
                service=service,
                id_number=id_number,
                officer=officer[:200],
                purpose=purpose,
                matched=matched,
            )
    except IntegrityError:
        raise BadRequest(
            f"Mã yêu cầu {request_id} đã được dùng: mỗi lần tra cứu cần một mã yêu cầu mới.",
            status=409,
            code="409",
        ) from None
