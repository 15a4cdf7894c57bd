"""The standard period report as a PDF: A4 landscape, the spreadsheet's layout (reports.xlsx).

It borrows the slips' committed DejaVu fonts and text cleaning (dossiers.slips.document), which
carry every Vietnamese letter; the slips' A5 page furniture does not fit a wide table.
"""

from typing import Any

from fpdf import FPDF

from motcua.dossiers.slips.document import FONT_DIR, FONT_FILES, clean

from .xlsx import GROUP_HEADINGS, LAYOUT, TITLE, period_line

FAMILY = "ReportSerif"
NAME_WIDTH = 62.0
NUMBER_SIZE = 7.5


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def to_pdf(data: dict[str, Any]) -> bytes:
    """`data` is `period_report(...).as_dict()`."""
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_margins(left=10, top=10, right=10)
    pdf.set_auto_page_break(auto=True, margin=12)
    for style, filename in FONT_FILES.items():
        pdf.add_font(FAMILY, style=style, fname=str(FONT_DIR / filename))
    pdf.set_title(TITLE)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 12)
    pdf.cell(0, 7, TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9)
    pdf.cell(0, 6, clean(period_line(data)), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    usable = pdf.w - pdf.l_margin - pdf.r_margin
    stt = 8.0
    cell = (usable - stt - NAME_WIDTH) / len(LAYOUT)
    height = 5.0
    pdf.set_font(FAMILY, "B", NUMBER_SIZE)
    # Header row 1: group headings over their columns, lone headings over both rows.
    x0, y0 = pdf.get_x(), pdf.get_y()
    pdf.multi_cell(stt, height * 2, "STT", border=1, align="C", new_x="RIGHT", new_y="TOP")
    name_heading = GROUP_HEADINGS.get(data["by"], "Nhóm")
    pdf.multi_cell(
        NAME_WIDTH, height * 2, name_heading, border=1, align="C", new_x="RIGHT", new_y="TOP"
    )
    index = 0
    while index < len(LAYOUT):
        group, heading, _key = LAYOUT[index]
        if group is None:
            # A box over both header rows, the heading wrapped inside it.
            x = pdf.get_x()
            pdf.rect(x, y0, cell, height * 2)
            lines = pdf.multi_cell(cell, height, heading, dry_run=True, output="LINES")
            count = len(lines) if isinstance(lines, list) else 1
            pdf.multi_cell(cell, height * 2 / count, heading, align="C", new_x="RIGHT", new_y="TOP")
            pdf.set_xy(x + cell, y0)
            index += 1
            continue
        span = sum(1 for g, _h, _k in LAYOUT[index:] if g == group)
        x = pdf.get_x()
        pdf.cell(cell * span, height, group, border=1, align="C")
        pdf.set_xy(x, y0 + height)
        for offset in range(span):
            pdf.cell(cell, height, LAYOUT[index + offset][1], border=1, align="C")
        pdf.set_xy(x + cell * span, y0)
        index += span
    pdf.set_xy(x0, y0 + height * 2)

    for number, row in enumerate(data["rows"], start=1):
        is_total = row["group"] == "total"
        pdf.set_font(FAMILY, "B" if is_total else "", NUMBER_SIZE)
        name = clean(row["name"])
        if pdf.get_string_width(name) > NAME_WIDTH - 2:
            while name and pdf.get_string_width(name + "…") > NAME_WIDTH - 2:
                name = name[:-1]
            name += "…"
        pdf.cell(stt, height, "" if is_total else str(number), border=1, align="C")
        pdf.cell(NAME_WIDTH, height, name, border=1)
        for _group, _heading, key in LAYOUT:
            pdf.cell(cell, height, _number(int(row[key])), border=1, align="R")
        pdf.ln(height)
    return bytes(pdf.output())
