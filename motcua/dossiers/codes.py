"""Dossier codes (Circular 01/2018 Art. 19, DOMAIN.md §5) and submission references.

`<agency identifier>-<YYMMDD>-<XXXX>`: the receiving agency's identifier, the local date of
reception and a 4-digit sequence per agency and day. Numbers are taken under the row lock of the
day's counter, so two officials receiving at the same instant never get the same number, and a
number once taken is never reused (a rolled-back reception gives its number back with the
transaction, which is fine: it was never shown to anyone).
"""

import secrets
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from motcua.core.errors import DomainError
from motcua.org.models import Agency

from .models import DailySequence

MAX_PER_DAY = 9999
# No vowels and no look-alikes (0/O, 1/I/L): a reference read aloud over the phone survives.
_REFERENCE_ALPHABET = "23456789BCDFGHJKMNPQRSTVWXYZ"


class SequenceExhausted(DomainError):
    code = "sequence_exhausted"
    status = 409
    message = "Cơ quan đã tiếp nhận 9.999 hồ sơ trong ngày: không thể cấp thêm mã hồ sơ."


def next_code(agency: Agency, received_at: datetime) -> str:
    """The next dossier code of `agency` for the local day of `received_at`."""
    day = timezone.localtime(received_at).date()
    with transaction.atomic():
        if not DailySequence.objects.filter(agency=agency, day=day).exists():
            try:
                with transaction.atomic():
                    DailySequence.objects.create(agency=agency, day=day, last=0)
            except IntegrityError:
                pass  # another reception created today's counter first
        DailySequence.objects.filter(agency=agency, day=day).update(last=F("last") + 1)
        number = DailySequence.objects.select_for_update().get(agency=agency, day=day).last
    if number > MAX_PER_DAY:
        raise SequenceExhausted()
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"


def new_reference(submitted_at: datetime) -> str:
    """A provisional number for an online submission not yet received: unguessable, short."""
    day = timezone.localtime(submitted_at).date()
    suffix = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))
    return f"NOP-{day:%y%m%d}-{suffix}"
