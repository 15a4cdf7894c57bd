"""The dossier life cycle: every change of a dossier's state, one function per action.

ARCHITECTURE.md rule 1: a dossier changes state only here. Each action is a typed, keyword-only
function (STYLE.md point 3) that, in ONE transaction:

1. locks the dossier row (`_lock`: SELECT ... FOR UPDATE on PostgreSQL; SQLite ignores it, and its
   connection runs IMMEDIATE transactions, so the write lock is taken at BEGIN instead);
2. checks that the acting user holds the capability for the agency concerned (org.access);
3. checks the action against TRANSITIONS, the one table of allowed changes, on the locked row;
4. writes the new state (`_move`), one append-only Event, one audit entry ("dossier.<verb>") and
   outbox events ("dossier.status_changed" when the state changed, plus "dossier.<verb-ed>" for
   what a later handler must do: print a slip, notify the applicant, sync the national portal).

Side effects (slips, e-mails, the national portal) leave only through the outbox, after commit.
Use the dossier an action returns: the instance passed in is not refreshed.

Decisions where DOMAIN.md is silent or the model constrains us, cited where they apply:

* Reception lands in RECEIVED (national code 2) and hands the dossier over electronically at once:
  `current_agency` becomes the competent agency of the first processing step, so the dossier is in
  that agency's queue the same working day by construction (DOMAIN.md §3). The competent agency
  starts processing (PROCESSING, code 4) when its leader assigns a specialist. For a paper dossier
  the event and the outbox payload carry `paper_handover_due_at`: the end of the same working
  day, or of the next one if received after 15:00 (Decree 61 Art. 15), for the physical folder.
* A supplement requested at reception (the dossier is not yet received) leaves the dossier in
  SUBMITTED: the model's check constraint `dossier_received_has_code` forbids AWAITING_SUPPLEMENT
  without a code, and the clock has not started anyway (DOMAIN.md §4). It is recorded as the event
  "request_supplement_at_reception", does not count in `supplement_requests`, creates no Pause,
  and the complete dossier is then simply received.
* After reception a supplement request stops the clock (Pause with `due_at_before`); the complete
  supplement restarts the full limit from its arrival (Decree 61 Art. 19.4) and the dossier goes
  back to PROCESSING. `original_due_at` is set once, at reception, and never changes.
* Steps: `forward` moves through the procedure's process, transfer and approve steps in order; a
  step with an agency other than the current one is an inter-agency hop (liên thông). Approval
  and rejection happen at the approve step; `mark_result_ready` then sends the result back to
  the receiving desk (DOMAIN.md §3: "result comes back to the receiving desk"), where
  `return_result` hands it over.
* The implementing agency (steps with no agency) is the receiving agency when it implements the
  procedure, else the procedure's first implementing agency by code; it is kept in the snapshot.
* An apology must be issued no later than the working day before the due date's working day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.forms import validate_form_data
from motcua.catalog.models import Component, Procedure, Step
from motcua.core import audit, calendar, outbox, text
from motcua.core.errors import InvalidInput
from motcua.org.access import CAPABILITIES, agencies_with, has_capability
from motcua.org.models import Agency

from . import codes, rules
from .errors import (
    AlreadyDecided,
    ApologyAlreadyGiven,
    ApologyDateNotLater,
    ApologyTooLate,
    CannotTakeBack,
    NotAssignable,
    NotDecided,
    NotPermitted,
    NotReceivingAgency,
    ProcedureNotOnline,
    ReasonRequired,
    SupplementItemsRequired,
    TransitionNotAllowed,
    WrongStep,
)
from .models import (
    ApplicantKind,
    Channel,
    Decision,
    Dossier,
    DossierComponent,
    Event,
    Pause,
    ReturnMethod,
    Status,
)

Actor = User | AnonymousUser


class Action(models.TextChoices):
    """What happened to a dossier: the Event's `action`. Labels complete "Không thể …"."""

    SUBMIT = "submit", "nộp hồ sơ"
    RECEIVE = "receive", "tiếp nhận hồ sơ"
    REFUSE = "refuse", "từ chối tiếp nhận hồ sơ"
    REQUEST_SUPPLEMENT_AT_RECEPTION = "request_supplement_at_reception", "yêu cầu bổ sung hồ sơ"
    REQUEST_SUPPLEMENT = "request_supplement", "yêu cầu bổ sung hồ sơ"
    RECEIVE_SUPPLEMENT = "receive_supplement", "tiếp nhận hồ sơ bổ sung"
    ASSIGN = "assign", "phân công xử lý hồ sơ"
    FORWARD = "forward", "chuyển hồ sơ sang bước tiếp theo"
    TAKE_BACK = "take_back", "thu hồi hồ sơ đã chuyển"
    APPROVE = "approve", "phê duyệt hồ sơ"
    REJECT = "reject", "từ chối giải quyết hồ sơ"
    MARK_RESULT_READY = "mark_result_ready", "xác nhận đã có kết quả"
    RETURN_RESULT = "return_result", "trả kết quả"
    APOLOGISE = "apologise", "xin lỗi và hẹn lại ngày trả kết quả"
    WITHDRAW = "withdraw", "rút hồ sơ"


S = Status

# The allowed changes: for each action, the states it may start from and the state it leads to.
# Keyed by action rather than by state because several actions keep the state (assign, forward,
# approve ...) and a state-to-state table could not tell them apart. SUBMIT creates a dossier and
# has no "from" state, so it is not here.
TRANSITIONS: dict[Action, dict[Status, Status]] = {
    Action.RECEIVE: {S.SUBMITTED: S.RECEIVED},
    Action.REFUSE: {S.SUBMITTED: S.REFUSED},
    Action.REQUEST_SUPPLEMENT_AT_RECEPTION: {S.SUBMITTED: S.SUBMITTED},
    Action.REQUEST_SUPPLEMENT: {
        S.RECEIVED: S.AWAITING_SUPPLEMENT,
        S.PROCESSING: S.AWAITING_SUPPLEMENT,
    },
    Action.RECEIVE_SUPPLEMENT: {S.AWAITING_SUPPLEMENT: S.PROCESSING},
    Action.ASSIGN: {S.RECEIVED: S.PROCESSING, S.PROCESSING: S.PROCESSING},
    Action.FORWARD: {S.PROCESSING: S.PROCESSING},
    Action.TAKE_BACK: {S.PROCESSING: S.PROCESSING},
    Action.APPROVE: {S.PROCESSING: S.PROCESSING},
    Action.REJECT: {S.PROCESSING: S.PROCESSING},
    Action.MARK_RESULT_READY: {S.PROCESSING: S.RESULT_READY},
    Action.RETURN_RESULT: {S.RESULT_READY: S.RETURNED},
    # The clock is stopped while a supplement is awaited: nothing can be late then.
    Action.APOLOGISE: {
        S.RECEIVED: S.RECEIVED,
        S.PROCESSING: S.PROCESSING,
        S.AWAITING_PAYMENT: S.AWAITING_PAYMENT,
    },
    Action.WITHDRAW: {
        S.SUBMITTED: S.WITHDRAWN,
        S.RECEIVED: S.WITHDRAWN,
        S.PROCESSING: S.WITHDRAWN,
        S.AWAITING_SUPPLEMENT: S.WITHDRAWN,
        S.AWAITING_PAYMENT: S.WITHDRAWN,
    },
}

# The steps a dossier moves through between reception and the result.
WORK_STEPS = (Step.Kind.PROCESS, Step.Kind.TRANSFER, Step.Kind.APPROVE)
APPLICANT_FIELDS = ("name", "id_number", "phone", "email", "address")


# --- Submission and reception ----------------------------------------------------------------


def submit_online(
    procedure: Procedure,
    *,
    applicant: dict[str, Any],
    form_data: dict[str, Any],
    by: Actor,
    receiving_agency: Agency,
    return_method: str = ReturnMethod.DESK,
    consent_at: datetime | None = None,
    at: datetime | None = None,
) -> Dossier:
    """An online submission (channel 2), not yet received: SUBMITTED with a provisional reference.

    `by` is the applicant's own account, or an assisted submitter (post office, commune digital
    team) holding "dossier.submit_on_behalf" who records when the applicant consented
    (`consent_at`): still channel 2, with `submitted_by` set (DOMAIN.md §3).
    """
    at = _instant(at)
    if not by.is_authenticated:
        raise NotPermitted("Vui lòng đăng nhập để nộp hồ sơ trực tuyến.")
    assisted = consent_at is not None
    if assisted and not has_capability(by, "dossier.submit_on_behalf"):
        _refuse_permission("dossier.submit_on_behalf", None)
    if not procedure.is_online or not procedure.is_published:
        raise ProcedureNotOnline(
            f"Thủ tục «{procedure.name}» chưa cung cấp dịch vụ công trực tuyến: vui lòng nộp hồ "
            "sơ tại bộ phận một cửa."
        )
    data = _checked_submission(procedure, receiving_agency, return_method, applicant, form_data)
    with transaction.atomic():
        dossier = _new_dossier(
            procedure,
            applicant=applicant,
            form_data=data,
            channel=Channel.ONLINE,
            receiving_agency=receiving_agency,
            return_method=return_method,
            at=at,
            applicant_user=None if assisted else by,
            submitted_by=by if assisted else None,
            consent_at=consent_at,
        )
        _move(
            dossier,
            Action.SUBMIT,
            from_status="",
            by=by,
            at=at,
            agency=receiving_agency,
            details={"assisted": assisted},
            topics=("dossier.submitted",),
        )
    return dossier


def create_at_desk(
    procedure: Procedure,
    *,
    applicant: dict[str, Any],
    form_data: dict[str, Any],
    by: Actor,
    channel: int = Channel.DESK,
    receiving_agency: Agency | None = None,
    return_method: str = ReturnMethod.DESK,
    at: datetime | None = None,
) -> Dossier:
    """A walk-in (channel 1) or postal (channel 3) dossier: created and received in one go.

    `receiving_agency` defaults to the one agency where `by` may receive this procedure's
    dossiers. For a postal dossier, `at` is the signed hand-over record's time (DOMAIN.md §4).
    """
    at = _instant(at)
    if channel not in (Channel.DESK, Channel.POSTAL):
        raise InvalidInput(
            "Hồ sơ nhận tại quầy chỉ có kênh trực tiếp hoặc bưu chính công ích; hồ sơ trực "
            "tuyến do người nộp gửi qua cổng dịch vụ công."
        )
    if receiving_agency is None:
        receiving_agency = _desk_of(procedure, by)
    _require(by, "dossier.receive", receiving_agency)
    data = _checked_submission(procedure, receiving_agency, return_method, applicant, form_data)
    with transaction.atomic():
        dossier = _new_dossier(
            procedure,
            applicant=applicant,
            form_data=data,
            channel=channel,
            receiving_agency=receiving_agency,
            return_method=return_method,
            at=at,
        )
        # The hand-in is history too, but nobody outside needs to hear of a dossier that is
        # received in the same breath: no outbox event for it.
        _move(
            dossier,
            Action.SUBMIT,
            from_status="",
            by=by,
            at=at,
            agency=receiving_agency,
            details={"channel": int(channel)},
            topics=(),
            emit_status=False,
        )
        _receive_locked(dossier, by=by, at=at)
    return dossier


def receive(dossier: Dossier, *, by: Actor, at: datetime | None = None) -> Dossier:
    """Accept a complete online dossier: issue its code and start the legal clock."""
    at = _instant(at)
    with transaction.atomic():
        dossier = _lock(dossier)
        _require(by, "dossier.receive", dossier.receiving_agency)
        _receive_locked(dossier, by=by, at=at)
    return dossier


def _receive_locked(dossier: Dossier, *, by: Actor, at: datetime) -> None:
    to = _target(dossier, Action.RECEIVE)
    procedure = dossier.procedure
    implementing = _implementing_agency(procedure, dossier.receiving_agency)
    deadline = calendar.due_at(at, procedure.time_limit, procedure.time_limit_unit)
    fee = procedure.base_fee
    dossier.code = codes.next_code(dossier.receiving_agency, at)
    dossier.rule_set = rules.rule_set_on(at)
    dossier.procedure_snapshot = rules.procedure_snapshot(
        procedure, fee=fee, implementing=implementing
    )
    dossier.fee_amount = fee
    dossier.received_at = at
    dossier.counted_from = deadline.counted_from
    dossier.due_at = deadline.due_at
    dossier.original_due_at = deadline.due_at
    first = next(iter(_work_steps(dossier, kinds=(Step.Kind.PROCESS,))), None)
    first = first or next(iter(_work_steps(dossier)), None)
    dossier.current_step = first
    dossier.current_agency = _step_agency(first, implementing)
    details: dict[str, Any] = {
        "rule_set": dossier.rule_set,
        "counted_from": _iso(deadline.counted_from),
        "due_at": _iso(deadline.due_at),
        "to_agency": dossier.current_agency.code,
    }
    if dossier.channel != Channel.ONLINE:
        # Decree 61 Art. 15: the paper folder reaches the competent agency the same working day,
        # or the next one when received after 15:00 — the "same day" limit says exactly that.
        details["paper_handover_due_at"] = _iso(calendar.due_at(at, 0, "same_day").due_at)
    _move(
        dossier,
        Action.RECEIVE,
        to=to,
        by=by,
        at=at,
        agency=dossier.receiving_agency,
        details=details,
        topics=("dossier.received",),
    )


def refuse(dossier: Dossier, *, by: Actor, reasons: str, at: datetime | None = None) -> Dossier:
    """Decline an online dossier at reception, with reasons (Mẫu 03)."""
    at = _instant(at)
    reasons = _required_text(reasons, "Phải nêu rõ lý do từ chối tiếp nhận hồ sơ.")
    with transaction.atomic():
        dossier = _lock(dossier)
        _require(by, "dossier.refuse", dossier.receiving_agency)
        to = _target(dossier, Action.REFUSE)
        dossier.decision_note = reasons
        _move(
            dossier,
            Action.REFUSE,
            to=to,
            by=by,
            at=at,
            agency=dossier.receiving_agency,
            note=reasons,
            topics=("dossier.refused",),
        )
    return dossier


# --- Supplements -----------------------------------------------------------------------------


def request_supplement(
    dossier: Dossier,
    *,
    by: Actor,
    items: Sequence[str],
    note: str = "",
    at: datetime | None = None,
) -> Dossier:
    """Ask once, completely, for missing or corrected components (Mẫu 02).

    At reception (not yet received) the clock has not started and the request does not count;
    after reception the clock stops until the complete supplement arrives (DOMAIN.md §4).
    """
    at = _instant(at)
    wanted = [item.strip() for item in items if item and item.strip()]
    if not wanted:
        raise SupplementItemsRequired()
    with transaction.atomic():
        dossier = _lock(dossier)
        details: dict[str, Any] = {"items": wanted}
        if dossier.received_at is None:
            _require(by, "dossier.request_supplement", dossier.receiving_agency)
            action = Action.REQUEST_SUPPLEMENT_AT_RECEPTION
            to = _target(dossier, action)
            agency = dossier.receiving_agency
        else:
            _require(by, "dossier.request_supplement", dossier.current_agency)
            action = Action.REQUEST_SUPPLEMENT
            to = _target(dossier, action)
            agency = dossier.current_agency
            Pause.objects.create(
                dossier=dossier,
                reason=Pause.Reason.SUPPLEMENT,
                started_at=at,
                due_at_before=dossier.due_at,
            )
            dossier.supplement_requests += 1
            details["due_at_before"] = _iso(dossier.due_at)
            details["supplement_requests"] = dossier.supplement_requests
        _move(
            dossier,
            action,
            to=to,
            by=by,
            at=at,
            agency=agency,
            note=note,
            details=details,
            topics=("dossier.supplement_requested",),
        )
    return dossier


def receive_supplement(
    dossier: Dossier, *, by: Actor, at: datetime | None = None, note: str = ""
) -> Dossier:
    """The complete supplement arrived after reception: the full time limit restarts from now.

    Decree 61 Art. 19.4 (DOMAIN.md §4): the due date is computed afresh from this instant; the
    original due date stays in `original_due_at`, the pause span in its Pause row. Recorded by
    the one-stop desk that received it, by the agency that asked for it, or by the applicant
    (or their assisted submitter) answering online.
    """
    at = _instant(at)
    with transaction.atomic():
        dossier = _lock(dossier)
        # The applicant answers online, in place, from "Hồ sơ của tôi" (issue 6): the portal
        # stores the papers first, then calls this with the applicant as `by`.
        own = by.is_authenticated and by.pk in (dossier.applicant_user_id, dossier.submitted_by_id)
        if not (
            own
            or has_capability(by, "dossier.request_supplement", dossier.current_agency)
            or has_capability(by, "dossier.receive", dossier.receiving_agency)
        ):
            _refuse_permission("dossier.request_supplement", dossier.current_agency)
        to = _target(dossier, Action.RECEIVE_SUPPLEMENT)
        snapshot = dossier.procedure_snapshot
        deadline = calendar.restart_after_supplement(
            at, int(snapshot["time_limit"]), str(snapshot["time_limit_unit"])
        )
        details = {
            "due_at_before": _iso(dossier.due_at),
            "counted_from": _iso(deadline.counted_from),
            "due_at": _iso(deadline.due_at),
        }
        dossier.counted_from = deadline.counted_from
        dossier.due_at = deadline.due_at
        dossier.due_soon_alerted_at = dossier.overdue_alerted_at = None  # alarms: a new date
        Pause.objects.filter(
            dossier=dossier, reason=Pause.Reason.SUPPLEMENT, ended_at__isnull=True
        ).update(ended_at=at)
        _move(
            dossier,
            Action.RECEIVE_SUPPLEMENT,
            to=to,
            by=by,
            at=at,
            agency=dossier.current_agency,
            note=note,
            details=details,
            topics=("dossier.supplement_received",),
        )
    return dossier


# --- Processing ------------------------------------------------------------------------------


def assign(dossier: Dossier, *, by: Actor, to: User, at: datetime | None = None) -> Dossier:
    """A leader gives the dossier to a specialist of the same agency; reassigning is the same."""
    at = _instant(at)
    with transaction.atomic():
        dossier = _lock(dossier)
        agency = dossier.current_agency
        _require(by, "dossier.assign", agency)
        target = _target(dossier, Action.ASSIGN)
        if not has_capability(to, "dossier.process", agency):
            raise NotAssignable(
                f"«{to}» không phải cán bộ xử lý hồ sơ của {agency.name}: không thể phân công."
            )
        previous = dossier.assignee
        dossier.assignee = to
        _move(
            dossier,
            Action.ASSIGN,
            to=target,
            by=by,
            at=at,
            agency=agency,
            details={
                "assignee": str(to),
                "assignee_id": to.pk,
                "previous_assignee_id": previous.pk if previous else None,
            },
            topics=("dossier.assigned",),
        )
    return dossier


def forward(dossier: Dossier, *, by: Actor, note: str = "", at: datetime | None = None) -> Dossier:
    """The current step is done: move to the next one, to another agency for a transfer step."""
    at = _instant(at)
    with transaction.atomic():
        dossier = _lock(dossier)
        agency = dossier.current_agency
        _require(by, "dossier.process", agency)
        to = _target(dossier, Action.FORWARD)
        _require_assignee_or_leader(dossier, by)
        step = dossier.current_step
        if dossier.decision:
            raise AlreadyDecided()
        if step is not None and step.kind == Step.Kind.APPROVE:
            raise WrongStep(
                f"Hồ sơ đang ở bước «{step.name}»: lãnh đạo phê duyệt hoặc từ chối giải quyết, "
                "không chuyển bước."
            )
        following = _next_step(dossier)
        if following is None:
            raise WrongStep(
                "Hồ sơ đã ở bước xử lý cuối cùng: không còn bước nào để chuyển; lãnh đạo phê "
                "duyệt hoặc từ chối giải quyết."
            )
        next_agency = _step_agency(following, _implementing_of(dossier))
        crosses = next_agency.pk != agency.pk
        if crosses:
            _require(by, "dossier.transfer", agency)
        details = {
            "from_step_id": step.pk if step else None,
            "to_step_id": following.pk,
            "to_step": following.name,
            "from_agency": agency.code,
            "to_agency": next_agency.code,
            "from_agency_id": agency.pk,
            "from_assignee_id": dossier.assignee_id,
        }
        dossier.current_step = following
        if crosses:
            dossier.current_agency = next_agency
            dossier.assignee = None
        _move(
            dossier,
            Action.FORWARD,
            to=to,
            by=by,
            at=at,
            agency=agency,
            step=step,
            note=note,
            details=details,
            topics=("dossier.transferred",) if crosses else ("dossier.forwarded",),
        )
    return dossier


def take_back(
    dossier: Dossier, *, by: Actor, note: str = "", at: datetime | None = None
) -> Dossier:
    """Retract a transfer the other agency has not acted on yet (liên thông sent by mistake)."""
    at = _instant(at)
    with transaction.atomic():
        dossier = _lock(dossier)
        last = dossier.events.order_by("-id").first()
        step = dossier.current_step
        if (
            last is None
            or last.action != Action.FORWARD
            or step is None
            or last.details.get("to_step_id") != step.pk
            or last.details.get("from_agency_id") == dossier.current_agency_id
        ):
            raise CannotTakeBack(
                "Chỉ thu hồi được hồ sơ vừa chuyển liên thông mà cơ quan nhận chưa xử lý."
            )
        sender = Agency.objects.get(pk=last.details["from_agency_id"])
        _require(by, "dossier.transfer", sender)
        to = _target(dossier, Action.TAKE_BACK)
        from_step_id = last.details.get("from_step_id")
        details = {"from_agency": dossier.current_agency.code, "to_agency": sender.code}
        dossier.current_step = Step.objects.filter(pk=from_step_id).first()
        dossier.current_agency = sender
        dossier.assignee_id = last.details.get("from_assignee_id")
        _move(
            dossier,
            Action.TAKE_BACK,
            to=to,
            by=by,
            at=at,
            agency=sender,
            step=step,
            note=note,
            details=details,
            topics=("dossier.taken_back",),
        )
    return dossier


def approve(dossier: Dossier, *, by: Actor, note: str = "", at: datetime | None = None) -> Dossier:
    """The leader decides to grant what was asked; the result is then issued."""
    return _decide(dossier, Action.APPROVE, Decision.APPROVED, by=by, note=note, at=at)


def reject(dossier: Dossier, *, by: Actor, reasons: str, at: datetime | None = None) -> Dossier:
    """The leader decides not to grant it, with reasons: a result too (national code 9)."""
    reasons = _required_text(reasons, "Phải nêu rõ lý do từ chối giải quyết hồ sơ.")
    return _decide(dossier, Action.REJECT, Decision.REJECTED, by=by, note=reasons, at=at)


def _decide(
    dossier: Dossier,
    action: Action,
    decision: Decision,
    *,
    by: Actor,
    note: str,
    at: datetime | None,
) -> Dossier:
    at = _instant(at)
    with transaction.atomic():
        dossier = _lock(dossier)
        _require(by, "dossier.approve", dossier.current_agency)
        to = _target(dossier, action)
        if dossier.decision:
            raise AlreadyDecided()
        step = dossier.current_step
        if step is not None and step.kind != Step.Kind.APPROVE:
            raise WrongStep(
                f"Hồ sơ đang ở bước «{step.name}», chưa đến bước phê duyệt: chuyên viên xử lý "
                "xong rồi chuyển lên lãnh đạo."
            )
        dossier.decision = decision
        dossier.decision_note = note
        _move(
            dossier,
            action,
            to=to,
            by=by,
            at=at,
            agency=dossier.current_agency,
            step=step,
            note=note,
            details={"decision": decision.value},
            topics=("dossier.decided",),
        )
    return dossier


def mark_result_ready(dossier: Dossier, *, by: Actor, at: datetime | None = None) -> Dossier:
    """The result is issued: processing ends now (the verdict's instant) and the result goes
    back to the receiving desk to be handed over."""
    at = _instant(at)
    with transaction.atomic():
        dossier = _lock(dossier)
        _require(by, "dossier.process", dossier.current_agency)
        to = _target(dossier, Action.MARK_RESULT_READY)
        if not dossier.decision:
            raise NotDecided()
        agency = dossier.current_agency
        step = dossier.current_step
        dossier.finished_at = at
        dossier.current_step = next(
            iter(_steps(dossier).filter(kind=Step.Kind.RETURN)), dossier.current_step
        )
        dossier.current_agency = dossier.receiving_agency
        dossier.assignee = None
        _move(
            dossier,
            Action.MARK_RESULT_READY,
            to=to,
            by=by,
            at=at,
            agency=agency,
            step=step,
            details={"decision": dossier.decision, "to_agency": dossier.receiving_agency.code},
            topics=("dossier.result_ready",),
        )
    return dossier


def return_result(
    dossier: Dossier, *, by: Actor, method: str = ReturnMethod.DESK, at: datetime | None = None
) -> Dossier:
    """Hand the result to the applicant, at the desk, online or by public post."""
    at = _instant(at)
    _check_return_method(method)
    with transaction.atomic():
        dossier = _lock(dossier)
        _require(by, "dossier.return_result", dossier.receiving_agency)
        to = _target(dossier, Action.RETURN_RESULT)
        dossier.returned_at = at
        dossier.return_method = method
        _move(
            dossier,
            Action.RETURN_RESULT,
            to=to,
            by=by,
            at=at,
            agency=dossier.receiving_agency,
            step=dossier.current_step,
            details={"method": method},
            topics=("dossier.returned",),
        )
    return dossier


def apologise(
    dossier: Dossier,
    *,
    by: Actor,
    new_due_at: datetime,
    reason: str,
    at: datetime | None = None,
) -> Dossier:
    """Apology and new appointment (Mẫu 04): at most once, at least one working day before the
    due date, for a later date. The verdict still uses `due_at` (DOMAIN.md §4)."""
    at = _instant(at)
    reason = _required_text(reason, "Phải nêu rõ lý do xin lỗi và hẹn lại ngày trả kết quả.")
    with transaction.atomic():
        dossier = _lock(dossier)
        _require(by, "dossier.reschedule", dossier.current_agency)
        to = _target(dossier, Action.APOLOGISE)
        if dossier.apology_due_at is not None:
            raise ApologyAlreadyGiven()
        due = dossier.due_at
        assert due is not None  # every received dossier has one
        if new_due_at <= due:
            raise ApologyDateNotLater(
                f"Ngày hẹn lại phải sau ngày hẹn trả hiện tại ({_shown(due)})."
            )
        last_day = _previous_working_day(timezone.localtime(due).date())
        if timezone.localtime(at).date() > last_day:
            raise ApologyTooLate(
                "Phải xin lỗi và hẹn lại chậm nhất 1 ngày làm việc trước ngày hẹn trả "
                f"({_shown(due)}), tức là trong ngày {last_day:%d/%m/%Y}."
            )
        dossier.apology_due_at = new_due_at
        dossier.due_soon_alerted_at = dossier.overdue_alerted_at = None  # alarms: a new date
        _move(
            dossier,
            Action.APOLOGISE,
            to=to,
            by=by,
            at=at,
            agency=dossier.current_agency,
            step=dossier.current_step,
            note=reason,
            details={"due_at": _iso(due), "new_due_at": _iso(new_due_at)},
            topics=("dossier.apologised",),
        )
    return dossier


def withdraw(dossier: Dossier, *, by: Actor, reason: str, at: datetime | None = None) -> Dossier:
    """The applicant withdraws the dossier: themself online, or through the one-stop desk."""
    at = _instant(at)
    reason = _required_text(reason, "Phải ghi rõ lý do rút hồ sơ.")
    with transaction.atomic():
        dossier = _lock(dossier)
        own = by.is_authenticated and by.pk in (dossier.applicant_user_id, dossier.submitted_by_id)
        if not own and not has_capability(by, "dossier.receive", dossier.receiving_agency):
            raise NotPermitted(
                "Chỉ chủ hồ sơ hoặc cán bộ một cửa nơi tiếp nhận mới được rút hồ sơ theo yêu cầu "
                "của chủ hồ sơ."
            )
        to = _target(dossier, Action.WITHDRAW)
        if dossier.received_at is not None:
            # Withdrawn dossiers count in the verdict only if they had been received.
            dossier.finished_at = at
        Pause.objects.filter(dossier=dossier, ended_at__isnull=True).update(ended_at=at)
        _move(
            dossier,
            Action.WITHDRAW,
            to=to,
            by=by,
            at=at,
            agency=dossier.current_agency,
            step=dossier.current_step,
            note=reason,
            topics=("dossier.withdrawn",),
        )
    return dossier


# --- The locking helper and the one place that writes a change --------------------------------


def _lock(dossier: Dossier) -> Dossier:
    # Lock the row: the API and an officer can act on the same dossier at the same moment; the
    # second one waits here and then sees the state the first one left.
    # The lock is taken on the bare row: with a join, PostgreSQL re-checks the join against the
    # old related rows after waiting, and a dossier whose agency the winner changed would vanish
    # from the loser's query (DoesNotExist instead of a clear conflict). The related rows every
    # action reads are then loaded in one query rather than one lazy query each.
    Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("pk").get()
    return Dossier.objects.select_related(
        "procedure", "receiving_agency", "current_agency", "current_step"
    ).get(pk=dossier.pk)


def _target(dossier: Dossier, action: Action) -> Status:
    """The state `action` leads to from the dossier's current state, or TransitionNotAllowed."""
    current = Status(dossier.status)
    to = TRANSITIONS[action].get(current)
    if to is None:
        raise TransitionNotAllowed(
            current_label=current.label,
            action_label=action.label,
            current=current.value,
            action=action.value,
        )
    return to


def _move(
    dossier: Dossier,
    action: Action,
    *,
    by: Actor,
    at: datetime,
    agency: Agency,
    to: Status | None = None,
    from_status: str | None = None,
    step: Step | None = None,
    note: str = "",
    details: dict[str, Any] | None = None,
    topics: Iterable[str] = (),
    emit_status: bool = True,
) -> Event:
    """Write the new state, its Event, audit entry and outbox events (caller's transaction)."""
    before = dossier.status if from_status is None else from_status
    after = to or Status(dossier.status)
    dossier.status = after
    dossier.save()
    actor = by if isinstance(by, User) else None
    details = details or {}
    event = Event.objects.create(
        dossier=dossier,
        at=at,
        actor=actor,
        actor_label=str(by)[:200] if actor is not None else audit.SYSTEM_LABEL,
        action=action.value,
        from_status=before,
        to_status=after,
        agency=agency,
        step=step if step is not None else dossier.current_step,
        note=note,
        details=details,
    )
    audit.record(
        actor,
        f"dossier.{action.value}",
        target=dossier,
        details={"from": before, "to": after, "event_id": event.pk, "note": note, **details},
    )
    payload = _payload(dossier, event, agency=agency)
    key = f"{dossier.reference}:{event.pk}"
    if emit_status and before != after:
        outbox.emit("dossier.status_changed", payload=payload, key=key)
    for topic in topics:
        outbox.emit(topic, payload=payload, key=key)
    return event


def _payload(dossier: Dossier, event: Event, *, agency: Agency) -> dict[str, Any]:
    # No personal data: the outbox is read by operators; a handler that needs the applicant's
    # contact loads the dossier by its reference.
    return {
        "event_id": event.pk,
        "action": event.action,
        "code": dossier.code,
        "reference": dossier.reference,
        "procedure_code": dossier.procedure.code,
        "channel": dossier.channel,
        "status": dossier.status,
        "status_code": dossier.national_status_code,
        "from_status": event.from_status,
        "agency_code": agency.code,
        "current_agency_code": dossier.current_agency.code,
        "receiving_agency_code": dossier.receiving_agency.code,
        "at": _iso(event.at),
        "submitted_at": _iso(dossier.submitted_at),
        "received_at": _iso(dossier.received_at),
        "counted_from": _iso(dossier.counted_from),
        "due_at": _iso(dossier.due_at),
        "original_due_at": _iso(dossier.original_due_at),
        "apology_due_at": _iso(dossier.apology_due_at),
        "finished_at": _iso(dossier.finished_at),
        "returned_at": _iso(dossier.returned_at),
        "decision": dossier.decision,
        "note": event.note,
        "details": event.details,
    }


# --- Checks ----------------------------------------------------------------------------------


def _require(user: Actor, capability: str, agency: Agency) -> None:
    if not has_capability(user, capability, agency):
        _refuse_permission(capability, agency)


def _refuse_permission(capability: str, agency: Agency | None) -> None:
    label = CAPABILITIES[capability]
    where = f" tại {agency.name}" if agency is not None else ""
    raise NotPermitted(f"Bạn không có quyền {label[:1].lower()}{label[1:]}{where}.")


def _require_assignee_or_leader(dossier: Dossier, by: Actor) -> None:
    if dossier.assignee_id is None or dossier.assignee_id == by.pk:
        return
    if not has_capability(by, "dossier.assign", dossier.current_agency):
        raise NotPermitted(
            f"Hồ sơ đang được phân công cho «{dossier.assignee}»: chỉ người được phân công hoặc "
            f"lãnh đạo {dossier.current_agency.name} mới được xử lý."
        )


def _required_text(text: str | None, message: str) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise ReasonRequired(message)
    return cleaned


def _check_return_method(method: str) -> None:
    if method not in ReturnMethod.values:
        choices = ", ".join(ReturnMethod.values)
        raise InvalidInput(f"Hình thức nhận kết quả không hợp lệ: {method!r} (chọn: {choices}).")


def _receiving_agencies(procedure: Procedure) -> list[Agency]:
    # Catalog: no receiving agency listed means the implementing agency's own desk.
    return list(procedure.receiving_agencies.all()) or list(procedure.agencies.all())


def _check_receiving_agency(procedure: Procedure, agency: Agency) -> None:
    if agency.pk not in {a.pk for a in _receiving_agencies(procedure)}:
        raise NotReceivingAgency(
            f"{agency.name} không tiếp nhận hồ sơ của thủ tục «{procedure.name}»."
        )


def _desk_of(procedure: Procedure, by: Actor) -> Agency:
    mine = set(agencies_with(by, "dossier.receive").values_list("pk", flat=True))
    candidates = [a for a in _receiving_agencies(procedure) if a.pk in mine]
    if not candidates:
        raise NotPermitted(
            f"Bạn không có quyền tiếp nhận hồ sơ của thủ tục «{procedure.name}» tại nơi nào."
        )
    if len(candidates) > 1:
        raise InvalidInput("Bạn tiếp nhận hồ sơ ở nhiều nơi: hãy chọn nơi tiếp nhận hồ sơ này.")
    return candidates[0]


# --- Building a dossier ----------------------------------------------------------------------


def _checked_submission(
    procedure: Procedure,
    receiving_agency: Agency,
    return_method: str,
    applicant: dict[str, Any],
    form_data: dict[str, Any],
) -> dict[str, Any]:
    """What every new dossier must pass, online or at the desk: the place, the return method and
    the form. Returns the validated form data."""
    _check_receiving_agency(procedure, receiving_agency)
    _check_return_method(return_method)
    return _validated_form(procedure, applicant, form_data)


def _validated_form(
    procedure: Procedure, applicant: dict[str, Any], form_data: dict[str, Any]
) -> dict[str, Any]:
    # The form's applicant block is the same person as `applicant`: fill it from there when the
    # form left it out, so the citizen never types it twice; what the form says wins.
    data = dict(form_data)
    for field in APPLICANT_FIELDS:
        value = applicant.get(field)
        if value:
            data.setdefault(f"applicant_{field}", value)
    return validate_form_data(procedure, data)


def _new_dossier(
    procedure: Procedure,
    *,
    applicant: dict[str, Any],
    form_data: dict[str, Any],
    channel: int,
    receiving_agency: Agency,
    return_method: str,
    at: datetime,
    applicant_user: User | None = None,
    submitted_by: User | None = None,
    consent_at: datetime | None = None,
) -> Dossier:
    """A SUBMITTED dossier with one component per paper the procedure asks for (caller's
    transaction)."""
    dossier = Dossier.objects.create(
        reference=_fresh_reference(at),
        procedure=procedure,
        status=Status.SUBMITTED,
        channel=channel,
        applicant_kind=applicant.get("kind") or ApplicantKind.CITIZEN,
        applicant_name=form_data.get("applicant_name", applicant.get("name", "")),
        applicant_name_folded=text.fold(form_data.get("applicant_name", applicant.get("name", ""))),
        applicant_id_number=form_data.get("applicant_id_number", ""),
        applicant_phone=form_data.get("applicant_phone", ""),
        applicant_email=form_data.get("applicant_email", ""),
        applicant_address=form_data.get("applicant_address", ""),
        applicant_user=applicant_user,
        submitted_by=submitted_by,
        consent_at=consent_at,
        form_data=form_data,
        receiving_agency=receiving_agency,
        current_agency=receiving_agency,
        return_method=return_method,
        submitted_at=at,
    )
    _create_components(dossier, consent_at=consent_at or at)
    return dossier


def _fresh_reference(at: datetime) -> str:
    # 28^6 references a day: a clash is rare, but the unique index must never be what tells us.
    for _ in range(5):
        reference = codes.new_reference(at)
        if not Dossier.objects.filter(reference=reference).exists():
            return reference
    return codes.new_reference(at)


def _create_components(dossier: Dossier, *, consent_at: datetime) -> None:
    components: Iterable[Component] = dossier.procedure.components.all()
    DossierComponent.objects.bulk_create(
        DossierComponent(
            dossier=dossier,
            component=component,
            name=component.name,
            replaced_by=component.replaced_by,
            # Data taken from a national database instead of paper needs the applicant's consent
            # (Decree 13/2023): its time is the submission's.
            consent_at=consent_at if component.replaced_by else None,
        )
        for component in components
    )


# --- Steps and agencies ----------------------------------------------------------------------


def _implementing_agency(procedure: Procedure, receiving: Agency) -> Agency:
    agencies = list(procedure.agencies.order_by("code"))
    if any(a.pk == receiving.pk for a in agencies):
        return receiving
    return agencies[0] if agencies else receiving


def _implementing_of(dossier: Dossier) -> Agency:
    code = dossier.procedure_snapshot.get("implementing_agency")
    if code:
        found = Agency.objects.filter(code=code).first()
        if found is not None:
            return found
    return _implementing_agency(dossier.procedure, dossier.receiving_agency)


def _step_agency(step: Step | None, implementing: Agency) -> Agency:
    if step is not None and step.agency is not None:
        return step.agency
    return implementing


def _steps(dossier: Dossier) -> models.QuerySet[Step]:
    return Step.objects.filter(procedure_id=dossier.procedure_id).order_by("order", "id")


def _work_steps(dossier: Dossier, *, kinds: Sequence[str] = WORK_STEPS) -> list[Step]:
    return list(_steps(dossier).filter(kind__in=kinds).select_related("agency"))


def _next_step(dossier: Dossier) -> Step | None:
    if dossier.current_step_id is None:
        return None
    steps = _work_steps(dossier)
    ids = [s.pk for s in steps]
    if dossier.current_step_id not in ids:
        return None
    position = ids.index(dossier.current_step_id)
    return steps[position + 1] if position + 1 < len(steps) else None


# --- Time ------------------------------------------------------------------------------------


def _instant(at: datetime | None) -> datetime:
    if at is None:
        return timezone.now()
    return timezone.make_aware(at) if timezone.is_naive(at) else at


def _previous_working_day(day: date) -> date:
    for _ in range(400):
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            return day
    raise InvalidInput("Không tìm thấy ngày làm việc nào trước ngày hẹn trả.")


def _iso(instant: datetime | None) -> str | None:
    return timezone.localtime(instant).isoformat() if instant is not None else None


def _shown(instant: datetime) -> str:
    return timezone.localtime(instant).strftime("%d/%m/%Y %H:%M")
