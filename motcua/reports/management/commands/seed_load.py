"""`motcua seed-load --dossiers N [--years Y] [--seed S]`: report volume for load tests and
benchmarks (reports.seed_load), then the report aggregates rebuilt for the days it touched."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.reports import seed_load


class Command(BaseCommand):
    help = (
        "Tạo nhanh số lượng lớn hồ sơ thử (mọi kênh, mức độ, cơ quan, đúng hạn và trễ hạn, "
        "nhiều năm) để thử tải báo cáo; mã số đăng ký bắt đầu bằng “TAI-”."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dossiers", type=int, required=True, metavar="N")
        parser.add_argument("--years", type=int, default=3, metavar="Y")
        parser.add_argument("--seed", type=int, default=2026, metavar="S")
        parser.add_argument(
            "--no-rebuild",
            action="store_true",
            help="Không tính lại số liệu tổng hợp (chạy “motcua report rebuild” sau).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            report = seed_load.load(
                dossiers=options["dossiers"],
                years=options["years"],
                seed=options["seed"],
                progress=seed_load.progress_bar(self.stdout),
                rebuild=not options["no_rebuild"],
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Đã tạo {report.dossiers} hồ sơ ({report.pauses} lần tạm dừng chờ bổ sung), "
            f"tiếp nhận từ {report.first_day:%d/%m/%Y} đến {report.last_day:%d/%m/%Y}, "
            f"trong {elapsed:.1f} giây."
        )
        for line in seed_load.rows_of(report):
            self.stdout.write(line)
        if options["no_rebuild"]:
            self.stdout.write("Nhớ chạy “motcua report rebuild” để báo cáo tính cả các hồ sơ này.")
