"""`motcua sandbox`: the stand-in national systems, on their own port and their own database.

The sandbox is another Django project sharing this code base (`motcua.sandbox.settings`): it
migrates and seeds its own database, then serves with granian until stopped. MotCua reaches it
only over HTTP, through the LGSP (ARCHITECTURE.md rule 3).
"""

import os
import subprocess
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

SETTINGS = "motcua.sandbox.settings"


def sandbox_env() -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}


class Command(BaseCommand):
    help = (
        "Chạy các hệ thống quốc gia giả lập (CSDL dân cư, đăng ký doanh nghiệp, SMS, Cổng "
        "DVCQG) trên cổng riêng, với cơ sở dữ liệu riêng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=int(os.environ.get("SANDBOX_PORT", 8001)))
        parser.add_argument(
            "--prepare-only",
            action="store_true",
            help="Chỉ tạo cơ sở dữ liệu và dữ liệu giả lập, không chạy máy chủ.",
        )
        # `motcua sandbox fault population fail`: the operator's fault switch (sandbox_fault).
        parser.add_argument("action", nargs="*", help="fault <dịch vụ> <chế độ>")
        parser.add_argument("--delay-ms", type=int, default=None)
        parser.add_argument("--status", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        env = sandbox_env()
        if options["action"]:
            self._fault(options, env)
            return
        for step in (["migrate", "--no-input", "--verbosity", "0"], ["sandbox_seed"]):
            done = subprocess.run([sys.executable, "-m", "motcua.cli", *step], env=env)  # noqa: S603
            if done.returncode != 0:
                raise CommandError(f"Không chuẩn bị được sandbox: «{' '.join(step)}» lỗi.")
        if options["prepare_only"]:
            return
        self.stdout.write(
            f"Hệ thống quốc gia giả lập chạy tại http://{options['host']}:{options['port']}/"
        )
        server = [
            sys.executable, "-m", "granian",
            "--interface", "wsgi",
            "--host", options["host"],
            "--port", str(options["port"]),
            "--blocking-threads", "4",
            "--no-ws",
            "--log-level", "warning",
            "motcua.sandbox.wsgi:application",
        ]  # fmt: skip
        os.execve(sys.executable, server, env)  # noqa: S606 - replace this process: signals reach granian

    def _fault(self, options: dict[str, Any], env: dict[str, str]) -> None:
        action = options["action"]
        if action[0] != "fault":
            raise CommandError(f"Không có lệnh «{action[0]}»: dùng «motcua sandbox fault ...».")
        command = [sys.executable, "-m", "motcua.cli", "sandbox_fault", *action[1:]]
        for name in ("delay_ms", "status"):
            if options[name] is not None:
                command += [f"--{name.replace('_', '-')}", str(options[name])]
        done = subprocess.run(command, env=env)  # noqa: S603
        if done.returncode != 0:
            raise CommandError("Không đổi được lỗi giả lập của sandbox.")
