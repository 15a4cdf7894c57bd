"""Which legal regime applies to a dossier, chosen by its reception date (DOMAIN.md §2)."""

from datetime import date, datetime

from django.utils import timezone

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
