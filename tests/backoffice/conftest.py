"""The back-office tests reuse the dossier tests' cast (tests/dossiers/conftest.py): Hà, officer
at the Service Center; Khoa and Nhung, specialist and leader of Sở Tư pháp; Bảo and Tùng of Sở
Xây dựng; Lan, a citizen."""

from datetime import datetime
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier, ReturnMethod
from tests.dossiers.conftest import LAN, Cast, cast, lan_applicant, local  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def logged_in(user: User, *, enforce_csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(user)
    return client


def submit(
    cast: Cast,  # noqa: F811
    *,
    at: datetime | None = None,
    name: str = LAN["name"],
    building: bool = False,
) -> Dossier:
    """Lan (or someone named `name`) submits online to the Service Center."""
    applicant: dict[str, Any] = {**LAN, "name": name}
    return lifecycle.submit_online(
        cast.building if building else cast.lltp,
        applicant=applicant,
        form_data={} if building else {"purpose": "Bổ sung hồ sơ xin việc"},
        by=cast.lan,
        receiving_agency=cast.center,
        return_method=ReturnMethod.DESK,
        at=at,
    )


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> None:
    # Uploaded scans and slips land in a throw-away folder, not in var/media.
    settings.MEDIA_ROOT = tmp_path / "media"
