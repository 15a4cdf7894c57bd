"""What a report is about: a period of local dates and a scope (DOMAIN.md §8).

Every indicator takes a `Period` and a `Scope`, so the command line, the API and (later) the
dashboard and the daily aggregates all ask the same question the same way.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Q

from motcua.catalog.models import Field, Procedure
from motcua.core.errors import InvalidInput
from motcua.org.models import AdministrativeUnit, Agency

# DOMAIN.md §8: periods are local dates in Asia/Ho_Chi_Minh, whatever TIME_ZONE the server runs.
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")

# A period longer than this is a typo (a year 20200 or the wrong field), not a report anyone needs.
MAX_PERIOD_DAYS = 366 * 50


class UnknownScope(InvalidInput):
    code = "unknown_scope"


class InvalidPeriod(InvalidInput):
    code = "invalid_period"


@dataclass(frozen=True)
class Period:
    """Local dates `start` to `end`, both inclusive (DOMAIN.md §8)."""

    start: date
    end: date

    @property
    def start_instant(self) -> datetime:
        """Local midnight opening the first day: the period's first instant."""
        return datetime.combine(self.start, time.min, tzinfo=LOCAL)

    @property
    def end_instant(self) -> datetime:
        """Local midnight after the last day, excluded: 23:59:59 on 31/12 is in the year,
        00:00 on 1/1 is not. Filters use `< end_instant`."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=LOCAL)

    @property
    def last_instant(self) -> datetime:
        """The period's last instant, at which unfinished dossiers are judged (DOMAIN.md §4)."""
        return self.end_instant - timedelta(microseconds=1)

    def as_dict(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}

    def months(self) -> list["Period"]:
        """The calendar months the period meets, each cut to the period."""
        found = []
        first = self.start.replace(day=1)
        while first <= self.end:
            after = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            found.append(Period(max(first, self.start), min(after - timedelta(days=1), self.end)))
            first = after
        return found


def parse_date(text: str | date | None, *, what: str) -> date:
    if isinstance(text, date):
        return text
    if not text:
        raise InvalidPeriod(f"Thiếu {what} (định dạng YYYY-MM-DD, ví dụ 2020-01-01).")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidPeriod(
            f"{what.capitalize()} “{text}” không hợp lệ: cần ngày có thật, định dạng YYYY-MM-DD "
            "(ví dụ 2020-12-31)."
        ) from None


def parse_period(start: str | date | None, end: str | date | None) -> Period:
    """The period from two dates as typed; InvalidPeriod (422) with a Vietnamese message."""
    first = parse_date(start, what="ngày bắt đầu")
    last = parse_date(end, what="ngày kết thúc")
    if last < first:
        raise InvalidPeriod(f"Ngày kết thúc {last:%d/%m/%Y} ở trước ngày bắt đầu {first:%d/%m/%Y}.")
    if (last - first).days > MAX_PERIOD_DAYS:
        raise InvalidPeriod("Kỳ báo cáo dài quá 50 năm: kiểm tra lại ngày bắt đầu và kết thúc.")
    return Period(first, last)


class ScopeKind(StrEnum):
    PROVINCE = "province"
    AGENCY = "agency"
    FIELD = "field"
    PROCEDURE = "procedure"
    COMMUNE = "commune"


@dataclass(frozen=True)
class Scope:
    """Whose figures: the whole province, or one agency / field / procedure / commune by code.

    An agency's figures are those of the dossiers it received from the applicant (DOMAIN.md §8:
    an inter-agency chain counts once, under the receiving agency); a commune's are those its
    agencies received.
    """

    kind: ScopeKind
    code: str
    name: str

    def dossier_filter(self) -> Q:
        """The condition on Dossier rows, spelled on the columns the report indexes use."""
        if self.kind == ScopeKind.AGENCY:
            return Q(receiving_agency__code=self.code)
        if self.kind == ScopeKind.FIELD:
            return Q(procedure__field__code=self.code)
        if self.kind == ScopeKind.PROCEDURE:
            return Q(procedure__code=self.code)
        if self.kind == ScopeKind.COMMUNE:
            return Q(
                receiving_agency__unit__code=self.code,
                receiving_agency__unit__level=AdministrativeUnit.Level.COMMUNE,
            )
        return Q()

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "code": self.code, "name": self.name}


def province_scope() -> Scope:
    code = settings.PROVINCE_CODE
    unit = (
        AdministrativeUnit.objects.current()
        .filter(level=AdministrativeUnit.Level.PROVINCE, code=code)
        .values_list("name", flat=True)
        .first()
    )
    return Scope(ScopeKind.PROVINCE, code, unit or f"Tỉnh mã {code}")


def resolve_scope(
    *,
    agency: str | None = None,
    field: str | None = None,
    procedure: str | None = None,
    commune: str | None = None,
) -> Scope:
    """The scope named by at most one code; the province when none is given.

    UnknownScope (422) names the code that matches nothing, so a typo never yields a report of
    zeros that looks like a real one.
    """
    given = {
        kind: code.strip()
        for kind, code in (
            (ScopeKind.AGENCY, agency),
            (ScopeKind.FIELD, field),
            (ScopeKind.PROCEDURE, procedure),
            (ScopeKind.COMMUNE, commune),
        )
        if code is not None and code.strip()
    }
    if len(given) > 1:
        raise UnknownScope(
            "Chỉ chọn một phạm vi báo cáo: cơ quan, lĩnh vực, thủ tục hoặc xã, không chọn nhiều."
        )
    if not given:
        return province_scope()
    kind, code = next(iter(given.items()))
    name: str | None
    if kind == ScopeKind.AGENCY:
        name = Agency.objects.filter(code=code).values_list("name", flat=True).first()
        missing = f"Không có cơ quan mã “{code}”."
    elif kind == ScopeKind.FIELD:
        name = Field.objects.filter(code=code).values_list("name", flat=True).first()
        missing = f"Không có lĩnh vực mã “{code}”."
    elif kind == ScopeKind.PROCEDURE:
        name = Procedure.objects.filter(code=code).values_list("name", flat=True).first()
        missing = f"Không có thủ tục mã “{code}”."
    else:
        # Closed communes stay: their history is reported under the unit of its time. The
        # current unit's name wins when a code was reused.
        name = (
            AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.COMMUNE, code=code)
            .order_by(F("valid_to").desc(nulls_first=True))
            .values_list("name", flat=True)
            .first()
        )
        missing = f"Không có xã, phường mã “{code}”."
    if name is None:
        raise UnknownScope(missing)
    return Scope(kind, code, name)
