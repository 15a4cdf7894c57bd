"""The procedures people asked for most lately, shown on the home page.

Counted from the dossiers received in the last WINDOW_DAYS days, but only among the latest
SAMPLE_SIZE of them: the newest rows are found through the primary key, so the home page never
scans a province's years of history. A fresh deployment, or one with a quiet quarter, shows the
curated list instead: procedures that people need most in any province. The answer is cached for
CACHE_SECONDS, so the query runs a few times an hour per process, not once per visit.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier

WINDOW_DAYS = 90
SAMPLE_SIZE = 5000
SHOWN = 6
CACHE_SECONDS = 300
CACHE_KEY = "portal:popular-procedures:v1"

# National procedure codes (the national catalog's, the same in every province): birth and
# marriage registration, the judicial record certificate, certified copies, permanent residence,
# the driving licence exchange, the marital status certificate, a household business.
CURATED_CODES = (
    "1.001193",
    "1.000894",
    "2.001417",
    "2.000815",
    "1.004194",
    "1.013111",
    "1.004873",
    "2.000720",
)


@dataclass(frozen=True)
class PopularProcedure:
    code: str
    name: str
    # Dossiers received in the window; None for the curated list.
    received: int | None


def most_used(*, now: datetime | None = None) -> list[PopularProcedure]:
    cached: list[PopularProcedure] | None = cache.get(CACHE_KEY)
    if cached is None:
        cached = counted(now=now or timezone.now()) or curated()
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached


def counted(*, now: datetime) -> list[PopularProcedure]:
    since = now - timedelta(days=WINDOW_DAYS)
    latest = (
        Dossier.objects.filter(received_at__gte=since, received_at__lte=now)
        .order_by("-pk")
        .values("pk")[:SAMPLE_SIZE]
    )
    rows = (
        Dossier.objects.filter(pk__in=latest, procedure__is_published=True)
        .values("procedure__code", "procedure__name")
        .annotate(received=Count("pk"))
        .order_by("-received", "procedure__name")[:SHOWN]
    )
    return [
        PopularProcedure(r["procedure__code"], r["procedure__name"], r["received"]) for r in rows
    ]


def curated() -> list[PopularProcedure]:
    by_code = {p.code: p for p in Procedure.objects.published().filter(code__in=CURATED_CODES)}
    chosen = [by_code[code] for code in CURATED_CODES if code in by_code][:SHOWN]
    return [PopularProcedure(p.code, p.name, None) for p in chosen]
