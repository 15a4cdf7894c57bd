"""The national public service portal (Cổng Dịch vụ công quốc gia): dossier sync (DongBoHoSoMC).

The message itself is built by motcua.lgsp.portal_sync from the dossier; this only sends it.
"""

from typing import Any

from django.utils.translation import gettext

from . import transport
from .errors import InvalidRequest

SYNC = "dvcqg/dong-bo-ho-so"


def _label() -> str:
    return gettext("Cổng Dịch vụ công quốc gia")


def sync_dossier(payload: dict[str, Any], *, idempotency_key: str = "") -> None:
    """Send one DongBoHoSoMC message; return once the portal acknowledged it (error_code 0).

    `idempotency_key` (the outbox event's key) travels as the Idempotency-Key header, for a
    receiver that honours it; the portal itself takes a resent MaHoSo as an update.
    """
    headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
    answer = transport.call(SYNC, label=_label(), json=payload, headers=headers)
    try:
        data = answer.json()
    except ValueError:
        data = {}
    # The portal answers 200 with {"error_code": ..., "message": ...}: only 0 is an
    # acknowledgement (reference/vn-standards.md §8.2).
    if not isinstance(data, dict) or str(data.get("error_code")) != "0":
        detail = data.get("message") if isinstance(data, dict) else None
        raise InvalidRequest.of(
            _label(), service=SYNC, detail=str(detail or f"không xác nhận: {answer.text[:200]}")
        )
