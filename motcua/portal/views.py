from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from motcua.core import calendar
from motcua.core.text import fold
from motcua.org.models import Agency, ReceptionDesk

from .help import help_contacts
from .popular import most_used

PROVINCIAL_KINDS = [
    Agency.Kind.PROVINCIAL_COMMITTEE,
    Agency.Kind.SERVICE_CENTER,
    Agency.Kind.DEPARTMENT,
    Agency.Kind.OTHER,
]


def _current_agencies() -> QuerySet[Agency]:
    desks = ReceptionDesk.objects.filter(is_active=True)
    return (
        Agency.objects.filter(valid_to__isnull=True)
        .select_related("unit")
        .prefetch_related(Prefetch("desks", queryset=desks))
    )


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    upcoming = [
        (day, reason)
        for year in (today.year, today.year + 1)
        for day, reason in calendar.non_working_days(year)
        if day >= today and day.weekday() < 5
    ][:3]
    context = {
        "today": today,
        "today_sessions": calendar.sessions(today),
        "upcoming_days_off": upcoming,
        "popular": most_used(),
        "help": help_contacts(today),
    }
    return render(request, "portal/home.html", context)


def agencies(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    current = _current_agencies()
    communes = list(current.filter(kind=Agency.Kind.COMMUNE_COMMITTEE).order_by("unit__name"))
    if query:
        needle = fold(query)
        communes = [a for a in communes if needle in fold(a.name)]
    context = {
        "provincial": current.filter(kind__in=PROVINCIAL_KINDS).order_by("code"),
        "communes": communes,
        "query": query,
    }
    return render(request, "portal/agencies.html", context)
