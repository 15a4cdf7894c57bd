"""Notifications to people: officials' in-app notices and their e-mail copies (wave 1)."""

from typing import Any


def unread_count(user: Any) -> int:
    """How many notices `user` has not read yet (0 for an anonymous visitor): the header badge."""
    # Imported here: this package is imported before the app registry is ready.
    from .notices import unread_count as count

    return count(user)
