"""Text messages through the SMS service reached over the LGSP (ARCHITECTURE.md, Notifications)."""

from django.utils.translation import gettext

from . import transport

SEND = "sms/gui-tin"


def _label() -> str:
    return gettext("Dịch vụ tin nhắn SMS")


def send(phone: str, text: str, *, request_id: str) -> str:
    """Send `text` to `phone`; return the LGSP message id of the exchange.

    `request_id` is the idempotency key (MaYeuCau): sending again with the same one (an outbox
    retry) is accepted once and delivered once by the SMS service.
    """
    answer = transport.call(
        SEND,
        label=_label(),
        json={"MaYeuCau": request_id, "SoDienThoai": phone, "NoiDung": text},
    )
    return transport.message_id(answer)
