"""The legal slips as PDF: driven through the life cycle, read back with pypdf.

Hà receives Lan's judicial-record request at the Service Center; the building permit goes
through Xây dựng and Nông nghiệp và Môi trường and back. Every slip must carry the national
header, the agency, the code (as text and as a QR link to the public lookup), the names and the
dates a person reads on paper.
"""

import hashlib
import io
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from pypdf import PdfReader

from motcua.core import outbox
from motcua.core.models import AuditEntry, OutboxEvent
from motcua.dossiers import lifecycle, slips
from motcua.dossiers.models import Attachment, Dossier, ReturnMethod, SlipKind

from .conftest import Cast, local

MONDAY = local(2026, 3, 9, 9, 0)
RECEIVED = local(2026, 3, 9, 10, 0)  # 10 working days: due Monday 23/3/2026 at 17:00
A5 = (419.53, 595.28)  # points
NATIONAL_HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def links_of(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def page_size(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def lookup_url(dossier: Dossier) -> str:
    return f"{settings.PUBLIC_BASE_URL}/tra-cuu/{dossier.display_code}/"


def submit(cast: Cast, applicant: dict[str, Any], *, building: bool = False) -> Dossier:
    return lifecycle.submit_online(
        cast.building if building else cast.lltp,
        applicant=applicant,
        form_data={} if building else {"purpose": "Bổ sung hồ sơ xin việc"},
        by=cast.lan,
        receiving_agency=cast.center,
        return_method=ReturnMethod.ONLINE,
        at=MONDAY,
    )


def received(cast: Cast, applicant: dict[str, Any], *, building: bool = False) -> Dossier:
    return lifecycle.receive(submit(cast, applicant, building=building), by=cast.ha, at=RECEIVED)


def processing(cast: Cast, applicant: dict[str, Any]) -> Dossier:
    dossier = received(cast, applicant)
    return lifecycle.assign(dossier, by=cast.nhung, to=cast.khoa, at=local(2026, 3, 9, 14))


def assert_common(text: str, dossier: Dossier) -> None:
    for part in NATIONAL_HEADER:
        assert part in text
    assert dossier.display_code in text
    assert "Hồ Thị Lan" in text
    assert dossier.procedure.name in text


# --- Mẫu 01 ----------------------------------------------------------------------------------


def test_the_receipt_tells_lan_what_was_received_when_and_when_to_come_back(cast, lan_applicant):
    dossier = received(cast, lan_applicant)

    pdf = slips.render(dossier, SlipKind.RECEIPT)

    text = text_of(pdf)
    assert_common(text, dossier)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "ỦY BAN NHÂN DÂN TỈNH GIA LAI" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH GIA LAI" in text
    assert "Gia Lai, ngày 09 tháng 03 năm 2026" in text
    assert "Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 09/03/2026" in text
    assert "hẹn trả kết quả lúc 17 giờ 00 phút, ngày 23/03/2026" in text
    assert "10 ngày làm việc" in text
    assert "12 Hùng Vương, phường Pleiku, tỉnh Gia Lai" in text
    assert "0905123456" in text
    assert "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (bản chính: 01)" in text
    assert "Bản chụp thẻ Căn cước (đã khai thác từ Cơ sở dữ liệu quốc gia về dân cư)" in text
    assert "Hình thức nhận kết quả: Trực tuyến" in text
    assert "Nghị định 118/2025/NĐ-CP" in text
    assert "Mẫu số 01 ban hành kèm theo Thông tư số 03/2025/TT-VPCP" in text
    assert "Nguyễn Thu Hà" in text
    assert links_of(pdf) == [lookup_url(dossier)]
    assert page_size(pdf) == A5
    # The fonts are subset: a whole face alone weighs about 340 KB.
    assert len(pdf) < 80_000


def test_a_dossier_received_before_july_2025_gets_the_2018_forms(cast, lan_applicant):
    dossier = lifecycle.create_at_desk(
        cast.lltp,
        applicant=lan_applicant,
        form_data={"purpose": "Xin việc"},
        by=cast.ha,
        at=local(2025, 3, 10, 9, 30),
    )

    receipt = text_of(slips.render(dossier, SlipKind.RECEIPT))
    sheet = text_of(slips.render(dossier, SlipKind.CONTROL_SHEET))

    assert "Mẫu số 01 ban hành kèm theo Thông tư số 01/2018/TT-VPCP" in receipt
    assert "Nghị định 61/2018/NĐ-CP" in receipt
    assert "Kênh nộp hồ sơ: Trực tiếp" in receipt
    assert "Mẫu số 05 ban hành kèm theo Thông tư số 01/2018/TT-VPCP" in sheet


def test_accents_typed_decomposed_come_out_as_the_fonts_own_letters(cast, lan_applicant):
    lan_applicant["name"] = unicodedata.normalize("NFD", "Hồ Thị Lan")
    dossier = received(cast, lan_applicant)

    reader = PdfReader(io.BytesIO(slips.render(dossier, SlipKind.RECEIPT)))
    raw = reader.pages[0].extract_text()

    # Not normalised here on purpose: the PDF itself holds the precomposed letters.
    assert "Hồ Thị Lan" in raw


def test_no_receipt_or_control_sheet_before_reception(cast, lan_applicant):
    dossier = submit(cast, lan_applicant)

    assert slips.available(dossier) == []
    for kind in (SlipKind.RECEIPT, SlipKind.CONTROL_SHEET):
        with pytest.raises(slips.SlipNotAvailable) as error:
            slips.render(dossier, kind)
        assert error.value.code == "slip_not_available"
        assert error.value.message.startswith(f"Hồ sơ {dossier.reference} chưa được tiếp nhận")
    with pytest.raises(slips.SlipNotAvailable):
        slips.ensure(dossier, SlipKind.RECEIPT)
    assert not Attachment.objects.exists()


def test_a_slip_is_only_drawn_from_an_event_of_its_own_kind_and_dossier(cast, lan_applicant):
    dossier = processing(cast, lan_applicant)
    other = received(cast, dict(lan_applicant, name="Nguyễn Văn Minh"))
    assign = dossier.events.get(action="assign")

    with pytest.raises(slips.SlipNotAvailable) as error:
        slips.render(dossier, SlipKind.RECEIPT, event=assign)
    assert "không ghi nhận giấy tiếp nhận hồ sơ và hẹn trả kết quả" in error.value.message
    with pytest.raises(slips.SlipNotAvailable):
        slips.render(dossier, SlipKind.CONTROL_SHEET, event=other.events.last())
    assert slips.available(dossier) == [SlipKind.RECEIPT, SlipKind.CONTROL_SHEET]


# --- Mẫu 05 ----------------------------------------------------------------------------------


def test_the_control_sheet_lists_every_hand_over_of_the_two_agency_building_permit(
    cast, lan_applicant
):
    dossier = received(cast, lan_applicant, building=True)  # due 30/3/2026 17:00
    dossier = lifecycle.assign(dossier, by=cast.tung, to=cast.bao, at=local(2026, 3, 9, 14))
    dossier = lifecycle.forward(
        dossier, by=cast.bao, note="Đề nghị xác nhận đất", at=local(2026, 3, 12, 9)
    )
    dossier = lifecycle.forward(
        dossier, by=cast.phuc, note="Đất ở hợp pháp", at=local(2026, 3, 17, 9, 30)
    )
    dossier = lifecycle.approve(dossier, by=cast.tung, at=local(2026, 3, 18, 9))
    dossier = lifecycle.mark_result_ready(dossier, by=cast.tung, at=local(2026, 3, 18, 15))
    dossier = lifecycle.return_result(dossier, by=cast.ha, at=local(2026, 3, 19, 8))

    pdf = slips.render(dossier, SlipKind.CONTROL_SHEET)

    text = text_of(pdf)
    assert_common(text, dossier)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Mẫu số 06 ban hành kèm theo Thông tư số 03/2025/TT-VPCP" in text
    assert "Cơ quan chủ trì giải quyết: Sở Xây dựng" in text
    assert "Cơ quan phối hợp giải quyết: Sở Nông nghiệp và Môi trường" in text
    assert "Thời gian hẹn trả kết quả: 17 giờ 00 phút, ngày 30/03/2026" in text
    # One row per hand-over, in order, each with who gave, who received and when.
    rows = [
        ("Nguyễn Thu Hà", "Tiếp nhận hồ sơ", "10 giờ 00 phút, ngày 09/03/2026"),
        ("Võ Thanh Tùng", "Phân công xử lý", "14 giờ 00 phút, ngày 09/03/2026"),
        ("Phạm Quốc Bảo", "Chuyển liên thông: Xác nhận quyền sử dụng đất", "ngày 12/03/2026"),
        ("Đỗ Hữu Phúc", "Chuyển liên thông: Ký giấy phép xây dựng", "09 giờ 30 phút"),
        ("Võ Thanh Tùng", "Phê duyệt", "09 giờ 00 phút, ngày 18/03/2026"),
        ("Võ Thanh Tùng", "Đã có kết quả", "15 giờ 00 phút, ngày 18/03/2026"),
        ("Nguyễn Thu Hà", "Trả kết quả: tại bộ phận một cửa", "08 giờ 00 phút, ngày 19/03/2026"),
    ]
    position = 0
    for person, note, when in rows:
        for part in (person, note, when):
            found = text.find(part, position)
            assert found >= 0, f"{part!r} missing after position {position}"
        position = text.find(note, position)
    assert "Phạm Quốc Bảo" in text  # the assignee, as receiver of the assignment
    assert "Trước hạn" in text
    assert "Quá hạn" not in text and "Đúng hạn" not in text
    assert links_of(pdf) == [lookup_url(dossier)]
    # A5 turned sideways for the six columns.
    assert page_size(pdf) == (A5[1], A5[0])


def test_a_late_result_is_late_on_the_sheet_as_in_the_public_lookup(cast, lan_applicant):
    dossier = processing(cast, lan_applicant)  # due 23/3/2026 17:00
    dossier = lifecycle.forward(dossier, by=cast.khoa, at=local(2026, 3, 20, 9))
    dossier = lifecycle.approve(dossier, by=cast.nhung, at=local(2026, 3, 24, 9))
    dossier = lifecycle.mark_result_ready(dossier, by=cast.nhung, at=local(2026, 3, 24, 10))

    text = text_of(slips.render(dossier, SlipKind.CONTROL_SHEET))

    # Assignment and forward before the due day, the decision and result after it.
    assert text.count("Trước hạn") == 3
    assert text.count("Quá hạn") == 2


def test_each_stored_control_sheet_is_the_history_up_to_its_event(cast, lan_applicant):
    dossier = received(cast, lan_applicant)
    first = slips.ensure(dossier, SlipKind.CONTROL_SHEET)
    dossier = lifecycle.assign(dossier, by=cast.nhung, to=cast.khoa, at=local(2026, 3, 9, 14))

    second = slips.ensure(dossier, SlipKind.CONTROL_SHEET)
    again = slips.render(dossier, SlipKind.CONTROL_SHEET, event=first.event)

    assert first.event.action == "receive"
    assert second.event.action == "assign"
    assert first.pk != second.pk
    assert "Phân công xử lý" in text_of(second.file.read())
    assert "Phân công xử lý" not in text_of(again)


# --- Mẫu 02, 03, 04 --------------------------------------------------------------------------


def test_a_supplement_request_at_reception_lists_every_item_and_starts_no_clock(
    cast, lan_applicant
):
    dossier = submit(cast, lan_applicant)
    dossier = lifecycle.request_supplement(
        dossier,
        by=cast.ha,
        items=["Bản sao giấy khai sinh", "Ảnh chân dung 4x6"],
        note="Ảnh phải chụp trong 6 tháng gần nhất",
        at=local(2026, 3, 9, 11, 15),
    )

    pdf = slips.render(dossier, SlipKind.SUPPLEMENT)

    text = text_of(pdf)
    assert_common(text, dossier)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "1. Bản sao giấy khai sinh 2. Ảnh chân dung 4x6" in text
    assert "Ảnh phải chụp trong 6 tháng gần nhất" in text
    assert "Thời điểm yêu cầu bổ sung: 11 giờ 15 phút, ngày 09/03/2026" in text
    assert "Hồ sơ chưa được tiếp nhận" in text
    assert "Nguyễn Thu Hà" in text
    assert links_of(pdf) == [lookup_url(dossier)]
    assert slips.available(dossier) == [SlipKind.SUPPLEMENT]


def test_a_supplement_request_during_appraisal_stops_the_clock_and_names_the_agency(
    cast, lan_applicant
):
    dossier = processing(cast, lan_applicant)
    dossier = lifecycle.request_supplement(
        dossier, by=cast.khoa, items=["Xác nhận nơi cư trú"], at=local(2026, 3, 11, 9)
    )

    text = text_of(slips.render(dossier, SlipKind.SUPPLEMENT))

    assert_common(text, dossier)
    assert "SỞ TƯ PHÁP" in text
    assert "1. Xác nhận nơi cư trú" in text
    assert "tạm dừng từ 09 giờ 00 phút, ngày 11/03/2026" in text
    assert "Trần Đăng Khoa" in text


def test_the_refusal_gives_the_reasons_and_the_reference_of_the_unreceived_dossier(
    cast, lan_applicant
):
    dossier = submit(cast, lan_applicant)
    dossier = lifecycle.refuse(
        dossier,
        by=cast.ha,
        reasons="Thủ tục này thuộc thẩm quyền của Ủy ban nhân dân xã",
        at=local(2026, 3, 10, 8, 45),
    )

    pdf = slips.render(dossier, SlipKind.REFUSAL)

    text = text_of(pdf)
    assert_common(text, dossier)
    assert dossier.code is None
    assert f"Số đăng ký hồ sơ: {dossier.reference}" in text
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Thủ tục này thuộc thẩm quyền của Ủy ban nhân dân xã" in text
    assert "Thời điểm từ chối: 08 giờ 45 phút, ngày 10/03/2026" in text
    assert "Gia Lai, ngày 10 tháng 03 năm 2026" in text
    assert links_of(pdf) == [lookup_url(dossier)]
    assert slips.available(dossier) == [SlipKind.REFUSAL]


def test_the_apology_gives_the_reason_the_first_and_the_new_appointment(cast, lan_applicant):
    dossier = processing(cast, lan_applicant)
    dossier = lifecycle.apologise(
        dossier,
        by=cast.nhung,
        new_due_at=local(2026, 3, 27, 17, 0),
        reason="Chờ kết quả xác minh của cơ quan công an",
        at=local(2026, 3, 20, 16, 0),
    )

    pdf = slips.render(dossier, SlipKind.APOLOGY)

    text = text_of(pdf)
    assert_common(text, dossier)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "Ngày 09/03/2026, Trung tâm Phục vụ hành chính công tỉnh Gia Lai tiếp nhận" in text
    assert "Thời gian hẹn trả kết quả: 17 giờ 00 phút, ngày 23/03/2026" in text
    assert "Chờ kết quả xác minh của cơ quan công an" in text
    assert "Hẹn trả kết quả lúc: 17 giờ 00 phút, ngày 27/03/2026" in text
    assert "TM. SỞ TƯ PHÁP" in text
    assert "Lê Hồng Nhung" in text
    assert links_of(pdf) == [lookup_url(dossier)]
    assert slips.available(dossier) == [SlipKind.RECEIPT, SlipKind.CONTROL_SHEET, SlipKind.APOLOGY]


# --- Storing ---------------------------------------------------------------------------------


def test_ensure_stores_the_receipt_once_however_often_it_is_asked(cast, lan_applicant, media):
    dossier = received(cast, lan_applicant)

    first = slips.ensure(dossier, SlipKind.RECEIPT)
    second = slips.ensure(dossier, "receipt")

    assert first.pk == second.pk
    assert Attachment.objects.count() == 1
    files = list((media / "dossiers" / str(dossier.pk)).iterdir())
    assert [f.name for f in files] == [f"receipt-{first.event_id}.pdf"]
    data = files[0].read_bytes()
    assert first.kind == Attachment.Kind.SLIP
    assert first.event == dossier.events.get(action="receive")
    assert first.title == f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả {dossier.code}.pdf"
    assert first.content_type == "application/pdf"
    assert first.size == len(data)
    assert first.sha256 == hashlib.sha256(data).hexdigest()
    assert dossier.code in text_of(data)
    stored = AuditEntry.objects.filter(action="dossier.slip_stored")
    assert [(e.target_id, e.details["slip"]) for e in stored] == [(str(dossier.pk), "receipt")]


def test_the_loser_of_a_race_keeps_the_winners_slip_and_leaves_no_file(
    cast, lan_applicant, media, monkeypatch
):
    dossier = received(cast, lan_applicant)
    receive = dossier.events.get(action="receive")
    real_stored = slips._stored
    calls = []

    def winner_appears_meanwhile(d, kind, event):
        # The first look finds nothing; another worker then stores the same slip.
        calls.append(kind)
        if len(calls) == 1:
            monkeypatch.setattr(slips, "_stored", real_stored)
            Attachment.objects.create(
                dossier=d,
                kind=Attachment.Kind.SLIP,
                slip=kind,
                event=event,
                title="winner.pdf",
                file=f"dossiers/{d.pk}/winner.pdf",
                content_type="application/pdf",
                sha256="0" * 64,
            )
            return None
        return real_stored(d, kind, event)

    monkeypatch.setattr(slips, "_stored", winner_appears_meanwhile)

    kept = slips.ensure(dossier, SlipKind.RECEIPT)

    assert kept.title == "winner.pdf"
    assert kept.event == receive
    assert Attachment.objects.count() == 1
    folder = media / "dossiers" / str(dossier.pk)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_the_worker_stores_the_receipt_after_reception_through_the_outbox(cast, lan_applicant):
    dossier = received(cast, lan_applicant)
    assert not Attachment.objects.exists()  # nothing is rendered in the life-cycle transaction

    outbox.deliver_due(worker_id="alice")
    outbox.deliver_due(worker_id="alice")

    receipt = Attachment.objects.get()
    assert (receipt.dossier, receipt.slip, receipt.event.action) == (
        dossier,
        SlipKind.RECEIPT,
        "receive",
    )
    assert OutboxEvent.objects.get(topic="dossier.received").status == "delivered"


def test_the_worker_stores_every_slip_the_history_calls_for_and_redelivery_adds_none(
    cast, lan_applicant
):
    dossier = processing(cast, lan_applicant)
    dossier = lifecycle.apologise(
        dossier,
        by=cast.nhung,
        new_due_at=local(2026, 3, 27, 17, 0),
        reason="Chờ kết quả xác minh",
        at=local(2026, 3, 20, 16, 0),
    )
    dossier = lifecycle.forward(dossier, by=cast.khoa, at=local(2026, 3, 23, 9))
    dossier = lifecycle.approve(dossier, by=cast.nhung, at=local(2026, 3, 23, 10))
    dossier = lifecycle.mark_result_ready(dossier, by=cast.nhung, at=local(2026, 3, 23, 11))
    dossier = lifecycle.return_result(dossier, by=cast.ha, at=local(2026, 3, 23, 14))
    refused = lifecycle.refuse(
        submit(cast, lan_applicant), by=cast.ha, reasons="Sai thẩm quyền", at=MONDAY
    )
    early = lifecycle.request_supplement(
        submit(cast, lan_applicant), by=cast.ha, items=["Tờ khai có chữ ký"], at=MONDAY
    )

    outbox.deliver_due(worker_id="alice")
    # A worker that dies after storing but before marking the event delivered: it comes again.
    OutboxEvent.objects.filter(topic__in=list(HANDLED)).update(status="pending", attempts=0)
    outbox.deliver_due(worker_id="bob")

    stored = sorted(Attachment.objects.values_list("dossier__reference", "slip"))
    assert stored == sorted(
        [
            (dossier.reference, SlipKind.RECEIPT),
            (dossier.reference, SlipKind.APOLOGY),
            (dossier.reference, SlipKind.CONTROL_SHEET),
            (refused.reference, SlipKind.REFUSAL),
            (early.reference, SlipKind.SUPPLEMENT),
        ]
    )
    sheet = Attachment.objects.get(slip=SlipKind.CONTROL_SHEET)
    assert sheet.event.action == "return_result"
    assert "Trả kết quả" in text_of(sheet.file.read())
    for topic in HANDLED:
        assert set(OutboxEvent.objects.filter(topic=topic).values_list("status", flat=True)) <= {
            "delivered"
        }


HANDLED = (
    "dossier.received",
    "dossier.refused",
    "dossier.supplement_requested",
    "dossier.apologised",
    "dossier.returned",
)
