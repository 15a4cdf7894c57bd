"""The reports' cast: the dossier tests' Gia Lai agencies and procedures (tests/dossiers/conftest),
plus procedures that test the online ratio's rules, and a helper writing dossiers straight
through the ORM: reports read data, they need no life cycle.

Procedures (level / class / provider in today's catalog):
- lltp, Phiếu lý lịch tư pháp: level 4, full, province (from the dossier cast);
- building, giấy phép xây dựng: level 3, partial, province (from the dossier cast);
- copy_cert, chứng thực bản sao: level 2, not online (desk only);
- household, đăng ký thường trú: level 3, partial, province;
- passport, cấp hộ chiếu: level 4, full, provided by a central ministry's system;
- new_partial, a procedure published after Decree 42 with a class but legacy level 2.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from django.core.cache import cache

from motcua.catalog.models import Field, Procedure
from motcua.dossiers.models import Channel, Dossier, Status
from tests.dossiers.conftest import Cast, cast, lan_applicant, local

__all__ = ["Cast", "Procedures", "cast", "lan_applicant", "local", "make_dossier"]


@dataclass
class Procedures:
    lltp: Procedure
    building: Procedure
    copy_cert: Procedure
    household: Procedure
    passport: Procedure
    new_partial: Procedure


@pytest.fixture
def procedures(cast: Cast) -> Procedures:
    general = Field.objects.create(code="H21-CT", name="Chứng thực")

    def procedure(code: str, name: str, level: int, online: str, provider: str) -> Procedure:
        return Procedure.objects.create(
            code=code,
            name=name,
            field=general,
            level=Procedure.Level.PROVINCE,
            time_limit=5,
            legacy_level=level,
            online_class=online,
            online_provider=provider,
        )

    province, central = Procedure.OnlineProvider.PROVINCE, Procedure.OnlineProvider.CENTRAL
    return Procedures(
        lltp=cast.lltp,
        building=cast.building,
        copy_cert=procedure("2.000815", "Chứng thực bản sao từ bản chính", 2, "", province),
        household=procedure("1.004194", "Đăng ký thường trú", 3, "partial", province),
        passport=procedure("2.002176", "Cấp hộ chiếu phổ thông", 4, "full", central),
        new_partial=procedure("1.012345", "Thủ tục mới công bố", 2, "partial", province),
    )


@pytest.fixture(autouse=True)
def _no_rate_limit_carry_over():
    # The limiter counts in the local-memory cache: one test's calls must not limit the next.
    cache.clear()
    yield
    cache.clear()


_serial = {"n": 0}


def snapshot_of(procedure: Procedure, **overrides: Any) -> dict[str, Any]:
    return {
        "code": procedure.code,
        "name": procedure.name,
        "legacy_level": procedure.legacy_level,
        "online_class": procedure.online_class,
        "online_provider": procedure.online_provider,
        "time_limit": procedure.time_limit,
        "time_limit_unit": procedure.time_limit_unit,
        **overrides,
    }


def make_dossier(
    procedure: Procedure,
    agency: Any,
    *,
    channel: int = Channel.DESK,
    received: datetime | None,
    submitted: datetime | None = None,
    status: str = Status.PROCESSING,
    due: datetime | None = None,
    finished: datetime | None = None,
    returned: datetime | None = None,
    origin: Dossier | None = None,
    snapshot: dict[str, Any] | None = None,
    imported: bool = False,
    supplement_requests: int = 0,
) -> Dossier:
    """A dossier as the life cycle or the history import would have left it."""
    _serial["n"] += 1
    n = _serial["n"]
    return Dossier.objects.create(
        reference=f"NOP-000000-{n:06d}",
        code=f"{agency.code}-000000-{n:04d}" if received is not None else None,
        procedure=procedure,
        status=status,
        channel=channel,
        procedure_snapshot=snapshot if snapshot is not None else snapshot_of(procedure),
        applicant_name="Hồ Thị Lan",
        receiving_agency=agency,
        current_agency=agency,
        origin=origin,
        submitted_at=submitted or received,
        received_at=received,
        counted_from=received,
        due_at=due,
        original_due_at=due,
        finished_at=finished,
        returned_at=returned,
        imported=imported,
        supplement_requests=supplement_requests,
    )


# The slice-1 datasets, shared with test_aggregates (which asks them everything twice). Imported
# last: those modules import this one.
from .test_online_rate import year  # noqa: E402
from .test_period_and_on_time import autumn  # noqa: E402

__all__ += ["autumn", "year"]
