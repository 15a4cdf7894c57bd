"""What each legal slip says (Circular 01/2018/TT-VPCP Art. 9, forms 01–05; DOMAIN.md §3).

One function per form draws it from the dossier and the history event it records. The field
lists follow reference/vn-standards.md §1.8. Each rule set has its own form numbers (DOMAIN.md
§2); the 2025 forms (Circular 03/2025/TT-VPCP) could not be read, so their layout carries the
2018 one over with the 2025 numbering, as DOMAIN.md §2 tells us to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import Component, Step
from motcua.core.calendar import DurationUnit
from motcua.org.models import Agency

from .. import rules
from ..lifecycle import Action
from ..models import Channel, Dossier, Event, ReturnMethod, RuleSet, SlipKind
from ..timeliness import Timeliness, judge, verdict
from .document import Issuer, SlipDocument, clean, moment

FORM_NUMBERS: dict[str, dict[str, str]] = {
    RuleSet.ND61_2018: {
        SlipKind.RECEIPT: "Mẫu số 01",
        SlipKind.SUPPLEMENT: "Mẫu số 02",
        SlipKind.REFUSAL: "Mẫu số 03",
        SlipKind.APOLOGY: "Mẫu số 04",
        SlipKind.CONTROL_SHEET: "Mẫu số 05",
    },
    # Circular 03/2025 Appendix I renumbers: the stop notice is 05, the control sheet 06.
    RuleSet.ND118_2025: {
        SlipKind.RECEIPT: "Mẫu số 01",
        SlipKind.SUPPLEMENT: "Mẫu số 02",
        SlipKind.REFUSAL: "Mẫu số 03",
        SlipKind.APOLOGY: "Mẫu số 04",
        SlipKind.CONTROL_SHEET: "Mẫu số 06",
    },
}
CIRCULARS: dict[str, str] = {
    RuleSet.ND61_2018: "Thông tư số 01/2018/TT-VPCP",
    RuleSet.ND118_2025: "Thông tư số 03/2025/TT-VPCP",
}


@dataclass(frozen=True)
class Context:
    """Everything a form reads, loaded once by the caller (slips.render)."""

    dossier: Dossier
    event: Event
    kind: SlipKind

    @property
    def rule_set(self) -> str:
        # A refused dossier was never received and has no rule set of its own: the one in force
        # on the day of the refusal applies.
        return self.dossier.rule_set or rules.rule_set_on(self.event.at)

    @property
    def form_label(self) -> str:
        number = FORM_NUMBERS[self.rule_set][self.kind]
        return f"{number} ban hành kèm theo {CIRCULARS[self.rule_set]}"

    @property
    def lookup_url(self) -> str:
        return f"{settings.PUBLIC_BASE_URL}/tra-cuu/{self.dossier.display_code}/"

    @property
    def at(self) -> datetime:
        return timezone.localtime(self.event.at)


def draw(context: Context) -> bytes:
    drawer = {
        SlipKind.RECEIPT: _receipt,
        SlipKind.CONTROL_SHEET: _control_sheet,
        SlipKind.SUPPLEMENT: _supplement,
        SlipKind.REFUSAL: _refusal,
        SlipKind.APOLOGY: _apology,
    }[context.kind]
    # The control sheet is A5 turned sideways: still the Circular's A5 sheet, but its six
    # columns (giver, receiver, time, result, note ...) would wrap into slivers 126 mm wide.
    pdf = SlipDocument(landscape=context.kind == SlipKind.CONTROL_SHEET, created=context.at)
    pdf.set_title(f"{context.kind.label} {context.dossier.display_code}")
    drawer(pdf, context)
    return bytes(pdf.output())


# --- Shared pieces ----------------------------------------------------------------------------


def issuer(agency: Agency) -> Issuer:
    """The agency with its superior above it, as the forms print them ("UBND TỈNH GIA LAI" over
    "SỞ TƯ PHÁP"). Without a parent in the register, a provincial department or centre answers
    to the provincial People's Committee of its unit."""
    unit = agency.unit
    if agency.parent_id is not None:
        superior = agency.parent.name if agency.parent else ""
    elif (
        agency.kind
        in (
            Agency.Kind.DEPARTMENT,
            Agency.Kind.SERVICE_CENTER,
        )
        and unit.level == unit.Level.PROVINCE
    ):
        superior = f"Ủy ban nhân dân tỉnh {unit.name}"
    else:
        superior = ""
    return Issuer(superior=superior, name=agency.name, place=unit.name)


def _header(pdf: SlipDocument, context: Context, agency: Agency, subtitle: str = "") -> None:
    pdf.national_header(issuer(agency), dated=context.at, form_label=context.form_label)
    pdf.slip_title(context.kind.label, subtitle)
    # Before reception a dossier has only its submission reference (DOMAIN.md §5).
    label = "Mã hồ sơ" if context.dossier.code else "Số đăng ký hồ sơ"
    pdf.code_with_qr(context.dossier.display_code, context.lookup_url, label=label)


def _person(user: User | None, label: str = "") -> str:
    if user is not None:
        return str(user)
    return label or "…"


def _procedure_name(dossier: Dossier) -> str:
    return str(dossier.procedure_snapshot.get("name") or dossier.procedure.name)


def _procedure(dossier: Dossier) -> str:
    code = dossier.procedure_snapshot.get("code") or dossier.procedure.code
    return f"{_procedure_name(dossier)} (mã thủ tục {code})"


def _applicant(pdf: SlipDocument, dossier: Dossier) -> None:
    pdf.field("Chủ hồ sơ", dossier.applicant_name)
    if dossier.applicant_address:
        pdf.field("Địa chỉ", dossier.applicant_address)
    if dossier.applicant_phone:
        pdf.field("Số điện thoại", dossier.applicant_phone)
    if dossier.applicant_email:
        pdf.field("Thư điện tử", dossier.applicant_email)


def _instant(value: Any) -> datetime | None:
    if not value:
        return None
    return timezone.localtime(datetime.fromisoformat(str(value)))


def _time_limit(dossier: Dossier) -> str:
    snapshot = dossier.procedure_snapshot
    limit, unit = snapshot.get("time_limit"), snapshot.get("time_limit_unit")
    if limit is None or unit not in DurationUnit.values:
        return ""
    label = DurationUnit(unit).label.lower()
    return label if unit == DurationUnit.SAME_DAY else f"{limit} {label}"


def _component_line(name: str, component: Component | None, replaced_by: str) -> str:
    if replaced_by:
        return f"{name} (đã khai thác từ {Component.Source(replaced_by).label})"
    if component is None:
        return name
    kinds = []
    if component.original_count:
        kinds.append(f"bản chính: {component.original_count:02d}")
    if component.copy_count:
        kinds.append(f"bản sao: {component.copy_count:02d}")
    return f"{name} ({'; '.join(kinds)})" if kinds else name


# --- Mẫu 01: receipt and appointment ----------------------------------------------------------


def _receipt(pdf: SlipDocument, context: Context) -> None:
    dossier, event = context.dossier, context.event
    agency = dossier.receiving_agency
    _header(pdf, context, agency)
    pdf.paragraph(f"{agency.name} tiếp nhận hồ sơ của:")
    _applicant(pdf, dossier)
    pdf.field("Nội dung yêu cầu giải quyết", _procedure(dossier))
    pdf.field("Kênh nộp hồ sơ", Channel(dossier.channel).label)
    pdf.below_qr()
    pdf.field("Thành phần hồ sơ")
    lines = [
        _component_line(c.name, c.component, c.replaced_by)
        for c in dossier.components.select_related("component")
    ]
    pdf.items(lines or ["(không có thành phần hồ sơ)"])
    pdf.field("Số lượng hồ sơ", "01 bộ")
    limit = _time_limit(dossier)
    if limit:
        pdf.field("Thời gian giải quyết hồ sơ theo quy định", limit)
    pdf.field("Thời gian nhận hồ sơ", moment(context.at))
    due = _instant(event.details.get("due_at")) or _local(dossier.original_due_at)
    if due is not None:
        pdf.field("Thời gian trả kết quả giải quyết hồ sơ", f"hẹn trả kết quả lúc {moment(due)}")
    pdf.field("Hình thức nhận kết quả", ReturnMethod(dossier.return_method).label)
    if dossier.return_method == ReturnMethod.DESK:
        pdf.field("Nhận kết quả tại", agency.name)
    pdf.field("Áp dụng quy định", RuleSet(context.rule_set).label)
    pdf.signatures(
        ("Người nộp hồ sơ", dossier.applicant_name),
        ("Người tiếp nhận hồ sơ", _person(event.actor, event.actor_label)),
    )


def _local(instant: datetime | None) -> datetime | None:
    return timezone.localtime(instant) if instant is not None else None


# --- Mẫu 02: supplement request ---------------------------------------------------------------


def _supplement(pdf: SlipDocument, context: Context) -> None:
    dossier, event = context.dossier, context.event
    agency = event.agency or dossier.receiving_agency
    _header(pdf, context, agency)
    pdf.paragraph(f"{agency.name} đã nhận hồ sơ của:")
    _applicant(pdf, dossier)
    pdf.field("Nội dung yêu cầu giải quyết", _procedure(dossier))
    pdf.field("Thời điểm yêu cầu bổ sung", moment(context.at))
    pdf.below_qr()
    pdf.paragraph(
        "Để hồ sơ đủ điều kiện giải quyết, đề nghị ông/bà bổ sung, hoàn thiện một lần, đầy đủ "
        "những nội dung sau:",
        style="B",
    )
    items = [str(item) for item in event.details.get("items", [])]
    pdf.items(items or ["(xem ghi chú)"])
    if event.note:
        pdf.field("Lý do, hướng dẫn", event.note)
    if event.action == Action.REQUEST_SUPPLEMENT:
        pdf.paragraph(
            f"Thời gian giải quyết hồ sơ tạm dừng từ {moment(context.at)} và được tính lại từ "
            "đầu kể từ khi nhận đủ hồ sơ bổ sung, hoàn thiện."
        )
    else:
        pdf.paragraph(
            "Hồ sơ chưa được tiếp nhận; thời gian giải quyết được tính từ khi hồ sơ đầy đủ, hợp "
            "lệ được tiếp nhận."
        )
    contact = agency.name + (f", điện thoại {agency.phone}" if agency.phone else "")
    pdf.paragraph(f"Nếu có vướng mắc, xin liên hệ {contact} để được hướng dẫn.", style="I")
    pdf.signatures(None, ("Người hướng dẫn", _person(event.actor, event.actor_label)))


# --- Mẫu 03: refusal --------------------------------------------------------------------------


def _refusal(pdf: SlipDocument, context: Context) -> None:
    dossier, event = context.dossier, context.event
    agency = event.agency or dossier.receiving_agency
    _header(pdf, context, agency)
    pdf.paragraph(f"{agency.name} đã nhận hồ sơ của:")
    _applicant(pdf, dossier)
    pdf.field("Nội dung yêu cầu giải quyết", _procedure(dossier))
    if dossier.submitted_at is not None:
        pdf.field("Thời điểm nộp hồ sơ", moment(timezone.localtime(dossier.submitted_at)))
    pdf.field("Thời điểm từ chối", moment(context.at))
    pdf.below_qr()
    pdf.paragraph(
        "Qua xem xét, cơ quan không tiếp nhận, giải quyết hồ sơ này với lý do sau:", style="B"
    )
    pdf.paragraph(event.note or dossier.decision_note)
    pdf.paragraph("Xin thông báo để ông/bà được biết và thực hiện.", style="I")
    pdf.signatures(None, ("Người tiếp nhận hồ sơ", _person(event.actor, event.actor_label)))


# --- Mẫu 04: apology and new appointment ------------------------------------------------------


def _apology(pdf: SlipDocument, context: Context) -> None:
    dossier, event = context.dossier, context.event
    agency = event.agency or dossier.current_agency
    _header(pdf, context, agency)
    received = _local(dossier.received_at)
    opening = f"Ngày {received:%d/%m/%Y}, " if received is not None else ""
    pdf.paragraph(
        f"{opening}{dossier.receiving_agency.name} tiếp nhận hồ sơ đề nghị giải quyết thủ tục "
        f"«{_procedure_name(dossier)}» của ông/bà {dossier.applicant_name}."
    )
    due = _instant(event.details.get("due_at"))
    if due is not None:
        pdf.field("Thời gian hẹn trả kết quả", moment(due))
    pdf.below_qr()
    pdf.paragraph(
        f"Tuy nhiên đến nay, {agency.name} chưa thể trả kết quả giải quyết hồ sơ đúng hạn như "
        "đã hẹn, vì lý do:"
    )
    pdf.paragraph(event.note, style="I")
    new_due = _instant(event.details.get("new_due_at")) or _local(dossier.apology_due_at)
    pdf.paragraph(
        f"{agency.name} thành thật xin lỗi ông/bà và hẹn lại thời gian trả kết quả giải quyết "
        "hồ sơ:",
        style="B",
    )
    if new_due is not None:
        pdf.field("Hẹn trả kết quả lúc", moment(new_due))
    pdf.paragraph("Kính mong nhận được sự thông cảm của ông/bà.")
    pdf.signatures(None, (f"TM. {agency.name}", _person(event.actor, event.actor_label)))


# --- Mẫu 05: processing control sheet ---------------------------------------------------------

# The events that put a row on the sheet: every hand-over of the dossier between people or
# agencies (reception, assignment, steps, transfers, supplements, the result and its return),
# and the acts an inspector looks for between them (decision, apology, withdrawal).
SHEET_ACTIONS = frozenset(
    {
        Action.RECEIVE,
        Action.ASSIGN,
        Action.FORWARD,
        Action.TAKE_BACK,
        Action.REQUEST_SUPPLEMENT,
        Action.RECEIVE_SUPPLEMENT,
        Action.APPROVE,
        Action.REJECT,
        Action.MARK_RESULT_READY,
        Action.RETURN_RESULT,
        Action.APOLOGISE,
        Action.WITHDRAW,
    }
)
# While the applicant holds the dossier, or when it is not processing, no verdict applies.
UNJUDGED = frozenset({Action.REQUEST_SUPPLEMENT, Action.APOLOGISE, Action.WITHDRAW})


@dataclass
class _Row:
    giver: str
    receiver: str
    note: str


def _control_sheet(pdf: SlipDocument, context: Context) -> None:
    dossier, last = context.dossier, context.event
    agency = dossier.receiving_agency
    _header(pdf, context, agency)
    events = list(
        dossier.events.filter(at__lte=last.at)
        .exclude(at=last.at, id__gt=last.pk)
        .select_related("actor", "agency", "step")
        .order_by("at", "id")
    )
    agencies = _agencies_named_in(dossier, events)
    implementing = agencies.get(str(dossier.procedure_snapshot.get("implementing_agency", "")))

    pdf.field("Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số", dossier.display_code)
    pdf.field("Chủ hồ sơ", dossier.applicant_name)
    pdf.field("Thủ tục", _procedure(dossier))
    if implementing is not None:
        pdf.field("Cơ quan chủ trì giải quyết", implementing.name)
    partners = _partner_agencies(dossier, implementing)
    if partners:
        pdf.field("Cơ quan phối hợp giải quyết", "; ".join(partners))
    if dossier.received_at is not None:
        pdf.field("Thời gian tiếp nhận", moment(timezone.localtime(dossier.received_at)))
    due = _local(dossier.due_at)
    if due is not None:
        pdf.field("Thời gian hẹn trả kết quả", moment(due))
    if dossier.apology_due_at is not None:
        pdf.field("Hẹn lại (phiếu xin lỗi)", moment(timezone.localtime(dossier.apology_due_at)))
    pdf.below_qr()
    pdf.ln(2)

    rows: list[list[str]] = []
    in_force: datetime | None = None
    supplements = 0
    for event in events:
        if event.action in (Action.RECEIVE, Action.RECEIVE_SUPPLEMENT):
            in_force = _instant(event.details.get("due_at")) or in_force
        if event.action == Action.REQUEST_SUPPLEMENT:
            supplements += 1
        if event.action not in SHEET_ACTIONS:
            continue
        row = _row(dossier, event, agencies)
        result = _row_result(dossier, event, in_force, supplements)
        at = moment(timezone.localtime(event.at)).replace(", ngày ", ",\nngày ")
        rows.append(
            [str(len(rows) + 1), row.giver, row.receiver, at, result, clean(row.note)[:400]]
        )
    headings = [
        "TT",
        "Bên giao hồ sơ (cơ quan, người giao)",
        "Bên nhận hồ sơ (cơ quan, người nhận)",
        "Thời gian giao, nhận hồ sơ",
        "Kết quả giải quyết",
        "Ghi chú",
    ]
    pdf.grid(
        headings, rows or [["", "", "", "", "", "Chưa có bước xử lý nào."]], [8, 44, 44, 28, 18, 46]
    )
    pdf.paragraph(
        f"Phiếu lập từ lịch sử xử lý hồ sơ, cập nhật đến {moment(context.at)}.", style="I", size=8
    )


def _agencies_named_in(dossier: Dossier, events: list[Event]) -> dict[str, Agency]:
    codes = {str(dossier.procedure_snapshot.get("implementing_agency", ""))}
    for event in events:
        for key in ("to_agency", "from_agency"):
            if event.details.get(key):
                codes.add(str(event.details[key]))
    return {a.code: a for a in Agency.objects.filter(code__in=codes)}


def _partner_agencies(dossier: Dossier, implementing: Agency | None) -> list[str]:
    steps = Step.objects.filter(procedure_id=dossier.procedure_id, agency__isnull=False).exclude(
        kind__in=(Step.Kind.RECEIVE, Step.Kind.RETURN)
    )
    names: list[str] = []
    for step in steps.select_related("agency").order_by("order", "id"):
        assert step.agency is not None
        if (implementing is None or step.agency.pk != implementing.pk) and (
            step.agency.name not in names
        ):
            names.append(step.agency.name)
    return names


def _at(agency: Agency | None, person: str) -> str:
    if agency is None:
        return person
    return f"{agency.name}\n{person}" if person else agency.name


def _row(dossier: Dossier, event: Event, agencies: dict[str, Agency]) -> _Row:
    actor = _person(event.actor, event.actor_label)
    here = event.agency
    applicant = f"Chủ hồ sơ\n{dossier.applicant_name}"
    to_agency = agencies.get(str(event.details.get("to_agency", "")))
    action = event.action
    if action == Action.RECEIVE:
        return _Row(_at(here, actor), _at(to_agency, ""), "Tiếp nhận hồ sơ")
    if action == Action.ASSIGN:
        return _Row(
            _at(here, actor), _at(here, str(event.details.get("assignee", ""))), "Phân công xử lý"
        )
    if action == Action.FORWARD:
        step = str(event.details.get("to_step", ""))
        crosses = to_agency is not None and here is not None and to_agency.pk != here.pk
        kind = "Chuyển liên thông" if crosses else "Chuyển bước"
        note = f"{kind}: {step}" + (f". {event.note}" if event.note else "")
        return _Row(_at(here, actor), _at(to_agency or here, ""), note)
    if action == Action.TAKE_BACK:
        giver = agencies.get(str(event.details.get("from_agency", "")))
        return _Row(_at(giver, ""), _at(here, actor), "Thu hồi hồ sơ đã chuyển. " + event.note)
    if action == Action.REQUEST_SUPPLEMENT:
        items = "; ".join(str(i) for i in event.details.get("items", []))
        return _Row(_at(here, actor), applicant, f"Yêu cầu bổ sung: {items}")
    if action == Action.RECEIVE_SUPPLEMENT:
        due = _instant(event.details.get("due_at"))
        note = "Nhận đủ hồ sơ bổ sung" + (f"; hẹn trả mới {moment(due)}" if due else "")
        return _Row(applicant, _at(here, actor), note)
    if action in (Action.APPROVE, Action.REJECT):
        label = "Phê duyệt" if action == Action.APPROVE else "Từ chối giải quyết"
        return _Row(_at(here, actor), "", label + (f": {event.note}" if event.note else ""))
    if action == Action.MARK_RESULT_READY:
        desk = to_agency or dossier.receiving_agency
        return _Row(_at(here, actor), _at(desk, ""), "Đã có kết quả, chuyển về nơi trả kết quả")
    if action == Action.RETURN_RESULT:
        method = str(event.details.get("method") or dossier.return_method)
        note = "Trả kết quả: " + ReturnMethod(method).label.lower()
        return _Row(_at(here, actor), applicant, note)
    if action == Action.APOLOGISE:
        new_due = _instant(event.details.get("new_due_at"))
        note = "Xin lỗi, hẹn lại" + (f" lúc {moment(new_due)}" if new_due else "")
        return _Row(_at(here, actor), applicant, f"{note}. {event.note}")
    return _Row(_at(here, actor), "", f"Rút hồ sơ: {event.note}")


def _row_result(dossier: Dossier, event: Event, due: datetime | None, supplements: int) -> str:
    """Early, on time or late for one row, by DOMAIN.md §4's rule (the one timeliness applies):
    the hand-over's instant against the due date in force at that moment. The row that ends
    processing shows the dossier's own verdict, so the sheet and the public lookup agree."""
    if event.action in UNJUDGED or due is None:
        return ""
    if event.action == Action.MARK_RESULT_READY and dossier.finished_at == event.at:
        judged = verdict(dossier)
        if judged is not None:
            return judged.label
    if supplements > 1:
        # DOMAIN.md §4: a second supplement request after reception makes the dossier late.
        return Timeliness.LATE.label
    return judge(event.at, due).label
