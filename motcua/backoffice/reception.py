"""Counter reception: a walk-in applicant's dossier, created and received in one request.

The page posts everything at once: applicant, the procedure's form, the components handed in
(ticked, and scanned where a file is attached) and the return method. Every problem is collected
and shown together, so the officer fixes the page once; nothing is written until all of it is
valid, and the scans are stored only after the dossier exists, in the same transaction.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from motcua.accounts.models import User
from motcua.catalog.forms import (
    APPLICANT_PREFIX,
    FormField,
    FormInvalid,
    form_fields,
    full_schema,
    validate_form_data,
)
from motcua.catalog.models import Component, Procedure, ProcedureQuerySet
from motcua.dossiers import lifecycle
from motcua.dossiers.models import ApplicantKind, Channel, Dossier, DossierComponent, ReturnMethod
from motcua.org.access import agencies_with
from motcua.org.models import Agency

from . import files

# The pre-2025 two-digit province codes (GSO), prefixed with "0" in the first three digits of a
# personal identification number: valid forever, even after the 2025 mergers (DOMAIN.md §5).
LEGACY_PROVINCE_CODES = frozenset(
    {
        "01",
        "02",
        "04",
        "06",
        "08",
        "10",
        "11",
        "12",
        "14",
        "15",
        "17",
        "19",
        "20",
        "22",
        "24",
        "25",
        "26",
        "27",
        "30",
        "31",
        "33",
        "34",
        "35",
        "36",
        "37",
        "38",
        "40",
        "42",
        "44",
        "45",
        "46",
        "48",
        "49",
        "51",
        "52",
        "54",
        "56",
        "58",
        "60",
        "62",
        "64",
        "66",
        "67",
        "68",
        "70",
        "72",
        "74",
        "75",
        "77",
        "79",
        "80",
        "82",
        "83",
        "84",
        "86",
        "87",
        "89",
        "91",
        "92",
        "93",
        "94",
        "95",
        "96",
    }
)
ID_NUMBER = re.compile(r"^[0-9]{12}$")
# Mã số doanh nghiệp: 10 digits, a branch adds "-" and 3 digits.
TAX_CODE = re.compile(r"^[0-9]{10}(-[0-9]{3})?$")


def id_number_error(value: str) -> str:
    """The Vietnamese complaint about a personal identification number, or ''."""
    if not ID_NUMBER.match(value):
        return "Số định danh cá nhân phải gồm đúng 12 chữ số."
    if value[0] != "0" or value[1:3] not in LEGACY_PROVINCE_CODES:
        return (
            f"Số định danh cá nhân {value} có mã tỉnh nơi đăng ký khai sinh «{value[:3]}» "
            "không tồn tại: ba chữ số đầu phải là mã tỉnh (ví dụ 064 Gia Lai, 052 Bình Định)."
        )
    return ""


def receivable_procedures(user: User) -> ProcedureQuerySet:
    """Published procedures the user may receive at one of their desks."""
    desks = agencies_with(user, "dossier.receive")
    return (
        Procedure.objects.published()
        .filter(
            Q(receiving_agencies__in=desks) | Q(receiving_agencies__isnull=True, agencies__in=desks)
        )
        .distinct()
    )


def desks_for(procedure: Procedure, user: User) -> list[Agency]:
    mine = set(agencies_with(user, "dossier.receive").values_list("pk", flat=True))
    listed = list(procedure.receiving_agencies.all()) or list(procedure.agencies.all())
    return [agency for agency in listed if agency.pk in mine]


def own_fields(procedure: Procedure) -> list[FormField]:
    """The procedure's own form fields; the applicant block is drawn by the page itself."""
    return [f for f in form_fields(procedure) if not f.name.startswith(APPLICANT_PREFIX)]


class CounterInvalid(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("counter reception invalid")
        self.errors = errors


@dataclass
class Parsed:
    applicant: dict[str, Any]
    form_data: dict[str, Any]
    tax_code: str
    channel: int
    return_method: str
    desk: Agency | None
    handed_in: set[int]
    uploads: dict[int, list[tuple[UploadedFile, tuple[str, str]]]] = field(default_factory=dict)


def _typed(prop: dict[str, Any], raw: str) -> Any:
    kind = prop.get("type")
    if kind == "integer":
        try:
            return int(raw)
        except ValueError:
            return raw  # the schema then says it has the wrong type, in Vietnamese
    if kind == "number":
        try:
            return float(raw.replace(",", "."))
        except ValueError:
            return raw
    return raw


def parse(
    procedure: Procedure, post: QueryDict, uploaded: MultiValueDict[str, UploadedFile], user: User
) -> Parsed:
    """Read the posted page; raise CounterInvalid with every problem found."""
    errors: dict[str, str] = {}
    kind_raw = post.get("applicant_kind", str(ApplicantKind.CITIZEN))
    kind = int(kind_raw) if kind_raw.isdigit() else 0
    if kind not in ApplicantKind.values:
        errors["applicant_kind"] = "Vui lòng chọn loại chủ hồ sơ."
    id_number = post.get("applicant_id_number", "").strip()
    if id_number and (problem := id_number_error(id_number)):
        errors["applicant_id_number"] = problem
    tax_code = post.get("tax_code", "").strip()
    if kind == ApplicantKind.BUSINESS:
        if not tax_code:
            errors["tax_code"] = "Vui lòng nhập mã số doanh nghiệp của chủ hồ sơ."
        elif not TAX_CODE.match(tax_code):
            errors["tax_code"] = (
                "Mã số doanh nghiệp gồm 10 chữ số (chi nhánh: thêm dấu gạch và 3 chữ số, ví dụ "
                "5900123456-001)."
            )
    else:
        tax_code = ""

    schema = full_schema(procedure)
    data: dict[str, Any] = {}
    for name, prop in schema["properties"].items():
        if prop.get("type") == "boolean":
            # An unticked box is posted as nothing at all: it means "no".
            data[name] = post.get(name) == "on"
            continue
        raw = post.get(name, "").strip()
        if raw:
            data[name] = _typed(prop, raw)
    try:
        validate_form_data(procedure, data)
    except FormInvalid as invalid:
        for name, message in invalid.errors.items():
            errors.setdefault(name, message)

    channel = int(post.get("channel", Channel.DESK) or Channel.DESK)
    if channel not in (Channel.DESK, Channel.POSTAL):
        errors["channel"] = "Kênh nộp tại quầy chỉ là trực tiếp hoặc bưu chính công ích."
    return_method = post.get("return_method", ReturnMethod.DESK)
    if return_method not in ReturnMethod.values:
        errors["return_method"] = "Vui lòng chọn hình thức nhận kết quả."

    desks = desks_for(procedure, user)
    desk: Agency | None = None
    if not desks:
        errors["__all__"] = f"Bạn không tiếp nhận hồ sơ của thủ tục «{procedure.name}»."
    elif len(desks) == 1:
        desk = desks[0]
    else:
        chosen = post.get("desk", "")
        desk = next((d for d in desks if str(d.pk) == chosen), None)
        if desk is None:
            errors["desk"] = "Vui lòng chọn nơi tiếp nhận hồ sơ."

    components: list[Component] = list(procedure.components.all())
    handed_in = {c.pk for c in components if post.get(f"component_{c.pk}") == "on"}
    uploads: dict[int, list[tuple[UploadedFile, tuple[str, str]]]] = {}
    for component in components:
        for upload in uploaded.getlist(f"file_{component.pk}"):
            try:
                kind_of_file = files.check_upload(upload)
            except files.UploadRejected as rejected:
                errors.setdefault(f"file_{component.pk}", rejected.message)
                continue
            uploads.setdefault(component.pk, []).append((upload, kind_of_file))
            handed_in.add(component.pk)
    missing = [
        c.name for c in components if c.required and not c.replaced_by and c.pk not in handed_in
    ]
    if missing:
        errors["components"] = (
            "Hồ sơ chưa đủ giấy tờ bắt buộc: "
            + "; ".join(missing)
            + ". Chỉ tiếp nhận hồ sơ đầy đủ; nếu thiếu, hướng dẫn người nộp bổ sung một lần."
        )
    if errors:
        raise CounterInvalid(errors)
    applicant = {
        "kind": kind,
        "name": data.get("applicant_name", ""),
        "id_number": data.get("applicant_id_number", ""),
    }
    return Parsed(
        applicant=applicant,
        form_data=data,
        tax_code=tax_code,
        channel=channel,
        return_method=return_method,
        desk=desk,
        handed_in=handed_in,
        uploads=uploads,
    )


def receive_at_counter(procedure: Procedure, parsed: Parsed, *, by: User) -> Dossier:
    """Create and receive the dossier, then keep its scans: all or nothing."""
    with transaction.atomic():
        dossier = lifecycle.create_at_desk(
            procedure,
            applicant=parsed.applicant,
            form_data=parsed.form_data,
            by=by,
            channel=parsed.channel,
            receiving_agency=parsed.desk,
            return_method=parsed.return_method,
        )
        if parsed.tax_code:
            # The dossier's identifier of a business applicant is its tax code (the model's
            # "số định danh / mã số doanh nghiệp"); the form keeps the representative's number.
            Dossier.objects.filter(pk=dossier.pk).update(applicant_id_number=parsed.tax_code)
            dossier.applicant_id_number = parsed.tax_code
        by_catalog = {c.component_id: c for c in DossierComponent.objects.filter(dossier=dossier)}
        for component_id, uploads in parsed.uploads.items():
            target = by_catalog.get(component_id)
            if target is None:
                continue
            for upload, kind in uploads:
                files.store_component_file(dossier, target, upload, by=by, kind=kind)
        scanned = [by_catalog[c].pk for c in parsed.uploads if c in by_catalog]
        DossierComponent.objects.filter(pk__in=scanned).update(digitised=True)
    return dossier
