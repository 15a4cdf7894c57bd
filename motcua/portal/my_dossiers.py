"""'Hồ sơ của tôi' (/ho-so-cua-toi/): a person's dossiers and drafts, each dossier's story, the
supplement answered in place, the result downloaded, withdrawal and the rating.

Every dossier is looked up among the requester's own (tracking.own_dossiers): anyone else's is a
404, even for an official whose agency handles it (the back office is their place for that).
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core import audit
from motcua.core.errors import DomainError
from motcua.dossiers import lifecycle, uploads
from motcua.dossiers.models import Attachment, Dossier, Status
from motcua.submissions import tracking
from motcua.submissions.models import Draft

from .access import citizen_login_required, person


def _own(request: HttpRequest, reference: str) -> Dossier:
    return get_object_or_404(
        tracking.own_dossiers(person(request)).select_related(
            "procedure", "receiving_agency", "current_agency"
        ),
        reference=reference,
    )


@citizen_login_required
def index(request: HttpRequest) -> HttpResponse:
    user = person(request)
    context = {
        "dossiers": tracking.own_dossiers(user)
        .select_related("procedure")
        .order_by("-submitted_at", "-id"),
        "drafts": Draft.objects.filter(owner=user).select_related("procedure"),
    }
    return render(request, "portal/my_dossiers.html", context)


@citizen_login_required
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = _own(request, reference)
    user = person(request)
    is_applicant = dossier.applicant_user_id == user.pk
    context = {
        "dossier": dossier,
        "timeline": tracking.timeline(dossier),
        "next": tracking.what_next(dossier),
        "items": tracking.requested_items(dossier)
        if dossier.status == Status.AWAITING_SUPPLEMENT
        else [],
        "components": dossier.components.all(),
        # Results go to the applicant alone, not to whoever helped them submit.
        "results": dossier.attachments.filter(kind=Attachment.Kind.RESULT) if is_applicant else [],
        "may_withdraw": tracking.may_withdraw(dossier),
        "may_rate": tracking.may_rate(dossier, user),
        "rating": getattr(dossier, "rating", None),
        "max_megabytes": uploads.megabytes(uploads.max_upload_bytes()),
        "scores": range(1, 6),
    }
    return render(request, "portal/my_dossier.html", context)


@citizen_login_required
@require_POST
def supplement(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = _own(request, reference)
    try:
        tracking.answer_supplement(
            dossier,
            by=person(request),
            files=request.FILES.getlist("files"),
            note=request.POST.get("note", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Đã gửi giấy tờ bổ sung. Cơ quan tiếp tục giải quyết hồ sơ của bạn.")
        )
    return redirect("portal:my_dossier", reference=dossier.reference)


@citizen_login_required
def result(request: HttpRequest, reference: str, attachment_id: int) -> FileResponse:
    user = person(request)
    dossier = _own(request, reference)
    if dossier.applicant_user_id != user.pk:
        raise Http404("Không tìm thấy tệp.")
    attachment = get_object_or_404(
        Attachment, pk=attachment_id, dossier=dossier, kind=Attachment.Kind.RESULT
    )
    audit.record(
        user,
        "dossier.result_downloaded",
        target=dossier,
        details={"attachment_id": attachment.pk, "title": attachment.title},
    )
    name = attachment.file.name
    extension = name.rpartition(".")[2] if "." in name else ""
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=uploads.safe_name(attachment.title, extension),
        content_type=attachment.content_type or "application/octet-stream",
    )


@citizen_login_required
@require_POST
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = _own(request, reference)
    try:
        lifecycle.withdraw(dossier, by=person(request), reason=request.POST.get("reason", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã rút hồ sơ."))
    return redirect("portal:my_dossier", reference=dossier.reference)


@citizen_login_required
@require_POST
def rate(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = _own(request, reference)
    raw = request.POST.get("score", "")
    try:
        tracking.rate(
            dossier,
            by=person(request),
            score=int(raw) if raw.isdigit() else 0,
            comment=request.POST.get("comment", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Cảm ơn bạn đã đánh giá."))
    return redirect("portal:my_dossier", reference=dossier.reference)
