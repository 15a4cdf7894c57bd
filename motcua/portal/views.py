from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.org.models import Agency


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def agencies(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/agencies.html", {"agencies": Agency.objects.none()})
