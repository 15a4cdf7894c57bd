"""Issue 4's "Done when", in a desktop browser: an officer at the Public Administration Service
Center receives an online dossier, prints its receipt, sends it through a specialist and a leader
of Sở Tư pháp, and returns the result; the public lookup then says so."""

import io
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.core.management.commands.seed_demo import DEMO_PASSWORD
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier, ReturnMethod, Status
from motcua.org.demo import SERVICE_CENTER
from motcua.org.models import Agency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Sở Tư pháp's judicial-record certificate for state agencies: received at the Service Center,
# processed and signed at Sở Tư pháp (the default steps: receive, process, approve, return).
PROCEDURE = "2.000505"


@pytest.fixture
def desk_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A desktop-sized page, as at the one-stop counter."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="vi-VN", base_url=live_server.url
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def online_dossier(settings: Any, tmp_path: Any) -> Dossier:
    settings.DEBUG = True  # seed-demo refuses to run on what looks like production
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    citizen = User.objects.create_user(
        username="hothilan", password="not-used", full_name="Hồ Thị Lan"
    )
    # The demo's queues already hold online dossiers waiting for reception; this one has waited
    # longest, so it must come first.
    waiting = Dossier.objects.filter(status=Status.SUBMITTED).order_by("submitted_at").first()
    at = (waiting.submitted_at if waiting else timezone.now()) - timedelta(hours=1)
    return lifecycle.submit_online(
        Procedure.objects.get(code=PROCEDURE),
        applicant={
            "name": "Hồ Thị Lan",
            "id_number": "064190001234",
            "phone": "0905123456",
            "address": "12 Hùng Vương, phường Pleiku, tỉnh Gia Lai",
        },
        form_data={},
        by=citizen,
        receiving_agency=Agency.objects.get(code=SERVICE_CENTER),
        return_method=ReturnMethod.DESK,
        at=at,
    )


def log_in(page: Any, username: str) -> None:
    page.goto("/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/can-bo/")


def log_out(page: Any) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/can-bo/dang-nhap/")


def open_from_tab(page: Any, tab: str, dossier_label: str) -> None:
    page.locator(f'.bo-tabs a[data-tab="{tab}"]').click()
    page.wait_for_url(f"**tab={tab}*")
    # The demo seed fills the queues too: find this dossier's row among theirs.
    row = page.locator(".bo-table tbody tr", has_text=dossier_label)
    row.get_by_role("link", name=dossier_label).click()
    page.wait_for_url("**/can-bo/ho-so/**")


def confirm(page: Any, action: str, fill: dict[str, str] | None = None) -> None:
    page.locator(f'summary[data-action="{action}"]').click()
    form = page.locator(f'form[action$="/{action}/"]')
    for label, value in (fill or {}).items():
        form.get_by_label(label).fill(value)
    form.get_by_role("button").click()
    page.wait_for_load_state()


def test_the_service_center_receives_and_returns_a_dossier_processed_by_tu_phap(
    desk_page, online_dossier
):
    page = desk_page
    reference = online_dossier.reference

    # The officer finds the online dossier first in "Chờ tiếp nhận" and receives it.
    log_in(page, "motcua.tiepnhan")
    active = page.locator('.bo-tabs a[aria-current="page"]')
    assert active.get_attribute("data-tab") == "cho-tiep-nhan"
    first = page.locator(".bo-table tbody tr").first
    assert reference in first.inner_text()
    assert "Trực tuyến" in first.inner_text()
    first.get_by_role("link", name=reference).click()
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    page.wait_for_load_state()
    code = Dossier.objects.get(pk=online_dossier.pk).code
    assert code and code in page.locator(".messages").inner_text()

    # The receipt prints from the message's link.
    href = page.get_by_role("link", name="In giấy tiếp nhận").get_attribute("href")
    receipt = page.request.get(href)
    assert receipt.status == 200
    assert receipt.headers["content-type"] == "application/pdf"
    assert receipt.body().startswith(b"%PDF")
    log_out(page)

    # Sở Tư pháp's leader assigns it to the specialist.
    log_in(page, "tuphap.lanhdao")
    open_from_tab(page, "can-xu-ly", code)
    page.locator('summary[data-action="assign"]').click()
    page.get_by_label("Cán bộ xử lý").select_option(label="Trần Minh Khoa")
    page.locator('form[action$="/assign/"]').get_by_role("button").click()
    page.wait_for_load_state()
    assert "Đã phân công xử lý hồ sơ" in page.locator(".messages").inner_text()
    log_out(page)

    # The specialist appraises it and sends it up for signature.
    log_in(page, "tuphap.chuyenvien")
    open_from_tab(page, "can-xu-ly", code)
    confirm(page, "forward", {"Ghi chú": "Hồ sơ đủ điều kiện, đề nghị lãnh đạo ký."})
    assert "sang bước tiếp theo" in page.locator(".messages").inner_text()
    log_out(page)

    # The leader signs, and the result goes back to the Service Center.
    log_in(page, "tuphap.lanhdao")
    open_from_tab(page, "cho-phe-duyet", code)
    confirm(page, "approve")
    assert "Đã phê duyệt hồ sơ" in page.locator(".messages").inner_text()
    page.get_by_role("button", name="Xác nhận đã có kết quả").click()
    page.wait_for_load_state()
    assert "đã có kết quả" in page.locator(".messages").inner_text()
    log_out(page)

    # The officer hands the result over at the desk.
    log_in(page, "motcua.tiepnhan")
    open_from_tab(page, "da-co-ket-qua", code)
    confirm(page, "return_result")
    assert "Đã trả kết quả hồ sơ" in page.locator(".messages").inner_text()
    timeline = page.locator(".bo-timeline").inner_text()
    for step in ("Tiếp nhận hồ sơ", "Phân công xử lý hồ sơ", "Phê duyệt hồ sơ", "Trả kết quả"):
        assert step in timeline
    assert Dossier.objects.get(pk=online_dossier.pk).status == Status.RETURNED

    # The public lookup tells the same story.
    page.goto(f"/tra-cuu/{code}/")
    assert "Đã trả kết quả" in page.get_by_role("heading", level=2).first.inner_text()
