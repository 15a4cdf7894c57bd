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

# The "as" imports are re-exported: the back office's views and tests name them from here.
from motcua.catalog.form_input import LEGACY_PROVINCE_CODES as LEGACY_PROVINCE_CODES
from motcua.catalog.form_input import form_errors, parse_fields
from motcua.catalog.form_input import id_number_error as id_number_error
from motcua.catalog.form_input import own_fields as own_fields
from motcua.catalog.models import Component, Procedure, ProcedureQuerySet
from motcua.dossiers import lifecycle
from motcua.dossiers.models import ApplicantKind, Channel, Dossier, DossierComponent, ReturnMethod
from motcua.org.access import agencies_with
from motcua.org.models import Agency

from . import files

# Mã số doanh nghiệp: 10 digits, a branch adds "-" and 3 digits.
TAX_CODE = re.compile(r"^[0-9]{10}(-[0-9]{3})?$")


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

    data = parse_fields(procedure, post)
    for name, message in form_errors(procedure, data).items():
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
