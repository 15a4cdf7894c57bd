"""Public dossier lookup (/tra-cuu/): the state of a dossier from its code, without logging in.

The same facts as the API's /dossiers/{code}/status (DOMAIN.md §10), said in plain Vietnamese;
nothing personal, since codes are sequential and anyone can type one.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from motcua.core.errors import InvalidInput, NotFound
from motcua.core.ratelimit import rate_limit
from motcua.dossiers.api import (
    CODE_EXAMPLE,
    LOOKUP_LIMIT_SETTING,
    LOOKUP_SCOPE,
    LOOKUP_WINDOW_SETTING,
    MAX_CODE_LENGTH,
    REFERENCE_EXAMPLE,
    find_for_lookup,
    is_code_shaped,
    normalise_code,
    public_status,
)
from motcua.dossiers.timeliness import is_overdue

# What a person may reasonably paste into the box: a code with spaces around its parts.
MAX_TYPED_LENGTH = 2 * MAX_CODE_LENGTH


def _form_context(typed: str = "", **extra: object) -> dict[str, object]:
    return {
        "typed": typed,
        "code_example": CODE_EXAMPLE,
        "reference_example": REFERENCE_EXAMPLE,
        "max_length": MAX_TYPED_LENGTH,
        **extra,
    }


def _rate_limited_page(request: HttpRequest, retry_after: int) -> HttpResponse:
    context = _form_context(rate_limited=True, retry_minutes=max(1, -(-retry_after // 60)))
    return render(request, "portal/lookup.html", context, status=429)


def lookup(request: HttpRequest) -> HttpResponse:
    """The form; a submitted code (GET, so it works without JavaScript) goes to its page."""
    typed = request.GET.get("ma", "")[:MAX_TYPED_LENGTH]
    if not typed.strip():
        return render(request, "portal/lookup.html", _form_context())
    code = normalise_code(typed)
    if not is_code_shaped(code):
        return render(
            request, "portal/lookup.html", _form_context(typed, malformed=True), status=422
        )
    return redirect("portal:lookup_detail", code=code)


@rate_limit(
    LOOKUP_SCOPE,
    limit_setting=LOOKUP_LIMIT_SETTING,
    window_setting=LOOKUP_WINDOW_SETTING,
    respond=_rate_limited_page,
)
def lookup_detail(request: HttpRequest, code: str) -> HttpResponse:
    canonical = normalise_code(code)
    if canonical != code and is_code_shaped(canonical):
        # One address per dossier: /tra-cuu/000.00.00.h21-251103-0001/ is sent to the upper-case
        # form, so a shared link and a typed one look the same.
        return redirect("portal:lookup_detail", code=canonical)
    try:
        dossier = find_for_lookup(code)
    except InvalidInput:
        return render(
            request, "portal/lookup.html", _form_context(code, malformed=True), status=422
        )
    except NotFound:
        return render(
            request, "portal/lookup.html", _form_context(canonical, not_found=True), status=404
        )
    facts = public_status(dossier)
    context = {
        "facts": facts,
        # DOMAIN.md §10 gives no verdict while a dossier is unfinished; the page still tells the
        # citizen plainly when the due date has passed.
        "overdue": facts["timeliness"] is None and is_overdue(dossier, timezone.now()),
        "is_reference": dossier.code is None,
    }
    return render(request, "portal/lookup_detail.html", context)
