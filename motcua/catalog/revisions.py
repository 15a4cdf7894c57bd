"""The history of a procedure: a full snapshot per change, with who and how (DOMAIN.md §2).

Every write path (admin, import, seed) calls `record_revision` after saving, in the same
transaction; it writes nothing when the procedure did not change, so re-importing an unchanged
file leaves no trace but the audit entry of the import itself.
"""

from typing import Any

from django.db import transaction

from motcua.accounts.models import User
from motcua.core import audit

from .models import Procedure, Revision

_PROCEDURE_FIELDS = [
    "code",
    "local_code",
    "name",
    "level",
    "legal_basis",
    "requirements",
    "time_limit",
    "time_limit_unit",
    "time_limit_note",
    "applicant_types",
    "result_type",
    "result_name",
    "legacy_level",
    "online_class",
    "online_provider",
    "online_only",
    "postal_submission",
    "postal_return",
    "form_schema",
    "form_ui",
    "is_published",
]


def snapshot(procedure: Procedure) -> dict[str, Any]:
    """Everything a citizen or an official is told about the procedure, as plain JSON."""
    data: dict[str, Any] = {name: getattr(procedure, name) for name in _PROCEDURE_FIELDS}
    data["field"] = {"code": procedure.field.code, "name": procedure.field.name}
    data["agencies"] = sorted(procedure.agencies.values_list("code", flat=True))
    data["receiving_agencies"] = sorted(procedure.receiving_agencies.values_list("code", flat=True))
    data["fees"] = [
        {"name": f.name, "amount": f.amount, "condition": f.condition}
        for f in procedure.fees.order_by("order", "id")
    ]
    data["components"] = [
        {
            "name": c.name,
            "original_count": c.original_count,
            "copy_count": c.copy_count,
            "required": c.required,
            "condition": c.condition,
            "template": c.template.name if c.template else "",
            "template_name": c.template_name,
            "replaced_by": c.replaced_by,
        }
        for c in procedure.components.order_by("order", "id")
    ]
    data["steps"] = [
        {
            "kind": s.kind,
            "name": s.name,
            "agency": s.agency.code if s.agency else None,
            "role": s.role.code if s.role else None,
            "budget": str(s.budget),
        }
        for s in procedure.steps.select_related("agency", "role").order_by("order", "id")
    ]
    return data


def record_revision(
    procedure: Procedure,
    *,
    by: User | None,
    source: Revision.Source | str,
    note: str = "",
) -> Revision | None:
    """Store the procedure's current state if it differs from the last revision."""
    with transaction.atomic():
        current = snapshot(procedure)
        last = procedure.revisions.order_by("-number").first()
        if last is not None and last.snapshot == current:
            return None
        previous = last.snapshot if last is not None else {}
        changed = sorted(key for key in current if previous.get(key) != current[key])
        revision = Revision.objects.create(
            procedure=procedure,
            number=(last.number + 1) if last is not None else 1,
            created_by=by,
            source=source,
            note=note[:500],
            changed_fields=changed if last is not None else [],
            snapshot=current,
        )
        audit.record(
            by,
            "catalog.procedure_changed" if last is not None else "catalog.procedure_created",
            procedure,
            {"revision": revision.number, "source": str(source), "changed": changed},
        )
        return revision
