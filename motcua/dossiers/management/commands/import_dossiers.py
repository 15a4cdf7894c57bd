"""`motcua import-dossiers FILE.csv [--dry-run]`: load old dossiers from the national sync layout
(DOMAIN.md §10; the work is in dossiers.history_import).

Exit code 0 when every row was imported; 1 when the file is refused or any row has an error
(nothing is written). --dry-run follows the same rule without writing anything.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.catalog.management.commands.import_procedures import ProgressBar
from motcua.dossiers.history_import import ImportRefused, import_dossiers, summary


class Command(BaseCommand):
    help = (
        "Nhập hồ sơ cũ từ tệp CSV theo trường đồng bộ quốc gia (MaHoSo, MaTTHC, DonViXuLy, ...). "
        "Chạy lại an toàn: hồ sơ đã nhập có cùng MaHoSo được cập nhật, không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="TỆP", help="Tệp .csv (UTF-8).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ kiểm tra và cho biết sẽ tạo mới, cập nhật bao nhiêu hồ sơ; không ghi gì.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_dossiers(
                Path(options["file"]),
                dry_run=options["dry_run"],
                by=None,
                progress=ProgressBar(self.stdout) if self.stdout.isatty() else None,
                announce=self.stdout.write,
            )
        except ImportRefused as error:
            raise CommandError(error.message) from error
        for message in report.errors:
            self.stderr.write(message)
        if not report.succeeded:
            raise CommandError(summary(report) + " Sửa tệp rồi chạy lại.")
        self.stdout.write(self.style.SUCCESS(summary(report)))
