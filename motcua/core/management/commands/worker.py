"""`motcua worker`: deliver outbox events and run background tasks until told to stop."""

import logging
import math
import signal
from argparse import ArgumentParser, ArgumentTypeError
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand

from motcua.core.worker import WORKER_ID_MAX, Worker, default_worker_id

logger = logging.getLogger("motcua.worker")


def _interval(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise ArgumentTypeError(f"{value!r}: cần một số giây không âm, ví dụ 1 hoặc 0.5.")
    return seconds


def _worker_id(value: str) -> str:
    if not value or len(value) > WORKER_ID_MAX:
        raise ArgumentTypeError(f"Mã worker phải có từ 1 đến {WORKER_ID_MAX} ký tự.")
    return value


class Command(BaseCommand):
    help = (
        "Chạy tiến trình nền: gửi các sự kiện outbox đến hạn và chạy các tác vụ đang chờ, "
        "cho đến khi nhận SIGINT/SIGTERM (xử lý xong việc đang làm rồi mới dừng)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Làm hết việc đang đến hạn rồi thoát (dùng cho cron và kiểm thử).",
        )
        parser.add_argument(
            "--interval",
            type=_interval,
            default=1.0,
            help="Số giây nghỉ khi không có việc gì (mặc định: %(default)s).",
        )
        parser.add_argument(
            "--worker-id",
            type=_worker_id,
            default=default_worker_id(),
            help="Tên của worker này, duy nhất trong cụm (mặc định: tên máy-pid).",
        )

    def handle(
        self, *args: Any, once: bool, interval: float, worker_id: str, **options: Any
    ) -> None:
        worker = Worker(worker_id=worker_id, interval=interval)
        self._stop_on_signals(worker)
        worker.run(once=once)

    def _stop_on_signals(self, worker: Worker) -> None:
        def on_signal(signum: int, frame: FrameType | None) -> None:
            name = signal.Signals(signum).name
            if worker.stopping:
                # A second signal: the operator does not want to wait. The event in hand keeps
                # its lease, which expires, and another worker delivers it again.
                logger.warning(
                    "%s again: stopping now", name, extra={"worker_id": worker.worker_id}
                )
                raise SystemExit(1)
            logger.warning(
                "%s: finishing the current event or task, then stopping",
                name,
                extra={"worker_id": worker.worker_id},
            )
            worker.stop()

        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
