"""The VNeID stand-in: OpenID Connect authorization code with PKCE, as the portal will use it."""

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from motcua.core.demo_people import BY_KEY
from motcua.sandbox import data
from motcua.sandbox.models import SsoGrant

pytestmark = [pytest.mark.django_db, pytest.mark.urls("motcua.sandbox.urls")]
CALLBACK = "http://portal.test/tai-khoan/vneid/quay-lai/"
SECRET = "test-secret"
VERIFIER = "a-long-random-verifier-string-of-at-least-43-characters-123456"
HUY = BY_KEY["huy"]


@pytest.fixture(autouse=True)
def configured(settings: Settings) -> None:
    settings.SANDBOX_SSO_CLIENT_ID = "motcua-portal"
    settings.SANDBOX_SSO_CLIENT_SECRET = SECRET
    settings.SANDBOX_SSO_REDIRECT_URIS = [CALLBACK]
    settings.SANDBOX_SSO_PASSWORD = "demo-password"
    data.seed()


def challenge(verifier: str = VERIFIER) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize(client: Client, password: str = "demo-password", **extra: str):  # noqa: S107
    params = {
        "response_type": "code",
        "client_id": "motcua-portal",
        "redirect_uri": CALLBACK,
        "scope": "openid profile",
        "state": "st-1",
        "nonce": "n-1",
        "code_challenge": challenge(),
        "code_challenge_method": "S256",
        **extra,
    }
    return client.post(
        "/vneid/authorize", {**params, "SoDinhDanh": HUY.id_number, "MatKhau": password}
    )


def code_of(response) -> str:
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["state"] == ["st-1"]
    return query["code"][0]


def exchange(client: Client, code: str, verifier: str = VERIFIER, redirect: str = CALLBACK):
    basic = base64.b64encode(f"motcua-portal:{SECRET}".encode()).decode()
    return client.post(
        "/vneid/token",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect,
            "code_verifier": verifier,
        },
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )


def test_the_whole_flow_gives_a_signed_id_token_and_the_national_claims(client: Client) -> None:
    login_page = client.get(
        "/vneid/authorize",
        {
            "client_id": "motcua-portal",
            "redirect_uri": CALLBACK,
            "response_type": "code",
            "scope": "openid",
        },
    )
    assert "Số định danh cá nhân" in login_page.content.decode()

    response = authorize(client)
    assert response.status_code == 302 and response["Location"].startswith(CALLBACK)
    tokens = exchange(client, code_of(response)).json()

    header, body, signature = tokens["id_token"].split(".")
    expected = hmac.new(SECRET.encode(), f"{header}.{body}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "==") == expected
    claims = json.loads(base64.urlsafe_b64decode(body + "=="))
    assert (claims["aud"], claims["nonce"]) == ("motcua-portal", "n-1")
    info = client.get("/vneid/userinfo", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
    assert info.json() == {
        "sub": claims["sub"],
        "LoaiTaiKhoan": 1,
        "SoDinhDanh": HUY.id_number,
        "HoVaTen": "Trần Quốc Huy",
        "NgayThangNamSinh": "02/08/2000",
        "TechID": claims["sub"],
        "loAs": "2",
    }


def test_a_wrong_password_stays_on_the_login_page(client: Client) -> None:
    response = authorize(client, password="wrong")

    assert response.status_code == 401
    assert "Số định danh hoặc mật khẩu không đúng." in response.content.decode()
    assert not SsoGrant.objects.exists()


def test_an_unregistered_redirect_is_never_followed(client: Client) -> None:
    response = authorize(client, redirect_uri="https://evil.example/cb")

    assert response.status_code == 400
    assert "redirect_uri" in response.content.decode()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"verifier": "another-verifier-that-does-not-match-the-challenge-0000000"}, "PKCE"),
        ({"redirect": "http://portal.test/other/"}, "redirect_uri không khớp"),
    ],
)
def test_the_code_needs_its_verifier_and_redirect(
    client: Client, change: dict[str, str], error: str
) -> None:
    answer = exchange(client, code_of(authorize(client)), **change)

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"
    assert error in answer.json()["error_description"]


def test_a_code_is_used_once_and_expires(client: Client) -> None:
    code = code_of(authorize(client))
    assert exchange(client, code).status_code == 200
    assert exchange(client, code).json()["error"] == "invalid_grant"

    late = code_of(authorize(client))
    SsoGrant.objects.filter(code_used_at__isnull=True).update(
        code_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert exchange(client, late).json()["error"] == "invalid_grant"


def test_a_wrong_client_secret_and_an_expired_token_are_refused(client: Client) -> None:
    code = code_of(authorize(client))
    bad = client.post(
        "/vneid/token",
        {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK,
         "client_id": "motcua-portal", "client_secret": "nope"},
    )  # fmt: skip
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"

    access = exchange(client, code).json()["access_token"]
    SsoGrant.objects.update(token_expires_at=timezone.now() - timedelta(seconds=1))
    info = client.get("/vneid/userinfo", HTTP_AUTHORIZATION=f"Bearer {access}")
    assert info.status_code == 401
    assert info["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_discovery_names_the_endpoints(client: Client) -> None:
    document = client.get("/vneid/.well-known/openid-configuration").json()

    assert document["issuer"] == "http://testserver/vneid"
    assert document["token_endpoint"] == "http://testserver/vneid/token"
    assert document["code_challenge_methods_supported"] == ["S256"]
