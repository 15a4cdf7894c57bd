"""Template helpers of the back office's own pages."""

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context: dict[str, Any]) -> int:
    """The header badge: the official's unread notices (deadline alarms ...)."""
    from motcua.notifications import unread_count

    return unread_count(context["request"].user)
