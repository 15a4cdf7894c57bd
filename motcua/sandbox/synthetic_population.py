"""A fictional population of Gia Lai for the stand-in population database, as households.

Names and streets come from Faker's vi_VN locale and the wards and communes from the province's
real 2025 units, so lookups look like the real thing; nothing here is a real person. The same
seed gives the same people (Faker is pinned exactly in pyproject.toml for that reason), so a test
or a demo can name a citizen the sandbox will know.

Each household has a book number, a head, usually a spouse and up to three children. Children
carry the father's family name (the common Vietnamese custom) and point to both parents by name
and personal identification number; spouses point to each other; everyone points to the head.
Personal identification numbers follow DOMAIN.md §5: province of birth registration, century and
sex, year of birth, six digits.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker
from vietnam_provinces import ProvinceCode, Ward

DEFAULT_SEED = 109
# Province codes of birth registration seen in Gia Lai (the legacy Gia Lai and Bình Định codes,
# which merged in 2025, and a few neighbours people move from).
BIRTH_PROVINCES = ("064", "064", "064", "052", "052", "052", "054", "066", "062", "001", "079")
# Faker's vi_VN middle names are not told apart by sex; women's are mostly Thị.
FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Kim", "Thanh", "Hồng", "Mỹ")
TODAY = date(2026, 1, 1)  # fixed, so a seed gives the same ages whatever day it runs


@dataclass
class Person:
    id_number: str
    family: str
    middle: str
    given: str
    sex: int
    born: date
    unit_code: str
    address: str
    marital_status: int
    relation: str
    household_book: str
    household_head_name: str = ""
    household_head_id: str = ""
    father_name: str = ""
    father_id: str = ""
    mother_name: str = ""
    mother_id: str = ""
    spouse_name: str = ""
    spouse_id: str = ""
    ethnicity: str = "Kinh"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.family, self.middle, self.given) if part)


@dataclass
class _Draw:
    faker: Faker
    rng: random.Random
    units: list[tuple[str, str]]
    taken: set[str] = field(default_factory=set)


def households(count: int, *, seed: int = DEFAULT_SEED) -> list[list[Person]]:
    """`count` households, the same ones for the same seed."""
    faker = Faker("vi_VN")
    faker.seed_instance(seed)
    rng = random.Random(seed)  # noqa: S311 - reproducible fictional records, not secrets
    wards = sorted(Ward.iter_by_province(ProvinceCode(52)), key=lambda ward: int(ward.code))
    units = [(f"{int(ward.code):05d}", ward.name[0].lower() + ward.name[1:]) for ward in wards]
    draw = _Draw(faker=faker, rng=rng, units=units)
    return [_household(draw, index) for index in range(count)]


def _household(draw: _Draw, index: int) -> list[Person]:
    rng, faker = draw.rng, draw.faker
    unit_code, unit = rng.choice(draw.units)
    address = f"Số {rng.randint(1, 300)} {faker.street_name()}, {unit}, tỉnh Gia Lai"
    book = f"{52_000_000 + index * 7919 % 1_000_000:09d}"
    married = rng.random() < 0.8
    head_sex = 1 if married or rng.random() < 0.6 else 2
    head_born = _birthday(rng, 1950, 1998)
    home = {"unit_code": unit_code, "address": address, "household_book": book}
    head = _person(
        draw, head_sex, head_born, relation="Chủ hộ", marital=2 if married else 1, **home
    )
    members = [head]
    if married:
        spouse_born = head_born + timedelta(days=rng.randint(-5 * 365, 5 * 365))
        relation = "Vợ" if head_sex == 1 else "Chồng"
        spouse = _person(draw, 3 - head_sex, spouse_born, relation=relation, marital=2, **home)
        head.spouse_name, head.spouse_id = spouse.full_name, spouse.id_number
        spouse.spouse_name, spouse.spouse_id = head.full_name, head.id_number
        members.append(spouse)
        father, mother = (head, spouse) if head_sex == 1 else (spouse, head)
        members += _children(draw, father, mother, home)
    for member in members:
        member.household_head_name, member.household_head_id = head.full_name, head.id_number
    return members


def _children(draw: _Draw, father: Person, mother: Person, home: dict[str, str]) -> list[Person]:
    rng = draw.rng
    first = max(father.born, mother.born) + timedelta(days=rng.randint(20 * 365, 30 * 365))
    children = []
    for number in range(rng.choice((0, 1, 2, 2, 3))):
        born = first + timedelta(days=number * rng.randint(400, 1500))
        if born >= TODAY:
            break
        child = _person(draw, rng.choice((1, 2)), born, relation="Con", marital=1,
                        family=father.family, **home)  # fmt: skip
        child.father_name, child.father_id = father.full_name, father.id_number
        child.mother_name, child.mother_id = mother.full_name, mother.id_number
        children.append(child)
    return children


def _person(
    draw: _Draw,
    sex: int,
    born: date,
    *,
    relation: str,
    marital: int,
    family: str = "",
    **home: str,
) -> Person:
    faker = draw.faker
    if sex == 1:
        drawn, middle, given = faker.last_name_male(), faker.middle_name(), faker.first_name_male()
    else:
        drawn, given = faker.last_name_female(), faker.first_name_female()
        middle = draw.rng.choice(FEMALE_MIDDLE)
    family = family or drawn
    if {family, given} & set(middle.split()):
        middle = "Văn" if sex == 1 else "Thị"
    return Person(
        id_number=_id_number(draw, sex, born),
        family=family,
        middle=middle,
        given=given,
        sex=sex,
        born=born,
        marital_status=marital if born.year < 2008 else 1,
        relation=relation,
        **home,
    )


def _id_number(draw: _Draw, sex: int, born: date) -> str:
    century = (born.year - 1900) // 100 * 2 + (sex - 1)
    province = draw.rng.choice(BIRTH_PROVINCES)
    while True:
        number = f"{province}{century}{born.year % 100:02d}{draw.rng.randrange(10**6):06d}"
        if number not in draw.taken:
            draw.taken.add(number)
            return number


def _birthday(rng: random.Random, first_year: int, last_year: int) -> date:
    start = date(first_year, 1, 1)
    return start + timedelta(days=rng.randrange((date(last_year, 12, 31) - start).days))
