"""The officials' notices page, /can-bo/thong-bao/."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from motcua.notifications.models import Notice
from tests.dossiers.conftest import Cast

URL = "/can-bo/thong-bao/"
MARK = "/can-bo/thong-bao/da-doc/"


def logged_in(user, *, enforce_csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(user)
    return client


def notice(user, title: str, *, minutes_ago: int, read: bool = False, url: str = "") -> Notice:
    created = Notice.objects.create(
        recipient=user,
        kind=Notice.Kind.OVERDUE,
        title=title,
        body=f"Nội dung: {title}",
        url=url,
        key=f"k-{title}",
        read_at=timezone.now() if read else None,
    )
    Notice.objects.filter(pk=created.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return created


@pytest.fixture
def khoa_notices(cast: Cast) -> list[Notice]:
    return [
        notice(cast.khoa, "Cũ đã đọc", minutes_ago=1, read=True),
        notice(cast.khoa, "Chưa đọc cũ", minutes_ago=30),
        notice(cast.khoa, "Chưa đọc mới", minutes_ago=5, url="/can-bo/ho-so/X/"),
    ]


def test_the_page_needs_a_login(db):
    response = Client().get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(settings.LOGIN_URL)


def test_an_official_sees_their_own_notices_unread_first(cast, khoa_notices):
    notice(cast.nhung, "Của người khác", minutes_ago=0)

    response = logged_in(cast.khoa).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bạn có 2 thông báo chưa đọc." in html
    titles = ["Chưa đọc mới", "Chưa đọc cũ", "Cũ đã đọc"]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Của người khác" not in html


def test_marking_one_notice_read(cast, khoa_notices):
    target = khoa_notices[1]

    response = logged_in(cast.khoa).post(MARK, {"notice": target.pk})

    assert response.status_code == 302
    assert response["Location"] == URL
    assert Notice.objects.get(pk=target.pk).read_at is not None
    assert Notice.objects.filter(recipient=cast.khoa, read_at__isnull=True).count() == 1


def test_opening_a_notice_marks_it_read_and_goes_to_the_dossier(cast, khoa_notices):
    target = khoa_notices[2]
    client = logged_in(cast.khoa)

    response = client.post(MARK, {"notice": target.pk, "next": target.url})
    assert response["Location"] == "/can-bo/ho-so/X/"
    assert Notice.objects.get(pk=target.pk).read_at is not None

    # Never to another site.
    response = client.post(MARK, {"notice": target.pk, "next": "https://evil.example/"})
    assert response["Location"] == URL


def test_marking_all_read(cast, khoa_notices):
    logged_in(cast.khoa).post(MARK)

    assert not Notice.objects.filter(recipient=cast.khoa, read_at__isnull=True).exists()


def test_someone_elses_notice_is_not_found(cast, khoa_notices):
    response = logged_in(cast.nhung).post(MARK, {"notice": khoa_notices[1].pk})

    assert response.status_code == 404
    assert Notice.objects.get(pk=khoa_notices[1].pk).read_at is None


def test_marking_read_needs_post_and_a_csrf_token(cast, khoa_notices):
    assert logged_in(cast.khoa).get(MARK).status_code == 405

    strict = logged_in(cast.khoa, enforce_csrf_checks=True)
    assert strict.post(MARK, {"notice": khoa_notices[1].pk}).status_code == 403
    assert Notice.objects.get(pk=khoa_notices[1].pk).read_at is None
    assert logged_in(cast.khoa).post(MARK, {"notice": "abc"}).status_code == 400
