"""Outbox handlers of the reports app: the daily aggregates follow every change of state.

"dossier.status_changed" is emitted with every state change (dossiers.lifecycle._move), which is
also when the counted dates change: reception, end of processing, return, a supplement restart
of the due date. The handler reads the dossier as it is now, not the payload, so redelivered,
late or reordered events all leave the aggregates equal to the dossier (reports.aggregates).
"dossier.rated" (a citizen's rating, Decision 766's 5.4) refreshes the same way.
"""

from motcua.core import outbox
from motcua.dossiers.models import Dossier

from . import aggregates


@outbox.handler("dossier.status_changed")
@outbox.handler("dossier.rated")
def update_aggregates(event: outbox.Event) -> None:
    pk = Dossier.objects.filter(reference=event.payload["reference"]).values_list("pk", flat=True)
    for dossier_id in pk[:1]:
        aggregates.refresh_dossier(dossier_id)
