"""Report aggregates: one fact row per counted dossier and daily counts built from the facts.

Both are derived data: `motcua report rebuild` recomputes them from the dossiers at any time,
and `reports.outbox_handlers` keeps them current between rebuilds (reports.aggregates says how).
"""

from django.db import models

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency


class Verdict(models.TextChoices):
    # Empty while unfinished; "unjudged": finished without a due date or a limit to judge by.
    NONE = "", "Chưa kết thúc"
    EARLY = "early", "Trước hạn"
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Quá hạn"
    UNJUDGED = "unjudged", "Không xác định được hạn"


# The dimensions a count row is kept by, and the facts' reception index carries.
KEY = [
    "receiving_agency",
    "procedure",
    "channel",
    "legacy_level",
    "online_class",
    "online_provider",
]


class DossierFact(models.Model):
    """What the reports need of one counted dossier (received, not an inter-agency copy).

    The level, class and provider are those in force at reception (DOMAIN.md §8), resolved once
    here from the snapshot (or today's catalog when the snapshot lacks them). `span_bucket`
    bounds how long the dossier was open, so "open at instant T" is a few bounded index range
    scans instead of a scan of every dossier received before T (reports.aggregates.open_at).
    """

    dossier = models.OneToOneField(
        Dossier, primary_key=True, on_delete=models.CASCADE, related_name="report_fact"
    )
    # No index of their own: given one, SQLite read an agency's facts through it (all of its
    # years) for "open at T", 0.6 s a query at a million dossiers, instead of the few bounded
    # ranges of the open index below. Every read of the facts is bounded in time: a scope is a
    # filter on those ranges, so an agency's figures cost at most the province's.
    receiving_agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    channel = models.PositiveSmallIntegerField()
    # 0 / "" when unknown: never NULL, so the unique key below holds on both engines.
    legacy_level = models.PositiveSmallIntegerField(default=0)
    online_class = models.CharField(max_length=20, blank=True)
    online_provider = models.CharField(max_length=20, blank=True)
    received_at = models.DateTimeField()
    # End of processing when the dossier is in a finished state (timeliness.end_of_processing).
    ended_at = models.DateTimeField(null=True)
    returned_at = models.DateTimeField(null=True)
    verdict = models.CharField(max_length=10, choices=Verdict.choices, blank=True)
    stopped = models.BooleanField(default=False)
    span_bucket = models.PositiveSmallIntegerField()
    # Overdue at instant `at` while open iff `always_overdue` or `overdue_after < at`; NULL and
    # not always: never overdue (no due date, or judged inside a pause that began in time).
    overdue_after = models.DateTimeField(null=True)
    always_overdue = models.BooleanField(default=False)
    # Imported while awaiting a supplement: counts as awaiting at every period end (indicators).
    imported_awaiting = models.BooleanField(default=False)
    # Decision 766 (reports.decision766): granted a result, with an electronic result file, with
    # a digitised component, with a component replaced by national data, rated 1 or 2 of 5.
    granted = models.BooleanField(default=False)
    e_result = models.BooleanField(default=False)
    digitised = models.BooleanField(default=False)
    reused = models.BooleanField(default=False)
    disliked = models.BooleanField(default=False)

    class Meta:
        indexes = [
            # open_at(T): per bucket, received in [T - span, T), then ended >= T.
            models.Index(
                fields=["span_bucket", "received_at", "ended_at"], name="report_fact_open_idx"
            ),
            # The drill-downs: a period's received or finished facts, counted and listed by
            # reception from the index alone (the scope and the online-ratio columns in it):
            # reading each fact's row cost a second a year at a million dossiers.
            models.Index(
                fields=["received_at", "dossier", *KEY],
                name="report_fact_received_idx",
            ),
            # The same for the finished ones, and Decision 766's 5.4 dislikes among them.
            models.Index(
                fields=[
                    "verdict",
                    "ended_at",
                    "received_at",
                    "dossier",
                    "receiving_agency",
                    "procedure",
                    "disliked",
                ],
                name="report_fact_ended_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"fact {self.dossier_id}"


class Counts(models.Model):
    """Counts per period × receiving agency × procedure × channel × level, class and provider at
    reception. A dossier adds `received` in its reception's period, one of the `finished_*` (and
    `stopped`) in the period processing ended, `returned` in its return's."""

    receiving_agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+")
    channel = models.PositiveSmallIntegerField()
    # 0 / "" when unknown: never NULL, so the unique keys below hold on both engines.
    legacy_level = models.PositiveSmallIntegerField(default=0)
    online_class = models.CharField(max_length=20, blank=True)
    online_provider = models.CharField(max_length=20, blank=True)
    received = models.IntegerField(default=0)
    finished_early = models.IntegerField(default=0)
    finished_on_time = models.IntegerField(default=0)
    finished_late = models.IntegerField(default=0)
    finished_unjudged = models.IntegerField(default=0)
    stopped = models.IntegerField(default=0)
    returned = models.IntegerField(default=0)
    # Decision 766, by the day of reception: 3.3 online with its electronic result where granted,
    # 4.2 digitised with it, 4.3 a paper replaced by national data; by the end of processing:
    # 4.1 granted, and granted with an electronic result.
    received_766_3_3 = models.IntegerField(default=0)
    received_766_4_2 = models.IntegerField(default=0)
    received_766_4_3 = models.IntegerField(default=0)
    finished_granted = models.IntegerField(default=0)
    finished_granted_e = models.IntegerField(default=0)

    class Meta:
        abstract = True


class DailyCount(Counts):
    """Counts per local day (Asia/Ho_Chi_Minh): the edges of a period that are not whole months."""

    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", *KEY], name="report_daily_unique")]
        # Every report filters a period of days first, then a scope.
        indexes = [models.Index(fields=["day", "receiving_agency"], name="report_daily_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.receiving_agency_id} {self.procedure_id}"


class MonthlyCount(Counts):
    """The same counts per local month (`month` is its first day), summed from DailyCount: a
    year's report reads twelve months of rows, not 365 days of them."""

    month = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", *KEY], name="report_monthly_unique")
        ]
        indexes = [
            models.Index(fields=["month", "receiving_agency"], name="report_monthly_month_idx")
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.receiving_agency_id} {self.procedure_id}"


class AggregateState(models.Model):
    """One row, written by a full rebuild: from then on the indicators answer from aggregates
    (reports.aggregates.ready). `watermark` is the highest dossier id the rebuild saw: an
    imported dossier above it was written after, without events, so the aggregates miss it,
    unless its import followed it (aggregates.follow_import moves the watermark past it)."""

    built_at = models.DateTimeField()
    watermark = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"aggregates built {self.built_at:%d/%m/%Y %H:%M}"


# The admin's targets live in their own module, beside the aggregates' models.
from .targets import Target  # noqa: E402, F401
