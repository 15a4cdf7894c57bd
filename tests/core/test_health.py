import pytest
from django.db import DatabaseError

from motcua.core import health


def test_healthz_answers_ok_without_touching_the_database(client):
    # No django_db mark: any query here would raise, so a liveness probe never waits on the DB.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_ready_when_the_database_is_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["migrations"] == {"ok": True, "pending": []}


@pytest.mark.django_db
def test_readyz_is_503_and_names_pending_migrations(client, monkeypatch):
    monkeypatch.setattr(health, "pending_migrations", lambda: ["org.0099_future"])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "not_ready"
    assert response.json()["checks"]["migrations"]["pending"] == ["org.0099_future"]


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "error": "DatabaseError"}


def test_probes_refuse_writes(client):
    assert client.post("/healthz").status_code == 405
