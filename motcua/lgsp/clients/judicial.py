"""The judicial records service (Lý lịch tư pháp, Ministry of Justice): certificate requests.

Asynchronous like the national service: `submit` answers a request id at once, `status` is polled
until the certificate is issued (received → processing → issued, with its number). A submit
is keyed by the dossier code, so sending it again (a retry) gives back the same request.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext

from . import transport
from .errors import InvalidRequest, ServiceUnavailable

SUBMIT = "lltp/yeu-cau"
STATUS = "lltp/trang-thai"
RECEIVED, PROCESSING, ISSUED = "DA_TIEP_NHAN", "DANG_XU_LY", "DA_CAP"
ID_NUMBER = re.compile(r"[0-9]{12}")
REQUEST_ID = re.compile(r"[A-Za-z0-9\-]{4,40}")

# The national systems' timestamps are local time (DOMAIN.md §9).
VN_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class JudicialRequest:
    request_id: str
    dossier_code: str
    form: int
    status: str  # RECEIVED, PROCESSING or ISSUED
    status_label: str  # the service's own words, to show
    received_at: datetime | None
    document_number: str
    issued_at: datetime | None
    convictions: str
    message_id: str

    @property
    def issued(self) -> bool:
        return self.status == ISSUED


def _label() -> str:
    return gettext("Cơ sở dữ liệu lý lịch tư pháp")


def submit(
    dossier_code: str,
    *,
    form: int,
    id_number: str,
    full_name: str,
    born: date,
    purpose: str,
    officer: str,
) -> JudicialRequest:
    """Ask for a certificate (Phiếu số 1 or số 2) for the dossier's applicant."""
    if form not in (1, 2):
        raise InvalidRequest.of(
            _label(), service=SUBMIT, detail=gettext("loại phiếu phải là số 1 hoặc số 2")
        )
    if not ID_NUMBER.fullmatch(id_number.strip()):
        raise InvalidRequest.of(
            _label(), service=SUBMIT, detail=gettext("số định danh cá nhân phải gồm 12 chữ số")
        )
    if not officer.strip() or not purpose.strip():
        raise InvalidRequest.of(
            _label(), service=SUBMIT, detail=gettext("yêu cầu phải ghi rõ cán bộ gửi và mục đích")
        )
    body = {
        "MaHoSo": dossier_code,
        "LoaiPhieu": str(form),
        "SoDinhDanh": id_number.strip(),
        "HoVaTen": " ".join(full_name.split()),
        "NgayThangNamSinh": born.strftime("%Y%m%d"),
        "MucDich": purpose,
        "CanBoGui": officer,
    }
    answer = transport.call(SUBMIT, label=_label(), json=body)
    return _read(answer, SUBMIT)


def status(request_id: str) -> JudicialRequest:
    """Where the request stands now."""
    if not REQUEST_ID.fullmatch(request_id):
        raise InvalidRequest.of(_label(), service=STATUS, detail=gettext("mã yêu cầu không hợp lệ"))
    answer = transport.call(STATUS, label=_label(), method="GET", rest=request_id)
    return _read(answer, STATUS)


def _when(text: Any) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(str(text), "%Y%m%d%H%M%S").replace(tzinfo=VN_TIME)


def _read(answer: Any, service: str) -> JudicialRequest:
    try:
        data = answer.json()
        state = str(data["TrangThai"])
        if state not in (RECEIVED, PROCESSING, ISSUED):
            raise ValueError(f"trạng thái lạ {state}")
        return JudicialRequest(
            request_id=str(data["MaYeuCau"]),
            dossier_code=str(data.get("MaHoSo") or ""),
            form=int(data.get("LoaiPhieu") or 0),
            status=state,
            status_label=str(data.get("TenTrangThai") or ""),
            received_at=_when(data.get("NgayTiepNhan")),
            document_number=str(data.get("SoPhieu") or ""),
            issued_at=_when(data.get("NgayCap")),
            convictions=str(data.get("NoiDungAnTich") or ""),
            message_id=transport.message_id(answer),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ServiceUnavailable.of(
            _label(), service=service, detail=f"Câu trả lời không đọc được: {exc}"
        ) from exc
