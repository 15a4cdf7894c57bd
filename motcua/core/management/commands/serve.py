"""`motcua serve`: the web server, the worker and the sandbox together, for the demo.

Ctrl-C (or SIGTERM) stops every child. In production run the roles separately (README).
"""

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Chạy máy chủ web (granian, WSGI) cùng tiến trình nền (worker) cho đến khi nhấn Ctrl-C."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1, help="Số tiến trình web.")
        # granian's default of 256 blocking threads per worker exhausts database connections
        # under load (ARCHITECTURE.md, known traps): cap it on purpose.
        parser.add_argument(
            "--threads",
            type=int,
            default=2 * (os.cpu_count() or 1),
            help="Số luồng mỗi tiến trình web (mặc định: 2 × số lõi CPU).",
        )
        parser.add_argument("--no-worker", action="store_true", help="Không chạy worker.")
        parser.add_argument(
            "--no-sandbox", action="store_true", help="Không chạy hệ thống quốc gia giả lập."
        )
        parser.add_argument("--sandbox-port", type=int, default=8001)

    def handle(self, *args: Any, **options: Any) -> None:
        web = [
            sys.executable, "-m", "granian",
            "--interface", "wsgi",
            "--host", options["host"],
            "--port", str(options["port"]),
            "--workers", str(options["workers"]),
            "--blocking-threads", str(options["threads"]),
            "--no-ws",
            "--log-level", "warning",
            "motcua.wsgi:application",
        ]  # fmt: skip
        commands = {"web": web}
        if not options["no_worker"]:
            commands["worker"] = [sys.executable, "-m", "motcua.cli", "worker"]
        if not options["no_sandbox"]:
            commands["sandbox"] = [
                sys.executable, "-m", "motcua.cli", "sandbox",
                "--host", options["host"], "--port", str(options["sandbox_port"]),
            ]  # fmt: skip

        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "motcua.settings"
        )}  # fmt: skip
        children = {name: subprocess.Popen(cmd, env=env) for name, cmd in commands.items()}  # noqa: S603
        self.stdout.write(
            self.style.SUCCESS(
                f"MotCua đang chạy tại http://{options['host']}:{options['port']}/ "
                f"({', '.join(children)}). Nhấn Ctrl-C để dừng."
            )
        )

        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        exit_code = 0
        try:
            while not stopping:
                for name, child in children.items():
                    if child.poll() is not None:
                        self.stderr.write(f"Tiến trình {name} đã dừng (mã {child.returncode}).")
                        exit_code = child.returncode or 1
                        stopping = True
                time.sleep(0.3)
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.terminate()
            deadline = time.monotonic() + 10
            for child in children.values():
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
            self.stdout.write("Đã dừng MotCua.")
        if exit_code:
            sys.exit(exit_code)
