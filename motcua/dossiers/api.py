"""Public dossier status lookup: what anyone holding a dossier code may know (DOMAIN.md §10).

Dossier codes are sequential (DOMAIN.md §5), so anyone can guess one: the answer carries the
procedure, the state and the dates, never the applicant's name, address, phone, ID number, form
data or files. The applicant sees those after logging in. The portal's /tra-cuu/ pages show the
same facts through `find_for_lookup` and `public_status`.
"""

import re
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from motcua.core.errors import InvalidInput, NotFound
from motcua.core.ratelimit import rate_limit

from .models import NATIONAL_STATUS_CODE, Dossier, Status
from .timeliness import Timeliness, verdict

router = Router(tags=["Hồ sơ"])

# The model's limit for a code; a longer "code" is a paste by mistake or a probe.
MAX_CODE_LENGTH = 60
# Circular 01/2018 Art. 19 (DOMAIN.md §5): <agency identifier>-<YYMMDD>-<XXXX>, the identifier
# being dot-separated groups of digits and capitals (000.00.00.H21).
DOSSIER_CODE = re.compile(r"[0-9A-Z]+(?:\.[0-9A-Z]+)*-[0-9]{6}-[0-9]{4}")
# The provisional number of an online submission not yet received (dossiers.codes.new_reference).
REFERENCE = re.compile(r"NOP-[0-9]{6}-[0-9A-Z]{6}")
CODE_EXAMPLE = "000.00.00.H21-251103-0001"
REFERENCE_EXAMPLE = "NOP-251103-B7K2QX"

# Dashes a phone keyboard or a word processor may put in place of the hyphen.
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
_SPACES = re.compile(r"\s+")

# Settings read by the rate limiter (motcua.core.ratelimit), shared by this API and the portal.
LOOKUP_SCOPE = "lookup"
LOOKUP_LIMIT_SETTING = "LOOKUP_RATE_LIMIT"
LOOKUP_WINDOW_SETTING = "LOOKUP_RATE_WINDOW"


class ProcedureRef(Schema):
    code: str
    name: str


class DossierStatus(Schema):
    code: str
    procedure: ProcedureRef
    status: str
    status_code: int
    status_label: str
    received_at: datetime | None
    due_at: datetime | None
    apology_due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    timeliness: Timeliness | None
    on_time: bool | None


class ErrorOut(Schema):
    code: str
    message: str


def normalise_code(text: str) -> str:
    """A code as typed ("000.00.00.h21 - 251103 - 0001") in its canonical form."""
    return _SPACES.sub("", text.translate(_DASHES)).upper()


def is_code_shaped(code: str) -> bool:
    """Does `code` (already normalised) look like a dossier code or a submission reference?"""
    if len(code) > MAX_CODE_LENGTH:
        return False
    return bool(DOSSIER_CODE.fullmatch(code) or REFERENCE.fullmatch(code))


def find_for_lookup(code: str) -> Dossier:
    """The dossier with this code, or with this submission reference (NOP-...).

    Raises InvalidInput (422) when `code` has neither shape and NotFound (404) when no dossier
    has it; `code` is normalised first, so the caller may pass what a person typed.
    """
    wanted = normalise_code(code)
    if not is_code_shaped(wanted):
        raise InvalidInput(
            f"Mã hồ sơ không đúng định dạng. Mã hồ sơ có dạng {CODE_EXAMPLE}; "
            f"hồ sơ nộp trực tuyến chưa được tiếp nhận có số đăng ký dạng {REFERENCE_EXAMPLE}."
        )
    dossiers = Dossier.objects.select_related("procedure").prefetch_related("pauses")
    lookup = {"reference": wanted} if REFERENCE.fullmatch(wanted) else {"code": wanted}
    dossier = dossiers.filter(**lookup).first()
    if dossier is None:
        raise NotFound(f"Không tìm thấy hồ sơ mã {wanted}.")
    return dossier


def public_status(dossier: Dossier) -> dict[str, Any]:
    """The facts anyone may see (DOMAIN.md §10), with instants in local time (+07:00)."""
    judged = verdict(dossier)
    return {
        "code": dossier.display_code,
        "procedure": {"code": dossier.procedure.code, "name": dossier.procedure.name},
        "status": dossier.status,
        "status_code": NATIONAL_STATUS_CODE[dossier.status],
        "status_label": Status(dossier.status).label,
        "received_at": _local(dossier.received_at),
        "due_at": _local(dossier.due_at),
        "apology_due_at": _local(dossier.apology_due_at),
        "finished_at": _local(dossier.finished_at),
        "returned_at": _local(dossier.returned_at),
        "timeliness": judged,
        "on_time": None if judged is None else judged != Timeliness.LATE,
    }


def _local(instant: datetime | None) -> datetime | None:
    return timezone.localtime(instant) if instant is not None else None


@router.get(
    "/dossiers/{code}/status",
    response={200: DossierStatus, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Tra cứu tình trạng hồ sơ",
    description="Không cần đăng nhập. Nhận mã hồ sơ (ví dụ 000.00.00.H21-251103-0001) hoặc số "
    "đăng ký của hồ sơ nộp trực tuyến chưa được tiếp nhận (ví dụ NOP-251103-B7K2QX). Chỉ trả về "
    "thủ tục, trạng thái và các mốc thời gian; không có thông tin cá nhân của người nộp. "
    "`timeliness` là early, on_time, late hoặc null khi hồ sơ chưa giải quyết xong. "
    "Mỗi địa chỉ IP được tra cứu có giới hạn số lần mỗi phút (quá giới hạn: 429).",
    auth=None,
)
@rate_limit(LOOKUP_SCOPE, limit_setting=LOOKUP_LIMIT_SETTING, window_setting=LOOKUP_WINDOW_SETTING)
def dossier_status(request: HttpRequest, code: str) -> dict[str, Any]:
    return public_status(find_for_lookup(code))
