"""Signals for work other apps do on the dossiers app's bulk writes.

`imported` is sent inside a history import's transaction, with `dossier_ids`: the dossiers it
created or changed, and `announce`: None, or a function to tell the person who ran it of long
work before starting it. An import writes no outbox events (DOMAIN.md §10), so an app that keeps
data derived from the dossiers' events (reports.aggregates) follows the import here instead. A
receiver may return a sentence for that person, in Vietnamese.
"""

from django.dispatch import Signal

imported = Signal()
