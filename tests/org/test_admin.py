import pytest

from motcua.accounts.models import User
from motcua.org.models import AdministrativeUnit, Agency, Role, StaffAssignment


@pytest.fixture
def admin_client(gia_lai, client):
    User.objects.create_superuser("dave", password="mat-khau-quan-tri")
    client.login(username="dave", password="mat-khau-quan-tri")
    return client


@pytest.mark.parametrize(
    "page",
    [
        "administrativeunit/",
        "administrativeunit/?q=Quy+Nh%C6%A1n&level__exact=commune&hien_hanh=1",
        "agency/?dang_hoat_dong=1",
        "agency/add/",
        "role/",
        "staffassignment/",
        "receptiondesk/",
    ],
)
def test_the_org_admin_pages_open(admin_client, page):
    assert admin_client.get(f"/quan-tri/org/{page}").status_code == 200


def test_a_current_unit_is_read_only_in_the_admin_and_cannot_be_deleted(admin_client):
    unit = AdministrativeUnit.objects.get(code="21583")

    page = admin_client.get(f"/quan-tri/org/administrativeunit/{unit.pk}/change/")

    assert page.status_code == 200
    assert 'name="name"' not in page.content.decode()
    assert (
        admin_client.get(f"/quan-tri/org/administrativeunit/{unit.pk}/delete/").status_code == 403
    )


def test_the_role_form_offers_every_capability_as_a_checkbox(admin_client):
    page = admin_client.get("/quan-tri/org/role/add/").content.decode()

    assert 'type="checkbox" name="capabilities" value="dossier.receive"' in page
    assert "Tiếp nhận hồ sơ" in page


def test_saving_a_role_in_the_admin_stores_its_capabilities_in_registry_order(admin_client):
    response = admin_client.post(
        "/quan-tri/org/role/add/",
        {
            "code": "reception_lead",
            "name": "Tổ trưởng một cửa",
            "description": "",
            "capabilities": ["reports.view", "dossier.receive"],
        },
    )

    assert response.status_code == 302
    assert Role.objects.get(code="reception_lead").capabilities == [
        "dossier.receive",
        "reports.view",
    ]


def test_the_role_form_refuses_a_capability_outside_the_registry(admin_client):
    response = admin_client.post(
        "/quan-tri/org/role/add/",
        {"code": "pirate", "name": "Cướp biển", "capabilities": ["dossier.plunder"]},
    )

    assert response.status_code == 200
    assert not Role.objects.filter(code="pirate").exists()


def test_an_agency_is_edited_with_its_reception_desks(admin_client, gia_lai):
    response = admin_client.post(
        "/quan-tri/org/agency/add/",
        {
            "code": "000.00.02.H21",
            "name": "Sở Tư pháp tỉnh Gia Lai",
            "short_name": "Sở Tư pháp",
            "kind": "department",
            "unit": gia_lai.pk,
            "desks-TOTAL_FORMS": "1",
            "desks-INITIAL_FORMS": "0",
            "desks-0-name": "Quầy Sở Tư pháp",
            "desks-0-address": "127 Hai Bà Trưng, phường Quy Nhơn, tỉnh Gia Lai",
            "desks-0-is_active": "on",
        },
    )

    assert response.status_code == 302
    agency = Agency.objects.get(code="000.00.02.H21")
    assert [d.name for d in agency.desks.all()] == ["Quầy Sở Tư pháp"]
    assert not StaffAssignment.objects.exists()
