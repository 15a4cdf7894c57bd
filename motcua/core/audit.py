"""The audit trail: who did what to which object, written in the caller's transaction.

Entries are append-only. The model refuses to save an existing entry or to delete one, its
queryset refuses update() and delete(), and the database itself refuses UPDATE (a trigger added
by migration core.0002), so a mistake in code cannot rewrite what an inspector will read.
"""

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from . import request_id
from .models.audit import AuditEntry, AuditEntryIsAppendOnly

if TYPE_CHECKING:
    from motcua.accounts.models import User

# A person, an anonymous visitor (request.user before login), or None for the system itself.
Actor: TypeAlias = "User | AnonymousUser | None"

__all__ = ["Actor", "AuditEntryIsAppendOnly", "record", "record_personal_data_read"]

SYSTEM_LABEL = "Hệ thống"
ANONYMOUS_LABEL = "Khách (chưa đăng nhập)"
PERSONAL_DATA_READ = "personal_data.read"

_LABEL_MAX = AuditEntry._meta.get_field("actor_label").max_length or 200
_TARGET_LABEL_MAX = AuditEntry._meta.get_field("target_label").max_length or 300


def record(
    actor: Actor,
    action: str,
    target: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. `actor` None means the system itself (a worker, a command)."""
    if not action:
        raise ValueError("An audit entry needs an action.")
    user = actor if isinstance(actor, AbstractBaseUser) else None
    if user is not None:
        label = str(user)
    elif actor is None:
        label = SYSTEM_LABEL
    else:
        label = ANONYMOUS_LABEL

    target_type = target_id = target_label = ""
    if target is not None:
        if target.pk is None:
            raise ValueError("An audit entry cannot point at an unsaved object.")
        meta = target._meta
        target_type = f"{meta.app_label}.{meta.model_name}"
        target_id = str(target.pk)
        target_label = str(target)[:_TARGET_LABEL_MAX]

    rid = request_id.current()
    return AuditEntry.objects.create(
        actor=user,
        actor_label=label[:_LABEL_MAX],
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
        details=_plain_json(details or {}),
        # "-" is the request id of code running outside any request (worker, command).
        request_id="" if rid == "-" else rid,
    )


def record_personal_data_read(
    actor: Actor,
    subject: models.Model,
    fields: Iterable[str],
    purpose: str,
) -> AuditEntry:
    """Note that `actor` read `fields` of `subject`'s personal data, and why (Decree 13/2023)."""
    return record(
        actor,
        PERSONAL_DATA_READ,
        target=subject,
        details={"fields": sorted(set(fields)), "purpose": purpose},
    )


def _plain_json(details: dict[str, Any]) -> dict[str, Any]:
    # Dates, decimals and UUIDs become strings now, so an entry never fails to save (or reads
    # back differently) because of what a caller put in its details.
    result: dict[str, Any] = json.loads(json.dumps(details, cls=DjangoJSONEncoder))
    return result
