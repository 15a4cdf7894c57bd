"""The sandbox's own pages: what it stands in for, and the inboxes a demo visitor reads."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Business, Citizen, Lookup, Message, PortalSync

SHOWN = 50


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "sandbox/index.html",
        {
            "citizens": Citizen.objects.order_by("id")[:10],
            "citizen_count": Citizen.objects.count(),
            "businesses": Business.objects.order_by("code"),
            "lookups": Lookup.objects.all()[:10],
        },
    )


def sms_inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "sandbox/sms.html", {"messages": Message.objects.all()[:SHOWN]})


def portal_syncs(request: HttpRequest) -> HttpResponse:
    return render(request, "sandbox/portal.html", {"syncs": PortalSync.objects.all()[:SHOWN]})
