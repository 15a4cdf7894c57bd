"""Which life-cycle actions an official may take on a dossier right now (the page's buttons).

The rules live in motcua.dossiers.lifecycle: its TRANSITIONS table says which actions the state
allows, and the capabilities below are the ones each lifecycle function checks, at the same
agency. A button shown here can still be refused by the lifecycle (someone else acted a moment
earlier); the view then shows the domain error's message. A button hidden here would only have
led to such a message.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.catalog.models import Step
from motcua.dossiers import lifecycle
from motcua.dossiers.lifecycle import TRANSITIONS, Action
from motcua.dossiers.models import Dossier, Status
from motcua.org.access import has_capability
from motcua.org.models import Agency

# Who may do what, where: (capability, "receiving" or "current" agency), any one suffices.
# The same pairs as the `_require` calls of each lifecycle function.
HOLDERS: dict[Action, tuple[tuple[str, str], ...]] = {
    Action.RECEIVE: (("dossier.receive", "receiving"),),
    Action.REFUSE: (("dossier.refuse", "receiving"),),
    Action.REQUEST_SUPPLEMENT_AT_RECEPTION: (("dossier.request_supplement", "receiving"),),
    Action.REQUEST_SUPPLEMENT: (("dossier.request_supplement", "current"),),
    Action.RECEIVE_SUPPLEMENT: (
        ("dossier.request_supplement", "current"),
        ("dossier.receive", "receiving"),
    ),
    Action.ASSIGN: (("dossier.assign", "current"),),
    Action.FORWARD: (("dossier.process", "current"),),
    Action.APPROVE: (("dossier.approve", "current"),),
    Action.REJECT: (("dossier.approve", "current"),),
    Action.MARK_RESULT_READY: (("dossier.process", "current"),),
    Action.RETURN_RESULT: (("dossier.return_result", "receiving"),),
    Action.APOLOGISE: (("dossier.reschedule", "current"),),
    # An official withdraws at the applicant's request at the desk that received the dossier.
    Action.WITHDRAW: (("dossier.receive", "receiving"),),
}

# What the button says (the Event labels complete "Không thể …", these stand alone).
LABELS: dict[Action, str | Promise] = {
    Action.RECEIVE: _("Tiếp nhận hồ sơ"),
    Action.REFUSE: _("Từ chối tiếp nhận"),
    Action.REQUEST_SUPPLEMENT_AT_RECEPTION: _("Yêu cầu bổ sung hồ sơ"),
    Action.REQUEST_SUPPLEMENT: _("Yêu cầu bổ sung hồ sơ"),
    Action.RECEIVE_SUPPLEMENT: _("Tiếp nhận hồ sơ bổ sung"),
    Action.ASSIGN: _("Phân công xử lý"),
    Action.FORWARD: _("Chuyển bước tiếp theo"),
    Action.TAKE_BACK: _("Thu hồi hồ sơ đã chuyển"),
    Action.APPROVE: _("Phê duyệt"),
    Action.REJECT: _("Từ chối giải quyết"),
    Action.MARK_RESULT_READY: _("Xác nhận đã có kết quả"),
    Action.RETURN_RESULT: _("Trả kết quả"),
    Action.APOLOGISE: _("Xin lỗi và hẹn lại ngày trả"),
    Action.WITHDRAW: _("Rút hồ sơ theo yêu cầu"),
}


@dataclass(frozen=True)
class Available:
    action: Action
    label: str

    @property
    def slug(self) -> str:
        return self.action.value


class _Capabilities:
    """has_capability, asked once per (capability, agency) while one page is drawn."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.known: dict[tuple[str, int], bool] = {}

    def has(self, capability: str, agency: Agency) -> bool:
        key = (capability, agency.pk)
        if key not in self.known:
            self.known[key] = has_capability(self.user, capability, agency)
        return self.known[key]


def allowed_actions(dossier: Dossier, user: User, now: datetime) -> list[Available]:
    """The actions `user` may take on `dossier` at `now`, in the order of the life cycle."""
    caps = _Capabilities(user)
    status = Status(dossier.status)
    found: list[Available] = []
    for action, moves in TRANSITIONS.items():
        if status not in moves:
            continue
        if action == Action.TAKE_BACK:
            allowed = _may_take_back(dossier, caps)
        else:
            allowed = _holds(dossier, action, caps) and _fits(dossier, action, user, caps, now)
        if allowed:
            found.append(Available(action=action, label=str(LABELS[action])))
    return found


def _holds(dossier: Dossier, action: Action, caps: _Capabilities) -> bool:
    agencies = {"receiving": dossier.receiving_agency, "current": dossier.current_agency}
    return any(caps.has(capability, agencies[where]) for capability, where in HOLDERS[action])


def _fits(dossier: Dossier, action: Action, user: User, caps: _Capabilities, now: datetime) -> bool:
    """What else the lifecycle function will insist on, beyond state and capability."""
    step = dossier.current_step
    at_approval = step is not None and step.kind == Step.Kind.APPROVE
    received = dossier.received_at is not None
    if action == Action.REQUEST_SUPPLEMENT_AT_RECEPTION:
        return not received
    if action == Action.REQUEST_SUPPLEMENT:
        return received
    if action == Action.FORWARD:
        mine = dossier.assignee_id in (None, user.pk) or caps.has(
            "dossier.assign", dossier.current_agency
        )
        return (
            mine
            and not dossier.decision
            and not at_approval
            and lifecycle._next_step(dossier) is not None
        )
    if action in (Action.APPROVE, Action.REJECT):
        return not dossier.decision and (step is None or at_approval)
    if action == Action.MARK_RESULT_READY:
        return bool(dossier.decision)
    if action == Action.APOLOGISE:
        if dossier.apology_due_at is not None or dossier.due_at is None:
            return False
        last_day = lifecycle._previous_working_day(timezone.localtime(dossier.due_at).date())
        return timezone.localtime(now).date() <= last_day
    return True


def _may_take_back(dossier: Dossier, caps: _Capabilities) -> bool:
    # A transfer can be taken back while the receiving agency has not acted on it: the
    # dossier's last event is that hop (lifecycle.take_back checks the same on the locked row).
    last = dossier.events.order_by("-id").first()
    if last is None or last.action != Action.FORWARD:
        return False
    sender_id = last.details.get("from_agency_id")
    if sender_id is None or sender_id == dossier.current_agency_id:
        return False
    if last.details.get("to_step_id") != dossier.current_step_id:
        return False
    sender = Agency.objects.filter(pk=sender_id).first()
    return sender is not None and caps.has("dossier.transfer", sender)
