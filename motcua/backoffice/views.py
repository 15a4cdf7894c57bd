"""The officials' pages. Each view parses, scopes, calls one function, responds (STYLE.md 7).

Every view but the login page requires an official (access.official_required). Dossiers are
always looked up inside `visible_to(user)`: another agency's dossier, file or slip is a 404.
Actions POST, call motcua.dossiers.lifecycle, and redirect back with a message (PRG); a domain
error becomes its Vietnamese message on the page, never a 500.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView, LogoutView
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.accounts import second_factor
from motcua.accounts.models import User
from motcua.catalog.search import search_procedures
from motcua.core import audit
from motcua.core.errors import DomainError
from motcua.dossiers import lifecycle
from motcua.dossiers.api import normalise_code
from motcua.dossiers.errors import NotAssignable, ReasonRequired
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import (
    ApplicantKind,
    Attachment,
    Channel,
    Dossier,
    DossierComponent,
    ReturnMethod,
    SlipKind,
    Status,
)
from motcua.dossiers.queries import visible_to
from motcua.org.access import has_capability
from motcua.org.models import StaffAssignment

from . import files, queues, reception, results
from .access import official, official_required
from .actions import allowed_actions
from .search import search_dossiers

PERSONAL_FIELDS = (
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "form_data",
)
READ_PURPOSE = "xem hồ sơ tại trang cán bộ"
CLOSED = (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("trang", "1")
    return max(1, int(raw)) if raw.isdigit() else 1


# --- Login -----------------------------------------------------------------------------------


class OfficialLoginView(LoginView):
    template_name = "backoffice/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        # The password is checked; accounts.second_factor decides whether it is enough (TOTP).
        return second_factor.login_or_continue(
            self.request, form.get_user(), self.get_success_url()
        )


class OfficialLogoutView(LogoutView):
    next_page = "backoffice:login"


# --- Work queues -----------------------------------------------------------------------------


@official_required
def queue(request: HttpRequest) -> HttpResponse:
    user = official(request)
    now = timezone.now()
    conditions = queues.tab_conditions(user, now)
    totals = queues.counts(conditions)
    tab = request.GET.get("tab", "")
    if tab not in queues.TAB_KEYS:
        # The first tab with work in it: a leader lands on approvals, an officer on reception.
        tab = next((key for key in queues.TAB_KEYS if totals[key]), queues.TAB_KEYS[0])
    number = _page_number(request)
    pages = max(1, -(-totals[tab] // queues.PAGE_SIZE))
    number = min(number, pages)
    start = (number - 1) * queues.PAGE_SIZE
    dossiers = queues.rows(conditions, tab)[start : start + queues.PAGE_SIZE]
    context = {
        "tabs": [(t, totals[t.key]) for t in queues.TABS],
        "active": tab,
        "rows": [queues.describe(d, now) for d in dossiers],
        "page": number,
        "pages": pages,
        "target_hours": settings.RECEPTION_TARGET_WORKING_HOURS,
    }
    template = "backoffice/_queue.html" if _is_htmx(request) else "backoffice/queue.html"
    return render(request, template, context)


# --- The dossier page ------------------------------------------------------------------------


def _visible(request: HttpRequest, ref: str) -> Dossier:
    dossiers = visible_to(
        request.user,
        Dossier.objects.select_related(
            "procedure",
            "receiving_agency",
            "current_agency",
            "current_step",
            "assignee",
            "submitted_by",
        ),
    )
    return get_object_or_404(dossiers, reference=ref)


def _assignees(dossier: Dossier) -> list[User]:
    """The officials who may process the dossier at its current agency (for "assign")."""
    assignments = StaffAssignment.objects.filter(
        agency_id=dossier.current_agency_id, is_active=True, user__is_active=True
    ).select_related("role", "user")
    chosen: dict[int, User] = {}
    for assignment in assignments:
        if "dossier.process" in assignment.role.capabilities:
            chosen[assignment.user_id] = assignment.user
    return sorted(chosen.values(), key=lambda u: str(u))


def _available_slips(dossier: Dossier) -> list[SlipKind]:
    # Imported here: the slips package renders PDFs and is only needed on these pages.
    from motcua.dossiers import slips

    return list(slips.available(dossier))


@official_required
def dossier_detail(request: HttpRequest, ref: str) -> HttpResponse:
    user = official(request)
    try:
        dossier = _visible(request, ref)
    except Http404:
        # A code works too (people read codes, links carry references): one address per dossier.
        code = normalise_code(ref)
        found = visible_to(user).filter(code=code).values_list("reference", flat=True).first()
        if found is None:
            raise
        return redirect("backoffice:dossier", ref=found)
    now = timezone.now()
    audit.record_personal_data_read(user, dossier, PERSONAL_FIELDS, purpose=READ_PURPOSE)
    components = (
        DossierComponent.objects.filter(dossier=dossier)
        .select_related("reused")
        .prefetch_related("files")
    )
    events = dossier.events.select_related("agency", "step").order_by("at", "id")
    available = allowed_actions(dossier, user, now)
    may_upload = dossier.status not in CLOSED and (
        has_capability(user, "dossier.receive", dossier.receiving_agency)
        or has_capability(user, "dossier.process", dossier.current_agency)
    )
    context = {
        "dossier": dossier,
        "row": queues.describe(dossier, now),
        "components": components,
        # Papers sent without a component: a citizen's supplement, answered from the portal.
        "other_files": Attachment.objects.filter(
            dossier=dossier, component=None, kind=Attachment.Kind.COMPONENT
        ),
        "results": Attachment.objects.filter(dossier=dossier, kind=Attachment.Kind.RESULT),
        "events": [(event, _action_label(event.action)) for event in events],
        "actions": available,
        "assignees": _assignees(dossier) if any(a.slug == "assign" for a in available) else [],
        "return_methods": ReturnMethod.choices,
        "slips": [(kind.value, kind.label) for kind in _available_slips(dossier)],
        "may_upload": may_upload,
        "form_fields": _form_data_rows(dossier),
        "applicant_kind": ApplicantKind(dossier.applicant_kind).label,
    }
    return render(request, "backoffice/dossier.html", context)


def _action_label(action: str) -> str:
    try:
        return Action(action).label
    except ValueError:
        return action  # e.g. "imported": history written by the import


def _form_data_rows(dossier: Dossier) -> list[tuple[str, Any]]:
    """The form as (title, value), titles from the procedure's schema where it knows them."""
    from motcua.catalog.forms import full_schema

    properties = full_schema(dossier.procedure)["properties"]
    rows = []
    for name, value in (dossier.form_data or {}).items():
        title = properties.get(name, {}).get("title", name)
        if isinstance(value, bool):
            value = _("Có") if value else _("Không")
        rows.append((title, value))
    return rows


# --- Actions ---------------------------------------------------------------------------------

Change = Callable[[Dossier, User, QueryDict], Dossier]


def _assign(dossier: Dossier, by: User, post: QueryDict) -> Dossier:
    chosen = post.get("assignee", "")
    to = User.objects.filter(pk=chosen, is_active=True).first() if chosen.isdigit() else None
    if to is None:
        raise NotAssignable("Vui lòng chọn cán bộ được phân công xử lý hồ sơ.")
    return lifecycle.assign(dossier, by=by, to=to)


def _apologise(dossier: Dossier, by: User, post: QueryDict) -> Dossier:
    raw = post.get("new_due_at", "").strip()
    try:
        new_due_at = datetime.fromisoformat(raw)
    except ValueError:
        raise ReasonRequired(
            "Vui lòng chọn ngày và giờ hẹn trả mới (ngày/tháng/năm giờ:phút)."
        ) from None
    if timezone.is_naive(new_due_at):
        new_due_at = timezone.make_aware(new_due_at)
    return lifecycle.apologise(dossier, by=by, new_due_at=new_due_at, reason=post.get("reason", ""))


def _supplement(dossier: Dossier, by: User, post: QueryDict) -> Dossier:
    items = post.get("items", "").splitlines()
    return lifecycle.request_supplement(dossier, by=by, items=items, note=post.get("note", ""))


CHANGES: dict[str, Change] = {
    Action.RECEIVE: lambda d, by, p: lifecycle.receive(d, by=by),
    Action.REFUSE: lambda d, by, p: lifecycle.refuse(d, by=by, reasons=p.get("reasons", "")),
    Action.REQUEST_SUPPLEMENT_AT_RECEPTION: _supplement,
    Action.REQUEST_SUPPLEMENT: _supplement,
    Action.RECEIVE_SUPPLEMENT: lambda d, by, p: lifecycle.receive_supplement(
        d, by=by, note=p.get("note", "")
    ),
    Action.ASSIGN: _assign,
    Action.FORWARD: lambda d, by, p: lifecycle.forward(d, by=by, note=p.get("note", "")),
    Action.TAKE_BACK: lambda d, by, p: lifecycle.take_back(d, by=by, note=p.get("note", "")),
    Action.APPROVE: lambda d, by, p: lifecycle.approve(d, by=by, note=p.get("note", "")),
    Action.REJECT: lambda d, by, p: lifecycle.reject(d, by=by, reasons=p.get("reasons", "")),
    Action.MARK_RESULT_READY: lambda d, by, p: lifecycle.mark_result_ready(d, by=by),
    Action.RETURN_RESULT: lambda d, by, p: lifecycle.return_result(
        d, by=by, method=p.get("method", ReturnMethod.DESK)
    ),
    Action.APOLOGISE: _apologise,
    Action.WITHDRAW: lambda d, by, p: lifecycle.withdraw(d, by=by, reason=p.get("reason", "")),
}

DONE: dict[str, Any] = {
    Action.RECEIVE: gettext_lazy("Đã tiếp nhận hồ sơ %(code)s."),
    Action.REFUSE: gettext_lazy("Đã từ chối tiếp nhận hồ sơ %(code)s."),
    Action.REQUEST_SUPPLEMENT_AT_RECEPTION: gettext_lazy("Đã yêu cầu bổ sung hồ sơ %(code)s."),
    Action.REQUEST_SUPPLEMENT: gettext_lazy(
        "Đã yêu cầu bổ sung hồ sơ %(code)s; thời hạn giải quyết tạm dừng."
    ),
    Action.RECEIVE_SUPPLEMENT: gettext_lazy(
        "Đã tiếp nhận hồ sơ bổ sung của %(code)s; thời hạn được tính lại."
    ),
    Action.ASSIGN: gettext_lazy("Đã phân công xử lý hồ sơ %(code)s."),
    Action.FORWARD: gettext_lazy("Đã chuyển hồ sơ %(code)s sang bước tiếp theo."),
    Action.TAKE_BACK: gettext_lazy("Đã thu hồi hồ sơ %(code)s."),
    Action.APPROVE: gettext_lazy("Đã phê duyệt hồ sơ %(code)s."),
    Action.REJECT: gettext_lazy("Đã từ chối giải quyết hồ sơ %(code)s."),
    Action.MARK_RESULT_READY: gettext_lazy(
        "Hồ sơ %(code)s đã có kết quả, chuyển về bộ phận một cửa để trả."
    ),
    Action.RETURN_RESULT: gettext_lazy("Đã trả kết quả hồ sơ %(code)s."),
    Action.APOLOGISE: gettext_lazy("Đã xin lỗi và hẹn lại ngày trả kết quả hồ sơ %(code)s."),
    Action.WITHDRAW: gettext_lazy("Đã rút hồ sơ %(code)s theo yêu cầu của người nộp."),
}


# The action whose form carries the result file (the applicant downloads it online).
RESULT_ACTIONS = (Action.MARK_RESULT_READY,)


@require_POST
@official_required
def dossier_action(request: HttpRequest, ref: str, action: str) -> HttpResponse:
    change = CHANGES.get(action)
    if change is None:
        raise Http404("Không có thao tác này trên hồ sơ.")
    dossier = _visible(request, ref)
    user = official(request)
    try:
        if action in RESULT_ACTIONS:
            changed = results.change_with_result(
                dossier,
                lambda: change(dossier, user, request.POST),
                request.FILES.getlist("result_file"),
                by=user,
            )
        else:
            changed = change(dossier, user, request.POST)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("backoffice:dossier", ref=dossier.reference)
    done = str(DONE[action]) % {"code": changed.display_code}
    if action == Action.RECEIVE:
        url = reverse("backoffice:slip", args=[changed.reference, SlipKind.RECEIPT.value])
        messages.success(
            request,
            format_html('{} <a href="{}">{}</a>', done, url, _("In giấy tiếp nhận")),
        )
    else:
        messages.success(request, done)
    return redirect("backoffice:dossier", ref=changed.reference)


# --- Files and slips -------------------------------------------------------------------------


@require_POST
@official_required
def upload(request: HttpRequest, ref: str) -> HttpResponse:
    user = official(request)
    dossier = _visible(request, ref)
    if dossier.status in CLOSED or not (
        has_capability(user, "dossier.receive", dossier.receiving_agency)
        or has_capability(user, "dossier.process", dossier.current_agency)
    ):
        messages.error(request, _("Bạn không có quyền bổ sung tệp vào hồ sơ này."))
        return redirect("backoffice:dossier", ref=dossier.reference)
    component = DossierComponent.objects.filter(
        dossier=dossier, pk=request.POST.get("component", "0") or 0
    ).first()
    uploaded = request.FILES.get("file")
    if component is None or uploaded is None:
        messages.error(request, _("Vui lòng chọn giấy tờ và tệp cần tải lên."))
        return redirect("backoffice:dossier", ref=dossier.reference)
    try:
        attachment = files.store_component_file(dossier, component, uploaded, by=user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        DossierComponent.objects.filter(pk=component.pk).update(digitised=True)
        messages.success(request, _("Đã lưu tệp «%(title)s».") % {"title": attachment.title})
    return redirect("backoffice:dossier", ref=dossier.reference)


@official_required
def download(request: HttpRequest, ref: str, attachment_id: int) -> FileResponse:
    dossier = _visible(request, ref)
    attachment = get_object_or_404(Attachment, pk=attachment_id, dossier=dossier)
    audit.record(
        official(request),
        "dossier.attachment_downloaded",
        target=dossier,
        details={"attachment_id": attachment.pk, "title": attachment.title},
    )
    extension = attachment.file.name.rpartition(".")[2] if "." in attachment.file.name else ""
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=files.safe_name(attachment.title, extension),
        content_type=attachment.content_type or "application/octet-stream",
    )


@official_required
def slip(request: HttpRequest, ref: str, kind: str) -> HttpResponseBase:
    from motcua.dossiers import slips

    dossier = _visible(request, ref)
    if kind not in SlipKind.values:
        raise Http404("Không có loại phiếu này.")
    try:
        attachment = slips.ensure(dossier, SlipKind(kind))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("backoffice:dossier", ref=dossier.reference)
    audit.record(
        official(request),
        "dossier.slip_viewed",
        target=dossier,
        details={"slip": kind, "attachment_id": attachment.pk},
    )
    # Codes are ASCII (digits, dots, dashes, the agency letters): safe as they are.
    name = f"{kind}-{dossier.display_code}.pdf"
    return FileResponse(attachment.file.open("rb"), content_type="application/pdf", filename=name)


# --- Counter reception -----------------------------------------------------------------------


@official_required
def reception_pick(request: HttpRequest) -> HttpResponse:
    """Step one: which procedure (search as you type, or a plain GET without JavaScript)."""
    user = official(request)
    typed = request.GET.get("q", "").strip()[:100]
    mine = reception.receivable_procedures(user)
    found = search_procedures(typed, queryset=mine)
    context = {
        "q": typed,
        "procedures": found.page(1, size=30, queryset=mine.select_related("field")),
        "count": found.count,
    }
    if _is_htmx(request):
        return render(request, "backoffice/_procedure_results.html", context)
    return render(request, "backoffice/reception_pick.html", context)


COUNTER_INPUTS = (
    "desk",
    "channel",
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "tax_code",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "return_method",
    "components",
)


def _reception_context(
    procedure: Any,
    user: User,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    handed_in: set[int] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The page's inputs, each with what was typed and what is wrong with it."""
    values = values or {}
    errors = errors or {}
    handed_in = handed_in or set()
    components = list(procedure.components.all())
    return {
        "procedure": procedure,
        "bound": {
            name: {"value": values.get(name, ""), "error": errors.get(name, "")}
            for name in COUNTER_INPUTS
        },
        "fields": [
            (field, values.get(field.name, ""), errors.get(field.name, ""))
            for field in reception.own_fields(procedure)
        ],
        "components": [(c, c.pk in handed_in, errors.get(f"file_{c.pk}", "")) for c in components],
        "general_error": errors.get("__all__", ""),
        "has_errors": bool(errors),
        "desks": reception.desks_for(procedure, user),
        "kinds": ApplicantKind.choices,
        "channels": [(Channel.DESK, Channel.DESK.label), (Channel.POSTAL, Channel.POSTAL.label)],
        "return_methods": ReturnMethod.choices,
        **extra,
    }


@official_required
def reception_form(request: HttpRequest, code: str) -> HttpResponse:
    """Step two: the whole dossier on one page, received on submit."""
    user = official(request)
    procedure = get_object_or_404(
        reception.receivable_procedures(user).prefetch_related("components"),
        Q(code=code) | Q(local_code=code),
    )
    if request.method != "POST":
        return render(
            request, "backoffice/reception_form.html", _reception_context(procedure, user)
        )
    try:
        parsed = reception.parse(procedure, request.POST, request.FILES, user)
        dossier = reception.receive_at_counter(procedure, parsed, by=user)
    except (reception.CounterInvalid, DomainError) as problem:
        errors = (
            problem.errors
            if isinstance(problem, reception.CounterInvalid)
            else {"__all__": problem.message}
        )
        handed_in = {
            int(key.removeprefix("component_"))
            for key in request.POST
            if key.startswith("component_") and key.removeprefix("component_").isdigit()
        }
        context = _reception_context(
            procedure,
            user,
            values=request.POST.dict(),
            errors=errors,
            handed_in=handed_in,
            had_files=bool(request.FILES),
        )
        return render(request, "backoffice/reception_form.html", context, status=422)
    url = reverse("backoffice:slip", args=[dossier.reference, SlipKind.RECEIPT.value])
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("Đã tiếp nhận hồ sơ %(code)s.") % {"code": dossier.display_code},
            url,
            _("In giấy tiếp nhận"),
        ),
    )
    return redirect("backoffice:dossier", ref=dossier.reference)


# --- Search ----------------------------------------------------------------------------------


@official_required
def search(request: HttpRequest) -> HttpResponse:
    typed = request.GET.get("q", "").strip()
    found = search_dossiers(official(request), typed)
    number = _page_number(request)
    start = (number - 1) * queues.PAGE_SIZE
    results = list(found[start : start + queues.PAGE_SIZE + 1])
    context = {
        "q": typed,
        "results": results[: queues.PAGE_SIZE],
        "page": number,
        "has_next": len(results) > queues.PAGE_SIZE,
    }
    template = "backoffice/_search_results.html" if _is_htmx(request) else "backoffice/search.html"
    return render(request, template, context)
