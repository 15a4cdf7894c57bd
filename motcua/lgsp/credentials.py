"""Consumers' credentials: OAuth2 client credentials and API keys with HMAC request signatures.

OAuth2 (DOMAIN.md §9, the Vietnamese LGSPs' practice): a consumer's client_id is its code; it
exchanges a secret at POST /lgsp/oauth/token for a bearer token that lives LGSP_TOKEN_SECONDS.
Several secrets may be alive at once: `rotate` issues a new one and gives the old ones a grace
period, so callers switch without downtime.

HMAC, for partners that cannot do OAuth2: each request carries X-Lgsp-Key-Id, X-Lgsp-Timestamp
(Unix seconds) and X-Lgsp-Signature, the hex HMAC-SHA256 of `string_to_sign` below. A timestamp
more than LGSP_SIGNATURE_MAX_AGE_SECONDS away from now is refused, and so is a signature already
seen (a replay).
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.core import audit

from . import conf, lookups
from .errors import Unauthorised
from .models import AccessToken, ApiKey, ClientSecret, Consumer, SeenSignature

KEY_ID_HEADER = "X-Lgsp-Key-Id"
TIMESTAMP_HEADER = "X-Lgsp-Timestamp"
SIGNATURE_HEADER = "X-Lgsp-Signature"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _new_secret() -> str:
    # A recognisable prefix lets secret scanners spot a leaked one, and keeps a secret's shown
    # prefix from starting with "-" (which a command line would take for an option).
    return "lgsp_" + secrets.token_urlsafe(32)


def _changed() -> None:
    # update() sends no signal: clear the gateway's cache now, and again once the change is
    # committed, so a request reading in between cannot keep the old rows cached.
    lookups.clear()
    transaction.on_commit(lookups.clear)


def issue_client_secret(
    consumer: Consumer, *, by: audit.Actor = None, expires_at: datetime | None = None
) -> tuple[ClientSecret, str]:
    """A new OAuth2 secret for `consumer`. The clear secret is returned once and never stored."""
    plain = _new_secret()
    with transaction.atomic():
        secret = ClientSecret.objects.create(
            consumer=consumer,
            secret_hash=sha256_hex(plain.encode()),
            prefix=plain[:12],
            expires_at=expires_at,
        )
        audit.record(by, "lgsp.secret_issued", consumer, {"prefix": secret.prefix})
    return secret, plain


def issue_api_key(
    consumer: Consumer, *, by: audit.Actor = None, expires_at: datetime | None = None
) -> tuple[ApiKey, str]:
    """A new API key (id + HMAC key) for `consumer`. The clear key is returned once."""
    plain = _new_secret()
    with transaction.atomic():
        key = ApiKey.objects.create(
            consumer=consumer,
            key_id=f"{consumer.code[:20]}.{secrets.token_hex(6)}",
            secret_encrypted=conf.fernet().encrypt(plain.encode()).decode(),
            expires_at=expires_at,
        )
        audit.record(by, "lgsp.api_key_issued", consumer, {"key_id": key.key_id})
    return key, plain


def rotate(
    consumer: Consumer, *, kind: str = "oauth", grace: timedelta, by: audit.Actor = None
) -> tuple[ClientSecret | ApiKey, str]:
    """Issue a new credential and let the consumer's older ones live `grace` longer at most.

    Both work meanwhile; revoke the old ones sooner once the caller has switched.
    """
    now = timezone.now()
    until = now + grace
    with transaction.atomic():
        model = ClientSecret if kind == "oauth" else ApiKey
        older = model.objects.filter(consumer=consumer).alive(now)
        older.filter(expires_at__isnull=True).update(expires_at=until)
        older.filter(expires_at__gt=until).update(expires_at=until)
        _changed()
        audit.record(
            by, "lgsp.credentials_rotated", consumer, {"kind": kind, "old_expire_at": until}
        )
        if kind == "oauth":
            return issue_client_secret(consumer, by=by)
        return issue_api_key(consumer, by=by)


def revoke_client_secret(secret: ClientSecret, *, by: audit.Actor = None) -> None:
    with transaction.atomic():
        ClientSecret.objects.filter(pk=secret.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        # Tokens already issued with the secret die with it.
        AccessToken.objects.filter(secret=secret).delete()
        _changed()
        audit.record(by, "lgsp.secret_revoked", secret.consumer, {"prefix": secret.prefix})


def revoke_api_key(key: ApiKey, *, by: audit.Actor = None) -> None:
    with transaction.atomic():
        ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        _changed()
        audit.record(by, "lgsp.api_key_revoked", key.consumer, {"key_id": key.key_id})


def exchange_token(client_id: str, client_secret: str) -> tuple[str, int]:
    """Client credentials for a bearer token: (token, lifetime in seconds), or Unauthorised."""
    now = timezone.now()
    secret = (
        ClientSecret.objects.alive(now)
        .select_related("consumer")
        .filter(secret_hash=sha256_hex(client_secret.encode()), consumer__is_active=True)
        .first()
    )
    # The hash found the row; comparing the client id in constant time leaves nothing to time.
    if secret is None or not hmac.compare_digest(secret.consumer.code, client_id):
        raise Unauthorised("client_id hoặc client_secret không đúng, đã hết hạn hoặc bị thu hồi.")
    lifetime = conf.token_seconds()
    token = _new_secret()
    AccessToken.objects.create(
        consumer=secret.consumer,
        secret=secret,
        token_hash=sha256_hex(token.encode()),
        expires_at=now + timedelta(seconds=lifetime),
    )
    return token, lifetime


def authenticate_bearer(token: str) -> Consumer:
    found = lookups.bearer(sha256_hex(token.encode()))
    if found is None or found[1] <= timezone.now():
        raise Unauthorised("Mã truy cập không hợp lệ hoặc đã hết hạn.")
    return found[0]


def string_to_sign(method: str, path: str, query: str, timestamp: str, body: bytes) -> bytes:
    """What an HMAC signature covers: method, path, query string, timestamp and body hash."""
    return "\n".join([method.upper(), path, query, timestamp, sha256_hex(body)]).encode()


def sign(key: str, method: str, path: str, query: str, timestamp: str, body: bytes) -> str:
    """The signature a caller puts in X-Lgsp-Signature (used by clients and tests alike)."""
    message = string_to_sign(method, path, query, timestamp, body)
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def authenticate_hmac(
    *, key_id: str, timestamp: str, signature: str, method: str, path: str, query: str, body: bytes
) -> Consumer:
    now = timezone.now()
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise Unauthorised(f"{TIMESTAMP_HEADER} phải là số giây Unix.") from None
    if abs(now.timestamp() - sent_at) > conf.signature_max_age_seconds():
        raise Unauthorised("Chữ ký đã quá hạn: thời điểm ký lệch quá 5 phút so với máy chủ.")
    key = ApiKey.objects.alive(now).select_related("consumer").filter(key_id=key_id).first()
    if key is None or not key.consumer.is_active:
        raise Unauthorised("Khoá API không tồn tại, đã hết hạn hoặc bị thu hồi.")
    plain = conf.fernet().decrypt(key.secret_encrypted.encode()).decode()
    expected = sign(plain, method, path, query, timestamp, body)
    if not hmac.compare_digest(expected, signature.lower()):
        raise Unauthorised("Chữ ký HMAC không đúng.")
    try:
        with transaction.atomic():
            SeenSignature.objects.create(signature_hash=sha256_hex(expected.encode()), seen_at=now)
    except IntegrityError:
        raise Unauthorised("Chữ ký này đã được dùng: yêu cầu bị gửi lặp lại.") from None
    return key.consumer


def forget_expired(now: datetime | None = None) -> int:
    """Delete expired tokens and signatures too old to be replayed; return how many went."""
    now = now or timezone.now()
    tokens, _ = AccessToken.objects.filter(expires_at__lte=now).delete()
    horizon = now - timedelta(seconds=2 * conf.signature_max_age_seconds())
    signatures, _ = SeenSignature.objects.filter(seen_at__lt=horizon).delete()
    return tokens + signatures


def adopt_client_secret(
    consumer: Consumer, plain: str, *, by: audit.Actor = None
) -> tuple[ClientSecret, bool]:
    """Register a secret chosen elsewhere for `consumer` (the demo's, derived from SECRET_KEY
    like the client settings); (secret, created). A secret registered already is left alone."""
    digest = sha256_hex(plain.encode())
    existing = ClientSecret.objects.filter(secret_hash=digest).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        secret = ClientSecret.objects.create(
            consumer=consumer, secret_hash=digest, prefix=plain[:12]
        )
        audit.record(by, "lgsp.secret_issued", consumer, {"prefix": secret.prefix})
    return secret, True
