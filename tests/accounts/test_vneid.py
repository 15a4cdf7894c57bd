"""Login with VNeID: OpenID Connect code flow with PKCE, state and nonce, against the sandbox's
stand-in served on loopback (real HTTP on the back channel), and the id_token checks one by one."""

import hashlib
import hmac
import json
import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.test import Client

from motcua.accounts import vneid
from motcua.accounts.errors import SsoFailed
from motcua.accounts.models import User
from motcua.core.demo_people import BY_KEY
from motcua.core.models import AuditEntry
from motcua.sandbox.sso import sign_hs256

HUY = BY_KEY["huy"]
SECRET = "test-sso-secret"
ISSUER = "http://vneid.test/vneid"


@pytest.fixture
def sso(lgsp_sandbox, settings):
    settings.SSO_ISSUER = f"{lgsp_sandbox.url.rstrip('/')}/vneid"
    settings.SSO_CLIENT_ID = "motcua-portal"
    settings.SSO_CLIENT_SECRET = SECRET
    settings.SSO_REDIRECT_URI = ""
    return settings


def vneid_login(client: Client, settings, *, id_number: str = HUY.id_number, tamper=None):
    """The browser's part: start at the portal, log in at VNeID, come back with the code."""
    start = client.get("/tai-khoan/vneid/")
    assert start.status_code == 302
    authorize = urlsplit(start["Location"])
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == (
        f"{settings.SSO_ISSUER}/authorize"
    )
    params = {k: v[0] for k, v in parse_qs(authorize.query).items()}
    assert params["code_challenge_method"] == "S256" and params["state"] and params["nonce"]
    answer = httpx.post(
        f"{settings.SSO_ISSUER}/authorize",
        data={**params, "SoDinhDanh": id_number, "MatKhau": settings.SANDBOX_SSO_PASSWORD},
    )
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    query = back.query
    if tamper is not None:
        query = tamper(client, query)
    return client.get(f"{back.path}?{query}")


def test_a_new_citizen_gets_an_account_at_level_3_with_the_verified_identity(sso):
    client = Client()
    response = vneid_login(client, sso)

    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/"
    huy = User.objects.get(identity_number=HUY.id_number)
    assert (huy.assurance_level, huy.identity_source) == (3, "vneid")
    assert (huy.identity_name, huy.identity_born) == (HUY.full_name, HUY.born)
    assert huy.vneid_tech_id and not huy.has_usable_password()
    assert client.get("/tai-khoan/").context["account"] == huy
    # Again: the same account, found by its TechID.
    again = Client()
    vneid_login(again, sso)
    assert User.objects.filter(identity_number=HUY.id_number).count() == 1
    assert again.get("/tai-khoan/").context["account"] == huy


def test_an_account_verified_with_the_population_database_is_linked_by_its_number(sso):
    huy = User.objects.create_user(
        "0935222333", password="x-y-z-2026-abc", identity_number=HUY.id_number,
        assurance_level=2, full_name=HUY.full_name,
    )  # fmt: skip
    client = Client()
    vneid_login(client, sso)

    huy.refresh_from_db()
    assert huy.assurance_level == 3 and huy.vneid_tech_id
    assert client.get("/tai-khoan/").context["account"] == huy
    assert AuditEntry.objects.filter(action="account.vneid_linked", target_id=str(huy.pk)).exists()


def test_a_callback_with_another_state_is_refused(sso):
    def other_state(client, query):
        values = {k: v[0] for k, v in parse_qs(query).items()}
        values["state"] = "forged-state"
        return "&".join(f"{k}={v}" for k, v in values.items())

    client = Client()
    response = vneid_login(client, sso, tamper=other_state)

    assert response["Location"] == "/tai-khoan/dang-nhap/"
    assert "state không khớp" in client.get("/tai-khoan/dang-nhap/").content.decode()
    assert not User.objects.filter(identity_number=HUY.id_number).exists()


def test_a_callback_without_a_login_started_here_is_refused(sso):
    client = Client()
    response = client.get("/tai-khoan/vneid/quay-lai/?code=abc&state=xyz")
    assert response["Location"] == "/tai-khoan/dang-nhap/"
    assert not User.objects.filter(identity_number=HUY.id_number).exists()


def _session_tamper(key: str, value: str):
    def tamper(client, query):
        session = client.session
        flow = dict(session[vneid.SESSION_KEY])
        flow[key] = value
        session[vneid.SESSION_KEY] = flow
        session.save()
        return query

    return tamper


def test_an_id_token_for_another_nonce_is_refused(sso):
    client = Client()
    vneid_login(client, sso, tamper=_session_tamper("nonce", "another-nonce"))

    assert "nonce" in client.get("/tai-khoan/dang-nhap/").content.decode()
    assert not User.objects.filter(identity_number=HUY.id_number).exists()


def test_a_code_redeemed_with_another_pkce_verifier_is_refused(sso):
    client = Client()
    vneid_login(client, sso, tamper=_session_tamper("verifier", "x" * 64))

    assert (
        "VNeID không chấp nhận mã đăng nhập" in client.get("/tai-khoan/dang-nhap/").content.decode()
    )
    assert not User.objects.filter(identity_number=HUY.id_number).exists()


def test_a_cancelled_login_says_so(sso):
    client = Client()
    client.get("/tai-khoan/vneid/")
    state = client.session[vneid.SESSION_KEY]["state"]
    client.get(f"/tai-khoan/vneid/quay-lai/?error=access_denied&state={state}")
    assert "Bạn đã hủy đăng nhập" in client.get("/tai-khoan/dang-nhap/").content.decode()


# --- The id_token checks ------------------------------------------------------------------------


@pytest.fixture
def configured(settings):
    settings.SSO_ISSUER = ISSUER
    settings.SSO_CLIENT_ID = "motcua-portal"
    settings.SSO_CLIENT_SECRET = SECRET


def claims(**changes) -> dict:
    now = int(time.time())
    base = {"iss": ISSUER, "aud": "motcua-portal", "sub": "abc", "iat": now, "exp": now + 300,
            "nonce": "n-1"}  # fmt: skip
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def test_a_well_formed_id_token_is_accepted(configured):
    assert vneid.verify_id_token(sign_hs256(claims(), SECRET), nonce="n-1")["sub"] == "abc"


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (lambda: sign_hs256(claims(), "another-secret"), "Chữ ký"),
        (lambda: sign_hs256(claims(iss="http://evil.test/vneid"), SECRET), "(iss)"),
        (lambda: sign_hs256(claims(aud="another-client"), SECRET), "(aud)"),
        (lambda: sign_hs256(claims(exp=int(time.time()) - 3600), SECRET), "hết hạn"),
        (lambda: sign_hs256(claims(nonce="n-2"), SECRET), "(nonce)"),
        (lambda: sign_hs256(claims(nonce=None), SECRET), "(nonce)"),
        (lambda: _unsigned(claims()), "thuật toán"),
        (lambda: "not-a-token", "không đọc được"),
    ],
)
def test_an_id_token_that_fails_a_check_is_refused(configured, token, reason):
    with pytest.raises(SsoFailed, match=reason.replace("(", r"\(").replace(")", r"\)")):
        vneid.verify_id_token(token(), nonce="n-1")


def _unsigned(body: dict) -> str:
    import base64

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = b64(json.dumps({"alg": "none"}).encode())
    payload = b64(json.dumps(body).encode())
    forged = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(forged)}"
