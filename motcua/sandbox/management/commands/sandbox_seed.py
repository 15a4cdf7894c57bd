"""`sandbox_seed` (under the sandbox's settings): its fictional records, idempotently."""

from typing import Any

from django.core.management.base import BaseCommand

from motcua.sandbox import budget_units, data, legal_docs


class Command(BaseCommand):
    help = "Tạo dữ liệu hư cấu của các hệ thống quốc gia giả lập. Chạy lại an toàn."

    def handle(self, *args: Any, **options: Any) -> None:
        made = data.seed()
        self.stdout.write(
            f"Sandbox: thêm {made['citizens']} công dân, {made['businesses']} doanh nghiệp."
        )
        # The legal documents database and the budget-unit codes (their own modules' records).
        texts, units = legal_docs.seed(), budget_units.seed()
        self.stdout.write(f"Sandbox: thêm {texts} văn bản pháp luật, {units} mã đơn vị ngân sách.")
