"""A new citizen on a phone (360×740): registers with a phone number, reads the code in the SMS
that reached the sandbox's inbox through the LGSP, confirms, verifies their identity against the
population database (through the gateway too), logs out and logs in again."""

import re
from typing import Any

import pytest

from motcua.core import outbox
from motcua.core.demo_people import BY_KEY
from tests.accounts.conftest import _sandbox_server, lgsp_sandbox  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HUY = BY_KEY["huy"]
PASSWORD = "ca-phe-pho-nui-2026"


def fits_the_screen(page: Any) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_citizen_registers_with_a_phone_verifies_identity_and_logs_in_again(
    page: Any,
    lgsp_sandbox: Any,  # noqa: F811 - the fixture imported above
):
    page.goto("/tai-khoan/dang-ky/")
    assert fits_the_screen(page)
    page.get_by_label("Số điện thoại hoặc thư điện tử").fill("+84 935 222 333")
    page.get_by_label("Họ và tên").fill("Tran Quoc Huy")
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký và nhận mã").click()

    page.wait_for_url("**/tai-khoan/dang-ky/xac-nhan/")
    assert "0935***333" in page.content()
    # The worker's part: the outbox sends the SMS through the LGSP to the sandbox's SMS gateway.
    outbox.deliver_due(worker_id="browser-test")
    inbox = page.context.new_page()
    inbox.goto(f"{lgsp_sandbox.url.rstrip('/')}/sms/")
    text = inbox.locator("body").inner_text()
    inbox.close()
    code = re.search(r"Mã xác nhận MotCua: (\d{6})", text)
    assert code, text

    page.get_by_label("Mã xác nhận").fill(code.group(1))
    page.get_by_role("button", name="Xác nhận").click()

    page.wait_for_url("**/tai-khoan/xac-thuc/")
    assert fits_the_screen(page)
    page.get_by_label("Số định danh cá nhân (12 chữ số)").fill(HUY.id_number)
    page.get_by_label("Họ và tên").fill(HUY.full_name)
    page.get_by_label("Ngày sinh").fill(HUY.born.isoformat())
    page.get_by_role("button", name="Xác thực", exact=True).click()

    page.wait_for_url("**/tai-khoan/xac-thuc/")
    body = page.locator("main").inner_text()
    assert "Đã xác thực định danh với Cơ sở dữ liệu quốc gia về dân cư." in body
    assert HUY.id_number in body and "02/08/2000" in body

    page.goto("/tai-khoan/")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/tai-khoan/dang-nhap/")
    assert "Bạn đã đăng xuất." in page.locator("main").inner_text()

    page.get_by_label("Số điện thoại, thư điện tử hoặc số định danh").fill(HUY.id_number)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()

    page.wait_for_url("**/tai-khoan/")
    body = page.locator("main").inner_text()
    assert "Mức 2: đã xác thực với Cơ sở dữ liệu quốc gia về dân cư" in body
    assert HUY.full_name in body
    assert fits_the_screen(page)
