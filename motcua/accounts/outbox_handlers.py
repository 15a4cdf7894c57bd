"""Outbox handlers of the accounts app: one-time codes leave by SMS (LGSP) or e-mail."""

from motcua.core import outbox

from . import otp


@outbox.handler(otp.TOPIC)
def send_one_time_code(event: outbox.Event) -> None:
    otp.deliver(int(event.payload["code_id"]), str(event.payload["sealed"]), key=event.key)
