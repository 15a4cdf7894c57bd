"""The electronic civil status database (CSDL hộ tịch điện tử): birth and marriage extracts.

Personal data: every lookup carries the officer, the purpose and a fresh request id.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.utils.translation import gettext

from . import transport
from .errors import InvalidRequest, ServiceUnavailable
from .insurance import who, ymd

EXTRACT = "ho-tich/trich-luc"
BIRTH, MARRIAGE = "KS", "KH"
ID_NUMBER = re.compile(r"[0-9]{12}")
RECORD_NUMBER = re.compile(r"[0-9A-Za-z./\-]{1,30}")


@dataclass(frozen=True)
class CivilRecord:
    kind: str  # KS birth, KH marriage
    record_number: str
    book: str
    registered_on: date
    registry_office: str
    # What the registration says (names, numbers, place of birth ...), in the registry's words.
    details: dict[str, Any]
    message_id: str


def _label() -> str:
    return gettext("Cơ sở dữ liệu hộ tịch điện tử")


def extract(
    kind: Literal["KS", "KH"],
    *,
    id_number: str = "",
    record_number: str = "",
    officer: str,
    purpose: str,
) -> list[CivilRecord]:
    """The birth (KS) or marriage (KH) registrations of a person or under a record number."""
    id_number, record_number = id_number.strip(), record_number.strip()
    if kind not in (BIRTH, MARRIAGE):
        raise ValueError(kind)
    if record_number and not RECORD_NUMBER.fullmatch(record_number):
        raise InvalidRequest.of(
            _label(), service=EXTRACT, detail=gettext("số đăng ký hộ tịch không hợp lệ")
        )
    if not record_number and not ID_NUMBER.fullmatch(id_number):
        raise InvalidRequest.of(
            _label(),
            service=EXTRACT,
            detail=gettext("cần số định danh cá nhân (12 chữ số) hoặc số đăng ký hộ tịch"),
        )
    body = {**who(_label(), EXTRACT, officer, purpose), "LoaiSuKien": kind}
    body["SoDangKy" if record_number else "SoDinhDanh"] = record_number or id_number
    answer = transport.call(EXTRACT, label=_label(), json=body)
    try:
        found = []
        for item in answer.json()["DanhSach"]:
            details = dict(item)
            found.append(
                CivilRecord(
                    kind=str(details.pop("LoaiSuKien")),
                    record_number=str(details.pop("SoDangKy")),
                    book=str(details.pop("QuyenSo", "")),
                    registered_on=ymd(details.pop("NgayDangKy")),
                    registry_office=str(details.pop("NoiDangKy", "")),
                    details=details,
                    message_id=transport.message_id(answer),
                )
            )
        return found
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ServiceUnavailable.of(
            _label(), service=EXTRACT, detail=f"Câu trả lời không đọc được: {exc}"
        ) from exc
