import base64
import json
import time
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone

from motcua.core.models import AuditEntry
from motcua.lgsp import credentials, registry
from motcua.lgsp.models import AccessToken, ClientSecret

from .conftest import World, bearer, body_of, signed

LOOKUP = "/lgsp/csdl-dan-cu/tra-cuu/echo"


@pytest.fixture
def granted(world: World) -> World:
    registry.grant(world.one_stop, world.lookup)
    registry.grant(world.partner, world.lookup)
    return world


def test_client_credentials_in_the_body_give_a_short_lived_bearer_token(
    granted: World, client: Client
):
    response = client.post(
        "/lgsp/oauth/token",
        urlencode(
            {
                "grant_type": "client_credentials",
                "client_id": "mot-cua",
                "client_secret": granted.one_stop_secret,
            }
        ),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["token_type"] == "Bearer"
    assert answer["expires_in"] == 300
    assert response["Cache-Control"] == "no-store"
    # Only a hash of the token is kept.
    stored = AccessToken.objects.get()
    assert stored.token_hash == credentials.sha256_hex(answer["access_token"].encode())
    assert answer["access_token"] not in json.dumps(list(AccessToken.objects.values()), default=str)

    assert client.get(LOOKUP, **bearer(answer["access_token"])).status_code == 200


def test_client_credentials_in_http_basic_work_too(granted: World, client: Client):
    basic = base64.b64encode(f"mot-cua:{granted.one_stop_secret}".encode()).decode()
    response = client.post(
        "/lgsp/oauth/token",
        "grant_type=client_credentials",
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 200
    assert client.get(LOOKUP, **bearer(response.json()["access_token"])).status_code == 200


def test_a_wrong_secret_or_another_consumers_id_gets_no_token(granted: World, client: Client):
    for client_id, secret in (("mot-cua", "doan-bua"), ("doi-tac", granted.one_stop_secret)):
        response = client.post(
            "/lgsp/oauth/token",
            urlencode(
                {
                    "grant_type": "client_credentials",
                    "client_id": client_id,
                    "client_secret": secret,
                }
            ),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 401
        assert response.json()["error"] == "invalid_client"
    assert not AccessToken.objects.exists()


def test_only_the_client_credentials_grant_is_supported(granted: World, client: Client):
    response = client.post(
        "/lgsp/oauth/token", "grant_type=password", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


def test_an_expired_token_is_refused(granted: World, client: Client):
    token = granted.token(client)
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(LOOKUP, **bearer(token))
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorised"


def test_revoking_a_secret_ends_its_tokens_and_its_exchanges(granted: World, client: Client):
    token = granted.token(client)
    credentials.revoke_client_secret(ClientSecret.objects.get(consumer=granted.one_stop))
    assert client.get(LOOKUP, **bearer(token)).status_code == 401
    response = client.post(
        "/lgsp/oauth/token",
        urlencode(
            {
                "grant_type": "client_credentials",
                "client_id": "mot-cua",
                "client_secret": granted.one_stop_secret,
            }
        ),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 401
    assert AuditEntry.objects.filter(action="lgsp.secret_revoked").count() == 1


def test_rotation_keeps_old_and_new_secrets_working_until_the_old_is_revoked(
    granted: World, client: Client
):
    old = ClientSecret.objects.get(consumer=granted.one_stop)
    _, new_secret = credentials.rotate(granted.one_stop, grace=timedelta(hours=1))
    old.refresh_from_db()
    assert old.expires_at is not None and old.revoked_at is None

    old_token = granted.token(client, granted.one_stop_secret)
    new_token = granted.token(client, new_secret)
    assert client.get(LOOKUP, **bearer(old_token)).status_code == 200
    assert client.get(LOOKUP, **bearer(new_token)).status_code == 200

    credentials.revoke_client_secret(old)
    assert client.get(LOOKUP, **bearer(old_token)).status_code == 401
    assert client.get(LOOKUP, **bearer(new_token)).status_code == 200


def test_a_secret_past_its_grace_period_no_longer_works(granted: World, client: Client):
    credentials.rotate(granted.one_stop, grace=timedelta(hours=1))
    ClientSecret.objects.filter(prefix=granted.one_stop_secret[:12]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = client.post(
        "/lgsp/oauth/token",
        urlencode(
            {
                "grant_type": "client_credentials",
                "client_id": "mot-cua",
                "client_secret": granted.one_stop_secret,
            }
        ),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 401


def test_a_well_signed_hmac_request_passes_with_its_body(granted: World, client: Client):
    body = json.dumps({"MaYeuCau": "YC-1"}).encode()
    headers = signed(
        granted.partner_key, granted.partner_key_secret, "POST", LOOKUP, body, query="a=1"
    )
    response = client.post(f"{LOOKUP}?a=1", body, content_type="application/json", **headers)
    assert response.status_code == 200, body_of(response)
    echoed = json.loads(body_of(response))
    assert echoed["body_sha256"] == credentials.sha256_hex(body)
    # The partner's credentials are not passed on to the provider; who called is.
    assert "x-lgsp-signature" not in echoed["headers"]
    assert echoed["headers"]["x-lgsp-client"] == "doi-tac"


def test_a_bad_signature_is_refused(granted: World, client: Client):
    headers = signed(granted.partner_key, "khoa-sai", "GET", LOOKUP)
    response = client.get(LOOKUP, **headers)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorised"


def test_a_signature_over_another_body_is_refused(granted: World, client: Client):
    headers = signed(granted.partner_key, granted.partner_key_secret, "POST", LOOKUP, b"{}")
    response = client.post(LOOKUP, b'{"a": 1}', content_type="application/json", **headers)
    assert response.status_code == 401


def test_a_stale_timestamp_is_refused(granted: World, client: Client):
    stale = int(time.time()) - 301
    headers = signed(granted.partner_key, granted.partner_key_secret, "GET", LOOKUP, at=stale)
    response = client.get(LOOKUP, **headers)
    assert response.status_code == 401
    assert "quá hạn" in response.json()["message"]


def test_a_replayed_signature_is_refused(granted: World, client: Client):
    headers = signed(granted.partner_key, granted.partner_key_secret, "GET", LOOKUP)
    assert client.get(LOOKUP, **headers).status_code == 200
    replay = client.get(LOOKUP, **headers)
    assert replay.status_code == 401
    assert "lặp lại" in replay.json()["message"]


def test_a_revoked_api_key_is_refused(granted: World, client: Client):
    credentials.revoke_api_key(granted.partner_key)
    headers = signed(granted.partner_key, granted.partner_key_secret, "GET", LOOKUP)
    assert client.get(LOOKUP, **headers).status_code == 401


def test_api_keys_are_stored_encrypted(granted: World):
    granted.partner_key.refresh_from_db()
    assert granted.partner_key_secret not in granted.partner_key.secret_encrypted


def test_forgetting_expired_tokens_and_old_signatures(granted: World, client: Client):
    granted.token(client)
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert credentials.forget_expired() == 1
    assert not AccessToken.objects.exists()
