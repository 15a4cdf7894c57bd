"""Who may open the citizen's own pages: a logged-in person, sent to the citizen login if not."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from motcua.accounts.models import User

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def citizen_login_required(view: View) -> View:
    # Read the setting per request, not at import: tests and deployments change it.
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.CITIZEN_LOGIN_URL)
        return view(request, *args, **kwargs)

    return cast(View, wrapped)


def person(request: HttpRequest) -> User:
    """The logged-in person (views behind citizen_login_required only)."""
    user = request.user
    assert isinstance(user, User)
    return user
