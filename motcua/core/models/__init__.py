from .audit import AuditEntry
from .calendar import CalendarOverride, OfficeHours
from .outbox import OutboxEvent

__all__ = ["AuditEntry", "CalendarOverride", "OfficeHours", "OutboxEvent"]
