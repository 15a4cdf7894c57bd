"""Import of old dossiers from the national sync layout (DOMAIN.md §10 "Dossier history import").

The one exception to ARCHITECTURE.md rule 1: history is written in bulk, outside
`dossiers.lifecycle`, with one "imported" history entry per new dossier and no outbox event
(history is never re-sent to anyone). The apps that derive data from dossiers follow it through
the `dossiers.signals.imported` signal, in the same transaction.

Like the procedure importer (catalog.importers): read the CSV, parse every row into a plan or
Vietnamese messages with the row number, then write all rows in one transaction, or none when any
row has an error. Re-running a file is safe: a dossier already imported under the same MaHoSo is
updated in place; one created by MotCua itself is never overwritten.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.importers import ImportRefused, Progress, Table, _chunks, _n, read_table
from motcua.catalog.models import Procedure
from motcua.core import audit, text
from motcua.org.models import Agency

from . import signals
from .codes import new_reference
from .models import NATIONAL_STATUS_CODE, ApplicantKind, Channel, Dossier, Event, Status
from .rules import rule_set_on

__all__ = ["HistoryImportReport", "ImportRefused", "import_dossiers", "summary"]

AUDIT_ACTION = "dossier.import"
EVENT_ACTION = "imported"
APPLICANT_NAME = "(nhập từ hệ thống cũ)"
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CHUNK = 1000

# The national sync field names (DOMAIN.md §10), in file order; LoaiDoiTuong may be left out.
COLUMNS = (
    "MaHoSo",
    "MaTTHC",
    "DonViXuLy",
    "KenhThucHien",
    "LoaiDoiTuong",
    "NgayNopHoSo",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "NgayTra",
    "TrangThaiHoSo",
)
OPTIONAL_COLUMNS = {"LoaiDoiTuong"}
DATE_COLUMNS = ("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra")

STATUS_OF_CODE: dict[int, Status] = {
    code: Status(status) for status, code in NATIONAL_STATUS_CODE.items()
}
# Circular 01/2018 Art. 19; other shapes from older systems are kept as they are.
DOSSIER_CODE = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}-[0-9]{6}-[0-9]{4}")
CODE_MAX = Dossier._meta.get_field("code").max_length or 60
REFERENCE_MAX = Dossier._meta.get_field("reference").max_length or 40
COMPACT_DATE = re.compile(r"[0-9]{14}")
# A local procedure code: the national code followed by the agency identifier.
LOCAL_PROCEDURE_CODE = re.compile(
    r"([0-9]{1,2}\.[0-9]{6})\.[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}"
)

# States in which the dossier was received (not 1 submitted, not 3 refused).
NEEDS_RECEPTION = {code for code in STATUS_OF_CODE if code not in (1, 3)}
# States whose verdict needs the promised date.
NEEDS_DUE = {2, 4, 5, 6, 9, 10}
NEEDS_END = {9, 10}
NEEDS_RETURN = {10}
# The fields an import writes, compared on re-import.
WRITTEN_FIELDS = (
    "procedure_id",
    "status",
    "channel",
    "applicant_kind",
    "receiving_agency_id",
    "current_agency_id",
    "rule_set",
    "procedure_snapshot",
    "submitted_at",
    "received_at",
    "counted_from",
    "due_at",
    "original_due_at",
    "finished_at",
    "returned_at",
)


class CellError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------------------------------
# Cells


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def shown(moment: datetime) -> str:
    return f"{timezone.localtime(moment, LOCAL_TZ):%d/%m/%Y %H:%M}"


def parse_dossier_code(text: str) -> str:
    if not text:
        raise CellError("thiếu mã hồ sơ.")
    if len(text) > CODE_MAX:
        raise CellError(f"mã hồ sơ dài {len(text)} ký tự, tối đa {CODE_MAX}.")
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        raise CellError(f'mã hồ sơ "{text}" chứa khoảng trắng hoặc ký tự điều khiển.')
    return text


def parse_choice(text: str, choices: Iterable[int], what: str, default: int | None = None) -> int:
    allowed = sorted(choices)
    if not text and default is not None:
        return default
    if not text:
        raise CellError(f"thiếu {what}.")
    if text.isascii() and text.isdigit() and int(text) in allowed:
        return int(text)
    listed = ", ".join(str(choice) for choice in allowed)
    raise CellError(f'{what} "{text}" không hợp lệ: chỉ nhận {listed}.')


def parse_date(text: str) -> datetime | None:
    """`yyyyMMddHHmmss` or ISO 8601; local time (Asia/Ho_Chi_Minh) when no offset is given."""
    if not text:
        return None
    try:
        if COMPACT_DATE.fullmatch(text):
            moment = datetime.strptime(text, "%Y%m%d%H%M%S")
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise CellError(
            f'ngày "{text}" không đúng định dạng yyyyMMddHHmmss hoặc ISO 8601 '
            "(ví dụ 20250304083000 hoặc 2025-03-04T08:30:00+07:00)."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    return moment


# ---------------------------------------------------------------------------------------------
# Rows


@dataclass
class RowPlan:
    row: int
    code: str
    values: dict[str, Any]  # Dossier attributes, as WRITTEN_FIELDS names them
    latest: datetime  # the latest known date: when the "imported" history entry happened


@dataclass
class Lookups:
    """Loaded once before parsing: per-row queries would make a large history crawl."""

    procedures: dict[str, Procedure]
    agencies: dict[str, Agency]
    snapshots: dict[int, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, table: Table, positions: dict[str, int]) -> "Lookups":
        wanted = {_procedure_key(_cell(cells, positions, "MaTTHC")) for _, cells in table.rows}
        agency_codes = {_cell(cells, positions, "DonViXuLy") for _, cells in table.rows}
        procedures: dict[str, Procedure] = {}
        for chunk in _chunks(sorted(wanted)):
            for procedure in Procedure.objects.filter(code__in=chunk).prefetch_related("fees"):
                procedures[procedure.code] = procedure
        agencies: dict[str, Agency] = {}
        # Closed agencies are accepted: the history is theirs.
        for chunk in _chunks(sorted(agency_codes)):
            for agency in Agency.objects.filter(code__in=chunk):
                agencies[agency.code] = agency
        return cls(procedures=procedures, agencies=agencies)

    def snapshot(self, procedure: Procedure, agency: Agency) -> dict[str, Any]:
        # The procedure as it is now: the catalog's state when the old system received the
        # dossier is unknown, so the snapshot says where it came from.
        base = self.snapshots.get(procedure.pk)
        if base is None:
            base = {
                "code": procedure.code,
                "name": procedure.name,
                "legacy_level": procedure.legacy_level,
                "online_class": procedure.online_class,
                "online_provider": procedure.online_provider,
                "time_limit": procedure.time_limit,
                "time_limit_unit": procedure.time_limit_unit,
                "fee": procedure.base_fee,
                "source": "import",
            }
            self.snapshots[procedure.pk] = base
        return {**base, "implementing_agency": agency.code}


def _procedure_key(text: str) -> str:
    local = LOCAL_PROCEDURE_CODE.fullmatch(text)
    return local.group(1) if local else text


def _cell(cells: list[Any], positions: dict[str, int], name: str) -> str:
    index = positions.get(name)
    if index is None or index >= len(cells):
        return ""
    return _cell_text(cells[index])


def _is_column(header: str) -> bool:
    return header.strip().casefold() in {name.casefold() for name in COLUMNS}


def match_columns(headers: list[str]) -> dict[str, int]:
    """Column name -> position; the names match case-insensitively, unknown ones are ignored."""
    positions: dict[str, int] = {}
    by_folded = {name.casefold(): name for name in COLUMNS}
    for index, header in enumerate(headers):
        name = by_folded.get(header.strip().casefold())
        if name is not None and name not in positions:
            positions[name] = index
    missing = [
        f'"{name}"' for name in COLUMNS if name not in positions and name not in OPTIONAL_COLUMNS
    ]
    if missing:
        raise ImportRefused(
            f"Tệp thiếu cột bắt buộc: {', '.join(missing)}. Không có dòng nào được nhập."
        )
    return positions


def parse_row(
    row: int, cells: list[Any], positions: dict[str, int], lookups: Lookups, now: datetime
) -> RowPlan | list[str]:
    errors: list[str] = []

    def where(name: str) -> str:
        return f'Dòng {row}, cột "{name}"'

    def take(name: str, parser: Any, *args: Any) -> Any:
        try:
            return parser(_cell(cells, positions, name), *args)
        except CellError as error:
            errors.append(f"{where(name)}: {error.reason}")
            return None

    code = take("MaHoSo", parse_dossier_code)
    procedure_text = _cell(cells, positions, "MaTTHC")
    procedure = lookups.procedures.get(_procedure_key(procedure_text))
    if not procedure_text:
        errors.append(f"{where('MaTTHC')}: thiếu mã thủ tục.")
    elif procedure is None:
        errors.append(f'{where("MaTTHC")}: không có thủ tục mã "{procedure_text}" trong danh mục.')
    agency_text = _cell(cells, positions, "DonViXuLy")
    agency = lookups.agencies.get(agency_text)
    if not agency_text:
        errors.append(f"{where('DonViXuLy')}: thiếu mã đơn vị xử lý.")
    elif agency is None:
        errors.append(f'{where("DonViXuLy")}: không có cơ quan mã "{agency_text}".')
    channel = take("KenhThucHien", parse_choice, Channel.values, "kênh thực hiện")
    kind = take("LoaiDoiTuong", parse_choice, ApplicantKind.values, "loại đối tượng", 1)
    state = take("TrangThaiHoSo", parse_choice, STATUS_OF_CODE, "trạng thái")
    dates: dict[str, datetime | None] = {name: take(name, parse_date) for name in DATE_COLUMNS}
    parsed = all(_cell(cells, positions, name) == "" or dates[name] for name in DATE_COLUMNS)

    if state is not None and parsed:
        label = f"trạng thái {state} ({STATUS_OF_CODE[state].label})"
        needs = (
            ("NgayTiepNhan", NEEDS_RECEPTION, "ngày tiếp nhận"),
            ("NgayHenTra", NEEDS_DUE, "ngày hẹn trả"),
            ("NgayKetThucXuLy", NEEDS_END, "ngày kết thúc xử lý"),
            ("NgayTra", NEEDS_RETURN, "ngày trả kết quả"),
        )
        for name, states, what in needs:
            if state in states and dates[name] is None:
                errors.append(f"{where(name)}: {label} cần {what}.")
        if dates["NgayNopHoSo"] is None and dates["NgayTiepNhan"] is None:
            errors.append(f"{where('NgayNopHoSo')}: thiếu ngày nộp hồ sơ (hoặc ngày tiếp nhận).")
    if parsed:
        errors.extend(_order_errors(row, dates, now))
    if errors:
        return errors
    assert code and procedure and agency and channel and kind and state
    submitted = dates["NgayNopHoSo"] or dates["NgayTiepNhan"]
    received = dates["NgayTiepNhan"]
    assert submitted is not None
    known = [moment for moment in dates.values() if moment is not None and moment <= now]
    values = {
        "procedure_id": procedure.pk,
        "status": STATUS_OF_CODE[state].value,
        "channel": channel,
        "applicant_kind": kind,
        "receiving_agency_id": agency.pk,
        "current_agency_id": agency.pk,
        "rule_set": rule_set_on(received or submitted).value,
        "procedure_snapshot": lookups.snapshot(procedure, agency),
        "submitted_at": submitted,
        "received_at": received,
        # The old system's clock start is unknown: it is taken as the reception.
        "counted_from": received,
        # The imported due date stays the verdict's reference (DOMAIN.md §10).
        "due_at": dates["NgayHenTra"],
        "original_due_at": dates["NgayHenTra"],
        "finished_at": dates["NgayKetThucXuLy"],
        "returned_at": dates["NgayTra"],
    }
    return RowPlan(row=row, code=code, values=values, latest=max(known))


# Each date must not be before the ones to its left (submission ≤ reception ≤ end ≤ return).
ORDER = (
    ("NgayNopHoSo", "ngày nộp hồ sơ"),
    ("NgayTiepNhan", "ngày tiếp nhận"),
    ("NgayKetThucXuLy", "ngày kết thúc xử lý"),
    ("NgayTra", "ngày trả kết quả"),
)
NAMES = {**dict(ORDER), "NgayHenTra": "ngày hẹn trả"}


def _order_errors(row: int, dates: dict[str, datetime | None], now: datetime) -> list[str]:
    errors: list[str] = []
    for name in DATE_COLUMNS:
        moment = dates[name]
        if moment is not None and name != "NgayHenTra" and moment > now:
            errors.append(f'Dòng {row}, cột "{name}": {NAMES[name]} ({shown(moment)}) ở tương lai.')
    for later_index, (later, later_name) in enumerate(ORDER):
        moment = dates[later]
        if moment is None:
            continue
        for earlier, earlier_name in ORDER[:later_index]:
            before = dates[earlier]
            if before is not None and moment < before:
                errors.append(
                    f'Dòng {row}, cột "{later}": {later_name} ({shown(moment)}) '
                    f"trước {earlier_name} ({shown(before)})."
                )
                break
    due, received = dates["NgayHenTra"], dates["NgayTiepNhan"]
    if due is not None and received is not None and due < received:
        errors.append(
            f'Dòng {row}, cột "NgayHenTra": ngày hẹn trả ({shown(due)}) '
            f"trước ngày tiếp nhận ({shown(received)})."
        )
    return errors


# ---------------------------------------------------------------------------------------------
# The import


@dataclass
class HistoryImportReport:
    file_name: str
    rows: int
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    written: bool = False
    # The dossiers created or changed, and what the apps that follow an import said of it.
    written_ids: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return not self.errors


def import_dossiers(
    path: Path,
    *,
    dry_run: bool = False,
    by: User | None = None,
    progress: Progress | None = None,
    announce: Callable[[str], None] | None = None,
) -> HistoryImportReport:
    """Import the dossiers of a CSV file in the national sync layout (DOMAIN.md §10).

    Raises ImportRefused when the file itself cannot be used. Row errors are in the report:
    with any of them nothing is written. `announce` hears, in Vietnamese, of long work that
    follows the writing (the report aggregates' rebuild), before it starts.
    """
    if path.suffix.lower() != ".csv":
        raise ImportRefused(f'Chỉ nhận tệp .csv, không nhận "{path.name}".')
    # Excel in a Vietnamese locale saves CSV with semicolons: the delimiter is whichever one
    # splits the header into more of the sync layout's columns.
    table = read_table(path, known=_is_column)
    positions = match_columns(table.headers)
    report = HistoryImportReport(table.file_name, len(table.rows), dry_run=dry_run)
    # The transaction starts before the existing dossiers are read, so what is compared is what
    # is written over (on SQLite it takes the write lock at once).
    with transaction.atomic():
        lookups = Lookups.load(table, positions)
        plans = _plan_rows(table, positions, lookups, report)
        existing = _existing(plans, report)
        if dry_run or report.errors:
            return report
        _write(plans, existing, file_name=table.file_name, progress=progress, report=report)
        if report.written_ids:
            # In the transaction: the import and what follows it commit together, or neither.
            answers = signals.imported.send(
                import_dossiers, dossier_ids=report.written_ids, announce=announce
            )
            report.notes += [note for _receiver, note in answers if note]
        audit.record(
            by,
            AUDIT_ACTION,
            None,
            {
                "file": table.file_name,
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            },
        )
    return report


def _plan_rows(
    table: Table, positions: dict[str, int], lookups: Lookups, report: HistoryImportReport
) -> list[RowPlan]:
    now = timezone.now()
    plans: list[RowPlan] = []
    first_row_of: dict[str, int] = {}
    for row, cells in table.rows:
        plan = parse_row(row, cells, positions, lookups, now)
        code = _cell(cells, positions, "MaHoSo")
        if code and code in first_row_of:
            duplicate = (
                f'Dòng {row}, cột "MaHoSo": mã hồ sơ "{code}" trùng với dòng {first_row_of[code]}.'
            )
            plan = [duplicate, *(plan if isinstance(plan, list) else [])]
        elif code:
            first_row_of[code] = row
        if isinstance(plan, list):
            report.errors.extend(plan)
        else:
            plans.append(plan)
    return plans


def _existing(plans: list[RowPlan], report: HistoryImportReport) -> dict[str, Dossier]:
    """The dossiers already holding the file's codes; a live one is a row error."""
    found: dict[str, Dossier] = {}
    codes = [plan.code for plan in plans]
    for chunk in _chunks(codes, CHUNK):
        for held in Dossier.objects.filter(code__in=chunk):
            assert held.code is not None
            found[held.code] = held
    for plan in plans:
        dossier = found.get(plan.code)
        if dossier is not None and not dossier.imported:
            report.errors.append(
                f'Dòng {plan.row}, cột "MaHoSo": hồ sơ "{plan.code}" đã được tiếp nhận trên '
                "MotCua, không được ghi đè bằng dữ liệu nhập."
            )
        elif dossier is None:
            report.created += 1
        elif any(getattr(dossier, name) != value for name, value in plan.values.items()):
            report.updated += 1
        else:
            report.unchanged += 1
    return found


def _write(
    plans: list[RowPlan],
    existing: dict[str, Dossier],
    *,
    file_name: str,
    progress: Progress | None,
    report: HistoryImportReport,
) -> None:
    new = [plan for plan in plans if plan.code not in existing]
    references = _references(new)
    now = timezone.now()
    done = 0
    for chunk in _chunks(new, CHUNK):
        dossiers = [
            Dossier(
                reference=references[plan.code],
                code=plan.code,
                applicant_name=APPLICANT_NAME,
                applicant_name_folded=text.fold(APPLICANT_NAME),
                imported=True,
                **plan.values,
            )
            for plan in chunk
        ]
        Dossier.objects.bulk_create(dossiers)
        report.written_ids += [dossier.pk for dossier in dossiers]
        Event.objects.bulk_create(
            Event(
                dossier_id=dossier.pk,
                at=plan.latest,
                actor_label=audit.SYSTEM_LABEL,
                action=EVENT_ACTION,
                to_status=dossier.status,
                agency_id=dossier.current_agency_id,
                note=f"Nhập từ tệp {file_name}, dòng {plan.row}.",
                details={"file": file_name, "row": plan.row},
            )
            for plan, dossier in zip(chunk, dossiers, strict=True)
        )
        done += len(chunk)
        if progress is not None:
            progress(done, len(plans))
    changed: list[Dossier] = []
    for plan in plans:
        old = existing.get(plan.code)
        if old is None:
            continue
        if any(getattr(old, name) != value for name, value in plan.values.items()):
            for name, value in plan.values.items():
                setattr(old, name, value)
            old.updated_at = now
            changed.append(old)
    for chunk in _chunks(changed, CHUNK):
        Dossier.objects.bulk_update(chunk, [*WRITTEN_FIELDS, "updated_at"])
    report.written_ids += [dossier.pk for dossier in changed]
    if progress is not None:
        progress(len(plans), len(plans))
    report.written = True


def _references(plans: list[RowPlan]) -> dict[str, str]:
    """The submission reference of each new dossier: its code when it fits and is free, else a
    fresh provisional number (DOMAIN.md §5)."""
    wanted = {plan.code: plan.code for plan in plans if len(plan.code) <= REFERENCE_MAX}
    taken: set[str] = set()
    for chunk in _chunks(list(wanted), CHUNK):
        taken.update(
            Dossier.objects.filter(reference__in=chunk).values_list("reference", flat=True)
        )
    used = set(wanted) - taken
    references: dict[str, str] = {}
    for plan in plans:
        reference = wanted.get(plan.code)
        if reference is None or reference in taken:
            reference = new_reference(plan.values["submitted_at"])
            while reference in used or Dossier.objects.filter(reference=reference).exists():
                reference = new_reference(plan.values["submitted_at"])
            used.add(reference)
        references[plan.code] = reference
    return references


def summary(report: HistoryImportReport) -> str:
    """The closing line for a person at the console, in Vietnamese."""
    counts = (
        f"tạo mới {_n(report.created)}, cập nhật {_n(report.updated)}, "
        f"không đổi {_n(report.unchanged)}"
    )
    rows = f"{_n(report.rows)} dòng"
    if report.dry_run:
        verdict = " Tệp sẽ bị từ chối vì có dòng lỗi." if report.errors else ""
        return f"Chạy thử, không ghi gì: tệp {report.file_name} ({rows}) sẽ {counts}.{verdict}"
    if not report.written:
        errors = _n(len(report.errors))
        return f"Không nhập gì từ tệp {report.file_name}: có {errors} lỗi trong {rows}."
    notes = "".join(f" {note}" for note in report.notes)
    return f"Đã nhập hồ sơ từ tệp {report.file_name} ({rows}): {counts}.{notes}"
