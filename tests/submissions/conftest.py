"""The submission tests reuse the dossier tests' cast (tests/dossiers/conftest.py): Lan, a citizen
who files the judicial record certificate (its ID card is replaceable by the population
database) online; Hà, officer at the Service Center; Khoa and Nhung of Sở Tư pháp. Added here:
Minh, a post-office clerk who submits on behalf of citizens who are present, and Lan's own
account named by her 12-digit number, as the demo's citizens are.

The national systems answer through `national` (autouse): the LGSP clients patched to answer
from a small in-memory population database and business registry, or to be down. The
integration with the real gateway and the sandbox is in tests/submissions/test_reuse_lgsp.py
and the browser journey."""

from dataclasses import dataclass, field
from datetime import date
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


LAN_NUMBER = "064190001234"


def verify(user: User, number: str = LAN_NUMBER, name: str = "Hồ Thị Lan") -> User:
    """The account's identity as the population database confirmed it (accounts.identity)."""
    user.assurance_level = 2
    user.identity_number = number
    user.identity_name = name
    user.identity_born = date(1990, 4, 2)
    user.save()
    return user


@dataclass
class National:
    """The population database and business registry as the LGSP clients see them."""

    citizens: dict[str, str] = field(default_factory=dict)
    businesses: dict[str, str] = field(default_factory=dict)
    asked: list[tuple[str, str, str]] = field(default_factory=list)
    down: bool = False


@pytest.fixture(autouse=True)
def national(monkeypatch: pytest.MonkeyPatch) -> National:
    from motcua.lgsp.clients import business, errors, population
    from motcua.lgsp.clients.business import BusinessRecord
    from motcua.lgsp.clients.qcvn109 import CitizenRecord

    world = National(
        citizens={LAN_NUMBER: "Hồ Thị Lan"}, businesses={"5800123456": "Công ty TNHH Cà phê Núi"}
    )

    def lookup(id_number: str, *, officer: str, purpose: str) -> CitizenRecord | None:
        if world.down:
            raise errors.ServiceUnavailable.of(
                "Cơ sở dữ liệu quốc gia về dân cư", service=population.LOOKUP
            )
        world.asked.append((id_number, officer, purpose))
        name = world.citizens.get(id_number)
        if name is None:
            return None
        family, middle, given = name.split(" ", 2)
        return CitizenRecord(
            id_number=id_number,
            family=family,
            middle=middle,
            given=given,
            full_name=name,
            sex=2,
            born=date(1990, 4, 2),
            ethnicity="Kinh",
            permanent_address="Thôn 3, xã Ia Grai, tỉnh Gia Lai",
            unit_code="23947",
            withheld=frozenset(),
            message_id=f"MSG-DC-{len(world.asked)}",
        )

    def lookup_business(code: str) -> BusinessRecord | None:
        if world.down:
            raise errors.ServiceUnavailable.of("CSDL DKDN", service=business.LOOKUP)
        world.asked.append((code, "", ""))
        name = world.businesses.get(code)
        if name is None:
            return None
        return BusinessRecord(
            code=code,
            name=name,
            kind="Công ty TNHH một thành viên",
            address="18 Nguyễn Huệ, phường Quy Nhơn, tỉnh Gia Lai",
            representative="Trần Quốc Huy",
            representative_id="052200004321",
            registered_on=date(2024, 5, 1),
            status="Đang hoạt động",
            message_id=f"MSG-DN-{len(world.asked)}",
        )

    monkeypatch.setattr(population, "lookup", lookup)
    monkeypatch.setattr(business, "lookup", lookup_business)
    return world


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
    return cast.lltp.components.get(replaced_by="CSDLQG_DAN_CU")


def ready_draft(cast: Cast, owner: User | None = None, **changes: Any) -> Draft:  # noqa: F811
    """A draft of Lan's with every page filled in and the ID card replaced by national data
    (her identity verified first: the lookup is about the verified number)."""
    if owner is None:
        verify(cast.lan)
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
