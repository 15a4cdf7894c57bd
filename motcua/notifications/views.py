"""Officials' notices page: their own notices, unread first, marked read by POST."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import notices
from .models import Notice

PAGE_SIZE = 30


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notices.for_user(request.user), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": notices.unread_count(request.user)},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    # One notice (its id in "notice") or, without it, all of them; someone else's notice is 404.
    raw = request.POST.get("notice", "")
    if raw and not raw.isdigit():
        return HttpResponse(_("Mã thông báo không hợp lệ."), status=400)
    if raw:
        notice = get_object_or_404(Notice, pk=int(raw), recipient_id=request.user.pk)
        notices.mark_read(request.user, [notice.pk])
    else:
        notices.mark_read(request.user)
    # "Xem hồ sơ" marks the notice read and goes on to the dossier: only to a page of this site.
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("notifications:list")
