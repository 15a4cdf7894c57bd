import io
import json
import re
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from motcua.accounts.models import User
from motcua.core.errors import InvalidInput
from motcua.core.models import AuditEntry
from motcua.lgsp import message_log, registry
from motcua.lgsp.models import AccessRight, ApiKey, ClientSecret, Consumer, Service

from .conftest import IDENTITY_SCHEMA, Upstream, World, bearer, body_of


def lgsp(*args: str) -> str:
    out = io.StringIO()
    call_command("lgsp", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_an_operator_registers_a_service_and_a_consumer_that_then_calls_it(
    upstream: Upstream, tmp_path: Path, client: Client
):
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(IDENTITY_SCHEMA), encoding="utf-8")
    lgsp("add", "provider", "csdl-dan-cu", "--name", "CSDL quốc gia về dân cư")
    lgsp(
        "add", "service", "csdl-dan-cu", "xac-thuc", "--url", upstream.url,
        "--schema", str(schema), "--timeout", "2", "--idempotent",
    )  # fmt: skip
    lgsp("add", "consumer", "mot-cua", "--name", "Hệ thống một cửa", "--rate-limit", "100")
    lgsp("grant", "mot-cua", "csdl-dan-cu/xac-thuc")
    printed = lgsp("issue-secret", "mot-cua")
    secret = re.search(r"client_secret: (\S+)", printed).group(1)  # type: ignore[union-attr]
    # Printed once: what is stored is a hash.
    assert not ClientSecret.objects.filter(secret_hash__contains=secret).exists()

    service = Service.objects.get(code="xac-thuc")
    assert service.idempotent and service.timeout_seconds == 2
    assert service.request_schema == IDENTITY_SCHEMA
    assert Consumer.objects.get(code="mot-cua").rate_limit_per_minute == 100

    token = client.post(
        "/lgsp/oauth/token",
        f"grant_type=client_credentials&client_id=mot-cua&client_secret={secret}",
        content_type="application/x-www-form-urlencoded",
    ).json()["access_token"]
    person = {"SoDinhDanh": "052090000001", "HoVaTen": "Trần Thị Bình", "NgaySinh": "1990-05-01"}
    response = client.post(
        "/lgsp/csdl-dan-cu/xac-thuc/echo", person, content_type="application/json", **bearer(token)
    )
    assert response.status_code == 200
    body_of(response)

    listing = lgsp("list")
    assert "csdl-dan-cu/xac-thuc" in listing and "mot-cua" in listing
    assert secret not in listing

    lgsp("revoke", "mot-cua", "csdl-dan-cu/xac-thuc")
    assert not AccessRight.objects.exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "lgsp.provider_added",
        "lgsp.service_added",
        "lgsp.consumer_added",
        "lgsp.access_granted",
        "lgsp.secret_issued",
        "lgsp.access_revoked",
    } <= actions


@pytest.mark.django_db
def test_rotate_and_revoke_from_the_console(world: World):
    printed = lgsp("rotate", "mot-cua", "--grace", "3600")
    assert "client_secret:" in printed
    assert (
        ClientSecret.objects.filter(consumer=world.one_stop, expires_at__isnull=False).count() == 1
    )
    lgsp("revoke-secret", "mot-cua", world.one_stop_secret[:12])
    assert ClientSecret.objects.filter(revoked_at__isnull=False).count() == 1

    printed = lgsp("issue-secret", "doi-tac", "--kind", "hmac")
    key_id = re.search(r"key_id: (\S+)", printed).group(1)  # type: ignore[union-attr]
    lgsp("revoke-secret", "doi-tac", key_id)
    assert ApiKey.objects.get(key_id=key_id).revoked_at is not None


@pytest.mark.django_db
def test_console_mistakes_get_vietnamese_messages(world: World):
    with pytest.raises(CommandError, match="Không có hệ thống sử dụng"):
        lgsp("grant", "khong-co", "csdl-dan-cu/tra-cuu")
    with pytest.raises(CommandError, match="Không có dịch vụ"):
        lgsp("grant", "mot-cua", "csdl-dan-cu")
    with pytest.raises(CommandError, match="--timeout phải là một số"):
        lgsp("add", "service", "csdl-dan-cu", "moi", "--url", "http://x.vn", "--timeout", "nhanh")
    with pytest.raises(InvalidInput, match="JSON Schema không hợp lệ"):
        registry.add_service(
            provider=world.provider,
            code="hong",
            upstream_url="http://x.vn",
            request_schema={"type": "khong-co-kieu-nay"},
        )
    with pytest.raises(InvalidInput, match="code"):
        registry.add_consumer(code="co dau cach", name="X", kind="partner")


@pytest.mark.django_db
def test_seal_and_verify_from_the_console():
    assert "Không có bản ghi mới" in lgsp("seal")
    message_log.append(
        message_log.Exchange(
            message_id=uuid.uuid4(),
            service_code="csdl-dan-cu/tra-cuu",
            method="GET",
            path="",
            received_at=timezone.now(),
        )
    )
    assert "#1 đến #1" in lgsp("seal")
    assert "1 bản ghi, 1 niêm phong hợp lệ" in lgsp("verify-log")


def test_keygen_prints_keys_the_settings_accept():
    printed = lgsp("keygen")
    assert re.search(r"^LGSP_SEAL_KEY=\S{44}$", printed, re.M)
    assert re.search(r"^LGSP_ENCRYPTION_KEYS=\S{44}$", printed, re.M)


@pytest.mark.django_db
def test_the_admin_pages_open_and_never_show_a_secret(world: World, client: Client):
    User.objects.create_superuser("dave", password="mat-khau-quan-tri")
    client.login(username="dave", password="mat-khau-quan-tri")
    stored = ClientSecret.objects.get(consumer=world.one_stop)
    for page in (
        "provider/",
        "service/",
        f"service/{world.verify.pk}/change/",
        "consumer/",
        f"consumer/{world.one_stop.pk}/change/",
        f"consumer/{world.partner.pk}/change/",
        "clientsecret/",
        f"clientsecret/{stored.pk}/change/",
        "apikey/",
        "accessright/",
        "accessright/add/",
        "messagerecord/",
        "seal/",
    ):
        response = client.get(f"/quan-tri/lgsp/{page}")
        assert response.status_code == 200, page
        html = response.content.decode()
        assert world.one_stop_secret not in html
        assert stored.secret_hash not in html
        assert world.partner_key_secret not in html
        assert world.partner_key.secret_encrypted not in html


@pytest.mark.django_db
def test_granting_in_the_admin_is_audited(world: World, client: Client):
    User.objects.create_superuser("dave", password="mat-khau-quan-tri")
    client.login(username="dave", password="mat-khau-quan-tri")
    response = client.post(
        "/quan-tri/lgsp/accessright/add/",
        {"consumer": world.one_stop.pk, "service": world.lookup.pk},
    )
    assert response.status_code == 302
    right = AccessRight.objects.get()
    assert right.granted_by == "dave"
    assert AuditEntry.objects.filter(action="lgsp.access_granted", actor__username="dave").exists()


@pytest.mark.django_db
def test_the_token_endpoints_name_is_not_a_provider_code():
    with pytest.raises(CommandError, match="đã dành cho nền tảng"):
        lgsp("add", "provider", "oauth", "--name", "Trùng tên")
