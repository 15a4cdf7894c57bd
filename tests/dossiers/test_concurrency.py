"""Two officials act on the same dossier at the same moment, on two real database connections.

SQLite serialises writers (IMMEDIATE transactions) and so cannot show a race at all: these tests
run on PostgreSQL only, where the row lock of lifecycle._lock is what keeps the peace.
"""

import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.db import connection

from motcua.accounts.models import User
from motcua.core.models import OutboxEvent
from motcua.dossiers import codes, lifecycle
from motcua.dossiers.errors import TransitionNotAllowed
from motcua.dossiers.models import DailySequence, Dossier, Event, Status

from .conftest import Cast, local, official

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs two concurrent connections with row locks (PostgreSQL): SQLite serialises "
            "writers, so there is no race to observe. Run with DATABASE_URL=postgres://..."
        )


@pytest.fixture
def slow_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold the winner inside its transaction a little, so the other one surely queues."""
    issue = codes.next_code

    def slowly(agency: Any, received_at: datetime) -> str:
        code = issue(agency, received_at)
        time.sleep(0.3)
        return code

    monkeypatch.setattr(codes, "next_code", slowly)


def at_once(*calls: Callable[[], Dossier]) -> list[Dossier | Exception]:
    """Run each call in its own thread (so on its own connection), released by one barrier."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[Dossier | Exception] = [RuntimeError("did not run")] * len(calls)

    def run(index: int, call: Callable[[], Dossier]) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def submitted(cast: Cast, applicant: dict[str, Any]) -> Dossier:
    return lifecycle.submit_online(
        cast.lltp,
        applicant=applicant,
        form_data={"purpose": "Xin việc"},
        by=cast.lan,
        receiving_agency=cast.center,
    )


def test_two_officers_receive_the_same_dossier_at_once_and_exactly_one_wins(
    cast: Cast, lan_applicant: dict[str, Any], slow_codes: None
) -> None:
    giang: User = official("giang", "Lê Trường Giang", (cast.center, "officer"))
    dossier = submitted(cast, lan_applicant)
    at = local(2026, 3, 9, 10, 0)

    outcomes = at_once(
        lambda: lifecycle.receive(dossier, by=cast.ha, at=at),
        lambda: lifecycle.receive(dossier, by=giang, at=at),
    )

    wins = [o for o in outcomes if isinstance(o, Dossier)]
    losses = [o for o in outcomes if isinstance(o, Exception)]
    assert len(wins) == 1 and len(losses) == 1, outcomes
    assert isinstance(losses[0], TransitionNotAllowed)
    assert losses[0].message == (
        "Không thể tiếp nhận hồ sơ khi hồ sơ đang ở trạng thái «Được tiếp nhận»."
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    assert dossier.code == "000.00.01.H21-260309-0001"
    assert Event.objects.filter(dossier=dossier, action="receive").count() == 1
    assert OutboxEvent.objects.filter(topic="dossier.received").count() == 1
    # The loser never took a number: the day's counter says one.
    assert DailySequence.objects.get(agency=cast.center).last == 1


def test_two_dossiers_received_at_once_get_consecutive_codes(
    cast: Cast, lan_applicant: dict[str, Any]
) -> None:
    giang: User = official("giang", "Lê Trường Giang", (cast.center, "officer"))
    first, second = submitted(cast, lan_applicant), submitted(cast, lan_applicant)
    at = local(2026, 3, 9, 10, 0)

    outcomes = at_once(
        lambda: lifecycle.receive(first, by=cast.ha, at=at),
        lambda: lifecycle.receive(second, by=giang, at=at),
    )

    assert all(isinstance(o, Dossier) for o in outcomes), outcomes
    assert sorted(Dossier.objects.values_list("code", flat=True)) == [
        "000.00.01.H21-260309-0001",
        "000.00.01.H21-260309-0002",
    ]
