import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from motcua.accounts.models import User
from motcua.core.management.commands.seed_demo import DEMO_PASSWORD
from motcua.org.access import has_capability
from motcua.org.models import AdministrativeUnit, Agency, ReceptionDesk, Role, StaffAssignment

DEMO_USERNAMES = [
    "motcua.tiepnhan",
    "tuphap.chuyenvien",
    "tuphap.lanhdao",
    "xaydung.chuyenvien",
    "xaydung.lanhdao",
    "nnmt.chuyenvien",
    "nnmt.lanhdao",
    "congan.chuyenvien",
    "congan.lanhdao",
    "bongoong.tiepnhan",
    "buudien.hotro",
    "motcua.quantri",
    "tinh.quantri",
]


def counts() -> dict[str, int]:
    models: list[Any] = [AdministrativeUnit, Agency, ReceptionDesk, Role, User, StaffAssignment]
    return {model.__name__: model._default_manager.count() for model in models}


def test_seed_demo_creates_the_gia_lai_organisation_and_prints_the_demo_logins(seed_demo):
    output = seed_demo()

    assert "Tổ chức: đã tạo 149 cơ quan, 149 quầy tiếp nhận, 13 tài khoản cán bộ" in output
    assert "Tên đăng nhập" in output
    assert f"Mật khẩu chung của mọi tài khoản trình diễn: {DEMO_PASSWORD}." in output
    for username in DEMO_USERNAMES:
        assert username in output
    staff = User.objects.filter(assignments__isnull=False).distinct().order_by("pk")
    assert list(staff.values_list("username", flat=True)) == DEMO_USERNAMES


def test_the_demo_agencies_carry_codes_in_the_national_format(seed_demo):
    seed_demo()

    agency = Agency.objects.get
    assert agency(code="000.00.00.H21").name == "UBND tỉnh Gia Lai"
    assert agency(code="000.00.01.H21").name == "Trung tâm Phục vụ hành chính công tỉnh Gia Lai"
    assert agency(code="000.00.02.H21").short_name == "Sở Tư pháp"
    assert agency(code="000.00.04.H21").short_name == "Sở Xây dựng"
    assert agency(code="000.00.12.H21").name == "Công an tỉnh Gia Lai"
    assert agency(code="000.00.99.H21").kind == Agency.Kind.OTHER
    communes = Agency.objects.filter(kind=Agency.Kind.COMMUNE_COMMITTEE).order_by("code")
    assert communes.count() == 135
    assert [a.code for a in communes] == [f"{n:03d}.00.90.H21" for n in range(1, 136)]
    unit_codes = [a.unit.code for a in communes.select_related("unit")]
    assert unit_codes == sorted(unit_codes)
    assert Agency.objects.get(unit__code="21583").name == "UBND Phường Quy Nhơn"


def test_every_demo_agency_has_a_reception_desk_with_an_address(seed_demo):
    seed_demo()

    assert not Agency.objects.filter(desks__isnull=True).exists()
    assert not ReceptionDesk.objects.filter(address="").exists()
    desk = ReceptionDesk.objects.get(agency__unit__code="23947")
    assert desk.address == "Trung tâm Phục vụ hành chính công xã Bờ Ngoong, tỉnh Gia Lai"


def test_the_demo_cast_can_do_what_their_story_needs(seed_demo):
    seed_demo()
    user = User.objects.get
    tu_phap = Agency.objects.get(code="000.00.02.H21")
    xay_dung = Agency.objects.get(code="000.00.04.H21")
    rural = Agency.objects.get(unit__code="23947")

    assert has_capability(user(username="motcua.tiepnhan"), "dossier.receive")
    assert has_capability(user(username="tuphap.chuyenvien"), "dossier.process", tu_phap)
    assert not has_capability(user(username="tuphap.chuyenvien"), "dossier.process", xay_dung)
    assert has_capability(user(username="xaydung.lanhdao"), "dossier.approve", xay_dung)
    assert has_capability(user(username="bongoong.tiepnhan"), "dossier.receive", rural)
    assert has_capability(user(username="bongoong.tiepnhan"), "dossier.process", rural)
    assert has_capability(user(username="buudien.hotro"), "dossier.submit_on_behalf")
    assert has_capability(user(username="tinh.quantri"), "catalog.manage", rural)
    assert StaffAssignment.objects.get(user__username="motcua.tiepnhan").desk is not None


def test_the_province_admin_can_open_the_admin_site(seed_demo, client):
    seed_demo()

    assert client.login(username="tinh.quantri", password=DEMO_PASSWORD)
    assert client.get("/quan-tri/").status_code == 200


def test_seed_demo_twice_creates_nothing_new_and_keeps_a_changed_password(seed_demo):
    seed_demo()
    first = counts()
    officer = User.objects.get(username="motcua.tiepnhan")
    officer.set_password("mat-khau-rieng-cua-toi")
    officer.save()

    output = seed_demo()

    assert counts() == first
    assert "Tổ chức: dữ liệu trình diễn đã có sẵn, không tạo thêm gì." in output
    officer.refresh_from_db()
    assert officer.check_password("mat-khau-rieng-cua-toi")


def test_seed_demo_loads_every_unit_when_none_are_loaded(db, settings):
    settings.DEBUG = True
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    assert AdministrativeUnit.objects.current().filter(level="province").count() == 34
    assert "tạo mới 3.355" in out.getvalue()


def test_seed_demo_refuses_to_run_when_debug_is_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_demo", stdout=io.StringIO())

    assert not User.objects.exists()
    assert not Agency.objects.exists()


def test_seed_demo_runs_with_debug_off_only_when_explicitly_allowed(gia_lai, settings):
    settings.DEBUG = False

    call_command("seed_demo", "--allow-production", stdout=io.StringIO())

    assert User.objects.filter(username="tinh.quantri").exists()
