"""Outbox handlers of the LGSP: the national portal follows every change of a dossier's state.

At least once, retried by the outbox until the portal acknowledges (portal_sync.sync raises the
clients' errors otherwise); redelivery is harmless because each delivery sends the dossier's
current state under the same MaHoSo.
"""

from motcua.core import outbox

from . import portal_sync


@outbox.handler("dossier.status_changed")
def sync_national_portal(event: outbox.Event) -> None:
    portal_sync.sync(event.payload["reference"], key=event.key)
