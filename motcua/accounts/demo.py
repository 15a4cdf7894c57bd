"""The demo's citizens (DEMO.md) as accounts: they log in with their 12-digit number and the demo
password, their identity already verified with the population database (level 2), as if each had
done it once. Runs before dossiers.demo, which finds these accounts by their number.

Idempotent: an account is created once; a missing verified identity is filled in, nothing else of
an existing account is changed (a password a visitor changed stays changed).
"""

from django.core.management.base import OutputWrapper
from django.utils import timezone

from motcua.core import demo_people
from motcua.core.management.commands.seed_demo import DEMO_PASSWORD, DemoLogin

from .models import AssuranceLevel, IdentitySource, User

ROLE = "Công dân"


def seed(out: OutputWrapper) -> list[DemoLogin]:
    logins: list[DemoLogin] = []
    made = 0
    for person in demo_people.CITIZENS:
        user = User.objects.filter(username=person.id_number).first()
        if user is None:
            user = User(username=person.id_number, full_name=person.full_name)
            user.set_password(DEMO_PASSWORD)
            user.save()
            made += 1
        changed: list[str] = []
        if not user.identity_number:
            user.identity_number = person.id_number
            user.identity_name = person.full_name
            user.identity_born = person.born
            user.identity_source = IdentitySource.POPULATION
            user.identity_verified_at = timezone.now()
            user.assurance_level = max(user.assurance_level, AssuranceLevel.POPULATION)
            changed += [
                "identity_number",
                "identity_name",
                "identity_born",
                "identity_source",
                "identity_verified_at",
                "assurance_level",
            ]
        if not user.phone and not User.objects.filter(phone=person.phone).exists():
            user.phone = person.phone
            changed.append("phone")
        if changed:
            user.save(update_fields=changed)
        logins.append(
            DemoLogin(username=person.id_number, password=DEMO_PASSWORD, role=ROLE, agency="")
        )
    out.write(
        f"Tài khoản công dân: {len(logins)} người dân trình diễn đã xác thực định danh "
        f"({made} tài khoản mới)."
    )
    return logins
