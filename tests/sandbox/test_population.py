"""The stand-in population database answers as QCVN 109 says, and logs every lookup."""

import json
from xml.etree import ElementTree as ET

import pytest
from django.test import Client

from motcua.core.demo_people import BY_KEY
from motcua.sandbox import data
from motcua.sandbox.models import Citizen, Lookup
from motcua.sandbox.qcvn109 import NAMESPACE

pytestmark = [pytest.mark.django_db, pytest.mark.urls("motcua.sandbox.urls")]
NS = {"dc": NAMESPACE}
THAO = BY_KEY["thao"]


@pytest.fixture(autouse=True)
def records() -> None:
    data.seed()


def post(client: Client, path: str, body: dict[str, object]):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def parse(xml: bytes) -> ET.Element:
    return ET.fromstring(xml)  # noqa: S314 - the test's own sandbox answer, not untrusted input


def lookup(client: Client, request_id: str = "REQ-1", **fields: str):
    body = {
        "MaYeuCau": request_id,
        "SoDinhDanh": THAO.id_number,
        "CanBoTraCuu": "motcua.tiepnhan",
        "MucDich": "Tiếp nhận hồ sơ khai sinh",
        **fields,
    }
    return post(client, "/dan-cu/v1/cong-dan/tra-cuu", body)


def test_a_lookup_answers_a_qcvn109_collection_with_the_citizen(client: Client) -> None:
    response = lookup(client)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = parse(response.content)
    assert root.tag == f"{{{NAMESPACE}}}CongdanCollection"
    assert root.get("SoCongDan") == "1"
    citizen = root.find("dc:CongDan", NS)
    assert citizen is not None
    assert citizen.findtext("dc:SoDinhDanh", namespaces=NS) == THAO.id_number
    assert citizen.findtext("dc:HoVaTen/dc:Ho", namespaces=NS) == "Nguyễn"
    assert citizen.findtext("dc:HoVaTen/dc:ChuDem", namespaces=NS) == "Thị Thu"
    assert citizen.findtext("dc:HoVaTen/dc:Ten", namespaces=NS) == "Thảo"
    assert citizen.findtext("dc:GioiTinh", namespaces=NS) == "2"
    assert citizen.findtext("dc:NgayThangNamSinh/dc:NgayThangNam", namespaces=NS) == "19950314"
    assert citizen.findtext("dc:ThuongTru/dc:MaDonViHanhChinh", namespaces=NS) == "21583"
    log = Lookup.objects.get(request_id="REQ-1")
    assert (log.officer, log.purpose, log.matched) == (
        "motcua.tiepnhan",
        "Tiếp nhận hồ sơ khai sinh",
        True,
    )


def test_withheld_elements_say_so_rather_than_look_empty(client: Client) -> None:
    Citizen.objects.filter(id_number=THAO.id_number).update(withheld=["NhomMau", "Cha"])

    root = parse(lookup(client).content)

    blood = root.find("dc:CongDan/dc:NhomMau", NS)
    father = root.find("dc:CongDan/dc:Cha", NS)
    assert blood is not None and blood.get("KhongDuocChiaSe") == "true" and not blood.text
    assert father is not None and father.get("KhongDuocChiaSe") == "true" and len(father) == 0
    # Not withheld and empty: present without the attribute ("has no data").
    identity_card = root.find("dc:CongDan/dc:SoCMND", NS)
    assert identity_card is not None and identity_card.get("KhongDuocChiaSe") is None


def test_an_unknown_number_answers_an_empty_collection(client: Client) -> None:
    root = parse(lookup(client, SoDinhDanh="052199999999").content)

    assert root.get("SoCongDan") == "0"
    assert root.findall("dc:CongDan", NS) == []
    assert Lookup.objects.get(request_id="REQ-1").matched is False


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"SoDinhDanh": "05219500123"}, "Số định danh cá nhân phải gồm đúng 12 chữ số."),
        ({"MucDich": ""}, "Thiếu trường bắt buộc: MucDich."),
        ({"CanBoTraCuu": " "}, "Thiếu trường bắt buộc: CanBoTraCuu."),
    ],
)
def test_a_lookup_without_its_particulars_is_refused(
    client: Client, fields: dict[str, str], message: str
) -> None:
    response = lookup(client, **fields)

    assert response.status_code == 400
    assert response.json() == {"MaLoi": "400", "MoTa": message}
    assert not Lookup.objects.exists()


def test_a_request_id_is_used_once(client: Client) -> None:
    lookup(client)

    again = lookup(client)

    assert again.status_code == 409
    assert "REQ-1 đã được dùng" in again.json()["MoTa"]
    assert Lookup.objects.count() == 1


def test_malformed_json_is_a_clear_400(client: Client) -> None:
    response = client.post(
        "/dan-cu/v1/cong-dan/tra-cuu", data=b"{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["MoTa"] == "Bản tin không phải JSON hợp lệ (UTF-8)."


@pytest.mark.parametrize(
    ("name", "born", "result"),
    [
        ("Nguyễn Thị Thu Thảo", "19950314", "KHOP"),
        ("  nguyễn thị thu  THẢO ", "14/03/1995", "KHOP"),
        ("Nguyễn Thị Thu Thao", "1995-03-14", "KHONG_KHOP"),  # a missing accent is another name
        ("Nguyễn Thị Thu Thảo", "19950315", "KHONG_KHOP"),
    ],
)
def test_verification_answers_only_match_or_no_match(
    client: Client, name: str, born: str, result: str
) -> None:
    response = post(
        client,
        "/dan-cu/v1/cong-dan/xac-thuc",
        {
            "MaYeuCau": "V-1",
            "SoDinhDanh": THAO.id_number,
            "HoVaTen": name,
            "NgayThangNamSinh": born,
            "CanBoTraCuu": "cổng dịch vụ công tỉnh",
            "MucDich": "Xác thực tài khoản",
        },
    )

    assert response.status_code == 200
    assert response.json() == {"MaYeuCau": "V-1", "KetQua": result}


def test_the_records_are_seeded_once(client: Client) -> None:
    before = Citizen.objects.count()

    assert data.seed() == {"citizens": 0, "businesses": 0}
    assert Citizen.objects.count() == before >= 200
