"""The message log: every exchange one record in a hash chain, sealed with Ed25519.

X-Road's design (reference/peers.md §3), smaller: each record stores the hash of its predecessor
and the hash of its own canonical form, so editing or deleting any record breaks the chain at
that point. `seal()` signs the chain head; a seal proves that nobody rewrote the chain up to it,
even someone able to recompute every hash. Seals run every LGSP_SEAL_INTERVAL_SECONDS from the
worker (periodic_jobs.py) or by `motcua lgsp seal`; when records wait unsealed longer than
LGSP_MAX_UNSEALED_SECONDS the gateway stops taking traffic rather than run unprotected.

Appends are serialised by locking the one LogHead row, so concurrent requests never fork the
chain. That makes the append a single point of contention: measured in bench/lgsp_overhead.py.
"""

import base64
import hashlib
import json
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidSignature
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import conf
from .errors import LogUnsealed
from .models import LogHead, MessageRecord, Seal

GENESIS_HASH = "0" * 64

# The fields a record's hash covers, in this order; everything but record_hash itself.
CHAINED_FIELDS = (
    "sequence",
    "message_id",
    "consumer_code",
    "service_code",
    "method",
    "path",
    "status_code",
    "error_code",
    "received_at",
    "responded_at",
    "request_bytes",
    "response_bytes",
    "request_hash",
    "response_hash",
    "request_body",
    "response_body",
    "previous_hash",
)


@dataclass
class Exchange:
    """What the gateway knows about one exchange once it is over."""

    message_id: uuid.UUID
    service_code: str
    method: str
    path: str
    received_at: datetime
    consumer_code: str = ""
    status_code: int = 0
    error_code: str = ""
    responded_at: datetime | None = None
    request_bytes: int = 0
    response_bytes: int = 0
    request_hash: str = ""
    response_hash: str = ""
    # Kept (encrypted) only when the service allows it; None otherwise.
    request_body: bytes | None = None
    response_body: bytes | None = None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def canonical(values: Iterable[Any]) -> bytes:
    """The bytes a record's hash is taken over: its chained fields as a compact JSON array."""
    return json.dumps(
        [_plain(value) for value in values], ensure_ascii=False, separators=(",", ":")
    ).encode()


def record_hash(values: Iterable[Any]) -> str:
    return hashlib.sha256(canonical(values)).hexdigest()


def _encrypt(body: bytes | None) -> str:
    if body is None:
        return ""
    return conf.fernet().encrypt(body).decode()


def decrypt_body(stored: str) -> bytes | None:
    """A logged body back in clear, for an auditor with the encryption key."""
    return conf.fernet().decrypt(stored.encode()) if stored else None


def _locked_head() -> LogHead:
    # get_or_create: a flushed test database (or a fresh one) has no head row yet.
    head, _ = LogHead.objects.select_for_update().get_or_create(pk=1)
    return head


_append_lock = threading.Lock()


def append(exchange: Exchange) -> MessageRecord:
    """Write one record at the end of the chain."""
    # Threads of one process queue on a Python lock rather than on the database's: SQLite's
    # busy handler sleeps in steps of up to 100 ms, which took p99 past a second at concurrency
    # 32 (bench/lgsp_overhead.py). Other processes still wait on the head row's lock.
    with _append_lock:
        return _append(exchange)


def _append(exchange: Exchange) -> MessageRecord:
    now = timezone.now()
    with transaction.atomic():
        sequence, previous_hash, first_unsealed_at = _head_for_append()
        values: dict[str, Any] = {
            "sequence": sequence + 1,
            "message_id": exchange.message_id,
            "consumer_code": exchange.consumer_code,
            "service_code": exchange.service_code[:130],
            "method": exchange.method[:10],
            "path": exchange.path[:500],
            "status_code": exchange.status_code,
            "error_code": exchange.error_code,
            "received_at": exchange.received_at.astimezone(UTC),
            "responded_at": (exchange.responded_at or now).astimezone(UTC),
            "request_bytes": exchange.request_bytes,
            "response_bytes": exchange.response_bytes,
            "request_hash": exchange.request_hash,
            "response_hash": exchange.response_hash,
            "request_body": _encrypt(exchange.request_body),
            "response_body": _encrypt(exchange.response_body),
            "previous_hash": previous_hash,
        }
        record = MessageRecord(**values, record_hash=record_hash(values[n] for n in CHAINED_FIELDS))
        _write(record, first_unsealed_at or now)
    global _unsealed_since
    _unsealed_since = (time.monotonic(), first_unsealed_at or now)
    return record


# Every gateway call appends one record, and the ORM's query building was half the gateway's
# own CPU per call (bench/lgsp_overhead.py); these three statements are written out instead,
# with the values prepared by the model's own fields, so both engines store what the ORM would.
def _head_for_append() -> tuple[int, str, datetime | None]:
    lock = connection.ops.for_update_sql() if connection.features.has_select_for_update else ""
    table = connection.ops.quote_name(LogHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT last_sequence, last_hash, first_unsealed_at FROM {table} WHERE id = 1 {lock}"  # noqa: S608 - names from the model
        )
        row = cursor.fetchone()
    if row is None:
        # A fresh (or flushed test) database has no head row yet.
        head = _locked_head()
        return head.last_sequence, head.last_hash, head.first_unsealed_at
    return int(row[0]), str(row[1]), _as_datetime(row[2])


def _as_datetime(raw: Any) -> datetime | None:
    # PostgreSQL answers an aware datetime; SQLite the naive UTC text Django stored.
    value = raw if raw is None or isinstance(raw, datetime) else parse_datetime(str(raw))
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def _write(record: MessageRecord, first_unsealed_at: datetime) -> None:
    fields = [f for f in MessageRecord._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    params = [f.get_db_prep_save(getattr(record, f.attname), connection) for f in fields]
    unsealed = LogHead._meta.get_field("first_unsealed_at")
    records = connection.ops.quote_name(MessageRecord._meta.db_table)
    head = connection.ops.quote_name(LogHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {records} ({columns}) VALUES ({marks})", params)  # noqa: S608
        cursor.execute(
            f"UPDATE {head} SET last_sequence = %s, last_hash = %s, first_unsealed_at = %s "  # noqa: S608
            "WHERE id = 1",
            [
                record.sequence,
                record.record_hash,
                unsealed.get_db_prep_save(first_unsealed_at, connection),
            ],
        )


# When the oldest unsealed record was written, as last read: (read at, value). Read again after
# a second, so the gateway's hot path does not query the head row on every call; an append in
# this process updates it at once.
_unsealed_since: tuple[float, datetime | None] | None = None
_UNSEALED_READ_SECONDS = 1.0


def ensure_sealed_recently(now: datetime | None = None) -> None:
    """Raise LogUnsealed when a record has waited for its seal longer than allowed."""
    global _unsealed_since
    now = now or timezone.now()
    known = _unsealed_since
    if known is None or time.monotonic() - known[0] > _UNSEALED_READ_SECONDS:
        waiting = LogHead.objects.filter(pk=1).values_list("first_unsealed_at", flat=True).first()
        known = _unsealed_since = (time.monotonic(), waiting)
    waiting_since = known[1]
    if waiting_since is not None and now - waiting_since > timedelta(
        seconds=conf.max_unsealed_seconds()
    ):
        raise LogUnsealed()


def forget_unsealed() -> None:
    """Read the head row again on the next call (after a seal, and in tests)."""
    global _unsealed_since
    _unsealed_since = None


def seal_payload(seal: Seal) -> bytes:
    """The bytes a seal's signature covers."""
    return canonical(
        [
            "motcua-lgsp-seal-v1",
            seal.first_sequence,
            seal.last_sequence,
            seal.head_hash,
            seal.previous_signature_hash,
            seal.signed_at,
            seal.key_id,
        ]
    )


def seal(now: datetime | None = None) -> Seal | None:
    """Sign the chain head over every record since the last seal; None when nothing is new."""
    now = now or timezone.now()
    key = conf.seal_private_key()
    with transaction.atomic():
        head = _locked_head()
        if head.last_sequence == head.sealed_sequence:
            LogHead.objects.filter(pk=head.pk).update(last_sealed_at=now)
            return None
        previous = Seal.objects.order_by("-last_sequence").first()
        new = Seal(
            first_sequence=head.sealed_sequence + 1,
            last_sequence=head.last_sequence,
            head_hash=head.last_hash,
            previous_signature_hash=_signature_hash(previous),
            signed_at=now.astimezone(UTC),
            key_id=conf.key_id(key.public_key()),
        )
        new.signature = base64.b64encode(key.sign(seal_payload(new))).decode()
        new.save()
        LogHead.objects.filter(pk=head.pk).update(
            sealed_sequence=new.last_sequence, first_unsealed_at=None, last_sealed_at=now
        )
    forget_unsealed()
    return new


def _signature_hash(seal: Seal | None) -> str:
    if seal is None:
        return GENESIS_HASH
    return hashlib.sha256(seal.signature.encode()).hexdigest()


@dataclass
class Verdict:
    """The outcome of verify(): how much was checked and, if any, the first broken record."""

    records: int = 0
    seals: int = 0
    broken_sequence: int | None = None
    broken_message_id: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(chunk_size: int = 5000) -> Verdict:
    """Walk the whole chain and every seal; stop at the first broken record and name it.

    Rows are streamed (iterator over plain tuples), so memory stays flat on millions of rows.
    Seals are few (one a minute at most) and are held in memory.
    """
    verdict = Verdict()
    seals = list(Seal.objects.order_by("last_sequence"))
    sealed_heads = _check_seals(seals, verdict)
    expected_sequence, previous = 1, GENESIS_HASH
    rows = (
        MessageRecord.objects.order_by("sequence")
        .values_list(*CHAINED_FIELDS, "record_hash")
        .iterator(chunk_size=chunk_size)
    )
    for row in rows:
        sequence, message_id, stored_previous, stored_hash = row[0], row[1], row[-2], row[-1]
        reason = ""
        if sequence != expected_sequence:
            # The first broken record is the first missing one.
            until = (
                f" cùng các bản ghi đến #{sequence - 1}" if sequence - 1 > expected_sequence else ""
            )
            _broken(
                verdict,
                expected_sequence,
                "",
                f"đã bị xoá{until}; chuỗi đứt trước bản ghi #{sequence} "
                f"(mã thông điệp {message_id})",
            )
            return verdict
        if stored_previous != previous:
            reason = "không khớp với bản ghi liền trước (bản ghi trước đã bị thay thế hoặc xoá)"
        elif record_hash(row[:-1]) != stored_hash:
            reason = "nội dung đã bị sửa (băm không khớp)"
        elif sequence in sealed_heads and sealed_heads[sequence] != stored_hash:
            reason = "không khớp với niêm phong đã ký (chuỗi đã bị tính lại)"
        if reason:
            _broken(verdict, sequence, str(message_id), reason)
            return verdict
        verdict.records += 1
        expected_sequence, previous = sequence + 1, stored_hash
    last = expected_sequence - 1
    head = LogHead.objects.filter(pk=1).first()
    if head is not None and (head.last_sequence != last or head.last_hash != previous):
        _broken(
            verdict, last + 1, "", f"các bản ghi từ #{last + 1} đến #{head.last_sequence} đã bị xoá"
        )
    elif seals and seals[-1].last_sequence > last:
        _broken(verdict, last + 1, "", "bản ghi đã được niêm phong nhưng không còn trong nhật ký")
    return verdict


def _broken(verdict: Verdict, sequence: int, message_id: str, reason: str) -> None:
    verdict.broken_sequence = sequence
    verdict.broken_message_id = message_id
    label = f"Bản ghi #{sequence}" + (f" (mã thông điệp {message_id})" if message_id else "")
    verdict.problems.append(f"{label}: {reason}.")


def _check_seals(seals: list[Seal], verdict: Verdict) -> dict[int, str]:
    """Check the seals' own chain and signatures; return the signed head hash by sequence."""
    trusted = conf.seal_public_keys()
    heads: dict[int, str] = {}
    previous: Seal | None = None
    for current in seals:
        expected_first = previous.last_sequence + 1 if previous else 1
        label = f"Niêm phong #{current.first_sequence}–#{current.last_sequence}"
        public = trusted.get(current.key_id)
        if current.first_sequence != expected_first:
            verdict.problems.append(f"{label}: thiếu niêm phong từ bản ghi #{expected_first}.")
        elif current.previous_signature_hash != _signature_hash(previous):
            verdict.problems.append(f"{label}: không nối tiếp niêm phong trước.")
        elif public is None:
            verdict.problems.append(f"{label}: ký bằng khoá không được tin cậy.")
        else:
            try:
                public.verify(base64.b64decode(current.signature), seal_payload(current))
            except (InvalidSignature, ValueError):
                verdict.problems.append(f"{label}: chữ ký không hợp lệ.")
        heads[current.last_sequence] = current.head_hash
        verdict.seals += 1
        previous = current
    return heads
