"""The curated catalog (catalog/seed_data), its seeding, and the synthetic filler."""

import io
import re
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from jsonschema import Draft202012Validator

from motcua.catalog import demo as catalog_demo
from motcua.catalog import seeding
from motcua.catalog.forms import schema_errors
from motcua.catalog.models import Component, Fee, Procedure, Revision, Step
from motcua.catalog.revisions import record_revision
from motcua.catalog.rules import apply_default_steps, step_budget_errors
from motcua.catalog.seed_data import business_trade, civil_status, residence_justice_transport
from motcua.catalog.seed_data.specs import COMMUNES, SERVICE_CENTER, ProcedureSpec
from motcua.catalog.seeding import (
    DemoAgenciesMissing,
    SeedDataError,
    curated_specs,
    default_step_rows,
    level_targets,
    seed_curated,
    seed_synthetic,
)
from motcua.core.models.audit import AuditEntry
from motcua.org import demo as org_demo
from motcua.org.models import Agency, Role
from motcua.org.units import load_units

MY_MODULES = (civil_status, residence_justice_transport, business_trade)
MY_SPECS = [spec for module in MY_MODULES for spec in module.PROCEDURES]

# DOMAIN.md §11, the names of the groups these three files cover, written out literally.
COMMON_NAMES = [
    # Civil status
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Đăng ký khai tử",
    "Cấp Giấy xác nhận tình trạng hôn nhân",
    "Cấp bản sao trích lục hộ tịch",
    "Đăng ký nhận cha, mẹ, con",
    "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
    "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    "Đăng ký khai tử, xóa đăng ký thường trú, trợ cấp mai táng",
    # Certification
    "Chứng thực bản sao từ bản chính",
    "Chứng thực chữ ký",
    "Chứng thực hợp đồng, giao dịch",
    # Residence
    "Đăng ký thường trú",
    "Đăng ký tạm trú",
    "Xác nhận thông tin về cư trú",
    # Justice
    "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
    # Transport
    "Cấp đổi giấy phép lái xe",
    "Cấp lại giấy phép lái xe",
    # Business
    "Đăng ký thành lập công ty TNHH một thành viên",
    "Đăng ký thành lập doanh nghiệp tư nhân",
    "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
    "Đăng ký hộ kinh doanh",
    "Thông báo tạm ngừng kinh doanh",
    "Cấp mã số đơn vị có quan hệ với ngân sách",
    # Trade
    "Thông báo thực hiện khuyến mại",
    "Cấp Giấy phép bán lẻ sản phẩm rượu",
    "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
]


def spec_named(name: str) -> ProcedureSpec:
    return next(spec for spec in MY_SPECS if spec.name == name)


@pytest.fixture
def demo_org(db: None) -> None:
    """The demo agencies of org.demo, with Gia Lai's units only (tests/org/conftest.py)."""
    load_units(province="52")
    org_demo.seed(OutputWrapper(io.StringIO()))


@pytest.fixture
def seeded(demo_org: None) -> seeding.SeedResult:
    return seed_curated()


# ---------------------------------------------------------------------------------------------
# The data


def test_curated_catalog_has_at_least_60_procedures() -> None:
    assert len(curated_specs()) >= 60


def test_civil_status_residence_business_files_hold_at_least_32() -> None:
    assert len(MY_SPECS) >= 32
    assert len(civil_status.PROCEDURES) >= 14
    assert len(residence_justice_transport.PROCEDURES) >= 8
    assert len(business_trade.PROCEDURES) >= 10


@pytest.mark.parametrize("name", COMMON_NAMES)
def test_every_common_procedure_is_curated(name: str) -> None:
    # The national names are often longer ("Chứng thực chữ ký trong các giấy tờ, văn bản ...").
    assert any(spec.name == name or spec.name.startswith(name) for spec in MY_SPECS), name


def test_codes_are_unique_and_national_shaped() -> None:
    codes = [spec.code for spec in curated_specs()]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert re.fullmatch(r"[12]\.\d{6}", code), code
        assert not code.startswith(seeding.SYNTHETIC_PREFIX)


def test_specs_are_consistent() -> None:
    for spec in curated_specs():
        assert seeding.spec_errors(spec) == [], spec.code
    for spec in MY_SPECS:
        # Decree 42 class follows the legacy level: 4 → full, 3 → partial, 2 → none.
        assert spec.online_class == {2: "", 3: "partial", 4: "full"}[spec.legacy_level]
        if spec.level == "commune" and spec.field_code in ("HT", "CT", "CTRU", "HKD"):
            assert spec.agency == COMMUNES
        assert spec.time_limit_unit != "same_day" or spec.time_limit == 0


def test_levels_and_agencies_follow_the_2025_reform() -> None:
    departments = {"LLTP": "000.00.02.H21", "DN": "000.00.03.H21", "GT": "000.00.12.H21"}
    for spec in MY_SPECS:
        if spec.field_code in ("HT", "CT", "HKD", "CTRU"):
            assert (spec.level, spec.agency) == ("commune", COMMUNES), spec.code
        if spec.field_code in departments:
            assert (spec.level, spec.agency) == ("province", departments[spec.field_code])
        if spec.field_code in ("GT", "DN"):
            assert spec.online_provider == "central", spec.code


def test_fees_have_the_legal_amounts() -> None:
    birth = spec_named("Đăng ký khai sinh")
    on_time = [fee for fee in birth.fees if "đúng hạn" in fee.condition]
    assert on_time and on_time[0].amount == 0
    judicial = next(s for s in MY_SPECS if s.name.startswith("Cấp Phiếu lý lịch tư pháp cho công"))
    amounts = {fee.amount: fee.condition for fee in judicial.fees}
    assert amounts[200_000] == ""
    assert "Sinh viên" in amounts[100_000]
    assert "Trẻ em" in amounts[0]
    copy = next(s for s in MY_SPECS if s.name.startswith("Chứng thực bản sao từ bản chính"))
    assert copy.time_limit_unit == "same_day"
    assert copy.fees[0].amount == 2_000


def test_forms_are_valid_json_schema_with_vietnamese_titles() -> None:
    with_forms = [spec for spec in curated_specs() if spec.form_schema]
    mine = [spec for spec in MY_SPECS if spec.form_schema]
    assert len(mine) >= 6
    names = {spec.name for spec in mine}
    for expected in (
        "Đăng ký khai sinh",
        "Đăng ký kết hôn",
        "Đăng ký khai tử",
        "Đăng ký thường trú",
        "Đăng ký hộ kinh doanh",
    ):
        assert expected in names
    assert any(name.startswith("Cấp Phiếu lý lịch tư pháp") for name in names)
    for spec in with_forms:
        Draft202012Validator.check_schema(spec.form_schema)
        assert schema_errors(spec.form_schema, spec.form_ui) == [], spec.code
    for spec in mine:
        properties = spec.form_schema["properties"]
        assert set(spec.form_ui["order"]) == set(properties), spec.code
        for name, prop in properties.items():
            assert prop["title"] and not name.startswith("applicant_")
            if prop["type"] == "string":
                assert "maxLength" in prop, (spec.code, name)
            if "date" in name and prop["type"] == "string":
                assert prop.get("format") == "date", (spec.code, name)


def test_interconnected_and_judicial_steps_transfer_to_the_police() -> None:
    police = "000.00.12.H21"
    for name in (
        "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        "Đăng ký khai tử, xóa đăng ký thường trú, trợ cấp mai táng",
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt "
        "Nam",
    ):
        spec = spec_named(name)
        transfers = [step for step in spec.steps if step.kind == "transfer"]
        assert [step.agency for step in transfers] == [police], name
        assert sum(step.budget for step in spec.steps) == spec.time_limit
    with_steps = [spec for spec in MY_SPECS if spec.steps]
    assert len(with_steps) >= 5


def test_duplicate_codes_are_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    birth = spec_named("Đăng ký khai sinh")
    modules = [
        SimpleNamespace(__name__="motcua.catalog.seed_data.a", PROCEDURES=(birth,)),
        SimpleNamespace(__name__="motcua.catalog.seed_data.b", PROCEDURES=(birth,)),
    ]
    monkeypatch.setattr(seeding, "data_modules", lambda: modules)
    with pytest.raises(SeedDataError, match=r"1\.001193 trùng"):
        curated_specs()


def test_a_contradictory_spec_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    wrong = replace(spec_named("Đăng ký kết hôn"), legacy_level=4)  # 4 with a partial service
    module = SimpleNamespace(__name__="motcua.catalog.seed_data.x", PROCEDURES=(wrong,))
    monkeypatch.setattr(seeding, "data_modules", lambda: [module])
    with pytest.raises(SeedDataError, match="mức độ 4"):
        curated_specs()


def test_every_data_module_is_collected() -> None:
    names = {module.__name__.rsplit(".", 1)[-1] for module in seeding.data_modules()}
    assert {"civil_status", "residence_justice_transport", "business_trade"} <= names
    assert "specs" not in names


# ---------------------------------------------------------------------------------------------
# Seeding the curated catalog


def test_seeding_needs_the_demo_agencies(db: None) -> None:
    with pytest.raises(DemoAgenciesMissing, match="motcua seed-demo"):
        seed_curated()
    assert not Procedure.objects.exists()


def test_seed_curated_writes_every_procedure(seeded: seeding.SeedResult) -> None:
    specs = curated_specs()
    assert seeded == seeding.SeedResult(created=len(specs), updated=0, unchanged=0)
    assert Procedure.objects.count() == len(specs)
    communes = set(
        Agency.objects.current().filter(kind="commune_committee").values_list("pk", flat=True)
    )
    assert len(communes) > 100
    center = Agency.objects.get(code=SERVICE_CENTER)
    procedures = Procedure.objects.prefetch_related(
        "agencies", "receiving_agencies", "fees", "components", "steps"
    ).select_related("field")
    by_code = {p.code: p for p in procedures}
    for spec in specs:
        procedure = by_code[spec.code]
        assert procedure.name == spec.name
        assert procedure.field.code == spec.field_code
        assert procedure.local_code == f"{spec.code}.000.00.00.H21"
        assert procedure.name_folded and procedure.search_text
        agencies = {a.pk for a in procedure.agencies.all()}
        receiving = {a.pk for a in procedure.receiving_agencies.all()}
        if spec.agency == COMMUNES:
            assert agencies == communes
        else:
            assert [a.code for a in procedure.agencies.all()] == [spec.agency]
        if not spec.receiving:
            assert receiving == (communes if spec.level == "commune" else {center.pk})
        assert [f.amount for f in procedure.fees.all()] == [f.amount for f in spec.fees]
        assert [c.name for c in procedure.components.all()] == [c.name for c in spec.components]
        # Step budgets add up to the legal limit, whether custom or the default template.
        assert step_budget_errors(procedure) == [], spec.code
        assert procedure.revisions.count() == 1


def test_seeded_steps_and_data_sources(seeded: seeding.SeedResult) -> None:
    birth_chain = Procedure.objects.get(name__startswith="Đăng ký khai sinh, đăng ký thường trú")
    transfer = birth_chain.steps.get(kind=Step.Kind.TRANSFER)
    assert transfer.agency is not None and transfer.agency.code == "000.00.12.H21"
    assert transfer.agency not in birth_chain.agencies.all()
    judicial = Procedure.objects.get(code="2.001417")
    steps = judicial.steps.all()
    assert [s.agency and s.agency.code for s in steps if s.kind == "transfer"] == ["000.00.12.H21"]
    assert [s.role and s.role.code for s in steps if s.kind != "transfer"] == [
        "officer",
        "specialist",
        "specialist",
        "leader",
        "officer",
    ]
    # A procedure without custom steps gets the default template.
    marital = Procedure.objects.get(code="1.004873")
    assert [s.kind for s in marital.steps.all()] == ["receive", "process", "approve", "return"]

    def source(code: str, starts: str) -> str:
        component = Component.objects.get(procedure__code=code, name__startswith=starts)
        return component.replaced_by

    assert source("1.001193", "Giấy tờ tùy thân") == "CSDLQG_DAN_CU"
    assert source("1.001193", "Giấy chứng nhận kết hôn") == "CSDL_HO_TICH"
    assert source("1.013102", "Sổ bảo hiểm xã hội") == "CSDL_BHXH"
    assert source("1.013141", "Giấy chứng nhận đăng ký doanh nghiệp") == "CSDL_DKDN"
    assert source("1.004873", "Giấy xác nhận tình trạng hôn nhân đã") == "KET_QUA"
    used = set(Component.objects.values_list("replaced_by", flat=True))
    assert set(Component.Source.values) <= used


def test_seeding_twice_creates_nothing(seeded: seeding.SeedResult) -> None:
    revisions, audits = Revision.objects.count(), AuditEntry.objects.count()
    steps = list(Step.objects.order_by("pk").values_list("pk", flat=True))
    again = seed_curated()
    assert again == seeding.SeedResult(created=0, updated=0, unchanged=seeded.created)
    assert Revision.objects.count() == revisions
    assert AuditEntry.objects.count() == audits
    assert list(Step.objects.order_by("pk").values_list("pk", flat=True)) == steps


def test_seeding_restores_a_changed_procedure(seeded: seeding.SeedResult) -> None:
    procedure = Procedure.objects.get(code="1.004873")
    procedure.time_limit = 9
    procedure.save()
    Fee.objects.filter(procedure=procedure).delete()
    communes = procedure.agencies.all()[:3]
    procedure.agencies.remove(*communes)
    record_revision(procedure, by=None, source="admin")  # as the admin would
    result = seed_curated()
    assert (result.created, result.updated) == (0, 1)
    procedure.refresh_from_db()
    assert procedure.time_limit == 3
    assert procedure.fees.count() == 2
    assert procedure.agencies.count() == Agency.objects.filter(kind="commune_committee").count()
    assert step_budget_errors(procedure) == []
    latest = procedure.revisions.order_by("-number").first()
    assert latest is not None and latest.number == 3 and latest.source == "seed"
    assert "time_limit" in latest.changed_fields and "fees" in latest.changed_fields


def test_default_step_rows_match_apply_default_steps(seeded: seeding.SeedResult) -> None:
    roles = Role.objects.in_bulk(field_name="code")
    procedure = Procedure.objects.get(code="1.004873")
    cases = [
        (3, "working_days"),
        (1, "working_days"),
        (4, "working_hours"),
        (0, "same_day"),
        (30, "calendar_days"),
    ]
    for limit, unit in cases:
        procedure.time_limit, procedure.time_limit_unit = limit, unit
        written = [
            (s.kind, s.name, s.budget, s.agency_id, s.role_id)
            for s in apply_default_steps(procedure)
        ]
        assert default_step_rows(limit, unit, roles) == written


def test_catalog_demo_module(demo_org: None) -> None:
    buffer = io.StringIO()
    assert catalog_demo.seed(OutputWrapper(buffer)) == []
    assert buffer.getvalue().count("\n") == 1
    assert "Danh mục thủ tục mẫu: tạo mới" in buffer.getvalue()
    buffer = io.StringIO()
    catalog_demo.seed(OutputWrapper(buffer))
    assert "không thay đổi gì" in buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Synthetic filler


def test_level_targets_follow_the_report() -> None:
    assert level_targets(1826) == {2: 1299, 3: 196, 4: 331}
    assert level_targets(300) == {2: 214, 3: 32, 4: 54}
    assert level_targets(0) == {2: 0, 3: 0, 4: 0}


def expected_mix(n: int, curated: Counter[int]) -> dict[int, int]:
    targets = level_targets(n)
    level_3, level_4 = max(targets[3], curated[3]), max(targets[4], curated[4])
    return {2: n - level_3 - level_4, 3: level_3, 4: level_4}


def level_mix() -> Counter[int]:
    return Counter(Procedure.objects.values_list("legacy_level", flat=True))


def test_synthetic_reaches_the_total_with_the_report_mix(seeded: seeding.SeedResult) -> None:
    curated = level_mix()
    revisions = Revision.objects.count()
    result = seed_synthetic(300)
    assert result == seeding.SeedResult(created=300 - seeded.created, unchanged=seeded.created)
    assert Procedure.objects.count() == 300
    assert level_mix() == expected_mix(300, curated)
    # No history for filler, and the filler is recognisable.
    assert Revision.objects.count() == revisions
    synthetic = Procedure.objects.filter(code__startswith="9.")
    assert synthetic.count() == result.created
    assert set(synthetic.values_list("legal_basis", flat=True)) == {
        "Thủ tục tổng hợp để đo hiệu năng"
    }
    for procedure in synthetic.prefetch_related("components", "fees", "steps", "agencies")[:60]:
        assert 1 <= len(procedure.components.all()) <= 6
        assert len(procedure.fees.all()) == 1
        assert procedure.agencies.exists()
        assert procedure.online_class == {2: "", 3: "partial", 4: "full"}[procedure.legacy_level]
        assert procedure.name_folded and procedure.field_id
        assert step_budget_errors(procedure) == []
    # The names are real-sounding procedure names, across many fields.
    assert synthetic.values("field").distinct().count() > 20
    assert synthetic.filter(name__startswith="Cấp lại ").exists()


def test_synthetic_is_idempotent_and_deterministic(seeded: seeding.SeedResult) -> None:
    seed_synthetic(200)
    names = dict(Procedure.objects.filter(code__startswith="9.").values_list("code", "name"))
    again = seed_synthetic(200)
    assert (again.created, Procedure.objects.count()) == (0, 200)
    # A smaller total removes nothing.
    assert seed_synthetic(150).created == 0
    Procedure.objects.filter(code__startswith="9.").delete()
    seed_synthetic(200)
    assert dict(Procedure.objects.filter(code__startswith="9.").values_list("code", "name")) == (
        names
    )


def test_synthetic_at_the_report_size(seeded: seeding.SeedResult) -> None:
    curated = level_mix()
    out = io.StringIO()
    seed_synthetic(out=OutputWrapper(out))
    assert Procedure.objects.count() == 1826
    mix = expected_mix(1826, curated)
    assert level_mix() == mix
    assert f"mức độ 3: {mix[3]}, mức độ 4: {mix[4]}" in out.getvalue()
    # Commune filler is linked to every commune, provincial filler to one department.
    commune = Procedure.objects.filter(code__startswith="9.", level="commune").first()
    assert commune is not None
    assert commune.agencies.count() == Agency.objects.filter(kind="commune_committee").count()


def test_synthetic_needs_the_demo_agencies(db: None) -> None:
    with pytest.raises(DemoAgenciesMissing):
        seed_synthetic(10)


# ---------------------------------------------------------------------------------------------
# The command


def test_seed_procedures_command(demo_org: None) -> None:
    out = io.StringIO()
    call_command("seed_procedures", stdout=out)
    assert "Danh mục thủ tục mẫu: tạo mới" in out.getvalue()
    total = Procedure.objects.count()
    out = io.StringIO()
    call_command("seed_procedures", "--synthetic", str(total + 5), stdout=out)
    text = out.getvalue()
    assert "không thay đổi gì" in text
    assert f"Thủ tục tổng hợp: tạo mới 5; danh mục hiện có {total + 5} thủ tục" in text


def test_seed_procedures_command_without_agencies(db: None) -> None:
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="motcua seed-demo"):
        call_command("seed_procedures", stdout=io.StringIO())


def test_seed_demo_runs_the_catalog_after_the_organisation() -> None:
    from motcua.core.management.commands.seed_demo import demo_modules

    modules = demo_modules()
    assert modules.index(org_demo) < modules.index(catalog_demo)
