"""The standard period report (DOMAIN.md §8) as a spreadsheet in the layout provinces file.

Title and period on merged rows, a two-row header whose group headings (Tiếp nhận, Đã giải
quyết, Đang giải quyết) span their columns, one row per agency or procedure, the total last.
Counts are written as numbers, never as text, so the recipient can sum and check them. The
PDF (reports.pdf) reads the same LAYOUT.
"""

import io
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .exports import SCOPE_LABELS

# (group heading or None, column heading, key in the report's rows); the order is the form's.
LAYOUT: tuple[tuple[str | None, str, str], ...] = (
    (None, "Kỳ trước chuyển sang", "carried_over"),
    ("Tiếp nhận trong kỳ", "Tổng số", "received"),
    ("Tiếp nhận trong kỳ", "Trực tuyến", "received_online"),
    ("Tiếp nhận trong kỳ", "Trực tiếp", "received_desk"),
    ("Tiếp nhận trong kỳ", "Bưu chính", "received_postal"),
    ("Đã giải quyết", "Tổng số", "finished"),
    ("Đã giải quyết", "Trước hạn", "early"),
    ("Đã giải quyết", "Đúng hạn", "on_time"),
    ("Đã giải quyết", "Quá hạn", "late"),
    ("Đang giải quyết", "Tổng số", "in_progress"),
    ("Đang giải quyết", "Trong hạn", "in_progress_within_time"),
    ("Đang giải quyết", "Quá hạn", "in_progress_overdue"),
    (None, "Chờ bổ sung", "awaiting_supplement"),
    (None, "Dừng xử lý", "stopped"),
    (None, "Đã trả kết quả", "returned"),
)
TITLE = "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
GROUP_HEADINGS = {"agency": "Cơ quan tiếp nhận", "procedure": "Thủ tục hành chính"}

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def period_line(data: dict[str, Any]) -> str:
    start = date.fromisoformat(data["period"]["from"])
    end = date.fromisoformat(data["period"]["to"])
    scope = data["scope"]
    where = SCOPE_LABELS.get(scope["kind"], scope["kind"])
    return f"Kỳ báo cáo: {start:%d/%m/%Y} – {end:%d/%m/%Y}. Phạm vi: {where} {scope['name']}"


def to_xlsx(data: dict[str, Any]) -> bytes:
    """`data` is `period_report(...).as_dict()`."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Báo cáo"
    width = 2 + len(LAYOUT)
    last = get_column_letter(width)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"] = TITLE
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A1"].alignment = _CENTRE
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"] = period_line(data)
    sheet["A2"].alignment = _CENTRE

    # Rows 4 and 5: the two-row header. Lone columns span both rows; groups span their columns.
    header_top, header_bottom = 4, 5
    lone = [("STT", 1), (GROUP_HEADINGS.get(data["by"], "Nhóm"), 2)]
    for heading, column in lone:
        sheet.merge_cells(
            start_row=header_top, start_column=column, end_row=header_bottom, end_column=column
        )
        sheet.cell(header_top, column, heading)
    column = 3
    index = 0
    while index < len(LAYOUT):
        group, heading, _key = LAYOUT[index]
        if group is None:
            sheet.merge_cells(
                start_row=header_top, start_column=column, end_row=header_bottom, end_column=column
            )
            sheet.cell(header_top, column, heading)
            column += 1
            index += 1
            continue
        span = sum(1 for g, _h, _k in LAYOUT[index:] if g == group)
        sheet.merge_cells(
            start_row=header_top,
            start_column=column,
            end_row=header_top,
            end_column=column + span - 1,
        )
        sheet.cell(header_top, column, group)
        for offset in range(span):
            sheet.cell(header_bottom, column + offset, LAYOUT[index + offset][1])
        column += span
        index += span
    for row in sheet.iter_rows(min_row=header_top, max_row=header_bottom, max_col=width):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = _CENTRE
            cell.border = _BOX

    line = header_bottom + 1
    for number, row in enumerate(data["rows"], start=1):
        is_total = row["group"] == "total"
        sheet.cell(line, 1, None if is_total else number)
        sheet.cell(line, 2, row["name"])
        for offset, (_group, _heading, key) in enumerate(LAYOUT):
            sheet.cell(line, 3 + offset, int(row[key]))
        for cell in sheet[line][:width]:
            cell.border = _BOX
            if is_total:
                cell.font = Font(bold=True)
        line += 1

    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 42
    for column in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    sheet.freeze_panes = f"C{header_bottom + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
