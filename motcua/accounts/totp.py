"""Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): 6 digits, 30-second steps,
HMAC-SHA1, which is what every authenticator app expects."""

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

PERIOD = 30
DIGITS = 6
# One step either side: a phone clock a little off, or a code typed as it changed.
DRIFT_STEPS = 1


def new_secret() -> str:
    """160 random bits in base32 (RFC 4226 recommends 160), without padding."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def step_at(timestamp: float) -> int:
    return int(timestamp // PERIOD)


def hotp(secret: str, counter: int) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**DIGITS:0{DIGITS}d}"


def code_at(secret: str, timestamp: float) -> str:
    return hotp(secret, step_at(timestamp))


def matching_step(
    secret: str, code: str, *, after_step: int = 0, timestamp: float | None = None
) -> int | None:
    """The time step `code` belongs to, if it is within the drift and later than `after_step`
    (a step already used is refused: a code seen over a shoulder cannot be replayed)."""
    typed = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(typed) != DIGITS:
        return None
    now = step_at(time.time() if timestamp is None else timestamp)
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if step > after_step and hmac.compare_digest(hotp(secret, step), typed):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    label = quote(f"{issuer}:{account}")
    query = urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS, "period": PERIOD})
    return f"otpauth://totp/{label}?{query}"
