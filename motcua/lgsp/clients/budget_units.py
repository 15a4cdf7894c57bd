"""The budget-unit code service (mã số đơn vị có quan hệ với ngân sách, Circular 185/2015/TT-BTC):
a unit by its 7-digit code, or units by name."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext

from . import transport
from .errors import InvalidRequest, ServiceUnavailable

LOOKUP = "dvqhns/don-vi"
SEARCH = "dvqhns/tim-kiem"
CODE = re.compile(r"[0-9]{7}")


@dataclass(frozen=True)
class BudgetUnit:
    code: str
    name: str
    kind: str
    parent_code: str
    authority: str
    address: str
    issued_on: date | None
    status: str
    note: str
    message_id: str


def _label() -> str:
    return gettext("Hệ thống mã số đơn vị có quan hệ với ngân sách")


def lookup(code: str) -> BudgetUnit | None:
    """The unit with this code, or None when the service has none."""
    code = code.strip()
    # The code goes into the URL path: anything but seven digits is refused before it is sent.
    if not CODE.fullmatch(code):
        raise InvalidRequest.of(
            _label(),
            service=LOOKUP,
            detail=gettext("mã số đơn vị có quan hệ với ngân sách phải gồm đúng 7 chữ số"),
        )
    answer = transport.call(LOOKUP, label=_label(), method="GET", rest=code, accept=(404,))
    if answer.status_code == 404:
        return None
    return _parse(answer, LOOKUP, lambda data: [data])[0]


def search(name: str) -> list[BudgetUnit]:
    """Units whose name contains `name` (accents optional)."""
    name = " ".join(name.split())
    if not 2 <= len(name) <= 200:
        raise InvalidRequest.of(
            _label(), service=SEARCH, detail=gettext("tên đơn vị cần từ 2 đến 200 ký tự")
        )
    answer = transport.call(SEARCH, label=_label(), json={"TenDonVi": name})
    return _parse(answer, SEARCH, lambda data: data["DanhSach"])


def _parse(answer: Any, service: str, items: Any) -> list[BudgetUnit]:
    try:
        message_id = transport.message_id(answer)
        return [_read(item, message_id) for item in items(answer.json())]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ServiceUnavailable.of(
            _label(), service=service, detail=f"Câu trả lời không đọc được: {exc}"
        ) from exc


def _read(data: dict[str, Any], message_id: str) -> BudgetUnit:
    issued = data.get("NgayCapMa") or ""
    return BudgetUnit(
        code=str(data["MaDonVi"]),
        name=str(data.get("TenDonVi") or ""),
        kind=str(data.get("LoaiDonVi") or ""),
        parent_code=str(data.get("MaDonViCapTren") or ""),
        authority=str(data.get("CoQuanChuQuan") or ""),
        address=str(data.get("DiaChi") or ""),
        issued_on=datetime.strptime(issued, "%Y%m%d").date() if issued else None,
        status=str(data.get("TinhTrang") or ""),
        note=str(data.get("GhiChu") or ""),
        message_id=message_id,
    )
