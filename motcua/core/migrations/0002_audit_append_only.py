"""Make the audit trail append-only in the database itself: UPDATE on core_auditentry fails.

The ORM already refuses (AuditEntry.save/delete, its queryset); this trigger also stops raw SQL
and any other program sharing the database. DELETE is deliberately not blocked: test runs flush
tables row by row on SQLite, and removing entries past their retention period is a decision for
an operator, taken with the database owner's rights, not something application code does.

On SQLite, a later migration that alters core_auditentry makes Django rebuild the table, which
drops this trigger: such a migration must create it again (tests/core/test_audit.py notices).
"""

from django.db import migrations

MESSAGE = "core_auditentry chỉ được ghi thêm: không được sửa mục đã ghi"

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER core_auditentry_no_update
    BEFORE UPDATE ON core_auditentry
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END
    """,
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS core_auditentry_no_update"]

POSTGRESQL_FORWARD = [
    # restrict_violation (SQLSTATE 23001) so the error is an IntegrityError on both engines.
    f"""
    CREATE OR REPLACE FUNCTION core_auditentry_refuse_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    """
    CREATE TRIGGER core_auditentry_no_update
    BEFORE UPDATE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_refuse_update()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry",
    "DROP FUNCTION IF EXISTS core_auditentry_refuse_update()",
]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_REVERSE),
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_REVERSE),
}


def _run(schema_editor, index):
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(
            f"MotCua supports SQLite and PostgreSQL; no append-only trigger for {vendor!r}."
        )
    for sql in STATEMENTS[vendor][index]:
        # params=None: the PL/pgSQL body must reach the server untouched by placeholder parsing.
        schema_editor.execute(sql, params=None)


def forward(apps, schema_editor):
    _run(schema_editor, 0)


def reverse(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forward, reverse, elidable=False),
    ]
