"""The page furniture every slip shares: paper, font, national header, QR code, fields, signatures.

The forms themselves (motcua.dossiers.slips.forms) only say what goes where; everything about
how a line is set lives here, so the five slips look like one family, as the Circular's forms do.

Legal forms are Vietnamese only, never translated (working rules): no gettext here.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

# fontTools logs every glyph of every subset at INFO: noise in the worker's log, one per slip.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "SlipSerif"
# DejaVu Serif Condensed: the Liberation Serif on our machines (metric-compatible with Times New
# Roman, the face of official documents) lacks most Vietnamese letters (ạ, ặ, ự, ư, ơ ... were
# missing when checked with fontTools); DejaVu has all of them, and its condensed cut keeps the
# national header on one line of an A5 half-width column. See fonts/LICENSE.md.
FONT_FILES = {
    "": "DejaVuSerifCondensed.ttf",
    "B": "DejaVuSerifCondensed-Bold.ttf",
    "I": "DejaVuSerifCondensed-Italic.ttf",
}

# Circular 01/2018 Art. 9: the slips are printed on A5, 148 mm x 210 mm. Given in millimetres
# rather than as "A5", whose built-in size changed in fpdf2 2.8.5 and warns on every page.
A5_PORTRAIT = (148.0, 210.0)
A5_LANDSCAPE = (210.0, 148.0)

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

BODY_SIZE = 10.0
LINE = 4.6
QR_SIZE = 22.0


def clean(text: object) -> str:
    """NFC text on one line. Decomposed accents (as some keyboards and imports send them) would
    be drawn as loose marks without a text shaper; NFC gives the font's precomposed letters."""
    return unicodedata.normalize("NFC", " ".join(str(text or "").split()))


def moment(instant: datetime) -> str:
    """The way the forms write a time of day: "17 giờ 00 phút, ngày 17/11/2025"."""
    return f"{instant:%H} giờ {instant:%M} phút, ngày {instant:%d/%m/%Y}"


def place_and_date(place: str, day: datetime) -> str:
    return f"{place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"


@dataclass(frozen=True)
class Issuer:
    """Who issues the slip: the agency and, above it, its superior (as official forms print)."""

    superior: str
    name: str
    place: str


class SlipDocument(FPDF):
    def __init__(self, *, landscape: bool = False, created: datetime | None = None) -> None:
        size = A5_LANDSCAPE if landscape else A5_PORTRAIT
        super().__init__(orientation="portrait", unit="mm", format=size)
        self.set_margins(left=12, top=10, right=10)
        self.set_auto_page_break(auto=True, margin=12)
        for style, filename in FONT_FILES.items():
            self.add_font(FAMILY, style, str(FONT_DIR / filename))
        self.set_font(FAMILY, "", BODY_SIZE)
        # The event's instant rather than the clock: the same dossier and event give the same
        # bytes, so a re-rendered slip can be compared with the stored one.
        if created is not None:
            self.set_creation_date(created)
        self.set_creator("MotCua")
        self._beside_qr: tuple[float, float] | None = None
        self.set_lang("vi")

    # --- Header -------------------------------------------------------------------------------

    def national_header(self, issuer: Issuer, *, dated: datetime, form_label: str) -> None:
        """Agency block on the left, the nation and motto on the right (Decree 30/2020 layout),
        then the place and date line, right-aligned in italics."""
        self.add_page()
        top = self.get_y()
        left_w = self.epw * 0.42
        right_w = self.epw - left_w
        right_x = self.l_margin + left_w

        self.set_font(FAMILY, "I", 7)
        self.set_xy(right_x, top - 5)
        self.cell(right_w, 4, clean(form_label), align="R")

        self.set_xy(self.l_margin, top)
        if issuer.superior:
            self.set_font(FAMILY, "", 8.5)
            self.multi_cell(left_w, 4, clean(issuer.superior).upper(), align="C")
        self.set_font(FAMILY, "B", 8.5)
        self.set_x(self.l_margin)
        self.multi_cell(left_w, 4, clean(issuer.name).upper(), align="C")
        self._rule(self.l_margin + left_w / 2, self.get_y() + 1, 18)
        left_bottom = self.get_y()

        self.set_xy(right_x, top)
        self.set_font(FAMILY, "B", 8.5)
        self.cell(right_w, 4, NATION, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_font(FAMILY, "B", 9)
        self.cell(right_w, 4.5, MOTTO, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        motto_w = self.get_string_width(MOTTO)
        self._rule(right_x + right_w / 2, self.get_y() + 0.3, motto_w)
        self.ln(2.5)
        self.set_x(right_x)
        self.set_font(FAMILY, "I", 9)
        self.cell(right_w, 4.5, place_and_date(issuer.place, dated), align="C")

        self.set_y(max(left_bottom, self.get_y()) + 7)
        self.set_font(FAMILY, "", BODY_SIZE)

    def slip_title(self, text: str, subtitle: str = "") -> None:
        self.set_font(FAMILY, "B", 11.5)
        self.set_x(self.l_margin)
        self.multi_cell(self.epw, 5.5, clean(text).upper(), align="C", new_x=XPos.LMARGIN)
        if subtitle:
            self.set_font(FAMILY, "I", 9)
            self.multi_cell(self.epw, 4.5, clean(subtitle), align="C", new_x=XPos.LMARGIN)
        self.ln(2)
        self.set_font(FAMILY, "", BODY_SIZE)

    def code_with_qr(self, code: str, url: str, *, label: str = "Mã hồ sơ") -> None:
        """The dossier code as text, and as a QR code of the public lookup address, clickable.

        The QR sits in the top right corner of the body and the lines that follow flow beside
        it until `below_qr()`: on an A5 sheet the 25 mm it would otherwise take are a third of
        what the control sheet's table needs. The QR is drawn as vector squares rather than an
        embedded image: sharp at any printer resolution, a few hundred bytes, no image library.
        """
        top = self.get_y()
        x = self.l_margin + self.epw - QR_SIZE
        self._qr(url, x, top, QR_SIZE)
        self.link(x, top, QR_SIZE, QR_SIZE, url)
        self._beside_qr = (self.r_margin, top + QR_SIZE + 2)
        self.set_right_margin(self.r_margin + QR_SIZE + 3)
        self.set_xy(self.l_margin, top)
        self.set_font(FAMILY, "B", 11)
        self.multi_cell(self.epw, 6, f"{label}: {clean(code)}", align="L", new_x=XPos.LMARGIN)
        # The page address, not the full URL: a citizen types the code there, and a long URL
        # without spaces would run under the QR code instead of wrapping.
        lookup_page = url.removesuffix("/").rsplit("/", 1)[0] + "/"
        self.set_font(FAMILY, "I", 7.5)
        self.multi_cell(
            self.epw,
            3.6,
            f"Tra cứu tình trạng hồ sơ tại {lookup_page} bằng mã hồ sơ, hoặc quét mã QR.",
            align="L",
            new_x=XPos.LMARGIN,
        )
        self.ln(1.5)
        self.set_font(FAMILY, "", BODY_SIZE)

    def below_qr(self) -> None:
        """Back to the full width, below the QR code."""
        if self._beside_qr is None:
            return
        margin, bottom = self._beside_qr
        self._beside_qr = None
        self.set_right_margin(margin)
        if self.page == 1:
            self.set_y(max(self.get_y(), bottom))

    def _full_width_once_past_qr(self) -> None:
        if self._beside_qr is not None and self.get_y() >= self._beside_qr[1]:
            self.below_qr()

    # --- Body ---------------------------------------------------------------------------------

    def field(self, label: str, value: object = None) -> None:
        """A bold label and its value, flowing over as many lines as the value needs; without a
        value, the label alone introduces what follows (a list)."""
        self._full_width_once_past_qr()
        self.set_x(self.l_margin)
        self.set_font(FAMILY, "B", BODY_SIZE)
        self.write(LINE, clean(label) + ":")
        if value is not None:
            self.set_font(FAMILY, "", BODY_SIZE)
            self.write(LINE, " " + (clean(value) or "…"))
        self.set_font(FAMILY, "", BODY_SIZE)
        self.ln(LINE)

    def paragraph(self, text: str, *, style: str = "", size: float = BODY_SIZE) -> None:
        self._full_width_once_past_qr()
        self.set_x(self.l_margin)
        self.set_font(FAMILY, style, size)
        self.multi_cell(self.epw, LINE, clean(text), align="J", new_x=XPos.LMARGIN)
        self.set_font(FAMILY, "", BODY_SIZE)

    def items(self, lines: list[str]) -> None:
        """A numbered list, each entry hanging under its number."""
        self._full_width_once_past_qr()
        indent = 6.0
        for number, line in enumerate(lines, start=1):
            self.set_x(self.l_margin)
            self.cell(indent, LINE, f"{number}.", align="R")
            self.set_x(self.l_margin + indent + 1)
            self.multi_cell(self.epw - indent - 1, LINE, clean(line), align="L", new_x=XPos.LMARGIN)

    def grid(
        self, headings: list[str], rows: list[list[str]], widths: list[float], *, size: float = 8
    ) -> None:
        self.set_font(FAMILY, "", size)
        with self.table(
            col_widths=widths,
            line_height=size * 0.45,
            text_align="LEFT",
            headings_style=FontFace(emphasis="BOLD"),
            repeat_headings=1,
            padding=0.8,
            v_align="TOP",
        ) as table:
            heading = table.row()
            for text in headings:
                heading.cell(clean(text), align="CENTER")
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(value)
        self.set_font(FAMILY, "", BODY_SIZE)
        self.ln(2)

    def signatures(self, left: tuple[str, str] | None, right: tuple[str, str]) -> None:
        """Signature blocks: (role, name) pairs; the left one is optional (the applicant's)."""
        self.ln(3)
        if self.will_page_break(26):
            self.add_page()
        top = self.get_y()
        half = self.epw / 2
        for index, block in enumerate((left, right)):
            if block is None:
                continue
            role, name = block
            x = self.l_margin + index * half
            self.set_xy(x, top)
            self.set_font(FAMILY, "B", 9)
            self.multi_cell(half, 4.5, clean(role).upper(), align="C")
            self.set_x(x)
            self.set_font(FAMILY, "I", 8)
            self.multi_cell(half, 4, "(Ký và ghi rõ họ tên)", align="C")
            self.set_xy(x, top + 20)
            self.set_font(FAMILY, "B", 9.5)
            self.multi_cell(half, 4.5, clean(name), align="C")
        self.set_font(FAMILY, "", BODY_SIZE)

    # --- Drawing ------------------------------------------------------------------------------

    def _rule(self, centre_x: float, y: float, width: float) -> None:
        self.set_line_width(0.25)
        self.line(centre_x - width / 2, y, centre_x + width / 2, y)

    def _qr(self, data: str, x: float, y: float, size: float) -> None:
        qr = segno.make(data, error="m")
        modules = [list(row) for row in qr.matrix_iter(scale=1, border=0)]
        unit = size / len(modules)
        self.set_fill_color(0, 0, 0)
        for r, row in enumerate(modules):
            # One rectangle per run of dark modules: a fraction of the drawing operations.
            c = 0
            while c < len(row):
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < len(row) and row[c]:
                    c += 1
                self.rect(x + start * unit, y + r * unit, (c - start) * unit, unit, style="F")
