"""Who may enter the back office: a logged-in person with at least one active staff assignment.

Capabilities per action are checked by motcua.dossiers.lifecycle itself and, for what a page
shows, by motcua.backoffice.actions; this module only keeps citizens and strangers out.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from motcua.accounts.models import User
from motcua.org.models import Agency, StaffAssignment

View = Callable[..., HttpResponseBase]


def is_official(user: Any) -> bool:
    if not isinstance(user, User) or not user.is_active:
        return False
    return StaffAssignment.objects.filter(
        user_id=user.pk, is_active=True, agency__in=Agency.objects.current()
    ).exists()


def official_required(view: View) -> View:
    """Anonymous visitors go to the login page; a logged-in citizen gets a Vietnamese 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_official(request.user):
            return render(request, "backoffice/forbidden.html", {"hide_nav": True}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def official(request: HttpRequest) -> User:
    """The acting official: official_required has let only such a user through."""
    assert isinstance(request.user, User)
    return request.user
