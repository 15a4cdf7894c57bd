"""Every logged-in session is registered (device, address, last seen) so that its owner can list
and revoke it (/tai-khoan/phien/), and a revoked session ends at its very next request.

An official whose session has not passed the second factor while REQUIRE_2FA is on (a login
through the Django admin, say) is sent to the second-factor step before any official page.
"""

from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from . import second_factor, sessions


class SessionRegistryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if not sessions.touch(request):
                # Revoked from another device: the session ends now, not at its expiry.
                logout(request)
            elif second_factor.must_verify(request):
                return redirect(second_factor.step_url(request))
        return self.get_response(request)
