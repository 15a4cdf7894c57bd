"""The submission wizard (/nop-ho-so/): one page per step, each saving the draft.

Views parse, check the draft is the requester's (404 otherwise), call submissions.drafts, and
answer with POST-redirect-GET; a page with mistakes is shown again at once with what was typed
(it is saved too) and the Vietnamese messages. upload.js uses the JSON answers of the file
views to send a scan in pieces; without JavaScript the papers page posts whole files.
"""

from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.catalog.form_input import own_fields, parse_fields
from motcua.catalog.forms import APPLICANT_PREFIX, form_fields
from motcua.catalog.models import Component, Procedure
from motcua.core.errors import DomainError
from motcua.dossiers import uploads
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.submissions import drafts, reuse
from motcua.submissions.models import Draft, DraftFile, Step

from .access import citizen_login_required, person

STEPS = list(Step)


def _draft(request: HttpRequest, draft_id: int) -> Draft:
    # Scope first: someone else's draft is a 404, exactly like a draft that does not exist.
    return get_object_or_404(
        Draft.objects.select_related("procedure", "receiving_agency"),
        pk=draft_id,
        owner=person(request),
    )


def _procedure(code: str) -> Procedure:
    return get_object_or_404(Procedure.objects.published(), code=code)


@citizen_login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, code: str) -> HttpResponse:
    """GET: continue the person's own draft of this procedure, or offer to start one.
    POST: start a draft (for oneself, or on behalf of a citizen who is present)."""
    procedure = _procedure(code)
    user = person(request)
    on_behalf = request.POST.get("on_behalf") == "1"
    if request.method == "GET" or not on_behalf:
        existing = drafts.own_draft(user, procedure)
        if existing is not None:
            return redirect("portal:wizard_step", draft_id=existing.pk, step=existing.step)
    if request.method == "POST":
        try:
            draft = drafts.start(procedure, owner=user, on_behalf=on_behalf)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("portal:wizard_start", code=procedure.code)
        return redirect("portal:wizard_step", draft_id=draft.pk, step=Step.APPLICANT)
    context = {
        "procedure": procedure,
        "steps": STEPS,
        "may_assist": drafts.may_submit_on_behalf(user),
        "fees": list(procedure.fees.all()),
        "components": list(procedure.components.all()),
    }
    return render(request, "portal/wizard_start.html", context)


@citizen_login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, draft_id: int, step: str) -> HttpResponse:
    draft = _draft(request, draft_id)
    try:
        current = Step(step)
    except ValueError:
        raise Http404("Không có bước này.") from None
    errors: dict[str, str] = {}
    if request.method == "POST":
        errors = _save(request, draft, current)
        going_back = request.POST.get("go") == "back"
        if going_back or not errors:
            index = STEPS.index(current) + (-1 if going_back else 1)
            target = STEPS[max(0, min(index, len(STEPS) - 1))]
            return redirect("portal:wizard_step", draft_id=draft.pk, step=target)
    context = _context(request, draft, current, errors)
    return render(request, "portal/wizard_step.html", context, status=422 if errors else 200)


def _save(request: HttpRequest, draft: Draft, current: Step) -> dict[str, str]:
    post = request.POST
    user = person(request)
    if current == Step.APPLICANT:
        values = {k: post.get(f"applicant_{k}", "") for k in drafts.APPLICANT_FIELDS}
        return drafts.save_applicant(
            draft,
            values=values,
            agency_id=post.get("receiving_agency", ""),
            consent=post.get("consent") == "on",
        )
    if current == Step.FORM:
        names = [f.name for f in own_fields(draft.procedure)]
        return drafts.save_form(draft, data=parse_fields(draft.procedure, post, names))
    if current == Step.PAPERS:
        consents = {int(v) for v in post.getlist("consent") if v.isdigit()}
        files = {
            c.pk: request.FILES.getlist(f"file_{c.pk}") for c in draft.procedure.components.all()
        }
        earlier = {
            c.pk: int(post.get(f"earlier_{c.pk}", ""))
            for c in draft.procedure.components.all()
            if post.get(f"earlier_{c.pk}", "").isdigit()
        }
        return drafts.save_papers(
            draft,
            consents=consents,
            files={k: v for k, v in files.items() if v},
            by=user,
            earlier=earlier,
        )
    if current == Step.RETURN:
        return drafts.save_return(
            draft,
            method=post.get("return_method", ""),
            address=post.get("return_address", ""),
        )
    if current == Step.FEES:
        drafts.confirm_fees(draft)
    return {}


def _context(
    request: HttpRequest, draft: Draft, current: Step, errors: dict[str, str]
) -> dict[str, Any]:
    procedure = draft.procedure
    index = STEPS.index(current)
    context: dict[str, Any] = {
        "draft": draft,
        "procedure": procedure,
        "steps": STEPS,
        "current": current,
        "step_number": index + 1,
        "previous": STEPS[index - 1] if index else None,
        "errors": errors,
        "verified": not draft.on_behalf and drafts.identity_verified(draft.owner),
    }
    if current in (Step.APPLICANT, Step.REVIEW):
        context["applicant_fields"] = [
            (
                f,
                draft.applicant.get(f.name.removeprefix(APPLICANT_PREFIX), ""),
                errors.get(f.name, ""),
            )
            for f in form_fields(procedure)
            if f.name.startswith(APPLICANT_PREFIX)
        ]
        context["agencies"] = drafts.receiving_agencies(procedure)
        context["locked"] = (
            [f"applicant_{k}" for k in drafts.VERIFIED_FIELDS] if context["verified"] else []
        )
    if current in (Step.FORM, Step.REVIEW):
        context["form_fields"] = [
            (f, draft.form_data.get(f.name, ""), errors.get(f.name, ""))
            for f in own_fields(procedure)
        ]
    if current in (Step.PAPERS, Step.REVIEW):
        context["papers"] = _papers(draft, errors)
        context["max_megabytes"] = uploads.megabytes(uploads.max_upload_bytes())
        context["chunk_bytes"] = 512 * 1024
    if current in (Step.RETURN, Step.REVIEW):
        allowed = drafts.return_methods(procedure)
        context["return_methods"] = [(m.value, m.label) for m in allowed]
        context["postal"] = ReturnMethod.POSTAL
        context["return_address"] = draft.return_address or draft.applicant.get("address", "")
        context["return_label"] = (
            ReturnMethod(draft.return_method).label if draft.return_method else ""
        )
    if current in (Step.FEES, Step.REVIEW):
        fees = list(procedure.fees.all())
        context["fees"] = fees
        context["base_fee"] = sum(f.amount for f in fees if not f.condition)
    if current == Step.REVIEW:
        context["problems"] = drafts.problems(draft)
        context["step_labels"] = {s.value: s.label for s in STEPS}
    return context


def _papers(draft: Draft, errors: dict[str, str]) -> list[dict[str, Any]]:
    files: dict[int, list[DraftFile]] = {}
    for draft_file in draft.files.filter(complete=True):
        files.setdefault(draft_file.component_id, []).append(draft_file)
    components = list(draft.procedure.components.all())
    earlier = (
        list(reuse.earlier_results(draft))
        if any(c.replaced_by == Component.Source.EARLIER_RESULT for c in components)
        else []
    )
    rows = []
    for component in components:
        source = component.replaced_by
        blocked = reuse.blocked_reason(draft, component) if source else ""
        rows.append(
            {
                "component": component,
                "source": Component.Source(source).label if source and not blocked else "",
                "blocked": blocked,
                "at_reception": reuse.at_reception(component),
                "earlier": earlier
                if source == Component.Source.EARLIER_RESULT and not blocked
                else [],
                "picked": draft.earlier_results.get(str(component.pk)),
                "consented": str(component.pk) in draft.consents and not blocked,
                "declared": drafts.is_declared_online(component, draft.procedure),
                "files": files.get(component.pk, []),
                "error": errors.get(f"component_{component.pk}", ""),
            }
        )
    return rows


# --- Files: chunked (upload.js) and removal ------------------------------------------------------


def _json_error(error: DomainError, **extra: Any) -> JsonResponse:
    return JsonResponse(
        {"code": error.code, "message": error.message, **extra}, status=error.status
    )


def _file_state(draft_file: DraftFile) -> dict[str, Any]:
    return {
        "id": draft_file.pk,
        "offset": draft_file.received,
        "size": draft_file.size,
        "complete": draft_file.complete,
        "title": draft_file.title,
    }


@citizen_login_required
@require_POST
def upload_begin(request: HttpRequest, draft_id: int) -> JsonResponse:
    draft = _draft(request, draft_id)
    component = Component.objects.filter(
        pk=request.POST.get("component", "") or 0, procedure_id=draft.procedure_id
    ).first()
    size = request.POST.get("size", "")
    if component is None or not size.isdigit():
        raise Http404("Không có giấy tờ này.")
    try:
        draft_file = drafts.begin_upload(
            draft,
            component,
            name=request.POST.get("name", ""),
            size=int(size),
            by=person(request),
        )
    except DomainError as error:
        return _json_error(error)
    return JsonResponse(_file_state(draft_file), status=201)


@citizen_login_required
@require_http_methods(["GET", "POST"])
def upload_chunk(request: HttpRequest, draft_id: int, file_id: int) -> JsonResponse:
    """GET: how much of the file the server has. POST ?offset=N with the raw bytes: append."""
    draft = _draft(request, draft_id)
    draft_file = get_object_or_404(DraftFile, pk=file_id, draft=draft)
    if request.method == "GET":
        return JsonResponse(_file_state(draft_file))
    offset = request.GET.get("offset", "")
    if not offset.isdigit():
        return JsonResponse(
            {"code": "invalid_input", "message": _("Thiếu vị trí của phần tệp.")}, status=400
        )
    try:
        draft_file = drafts.append_chunk(
            draft_file, offset=int(offset), data=request.body, by=person(request)
        )
    except drafts.OffsetMismatch as mismatch:
        return _json_error(mismatch, offset=mismatch.received)
    except DomainError as error:
        return _json_error(error)
    return JsonResponse(_file_state(draft_file))


@citizen_login_required
@require_POST
def remove_file(request: HttpRequest, draft_id: int, file_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    draft_file = get_object_or_404(
        DraftFile.objects.select_related("component"), pk=file_id, draft=draft
    )
    drafts.remove_file(draft_file, by=person(request))
    messages.success(request, _("Đã xóa tệp «%(title)s».") % {"title": draft_file.title})
    return redirect("portal:wizard_step", draft_id=draft.pk, step=Step.PAPERS)


# --- Submitting and abandoning -------------------------------------------------------------------


@citizen_login_required
@require_POST
def submit(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    try:
        dossier = drafts.submit(draft, by=person(request))
    except drafts.DraftIncomplete as incomplete:
        messages.error(request, incomplete.message)
        return redirect("portal:wizard_step", draft_id=draft.pk, step=incomplete.first_step)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("portal:wizard_step", draft_id=draft.pk, step=Step.REVIEW)
    return redirect("portal:wizard_done", reference=dossier.reference)


@citizen_login_required
@require_POST
def discard(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    drafts.discard(draft, by=person(request))
    messages.success(request, _("Đã xóa hồ sơ nháp."))
    return redirect("portal:my_dossiers")


@citizen_login_required
def done(request: HttpRequest, reference: str) -> HttpResponse:
    user = person(request)
    dossier = get_object_or_404(
        Dossier.objects.select_related("procedure", "receiving_agency").filter(
            Q(applicant_user=user) | Q(submitted_by=user)
        ),
        reference=reference,
    )
    return render(request, "portal/wizard_done.html", {"dossier": dossier})
