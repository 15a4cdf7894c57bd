"""The national portal's payment platform (DOMAIN.md §9; reference/vn-standards.md §8.6 A).

`create` sends INIT and answers the URL to send the citizen to; the platform sends the citizen
back with the callback fields, which `verify_callback` checks (MaXacThuc: SHA-256 hex of the
`|`-joined fields and our secret) before anything is believed; `query` reconciles a reference
whose callback never came; `receipt` fetches the e-receipt (GET_BILL) of a paid one.

The partner code and secret are PAYMENT_PARTNER_CODE and PAYMENT_SECRET; where the LGSP's demo
keys are allowed (DEBUG), the sandbox's published demo partner stands in.
"""

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext

from . import transport
from .errors import InvalidRequest, ServiceUnavailable

INIT = "thanh-toan/khoi-tao"
QUERY = "thanh-toan/truy-van"
GET_BILL = "thanh-toan/bien-lai"
VERSION = "1.0.6"
SUCCESS = "00"
DEMO_PARTNER = "MOTCUA-GIALAI"
DEMO_SECRET = "sandbox-payment-demo-secret"  # noqa: S105 - the sandbox's published demo value
VN_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
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


@dataclass(frozen=True)
class FeeLine:
    code: str
    name: str
    amount: int
    kind: str = "2"  # LoaiPhiLePhi: 1 phí, 2 lệ phí


@dataclass(frozen=True)
class PaymentResult:
    """A callback or a QUERY answer, signature checked."""

    reference: str
    paid: bool
    error_code: str  # MaLoi: "00" success
    amount: int
    transaction_id: str
    at: datetime | None
    state: str  # TrangThaiGD on a QUERY answer, empty on a callback


@dataclass(frozen=True)
class Receipt:
    number: str
    reference: str
    transaction_id: str
    collected_at: datetime
    amount: int
    dossier_code: str
    payer: str
    lines: tuple[FeeLine, ...]
    message_id: str


class BadSignature(InvalidRequest):
    code = "bad_signature"


def _label() -> str:
    return gettext("Nền tảng thanh toán trực tuyến")


def partner() -> tuple[str, str]:
    code = (getattr(settings, "PAYMENT_PARTNER_CODE", "") or "").strip()
    secret = (getattr(settings, "PAYMENT_SECRET", "") or "").strip()
    if secret:
        return code or DEMO_PARTNER, secret
    if not getattr(settings, "LGSP_DEMO_KEYS", False):
        raise ImproperlyConfigured(
            "PAYMENT_PARTNER_CODE and PAYMENT_SECRET must be set: the payment platform signs "
            "and checks every message with the partner's secret."
        )
    return code or DEMO_PARTNER, DEMO_SECRET


def checksum(values: list[str], secret: str) -> str:
    return hashlib.sha256("|".join([*values, secret]).encode()).hexdigest()


def _now() -> str:
    return timezone.now().astimezone(VN_TIME).strftime("%Y%m%d%H%M%S")


def _when(text: Any) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(str(text), "%Y%m%d%H%M%S").replace(tzinfo=VN_TIME)


def create(
    reference: str,
    *,
    dossier_code: str,
    description: str,
    lines: list[FeeLine],
    payer_name: str,
    payer_id_number: str = "",
    return_url: str = "",
    client_ip: str = "127.0.0.1",
    bill: Mapping[str, Any] | None = None,
) -> str:
    """Start a payment of the fee lines under our unique `reference`; the URL to pay at."""
    amount = sum(line.amount for line in lines)
    if not lines or amount <= 0 or any(line.amount < 0 for line in lines):
        raise InvalidRequest.of(
            _label(), service=INIT, detail=gettext("phải có ít nhất một khoản phí, lệ phí dương")
        )
    code, secret = partner()
    message: dict[str, Any] = {
        "LoaiBanTin": "INIT",
        "PhienBan": VERSION,
        "MaDoiTac": code,
        "MaThamChieu": reference,
        "SoTien": str(amount),
        "LoaiHinhThanhToan": "PAY",
        "MaKenhThanhToan": "1",
        "MaThietBi": "1",
        "NgonNgu": "vi-VN",
        "MaTienTe": "VND",
        "MaNganHang": "PAYMENT",
        "ThongTinGiaoDich": description,
        "ThoiGianGD": _now(),
        "Ip": client_ip,
    }
    message["MaXacThuc"] = checksum([message[n] for n in INIT_FIELDS], secret)
    message["UrlTraVe"] = return_url
    message["ThongTinBienLai"] = {
        "MaDichVu": "2",
        **(bill or {}),
        "MaHoSo": dossier_code,
        "NoiDungThanhToan": description,
        "HoTenNguoiNop": payer_name,
        "SoCMNDNguoiNop": payer_id_number,
        "PhiLePhi": [
            {
                "LoaiPhiLePhi": x.kind,
                "MaPhiLePhi": x.code,
                "TenPhiLePhi": x.name,
                "SoTien": x.amount,
            }
            for x in lines
        ],
    }
    answer = transport.call(INIT, label=_label(), json=message)
    data = _body(answer, INIT)
    try:
        return str(data["message"]["UrlThanhToan"])
    except (KeyError, TypeError) as exc:
        raise ServiceUnavailable.of(_label(), service=INIT, detail=str(exc)) from exc


def _body(answer: Any, service: str) -> dict[str, Any]:
    try:
        data = answer.json()
    except ValueError:
        data = None
    if not isinstance(data, dict) or str(data.get("error_code")) != "0":
        detail = data.get("message") if isinstance(data, dict) else None
        raise InvalidRequest.of(_label(), service=service, detail=str(detail or answer.text[:200]))
    return data


def verify_callback(fields: Mapping[str, Any]) -> PaymentResult:
    """The platform's callback (query string or body) as a result, once its signature holds.

    Raises BadSignature for a missing field, another partner or a wrong MaXacThuc: such a
    callback is not from the platform and must change nothing.
    """
    code, secret = partner()
    try:
        values = [str(fields[name]) for name in CALLBACK_FIELDS]
        signature = str(fields["MaXacThuc"]).lower()
    except KeyError as exc:
        raise BadSignature.of(
            _label(), service=INIT, detail=gettext("thiếu trường %(f)s") % {"f": exc.args[0]}
        ) from None
    if str(fields["MaDoiTac"]) != code or not hmac.compare_digest(
        checksum(values, secret), signature
    ):
        raise BadSignature.of(_label(), service=INIT, detail=gettext("sai mã xác thực"))
    return _result(fields, state="")


def _result(fields: Mapping[str, Any], *, state: str) -> PaymentResult:
    try:
        return PaymentResult(
            reference=str(fields["MaThamChieu"]),
            paid=str(fields["MaLoi"]) == SUCCESS,
            error_code=str(fields["MaLoi"]),
            amount=int(fields["SoTien"]),
            transaction_id=str(fields.get("MaGiaoDich") or ""),
            at=_when(fields.get("ThoiGianGD")),
            state=state,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BadSignature.of(_label(), service=INIT, detail=str(exc)) from exc


def _signed(kind: str, reference: str) -> dict[str, str]:
    code, secret = partner()
    message = {
        "LoaiBanTin": kind,
        "PhienBan": VERSION,
        "MaDoiTac": code,
        "MaThamChieu": reference,
        "ThoiGianGD": _now(),
    }
    message["MaXacThuc"] = checksum([message[n] for n in QUERY_FIELDS], secret)
    return message


def query(reference: str) -> PaymentResult:
    """Where a transaction stands at the platform (to reconcile a missing callback)."""
    answer = transport.call(QUERY, label=_label(), json=_signed("QUERY", reference))
    found = _body(answer, QUERY)["message"]
    if not isinstance(found, dict):
        raise ServiceUnavailable.of(_label(), service=QUERY, detail="message")
    # The answer is signed like a callback: checked the same way.
    verify_callback(found)
    return _result(found, state=str(found.get("TrangThaiGD") or ""))


def receipt(reference: str) -> Receipt:
    """The e-receipt (biên lai điện tử) of a paid transaction."""
    answer = transport.call(GET_BILL, label=_label(), json=_signed("GET_BILL", reference))
    data = _body(answer, GET_BILL)["message"]
    try:
        collected = _when(data["NgayThu"])
        assert collected is not None
        return Receipt(
            number=str(data["SoBienLai"]),
            reference=str(data["MaThamChieu"]),
            transaction_id=str(data.get("MaGiaoDich") or ""),
            collected_at=collected,
            amount=int(data["SoTien"]),
            dossier_code=str(data.get("MaHoSo") or ""),
            payer=str(data.get("HoTenNguoiNop") or ""),
            lines=tuple(
                FeeLine(
                    code=str(x.get("MaPhiLePhi") or ""),
                    name=str(x.get("TenPhiLePhi") or ""),
                    amount=int(x["SoTien"]),
                    kind=str(x.get("LoaiPhiLePhi") or ""),
                )
                for x in data.get("PhiLePhi") or []
            ),
            message_id=transport.message_id(answer),
        )
    except (KeyError, TypeError, ValueError, AttributeError, AssertionError) as exc:
        raise ServiceUnavailable.of(
            _label(), service=GET_BILL, detail=f"Câu trả lời không đọc được: {exc}"
        ) from exc
