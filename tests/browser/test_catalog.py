"""The catalog's promise, on a phone: type without accents, find the right procedure first,
see what to bring and how long it takes."""

import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_catalog(settings):
    settings.DEBUG = True  # seed-demo refuses to run on what looks like production
    call_command("seed_demo", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ly lich tu phap", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"),
        ("dang ky khai sinh", "Đăng ký khai sinh"),
        ("giay phep xay dung", "Cấp giấy phép xây dựng"),
    ],
)
def test_a_citizen_typing_without_accents_finds_the_procedure_first(
    page, demo_catalog, typed, expected
):
    page.goto("/thu-tuc/")
    page.get_by_label("Bạn cần làm thủ tục gì? (có thể gõ không dấu)").fill(typed)
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_url("**/thu-tuc/?q=*")
    first = page.locator("ol.results > li").first
    assert first.locator("h2").inner_text().startswith(expected)

    first.locator("h2 a").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(expected)
    assert page.get_by_role("heading", name="Giấy tờ cần chuẩn bị").is_visible()
    assert "ngày làm việc" in page.locator(".facts").inner_text()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_results_update_as_the_citizen_types(page, demo_catalog):
    page.goto("/thu-tuc/")
    page.get_by_label("Bạn cần làm thủ tục gì? (có thể gõ không dấu)").press_sequentially(
        "khai tu", delay=30
    )
    page.wait_for_function("document.querySelector('ol.results h2')?.innerText.includes('khai tử')")
    assert "q=khai%20tu" in page.url  # the address bar follows, so the page can be shared
