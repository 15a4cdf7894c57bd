"""`motcua report <name> --from YYYY-MM-DD --to YYYY-MM-DD [scope] --format json|csv|table`.

Reports (DOMAIN.md §8, the work is in reports.indicators): online-rate [--scheme legacy|decree42],
on-time, period [--by agency|procedure], reception-delay, papers-not-asked. The scope is the
province unless one of --agency, --field, --procedure or --commune names a code.

`motcua report rebuild [--from --to]` recomputes the daily aggregates (reports.aggregates): all
of them, or those of the dossiers received in the range and the days they touch.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.reports import aggregates
from motcua.reports.exports import FORMATS, REPORTS, build_report, render
from motcua.reports.scope import parse_period


class Command(BaseCommand):
    help = "In báo cáo, chỉ số theo kỳ (ngày địa phương, tính cả hai đầu) và phạm vi."

    def add_arguments(self, parser: CommandParser) -> None:
        reports = parser.add_subparsers(dest="report", metavar="BÁO_CÁO", required=True)
        rebuild = reports.add_parser(
            "rebuild",
            help="Tính lại số liệu tổng hợp theo ngày (sau khi nhập hồ sơ hàng loạt).",
        )
        rebuild.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
        rebuild.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
        for name, spec in REPORTS.items():
            sub = reports.add_parser(name, help=spec.title)
            sub.add_argument("--from", dest="start", metavar="YYYY-MM-DD", required=True)
            sub.add_argument("--to", dest="end", metavar="YYYY-MM-DD", required=True)
            sub.add_argument("--agency", metavar="MÃ", help="Mã định danh cơ quan tiếp nhận.")
            sub.add_argument("--field", metavar="MÃ", help="Mã lĩnh vực.")
            sub.add_argument("--procedure", metavar="MÃ", help="Mã thủ tục (mã quốc gia).")
            sub.add_argument("--commune", metavar="MÃ", help="Mã xã, phường (5 chữ số).")
            sub.add_argument("--format", choices=FORMATS, default="table")
            if "scheme" in spec.options:
                sub.add_argument(
                    "--scheme",
                    choices=["legacy", "decree42"],
                    default="legacy",
                    help="legacy: mức độ 3, 4; decree42: một phần, toàn trình.",
                )
            if "by" in spec.options:
                sub.add_argument(
                    "--by",
                    choices=["agency", "procedure"],
                    default="agency",
                    help="Nhóm theo cơ quan tiếp nhận hoặc theo thủ tục.",
                )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["report"]
        if name == "rebuild":
            self._rebuild(options["start"], options["end"])
            return
        try:
            data = build_report(
                name,
                start=options["start"],
                end=options["end"],
                agency=options["agency"],
                field=options["field"],
                procedure=options["procedure"],
                commune=options["commune"],
                scheme=options.get("scheme"),
                by=options.get("by"),
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(render(name, data, options["format"]), ending="")

    def _rebuild(self, start: str | None, end: str | None) -> None:
        if (start is None) != (end is None):
            raise CommandError("Cần cả --from và --to, hoặc bỏ cả hai để tính lại toàn bộ.")
        try:
            period = parse_period(start, end) if start and end else None
        except DomainError as error:
            raise CommandError(error.message) from error
        done = aggregates.rebuild(period.start if period else None, period.end if period else None)
        if done.first is None or done.last is None:
            self.stdout.write("Chưa có hồ sơ nào đã tiếp nhận: không có gì để tổng hợp.")
            return
        self.stdout.write(
            f"Đã tính lại số liệu tổng hợp của {done.facts} hồ sơ, {done.days} ngày "
            f"(từ {done.first:%d/%m/%Y} đến {done.last:%d/%m/%Y})."
        )
