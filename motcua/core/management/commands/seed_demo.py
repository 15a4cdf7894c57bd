"""`motcua seed-demo`: the demo province of DEMO.md, seeded by every app that has a `demo` module.

Each installed app may provide `<app>/demo.py` with `seed(out) -> list[DemoLogin]`; they run in
INSTALLED_APPS order (org before catalog before dossiers), so a later app builds on what an
earlier one seeded. A seed is idempotent: it looks rows up by their natural keys, creates what is
missing, and never changes what exists (a password changed by a visitor stays changed).
"""

import importlib
import importlib.util
from dataclasses import dataclass
from typing import Any, Protocol

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.db import transaction

# Published in the README and printed by `make demo`: every demo account uses it.
DEMO_PASSWORD = "motcua-demo-2026"  # noqa: S105 - a demo password, published on purpose


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    agency: str


class DemoModule(Protocol):
    def seed(self, out: OutputWrapper) -> list[DemoLogin]: ...


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu trình diễn (tỉnh Gia Lai, cơ quan, cán bộ ...) và in danh sách tài khoản "
        "trình diễn. Chạy lại an toàn: chỉ tạo những gì còn thiếu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Cho phép chạy khi DEBUG tắt. Tài khoản trình diễn có mật khẩu công khai: "
            "không dùng trên hệ thống thật.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Demo accounts with a published password must never reach a real deployment by accident.
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Từ chối tạo dữ liệu trình diễn vì DEBUG đang tắt (có thể đây là hệ thống thật). "
                "Dữ liệu trình diễn tạo tài khoản với mật khẩu công khai. Nếu chắc chắn, chạy lại "
                "với --allow-production."
            )
        logins: list[DemoLogin] = []
        for module in demo_modules():
            # One transaction per app: a failure leaves earlier apps seeded, and a re-run
            # completes the rest since every seed is idempotent.
            with transaction.atomic():
                logins += module.seed(self.stdout)
        self.stdout.write(login_table(logins))


def demo_modules() -> list[DemoModule]:
    modules: list[DemoModule] = []
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.demo"
        # find_spec first, so that an ImportError raised inside a demo module is not mistaken
        # for an app without one.
        if importlib.util.find_spec(name) is not None:
            modules.append(importlib.import_module(name))
    return modules


def login_table(logins: list[DemoLogin]) -> str:
    if not logins:
        return "Chưa có tài khoản trình diễn nào."
    header = ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Cơ quan")
    rows = [header, *((x.username, x.password, x.role, x.agency) for x in logins)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    passwords = {x.password for x in logins}
    note = (
        f"Mật khẩu chung của mọi tài khoản trình diễn: {DEMO_PASSWORD}."
        if passwords == {DEMO_PASSWORD}
        else "Mật khẩu của từng tài khoản ghi trong bảng."
    )
    return "\n".join(
        [
            "",
            "Tài khoản trình diễn (người và số liệu đều hư cấu):",
            "",
            *(line.rstrip() for line in lines),
            "",
            note,
            "Mật khẩu chỉ được đặt khi tạo tài khoản: nếu đã đổi, dùng mật khẩu mới.",
            "Chỉ dùng để trình diễn, không bao giờ dùng trên hệ thống thật.",
        ]
    )
