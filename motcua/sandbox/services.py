"""The other stand-ins: business registry, SMS gateway, national portal dossier sync."""

import re
from datetime import datetime

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_POST

from .http import BadRequest, answer, error, json_body, required
from .models import Business, Message, PortalSync

PHONE = re.compile(r"0[0-9]{9}")
SYNC_DATES = ("NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra")


@require_GET
def business(request: HttpRequest, code: str) -> HttpResponse:
    found = Business.objects.filter(code=code).first()
    if found is None:
        return error(
            BadRequest(f"Không tìm thấy doanh nghiệp mã số {code}.", status=404, code="404")
        )
    return answer(
        {
            "MaSoDoanhNghiep": found.code,
            "TenDoanhNghiep": found.name,
            "LoaiHinh": found.kind,
            "DiaChiTruSo": found.address,
            "NguoiDaiDien": found.representative,
            "SoDinhDanhNguoiDaiDien": found.representative_id,
            "NgayDangKyLanDau": found.registered_on.strftime("%Y%m%d"),
            "TinhTrang": found.status,
        }
    )


@require_POST
def send_sms(request: HttpRequest) -> HttpResponse:
    try:
        data = json_body(request)
        request_id, phone, body = required(
            data, "MaYeuCau", "SoDienThoai", "NoiDung", max_length=1000
        )
        if not PHONE.fullmatch(phone):
            raise BadRequest("Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0.")
        existing = Message.objects.filter(request_id=request_id).first()
        if existing is None:
            try:
                with transaction.atomic():
                    Message.objects.create(request_id=request_id[:100], phone=phone, body=body)
            except IntegrityError:
                pass  # the same request, retried at the same moment: already accepted
        elif (existing.phone, existing.body) != (phone, body):
            raise BadRequest(
                f"Mã yêu cầu {request_id} đã dùng cho một tin nhắn khác.", status=409, code="409"
            )
    except BadRequest as exc:
        return error(exc)
    # A retry with the same request id is the same message: answered alike, sent once.
    return answer({"MaLoi": "00", "MoTa": "Đã tiếp nhận tin nhắn.", "MaYeuCau": request_id})


@require_POST
def portal_sync(request: HttpRequest) -> HttpResponse:
    try:
        data = json_body(request)
        code, _procedure, status_text = required(data, "MaHoSo", "MaTTHC", "TrangThaiHoSo")
        try:
            status = int(status_text)
        except ValueError:
            status = 0
        if not 1 <= status <= 10:
            raise BadRequest("TrangThaiHoSo phải là một số từ 1 đến 10.")
        for name in SYNC_DATES:
            value = data.get(name)
            if value:
                try:
                    datetime.strptime(str(value), "%Y%m%d%H%M%S")
                except ValueError:
                    raise BadRequest(f"{name} phải có dạng yyyyMMddHHmmss.") from None
    except BadRequest as exc:
        return answer({"error_code": -1, "message": exc.message}, status=exc.status)
    PortalSync.objects.create(code=code, status_code=status, payload=data)
    return answer({"error_code": 0, "message": "Đồng bộ thành công.", "MaHoSo": code})
