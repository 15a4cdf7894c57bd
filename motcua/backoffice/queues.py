"""The officials' work queues: which dossiers wait for this person, tab by tab.

Each tab is one condition (a Q) over the dossiers, built from the agencies where the user holds
the capability the tab's work needs (org.access.agencies_with). All tabs are counted in ONE
query (conditional aggregates), and a page of a tab is one more query with its relations joined,
so the queue costs the same with 5 dossiers as with 50,000.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.accounts.models import User
from motcua.catalog.models import Step
from motcua.core import calendar
from motcua.dossiers.models import Channel, Dossier, DossierQuerySet, Status
from motcua.org.access import agencies_with

PAGE_SIZE = 20

# States in which the legal clock runs: nothing else can fall due (the clock stops while a
# supplement is awaited, and ends when the result is ready).
CLOCK_RUNS = (Status.RECEIVED, Status.PROCESSING, Status.AWAITING_PAYMENT)


@dataclass(frozen=True)
class Tab:
    key: str
    label: str | Promise


TABS: tuple[Tab, ...] = (
    Tab("cho-tiep-nhan", _("Chờ tiếp nhận")),
    Tab("can-xu-ly", _("Cần xử lý")),
    Tab("cho-phe-duyet", _("Chờ phê duyệt")),
    Tab("sap-den-han", _("Sắp đến hạn")),
    Tab("qua-han", _("Quá hạn")),
    Tab("cho-bo-sung", _("Chờ công dân bổ sung")),
    Tab("da-co-ket-qua", _("Đã có kết quả")),
)
TAB_KEYS = tuple(tab.key for tab in TABS)


def due_soon_limit(now: datetime) -> datetime:
    """ "Within one working day": the end of office hours of the next working day."""
    return calendar.due_at(now, 1, "working_days").due_at


def tab_conditions(user: User, now: datetime) -> dict[str, Q]:
    """The condition of every tab for `user` at `now`."""
    receive = agencies_with(user, "dossier.receive")
    view = agencies_with(user, "dossier.view")
    assign = agencies_with(user, "dossier.assign")
    approve = agencies_with(user, "dossier.approve")
    give_back = agencies_with(user, "dossier.return_result")
    awaiting_approval = Q(
        status=Status.PROCESSING, current_step__kind=Step.Kind.APPROVE, decision=""
    )
    running = Q(status__in=CLOCK_RUNS, current_agency__in=view)
    return {
        "cho-tiep-nhan": Q(status=Status.SUBMITTED, receiving_agency__in=receive),
        # Mine, or nobody's yet at an agency where I give out the work; a dossier waiting for
        # the leader's signature is in the next tab, not here.
        "can-xu-ly": Q(status__in=(Status.RECEIVED, Status.PROCESSING))
        & (Q(assignee_id=user.pk) | Q(assignee__isnull=True, current_agency__in=assign))
        & ~awaiting_approval,
        "cho-phe-duyet": awaiting_approval & Q(current_agency__in=approve),
        "sap-den-han": running & Q(due_at__gte=now, due_at__lte=due_soon_limit(now)),
        "qua-han": running & Q(due_at__lt=now),
        "cho-bo-sung": Q(status=Status.AWAITING_SUPPLEMENT)
        & (Q(current_agency__in=view) | Q(receiving_agency__in=receive)),
        "da-co-ket-qua": Q(status=Status.RESULT_READY, receiving_agency__in=give_back),
    }


def counts(conditions: dict[str, Q]) -> dict[str, int]:
    any_tab = Q()
    for condition in conditions.values():
        any_tab |= condition
    totals = Dossier.objects.filter(any_tab).aggregate(
        **{_alias(key): Count("pk", filter=condition) for key, condition in conditions.items()}
    )
    return {key: totals[_alias(key)] or 0 for key in conditions}


def _alias(key: str) -> str:
    return "n_" + key.replace("-", "_")


def rows(conditions: dict[str, Q], key: str) -> DossierQuerySet:
    """The dossiers of one tab, in the order the work should be done."""
    dossiers = Dossier.objects.filter(conditions[key]).select_related(
        "procedure", "current_agency", "receiving_agency", "assignee", "current_step"
    )
    if key == "cho-tiep-nhan":
        # Online dossiers first: the province's own complaint is that they wait too long.
        online_first = Case(
            When(channel=Channel.ONLINE, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return dossiers.order_by(online_first, "submitted_at", "pk")
    if key == "da-co-ket-qua":
        return dossiers.order_by("finished_at", "pk")
    if key == "cho-bo-sung":
        return dossiers.order_by("updated_at", "pk")
    return dossiers.order_by(F("due_at").asc(nulls_last=True), "pk")


# --- What a row says about time ------------------------------------------------------------


def reception_wait(dossier: Dossier, now: datetime) -> timedelta:
    """Office time an online dossier has waited since submission (the province's target)."""
    if dossier.submitted_at is None:
        return timedelta(0)
    return calendar.working_time_between(dossier.submitted_at, now)


def is_reception_late(dossier: Dossier, now: datetime) -> bool:
    target = timedelta(hours=settings.RECEPTION_TARGET_WORKING_HOURS)
    return dossier.channel == Channel.ONLINE and reception_wait(dossier, now) > target


def channel_label(dossier: Dossier) -> str:
    # DOMAIN.md §3: assisted submission is channel 2 with the helper recorded.
    if dossier.channel == Channel.ONLINE and dossier.submitted_by_id is not None:
        return str(_("Trực tuyến (hỗ trợ)"))
    return Channel(dossier.channel).label


def office_duration(amount: timedelta) -> str:
    """'5 giờ 30 phút' of office time; whole days are not used, their length varies."""
    minutes = int(amount.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return ngettext("%(h)d giờ %(m)d phút", "%(h)d giờ %(m)d phút", hours) % {
            "h": hours,
            "m": minutes,
        }
    if hours:
        return ngettext("%(h)d giờ", "%(h)d giờ", hours) % {"h": hours}
    return ngettext("%(m)d phút", "%(m)d phút", minutes) % {"m": minutes}


@dataclass(frozen=True)
class Row:
    dossier: Dossier
    channel: str
    waited: str
    late_reception: bool
    remaining: str
    overdue: bool


def describe(dossier: Dossier, now: datetime) -> Row:
    waited = ""
    late = False
    if dossier.status == Status.SUBMITTED:
        waited = office_duration(reception_wait(dossier, now))
        late = is_reception_late(dossier, now)
    remaining = ""
    overdue = False
    if dossier.due_at is not None and dossier.status in CLOCK_RUNS:
        if dossier.due_at >= now:
            remaining = office_duration(calendar.working_time_between(now, dossier.due_at))
        else:
            overdue = True
            remaining = office_duration(calendar.working_time_between(dossier.due_at, now))
    return Row(
        dossier=dossier,
        channel=channel_label(dossier),
        waited=waited,
        late_reception=late,
        remaining=remaining,
        overdue=overdue,
    )
