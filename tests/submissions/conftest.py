"""The submission tests reuse the dossier tests' cast (tests/dossiers/conftest.py): Lan, a citizen
who files the judicial record certificate (its ID card is replaceable by the population
database) online; Hà, officer at the Service Center; Khoa and Nhung of Sở Tư pháp. Added here:
Minh, a post-office clerk who submits on behalf of citizens who are present, and Lan's own
account named by her 12-digit number, as the demo's citizens are."""

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import Component
from motcua.org.models import Role, StaffAssignment
from motcua.submissions import drafts
from motcua.submissions.models import Draft
from tests.dossiers.conftest import LAN, Cast, cast, lan_applicant, local  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def minh(cast: Cast) -> User:  # noqa: F811
    clerk = User.objects.create_user(
        username="minh.buudien", password="not-used", full_name="Phan Văn Minh"
    )
    StaffAssignment.objects.create(
        user=clerk, agency=cast.center, role=Role.objects.get(code="assisted_submitter")
    )
    return clerk


@pytest.fixture(autouse=True)
def _a_paper_to_upload(cast: Cast) -> None:  # noqa: F811
    # The cast's declaration (tờ khai) is filled online in the wizard's form step; this paper
    # is one only the applicant can hand in.
    Component.objects.create(
        procedure=cast.lltp, order=3, name="Giấy xác nhận của cơ quan đề nghị cấp Phiếu"
    )


def paper(cast: Cast) -> Component:  # noqa: F811
    return cast.lltp.components.get(order=3)


def declaration(cast: Cast) -> Component:  # noqa: F811
    return cast.lltp.components.get(order=1)


def id_card(cast: Cast) -> Component:  # noqa: F811
    return cast.lltp.components.exclude(replaced_by="").get()


def ready_draft(cast: Cast, owner: User | None = None, **changes: Any) -> Draft:  # noqa: F811
    """A draft of Lan's with every page filled in and the ID card replaced by national data."""
    draft = drafts.start(cast.lltp, owner=owner or cast.lan)
    drafts.save_applicant(
        draft,
        values={k: LAN[k] for k in drafts.APPLICANT_FIELDS},
        agency_id=str(cast.center.pk),
        consent=False,
    )
    drafts.save_form(draft, data={"purpose": "Bổ sung hồ sơ xin việc"})
    drafts.add_file(draft, paper(cast), ContentFile(PDF, name="to-khai.pdf"), by=draft.owner)
    drafts.save_papers(draft, consents={id_card(cast).pk}, files={}, by=draft.owner)
    drafts.save_return(draft, method="desk", address="")
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save()
    return draft
