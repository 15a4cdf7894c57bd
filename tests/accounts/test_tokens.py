"""API tokens (motcua.accounts.tokens) on the officials' dossier API."""

import hashlib
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from motcua.accounts import tokens
from motcua.accounts.models import ApiToken
from motcua.core.errors import InvalidInput
from motcua.core.models import AuditEntry
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier, ReturnMethod, Status
from tests.dossiers.conftest import Cast

URL = "/api/v1/officials/dossiers"
UNAUTHORISED = {"code": "unauthorised", "message": "Cần đăng nhập hoặc khóa truy cập hợp lệ."}


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def api() -> Client:
    # A partner system is no browser: no cookie, no CSRF token, and the checks enforced.
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def received(cast: Cast, lan_applicant: dict[str, Any]) -> Dossier:
    dossier = lifecycle.submit_online(
        cast.lltp,
        applicant=lan_applicant,
        form_data={"purpose": "Xin việc"},
        by=cast.lan,
        receiving_agency=cast.center,
        return_method=ReturnMethod.ONLINE,
    )
    return lifecycle.receive(dossier, by=cast.ha)


def test_a_new_token_is_shown_once_and_stored_only_as_a_digest(cast):
    token, text = tokens.create(user=cast.khoa, name="Hệ thống một cửa cũ", days=30)

    marker, prefix, secret = text.split("_", 2)
    assert (marker, prefix, len(prefix)) == ("mc", token.prefix, 8)
    assert token.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert token.expires_at is not None
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    entry = AuditEntry.objects.get(action="api_token.create")
    assert entry.target_id == str(token.pk)
    assert entry.details["prefix"] == prefix
    assert secret not in str(entry.details)


def test_a_token_needs_a_name_and_a_sensible_lifetime(cast):
    with pytest.raises(InvalidInput, match="Phải đặt tên"):
        tokens.create(user=cast.khoa, name="  ")
    with pytest.raises(InvalidInput, match="Số ngày hiệu lực"):
        tokens.create(user=cast.khoa, name="Đối tác", days=0)


def test_a_token_reads_the_list_and_the_detail_as_its_official(cast, received):
    _, text = tokens.create(user=cast.khoa, name="Phần mềm chuyên ngành")

    listing = api().get(URL, **bearer(text))
    detail = api().get(f"{URL}/{received.code}", **bearer(text))

    assert listing.status_code == 200
    assert [item["code"] for item in listing.json()["items"]] == [received.code]
    assert detail.status_code == 200
    assert detail.json()["applicant"]["name"] == "Hồ Thị Lan"
    # Reading personal data through a token is audited against the token's official.
    assert AuditEntry.objects.filter(action="personal_data.read", actor=cast.khoa).exists()


def test_a_post_with_a_token_needs_no_csrf_token(cast, received):
    _, text = tokens.create(user=cast.nhung, name="Phần mềm chuyên ngành")

    response = api().post(
        f"{URL}/{received.code}/actions/assign",
        {"to": "khoa"},
        content_type="application/json",
        **bearer(text),
    )

    assert response.status_code == 200, response.content
    dossier = Dossier.objects.get(pk=received.pk)
    assert (dossier.status, dossier.assignee) == (Status.PROCESSING, cast.khoa)
    assert dossier.events.latest("id").actor == cast.nhung


def test_a_session_post_still_needs_its_csrf_token(cast, received):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.nhung)

    response = client.post(
        f"{URL}/{received.code}/actions/assign", {"to": "khoa"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert Dossier.objects.get(pk=received.pk).status == Status.RECEIVED


def test_an_official_of_another_agency_gets_not_found(cast, received):
    _, text = tokens.create(user=cast.bao, name="Sở Xây dựng")

    assert api().get(f"{URL}/{received.code}", **bearer(text)).status_code == 404
    response = api().post(
        f"{URL}/{received.code}/actions/assign",
        {"to": "khoa"},
        content_type="application/json",
        **bearer(text),
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda text, token: text[:-1] + ("A" if text[-1] != "A" else "B"), id="wrong"),
        pytest.param(lambda text, token: "mc_00000000_" + text.split("_", 2)[2], id="unknown"),
        pytest.param(lambda text, token: "not-a-token", id="malformed"),
        pytest.param(lambda text, token: text.replace("mc_", "xx_", 1), id="foreign"),
    ],
)
def test_a_wrong_token_is_unauthorised(cast, received, spoil):
    token, text = tokens.create(user=cast.khoa, name="Đối tác")

    for response in (
        api().get(URL, **bearer(spoil(text, token))),
        api().post(
            f"{URL}/{received.code}/actions/receive",
            {},
            content_type="application/json",
            **bearer(spoil(text, token)),
        ),
    ):
        assert response.status_code == 401
        assert response.json() == UNAUTHORISED


def test_an_expired_token_is_unauthorised(cast, received):
    token, text = tokens.create(user=cast.khoa, name="Đối tác", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = api().get(URL, **bearer(text))

    assert response.status_code == 401
    assert response.json() == UNAUTHORISED


def test_a_revoked_token_is_unauthorised_and_the_revocation_is_audited(cast, received):
    token, text = tokens.create(user=cast.khoa, name="Đối tác")
    assert api().get(URL, **bearer(text)).status_code == 200

    assert tokens.revoke(token, by=cast.ha) is True
    assert tokens.revoke(token, by=cast.ha) is False

    assert api().get(URL, **bearer(text)).json() == UNAUTHORISED
    (entry,) = AuditEntry.objects.filter(action="api_token.revoke")
    assert (entry.actor, entry.target_id) == (cast.ha, str(token.pk))


def test_the_token_of_a_locked_account_is_unauthorised(cast, received):
    _, text = tokens.create(user=cast.khoa, name="Đối tác")
    cast.khoa.is_active = False
    cast.khoa.save()

    assert api().get(URL, **bearer(text)).status_code == 401


def test_last_use_is_recorded_at_most_once_a_minute(cast):
    token, text = tokens.create(user=cast.khoa, name="Đối tác")
    start = timezone.now()

    tokens.authenticate(text, now=start)
    tokens.authenticate(text, now=start + timedelta(seconds=59))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == start

    tokens.authenticate(text, now=start + timedelta(seconds=60))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == start + timedelta(seconds=60)
