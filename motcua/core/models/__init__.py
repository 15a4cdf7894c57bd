from .audit import AuditEntry
from .calendar import CalendarOverride, OfficeHours
from .outbox import OutboxEvent
from .periodic import PeriodicJob

__all__ = ["AuditEntry", "CalendarOverride", "OfficeHours", "OutboxEvent", "PeriodicJob"]
