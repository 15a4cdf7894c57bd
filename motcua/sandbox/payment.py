"""Stand-in of the national portal's payment platform (DOMAIN.md §9; vn-standards.md §8.6).

INIT creates a transaction under the partner's unique reference (MaThamChieu) and answers the URL
of the payment page; the page pays or cancels and sends the citizen back to the partner's
UrlTraVe with the callback fields, signed like every message: MaXacThuc is the SHA-256 hex of the
`|`-joined fields followed by the partner's secret. QUERY reconciles one reference, GET_BILL
answers the e-receipt of a paid one.
"""

import hashlib
import hmac
import uuid
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from .http import BadRequest, answer, json_body, required
from .models import Payment

VERSION = "1.0.6"
DEMO_PARTNER = "MOTCUA-GIALAI"
DEMO_SECRET = "sandbox-payment-demo-secret"  # noqa: S105 - the stand-in's published demo value
INIT_FIELDS = (
    "LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "SoTien", "LoaiHinhThanhToan",
    "MaKenhThanhToan", "MaThietBi", "NgonNgu", "MaTienTe", "MaNganHang", "ThongTinGiaoDich",
    "ThoiGianGD", "Ip",
)  # fmt: skip
CALLBACK_FIELDS = (
    "LoaiBanTin", "MaLoi", "MaDoiTac", "MaThamChieu", "SoTien", "MaTienTe", "MaGiaoDich",
    "MaNganHang", "ThoiGianGD", "ThongTinGiaoDich",
)  # fmt: skip
QUERY_FIELDS = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
RESULT = {Payment.Status.PAID: "00", Payment.Status.CANCELLED: "24", Payment.Status.PENDING: "09"}


def partners() -> dict[str, str]:
    """Partner code → shared secret; the demo partner only where demo keys are allowed."""
    configured = dict(getattr(settings, "SANDBOX_PAYMENT_PARTNERS", {}) or {})
    if not configured and getattr(settings, "LGSP_DEMO_KEYS", False):
        configured = {DEMO_PARTNER: DEMO_SECRET}
    return configured


def checksum(values: list[str], secret: str) -> str:
    return hashlib.sha256("|".join([*values, secret]).encode()).hexdigest()


class Refused(BadRequest):
    pass


def _message(request: HttpRequest, kind: str, fields: tuple[str, ...]) -> tuple[dict, str]:
    data = json_body(request)
    values = required(data, *fields, "MaXacThuc", max_length=500)
    if values[0] != kind:
        raise BadRequest(f"LoaiBanTin phải là {kind}.")
    secret = partners().get(data["MaDoiTac"])
    if secret is None:
        raise BadRequest("Mã đối tác không được đăng ký.", status=401, code="401")
    signed = checksum(values[: len(fields)], secret)
    if not hmac.compare_digest(signed, str(data["MaXacThuc"]).lower()):
        raise BadRequest("Sai mã xác thực (MaXacThuc).", status=401, code="401")
    return data, secret


def _refuse(exc: BadRequest) -> HttpResponse:
    return answer({"error_code": exc.code, "message": exc.message}, status=exc.status)


@require_POST
def init(request: HttpRequest) -> HttpResponse:
    try:
        data, _ = _message(request, "INIT", INIT_FIELDS)
        try:
            amount = int(data["SoTien"])
        except ValueError:
            amount = 0
        if amount <= 0:
            raise BadRequest("SoTien phải là số tiền dương (đồng).")
        if data["MaTienTe"] != "VND":
            raise BadRequest("Chỉ nhận MaTienTe VND.")
        bill = data.get("ThongTinBienLai")
        if not isinstance(bill, dict) or not str(bill.get("MaHoSo") or "").strip():
            raise BadRequest("ThongTinBienLai phải có MaHoSo.")
        lines = bill.get("PhiLePhi") or []
        if not isinstance(lines, list) or sum(int(x.get("SoTien", 0)) for x in lines) != amount:
            raise BadRequest("Tổng PhiLePhi phải bằng SoTien.")
        back = str(data.get("UrlTraVe") or "")
        if back and urlsplit(back).scheme not in ("http", "https"):
            raise BadRequest("UrlTraVe phải là địa chỉ http(s).")
        try:
            with transaction.atomic():
                payment = Payment.objects.create(
                    partner=data["MaDoiTac"],
                    reference=data["MaThamChieu"],
                    amount=amount,
                    description=data["ThongTinGiaoDich"][:500],
                    bill=bill,
                    return_url=back[:500],
                    created_at=timezone.now(),
                )
        except IntegrityError:
            raise BadRequest(
                f"MaThamChieu {data['MaThamChieu']} đã được dùng.", status=409, code="409"
            ) from None
    except (BadRequest, AttributeError, TypeError, ValueError) as exc:
        if not isinstance(exc, BadRequest):
            exc = BadRequest("Các khoản PhiLePhi phải có SoTien là số.")
        return _refuse(exc)
    url = request.build_absolute_uri(reverse("sandbox-payment-page", args=[payment.reference]))
    return answer(
        {"error_code": "0", "message": {"UrlThanhToan": url, "MaThamChieu": payment.reference}}
    )


def callback_fields(payment: Payment, secret: str) -> dict[str, str]:
    """What the platform tells the partner about a transaction, signed."""
    at = payment.paid_at or payment.created_at
    fields = {
        "LoaiBanTin": "CONFIRM",
        "MaLoi": RESULT[Payment.Status(payment.status)],
        "MaDoiTac": payment.partner,
        "MaThamChieu": payment.reference,
        "SoTien": str(payment.amount),
        "MaTienTe": "VND",
        "MaGiaoDich": payment.transaction_id,
        "MaNganHang": "PAYMENT",
        "ThoiGianGD": _time(at),
        "ThongTinGiaoDich": payment.description,
    }
    fields["MaXacThuc"] = checksum([fields[n] for n in CALLBACK_FIELDS], secret)
    return fields


def _time(at: datetime) -> str:
    return timezone.localtime(at).strftime("%Y%m%d%H%M%S")


def _found(data: dict[str, Any]) -> Payment:
    payment = Payment.objects.filter(
        partner=data["MaDoiTac"], reference=data["MaThamChieu"]
    ).first()
    if payment is None:
        raise BadRequest(f"Không có giao dịch {data['MaThamChieu']}.", status=404, code="404")
    return payment


@require_POST
def query(request: HttpRequest) -> HttpResponse:
    try:
        data, secret = _message(request, "QUERY", QUERY_FIELDS)
        payment = _found(data)
    except BadRequest as exc:
        return _refuse(exc)
    return answer(
        {
            "error_code": "0",
            "message": {
                **callback_fields(payment, secret),
                "TrangThaiGD": payment.status,
                "MoTaTrangThai": payment.get_status_display(),
            },
        }
    )


@require_POST
def bill(request: HttpRequest) -> HttpResponse:
    try:
        data, _ = _message(request, "GET_BILL", QUERY_FIELDS)
        payment = _found(data)
        if payment.status != Payment.Status.PAID:
            raise BadRequest("Giao dịch chưa thanh toán: chưa có biên lai.", status=409, code="409")
    except BadRequest as exc:
        return _refuse(exc)
    assert payment.paid_at is not None
    receipt = payment.bill
    return answer(
        {
            "error_code": "0",
            "message": {
                "SoBienLai": payment.receipt_number,
                "KyHieu": "BLDT-2026",
                "MaThamChieu": payment.reference,
                "MaGiaoDich": payment.transaction_id,
                "NgayThu": _time(payment.paid_at),
                "SoTien": str(payment.amount),
                "MaHoSo": receipt.get("MaHoSo", ""),
                "HoTenNguoiNop": receipt.get("HoTenNguoiNop", ""),
                "NoiDungThanhToan": receipt.get("NoiDungThanhToan", payment.description),
                "PhiLePhi": receipt.get("PhiLePhi", []),
            },
        }
    )


@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, reference: str) -> HttpResponse:
    """The citizen's payment page: pay or cancel, then back to the partner, signed."""
    payment = get_object_or_404(Payment, reference=reference)
    if request.method == "POST" and payment.status == Payment.Status.PENDING:
        if request.POST.get("action") == "pay":
            payment.status = Payment.Status.PAID
            payment.paid_at = timezone.now()
            payment.transaction_id = f"GD{uuid.uuid4().hex[:14].upper()}"
            payment.receipt_number = f"{payment.pk:07d}"
        else:
            payment.status = Payment.Status.CANCELLED
            payment.paid_at = timezone.now()
        payment.save()
        secret = partners().get(payment.partner, "")
        if payment.return_url and secret:
            query = urlencode(callback_fields(payment, secret))
            joiner = "&" if urlsplit(payment.return_url).query else "?"
            return HttpResponseRedirect(f"{payment.return_url}{joiner}{query}")
    return render(request, "sandbox/payment.html", {"payment": payment})
