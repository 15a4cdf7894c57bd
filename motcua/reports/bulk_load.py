"""Bulk loading on PostgreSQL: a table's secondary indexes and constraints set aside while rows
stream in, then built again in one pass each (issue 7: seed_load at volume, and a full rebuild
of the report aggregates).

Keeping twenty B-trees and eight foreign keys up to date row by row is most of the cost of a
large COPY: random keys (names, identity numbers, codes) touch a different index page on every
row, and each deferred foreign key queues one check per row until commit (tens of millions at
ten million rows, all held in memory). Building an index from sorted rows and validating a
foreign key with one anti-join are each a single pass.

Safe because everything happens inside the caller's transaction: the DROP takes an ACCESS
EXCLUSIVE lock, so no one reads or writes the table without its indexes, and the rebuild checks
every uniqueness and foreign-key rule again. A violation raises and the whole load, DDL
included, rolls back. The primary key stays (other tables' foreign keys point at it), and so does
any unique constraint a foreign key relies on; CHECK constraints stay (they cost little per row).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection

# Sorting for index builds: the default 64 MB spills a ten-million-row sort to disk many times.
MAINTENANCE_WORK_MEM = "256MB"


@dataclass(frozen=True)
class SetAside:
    indexes: tuple[tuple[str, str], ...]  # (name, CREATE INDEX statement)
    constraints: tuple[tuple[str, str], ...]  # (name, definition)


def secondary_structures(table: str) -> SetAside:
    """The indexes and constraints of `table` that a bulk load may drop and build again."""
    with connection.cursor() as cursor:
        # Foreign keys going out of the table, and unique constraints no foreign key relies on.
        cursor.execute(
            """
            SELECT c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.conrelid = %s::regclass
              AND (c.contype = 'f'
                   OR (c.contype = 'u' AND NOT EXISTS (
                       SELECT 1 FROM pg_constraint f
                       WHERE f.contype = 'f' AND f.conindid = c.conindid)))
            ORDER BY c.conname
            """,
            [table],
        )
        constraints = tuple((name, definition) for name, definition in cursor.fetchall())
        # Plain indexes: those that back no constraint (primary key, unique) of the table.
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = %s::regclass
              AND NOT EXISTS (
                  SELECT 1 FROM pg_constraint c
                  WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
            ORDER BY 1
            """,
            [table],
        )
        indexes = tuple((name, definition) for name, definition in cursor.fetchall())
    return SetAside(indexes=indexes, constraints=constraints)


@contextmanager
def set_aside(table: str) -> Iterator[SetAside]:
    """Drop `table`'s secondary indexes and constraints for the block, then build them again.

    Call inside a transaction (the caller's atomic block): the rebuild's checks are what make
    the load safe, and a failure must take the load with it.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("set_aside() must run inside a transaction")
    # PostgreSQL refuses to alter a table with deferred foreign-key checks still queued (rows
    # written earlier in the transaction): run those checks now. They would run at commit anyway.
    connection.check_constraints()
    found = secondary_structures(table)
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        for name, _ in found.constraints:
            cursor.execute(
                f"ALTER TABLE {quoted} DROP CONSTRAINT {connection.ops.quote_name(name)}"
            )
        for name, _ in found.indexes:
            cursor.execute(f"DROP INDEX {name}")  # regclass text: already quoted if needed
    yield found
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
        for _, statement in found.indexes:
            cursor.execute(statement)
        for name, definition in found.constraints:
            cursor.execute(
                f"ALTER TABLE {quoted} ADD CONSTRAINT {connection.ops.quote_name(name)} "
                f"{definition}"
            )
