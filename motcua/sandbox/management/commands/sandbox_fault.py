"""`sandbox_fault` (under the sandbox's settings; `motcua sandbox fault ...` runs it): switch a
stand-in's fault from the command line, the same rule the operator API sets (admin_faults)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.sandbox import admin_faults
from motcua.sandbox.http import BadRequest
from motcua.sandbox.models import FaultRule


class Command(BaseCommand):
    help = (
        "Bật/tắt lỗi giả lập của một dịch vụ: sandbox_fault <dịch vụ> slow|fail|timeout|off; "
        "sandbox_fault all off để tắt hết; không tham số để xem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("service", nargs="?", help=", ".join(admin_faults.SERVICES))
        parser.add_argument("mode", nargs="?", choices=admin_faults.MODES)
        parser.add_argument("--delay-ms", type=int, default=None)
        parser.add_argument("--status", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        service, mode = options["service"], options["mode"]
        if service == "all" and mode == "off":
            self.stdout.write(f"Đã tắt {admin_faults.clear()} lỗi giả lập.")
            return
        if service:
            if not mode:
                raise CommandError("Cần chế độ: slow, fail, timeout hoặc off.")
            try:
                admin_faults.switch(
                    service, mode=mode, delay_ms=options["delay_ms"], status=options["status"]
                )
            except BadRequest as exc:
                raise CommandError(exc.message) from None
        rules = list(FaultRule.objects.order_by("service"))
        if not rules:
            self.stdout.write("Không có dịch vụ nào đang bị giả lập lỗi.")
        for rule in rules:
            self.stdout.write(
                f"{rule.service}: {rule.mode} (delay_ms={rule.delay_ms}, status={rule.status})"
            )
