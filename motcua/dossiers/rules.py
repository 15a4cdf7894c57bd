"""What is in force for a dossier from its reception: the legal regime (by the reception date,
DOMAIN.md §2) and the procedure as it stood then."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from motcua.catalog.models import Procedure
from motcua.org.models import Agency

from .models import RuleSet

# (first day in force, rule set), newest last. Decree 118/2025 replaced Decree 61/2018 on
# 1 July 2025; a dossier keeps the regime of its reception day for its whole life.
RULE_SETS: list[tuple[date, RuleSet]] = [
    (date(2018, 6, 21), RuleSet.ND61_2018),
    (date(2025, 7, 1), RuleSet.ND118_2025),
]


def rule_set_on(instant: datetime) -> RuleSet:
    day = timezone.localtime(instant).date()
    chosen = RULE_SETS[0][1]
    for valid_from, rule_set in RULE_SETS:
        if day >= valid_from:
            chosen = rule_set
    return chosen


def procedure_snapshot(procedure: Procedure, *, fee: int, implementing: Agency) -> dict[str, Any]:
    """What the procedure said when the dossier was received: reports read its level, class and
    provider from here, never from today's catalog (DOMAIN.md §2, §8)."""
    return {
        "code": procedure.code,
        "name": procedure.name,
        "legacy_level": procedure.legacy_level,
        "online_class": procedure.online_class,
        "online_provider": procedure.online_provider,
        "time_limit": procedure.time_limit,
        "time_limit_unit": procedure.time_limit_unit,
        "fee": fee,
        "implementing_agency": implementing.code,
    }
