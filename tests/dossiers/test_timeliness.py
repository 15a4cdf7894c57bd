"""The verdict rule of DOMAIN.md §4, as a table of exact instants.

The cast: a "Đăng ký khai sinh" dossier received on Monday 10/11/2025 at 10:00 with 5 working
days, so due on Monday 17/11/2025 at 17:00 (no holiday in between).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from motcua.catalog.models import Field, Procedure
from motcua.dossiers.models import Channel, Dossier, Pause, Status
from motcua.dossiers.timeliness import Timeliness, is_overdue, verdict
from motcua.org.models import AdministrativeUnit, Agency

VN = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = ZoneInfo("UTC")


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=VN)


RECEIVED = local(10, 10)
DUE = local(17, 17)


@pytest.fixture
def procedure(db: None) -> Procedure:
    field = Field.objects.create(code="G01-HT", name="Hộ tịch")
    return Procedure.objects.create(
        code="1.001193", name="Đăng ký khai sinh", field=field, level="commune", time_limit=5
    )


@pytest.fixture
def agency(db: None) -> Agency:
    unit = AdministrativeUnit.objects.create(code="52", name="Tỉnh Gia Lai", level="province")
    return Agency.objects.create(
        code="000.00.00.H21", name="UBND tỉnh", kind="provincial_committee", unit=unit
    )


_numbers = iter(range(1, 10_000))


def make_dossier(procedure: Procedure, agency: Agency, **fields: object) -> Dossier:
    number = next(_numbers)
    values: dict[str, object] = {
        "reference": f"NOP-251110-T{number:05d}",
        "code": f"000.00.00.H21-251110-{number:04d}",
        "status": Status.RETURNED,
        "received_at": RECEIVED,
        "due_at": DUE,
        "finished_at": None,
        "returned_at": None,
    }
    values.update(fields)
    return Dossier.objects.create(
        procedure=procedure,
        receiving_agency=agency,
        current_agency=agency,
        channel=Channel.DESK,
        applicant_name="Nguyễn Văn An",
        **values,
    )


EARLY, ON_TIME, LATE = Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE

TABLE = [
    # (case, status, finished_at, returned_at, extra fields, expected)
    ("early: finished the working day before", Status.RESULT_READY, local(14, 16), None, {}, EARLY),
    ("early: finished the evening before", Status.RESULT_READY, local(16, 20), None, {}, EARLY),
    ("on time: due day, before the instant", Status.RETURNED, local(17, 16, 59), None, {}, ON_TIME),
    ("on time: exactly the due instant", Status.RETURNED, local(17, 17), None, {}, ON_TIME),
    ("late: due day, after the instant", Status.RETURNED, local(17, 17, 1), None, {}, LATE),
    ("late: the next day", Status.RETURNED, local(18, 8), None, {}, LATE),
    (
        "late: the apology's new date does not save it",
        Status.RETURNED,
        local(19, 9),
        None,
        {"apology_due_at": local(20, 17)},
        LATE,
    ),
    (
        "late: two supplement requests after reception",
        Status.RETURNED,
        local(14, 9),
        None,
        {"supplement_requests": 2},
        LATE,
    ),
    (
        "one supplement request changes nothing",
        Status.RETURNED,
        local(14, 9),
        None,
        {"supplement_requests": 1},
        EARLY,
    ),
    ("without result-ready time, the return", Status.RETURNED, None, local(17, 15), {}, ON_TIME),
    (
        "result ready counts, not the later return",
        Status.RETURNED,
        local(17, 10),
        local(19, 9),
        {},
        ON_TIME,
    ),
    ("stopped ends processing too", Status.STOPPED, local(18, 9), None, {}, LATE),
    # 16/11 23:30 in Hà Nội is 16:30 UTC: the local date decides.
    (
        "local dates: late evening UTC is the day before",
        Status.RETURNED,
        datetime(2025, 11, 16, 16, 30, tzinfo=UTC),
        None,
        {},
        EARLY,
    ),
    (
        "local dates: UTC midnight is 07:00 on the due day",
        Status.RETURNED,
        datetime(2025, 11, 17, 0, 0, tzinfo=UTC),
        None,
        {},
        ON_TIME,
    ),
]


@pytest.mark.parametrize(
    ("status", "finished_at", "returned_at", "extra", "expected"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_verdict_table(procedure, agency, status, finished_at, returned_at, extra, expected):
    dossier = make_dossier(
        procedure,
        agency,
        status=status,
        finished_at=finished_at,
        returned_at=returned_at,
        **extra,
    )
    assert verdict(dossier) == expected


def test_an_unfinished_dossier_has_no_verdict_but_can_be_overdue(procedure, agency):
    dossier = make_dossier(procedure, agency, status=Status.PROCESSING)

    assert verdict(dossier) is None
    assert verdict(dossier, at=local(20, 9)) is None
    assert is_overdue(dossier, local(17, 16, 59)) is False
    assert is_overdue(dossier, DUE) is False
    assert is_overdue(dossier, DUE + timedelta(seconds=1)) is True


def test_a_dossier_finished_after_the_instant_asked_about_was_unfinished_then(procedure, agency):
    dossier = make_dossier(procedure, agency, status=Status.RETURNED, finished_at=local(18, 9))

    assert verdict(dossier, at=local(17, 23, 59)) is None
    assert is_overdue(dossier, local(17, 23, 59)) is True
    assert verdict(dossier, at=local(18, 9)) == LATE
    assert is_overdue(dossier, local(18, 9)) is False


def test_a_dossier_never_received_does_not_count(procedure, agency):
    refused = make_dossier(
        procedure,
        agency,
        code=None,
        status=Status.REFUSED,
        received_at=None,
        due_at=None,
        finished_at=local(10, 9),
    )
    withdrawn = make_dossier(
        procedure,
        agency,
        code=None,
        status=Status.WITHDRAWN,
        received_at=None,
        due_at=None,
        finished_at=local(10, 9),
    )

    assert verdict(refused) is None
    assert verdict(withdrawn) is None
    assert is_overdue(withdrawn, local(30, 9)) is False


def test_a_withdrawn_dossier_counts_once_received(procedure, agency):
    dossier = make_dossier(procedure, agency, status=Status.WITHDRAWN, finished_at=local(12, 9))

    assert verdict(dossier) == EARLY


def test_a_second_supplement_request_makes_an_unfinished_dossier_overdue(procedure, agency):
    dossier = make_dossier(procedure, agency, status=Status.PROCESSING, supplement_requests=2)

    assert verdict(dossier) is None
    assert is_overdue(dossier, local(11, 9)) is True


def test_the_clock_is_stopped_while_the_applicant_holds_the_dossier(procedure, agency):
    dossier = make_dossier(procedure, agency, status=Status.AWAITING_SUPPLEMENT)
    Pause.objects.create(dossier=dossier, reason=Pause.Reason.SUPPLEMENT, started_at=local(12, 9))

    assert is_overdue(dossier, local(28, 9)) is False


def test_a_pause_begun_after_the_due_instant_leaves_the_dossier_overdue(procedure, agency):
    dossier = make_dossier(procedure, agency, status=Status.AWAITING_PAYMENT)
    Pause.objects.create(dossier=dossier, reason=Pause.Reason.PAYMENT, started_at=local(18, 9))

    assert is_overdue(dossier, local(28, 9)) is True


# --- Without a due date: elapsed time against the statutory limit (DOMAIN.md §4) ------------


SNAPSHOT = {"time_limit": 5, "time_limit_unit": "working_days"}


@pytest.mark.parametrize(
    ("finished_at", "expected"),
    [(local(14, 16), EARLY), (local(17, 16), ON_TIME), (local(18, 7, 45), LATE)],
)
def test_without_a_due_date_the_limit_in_the_snapshot_decides(
    procedure, agency, finished_at, expected
):
    dossier = make_dossier(
        procedure,
        agency,
        due_at=None,
        procedure_snapshot=SNAPSHOT,
        finished_at=finished_at,
    )

    assert verdict(dossier) == expected


def test_without_a_due_date_the_supplement_time_is_left_out(procedure, agency):
    dossier = make_dossier(
        procedure, agency, due_at=None, procedure_snapshot=SNAPSHOT, finished_at=local(18, 16)
    )
    # One full working day with the applicant (Tuesday 07:30 to Wednesday 07:30): the 37.5 office
    # hours left then run from Wednesday, so the limit ends on Tuesday 18/11 at 17:00.
    Pause.objects.create(
        dossier=dossier,
        reason=Pause.Reason.SUPPLEMENT,
        started_at=local(11, 7, 30),
        ended_at=local(12, 7, 30),
    )

    assert verdict(dossier) == ON_TIME


def test_without_a_due_date_or_a_snapshot_the_catalog_limit_is_used(procedure, agency):
    procedure.time_limit = 2
    procedure.save()
    dossier = make_dossier(procedure, agency, due_at=None, finished_at=local(13, 9))

    # 2 working days from Monday 10:00: due Wednesday 12/11 at 17:00.
    assert verdict(dossier) == LATE
    unfinished = make_dossier(procedure, agency, status=Status.PROCESSING, due_at=None)
    assert is_overdue(unfinished, local(12, 17, 1)) is True
