"""Drafts: a submission built page by page on the server, then handed to dossiers.lifecycle.

Every page of the wizard saves what was typed, valid or not, so nothing is lost to a back button,
a dropped connection or a change of phone; the checks say what is still wrong, page by page, and
`submit` runs all of them again before the dossier is made. Files arrive whole (a plain form) or
in chunks (upload.js), and are checked by content before they count.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.form_input import form_errors, id_number_error, own_fields
from motcua.catalog.models import Component, Procedure
from motcua.core import audit, text
from motcua.core.errors import DomainError
from motcua.dossiers import lifecycle, uploads
from motcua.dossiers.errors import NotPermitted, ProcedureNotOnline
from motcua.dossiers.models import Attachment, Dossier, DossierComponent, ReturnMethod
from motcua.org.access import has_capability
from motcua.org.models import Agency

from . import reuse
from .models import Draft, DraftFile, ReturnAddress, ReusedRecord, Step

APPLICANT_FIELDS = ("name", "id_number", "phone", "email", "address")
# The largest piece upload.js may send at once (it sends 512 KB); a request body above Django's
# DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) would be refused before reaching us anyway.
MAX_CHUNK_BYTES = 1024 * 1024
MIN_ADDRESS_LENGTH = 10


class DraftIncomplete(DomainError):
    code = "draft_incomplete"
    status = 422
    message = "Hồ sơ chưa đủ thông tin để nộp: vui lòng hoàn thành các mục được đánh dấu."

    def __init__(self, problems: dict[str, dict[str, str]]) -> None:
        super().__init__()
        self.problems = problems
        self.first_step = next(step for step in Step if step.value in problems)


class OffsetMismatch(DomainError):
    """A chunk that does not start where the file stands: the browser resumes from `received`."""

    code = "offset_mismatch"
    status = 409
    message = "Phần tệp gửi lên không khớp vị trí đã nhận; tiếp tục từ vị trí máy chủ đã có."

    def __init__(self, received: int) -> None:
        super().__init__()
        self.received = received


# --- Reading a procedure for the wizard --------------------------------------------------------


def receiving_agencies(procedure: Procedure) -> list[Agency]:
    # Catalog: no receiving agency listed means the implementing agency's own desk.
    listed = list(procedure.receiving_agencies.current().order_by("name"))
    return listed or list(procedure.agencies.current().order_by("name"))


def return_methods(procedure: Procedure) -> list[ReturnMethod]:
    """How the result may come back: at the desk always; online only for a full online service
    (Decree 42/2022, DOMAIN.md §7); by post where the catalog allows it."""
    methods = [ReturnMethod.DESK]
    if procedure.online_class == Procedure.OnlineClass.FULL:
        methods.insert(0, ReturnMethod.ONLINE)
    if procedure.postal_return:
        methods.append(ReturnMethod.POSTAL)
    return methods


def identity_verified(user: User) -> bool:
    """Whether the account's identity was confirmed by the population database or VNeID
    (assurance level 2 or more). An unverified account's applicant details stay editable."""
    return user.identity_verified


# What a verified identity fixes in the applicant block: the person cannot type another.
VERIFIED_FIELDS = ("name", "id_number")


def may_submit_on_behalf(user: User) -> bool:
    return has_capability(user, "dossier.submit_on_behalf")


def _prefill(user: User) -> dict[str, str]:
    if identity_verified(user):
        name, id_number = user.identity_name or user.full_name, user.identity_number or ""
    else:
        name, id_number = user.full_name or user.get_full_name(), ""
    return {
        "name": name,
        "id_number": id_number,
        "phone": user.phone or "",
        "email": user.email,
        "address": "",
    }


# --- Starting, finding, discarding ---------------------------------------------------------------


def start(procedure: Procedure, *, owner: User, on_behalf: bool = False) -> Draft:
    if not procedure.is_published or not procedure.is_online:
        raise ProcedureNotOnline(
            f"Thủ tục «{procedure.name}» chưa cung cấp dịch vụ công trực tuyến: vui lòng nộp hồ "
            "sơ tại bộ phận một cửa."
        )
    if on_behalf and not may_submit_on_behalf(owner):
        raise NotPermitted("Bạn không có quyền nộp hồ sơ thay người dân.")
    agencies = receiving_agencies(procedure)
    methods = return_methods(procedure)
    with transaction.atomic():
        draft = Draft.objects.create(
            owner=owner,
            procedure=procedure,
            on_behalf=on_behalf,
            applicant={} if on_behalf else _prefill(owner),
            receiving_agency=agencies[0] if len(agencies) == 1 else None,
            return_method=methods[0] if len(methods) == 1 else "",
        )
        audit.record(
            owner,
            "draft.created",
            target=draft,
            details={"procedure": procedure.code, "on_behalf": on_behalf},
        )
    return draft


def own_draft(owner: User, procedure: Procedure) -> Draft | None:
    """The owner's own (not on-behalf) draft of this procedure, to continue it."""
    return (
        Draft.objects.filter(owner=owner, procedure=procedure, on_behalf=False)
        .order_by("-updated_at")
        .first()
    )


def discard(draft: Draft, *, by: User | None) -> None:
    """Delete a draft and its files (abandoned, submitted or stale; `by` None: the system)."""
    names = [name for f in draft.files.all() for name in _storage_names(f)]
    with transaction.atomic():
        audit.record(by, "draft.discarded", target=draft, details={"files": len(names)})
        draft.delete()
        transaction.on_commit(lambda: _delete_stored(names))


def purge_stale(*, now: datetime | None = None) -> int:
    """Discard drafts nobody touched for DRAFT_MAX_AGE_DAYS; say how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.DRAFT_MAX_AGE_DAYS)
    stale = list(Draft.objects.filter(updated_at__lt=cutoff).prefetch_related("files"))
    for draft in stale:
        discard(draft, by=None)
    return len(stale)


def _storage_names(draft_file: DraftFile) -> list[str]:
    names = [name for _, name in draft_file.chunks]
    if draft_file.file:
        names.append(draft_file.file.name)
    return names


def _delete_stored(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _touch(draft: Draft, *, step: Step | None = None) -> None:
    if step is not None:
        draft.step = step
    draft.save()


# --- The pages: save what was typed, say what is wrong ------------------------------------------


def applicant_errors(draft: Draft) -> dict[str, str]:
    data = {f"applicant_{k}": v for k, v in draft.applicant.items() if v}
    names = [f"applicant_{k}" for k in APPLICANT_FIELDS]
    errors = form_errors(draft.procedure, data, names)
    id_number = draft.applicant.get("id_number", "")
    problem = id_number_error(id_number) if id_number else ""
    if problem and "applicant_id_number" not in errors:
        errors["applicant_id_number"] = problem
    if draft.receiving_agency_id is None or draft.receiving_agency_id not in {
        a.pk for a in receiving_agencies(draft.procedure)
    }:
        errors["receiving_agency"] = "Vui lòng chọn nơi nộp hồ sơ."
    if draft.on_behalf and draft.consent_at is None:
        errors["consent"] = (
            "Vui lòng xác nhận người dân đã đồng ý cho bạn nộp hồ sơ thay và khai thác dữ liệu "
            "của họ."
        )
    return errors


def save_applicant(
    draft: Draft, *, values: dict[str, str], agency_id: str, consent: bool
) -> dict[str, str]:
    draft.applicant = {k: values.get(k, "").strip() for k in APPLICANT_FIELDS}
    if not draft.on_behalf and identity_verified(draft.owner):
        draft.applicant.update({k: _prefill(draft.owner)[k] for k in VERIFIED_FIELDS})
    agencies = {str(a.pk): a for a in receiving_agencies(draft.procedure)}
    if agency_id in agencies:
        draft.receiving_agency = agencies[agency_id]
    if draft.on_behalf:
        # Consent is recorded when it is first given, and withdrawn if the box is unticked.
        draft.consent_at = (draft.consent_at or timezone.now()) if consent else None
    errors = applicant_errors(draft)
    _touch(draft, step=Step.APPLICANT if errors else Step.FORM)
    return errors


def form_step_errors(draft: Draft) -> dict[str, str]:
    names = [f.name for f in own_fields(draft.procedure)]
    return form_errors(draft.procedure, dict(draft.form_data), names)


def save_form(draft: Draft, *, data: dict[str, Any]) -> dict[str, str]:
    draft.form_data = data
    errors = form_step_errors(draft)
    _touch(draft, step=Step.FORM if errors else Step.PAPERS)
    return errors


def is_declared_online(component: Component, procedure: Procedure) -> bool:
    """The procedure's declaration form (tờ khai) when the wizard's form step asks for it: the
    electronic form replaces the paper one (Decree 45/2020 Art. 9), so it is not uploaded."""
    own = (procedure.form_schema or {}).get("properties")
    return bool(own) and text.fold(component.name).startswith("to khai")


def papers_errors(draft: Draft) -> dict[str, str]:
    have = set(draft.files.filter(complete=True).values_list("component_id", flat=True))
    errors = {}
    for component in draft.procedure.components.all():
        if not component.required or component.pk in have:
            continue
        if is_declared_online(component, draft.procedure):
            continue
        if replaceable(draft, component) and str(component.pk) in draft.consents:
            continue
        if replaceable(draft, component):
            errors[f"component_{component.pk}"] = (
                "Vui lòng chọn kết quả đã cấp trước đó để dùng lại, hoặc tải bản quét lên."
                if component.replaced_by == Component.Source.EARLIER_RESULT
                else "Vui lòng đồng ý cho cơ quan lấy giấy tờ này từ cơ sở dữ liệu, hoặc tải "
                "bản quét lên."
            )
        else:
            errors[f"component_{component.pk}"] = "Vui lòng tải lên giấy tờ bắt buộc này."
    return errors


def replaceable(draft: Draft, component: Component) -> bool:
    """Whether data may stand in for this paper in this draft (see reuse.blocked_reason)."""
    return bool(component.replaced_by) and not reuse.blocked_reason(draft, component)


def save_papers(
    draft: Draft,
    *,
    consents: set[int],
    files: Mapping[int, Sequence[File]],
    by: User,
    earlier: Mapping[int, int] | None = None,
) -> dict[str, str]:
    """The consent boxes, the earlier results picked, and any files sent with the plain form
    (no JavaScript)."""
    now = timezone.now().isoformat()
    replaceable_now = {c.pk: c for c in draft.procedure.components.all() if replaceable(draft, c)}
    # An earlier result counts only if it is one of the applicant's own returned results.
    own_results = set(reuse.earlier_results(draft).values_list("pk", flat=True))
    picked = {
        pk: result
        for pk, result in (earlier or {}).items()
        if pk in replaceable_now
        and replaceable_now[pk].replaced_by == Component.Source.EARLIER_RESULT
        and result in own_results
    }
    consented = {
        pk
        for pk in consents
        if pk in replaceable_now
        and replaceable_now[pk].replaced_by != Component.Source.EARLIER_RESULT
    } | set(picked)
    draft.consents = {str(pk): draft.consents.get(str(pk), now) for pk in sorted(consented)}
    draft.earlier_results = {str(pk): result for pk, result in sorted(picked.items())}
    errors: dict[str, str] = {}
    components = {c.pk: c for c in draft.procedure.components.all()}
    for component_id, sent in files.items():
        component = components.get(component_id)
        if component is None:
            continue
        for upload in sent:
            try:
                add_file(draft, component, upload, by=by)
            except uploads.UploadRejected as rejected:
                errors[f"component_{component_id}"] = rejected.message
    errors = {**papers_errors(draft), **errors}
    _touch(draft, step=Step.PAPERS if errors else Step.RETURN)
    return errors


def return_errors(draft: Draft) -> dict[str, str]:
    methods = return_methods(draft.procedure)
    if draft.return_method not in methods:
        return {"return_method": "Vui lòng chọn cách nhận kết quả."}
    if (
        draft.return_method == ReturnMethod.POSTAL
        and len(draft.return_address.strip()) < MIN_ADDRESS_LENGTH
    ):
        return {
            "return_address": "Vui lòng ghi đủ địa chỉ nhận kết quả qua bưu điện: số nhà, "
            "đường hoặc thôn, xã hoặc phường."
        }
    return {}


def save_return(draft: Draft, *, method: str, address: str) -> dict[str, str]:
    draft.return_method = method if method in ReturnMethod.values else ""
    draft.return_address = address.strip()[:500]
    errors = return_errors(draft)
    _touch(draft, step=Step.RETURN if errors else Step.FEES)
    return errors


def confirm_fees(draft: Draft) -> None:
    _touch(draft, step=Step.REVIEW)


def problems(draft: Draft) -> dict[str, dict[str, str]]:
    """Everything still wrong, page by page (only pages with a problem appear)."""
    found = {
        Step.APPLICANT.value: applicant_errors(draft),
        Step.FORM.value: form_step_errors(draft),
        Step.PAPERS.value: papers_errors(draft),
        Step.RETURN.value: return_errors(draft),
    }
    return {step: errors for step, errors in found.items() if errors}


# --- Files ----------------------------------------------------------------------------------------


def add_file(draft: Draft, component: Component, upload: File, *, by: User) -> DraftFile:
    """A whole file sent by the plain form: checked, photos cleaned, kept with the draft."""
    _check_component(draft, component)
    cleaned, (content_type, _extension) = uploads.cleaned_upload(upload)
    with transaction.atomic():
        draft_file = DraftFile(
            draft=draft,
            component=component,
            title=uploads.display_title(upload.name),
            size=cleaned.size or 0,
            received=cleaned.size or 0,
            complete=True,
            content_type=content_type,
        )
        draft_file.file.save("part", cleaned, save=False)
        draft_file.save()
        _audit_file(draft_file, by=by)
        draft.save(update_fields=["updated_at"])
    return draft_file


def begin_upload(
    draft: Draft, component: Component, *, name: str, size: int, by: User
) -> DraftFile:
    """Announce a file that will arrive in chunks: its size is checked before any byte moves."""
    _check_component(draft, component)
    title = uploads.display_title(name)
    uploads.check_size(size, title)
    draft_file = DraftFile.objects.create(draft=draft, component=component, title=title, size=size)
    draft.save(update_fields=["updated_at"])
    return draft_file


def append_chunk(draft_file: DraftFile, *, offset: int, data: bytes, by: User) -> DraftFile:
    """Add the piece that starts at `offset`; the last one completes and checks the file.

    A piece that does not start at the received length raises OffsetMismatch carrying that
    length, so a browser that lost an answer resumes exactly where the server stands.
    """
    if not data:
        raise uploads.UploadRejected("Phần tệp gửi lên rỗng.")
    if len(data) > MAX_CHUNK_BYTES:
        raise uploads.UploadRejected("Phần tệp gửi lên quá lớn.")
    with transaction.atomic():
        # Lock the row: a retried request may arrive while the first one is still writing.
        locked = DraftFile.objects.select_for_update().get(pk=draft_file.pk)
        if locked.complete or offset != locked.received:
            raise OffsetMismatch(locked.received)
        if offset + len(data) > locked.size:
            raise uploads.UploadRejected(
                f"Tệp «{locked.title}» dài hơn kích thước đã báo: hãy chọn lại tệp."
            )
        if offset == 0:
            # A renamed executable is refused at its first piece, not after 10 MB.
            uploads.sniff(data[:16], locked.title)
        name = default_storage.save(
            f"drafts/{locked.draft_id}/{locked.pk}-{offset:012d}.chunk", ContentFile(data)
        )
        locked.chunks = [*locked.chunks, [offset, name]]
        locked.received = offset + len(data)
        locked.save(update_fields=["chunks", "received"])
        Draft.objects.filter(pk=locked.draft_id).update(updated_at=timezone.now())
    if locked.received == locked.size:
        _assemble(locked, by=by)
    return locked


def _assemble(draft_file: DraftFile, *, by: User) -> None:
    names = [name for _, name in sorted(draft_file.chunks)]
    data = b"".join(_read(name) for name in names)
    try:
        cleaned, (content_type, _extension) = uploads.cleaned_upload(
            ContentFile(data, name=draft_file.title)
        )
    except uploads.UploadRejected:
        draft_file.delete()
        _delete_stored(names)
        raise
    with transaction.atomic():
        draft_file.file.save("part", cleaned, save=False)
        draft_file.content_type = content_type
        draft_file.complete = True
        draft_file.chunks = []
        draft_file.save()
        _audit_file(draft_file, by=by)
        transaction.on_commit(lambda: _delete_stored(names))


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        content: bytes = handle.read()
    return content


def remove_file(draft_file: DraftFile, *, by: User) -> None:
    names = _storage_names(draft_file)
    with transaction.atomic():
        audit.record(
            by,
            "draft.file_removed",
            target=draft_file.draft,
            details={"component": draft_file.component.name, "title": draft_file.title},
        )
        draft_file.delete()
        transaction.on_commit(lambda: _delete_stored(names))


def _check_component(draft: Draft, component: Component) -> None:
    if component.procedure_id != draft.procedure_id:
        raise uploads.UploadRejected("Giấy tờ được chọn không thuộc thủ tục này.")


def _audit_file(draft_file: DraftFile, *, by: User) -> None:
    audit.record(
        by,
        "draft.file_added",
        target=draft_file.draft,
        details={
            "component": draft_file.component.name,
            "size": draft_file.file.size,
            "content_type": draft_file.content_type,
        },
    )


# --- Submitting -----------------------------------------------------------------------------------


def citizen_account(id_number: str) -> User | None:
    """The account of the citizen an assisted submitter helps: the one whose verified identity
    is this number (a number typed at registration proves nothing)."""
    if not id_number:
        return None
    return User.objects.filter(identity_number=id_number, is_active=True).first()


def submit(draft: Draft, *, by: User) -> Dossier:
    """Make the dossier (dossiers.lifecycle.submit_online), attach the draft's files to its
    components, record consents, then delete the draft: all in one transaction."""
    if draft.owner_id != by.pk:
        raise NotPermitted("Đây không phải hồ sơ nháp của bạn.")
    found = problems(draft)
    if found:
        raise DraftIncomplete(found)
    procedure = draft.procedure
    files = list(draft.files.filter(complete=True).select_related("component"))
    applicant = {"kind": 1, **draft.applicant}
    form_data = {
        **draft.form_data,
        **{f"applicant_{k}": v for k, v in draft.applicant.items() if v},
    }
    assert draft.receiving_agency is not None  # problems() said so
    components = [c for c in procedure.components.all() if replaceable(draft, c)]
    consented = [c for c in components if str(c.pk) in draft.consents]
    # Outside the transaction: the national systems may take seconds, and a failure here
    # leaves the draft exactly as it was.
    fetched = reuse.fetch(draft, consented, by=by)
    results = _picked_results(draft, consented)
    with transaction.atomic():
        dossier = lifecycle.submit_online(
            procedure,
            applicant=applicant,
            form_data=form_data,
            by=by,
            receiving_agency=draft.receiving_agency,
            return_method=draft.return_method,
            consent_at=draft.consent_at if draft.on_behalf else None,
        )
        if draft.on_behalf:
            citizen = citizen_account(draft.applicant.get("id_number", ""))
            if citizen is not None and citizen.pk != by.pk:
                # The dossier belongs to the citizen's account (issue 6 item 3); lifecycle
                # records the helper as `submitted_by`.
                Dossier.objects.filter(pk=dossier.pk).update(applicant_user=citizen)
                dossier.applicant_user = citizen
        if draft.return_method == ReturnMethod.POSTAL:
            ReturnAddress.objects.create(dossier=dossier, address=draft.return_address)
        _record_consents(dossier, draft, consented, fetched)
        scanned = _attach_earlier_results(dossier, results, by=by)
        targets = {c.component_id: c for c in DossierComponent.objects.filter(dossier=dossier)}
        for draft_file in files:
            target = targets.get(draft_file.component_id)
            if target is None:
                continue
            extension = draft_file.file.name.rpartition(".")[2]
            with draft_file.file.open("rb") as handle:
                uploads.store_file(
                    dossier,
                    File(handle, name=draft_file.title),
                    by=by,
                    component=target,
                    title=draft_file.title,
                    kind=(draft_file.content_type, _extension_for(draft_file, extension)),
                )
            scanned.add(target.pk)
        DossierComponent.objects.filter(pk__in=scanned).update(digitised=True)
        discard(draft, by=by)
    return dossier


def _extension_for(draft_file: DraftFile, stored: str) -> str:
    for _signature, content_type, extension in uploads.SIGNATURES:
        if content_type == draft_file.content_type:
            return extension
    return stored


def _record_consents(
    dossier: Dossier, draft: Draft, consented: list[Component], fetched: list[reuse.Fetched]
) -> None:
    """lifecycle marks every replaceable component as taken from its data source, consented at
    submission. Keep that only where the applicant consented, at the time they did, with what
    the lookup brought back; where they uploaded the paper instead (or the data could not stand
    in for it), the component is an ordinary one. Sources without a client keep an empty
    `record_reference`: the officer looks them up at reception."""
    given = {c.pk: draft.consents[str(c.pk)] for c in consented}
    by_component = {f.component_id: f for f in fetched}
    for component in DossierComponent.objects.filter(dossier=dossier).exclude(replaced_by=""):
        at = given.get(component.component_id or 0)
        if at:
            component.consent_at = datetime.fromisoformat(at)
        else:
            component.replaced_by = ""
            component.consent_at = None
        found = by_component.get(component.component_id or 0)
        if found is not None:
            component.record_reference = found.reference[:200]
            ReusedRecord.objects.create(
                component=component,
                source=found.source,
                summary=[list(pair) for pair in found.summary],
                fetched_at=timezone.now(),
            )
        component.save(update_fields=["replaced_by", "consent_at", "record_reference"])


def _picked_results(draft: Draft, consented: list[Component]) -> dict[int, Attachment]:
    """Catalog component id -> the applicant's earlier result picked for it, checked again."""
    wanted = {
        c.pk: draft.earlier_results.get(str(c.pk))
        for c in consented
        if c.replaced_by == Component.Source.EARLIER_RESULT
    }
    own = {a.pk: a for a in reuse.earlier_results(draft).filter(pk__in=wanted.values())}
    picked = {pk: own[result] for pk, result in wanted.items() if result in own}
    missing = [c for c in consented if c.pk in wanted and c.pk not in picked]
    if missing:
        raise DraftIncomplete(
            {
                Step.PAPERS.value: {
                    f"component_{c.pk}": "Kết quả đã chọn không còn dùng được: vui lòng chọn "
                    "lại hoặc tải bản quét lên."
                    for c in missing
                }
            }
        )
    return picked


def _attach_earlier_results(
    dossier: Dossier, picked: dict[int, Attachment], *, by: User
) -> set[int]:
    """Copy each picked earlier result into the new dossier, so the agency that handles it
    (perhaps not the one that issued the result) can read it; say which components got one."""
    targets = {c.component_id: c for c in DossierComponent.objects.filter(dossier=dossier)}
    done = set()
    for component_id, result in picked.items():
        target = targets.get(component_id)
        if target is None:
            continue
        extension = result.file.name.rpartition(".")[2]
        with result.file.open("rb") as handle:
            uploads.store_file(
                dossier,
                File(handle, name=result.title),
                by=by,
                component=target,
                title=result.title,
                kind=(result.content_type, extension),
                audit_details={"earlier_result": result.dossier.display_code},
            )
        target.record_reference = f"{result.dossier.display_code}/{result.pk}"[:200]
        target.save(update_fields=["record_reference"])
        ReusedRecord.objects.create(
            component=target,
            source=Component.Source.EARLIER_RESULT,
            summary=[
                ["Hồ sơ đã giải quyết", result.dossier.display_code],
                ["Thủ tục", result.dossier.procedure.name],
                ["Tệp kết quả", result.title],
            ],
            fetched_at=timezone.now(),
        )
        done.add(target.pk)
    return done
