# ruff: noqa: F811  (the cast fixture is imported)
"""The home page's most-used procedures and "how to get help", and the /huong-dan/ pages."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Channel, Dossier
from motcua.org.models import Agency, ReceptionDesk, Role, StaffAssignment
from motcua.portal import popular
from motcua.portal.help import help_contacts
from tests.dossiers.conftest import cast  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_cached_list():
    cache.delete(popular.CACHE_KEY)
    yield
    cache.delete(popular.CACHE_KEY)


def received(procedure: Procedure, lan, *, days_ago: int, times: int = 1) -> None:
    when = timezone.now() - timedelta(days=days_ago)
    lan_agency = procedure.agencies.first()
    for n in range(times):
        Dossier.objects.create(
            reference=f"T-{procedure.code}-{days_ago}-{n}",
            procedure=procedure,
            receiving_agency=lan_agency,
            current_agency=lan_agency,
            applicant_name="Trần Thị Lan",
            applicant_user=lan,
            channel=Channel.ONLINE,
            received_at=when,
        )


def test_with_no_recent_dossiers_the_home_page_shows_the_curated_list(client, cast):
    assert cast.lltp.code in popular.CURATED_CODES  # the judicial record certificate
    html = client.get("/").content.decode()
    assert "Thủ tục nhiều người làm" in html
    assert f'href="/thu-tuc/{cast.lltp.code}/"' in html
    assert [p.received for p in popular.most_used()] == [None]


def test_the_most_used_procedures_are_counted_over_the_last_90_days(cast):
    received(cast.building, cast.lan, days_ago=3, times=2)
    received(cast.lltp, cast.lan, days_ago=10)
    received(cast.lltp, cast.lan, days_ago=120, times=5)  # too old to count
    rows = popular.counted(now=timezone.now())
    assert [(r.code, r.received) for r in rows] == [(cast.building.code, 2), (cast.lltp.code, 1)]


def test_an_unpublished_procedure_is_never_offered(cast):
    received(cast.building, cast.lan, days_ago=3)
    Procedure.objects.filter(pk=cast.building.pk).update(is_published=False)
    assert popular.counted(now=timezone.now()) == []


def test_the_list_is_cached_for_a_few_minutes(cast, django_assert_num_queries):
    received(cast.lltp, cast.lan, days_ago=1)
    first = popular.most_used()
    with django_assert_num_queries(0):
        assert popular.most_used() == first


def test_help_names_the_desk_its_hours_the_post_office_and_the_help_line(client, cast, settings):
    settings.HELP_PHONE = "0256 3 999 999"
    ReceptionDesk.objects.create(agency=cast.center, name="Quầy 1", address="127 Hai Bà Trưng")
    post = Agency.objects.create(
        code="000.00.99.H21",
        name="Bưu điện tỉnh Gia Lai",
        kind=Agency.Kind.OTHER,
        unit=cast.gia_lai,
    )
    ReceptionDesk.objects.create(agency=post, name="Quầy bưu chính", address="197 Phan Bội Châu")
    StaffAssignment.objects.create(
        user=cast.lan, agency=post, role=Role.objects.get(code="assisted_submitter")
    )
    contacts = help_contacts()
    assert contacts.service_center == cast.center
    assert contacts.post_offices == [post]
    for path in ("/", "/huong-dan/tro-giup/"):
        html = client.get(path).content.decode()
        assert 'href="tel:02563999999"' in html
        assert "127 Hai Bà Trưng" in html
        assert "Bưu điện tỉnh Gia Lai" in html and "197 Phan Bội Châu" in html
        assert "Thứ Hai đến thứ Sáu" in html


def test_without_a_help_line_the_service_centers_phone_is_used(cast, settings):
    settings.HELP_PHONE = ""
    Agency.objects.filter(pk=cast.center.pk).update(phone="0256 3 818 555")
    assert help_contacts().phone == "0256 3 818 555"


def test_the_home_page_links_to_lookup_my_dossiers_and_help(client, cast):
    html = client.get("/").content.decode()
    assert html.index('id="home-q"') < html.index("Thủ tục nhiều người làm")
    for href in ("/tra-cuu/", "/ho-so-cua-toi/", "/huong-dan/"):
        assert f'href="{href}"' in html


@pytest.mark.parametrize("slug", ["nop-truc-tuyen", "tra-cuu", "tro-giup", "cau-hoi"])
def test_every_help_page_is_listed_and_answers(client, cast, slug):
    assert f'href="/huong-dan/{slug}/"' in client.get("/huong-dan/").content.decode()
    response = client.get(f"/huong-dan/{slug}/")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()


def test_an_unknown_help_page_is_a_404(client, cast):
    assert client.get("/huong-dan/khong-co/").status_code == 404
