"""LGSP settings and keys, read from Django settings (which read the environment).

Two keys matter and both come from configuration:

- LGSP_SEAL_KEY: the Ed25519 private key that signs the message log, 32 raw bytes in base64 (or
  hex). `motcua lgsp keygen` prints a fresh one and its public key.
- LGSP_ENCRYPTION_KEYS: Fernet keys, comma-separated; the first encrypts, all decrypt, so a key
  can be rotated without losing what the old one encrypted. They protect logged bodies and API
  keys at rest.

With DEBUG on at start-up (settings.LGSP_DEMO_KEYS) missing keys are derived from SECRET_KEY so
the demo works with nothing configured and keeps verifying across restarts. Without it a missing
key is a loud ImproperlyConfigured the first time the gateway needs it (and in
`motcua check --deploy`), so a web-only deployment does not have to configure the gateway.
"""

import base64
import binascii
import functools
import hashlib

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _get(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def token_seconds() -> int:
    return _get("LGSP_TOKEN_SECONDS", 300)


def max_unsealed_seconds() -> int:
    return _get("LGSP_MAX_UNSEALED_SECONDS", 300)


def seal_interval_seconds() -> int:
    return _get("LGSP_SEAL_INTERVAL_SECONDS", 60)


def signature_max_age_seconds() -> int:
    return _get("LGSP_SIGNATURE_MAX_AGE_SECONDS", 300)


def max_buffered_body_bytes() -> int:
    return _get("LGSP_MAX_BUFFERED_BODY_BYTES", 10 * 1024 * 1024)


def max_logged_body_bytes() -> int:
    return _get("LGSP_MAX_LOGGED_BODY_BYTES", 1024 * 1024)


def retries() -> int:
    return _get("LGSP_RETRIES", 2)


def retry_backoff_seconds() -> float:
    return float(getattr(settings, "LGSP_RETRY_BACKOFF_SECONDS", 0.05))


def breaker_failures() -> int:
    return _get("LGSP_BREAKER_FAILURES", 5)


def breaker_cooldown_seconds() -> float:
    return float(getattr(settings, "LGSP_BREAKER_COOLDOWN_SECONDS", 30))


# The province's own consumer in the demo: `motcua seed-demo` registers it (lgsp/demo.py) with
# the secret derived below, so the typed clients work with nothing configured.
DEMO_CLIENT_ID = "motcua-tinh"


def client_base_url() -> str:
    """Where the typed clients find the gateway; empty means this process (embedded default)."""
    return (getattr(settings, "LGSP_BASE_URL", "") or "").strip().rstrip("/")


def client_timeout_seconds() -> float:
    # Longer than any service's own timeout at the gateway, so the gateway's clear answer
    # (upstream_timeout) arrives before the client gives up on its own.
    return float(getattr(settings, "LGSP_CLIENT_TIMEOUT_SECONDS", 15))


def demo_client_secret() -> str:
    return "lgsp_" + base64.urlsafe_b64encode(_demo_material("client-secret")).decode().rstrip("=")


def client_credentials() -> tuple[str, str]:
    """The province's own OAuth2 client id and secret at the gateway."""
    client_id = (getattr(settings, "LGSP_CLIENT_ID", "") or "").strip()
    secret = (getattr(settings, "LGSP_CLIENT_SECRET", "") or "").strip()
    if client_id and secret:
        return client_id, secret
    if not _demo_allowed():
        raise ImproperlyConfigured(
            "LGSP_CLIENT_ID and LGSP_CLIENT_SECRET must both be set: the typed clients call the "
            "LGSP gateway as a registered consumer. Register one with `motcua lgsp add consumer`, "
            "issue its secret with `motcua lgsp issue-secret`, and set both variables."
        )
    return client_id or DEMO_CLIENT_ID, secret or demo_client_secret()


def _demo_allowed() -> bool:
    return bool(getattr(settings, "LGSP_DEMO_KEYS", False))


def _demo_material(purpose: str) -> bytes:
    return hashlib.sha256(f"motcua-lgsp-demo:{purpose}:{settings.SECRET_KEY}".encode()).digest()


@functools.cache
def seal_private_key() -> Ed25519PrivateKey:
    raw = (getattr(settings, "LGSP_SEAL_KEY", "") or "").strip()
    if not raw:
        if not _demo_allowed():
            raise ImproperlyConfigured(
                "LGSP_SEAL_KEY is not set: the LGSP message log cannot be sealed. Generate one "
                "with `motcua lgsp keygen` and set LGSP_SEAL_KEY to the private key it prints."
            )
        return Ed25519PrivateKey.from_private_bytes(_demo_material("seal"))
    return Ed25519PrivateKey.from_private_bytes(_decode_key(raw, "LGSP_SEAL_KEY"))


def seal_public_keys() -> dict[str, Ed25519PublicKey]:
    """The keys a seal may be verified with, by key id: the current one and retired ones.

    Retired public keys (after a key rotation) are listed in LGSP_SEAL_PUBLIC_KEYS so that old
    seals keep verifying. A seal signed by any other key is not trusted.
    """
    keys = {key_id(seal_private_key().public_key()): seal_private_key().public_key()}
    for raw in getattr(settings, "LGSP_SEAL_PUBLIC_KEYS", []) or []:
        public = Ed25519PublicKey.from_public_bytes(_decode_key(raw, "LGSP_SEAL_PUBLIC_KEYS"))
        keys[key_id(public)] = public
    return keys


def public_bytes(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )


def key_id(public: Ed25519PublicKey) -> str:
    return hashlib.sha256(public_bytes(public)).hexdigest()[:16]


@functools.cache
def fernet() -> MultiFernet:
    raw = getattr(settings, "LGSP_ENCRYPTION_KEYS", []) or []
    if not raw:
        if not _demo_allowed():
            raise ImproperlyConfigured(
                "LGSP_ENCRYPTION_KEYS is not set: the LGSP cannot keep message bodies or API keys "
                "encrypted. Generate one with `motcua lgsp keygen` and set LGSP_ENCRYPTION_KEYS."
            )
        raw = [base64.urlsafe_b64encode(_demo_material("encryption")).decode()]
    try:
        return MultiFernet([Fernet(key) for key in raw])
    except (ValueError, binascii.Error) as exc:
        raise ImproperlyConfigured(
            "LGSP_ENCRYPTION_KEYS: each key must be a Fernet key (32 bytes, URL-safe base64)."
        ) from exc


def reset_caches() -> None:
    """Forget loaded keys (tests that change the settings call this)."""
    seal_private_key.cache_clear()
    fernet.cache_clear()


def _decode_key(raw: str, name: str) -> bytes:
    for decode in (bytes.fromhex, base64.b64decode, base64.urlsafe_b64decode):
        try:
            value = decode(raw)
        except (ValueError, binascii.Error):
            continue
        if len(value) == 32:
            return value
    raise ImproperlyConfigured(f"{name}: expected a 32-byte key in base64 or hex.")
