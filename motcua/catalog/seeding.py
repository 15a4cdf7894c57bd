"""Writing the curated catalog (catalog/seed_data) and synthetic filler into the database.

- `curated_specs()` collects every data module of `motcua.catalog.seed_data` that defines a
  module-level `PROCEDURES` tuple (a new file joins by existing), checks each spec and refuses
  duplicate codes.
- `seed_curated()` writes them idempotently by code, in one transaction: a procedure whose
  database state already matches its spec is not touched, and a second run creates nothing and
  writes no revision. Changed or new procedures get a "seed" revision (DOMAIN.md §2).
- `seed_synthetic(n)` fills the catalog up to `n` procedures in total with recognisable filler
  (codes 9.xxxxxx, legal basis "Thủ tục tổng hợp để đo hiệu năng") in the level mix of the
  province report the seed describes (DOMAIN.md §10: of 1,826, 196 at level 3 and 331 at level 4).

Both need the demo agencies (`motcua seed-demo` creates them; seed-demo runs this module's
caller `catalog.demo` after `org.demo`).
"""

import importlib
import pkgutil
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import ModuleType
from typing import Any

from django.core.management.base import OutputWrapper
from django.db import models, transaction

from motcua.core.calendar import DurationUnit
from motcua.core.errors import DomainError
from motcua.org.models import Agency, Role

from . import seed_data
from .forms import schema_errors
from .importers import derived_field_code
from .models import Component, Fee, Field, Procedure, Step
from .revisions import record_revision
from .rules import _DEFAULT_ROLES, apply_default_steps, default_step_budgets
from .seed_data.specs import COMMUNES, SERVICE_CENTER, ProcedureSpec

# The local form of a procedure code carries the identifier of the provincial People's Committee
# that publishes the province's catalogue (DOMAIN.md §5): 1.001193.000.00.00.H21.
PROVINCIAL_COMMITTEE = "000.00.00.H21"

SYNTHETIC_PREFIX = "9."  # national codes start with 1. or 2.; 9. is never used
SYNTHETIC_LEGAL_BASIS = "Thủ tục tổng hợp để đo hiệu năng"
# The province report the seed describes (DOMAIN.md §10).
REPORT_TOTAL = 1826
REPORT_LEVEL_3 = 196
REPORT_LEVEL_4 = 331

ONLINE_CLASS_OF_LEVEL = {
    Procedure.LegacyLevel.LEVEL_2: Procedure.OnlineClass.NONE,
    Procedure.LegacyLevel.LEVEL_3: Procedure.OnlineClass.PARTIAL,
    Procedure.LegacyLevel.LEVEL_4: Procedure.OnlineClass.FULL,
}


@dataclass(frozen=True)
class SeedResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def line(self, subject: str) -> str:
        if not self.created and not self.updated:
            return f"{subject}: {self.unchanged} thủ tục đã có sẵn, không thay đổi gì."
        return (
            f"{subject}: tạo mới {self.created}, cập nhật {self.updated}, "
            f"giữ nguyên {self.unchanged} thủ tục."
        )


class SeedDataError(DomainError):
    """The curated data itself is wrong: a programming error in seed_data, caught at seeding."""

    code = "seed_data_invalid"
    message = "Dữ liệu thủ tục mẫu không hợp lệ."


class DemoAgenciesMissing(DomainError):
    code = "demo_agencies_missing"
    status = 409
    message = (
        "Chưa có các cơ quan của tỉnh trình diễn nên chưa thể tạo danh mục thủ tục mẫu. "
        "Hãy chạy `motcua seed-demo` trước."
    )


# ---------------------------------------------------------------------------------------------
# Collecting and checking the curated data


def data_modules() -> list[ModuleType]:
    """The modules of seed_data that define `PROCEDURES`, by module name."""
    modules = []
    for info in sorted(pkgutil.iter_modules(seed_data.__path__), key=lambda i: i.name):
        if info.ispkg or info.name.startswith("_") or info.name == "specs":
            continue
        module = importlib.import_module(f"{seed_data.__name__}.{info.name}")
        if isinstance(getattr(module, "PROCEDURES", None), tuple):
            modules.append(module)
    return modules


def curated_specs() -> list[ProcedureSpec]:
    """Every curated procedure, sorted by code. Raises SeedDataError on a duplicate code or a
    spec that contradicts itself (so a data file's mistake is found before anything is written).
    """
    first_seen: dict[str, str] = {}
    specs: list[ProcedureSpec] = []
    errors: list[str] = []
    for module in data_modules():
        where = module.__name__.rsplit(".", 1)[-1]
        for spec in module.PROCEDURES:
            if not isinstance(spec, ProcedureSpec):
                errors.append(f"{where}: phần tử {spec!r} không phải ProcedureSpec.")
                continue
            if spec.code in first_seen:
                errors.append(
                    f"Mã thủ tục {spec.code} trùng: có trong {first_seen[spec.code]} và {where}."
                )
                continue
            first_seen[spec.code] = where
            errors.extend(f"{where}, {spec.code}: {e}" for e in spec_errors(spec))
            specs.append(spec)
    if errors:
        raise SeedDataError("Dữ liệu thủ tục mẫu không hợp lệ: " + " ".join(errors))
    return sorted(specs, key=lambda s: s.code)


def spec_errors(spec: ProcedureSpec) -> list[str]:
    """What contradicts itself in one spec, in Vietnamese."""
    errors = []

    def check(ok: bool, message: str) -> None:
        if not ok:
            errors.append(message)

    check(bool(spec.name.strip()), "thiếu tên thủ tục.")
    check(bool(spec.field_code and spec.field_name), "thiếu mã hoặc tên lĩnh vực.")
    check(spec.level in Procedure.Level.values, f"cấp thực hiện {spec.level!r} không hợp lệ.")
    check(spec.time_limit_unit in DurationUnit.values, f"đơn vị {spec.time_limit_unit!r} sai.")
    check(spec.result_type in Procedure.ResultType.values, f"loại kết quả {spec.result_type!r}.")
    check(spec.online_provider in Procedure.OnlineProvider.values, "đơn vị cung cấp DVCTT sai.")
    check(
        spec.legacy_level in ONLINE_CLASS_OF_LEVEL
        and ONLINE_CLASS_OF_LEVEL[Procedure.LegacyLevel(spec.legacy_level)] == spec.online_class,
        f"mức độ {spec.legacy_level} không khớp dịch vụ công trực tuyến {spec.online_class!r} "
        "(4 → toàn trình, 3 → một phần, 2 → không).",
    )
    check(
        not spec.online_only or bool(spec.online_class),
        "chỉ tiếp nhận trực tuyến nhưng không có dịch vụ công trực tuyến.",
    )
    check(
        spec.agency != COMMUNES or spec.level == Procedure.Level.COMMUNE,
        "thủ tục cấp tỉnh không thể giao cho mọi UBND xã.",
    )
    check(
        spec.time_limit_unit == DurationUnit.SAME_DAY or spec.time_limit > 0,
        "thời hạn phải lớn hơn 0.",
    )
    for fee in spec.fees:
        check(fee.amount >= 0, f"khoản thu {fee.name!r} âm.")
    sources = set(Component.Source.values)
    for component in spec.components:
        check(component.replaced_by in sources, f"nguồn dữ liệu {component.replaced_by!r} sai.")
        check(
            component.required or bool(component.condition) or bool(component.replaced_by),
            f"giấy tờ không bắt buộc {component.name!r} phải ghi trường hợp phải nộp.",
        )
    for step in spec.steps:
        check(step.kind in Step.Kind.values, f"loại bước {step.kind!r} không hợp lệ.")
        check(
            step.kind != Step.Kind.TRANSFER or bool(step.agency),
            f"bước liên thông {step.name!r} phải ghi cơ quan phối hợp.",
        )
        check(step.budget >= 0, f"bước {step.name!r} có thời gian âm.")
    if spec.steps and spec.time_limit_unit != DurationUnit.SAME_DAY:
        total = sum((s.budget for s in spec.steps), Decimal(0))
        check(
            total == spec.time_limit,
            f"tổng thời gian các bước ({total}) khác thời hạn ({spec.time_limit}).",
        )
    errors.extend(schema_errors(spec.form_schema, spec.form_ui))
    return errors


def referenced_agency_codes(specs: Iterable[ProcedureSpec]) -> set[str]:
    """The identifier codes the specs name (COMMUNES excepted), the Service Center included."""
    codes = {SERVICE_CENTER}
    for spec in specs:
        codes.update(c for c in (spec.agency, *spec.receiving) if c != COMMUNES)
        codes.update(s.agency for s in spec.steps if s.agency)
    return codes


def local_code(code: str) -> str:
    return f"{code}.{PROVINCIAL_COMMITTEE}"


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    # Keeps IN lists under SQLite's limit on query parameters.
    for start in range(0, len(items), size):
        yield items[start : start + size]


# (kind, name, budget, agency id, role id): a step as compared and written.
StepRow = tuple[str, str, Decimal, int | None, int | None]


def default_step_rows(time_limit: int, unit: str, roles: dict[str, Role]) -> list[StepRow]:
    """The steps `rules.apply_default_steps` writes, without writing them: to compare a
    procedure's steps with its default template, and to build synthetic procedures' steps in
    bulk. tests/catalog/test_seeding.py checks that both agree."""
    if unit in (DurationUnit.WORKING_DAYS, DurationUnit.CALENDAR_DAYS):
        budgets = default_step_budgets(time_limit)
    else:
        budgets = [
            (kind, name, Decimal(time_limit) if kind == Step.Kind.PROCESS else Decimal(0))
            for kind, name, _ in default_step_budgets(0)
        ]
    rows: list[StepRow] = []
    for kind, name, budget in budgets:
        role = roles.get(_DEFAULT_ROLES[kind])
        rows.append((str(kind), name, budget, None, role.pk if role else None))
    return rows


# ---------------------------------------------------------------------------------------------
# Curated procedures

FeeRow = tuple[str, int, str]
ComponentRow = tuple[str, int, int, bool, str, str]

# The spec's own attributes that are columns of Procedure (is_published stays the admin's).
_SCALARS = (
    "name",
    "level",
    "legal_basis",
    "requirements",
    "time_limit",
    "time_limit_unit",
    "time_limit_note",
    "applicant_types",
    "result_type",
    "result_name",
    "legacy_level",
    "online_class",
    "online_provider",
    "online_only",
    "postal_submission",
    "postal_return",
    "form_schema",
    "form_ui",
)


def seed_curated(*, out: OutputWrapper | None = None) -> SeedResult:
    """Write the curated catalog; return how many procedures were created, updated, unchanged."""
    specs = curated_specs()
    with transaction.atomic():
        result = _CuratedWriter(specs).run()
    if out is not None:
        out.write(result.line("Danh mục thủ tục mẫu"))
    return result


@dataclass
class _Plan:
    """One spec against the database: what has to be written (None: already as wanted)."""

    spec: ProcedureSpec
    procedure: Procedure
    is_new: bool
    scalars: bool = False
    agencies: set[int] | None = None
    receiving: set[int] | None = None
    fees: list[FeeRow] | None = None
    components: list[ComponentRow] | None = None
    steps: list[StepRow] | None = None

    @property
    def changed(self) -> bool:
        parts = (self.agencies, self.receiving, self.fees, self.components, self.steps)
        return self.is_new or self.scalars or any(part is not None for part in parts)


class _CuratedWriter:
    def __init__(self, specs: list[ProcedureSpec]) -> None:
        self.specs = specs
        self.agencies, self.communes = self._load_agencies()
        self.roles = Role.objects.in_bulk(field_name="code")
        self.fields = self._ensure_fields()

    def _load_agencies(self) -> tuple[dict[str, Agency], set[int]]:
        codes = referenced_agency_codes(self.specs)
        found = Agency.objects.current().in_bulk(list(codes), field_name="code")
        communes = set(
            Agency.objects.current()
            .filter(kind=Agency.Kind.COMMUNE_COMMITTEE)
            .values_list("pk", flat=True)
        )
        missing = sorted(codes - set(found))
        if not communes:
            missing.append("UBND các xã, phường")
        if missing:
            shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
            raise DemoAgenciesMissing(f"{DemoAgenciesMissing.message} Thiếu: {shown}.")
        return found, communes

    def _ensure_fields(self) -> dict[str, Field]:
        names = {spec.field_code: spec.field_name for spec in self.specs}
        fields = Field.objects.in_bulk(list(names), field_name="code")
        for code, name in names.items():
            if code not in fields:
                # An administrator may have renamed an existing field: it keeps its name.
                fields[code], _ = Field.objects.get_or_create(code=code, defaults={"name": name})
        return fields

    def _agency_ids(self, codes: Iterable[str]) -> set[int]:
        ids: set[int] = set()
        for code in codes:
            ids |= self.communes if code == COMMUNES else {self.agencies[code].pk}
        return ids

    def _receiving_ids(self, spec: ProcedureSpec) -> set[int]:
        if spec.receiving:
            return self._agency_ids(spec.receiving)
        # specs.py: the Service Center receives for provincial procedures (whatever the
        # applicant's commune), every commune's desk for commune ones.
        if spec.level == Procedure.Level.COMMUNE:
            return set(self.communes)
        return {self.agencies[SERVICE_CENTER].pk}

    def _step_rows(self, spec: ProcedureSpec) -> list[StepRow]:
        if not spec.steps:
            return default_step_rows(spec.time_limit, spec.time_limit_unit, self.roles)
        rows: list[StepRow] = []
        for step in spec.steps:
            if step.role and step.role not in self.roles:
                raise SeedDataError(f"{spec.code}: không có vai trò {step.role!r}.")
            rows.append(
                (
                    step.kind,
                    step.name,
                    step.budget,
                    self.agencies[step.agency].pk if step.agency else None,
                    self.roles[step.role].pk if step.role else None,
                )
            )
        return rows

    @staticmethod
    def _scalars(spec: ProcedureSpec) -> dict[str, Any]:
        values = {name: getattr(spec, name) for name in _SCALARS}
        values["local_code"] = local_code(spec.code)
        values["applicant_types"] = list(spec.applicant_types)
        return values

    def run(self) -> SeedResult:
        existing = {
            p.code: p
            for p in Procedure.objects.filter(code__in=[s.code for s in self.specs])
            .select_related("field")
            .prefetch_related("fees", "components", "steps")
        }
        ids = [p.pk for p in existing.values()]
        agency_links = _links(Procedure.agencies.through, ids)
        receiving_links = _links(Procedure.receiving_agencies.through, ids)
        plans = []
        for spec in self.specs:
            procedure = existing.get(spec.code)
            plans.append(
                self._plan(
                    spec,
                    procedure,
                    agency_links.get(procedure.pk, set()) if procedure else set(),
                    receiving_links.get(procedure.pk, set()) if procedure else set(),
                )
            )
        changed = [plan for plan in plans if plan.changed]
        self._write(changed)
        created = sum(plan.is_new for plan in plans)
        return SeedResult(
            created=created, updated=len(changed) - created, unchanged=len(plans) - len(changed)
        )

    def _plan(
        self,
        spec: ProcedureSpec,
        procedure: Procedure | None,
        agencies: set[int],
        receiving: set[int],
    ) -> _Plan:
        field = self.fields[spec.field_code]
        scalars = self._scalars(spec)
        if procedure is None:
            procedure = Procedure(code=spec.code, field=field, **scalars)
            plan = _Plan(spec, procedure, is_new=True)
            old_fees: list[FeeRow] = []
            old_components: list[ComponentRow] = []
            old_steps: list[StepRow] = []
        else:
            plan = _Plan(spec, procedure, is_new=False)
            plan.scalars = procedure.field_id != field.pk or any(
                getattr(procedure, name) != value for name, value in scalars.items()
            )
            if plan.scalars:
                procedure.field = field
                for name, value in scalars.items():
                    setattr(procedure, name, value)
            old_fees = [(f.name, f.amount, f.condition) for f in procedure.fees.all()]
            old_components = [_component_row(c) for c in procedure.components.all()]
            old_steps = [
                (s.kind, s.name, s.budget, s.agency_id, s.role_id) for s in procedure.steps.all()
            ]
        wanted_agencies = self._agency_ids([spec.agency])
        wanted_receiving = self._receiving_ids(spec)
        wanted_fees = [(f.name, f.amount, f.condition) for f in spec.fees]
        wanted_components = [
            (c.name, c.original_count, c.copy_count, c.required, c.condition, c.replaced_by)
            for c in spec.components
        ]
        wanted_steps = self._step_rows(spec)
        plan.agencies = wanted_agencies if wanted_agencies != agencies else None
        plan.receiving = wanted_receiving if wanted_receiving != receiving else None
        plan.fees = wanted_fees if wanted_fees != old_fees else None
        plan.components = wanted_components if wanted_components != old_components else None
        plan.steps = wanted_steps if wanted_steps != old_steps else None
        return plan

    def _write(self, plans: list[_Plan]) -> None:
        new = [plan.procedure for plan in plans if plan.is_new]
        for procedure in new:
            procedure.refresh_search_fields()  # bulk_create skips save(), which does this
        Procedure.objects.bulk_create(new)
        pks = dict(
            Procedure.objects.filter(code__in=[p.code for p in new]).values_list("code", "pk")
        )
        for procedure in new:
            procedure.pk = pks[procedure.code]
        for plan in plans:
            if plan.scalars:
                plan.procedure.save()
        # Agency links in a few statements: ~25 commune procedures × ~135 communes × 2 lists
        # are thousands of rows, which add() one procedure at a time makes slow.
        _replace_links(
            Procedure.agencies.through,
            {plan.procedure.pk: plan.agencies for plan in plans if plan.agencies is not None},
        )
        _replace_links(
            Procedure.receiving_agencies.through,
            {plan.procedure.pk: plan.receiving for plan in plans if plan.receiving is not None},
        )
        self._replace_fees([plan for plan in plans if plan.fees is not None])
        self._replace_components([plan for plan in plans if plan.components is not None])
        self._replace_steps([plan for plan in plans if plan.steps is not None])
        changed = Procedure.objects.filter(pk__in=[plan.procedure.pk for plan in plans])
        for procedure in changed.select_related("field"):
            record_revision(procedure, by=None, source="seed", note="Danh mục thủ tục mẫu.")

    @staticmethod
    def _replace_fees(plans: list[_Plan]) -> None:
        _delete_for(Fee, [plan.procedure.pk for plan in plans if not plan.is_new])
        Fee.objects.bulk_create(
            Fee(procedure=plan.procedure, order=order, name=name, amount=amount, condition=cond)
            for plan in plans
            for order, (name, amount, cond) in enumerate(plan.fees or (), start=1)
        )

    @staticmethod
    def _replace_components(plans: list[_Plan]) -> None:
        # Keep a form template an administrator attached to a component of the same name.
        kept = {
            plan.procedure.pk: {c.name: c for c in plan.procedure.components.all()}
            for plan in plans
            if not plan.is_new
        }
        _delete_for(Component, list(kept))
        rows = []
        for plan in plans:
            old = kept.get(plan.procedure.pk, {})
            for order, (name, originals, copies, required, condition, source) in enumerate(
                plan.components or (), start=1
            ):
                previous = old.get(name)
                rows.append(
                    Component(
                        procedure=plan.procedure,
                        order=order,
                        name=name,
                        original_count=originals,
                        copy_count=copies,
                        required=required,
                        condition=condition,
                        replaced_by=source,
                        template=previous.template if previous else "",
                        template_name=previous.template_name if previous else "",
                    )
                )
        Component.objects.bulk_create(rows)

    @staticmethod
    def _replace_steps(plans: list[_Plan]) -> None:
        custom = [plan for plan in plans if plan.spec.steps]
        _delete_for(Step, [plan.procedure.pk for plan in custom if not plan.is_new])
        Step.objects.bulk_create(
            Step(
                procedure=plan.procedure,
                order=order,
                kind=kind,
                name=name,
                budget=budget,
                agency_id=agency_id,
                role_id=role_id,
            )
            for plan in custom
            for order, (kind, name, budget, agency_id, role_id) in enumerate(
                plan.steps or (), start=1
            )
        )
        for plan in plans:
            if not plan.spec.steps:
                apply_default_steps(plan.procedure)


def _component_row(component: Component) -> ComponentRow:
    return (
        component.name,
        component.original_count,
        component.copy_count,
        component.required,
        component.condition,
        component.replaced_by,
    )


def _links(through: type[models.Model], procedure_ids: list[int]) -> dict[int, set[int]]:
    """Agency ids by procedure id, read from an agencies M2M table."""
    links: dict[int, set[int]] = defaultdict(set)
    for chunk in _chunks(procedure_ids):
        rows = through._default_manager.filter(procedure_id__in=chunk).values_list(
            "procedure_id", "agency_id"
        )
        for procedure_id, agency_id in rows:
            links[procedure_id].add(agency_id)
    return links


def _replace_links(through: type[models.Model], wanted: dict[int, set[int]]) -> None:
    _delete_for(through, list(wanted))
    through._default_manager.bulk_create(
        (
            through(procedure_id=procedure_id, agency_id=agency_id)
            for procedure_id, agency_ids in wanted.items()
            for agency_id in sorted(agency_ids)
        ),
        batch_size=1000,
    )


def _delete_for(model: type[models.Model], procedure_ids: list[int]) -> None:
    for chunk in _chunks(procedure_ids):
        model._default_manager.filter(procedure_id__in=chunk).delete()


# ---------------------------------------------------------------------------------------------
# Synthetic filler
#
# A real province publishes ~1,800 procedures; the curated catalog has a few dozen. The filler
# lets search, lists, reports and imports be measured at the real size. It writes no revisions:
# nobody was ever told anything about these procedures, so there is no history to keep, and
# 1,800 snapshots and audit entries would dominate the run and flood the audit trail.


def level_targets(n: int) -> dict[int, int]:
    """Procedures per legacy level in a catalog of `n`, in the proportions of the report."""
    level_3 = round(n * REPORT_LEVEL_3 / REPORT_TOTAL)
    level_4 = round(n * REPORT_LEVEL_4 / REPORT_TOTAL)
    return {2: n - level_3 - level_4, 3: level_3, 4: level_4}


def synthetic_levels(n: int, existing: Counter[int], missing: int) -> list[int]:
    """The levels of the `missing` procedures to add so that the whole catalog of `n` has the
    report's mix (as nearly as the existing procedures allow)."""
    targets = level_targets(n)
    level_4 = min(max(0, targets[4] - existing[4]), missing)
    level_3 = min(max(0, targets[3] - existing[3]), missing - level_4)
    return [3] * level_3 + [4] * level_4 + [2] * (missing - level_3 - level_4)


def seed_synthetic(n: int = REPORT_TOTAL, *, out: OutputWrapper | None = None) -> SeedResult:
    """Bring the catalog to `n` procedures in total (curated ones count) with synthetic filler.
    Deterministic, and idempotent for the same `n`: a catalog that already has `n` procedures or
    more is left alone."""
    if n < 0:
        raise DomainError("Số thủ tục cần có phải là số không âm.")
    with transaction.atomic():
        levels = Counter(Procedure.objects.values_list("legacy_level", flat=True))
        existing = sum(levels.values())
        missing = max(0, n - existing)
        if missing:
            _SyntheticWriter().write(synthetic_levels(n, levels, missing), seed=f"{n}-{existing}")
            levels = Counter(Procedure.objects.values_list("legacy_level", flat=True))
    result = SeedResult(created=missing, unchanged=existing)
    if out is not None:
        mix = ", ".join(f"mức độ {level}: {levels[level]}" for level in (2, 3, 4))
        out.write(
            f"Thủ tục tổng hợp: tạo mới {missing}; danh mục hiện có {sum(levels.values())} "
            f"thủ tục ({mix})."
        )
    return result


def synthetic_code(number: int) -> str:
    return f"{SYNTHETIC_PREFIX}{number:06d}"


def _next_synthetic_number() -> int:
    numbers = [
        int(code[len(SYNTHETIC_PREFIX) :])
        for code in Procedure.objects.filter(code__startswith=SYNTHETIC_PREFIX).values_list(
            "code", flat=True
        )
        if code[len(SYNTHETIC_PREFIX) :].isdigit()
    ]
    return max(numbers, default=0) + 1


class _SyntheticWriter:
    def __init__(self) -> None:
        departments = {theme.agency for theme in _THEMES} | {SERVICE_CENTER}
        self.agencies = Agency.objects.current().in_bulk(list(departments), field_name="code")
        self.communes = sorted(
            Agency.objects.current()
            .filter(kind=Agency.Kind.COMMUNE_COMMITTEE)
            .values_list("pk", flat=True)
        )
        missing = sorted(departments - set(self.agencies))
        if missing or not self.communes:
            shown = ", ".join(missing[:5]) or "UBND các xã, phường"
            raise DemoAgenciesMissing(f"{DemoAgenciesMissing.message} Thiếu: {shown}.")
        self.roles = Role.objects.in_bulk(field_name="code")
        self.fields: dict[str, Field] = {}

    def field(self, name: str) -> Field:
        """The field of that name (a curated one if it exists), created when missing."""
        if name not in self.fields:
            found = Field.objects.filter(name=name).order_by("code").first()
            if found is None:
                found, _ = Field.objects.get_or_create(
                    code=derived_field_code(name), defaults={"name": name}
                )
            self.fields[name] = found
        return self.fields[name]

    def write(self, levels: list[int], *, seed: str) -> None:
        random.Random(f"muc-do-{seed}").shuffle(levels)  # noqa: S311 - not cryptographic
        start = _next_synthetic_number()
        combos = _name_combos()
        built = [self._build(start + offset, level, combos) for offset, level in enumerate(levels)]
        procedures = [b[0] for b in built]
        Procedure.objects.bulk_create(procedures, batch_size=500)
        pks: dict[str, int] = {}
        codes = [p.code for p in procedures]
        for chunk in _chunks(codes):
            pks.update(Procedure.objects.filter(code__in=chunk).values_list("code", "pk"))
        agency_links: dict[int, set[int]] = {}
        receiving_links: dict[int, set[int]] = {}
        fees: list[Fee] = []
        components: list[Component] = []
        steps: list[Step] = []
        for procedure, extra in built:
            procedure.pk = pks[procedure.code]
            agency_links[procedure.pk] = extra["agencies"]
            if extra["receiving"]:
                receiving_links[procedure.pk] = extra["receiving"]
            fees.append(Fee(procedure_id=procedure.pk, order=1, **extra["fee"]))
            components += [
                Component(procedure_id=procedure.pk, order=order, **values)
                for order, values in enumerate(extra["components"], start=1)
            ]
            steps += [
                Step(
                    procedure_id=procedure.pk,
                    order=order,
                    kind=kind,
                    name=name,
                    budget=budget,
                    agency_id=agency_id,
                    role_id=role_id,
                )
                for order, (kind, name, budget, agency_id, role_id) in enumerate(
                    default_step_rows(procedure.time_limit, procedure.time_limit_unit, self.roles),
                    start=1,
                )
            ]
        _replace_links(Procedure.agencies.through, agency_links)
        _replace_links(Procedure.receiving_agencies.through, receiving_links)
        Fee.objects.bulk_create(fees, batch_size=1000)
        Component.objects.bulk_create(components, batch_size=1000)
        Step.objects.bulk_create(steps, batch_size=1000)

    def _build(
        self, number: int, level: int, combos: list[tuple["_Theme", str, str]]
    ) -> tuple[Procedure, dict[str, Any]]:
        # One generator per code: procedure 9.000042 is the same whatever the run that made it.
        rng = random.Random(f"thu-tuc-tong-hop-{number}")  # noqa: S311 - not cryptographic
        cycle, position = divmod(number - 1, len(combos))
        theme, verb, phrase = combos[position]
        commune = rng.random() < theme.commune_share
        name = f"{verb} {phrase}{_qualifier(cycle, commune)}"
        unit, limit = rng.choice(_TIME_LIMITS)
        result_type, result_name = _result(verb, phrase)
        online_class = ONLINE_CLASS_OF_LEVEL[Procedure.LegacyLevel(level)]
        central = level > 2 and rng.random() < 0.08
        code = synthetic_code(number)
        procedure = Procedure(
            code=code,
            local_code=local_code(code),
            name=name,
            field=self.field(theme.field),
            level=Procedure.Level.COMMUNE if commune else Procedure.Level.PROVINCE,
            legal_basis=SYNTHETIC_LEGAL_BASIS,
            time_limit=limit,
            time_limit_unit=unit,
            time_limit_note=(
                "Kể từ ngày nhận đủ hồ sơ hợp lệ." if unit == DurationUnit.WORKING_DAYS else ""
            ),
            applicant_types=list(rng.choice(_APPLICANTS)),
            result_type=result_type,
            result_name=result_name,
            legacy_level=level,
            online_class=online_class,
            online_provider=(
                Procedure.OnlineProvider.CENTRAL if central else Procedure.OnlineProvider.PROVINCE
            ),
            postal_submission=rng.random() < 0.5,
            postal_return=rng.random() < 0.6,
        )
        procedure.refresh_search_fields()  # bulk_create skips save(), which does this
        amount = rng.choice(_COMMUNE_FEES if commune else _PROVINCE_FEES)
        extra: dict[str, Any] = {
            "agencies": set(self.communes) if commune else {self.agencies[theme.agency].pk},
            # Commune procedures: the commune's own desk (the model's default when empty).
            "receiving": set() if commune else {self.agencies[SERVICE_CENTER].pk},
            "fee": {
                "name": "Lệ phí" if amount < 500_000 else "Phí thẩm định",
                "amount": amount,
                "condition": "",
            },
            "components": _components(rng, name, phrase),
        }
        return procedure, extra


def _qualifier(cycle: int, commune: bool) -> str:
    """Tells apart procedures that reuse a name once the combinations are exhausted, the way the
    national catalogue tells apart its own variants."""
    if cycle == 0:
        return ""
    if cycle == 1:
        return " (cấp xã)" if commune else " (cấp tỉnh)"
    if cycle == 2:
        return " (trường hợp có yếu tố nước ngoài)"
    return f" (trường hợp {cycle - 2})"


_DOCUMENT_VERBS = ("Thông báo", "Kê khai", "Tiếp nhận", "Công bố", "Cung cấp thông tin về")
_ISSUING_VERBS = ("Cấp", "Gia hạn", "Điều chỉnh", "Đổi")


def _result(verb: str, phrase: str) -> tuple[str, str]:
    """(result type, result name) of a synthetic procedure."""
    lowered = phrase.casefold()
    kind = Procedure.ResultType
    if verb.startswith(_ISSUING_VERBS):
        shown = phrase[:1].upper() + phrase[1:]
        if lowered.startswith("giấy phép"):
            return kind.LICENCE, shown
        if lowered.startswith("thẻ"):
            return kind.CARD, shown
        if lowered.startswith(("giấy chứng nhận", "chứng chỉ", "giấy xác nhận", "mã số")):
            return kind.CERTIFICATE, shown
        return kind.DOCUMENT, shown
    if verb == "Xác nhận":
        return kind.CERTIFICATE, f"Giấy xác nhận {phrase}"
    if verb.startswith("Đăng ký"):
        return kind.CERTIFICATE, f"Giấy xác nhận {verb.casefold()} {phrase}"
    if verb.startswith(_DOCUMENT_VERBS) or verb == "Xóa đăng ký":
        return kind.DOCUMENT, f"Văn bản trả lời về việc {verb.casefold()} {phrase}"
    return kind.DECISION, f"Quyết định {verb.casefold()} {phrase}"


def _components(rng: random.Random, name: str, phrase: str) -> list[dict[str, Any]]:
    """1 to 6 components: the application, then documents drawn from a common pool."""
    source = Component.Source
    first = {
        "name": f"Đơn đề nghị {name[:1].casefold()}{name[1:]} (theo mẫu)",
        "original_count": 1,
        "copy_count": 0,
        "required": True,
        "condition": "",
        "replaced_by": "",
    }
    pool: list[tuple[str, int, int, bool, str, str]] = [
        ("Giấy tờ chứng minh nhân thân của người đề nghị", 0, 1, True, "", source.POPULATION),
        (
            "Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập",
            0,
            1,
            False,
            "Trường hợp người đề nghị là tổ chức",
            source.BUSINESS,
        ),
        ("Bản thuyết minh về điều kiện, năng lực thực hiện", 1, 0, True, "", ""),
        ("Bản vẽ, sơ đồ vị trí khu vực đề nghị", 2, 0, True, "", ""),
        (
            "Báo cáo kết quả hoạt động của kỳ trước",
            1,
            0,
            False,
            "Trường hợp đề nghị gia hạn, cấp lại hoặc điều chỉnh",
            "",
        ),
        (
            f"{phrase[:1].upper()}{phrase[1:]} đã được cấp",
            1,
            0,
            False,
            "Trường hợp cấp lại, cấp đổi, gia hạn hoặc điều chỉnh",
            source.EARLIER_RESULT,
        ),
        ("Văn bản ủy quyền", 1, 0, False, "Trường hợp người nộp không phải người đề nghị", ""),
        ("Tài liệu chứng minh đáp ứng điều kiện theo quy định", 0, 1, True, "", ""),
        ("Danh sách nhân sự kèm văn bằng, chứng chỉ chuyên môn", 1, 0, True, "", ""),
        (
            "Sổ bảo hiểm xã hội hoặc hợp đồng lao động của người phụ trách chuyên môn",
            0,
            1,
            False,
            "Trường hợp pháp luật chuyên ngành yêu cầu người phụ trách chuyên môn",
            source.SOCIAL_INSURANCE,
        ),
    ]
    keys = ("name", "original_count", "copy_count", "required", "condition", "replaced_by")
    chosen = rng.sample(pool, rng.randint(0, 5))
    return [first, *(dict(zip(keys, row, strict=True)) for row in chosen)]


def _name_combos() -> list[tuple["_Theme", str, str]]:
    """Every (theme, verb, object) of the vocabulary, in a fixed shuffled order."""
    combos = [
        (theme, verb, phrase)
        for theme in _THEMES
        for verbs, phrase in theme.subjects
        for verb in verbs
    ]
    random.Random("ten-thu-tuc-tong-hop").shuffle(combos)  # noqa: S311 - not cryptographic
    return combos


_TIME_LIMITS: tuple[tuple[str, int], ...] = (
    *((DurationUnit.WORKING_DAYS, days) for days in (3, 5, 5, 7, 10, 10, 10, 12, 15, 15, 20, 30)),
    (DurationUnit.WORKING_DAYS, 45),
    (DurationUnit.SAME_DAY, 0),
    (DurationUnit.WORKING_HOURS, 8),
    (DurationUnit.CALENDAR_DAYS, 30),
)
_PROVINCE_FEES = (50_000, 100_000, 100_000, 150_000, 200_000, 300_000, 500_000, 1_000_000)
_COMMUNE_FEES = (10_000, 20_000, 30_000, 50_000, 100_000)
_APPLICANTS: tuple[tuple[str, ...], ...] = (
    ("Công dân Việt Nam",),
    ("Tổ chức",),
    ("Doanh nghiệp",),
    ("Công dân Việt Nam", "Tổ chức"),
    ("Doanh nghiệp", "Hợp tác xã"),
    ("Công dân Việt Nam", "Người nước ngoài"),
    ("Cơ quan nhà nước", "Đơn vị sự nghiệp công lập"),
)


@dataclass(frozen=True)
class _Theme:
    field: str  # field name; a curated field of the same name is reused
    agency: str  # the department that decides at province level
    commune_share: float  # chance that a procedure of this field is a commune one
    subjects: tuple[tuple[tuple[str, ...], str], ...]  # (verbs, object)


_ISSUE = ("Cấp", "Cấp lại", "Gia hạn", "Điều chỉnh", "Thu hồi")
_CERTIFY = ("Cấp", "Cấp lại", "Cấp đổi", "Thu hồi")
_REGISTER = ("Đăng ký", "Đăng ký thay đổi", "Xóa đăng ký")
_APPROVE = ("Phê duyệt", "Điều chỉnh", "Thẩm định")
_RECOGNISE = ("Công nhận", "Công nhận lại")
_CONFIRM = ("Xác nhận",)
_CONSENT = ("Chấp thuận",)
_SETTLE = ("Giải quyết",)

# Sở Tư pháp 02, Sở Tài chính 03, Sở Xây dựng 04, Sở Nông nghiệp và Môi trường 05, Sở Khoa học
# và Công nghệ 06, Sở Y tế 07, Sở Giáo dục và Đào tạo 08, Sở Nội vụ 09, Sở Công Thương 10,
# Sở Văn hóa, Thể thao và Du lịch 11, Công an tỉnh 12 (motcua/org/demo.py).
# fmt: off
_THEMES: tuple[_Theme, ...] = (
    _Theme("Công chứng", "000.00.02.H21", 0.0, (
        (_CERTIFY, "Giấy đăng ký hoạt động của Văn phòng công chứng"),
        (_REGISTER, "hành nghề công chứng"),
        (_CERTIFY, "thẻ công chứng viên"),
        (_CONSENT, "việc hợp nhất, sáp nhập Văn phòng công chứng"),
        (_CONSENT, "việc chuyển nhượng Văn phòng công chứng"),
    )),
    _Theme("Luật sư", "000.00.02.H21", 0.0, (
        (_REGISTER, "hoạt động của tổ chức hành nghề luật sư"),
        (_REGISTER, "hành nghề luật sư với tư cách cá nhân"),
        (_CERTIFY, "Giấy đăng ký hoạt động của chi nhánh công ty luật nước ngoài"),
    )),
    _Theme("Trợ giúp pháp lý", "000.00.02.H21", 0.2, (
        (_REGISTER, "tham gia thực hiện trợ giúp pháp lý"),
        (_CERTIFY, "thẻ cộng tác viên trợ giúp pháp lý"),
        (_SETTLE, "yêu cầu trợ giúp pháp lý"),
    )),
    _Theme("Giám định tư pháp", "000.00.02.H21", 0.0, (
        (("Bổ nhiệm", "Miễn nhiệm"), "giám định viên tư pháp"),
        (_REGISTER, "hoạt động của Văn phòng giám định tư pháp"),
        (_CERTIFY, "thẻ giám định viên tư pháp"),
    )),
    _Theme("Đấu giá tài sản", "000.00.02.H21", 0.0, (
        (_CERTIFY, "chứng chỉ hành nghề đấu giá"),
        (_REGISTER, "hoạt động của doanh nghiệp đấu giá tài sản"),
        (_CERTIFY, "thẻ đấu giá viên"),
    )),
    _Theme("Nuôi con nuôi", "000.00.02.H21", 0.6, (
        (("Đăng ký", "Đăng ký lại"), "việc nuôi con nuôi trong nước"),
        (_CONFIRM, "công dân Việt Nam đủ điều kiện nhận trẻ em nước ngoài làm con nuôi"),
    )),
    _Theme("Quốc tịch", "000.00.02.H21", 0.0, (
        (_CONFIRM, "có quốc tịch Việt Nam"),
        (_CONFIRM, "là người gốc Việt Nam"),
        (_SETTLE, "hồ sơ xin trở lại quốc tịch Việt Nam"),
    )),
    _Theme("Quản lý công sản", "000.00.03.H21", 0.1, (
        (_APPROVE, "phương án sắp xếp lại, xử lý nhà, đất"),
        (_APPROVE, "phương án điều chuyển tài sản công"),
        (_APPROVE, "phương án thanh lý tài sản công"),
        (_APPROVE, "đề án sử dụng tài sản công vào mục đích cho thuê"),
    )),
    _Theme("Quản lý giá", "000.00.03.H21", 0.0, (
        (("Kê khai", "Kê khai lại"), "giá hàng hóa, dịch vụ"),
        (_APPROVE, "phương án giá hàng hóa, dịch vụ do Nhà nước định giá"),
    )),
    _Theme("Đầu tư tại Việt Nam", "000.00.03.H21", 0.0, (
        (_CERTIFY, "Giấy chứng nhận đăng ký đầu tư"),
        (("Chấp thuận", "Điều chỉnh"), "chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh"),
        (("Chấm dứt hoạt động của", "Giãn tiến độ thực hiện"), "dự án đầu tư"),
    )),
    _Theme("Quản lý ngân sách nhà nước", "000.00.03.H21", 0.1, (
        (("Phê duyệt", "Thẩm tra"), "quyết toán dự án hoàn thành sử dụng vốn đầu tư công"),
        (("Điều chỉnh",), "dự toán ngân sách được giao"),
    )),
    _Theme("Xây dựng", "000.00.04.H21", 0.0, (
        (_CERTIFY, "chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III"),
        (_CERTIFY, "chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III"),
        (_APPROVE, "báo cáo nghiên cứu khả thi đầu tư xây dựng"),
        (_APPROVE, "thiết kế xây dựng triển khai sau thiết kế cơ sở"),
        (_ISSUE, "giấy phép xây dựng có thời hạn"),
    )),
    _Theme("Quy hoạch xây dựng, kiến trúc", "000.00.04.H21", 0.3, (
        (_APPROVE, "nhiệm vụ quy hoạch chi tiết xây dựng"),
        (_APPROVE, "đồ án quy hoạch chi tiết xây dựng"),
        (("Cung cấp thông tin về",), "quy hoạch xây dựng"),
        (("Cấp", "Điều chỉnh"), "giấy phép quy hoạch"),
    )),
    _Theme("Nhà ở", "000.00.04.H21", 0.2, (
        (_CONFIRM, "đối tượng được hưởng chính sách hỗ trợ nhà ở xã hội"),
        (_CONSENT, "chủ trương đầu tư dự án xây dựng nhà ở"),
        (_SETTLE, "cho thuê nhà ở công vụ"),
        (_SETTLE, "bán, cho thuê mua nhà ở cũ thuộc tài sản công"),
    )),
    _Theme("Kinh doanh bất động sản", "000.00.04.H21", 0.0, (
        (_CERTIFY, "chứng chỉ hành nghề môi giới bất động sản"),
        (_CONSENT, "việc chuyển nhượng toàn bộ hoặc một phần dự án bất động sản"),
    )),
    _Theme("Giao thông đường bộ", "000.00.04.H21", 0.0, (
        (_ISSUE, "giấy phép kinh doanh vận tải bằng xe ô tô"),
        (("Cấp", "Cấp lại"), "phù hiệu cho xe ô tô kinh doanh vận tải"),
        (_ISSUE, "giấy phép vận tải qua biên giới"),
        (_ISSUE, "giấy phép thi công công trình trên đường bộ đang khai thác"),
        (("Công bố",), "đưa bến xe khách vào khai thác"),
    )),
    _Theme("Đường thủy nội địa", "000.00.04.H21", 0.2, (
        (_CERTIFY, "Giấy chứng nhận đăng ký phương tiện thủy nội địa"),
        (("Công bố", "Công bố lại"), "hoạt động bến thủy nội địa"),
        (_ISSUE, "giấy phép hoạt động bến khách ngang sông"),
    )),
    _Theme("Đất đai", "000.00.05.H21", 0.2, (
        (("Gia hạn",), "thời hạn sử dụng đất"),
        (_CONFIRM, "việc tiếp tục sử dụng đất nông nghiệp"),
        (("Giao đất, cho thuê đất",), "không thông qua đấu giá quyền sử dụng đất"),
        (("Đính chính", "Thu hồi"), "Giấy chứng nhận đã cấp"),
        (("Tách thửa", "Hợp thửa"), "đất"),
    )),
    _Theme("Môi trường", "000.00.05.H21", 0.1, (
        (("Phê duyệt",), "kết quả thẩm định báo cáo đánh giá tác động môi trường"),
        (("Đăng ký",), "môi trường"),
        (_ISSUE, "giấy phép môi trường thành phần"),
        (_CONFIRM, "hoàn thành công trình bảo vệ môi trường"),
        (_APPROVE, "phương án cải tạo, phục hồi môi trường"),
    )),
    _Theme("Tài nguyên nước", "000.00.05.H21", 0.0, (
        (_ISSUE, "giấy phép thăm dò nước dưới đất"),
        (_ISSUE, "giấy phép khai thác, sử dụng nước dưới đất"),
        (_ISSUE, "giấy phép xả nước thải vào nguồn nước"),
        (_ISSUE, "giấy phép hành nghề khoan nước dưới đất"),
        (("Đăng ký",), "khai thác, sử dụng nước mặt"),
    )),
    _Theme("Địa chất và khoáng sản", "000.00.05.H21", 0.0, (
        (_ISSUE, "giấy phép thăm dò khoáng sản"),
        (_ISSUE, "giấy phép khai thác khoáng sản"),
        (("Phê duyệt",), "trữ lượng khoáng sản"),
        (_CONSENT, "việc trả lại giấy phép khai thác khoáng sản"),
        (("Đăng ký",), "khu vực, công suất, khối lượng khai thác khoáng sản nhóm IV"),
    )),
    _Theme("Trồng trọt và bảo vệ thực vật", "000.00.05.H21", 0.2, (
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện sản xuất phân bón"),
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện buôn bán phân bón"),
        (("Cấp", "Cấp lại"), "mã số vùng trồng"),
        (_RECOGNISE, "cây đầu dòng, vườn cây đầu dòng"),
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật"),
    )),
    _Theme("Chăn nuôi", "000.00.05.H21", 0.3, (
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện chăn nuôi đối với chăn nuôi trang trại"),
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện sản xuất thức ăn chăn nuôi"),
        (("Kê khai",), "hoạt động chăn nuôi"),
    )),
    _Theme("Thú y", "000.00.05.H21", 0.2, (
        (_CERTIFY, "chứng chỉ hành nghề thú y"),
        (_CERTIFY, "Giấy chứng nhận cơ sở an toàn dịch bệnh động vật"),
        (("Cấp",), "Giấy chứng nhận kiểm dịch động vật vận chuyển ra khỏi địa bàn cấp tỉnh"),
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện vệ sinh thú y"),
    )),
    _Theme("Thủy sản", "000.00.05.H21", 0.2, (
        (_CERTIFY, "Giấy chứng nhận đăng ký tàu cá"),
        (_ISSUE, "giấy phép khai thác thủy sản"),
        (_CERTIFY, "Giấy chứng nhận cơ sở đủ điều kiện nuôi trồng thủy sản"),
        (_CONFIRM, "nguồn gốc thủy sản khai thác"),
        (_CONFIRM, "đăng ký nuôi trồng thủy sản bằng lồng bè"),
    )),
    _Theme("Lâm nghiệp", "000.00.05.H21", 0.3, (
        (_APPROVE, "phương án quản lý rừng bền vững"),
        (_CONFIRM, "nguồn gốc lâm sản"),
        (("Đăng ký", "Cấp"), "mã số cơ sở nuôi, trồng các loài động vật, thực vật hoang dã"),
        (_CONSENT, "việc khai thác tận dụng gỗ trong rừng trồng"),
    )),
    _Theme("Thủy lợi", "000.00.05.H21", 0.1, (
        (_ISSUE, "giấy phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi"),
        (_APPROVE, "phương án bảo vệ công trình thủy lợi"),
        (_APPROVE, "phương án ứng phó thiên tai cho công trình vùng hạ du đập"),
    )),
    _Theme("Phát triển nông thôn", "000.00.05.H21", 0.5, (
        (_RECOGNISE, "làng nghề truyền thống"),
        (_RECOGNISE, "xã đạt chuẩn nông thôn mới nâng cao"),
        (_CONFIRM, "kinh tế trang trại"),
        (_APPROVE, "dự án hỗ trợ liên kết sản xuất và tiêu thụ sản phẩm"),
    )),
    _Theme("Hoạt động khoa học và công nghệ", "000.00.06.H21", 0.0, (
        (_CERTIFY, "Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ"),
        (_CERTIFY, "Giấy chứng nhận doanh nghiệp khoa học và công nghệ"),
        (("Đăng ký",), "kết quả thực hiện nhiệm vụ khoa học và công nghệ"),
        (_CERTIFY, "Giấy chứng nhận đăng ký hợp đồng chuyển giao công nghệ"),
    )),
    _Theme("Tiêu chuẩn, đo lường, chất lượng", "000.00.06.H21", 0.0, (
        (_CERTIFY, "chứng chỉ kiểm định viên đo lường"),
        (("Tiếp nhận",), "hồ sơ công bố hợp chuẩn"),
        (("Tiếp nhận",), "hồ sơ công bố hợp quy"),
        (("Đăng ký",), "hoạt động xét tặng giải thưởng chất lượng sản phẩm, hàng hóa"),
    )),
    _Theme("An toàn bức xạ và hạt nhân", "000.00.06.H21", 0.0, (
        (_ISSUE, "giấy phép sử dụng thiết bị X-quang chẩn đoán trong y tế"),
        (_CERTIFY, "chứng chỉ nhân viên bức xạ"),
        (_ISSUE, "giấy phép vận chuyển chất phóng xạ"),
    )),
    _Theme("Viễn thông và Internet", "000.00.06.H21", 0.1, (
        (_ISSUE, "giấy phép thiết lập mạng viễn thông dùng riêng"),
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện hoạt động điểm "
            "cung cấp dịch vụ trò chơi điện tử công cộng"),
    )),
    _Theme("Xuất bản, in và phát hành", "000.00.11.H21", 0.0, (
        (_ISSUE, "giấy phép hoạt động in xuất bản phẩm"),
        (_REGISTER, "hoạt động cơ sở in"),
        (("Cấp",), "giấy phép xuất bản tài liệu không kinh doanh"),
        (_REGISTER, "hoạt động phát hành xuất bản phẩm"),
    )),
    _Theme("Báo chí", "000.00.11.H21", 0.0, (
        (_ISSUE, "giấy phép xuất bản bản tin"),
        (_CONSENT, "việc họp báo"),
        (("Cấp",), "giấy phép xuất bản đặc san"),
    )),
    _Theme("Khám bệnh, chữa bệnh", "000.00.07.H21", 0.0, (
        (_ISSUE, "giấy phép hoạt động đối với phòng khám chuyên khoa"),
        (_ISSUE, "giấy phép hành nghề đối với y sĩ"),
        (_ISSUE, "giấy phép hành nghề đối với điều dưỡng"),
        (_CONFIRM, "nội dung quảng cáo dịch vụ khám bệnh, chữa bệnh"),
        (_ISSUE, "giấy phép hoạt động đối với cơ sở dịch vụ thẩm mỹ"),
    )),
    _Theme("Dược", "000.00.07.H21", 0.0, (
        (_CERTIFY, "chứng chỉ hành nghề dược"),
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện kinh doanh dược đối với nhà thuốc"),
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện kinh doanh dược đối với quầy thuốc"),
        (_CONFIRM, "nội dung thông tin thuốc"),
        (_CONFIRM, "nội dung quảng cáo thuốc"),
    )),
    _Theme("An toàn thực phẩm", "000.00.07.H21", 0.2, (
        (_CERTIFY, "Giấy chứng nhận cơ sở đủ điều kiện an toàn "
            "thực phẩm đối với cơ sở dịch vụ ăn uống"),
        (("Đăng ký",), "bản công bố sản phẩm thực phẩm"),
        (_CONFIRM, "nội dung quảng cáo thực phẩm"),
        (("Cấp",), "Giấy xác nhận kiến thức về an toàn thực phẩm"),
    )),
    _Theme("Y tế dự phòng", "000.00.07.H21", 0.0, (
        (("Công bố",), "cơ sở đủ điều kiện tiêm chủng"),
        (("Công bố",), "cơ sở đủ điều kiện quan trắc môi trường lao động"),
        (_CERTIFY, "Giấy chứng nhận phòng xét nghiệm đạt tiêu chuẩn an toàn sinh học cấp II"),
    )),
    _Theme("Trang thiết bị y tế", "000.00.07.H21", 0.0, (
        (("Công bố",), "tiêu chuẩn áp dụng đối với trang thiết bị y tế loại A, B"),
        (("Công bố",), "đủ điều kiện mua bán trang thiết bị y tế loại B, C, D"),
    )),
    _Theme("Giáo dục và Đào tạo", "000.00.08.H21", 0.3, (
        (("Cho phép",), "trường trung học phổ thông hoạt động giáo dục"),
        (("Cho phép",), "trung tâm ngoại ngữ, tin học hoạt động giáo dục"),
        (_RECOGNISE, "trường tiểu học đạt chuẩn quốc gia"),
        (_RECOGNISE, "trường mầm non đạt chuẩn quốc gia"),
        (("Chỉnh sửa nội dung",), "văn bằng, chứng chỉ"),
        (("Thành lập", "Sáp nhập, chia, tách"), "trường trung học cơ sở công lập"),
    )),
    _Theme("Giáo dục nghề nghiệp", "000.00.08.H21", 0.0, (
        (_CERTIFY, "Giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp"),
        (("Thành lập", "Sáp nhập, chia, tách"), "trung tâm giáo dục nghề nghiệp"),
        (("Công nhận",), "hội đồng quản trị trường trung cấp tư thục"),
    )),
    _Theme("Tổ chức phi chính phủ và hội", "000.00.09.H21", 0.1, (
        (("Phê duyệt", "Phê duyệt sửa đổi"), "điều lệ hội"),
        (("Cấp", "Cấp lại"), "giấy phép thành lập và công nhận điều lệ quỹ"),
        (("Công nhận",), "quỹ đủ điều kiện hoạt động"),
        (("Giải thể", "Đổi tên"), "hội"),
    )),
    _Theme("Thi đua, khen thưởng", "000.00.09.H21", 0.2, (
        (("Tặng",), "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        (("Tặng",), "danh hiệu Chiến sĩ thi đua cấp tỉnh"),
        (("Tặng",), "danh hiệu Tập thể lao động xuất sắc"),
        (("Tặng",), "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã"),
    )),
    _Theme("Tín ngưỡng, tôn giáo", "000.00.09.H21", 0.4, (
        (("Đăng ký",), "người được bổ nhiệm, bầu cử, suy cử làm chức việc"),
        (_CONSENT, "việc tổ chức cuộc lễ ngoài cơ sở tôn giáo"),
        (("Thông báo",), "danh mục hoạt động tôn giáo"),
        (("Đăng ký",), "thuyên chuyển chức sắc, chức việc"),
    )),
    _Theme("Lao động", "000.00.09.H21", 0.1, (
        (("Đăng ký",), "nội quy lao động"),
        (_CONFIRM, "người lao động nước ngoài không thuộc diện cấp giấy phép lao động"),
        (_ISSUE, "giấy phép hoạt động dịch vụ việc làm"),
        (_ISSUE, "giấy phép hoạt động cho thuê lại lao động"),
    )),
    _Theme("Người có công", "000.00.09.H21", 0.6, (
        (_CONFIRM, "thông tin về nơi liệt sĩ hy sinh"),
        (_SETTLE, "chế độ trợ cấp thờ cúng liệt sĩ"),
        (_SETTLE, "chế độ ưu đãi đối với con của người có công với cách mạng"),
        (("Di chuyển",), "hồ sơ người có công với cách mạng"),
    )),
    _Theme("Bảo trợ xã hội", "000.00.09.H21", 0.7, (
        (_SETTLE, "trợ cấp xã hội hằng tháng đối với người cao tuổi"),
        (("Điều chỉnh, thôi hưởng",), "trợ cấp xã hội hằng tháng"),
        (("Tiếp nhận",), "đối tượng cần bảo vệ khẩn cấp vào cơ sở trợ giúp xã hội"),
        (("Xác định, xác định lại",), "mức độ khuyết tật"),
        (_CERTIFY, "Giấy xác nhận khuyết tật"),
    )),
    _Theme("Việc làm", "000.00.09.H21", 0.1, (
        (_SETTLE, "hỗ trợ học nghề cho người hưởng trợ cấp thất nghiệp"),
        (("Tạm dừng", "Tiếp tục"), "hưởng trợ cấp thất nghiệp"),
        (("Chuyển nơi",), "hưởng trợ cấp thất nghiệp"),
    )),
    _Theme("Công chức, viên chức", "000.00.09.H21", 0.0, (
        (("Tiếp nhận",), "vào làm công chức"),
        (("Xét chuyển",), "cán bộ, công chức cấp xã thành công chức cấp tỉnh"),
        (("Thi tuyển", "Xét tuyển"), "viên chức"),
        (("Xét thăng hạng",), "chức danh nghề nghiệp viên chức"),
    )),
    _Theme("Điện", "000.00.10.H21", 0.0, (
        (_ISSUE, "giấy phép hoạt động điện lực trong lĩnh vực phân phối điện"),
        (_ISSUE, "giấy phép hoạt động phát điện đối với nhà máy điện có quy mô dưới 3 MW"),
        (("Cấp", "Cấp lại"), "thẻ an toàn điện"),
    )),
    _Theme("Hóa chất", "000.00.10.H21", 0.0, (
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện sản xuất hóa chất sản "
            "xuất, kinh doanh có điều kiện trong lĩnh vực công nghiệp"),
        (_APPROVE, "kế hoạch phòng ngừa, ứng phó sự cố hóa chất"),
        (_CONFIRM, "khai báo hóa chất sản xuất"),
    )),
    _Theme("Kinh doanh khí", "000.00.10.H21", 0.0, (
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai"),
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện trạm nạp LPG vào phương tiện vận tải"),
    )),
    _Theme("Lưu thông hàng hóa trong nước", "000.00.10.H21", 0.3, (
        (_ISSUE, "giấy phép bán buôn sản phẩm thuốc lá"),
        (_ISSUE, "giấy phép bán lẻ sản phẩm thuốc lá"),
        (_ISSUE, "giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh"),
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện làm tổng đại lý kinh doanh xăng dầu"),
    )),
    _Theme("Xúc tiến thương mại", "000.00.10.H21", 0.0, (
        (("Đăng ký", "Đăng ký thay đổi"), "tổ chức hội chợ, triển lãm thương mại"),
        (_CONFIRM, "đăng ký thực hiện khuyến mại theo hình thức mang tính may rủi"),
    )),
    _Theme("Quản lý cạnh tranh", "000.00.10.H21", 0.0, (
        (("Đăng ký", "Chấm dứt"), "hoạt động bán hàng đa cấp tại địa phương"),
        (("Thông báo",), "tổ chức hội nghị, hội thảo, đào tạo về bán hàng đa cấp"),
    )),
    _Theme("Công nghiệp địa phương", "000.00.10.H21", 0.1, (
        (("Thành lập", "Mở rộng"), "cụm công nghiệp"),
        (("Công nhận",), "sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh"),
    )),
    _Theme("Văn hóa", "000.00.11.H21", 0.3, (
        (_ISSUE, "giấy phép kinh doanh dịch vụ vũ trường"),
        (("Thông báo",), "tổ chức biểu diễn nghệ thuật"),
        (("Xét tặng",), "danh hiệu Gia đình văn hóa"),
        (("Xét tặng",), "danh hiệu Thôn, tổ dân phố văn hóa"),
        (("Cấp",), "giấy phép tổ chức triển lãm do tổ chức ở địa phương đưa ra nước ngoài"),
    )),
    _Theme("Di sản văn hóa", "000.00.11.H21", 0.0, (
        (("Cấp",), "giấy phép khai quật khẩn cấp"),
        (_CERTIFY, "chứng chỉ hành nghề tu bổ di tích"),
        (_APPROVE, "dự án tu bổ, phục hồi di tích cấp tỉnh"),
        (("Đăng ký",), "di vật, cổ vật, bảo vật quốc gia"),
    )),
    _Theme("Thể dục, thể thao", "000.00.11.H21", 0.1, (
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao"),
        (("Đăng cai tổ chức",), "giải thi đấu vô địch từng môn thể thao của tỉnh"),
        (("Công nhận",), "câu lạc bộ thể thao cơ sở"),
    )),
    _Theme("Du lịch", "000.00.11.H21", 0.0, (
        (_CERTIFY, "giấy phép kinh doanh dịch vụ lữ hành nội địa"),
        (_CERTIFY, "thẻ hướng dẫn viên du lịch nội địa"),
        (_RECOGNISE, "khu du lịch cấp tỉnh"),
        (("Công nhận", "Thu hồi quyết định công nhận"), "hạng cơ sở lưu trú du lịch 1 sao, 2 sao"),
        (("Công nhận",), "điểm du lịch"),
    )),
    _Theme("Quảng cáo", "000.00.11.H21", 0.1, (
        (("Tiếp nhận",), "thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn"),
        (_ISSUE, "giấy phép thành lập văn phòng đại diện của doanh nghiệp quảng cáo nước ngoài"),
    )),
    _Theme("Phòng cháy, chữa cháy", "000.00.12.H21", 0.0, (
        (("Thẩm định",), "thiết kế về phòng cháy và chữa cháy"),
        (("Nghiệm thu",), "về phòng cháy và chữa cháy"),
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện kinh doanh dịch vụ phòng cháy, chữa cháy"),
        (("Cấp",), "giấy phép vận chuyển hàng hóa nguy hiểm về cháy, nổ"),
    )),
    _Theme("Quản lý ngành nghề kinh doanh có điều kiện", "000.00.12.H21", 0.0, (
        (_CERTIFY, "Giấy chứng nhận đủ điều kiện về an ninh, trật tự"),
        (("Cấp",), "giấy phép sử dụng vật liệu nổ công nghiệp"),
    )),
    _Theme("Đăng ký, quản lý con dấu", "000.00.12.H21", 0.0, (
        (("Đăng ký", "Đăng ký thêm"), "mẫu con dấu"),
        (("Đổi", "Cấp lại"), "Giấy chứng nhận đăng ký mẫu con dấu"),
    )),
    _Theme("Đăng ký, quản lý phương tiện giao thông", "000.00.12.H21", 0.3, (
        (("Đăng ký",), "xe lần đầu"),
        (("Đăng ký",), "sang tên xe"),
        (("Thu hồi",), "chứng nhận đăng ký xe, biển số xe"),
        (("Cấp đổi", "Cấp lại"), "chứng nhận đăng ký xe, biển số xe"),
        (("Đăng ký",), "xe tạm thời"),
    )),
    _Theme("Xuất nhập cảnh", "000.00.12.H21", 0.0, (
        (("Cấp",), "hộ chiếu phổ thông ở trong nước"),
        (("Cấp", "Cấp lại"), "thẻ tạm trú cho người nước ngoài"),
        (("Gia hạn",), "tạm trú cho người nước ngoài tại Việt Nam"),
        (("Cấp",), "giấy thông hành biên giới Việt Nam - Campuchia"),
    )),
)
# fmt: on
