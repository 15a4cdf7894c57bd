"""Import of the procedure catalog from the exchange format of DOMAIN.md §10 (XLSX or CSV).

An import runs in three stages so that a mistake is found before anything is written:

1. read the table (`read_table`) and match its headers to our columns (`match_columns`);
2. parse every row into a `RowPlan`: the procedure's state as the file wants it, compared with
   what the catalog holds, or the Vietnamese messages for everything wrong with the row;
3. write the valid rows in one transaction (all of them, or none when any row has an error,
   unless `partial`), then one audit entry for the import.

Lookups (agencies, fields, the procedures named in the file) are loaded once before parsing:
per-row queries would make a 2,000-row national export crawl.
"""

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.db.models import Prefetch
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from motcua.accounts.models import User
from motcua.core import audit
from motcua.core.calendar import DurationUnit
from motcua.core.errors import InvalidInput
from motcua.core.text import fold
from motcua.org.models import Agency

from .models import Component, Fee, Field, Procedure, Revision, Step
from .revisions import record_revision
from .rules import apply_default_steps

AUDIT_ACTION = "catalog.import"
FEE_NAME = "Phí, lệ phí"

# A progress callback receives (rows written, rows to write).
Progress = Callable[[int, int], None]


class ImportRefused(InvalidInput):
    """The file as a whole cannot be imported (unreadable, or a required column is missing)."""

    code = "import_refused"
    message = "Không nhập được tệp."


# ---------------------------------------------------------------------------------------------
# Columns


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the header of DOMAIN.md §10
    aliases: tuple[str, ...] = ()  # other spellings seen in exports, already folded

    @property
    def accepted(self) -> set[str]:
        return {fold(self.label), *self.aliases}


COLUMNS = [
    Column("code", "Mã thủ tục", ("ma tthc",)),
    Column("name", "Tên thủ tục", ("ten tthc",)),
    Column("level", "Cấp thực hiện"),
    Column("field_code", "Mã lĩnh vực"),
    Column("field_name", "Lĩnh vực", ("ten linh vuc",)),
    Column("agencies", "Cơ quan thực hiện", ("ma co quan thuc hien",)),
    Column("time_limit", "Thời hạn giải quyết"),
    Column("time_limit_unit", "Đơn vị thời hạn"),
    Column("legacy_level", "Mức độ", ("muc do dvctt",)),
    Column("online_class", "Dịch vụ công trực tuyến"),
    Column("online_provider", "Đơn vị cung cấp DVCTT"),
    Column("fee", "Phí, lệ phí (đồng)", ("phi, le phi", "phi le phi", "le phi")),
    Column("components", "Thành phần hồ sơ"),
    Column("legal_basis", "Căn cứ pháp lý"),
    Column("applicant_types", "Đối tượng thực hiện"),
    Column("result_name", "Kết quả thực hiện"),
    Column("postal_submission", "Nộp qua bưu chính"),
    Column("postal_return", "Trả qua bưu chính"),
    Column("online_only", "Chỉ tiếp nhận trực tuyến"),
]
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED_KEYS = ("code", "name", "level", "time_limit", "time_limit_unit")
# The field can be given by its code, its name, or both.
FIELD_KEYS = ("field_name", "field_code")


@dataclass
class Table:
    file_name: str
    headers: list[str]
    # (row number as the spreadsheet shows it, cells); blank rows are left out.
    rows: list[tuple[int, list[Any]]]


def match_columns(headers: list[str]) -> dict[str, int]:
    """Our column keys -> their position in the file; refuses the file if a required one is
    missing. Headers match case- and accent-insensitively; unknown headers are ignored."""
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        folded = fold(header)
        for column in COLUMNS:
            if folded in column.accepted and column.key not in positions:
                positions[column.key] = index
    missing = [f'"{COLUMN_BY_KEY[key].label}"' for key in REQUIRED_KEYS if key not in positions]
    if not any(key in positions for key in FIELD_KEYS):
        missing.append('"Lĩnh vực" hoặc "Mã lĩnh vực"')
    if missing:
        raise ImportRefused(
            f"Tệp thiếu cột bắt buộc: {', '.join(missing)}. Không có dòng nào được nhập."
        )
    return positions


# ---------------------------------------------------------------------------------------------
# Reading files


def read_table(path: Path, *, known: Callable[[str], bool] | None = None) -> Table:
    """The file's header and rows. `known` tells a header cell of the caller's own layout
    (default: this catalog's columns), which picks a CSV file's delimiter."""
    if not path.is_file():
        raise ImportRefused(f'Không tìm thấy tệp "{path}".')
    suffix = path.suffix.lower()
    if suffix == ".csv":
        headers, rows = _read_csv(path, known or _catalog_column)
    elif suffix == ".xlsx":
        headers, rows = _read_xlsx(path)
    else:
        raise ImportRefused(f'Chỉ nhận tệp .xlsx hoặc .csv, không nhận "{path.name}".')
    if not headers:
        raise ImportRefused(f'Tệp "{path.name}" trống.')
    data = [(number, cells) for number, cells in rows if any(_text(c) for c in cells)]
    if not data:
        raise ImportRefused(f'Tệp "{path.name}" không có dòng dữ liệu nào dưới dòng tiêu đề.')
    return Table(file_name=path.name, headers=[_text(h) for h in headers], rows=data)


def _read_csv(
    path: Path, known: Callable[[str], bool]
) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    try:
        # utf-8-sig drops the byte-order mark Excel puts before "CSV UTF-8" files.
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(
            f'Tệp "{path.name}" không dùng bảng mã UTF-8: hãy lưu lại bằng "CSV UTF-8".'
        ) from None
    delimiter = _sniff_delimiter(text, known)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportRefused(f'Không đọc được tệp CSV "{path.name}": {error}.') from None
    if not records:
        return [], []
    # One record is one spreadsheet row, even when a quoted cell spans several lines.
    return records[0], list(enumerate(records[1:], start=2))


def _catalog_column(header: str) -> bool:
    return any(fold(header) in c.accepted for c in COLUMNS)


def _sniff_delimiter(text: str, known: Callable[[str], bool]) -> str:
    """Comma or semicolon (Excel in a Vietnamese locale writes semicolons): whichever splits
    the header row into more of our columns. csv.Sniffer guesses poorly on files whose cells
    hold commas and line breaks, as component lists do."""
    first_line = text.split("\n", 1)[0]

    def recognised(delimiter: str) -> int:
        header = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(known(h) for h in header)

    return max((",", ";"), key=recognised)


def _read_xlsx(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise ImportRefused(f'Không đọc được tệp XLSX "{path.name}".') from None
    try:
        rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()
    if not rows:
        return [], []
    return rows[0], list(enumerate(rows[1:], start=2))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ---------------------------------------------------------------------------------------------
# Parsing cells: each parser takes the raw cell and returns a value or raises CellError with
# the reason; the row parser adds the row number and the column name.


class CellError(Exception):
    def __init__(self, reason: str, *, item: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.item = item  # 1-based component line, for the "Thành phần hồ sơ" cell


NATIONAL_CODE = re.compile(r"[0-9]{1,2}\.[0-9]{6}")
AGENCY_SUFFIX = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}")

UNITS = {
    "ngay lam viec": DurationUnit.WORKING_DAYS,
    "gio lam viec": DurationUnit.WORKING_HOURS,
    "ngay": DurationUnit.CALENDAR_DAYS,
    "trong ngay": DurationUnit.SAME_DAY,
    # The internal names, as the CLI and the API write them (DOMAIN.md §4).
    **{unit.value: unit for unit in DurationUnit},
}
LEVELS = {"cap tinh": Procedure.Level.PROVINCE, "cap xa": Procedure.Level.COMMUNE}
ONLINE_CLASSES = {
    "": Procedure.OnlineClass.NONE,
    "toan trinh": Procedure.OnlineClass.FULL,
    "mot phan": Procedure.OnlineClass.PARTIAL,
}
PROVIDERS = {
    "": Procedure.OnlineProvider.PROVINCE,
    "tinh": Procedure.OnlineProvider.PROVINCE,
    "trung uong": Procedure.OnlineProvider.CENTRAL,
}
FLAGS = {"co": True, "x": True, "khong": False, "": False}
# DOMAIN.md §7: legacy level 4 is toàn trình, 3 một phần; level 2 was never online.
CLASS_OF_LEVEL = {
    Procedure.LegacyLevel.LEVEL_4: Procedure.OnlineClass.FULL,
    Procedure.LegacyLevel.LEVEL_3: Procedure.OnlineClass.PARTIAL,
    Procedure.LegacyLevel.LEVEL_2: Procedure.OnlineClass.NONE,
}
CLASS_NAMES = {
    Procedure.OnlineClass.FULL: "toàn trình",
    Procedure.OnlineClass.PARTIAL: "một phần",
    Procedure.OnlineClass.NONE: "không cung cấp trực tuyến",
}
LEVEL_OF_CLASS = {online_class: level for level, online_class in CLASS_OF_LEVEL.items()}
SOURCES = [source.value for source in Component.Source if source.value]
COMPONENT_FORMAT = "tên | bản chính hoặc bản sao | số bản | bắt buộc hoặc không | nguồn dữ liệu"


@dataclass(frozen=True)
class ProcedureCode:
    national: str
    local: str | None  # None: the file gave the national form only


def parse_code(value: Any) -> ProcedureCode:
    # Excel turns a code typed as 1.001190 into the number 1.00119: give back its six decimals.
    text = f"{value:.6f}" if isinstance(value, float) else _text(value).upper()
    if not text:
        raise CellError("không được để trống.")
    if NATIONAL_CODE.fullmatch(text):
        return ProcedureCode(national=text, local=None)
    parts = text.split(".")
    national = ".".join(parts[:2])
    suffix = ".".join(parts[2:])
    if NATIONAL_CODE.fullmatch(national) and AGENCY_SUFFIX.fullmatch(suffix):
        return ProcedureCode(national=national, local=text)
    raise CellError(f'"{text}" không đúng dạng mã thủ tục (1.001193 hoặc 1.001193.000.00.00.H21).')


def parse_required_text(value: Any, *, max_length: int) -> str:
    text = _text(value)
    if not text:
        raise CellError("không được để trống.")
    return parse_text(text, max_length=max_length)


def parse_text(value: Any, *, max_length: int | None = None) -> str:
    text = _text(value)
    if max_length is not None and len(text) > max_length:
        raise CellError(f"dài {len(text)} ký tự, quá giới hạn {max_length} ký tự.")
    return text


def _choice(value: Any, choices: dict[str, Any], shown: Iterable[str]) -> Any:
    text = _text(value)
    try:
        return choices[fold(text)]
    except KeyError:
        raise CellError(
            f'"{text}" không hợp lệ (chọn một trong: {", ".join(shown)}).'
            if text
            else f"không được để trống (chọn một trong: {', '.join(shown)})."
        ) from None


def parse_level(value: Any) -> str:
    return str(_choice(value, LEVELS, ["Cấp tỉnh", "Cấp xã"]))


def parse_unit(value: Any) -> str:
    return str(_choice(value, UNITS, [unit.label for unit in DurationUnit]))


def parse_online_class(value: Any) -> str:
    return str(_choice(value, ONLINE_CLASSES, ["Toàn trình", "Một phần", "để trống"]))


def parse_provider(value: Any) -> str:
    return str(_choice(value, PROVIDERS, ["Tỉnh", "Trung ương", "để trống"]))


def parse_flag(value: Any) -> bool:
    return bool(_choice(value, FLAGS, ["Có", "Không", "x", "để trống"]))


DIGITS = re.compile(r"[0-9]+")  # str.isdigit() also takes "²", which int() refuses
# Bounds that keep a typing slip from overflowing the database column (and the transaction).
MAX_TIME_LIMIT = 9_999
MAX_COPIES = 999
MAX_FEE = 10**12


def positive_int(text: str, *, maximum: int, what: str = "") -> int:
    subject = f'{what} "{text}"' if what else f'"{text}"'
    if not DIGITS.fullmatch(text) or int(text) == 0:
        raise CellError(f"{subject} không phải số nguyên dương.")
    if int(text) > maximum:
        raise CellError(f"{subject} quá lớn (tối đa {_n(maximum)}).")
    return int(text)


def parse_time_limit(value: Any, unit: str | None) -> int:
    text = _text(value)
    # "Trong ngày" carries no number: the limit is the day itself.
    if unit == DurationUnit.SAME_DAY and text in ("", "0"):
        return 0
    if not text:
        raise CellError("không được để trống.")
    return positive_int(text, maximum=MAX_TIME_LIMIT)


def parse_legacy_level(value: Any) -> int | None:
    text = fold(_text(value)).removeprefix("muc do").strip()
    if not text:
        return None
    if text not in ("2", "3", "4"):
        raise CellError(f'"{_text(value)}" không hợp lệ (chọn một trong: 2, 3, 4).')
    return int(text)


# Thousands grouped with one separator throughout: 50.000, 1,250,000, 50 000.
GROUPED_AMOUNT = re.compile(r"[0-9]{1,3}(?P<sep>[., ])[0-9]{3}(?:(?P=sep)[0-9]{3})*")
CURRENCY_SUFFIXES = ("dong", "vnd", "d")


def parse_fee(value: Any) -> int:
    text = _text(value)
    amount = fold(text)
    for suffix in CURRENCY_SUFFIXES:
        if amount.endswith(suffix):
            amount = amount.removesuffix(suffix).strip()
            break
    if not amount:
        return 0
    if DIGITS.fullmatch(amount) or GROUPED_AMOUNT.fullmatch(amount):
        fee = int(re.sub(r"[., ]", "", amount))
        if fee > MAX_FEE:
            raise CellError(f'"{text}" quá lớn (tối đa {_n(MAX_FEE)} đồng).')
        return fee
    raise CellError(f'"{text}" không phải số tiền hợp lệ (số nguyên đồng, ví dụ 50.000).')


def parse_list(value: Any) -> list[str]:
    return [item.strip() for item in _text(value).split(";") if item.strip()]


@dataclass(frozen=True)
class ComponentLine:
    name: str
    original_count: int
    copy_count: int
    required: bool
    replaced_by: str

    def as_state(self) -> tuple[str, int, int, bool, str]:
        return (self.name, self.original_count, self.copy_count, self.required, self.replaced_by)


_NAME_MAX = Component._meta.get_field("name").max_length or 700


def parse_components(value: Any) -> tuple[list[ComponentLine], list[CellError]]:
    """One component per line of the cell; every bad line is reported, not only the first."""
    lines = [line.strip() for line in _text(value).splitlines() if line.strip()]
    components: list[ComponentLine] = []
    errors: list[CellError] = []
    for number, line in enumerate(lines, start=1):
        try:
            components.append(_parse_component(line))
        except CellError as error:
            error.item = number
            errors.append(error)
    return components, errors


def _parse_component(line: str) -> ComponentLine:
    parts = [part.strip() for part in line.split("|")]
    # The data source is the last part and is often left out with its separator.
    if len(parts) == 4:
        parts.append("")
    if len(parts) != 5:
        raise CellError(f'"{line}" không đúng dạng "{COMPONENT_FORMAT}".')
    name, kind, count_text, required_text, source_text = parts
    if not name:
        raise CellError("thiếu tên giấy tờ.")
    if len(name) > _NAME_MAX:
        raise CellError(f"tên giấy tờ dài {len(name)} ký tự, quá giới hạn {_NAME_MAX} ký tự.")
    if fold(kind) not in ("ban chinh", "ban sao"):
        raise CellError(f'loại bản "{kind}" không hợp lệ (chọn "bản chính" hoặc "bản sao").')
    count = positive_int(count_text, maximum=MAX_COPIES, what="số bản")
    required = {"bat buoc": True, "khong": False, "khong bat buoc": False}.get(fold(required_text))
    if required is None:
        raise CellError(f'"{required_text}" không hợp lệ (chọn "bắt buộc" hoặc "không").')
    source = source_text.upper()
    if source and source not in SOURCES:
        raise CellError(
            f'nguồn dữ liệu "{source_text}" không hợp lệ (chọn một trong: {", ".join(SOURCES)}).'
        )
    original = fold(kind) == "ban chinh"
    return ComponentLine(
        name=name,
        original_count=count if original else 0,
        copy_count=0 if original else count,
        required=required,
        replaced_by=source,
    )


# ---------------------------------------------------------------------------------------------
# The catalog as the import needs it, loaded in a handful of queries


@dataclass
class Catalog:
    agency_ids: dict[str, int]
    agency_codes: dict[str, str]  # upper-cased code -> the code as stored
    current_agencies: set[str]
    fields_by_code: dict[str, Field]
    fields_by_name: dict[str, Field]  # by folded name
    procedures: dict[str, Procedure]  # by national code, with agencies, fees and components
    with_steps: set[int]  # ids of procedures that already have processing steps
    new_fields: dict[str, Field] = field(default_factory=dict)  # created by this file, unsaved

    @classmethod
    def load(cls, codes: Iterable[str]) -> "Catalog":
        fields = list(Field.objects.all())
        procedures: dict[str, Procedure] = {}
        codes = sorted(set(codes))
        # Chunks keep the IN lists well under the database's limit on query parameters.
        for start in range(0, len(codes), 500):
            chunk = (
                Procedure.objects.filter(code__in=codes[start : start + 500])
                .select_related("field")
                .prefetch_related(
                    Prefetch("agencies", queryset=Agency.objects.only("id", "code")),
                    "fees",
                    "components",
                )
            )
            procedures.update((p.code, p) for p in chunk)
        with_steps = set(
            Step.objects.filter(procedure__in=[p.pk for p in procedures.values()])
            .values_list("procedure_id", flat=True)
            .distinct()
        )
        agency_ids = dict(Agency.objects.values_list("code", "id"))
        return cls(
            agency_ids=agency_ids,
            agency_codes={code.upper(): code for code in agency_ids},
            current_agencies=set(Agency.objects.current().values_list("code", flat=True)),
            fields_by_code={f.code: f for f in fields},
            fields_by_name={fold(f.name): f for f in reversed(fields)},
            procedures=procedures,
            with_steps=with_steps,
        )

    def field_for(self, code: str, name: str) -> Field:
        """The field a row names, created (unsaved) when new: by code when given, else by name,
        under a code derived from the name so that the next import finds it again."""
        if not code:
            known = self.fields_by_name.get(fold(name))
            if known is not None:
                return known
            code = derived_field_code(name)
        known = self.fields_by_code.get(code) or self.new_fields.get(code)
        if known is not None:
            return known
        if not name:
            raise CellError(f'mã lĩnh vực "{code}" chưa có trong danh mục: cần ghi tên lĩnh vực.')
        new = Field(code=code, name=name)
        self.new_fields[code] = new
        self.fields_by_name.setdefault(fold(name), new)
        return new


_FIELD_CODE_MAX = Field._meta.get_field("code").max_length or 50


def derived_field_code(name: str) -> str:
    """'Văn hóa cơ sở' -> 'LV-VAN-HOA-CO-SO': stable, readable, within the column's length."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-").upper()
    code = f"LV-{slug}"
    if len(code) <= _FIELD_CODE_MAX:
        return code
    digest = hashlib.sha1(fold(name).encode(), usedforsecurity=False).hexdigest()[:8].upper()
    return f"{code[: _FIELD_CODE_MAX - 9]}-{digest}"


# ---------------------------------------------------------------------------------------------
# Rows: what the file wants, compared with what the catalog holds

# The procedure attributes an import sets; the rest (requirements, forms, publication ...) are
# left as an administrator made them.
SCALARS = (
    "local_code",
    "name",
    "level",
    "legal_basis",
    "time_limit",
    "time_limit_unit",
    "applicant_types",
    "result_name",
    "legacy_level",
    "online_class",
    "online_provider",
    "online_only",
    "postal_submission",
    "postal_return",
)
# Columns read by one cell parser each; the others depend on a neighbour or on the catalog.
_CELL_PARSERS: dict[str, Callable[[Any], Any]] = {
    "name": lambda v: parse_required_text(v, max_length=500),
    "level": parse_level,
    "legal_basis": parse_text,
    "applicant_types": parse_list,
    "result_name": lambda v: parse_text(v, max_length=500),
    "online_provider": parse_provider,
    "postal_submission": parse_flag,
    "postal_return": parse_flag,
    "online_only": parse_flag,
}


@dataclass
class RowPlan:
    row: int
    code: str
    state: dict[str, Any]  # the procedure as the file wants it
    existing: Procedure | None
    changed: set[str]  # keys of `state` that differ from the catalog
    warnings: list[str]

    @property
    def outcome(self) -> str:
        if self.existing is None:
            return "created"
        return "updated" if self.changed else "unchanged"


def state_of(procedure: Procedure | None) -> dict[str, Any]:
    """The comparable state of a procedure (empty for a new one), in the shape
    `RowParser.desired_state` builds from a row."""
    if procedure is None:
        return {}
    state: dict[str, Any] = {name: getattr(procedure, name) for name in SCALARS}
    state["code"] = procedure.code
    state["field"] = procedure.field.code
    # These read the prefetched rows: no query per procedure.
    state["agencies"] = sorted(agency.code for agency in procedure.agencies.all())
    state["fees"] = [(fee.name, fee.amount, fee.condition) for fee in procedure.fees.all()]
    state["components"] = [
        ComponentLine(c.name, c.original_count, c.copy_count, c.required, c.replaced_by).as_state()
        for c in procedure.components.all()
    ]
    return state


def new_procedure_state() -> dict[str, Any]:
    """The state of a procedure not yet in the catalog: the model's defaults."""
    default = Procedure()
    state = {name: getattr(default, name) for name in SCALARS}
    return {**state, "agencies": [], "fees": [], "components": []}


class RowParser:
    """Turns one row into a RowPlan, collecting every error of the row."""

    def __init__(self, table: Table, positions: dict[str, int], catalog: Catalog) -> None:
        self.table = table
        self.positions = positions
        self.catalog = catalog

    def header(self, key: str) -> str:
        # The column name as the person sees it in their own file.
        return " ".join(self.table.headers[self.positions[key]].split())

    def message(self, row: int, key: str, error: CellError) -> str:
        where = f'Dòng {row}, cột "{self.header(key)}"'
        if error.item is not None:
            where += f", giấy tờ thứ {error.item}"
        return f"{where}: {error.reason}"

    def cell(self, cells: list[Any], key: str) -> Any:
        index = self.positions[key]
        return cells[index] if index < len(cells) else None

    def plan(self, row: int, cells: list[Any]) -> RowPlan | list[str]:
        errors: list[str] = []
        values: dict[str, Any] = {}

        def take(key: str, parser: Callable[[Any], Any]) -> None:
            if key not in self.positions:
                return
            try:
                values[key] = parser(self.cell(cells, key))
            except CellError as error:
                errors.append(self.message(row, key, error))

        take("code", parse_code)
        for key, parser in _CELL_PARSERS.items():
            take(key, parser)
        take("time_limit_unit", parse_unit)
        if "time_limit_unit" in values:
            take("time_limit", lambda v: parse_time_limit(v, values["time_limit_unit"]))
        take("legacy_level", parse_legacy_level)
        take("online_class", parse_online_class)
        take("fee", parse_fee)
        take("agencies", self.parse_agencies)
        if "components" in self.positions:
            components, component_errors = parse_components(self.cell(cells, "components"))
            values["components"] = components
            errors.extend(self.message(row, "components", e) for e in component_errors)
        field_ = self.resolve_field(row, cells, errors)
        if errors:
            return errors

        code: ProcedureCode = values.pop("code")
        existing = self.catalog.procedures.get(code.national)
        state = self.desired_state(values, code, field_, existing)
        warnings = self.online_warnings(row, cells, values)
        if state["online_only"] and not state["online_class"]:
            error = CellError(
                "thủ tục không có dịch vụ công trực tuyến thì không thể chỉ tiếp nhận trực tuyến."
            )
            # Blame the flag when the file has it, else the column that took the service away.
            keys = ("online_only", "online_class", "legacy_level")
            return [self.message(row, next(k for k in keys if k in self.positions), error)]
        current = state_of(existing)
        changed = {key for key in state if current.get(key) != state[key]}
        warnings += self.step_warnings(row, existing, current, state)
        return RowPlan(row, code.national, state, existing, changed, warnings)

    def parse_agencies(self, value: Any) -> list[str]:
        written = parse_list(value)
        # Identifier codes are upper case (000.00.02.H21); a hand-typed "h21" still finds it.
        known = self.catalog.agency_codes
        unknown = [code for code in written if code.upper() not in known]
        if unknown:
            raise CellError(
                "không có cơ quan nào mang mã " + ", ".join(f'"{code}"' for code in unknown) + "."
            )
        codes = sorted({known[code.upper()] for code in written})
        closed = [code for code in codes if code not in self.catalog.current_agencies]
        if closed:
            raise CellError(
                "cơ quan đã ngừng hoạt động: " + ", ".join(f'"{code}"' for code in closed) + "."
            )
        return codes

    def resolve_field(self, row: int, cells: list[Any], errors: list[str]) -> Field | None:
        code = _text(self.cell(cells, "field_code")) if "field_code" in self.positions else ""
        name = _text(self.cell(cells, "field_name")) if "field_name" in self.positions else ""
        key = "field_code" if "field_code" in self.positions else "field_name"
        try:
            if not code and not name:
                raise CellError("không được để trống.")
            if len(code) > _FIELD_CODE_MAX:
                raise CellError(f'mã "{code}" dài quá {_FIELD_CODE_MAX} ký tự.')
            return self.catalog.field_for(code, parse_text(name, max_length=255))
        except CellError as error:
            errors.append(self.message(row, key, error))
            return None

    def desired_state(
        self,
        values: dict[str, Any],
        code: ProcedureCode,
        field_: Field | None,
        existing: Procedure | None,
    ) -> dict[str, Any]:
        """The catalog's state overlaid with the file's: a column absent from the file leaves
        the attribute as it is (defaults for a new procedure); an empty cell clears it."""
        state = state_of(existing) if existing is not None else new_procedure_state()
        state["code"] = code.national
        if code.local is not None:
            state["local_code"] = code.local
        assert field_ is not None  # resolve_field reported an error otherwise
        state["field"] = field_.code
        for name in SCALARS:
            if name in values:
                state[name] = values[name]
        if "legacy_level" in values or "online_class" in values:
            state["legacy_level"], state["online_class"] = online_levels(values)
        if "agencies" in values:
            state["agencies"] = values["agencies"]
        if "fee" in values:
            # A free procedure has no fee line rather than a line of 0 đồng.
            state["fees"] = [(FEE_NAME, values["fee"], "")] if values["fee"] else []
        if "components" in values:
            state["components"] = [c.as_state() for c in values["components"]]
        return state

    def online_warnings(self, row: int, cells: list[Any], values: dict[str, Any]) -> list[str]:
        level, online_class = values.get("legacy_level"), values.get("online_class")
        if level is None or not online_class or CLASS_OF_LEVEL[level] == online_class:
            return []
        written = _text(self.cell(cells, "online_class"))
        expected = CLASS_NAMES[CLASS_OF_LEVEL[level]]
        return [
            f'Dòng {row}, cột "{self.header("online_class")}": "{written}" không khớp mức độ '
            f'{level} (mức độ {level} tương ứng {expected}); vẫn nhập theo "{written}".'
        ]

    def step_warnings(
        self,
        row: int,
        existing: Procedure | None,
        current: dict[str, Any],
        state: dict[str, Any],
    ) -> list[str]:
        # Existing steps are kept (an administrator may have refined them), so a new time limit
        # leaves their budgets adding up to the old one until someone adjusts them.
        if existing is None or existing.pk not in self.catalog.with_steps:
            return []
        before = (current["time_limit"], current["time_limit_unit"])
        after = (state["time_limit"], state["time_limit_unit"])
        if before == after:
            return []
        old, new = (
            f"{limit} {DurationUnit(unit).label.lower()}" for limit, unit in (before, after)
        )
        return [
            f'Dòng {row}, cột "{self.header("time_limit")}": thời hạn đổi từ {old} thành {new}; '
            "các bước xử lý hiện có được giữ nguyên, cần điều chỉnh thời gian các bước."
        ]


def online_levels(values: dict[str, Any]) -> tuple[int, str]:
    """(legacy level, online class) from whichever of the two the row gives (DOMAIN.md §7). A
    given class wins over the level's: it is the newer classification (Decree 42/2022)."""
    level = values.get("legacy_level")
    online_class = values.get("online_class") or ""
    if level is None:
        level = LEVEL_OF_CLASS[Procedure.OnlineClass(online_class)]
    if not online_class:
        online_class = CLASS_OF_LEVEL[Procedure.LegacyLevel(level)]
    return int(level), str(online_class)


# ---------------------------------------------------------------------------------------------
# The import


@dataclass
class ImportReport:
    file_name: str
    rows: int
    dry_run: bool
    partial: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows with errors
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def importable(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def succeeded(self) -> bool:
        """All rows were valid, or, with `partial`, at least one was."""
        return not self.errors or (self.partial and self.importable > 0)


def import_procedures(
    path: Path,
    *,
    partial: bool = False,
    dry_run: bool = False,
    by: User | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the procedures of an XLSX or CSV file in the format of DOMAIN.md §10.

    Raises ImportRefused when the file itself cannot be used. Row errors are in the report:
    with any of them nothing is written, unless `partial`, which writes the valid rows.
    """
    table = read_table(path)
    positions = match_columns(table.headers)
    # The transaction starts before the catalog is read, so what is compared is what is written
    # over (on SQLite the transaction takes the write lock at once).
    with nullcontext() if dry_run else transaction.atomic():
        catalog = Catalog.load(_national_codes(table, positions))
        report = ImportReport(table.file_name, len(table.rows), dry_run=dry_run, partial=partial)
        plans = _plan_rows(table, positions, catalog, report)
        if dry_run or not report.succeeded:
            return report
        _write(plans, catalog, file_name=table.file_name, by=by, progress=progress, report=report)
    return report


def _national_codes(table: Table, positions: dict[str, int]) -> Iterator[str]:
    for _, cells in table.rows:
        code = _national_code(cells, positions)
        if code is not None:
            yield code


def _national_code(cells: list[Any], positions: dict[str, int]) -> str | None:
    index = positions["code"]
    try:
        return parse_code(cells[index] if index < len(cells) else None).national
    except CellError:
        return None


def _plan_rows(
    table: Table, positions: dict[str, int], catalog: Catalog, report: ImportReport
) -> list[RowPlan]:
    parser = RowParser(table, positions, catalog)
    plans: list[RowPlan] = []
    first_row_of: dict[str, int] = {}
    for row, cells in table.rows:
        plan = parser.plan(row, cells)
        # A repeated code is an error of the later row even when the earlier one has errors of
        # its own: with --partial, fixing that one later must not meet a second procedure.
        code = _national_code(cells, positions)
        if code is not None and code in first_row_of:
            duplicate = (
                f'Dòng {row}, cột "{parser.header("code")}": mã "{code}" trùng với '
                f"dòng {first_row_of[code]}."
            )
            plan = [duplicate, *(plan if isinstance(plan, list) else [])]
        elif code is not None:
            first_row_of[code] = row
        if isinstance(plan, list):
            report.errors.extend(plan)
            report.skipped += 1
            continue
        report.warnings.extend(plan.warnings)
        setattr(report, plan.outcome, getattr(report, plan.outcome) + 1)
        plans.append(plan)
    return plans


def _write(
    plans: list[RowPlan],
    catalog: Catalog,
    *,
    file_name: str,
    by: User | None,
    progress: Progress | None,
    report: ImportReport,
) -> None:
    changed = [plan for plan in plans if plan.changed]
    _save_new_fields(changed, catalog)
    procedures = _save_procedures(changed, catalog)
    # Agencies, fees and components of all rows in a few statements: row by row, they cost
    # several seconds more on a 2,000-row file.
    _replace_agencies(changed, procedures, catalog)
    _replace_fees(changed, procedures)
    _replace_components(changed, procedures)
    for done, plan in enumerate(plans, start=1):
        if plan.changed:
            procedure = procedures[plan.code]
            # Steps are not in the exchange format: a new procedure gets the default template;
            # an existing one keeps the steps an administrator may have refined.
            if procedure.pk not in catalog.with_steps:
                apply_default_steps(procedure)
                catalog.with_steps.add(procedure.pk)
            note = f"Nhập từ tệp {file_name}, dòng {plan.row}."
            record_revision(procedure, by=by, source=Revision.Source.IMPORT, note=note)
        if progress is not None:
            progress(done, len(plans))
    report.written = True
    audit.record(
        by,
        AUDIT_ACTION,
        None,
        {
            "file": file_name,
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "skipped": report.skipped,
            "warnings": len(report.warnings),
            "partial": report.partial,
        },
    )


def _save_new_fields(plans: list[RowPlan], catalog: Catalog) -> None:
    # Only the fields of rows being written: a field named by a skipped row is not created.
    used = {plan.state["field"] for plan in plans}
    for code, new_field in catalog.new_fields.items():
        if code in used:
            new_field.save()
            catalog.fields_by_code[code] = new_field


def _save_procedures(plans: list[RowPlan], catalog: Catalog) -> dict[str, Procedure]:
    """The procedures of `plans` with their new attributes, saved, by code."""
    procedures: dict[str, Procedure] = {}
    new: list[Procedure] = []
    for plan in plans:
        procedure = plan.existing or Procedure(code=plan.code)
        for name in SCALARS:
            setattr(procedure, name, plan.state[name])
        procedure.field = catalog.fields_by_code[plan.state["field"]]
        procedures[plan.code] = procedure
        if plan.existing is None:
            # bulk_create skips save(), where the search copies are made.
            procedure.refresh_search_fields()
            new.append(procedure)
        else:
            procedure.save()
    Procedure.objects.bulk_create(new)
    return procedures


def _chunks(items: list[Any], size: int = 500) -> Iterator[list[Any]]:
    # Keeps IN lists under SQLite's limit on query parameters.
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _clear_replaced(
    model: type[models.Model], plans: list[RowPlan], key: str, procedures: dict[str, Procedure]
) -> list[RowPlan]:
    """Delete the old rows of `model` for the existing procedures whose `key` changed; return the
    plans whose `key` is to be written."""
    ids = [procedures[p.code].pk for p in plans if p.existing is not None and key in p.changed]
    for chunk in _chunks(ids):
        model._default_manager.filter(procedure_id__in=chunk).delete()
    return [p for p in plans if key in p.changed]


def _replace_agencies(
    plans: list[RowPlan], procedures: dict[str, Procedure], catalog: Catalog
) -> None:
    through = Procedure.agencies.through
    replaced = _clear_replaced(through, plans, "agencies", procedures)
    through.objects.bulk_create(
        through(procedure_id=procedures[plan.code].pk, agency_id=catalog.agency_ids[code])
        for plan in replaced
        for code in plan.state["agencies"]
    )


def _replace_fees(plans: list[RowPlan], procedures: dict[str, Procedure]) -> None:
    replaced = _clear_replaced(Fee, plans, "fees", procedures)
    Fee.objects.bulk_create(
        Fee(
            procedure=procedures[plan.code],
            order=order,
            name=name,
            amount=amount,
            condition=condition,
        )
        for plan in replaced
        for order, (name, amount, condition) in enumerate(plan.state["fees"], start=1)
    )


def _replace_components(plans: list[RowPlan], procedures: dict[str, Procedure]) -> None:
    # The file carries no form templates nor conditions: keep those an administrator attached
    # to a component of the same name, so that a re-import does not lose an uploaded form.
    # (The old components were prefetched with the procedure, before being deleted here.)
    kept = {
        plan.code: {c.name: c for c in plan.existing.components.all()}
        for plan in plans
        if plan.existing is not None and "components" in plan.changed
    }
    replaced = _clear_replaced(Component, plans, "components", procedures)
    components = []
    for plan in replaced:
        previous_of = kept.get(plan.code, {})
        for order, line in enumerate(plan.state["components"], start=1):
            name, original, copies, required, source = line
            previous = previous_of.get(name)
            components.append(
                Component(
                    procedure=procedures[plan.code],
                    order=order,
                    name=name,
                    original_count=original,
                    copy_count=copies,
                    required=required,
                    replaced_by=source,
                    condition=previous.condition if previous and not required else "",
                    template=previous.template if previous else "",
                    template_name=previous.template_name if previous else "",
                )
            )
    Component.objects.bulk_create(components)


def _n(number: int) -> str:
    # Vietnamese groups thousands with a dot: 2.000.
    return f"{number:,}".replace(",", ".")


def summary(report: ImportReport) -> str:
    """The closing line for a person at the console, in Vietnamese."""
    counts = (
        f"tạo mới {_n(report.created)}, cập nhật {_n(report.updated)}, "
        f"không đổi {_n(report.unchanged)}, bỏ qua {_n(report.skipped)}, "
        f"cảnh báo {_n(len(report.warnings))}"
    )
    rows = f"{_n(report.rows)} dòng"
    if report.dry_run:
        verdict = "" if report.succeeded else " Tệp sẽ bị từ chối vì có dòng lỗi."
        return f"Chạy thử, không ghi gì: tệp {report.file_name} ({rows}) sẽ {counts}.{verdict}"
    if not report.written:
        return f"Không nhập gì từ tệp {report.file_name}: {_n(report.skipped)} trong {rows} có lỗi."
    return f"Đã nhập tệp {report.file_name} ({rows}): {counts}."
