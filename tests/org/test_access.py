import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from motcua.org.access import (
    CAPABILITIES,
    STANDARD_ROLES,
    agencies_with,
    ensure_standard_roles,
    has_capability,
)
from motcua.org.models import AdministrativeUnit, ReceptionDesk, Role, StaffAssignment

from .conftest import make_agency, make_official


@pytest.fixture
def province(db):
    return AdministrativeUnit.objects.create(code="52", name="Gia Lai", level="province")


@pytest.fixture
def ubnd(province):
    return make_agency(province, "000.00.00.H21", "UBND tỉnh Gia Lai", kind="provincial_committee")


@pytest.fixture
def tu_phap(province):
    return make_agency(province, "000.00.02.H21", "Sở Tư pháp tỉnh Gia Lai")


@pytest.fixture
def xay_dung(province):
    return make_agency(province, "000.00.04.H21", "Sở Xây dựng tỉnh Gia Lai")


@pytest.fixture
def alice(tu_phap):
    """Alice is a specialist at Sở Tư pháp."""
    return make_official("alice", (tu_phap, "specialist"))


@pytest.fixture
def bob(ubnd, tu_phap, xay_dung):
    """Bob administers the province from the provincial People's Committee."""
    return make_official("bob", (ubnd, "province_admin"))


def test_the_standard_roles_exist_after_migrating_exactly_as_the_registry_defines_them(db):
    stored = {
        r.code: (r.name, r.description, tuple(r.capabilities), r.province_wide)
        for r in Role.objects.all()
    }

    assert stored == {
        s.code: (s.name, s.description, s.capabilities, s.province_wide) for s in STANDARD_ROLES
    }


def test_every_standard_role_uses_only_registered_capabilities():
    for role in STANDARD_ROLES:
        assert set(role.capabilities) <= set(CAPABILITIES), role.code


def test_ensure_standard_roles_creates_what_is_missing_and_keeps_local_changes(db):
    Role.objects.filter(code="officer").update(capabilities=["dossier.receive"])
    Role.objects.filter(code="leader").delete()

    assert ensure_standard_roles() == 1
    assert ensure_standard_roles() == 0
    assert Role.objects.get(code="officer").capabilities == ["dossier.receive"]
    assert Role.objects.get(code="leader").name == "Lãnh đạo"


def test_a_specialist_of_tu_phap_can_process_there_but_not_for_xay_dung(alice, tu_phap, xay_dung):
    assert has_capability(alice, "dossier.process", tu_phap)
    assert not has_capability(alice, "dossier.process", xay_dung)
    assert not has_capability(alice, "dossier.approve", tu_phap)
    assert list(agencies_with(alice, "dossier.process")) == [tu_phap]
    assert not agencies_with(alice, "dossier.approve").exists()


def test_without_an_agency_the_question_is_whether_anywhere_at_all(alice):
    assert has_capability(alice, "dossier.process")
    assert not has_capability(alice, "catalog.manage")


def test_a_province_admin_can_act_in_every_agency(bob, ubnd, tu_phap, xay_dung):
    for agency in (ubnd, tu_phap, xay_dung):
        assert has_capability(bob, "catalog.manage", agency)
    assert set(agencies_with(bob, "staff.manage")) == {ubnd, tu_phap, xay_dung}
    # Province-wide reaches every agency, but only with the role's own capabilities.
    assert not has_capability(bob, "dossier.approve", tu_phap)
    assert not agencies_with(bob, "dossier.approve").exists()


def test_an_inactive_assignment_grants_nothing(alice, tu_phap):
    StaffAssignment.objects.filter(user=alice).update(is_active=False)

    assert not has_capability(alice, "dossier.process", tu_phap)
    assert not has_capability(alice, "dossier.process")
    assert not agencies_with(alice, "dossier.process").exists()


def test_an_inactive_user_gets_nothing(alice, tu_phap):
    alice.is_active = False
    alice.save()

    assert not has_capability(alice, "dossier.process", tu_phap)
    assert not agencies_with(alice, "dossier.process").exists()


def test_an_anonymous_visitor_gets_nothing(tu_phap):
    assert not has_capability(AnonymousUser(), "dossier.process", tu_phap)
    assert not agencies_with(AnonymousUser(), "dossier.process").exists()


def test_a_closed_agency_grants_nothing_and_cannot_be_acted_for(alice, bob, tu_phap):
    tu_phap.valid_to = datetime.date(2025, 6, 30)
    tu_phap.save()

    assert not has_capability(alice, "dossier.process", tu_phap)
    assert not has_capability(alice, "dossier.process")
    assert not has_capability(bob, "catalog.manage", tu_phap)
    assert tu_phap not in agencies_with(bob, "catalog.manage")


def test_a_closure_entered_ahead_of_its_date_takes_effect_only_then(alice, tu_phap):
    tu_phap.valid_to = datetime.date.today() + datetime.timedelta(days=30)
    tu_phap.save()

    assert has_capability(alice, "dossier.process", tu_phap)


def test_a_superuser_without_an_assignment_has_no_capability(tu_phap):
    root = make_official("root", is_superuser=True, is_staff=True)

    assert not has_capability(root, "dossier.process", tu_phap)


def test_an_official_with_roles_in_two_agencies_acts_in_each_as_that_role(tu_phap, xay_dung):
    carol = make_official("carol", (tu_phap, "leader"), (xay_dung, "specialist"))

    assert has_capability(carol, "dossier.approve", tu_phap)
    assert not has_capability(carol, "dossier.approve", xay_dung)
    assert set(agencies_with(carol, "dossier.process")) == {tu_phap, xay_dung}


def test_a_mistyped_capability_fails_loudly(alice, tu_phap):
    with pytest.raises(ValueError, match=r"dossier\.recieve"):
        has_capability(alice, "dossier.recieve", tu_phap)
    with pytest.raises(ValueError, match="Mã quyền không có trong danh mục"):
        agencies_with(AnonymousUser(), "dossier.recieve")


def test_a_role_with_an_unknown_capability_does_not_validate(db):
    role = Role(code="tester", name="Kiểm thử", capabilities=["dossier.receive", "dossier.fly"])

    with pytest.raises(ValidationError) as error:
        role.full_clean()

    assert error.value.message_dict == {
        "capabilities": ["Mã quyền không có trong danh mục quyền: dossier.fly."]
    }


def test_a_role_with_registered_capabilities_validates(db):
    Role(code="tester", name="Kiểm thử", capabilities=["dossier.receive"]).full_clean()


def test_an_assignment_to_a_desk_of_another_agency_does_not_validate(alice, tu_phap, xay_dung):
    desk = ReceptionDesk.objects.create(agency=xay_dung, name="Quầy Sở Xây dựng")
    assignment = StaffAssignment.objects.get(user=alice)
    assignment.desk = desk

    with pytest.raises(ValidationError) as error:
        assignment.full_clean()

    assert error.value.message_dict == {
        "desk": ["Quầy được chọn không thuộc cơ quan được phân công."]
    }
