"""Officials' notices: who is told about a deadline alarm, what they read, and the e-mail copy.

`deliver_alarm()` is called by the outbox handlers (outbox_handlers.py), at least once per alarm.
It is idempotent on the event key: each recipient gets one Notice per key (unique constraint) and
one e-mail (Notice.emailed_at). An e-mail that fails raises, so the outbox retries the event; the
notices already written are found again and only what is missing is done.

Recipients: the dossier's assignee when there is one; otherwise the officials who must act at the
agency concerned — the leaders who assign work (dossier.assign) at the current agency for a
deadline, the one-stop officers (dossier.receive) at the receiving agency for a dossier waiting
for reception.

Notices and e-mails name the dossier and the procedure, never the applicant: an e-mail travels
through servers we do not control, and the dossier page, behind its permission check, has the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.org.access import holders
from motcua.org.models import Agency

from .models import Notice, NoticeQuerySet

logger = logging.getLogger("motcua.notifications")

KIND_BY_TOPIC = {
    "dossier.due_soon": Notice.Kind.DUE_SOON,
    "dossier.overdue": Notice.Kind.OVERDUE,
    "dossier.reception_late": Notice.Kind.RECEPTION_LATE,
}


def unread_count(user: AbstractBaseUser | AnonymousUser) -> int:
    """Unread notices of `user` (0 for an anonymous visitor): the header badge."""
    if not user.is_authenticated:
        return 0
    return Notice.objects.filter(recipient_id=user.pk).unread().count()


def for_user(user: AbstractBaseUser | AnonymousUser) -> NoticeQuerySet:
    """The user's notices, unread first, then the most recently read; newest first within."""
    return Notice.objects.filter(recipient_id=user.pk).order_by(
        F("read_at").desc(nulls_first=True), "-created_at", "-id"
    )


def mark_read(user: AbstractBaseUser | AnonymousUser, notice_ids: list[int] | None = None) -> int:
    """Mark the user's unread notices (all, or those of `notice_ids`) read; return how many."""
    notices = Notice.objects.filter(recipient_id=user.pk).unread()
    if notice_ids is not None:
        notices = notices.filter(pk__in=notice_ids)
    return notices.update(read_at=timezone.now())


def deliver_alarm(topic: str, key: str, payload: Mapping[str, Any]) -> int:
    """Write the alarm's notices and e-mail them; return how many notices this call created."""
    kind = KIND_BY_TOPIC[topic]
    dossier = (
        Dossier.objects.select_related("procedure", "current_agency", "receiving_agency")
        .filter(reference=payload["reference"])
        .first()
    )
    if dossier is None:
        # Nothing left to tell anyone about; failing would only retry in vain.
        logger.warning("Alarm %s for an unknown dossier %s", topic, payload["reference"])
        return 0
    recipients = _recipients(kind, payload)
    if not recipients:
        logger.warning(
            "Alarm %s for %s: nobody to notify",
            topic,
            dossier,
            extra={"topic": topic, "reference": dossier.reference},
        )
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        title, body = _text(kind, dossier, payload)
    url = _dossier_url(dossier)
    created = 0
    for user in recipients:
        notice, was_created = _notice(user, dossier, kind, key, title, body, url)
        created += was_created
        if notice.emailed_at is None and user.email:
            _email(notice, user)
    return created


def _recipients(kind: str, payload: Mapping[str, Any]) -> list[User]:
    assignee_id = payload.get("assignee_id")
    if assignee_id is not None and kind != Notice.Kind.RECEPTION_LATE:
        assignee = User.objects.filter(pk=assignee_id, is_active=True).first()
        if assignee is not None:
            return [assignee]
    if kind == Notice.Kind.RECEPTION_LATE:
        capability, agency_code = "dossier.receive", payload["receiving_agency_code"]
    else:
        capability, agency_code = "dossier.assign", payload["current_agency_code"]
    agency = Agency.objects.filter(code=agency_code).first()
    if agency is None:
        return []
    return [user for user in holders(capability, agency) if isinstance(user, User)]


def _notice(
    user: User, dossier: Dossier, kind: str, key: str, title: str, body: str, url: str
) -> tuple[Notice, bool]:
    existing = Notice.objects.filter(recipient=user, key=key).first()
    if existing is not None:
        return existing, False
    try:
        # Two deliveries of one event at once (a lease that expired mid-delivery): the unique
        # constraint keeps one notice, the loser reads it.
        with transaction.atomic():
            notice = Notice.objects.create(
                recipient=user, dossier=dossier, kind=kind, key=key, title=title, body=body, url=url
            )
    except IntegrityError:
        return Notice.objects.get(recipient=user, key=key), False
    return notice, True


def _email(notice: Notice, user: User) -> None:
    link = f"{settings.PUBLIC_BASE_URL}{notice.url}" if notice.url else ""
    with translation.override(settings.LANGUAGE_CODE):
        greeting = _("Kính gửi %(name)s,") % {"name": str(user)}
        footer = _("Thư này được gửi tự động từ hệ thống một cửa điện tử MotCua.")
    text = "\n\n".join(part for part in (greeting, notice.body, link, footer) if part)
    send_mail(notice.title, text, None, [user.email])
    Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())


def _text(kind: str, dossier: Dossier, payload: Mapping[str, Any]) -> tuple[str, str]:
    ref = dossier.code or dossier.reference
    procedure = dossier.procedure.name
    if kind == Notice.Kind.RECEPTION_LATE:
        hours = payload.get("waited_working_hours")
        title = _("Hồ sơ %(ref)s chờ tiếp nhận quá thời gian quy định") % {"ref": ref}
        body = _(
            "Hồ sơ trực tuyến %(ref)s (%(procedure)s) nộp lúc %(submitted)s đã chờ %(hours)s giờ "
            "làm việc, quá chỉ tiêu %(target)s giờ làm việc của tỉnh. Đề nghị tiếp nhận hoặc "
            "phản hồi cho người dân."
        ) % {
            "ref": ref,
            "procedure": procedure,
            "submitted": _shown(dossier.submitted_at),
            "hours": _number(hours),
            "target": settings.RECEPTION_TARGET_WORKING_HOURS,
        }
        return title, body
    due = _shown(datetime.fromisoformat(payload["due_at"]) if payload.get("due_at") else None)
    if kind == Notice.Kind.DUE_SOON:
        title = _("Hồ sơ %(ref)s sắp đến hạn trả kết quả") % {"ref": ref}
        body = _(
            "Hồ sơ %(ref)s (%(procedure)s) hẹn trả kết quả lúc %(due)s, còn không quá một ngày "
            "làm việc. Nếu không kịp, cần lập phiếu xin lỗi và hẹn lại ngày trả kết quả."
        ) % {"ref": ref, "procedure": procedure, "due": due}
    else:
        title = _("Hồ sơ %(ref)s đã quá hạn trả kết quả") % {"ref": ref}
        body = _(
            "Hồ sơ %(ref)s (%(procedure)s) hẹn trả kết quả lúc %(due)s nhưng chưa có kết quả. "
            "Đề nghị khẩn trương xử lý và thông báo cho người dân."
        ) % {"ref": ref, "procedure": procedure, "due": due}
    return title, body


def _dossier_url(dossier: Dossier) -> str:
    try:
        return reverse("backoffice:dossier", kwargs={"ref": dossier.code or dossier.reference})
    except NoReverseMatch:
        return ""


def _shown(instant: datetime | None) -> str:
    return timezone.localtime(instant).strftime("%H:%M %d/%m/%Y") if instant else "—"


def _number(value: Any) -> str:
    # Vietnamese writes a decimal comma: 5,5 giờ.
    return f"{value:g}".replace(".", ",") if isinstance(value, int | float) else str(value)
