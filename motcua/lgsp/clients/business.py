"""The national business registration database (CSDL quốc gia về đăng ký doanh nghiệp)."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext

from . import transport
from .errors import InvalidRequest, ServiceUnavailable

LOOKUP = "csdl-dkdn/doanh-nghiep"
# An enterprise code is the tax code: 10 digits, a branch adds "-" and 3 more (Decree 01/2021).
CODE = re.compile(r"[0-9]{10}(-[0-9]{3})?")


@dataclass(frozen=True)
class BusinessRecord:
    code: str
    name: str
    kind: str
    address: str
    representative: str
    representative_id: str
    registered_on: date | None
    status: str
    message_id: str


def _label() -> str:
    return gettext("Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp")


def lookup(code: str) -> BusinessRecord | None:
    """The registered enterprise with this code, or None when the registry has none."""
    code = code.strip()
    # The code goes into the URL path: anything but digits is refused before it is sent.
    if not CODE.fullmatch(code):
        raise InvalidRequest.of(
            _label(),
            service=LOOKUP,
            detail=gettext("mã số doanh nghiệp phải gồm 10 chữ số (chi nhánh: thêm -XXX)"),
        )
    answer = transport.call(LOOKUP, label=_label(), method="GET", rest=code, accept=(404,))
    if answer.status_code == 404:
        return None
    try:
        data = answer.json()
        registered = data.get("NgayDangKyLanDau") or ""
        return BusinessRecord(
            code=str(data["MaSoDoanhNghiep"]),
            name=str(data.get("TenDoanhNghiep") or ""),
            kind=str(data.get("LoaiHinh") or ""),
            address=str(data.get("DiaChiTruSo") or ""),
            representative=str(data.get("NguoiDaiDien") or ""),
            representative_id=str(data.get("SoDinhDanhNguoiDaiDien") or ""),
            registered_on=datetime.strptime(registered, "%Y%m%d").date() if registered else None,
            status=str(data.get("TinhTrang") or ""),
            message_id=transport.message_id(answer),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ServiceUnavailable.of(
            _label(), service=LOOKUP, detail=f"Câu trả lời không đọc được: {exc}"
        ) from exc
