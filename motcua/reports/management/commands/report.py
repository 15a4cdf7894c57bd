"""`motcua report <name> --from YYYY-MM-DD --to YYYY-MM-DD [scope] --format json|csv|table`.

Reports (DOMAIN.md §8, the work is in reports.indicators): online-rate [--scheme legacy|decree42],
on-time, period [--by agency|procedure], reception-delay, papers-not-asked. The scope is the
province unless one of --agency, --field, --procedure or --commune names a code.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.reports.exports import FORMATS, REPORTS, build_report, render


class Command(BaseCommand):
    help = "In báo cáo, chỉ số theo kỳ (ngày địa phương, tính cả hai đầu) và phạm vi."

    def add_arguments(self, parser: CommandParser) -> None:
        reports = parser.add_subparsers(dest="report", metavar="BÁO_CÁO", required=True)
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
