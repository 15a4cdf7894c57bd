"""Language choice: Vietnamese unless the person chose otherwise.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a phone set to English
would show English to a Vietnamese citizen who never asked for it. Here only an explicit choice
(the language switch, stored in a cookie) changes the language; URLs carry no language prefix.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = dict(settings.LANGUAGES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if "Cookie" not in response.headers.get("Vary", ""):
            response.headers["Vary"] = ", ".join(
                v for v in (response.headers.get("Vary"), "Cookie") if v
            )
        return response


def language_choices(request: HttpRequest) -> dict[str, object]:
    """The language switch: each language named in itself ("Tiếng Việt", "English"), untranslated,
    in NFC (Django's own `name_local` for vi is partly decomposed, which screen readers and
    text search trip over)."""
    return {"language_choices": settings.LANGUAGES}
