"""Demo dossiers (DEMO.md "The story the demo data tells"): a year of finished dossiers, and the
present — dossiers in every queue of the demo officials — moved there through the life cycle.

The year is written in bulk by dossiers.synthetic (a documented exception to ARCHITECTURE.md
rule 1, as the history import is); the present goes through `dossiers.lifecycle`, one action
after another by the official who would take it, at instants of the last working days, so that
its history, slips, alarms and queues are exactly what the product would have made.

Seeded once: a second `seed-demo` finds the history's audit entry and leaves dossiers alone.
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import OutputWrapper
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.core import calendar, demo_people
from motcua.core.management.commands.seed_demo import DEMO_PASSWORD, DemoLogin
from motcua.core.models import AuditEntry
from motcua.org.demo import SERVICE_CENTER
from motcua.org.models import Agency, StaffAssignment

from . import lifecycle, synthetic
from .models import Dossier, ReturnMethod

HISTORY_MARKER = "dossier.demo_history"

JUDICIAL_RECORD = "2.001417"
CONSTRUCTION_PERMIT = "1.013041"
BIRTH_REGISTRATION = "1.001193"
# Communes whose dossiers the year is about: the rural commune of the demo cast, and wards
# and communes around it (their agencies in org.demo's numbering).
HISTORY_COMMUNES = ("116.00.90.H21", "001.00.90.H21", "002.00.90.H21", "050.00.90.H21")


def seed(out: OutputWrapper) -> list[DemoLogin]:
    if AuditEntry.objects.filter(action=HISTORY_MARKER).exists():
        out.write("Hồ sơ: đã có dữ liệu trình diễn, giữ nguyên.")
        return []
    now = timezone.now()
    people = _people()
    count = settings.DEMO_DOSSIERS
    report = synthetic.generate(
        count=count,
        start=timezone.localdate(now) - timedelta(days=365),
        now=now,
        people=people,
        receiving_communes=list(Agency.objects.filter(code__in=HISTORY_COMMUNES)),
    )
    present = Present(now)
    present.seed()
    out.write(
        f"Hồ sơ: {report.dossiers} hồ sơ đã giải quyết trong năm qua ({report.events} bước xử "
        f"lý, {report.late} hồ sơ trễ hạn), {len(present.made)} hồ sơ đang giải quyết."
    )
    return []


def _people() -> synthetic.People:
    people = synthetic.People()
    assignments = StaffAssignment.objects.select_related("user", "role", "agency")
    for assignment in assignments.order_by("pk"):
        people.by_agency_role.setdefault(
            (assignment.agency_id, assignment.role.code), assignment.user
        )
    people.assisted_submitter = User.objects.filter(username="buudien.hotro").first()
    return people


class Present:
    """The dossiers now in the demo officials' queues, each placed by the life cycle."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.today = timezone.localdate(now)
        self.made: list[Dossier] = []
        staff = User.objects.filter(assignments__isnull=False).distinct()
        self.staff = {u.username: u for u in staff}
        self.citizens = {c.key: _citizen(c) for c in demo_people.CITIZENS}
        self.procedures = {
            p.code: p
            for p in Procedure.objects.filter(
                code__in=(JUDICIAL_RECORD, CONSTRUCTION_PERMIT, BIRTH_REGISTRATION)
            )
        }
        self.center = Agency.objects.get(code=SERVICE_CENTER)
        self.commune = Agency.objects.get(code="116.00.90.H21")

    def at(self, working_days_ago: int, hour: int, minute: int = 0) -> datetime:
        """An instant of a past working day (0 = today), never later than now."""
        day = self.today
        for _ in range(working_days_ago):
            day = _previous_working_day(day)
        if working_days_ago == 0 and not calendar.is_working_day(day):
            day = _previous_working_day(day)
        moment = datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())
        return min(moment, self.now - timedelta(minutes=5))

    def seed(self) -> None:
        if len(self.procedures) < 3 or not self.staff:
            return
        jr, cp, birth = (
            self.procedures[JUDICIAL_RECORD],
            self.procedures[CONSTRUCTION_PERMIT],
            self.procedures[BIRTH_REGISTRATION],
        )
        # Waiting for reception at the Service Center: the oldest is over the 4-hour target.
        # Fresh ones: minutes old whatever the hour `seed-demo` runs at.
        self.online(jr, "tam", self.now - timedelta(minutes=50))
        self.online(jr, "huy", self.at(2, 15, 5))
        self.online(cp, "huy", self.at(1, 9, 10))
        self.online(jr, "nay", self.at(1, 14, 0), assisted=True)
        self.online(birth, "thao", self.now - timedelta(minutes=30), agency=self.commune)
        # Received and in the departments' queues.
        self.story(jr, "thao", 3, ["receive"])
        self.story(jr, "tam", 4, ["desk", "assign"])
        self.story(jr, "huy", 9, ["desk", "assign", "forward"])  # at the police, due soon
        self.story(jr, "nay", 12, ["desk", "assign"])  # overdue at Sở Tư pháp
        self.story(jr, "thao", 7, ["receive", "assign", "forward", "police", "forward", "forward"])
        self.story(
            jr, "tam", 8, ["desk", "assign", "forward", "police", "forward", "forward", "approve"]
        )
        self.story(cp, "huy", 6, ["desk", "assign_xd", "supplement"])
        self.story(cp, "tam", 5, ["receive", "assign_xd", "forward_xd"])  # at Sở NN&MT
        refused = self.online(jr, "tam", self.at(1, 10, 30))
        lifecycle.refuse(
            refused,
            by=self.staff["motcua.tiepnhan"],
            reasons="Ảnh chụp căn cước bị mờ, không đọc được số định danh; đề nghị nộp lại.",
            at=self.at(1, 13, 45),
        )

    def online(
        self,
        procedure: Procedure,
        who: str,
        at: datetime,
        *,
        assisted: bool = False,
        agency: Agency | None = None,
    ) -> Dossier:
        citizen = self.citizens[who]
        dossier = lifecycle.submit_online(
            procedure,
            applicant=_applicant(citizen),
            form_data=FORMS[procedure.code](citizen),
            by=self.staff["buudien.hotro"] if assisted else citizen,
            receiving_agency=agency or self.center,
            return_method=ReturnMethod.DESK if assisted else ReturnMethod.ONLINE,
            consent_at=at if assisted else None,
            at=at,
        )
        self.made.append(dossier)
        return dossier

    def story(self, procedure: Procedure, who: str, days_ago: int, steps: list[str]) -> Dossier:
        """A dossier received `days_ago` working days back, then one step per working day."""
        staff = self.staff
        citizen = self.citizens[who]
        officer = staff["motcua.tiepnhan"]
        if steps[0] == "desk":
            dossier = lifecycle.create_at_desk(
                procedure,
                applicant=_applicant(citizen),
                form_data=FORMS[procedure.code](citizen),
                by=officer,
                at=self.at(days_ago, 8, 30),
            )
            self.made.append(dossier)
        else:
            dossier = self.online(procedure, who, self.at(days_ago + 1, 19, 40))
            dossier = lifecycle.receive(dossier, by=officer, at=self.at(days_ago, 8, 15))
        actions: dict[str, Callable[[Dossier, datetime], Dossier]] = {
            "assign": lambda d, t: lifecycle.assign(
                d, by=staff["tuphap.lanhdao"], to=staff["tuphap.chuyenvien"], at=t
            ),
            "assign_xd": lambda d, t: lifecycle.assign(
                d, by=staff["xaydung.lanhdao"], to=staff["xaydung.chuyenvien"], at=t
            ),
            "police": lambda d, t: lifecycle.assign(
                d, by=staff["congan.lanhdao"], to=staff["congan.chuyenvien"], at=t
            ),
            "forward": lambda d, t: lifecycle.forward(
                d, by=d.assignee or staff["tuphap.lanhdao"], note="Đã kiểm tra, đủ điều kiện.", at=t
            ),
            "forward_xd": lambda d, t: lifecycle.forward(
                d, by=staff["xaydung.chuyenvien"], note="Đề nghị xác nhận hiện trạng đất.", at=t
            ),
            "supplement": lambda d, t: lifecycle.request_supplement(
                d,
                by=staff["xaydung.chuyenvien"],
                items=["Bản vẽ mặt bằng công trình có chữ ký của chủ đầu tư"],
                note="Bản vẽ nộp kèm thiếu chữ ký.",
                at=t,
            ),
            "approve": self._approve_and_issue,
        }
        for offset, step in enumerate(steps[1:], start=1):
            dossier = actions[step](dossier, self.at(max(days_ago - offset, 0), 10, 0))
        return dossier

    def _approve_and_issue(self, dossier: Dossier, at: datetime) -> Dossier:
        dossier = lifecycle.approve(dossier, by=self.staff["tuphap.lanhdao"], at=at)
        return lifecycle.mark_result_ready(
            dossier, by=self.staff["tuphap.chuyenvien"], at=at + timedelta(hours=2)
        )


def _previous_working_day(day: date) -> date:
    day -= timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _citizen(person: demo_people.DemoCitizen) -> User:
    # Citizens sign in with their identity number (VNeID practice); the citizen portal that lets
    # them do so is issue 6: until then they exist to own the demo's online dossiers.
    user, created = get_user_model().objects.get_or_create(
        username=person.id_number, defaults={"full_name": person.full_name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.demo_person = person  # type: ignore[attr-defined]
    return user


def _applicant(citizen: User) -> dict[str, Any]:
    person: demo_people.DemoCitizen = citizen.demo_person  # type: ignore[attr-defined]
    return {
        "name": person.full_name,
        "id_number": person.id_number,
        "phone": person.phone,
        "address": person.full_address,
    }


FORMS: dict[str, Callable[[User], dict[str, Any]]] = {
    JUDICIAL_RECORD: lambda citizen: {
        "card_type": "Phiếu lý lịch tư pháp số 1",
        "copies_requested": 1,
        "purpose": "Bổ sung hồ sơ xin việc",
        "residence_history": "Từ 2010 đến nay cư trú tại tỉnh Gia Lai.",
    },
    CONSTRUCTION_PERMIT: lambda citizen: {},
    BIRTH_REGISTRATION: lambda citizen: {
        "child_full_name": "Nguyễn Gia Bảo",
        "child_sex": "Nam",
        "child_birth_date": "2026-11-20",
        "child_birth_place": "Bệnh viện Đa khoa tỉnh Gia Lai",
        "mother_full_name": citizen.full_name,
        "relationship": "Mẹ",
    },
}
