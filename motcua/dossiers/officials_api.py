"""The officials' dossier API: their work list, a dossier's full record, and its actions.

A bearer token (motcua.accounts.tokens, for partner systems; no CSRF) or the session (ninja's
`django_auth`, which checks CSRF on unsafe methods). Every route scopes with `visible_to` first:
a dossier the official may not see is "not found" (404), never 403, so the answer does not
reveal that another agency's dossier exists. State changes go through
motcua.dossiers.lifecycle, whose domain errors become {"code", "message"} in motcua/api.py.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import django_auth

from motcua.accounts.models import User
from motcua.accounts.tokens import bearer_token
from motcua.core import audit
from motcua.core.errors import InvalidInput, NotFound

from . import lifecycle
from .api import ErrorOut, ProcedureRef, normalise_code
from .errors import NotAssignable
from .models import NATIONAL_STATUS_CODE, Dossier, DossierQuerySet, ReturnMethod, Status
from .queries import visible_to

router = Router(tags=["Hồ sơ (cán bộ)"], auth=[bearer_token, django_auth])

PAGE_SIZE = 20
READ_PURPOSE = "xem hồ sơ"
PERSONAL_FIELDS = (
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "form_data",
)
ERRORS: dict[int, type[Schema]] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


# --- Output ----------------------------------------------------------------------------------


class AgencyRef(Schema):
    code: str
    name: str


class DossierItem(Schema):
    code: str | None
    reference: str
    procedure: ProcedureRef
    status: str
    status_code: int
    status_label: str
    current_agency: AgencyRef
    received_at: datetime | None
    due_at: datetime | None
    assignee: str | None


class DossierPage(Schema):
    count: int
    page: int
    items: list[DossierItem]


class Applicant(Schema):
    kind: int
    name: str
    id_number: str
    phone: str
    email: str
    address: str


class EventOut(Schema):
    at: datetime
    action: str
    from_status: str
    to_status: str
    agency: str | None
    actor: str
    note: str


class DossierDetail(DossierItem):
    channel: int
    receiving_agency: AgencyRef
    submitted_at: datetime | None
    original_due_at: datetime | None
    apology_due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    decision: str
    decision_note: str
    return_method: str
    fee_amount: int
    applicant: Applicant
    form_data: dict[str, Any]
    events: list[EventOut]


# --- Action bodies ---------------------------------------------------------------------------


class Empty(Schema):
    pass


class Reasons(Schema):
    reasons: str


class Note(Schema):
    note: str = ""


class Reason(Schema):
    reason: str


class SupplementRequest(Schema):
    items: list[str]
    note: str = ""


class Assignment(Schema):
    to: str


class ResultReturn(Schema):
    method: ReturnMethod = ReturnMethod.DESK


class Apology(Schema):
    new_due_at: datetime
    reason: str


# --- Helpers ---------------------------------------------------------------------------------


def _local(instant: datetime | None) -> datetime | None:
    return timezone.localtime(instant) if instant is not None else None


def _scoped(request: HttpRequest) -> DossierQuerySet:
    dossiers = Dossier.objects.select_related("procedure", "current_agency", "assignee")
    return visible_to(request.user, dossiers)


def _visible(request: HttpRequest, ref: str) -> Dossier:
    wanted = normalise_code(ref)
    dossier = _scoped(request).filter(Q(code=wanted) | Q(reference=wanted)).first()
    if dossier is None:
        raise NotFound(f"Không tìm thấy hồ sơ {wanted}.")
    return dossier


def _item(dossier: Dossier) -> dict[str, Any]:
    return {
        "code": dossier.code,
        "reference": dossier.reference,
        "procedure": {"code": dossier.procedure.code, "name": dossier.procedure.name},
        "status": dossier.status,
        "status_code": NATIONAL_STATUS_CODE[dossier.status],
        "status_label": Status(dossier.status).label,
        "current_agency": {
            "code": dossier.current_agency.code,
            "name": dossier.current_agency.name,
        },
        "received_at": _local(dossier.received_at),
        "due_at": _local(dossier.due_at),
        "assignee": dossier.assignee.get_username() if dossier.assignee else None,
    }


def _detail(dossier: Dossier) -> dict[str, Any]:
    events = dossier.events.select_related("agency").order_by("at", "id")
    return {
        **_item(dossier),
        "channel": dossier.channel,
        "receiving_agency": {
            "code": dossier.receiving_agency.code,
            "name": dossier.receiving_agency.name,
        },
        "submitted_at": _local(dossier.submitted_at),
        "original_due_at": _local(dossier.original_due_at),
        "apology_due_at": _local(dossier.apology_due_at),
        "finished_at": _local(dossier.finished_at),
        "returned_at": _local(dossier.returned_at),
        "decision": dossier.decision,
        "decision_note": dossier.decision_note,
        "return_method": dossier.return_method,
        "fee_amount": dossier.fee_amount,
        "applicant": {
            "kind": dossier.applicant_kind,
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_id_number,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
            "address": dossier.applicant_address,
        },
        "form_data": dossier.form_data,
        "events": [
            {
                "at": timezone.localtime(event.at),
                "action": event.action,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "agency": event.agency.code if event.agency else None,
                "actor": event.actor_label,
                "note": event.note,
            }
            for event in events
        ],
    }


def _user(request: HttpRequest) -> User:
    # django_auth has let only an authenticated user through.
    assert isinstance(request.user, User)
    return request.user


def _act(
    request: HttpRequest, ref: str, change: Callable[[Dossier, User], Dossier]
) -> dict[str, Any]:
    # Use the dossier the action returns: the instance passed in is not refreshed.
    return _item(change(_visible(request, ref), _user(request)))


# --- Reads -----------------------------------------------------------------------------------


@router.get(
    "/officials/dossiers",
    response={200: DossierPage, **ERRORS},
    summary="Danh sách hồ sơ cán bộ được xem",
    description="Hồ sơ mới nhất trước, 20 hồ sơ mỗi trang. `status` lọc theo trạng thái "
    "(submitted, received, processing ...).",
)
def list_dossiers(request: HttpRequest, status: str | None = None, page: int = 1) -> Any:
    dossiers = _scoped(request)
    if status:
        if status not in Status.values:
            raise InvalidInput(
                f"Trạng thái «{status}» không hợp lệ. Các trạng thái: {', '.join(Status.values)}."
            )
        dossiers = dossiers.filter(status=status)
    if page < 1:
        raise InvalidInput("Số trang phải từ 1 trở lên.")
    dossiers = dossiers.order_by("-created_at", "-id")
    start = (page - 1) * PAGE_SIZE
    return {
        "count": dossiers.count(),
        "page": page,
        "items": [_item(d) for d in dossiers[start : start + PAGE_SIZE]],
    }


@router.get(
    "/officials/dossiers/{ref}",
    response={200: DossierDetail, **ERRORS},
    summary="Chi tiết hồ sơ",
    description="Nhận mã hồ sơ hoặc số đăng ký (NOP-...). Có thông tin cá nhân của chủ hồ sơ: "
    "mỗi lần xem được ghi vào nhật ký.",
)
def dossier_detail(request: HttpRequest, ref: str) -> Any:
    dossier = _visible(request, ref)
    audit.record_personal_data_read(_user(request), dossier, PERSONAL_FIELDS, purpose=READ_PURPOSE)
    return _detail(dossier)


# --- Actions ---------------------------------------------------------------------------------

ACTIONS = "/officials/dossiers/{ref}/actions"


def _action_route(action: lifecycle.Action) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return router.post(
        f"{ACTIONS}/{action.value}",
        response={200: DossierItem, **ERRORS},
        summary=action.label.capitalize(),
    )


@_action_route(lifecycle.Action.RECEIVE)
def receive(request: HttpRequest, ref: str, body: Empty) -> Any:
    return _act(request, ref, lambda d, by: lifecycle.receive(d, by=by))


@_action_route(lifecycle.Action.REFUSE)
def refuse(request: HttpRequest, ref: str, body: Reasons) -> Any:
    return _act(request, ref, lambda d, by: lifecycle.refuse(d, by=by, reasons=body.reasons))


@_action_route(lifecycle.Action.REQUEST_SUPPLEMENT)
def request_supplement(request: HttpRequest, ref: str, body: SupplementRequest) -> Any:
    return _act(
        request,
        ref,
        lambda d, by: lifecycle.request_supplement(d, by=by, items=body.items, note=body.note),
    )


@_action_route(lifecycle.Action.RECEIVE_SUPPLEMENT)
def receive_supplement(request: HttpRequest, ref: str, body: Empty) -> Any:
    return _act(request, ref, lambda d, by: lifecycle.receive_supplement(d, by=by))


@_action_route(lifecycle.Action.ASSIGN)
def assign(request: HttpRequest, ref: str, body: Assignment) -> Any:
    def change(dossier: Dossier, by: User) -> Dossier:
        to = User.objects.filter(username=body.to, is_active=True).first()
        if to is None:
            raise NotAssignable(f"Không tìm thấy cán bộ có tên đăng nhập «{body.to}».")
        return lifecycle.assign(dossier, by=by, to=to)

    return _act(request, ref, change)


@_action_route(lifecycle.Action.FORWARD)
def forward(request: HttpRequest, ref: str, body: Note) -> Any:
    return _act(request, ref, lambda d, by: lifecycle.forward(d, by=by, note=body.note))


@_action_route(lifecycle.Action.TAKE_BACK)
def take_back(request: HttpRequest, ref: str, body: Note) -> Any:
    return _act(request, ref, lambda d, by: lifecycle.take_back(d, by=by, note=body.note))


@_action_route(lifecycle.Action.APPROVE)
def approve(request: HttpRequest, ref: str, body: Note) -> Any:
    return _act(request, ref, lambda d, by: lifecycle.approve(d, by=by, note=body.note))


@_action_route(lifecycle.Action.REJECT)
def reject(request: HttpRequest, ref: str, body: Reasons) -> Any:
    return _act(request, ref, lambda d, by: lifecycle.reject(d, by=by, reasons=body.reasons))


@_action_route(lifecycle.Action.MARK_RESULT_READY)
def mark_result_ready(request: HttpRequest, ref: str, body: Empty) -> Any:
    return _act(request, ref, lambda d, by: lifecycle.mark_result_ready(d, by=by))


@_action_route(lifecycle.Action.RETURN_RESULT)
def return_result(request: HttpRequest, ref: str, body: ResultReturn) -> Any:
    return _act(request, ref, lambda d, by: lifecycle.return_result(d, by=by, method=body.method))


@_action_route(lifecycle.Action.APOLOGISE)
def apologise(request: HttpRequest, ref: str, body: Apology) -> Any:
    new_due_at = body.new_due_at
    if timezone.is_naive(new_due_at):
        new_due_at = timezone.make_aware(new_due_at)
    return _act(
        request,
        ref,
        lambda d, by: lifecycle.apologise(d, by=by, new_due_at=new_due_at, reason=body.reason),
    )


@_action_route(lifecycle.Action.WITHDRAW)
def withdraw(request: HttpRequest, ref: str, body: Reason) -> Any:
    return _act(request, ref, lambda d, by: lifecycle.withdraw(d, by=by, reason=body.reason))


# Registered last, so the actions above match first: anything else is an unknown action.
@router.post(
    f"{ACTIONS}/{{action}}",
    response={404: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    include_in_schema=False,
)
def unknown_action(request: HttpRequest, ref: str, action: str) -> Any:
    raise NotFound(f"Không có thao tác «{action}» trên hồ sơ.")
