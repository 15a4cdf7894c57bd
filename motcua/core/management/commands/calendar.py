"""`motcua calendar`: ask the legal clock from the console.

motcua calendar due --received 2025-11-03T09:00 --duration 5 --unit working_days
motcua calendar days --year 2026 [--format table|json]
"""

import json
from datetime import date, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.core.calendar import (
    WEEKDAY_NAMES,
    DurationUnit,
    default_calendar,
    due_at,
    non_working_days,
)
from motcua.core.errors import InvalidInput

_FORMATS = ("table", "json")


class Command(BaseCommand):
    help = "Lịch làm việc: tính hạn giải quyết, liệt kê ngày nghỉ và ngày làm bù."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{due,days}")
        # Values are parsed in handle(), not by argparse, so that a mistake gets a Vietnamese
        # message instead of argparse's English one.
        due = actions.add_parser("due", help="Tính hạn giải quyết từ thời điểm tiếp nhận.")
        due.add_argument(
            "--received",
            help="Thời điểm tiếp nhận, ISO 8601 (2025-11-03T09:00) hoặc dd/mm/yyyy HH:MM; "
            "không có múi giờ thì hiểu là giờ địa phương.",
        )
        due.add_argument("--duration", help="Thời hạn (số nguyên).")
        due.add_argument(
            "--unit",
            default=DurationUnit.WORKING_DAYS.value,
            help=f"Đơn vị thời hạn: {', '.join(DurationUnit.values)} (mặc định working_days).",
        )
        days = actions.add_parser("days", help="Liệt kê ngày nghỉ và ngày làm bù của một năm.")
        days.add_argument("--year", help="Năm (mặc định: năm hiện tại).")
        days.add_argument("--format", default="table", help="table (mặc định) hoặc json.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "due":
                self._due(options)
            else:
                self._days(options)
        except InvalidInput as error:
            raise CommandError(error.message) from error

    def _due(self, options: dict[str, Any]) -> None:
        if not options["received"]:
            raise CommandError("Thiếu --received (thời điểm tiếp nhận).")
        if options["duration"] is None:
            raise CommandError("Thiếu --duration (thời hạn).")
        received = _parse_instant(options["received"])
        duration = _parse_int(options["duration"], "--duration")
        deadline = due_at(received, duration, options["unit"], calendar=default_calendar())
        answer = {
            "received_at": deadline.received_at.isoformat(),
            "counted_from": deadline.counted_from.isoformat(),
            "due_at": deadline.due_at.isoformat(),
            "unit": options["unit"],
            "duration": duration,
        }
        self.stdout.write(json.dumps(answer, ensure_ascii=False))

    def _days(self, options: dict[str, Any]) -> None:
        output_format = options["format"]
        if output_format not in _FORMATS:
            raise CommandError(f"Định dạng không hợp lệ: {output_format!r} (chọn table hoặc json).")
        year = (
            timezone.localdate().year
            if options["year"] is None
            else _parse_int(options["year"], "--year")
        )
        calendar = default_calendar()
        rows = [
            (day, calendar.is_working_day(day), reason)
            for day, reason in non_working_days(year, calendar=calendar)
        ]
        if output_format == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "year": year,
                        "days": [
                            {
                                "date": day.isoformat(),
                                "weekday": WEEKDAY_NAMES[day.weekday()],
                                "kind": "working_day" if working else "day_off",
                                "reason": reason,
                            }
                            for day, working, reason in rows
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        self.stdout.write(_table(year, rows))


def _parse_instant(text: str) -> datetime:
    text = text.strip()
    for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"Không đọc được thời điểm {text!r}: dùng dạng 2025-11-03T09:00 hoặc 03/11/2025 09:00."
        ) from None


def _parse_int(text: str, option: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise CommandError(f"{option} phải là số nguyên, nhận {text!r}.") from None


def _table(year: int, rows: list[tuple[date, bool, str]]) -> str:
    if not rows:
        return f"Năm {year}: không có ngày nghỉ hay ngày làm bù nào ngoài Thứ Bảy, Chủ Nhật."
    header = ("Ngày", "Thứ", "Loại", "Lý do")
    lines = [
        (f"{day:%d/%m/%Y}", WEEKDAY_NAMES[day.weekday()], "Làm bù" if working else "Nghỉ", reason)
        for day, working, reason in rows
    ]
    widths = [max(len(line[column]) for line in [header, *lines]) for column in range(3)]

    def render(cells: tuple[str, str, str, str]) -> str:
        return "  ".join(
            [*(cell.ljust(width) for cell, width in zip(cells[:3], widths, strict=True)), cells[3]]
        )

    return "\n".join([render(header), *(render(line) for line in lines)])
