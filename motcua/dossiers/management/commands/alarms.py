"""`motcua alarms scan [--now ISO] [--json]`: raise the deadline alarms that are due, once.

The worker runs the same scan every ALARM_SCAN_SECONDS; this command serves operators without a
worker (cron) and tests. `--now` scans as if at that instant.
"""

import json
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.dossiers import alarms


class Command(BaseCommand):
    help = "Cảnh báo hạn xử lý hồ sơ: sắp đến hạn, quá hạn, chậm tiếp nhận."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{scan}")
        scan = actions.add_parser(
            "scan", help="Quét hồ sơ và phát các cảnh báo đến hạn (mỗi cảnh báo một lần)."
        )
        scan.add_argument(
            "--now",
            help="Quét như thể vào thời điểm này, ISO 8601 (2026-03-02T14:00); không có múi giờ "
            "thì hiểu là giờ địa phương.",
        )
        scan.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        now = _parse_instant(options["now"]) if options["now"] else timezone.now()
        report = alarms.scan(now=now)
        if options["json"]:
            self.stdout.write(json.dumps({"now": now.isoformat(), **report.as_dict()}))
            return
        self.stdout.write(
            f"Sắp đến hạn: {report.due_soon}\n"
            f"Quá hạn: {report.overdue}\n"
            f"Chậm tiếp nhận: {report.reception_late}"
        )


def _parse_instant(raw: str) -> datetime:
    try:
        instant = datetime.fromisoformat(raw.strip())
    except ValueError as error:
        raise CommandError(
            f"Thời điểm không hợp lệ: {raw!r} (dùng ISO 8601, ví dụ 2026-03-02T14:00)."
        ) from error
    if timezone.is_naive(instant):
        instant = timezone.make_aware(instant)
    return instant
