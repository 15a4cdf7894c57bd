"""The sandbox's fictional population: valid numbers, consistent families, the same for a seed."""

import json
from datetime import date
from xml.etree import ElementTree as ET

import pytest
from django.test import Client

from motcua.accounts.identifiers import check_id_number
from motcua.sandbox import data, synthetic_population
from motcua.sandbox.models import Citizen
from motcua.sandbox.qcvn109 import NAMESPACE

NS = {"dc": NAMESPACE}


@pytest.fixture(scope="module")
def population() -> list[list[synthetic_population.Person]]:
    return synthetic_population.households(60, seed=7)


def test_the_same_seed_gives_the_same_people_and_another_seed_others() -> None:
    def people(**seed: int) -> list[str]:
        households = synthetic_population.households(20, **seed)
        return [person.id_number + person.full_name for h in households for person in h]

    first, again, other = people(), people(), people(seed=1)

    assert first == again
    assert set(first).isdisjoint(other)


def test_numbers_are_unique_valid_and_agree_with_sex_and_year_of_birth(population) -> None:
    people = [person for household in population for person in household]
    numbers = [person.id_number for person in people]

    assert len(people) > 120
    assert len(set(numbers)) == len(numbers)
    for person in people:
        check_id_number(person.id_number)
        century_and_sex = int(person.id_number[3])
        assert century_and_sex % 2 == person.sex - 1, person
        assert 1900 + century_and_sex // 2 * 100 + int(person.id_number[4:6]) == person.born.year
        assert person.born < date(2026, 1, 1)
        assert person.address.endswith(", tỉnh Gia Lai")
        assert len(person.unit_code) == 5


def test_households_hang_together(population) -> None:
    for household in population:
        head = household[0]
        ids = {person.id_number: person for person in household}
        assert head.relation == "Chủ hộ"
        assert {p.household_book for p in household} == {head.household_book}
        assert {p.household_head_id for p in household} == {head.id_number}
        assert {p.address for p in household} == {head.address}
        for person in household:
            if person.spouse_id:
                assert ids[person.spouse_id].spouse_id == person.id_number
                assert person.marital_status == 2
            if person.relation == "Con":
                father, mother = ids[person.father_id], ids[person.mother_id]
                assert person.family == father.family
                assert (father.sex, mother.sex) == (1, 2)
                assert person.mother_name == mother.full_name
                assert person.born > max(father.born, mother.born)
    assert any(person.relation == "Con" for household in population for person in household)


@pytest.mark.django_db
@pytest.mark.urls("motcua.sandbox.urls")
def test_a_childs_lookup_names_parents_and_household_in_qcvn109(client: Client) -> None:
    data.seed()
    child = Citizen.objects.exclude(father_id="").order_by("id_number").first()
    assert child is not None

    response = client.post(
        "/dan-cu/v1/cong-dan/tra-cuu",
        data=json.dumps(
            {
                "MaYeuCau": "REQ-FAMILY",
                "SoDinhDanh": child.id_number,
                "CanBoTraCuu": "motcua.tiepnhan",
                "MucDich": "Đăng ký thường trú",
            }
        ),
        content_type="application/json",
    )

    assert response.status_code == 200
    record = ET.fromstring(response.content).find("dc:CongDan", NS)  # noqa: S314 - own answer
    assert record is not None
    assert record.findtext("dc:Cha/dc:SoDinhDanh", namespaces=NS) == child.father_id
    assert record.findtext("dc:Me/dc:HoVaTen", namespaces=NS) == child.mother_name
    assert record.findtext("dc:ChuHo/dc:SoDinhDanh", namespaces=NS) == child.household_head_id
    assert record.findtext("dc:ChuHo/dc:QuanHe", namespaces=NS) == "Con"
    assert record.findtext("dc:SoSoHoKhau", namespaces=NS) == child.household_book
    assert Citizen.objects.filter(id_number=child.father_id).exists()
    count = Citizen.objects.count()
    data.seed()
    assert Citizen.objects.count() == count
