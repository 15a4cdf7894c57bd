"""Settings of the sandbox server (`motcua sandbox`): the stand-in national systems.

Its own URLconf and its own database (ARCHITECTURE.md): MotCua talks to it only over HTTP,
through the LGSP, exactly as it will talk to the real systems.
"""

import os

import dj_database_url

from motcua.settings import *  # noqa: F403
from motcua.settings import DEBUG, VAR_DIR, env_bool, env_int, env_list

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    "motcua.sandbox",
]
MIDDLEWARE = [
    "motcua.core.request_id.RequestIdMiddleware",
    "django.middleware.common.CommonMiddleware",
    "motcua.sandbox.faults.FaultMiddleware",
]
ROOT_URLCONF = "motcua.sandbox.urls"
WSGI_APPLICATION = "motcua.sandbox.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]

_url = os.environ.get("SANDBOX_DATABASE_URL", "")
if _url:
    DATABASES = {"default": dj_database_url.parse(_url)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "sandbox.sqlite3"),
            # As MotCua's own SQLite: writers queue at BEGIN, readers run beside them (WAL),
            # and a commit does not wait for the disk, so every logged lookup stays cheap.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            "CONN_MAX_AGE": 60,
        }
    }

# Slow or failing answers on request (headers X-Sandbox-Delay-Ms, X-Sandbox-Status), so that the
# LGSP's timeouts, retries and circuit breaker can be shown and tested against it.
SANDBOX_FAULTS = env_bool("SANDBOX_FAULTS", DEBUG)
SANDBOX_PORT = env_int("SANDBOX_PORT", 8001)

# The VNeID stand-in's one relying party: MotCua's citizen portal. The portal holds the same
# client id and secret (SSO_CLIENT_ID, SSO_CLIENT_SECRET); a demo secret exists in DEBUG only.
SANDBOX_SSO_CLIENT_ID = os.environ.get("SANDBOX_SSO_CLIENT_ID", "motcua-portal")
SANDBOX_SSO_CLIENT_SECRET = os.environ.get(
    "SANDBOX_SSO_CLIENT_SECRET", "sandbox-sso-demo-secret" if DEBUG else ""
)
SANDBOX_SSO_REDIRECT_URIS = env_list(
    "SANDBOX_SSO_REDIRECT_URIS", ["http://127.0.0.1:8000/tai-khoan/vneid/quay-lai/"]
)
# What the stand-in's login page asks for besides the number: the demo's published password.
SANDBOX_SSO_PASSWORD = os.environ.get("SANDBOX_SSO_PASSWORD", "vneid-demo-2026" if DEBUG else "")

# The operator API that switches faults per service (PUT /_faults/<service>): its bearer token.
# Without one (outside DEBUG, unless configured) the API answers 401 to everybody.
SANDBOX_ADMIN_TOKEN = os.environ.get("SANDBOX_ADMIN_TOKEN", "sandbox-admin-demo" if DEBUG else "")
# How long a service switched to "timeout" holds each answer: longer than any client waits (the
# gateway's service timeouts are seconds, the typed clients' LGSP_CLIENT_TIMEOUT_SECONDS 15).
SANDBOX_FAULT_TIMEOUT_SECONDS = env_int("SANDBOX_FAULT_TIMEOUT_SECONDS", 30)
# VNPost's tracking webhooks: signed with VNPOST_WEBHOOK_SECRET (MotCua's settings, shared by
# both sides), tried this many times with a doubling delay from the base.
SANDBOX_WEBHOOK_ATTEMPTS = env_int("SANDBOX_WEBHOOK_ATTEMPTS", 8)
SANDBOX_WEBHOOK_BACKOFF_SECONDS = float(os.environ.get("SANDBOX_WEBHOOK_BACKOFF_SECONDS", "2"))
