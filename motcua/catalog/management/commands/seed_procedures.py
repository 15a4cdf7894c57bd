"""`motcua seed-procedures [--synthetic [N]]`: write the curated catalog of common procedures
(catalog/seed_data), then optionally fill the catalog up to N procedures with synthetic ones
(default 1,826, the report's size; DOMAIN.md §10). The work is in catalog.seeding.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.catalog.seeding import REPORT_TOTAL, seed_curated, seed_synthetic
from motcua.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Tạo danh mục thủ tục hành chính mẫu (các thủ tục thường gặp) và, với --synthetic, "
        "bổ sung thủ tục tổng hợp cho đủ N thủ tục để đo hiệu năng. Chạy lại an toàn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--synthetic",
            nargs="?",
            type=int,
            const=REPORT_TOTAL,
            default=None,
            metavar="N",
            help=f"Bổ sung thủ tục tổng hợp (mã 9.xxxxxx) cho danh mục đủ N thủ tục, kể cả thủ "
            f"tục mẫu (mặc định {REPORT_TOTAL}, với 196 thủ tục mức độ 3 và 331 mức độ 4).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        total = options["synthetic"]
        if total is not None and total < 0:
            raise CommandError("N phải là số không âm.")
        try:
            seed_curated(out=self.stdout)
            if total is not None:
                seed_synthetic(total, out=self.stdout)
        except DomainError as error:
            raise CommandError(error.message) from error
