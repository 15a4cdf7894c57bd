"""Outbox handlers of the dossiers app: the legal slips, rendered and stored after commit.

The life cycle writes the event in its transaction (ARCHITECTURE.md rule 2) and never renders
there; the worker delivers the event here and `slips.ensure` stores the slip once, whatever the
number of deliveries (at-least-once delivery, idempotent by (dossier, slip, event)).

`request_supplement` emits "dossier.supplement_requested" both at reception and after it (the
event's action tells them apart), so one handler covers both supplement slips.
"""

from motcua.core import outbox

from . import slips
from .models import Dossier, Event, SlipKind


def _store(event: outbox.Event, kind: SlipKind) -> None:
    payload = event.payload
    dossier = Dossier.objects.get(reference=payload["reference"])
    recorded = Event.objects.get(pk=payload["event_id"], dossier=dossier)
    slips.ensure(dossier, kind, event=recorded)


@outbox.handler("dossier.received")
def store_receipt(event: outbox.Event) -> None:
    _store(event, SlipKind.RECEIPT)


@outbox.handler("dossier.refused")
def store_refusal(event: outbox.Event) -> None:
    _store(event, SlipKind.REFUSAL)


@outbox.handler("dossier.supplement_requested")
def store_supplement_request(event: outbox.Event) -> None:
    _store(event, SlipKind.SUPPLEMENT)


@outbox.handler("dossier.apologised")
def store_apology(event: outbox.Event) -> None:
    _store(event, SlipKind.APOLOGY)


@outbox.handler("dossier.returned")
def store_final_control_sheet(event: outbox.Event) -> None:
    # The sheet drawn up to the return: the whole story from reception to the applicant's hands.
    _store(event, SlipKind.CONTROL_SHEET)
