import csv
import io
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper
from openpyxl import Workbook

from motcua.catalog.importers import (
    CellError,
    derived_field_code,
    import_procedures,
    parse_code,
    parse_fee,
    parse_flag,
)
from motcua.catalog.management.commands.import_procedures import ProgressBar
from motcua.catalog.models import Component, Field, Procedure, Revision, Step
from motcua.core.calendar import DurationUnit
from motcua.core.models.audit import AuditEntry
from motcua.org.models import AdministrativeUnit, Agency

SAMPLE = Path(__file__).parent / "data" / "procedures.csv"
SAMPLE_ROWS = 14


def read_sample() -> tuple[list[str], list[list[str]]]:
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    return header, rows


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    bom: bool = False,
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8", newline="")
    return path


def edit_sample(tmp_path: Path, code: str, **changes: str) -> Path:
    """The sample with one row changed, by header name."""
    header, rows = read_sample()
    for row in rows:
        if row[1] == code:
            for name, value in changes.items():
                row[header.index(name)] = value
    return write_csv(tmp_path / "edited.csv", header, rows)


def run(path: Path, *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `motcua import-procedures`."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_procedures", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(str(error))
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def agencies(db: None) -> dict[str, Agency]:
    """Gia Lai's agencies as the sample names them (codes as in the demo, DEMO.md)."""
    province = AdministrativeUnit.objects.create(code="52", name="Gia Lai", level="province")
    ward = AdministrativeUnit.objects.create(
        code="21550", name="Phường Quy Nhơn", level="commune", parent=province
    )
    commune = AdministrativeUnit.objects.create(
        code="23947", name="Xã Bờ Ngoong", level="commune", parent=province
    )
    specs = [
        ("000.00.00.H21", "UBND tỉnh Gia Lai", "provincial_committee", province),
        ("000.00.02.H21", "Sở Tư pháp tỉnh Gia Lai", "department", province),
        ("000.00.03.H21", "Sở Tài chính tỉnh Gia Lai", "department", province),
        ("000.00.04.H21", "Sở Xây dựng tỉnh Gia Lai", "department", province),
        ("000.00.05.H21", "Sở Nông nghiệp và Môi trường tỉnh Gia Lai", "department", province),
        ("000.00.11.H21", "Sở Văn hóa, Thể thao và Du lịch tỉnh Gia Lai", "department", province),
        ("001.00.90.H21", "UBND phường Quy Nhơn", "commune_committee", ward),
        ("002.00.90.H21", "UBND xã Bờ Ngoong", "commune_committee", commune),
    ]
    return {
        code: Agency.objects.create(code=code, name=name, kind=kind, unit=unit)
        for code, name, kind, unit in specs
    }


@pytest.fixture
def imported(agencies: dict[str, Agency]) -> None:
    code, _, err = run(SAMPLE)
    assert code == 0, err


# A realistic export


def test_a_realistic_export_creates_every_procedure(agencies):
    code, out, err = run(SAMPLE)

    assert code == 0, err
    assert err == ""
    assert Procedure.objects.count() == SAMPLE_ROWS
    assert out.splitlines()[-1] == (
        f"Đã nhập tệp procedures.csv ({SAMPLE_ROWS} dòng): tạo mới {SAMPLE_ROWS}, cập nhật 0, "
        "không đổi 0, bỏ qua 0, cảnh báo 1."
    )
    assert Revision.objects.filter(source="import").count() == SAMPLE_ROWS


def test_imported_procedure_carries_the_rows_values(imported):
    licence = Procedure.objects.get(code="1.002804")

    assert licence.name == "Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
    assert licence.level == Procedure.Level.PROVINCE
    assert (licence.field.code, licence.field.name) == ("H21-DB", "Đường bộ")
    assert (licence.time_limit, licence.time_limit_unit) == (5, DurationUnit.WORKING_DAYS)
    assert licence.legacy_level == 4
    assert licence.online_class == Procedure.OnlineClass.FULL
    assert licence.online_provider == Procedure.OnlineProvider.CENTRAL
    assert (licence.postal_submission, licence.postal_return, licence.online_only) == (
        True,
        True,
        True,
    )
    assert licence.applicant_types == ["Công dân Việt Nam"]
    assert licence.result_name == "Giấy phép lái xe"
    assert licence.legal_basis == "Luật Trật tự, an toàn giao thông đường bộ 2024"
    assert list(licence.agencies.values_list("code", flat=True)) == ["000.00.04.H21"]


def test_a_local_form_code_is_stored_beside_its_national_code(imported):
    birth = Procedure.objects.get(code="1.001193")

    assert birth.local_code == "1.001193.000.00.00.H21"
    assert (birth.time_limit, birth.time_limit_unit) == (0, DurationUnit.SAME_DAY)
    assert sorted(birth.agencies.values_list("code", flat=True)) == [
        "001.00.90.H21",
        "002.00.90.H21",
    ]


def test_the_multi_line_components_cell_becomes_components_with_their_data_sources(imported):
    birth = Procedure.objects.get(code="1.001193")

    assert [
        (c.order, c.name, c.original_count, c.copy_count, c.required, c.replaced_by)
        for c in birth.components.all()
    ] == [
        (1, "Tờ khai đăng ký khai sinh", 1, 0, True, ""),
        (2, "Giấy chứng sinh", 1, 0, True, ""),
        (3, "Giấy tờ tùy thân của người đi đăng ký", 0, 1, False, "CSDLQG_DAN_CU"),
    ]
    business = Procedure.objects.get(code="1.011612")
    assert [c.replaced_by for c in business.components.all()] == ["", "CSDL_DKDN", "CSDL_BHXH"]


@pytest.mark.parametrize(
    ("code", "amount"),
    [
        ("2.001417", 200_000),  # "200.000"
        ("1.009994", 75_000),  # "75,000"
        ("1.012792", 50_000),  # "50000"
        ("2.000815", 2_000),
    ],
)
def test_fees_in_every_written_form_become_one_fee_line(imported, code, amount):
    procedure = Procedure.objects.get(code=code)

    assert [(f.name, f.amount, f.condition) for f in procedure.fees.all()] == [
        ("Phí, lệ phí", amount, "")
    ]
    assert procedure.base_fee == amount


@pytest.mark.parametrize("code", ["1.001193", "1.000894", "2.002216"])  # empty, "0", empty
def test_a_free_procedure_has_no_fee_line(imported, code):
    assert not Procedure.objects.get(code=code).fees.exists()


def test_imported_procedures_get_default_steps_adding_up_to_the_time_limit(imported):
    building = Procedure.objects.get(code="1.009994")

    steps = list(building.steps.all())
    assert [s.kind for s in steps] == ["receive", "process", "approve", "return"]
    assert sum(s.budget for s in steps) == Decimal(15)
    assert steps[1].role is not None and steps[1].role.code == "specialist"
    for procedure in Procedure.objects.exclude(time_limit_unit=DurationUnit.SAME_DAY):
        assert sum(s.budget for s in procedure.steps.all()) == procedure.time_limit, procedure


def test_the_three_flags_accept_co_khong_and_x(imported):
    marriage = Procedure.objects.get(code="1.000894")  # "co", "khong", empty
    records = Procedure.objects.get(code="2.001417")  # "x", "x", empty

    assert (marriage.postal_submission, marriage.postal_return, marriage.online_only) == (
        True,
        False,
        False,
    )
    assert (records.postal_submission, records.postal_return) == (True, True)


def test_an_empty_online_class_follows_the_legacy_level(imported):
    # Level 4 -> toàn trình, level 3 -> một phần (DOMAIN.md §7); level 2 is not online.
    assert Procedure.objects.get(code="2.001417").online_class == Procedure.OnlineClass.FULL
    assert Procedure.objects.get(code="2.000488").online_class == Procedure.OnlineClass.PARTIAL
    assert Procedure.objects.get(code="2.000815").online_class == Procedure.OnlineClass.NONE


def test_a_class_contradicting_the_level_is_imported_with_a_warning(agencies):
    _, out, _ = run(SAMPLE)

    festival = Procedure.objects.get(code="1.003612")
    assert (festival.legacy_level, festival.online_class) == (3, Procedure.OnlineClass.FULL)
    assert (
        'Cảnh báo: Dòng 13, cột "Dịch vụ công trực tuyến": "Toàn trình" không khớp mức độ 3 '
        '(mức độ 3 tương ứng một phần); vẫn nhập theo "Toàn trình".'
    ) in out.splitlines()


def test_a_field_given_by_name_only_gets_a_stable_code(imported):
    festival = Procedure.objects.get(code="1.003612")

    assert (festival.field.code, festival.field.name) == ("LV-VAN-HOA-CO-SO", "Văn hóa cơ sở")
    assert derived_field_code("Văn hóa cơ sở") == "LV-VAN-HOA-CO-SO"
    assert len(derived_field_code("Lĩnh vực " * 20)) == 50


def test_fields_are_created_once_per_code(imported):
    assert Field.objects.filter(code="H21-HT").count() == 1
    assert Procedure.objects.filter(field__code="H21-HT").count() == 3


def test_the_import_leaves_one_audit_entry_for_the_file(imported):
    entry = AuditEntry.objects.get(action="catalog.import")

    assert entry.actor is None
    assert entry.details == {
        "file": "procedures.csv",
        "rows": SAMPLE_ROWS,
        "created": SAMPLE_ROWS,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
        "warnings": 1,
        "partial": False,
    }


# Re-import


def test_reimporting_the_same_file_changes_nothing(imported):
    revisions = Revision.objects.count()
    components = list(Component.objects.values_list("id", flat=True))

    code, out, _ = run(SAMPLE)

    assert code == 0
    assert out.splitlines()[-1] == (
        f"Đã nhập tệp procedures.csv ({SAMPLE_ROWS} dòng): tạo mới 0, cập nhật 0, "
        f"không đổi {SAMPLE_ROWS}, bỏ qua 0, cảnh báo 1."
    )
    assert Procedure.objects.count() == SAMPLE_ROWS
    assert Revision.objects.count() == revisions
    assert list(Component.objects.values_list("id", flat=True)) == components
    assert AuditEntry.objects.filter(action="catalog.import").count() == 2


def test_an_edited_row_updates_the_procedure_with_one_revision_naming_the_changes(
    imported, tmp_path
):
    path = edit_sample(
        tmp_path, "2.001417", **{"Thời hạn giải quyết": "7", "Phí, lệ phí (đồng)": "150.000"}
    )

    code, out, _ = run(path)

    assert code == 0
    assert "tạo mới 0, cập nhật 1, không đổi 13" in out
    records = Procedure.objects.get(code="2.001417")
    assert records.time_limit == 7
    assert [(f.name, f.amount) for f in records.fees.all()] == [("Phí, lệ phí", 150_000)]
    assert records.revisions.count() == 2
    latest = records.revisions.first()  # newest first
    assert latest is not None
    assert (latest.number, latest.source) == (2, "import")
    assert latest.changed_fields == ["fees", "time_limit"]


def test_reimport_keeps_the_steps_an_administrator_refined_and_warns_of_a_new_limit(
    imported, tmp_path
):
    records = Procedure.objects.get(code="2.001417")
    records.steps.filter(kind=Step.Kind.PROCESS).update(budget=Decimal("8.5"))
    records.steps.filter(kind=Step.Kind.APPROVE).update(budget=Decimal("1.5"))
    path = edit_sample(tmp_path, "2.001417", **{"Thời hạn giải quyết": "12"})

    _, out, _ = run(path)

    assert [s.budget for s in records.steps.all()] == [0, Decimal("8.5"), Decimal("1.5"), 0]
    assert (
        'Cảnh báo: Dòng 4, cột "Thời hạn giải quyết": thời hạn đổi từ 10 ngày làm việc thành '
        "12 ngày làm việc; các bước xử lý hiện có được giữ nguyên, cần điều chỉnh thời gian các "
        "bước."
    ) in out.splitlines()


def test_reimport_replaces_components_but_keeps_an_uploaded_form(imported, tmp_path):
    birth = Procedure.objects.get(code="1.001193")
    birth.components.filter(order=1).update(
        template="catalog/templates/to-khai-khai-sinh.docx", template_name="Mẫu tờ khai"
    )
    components = (
        "Tờ khai đăng ký khai sinh | bản chính | 1 | bắt buộc |\n"
        "Giấy chứng sinh | bản sao | 2 | bắt buộc |"
    )
    path = edit_sample(tmp_path, "1.001193.000.00.00.H21", **{"Thành phần hồ sơ": components})

    run(path)

    assert [
        (c.name, c.original_count, c.copy_count, c.template.name) for c in birth.components.all()
    ] == [
        ("Tờ khai đăng ký khai sinh", 1, 0, "catalog/templates/to-khai-khai-sinh.docx"),
        ("Giấy chứng sinh", 0, 2, ""),
    ]


def test_a_national_code_reimport_keeps_the_local_code(imported, tmp_path):
    path = edit_sample(tmp_path, "1.001193.000.00.00.H21", **{"Mã thủ tục": "1.001193"})

    code, out, _ = run(path)

    assert code == 0 and "không đổi 14" in out
    assert Procedure.objects.get(code="1.001193").local_code == "1.001193.000.00.00.H21"


# Errors

HEADER = [
    "Mã thủ tục",
    "Tên thủ tục",
    "Cấp thực hiện",
    "Mã lĩnh vực",
    "Lĩnh vực",
    "Cơ quan thực hiện",
    "Thời hạn giải quyết",
    "Đơn vị thời hạn",
    "Thành phần hồ sơ",
]
GOOD_COMPONENT = "Tờ khai | bản chính | 1 | bắt buộc |"


def row(code: str, **changes: str) -> list[str]:
    values = {
        "Mã thủ tục": code,
        "Tên thủ tục": f"Thủ tục {code}",
        "Cấp thực hiện": "Cấp tỉnh",
        "Mã lĩnh vực": "H21-TP",
        "Lĩnh vực": "Tư pháp",
        "Cơ quan thực hiện": "000.00.02.H21",
        "Thời hạn giải quyết": "5",
        "Đơn vị thời hạn": "Ngày làm việc",
        "Thành phần hồ sơ": GOOD_COMPONENT,
        **changes,
    }
    return [values[name] for name in HEADER]


MALFORMED = [
    row("1.000001"),  # row 2, valid
    row("1.000002", **{"Đơn vị thời hạn": "tuần"}),
    row("1.000003", **{"Thời hạn giải quyết": "-5"}),
    row("1.000004", **{"Cơ quan thực hiện": "000.00.02.h21; 000.00.77.H21"}),
    row(
        "1.000005",
        **{"Thành phần hồ sơ": GOOD_COMPONENT + "\nSổ đỏ | bản sao | 1 | không | CSDL_DAT_DAI"},
    ),
    row("1.000006", **{"Thành phần hồ sơ": "Tờ khai | bản chính | hai | bắt buộc |"}),
    row("1.000001.000.00.02.H21"),  # the code of row 2 again, in its local form
    row("1.000008", **{"Tên thủ tục": ""}),
    row("1.000009", **{"Thời hạn giải quyết": "năm"}),
]
MALFORMED_ERRORS = [
    'Dòng 3, cột "Đơn vị thời hạn": "tuần" không hợp lệ (chọn một trong: Ngày làm việc, '
    "Giờ làm việc, Trong ngày, Ngày).",
    'Dòng 4, cột "Thời hạn giải quyết": "-5" không phải số nguyên dương.',
    'Dòng 5, cột "Cơ quan thực hiện": không có cơ quan nào mang mã "000.00.77.H21".',
    'Dòng 6, cột "Thành phần hồ sơ", giấy tờ thứ 2: nguồn dữ liệu "CSDL_DAT_DAI" không hợp lệ '
    "(chọn một trong: CSDLQG_DAN_CU, CSDL_DKDN, CSDL_BHXH, CSDL_HO_TICH, LLTP, KET_QUA).",
    'Dòng 7, cột "Thành phần hồ sơ", giấy tờ thứ 1: số bản "hai" không phải số nguyên dương.',
    'Dòng 8, cột "Mã thủ tục": mã "1.000001" trùng với dòng 2.',
    'Dòng 9, cột "Tên thủ tục": không được để trống.',
    'Dòng 10, cột "Thời hạn giải quyết": "năm" không phải số nguyên dương.',
]


def test_every_malformed_row_is_reported_in_vietnamese_and_nothing_is_written(agencies, tmp_path):
    path = write_csv(tmp_path / "loi.csv", HEADER, MALFORMED)

    code, _, err = run(path)

    assert code == 1
    assert err.splitlines()[:-1] == MALFORMED_ERRORS
    assert err.splitlines()[-1] == (
        "Không nhập gì từ tệp loi.csv: 8 trong 9 dòng có lỗi. Sửa tệp rồi chạy lại, hoặc dùng "
        "--partial."
    )
    assert not Procedure.objects.exists()
    assert not Field.objects.exists()
    assert not AuditEntry.objects.filter(action="catalog.import").exists()


def test_partial_writes_the_valid_rows_and_reports_the_skipped_ones(agencies, tmp_path):
    path = write_csv(tmp_path / "loi.csv", HEADER, MALFORMED)

    code, out, err = run(path, "--partial")

    assert code == 0
    assert err.splitlines() == MALFORMED_ERRORS
    assert out.splitlines()[-1] == (
        "Đã nhập tệp loi.csv (9 dòng): tạo mới 1, cập nhật 0, không đổi 0, bỏ qua 8, cảnh báo 0."
    )
    assert list(Procedure.objects.values_list("code", flat=True)) == ["1.000001"]
    assert AuditEntry.objects.get(action="catalog.import").details["skipped"] == 8


def test_partial_fails_when_no_row_can_be_imported(agencies, tmp_path):
    path = write_csv(tmp_path / "loi.csv", HEADER, MALFORMED[1:3])

    code, _, err = run(path, "--partial")

    assert code == 1
    assert err.splitlines()[-1] == "Không nhập gì từ tệp loi.csv: 2 trong 2 dòng có lỗi."
    assert not Procedure.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"Mã thủ tục": "1.0011"},
            'Dòng 2, cột "Mã thủ tục": "1.0011" không đúng dạng mã thủ tục (1.001193 hoặc '
            "1.001193.000.00.00.H21).",
        ),
        (
            {"Cấp thực hiện": "Cấp huyện"},
            'Dòng 2, cột "Cấp thực hiện": "Cấp huyện" không hợp lệ (chọn một trong: Cấp tỉnh, '
            "Cấp xã).",
        ),
        (
            {"Thời hạn giải quyết": "0"},
            'Dòng 2, cột "Thời hạn giải quyết": "0" không phải số nguyên dương.',
        ),
        (
            {"Thời hạn giải quyết": "100000"},
            'Dòng 2, cột "Thời hạn giải quyết": "100000" quá lớn (tối đa 9.999).',
        ),
        (
            {"Thời hạn giải quyết": "²"},
            'Dòng 2, cột "Thời hạn giải quyết": "²" không phải số nguyên dương.',
        ),
        (
            {"Thời hạn giải quyết": ""},
            'Dòng 2, cột "Thời hạn giải quyết": không được để trống.',
        ),
        (
            {"Mã lĩnh vực": "", "Lĩnh vực": ""},
            'Dòng 2, cột "Mã lĩnh vực": không được để trống.',
        ),
        (
            {"Mã lĩnh vực": "H21-MOI", "Lĩnh vực": ""},
            'Dòng 2, cột "Mã lĩnh vực": mã lĩnh vực "H21-MOI" chưa có trong danh mục: cần ghi '
            "tên lĩnh vực.",
        ),
        (
            {"Thành phần hồ sơ": "Tờ khai | bản chính | 1"},
            'Dòng 2, cột "Thành phần hồ sơ", giấy tờ thứ 1: "Tờ khai | bản chính | 1" không '
            'đúng dạng "tên | bản chính hoặc bản sao | số bản | bắt buộc hoặc không | nguồn dữ '
            'liệu".',
        ),
        (
            {"Thành phần hồ sơ": "Tờ khai | bản photo | 1 | bắt buộc |"},
            'Dòng 2, cột "Thành phần hồ sơ", giấy tờ thứ 1: loại bản "bản photo" không hợp lệ '
            '(chọn "bản chính" hoặc "bản sao").',
        ),
        (
            {"Thành phần hồ sơ": "Tờ khai | bản chính | 0 | bắt buộc |"},
            'Dòng 2, cột "Thành phần hồ sơ", giấy tờ thứ 1: số bản "0" không phải số nguyên dương.',
        ),
    ],
)
def test_a_bad_value_is_named_with_its_row_and_column(agencies, tmp_path, changes, message):
    path = write_csv(tmp_path / "loi.csv", HEADER, [row("1.000001", **changes)])

    code, _, err = run(path)

    assert code == 1
    assert err.splitlines()[0] == message


def test_a_repeated_code_is_an_error_even_when_its_first_row_has_errors(agencies, tmp_path):
    rows = [row("1.000001", **{"Tên thủ tục": ""}), row("1.000001")]
    path = write_csv(tmp_path / "trung.csv", HEADER, rows)

    code, _, err = run(path, "--partial")

    assert code == 1
    assert err.splitlines()[:2] == [
        'Dòng 2, cột "Tên thủ tục": không được để trống.',
        'Dòng 3, cột "Mã thủ tục": mã "1.000001" trùng với dòng 2.',
    ]


def test_online_only_without_an_online_service_is_a_row_error(agencies, tmp_path):
    header = [*HEADER, "Mức độ", "Chỉ tiếp nhận trực tuyến"]
    path = write_csv(tmp_path / "loi.csv", header, [[*row("1.000001"), "2", "Có"]])

    code, _, err = run(path)

    assert code == 1
    assert err.splitlines()[0] == (
        'Dòng 2, cột "Chỉ tiếp nhận trực tuyến": thủ tục không có dịch vụ công trực tuyến thì '
        "không thể chỉ tiếp nhận trực tuyến."
    )


def test_a_file_missing_required_columns_is_refused(agencies, tmp_path):
    header = [h for h in HEADER if h not in ("Tên thủ tục", "Mã lĩnh vực", "Lĩnh vực")]
    path = write_csv(tmp_path / "thieu-cot.csv", header, [["1.000001", "Cấp tỉnh"]])

    code, _, err = run(path)

    assert code == 1
    assert err == (
        'Tệp thiếu cột bắt buộc: "Tên thủ tục", "Lĩnh vực" hoặc "Mã lĩnh vực". '
        "Không có dòng nào được nhập."
    )
    assert not Procedure.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("danh-muc.xls", b"", 'Chỉ nhận tệp .xlsx hoặc .csv, không nhận "danh-muc.xls".'),
        ("hong.xlsx", b"not a zip", 'Không đọc được tệp XLSX "hong.xlsx".'),
        (
            "ansi.csv",
            # Windows' own Vietnamese code page, as older Excel versions save "CSV".
            unicodedata.normalize("NFD", "Mã thủ tục").encode("cp1258"),
            'Tệp "ansi.csv" không dùng bảng mã UTF-8: hãy lưu lại bằng "CSV UTF-8".',
        ),
        (
            "chi-tieu-de.csv",
            ",".join(HEADER).encode(),
            'Tệp "chi-tieu-de.csv" không có dòng dữ liệu nào dưới dòng tiêu đề.',
        ),
    ],
)
def test_an_unreadable_file_is_refused_with_a_reason(agencies, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)

    assert run(path) == (1, "", message)


# Formats


def test_an_xlsx_export_imports_like_the_csv(agencies, tmp_path):
    header, rows = read_sample()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for values in rows:
        # Excel keeps numbers as numbers: time limits, levels and plain amounts arrive as ints.
        sheet.append([int(v) if v.isdigit() else v for v in values])
    workbook.create_sheet("Ghi chú").append(["Trang thứ hai bị bỏ qua"])
    workbook.save(tmp_path / "procedures.xlsx")

    code, out, err = run(tmp_path / "procedures.xlsx")

    assert code == 0, err
    assert f"tạo mới {SAMPLE_ROWS}," in out
    assert Procedure.objects.get(code="1.012792").base_fee == 50_000
    assert Procedure.objects.get(code="1.001193").components.count() == 3
    # The same content as CSV: nothing to change.
    assert f"không đổi {SAMPLE_ROWS}," in run(SAMPLE)[1]


def test_a_semicolon_csv_with_bom_and_unaccented_headers_imports(agencies, tmp_path):
    header, rows = read_sample()
    folded = ["MA THU TUC", "ten thu tuc", "Cap thuc hien", *header[4:]]
    path = write_csv(
        tmp_path / "excel.csv", [header[0], *folded[:3], *header[4:]], rows, delimiter=";", bom=True
    )

    code, out, err = run(path)

    assert code == 0, err
    assert f"tạo mới {SAMPLE_ROWS}," in out
    assert Procedure.objects.get(code="1.009994").base_fee == 75_000


def test_dry_run_reports_what_would_change_and_writes_nothing(imported, tmp_path):
    revisions, audits = Revision.objects.count(), AuditEntry.objects.count()
    header, rows = read_sample()
    rows[2][header.index("Thời hạn giải quyết")] = "8"
    new_row = list(rows[3])
    new_row[1] = "2.999999"
    path = write_csv(tmp_path / "moi.csv", header, [*rows, new_row])

    code, out, _ = run(path, "--dry-run")

    assert code == 0
    assert out.splitlines()[-1] == (
        f"Chạy thử, không ghi gì: tệp moi.csv ({SAMPLE_ROWS + 1} dòng) sẽ tạo mới 1, "
        "cập nhật 1, không đổi 13, bỏ qua 0, cảnh báo 2."
    )
    assert not Procedure.objects.filter(code="2.999999").exists()
    assert Procedure.objects.get(code="2.001417").time_limit == 10
    assert (Revision.objects.count(), AuditEntry.objects.count()) == (revisions, audits)


def test_dry_run_of_a_file_with_errors_fails_without_writing(agencies, tmp_path):
    path = write_csv(tmp_path / "loi.csv", HEADER, MALFORMED)

    code, _, err = run(path, "--dry-run")

    assert code == 1
    assert err.splitlines()[-1].startswith("Chạy thử, không ghi gì: tệp loi.csv (9 dòng) sẽ tạo")
    assert "Tệp sẽ bị từ chối vì có dòng lỗi." in err
    assert not Procedure.objects.exists()


# Console


def test_the_progress_bar_counts_rows_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    bar = ProgressBar(OutputWrapper(screen))
    for done in range(1, 2001):
        bar(done, 2000)

    drawn = screen.getvalue()
    assert drawn.endswith(f"\r[{'#' * 30}] 2000/2000 dòng\n")
    assert drawn.count("\r") == 31  # one redraw per step of the bar, not per row


def test_without_a_terminal_only_the_summary_is_printed(agencies):
    _, out, _ = run(SAMPLE)

    assert "\r" not in out


def test_the_importer_reports_progress_to_its_caller(agencies):
    seen: list[tuple[int, int]] = []

    import_procedures(SAMPLE, progress=lambda done, total: seen.append((done, total)))

    assert seen[0] == (1, SAMPLE_ROWS) and seen[-1] == (SAMPLE_ROWS, SAMPLE_ROWS)


# Cell parsers


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("50.000", 50_000),
        ("50,000", 50_000),
        ("50000", 50_000),
        ("1.250.000", 1_250_000),
        ("50 000 đồng", 50_000),
        ("", 0),
        (None, 0),
        (50000, 50_000),
        (50000.0, 50_000),
    ],
)
def test_fee_amounts_in_the_forms_people_write_them(text, amount):
    assert parse_fee(text) == amount


@pytest.mark.parametrize(
    "text", ["50.5", "1.250,000", "-5000", "năm mươi nghìn", "5.00", "²", "1" + "0" * 13]
)
def test_fee_amounts_that_are_not_whole_dong_are_refused(text):
    with pytest.raises(CellError):
        parse_fee(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Có", True), ("co", True), ("X", True), ("Không", False), ("khong", False), ("", False)],
)
def test_flags(text, value):
    assert parse_flag(text) is value


def test_a_code_excel_turned_into_a_number_gets_its_six_decimals_back():
    assert parse_code(1.00119).national == "1.001190"
    assert parse_code("1.001193.000.00.00.h21").local == "1.001193.000.00.00.H21"
