"""The national social insurance database (CSDL quốc gia về bảo hiểm, BHXH Việt Nam).

Personal data: every lookup carries the officer, the purpose and a fresh request id (MaYeuCau),
as population lookups do (DOMAIN.md §6).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext

from . import transport
from .errors import InvalidRequest, ServiceUnavailable
from .population import new_request_id

LOOKUP = "bhxh/tra-cuu"
INSURANCE_NUMBER = re.compile(r"[0-9]{10}")
ID_NUMBER = re.compile(r"[0-9]{12}")


@dataclass(frozen=True)
class InsuranceRecord:
    insurance_number: str
    id_number: str
    full_name: str
    born: date
    employer: str
    employer_code: str
    started_on: date
    months_paid: int
    status: str
    health_card: str
    health_card_valid_to: date
    hospital: str
    message_id: str


def _label() -> str:
    return gettext("Cơ sở dữ liệu quốc gia về bảo hiểm")


def who(label: str, service: str, officer: str, purpose: str) -> dict[str, str]:
    """The request id, officer and purpose a lookup of personal data must carry."""
    if not officer.strip() or not purpose.strip():
        raise InvalidRequest.of(
            label,
            service=service,
            detail=gettext("mỗi lần tra cứu phải ghi rõ cán bộ tra cứu và mục đích"),
        )
    return {"MaYeuCau": new_request_id(), "CanBoTraCuu": officer, "MucDich": purpose}


def ymd(text: Any) -> date:
    return datetime.strptime(str(text), "%Y%m%d").date()


def lookup(
    *, insurance_number: str = "", id_number: str = "", officer: str, purpose: str
) -> InsuranceRecord | None:
    """The participant with this social insurance number (or identity number), or None."""
    insurance_number, id_number = insurance_number.strip(), id_number.strip()
    if insurance_number and not INSURANCE_NUMBER.fullmatch(insurance_number):
        raise InvalidRequest.of(
            _label(), service=LOOKUP, detail=gettext("mã số BHXH phải gồm đúng 10 chữ số")
        )
    if not insurance_number and not ID_NUMBER.fullmatch(id_number):
        raise InvalidRequest.of(
            _label(),
            service=LOOKUP,
            detail=gettext("cần mã số BHXH (10 chữ số) hoặc số định danh cá nhân (12 chữ số)"),
        )
    body = who(_label(), LOOKUP, officer, purpose)
    body["MaSoBHXH" if insurance_number else "SoDinhDanh"] = insurance_number or id_number
    answer = transport.call(LOOKUP, label=_label(), json=body, accept=(404,))
    if answer.status_code == 404:
        return None
    try:
        data = answer.json()
        return InsuranceRecord(
            insurance_number=str(data["MaSoBHXH"]),
            id_number=str(data.get("SoDinhDanh") or ""),
            full_name=str(data["HoVaTen"]),
            born=ymd(data["NgaySinh"]),
            employer=str(data.get("DonViThamGia") or ""),
            employer_code=str(data.get("MaDonVi") or ""),
            started_on=ymd(data["NgayBatDauThamGia"]),
            months_paid=int(data.get("SoThangDaDong") or 0),
            status=str(data.get("TinhTrang") or ""),
            health_card=str(data.get("SoTheBHYT") or ""),
            health_card_valid_to=ymd(data["HanTheDen"]),
            hospital=str(data.get("NoiKCBBanDau") or ""),
            message_id=transport.message_id(answer),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ServiceUnavailable.of(
            _label(), service=LOOKUP, detail=f"Câu trả lời không đọc được: {exc}"
        ) from exc
