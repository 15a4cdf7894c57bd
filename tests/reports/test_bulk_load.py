"""Indexes and constraints set aside during a bulk load come back exactly, and a row that breaks
one of them takes the whole load back (PostgreSQL only: SQLite loads keep their indexes)."""

import pytest
from django.db import IntegrityError, connection, transaction

from motcua.dossiers.models import Dossier
from motcua.reports import aggregates, bulk_load, seed_load

from .test_seed_load import NOW

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the indexes are set aside on PostgreSQL only"
)

DOSSIERS = "dossiers_dossier"


def structures(table: str) -> tuple[set[str], set[str]]:
    """Every index (definition) and constraint (name and definition) of the table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
        indexes = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass",
            [table],
        )
        constraints = {row[0] for row in cursor.fetchall()}
    return indexes, constraints


def test_what_is_set_aside_is_the_secondary_indexes_and_the_checked_constraints(db):
    found = bulk_load.secondary_structures(DOSSIERS)

    names = {name for name, _ in found.indexes}
    assert "dossier_received_idx" in names and "dossiers_dossier_pkey" not in names
    constraints = dict(found.constraints)
    assert constraints["dossiers_dossier_code_key"] == "UNIQUE (code)"
    assert any("FOREIGN KEY (procedure_id)" in d for d in constraints.values())
    # The primary key stays (other tables point at it), and so do the CHECK constraints.
    assert not any(d.startswith(("PRIMARY KEY", "CHECK")) for d in constraints.values())


def test_a_load_into_an_empty_table_rebuilds_the_same_indexes_and_constraints(cast, procedures):
    before = structures(DOSSIERS)

    report = seed_load.load(dossiers=400, years=1, seed=5, now=NOW)

    assert report.indexes_rebuilt
    assert structures(DOSSIERS) == before
    assert Dossier.objects.filter(code__isnull=False).count() > 300  # the rows are all there


def test_a_small_load_into_a_bigger_table_keeps_its_indexes(cast, procedures):
    seed_load.load(dossiers=400, years=1, seed=5, now=NOW)
    before = Dossier.objects.count()

    again = seed_load.load(dossiers=100, years=1, seed=6, now=NOW)

    assert not again.indexes_rebuilt
    assert Dossier.objects.count() == before + 100


def test_a_row_breaking_a_constraint_takes_the_load_and_the_ddl_back(cast, procedures):
    before = structures(DOSSIERS)
    lltp = procedures.lltp
    with pytest.raises(IntegrityError), transaction.atomic(), bulk_load.set_aside(DOSSIERS):
        # Two dossiers with one code: the unique index, built afterwards, refuses them.
        for reference in ("A", "B"):
            Dossier.objects.create(
                reference=reference,
                code="G22-260302-0001",
                procedure=lltp,
                status="received",
                procedure_snapshot={},
                applicant_name="Nguyễn Văn An",
                receiving_agency=cast.center,
                current_agency=cast.center,
            )

    assert structures(DOSSIERS) == before
    assert not Dossier.objects.filter(reference__in=("A", "B")).exists()


def test_a_full_rebuild_rebuilds_the_aggregate_tables_indexes(cast, procedures):
    seed_load.load(dossiers=300, years=1, seed=5, now=NOW, rebuild=False)
    before = [structures(table) for table in aggregates.BULK_TABLES]

    aggregates.rebuild()

    assert [structures(table) for table in aggregates.BULK_TABLES] == before
    assert aggregates.ready()
