"""The sandbox's fictional records: DEMO.md's citizens, a few hundred more, a few businesses.

Deterministic and idempotent: records are found by their numbers and never changed once made.
"""

import random
from datetime import date, timedelta

from motcua.core import demo_people

from .models import Business, Citizen

SYNTHETIC_CITIZENS = 200
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
MIDDLE = {1: ("Văn", "Minh", "Quốc", "Đức"), 2: ("Thị", "Ngọc", "Thu", "Kim")}
GIVEN = {1: ("An", "Bình", "Dũng", "Hải", "Khoa", "Long"), 2: ("Anh", "Hà", "Hoa", "Lan", "Mai")}
# Unit codes of wards and communes of Gia Lai (vietnam-provinces, after the 2025 reform).
UNITS = (("21583", "phường Quy Nhơn"), ("23575", "phường Pleiku"), ("23947", "xã Bờ Ngoong"))

BUSINESSES = (
    ("4101567890", "Công ty TNHH Cà phê Phố Núi", "Công ty trách nhiệm hữu hạn một thành viên",
     "18 Nguyễn Huệ, phường Quy Nhơn, tỉnh Gia Lai", "huy", date(2025, 9, 15)),
    ("5900123456", "Công ty cổ phần Nông sản Tây Nguyên", "Công ty cổ phần",
     "120 Trường Chinh, phường Pleiku, tỉnh Gia Lai", "tam", date(2019, 4, 2)),
    ("4100987654", "Hợp tác xã Nông nghiệp Ia Kênh", "Hợp tác xã",
     "Làng Ia Kênh, xã Bờ Ngoong, tỉnh Gia Lai", "nay", date(2012, 6, 28)),
)  # fmt: skip


def seed() -> dict[str, int]:
    made = {"citizens": 0, "businesses": 0}
    for person in demo_people.CITIZENS:
        _, created = Citizen.objects.get_or_create(
            id_number=person.id_number,
            defaults={
                "family": person.family,
                "middle": person.middle,
                "given": person.given,
                "sex": person.sex,
                "born": person.born,
                "ethnicity": person.ethnicity,
                "unit_code": person.commune_code,
                "address": person.full_address,
                "marital_status": 2 if person.key == "thao" else 1,
            },
        )
        made["citizens"] += created
    rng = random.Random(109)  # noqa: S311 - reproducible fictional records, not secrets
    existing = set(Citizen.objects.values_list("id_number", flat=True))
    new = []
    for _ in range(SYNTHETIC_CITIZENS):
        # Every draw is made before the existence check, so a re-run draws the same records.
        sex = rng.choice((1, 2))
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 56))
        century = (0 if sex == 1 else 1) if born.year < 2000 else (2 if sex == 1 else 3)
        number = f"052{century}{born.year % 100:02d}{rng.randrange(10**6):06d}"
        unit_code, unit = rng.choice(UNITS)
        street = f"{rng.randint(1, 300)} đường số {rng.randint(1, 40)}"
        family, middle, given = rng.choice(FAMILY), rng.choice(MIDDLE[sex]), rng.choice(GIVEN[sex])
        if number in existing:
            continue
        existing.add(number)
        new.append(
            Citizen(
                id_number=number,
                family=family,
                middle=middle,
                given=given,
                sex=sex,
                born=born,
                ethnicity="Kinh",
                unit_code=unit_code,
                address=f"{street}, {unit}, tỉnh Gia Lai",
            )
        )
    Citizen.objects.bulk_create(new)
    made["citizens"] += len(new)
    for code, name, kind, address, owner, registered in BUSINESSES:
        person = demo_people.BY_KEY[owner]
        _, created = Business.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "address": address,
                "representative": person.full_name,
                "representative_id": person.id_number,
                "registered_on": registered,
            },
        )
        made["businesses"] += created
    return made
