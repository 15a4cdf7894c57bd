"""Social insurance, civil status, judicial records, VNPost and the payment platform: the typed
clients through the real gateway (in this process) against the real sandbox (on loopback)."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from motcua.core.demo_people import BY_KEY
from motcua.lgsp import demo
from motcua.lgsp.clients import civil_status, errors, insurance, judicial, payment, vnpost
from motcua.lgsp.models import Consumer, MessageRecord
from motcua.sandbox import data as sandbox_data
from motcua.sandbox.models import JudicialRequest, Lookup, Payment, PostalEvent, PostalOrder

from .sandbox_server import SandboxServer

pytestmark = pytest.mark.django_db(transaction=True)
THAO, TAM = BY_KEY["thao"], BY_KEY["tam"]
OFFICER = {"officer": "motcua.tiepnhan", "purpose": "Tiếp nhận hồ sơ khai sinh"}


@pytest.fixture
def wired(sandbox: SandboxServer, settings: Settings) -> Consumer:
    settings.LGSP_DEMO_KEYS = True
    settings.SANDBOX_STEP_SECONDS = 60
    sandbox_data.seed()
    consumer, _ = demo.wire_sandbox(sandbox.url)
    return consumer


def test_social_insurance_by_number_or_identity_number_with_officer_and_purpose(wired):
    by_number = insurance.lookup(insurance_number="5220123456", **OFFICER)
    by_identity = insurance.lookup(id_number=THAO.id_number, **OFFICER)
    nobody = insurance.lookup(id_number="052199000000", **OFFICER)

    assert by_number is not None and by_identity is not None
    assert by_number.full_name == THAO.full_name == by_identity.full_name
    assert by_number.id_number == THAO.id_number
    assert (by_number.born, by_number.months_paid) == (THAO.born, 98)
    assert by_number.health_card == "GD4525220123456"
    assert by_number.message_id
    assert nobody is None
    logged = list(Lookup.objects.filter(service="bhxh").order_by("id"))
    assert [x.matched for x in logged] == [True, True, False]
    assert {x.officer for x in logged} == {OFFICER["officer"]}
    assert MessageRecord.objects.filter(service_code=insurance.LOOKUP).count() == 3


def test_social_insurance_refuses_a_malformed_number_before_sending(wired):
    with pytest.raises(errors.InvalidRequest) as refused:
        insurance.lookup(insurance_number="12ab", **OFFICER)
    with pytest.raises(errors.InvalidRequest):
        insurance.lookup(id_number=THAO.id_number, officer="", purpose="x")

    assert "mã số BHXH" in refused.value.message
    assert not MessageRecord.objects.exists()


def test_civil_status_extracts_births_and_marriages(wired):
    births = civil_status.extract("KS", id_number=THAO.id_number, **OFFICER)
    marriages = civil_status.extract("KH", id_number=THAO.id_number, **OFFICER)
    by_number = civil_status.extract("KS", record_number="301/1992", **OFFICER)
    none = civil_status.extract("KH", id_number=TAM.id_number, **OFFICER)

    assert [b.record_number for b in births] == ["145/1995"]
    assert births[0].details["HoTen"] == THAO.full_name
    assert births[0].registered_on == date(1995, 3, 20)
    assert marriages[0].details["HoTenVo"] == THAO.full_name
    assert marriages[0].details["HoTenChong"] == "Phạm Văn Hòa"
    assert by_number[0].details["SoDinhDanh"] == TAM.id_number
    assert none == []
    assert Lookup.objects.filter(service__startswith="ho-tich").count() == 4


def test_a_judicial_record_request_is_received_then_verified_then_issued(wired):
    asked = judicial.submit(
        "G22.99-260101-0001", form=1, id_number=TAM.id_number, full_name=TAM.full_name,
        born=TAM.born, purpose="Bổ sung hồ sơ xin việc", officer="motcua.tiepnhan",
    )  # fmt: skip
    again = judicial.submit(
        "G22.99-260101-0001", form=1, id_number=TAM.id_number, full_name=TAM.full_name,
        born=TAM.born, purpose="Bổ sung hồ sơ xin việc", officer="motcua.tiepnhan",
    )  # fmt: skip

    assert asked.status == judicial.RECEIVED and not asked.issued
    assert again.request_id == asked.request_id  # a resend is the same request
    assert judicial.status(asked.request_id).status == judicial.RECEIVED

    # One step's time passes: verification; two more: issued with its number.
    stored = JudicialRequest.objects.get()
    stored.changed_at -= timedelta(seconds=61)
    stored.save()
    assert judicial.status(asked.request_id).status == judicial.PROCESSING
    JudicialRequest.objects.update(changed_at=timezone.now() - timedelta(seconds=200))
    issued = judicial.status(asked.request_id)

    assert issued.issued
    assert issued.document_number.endswith("/LLTP")
    assert issued.issued_at is not None
    assert issued.convictions == "Không có án tích"


def test_a_different_judicial_request_under_the_same_dossier_is_refused(wired):
    judicial.submit(
        "G22.99-260101-0002", form=1, id_number=TAM.id_number, full_name=TAM.full_name,
        born=TAM.born, purpose="Xin việc", officer="motcua.tiepnhan",
    )  # fmt: skip
    with pytest.raises(errors.InvalidRequest) as refused:
        judicial.submit(
            "G22.99-260101-0002", form=2, id_number=TAM.id_number, full_name=TAM.full_name,
            born=TAM.born, purpose="Xin việc", officer="motcua.tiepnhan",
        )  # fmt: skip

    assert "đã có một yêu cầu cấp phiếu khác" in refused.value.message


def test_a_malformed_judicial_request_is_refused_by_the_gateway_schema(wired):
    with pytest.raises(errors.InvalidRequest):
        judicial.submit(
            "G22.99-260101-0003", form=3, id_number=TAM.id_number, full_name=TAM.full_name,
            born=TAM.born, purpose="Xin việc", officer="x",
        )  # fmt: skip
    assert not JudicialRequest.objects.exists()


AGENCY = vnpost.Party(
    "Bộ phận Một cửa phường Quy Nhơn", "1 Trần Phú, phường Quy Nhơn", "0256382111"
)
APPLICANT = vnpost.Party(BY_KEY["nay"].full_name, BY_KEY["nay"].full_address, BY_KEY["nay"].phone)


def order(code: str = "G22.99-260101-0010", **changes) -> vnpost.PostalOrder:
    fields = {
        "service": vnpost.BOTH, "customer_code": "GL-UBND-QN", "sender": APPLICANT,
        "receiver": AGENCY, "cod_amount": 50_000, "description": "Hồ sơ cấp giấy chứng nhận",
    } | changes  # fmt: skip
    return vnpost.create_order(code, **fields)


def test_a_postal_order_keyed_by_the_dossier_code_moves_and_records_the_signed_handover(
    wired, sandbox: SandboxServer
):
    made = order()
    again = order()

    assert made.item_code == again.item_code and len(made.item_code) == 13
    assert (made.cod_amount, made.sender.name, made.receiver.name) == (
        50_000, APPLICANT.name, AGENCY.name,
    )  # fmt: skip
    assert made.status == 1 and made.handed_over_at is None
    assert PostalOrder.objects.count() == 1

    # Three steps' time: collected, in transit, handed over to the agency under signature.
    PostalEvent.objects.update(at=timezone.now() - timedelta(seconds=185))
    PostalOrder.objects.update(created_at=timezone.now() - timedelta(seconds=185))
    tracked = vnpost.track(made.item_code)

    assert tracked is not None
    assert [e.status for e in tracked.events] == [1, 2, 3, 4]
    assert tracked.status == 4
    assert tracked.handed_over_at is not None and len(tracked.handover_signature) == 64
    assert tracked.handed_over_at == tracked.events[-1].at
    assert vnpost.track("EG999999999VN") is None


def test_a_different_postal_order_under_the_same_key_is_refused(wired):
    order("G22.99-260101-0011")
    with pytest.raises(errors.InvalidRequest) as refused:
        order("G22.99-260101-0011", cod_amount=70_000)
    with pytest.raises(errors.InvalidRequest):
        order("G22.99-260101-0012", receiver=vnpost.Party("A", "B", "12345"))

    assert "đã có đơn" in refused.value.message


def pay(reference: str, *, back: str = "http://127.0.0.1:8000/thanh-toan/ve/") -> str:
    return payment.create(
        reference, dossier_code="G22.99-260101-0020", description="Lệ phí đăng ký kết hôn",
        lines=[payment.FeeLine("LP01", "Lệ phí", 30_000), payment.FeeLine("P02", "Phí", 20_000)],
        payer_name=THAO.full_name, payer_id_number=THAO.id_number, return_url=back,
    )  # fmt: skip


def test_a_payment_is_created_paid_on_the_page_and_its_signed_callback_verified(wired):
    url = pay("dvcG2299260101002020261127")
    with pytest.raises(errors.InvalidRequest) as twice:
        pay("dvcG2299260101002020261127")
    assert "đã được dùng" in twice.value.message

    page = httpx.get(url)
    assert page.status_code == 200 and "50000 đồng" in page.text
    pending = payment.query("dvcG2299260101002020261127")
    assert (pending.paid, pending.state) == (False, "CHO_THANH_TOAN")

    paid = httpx.post(url, data={"action": "pay"})
    assert paid.status_code == 302
    back = {
        k: v[0]
        for k, v in parse_qs(
            urlsplit(paid.headers["Location"]).query, keep_blank_values=True
        ).items()
    }
    result = payment.verify_callback(back)

    assert result.paid and result.error_code == "00"
    assert (result.reference, result.amount) == ("dvcG2299260101002020261127", 50_000)
    assert result.transaction_id == Payment.objects.get().transaction_id
    with pytest.raises(payment.BadSignature):
        payment.verify_callback({**back, "SoTien": "1"})
    with pytest.raises(payment.BadSignature):
        payment.verify_callback({k: v for k, v in back.items() if k != "MaXacThuc"})

    reconciled = payment.query("dvcG2299260101002020261127")
    assert (reconciled.paid, reconciled.state) == (True, "THANH_CONG")
    receipt = payment.receipt("dvcG2299260101002020261127")
    assert receipt.amount == 50_000 and receipt.payer == THAO.full_name
    assert [x.amount for x in receipt.lines] == [30_000, 20_000]
    assert receipt.dossier_code == "G22.99-260101-0020"


def test_a_cancelled_payment_has_no_receipt_and_a_wrong_secret_is_refused(
    wired, settings: Settings
):
    url = pay("dvcG2299260101002120261127")
    cancelled = httpx.post(url, data={"action": "cancel"})
    back = {
        k: v[0]
        for k, v in parse_qs(
            urlsplit(cancelled.headers["Location"]).query, keep_blank_values=True
        ).items()
    }

    assert payment.verify_callback(back).paid is False
    with pytest.raises(errors.InvalidRequest):
        payment.receipt("dvcG2299260101002120261127")

    # A secret the platform does not share is for an administrator to fix, not the citizen.
    settings.PAYMENT_SECRET = "not-the-shared-secret"
    with pytest.raises(errors.NotAuthorised) as refused:
        pay("dvcG2299260101002220261127")
    assert refused.value.detail == "Sai mã xác thực (MaXacThuc)."
    assert not Payment.objects.filter(reference="dvcG2299260101002220261127").exists()
