"""Issue 6's wizard on a phone (360×740): the demo's young mother finds "đăng ký khai sinh"
typed without accents, files it with one scan sent in pieces by upload.js and her ID card taken
from the population database, and finds it in "Hồ sơ của tôi"."""

import io
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from motcua.accounts.models import User
from motcua.core.demo_people import BY_KEY
from motcua.dossiers.models import Channel, Dossier, Status
from tests.accounts.conftest import _sandbox_server, lgsp_sandbox  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n" + b"0" * (700 * 1024) + b"\n%%EOF\n"  # two pieces of 512 KB


@pytest.fixture
def thao(settings: Any, tmp_path: Any, lgsp_sandbox: Any) -> User:  # noqa: F811
    # The ID card is fetched from the population database at submission: the sandbox answers.
    settings.DEBUG = True  # seed-demo refuses to run on what looks like production
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    return User.objects.get(username=BY_KEY["thao"].id_number)


def log_in(page: Any, user: User, base_url: str) -> None:
    """The citizen login is another slice's page: take a session made by Django's test client."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def test_a_mother_files_a_birth_registration_from_her_phone(
    page: Any, live_server: Any, thao: User
) -> None:
    log_in(page, thao, live_server.url)
    page.goto("/thu-tuc/")
    page.get_by_label("Bạn cần làm thủ tục gì? (có thể gõ không dấu)").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_url("**/thu-tuc/?q=*")
    page.locator("ol.results > li").first.locator("h2 a").click()
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.get_by_role("button", name="Bắt đầu nộp hồ sơ").click()

    # Người nộp: prefilled from her account, the rest typed.
    assert page.get_by_label("Họ và tên người nộp hồ sơ").input_value() == "Nguyễn Thị Thu Thảo"
    assert page.get_by_label("Số định danh cá nhân").input_value() == "052195001234"
    page.get_by_label("Số điện thoại").fill("0905111222")
    page.get_by_label("Địa chỉ liên hệ").fill("45 Lê Lợi, phường Quy Nhơn, tỉnh Gia Lai")
    place = page.get_by_label("Nơi nộp hồ sơ")
    if place.count():
        place.select_option(index=1)
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    # Tờ khai: one mistake first, kept and explained.
    page.get_by_label("Họ, chữ đệm, tên của trẻ").fill("NGUYỄN MINH AN")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("Họ, chữ đệm, tên của trẻ").input_value() == "NGUYỄN MINH AN"
    page.get_by_label("Nam", exact=True).check()
    page.get_by_label("Ngày, tháng, năm sinh của trẻ").fill("2026-11-20")
    page.get_by_label("Nơi sinh của trẻ").fill("Bệnh viện Đa khoa tỉnh Gia Lai")
    page.get_by_label("Họ, chữ đệm, tên của mẹ").fill("Nguyễn Thị Thu Thảo")
    page.get_by_label("Quan hệ của người đi đăng ký với trẻ").select_option("Mẹ")
    # A slow phone: upload.js arrives only after she has picked her scan (the script must still
    # send it in pieces; it once waited for a "change" that had already happened).
    held: list[Any] = []
    page.route("**/upload.js", lambda route: held.append(route))
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    # Giấy tờ: the birth notice scanned and sent in pieces; the ID card from national data.
    notice = page.locator("fieldset.paper", has_text="Giấy chứng sinh")
    notice.locator("input[type=file]").set_input_files(
        {"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.wait_for_timeout(200)
    assert held, "upload.js was not requested after the file was chosen"
    for route in held:
        route.continue_()
    notice.get_by_text("Đã tải lên xong: giay-chung-sinh.pdf").wait_for()
    card = page.locator("fieldset.paper", has_text="Giấy tờ tùy thân")
    assert "Không cần nộp: đã lấy từ Cơ sở dữ liệu quốc gia về dân cư" in card.inner_text()
    card.get_by_role("checkbox").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    page.get_by_label("Trực tuyến").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("Lệ phí")
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    assert "giay-chung-sinh.pdf" in page.locator(".review").inner_text()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/nop-ho-so/da-nop/**")
    reference = page.locator(".reference").inner_text()

    dossier = Dossier.objects.get(reference=reference)
    assert (dossier.status, dossier.channel, dossier.applicant_user) == (
        Status.SUBMITTED,
        Channel.ONLINE,
        thao,
    )
    assert dossier.attachments.get().file.read() == PDF
    assert dossier.components.get(replaced_by="CSDLQG_DAN_CU").consent_at is not None

    page.goto("/ho-so-cua-toi/")
    assert reference in page.locator("main").inner_text()
    page.get_by_role("link", name="Đăng ký khai sinh").first.click()
    assert "Bạn đã nộp hồ sơ trực tuyến" in page.locator(".timeline").inner_text()
