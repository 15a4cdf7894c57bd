"""MotCua settings, read from the environment.

Defaults make `make demo` work on a laptop with nothing configured. With DEBUG off (production)
every value that cannot have a safe default must be given, or start-up fails with a message that
says which variable to set.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("MOTCUA_VAR_DIR", PROJECT_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of 1/0, true/false, yes/no, on/off.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number.") from exc


def env_json_object(name: str) -> dict[str, object]:
    raw = os.environ.get(name) or "{}"
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a JSON object.") from exc
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a JSON object.")
    return value


# The demo and a developer's laptop run with DEBUG on; a deployment sets DEBUG=0.
DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production (DEBUG=0) set SECRET_KEY to a long random "
            "string, e.g. the output of: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-demo-key-only-for-debug-mode"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. In production (DEBUG=0) list the host names this server "
        "answers to, comma-separated, e.g. ALLOWED_HOSTS=dichvucong.gialai.gov.vn"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# The province this deployment serves: one deployment per province (ARCHITECTURE.md).
PROVINCE_CODE = os.environ.get("PROVINCE_CODE", "52")

# The province's own target for receiving an online dossier, in working hours from submission
# (issue 4: "online dossiers wait too long to be received"). Queues flag and reports count the
# dossiers that waited longer.
RECEPTION_TARGET_WORKING_HOURS = env_int("RECEPTION_TARGET_WORKING_HOURS", 4)

# Decision 766 points per indicator, where the province knows the official split (JSON object,
# e.g. {"2.1": 12, "2.2": 8}); reports.decision766 documents the default split and checks this.
DECISION766_MAX_POINTS = env_json_object("DECISION766_MAX_POINTS")

# How often the worker scans for deadline alarms (due soon, overdue, reception late), in seconds.
ALARM_SCAN_SECONDS = env_int("ALARM_SCAN_SECONDS", 300)

# How many finished dossiers `seed-demo` writes for the demo's year of activity: a small
# province's volume, seeded in a few seconds.
DEMO_DOSSIERS = env_int("DEMO_DOSSIERS", 2400)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # so its docs page uses bundled assets, not a CDN
    "motcua.core",
    "motcua.accounts",
    "motcua.org",
    "motcua.catalog",
    "motcua.dossiers",
    "motcua.reports",
    "motcua.portal",
    "motcua.notifications",
    "motcua.backoffice",
    "motcua.lgsp",
    "motcua.submissions",
]

MIDDLEWARE = [
    "motcua.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.i18n.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "motcua.accounts.middleware.SessionRegistryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.core.i18n.language_choices",
                "motcua.org.context.province",
            ],
        },
    },
]

# Database: SQLite under var/ by default, PostgreSQL (or any engine) through DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
else:
    # The embedded default: a file under var/, created on first use so `motcua migrate` works
    # straight after a clone.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "motcua.sqlite3")}
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE: every atomic block takes the write lock at BEGIN, so two writers queue instead
    # of failing half-way (SQLite ignores select_for_update). WAL lets readers run meanwhile.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A connection per thread kept between requests: opening one and running the PRAGMAs cost
    # every request about half a millisecond (bench/lgsp_overhead.py).
    _db["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)
    # Live-server and browser tests share the test database between threads and processes:
    # an in-memory database cannot be shared, a file can.
    _db["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
elif DATABASE_URL:
    _db["CONN_HEALTH_CHECKS"] = True
if _db["ENGINE"] == "django.db.backends.postgresql" and not env_bool("DB_JIT", False):
    # PostgreSQL compiles each query it costs above jit_above_cost, about 50 ms apiece; the
    # reports' queries over the aggregates ran in less than that (bench/README.md, reports).
    options = _db.setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id first (issue 6): new and changed passwords are stored with it; the others stay so that
# hashes written by an older hasher still verify and are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Internationalisation: Vietnamese first. Source strings are Vietnamese; English is a catalog.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "vi")
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE={LANGUAGE_CODE!r}: expected one of vi, en.")
LANGUAGE_COOKIE_NAME = "motcua_language"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Without collectstatic (tests, a fresh checkout) WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = DEBUG

# Officials log in to the back office; the Django admin has its own login page.
LOGIN_URL = "/can-bo/dang-nhap/"
LOGIN_REDIRECT_URL = "/can-bo/"

# Files uploaded at the counter (scanned papers): PDF, JPEG or PNG, at most this many bytes.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

# The citizen portal (motcua.portal, motcua.submissions): where a citizen logs in; how long an
# untouched draft is kept; the largest side, in pixels, of an uploaded photo once downscaled.
CITIZEN_LOGIN_URL = os.environ.get("CITIZEN_LOGIN_URL", "/tai-khoan/dang-nhap/")
DRAFT_MAX_AGE_DAYS = env_int("DRAFT_MAX_AGE_DAYS", 30)
UPLOAD_IMAGE_MAX_SIDE = env_int("UPLOAD_IMAGE_MAX_SIDE", 2000)
# The help line printed on the home and help pages; empty: the service center's own phone.
HELP_PHONE = os.environ.get("HELP_PHONE", "")

# Citizen accounts (motcua.accounts): one-time codes (lifetime, tries, the wait before another may
# be sent, at most so many an hour) and login throttling per account and per client address.
OTP_TTL_SECONDS = env_int("OTP_TTL_SECONDS", 600)
OTP_MAX_ATTEMPTS = env_int("OTP_MAX_ATTEMPTS", 5)
OTP_RESEND_SECONDS = env_int("OTP_RESEND_SECONDS", 60)
OTP_MAX_PER_HOUR = env_int("OTP_MAX_PER_HOUR", 5)
LOGIN_RATE_LIMIT_ACCOUNT = env_int("LOGIN_RATE_LIMIT_ACCOUNT", 5)
LOGIN_RATE_LIMIT_ADDRESS = env_int("LOGIN_RATE_LIMIT_ADDRESS", 30)
LOGIN_RATE_WINDOW = env_int("LOGIN_RATE_WINDOW", 900)
# Officials' second factor (TOTP): on in production; the demo turns it off so a visitor can switch
# roles quickly, and the back-office login page says so (DEMO.md).
REQUIRE_2FA = env_bool("REQUIRE_2FA", not DEBUG)
# VNeID single sign-on (OpenID Connect). The defaults point at the sandbox's stand-in; the real one
# is configuration only. An empty secret (production without SSO_CLIENT_SECRET) hides the button.
SSO_ISSUER = os.environ.get("SSO_ISSUER", "http://127.0.0.1:8001/vneid").rstrip("/")
SSO_CLIENT_ID = os.environ.get("SSO_CLIENT_ID", "motcua-portal")
SSO_CLIENT_SECRET = os.environ.get("SSO_CLIENT_SECRET", "sandbox-sso-demo-secret" if DEBUG else "")
# Empty: the callback address is built from the request (PUBLIC_BASE_URL's host in production).
SSO_REDIRECT_URI = os.environ.get("SSO_REDIRECT_URI", "")
SSO_TIMEOUT_SECONDS = env_int("SSO_TIMEOUT_SECONDS", 10)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and env_bool("SECURE_PROXY_SSL", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Background work: Django's tasks interface (django-tasks backport), stored in the database and
# run by `motcua worker`. Production with Redis: TASKS_BACKEND=django_tasks_rq.RQBackend (README).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# E-mail (officials' notices): written as files under var/mail/ in the demo, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "MotCua <motcua@localhost>")

# Transactional outbox (core.outbox): lease length and retry schedule.
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 60)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 12)
OUTBOX_BACKOFF_BASE_SECONDS = env_int("OUTBOX_BACKOFF_BASE_SECONDS", 5)
OUTBOX_BACKOFF_MAX_SECONDS = env_int("OUTBOX_BACKOFF_MAX_SECONDS", 3600)

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "motcua.core.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "motcua.core.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Django's dev-server access lines duplicate our request log line.
        "django.server": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}

NINJA_PAGINATION_PER_PAGE = 100

# Public dossier lookup (/tra-cuu/, /api/v1/dossiers/{code}/status): codes are sequential, so
# lookups are rate-limited per client address. The default local-memory cache counts per process;
# point CACHES at a shared cache (Redis) in production for one count across web nodes.
LOOKUP_RATE_LIMIT = env_int("LOOKUP_RATE_LIMIT", 30)
LOOKUP_RATE_WINDOW = env_int("LOOKUP_RATE_WINDOW", 60)
# Proxies whose X-Forwarded-For is trusted for the client address (addresses or networks).
RATELIMIT_TRUSTED_PROXIES = env_list("RATELIMIT_TRUSTED_PROXIES", [])

# LGSP gateway (motcua.lgsp; README "LGSP"). Keys: Ed25519 seal key (32 bytes, base64 or hex) and
# Fernet keys for bodies and API keys at rest, first one encrypts. With DEBUG on, missing keys are
# derived from SECRET_KEY for the demo; without it a missing key is ImproperlyConfigured at the
# gateway's first use and in `motcua check --deploy` (a web-only deployment needs none).
LGSP_SEAL_KEY = os.environ.get("LGSP_SEAL_KEY", "")
LGSP_SEAL_PUBLIC_KEYS = env_list("LGSP_SEAL_PUBLIC_KEYS", [])  # retired keys, to verify old seals
LGSP_ENCRYPTION_KEYS = env_list("LGSP_ENCRYPTION_KEYS", [])
LGSP_DEMO_KEYS = DEBUG
LGSP_TOKEN_SECONDS = env_int("LGSP_TOKEN_SECONDS", 300)
LGSP_SEAL_INTERVAL_SECONDS = env_int("LGSP_SEAL_INTERVAL_SECONDS", 60)
LGSP_MAX_UNSEALED_SECONDS = env_int("LGSP_MAX_UNSEALED_SECONDS", 300)
# The typed clients (motcua.lgsp.clients) call the gateway as this registered consumer. An empty
# LGSP_BASE_URL runs the embedded gateway in-process; set it when the gateway is its own
# deployment. Client id and secret are derived in DEBUG (the demo seeds the same), required
# otherwise (ImproperlyConfigured at the first call).
LGSP_BASE_URL = os.environ.get("LGSP_BASE_URL", "")
LGSP_CLIENT_ID = os.environ.get("LGSP_CLIENT_ID", "")
LGSP_CLIENT_SECRET = os.environ.get("LGSP_CLIENT_SECRET", "")
# Where `motcua seed-demo` registers the sandbox as the national systems.
SANDBOX_BASE_URL = os.environ.get("SANDBOX_BASE_URL", "http://127.0.0.1:8001")
# VNPost's tracking webhooks (POST /lgsp/callback/vnpost/): HMAC-SHA256 of the body with this
# shared secret, which the sandbox's VNPost stand-in signs with too. A demo value in DEBUG only;
# without one the endpoint refuses every event.
VNPOST_WEBHOOK_SECRET = os.environ.get(
    "VNPOST_WEBHOOK_SECRET", "vnpost-webhook-demo-secret" if DEBUG else ""
)
# Dossier status sync to the national public service portal (DongBoHoSoMC) through the LGSP.
NATIONAL_PORTAL_SYNC = env_bool("NATIONAL_PORTAL_SYNC", True)
# /metrics (Prometheus text format): a bearer token for the scraper; staff sessions also see it.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
