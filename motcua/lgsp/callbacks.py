"""What national systems push to the province: VNPost tracking events (/lgsp/callback/vnpost/).

VNPost signs each event: header X-VNPost-Signature "sha256=" + HMAC-SHA256 of the raw body with
the shared secret VNPOST_WEBHOOK_SECRET. That signature is the only credential, which is why the
view is exempt from CSRF (no browser, no session, no cookie). An event is stored once per
waybill and state (VNPost retries until acknowledged), with an audit entry and an outbox event
("vnpost.tracking") in the same transaction, so the apps can react later without this view
knowing them.
"""

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.core import audit, outbox

from .models import VnpostEvent

SIGNATURE_HEADER = "X-VNPost-Signature"
TOPIC = "vnpost.tracking"
MAX_BODY = 64 * 1024
# The national systems' timestamps are local time (DOMAIN.md §9).
VN_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


class Refused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _answer(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse(
        {"code": code, "message": message, **extra},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def signature_ok(body: bytes, given: str) -> bool:
    secret = str(getattr(settings, "VNPOST_WEBHOOK_SECRET", "") or "")
    if not secret:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given.strip())


def parse_event(body: bytes) -> dict[str, Any]:
    """The event's fields, checked; Refused (400) naming the field otherwise."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Refused(
            400, "invalid_message", "Thông điệp không phải JSON hợp lệ (UTF-8)."
        ) from None
    if not isinstance(data, dict):
        raise Refused(400, "invalid_message", "Thông điệp phải là một đối tượng JSON.")

    def text(name: str, max_length: int, *, needed: bool = True) -> str:
        value = data.get(name)
        if value is None or str(value).strip() == "":
            if needed:
                raise Refused(400, "invalid_message", f"Thiếu trường bắt buộc: {name}.")
            return ""
        if not isinstance(value, str | int) or len(str(value)) > max_length:
            raise Refused(400, "invalid_message", f"Trường {name} không hợp lệ.")
        return str(value).strip()

    try:
        state = int(text("TrangThai", 3))
        service_text = text("ServiceType", 1, needed=False)
        service_type = int(service_text) if service_text else None
    except ValueError:
        raise Refused(400, "invalid_message", "TrangThai và ServiceType phải là số.") from None
    try:
        at = datetime.strptime(text("ThoiGian", 14), "%Y%m%d%H%M%S").replace(tzinfo=VN_TIME)
    except ValueError:
        raise Refused(400, "invalid_message", "ThoiGian phải có dạng yyyyMMddHHmmss.") from None
    return {
        "order_number": text("OrderNumber", 60),
        "item_code": text("ItemCode", 20),
        "service_type": service_type,
        "state": state,
        "state_text": text("TenTrangThai", 300),
        "place": text("DiaDiem", 200, needed=False),
        "at": at,
    }


def record_event(*, fields: dict[str, Any], body_sha256: str) -> tuple[VnpostEvent, bool]:
    """Store the event unless this waybill's state is already stored; (event, new)."""
    key = {k: fields[k] for k in ("order_number", "item_code", "state")}
    existing = VnpostEvent.objects.filter(**key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            event = VnpostEvent.objects.create(**fields, body_sha256=body_sha256)
            payload = {
                "order_number": event.order_number,
                "item_code": event.item_code,
                "service_type": event.service_type,
                "state": event.state,
                "state_text": event.state_text,
                "place": event.place,
                "at": event.at.isoformat(),
            }
            audit.record(None, "lgsp.vnpost_event", target=event, details=payload)
            outbox.emit(TOPIC, payload=payload, key=f"vnpost:{event.item_code}:{event.state}")
    except IntegrityError:
        # The same event delivered twice at the same moment: the other request stored it.
        return VnpostEvent.objects.get(**key), False
    return event, True


@csrf_exempt
@require_POST
def vnpost(request: HttpRequest) -> JsonResponse:
    body = request.body
    if len(body) > MAX_BODY:
        return _answer(413, "invalid_message", "Thông điệp quá lớn.")
    if not signature_ok(body, request.headers.get(SIGNATURE_HEADER, "")):
        return _answer(403, "forbidden", "Chữ ký của thông điệp không hợp lệ.")
    try:
        fields = parse_event(body)
    except Refused as exc:
        return _answer(exc.status, exc.code, exc.message)
    event, new = record_event(fields=fields, body_sha256=hashlib.sha256(body).hexdigest())
    message = "Đã nhận sự kiện." if new else "Sự kiện này đã được nhận trước đó."
    return _answer(200, "ok", message, duplicate=not new, id=event.pk)
