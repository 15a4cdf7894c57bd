"""Stand-ins of the social insurance, civil status and judicial records databases.

Lookups of personal data carry the request id (MaYeuCau), the officer and the purpose, and are
logged with them in the same journal as population lookups (DOMAIN.md §6). The judicial records
service is asynchronous, as the Ministry of Justice's is: a request is received, verified, and a
certificate (Phiếu lý lịch tư pháp) issued later; the stand-in moves a request one step each
SANDBOX_STEP_SECONDS, at once on `X-Sandbox-Advance: 1`, or from its page (/lltp/).
"""

import re
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from .http import BadRequest, answer, error, json_body, required
from .models import CivilRecord, InsuranceRecord, JudicialRequest, Lookup
from .population import _check_id_number, _date

INSURANCE_NUMBER = re.compile(r"[0-9]{10}")
ADVANCE_HEADER = "X-Sandbox-Advance"
STEPS = [s.value for s in JudicialRequest.Status]


def step_seconds() -> float:
    return float(getattr(settings, "SANDBOX_STEP_SECONDS", 60))


def log_lookup(data: dict[str, Any], service: str, subject: str, *, matched: bool) -> None:
    request_id, officer, purpose = required(data, "MaYeuCau", "CanBoTraCuu", "MucDich")
    try:
        with transaction.atomic():
            Lookup.objects.create(
                request_id=request_id[:100],
                service=service,
                id_number=subject[:20],
                officer=officer[:200],
                purpose=purpose,
                matched=matched,
            )
    except IntegrityError:
        raise BadRequest(
            f"Mã yêu cầu {request_id} đã được dùng: mỗi lần tra cứu cần một mã yêu cầu mới.",
            status=409,
            code="409",
        ) from None


@require_POST
def insurance(request: HttpRequest) -> HttpResponse:
    try:
        data = json_body(request)
        required(data, "MaYeuCau", "CanBoTraCuu", "MucDich")
        number = str(data.get("MaSoBHXH") or "").strip()
        id_number = str(data.get("SoDinhDanh") or "").strip()
        if number:
            if not INSURANCE_NUMBER.fullmatch(number):
                raise BadRequest("Mã số BHXH phải gồm đúng 10 chữ số.")
            found = InsuranceRecord.objects.filter(insurance_number=number).first()
        elif id_number:
            _check_id_number(id_number)
            found = InsuranceRecord.objects.filter(id_number=id_number).first()
        else:
            raise BadRequest("Cần MaSoBHXH hoặc SoDinhDanh để tra cứu.")
        log_lookup(data, "bhxh", number or id_number, matched=found is not None)
    except BadRequest as exc:
        return error(exc)
    if found is None:
        return error(BadRequest("Không tìm thấy người tham gia bảo hiểm.", status=404, code="404"))
    return answer(
        {
            "MaSoBHXH": found.insurance_number,
            "SoDinhDanh": found.id_number,
            "HoVaTen": found.full_name,
            "NgaySinh": found.born.strftime("%Y%m%d"),
            "DonViThamGia": found.employer,
            "MaDonVi": found.employer_code,
            "NgayBatDauThamGia": found.started_on.strftime("%Y%m%d"),
            "SoThangDaDong": found.months_paid,
            "TinhTrang": found.status,
            "SoTheBHYT": found.health_card,
            "HanTheDen": found.health_card_valid_to.strftime("%Y%m%d"),
            "NoiKCBBanDau": found.hospital,
        }
    )


@require_POST
def civil_status(request: HttpRequest) -> HttpResponse:
    try:
        data = json_body(request)
        required(data, "MaYeuCau", "CanBoTraCuu", "MucDich")
        (kind,) = required(data, "LoaiSuKien")
        if kind not in CivilRecord.Kind.values:
            raise BadRequest("LoaiSuKien phải là KS (khai sinh) hoặc KH (kết hôn).")
        number = str(data.get("SoDangKy") or "").strip()
        id_number = str(data.get("SoDinhDanh") or "").strip()
        records = CivilRecord.objects.filter(kind=kind).order_by("registered_on", "id")
        if number:
            found = list(records.filter(record_number=number))
        elif id_number:
            _check_id_number(id_number)
            # JSON containment is not portable to SQLite: the few records of a kind are scanned.
            found = [r for r in records if id_number in r.id_numbers]
        else:
            raise BadRequest("Cần SoDinhDanh hoặc SoDangKy để trích lục.")
        log_lookup(data, f"ho-tich-{kind}", id_number or number, matched=bool(found))
    except BadRequest as exc:
        return error(exc)
    return answer(
        {
            "LoaiSuKien": kind,
            "DanhSach": [
                {
                    "LoaiSuKien": r.kind,
                    "SoDangKy": r.record_number,
                    "QuyenSo": r.book,
                    "NgayDangKy": r.registered_on.strftime("%Y%m%d"),
                    "NoiDangKy": r.registry_office,
                    **r.details,
                }
                for r in found
            ],
        }
    )


@require_POST
def judicial_submit(request: HttpRequest) -> HttpResponse:
    try:
        data = json_body(request)
        dossier, form_text, id_number, name, born_text, purpose, officer = required(
            data, "MaHoSo", "LoaiPhieu", "SoDinhDanh", "HoVaTen", "NgayThangNamSinh", "MucDich",
            "CanBoGui",
        )  # fmt: skip
        if form_text not in ("1", "2"):
            raise BadRequest("LoaiPhieu phải là 1 (Phiếu số 1) hoặc 2 (Phiếu số 2).")
        _check_id_number(id_number)
        born = _date(born_text)
        fields = {
            "form": int(form_text),
            "id_number": id_number,
            "full_name": " ".join(name.split()),
            "born": born,
            "purpose": purpose,
        }
        existing = JudicialRequest.objects.filter(dossier_code=dossier).first()
        if existing is None:
            now = timezone.now()
            try:
                with transaction.atomic():
                    existing = JudicialRequest.objects.create(
                        request_id=f"LLTP-{uuid.uuid4().hex[:16].upper()}",
                        dossier_code=dossier,
                        officer=officer[:200],
                        received_at=now,
                        changed_at=now,
                        **fields,
                    )
            except IntegrityError:
                # The same dossier sent twice at once: the first one made it.
                existing = JudicialRequest.objects.get(dossier_code=dossier)
        if any(getattr(existing, k) != v for k, v in fields.items()):
            raise BadRequest(
                f"Hồ sơ {dossier} đã có một yêu cầu cấp phiếu khác ({existing.request_id}).",
                status=409,
                code="409",
            )
    except BadRequest as exc:
        return error(exc)
    # A resend of the same dossier is the same request: same id, same state.
    return answer(_judicial(existing))


@require_GET
def judicial_status(request: HttpRequest, request_id: str) -> HttpResponse:
    found = JudicialRequest.objects.filter(request_id=request_id).first()
    if found is None:
        return error(BadRequest(f"Không có yêu cầu {request_id}.", status=404, code="404"))
    if advance_asked(request):
        advance(found)
    else:
        catch_up(found)
    return answer(_judicial(found))


def catch_up(item: JudicialRequest) -> None:
    """Move the request on by the steps that its time in the current state has earned."""
    elapsed = (timezone.now() - item.changed_at).total_seconds()
    for _ in range(int(elapsed // step_seconds()) if step_seconds() > 0 else 0):
        if not advance(item, at=item.changed_at + timedelta(seconds=step_seconds())):
            break


def advance(item: JudicialRequest, *, at: datetime | None = None) -> bool:
    index = STEPS.index(item.status)
    if index + 1 >= len(STEPS):
        return False
    at = at or timezone.now()
    item.status = STEPS[index + 1]
    item.changed_at = at
    if item.status == JudicialRequest.Status.ISSUED:
        item.issued_at = at
        item.document_number = f"{item.pk:06d}/{at.year}/LLTP"
    item.save()
    return True


def _judicial(item: JudicialRequest) -> dict[str, Any]:
    return {
        "MaYeuCau": item.request_id,
        "MaHoSo": item.dossier_code,
        "LoaiPhieu": item.form,
        "TrangThai": item.status,
        "TenTrangThai": item.get_status_display(),
        "NgayTiepNhan": timezone.localtime(item.received_at).strftime("%Y%m%d%H%M%S"),
        "SoPhieu": item.document_number,
        "NgayCap": (
            timezone.localtime(item.issued_at).strftime("%Y%m%d%H%M%S") if item.issued_at else ""
        ),
        "NoiDungAnTich": item.convictions if item.issued_at else "",
    }


def judicial_page(request: HttpRequest) -> HttpResponse:
    """The sandbox operator's view of pending requests, with a button to move one on."""
    if request.method == "POST":
        item = get_object_or_404(JudicialRequest, request_id=request.POST.get("request_id", ""))
        advance(item)
        return redirect("sandbox-judicial-page")
    items = list(JudicialRequest.objects.all()[:50])
    for item in items:
        catch_up(item)
    return render(request, "sandbox/judicial.html", {"requests": items})


def advance_asked(request: HttpRequest) -> bool:
    # A fault-test switch like the others: off where the sandbox's faults are off.
    return request.headers.get(ADVANCE_HEADER) == "1" and getattr(settings, "SANDBOX_FAULTS", False)
