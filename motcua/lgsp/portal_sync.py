"""The national portal's dossier sync (DongBoHoSoMC, DOMAIN.md §9), built from the dossier.

The message is built from the dossier as it is when the event is delivered, not from the event:
a redelivered, late or reordered event then sends the current state again, which the portal
takes as an update of the same MaHoSo, so nothing older ever overwrites something newer.

TrangThaiHoSo is the dossier's national code (dossiers.models.NATIONAL_STATUS_CODE), one to one:
the pauses (5 awaiting supplement, 6 awaiting payment, 8 stopped) are sent as themselves, never
as 9 (reference/vn-standards.md §8.2 names the vendor quirk that hides them).
"""

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from motcua.dossiers.models import NATIONAL_STATUS_CODE, Attachment, Dossier, Event

from . import conf, lookups
from .clients import portal

logger = logging.getLogger("motcua.lgsp.portal_sync")

# The national portal's clock, whatever the server's TIME_ZONE.
PORTAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SUPPLEMENT_ACTIONS = ("request_supplement", "request_supplement_at_reception")


def portal_date(value: datetime | None) -> str:
    """yyyyMMddHHmmss in Asia/Ho_Chi_Minh; empty when there is no such date yet."""
    return value.astimezone(PORTAL_ZONE).strftime("%Y%m%d%H%M%S") if value else ""


def enabled() -> bool:
    """Whether this province syncs: NATIONAL_PORTAL_SYNC, and a way to the portal.

    With the gateway embedded, "a way" is the portal's service in this LGSP's registry: until an
    operator registers it (the demo does), there is no connection to send through, and the
    dossier events are acknowledged without a sync instead of failing until they die.
    """
    if not getattr(settings, "NATIONAL_PORTAL_SYNC", True):
        return False
    if conf.client_base_url():
        return True
    provider_code, service_code = portal.SYNC.split("/")
    return lookups.service(provider_code, service_code) is not None


def message(dossier: Dossier) -> dict[str, Any]:
    procedure = dossier.procedure
    supplements = Event.objects.filter(dossier=dossier, action__in=SUPPLEMENT_ACTIONS).order_by(
        "at", "id"
    )
    results = dossier.attachments.filter(kind=Attachment.Kind.RESULT).order_by("uploaded_at", "id")
    return {
        # Before reception an online dossier has only its submission reference.
        "MaHoSo": dossier.code or dossier.reference,
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name,
        "MaLinhVuc": procedure.field.code,
        "TenLinhVuc": procedure.field.name,
        "ChuHoSo": dossier.applicant_name,
        "LoaiDoiTuong": int(dossier.applicant_kind),
        "KenhThucHien": int(dossier.channel),
        "DonViXuLy": dossier.current_agency.code,
        "TrangThaiHoSo": NATIONAL_STATUS_CODE[dossier.status],
        "NgayNopHoSo": portal_date(dossier.submitted_at),
        "NgayTiepNhan": portal_date(dossier.received_at),
        "NgayHenTra": portal_date(dossier.due_at),
        "NgayKetThucXuLy": portal_date(dossier.finished_at),
        "NgayTra": portal_date(dossier.returned_at),
        "TaiLieuNop": [
            {
                "TenTepDinhKem": component.name,
                "MaThanhPhanHoSo": str(component.component_id or ""),
                "DuocSoHoa": int(component.digitised),
                # Data taken from a national database instead of paper (DOMAIN.md §7).
                "DuocLayTuKhoDMQG": int(bool(component.replaced_by)),
                "DuocTaiSuDung": int(component.replaced_by == "KET_QUA"),
            }
            for component in dossier.components.all()
        ],
        "DanhSachLePhi": (
            [{"TenPhiLePhi": "Phí, lệ phí", "Gia": dossier.fee_amount}]
            if dossier.fee_amount
            else []
        ),
        "DanhSachHoSoBoSung": [
            {
                "HoSoBoSungId": str(event.pk),
                "NguoiYeuCauBoSung": event.actor_label,
                "NoiDungBoSung": event.note,
                "NgayBoSung": portal_date(event.at),
            }
            for event in supplements
        ],
        "DanhSachGiayToKetQua": [
            {"TenGiayTo": attachment.title, "GiayToId": str(attachment.pk)}
            for attachment in results
        ],
    }


def sync(reference: str, *, key: str = "") -> bool:
    """Send the dossier's current state to the national portal; False when sync is off.

    Raises the clients' errors (the outbox then retries) until the portal acknowledges.
    """
    if not enabled():
        logger.info("National portal sync is off: dossier %s not sent", reference)
        return False
    dossier = (
        Dossier.objects.select_related("procedure__field", "current_agency")
        .filter(reference=reference)
        .first()
    )
    if dossier is None:
        # Deleted since (a test, a purge): nothing left to report.
        logger.warning("Dossier %s no longer exists: nothing to sync", reference)
        return False
    portal.sync_dossier(message(dossier), idempotency_key=key)
    return True
