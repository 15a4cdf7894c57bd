"""Outbox handlers of the notifications app: deadline alarms become officials' notices."""

from motcua.core import outbox

from . import notices


@outbox.handler("dossier.due_soon")
def notify_due_soon(event: outbox.Event) -> None:
    notices.deliver_alarm(event.topic, event.key, event.payload)


@outbox.handler("dossier.overdue")
def notify_overdue(event: outbox.Event) -> None:
    notices.deliver_alarm(event.topic, event.key, event.payload)


@outbox.handler("dossier.reception_late")
def notify_reception_late(event: outbox.Event) -> None:
    notices.deliver_alarm(event.topic, event.key, event.payload)
