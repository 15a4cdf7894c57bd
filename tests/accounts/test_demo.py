"""The demo's citizens log in with their number and the demo password, verified at level 2."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.test import Client

from motcua.accounts import demo
from motcua.accounts.models import User
from motcua.core.demo_people import CITIZENS
from motcua.core.management.commands.seed_demo import DEMO_PASSWORD
from motcua.org.units import load_units

pytestmark = pytest.mark.django_db


def test_the_demo_citizens_are_verified_accounts_and_a_second_seed_changes_nothing():
    logins = demo.seed(OutputWrapper(StringIO()))
    before = {u.pk: (u.password, u.identity_verified_at) for u in User.objects.all()}

    again = demo.seed(OutputWrapper(StringIO()))

    assert {u.pk: (u.password, u.identity_verified_at) for u in User.objects.all()} == before
    assert (
        [x.username for x in logins]
        == [c.id_number for c in CITIZENS]
        == [x.username for x in again]
    )
    assert {x.role for x in logins} == {"Công dân"}
    for person in CITIZENS:
        user = User.objects.get(username=person.id_number)
        assert (user.assurance_level, user.identity_verified) == (2, True)
        assert (user.identity_number, user.identity_name, user.identity_born) == (
            person.id_number,
            person.full_name,
            person.born,
        )
        assert user.phone == person.phone


def test_a_demo_citizen_logs_in_with_their_number_and_sees_their_verified_identity():
    demo.seed(OutputWrapper(StringIO()))
    thao = CITIZENS[0]
    client = Client()

    response = client.post(
        "/tai-khoan/dang-nhap/", {"login_name": thao.id_number, "password": DEMO_PASSWORD}
    )

    assert response["Location"] == "/tai-khoan/"
    page = client.get("/tai-khoan/").content.decode()
    assert "Đã xác thực" in page and thao.full_name in page and "14/03/1995" in page


def test_seed_demo_prints_the_citizens_in_the_login_table(settings):
    settings.DEBUG = True
    load_units(province="52")
    out = StringIO()
    call_command("seed_demo", stdout=out)

    lines = out.getvalue().splitlines()
    for person in CITIZENS:
        row = next(line for line in lines if line.startswith(person.id_number))
        assert [cell.strip() for cell in row.split("|")][:3] == [
            person.id_number,
            DEMO_PASSWORD,
            "Công dân",
        ]
