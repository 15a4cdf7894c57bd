"""Papers the state already holds, taken from it instead of uploaded (Decree 45/2020 Art. 14;
issue 6 item 2).

A component the catalog marks as replaceable is fetched at submission, through the LGSP, when
the applicant consented: the population database for an ID paper, the business registry for an
enterprise's registration. The lookup is about the applicant, so it needs an identity the
national system confirmed (an account's verified number or verified enterprise code): a number
someone typed into a form must never unlock another person's record. Sources without a client
yet (social insurance, civil status, judicial records) keep the consent, and the officer looks
them up at reception. An earlier electronic result is one of the applicant's own returned
results, picked from a list.

Lookups wait on other systems: they run before the submission's transaction, and a failure
leaves the draft as it was.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.catalog.models import Component
from motcua.core import audit
from motcua.core.errors import DomainError
from motcua.dossiers.models import Attachment, Status

from .models import Draft

Source = Component.Source
# Fetched at submission through a typed LGSP client.
FETCHED = (Source.POPULATION, Source.BUSINESS)
# No client yet: consent recorded, the officer looks the record up at reception.
AT_RECEPTION = (Source.SOCIAL_INSURANCE, Source.CIVIL_STATUS, Source.JUDICIAL_RECORDS)
# Who asks and why, as the population database logs every lookup (DOMAIN.md §6).
OFFICER = "cổng dịch vụ công"
PURPOSE = "giải quyết thủ tục hành chính theo hồ sơ nộp trực tuyến"


class ReuseUnavailable(DomainError):
    """The national system did not answer, or has no record: the draft stays, nothing is lost."""

    code = "reuse_unavailable"
    status = 503
    message = "Chưa lấy được dữ liệu từ cơ sở dữ liệu quốc gia."


@dataclass(frozen=True)
class Fetched:
    """What a lookup brought back for one component: the exchange's id and a short summary."""

    component_id: int
    source: str
    reference: str
    summary: tuple[tuple[str, str], ...]


# --- Who the record is about ---------------------------------------------------------------


def subject(draft: Draft) -> User | None:
    """The account whose verified identity the lookups use: the owner, or for an assisted
    submission the present citizen's own verified account (found by that number only)."""
    if not draft.on_behalf:
        return draft.owner
    number = (draft.applicant or {}).get("id_number", "")
    if not number:
        return None
    return User.objects.filter(identity_number=number, is_active=True).first()


def _organisation_code(user: User | None) -> str:
    if user is None or user.organisation_verified_at is None:
        return ""
    return user.organisation_code


def earlier_results(draft: Draft) -> QuerySet[Attachment]:
    """The applicant's own results, returned to them, that may stand in for a paper. Only on
    the applicant's own submission: a helper at a desk does not browse someone's results."""
    if draft.on_behalf:
        return Attachment.objects.none()
    return (
        Attachment.objects.filter(
            kind=Attachment.Kind.RESULT,
            dossier__applicant_user=draft.owner,
            dossier__status=Status.RETURNED,
        )
        .select_related("dossier__procedure")
        .order_by("-uploaded_at", "-id")
    )


def blocked_reason(draft: Draft, component: Component) -> str:
    """Why this component cannot be replaced for this draft, in plain words ("" when it can)."""
    source = component.replaced_by
    person = subject(draft)
    if source == Source.POPULATION and (person is None or not person.identity_verified):
        if draft.on_behalf:
            return _(
                "Người dân chưa có tài khoản đã xác thực định danh, nên hệ thống chưa được lấy "
                "giấy tờ này từ cơ sở dữ liệu quốc gia về dân cư. Vui lòng tải bản quét lên."
            )
        return _(
            "Tài khoản của bạn chưa xác thực định danh, nên hệ thống chưa biết chắc số định danh "
            "là của bạn và không thể lấy giấy tờ này từ cơ sở dữ liệu quốc gia về dân cư. Vui "
            "lòng tải bản quét lên, hoặc xác thực tài khoản để lần sau không phải nộp."
        )
    if source == Source.BUSINESS and not _organisation_code(person):
        return _(
            "Tài khoản chưa được xác thực là của doanh nghiệp, nên hệ thống không thể lấy giấy "
            "tờ này từ cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp. Vui lòng tải bản quét lên."
        )
    if source == Source.EARLIER_RESULT and not earlier_results(draft).exists():
        return _(
            "Bạn chưa có kết quả điện tử nào đã nhận trên cổng để dùng lại. Vui lòng tải bản "
            "quét lên."
        )
    return ""


def at_reception(component: Component) -> bool:
    return component.replaced_by in AT_RECEPTION


# --- Fetching at submission ------------------------------------------------------------------


def fetch(draft: Draft, components: list[Component], *, by: User) -> list[Fetched]:
    """Look up, through the LGSP, every consented component that a client can fetch; one
    lookup per source. Each lookup is audited as a read of the person's data."""
    from motcua.lgsp.clients import errors

    wanted = [c for c in components if c.replaced_by in FETCHED and str(c.pk) in draft.consents]
    found: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {}
    fetched = []
    for component in wanted:
        source = component.replaced_by
        if source not in found:
            try:
                found[source] = _lookup(draft, source, by=by)
            except errors.LgspError as exc:
                raise ReuseUnavailable(
                    _(
                        "%(problem)s Hồ sơ nháp của bạn vẫn được lưu: vui lòng bấm «Nộp hồ sơ» "
                        "lại sau ít phút, hoặc tải bản quét «%(paper)s» lên thay."
                    )
                    % {"problem": exc.message, "paper": component.name}
                ) from exc
        reference, summary = found[source]
        fetched.append(Fetched(component.pk, source, reference, summary))
    return fetched


def _lookup(draft: Draft, source: str, *, by: User) -> tuple[str, tuple[tuple[str, str], ...]]:
    from motcua.lgsp.clients import business, population

    person = subject(draft)
    assert person is not None  # blocked_reason() refused the consent otherwise
    purpose = f"{PURPOSE}: {draft.procedure.name}"[:300]
    if source == Source.POPULATION:
        number = person.identity_number or ""
        citizen = population.lookup(number, officer=OFFICER, purpose=purpose)
        if citizen is None:
            raise ReuseUnavailable(_not_found(Source.POPULATION))
        summary = (
            ("Họ và tên", _shared(citizen.full_name, "HoVaTen" in citizen.withheld)),
            ("Số định danh cá nhân", citizen.id_number),
            (
                "Nơi thường trú",
                _shared(citizen.permanent_address, "ThuongTru" in citizen.withheld),
            ),
        )
        reference, fields = citizen.message_id, ["full_name", "id_number", "permanent_address"]
    else:
        code = _organisation_code(person)
        enterprise = business.lookup(code)
        if enterprise is None:
            raise ReuseUnavailable(_not_found(Source.BUSINESS))
        summary = (
            ("Tên doanh nghiệp", enterprise.name),
            ("Mã số doanh nghiệp", enterprise.code),
            ("Địa chỉ trụ sở", enterprise.address),
        )
        reference, fields = enterprise.message_id, ["name", "code", "address"]
    audit.record(
        by,
        audit.PERSONAL_DATA_READ,
        target=person,
        details={
            "fields": fields,
            "purpose": purpose,
            "source": source,
            "message_id": reference,
            "draft": draft.pk,
        },
    )
    return reference, summary


def _shared(value: str, withheld: bool) -> str:
    # Stored with the dossier and read by officers: the record's language, not the visitor's.
    return "không được chia sẻ" if withheld else value


def _not_found(source: str) -> str:
    return _(
        "%(system)s không có thông tin về bạn. Hồ sơ nháp của bạn vẫn được lưu: vui lòng tải "
        "bản quét giấy tờ lên thay."
    ) % {"system": Source(source).label}
