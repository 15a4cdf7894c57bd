import base64
import threading
import uuid
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from motcua.core import periodic
from motcua.lgsp import conf, message_log, registry
from motcua.lgsp.checks import lgsp_keys
from motcua.lgsp.message_log import Exchange
from motcua.lgsp.models import LogHead, MessageRecord, Seal

from .conftest import World, bearer, body_of


def exchange(n: int = 0, **fields) -> Exchange:
    now = timezone.now()
    return Exchange(
        message_id=uuid.uuid4(),
        service_code="csdl-dan-cu/tra-cuu",
        method="GET",
        path=f"cong-dan/{n}",
        received_at=now,
        consumer_code="mot-cua",
        status_code=200,
        responded_at=now,
        request_hash="a" * 64,
        response_hash="b" * 64,
        **fields,
    )


def fill(count: int) -> None:
    for n in range(count):
        message_log.append(exchange(n))


def verify_log() -> str:
    """Run `motcua lgsp verify-log`, which must fail (exit code 1); return its summary."""
    with pytest.raises(CommandError) as failure:
        call_command("lgsp", "verify-log")
    assert failure.value.returncode == 1
    return str(failure.value)


URL = "/lgsp/csdl-dan-cu/tra-cuu/echo"


@pytest.fixture
def granted(world: World, client: Client) -> str:
    registry.grant(world.one_stop, world.lookup)
    return world.token(client)


def test_every_exchange_is_a_link_in_a_chain_that_verifies(
    granted: str, client: Client, capsys: pytest.CaptureFixture[str]
):
    # An answer is logged when its last chunk has gone, so the test reads each one.
    for url, headers, status in (
        ("/lgsp/csdl-dan-cu/tra-cuu/echo", bearer(granted), 200),
        ("/lgsp/csdl-dan-cu/tra-cuu/fail?status=404", bearer(granted), 404),
        ("/lgsp/csdl-dan-cu/tra-cuu/echo", {}, 401),
    ):
        response = client.get(url, **headers)
        body_of(response)
        assert response.status_code == status
    records = list(MessageRecord.objects.order_by("sequence"))
    assert [record.sequence for record in records] == [1, 2, 3]
    assert [record.error_code for record in records] == ["", "", "unauthorised"]
    assert records[0].previous_hash == message_log.GENESIS_HASH
    assert records[1].previous_hash == records[0].record_hash
    assert records[2].previous_hash == records[1].record_hash

    message_log.seal()
    call_command("lgsp", "verify-log")
    assert "3 bản ghi, 1 niêm phong hợp lệ" in capsys.readouterr().out


def test_bodies_are_kept_encrypted_only_when_the_service_allows_it(
    granted: str, client: Client, world: World
):
    secret = b'{"SoDinhDanh": "052090000001"}'
    body_of(client.post(URL, secret, content_type="application/json", **bearer(granted)))
    first = MessageRecord.objects.get()
    assert first.request_body == "" and first.response_body == ""

    world.lookup.log_bodies = True
    world.lookup.save()
    body_of(client.post(URL, secret, content_type="application/json", **bearer(granted)))
    second = MessageRecord.objects.get(sequence=2)
    assert b"052090000001" not in second.request_body.encode()
    assert message_log.decrypt_body(second.request_body) == secret
    assert b"body_sha256" in (message_log.decrypt_body(second.response_body) or b"")


@pytest.mark.django_db
def test_an_edited_record_is_named_by_verify_log(capsys: pytest.CaptureFixture[str]):
    fill(5)
    message_log.seal()
    MessageRecord.objects.filter(sequence=3).update(status_code=403)
    assert "2 bản ghi hợp lệ" in verify_log()
    assert "Bản ghi #3" in capsys.readouterr().err
    verdict = message_log.verify()
    assert verdict.broken_sequence == 3
    assert "bị sửa" in verdict.problems[0]
    assert verdict.records == 2


@pytest.mark.django_db
def test_a_deleted_record_is_named_by_verify_log(capsys: pytest.CaptureFixture[str]):
    fill(5)
    MessageRecord.objects.filter(sequence=2).delete()
    verify_log()
    assert "Bản ghi #2" in capsys.readouterr().err
    assert message_log.verify().broken_sequence == 2


@pytest.mark.django_db
def test_deleting_the_last_records_is_noticed_too():
    fill(4)
    MessageRecord.objects.filter(sequence__gte=3).delete()
    verdict = message_log.verify()
    assert verdict.broken_sequence == 3
    assert "#3 đến #4" in verdict.problems[0]


@pytest.mark.django_db
def test_a_chain_recomputed_after_an_edit_still_fails_against_its_seal():
    fill(3)
    message_log.seal()
    # Someone with database access edits record 2 and recomputes every hash after it, head too.
    MessageRecord.objects.filter(sequence=2).update(consumer_code="ke-gian")
    previous = MessageRecord.objects.get(sequence=1).record_hash
    for record in MessageRecord.objects.filter(sequence__gte=2).order_by("sequence"):
        record.previous_hash = previous
        values = [getattr(record, name) for name in message_log.CHAINED_FIELDS]
        record.record_hash = message_log.record_hash(values)
        record.save()
        previous = record.record_hash
    LogHead.objects.update(last_hash=previous)
    verdict = message_log.verify()
    assert verdict.broken_sequence == 3
    assert "niêm phong" in verdict.problems[0]


@pytest.mark.django_db
def test_a_seal_signature_verifies_with_the_public_key():
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    with override_settings(LGSP_SEAL_KEY=base64.b64encode(raw).decode()):
        conf.reset_caches()
        fill(2)
        seal = message_log.seal()
        assert seal is not None
        assert (seal.first_sequence, seal.last_sequence) == (1, 2)
        assert seal.head_hash == MessageRecord.objects.get(sequence=2).record_hash
        # An auditor needs only the public key and the seal row.
        public = Ed25519PublicKey.from_public_bytes(conf.public_bytes(private.public_key()))
        public.verify(base64.b64decode(seal.signature), message_log.seal_payload(seal))
        assert message_log.seal() is None  # nothing new to seal
        fill(1)
        assert message_log.seal().first_sequence == 3
        assert message_log.verify().ok
    conf.reset_caches()
    # Under another key (the demo one) the old seals are not trusted...
    assert "không được tin cậy" in message_log.verify().problems[0]
    # ...unless the retired public key is listed.
    public_b64 = base64.b64encode(conf.public_bytes(private.public_key())).decode()
    with override_settings(LGSP_SEAL_PUBLIC_KEYS=[public_b64]):
        assert message_log.verify().ok


@pytest.mark.django_db
def test_a_forged_seal_is_refused():
    fill(2)
    message_log.seal()
    Seal.objects.update(head_hash="c" * 64)
    verdict = message_log.verify()
    assert not verdict.ok
    assert "chữ ký không hợp lệ" in verdict.problems[0]


def test_records_unsealed_too_long_stop_traffic_until_a_seal(granted: str, client: Client):
    url = "/lgsp/csdl-dan-cu/tra-cuu/echo"
    assert body_of(client.get(url, **bearer(granted)))
    LogHead.objects.update(first_unsealed_at=timezone.now() - timedelta(seconds=301))
    # The gateway reads the head row again at most every second; don't wait for it.
    message_log.forget_unsealed()
    response = client.get(url, **bearer(granted))
    assert response.status_code == 503
    assert response.json()["code"] == "log_unsealed"
    message_log.seal()
    assert client.get(url, **bearer(granted)).status_code == 200


def test_a_log_that_cannot_be_written_stops_traffic(
    granted: str, client: Client, monkeypatch: pytest.MonkeyPatch
):
    url = "/lgsp/csdl-dan-cu/tra-cuu/echo"
    real_append = message_log.append

    def broken(exchange: Exchange) -> None:
        raise RuntimeError("ổ đĩa đầy")

    monkeypatch.setattr(message_log, "append", broken)
    body_of(client.get(url, **bearer(granted)))  # answered, but could not be logged
    response = client.get(url, **bearer(granted))
    assert response.status_code == 503
    assert response.json()["code"] == "log_unavailable"
    monkeypatch.setattr(message_log, "append", real_append)
    # The next refusal is logged, which shows the log works again.
    assert client.get(url, **bearer(granted)).status_code == 503
    assert client.get(url, **bearer(granted)).status_code == 200


@pytest.mark.django_db
def test_without_debug_a_missing_seal_key_is_a_loud_configuration_error():
    with override_settings(LGSP_DEMO_KEYS=False, LGSP_SEAL_KEY="", LGSP_ENCRYPTION_KEYS=[]):
        conf.reset_caches()
        with pytest.raises(ImproperlyConfigured, match="LGSP_SEAL_KEY"):
            message_log.seal()
        assert {error.id for error in lgsp_keys()} == {"lgsp.E001", "lgsp.E002"}
    conf.reset_caches()


def test_sealing_is_a_periodic_job_of_the_worker():
    assert "lgsp.seal" in periodic.registered_jobs()
    assert "lgsp.forget_expired" in periodic.registered_jobs()


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_never_fork_the_chain():
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            fill(10)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    sequences = list(MessageRecord.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, 61))
    assert message_log.verify().ok


def test_a_query_string_is_logged_only_where_bodies_may_be(
    granted: str, client: Client, world: World
):
    body_of(client.get(f"{URL}?SoDinhDanh=052090000001", **bearer(granted)))
    assert MessageRecord.objects.get().path == "echo"
    world.lookup.log_bodies = True
    world.lookup.save()
    body_of(client.get(f"{URL}?SoDinhDanh=052090000001", **bearer(granted)))
    assert MessageRecord.objects.get(sequence=2).path == "echo?SoDinhDanh=052090000001"


@pytest.mark.django_db
def test_a_removed_seal_is_noticed():
    fill(2)
    message_log.seal()
    fill(1)
    message_log.seal()
    Seal.objects.filter(last_sequence=2).delete()
    verdict = message_log.verify()
    assert "thiếu niêm phong từ bản ghi #1" in verdict.problems[0]


@pytest.mark.django_db
def test_the_worker_seals_the_log_on_its_periodic_pass():
    fill(3)
    periodic.run_due(worker_id="test-worker")
    seal = Seal.objects.get()
    assert (seal.first_sequence, seal.last_sequence) == (1, 3)
    assert LogHead.objects.get().first_unsealed_at is None


# Transactional: closing a response the way a WSGI server does fires request_finished, which
# closes the database connection (and would end a test's wrapping transaction).
@pytest.mark.django_db(transaction=True)
def test_a_caller_hanging_up_mid_answer_is_logged_as_such(granted: str, client: Client):
    response = client.get("/lgsp/csdl-dan-cu/tra-cuu/big?mb=4", **bearer(granted))
    chunks = iter(response.streaming_content)
    next(chunks)
    response.close()
    record = MessageRecord.objects.get()
    assert record.error_code == "client_aborted"
    assert 0 < record.response_bytes < 4 * 1024 * 1024
