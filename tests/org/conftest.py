"""A small cast for the org tests.

Most tests load Gia Lai alone (136 units) rather than the whole package (3,355 units): only tests
about the whole country pay for it.
"""

import io
from typing import Any

import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings

from motcua.accounts.models import User
from motcua.org.models import AdministrativeUnit, Agency, Role, StaffAssignment
from motcua.org.units import load_units


@pytest.fixture
def gia_lai(db: None) -> AdministrativeUnit:
    load_units(province="52")
    return AdministrativeUnit.objects.current().get(level="province", code="52")


@pytest.fixture
def seed_demo(gia_lai: AdministrativeUnit, settings: Settings):
    """Run `seed-demo` as `make demo` does (DEBUG on); returns a function giving its output."""
    settings.DEBUG = True

    def run(*args: str) -> str:
        out = io.StringIO()
        call_command("seed_demo", *args, stdout=out)
        return out.getvalue()

    return run


def make_agency(
    unit: AdministrativeUnit, code: str, name: str, kind: str = "department", **fields: Any
) -> Agency:
    return Agency.objects.create(unit=unit, code=code, name=name, kind=kind, **fields)


def make_official(username: str, *assignments: tuple[Agency, str], **fields: Any) -> User:
    user = User.objects.create_user(username=username, password="not-used", **fields)
    for agency, role_code in assignments:
        StaffAssignment.objects.create(
            user=user, agency=agency, role=Role.objects.get(code=role_code)
        )
    return user
