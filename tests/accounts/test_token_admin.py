"""`motcua api-token` and the admin page of API tokens: the secret is shown once, never again."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from motcua.accounts import tokens
from motcua.accounts.models import ApiToken, User
from motcua.core.models import AuditEntry


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def partner(db: None) -> User:
    return User.objects.create_user(username="vnpost", password="not-used", full_name="VNPost")


def test_create_prints_the_token_once_and_list_never_shows_it(partner):
    out, err = run("create", "--user", "vnpost", "--name", "Bưu điện tỉnh", "--days", "90")

    text = out.strip()
    token = ApiToken.objects.get()
    assert text.startswith(f"mc_{token.prefix}_")
    assert tokens.authenticate(text) == token
    assert "chỉ hiển thị một lần" in err
    assert AuditEntry.objects.filter(action="api_token.create", actor=None).count() == 1

    listing, _ = run("list")
    assert token.prefix in listing
    assert "vnpost" in listing and "còn hiệu lực" in listing
    assert text.split("_", 2)[2] not in listing


def test_revoke_by_prefix(partner):
    token, text = tokens.create(user=partner, name="Bưu điện tỉnh")

    out, _ = run("revoke", token.prefix)

    assert "Đã thu hồi khóa" in out
    assert tokens.authenticate(text) is None
    assert "đã thu hồi" in run("list", "--user", "vnpost")[0]
    with pytest.raises(CommandError, match="đã bị thu hồi từ trước"):
        run("revoke", token.prefix)
    with pytest.raises(CommandError, match="Không có khóa truy cập"):
        run("revoke", "ffffffff")


def test_create_refuses_an_unknown_user_or_a_bad_lifetime(partner):
    with pytest.raises(CommandError, match="Không có tài khoản"):
        run("create", "--user", "nobody", "--name", "X")
    with pytest.raises(CommandError, match="số nguyên"):
        run("create", "--user", "vnpost", "--name", "X", "--days", "mười")
    with pytest.raises(CommandError, match="Số ngày hiệu lực"):
        run("create", "--user", "vnpost", "--name", "X", "--days", "-1")
    assert not ApiToken.objects.exists()


def test_the_admin_lists_and_revokes_tokens_without_showing_secrets(partner):
    token, text = tokens.create(user=partner, name="Bưu điện tỉnh")
    admin = User.objects.create_superuser(username="root", password="not-used")
    client = Client()
    client.force_login(admin)

    page = client.get("/quan-tri/accounts/apitoken/").content.decode()
    assert "Bưu điện tỉnh" in page and f"mc_{token.prefix}_…" in page
    assert text not in page and token.secret_sha256 not in page
    detail = client.get(f"/quan-tri/accounts/apitoken/{token.pk}/change/").content.decode()
    assert token.secret_sha256 not in detail
    assert client.get("/quan-tri/accounts/apitoken/add/").status_code == 403

    client.post(
        "/quan-tri/accounts/apitoken/",
        {"action": "revoke_selected", "_selected_action": [token.pk]},
    )

    assert ApiToken.objects.get().revoked_at is not None
    assert AuditEntry.objects.get(action="api_token.revoke").actor == admin
