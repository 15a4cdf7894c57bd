"""Admin pages of the core app; each area keeps its registrations in its own module."""

from . import admin_calendar, admin_outbox  # noqa: F401  (registrations happen on import)
