"""Issue 6's whole journey on a phone (360×740), over the demo seed with the sandbox serving as
the LGSP's upstream: a new citizen registers with a phone, reads the code in the SMS inbox,
verifies her identity with the population database, finds "đăng ký khai sinh" typed without
accents and files it with one scan and her ID card taken from the population database; the
commune's officer (another browser, at a desk) asks for a supplement, which she answers in
place; the commune processes it, attaches the result file and returns it online; she downloads
it. And a second citizen can see or download none of it, through the pages or the API."""

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.accounts.models import User
from motcua.core import demo_people, outbox
from motcua.core.management.commands.seed_demo import DEMO_PASSWORD
from motcua.core.models import OutboxEvent
from motcua.dossiers.models import Dossier, Status
from motcua.org.models import Role, StaffAssignment
from tests.accounts.conftest import _sandbox_server, lgsp_sandbox  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "lua-non-nuoc-nha-2026"
PHONE = "0388 123 456"
PDF = b"%PDF-1.4\n" + b"1" * 4000 + b"\n%%EOF\n"
RESULT = b"%PDF-1.4\n% Giay khai sinh\n" + b"2" * 3000 + b"\n%%EOF\n"
COMMUNE_OFFICER = "bongoong.tiepnhan"
COMMUNE_LEADER = "bongoong.chutich"


@pytest.fixture
def demo(settings: Any, tmp_path: Any, lgsp_sandbox: Any) -> Any:  # noqa: F811
    """The demo province, its LGSP wired to the sandbox on loopback, and a chairman at the
    rural commune to sign results (the demo staffs the commune's desk only)."""
    settings.DEBUG = True  # seed-demo refuses to run on what looks like production
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    # The demo's worker delivered its backlog long ago; only this journey's messages are due.
    OutboxEvent.objects.filter(delivered_at=None).update(delivered_at=timezone.now())
    desk = StaffAssignment.objects.filter(user__username=COMMUNE_OFFICER).first()
    assert desk is not None
    leader = User.objects.create_user(
        username=COMMUNE_LEADER, password=DEMO_PASSWORD, full_name="Siu Thị Blơi"
    )
    StaffAssignment.objects.create(
        user=leader, agency=desk.agency, role=Role.objects.get(code="leader")
    )
    return lgsp_sandbox


def a_citizen_without_an_account() -> Any:
    """One of the sandbox's synthetic citizens (not DEMO.md's, who all have accounts)."""
    from motcua.sandbox.models import Citizen

    known = {c.id_number for c in demo_people.CITIZENS}
    taken = set(
        User.objects.exclude(identity_number=None).values_list("identity_number", flat=True)
    )
    return next(
        c
        for c in Citizen.objects.filter(sex=2).order_by("id_number")
        if c.id_number not in known | taken and not c.withheld
    )


@pytest.fixture
def desk(browser: Any, live_server: Any) -> Iterator[Any]:
    """The commune's officer, at a desktop, in a browser of their own."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="vi-VN", base_url=live_server.url
    )
    page = context.new_page()
    yield page
    context.close()


def fits_the_screen(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def officer_logs_in(page: Any, username: str) -> None:
    page.goto("/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/can-bo/")


def officer_logs_out(page: Any) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/can-bo/dang-nhap/")


def officer_does(
    page: Any, action: str, fill: dict[str, str] | None = None, files: Any = None
) -> str:
    """Run one action from the dossier page; answer the message it leaves."""
    button = page.locator(f'button[data-action="{action}"]')
    form = page.locator(f'form[action$="/{action}/"]')
    if not button.count():
        page.locator(f'summary[data-action="{action}"]').click()
    for label, value in (fill or {}).items():
        form.get_by_label(label).fill(value)
    if files is not None:
        form.locator('input[name="result_file"]').set_input_files(files)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    return str(page.locator(".messages").inner_text())


def citizen_registers_and_verifies(page: Any, sandbox: Any, person: Any) -> None:
    page.goto("/tai-khoan/dang-ky/")
    assert fits_the_screen(page)
    page.get_by_label("Số điện thoại hoặc thư điện tử").fill(PHONE)
    page.get_by_label("Họ và tên").fill(f"{person.family} {person.middle} {person.given}")
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký và nhận mã").click()
    page.wait_for_url("**/tai-khoan/dang-ky/xac-nhan/")

    # The worker's part: the outbox sends the SMS through the LGSP to the sandbox's SMS gateway.
    outbox.deliver_due(worker_id="journey")
    inbox = page.context.new_page()
    inbox.goto(f"{sandbox.url.rstrip('/')}/sms/")
    code = re.search(r"Mã xác nhận MotCua: (\d{6})", inbox.locator("body").inner_text())
    inbox.close()
    assert code
    page.get_by_label("Mã xác nhận").fill(code.group(1))
    page.get_by_role("button", name="Xác nhận").click()

    page.wait_for_url("**/tai-khoan/xac-thuc/")
    page.get_by_label("Số định danh cá nhân (12 chữ số)").fill(person.id_number)
    page.get_by_label("Họ và tên").fill(f"{person.family} {person.middle} {person.given}")
    page.get_by_label("Ngày sinh").fill(person.born.isoformat())
    page.get_by_role("button", name="Xác thực", exact=True).click()
    page.wait_for_url("**/tai-khoan/xac-thuc/")
    assert "Đã xác thực định danh" in page.locator("main").inner_text()


def citizen_files_a_birth_registration(page: Any, commune: str) -> str:
    page.goto("/thu-tuc/")
    page.get_by_label("Bạn cần làm thủ tục gì? (có thể gõ không dấu)").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_url("**/thu-tuc/?q=*")
    page.locator("ol.results > li").first.locator("h2 a").click()
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.get_by_role("button", name="Bắt đầu nộp hồ sơ").click()

    page.get_by_label("Địa chỉ liên hệ").fill("Làng Ia Kênh, xã Bờ Ngoong, tỉnh Gia Lai")
    place = page.get_by_label("Nơi nộp hồ sơ")
    place.select_option(place.locator("option", has_text=commune).first.get_attribute("value"))
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    page.get_by_label("Họ, chữ đệm, tên của trẻ").fill("KSOR H'BIA")
    page.get_by_label("Nữ", exact=True).check()
    page.get_by_label("Ngày, tháng, năm sinh của trẻ").fill(timezone.localdate().isoformat())
    page.get_by_label("Nơi sinh của trẻ").fill("Trạm y tế xã Bờ Ngoong")
    page.get_by_label("Họ, chữ đệm, tên của mẹ").fill("Nguyễn Thị Hoa")
    page.get_by_label("Quan hệ của người đi đăng ký với trẻ").select_option("Mẹ")
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    # One scan uploaded; the ID card taken from the population database, with her consent.
    # upload.js (deferred) must be listening before a file is chosen.
    page.wait_for_load_state()
    notice = page.locator("fieldset.paper", has_text="Giấy chứng sinh")
    notice.locator("input[type=file]").set_input_files(
        {"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    notice.get_by_text("Đã tải lên xong: giay-chung-sinh.pdf").wait_for()
    card = page.locator("fieldset.paper", has_text="Giấy tờ tùy thân")
    assert "Không cần nộp: đã lấy từ Cơ sở dữ liệu quốc gia về dân cư" in card.inner_text()
    card.get_by_role("checkbox").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    page.get_by_label("Trực tuyến").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.get_by_role("button", name="Lưu và tiếp tục").click()  # the fees: none on time
    assert fits_the_screen(page)
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/nop-ho-so/da-nop/**")
    return str(page.locator(".reference").inner_text())


def test_a_new_citizen_files_online_answers_a_supplement_and_downloads_the_result(
    page: Any, desk: Any, demo: Any
) -> None:
    person = a_citizen_without_an_account()
    commune = StaffAssignment.objects.filter(user__username=COMMUNE_OFFICER).first().agency.name
    citizen_registers_and_verifies(page, demo, person)
    reference = citizen_files_a_birth_registration(page, commune)

    dossier = Dossier.objects.get(reference=reference)
    card = dossier.components.get(replaced_by="CSDLQG_DAN_CU")
    # Fetched through the gateway from the sandbox at submission, the exchange's id kept.
    assert card.record_reference and card.reused.summary[1] == [
        "Số định danh cá nhân",
        person.id_number,
    ]
    page.goto("/ho-so-cua-toi/")
    assert reference in page.locator("main").inner_text()

    # The commune's officer sees where the ID card came from, receives, asks for a paper.
    officer_logs_in(desk, COMMUNE_OFFICER)
    desk.goto(f"/can-bo/ho-so/{reference}/")
    papers = desk.locator("#components-title + ol").inner_text()
    assert (
        f"Đã khai thác từ Cơ sở dữ liệu quốc gia về dân cư, mã bản tin {card.record_reference}"
        in papers
    )
    assert person.address in papers
    assert "Đã tiếp nhận hồ sơ" in officer_does(desk, "receive")
    dossier.refresh_from_db()
    assert "Đã yêu cầu bổ sung" in officer_does(
        desk,
        "request_supplement",
        {
            "Giấy tờ cần bổ sung, hoàn thiện (mỗi dòng một mục, nêu đầy đủ một lần)": (
                "Bản chụp Giấy chứng sinh rõ nét hơn"
            )
        },
    )

    # She answers it in place.
    page.goto(f"/ho-so-cua-toi/{reference}/")
    assert "Bản chụp Giấy chứng sinh rõ nét hơn" in page.locator("main").inner_text()
    page.get_by_label("Tệp bổ sung").set_input_files(
        {"name": "giay-chung-sinh-ro.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Gửi giấy tờ bổ sung").click()
    page.wait_for_load_state()
    assert "Đã gửi giấy tờ bổ sung" in page.locator(".messages").inner_text()

    # The commune receives it, processes, the chairman signs, the result file goes online.
    desk.goto(f"/can-bo/ho-so/{reference}/")
    assert "Bổ sung: giay-chung-sinh-ro.pdf" in desk.locator("main").inner_text()
    finish_in_the_back_office(desk, reference)

    page.goto(f"/ho-so-cua-toi/{reference}/")
    assert "Đã trả kết quả" in page.locator("main").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về: Giấy khai sinh KSOR H'BIA.pdf").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == RESULT
    assert fits_the_screen(page)


def finish_in_the_back_office(desk: Any, reference: str) -> None:
    """Whatever the commune's steps ask, in order, until the result is returned; when the next
    step is the other official's (the chairman signs), they take over at their own login."""
    file = {"name": "Giấy khai sinh KSOR H'BIA.pdf", "mimeType": "application/pdf"}
    current = COMMUNE_OFFICER
    for _ in range(10):
        if Dossier.objects.get(reference=reference).status == Status.RETURNED:
            return
        available = desk.locator("[data-action]").evaluate_all(
            "nodes => nodes.map(n => n.dataset.action)"
        )
        if "receive_supplement" in available:
            officer_does(desk, "receive_supplement")
        elif "return_result" in available:
            officer_does(desk, "return_result")
        elif "mark_result_ready" in available:
            officer_does(desk, "mark_result_ready", files={**file, "buffer": RESULT})
        elif "approve" in available:
            officer_does(desk, "approve")
        elif "forward" in available:
            officer_does(desk, "forward", {"Ghi chú": "Đủ điều kiện đăng ký khai sinh"})
        elif "assign" in available:
            desk.locator('summary[data-action="assign"]').click()
            desk.get_by_label("Cán bộ xử lý").select_option(label="Rơ Châm H'Nhi")
            desk.locator('form[action$="/assign/"] button[type=submit]').click()
            desk.wait_for_load_state()
        else:
            officer_logs_out(desk)
            current = COMMUNE_LEADER if current == COMMUNE_OFFICER else COMMUNE_OFFICER
            officer_logs_in(desk, current)
            desk.goto(f"/can-bo/ho-so/{reference}/")
    raise AssertionError(f"not returned: {Dossier.objects.get(reference=reference).status}")


@pytest.fixture
def thao_dossier(demo: Any) -> Dossier:
    """A dossier of Thảo's (DEMO.md's young mother) with a scanned paper and a result file."""
    from django.core.files.base import ContentFile

    from motcua.catalog.models import Procedure
    from motcua.dossiers import lifecycle, uploads
    from motcua.dossiers.models import Attachment, ReturnMethod
    from motcua.submissions.drafts import receiving_agencies

    thao = User.objects.get(username=demo_people.BY_KEY["thao"].id_number)
    # A procedure without a form of its own (the judicial record certificate of the back office
    # tests): this test is about who may look, not about what was declared.
    procedure = Procedure.objects.get(code="2.000505")
    dossier = lifecycle.submit_online(
        procedure,
        applicant={
            "name": thao.full_name,
            "id_number": thao.identity_number,
            "phone": demo_people.BY_KEY["thao"].phone,
            "address": demo_people.BY_KEY["thao"].full_address,
        },
        form_data={},
        by=thao,
        receiving_agency=receiving_agencies(procedure)[0],
        return_method=ReturnMethod.ONLINE,
    )
    uploads.store_file(dossier, ContentFile(PDF, name="giay-chung-sinh.pdf"), by=thao)
    Attachment.objects.create(
        dossier=dossier,
        kind=Attachment.Kind.RESULT,
        title="Phiếu lý lịch tư pháp.pdf",
        file=ContentFile(RESULT, name="phieu-lltp.pdf"),
        content_type="application/pdf",
        size=len(RESULT),
        sha256="-",
    )
    return dossier


def citizen_logs_in(page: Any, key: str) -> None:
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Số điện thoại, thư điện tử hoặc số định danh").fill(
        demo_people.BY_KEY[key].id_number
    )
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url("**/tai-khoan/")


def test_another_citizen_sees_and_downloads_nothing_of_a_dossier_not_theirs(
    page: Any, thao_dossier: Dossier
) -> None:
    ref = thao_dossier.reference
    paper = thao_dossier.attachments.get(kind="component")
    result = thao_dossier.attachments.get(kind="result")
    secrets = (demo_people.BY_KEY["thao"].full_name, demo_people.BY_KEY["thao"].id_number)
    addresses = {
        "dossier page": f"/ho-so-cua-toi/{ref}/",
        "result download": f"/ho-so-cua-toi/{ref}/ket-qua/{result.pk}/",
        "submission receipt page": f"/nop-ho-so/da-nop/{ref}/",
        "officials' API detail": f"/api/v1/officials/dossiers/{ref}",
    }

    # The owner herself gets every one of them: the 404s below are about who asks.
    citizen_logs_in(page, "thao")
    for name, address in list(addresses.items())[:3]:
        assert page.request.get(address).status == 200, name
    page.context.clear_cookies()

    citizen_logs_in(page, "huy")
    page.goto("/ho-so-cua-toi/")
    assert ref not in page.locator("main").inner_text()
    for name, address in addresses.items():
        answer = page.request.get(address)
        assert answer.status == 404, (name, answer.status)
        assert not any(secret in answer.text() for secret in secrets), name
    listed = page.request.get("/api/v1/officials/dossiers")
    assert ref not in listed.text() and secrets[0] not in listed.text()
    # The back office is for officials: a citizen is refused before any dossier is looked up.
    for address in (f"/can-bo/ho-so/{ref}/", f"/can-bo/ho-so/{ref}/tep/{paper.pk}/"):
        answer = page.request.get(address)
        assert answer.status == 403 and answer.body() != PDF, address
        assert not any(secret in answer.text() for secret in secrets), address
    # The public status lookup answers anyone, and carries no personal data.
    public = page.request.get(f"/api/v1/dossiers/{ref}/status")
    assert public.status == 200
    assert not any(secret in public.text() for secret in secrets)
