"""The demo's dossiers (DEMO.md): a year that looks like a real province, and live queues."""

import io
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from pytest_django.fixtures import Settings

from motcua.core import calendar
from motcua.dossiers import codes
from motcua.dossiers.models import Channel, DailySequence, Dossier, Event, Status
from motcua.dossiers.timeliness import Timeliness, is_overdue, verdict
from motcua.org.models import Agency
from motcua.org.units import load_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_demo(settings: Settings) -> Callable[[], str]:
    """`seed-demo` as `make demo` runs it (DEBUG on), over Gia Lai's units."""
    settings.DEBUG = True
    load_units(province="52")

    def run() -> str:
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def seeded(seed_demo: Callable[[], str], settings: Settings) -> str:
    settings.DEMO_DOSSIERS = 500
    return seed_demo()


def history() -> list[Dossier]:
    return list(
        Dossier.objects.filter(status__in=[Status.RETURNED, Status.REFUSED, Status.WITHDRAWN])
        .select_related("procedure")
        .prefetch_related("events")
    )


def test_the_year_looks_like_a_real_province(seeded: str) -> None:
    year = history()
    assert len(year) >= 500
    assert "hồ sơ đã giải quyết trong năm qua" in seeded

    channels = Counter(d.channel for d in year)
    online = channels[Channel.ONLINE] / len(year)
    assert 0.45 <= online <= 0.65, channels  # DEMO.md: an online ratio in the 50–60% range
    assert channels[Channel.DESK] and channels[Channel.POSTAL]

    returned = [d for d in year if d.status == Status.RETURNED]
    verdicts = Counter(verdict(d) for d in returned)
    assert verdicts[Timeliness.LATE] >= 1
    assert (verdicts[Timeliness.EARLY] + verdicts[Timeliness.ON_TIME]) / len(returned) > 0.95

    now = timezone.now()
    # Online dossiers may have been submitted a few days before the first reception.
    first = timezone.localdate(now) - timedelta(days=365 + 3)
    for dossier in year:
        assert dossier.submitted_at is not None
        assert first <= timezone.localdate(dossier.submitted_at)
        assert dossier.returned_at is None or dossier.returned_at <= now
        if dossier.received_at is not None:
            # The code carries the local day of reception (Circular 01/2018 Art. 19).
            day = timezone.localdate(dossier.received_at)
            assert dossier.code is not None
            assert dossier.code.startswith(f"{dossier.receiving_agency.code}-{day:%y%m%d}-")


def test_each_history_tells_its_story_in_order(seeded: str) -> None:
    for dossier in history():
        events = list(dossier.events.all())
        assert events[0].action == "submit"
        assert [e.at for e in events] == sorted(e.at for e in events)
        last = {Status.RETURNED: "return_result", Status.REFUSED: "refuse"}
        assert events[-1].action == last.get(dossier.status, "withdraw")
        assert events[-1].to_status == dossier.status
        if dossier.apology_due_at is not None:
            apology = next(e for e in events if e.action == "apologise")
            due_day = timezone.localdate(dossier.due_at)
            assert timezone.localdate(apology.at) < due_day
        if dossier.supplement_requests:
            pause = dossier.pauses.get()
            assert pause.ended_at is not None
            # The limit restarted from the supplement's arrival (Decree 61 Art. 19.4).
            assert (
                dossier.due_at
                == calendar.due_at(
                    pause.ended_at, dossier.procedure.time_limit, dossier.procedure.time_limit_unit
                ).due_at
            )


def test_later_receptions_continue_each_agencys_daily_numbering(seeded: str) -> None:
    dossier = Dossier.objects.filter(code__isnull=False).order_by("received_at").first()
    assert dossier is not None and dossier.received_at is not None
    day = timezone.localdate(dossier.received_at)
    used = Dossier.objects.filter(code__startswith=f"{dossier.receiving_agency.code}-{day:%y%m%d}")
    assert DailySequence.objects.get(agency=dossier.receiving_agency, day=day).last == used.count()

    fresh = codes.next_code(dossier.receiving_agency, dossier.received_at)

    assert not Dossier.objects.filter(code=fresh).exists()


def test_the_present_fills_every_queue_of_the_demo_officials(seeded: str) -> None:
    center = Agency.objects.get(code="000.00.01.H21")
    now = timezone.now()
    live = Dossier.objects.exclude(
        status__in=[Status.RETURNED, Status.REFUSED, Status.WITHDRAWN]
    ).select_related("current_step", "current_agency")
    waiting = live.filter(status=Status.SUBMITTED, receiving_agency=center)
    assert waiting.count() == 4
    assert waiting.filter(submitted_by__username="buudien.hotro").count() == 1
    assert live.filter(status=Status.SUBMITTED, receiving_agency__code="116.00.90.H21").exists()
    assert live.filter(status=Status.RESULT_READY, current_agency=center).count() == 1
    assert live.filter(status=Status.AWAITING_SUPPLEMENT).count() == 1
    assert any(is_overdue(d, now) for d in live)
    agencies = {d.current_agency.code for d in live if d.status == Status.PROCESSING}
    # The inter-agency hops of the judicial record and of the construction permit.
    assert {"000.00.02.H21", "000.00.12.H21", "000.00.05.H21"} <= agencies
    assert any(
        d.current_step is not None and d.current_step.kind == "approve"
        for d in live
        if d.current_agency.code == "000.00.02.H21"
    )
    refused = Event.objects.filter(action="refuse", dossier__events__actor__isnull=False)
    assert refused.exists()


def test_seeding_twice_keeps_the_dossiers_as_they_are(
    seeded: str, seed_demo: Callable[[], str]
) -> None:
    before = (Dossier.objects.count(), Event.objects.count())

    output = seed_demo()

    assert "đã có dữ liệu trình diễn, giữ nguyên" in output
    assert (Dossier.objects.count(), Event.objects.count()) == before
