from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.org.units import load_units, summary


class Command(BaseCommand):
    help = (
        "Nạp 34 tỉnh, thành phố và các xã, phường, đặc khu hiện hành (từ 01/7/2025) từ gói "
        "vietnam-provinces. Chạy lại an toàn: đơn vị đổi tên được cập nhật, đơn vị không còn "
        "trong gói được đóng hiệu lực, không bị xóa."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            metavar="MÃ",
            help="Chỉ nạp một tỉnh, thành phố (mã 2 chữ số, ví dụ 52) và các xã của tỉnh đó.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_units(province=options["province"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(summary(result))
