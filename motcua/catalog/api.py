"""Public read API for the procedure catalog: search, one procedure in full, the fields."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest
from ninja import Query, Router, Schema

from motcua.core.calendar import DurationUnit
from motcua.core.errors import InvalidInput, NotFound
from motcua.org.models import Agency

from .forms import full_schema, full_ui
from .models import Component, Field, Procedure, Step
from .search import name_order_key, search_procedures

router = Router(tags=["Thủ tục hành chính"])

PAGE_SIZE = 20
# A procedure name fits in 500 characters (the model's limit) and a query is a few words:
# anything much longer is a paste by mistake or a probe.
MAX_QUERY_LENGTH = 200


class FieldRef(Schema):
    code: str
    name: str


class AgencyRef(Schema):
    code: str
    name: str


class ProcedureItem(Schema):
    code: str
    name: str
    field: FieldRef
    level: str
    legacy_level: int
    online: str | None
    time_limit: int
    time_limit_unit: str
    time_limit_days: int | None
    fee: int
    url: str


class ProcedurePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ProcedureItem]


class FeeOut(Schema):
    name: str
    amount: int
    condition: str


class ComponentOut(Schema):
    name: str
    original_count: int
    copy_count: int
    required: bool
    condition: str
    replaced_by: str | None
    replaced_by_label: str | None
    template_url: str | None


class StepOut(Schema):
    kind: str
    name: str
    agency: AgencyRef | None
    role: str | None
    budget: str


class ProcedureDetail(ProcedureItem):
    local_code: str
    agencies: list[AgencyRef]
    receiving_agencies: list[AgencyRef]
    legal_basis: str
    requirements: str
    time_limit_note: str
    applicant_types: list[Any]
    result_type: str
    result_name: str
    online_provider: str
    online_only: bool
    postal_submission: bool
    postal_return: bool
    fees: list[FeeOut]
    components: list[ComponentOut]
    steps: list[StepOut]
    form: dict[str, Any]
    updated_at: datetime


class FieldOut(Schema):
    code: str
    name: str
    procedure_count: int


class ProcedureFilter(Schema):
    q: str = ""
    field: str | None = None
    agency: str | None = None
    level: str | None = None
    legacy_level: int | None = None
    online: str | None = None
    page: int = 1


def _item(procedure: Procedure) -> dict[str, Any]:
    """What a list shows of a procedure; needs `field` selected and `fees` prefetched."""
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": {"code": procedure.field.code, "name": procedure.field.name},
        "level": procedure.level,
        "legacy_level": procedure.legacy_level,
        "online": procedure.online_class or None,
        "time_limit": procedure.time_limit,
        "time_limit_unit": procedure.time_limit_unit,
        # Only working days add up to a number of days a citizen can compare across procedures.
        "time_limit_days": (
            procedure.time_limit if procedure.time_limit_unit == DurationUnit.WORKING_DAYS else None
        ),
        "fee": procedure.base_fee,
        # The portal's page (portal.urls "procedure").
        "url": f"/thu-tuc/{procedure.code}/",
    }


def _budget(value: Decimal) -> str:
    # "1.5", "2", "0": no trailing zeros, never an exponent (Decimal("10").normalize() is 1E+1).
    return format(value.normalize(), "f")


def _component(procedure: Procedure, component: Component) -> dict[str, Any]:
    source = component.replaced_by or None
    return {
        "name": component.name,
        "original_count": component.original_count,
        "copy_count": component.copy_count,
        "required": component.required,
        "condition": component.condition,
        "replaced_by": source,
        "replaced_by_label": Component.Source(source).label if source else None,
        # Served by the portal's download view (portal.urls "component_template"): nothing
        # under MEDIA_ROOT has a public URL of its own.
        "template_url": (
            f"/thu-tuc/{procedure.code}/mau/{component.pk}/" if component.template else None
        ),
    }


def _step(step: Step) -> dict[str, Any]:
    return {
        "kind": step.kind,
        "name": step.name,
        "agency": {"code": step.agency.code, "name": step.agency.name} if step.agency else None,
        "role": step.role.code if step.role else None,
        "budget": _budget(step.budget),
    }


@router.get(
    "/procedures",
    response=ProcedurePage,
    summary="Tìm kiếm thủ tục hành chính",
    description="Tìm không cần dấu, không cần đúng thứ tự từ, chấp nhận lỗi gõ nhỏ; tìm theo mã "
    "thủ tục (ví dụ 1.001193). Lọc theo lĩnh vực (`field`), cơ quan thực hiện (`agency`), cấp "
    "thực hiện (`level`: province, commune), mức độ cũ (`legacy_level`: 2, 3, 4), dịch vụ công "
    "trực tuyến (`online`: full, partial, none, any). Mỗi trang 20 thủ tục.",
)
def list_procedures(request: HttpRequest, filters: Query[ProcedureFilter]) -> dict[str, Any]:
    if filters.page < 1:
        raise InvalidInput("Số trang phải từ 1 trở lên.")
    if len(filters.q) > MAX_QUERY_LENGTH:
        raise InvalidInput(f"Từ khóa tìm kiếm không được dài quá {MAX_QUERY_LENGTH} ký tự.")
    result = search_procedures(
        filters.q,
        field=filters.field or None,
        agency=filters.agency or None,
        level=filters.level or None,
        legacy_level=filters.legacy_level,
        online=filters.online or None,
    )
    procedures = result.page(
        filters.page,
        size=PAGE_SIZE,
        queryset=Procedure.objects.select_related("field").prefetch_related("fees"),
    )
    return {
        "count": result.count,
        "page": filters.page,
        "page_size": PAGE_SIZE,
        "items": [_item(p) for p in procedures],
    }


@router.get(
    "/procedures/{code}",
    response=ProcedureDetail,
    summary="Chi tiết thủ tục hành chính",
    description="Toàn bộ thông tin công khai của một thủ tục: hồ sơ, phí, quy trình, biểu mẫu.",
)
def get_procedure(request: HttpRequest, code: str) -> dict[str, Any]:
    current = Agency.objects.current().order_by("code")
    procedure = (
        Procedure.objects.published()
        .select_related("field")
        .prefetch_related(
            "fees",
            "components",
            Prefetch("steps", queryset=Step.objects.select_related("agency", "role")),
            Prefetch("agencies", queryset=current),
            Prefetch("receiving_agencies", queryset=current),
        )
        .filter(code=code)
        .first()
    )
    if procedure is None:
        raise NotFound(f"Không tìm thấy thủ tục mã {code}.")
    return {
        **_item(procedure),
        "local_code": procedure.local_code,
        "agencies": [{"code": a.code, "name": a.name} for a in procedure.agencies.all()],
        "receiving_agencies": [
            {"code": a.code, "name": a.name} for a in procedure.receiving_agencies.all()
        ],
        "legal_basis": procedure.legal_basis,
        "requirements": procedure.requirements,
        "time_limit_note": procedure.time_limit_note,
        "applicant_types": procedure.applicant_types,
        "result_type": procedure.result_type,
        "result_name": procedure.result_name,
        "online_provider": procedure.online_provider,
        "online_only": procedure.online_only,
        "postal_submission": procedure.postal_submission,
        "postal_return": procedure.postal_return,
        "fees": [
            {"name": f.name, "amount": f.amount, "condition": f.condition}
            for f in procedure.fees.all()
        ],
        "components": [_component(procedure, c) for c in procedure.components.all()],
        "steps": [_step(s) for s in procedure.steps.all()],
        # The whole form a client renders: the applicant block every procedure shares, then
        # the procedure's own fields (catalog.forms).
        "form": {"schema": full_schema(procedure), "ui": full_ui(procedure)},
        "updated_at": procedure.updated_at,
    }


@router.get(
    "/fields",
    response=list[FieldOut],
    summary="Danh sách lĩnh vực",
    description="Mọi lĩnh vực theo thứ tự chữ cái, kèm số thủ tục đang công khai.",
)
def list_fields(request: HttpRequest) -> list[dict[str, Any]]:
    fields = Field.objects.annotate(
        procedure_count=Count("procedures", filter=Q(procedures__is_published=True))
    )
    return [
        {"code": f.code, "name": f.name, "procedure_count": f.procedure_count}
        for f in sorted(fields, key=lambda f: name_order_key(f.name))
    ]
