"""The sandbox's fictional records: DEMO.md's citizens, a few hundred more, a few businesses.

Deterministic and idempotent: records are found by their numbers and never changed once made.
"""

from dataclasses import asdict
from datetime import date
from typing import Any

from motcua.core import demo_people

from . import synthetic_population
from .models import Business, Citizen, CivilRecord, InsuranceRecord

# About 240 people in 80 households, besides DEMO.md's citizens.
SYNTHETIC_HOUSEHOLDS = 80

BUSINESSES = (
    ("4101567890", "Công ty TNHH Cà phê Phố Núi", "Công ty trách nhiệm hữu hạn một thành viên",
     "18 Nguyễn Huệ, phường Quy Nhơn, tỉnh Gia Lai", "huy", date(2025, 9, 15)),
    ("5900123456", "Công ty cổ phần Nông sản Tây Nguyên", "Công ty cổ phần",
     "120 Trường Chinh, phường Pleiku, tỉnh Gia Lai", "tam", date(2019, 4, 2)),
    ("4100987654", "Hợp tác xã Nông nghiệp Ia Kênh", "Hợp tác xã",
     "Làng Ia Kênh, xã Bờ Ngoong, tỉnh Gia Lai", "nay", date(2012, 6, 28)),
)  # fmt: skip


# Social insurance: (citizen, BHXH number, employer, employer code, since, months, status,
# health insurance card, valid to, hospital). Ksor Nay is a retired farmer insured by the state.
INSURANCE = (
    ("thao", "5220123456", "Trường Tiểu học Lê Lợi", "TA5201234", date(2017, 9, 1), 98,
     "Đang tham gia", "GD4525220123456", date(2026, 12, 31), "Bệnh viện đa khoa tỉnh Gia Lai"),
    ("huy", "5222004321", "Công ty TNHH Cà phê Phố Núi", "YN5209876", date(2025, 10, 1), 13,
     "Đang tham gia", "DN4525222004321", date(2026, 12, 31), "Trạm Y tế phường Quy Nhơn"),
    ("nay", "6448005678", "", "", date(2009, 1, 1), 0,
     "Người cao tuổi (thẻ BHYT do ngân sách đóng)", "BT2646448005678", date(2027, 12, 31),
     "Trạm Y tế xã Bờ Ngoong"),
    ("tam", "5292007777", "Công ty cổ phần Nông sản Tây Nguyên", "YN5204567", date(2014, 3, 1),
     52, "Dừng đóng", "HC4525292007777", date(2025, 6, 30), "Bệnh viện đa khoa tỉnh Gia Lai"),
)  # fmt: skip
# Civil status: births of the demo citizens and Thảo's marriage (to a fictional husband).
HUSBAND = ("Phạm Văn Hòa", "052093008888")
CIVIL = (
    ("KS", "145/1995", "01/1995", date(1995, 3, 20), "UBND phường Quy Nhơn", ("thao",)),
    ("KS", "87/2000", "01/2000", date(2000, 8, 10), "UBND phường Quy Nhơn", ("huy",)),
    ("KS", "12/1948", "01/1948", date(1948, 6, 1), "UBND xã Bờ Ngoong", ("nay",)),
    ("KS", "301/1992", "02/1992", date(1992, 11, 20), "UBND phường Pleiku", ("tam",)),
    ("KH", "56/2023", "01/2023", date(2023, 5, 6), "UBND phường Quy Nhơn", ("thao",)),
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
                **(
                    {"spouse_name": HUSBAND[0], "spouse_id": HUSBAND[1]}
                    if person.key == "thao"
                    else {}
                ),
            },
        )
        made["citizens"] += created
    existing = set(Citizen.objects.values_list("id_number", flat=True))
    new = []
    for household in synthetic_population.households(SYNTHETIC_HOUSEHOLDS):
        for member in household:
            if member.id_number in existing:
                continue
            existing.add(member.id_number)
            new.append(Citizen(**_citizen_fields(member)))
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
    seed_registries()
    return made


def _citizen_fields(person: synthetic_population.Person) -> dict[str, Any]:
    fields = asdict(person)
    fields["household_relation"] = fields.pop("relation")
    return fields


def seed_registries() -> dict[str, int]:
    """Social insurance and civil status records of the demo citizens (idempotent)."""
    made = {"insurance": 0, "civil_records": 0}
    for key, number, employer, code, since, months, status, card, valid, hospital in INSURANCE:
        person = demo_people.BY_KEY[key]
        _, created = InsuranceRecord.objects.get_or_create(
            insurance_number=number,
            defaults={
                "id_number": person.id_number,
                "full_name": person.full_name,
                "born": person.born,
                "employer": employer,
                "employer_code": code,
                "started_on": since,
                "months_paid": months,
                "status": status,
                "health_card": card,
                "health_card_valid_to": valid,
                "hospital": hospital,
            },
        )
        made["insurance"] += created
    for kind, number, book, registered, office, keys in CIVIL:
        _, created = CivilRecord.objects.get_or_create(
            record_number=number,
            defaults={
                "kind": kind,
                "book": book,
                "registered_on": registered,
                "registry_office": office,
                **_civil_parties(kind, [demo_people.BY_KEY[k] for k in keys]),
            },
        )
        made["civil_records"] += created
    return made


def _civil_parties(kind: str, people: list[demo_people.DemoCitizen]) -> dict[str, Any]:
    person = people[0]
    if kind == "KH":
        return {
            "id_numbers": [person.id_number, HUSBAND[1]],
            "details": {
                "HoTenChong": HUSBAND[0],
                "SoDinhDanhChong": HUSBAND[1],
                "HoTenVo": person.full_name,
                "SoDinhDanhVo": person.id_number,
            },
        }
    return {
        "id_numbers": [person.id_number],
        "details": {
            "HoTen": person.full_name,
            "SoDinhDanh": person.id_number,
            "NgaySinh": person.born.strftime("%Y%m%d"),
            "GioiTinh": person.sex,
            "NoiSinh": f"{person.commune}, tỉnh Gia Lai",
            "DanToc": person.ethnicity,
            "QuocTich": "Việt Nam",
        },
    }
