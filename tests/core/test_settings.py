"""Settings are read at import, so each case runs in a fresh interpreter."""

import os
import subprocess
import sys

import pytest
from django.db import connection


def import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import motcua.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_a_secret_key_refuses_to_start_and_says_which_variable():
    result = import_settings(DEBUG="0", ALLOWED_HOSTS="dichvucong.gialai.gov.vn")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = import_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_with_secret_and_hosts_starts():
    result = import_settings(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="a.gov.vn,b.gov.vn")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['a.gov.vn', 'b.gov.vn']"


def test_a_misspelt_boolean_is_an_error_not_a_silent_default():
    result = import_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe'" in result.stderr


def test_the_demo_defaults_need_no_configuration():
    result = import_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_immediate_transactions():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_time_zone_and_language_defaults(settings):
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.LANGUAGE_CODE == "vi"


def _postgres_options(**env: str) -> str:
    code = "import motcua.settings as s; print(s.DATABASES['default'].get('OPTIONS', {}))"
    result = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_runs_without_jit_unless_asked_and_keeps_the_urls_own_options():
    url = "postgres://u@db:5432/motcua"
    assert "'options': '-c jit=off'" in _postgres_options(DATABASE_URL=url)
    assert "jit" not in _postgres_options(DATABASE_URL=url, DB_JIT="on")
    with_timeout = _postgres_options(DATABASE_URL=f"{url}?options=-c%20statement_timeout%3D5000")
    assert "'options': '-c statement_timeout=5000 -c jit=off'" in with_timeout
    assert "jit" not in _postgres_options(DATABASE_URL="")
