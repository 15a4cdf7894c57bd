"""The national legal documents database (CSDL quốc gia về văn bản pháp luật): search, and one
text by its number with whether it is in force and what replaced or amended it."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext

from . import transport
from .errors import InvalidRequest, ServiceUnavailable

SEARCH = "csdl-vbpl/tim-kiem"
DOCUMENT = "csdl-vbpl/van-ban"
IN_FORCE, EXPIRED, PARTLY_EXPIRED = "CON_HIEU_LUC", "HET_HIEU_LUC", "HET_HIEU_LUC_MOT_PHAN"


@dataclass(frozen=True)
class LegalDocument:
    number: str  # "118/2025/NĐ-CP"
    kind: str
    issuer: str
    title: str  # the official trích yếu; empty when the database does not know it
    summary: str
    signed_on: date | None
    effective_on: date | None
    expired_on: date | None
    status: str  # IN_FORCE, EXPIRED, PARTLY_EXPIRED, or "" when unknown
    status_label: str
    replaces: tuple[str, ...] = ()
    amends: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()
    amended_by: tuple[str, ...] = ()
    message_id: str = ""

    @property
    def in_force(self) -> bool | None:
        """True or False as the database says; None when it does not say."""
        if not self.status:
            return None
        return self.status != EXPIRED


def _label() -> str:
    return gettext("Cơ sở dữ liệu quốc gia về văn bản pháp luật")


def search(words: str) -> list[LegalDocument]:
    """Texts whose number, title or description contains `words` (accents optional)."""
    words = " ".join(words.split())
    if not 2 <= len(words) <= 200:
        raise InvalidRequest.of(
            _label(), service=SEARCH, detail=gettext("từ khóa cần từ 2 đến 200 ký tự")
        )
    answer = transport.call(SEARCH, label=_label(), json={"TuKhoa": words})
    try:
        return [_read(item, transport.message_id(answer)) for item in answer.json()["DanhSach"]]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ServiceUnavailable.of(
            _label(), service=SEARCH, detail=f"Câu trả lời không đọc được: {exc}"
        ) from exc


def get(number: str) -> LegalDocument | None:
    """The text with this number ("118/2025/NĐ-CP"), or None when the database has none."""
    number = number.strip()
    if not number or len(number) > 50 or "/" not in number:
        raise InvalidRequest.of(
            _label(),
            service=DOCUMENT,
            detail=gettext("số, ký hiệu văn bản có dạng 118/2025/NĐ-CP"),
        )
    answer = transport.call(DOCUMENT, label=_label(), json={"SoKyHieu": number}, accept=(404,))
    if answer.status_code == 404:
        return None
    try:
        return _read(answer.json(), transport.message_id(answer))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ServiceUnavailable.of(
            _label(), service=DOCUMENT, detail=f"Câu trả lời không đọc được: {exc}"
        ) from exc


def _day(text: Any) -> date | None:
    return datetime.strptime(str(text), "%Y%m%d").date() if text else None


def _numbers(data: dict[str, Any], name: str) -> tuple[str, ...]:
    return tuple(str(n) for n in data.get(name) or [])


def _read(data: dict[str, Any], message_id: str) -> LegalDocument:
    return LegalDocument(
        number=str(data["SoKyHieu"]),
        kind=str(data.get("LoaiVanBan") or ""),
        issuer=str(data.get("CoQuanBanHanh") or ""),
        title=str(data.get("TrichYeu") or ""),
        summary=str(data.get("NoiDungChinh") or ""),
        signed_on=_day(data.get("NgayBanHanh")),
        effective_on=_day(data.get("NgayHieuLuc")),
        expired_on=_day(data.get("NgayHetHieuLuc")),
        status=str(data.get("TinhTrangHieuLuc") or ""),
        status_label=str(data.get("TenTinhTrangHieuLuc") or ""),
        replaces=_numbers(data, "ThayTheVanBan"),
        amends=_numbers(data, "SuaDoiBoSungVanBan"),
        replaced_by=_numbers(data, "BiThayTheBoi"),
        amended_by=_numbers(data, "BiSuaDoiBoSungBoi"),
        message_id=message_id,
    )
