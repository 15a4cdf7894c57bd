"""The legal slips of a dossier as PDF (Circular 01/2018/TT-VPCP forms 01–05, DOMAIN.md §3).

    slips.available(dossier) -> list[SlipKind]           which slips the history allows
    slips.render(dossier, kind, *, event=None) -> bytes   the PDF, nothing stored
    slips.ensure(dossier, kind, *, event=None) -> Attachment
                                                          rendered once, stored, idempotent

Each slip records one history event: the receipt the `receive` event, the refusal `refuse`, a
supplement request its `request_supplement[_at_reception]` event, the apology `apologise`. The
control sheet is redrawn from the whole history, so it records the event it was drawn up to
(by default the dossier's last one): each stored sheet is the history as it stood then.

Rendering is slow next to a database write (tens of milliseconds), so it never runs inside a
life-cycle transaction: the outbox handlers (dossiers.outbox_handlers) call `ensure` after the
change has committed, and a download view may call it on first request.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from motcua.core import audit
from motcua.core.errors import DomainError

from ..lifecycle import Action
from ..models import Attachment, Dossier, Event, SlipKind
from . import forms

__all__ = ["SlipNotAvailable", "available", "ensure", "render"]


class SlipNotAvailable(DomainError):
    """The dossier's history has no event for that slip (no receipt before reception ...)."""

    code = "slip_not_available"
    status = 409
    message = "Hồ sơ chưa có phiếu này."


# The history events each slip can record (the control sheet: any event after reception).
RECORDS: dict[SlipKind, tuple[str, ...]] = {
    SlipKind.RECEIPT: (Action.RECEIVE,),
    SlipKind.REFUSAL: (Action.REFUSE,),
    SlipKind.SUPPLEMENT: (Action.REQUEST_SUPPLEMENT, Action.REQUEST_SUPPLEMENT_AT_RECEPTION),
    SlipKind.APOLOGY: (Action.APOLOGISE,),
}

MISSING = {
    SlipKind.RECEIPT: "chưa được tiếp nhận nên chưa có giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    SlipKind.CONTROL_SHEET: (
        "chưa được tiếp nhận nên chưa có phiếu kiểm soát quá trình giải quyết hồ sơ"
    ),
    SlipKind.SUPPLEMENT: "chưa có yêu cầu bổ sung, hoàn thiện hồ sơ nào",
    SlipKind.REFUSAL: "không bị từ chối tiếp nhận nên không có phiếu từ chối",
    SlipKind.APOLOGY: "chưa có phiếu xin lỗi và hẹn lại ngày trả kết quả",
}


def available(dossier: Dossier) -> list[SlipKind]:
    """The slips this dossier's history allows, in the order of the forms."""
    actions = set(Event.objects.filter(dossier=dossier).values_list("action", flat=True))
    received = Action.RECEIVE in actions
    return [
        kind
        for kind in SlipKind
        if (received if kind == SlipKind.CONTROL_SHEET else actions & set(RECORDS[kind]))
    ]


def render(dossier: Dossier, kind: SlipKind | str, *, event: Event | None = None) -> bytes:
    """The slip as PDF bytes, drawn from the dossier as it is now in the database."""
    kind = SlipKind(kind)
    dossier = _fresh(dossier)
    chosen = _event_for(dossier, kind, event)
    return forms.draw(forms.Context(dossier=dossier, event=chosen, kind=kind))


def ensure(dossier: Dossier, kind: SlipKind | str, *, event: Event | None = None) -> Attachment:
    """The stored slip for (dossier, kind, event), rendering and storing it the first time.

    Idempotent: a worker retrying an outbox event, or two clicks on "print", store one file.
    Two processes racing both render; the database's unique constraint lets one row in, and
    the loser removes its file and returns the winner's row.
    """
    kind = SlipKind(kind)
    dossier = _fresh(dossier)
    chosen = _event_for(dossier, kind, event)
    stored = _stored(dossier, kind, chosen)
    if stored is not None:
        return stored

    data = forms.draw(forms.Context(dossier=dossier, event=chosen, kind=kind))
    attachment = Attachment(
        dossier=dossier,
        kind=Attachment.Kind.SLIP,
        slip=kind,
        event=chosen,
        title=f"{kind.label} {dossier.display_code}.pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    # The file is written before the row, outside the transaction: on SQLite the transaction
    # holds the database's write lock, which file I/O must not prolong. A crash in between
    # leaves an orphan file and no row; the next call renders and stores again.
    attachment.file.save(f"{kind.value}-{chosen.pk}.pdf", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            attachment.save()
            audit.record(
                None,
                "dossier.slip_stored",
                target=dossier,
                details={
                    "slip": kind.value,
                    "event_id": chosen.pk,
                    "attachment_id": attachment.pk,
                    "sha256": attachment.sha256,
                },
            )
    except IntegrityError:
        attachment.file.storage.delete(attachment.file.name)
        winner = _stored(dossier, kind, chosen)
        if winner is None:
            raise
        return winner
    return attachment


def _fresh(dossier: Dossier) -> Dossier:
    # Callers often hold an instance from before the last action (lifecycle functions return a
    # new one); the slip must show the dossier as it is.
    return Dossier.objects.select_related(
        "procedure", "receiving_agency__unit", "receiving_agency__parent", "current_agency"
    ).get(pk=dossier.pk)


def _stored(dossier: Dossier, kind: SlipKind, event: Event) -> Attachment | None:
    return Attachment.objects.filter(
        dossier=dossier, kind=Attachment.Kind.SLIP, slip=kind, event=event
    ).first()


def _event_for(dossier: Dossier, kind: SlipKind, event: Event | None) -> Event:
    events = Event.objects.filter(dossier=dossier).select_related(
        "actor", "agency__unit", "agency__parent"
    )
    received = events.filter(action=Action.RECEIVE).exists()
    if kind == SlipKind.CONTROL_SHEET and not received:
        raise _missing(dossier, kind)
    if event is not None:
        chosen = events.filter(pk=event.pk).first()
        if chosen is None or (kind in RECORDS and chosen.action not in RECORDS[kind]):
            raise SlipNotAvailable(
                f"Sự kiện đã chọn không thuộc hồ sơ {dossier.display_code} hoặc không ghi nhận "
                f"{kind.label.lower()}.",
                slip=kind.value,
            )
        return chosen
    if kind in RECORDS:
        events = events.filter(action__in=RECORDS[kind])
    latest = events.order_by("-at", "-id").first()
    if latest is None:
        raise _missing(dossier, kind)
    return latest


def _missing(dossier: Dossier, kind: SlipKind) -> SlipNotAvailable:
    return SlipNotAvailable(f"Hồ sơ {dossier.display_code} {MISSING[kind]}.", slip=kind.value)
