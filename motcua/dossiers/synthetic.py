"""Synthetic dossier history, written in bulk: the demo's year of activity (DEMO.md).

Like the history import, this is a documented exception to ARCHITECTURE.md rule 1: finished
dossiers of the past are written with their history directly, without `dossiers.lifecycle`, no
outbox event and no per-dossier audit entry (one entry records the whole batch). Every dossier
is consistent with what the life cycle would have written: a Circular 01 code issued at
reception with the agency's daily sequence (kept in DailySequence, so later receptions continue
the numbering), the rule set of its reception date, due dates from `core.calendar` (pauses for a
supplement restart the limit, Decree 61 Art. 19.4), an apology issued at least one working day
before the due date, and the Events a control sheet or a report reads.

Deterministic for a given seed and `now`. Only dossiers finished before `now` are written: the
present is seeded through the life cycle itself (dossiers.demo).
"""

import random
import string
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import Procedure, Step
from motcua.core import audit, calendar
from motcua.org.models import Agency

from . import rules
from .models import (
    ApplicantKind,
    Channel,
    DailySequence,
    Decision,
    Dossier,
    DossierComponent,
    Event,
    Pause,
    ReturnMethod,
    Status,
)

S = Status
HOUR = timedelta(hours=1)
WORKDAY = timedelta(hours=8)
WORK_STEPS = (Step.Kind.PROCESS, Step.Kind.TRANSFER, Step.Kind.APPROVE)
REFERENCE_ALPHABET = "23456789BCDFGHJKMNPQRSTVWXYZ"

# Weighted by repetition: a third of the Vietnamese are Nguyễn.
FAMILY = (
    *("Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Huỳnh", "Hoàng"),
    *("Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan", "Trương"),
)
MIDDLE_MEN = ("Văn", "Minh", "Quốc", "Đức", "Hữu", "Thanh", "Công", "Xuân")
MIDDLE_WOMEN = ("Thị", "Thị", "Ngọc", "Thu", "Kim", "Mỹ", "Bích", "Hồng")
GIVEN_MEN = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Long", "Nam", "Phúc", "Sơn")
GIVEN_WOMEN = ("Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Lan", "Linh", "Mai", "Nhung", "Trang")
# Jarai and Bahnar names, common in the province's western communes (DEMO.md).
HIGHLAND = (
    "Rơ Mah H'Bia",
    "Ksor Nay",
    "Siu H'Luyên",
    "Rah Lan Thị Hằng",
    "Kpă Y Blin",
    "Đinh Văn Rưh",
    "Nay H'Ngơn",
    "Puih Đức",
    "Rơ Châm Yơn",
    "Đinh Thị Hmlư",
)
STREETS = ("Trần Hưng Đạo", "Lê Lợi", "Nguyễn Huệ", "Hùng Vương", "Phan Đình Phùng", "Lý Thái Tổ")
COMPANY_KINDS = ("Công ty TNHH", "Công ty cổ phần", "Hợp tác xã", "Doanh nghiệp tư nhân")
COMPANY_NAMES = ("Phú Tài", "Tây Nguyên Xanh", "Hoa Lư", "Biển Xanh", "Đại Phát", "Cà phê Chư Sê")


@dataclass(frozen=True)
class Mix:
    """Shares of the story DEMO.md tells: an online ratio in the 50–60% range, over 95% on time."""

    online: float = 0.62  # of dossiers of procedures offered online
    postal: float = 0.05
    assisted: float = 0.1  # of online ones: a post-office clerk submitted with the citizen
    refused: float = 0.03  # of online ones, at reception
    withdrawn: float = 0.01
    supplement: float = 0.06
    late: float = 0.025
    apology: float = 0.6  # of late ones
    rejected: float = 0.02
    slow_reception: float = 0.12  # online dossiers received after the province's target


@dataclass
class People:
    """Who acts for each agency in the history: demo staff where they exist."""

    by_agency_role: dict[tuple[int, str], User] = field(default_factory=dict)
    assisted_submitter: User | None = None

    def actor(self, agency: Agency, role: str) -> tuple[User | None, str]:
        user = self.by_agency_role.get((agency.pk, role))
        if user is not None:
            return user, str(user)[:200]
        return None, f"Cán bộ {agency.name}"[:200]


@dataclass
class Report:
    dossiers: int = 0
    events: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_channel: Counter[int] = field(default_factory=Counter)
    late: int = 0


@dataclass
class _Procedure:
    procedure: Procedure
    receiving: list[Agency]
    implementing: list[Agency]
    steps: list[Step]
    component_specs: list[tuple[int, str, str]]  # (component id, name, replaced_by)
    fee: int
    business: bool


@dataclass
class _Planned:
    dossier: Dossier
    events: list[Event]
    pauses: list[Pause]


def generate(
    *,
    count: int,
    start: date,
    now: datetime,
    people: People,
    seed: int = 2026,
    mix: Mix | None = None,
    receiving_communes: Sequence[Agency] | None = None,
    chunk: int = 500,
) -> Report:
    """Write `count` finished dossiers received between `start` and `now`, in one transaction."""
    generator = _Generator(
        rng=random.Random(seed),  # noqa: S311 - reproducible demo data, not secrets
        now=now,
        start=start,
        people=people,
        mix=mix or Mix(),
        communes=list(receiving_communes or []),
    )
    report = Report()
    with transaction.atomic():
        batch: list[_Planned] = []
        for planned in generator.plans(count):
            batch.append(planned)
            if len(batch) >= chunk:
                _write(batch, report)
                batch = []
        if batch:
            _write(batch, report)
        _save_sequences(generator.sequences)
        audit.record(
            None,
            "dossier.demo_history",
            details={"dossiers": report.dossiers, "events": report.events, "seed": seed},
        )
    return report


def _write(batch: list[_Planned], report: Report) -> None:
    Dossier.objects.bulk_create([p.dossier for p in batch])
    events: list[Event] = []
    pauses: list[Pause] = []
    components: list[DossierComponent] = []
    for planned in batch:
        dossier = planned.dossier
        # Ids in the order things happened: the history reads by (at, id).
        planned.events.sort(key=lambda e: e.at)
        for event in planned.events:
            event.dossier = dossier
        for pause in planned.pauses:
            pause.dossier = dossier
        events += planned.events
        pauses += planned.pauses
        components += getattr(dossier, "_planned_components", [])
        for component in getattr(dossier, "_planned_components", []):
            component.dossier = dossier
        report.dossiers += 1
        report.by_status[dossier.status] += 1
        report.by_channel[dossier.channel] += 1
        if dossier.due_at and dossier.finished_at and dossier.finished_at > dossier.due_at:
            report.late += 1
    Event.objects.bulk_create(events)
    Pause.objects.bulk_create(pauses)
    DossierComponent.objects.bulk_create(components)
    report.events += len(events)


def _save_sequences(sequences: dict[tuple[int, date], int]) -> None:
    # Later receptions continue each agency's daily numbering after the history's last number.
    existing = {
        (row.agency_id, row.day): row
        for row in DailySequence.objects.filter(day__in={day for _, day in sequences})
    }
    new = []
    for (agency_id, day), last in sequences.items():
        row = existing.get((agency_id, day))
        if row is None:
            new.append(DailySequence(agency_id=agency_id, day=day, last=last))
        elif row.last < last:
            row.last = last
            row.save(update_fields=["last"])
    DailySequence.objects.bulk_create(new)


def load_procedures() -> list[_Procedure]:
    found = []
    procedures = Procedure.objects.filter(is_published=True).prefetch_related(
        "receiving_agencies", "agencies", "steps__agency", "components", "fees"
    )
    for procedure in procedures.order_by("code"):
        implementing = sorted(procedure.agencies.all(), key=lambda a: a.code)
        receiving = list(procedure.receiving_agencies.all()) or implementing
        if not receiving:
            continue
        steps = sorted(
            (s for s in procedure.steps.all() if s.kind in WORK_STEPS),
            key=lambda s: (s.order, s.pk),
        )
        lowered = procedure.name.lower()
        found.append(
            _Procedure(
                procedure=procedure,
                receiving=receiving,
                implementing=implementing,
                steps=steps,
                component_specs=[
                    (c.pk, c.name, c.replaced_by)
                    for c in sorted(procedure.components.all(), key=lambda c: (c.order, c.pk))
                ],
                fee=procedure.base_fee,
                business="kinh doanh" in lowered or "doanh nghiệp" in lowered,
            )
        )
    return found


class _Generator:
    def __init__(
        self,
        *,
        rng: random.Random,
        now: datetime,
        start: date,
        people: People,
        mix: Mix,
        communes: list[Agency],
    ) -> None:
        self.rng = rng
        self.now = now
        self.people = people
        self.mix = mix
        self.communes = {a.pk for a in communes}
        self.procedures = load_procedures()
        if not self.procedures:
            raise ValueError("No published procedure with a receiving agency to seed.")
        # Civil status and certification at the communes make most of a province's volume.
        self.weights = [3 if p.procedure.level == "commune" else 1 for p in self.procedures]
        last = timezone.localtime(now).date() - timedelta(days=1)
        self.days = [
            start + timedelta(days=n)
            for n in range((last - start).days + 1)
            if calendar.is_working_day(start + timedelta(days=n))
        ]
        # Numbers already taken (a visitor's dossiers) are never issued twice.
        self.sequences: dict[tuple[int, date], int] = {
            (row.agency_id, row.day): row.last
            for row in DailySequence.objects.filter(day__gte=start)
        }
        self.references: set[str] = set(
            Dossier.objects.filter(submitted_at__date__gte=start).values_list(
                "reference", flat=True
            )
        )

    def plans(self, count: int) -> Iterator[_Planned]:
        made = attempts = 0
        # Dossiers whose story would end after `now` are drawn again: the present belongs to
        # the life cycle. The bound only stops a pathological calendar from looping forever.
        while made < count and attempts < count * 5:
            attempts += 1
            planned = self._plan()
            if planned is not None:
                made += 1
                yield planned

    # --- One dossier -------------------------------------------------------------------------

    def _plan(self) -> _Planned | None:
        rng, mix = self.rng, self.mix
        proc = rng.choices(self.procedures, weights=self.weights)[0]
        receiving = self._receiving(proc)
        implementing = next((a for a in proc.implementing if a.pk == receiving.pk), None)
        implementing = implementing or (proc.implementing[0] if proc.implementing else receiving)
        online_offered = proc.procedure.is_online
        roll = rng.random()
        if online_offered and (proc.procedure.online_only or roll < mix.online):
            channel = Channel.ONLINE
        elif proc.procedure.postal_submission and roll > 1 - mix.postal:
            channel = Channel.POSTAL
        else:
            channel = Channel.DESK
        day = rng.choice(self.days)
        if channel == Channel.ONLINE:
            # Citizens submit at any hour, weekends included.
            submitted = datetime.combine(
                day - timedelta(days=rng.choice((0, 0, 0, 1, 2))),
                time(rng.randint(6, 21), rng.randint(0, 59)),
                tzinfo=timezone.get_current_timezone(),
            )
            slow = rng.random() < mix.slow_reception
            wait = rng.uniform(4.5, 14) if slow else rng.uniform(0.2, 3.8)
            received = calendar.add_office_time(submitted, wait * HOUR)
        else:
            submitted = received = self._office_moment(day)
        assisted = channel == Channel.ONLINE and rng.random() < mix.assisted
        dossier = self._dossier(proc, receiving, channel, submitted, assisted)
        events: list[Event] = []
        pauses: list[Pause] = []
        self._event(events, dossier, "submit", submitted, "", S.SUBMITTED, receiving, "officer")
        if assisted and self.people.assisted_submitter is not None:
            events[-1].actor = self.people.assisted_submitter
            events[-1].actor_label = str(self.people.assisted_submitter)[:200]
            events[-1].details = {"assisted": True}
        elif channel == Channel.ONLINE:
            events[-1].actor = None
            events[-1].actor_label = "Chủ hồ sơ (nộp trực tuyến)"
        if received > self.now:
            return None
        if channel == Channel.ONLINE and rng.random() < mix.refused:
            dossier.status = S.REFUSED
            reason = "Giấy tờ tải lên không đọc được, đề nghị nộp lại bản chụp rõ nét."
            self._event(
                events, dossier, "refuse", received, S.SUBMITTED, S.REFUSED, receiving, "officer"
            )
            events[-1].note = reason
            return _Planned(dossier, events, pauses)
        return self._process(proc, dossier, events, pauses, receiving, implementing, received)

    def _process(
        self,
        proc: _Procedure,
        dossier: Dossier,
        events: list[Event],
        pauses: list[Pause],
        receiving: Agency,
        implementing: Agency,
        received: datetime,
    ) -> _Planned | None:
        rng, mix, p = self.rng, self.mix, proc.procedure
        deadline = calendar.due_at(received, p.time_limit, p.time_limit_unit)
        self._receive(proc, dossier, received, deadline, implementing)
        self._event(events, dossier, "receive", received, S.SUBMITTED, S.RECEIVED, receiving)
        events[-1].details = {"rule_set": dossier.rule_set, "to_agency": implementing.code}
        work_start = deadline.counted_from
        due = deadline.due_at
        assigned = calendar.add_office_time(work_start, rng.uniform(0.1, 1.5) * HOUR)
        first = proc.steps[0] if proc.steps else None
        self._event(
            events, dossier, "assign", assigned, S.RECEIVED, S.PROCESSING, implementing, "leader"
        )
        events[-1].step = first
        specialist, _ = self.people.actor(implementing, "specialist")
        events[-1].details = {"assignee_id": specialist.pk if specialist else None}

        if rng.random() < mix.supplement and p.time_limit > 0:
            asked = calendar.add_office_time(assigned, rng.uniform(2, 20) * HOUR)
            back = self._office_moment(
                calendar.add_working_days(timezone.localtime(asked).date(), rng.randint(1, 6))
            )
            pauses.append(Pause(reason=Pause.Reason.SUPPLEMENT, started_at=asked, ended_at=back))
            pauses[-1].due_at_before = due
            self._event(
                events,
                dossier,
                "request_supplement",
                asked,
                S.PROCESSING,
                S.AWAITING_SUPPLEMENT,
                implementing,
                "specialist",
            )
            events[-1].note = "Bổ sung bản sao giấy tờ chứng minh nơi cư trú còn hiệu lực."
            restart = calendar.restart_after_supplement(back, p.time_limit, p.time_limit_unit)
            self._event(
                events,
                dossier,
                "receive_supplement",
                back,
                S.AWAITING_SUPPLEMENT,
                S.PROCESSING,
                receiving,
                "officer",
            )
            dossier.supplement_requests = 1
            work_start, due = restart.counted_from, restart.due_at
            dossier.counted_from, dossier.due_at = work_start, due

        span = calendar.working_time_between(work_start, due)
        late = rng.random() < mix.late
        if late:
            finished = calendar.add_office_time(due, rng.uniform(2, 40) * HOUR)
        else:
            finished = calendar.add_office_time(work_start, span * rng.uniform(0.3, 0.97))
        finished = max(finished, assigned + timedelta(minutes=20))
        if rng.random() < mix.withdrawn:
            withdrawn_at = assigned + (finished - assigned) / 2
            if withdrawn_at > self.now:
                return None
            dossier.status, dossier.finished_at = S.WITHDRAWN, withdrawn_at
            self._event(
                events, dossier, "withdraw", withdrawn_at, S.PROCESSING, S.WITHDRAWN, receiving
            )
            events[-1].note = "Chủ hồ sơ đề nghị rút hồ sơ để bổ sung thông tin."
            return _Planned(dossier, events, pauses)
        returned = self._returned(dossier, finished)
        if returned > self.now:
            return None
        decided = finished - timedelta(minutes=rng.randint(5, 90))
        decided = max(decided, assigned + timedelta(minutes=10))
        self._steps(proc, dossier, events, implementing, assigned, decided)
        if late and rng.random() < mix.apology:
            self._apology(dossier, events, implementing, work_start, due, finished)
        rejected = rng.random() < mix.rejected
        dossier.decision = Decision.REJECTED if rejected else Decision.APPROVED
        if rejected:
            dossier.decision_note = "Hồ sơ không đáp ứng điều kiện theo quy định."
        self._event(
            events,
            dossier,
            "reject" if rejected else "approve",
            decided,
            S.PROCESSING,
            S.PROCESSING,
            implementing,
            "leader",
        )
        events[-1].note = dossier.decision_note
        events[-1].details = {"decision": dossier.decision}
        dossier.finished_at = finished
        self._event(
            events,
            dossier,
            "mark_result_ready",
            finished,
            S.PROCESSING,
            S.RESULT_READY,
            implementing,
            "specialist",
        )
        dossier.returned_at = returned
        dossier.status = S.RETURNED
        self._event(
            events, dossier, "return_result", returned, S.RESULT_READY, S.RETURNED, receiving
        )
        events[-1].details = {"method": dossier.return_method}
        return _Planned(dossier, events, pauses)

    def _steps(
        self,
        proc: _Procedure,
        dossier: Dossier,
        events: list[Event],
        implementing: Agency,
        begin: datetime,
        end: datetime,
    ) -> None:
        # One forward per hand-over between work steps, spread evenly over the processing time;
        # a step with its own agency is an inter-agency hop (liên thông).
        steps = [s for s in proc.steps]
        hops = [s for s in steps if s.kind != Step.Kind.APPROVE]
        for index, step in enumerate(hops):
            position = steps.index(step)
            following = steps[position + 1] if position + 1 < len(steps) else None
            if following is None:
                break
            at = begin + (end - begin) * (index + 1) / (len(hops) + 1)
            here = step.agency or implementing
            there = following.agency or implementing
            self._event(
                events, dossier, "forward", at, S.PROCESSING, S.PROCESSING, here, "specialist"
            )
            events[-1].step = step
            events[-1].details = {
                "to_step": following.name,
                "from_agency": here.code,
                "to_agency": there.code,
            }
        dossier.current_step = next((s for s in steps if s.kind == Step.Kind.RETURN), None)

    def _apology(
        self,
        dossier: Dossier,
        events: list[Event],
        agency: Agency,
        work_start: datetime,
        due: datetime,
        finished: datetime,
    ) -> None:
        # No later than the working day before the due date's day (Decree 61 Art. 20).
        day = timezone.localtime(due).date() - timedelta(days=1)
        while not calendar.is_working_day(day):
            day -= timedelta(days=1)
        at = self._office_moment(day)
        if at <= work_start:
            return
        promised = calendar.due_at(finished, 1, "working_days").due_at
        dossier.apology_due_at = promised
        self._event(events, dossier, "apologise", at, S.PROCESSING, S.PROCESSING, agency, "leader")
        events[-1].note = "Hồ sơ cần xác minh thêm với cơ quan liên quan."
        events[-1].details = {"due_at": due.isoformat(), "new_due_at": promised.isoformat()}

    def _returned(self, dossier: Dossier, finished: datetime) -> datetime:
        if dossier.return_method == ReturnMethod.ONLINE:
            return finished + timedelta(minutes=self.rng.randint(1, 30))
        # Paper results are collected when the applicant comes: most within a few working days.
        days = self.rng.choice((0, 0, 1, 1, 2, 3, 5))
        day = calendar.add_working_days(timezone.localtime(finished).date(), days)
        return max(self._office_moment(day), finished + timedelta(minutes=5))

    # --- Building blocks ---------------------------------------------------------------------

    def _receiving(self, proc: _Procedure) -> Agency:
        preferred = [a for a in proc.receiving if a.pk in self.communes]
        return self.rng.choice(preferred or proc.receiving)

    def _office_moment(self, day: date) -> datetime:
        sessions = calendar.sessions(day)
        if not sessions:
            day = calendar.add_working_days(day, 1)
            sessions = calendar.sessions(day)
        session = self.rng.choice(sessions)
        seconds = (session.end - session.start).total_seconds()
        return session.start + timedelta(seconds=int(self.rng.uniform(0.02, 0.97) * seconds))

    def _reference(self, submitted: datetime) -> str:
        day = timezone.localtime(submitted).date()
        while True:
            suffix = "".join(self.rng.choice(REFERENCE_ALPHABET) for _ in range(6))
            reference = f"NOP-{day:%y%m%d}-{suffix}"
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def _code(self, agency: Agency, received: datetime) -> str:
        day = timezone.localtime(received).date()
        key = (agency.pk, day)
        self.sequences[key] = self.sequences.get(key, 0) + 1
        return f"{agency.code}-{day:%y%m%d}-{self.sequences[key]:04d}"

    def _dossier(
        self,
        proc: _Procedure,
        receiving: Agency,
        channel: int,
        submitted: datetime,
        assisted: bool,
    ) -> Dossier:
        rng = self.rng
        applicant = self._applicant(proc, receiving)
        p = proc.procedure
        methods = [ReturnMethod.DESK]
        if channel == Channel.ONLINE and p.is_online:
            methods += [ReturnMethod.ONLINE, ReturnMethod.ONLINE]
        if p.postal_return:
            methods.append(ReturnMethod.POSTAL)
        dossier = Dossier(
            reference=self._reference(submitted),
            procedure=p,
            status=S.SUBMITTED,
            channel=channel,
            receiving_agency=receiving,
            current_agency=receiving,
            submitted_at=submitted,
            submitted_by=self.people.assisted_submitter if assisted else None,
            consent_at=submitted if assisted else None,
            return_method=rng.choice(methods),
            form_data={f"applicant_{k}": v for k, v in applicant.items() if k != "kind"},
            **{f"applicant_{k}": v for k, v in applicant.items()},
        )
        dossier._planned_components = [  # type: ignore[attr-defined]
            DossierComponent(
                component_id=component_id,
                name=name,
                replaced_by=replaced_by,
                consent_at=submitted if replaced_by else None,
                digitised=channel == Channel.ONLINE,
            )
            for component_id, name, replaced_by in proc.component_specs
        ]
        return dossier

    def _receive(
        self,
        proc: _Procedure,
        dossier: Dossier,
        received: datetime,
        deadline: calendar.Deadline,
        implementing: Agency,
    ) -> None:
        p = proc.procedure
        dossier.code = self._code(dossier.receiving_agency, received)
        dossier.rule_set = rules.rule_set_on(received)
        dossier.procedure_snapshot = rules.procedure_snapshot(
            p, fee=proc.fee, implementing=implementing
        )
        dossier.fee_amount = proc.fee
        dossier.received_at = received
        dossier.counted_from = deadline.counted_from
        dossier.due_at = dossier.original_due_at = deadline.due_at

    def _event(
        self,
        events: list[Event],
        dossier: Dossier,
        action: str,
        at: datetime,
        from_status: str,
        to_status: str,
        agency: Agency,
        role: str = "officer",
    ) -> None:
        actor, label = self.people.actor(agency, role)
        events.append(
            Event(
                at=at,
                actor=actor,
                actor_label=label,
                action=action,
                from_status=from_status,
                to_status=to_status,
                agency=agency,
            )
        )

    def _applicant(self, proc: _Procedure, receiving: Agency) -> dict[str, Any]:
        rng = self.rng
        phone = "0" + rng.choice("389") + "".join(rng.choices(string.digits, k=8))
        street = f"{rng.randint(1, 399)} {rng.choice(STREETS)}"
        if proc.business and rng.random() < 0.7:
            name = f"{rng.choice(COMPANY_KINDS)} {rng.choice(COMPANY_NAMES)}"
            return {
                "kind": ApplicantKind.BUSINESS,
                "name": name,
                "id_number": "41" + "".join(rng.choices(string.digits, k=8)),
                "phone": phone,
                "address": f"{street}, {receiving.name.removeprefix('UBND ')}",
            }
        woman = rng.random() < 0.5
        if receiving.pk in self.communes and rng.random() < 0.5:
            name = rng.choice(HIGHLAND)
        else:
            middle = rng.choice(MIDDLE_WOMEN if woman else MIDDLE_MEN)
            given = rng.choice(GIVEN_WOMEN if woman else GIVEN_MEN)
            name = f"{rng.choice(FAMILY)} {middle} {given}"
        born = rng.randint(1950, 2006)
        # A CCCD number: birthplace code, sex and century digit, year of birth, six digits.
        century = (1 if woman else 0) if born < 2000 else (3 if woman else 2)
        id_number = f"052{century}{born % 100:02d}" + "".join(rng.choices(string.digits, k=6))
        return {
            "kind": ApplicantKind.CITIZEN,
            "name": name,
            "id_number": id_number,
            "phone": phone,
            "address": f"{street}, {receiving.name.removeprefix('UBND ')}",
        }
