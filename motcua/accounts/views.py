"""Citizen account pages under /tai-khoan/. Each view parses, calls one function of this app,
and answers; a refused action shows its Vietnamese message on the same page (never a 500)."""

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.core.errors import DomainError, NotFound

from . import identity, login, otp, registration, second_factor, sessions, vneid
from .errors import NotConfirmed
from .models import OneTimeCode, User

REGISTERING = "accounts.registering"
RESETTING = "accounts.resetting"
HOME = "accounts:home"

View = Callable[..., HttpResponseBase]


def account_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.CITIZEN_LOGIN_URL)
        return view(request, *args, **kwargs)

    return wrapped


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _status(error: DomainError) -> int:
    return error.status


def _next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next", "")
    return second_factor.safe_next(request, candidate, "/tai-khoan/")


# --- Registration ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"contact": "", "full_name": "", "error": ""}
    if request.method == "POST":
        context.update(
            contact=request.POST.get("contact", "").strip(),
            full_name=request.POST.get("full_name", "").strip(),
        )
        password = request.POST.get("password", "")
        if password != request.POST.get("password2", ""):
            context["error"] = _("Hai lần nhập mật khẩu không giống nhau.")
        else:
            try:
                user = registration.register(
                    contact=context["contact"], full_name=context["full_name"], password=password
                )
            except DomainError as exc:
                context["error"] = exc.message
                return render(request, "accounts/register.html", context, status=_status(exc))
            request.session[REGISTERING] = user.pk
            return redirect("accounts:confirm")
        return render(request, "accounts/register.html", context, status=400)
    return render(request, "accounts/register.html", context)


def _registering(request: HttpRequest) -> User | None:
    pk = request.session.get(REGISTERING)
    return User.objects.filter(pk=pk).first() if pk else None


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    user = _registering(request)
    if user is None:
        messages.info(request, _("Vui lòng đăng ký hoặc đăng nhập trước."))
        return redirect("accounts:register")
    context = {"destination": _destination(user, OneTimeCode.Purpose.REGISTER), "error": ""}
    if request.method == "POST":
        try:
            registration.confirm(user, code=request.POST.get("code", ""))
        except DomainError as exc:
            context["error"] = exc.message
            return render(request, "accounts/confirm.html", context, status=400)
        request.session.pop(REGISTERING, None)
        messages.success(
            request,
            _("Tài khoản đã được kích hoạt. Bạn nên xác thực định danh để nộp hồ sơ nhanh hơn."),
        )
        return second_factor.login_or_continue(request, user, "/tai-khoan/xac-thuc/")
    return render(request, "accounts/confirm.html", context)


@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    user = _registering(request)
    if user is None or user.is_active:
        return redirect("accounts:register")
    try:
        registration.send_code(user, purpose=OneTimeCode.Purpose.REGISTER)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gửi mã mới. Mã cũ không còn dùng được."))
    return redirect("accounts:confirm")


def _destination(user: User, purpose: str) -> str:
    latest = OneTimeCode.objects.filter(user=user, purpose=purpose).first()
    return otp.mask(latest.destination) if latest else ""


# --- Login, logout -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _next(request)
    context: dict[str, Any] = {
        "login_name": "",
        "error": "",
        "next": next_url,
        "vneid": vneid.enabled(),
    }
    if request.method == "POST":
        context["login_name"] = request.POST.get("login_name", "").strip()
        try:
            user = login.authenticate(
                request,
                login_name=context["login_name"],
                password=request.POST.get("password", ""),
            )
        except NotConfirmed as exc:
            # The right password of an account never confirmed: finish the registration.
            request.session[REGISTERING] = exc.context["user_id"]
            messages.info(request, exc.message)
            return redirect("accounts:confirm")
        except DomainError as exc:
            context["error"] = exc.message
            return render(request, "accounts/login.html", context, status=_status(exc))
        return second_factor.login_or_continue(request, user, next_url)
    return render(request, "accounts/login.html", context)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("Bạn đã đăng xuất."))
    return redirect("accounts:login")


# --- Password reset ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def forgot(request: HttpRequest) -> HttpResponse:
    context = {"contact": "", "error": ""}
    if request.method == "POST":
        context["contact"] = request.POST.get("contact", "").strip()
        try:
            user = registration.find_for_reset(context["contact"])
            if user is not None:
                registration.send_code(user, purpose=OneTimeCode.Purpose.RESET)
        except DomainError as exc:
            context["error"] = exc.message
            return render(request, "accounts/forgot.html", context, status=_status(exc))
        # The same answer whether an account exists or not: the page tells no one who has one.
        request.session[RESETTING] = user.pk if user is not None else None
        return redirect("accounts:reset")
    return render(request, "accounts/forgot.html", context)


@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest) -> HttpResponse:
    if RESETTING not in request.session:
        return redirect("accounts:forgot")
    context = {"error": ""}
    if request.method == "POST":
        password = request.POST.get("password", "")
        user_id = int(request.session.get(RESETTING) or 0)
        user = User.objects.filter(pk=user_id, is_active=True).first()
        try:
            if password != request.POST.get("password2", ""):
                raise DomainError(_("Hai lần nhập mật khẩu không giống nhau."))
            if user is None:
                raise DomainError(_("Mã xác nhận không đúng."))
            registration.reset_password(user, code=request.POST.get("code", ""), password=password)
        except DomainError as exc:
            context["error"] = exc.message
            return render(request, "accounts/reset.html", context, status=_status(exc))
        request.session.pop(RESETTING, None)
        messages.success(request, _("Đã đặt mật khẩu mới. Vui lòng đăng nhập."))
        return redirect("accounts:login")
    return render(request, "accounts/reset.html", context)


# --- The account, its sessions -----------------------------------------------------------------


@account_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "accounts/home.html",
        {
            "account": user,
            "vneid": vneid.enabled(),
            "works_inside": second_factor.works_inside(user),
            "has_device": second_factor.has_device(user),
        },
    )


@account_required
def session_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    rows = [(row, sessions.is_current(row, request)) for row in sessions.live(user)]
    return render(request, "accounts/sessions.html", {"rows": rows})


@account_required
@require_POST
def session_revoke(request: HttpRequest, session_id: int) -> HttpResponse:
    user = _user(request)
    try:
        row = sessions.revoke(user, session_id, by=user)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if sessions.is_current(row, request):
        logout(request)
        messages.success(request, _("Bạn đã đăng xuất khỏi thiết bị này."))
        return redirect("accounts:login")
    messages.success(request, _("Đã đăng xuất phiên trên thiết bị đó."))
    return redirect("accounts:sessions")


@account_required
@require_POST
def session_revoke_others(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    ended = sessions.revoke_all(user, by=user, keep=request)
    messages.success(request, _("Đã đăng xuất %(count)s phiên khác.") % {"count": ended})
    return redirect("accounts:sessions")


# --- Identity verification ---------------------------------------------------------------------


def _parse_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


@account_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context: dict[str, Any] = {
        "account": user,
        "id_number": "",
        "full_name": user.full_name,
        "born": "",
        "error": "",
        "org_code": "",
        "org_error": "",
        "vneid": vneid.enabled(),
    }
    if request.method == "POST":
        context.update(
            id_number=request.POST.get("id_number", "").strip(),
            full_name=request.POST.get("full_name", "").strip(),
            born=request.POST.get("born", "").strip(),
        )
        born = _parse_date(context["born"])
        try:
            if context["born"] and born is None:
                raise DomainError(_("Ngày sinh không đúng, ví dụ: 14/03/1995."))
            identity.verify_person(
                user, id_number=context["id_number"], full_name=context["full_name"], born=born
            )
        except DomainError as exc:
            context["error"] = exc.message
            return render(request, "accounts/verify.html", context, status=_status(exc))
        messages.success(
            request,
            _("Đã xác thực định danh với Cơ sở dữ liệu quốc gia về dân cư."),
        )
        return redirect("accounts:verify")
    return render(request, "accounts/verify.html", context)


@account_required
@require_POST
def verify_organisation(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    code = request.POST.get("org_code", "").strip()
    try:
        identity.verify_organisation(user, code=code)
    except DomainError as exc:
        context = {
            "account": user,
            "id_number": "",
            "full_name": user.full_name,
            "born": "",
            "error": "",
            "org_code": code,
            "org_error": exc.message,
            "vneid": vneid.enabled(),
        }
        return render(request, "accounts/verify.html", context, status=_status(exc))
    messages.success(
        request, _("Đã xác thực tài khoản tổ chức với Cơ sở dữ liệu đăng ký doanh nghiệp.")
    )
    return redirect("accounts:verify")


# --- VNeID ---------------------------------------------------------------------------------------


def vneid_start(request: HttpRequest) -> HttpResponse:
    if not vneid.enabled():
        messages.error(request, _("Đăng nhập bằng VNeID chưa được cấu hình."))
        return redirect("accounts:login")
    return redirect(vneid.begin(request, next_url=_next(request)))


def vneid_callback(request: HttpRequest) -> HttpResponse:
    try:
        person, next_url, linking = vneid.complete(request)
        current = _user(request) if linking and request.user.is_authenticated else None
        user = vneid.link_or_create(person, current=current)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:home" if request.user.is_authenticated else "accounts:login")
    if current is not None:
        messages.success(request, _("Đã liên kết tài khoản VNeID."))
        return redirect("accounts:home")
    return second_factor.login_or_continue(request, user, next_url or "/tai-khoan/")


# --- Officials' second factor ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def second_factor_step(request: HttpRequest) -> HttpResponse:
    user, next_url = second_factor.pending_user(request)
    if user is None:
        messages.info(request, _("Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại."))
        return redirect(settings.LOGIN_URL)
    enrolled = second_factor.has_device(user)
    context: dict[str, Any] = {"error": "", "enrolled": enrolled, "next": next_url}
    if not enrolled:
        device = second_factor.start_enrolment(user)
        context["secret"] = device.secret
        context["uri"], context["qr"] = second_factor.provisioning(device)
    if request.method == "POST":
        code = request.POST.get("code", "")
        try:
            if enrolled:
                second_factor.check(user, code)
            else:
                context["recovery_codes"] = second_factor.confirm_enrolment(user, code)
        except DomainError as exc:
            context["error"] = exc.message
            return render(request, "accounts/second_factor.html", context, status=_status(exc))
        second_factor.finish(request, user)
        if not enrolled:
            return render(request, "accounts/recovery_codes.html", context)
        return redirect(next_url)
    return render(request, "accounts/second_factor.html", context)


@account_required
@require_http_methods(["GET", "POST"])
def second_factor_settings(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    enrolled = second_factor.has_device(user)
    context: dict[str, Any] = {"error": "", "enrolled": enrolled, "next": "/tai-khoan/"}
    if request.method == "POST" and request.POST.get("action") == "recovery" and enrolled:
        context["recovery_codes"] = second_factor.regenerate_recovery_codes(user)
        return render(request, "accounts/recovery_codes.html", context)
    if not enrolled:
        device = second_factor.start_enrolment(user)
        context["secret"] = device.secret
        context["uri"], context["qr"] = second_factor.provisioning(device)
        if request.method == "POST":
            try:
                context["recovery_codes"] = second_factor.confirm_enrolment(
                    user, request.POST.get("code", "")
                )
            except DomainError as exc:
                context["error"] = exc.message
                return render(request, "accounts/two_factor.html", context, status=_status(exc))
            second_factor.mark_verified(request)
            return render(request, "accounts/recovery_codes.html", context)
    return render(request, "accounts/two_factor.html", context)
