import datetime
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from motcua.core import audit, request_id
from motcua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user(username="alice", full_name="Alice Trần")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user(username="bob", full_name="Bob Lê")


@pytest.fixture
def in_a_request() -> Iterator[str]:
    token = request_id.request_id_var.set("req-0123456789abcdef")
    yield "req-0123456789abcdef"
    request_id.request_id_var.reset(token)


@pytest.fixture
def entry(alice) -> AuditEntry:
    return audit.record(alice, "dossier.received", details={"note": "đủ hồ sơ"})


def test_record_writes_the_actor_label_the_target_and_the_request_id(
    alice, bob, in_a_request
) -> None:
    entry = audit.record(alice, "account.locked", target=bob, details={"reason": "spam"})

    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor == alice
    assert entry.actor_label == "Alice Trần"
    assert entry.action == "account.locked"
    assert (entry.target_type, entry.target_id, entry.target_label) == (
        "accounts.user",
        str(bob.pk),
        "Bob Lê",
    )
    assert entry.details == {"reason": "spam"}
    assert entry.request_id == in_a_request


def test_the_actor_label_stays_as_written_when_the_user_is_renamed(alice, bob) -> None:
    entry = audit.record(alice, "account.locked", target=bob)
    alice.full_name = "Alice Phạm"
    alice.save()

    assert AuditEntry.objects.get(pk=entry.pk).actor_label == "Alice Trần"


def test_an_action_of_the_system_outside_any_request_has_no_actor_and_no_request_id() -> None:
    entry = audit.record(None, "report.rebuilt")

    assert (entry.actor, entry.actor_label, entry.request_id) == (None, "Hệ thống", "")
    assert (entry.target_type, entry.target_id, entry.details) == ("", "", {})


def test_details_with_dates_and_decimals_are_stored_as_plain_json() -> None:
    entry = audit.record(
        None,
        "fee.changed",
        details={"from": Decimal("50000"), "on": datetime.date(2025, 7, 1)},
    )

    assert AuditEntry.objects.get(pk=entry.pk).details == {"from": "50000", "on": "2025-07-01"}


def test_a_read_of_personal_data_is_recorded_with_the_fields_and_the_purpose(alice, bob) -> None:
    entry = audit.record_personal_data_read(
        alice, bob, fields=["phone", "id_number", "phone"], purpose="Xác minh hồ sơ HS-1"
    )

    assert entry.action == "personal_data.read"
    assert (entry.target_type, entry.target_id) == ("accounts.user", str(bob.pk))
    assert entry.details == {"fields": ["id_number", "phone"], "purpose": "Xác minh hồ sơ HS-1"}


def test_an_unsaved_target_is_refused(django_user_model) -> None:
    with pytest.raises(ValueError):
        audit.record(None, "account.locked", target=django_user_model(username="ghost"))


def test_an_entry_cannot_be_saved_again(entry: AuditEntry) -> None:
    entry.action = "dossier.refused"

    with pytest.raises(audit.AuditEntryIsAppendOnly, match="chỉ được ghi thêm"):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).action == "dossier.received"


def test_an_entry_cannot_be_deleted(entry: AuditEntry) -> None:
    with pytest.raises(audit.AuditEntryIsAppendOnly):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_entries_cannot_be_updated_or_deleted_through_a_queryset(entry: AuditEntry) -> None:
    with pytest.raises(audit.AuditEntryIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="dossier.refused")
    with pytest.raises(audit.AuditEntryIsAppendOnly):
        AuditEntry.objects.all().delete()
    # bulk_update opens its own atomic block, which the refusal marks for rollback.
    with pytest.raises(audit.AuditEntryIsAppendOnly), transaction.atomic():
        AuditEntry.objects.bulk_update([entry], ["action"])
    assert AuditEntry.objects.get(pk=entry.pk).action == "dossier.received"


def test_an_entry_with_a_hand_picked_existing_pk_is_not_overwritten(entry: AuditEntry) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry(pk=entry.pk, action="dossier.refused").save()
    assert AuditEntry.objects.get(pk=entry.pk).action == "dossier.received"


def test_the_database_refuses_a_raw_sql_update(entry: AuditEntry) -> None:
    # IntegrityError on both engines: SQLite's RAISE(ABORT) and PostgreSQL's restrict_violation.
    with (
        pytest.raises(IntegrityError, match="chỉ được ghi thêm"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE core_auditentry SET action = %s WHERE id = %s", ["dossier.refused", entry.pk]
        )
    assert AuditEntry.objects.get(pk=entry.pk).action == "dossier.received"
