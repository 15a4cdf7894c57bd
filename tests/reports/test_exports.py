"""The standard period report downloaded from the dashboard: XLSX cell by cell, CSV, PDF text."""

# ruff: noqa: F811  (the `march` fixture is imported from test_decision766)

import csv
import io
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from motcua.core.models.audit import AuditEntry
from tests.dossiers.conftest import official

from .test_decision766 import march  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

MARCH_QUERY = {"ky": "thang", "nam": "2026", "so": "3"}


@pytest.fixture
def minh(cast):
    return official("minh", "Đinh Công Minh", (cast.center, "province_admin"))


def _download(client, user, fmt, **params):
    client.force_login(user)
    return client.get(reverse("reports:export", args=[fmt]), {**MARCH_QUERY, **params})


def test_xlsx_has_the_standard_layout_with_numbers_as_numbers(client, cast, march, minh):
    response = _download(client, minh, "xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    assert sheet["A2"].value == "Kỳ báo cáo: 01/03/2026 – 31/03/2026. Phạm vi: Toàn tỉnh Gia Lai"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:Q1", "A2:Q2", "A4:A5", "B4:B5", "C4:C5", "D4:G4", "H4:K4", "L4:N4"} <= merged
    assert (sheet["A4"].value, sheet["B4"].value, sheet["C4"].value) == (
        "STT",
        "Cơ quan tiếp nhận",
        "Kỳ trước chuyển sang",
    )
    assert (sheet["D4"].value, sheet["H4"].value, sheet["L4"].value) == (
        "Tiếp nhận trong kỳ",
        "Đã giải quyết",
        "Đang giải quyết",
    )
    assert [sheet.cell(5, c).value for c in range(4, 15)] == [
        "Tổng số",
        "Trực tuyến",
        "Trực tiếp",
        "Bưu chính",
        "Tổng số",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Tổng số",
        "Trong hạn",
        "Quá hạn",
    ]
    # One agency (the centre) and the total; March: carried over 0, received 5 (2 online,
    # 3 desk), finished 3 (d1, d5 on time or early, d2 late), in progress 2 (d3 within, d4
    # overdue), returned 3.
    centre = [sheet.cell(6, c).value for c in range(1, 18)]
    total = [sheet.cell(7, c).value for c in range(1, 18)]
    assert centre[:2] == [1, cast.center.name]
    assert centre[2:6] == [0, 5, 2, 3]
    assert centre[6] == 0
    assert centre[7] == 3 and centre[8] + centre[9] == 2 and centre[10] == 1
    assert centre[11:14] == [2, 1, 1]
    assert centre[14:17] == [0, 0, 3]
    assert total[0] is None and total[1] == "Tổng cộng"
    assert total[2:] == centre[2:]
    assert all(isinstance(v, int) for v in centre[2:])
    assert sheet.max_row == 7
    assert AuditEntry.objects.filter(action="reports.export", actor=minh).exists()


def test_csv_is_the_machine_shape_of_the_same_report(client, cast, march, minh):
    response = _download(client, minh, "csv", co_quan=cast.center.code)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    # An agency's export is by procedure: lltp, building, household, copy_cert, then the total.
    by_code = {row["group"]: row for row in rows}
    assert set(by_code) == {"2.001417", "1.009794", "1.004194", "2.000815", "total"}
    assert by_code["2.001417"]["received_online"] == "2"
    assert by_code["2.001417"]["late"] == "1"
    assert by_code["total"]["received"] == "5"
    assert by_code["total"]["in_progress_overdue"] == "1"


def test_pdf_reads_back_with_its_vietnamese_headings_and_figures(client, cast, march, minh):
    response = _download(client, minh, "pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = unicodedata.normalize(
        "NFC",
        "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages),
    )
    for expected in (
        "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "01/03/2026 – 31/03/2026",
        "Tiếp nhận trong kỳ",
        "Đang giải quyết",
        "Tổng cộng",
        "Trung tâm Phục vụ hành chính công",
    ):
        assert expected in text, expected


def test_an_unknown_format_or_grouping_is_a_404(client, cast, minh):
    assert _download(client, minh, "docx").status_code == 404
    assert _download(client, minh, "csv", theo="field").status_code == 404


def test_a_leader_cannot_export_another_agency(client, cast, march):
    response = _download(client, cast.nhung, "xlsx", co_quan=cast.center.code)
    assert response.status_code == 404
