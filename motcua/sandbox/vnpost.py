"""Stand-in of VNPost's public postal service for procedures (Decision 45/2016/QĐ-TTg).

An order is keyed by the dossier code (OrderNumber) and the service: 1 collect the dossier from
the applicant, 2 bring the result back, 3 both. Resending the same order is the same order (same
ItemCode); a different one under the same key is refused. The stand-in moves an order one step
each SANDBOX_STEP_SECONDS, at once on `X-Sandbox-Advance: 1` or from its page (/vnpost/). The step
where the postman hands the dossier to the agency is the signed hand-over record (Art. 7), whose
time is the dossier's legal submission time. An order created with a CallbackUrl has each new
tracking state POSTed there, signed (webhooks.py).
"""

import hashlib
import hmac
import re
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from . import webhooks
from .http import BadRequest, answer, error, json_body, required
from .models import PostalCallback, PostalEvent, PostalOrder
from .registries import advance_asked, step_seconds

PHONE = re.compile(r"0[0-9]{9}")
DOSSIER_CODE = re.compile(r"[A-Za-z0-9.\-_]{4,60}")
# Tracking states (VNPost's own wording); the order walks the ones of its service.
STATES = {
    1: ("Đã tạo đơn, chờ bưu tá", "Bưu cục khai thác"),
    2: ("Bưu tá đã nhận hồ sơ của người gửi", "Địa chỉ người gửi"),
    3: ("Đang vận chuyển hồ sơ", "Bưu cục khai thác"),
    4: ("Đã giao hồ sơ cho cơ quan, ký biên bản giao nhận", "Bộ phận Một cửa"),
    5: ("Bưu tá đã nhận kết quả tại cơ quan", "Bộ phận Một cửa"),
    6: ("Đang phát kết quả", "Bưu cục phát"),
    7: ("Đã phát kết quả cho người nhận", "Địa chỉ người nhận"),
}
ROUTES = {1: (1, 2, 3, 4), 2: (1, 5, 6, 7), 3: (1, 2, 3, 4, 5, 6, 7)}
HANDOVER = 4
_CALLBACK = URLValidator(schemes=["http", "https"])


def _party(data: dict[str, Any], side: str) -> dict[str, str]:
    name, address, tel = required(data, f"{side}Name", f"{side}Address", f"{side}Tel")
    if not PHONE.fullmatch(tel):
        raise BadRequest(f"{side}Tel phải gồm 10 chữ số, bắt đầu bằng 0.")
    return {
        "Name": name,
        "Address": address,
        "Tel": tel,
        "Province": str(data.get(f"{side}Province") or "")[:10],
        "Email": str(data.get(f"{side}Email") or "")[:200],
    }


@require_POST
def create_order(request: HttpRequest) -> HttpResponse:
    try:
        data = json_body(request)
        customer, order_number, kind_text = required(
            data, "CustomerCode", "OrderNumber", "ServiceType"
        )
        if not DOSSIER_CODE.fullmatch(order_number):
            raise BadRequest("OrderNumber phải là mã hồ sơ (chữ, số, dấu chấm, gạch).")
        if kind_text not in ("1", "2", "3"):
            raise BadRequest("ServiceType phải là 1 (gửi hồ sơ), 2 (nhận kết quả) hoặc 3 (cả hai).")
        try:
            cod = int(data.get("CODAmount") or 0)
        except (TypeError, ValueError):
            cod = -1
        if not 0 <= cod <= 100_000_000:
            raise BadRequest("CODAmount phải là số tiền (đồng) từ 0 đến 100.000.000.")
        fields = {
            "customer_code": customer[:50],
            "cod_amount": cod,
            "sender": _party(data, "Sender"),
            "receiver": _party(data, "Receiver"),
            "description": str(data.get("Description") or "")[:500],
        }
        order = _create(order_number, int(kind_text), fields, callback=_callback(data))
    except BadRequest as exc:
        return error(exc)
    return answer({"Status": "00", "Message": "Tạo đơn thành công.", **_order(order)})


def _callback(data: dict[str, Any]) -> str:
    url = str(data.get("CallbackUrl") or "").strip()
    if not url:
        return ""
    try:
        if len(url) > 500:
            raise ValidationError("too long")
        _CALLBACK(url)
    except ValidationError:
        raise BadRequest(
            "CallbackUrl phải là một địa chỉ http(s) hợp lệ, dài tối đa 500 ký tự."
        ) from None
    return url


def _create(
    order_number: str, kind: int, fields: dict[str, Any], *, callback: str = ""
) -> PostalOrder:
    existing = PostalOrder.objects.filter(order_number=order_number, kind=kind).first()
    if existing is None:
        now = timezone.now()
        try:
            with transaction.atomic():
                existing = PostalOrder.objects.create(
                    order_number=order_number,
                    kind=kind,
                    item_code="",
                    created_at=now,
                    **fields,
                )
                # Domestic EMS-like waybill: two letters, 9 digits, VN.
                existing.item_code = f"EG{existing.pk:09d}VN"
                existing.save(update_fields=["item_code"])
                # The first state is reported too: the callback is known before it is made.
                if callback:
                    PostalCallback.objects.create(order=existing, url=callback)
                _event(existing, 1, now)
        except IntegrityError:
            existing = PostalOrder.objects.get(order_number=order_number, kind=kind)
    if any(getattr(existing, k) != v for k, v in fields.items()):
        raise BadRequest(
            f"Hồ sơ {order_number} đã có đơn {existing.item_code} với thông tin khác.",
            status=409,
            code="409",
        )
    return existing


@require_GET
def track(request: HttpRequest, item_code: str) -> HttpResponse:
    order = PostalOrder.objects.filter(item_code=item_code).first()
    if order is None:
        return error(BadRequest(f"Không có vận đơn {item_code}.", status=404, code="404"))
    if advance_asked(request):
        advance(order)
    else:
        catch_up(order)
    webhooks.deliver_due()
    return answer({"Status": "00", "Message": "", **_order(order)})


def catch_up(order: PostalOrder) -> None:
    if step_seconds() <= 0:
        return
    while True:
        last = order.events.order_by("-at", "-id").first()
        due = (last.at if last else order.created_at) + timedelta(seconds=step_seconds())
        if due > timezone.now() or not advance(order, at=due):
            return


def advance(order: PostalOrder, *, at: datetime | None = None) -> bool:
    route = ROUTES[order.kind]
    index = route.index(order.status)
    if index + 1 >= len(route):
        return False
    at = at or timezone.now()
    order.status = route[index + 1]
    if order.status == HANDOVER:
        order.handed_over_at = at
        order.handover_signature = _sign(order)
    # The state, its tracking event and its webhook delivery are one change.
    with transaction.atomic():
        order.save()
        _event(order, order.status, at)
    return True


def _sign(order: PostalOrder) -> str:
    # Stands for the postman's and the receiving officer's signatures on the hand-over record.
    assert order.handed_over_at is not None
    text = f"{order.item_code}|{order.order_number}|{_time(order.handed_over_at)}"
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def _event(order: PostalOrder, status: int, at: datetime) -> None:
    note, place = STATES[status]
    event = PostalEvent.objects.create(order=order, status=status, note=note, place=place, at=at)
    webhooks.enqueue(order, event)


def _time(at: datetime) -> str:
    return timezone.localtime(at).strftime("%Y%m%d%H%M%S")


def _order(order: PostalOrder) -> dict[str, Any]:
    handover = None
    if order.handed_over_at is not None:
        handover = {
            "ThoiDiemKy": _time(order.handed_over_at),
            "MaXacThuc": order.handover_signature,
        }
    return {
        "OrderNumber": order.order_number,
        "ServiceType": order.kind,
        "ItemCode": order.item_code,
        "CODAmount": order.cod_amount,
        **{f"Sender{k}": v for k, v in order.sender.items()},
        **{f"Receiver{k}": v for k, v in order.receiver.items()},
        "TrangThai": order.status,
        "TenTrangThai": STATES[order.status][0],
        "BienBanGiaoNhan": handover,
        "HanhTrinh": [
            {"TrangThai": e.status, "MoTa": e.note, "DiaDiem": e.place, "ThoiGian": _time(e.at)}
            for e in order.events.all()
        ],
    }


def page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        advance(get_object_or_404(PostalOrder, item_code=request.POST.get("item_code", "")))
        return redirect("sandbox-vnpost-page")
    orders = list(PostalOrder.objects.all()[:50])
    for order in orders:
        catch_up(order)
    webhooks.deliver_due()
    return render(request, "sandbox/vnpost.html", {"orders": orders, "states": STATES})
