"""`motcua import-procedures FILE.xlsx|FILE.csv [--partial] [--dry-run]`: load the procedure
catalog from the exchange format of DOMAIN.md §10 (the work is in catalog.importers).

Exit code 0 when every row was imported (or, with --partial, at least one); 1 when the file is
refused, when any row has an error without --partial (nothing is written), or when --partial
finds no valid row. --dry-run follows the same rule without writing anything.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from motcua.catalog.importers import ImportRefused, import_procedures, summary


class ProgressBar:
    """Rows written / rows to write, redrawn in place on a terminal."""

    WIDTH = 30

    def __init__(self, out: OutputWrapper) -> None:
        self.out = out
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        filled = self.WIDTH * done // total if total else self.WIDTH
        # Redraw only when the bar grows or the job ends: a terminal is slow at 2,000 redraws.
        if filled == self.shown and done < total:
            return
        self.shown = filled
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.out.write(f"\r[{bar}] {done}/{total} dòng", ending="\n" if done >= total else "")
        self.out.flush()


class Command(BaseCommand):
    help = (
        "Nhập danh mục thủ tục hành chính từ tệp XLSX hoặc CSV (UTF-8, dấu phẩy hoặc chấm phẩy). "
        "Chạy lại an toàn: thủ tục có cùng mã được cập nhật, không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="TỆP", help="Tệp .xlsx (trang đầu tiên) hoặc .csv.")
        parser.add_argument(
            "--partial",
            action="store_true",
            help="Nhập các dòng hợp lệ, bỏ qua dòng có lỗi (mặc định: có lỗi thì không nhập gì).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ kiểm tra và cho biết sẽ tạo mới, cập nhật bao nhiêu thủ tục; không ghi gì.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on_terminal = self.stdout.isatty()
        try:
            report = import_procedures(
                Path(options["file"]),
                partial=options["partial"],
                dry_run=options["dry_run"],
                by=None,
                progress=ProgressBar(self.stdout) if on_terminal else None,
            )
        except ImportRefused as error:
            raise CommandError(error.message) from error
        for message in report.errors:
            self.stderr.write(message)
        for message in report.warnings:
            self.stdout.write(f"Cảnh báo: {message}")
        if not report.succeeded:
            hint = "" if report.partial else " Sửa tệp rồi chạy lại, hoặc dùng --partial."
            raise CommandError(summary(report) + hint)
        style = self.style.WARNING if report.skipped or report.warnings else self.style.SUCCESS
        self.stdout.write(style(summary(report)))
