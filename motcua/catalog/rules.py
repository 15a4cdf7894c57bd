"""Rules about a procedure's processing steps (DOMAIN.md §10).

The exchange format carries no steps: an imported procedure gets the default template of its
implementing level, receive → process → approve → return, which an administrator can refine.
The budgets add up to the legal time limit.
"""

from decimal import Decimal

from motcua.core.calendar import DurationUnit
from motcua.org.models import Role

from .models import Procedure, Step

HALF = Decimal("0.5")


def default_step_budgets(time_limit: int) -> list[tuple[str, str, Decimal]]:
    """(kind, name, budget) for the default template, summing to `time_limit`.

    Reception and return are done at the desk within the day the dossier arrives or the result
    is ready, so they get no budget; the leader's approval takes one day (half a day for limits
    of two days or less), the specialist the rest.
    """
    limit = Decimal(time_limit)
    approve = Decimal(1) if limit > 2 else min(HALF, limit / 2)
    return [
        (Step.Kind.RECEIVE, "Tiếp nhận, kiểm tra và chuyển hồ sơ", Decimal(0)),
        (Step.Kind.PROCESS, "Thẩm định, xử lý hồ sơ", limit - approve),
        (Step.Kind.APPROVE, "Phê duyệt, ký kết quả", approve),
        (Step.Kind.RETURN, "Trả kết quả cho người nộp", Decimal(0)),
    ]


_DEFAULT_ROLES: dict[str, str] = {
    Step.Kind.RECEIVE: "officer",
    Step.Kind.PROCESS: "specialist",
    Step.Kind.APPROVE: "leader",
    Step.Kind.RETURN: "officer",
}


def apply_default_steps(procedure: Procedure) -> list[Step]:
    """Replace the procedure's steps with the default template (used at import and seeding)."""
    roles = {role.code: role for role in Role.objects.filter(code__in=_DEFAULT_ROLES.values())}
    budgets = (
        default_step_budgets(procedure.time_limit)
        if procedure.time_limit_unit in (DurationUnit.WORKING_DAYS, DurationUnit.CALENDAR_DAYS)
        # Hour and same-day limits are too short to split: the budget sits with processing.
        else [
            (kind, name, Decimal(procedure.time_limit) if kind == Step.Kind.PROCESS else Decimal(0))
            for kind, name, _ in default_step_budgets(0)
        ]
    )
    procedure.steps.all().delete()
    return Step.objects.bulk_create(
        Step(
            procedure=procedure,
            order=index,
            kind=kind,
            name=name,
            role=roles.get(_DEFAULT_ROLES[kind]),
            budget=budget,
        )
        for index, (kind, name, budget) in enumerate(budgets, start=1)
    )


def step_budget_errors(procedure: Procedure) -> list[str]:
    """Vietnamese messages for steps that do not add up to the legal limit."""
    steps = list(procedure.steps.all())
    if not steps:
        return ["Thủ tục chưa có bước xử lý nào."]
    total = sum((s.budget for s in steps), Decimal(0))
    if procedure.time_limit_unit == DurationUnit.SAME_DAY:
        return []
    if total != Decimal(procedure.time_limit):
        unit = DurationUnit(procedure.time_limit_unit).label.lower()
        return [
            f"Tổng thời gian các bước ({_vn_number(total)} {unit}) khác thời hạn giải quyết "
            f"({procedure.time_limit} {unit})."
        ]
    return []


def _vn_number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")
