"""Public catalog pages: a procedure, the fields, an agency's procedures, form templates."""

from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from motcua.catalog.forms import APPLICANT_PREFIX, form_fields
from motcua.catalog.models import Component, Field, Procedure, ProcedureQuerySet, Step
from motcua.catalog.search import search_procedures
from motcua.core.errors import DomainError
from motcua.org.models import Agency, ReceptionDesk

# Beyond this many receiving agencies (a commune procedure is received by every commune of the
# province), the page says "any commune" and links to the directory instead of listing them.
LIST_AGENCIES_UP_TO = 6


def _published() -> ProcedureQuerySet:
    return Procedure.objects.published().select_related("field")


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    desks = ReceptionDesk.objects.filter(is_active=True)
    procedure = get_object_or_404(
        _published().prefetch_related(
            "fees",
            "components",
            Prefetch("steps", queryset=Step.objects.select_related("agency", "role")),
            Prefetch("agencies", queryset=Agency.objects.current().order_by("code")),
            Prefetch(
                "receiving_agencies",
                queryset=Agency.objects.current()
                .order_by("code")
                .prefetch_related(Prefetch("desks", queryset=desks)),
            ),
        ),
        code=code,
    )
    receiving = list(procedure.receiving_agencies.all()) or list(procedure.agencies.all())
    components = list(procedure.components.all())
    context = {
        "procedure": procedure,
        "fees": list(procedure.fees.all()),
        "components": components,
        "papers_not_needed": sum(1 for c in components if c.needs_no_paper),
        "steps": list(procedure.steps.all()),
        "receiving": receiving if len(receiving) <= LIST_AGENCIES_UP_TO else [],
        "receiving_count": len(receiving),
        "form_fields": [
            f for f in form_fields(procedure) if not f.name.startswith(APPLICANT_PREFIX)
        ],
    }
    return render(request, "portal/procedure_detail.html", context)


def field_list(request: HttpRequest) -> HttpResponse:
    fields = (
        Field.objects.annotate(count=Count("procedures", filter=Q(procedures__is_published=True)))
        .filter(count__gt=0)
        .order_by("name")
    )
    return render(request, "portal/field_list.html", {"fields": fields})


def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(
        Agency.objects.current()
        .select_related("unit", "parent")
        .prefetch_related(Prefetch("desks", queryset=ReceptionDesk.objects.filter(is_active=True))),
        code=code,
    )
    procedures = _published().filter(agencies=agency).order_by("field__name", "name")
    return render(
        request, "portal/agency_detail.html", {"agency": agency, "procedures": procedures}
    )


def component_template(request: HttpRequest, code: str, component_id: int) -> FileResponse:
    """A blank form (tờ khai) of a published procedure. Templates are public documents, but they
    are still served through this view: nothing under MEDIA_ROOT has a public URL."""
    component = get_object_or_404(
        Component.objects.select_related("procedure"),
        pk=component_id,
        procedure__code=code,
        procedure__is_published=True,
    )
    if not component.template:
        raise Http404("Thành phần hồ sơ này không có mẫu.")
    try:
        handle = component.template.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Không tìm thấy tệp mẫu.") from exc
    stored = component.template.name.rsplit("/", 1)[-1]
    extension = stored.rsplit(".", 1)[-1] if "." in stored else ""
    # A form's name often holds its legal number ("Mẫu số 03/2013/TT-LLTP"): no slashes in a
    # file name.
    name = component.template_name.replace("/", "-").replace("\\", "-")
    filename = f"{name}.{extension}" if name else stored
    return FileResponse(handle, as_attachment=True, filename=filename)


PAGE_SIZE = 20


def _int_or_none(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else None


def procedure_list(request: HttpRequest) -> HttpResponse:
    """The catalog: search as you type (htmx) over a plain GET form that works without JS."""
    params = request.GET
    query = params.get("q", "").strip()[:200]
    filters = {
        "field": params.get("field") or None,
        "level": params.get("level") or None,
        "legacy_level": _int_or_none(params.get("legacy", "")),
        "online": params.get("online") or None,
    }
    page_number = _int_or_none(params.get("page", "")) or 1
    error = ""
    try:
        result = search_procedures(query, **filters)  # type: ignore[arg-type]
        page = result.page(page_number, size=PAGE_SIZE, queryset=_published())
    except DomainError as exc:
        error, result, page = exc.message, search_procedures(query), []
    last_page = max(1, -(-result.count // PAGE_SIZE))
    context = {
        "query": query,
        "filters": filters,
        "result": result,
        "procedures": page,
        "error": error,
        "page_number": page_number,
        "previous_page": page_number - 1 if page_number > 1 else None,
        "next_page": page_number + 1 if page_number < last_page else None,
        "last_page": last_page,
        "base_query": _without_page(request),
    }
    template = (
        "portal/_procedure_results.html"
        if request.headers.get("HX-Request") == "true"
        else "portal/procedure_list.html"
    )
    return render(request, template, context)


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
