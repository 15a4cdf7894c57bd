from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def second_factor_required() -> bool:
    """Whether officials must give a second factor (REQUIRE_2FA), for the login page's note."""
    return bool(settings.REQUIRE_2FA)
