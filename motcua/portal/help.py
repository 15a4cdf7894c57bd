"""Help for people who have never used the portal: where to ask, and the /huong-dan/ pages.

Where to ask comes from the organisation data (the one-stop desks, the office hours of the
working calendar, the post offices whose staff submit on a citizen's behalf) and from the
HELP_PHONE setting, so a province changes it in the back office, not in a template.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core import calendar
from motcua.core.calendar import Session
from motcua.org.models import Agency, ReceptionDesk

ASSISTED_ROLE = "assisted_submitter"
# How far ahead to look for an ordinary working day whose hours the page can quote.
LOOK_AHEAD_DAYS = 21


@dataclass(frozen=True)
class HelpContacts:
    phone: str
    service_center: Agency | None
    post_offices: list[Agency]
    usual_sessions: tuple[Session, ...]


def usual_sessions(today: date) -> tuple[Session, ...]:
    """The sessions of the next ordinary weekday that is a working day: the hours to quote."""
    for offset in range(LOOK_AHEAD_DAYS):
        day = today + timedelta(days=offset)
        if day.weekday() < 5 and (sessions := calendar.sessions(day)):
            return sessions
    return ()


def help_contacts(today: date | None = None) -> HelpContacts:
    desks = Prefetch("desks", queryset=ReceptionDesk.objects.filter(is_active=True))
    current = Agency.objects.current().select_related("unit").prefetch_related(desks)
    service_center = current.filter(kind=Agency.Kind.SERVICE_CENTER).order_by("code").first()
    # A post office is where assisted submitters work outside the communes' own committees.
    post_offices = list(
        current.filter(assignments__role__code=ASSISTED_ROLE)
        .exclude(kind=Agency.Kind.COMMUNE_COMMITTEE)
        .distinct()
        .order_by("code")
    )
    phone = settings.HELP_PHONE or (service_center.phone if service_center else "")
    return HelpContacts(
        phone=phone,
        service_center=service_center,
        post_offices=post_offices,
        usual_sessions=usual_sessions(today or timezone.localdate()),
    )


# The help topics, in the order a newcomer needs them: (slug, title, template).
TOPICS = [
    ("nop-truc-tuyen", _("Cách nộp hồ sơ trực tuyến"), "portal/help/submit.html"),
    ("tra-cuu", _("Cách tra cứu hồ sơ"), "portal/help/lookup.html"),
    ("tro-giup", _("Hỏi ai khi cần giúp đỡ"), "portal/help/contacts.html"),
    ("cau-hoi", _("Câu hỏi thường gặp"), "portal/help/faq.html"),
]


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/help/index.html", {"topics": TOPICS})


def topic(request: HttpRequest, slug: str) -> HttpResponse:
    slugs = [topic_slug for topic_slug, _title, _template in TOPICS]
    if slug not in slugs:
        raise Http404("Không có trang hướng dẫn này.")
    position = slugs.index(slug)
    _slug, title, template = TOPICS[position]
    context = {
        "title": title,
        "topics": TOPICS,
        "slug": slug,
        "next_topic": TOPICS[position + 1] if position + 1 < len(TOPICS) else None,
        "help": help_contacts(),
    }
    return render(request, template, context)
