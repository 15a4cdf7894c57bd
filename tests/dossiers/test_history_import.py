"""The dossier history import (DOMAIN.md §10): bulk, all or nothing, idempotent, no outbox."""

import csv
import json
from datetime import date, datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from motcua.core.models.audit import AuditEntry
from motcua.core.models.outbox import OutboxEvent
from motcua.dossiers.history_import import APPLICANT_NAME, import_dossiers, summary
from motcua.dossiers.models import Dossier, Event, RuleSet, Status
from motcua.dossiers.signals import imported
from motcua.org.models import Agency
from motcua.reports import aggregates
from motcua.reports.indicators import on_time, online_rate, period_report
from motcua.reports.receivers import follow_import
from motcua.reports.scope import parse_period, resolve_scope

from .conftest import Cast, local, official

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "history_sample.csv"
MALFORMED = DATA / "history_malformed.csv"
UTC = ZoneInfo("UTC")


@pytest.fixture
def history_cast(cast: Cast) -> Cast:
    # A district committee abolished in 2025: its old dossiers are still history.
    Agency.objects.create(
        unit=cast.gia_lai,
        code="000.00.40.H21",
        name="UBND huyện Đak Đoa",
        kind=Agency.Kind.DISTRICT_COMMITTEE,
        valid_to=date(2025, 6, 30),
    )
    return cast


def test_sample_imports_every_state_channel_and_date_format(history_cast: Cast) -> None:
    report = import_dossiers(SAMPLE)

    assert report.errors == []
    assert (report.rows, report.created, report.updated, report.unchanged) == (22, 22, 0, 0)
    assert report.written
    dossiers = {d.code: d for d in Dossier.objects.all()}
    assert len(dossiers) == 22
    assert all(d.imported and d.applicant_name == APPLICANT_NAME for d in dossiers.values())
    statuses = [d.national_status_code for d in dossiers.values()]
    assert sorted(set(statuses)) == list(range(1, 11))
    assert statuses.count(10) == 8
    assert sorted({d.channel for d in dossiers.values()}) == [1, 2, 3]

    # Compact dates are local time.
    desk = dossiers["000.00.02.H21-240305-0001"]
    assert desk.status == Status.RETURNED
    assert desk.received_at == local(2024, 3, 5, 8, 15)
    assert desk.due_at == desk.original_due_at == local(2024, 3, 19, 17)
    assert desk.counted_from == desk.received_at
    assert desk.returned_at == local(2024, 3, 18, 9)
    assert desk.rule_set == RuleSet.ND61_2018
    assert desk.procedure == history_cast.lltp
    assert desk.receiving_agency == desk.current_agency == history_cast.tu_phap
    assert desk.procedure_snapshot["source"] == "import"
    assert desk.procedure_snapshot["time_limit"] == 10
    assert desk.procedure_snapshot["implementing_agency"] == "000.00.02.H21"

    # ISO 8601 with offsets (Z, +00:00, +07:00) and without (local).
    online = dossiers["NOP-250612-B7K9QX"]
    assert online.status == Status.SUBMITTED
    assert online.submitted_at == local(2025, 6, 12, 8, 20)
    assert online.received_at is None and online.due_at is None
    assert online.reference == "NOP-250612-B7K9QX"
    utc = dossiers["000.00.01.H21-251103-0002"]
    assert utc.submitted_at == datetime(2025, 11, 2, 16, 30, tzinfo=UTC)
    assert utc.rule_set == RuleSet.ND118_2025
    legacy = dossiers["HS-2019-000123"]
    assert legacy.received_at == local(2019, 8, 12, 7, 45)
    assert legacy.applicant_kind == 1  # empty LoaiDoiTuong
    assert legacy.receiving_agency.code == "000.00.40.H21"  # closed agency accepted

    # The rule set follows the reception date, or the submission date before reception.
    assert dossiers["000.00.02.H21-250630-0009"].rule_set == RuleSet.ND61_2018
    assert dossiers["000.00.02.H21-250702-0001"].rule_set == RuleSet.ND118_2025
    assert dossiers["NOP-260105-QW3RTZ"].rule_set == RuleSet.ND118_2025
    # A local procedure code names the national procedure.
    postal = dossiers["000.00.04.H21-240411-0003"]
    assert postal.procedure == history_cast.building
    assert (postal.channel, postal.applicant_kind, postal.status) == (3, 2, Status.PROCESSING)


def test_one_event_per_dossier_one_audit_entry_no_outbox(history_cast: Cast) -> None:
    outbox_before = OutboxEvent.objects.count()

    import_dossiers(SAMPLE)

    events = Event.objects.all()
    assert events.count() == 22
    assert {e.action for e in events} == {"imported"}
    assert all(e.to_status == e.dossier.status and e.from_status == "" for e in events)
    returned = Event.objects.get(dossier__code="000.00.02.H21-240305-0002")
    assert returned.at == local(2024, 3, 21, 10)  # the latest known date
    assert returned.agency == history_cast.tu_phap
    entry = AuditEntry.objects.get(action="dossier.import")
    assert entry.details == {
        "file": "history_sample.csv",
        "rows": 22,
        "created": 22,
        "updated": 0,
        "unchanged": 0,
    }
    assert OutboxEvent.objects.count() == outbox_before


def test_reimport_is_idempotent_and_updates_in_place(history_cast: Cast, tmp_path: Path) -> None:
    import_dossiers(SAMPLE)
    ids = dict(Dossier.objects.values_list("code", "pk"))

    again = import_dossiers(SAMPLE)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 22)
    assert Dossier.objects.count() == 22 and Event.objects.count() == 22

    # The old system moved one dossier on: same dossier, new state and dates, no new history.
    changed = tmp_path / "history_later.csv"
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "000.00.01.H21-251103-0001,2.001417,000.00.01.H21,1,1,20251103080000,20251103080500,"
        "20251117170000,,,2",
        "000.00.01.H21-251103-0001,2.001417,000.00.01.H21,1,1,20251103080000,20251103080500,"
        "20251117170000,20251114090000,20251117080000,10",
    )
    changed.write_text(text, encoding="utf-8")

    later = import_dossiers(changed)

    assert (later.created, later.updated, later.unchanged) == (0, 1, 21)
    assert dict(Dossier.objects.values_list("code", "pk")) == ids
    moved = Dossier.objects.get(code="000.00.01.H21-251103-0001")
    assert moved.status == Status.RETURNED
    assert moved.returned_at == local(2025, 11, 17, 8)
    assert Event.objects.count() == 22
    assert AuditEntry.objects.filter(action="dossier.import").count() == 3


def _moved_on(tmp_path: Path, *, received: str = "20251103080500", new_row: bool = False) -> Path:
    """SAMPLE with one dossier finished and returned since (the old system moved it on),
    received at `received` (a corrected reception), and with `new_row` one more dossier."""
    changed = tmp_path / "history_later.csv"
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "000.00.01.H21-251103-0001,2.001417,000.00.01.H21,1,1,20251103080000,20251103080500,"
        "20251117170000,,,2",
        f"000.00.01.H21-251103-0001,2.001417,000.00.01.H21,1,1,{received[:8]}080000,{received},"
        "20251117170000,20251114090000,20251117080000,10",
    )
    assert text != SAMPLE.read_text(encoding="utf-8")
    if new_row:
        text += (
            "000.00.01.H21-251110-0009,2.001417,000.00.01.H21,2,1,20251110080000,"
            "20251110083000,20251124170000,,,4\n"
        )
    changed.write_text(text, encoding="utf-8")
    return changed


def _first_rows(tmp_path: Path) -> Path:
    """SAMPLE's first nine dossiers."""
    first_rows = tmp_path / "history_first.csv"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    first_rows.write_text("".join(lines[:10]), encoding="utf-8")
    return first_rows


def assert_reports_read_the_dossiers() -> None:
    """Every report from the aggregates equals the same report from the dossiers."""
    scope = resolve_scope()
    periods = (
        ("2025-10-01", "2025-10-31"),
        ("2025-11-01", "2025-11-30"),
        ("2019-01-01", "2026-12-31"),
    )
    for start, end in periods:
        period = parse_period(start, end)
        for report in (online_rate, on_time, period_report):
            from_aggregates = report(period, scope, source="aggregates").as_dict()
            assert from_aggregates == report(period, scope, source="raw").as_dict(), (start, report)


@pytest.mark.parametrize("one_by_one", [True, False], ids=["refreshed", "days-rebuilt"])
def test_an_import_after_a_rebuild_keeps_the_reports_fast_and_exact(
    history_cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_by_one: bool
) -> None:
    """Imports write no events: the import itself brings the aggregates up to what it wrote,
    the dossiers it changed (whose old counts must go) as well as the new ones; a few one by
    one, more by rebuilding the days they were received on."""
    if not one_by_one:
        monkeypatch.setattr(aggregates, "FOLLOW_ONE_BY_ONE", 0)
        monkeypatch.setattr(aggregates, "FOLLOW_AT_MOST", float("inf"))  # six years of sample
    import_dossiers(_first_rows(tmp_path))
    aggregates.rebuild()

    rest = import_dossiers(SAMPLE)

    assert (rest.created, rest.unchanged) == (13, 9)
    assert aggregates.ready()
    assert_reports_read_the_dossiers()
    # From the first reception to the last day any of those dossiers counts on (a return).
    assert summary(rest).endswith(
        "Số liệu báo cáo đã được tính lại cho các ngày từ 15/01/2020 đến 10/02/2026."
        if not one_by_one
        else "Số liệu báo cáo đã được cập nhật theo 13 hồ sơ này."
    )

    november = parse_period("2025-11-01", "2025-11-30")
    before = on_time(november, resolve_scope()).counts

    later = import_dossiers(_moved_on(tmp_path))

    assert later.updated == 1
    assert aggregates.ready()
    after = on_time(november, resolve_scope()).counts
    # The moved-on dossier, received 3/11, finished 14/11: no longer open at the month's end.
    assert (after.finished, after.in_progress) == (before.finished + 1, before.in_progress - 1)
    assert_reports_read_the_dossiers()
    assert summary(later).endswith(
        "cho các ngày từ 03/11/2025 đến 17/11/2025." if not one_by_one else "theo 1 hồ sơ này."
    )


@pytest.mark.parametrize("one_by_one", [True, False], ids=["refreshed", "days-rebuilt"])
def test_a_corrected_reception_day_leaves_the_old_day_and_counts_on_the_new(
    history_cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_by_one: bool
) -> None:
    if not one_by_one:
        monkeypatch.setattr(aggregates, "FOLLOW_ONE_BY_ONE", 0)
    import_dossiers(SAMPLE)
    aggregates.rebuild()

    later = import_dossiers(_moved_on(tmp_path, received="20251020080500"))

    assert later.updated == 1
    assert aggregates.ready()
    assert_reports_read_the_dossiers()
    if not one_by_one:
        # The old reception day (3/11) and the new (20/10), to the return (17/11).
        assert summary(later).endswith("cho các ngày từ 20/10/2025 đến 17/11/2025.")


def test_a_file_spanning_years_is_left_to_a_full_rebuild(
    history_cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A range rebuild over most of the facts' years, inside the import, would be slower than
    a full rebuild: the reports read the dossiers until one is run."""
    monkeypatch.setattr(aggregates, "FOLLOW_ONE_BY_ONE", 0)
    import_dossiers(_first_rows(tmp_path))
    aggregates.rebuild()

    done = import_dossiers(SAMPLE)

    assert done.created == 13
    assert summary(done).endswith(
        "Số liệu báo cáo chưa được tính lại (hồ sơ trải qua nhiều năm, tính lại toàn bộ sẽ nhanh "
        "hơn): báo cáo đọc trực tiếp từ hồ sơ, chậm hơn, cho đến khi chạy “motcua report rebuild”."
    )
    assert not aggregates.ready()
    aggregates.rebuild()
    assert_reports_read_the_dossiers()


@pytest.mark.parametrize("new_row", [False, True], ids=["changed-only", "with-a-new-row"])
def test_an_earlier_import_not_followed_leaves_the_reports_on_the_dossiers(
    history_cast: Cast, tmp_path: Path, new_row: bool
) -> None:
    aggregates.rebuild()
    # An import of a release before the aggregates followed imports: the receiver not there.
    imported.disconnect(dispatch_uid="reports.follow_import")
    try:
        import_dossiers(SAMPLE)
    finally:
        imported.connect(follow_import, dispatch_uid="reports.follow_import")
    assert not aggregates.ready()

    # The dossier changed is that import's first: no id of it lies below this import's.
    first = Dossier.objects.order_by("pk").first()
    assert first is not None
    Dossier.objects.filter(pk=first.pk).update(code="000.00.01.H21-251103-0001x")
    Dossier.objects.filter(code="000.00.01.H21-251103-0001").update(code=first.code)
    Dossier.objects.filter(code="000.00.01.H21-251103-0001x").update(
        code="000.00.01.H21-251103-0001"
    )
    later = import_dossiers(_moved_on(tmp_path, new_row=new_row))

    assert not aggregates.ready()
    assert "cho đến khi chạy “motcua report rebuild”" in summary(later)
    aggregates.rebuild()
    assert aggregates.ready()
    assert_reports_read_the_dossiers()


@pytest.mark.parametrize("one_by_one", [True, False], ids=["refreshed", "days-rebuilt"])
def test_a_failure_of_the_reports_costs_the_import_nothing(
    history_cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog, one_by_one
) -> None:
    import_dossiers(SAMPLE)
    aggregates.rebuild()

    def broken(*args: object) -> None:
        raise RuntimeError("disk full")

    if one_by_one:
        monkeypatch.setattr(aggregates, "refresh_dossier", broken)
    else:
        monkeypatch.setattr(aggregates, "FOLLOW_ONE_BY_ONE", 0)
        monkeypatch.setattr(aggregates, "rebuild", broken)
    later = import_dossiers(_moved_on(tmp_path))

    assert later.written and later.updated == 1
    assert Dossier.objects.get(code="000.00.01.H21-251103-0001").status == Status.RETURNED
    assert summary(later).endswith(
        "Số liệu báo cáo chưa được tính lại (lỗi khi tính, đã ghi vào nhật ký): báo cáo đọc trực "
        "tiếp từ hồ sơ, chậm hơn, cho đến khi chạy “motcua report rebuild”."
    )
    assert "disk full" in caplog.text
    # Not stale figures: the reports read the dossiers until the next full rebuild.
    assert not aggregates.ready()
    monkeypatch.undo()
    aggregates.rebuild()
    assert_reports_read_the_dossiers()


def test_an_auditor_re_derives_the_imported_year_from_the_lists_behind_the_dashboard(
    history_cast: Cast, client: Client
) -> None:
    """Issue 7, done when: a year of history imported, `motcua report online-rate` gives figures
    that are the counts of the dossier lists the dashboard shows behind them."""
    aggregates.rebuild()  # the province's reports ran before the import
    said = StringIO()
    call_command("import_dossiers", str(SAMPLE), stdout=said)
    assert aggregates.ready()
    assert said.getvalue().splitlines() == [
        "Đang tính lại số liệu báo cáo theo 22 hồ sơ vừa ghi…",
        "Đã nhập hồ sơ từ tệp history_sample.csv (22 dòng): tạo mới 22, cập nhật 0, không đổi 0. "
        "Số liệu báo cáo đã được cập nhật theo 22 hồ sơ này.",
    ]
    out = StringIO()
    year = ("--from", "2025-01-01", "--to", "2025-12-31")
    call_command("report", "online-rate", *year, "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())["rows"]

    client.force_login(official("minh", "Đinh Công Minh", (history_cast.center, "province_admin")))
    listed = {}
    for row in rows:
        for measure in ("online", "total"):
            key = f"online:{row['group']}:{measure}"
            page = client.get(
                reverse("reports:dossiers"), {"ky": "nam", "nam": "2025", "chi_so": key}
            )
            assert page.status_code == 200
            listed[key] = page.context["total"]
            assert listed[key] == row[measure], key
    assert listed["online:total:total"] > listed["online:total:online"] > 0


MALFORMED_ERRORS = [
    'Dòng 3, cột "MaHoSo": thiếu mã hồ sơ.',
    'Dòng 4, cột "MaHoSo": mã hồ sơ "000.00.02.H21-240305-0001" trùng với dòng 2.',
    'Dòng 5, cột "MaTTHC": không có thủ tục mã "9.999999" trong danh mục.',
    'Dòng 6, cột "DonViXuLy": không có cơ quan mã "000.00.99.H21".',
    'Dòng 7, cột "KenhThucHien": kênh thực hiện "4" không hợp lệ: chỉ nhận 1, 2, 3.',
    'Dòng 8, cột "TrangThaiHoSo": trạng thái "11" không hợp lệ: chỉ nhận 1, 2, 3, 4, 5, 6, 7, 8, '
    "9, 10.",
    'Dòng 9, cột "NgayTiepNhan": ngày "06/03/2024 08:15" không đúng định dạng yyyyMMddHHmmss '
    "hoặc ISO 8601 (ví dụ 20250304083000 hoặc 2025-03-04T08:30:00+07:00).",
    'Dòng 10, cột "NgayTiepNhan": trạng thái 4 (Đang xử lý) cần ngày tiếp nhận.',
    'Dòng 10, cột "NgayHenTra": trạng thái 4 (Đang xử lý) cần ngày hẹn trả.',
    'Dòng 11, cột "NgayTra": trạng thái 10 (Đã trả kết quả) cần ngày trả kết quả.',
    'Dòng 12, cột "NgayTiepNhan": ngày tiếp nhận (06/03/2024 08:15) trước ngày nộp hồ sơ '
    "(07/03/2024 08:00).",
    'Dòng 13, cột "LoaiDoiTuong": loại đối tượng "5" không hợp lệ: chỉ nhận 1, 2, 3, 4.',
]


def test_bad_rows_change_nothing_and_are_all_reported(history_cast: Cast) -> None:
    report = import_dossiers(MALFORMED)

    assert report.errors == MALFORMED_ERRORS
    assert not report.written
    assert Dossier.objects.count() == 0 and Event.objects.count() == 0
    assert not AuditEntry.objects.filter(action="dossier.import").exists()


def test_command_exits_non_zero_with_every_message(history_cast: Cast) -> None:
    with pytest.raises(
        CommandError, match=r"Không nhập gì từ tệp history_malformed\.csv: có 12 lỗi"
    ):
        call_command("import_dossiers", str(MALFORMED))
    assert Dossier.objects.count() == 0


def test_command_imports_and_reports(
    history_cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("import_dossiers", str(SAMPLE))

    assert (
        "Đã nhập hồ sơ từ tệp history_sample.csv (22 dòng): tạo mới 22" in capsys.readouterr().out
    )
    assert Dossier.objects.count() == 22


def test_live_dossier_with_the_same_code_is_never_overwritten(history_cast: Cast) -> None:
    live = Dossier.objects.create(
        reference="NOP-251103-HKT4MZ",
        code="000.00.01.H21-251103-0001",
        procedure=history_cast.lltp,
        status=Status.RECEIVED,
        channel=2,
        applicant_name="Hồ Thị Lan",
        receiving_agency=history_cast.center,
        current_agency=history_cast.center,
        received_at=local(2025, 11, 3, 8, 5),
    )

    report = import_dossiers(SAMPLE)

    assert report.errors == [
        'Dòng 13, cột "MaHoSo": hồ sơ "000.00.01.H21-251103-0001" đã được tiếp nhận trên '
        "MotCua, không được ghi đè bằng dữ liệu nhập."
    ]
    assert list(Dossier.objects.all()) == [live]
    live.refresh_from_db()
    assert live.applicant_name == "Hồ Thị Lan" and not live.imported
    assert Event.objects.count() == 0


def test_dry_run_writes_nothing(history_cast: Cast) -> None:
    report = import_dossiers(SAMPLE, dry_run=True)

    assert (report.created, report.errors, report.written) == (22, [], False)
    assert Dossier.objects.count() == 0 and Event.objects.count() == 0
    assert not AuditEntry.objects.filter(action="dossier.import").exists()
    call_command("import_dossiers", str(SAMPLE), "--dry-run")
    assert Dossier.objects.count() == 0


def test_file_without_a_required_column_is_refused(history_cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "thieu_cot.csv"
    path.write_text("MaHoSo,MaTTHC\nX-1,2.001417\n", encoding="utf-8")

    with pytest.raises(CommandError, match='Tệp thiếu cột bắt buộc: "DonViXuLy"'):
        call_command("import_dossiers", str(path))


def test_a_file_saved_with_semicolons_by_a_vietnamese_excel_imports_the_same(
    history_cast: Cast, tmp_path: Path
) -> None:
    path = tmp_path / "lich_su_excel.csv"
    with SAMPLE.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    with path.open("w", encoding="utf-8-sig", newline="") as target:
        csv.writer(target, delimiter=";").writerows(rows)

    report = import_dossiers(path)

    assert report.errors == []
    assert (report.rows, report.created) == (22, 22)
    assert Dossier.objects.get(code="000.00.02.H21-240305-0001").returned_at == local(
        2024, 3, 18, 9
    )
