"""Decision 766/QĐ-TTg (2022): the indicators MotCua can compute from its own data, scored.

DOMAIN.md §8 gives the five groups and their points (18 + 20 + 22 + 22 + 18 = 100) and the
scoring rule `ratio ≥ threshold ⇒ full points, else points = ratio × max / threshold`; the
formulas are reference/vn-standards.md §7.3. Each indicator carries its numerator, denominator,
value, points, max points and the rule it follows, and a drill-down to its dossiers, so an
auditor can re-derive every point.

Two things the sources leave open, decided here:

* Points per indicator: the sources give group totals only (one summary source gives 5.4 up to
  6 of group 5's 18 [S]). We decide: 5.4 keeps its 6 points and every other indicator named in
  §7.3 shares its group's points equally (group 2: 2.1 and 2.2, 10 each; group 3: five
  indicators, 4.4 each; group 4: five, 4.4 each). When the official split is known, a province
  sets it without a release: the setting DECISION766_MAX_POINTS (environment variable of the
  same name, JSON such as {"2.1": 12, "5.4": 6}) overrides these, checked against the group
  totals. The tests pin today's defaults.
* Indicators without a threshold in §7.3 (2.1, 3.2, 4.1) are scored proportionally (threshold
  100%), the scoring rule's own limit.

Where a formula asks for an electronic result "where the procedure requires a document result"
(3.3, 4.1, 4.2), every procedure in our catalog has a result type, so the condition reads: a
dossier granted its result (result ready or returned, decision "approved") must have a result
file; a dossier not yet granted cannot have one and is not held against the indicator yet.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Attachment, Channel, Decision, Dossier, DossierComponent, Status
from motcua.submissions.models import Rating

from . import aggregates, indicators
from .indicators import LATE, OVERDUE, ratio
from .scope import Period, Scope, ScopeKind

POINT_PLACES = Decimal("0.01")
FULL = Decimal(1)

GROUPS: dict[int, tuple[str, int]] = {
    1: ("Công khai, minh bạch", 18),
    2: ("Tiến độ, kết quả giải quyết", 20),
    3: ("Cung cấp dịch vụ trực tuyến", 22),
    4: ("Số hóa hồ sơ", 22),
    5: ("Mức độ hài lòng", 18),
}

# See the module docstring: group totals are the Decision's, the split is ours.
MAX_POINTS: dict[str, Decimal] = {
    "2.1": Decimal(10),
    "3.1": Decimal("4.4"),
    "3.2": Decimal("4.4"),
    "3.3": Decimal("4.4"),
    "4.1": Decimal("4.4"),
    "4.2": Decimal("4.4"),
    "4.3": Decimal("4.4"),
    "5.4": Decimal(6),
}


def max_points() -> dict[str, Decimal]:
    """MAX_POINTS with the province's DECISION766_MAX_POINTS over it, checked group by group."""
    override = getattr(settings, "DECISION766_MAX_POINTS", None) or {}
    table = dict(MAX_POINTS)
    for code, points in override.items():
        if code not in MAX_POINTS:
            raise ImproperlyConfigured(
                f"DECISION766_MAX_POINTS: chỉ tiêu “{code}” không nằm trong các chỉ tiêu MotCua "
                f"tính được ({', '.join(MAX_POINTS)})."
            )
        try:
            table[code] = Decimal(str(points))
        except ArithmeticError:
            raise ImproperlyConfigured(
                f"DECISION766_MAX_POINTS: điểm của “{code}” phải là một số."
            ) from None
        if table[code] < 0:
            raise ImproperlyConfigured(f"DECISION766_MAX_POINTS: điểm của “{code}” không được âm.")
    for group, (name, total) in GROUPS.items():
        used = sum(p for code, p in table.items() if code.startswith(f"{group}."))
        if used > total:
            raise ImproperlyConfigured(
                f"DECISION766_MAX_POINTS: nhóm {group} ({name}) chỉ có {total} điểm, "
                f"các chỉ tiêu đang cộng lại {used}."
            )
    return table


# The indicators of §7.3 that MotCua's data cannot answer (yet), and why: listed, never guessed.
NOT_COMPUTABLE: tuple[tuple[str, str, str], ...] = (
    ("1.1", "Tỷ lệ TTHC công bố đúng hạn", "Chưa lưu ngày ban hành quyết định công bố."),
    ("1.2", "Tỷ lệ TTHC được cập nhật, công khai đúng hạn", "Thuộc CSDL quốc gia về TTHC."),
    ("1.3", "Tỷ lệ TTHC công khai đầy đủ bộ phận tạo thành", "Chưa kiểm tra 7 bộ phận."),
    ("1.4", "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG", "Mẫu số do Cổng DVCQG tính."),
    ("2.2", "Thời gian giải quyết trung bình", "Không phải tỷ lệ, chưa có thang điểm."),
    ("3.5", "Tỷ lệ TTHC có nghĩa vụ tài chính được thanh toán trực tuyến", "Chưa có dữ liệu."),
    ("3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến", "Chưa có dữ liệu thanh toán."),
    ("4.4", "Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu", "Chưa có kho dữ liệu công dân."),
    ("4.5", "Khai thác dữ liệu dân cư", "Chưa lưu tài khoản xác thực VNeID."),
    ("5.1", "Tỷ lệ phản ánh, kiến nghị được phân loại", "Chưa có phân hệ phản ánh, kiến nghị."),
    ("5.2", "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn", "Chưa có phân hệ phản ánh, kiến nghị."),
    ("5.3", "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị", "Chưa có phân hệ phản ánh."),
)

# A rating of 1 or 2 out of 5 stands for the national portal's "dislike" (5.4). There is no
# complaints (PAKN) module yet, so ratings are the only dissatisfaction counted.
DISLIKE_AT_MOST = aggregates.DISLIKE_AT_MOST


def score(value: Decimal | None, *, max_points: Decimal, threshold: Decimal) -> Decimal:
    """DOMAIN.md §8: `ratio ≥ threshold ⇒ full points, else ratio × max / threshold`; a ratio
    with a zero denominator scores 0 (§7.3: "show 0 or N/A")."""
    if value is None:
        return Decimal(0)
    if value >= threshold:
        return max_points
    return (value * max_points / threshold).quantize(POINT_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    rule: str
    threshold: Decimal
    numerator: int
    denominator: int

    @property
    def group(self) -> int:
        return int(self.code.split(".")[0])

    @property
    def max_points(self) -> Decimal:
        return max_points()[self.code]

    @property
    def value(self) -> Decimal | None:
        return ratio(self.numerator, self.denominator)

    @property
    def points(self) -> Decimal:
        return score(self.value, max_points=self.max_points, threshold=self.threshold)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "threshold": self.threshold,
            "points": self.points,
            "max_points": self.max_points,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class Decision766:
    period: Period
    scope: Scope
    indicators: list[Indicator]

    @property
    def points(self) -> Decimal:
        return sum((i.points for i in self.indicators), Decimal(0))

    @property
    def max_points(self) -> Decimal:
        """The points the computable indicators can earn: the score is out of this, not 100."""
        return sum((i.max_points for i in self.indicators), Decimal(0))

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.as_dict(),
            "scope": self.scope.as_dict(),
            "groups": [
                {"group": number, "name": name, "max_points": total}
                for number, (name, total) in GROUPS.items()
            ],
            "rows": [i.as_dict() for i in self.indicators],
            "not_computable": [
                {"code": code, "name": name, "reason": reason}
                for code, name, reason in NOT_COMPUTABLE
            ],
            "points": self.points,
            "max_points": self.max_points,
        }


# --- The dossier sets, through the period report's public drill-down -----------------------


def _cell(period: Period, scope: Scope, column: str) -> QuerySet[Dossier]:
    """The dossiers of one column of the standard period report (received, finished ...), read
    from the dossiers table: the conditions below are on dossiers."""
    ids = indicators.period_dossiers(period, scope, column=column, source="raw")
    return Dossier.objects.filter(pk__in=ids)


def _granted() -> Q:
    return Q(status__in=[Status.RESULT_READY, Status.RETURNED], decision=Decision.APPROVED)


def _has_e_result() -> Q:
    return Q(Exists(Attachment.objects.filter(dossier=OuterRef("pk"), kind=Attachment.Kind.RESULT)))


def _e_result_ok() -> Q:
    """§7.3 (3.3, 4.2): "where the procedure requires a document result, an electronic result".
    A dossier not granted yet is not held against it (module docstring)."""
    return ~_granted() | _has_e_result()


def _with_component(**condition: Any) -> Q:
    return Q(Exists(DossierComponent.objects.filter(dossier=OuterRef("pk"), **condition)))


def _procedures(scope: Scope) -> QuerySet[Procedure]:
    """The published procedures under the scope's authority (3.1, 3.2)."""
    published = Procedure.objects.published()
    if scope.kind == ScopeKind.AGENCY:
        # Through the link tables: a DISTINCT over two joins cost a quarter second a count.
        implementing = Procedure.agencies.through.objects.filter(agency__code=scope.code)
        receiving = Procedure.receiving_agencies.through.objects.filter(agency__code=scope.code)
        return published.filter(
            Q(pk__in=implementing.values("procedure_id"))
            | Q(pk__in=receiving.values("procedure_id"))
        )
    if scope.kind == ScopeKind.FIELD:
        return published.filter(field__code=scope.code)
    if scope.kind == ScopeKind.PROCEDURE:
        return published.filter(code=scope.code)
    if scope.kind == ScopeKind.COMMUNE:
        return published.filter(level=Procedure.Level.COMMUNE)
    return published


def _online_procedures(scope: Scope) -> QuerySet[Procedure]:
    return _procedures(scope).exclude(online_class=Procedure.OnlineClass.NONE)


# 2.1's denominator: finished or in progress in the period (in progress judged at its end).
_JUDGED_2_1 = ("early", "on_time", "in_progress_within_time", LATE, OVERDUE)


def _judged_2_1(
    period: Period, scope: Scope, *, numerator: bool, source: str | None = None
) -> QuerySet[Any, int]:
    categories = _JUDGED_2_1 if not numerator else _JUDGED_2_1[:3]
    return indicators.judged_dossiers(period, scope, categories=categories, source=source)


def _disliked(base: QuerySet[Dossier]) -> QuerySet[Dossier]:
    ratings = Rating.objects.filter(dossier=OuterRef("pk"), score__lte=DISLIKE_AT_MOST)
    return base.filter(Exists(ratings))


# Each dossier-based indicator: its denominator set, and the condition its numerator adds.
_DOSSIER_SETS: dict[str, tuple[str, Callable[[], Q]]] = {
    "3.3": ("received", lambda: Q(channel=Channel.ONLINE) & _e_result_ok()),
    "4.1": ("finished", _has_e_result),
    "4.2": ("received", lambda: _with_component(digitised=True) & _e_result_ok()),
    "4.3": ("received", lambda: _with_component(replaced_by__gt="")),
}


# The same sets from the facts, by the conditions aggregates._contributions counts them by.
_E_OK = Q(granted=False) | Q(e_result=True)
_FACT_SETS: dict[str, tuple[str, Q]] = {
    "3.3": ("received", Q(channel=Channel.ONLINE) & _E_OK),
    "4.1": ("finished", Q(e_result=True)),
    "4.2": ("received", Q(digitised=True) & _E_OK),
    "4.3": ("received", Q(reused=True)),
}


# The same indicators from the aggregates: (numerator column, denominator column).
_SUMMED = {
    "3.3": ("received_766_3_3", "received"),
    "4.1": ("finished_granted_e", "finished_granted"),
    "4.2": ("received_766_4_2", "received"),
    "4.3": ("received_766_4_3", "received"),
}


def _denominator_set(period: Period, scope: Scope, code: str) -> QuerySet[Dossier]:
    column, _ = _DOSSIER_SETS[code]
    dossiers = _cell(period, scope, column)
    if code == "4.1":
        # §7.3 4.1: over the dossiers of procedures that issue a document result, i.e. granted.
        dossiers = dossiers.filter(_granted())
    return dossiers


def indicator_dossiers(
    period: Period, scope: Scope, *, code: str, part: str, source: str | None = None
) -> QuerySet[Any, int]:
    """The ids behind one indicator's numerator or denominator (5.4: denominator, "late" and
    "disliked" instead of a numerator), from the facts when the aggregates are ready (as the
    figures are), else from the dossiers. `source` "raw" or "aggregates" forces one."""
    if code == "5.4":
        # The formula subtracts two ratios, so a dossier late and disliked counts twice: its
        # numerator is no set of dossiers; the late and disliked lists explain it.
        parts: tuple[str, ...] = ("denominator", "late", "disliked")
    elif code == "2.1" or code in _DOSSIER_SETS:
        parts = ("numerator", "denominator")
    else:
        parts = ()
    if part not in parts:
        raise ValueError(f"indicator {code!r} has no dossier list {part!r}")
    if code == "2.1":
        return _judged_2_1(period, scope, numerator=part == "numerator", source=source)
    if source == "aggregates" or (source is None and aggregates.ready()):
        facts = _indicator_facts(period, scope, code, part)
        by_reception = code != "5.4" and _FACT_SETS[code][0] == "received"
        return aggregates.listed(facts, chosen_by_reception=by_reception)
    if code == "5.4":
        base = Dossier.objects.filter(
            pk__in=_judged_2_1(period, scope, numerator=False, source="raw")
        )
        late = indicators.judged_dossiers(period, scope, categories=(LATE, OVERDUE), source="raw")
        chosen = {
            "denominator": base,
            "late": base.filter(pk__in=late),
            "disliked": _disliked(base),
        }[part]
        return indicators.in_reception_order(chosen)
    dossiers = _denominator_set(period, scope, code)
    if part == "numerator":
        dossiers = dossiers.filter(_DOSSIER_SETS[code][1]())
    return indicators.in_reception_order(dossiers)


def _indicator_facts(period: Period, scope: Scope, code: str, part: str) -> Any:
    """indicator_dossiers from the facts: the rows summed into the figures."""
    if code == "5.4":
        if part == "late":
            # Late and overdue are among 2.1's denominator's categories: no intersection needed.
            return aggregates.judged_facts(period, scope, (LATE, OVERDUE))
        judged = aggregates.judged_facts(period, scope, _JUDGED_2_1)
        return judged.filter(disliked=True) if part == "disliked" else judged
    column, condition = _FACT_SETS[code]
    facts = aggregates.period_facts(period, scope, column)
    if code == "4.1":
        facts = facts.filter(granted=True)
    return facts.filter(condition) if part == "numerator" else facts


# --- The indicators -------------------------------------------------------------------------

PROPORTIONAL = FULL
NAME_2_1 = "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn"


def decision_766(period: Period, scope: Scope) -> Decision766:
    """The computable Decision 766 indicators of the scope over the period, scored."""
    counts = indicators.on_time(period, scope).counts
    on_time_num, on_time_den = counts.indicator_2_1
    online_procedures = _online_procedures(scope)
    summed = aggregates.decision766_counts(period, scope) if aggregates.ready() else None
    if summed is not None:
        with_online = list(aggregates.procedures_received_online(period, scope))
        with_online_dossier = online_procedures.filter(pk__in=with_online).count()
    else:
        online_received = Dossier.objects.filter(
            pk__in=indicators.period_dossiers(period, scope, column="received_online")
        )
        with_online_dossier = online_procedures.filter(
            pk__in=online_received.values("procedure_id")
        ).count()

    def dossier_based(code: str) -> tuple[int, int]:
        if summed is not None:
            # The same counts kept in the daily and monthly rows (reports.aggregates).
            numerator, denominator = _SUMMED[code]
            return summed[numerator], summed[denominator]
        # Numerator and denominator in one pass over the period's dossiers.
        counted = _denominator_set(period, scope, code).aggregate(
            numerator=Count("pk", filter=_DOSSIER_SETS[code][1]()), denominator=Count("pk")
        )
        return counted["numerator"], counted["denominator"]

    late = counts.late + counts.in_progress_overdue
    if summed is not None:
        judged = aggregates.judged_facts(period, scope, _JUDGED_2_1)
        disliked = judged.filter(disliked=True).count()
    else:
        base = Dossier.objects.filter(pk__in=_judged_2_1(period, scope, numerator=False))
        disliked = _disliked(base).count()
    rows = [
        Indicator(
            "2.1",
            NAME_2_1,
            "QĐ 766 chỉ số 2.1: hồ sơ đã giải quyết và đang giải quyết trước hạn, đúng hạn / hồ sơ "
            "đã giải quyết và đang giải quyết trong kỳ (đang giải quyết xét tại cuối kỳ); "
            "tính điểm theo tỷ lệ.",
            PROPORTIONAL,
            on_time_num,
            on_time_den,
        ),
        Indicator(
            "3.1",
            "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến",
            "QĐ 766 chỉ số 3.1: TTHC có DVCTT một phần hoặc toàn trình / TTHC thuộc thẩm quyền "
            "(đang công khai); từ 80% đạt điểm tối đa.",
            Decimal("0.8"),
            online_procedures.count(),
            _procedures(scope).count(),
        ),
        Indicator(
            "3.2",
            "Tỷ lệ DVCTT có phát sinh hồ sơ",
            "QĐ 766 chỉ số 3.2: DVCTT có ít nhất một hồ sơ trực tuyến tiếp nhận trong kỳ / DVCTT; "
            "tính điểm theo tỷ lệ.",
            PROPORTIONAL,
            with_online_dossier,
            online_procedures.count(),
        ),
        Indicator(
            "3.3",
            "Tỷ lệ hồ sơ trực tuyến",
            "QĐ 766 chỉ số 3.3: hồ sơ tiếp nhận trong kỳ qua kênh trực tuyến (KenhThucHien = 2), "
            "có kết quả điện tử khi đã cấp kết quả / hồ sơ tiếp nhận trong kỳ; từ 50% đạt điểm "
            "tối đa.",
            Decimal("0.5"),
            *dossier_based("3.3"),
        ),
        Indicator(
            "4.1",
            "Tỷ lệ hồ sơ có cấp kết quả điện tử",
            "QĐ 766 chỉ số 4.1: hồ sơ được cấp kết quả trong kỳ có tệp kết quả điện tử / hồ sơ "
            "được cấp kết quả trong kỳ; tính điểm theo tỷ lệ.",
            PROPORTIONAL,
            *dossier_based("4.1"),
        ),
        Indicator(
            "4.2",
            "Tỷ lệ hồ sơ thực hiện số hóa",
            "QĐ 766 chỉ số 4.2: hồ sơ tiếp nhận trong kỳ có thành phần được số hóa và có kết quả "
            "điện tử khi đã cấp kết quả / hồ sơ tiếp nhận trong kỳ; từ 80% đạt điểm tối đa.",
            Decimal("0.8"),
            *dossier_based("4.2"),
        ),
        Indicator(
            "4.3",
            "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa",
            "QĐ 766 chỉ số 4.3: hồ sơ tiếp nhận trong kỳ có ít nhất một thành phần lấy từ dữ liệu "
            "đã số hóa / hồ sơ tiếp nhận trong kỳ; từ 80% đạt điểm tối đa.",
            Decimal("0.8"),
            *dossier_based("4.3"),
        ),
        Indicator(
            "5.4",
            "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC",
            "QĐ 766 chỉ số 5.4: 100% − (tỷ lệ hồ sơ quá hạn + tỷ lệ hồ sơ bị đánh giá không hài "
            "lòng, 1–2 trên 5), trên hồ sơ của chỉ số 2.1; chưa có phản ánh, kiến nghị; từ 90% "
            "đạt điểm tối đa.",
            Decimal("0.9"),
            max(0, on_time_den - late - disliked),
            on_time_den,
        ),
    ]
    return Decision766(period=period, scope=scope, indicators=rows)
