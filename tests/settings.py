"""Test settings: MotCua's own, plus what only tests need."""

import os

from motcua.settings import *  # noqa: F403
from motcua.settings import INSTALLED_APPS

# Hashing demo and test passwords with the production hasher makes the suite crawl.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A test-only app whose outbox handlers let tests (and worker subprocesses) observe delivery.
# The sandbox is its own project in production (motcua.sandbox.settings); its views are tested
# here against the test database, under its own URLconf (pytest.mark.urls).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.support", "motcua.sandbox"]
SANDBOX_FAULTS = True
SANDBOX_SSO_CLIENT_ID = "motcua-portal"
SANDBOX_SSO_CLIENT_SECRET = "test-sso-secret"
SANDBOX_SSO_REDIRECT_URIS = ["http://testserver/tai-khoan/vneid/quay-lai/"]
SANDBOX_SSO_PASSWORD = "test-vneid-password"

# The SQLite test database is a file under var/ (shared with live-server threads and workers).
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
# WhiteNoise warns at start-up when STATIC_ROOT is missing; tests serve from the finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# One test database file per test run, so that runs side by side (two terminals, CI and a
# developer) never delete each other's database. Django removes it at the end of the run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405

# `seed-demo` runs in many tests: a few dozen dossiers make the same story as 2,400, faster.
DEMO_DOSSIERS = 60
