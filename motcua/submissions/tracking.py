"""What "Hồ sơ của tôi" tells an applicant: their dossiers, what happened in plain words, what
comes next; and what they may do there (answer a supplement request, rate the service).

The timeline is read from the dossier's Events, the history lifecycle writes; internal steps
(assignment, hand-over between officials) are told as "being processed", without names.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core import audit, outbox
from motcua.core.errors import DomainError, InvalidInput
from motcua.dossiers import lifecycle, uploads
from motcua.dossiers.errors import NotPermitted, TransitionNotAllowed
from motcua.dossiers.models import Dossier, DossierQuerySet, Event, Status

from .models import Rating


def own_dossiers(user: User) -> DossierQuerySet:
    """The dossiers a person filed or that were filed for them; not their agency's work."""
    return Dossier.objects.filter(Q(applicant_user=user) | Q(submitted_by=user))


@dataclass(frozen=True)
class Moment:
    at: datetime
    text: str


def _when(at: datetime) -> str:
    local = timezone.localtime(at)
    return _("Ngày %(day)s, %(time)s") % {
        "day": local.strftime("%d/%m/%Y"),
        "time": local.strftime("%H:%M"),
    }


def _date(value: str | None) -> str:
    if not value:
        return ""
    return timezone.localtime(datetime.fromisoformat(value)).strftime("%d/%m/%Y")


def _say(event: Event) -> str:
    agency = event.agency.name if event.agency is not None else _("Cơ quan giải quyết")
    details: dict[str, Any] = event.details or {}
    action = event.action
    A = lifecycle.Action
    if action == A.SUBMIT:
        if details.get("assisted"):
            return _("Hồ sơ được nộp trực tuyến thay bạn, gửi đến %(agency)s.") % {"agency": agency}
        return _("Bạn đã nộp hồ sơ trực tuyến đến %(agency)s.") % {"agency": agency}
    if action == A.RECEIVE:
        return _("%(agency)s đã tiếp nhận hồ sơ. Hẹn trả kết quả ngày %(due)s.") % {
            "agency": agency,
            "due": _date(details.get("due_at")),
        }
    if action == A.REFUSE:
        return _("%(agency)s không tiếp nhận hồ sơ. Lý do: %(note)s") % {
            "agency": agency,
            "note": event.note,
        }
    if action in (A.REQUEST_SUPPLEMENT, A.REQUEST_SUPPLEMENT_AT_RECEPTION):
        return _("%(agency)s đề nghị bổ sung: %(items)s.") % {
            "agency": agency,
            "items": "; ".join(details.get("items", [])),
        }
    if action == A.RECEIVE_SUPPLEMENT:
        return _("Hồ sơ bổ sung đã được nhận. Hẹn trả kết quả mới: ngày %(due)s.") % {
            "due": _date(details.get("due_at"))
        }
    if action == A.FORWARD and event.from_status == event.to_status:
        return _("Hồ sơ được chuyển đến %(agency)s để xử lý tiếp.") % {"agency": agency}
    if action == A.APOLOGISE:
        return _("%(agency)s xin lỗi vì chậm trả kết quả và hẹn lại ngày %(due)s.") % {
            "agency": agency,
            "due": _date(details.get("new_due_at")),
        }
    if action == A.MARK_RESULT_READY:
        return _("Hồ sơ đã được giải quyết xong, kết quả đang chờ trả cho bạn.")
    if action == A.RETURN_RESULT:
        return _("Kết quả đã được trả cho bạn.")
    if action == A.WITHDRAW:
        return _("Hồ sơ đã được rút. Lý do: %(note)s") % {"note": event.note}
    return _("%(agency)s đang xử lý hồ sơ.") % {"agency": agency}


def timeline(dossier: Dossier) -> list[Moment]:
    moments: list[Moment] = []
    for event in dossier.events.select_related("agency").order_by("at", "id"):
        text = _say(event)
        # Assignment, approval and the like all read "đang xử lý": say it once per stretch.
        if moments and moments[-1].text.endswith(text):
            continue
        moments.append(Moment(at=event.at, text=f"{_when(event.at)}: {text}"))
    return moments


def what_next(dossier: Dossier) -> str:
    status = dossier.status
    if status == Status.SUBMITTED:
        return _(
            "Cơ quan sẽ kiểm tra hồ sơ trong giờ làm việc. Khi hồ sơ được tiếp nhận, bạn nhận "
            "được mã hồ sơ và ngày hẹn trả kết quả."
        )
    if status in (Status.RECEIVED, Status.PROCESSING):
        return _("Cơ quan đang giải quyết hồ sơ. Bạn không cần làm gì thêm lúc này.")
    if status == Status.AWAITING_SUPPLEMENT:
        return _(
            "Cơ quan cần bạn bổ sung giấy tờ. Hãy tải lên ngay dưới đây; thời hạn giải quyết "
            "được tính lại từ khi cơ quan nhận đủ hồ sơ."
        )
    if status == Status.AWAITING_PAYMENT:
        return _("Hồ sơ đang chờ bạn nộp phí, lệ phí. Sau khi nộp, cơ quan giải quyết tiếp.")
    if status == Status.RESULT_READY:
        return _("Kết quả đã có. Bạn nhận kết quả theo cách đã chọn khi nộp hồ sơ.")
    if status == Status.RETURNED:
        return _("Hồ sơ đã hoàn thành. Mời bạn đánh giá mức độ hài lòng.")
    return _("Hồ sơ đã kết thúc.")


def requested_items(dossier: Dossier) -> list[str]:
    """The items of the latest supplement request."""
    event = (
        dossier.events.filter(action=lifecycle.Action.REQUEST_SUPPLEMENT).order_by("-at").first()
    )
    return list(event.details.get("items", [])) if event is not None else []


def may_withdraw(dossier: Dossier) -> bool:
    return Status(dossier.status) in lifecycle.TRANSITIONS[lifecycle.Action.WITHDRAW]


class NothingUploaded(DomainError):
    code = "supplement_files_required"
    status = 422
    message = "Vui lòng tải lên ít nhất một tệp giấy tờ bổ sung."


def answer_supplement(
    dossier: Dossier, *, by: User, files: Sequence[File], note: str = ""
) -> Dossier:
    """The applicant uploads what was asked for; the dossier goes back to processing and the
    time limit restarts (lifecycle.receive_supplement), all or nothing."""
    if by.pk not in (dossier.applicant_user_id, dossier.submitted_by_id):
        raise NotPermitted("Chỉ người nộp hồ sơ mới được bổ sung hồ sơ này.")
    if dossier.status != Status.AWAITING_SUPPLEMENT:
        raise TransitionNotAllowed(
            current_label=Status(dossier.status).label, action_label="bổ sung hồ sơ"
        )
    if not files:
        raise NothingUploaded()
    checked = [uploads.cleaned_upload(f) for f in files]
    with transaction.atomic():
        for upload, kind in checked:
            uploads.store_file(
                dossier,
                upload,
                by=by,
                title=_("Bổ sung: %(name)s") % {"name": uploads.display_title(upload.name)},
                kind=kind,
                audit_details={"supplement": True},
            )
        return lifecycle.receive_supplement(dossier, by=by, note=note.strip()[:2000])


class AlreadyRated(DomainError):
    code = "already_rated"
    status = 409
    message = "Bạn đã đánh giá hồ sơ này rồi: mỗi hồ sơ chỉ đánh giá một lần."


def may_rate(dossier: Dossier, user: User) -> bool:
    return (
        dossier.status == Status.RETURNED
        and user.pk in (dossier.applicant_user_id, dossier.submitted_by_id)
        and not Rating.objects.filter(dossier=dossier).exists()
    )


def rate(dossier: Dossier, *, by: User, score: int, comment: str = "") -> Rating:
    if by.pk not in (dossier.applicant_user_id, dossier.submitted_by_id):
        raise NotPermitted("Chỉ người nộp hồ sơ mới được đánh giá.")
    if dossier.status != Status.RETURNED:
        raise InvalidInput("Chỉ đánh giá được khi đã nhận kết quả.")
    if score not in range(1, 6):
        raise InvalidInput("Vui lòng chọn mức độ hài lòng từ 1 đến 5.")
    with transaction.atomic():
        # The one-to-one row is the guard: two clicks at once still leave one rating.
        rating, created = Rating.objects.get_or_create(
            dossier=dossier,
            defaults={"user": by, "score": score, "comment": comment.strip()[:2000]},
        )
        if not created:
            raise AlreadyRated()
        audit.record(by, "dossier.rated", target=dossier, details={"score": score})
        # Satisfaction is a Decision 766 indicator: the reports' aggregates follow this too.
        outbox.emit(
            "dossier.rated",
            payload={"reference": dossier.reference, "score": score},
            key=f"dossier.rated:{dossier.reference}",
        )
    return rating
