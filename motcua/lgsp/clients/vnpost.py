"""VNPost's public postal service for procedures (Decision 45/2016/QĐ-TTg): orders and tracking.

An order is keyed by the dossier code (OrderNumber) and the service (collect the dossier, bring
the result back, or both); creating it again gives back the same waybill (ItemCode). The signed
hand-over record's time is the legal submission time of a dossier sent by post (Art. 7).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext

from . import transport
from .errors import InvalidRequest, ServiceUnavailable

CREATE = "vnpost/tao-don"
TRACK = "vnpost/hanh-trinh"
SEND, RETURN, BOTH = 1, 2, 3

# The national systems' timestamps are local time (DOMAIN.md §9).
VN_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Party:
    name: str
    address: str
    phone: str
    province: str = ""  # VNPost's own province code (not the GSO code)
    email: str = ""


@dataclass(frozen=True)
class TrackingEvent:
    status: int
    description: str
    place: str
    at: datetime


@dataclass(frozen=True)
class PostalOrder:
    order_number: str
    service: int
    item_code: str
    cod_amount: int
    sender: Party
    receiver: Party
    status: int
    status_label: str
    handed_over_at: datetime | None  # the signed hand-over record, once there is one
    handover_signature: str
    events: tuple[TrackingEvent, ...]
    message_id: str


def _label() -> str:
    return gettext("Dịch vụ bưu chính công ích (VNPost)")


def create_order(
    dossier_code: str,
    *,
    service: int,
    customer_code: str,
    sender: Party,
    receiver: Party,
    cod_amount: int = 0,
    description: str = "",
    callback_url: str = "",
) -> PostalOrder:
    """Create (or find again) the order; with `callback_url`, VNPost POSTs each new tracking
    state there, signed (our receiver: /lgsp/callback/vnpost/, lgsp/callbacks.py)."""
    if service not in (SEND, RETURN, BOTH):
        raise ValueError(service)
    if cod_amount < 0:
        raise InvalidRequest.of(
            _label(), service=CREATE, detail=gettext("số tiền thu hộ không được âm")
        )
    body: dict[str, Any] = {
        "CustomerCode": customer_code,
        "OrderNumber": dossier_code,
        "ServiceType": service,
        "CODAmount": cod_amount,
        "Description": description,
    }
    if callback_url:
        body["CallbackUrl"] = callback_url
    for side, party in (("Sender", sender), ("Receiver", receiver)):
        body |= {
            f"{side}Name": party.name,
            f"{side}Address": party.address,
            f"{side}Tel": party.phone,
            f"{side}Province": party.province,
            f"{side}Email": party.email,
        }
    return _read(transport.call(CREATE, label=_label(), json=body), CREATE)


def track(item_code: str) -> PostalOrder | None:
    """The order with this waybill and its journey so far, or None if VNPost has none."""
    if not (item_code.isascii() and item_code.isalnum() and len(item_code) == 13):
        raise InvalidRequest.of(
            _label(), service=TRACK, detail=gettext("mã vận đơn phải gồm 13 chữ và số")
        )
    answer = transport.call(TRACK, label=_label(), method="GET", rest=item_code, accept=(404,))
    if answer.status_code == 404:
        return None
    return _read(answer, TRACK)


def _when(text: Any) -> datetime:
    return datetime.strptime(str(text), "%Y%m%d%H%M%S").replace(tzinfo=VN_TIME)


def _party(data: dict[str, Any], side: str) -> Party:
    return Party(
        name=str(data.get(f"{side}Name") or ""),
        address=str(data.get(f"{side}Address") or ""),
        phone=str(data.get(f"{side}Tel") or ""),
        province=str(data.get(f"{side}Province") or ""),
        email=str(data.get(f"{side}Email") or ""),
    )


def _read(answer: Any, service: str) -> PostalOrder:
    try:
        data = answer.json()
        handover = data.get("BienBanGiaoNhan") or {}
        return PostalOrder(
            order_number=str(data["OrderNumber"]),
            service=int(data["ServiceType"]),
            item_code=str(data["ItemCode"]),
            cod_amount=int(data.get("CODAmount") or 0),
            sender=_party(data, "Sender"),
            receiver=_party(data, "Receiver"),
            status=int(data["TrangThai"]),
            status_label=str(data.get("TenTrangThai") or ""),
            handed_over_at=_when(handover["ThoiDiemKy"]) if handover else None,
            handover_signature=str(handover.get("MaXacThuc") or ""),
            events=tuple(
                TrackingEvent(
                    int(e["TrangThai"]), str(e["MoTa"]), str(e["DiaDiem"]), _when(e["ThoiGian"])
                )
                for e in data.get("HanhTrinh") or []
            ),
            message_id=transport.message_id(answer),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ServiceUnavailable.of(
            _label(), service=service, detail=f"Câu trả lời không đọc được: {exc}"
        ) from exc
