import dataclasses
import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from motcua.core.models import AuditEntry
from motcua.org import units
from motcua.org.models import AdministrativeUnit, UnitSuccession
from motcua.org.units import load_units

current = AdministrativeUnit.objects.current
TODAY = datetime.date(2026, 3, 2)


def run_load_units(*args: str) -> str:
    out = io.StringIO()
    call_command("load_units", *args, stdout=out)
    return out.getvalue()


def package_without(monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    original = units.read_package
    monkeypatch.setattr(
        units,
        "read_package",
        lambda province=None: [r for r in original(province) if r.code != code],
    )


def package_renaming(monkeypatch: pytest.MonkeyPatch, code: str, name: str) -> None:
    original = units.read_package
    monkeypatch.setattr(
        units,
        "read_package",
        lambda province=None: [
            dataclasses.replace(r, name=name) if r.code == code else r for r in original(province)
        ],
    )


def test_load_units_loads_34_provinces_and_3321_communes_and_a_second_run_changes_nothing(db):
    first = run_load_units()

    assert current().filter(level="province").count() == 34
    assert current().filter(level="commune").count() == 3321
    assert current().filter(level="commune", parent__code="52").count() == 135
    quy_nhon = current().get(level="commune", code="21583")
    assert quy_nhon.parent is not None
    assert (quy_nhon.name, quy_nhon.division_type, quy_nhon.parent.name) == (
        "Phường Quy Nhơn",
        "phường",
        "Gia Lai",
    )
    assert quy_nhon.valid_from == datetime.date(2025, 7, 1)
    assert current().get(level="province", code="01").name == "Thành phố Hà Nội"
    assert current().get(level="province", code="52").legal_basis == "Nghị quyết 202/2025/QH15"
    assert "tạo mới 3.355, cập nhật 0, đóng hiệu lực 0" in first

    second = run_load_units()

    assert second.startswith("Không có thay đổi: 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu")
    assert AdministrativeUnit.objects.count() == 3355


def test_load_units_writes_in_bulk_not_one_query_per_unit(db, django_assert_max_num_queries):
    # SQLite caps a statement at 999 parameters, so its batches are about 100 rows each.
    with django_assert_max_num_queries(60):
        load_units()


def test_load_units_for_one_province_loads_it_with_its_communes_only(db):
    output = run_load_units("--province", "52")

    assert list(current().filter(level="province").values_list("code", flat=True)) == ["52"]
    assert current().filter(level="commune", parent__code="52").count() == 135
    assert AdministrativeUnit.objects.count() == 136
    assert "1 tỉnh, thành phố và 135 xã, phường, đặc khu" in output


def test_load_units_refuses_an_unknown_province_in_vietnamese(db):
    with pytest.raises(CommandError, match="không có tỉnh, thành phố mang mã 99"):
        run_load_units("--province", "99")
    with pytest.raises(CommandError, match="Mã tỉnh phải là 2 chữ số"):
        run_load_units("--province", "abc")
    assert not AdministrativeUnit.objects.exists()


def test_a_renamed_unit_is_updated_in_place(gia_lai, monkeypatch):
    before = current().get(level="commune", code="21583")
    package_renaming(monkeypatch, "21583", "Phường Quy Nhơn Mới")

    result = load_units(province="52")

    after = current().get(level="commune", code="21583")
    assert (result.created, result.updated, result.closed) == (0, 1, 0)
    assert after.pk == before.pk
    assert after.name == "Phường Quy Nhơn Mới"
    assert after.valid_from == before.valid_from
    assert after.legal_basis == before.legal_basis


def test_a_unit_that_vanished_from_the_package_is_closed_not_deleted(gia_lai, monkeypatch):
    package_without(monkeypatch, "23947")

    result = load_units(province="52", today=TODAY)

    assert (result.created, result.updated, result.closed) == (0, 0, 1)
    closed = AdministrativeUnit.objects.get(level="commune", code="23947")
    assert closed.valid_to == datetime.date(2026, 3, 1)
    assert not current().filter(code="23947").exists()
    assert current().filter(level="commune", parent__code="52").count() == 134


def test_a_unit_listed_again_after_being_closed_is_reopened(gia_lai, monkeypatch):
    with monkeypatch.context() as patch:
        package_without(patch, "23947")
        load_units(province="52", today=TODAY)

    result = load_units(province="52")

    assert (result.created, result.updated, result.closed) == (0, 1, 0)
    assert AdministrativeUnit.objects.filter(code="23947").count() == 1
    assert current().filter(level="commune", code="23947").exists()


def test_loading_one_province_leaves_the_communes_of_others_alone(gia_lai):
    load_units(province="01")

    result = load_units(province="52")

    assert not result.changed
    assert current().filter(level="commune", parent__code="01").count() == 126
    assert not AdministrativeUnit.objects.filter(valid_to__isnull=False).exists()


def test_a_failing_load_leaves_nothing_behind(db, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(units.audit, "record", fail)

    with pytest.raises(RuntimeError):
        load_units(province="52")

    assert not AdministrativeUnit.objects.exists()


def test_a_load_that_changes_something_leaves_an_audit_entry_and_one_that_does_not_none(gia_lai):
    entry = AuditEntry.objects.get(action="org.units_loaded")
    assert entry.actor is None
    assert entry.details == {
        "source": "vietnam-provinces 2025.10.1",
        "province": "52",
        "created": 136,
        "updated": 0,
        "closed": 0,
    }

    load_units(province="52")

    assert AuditEntry.objects.filter(action="org.units_loaded").count() == 1


def test_historic_units_coexist_with_current_units_of_the_same_code_and_are_ignored(
    gia_lai, client
):
    # Before 1 July 2025 code 52 was Bình Định, with districts and communes of its own.
    old_province = AdministrativeUnit.objects.create(
        code="52",
        name="Bình Định",
        level="province",
        division_type="tỉnh",
        valid_from=datetime.date(1989, 6, 30),
        valid_to=datetime.date(2025, 6, 30),
    )
    old_district = AdministrativeUnit.objects.create(
        code="540",
        name="Thành phố Quy Nhơn",
        level="district",
        division_type="thành phố",
        parent=old_province,
        valid_to=datetime.date(2025, 6, 30),
    )
    # An old ward that shares its code with the new Phường Quy Nhơn it merged into.
    old_ward = AdministrativeUnit.objects.create(
        code="21583",
        name="Phường Trần Hưng Đạo",
        level="commune",
        division_type="phường",
        parent=old_district,
        valid_from=datetime.date(2008, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
    )
    new_ward = current().get(level="commune", code="21583")
    UnitSuccession.objects.create(
        predecessor=old_ward,
        successor=new_ward,
        effective_on=datetime.date(2025, 7, 1),
        legal_basis="Nghị quyết của UBTVQH về sắp xếp đơn vị hành chính cấp xã năm 2025",
    )

    result = load_units(province="52")

    assert not result.changed
    for unit in (old_province, old_district, old_ward):
        unit.refresh_from_db()
        assert unit.valid_to == datetime.date(2025, 6, 30)
    assert list(new_ward.predecessions.values_list("predecessor__name", flat=True)) == [
        "Phường Trần Hưng Đạo"
    ]
    assert current().get(level="province", code="52").name == "Gia Lai"
    assert current().filter(code="21583").get() == new_ward
    assert not current().filter(level="district").exists()
    assert str(old_ward) == "Phường Trần Hưng Đạo (đến 30/06/2025)"

    provinces = client.get("/api/v1/units").json()
    assert [(p["code"], p["name"]) for p in provinces] == [("52", "Gia Lai")]
    communes = client.get("/api/v1/units", {"province": "52"}).json()
    assert len(communes) == 135
    assert [c["name"] for c in communes if c["code"] == "21583"] == ["Phường Quy Nhơn"]
