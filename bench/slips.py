"""How long does a legal slip take to draw, and to store?

Run:  .venv/bin/python bench/slips.py [N]
      SLIPS_OUT=/tmp/slips .venv/bin/python bench/slips.py   (also writes one PDF per slip)

The demo world (org demo seed, curated catalog) is built in a throwaway SQLite database and a
temporary MEDIA_ROOT. The judicial record certificate 2.001417 is driven through the life cycle
three times: received, apologised, processed through its steps and returned (receipt, apology,
control sheet); supplement requested at reception (supplement request); refused (refusal).

Each slip is then rendered N times (default 30) with `slips.render` (the PDF bytes, nothing
stored), after one warm-up render; "ensure (new)" is `slips.ensure` storing a receipt it has not
stored yet (render, file write, row and audit entry; the row and file are removed between runs),
"ensure (stored)" the same call once the slip exists (two queries, no rendering).
"""

import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

_TMP = tempfile.TemporaryDirectory(prefix="motcua-bench-slips-")
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP.name}/unused.sqlite3"
os.environ["MEDIA_ROOT"] = str(Path(_TMP.name) / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management.base import OutputWrapper  # noqa: E402
from django.db import connection  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.catalog.models import Procedure  # noqa: E402
from motcua.core import calendar  # noqa: E402
from motcua.dossiers import lifecycle, slips  # noqa: E402
from motcua.dossiers.models import Attachment, Dossier, SlipKind  # noqa: E402
from motcua.org.models import Agency, Role, StaffAssignment  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# SLIPS_OUT=/some/folder keeps one copy of each slip there, to look at.
OUT = os.environ.get("SLIPS_OUT", "")
APPLICANT: dict[str, Any] = {
    "kind": 1,
    "name": "Hồ Thị Lan",
    "id_number": "064190001234",
    "phone": "0905123456",
    "email": "lan@example.vn",
    "address": "12 Hùng Vương, phường Pleiku, tỉnh Gia Lai",
}
FORM: dict[str, Any] = {
    "card_type": "Phiếu lý lịch tư pháp số 1",
    "copies_requested": 1,
    "purpose": "Bổ sung hồ sơ xin việc",
    "residence_history": "Từ 2004 đến nay: 12 Hùng Vương, phường Pleiku, tỉnh Gia Lai",
}


def working_days(start: date, count: int) -> list[date]:
    days: list[date] = []
    while len(days) < count:
        if calendar.is_working_day(start):
            days.append(start)
        start += timedelta(days=1)
    return days


def build() -> dict[SlipKind, Dossier]:
    from motcua.catalog.seeding import seed_curated
    from motcua.org import demo

    demo.seed(OutputWrapper(io.StringIO()))
    seed_curated()
    procedure = Procedure.objects.get(code="2.001417")
    center = Agency.objects.get(code="000.00.01.H21")
    police = User.objects.create_user(
        username="bench.congan", password=None, full_name="Nguyễn Văn An"
    )
    StaffAssignment.objects.create(
        user=police,
        agency=Agency.objects.get(code="000.00.12.H21"),
        role=Role.objects.get(code="specialist"),
    )
    officer = User.objects.get(username="motcua.tiepnhan")
    specialist = User.objects.get(username="tuphap.chuyenvien")
    leader = User.objects.get(username="tuphap.lanhdao")
    citizen = User.objects.create_user(username="bench.lan", password=None, full_name="Hồ Thị Lan")
    days = working_days(date(2026, 1, 5), 12)

    def at(day: int, hour: int) -> datetime:
        d = days[day]
        return datetime(d.year, d.month, d.day, hour, tzinfo=VN)

    def submitted() -> Dossier:
        return lifecycle.submit_online(
            procedure,
            applicant=APPLICANT,
            form_data=FORM,
            by=citizen,
            receiving_agency=center,
            at=at(0, 8),
        )

    d = lifecycle.receive(submitted(), by=officer, at=at(0, 9))
    assert d.due_at is not None
    d = lifecycle.assign(d, by=leader, to=specialist, at=at(0, 10))
    d = lifecycle.apologise(
        d,
        by=leader,
        new_due_at=d.due_at + timedelta(days=7),
        reason="Chờ kết quả xác minh của cơ quan công an",
        at=at(0, 11),
    )
    day = 1
    while d.current_step is not None and d.current_step.kind != "approve":
        by = specialist if d.current_agency_id == specialist_agency(specialist) else police
        d = lifecycle.forward(d, by=by, at=at(day, 9))
        day += 1
    d = lifecycle.approve(d, by=leader, at=at(day, 9))
    d = lifecycle.mark_result_ready(d, by=specialist, at=at(day, 14))
    d = lifecycle.return_result(d, by=officer, at=at(day + 1, 9))
    early = lifecycle.request_supplement(
        submitted(), by=officer, items=["Tờ khai có chữ ký", "Ảnh 4x6"], at=at(0, 9)
    )
    refused = lifecycle.refuse(submitted(), by=officer, reasons="Sai thẩm quyền", at=at(0, 9))
    return {
        SlipKind.RECEIPT: d,
        SlipKind.CONTROL_SHEET: d,
        SlipKind.APOLOGY: d,
        SlipKind.SUPPLEMENT: early,
        SlipKind.REFUSAL: refused,
    }


def specialist_agency(user: User) -> int:
    return StaffAssignment.objects.filter(user=user).values_list("agency_id", flat=True)[0]


def timed(
    n: int, call: Callable[[], object], reset: Callable[[], None] | None = None
) -> list[float]:
    spent = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        spent.append((time.perf_counter() - started) * 1000)
        if reset is not None:
            reset()
    return spent


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    connection.settings_dict["TEST"]["NAME"] = str(Path(_TMP.name) / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        dossiers = build()
        print(f"{connection.vendor}: {n} runs per slip, after one warm-up render each\n")
        print(f"{'slip':<18} {'pages':>5} {'KB':>6} {'p50 ms':>8} {'mean ms':>8} {'max ms':>8}")
        rows: list[tuple[str, list[float], str, str]] = []
        for kind, dossier in dossiers.items():
            pdf = slips.render(dossier, kind)
            pages = str(len(PdfReader(io.BytesIO(pdf)).pages))
            if OUT:
                (Path(OUT) / f"{kind.value}.pdf").write_bytes(pdf)

            def draw(dossier: Dossier = dossier, kind: SlipKind = kind) -> bytes:
                return slips.render(dossier, kind)

            rows.append((kind.value, timed(n, draw), pages, kb(pdf)))
        receipt = dossiers[SlipKind.RECEIPT]

        def forget() -> None:
            for attachment in Attachment.objects.all():
                attachment.file.delete(save=False)
                attachment.delete()

        rows.append(
            ("ensure (new)", timed(n, lambda: slips.ensure(receipt, "receipt"), forget), "", "")
        )
        slips.ensure(receipt, SlipKind.RECEIPT)
        rows.append(("ensure (stored)", timed(n, lambda: slips.ensure(receipt, "receipt")), "", ""))
        for name, spent, pages, size in rows:
            print(
                f"{name:<18} {pages:>5} {size:>6} {statistics.median(spent):>8.1f} "
                f"{statistics.fmean(spent):>8.1f} {max(spent):>8.1f}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def kb(pdf: bytes) -> str:
    return f"{len(pdf) / 1024:.1f}"


if __name__ == "__main__":
    main()
