import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_phone_user_gets_vietnamese_and_can_switch_to_english_and_back(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Dịch vụ công của")

    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Public services of")

    page.get_by_role("button", name="Tiếng Việt").click()
    assert page.locator("html").get_attribute("lang") == "vi"


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Bỏ qua, đến nội dung chính"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_pages_fit_a_360_pixel_screen_without_sideways_scrolling(page):
    for path in ("/", "/co-quan/"):
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"


def test_static_assets_are_served_locally(page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    base = page.url.split("/", 3)[:3]
    assert all(url.split("/", 3)[:3] == base for url in requested), requested
    assert any(url.endswith("/static/motcua/site.css") for url in requested)
    # The stylesheet really applied: the header has the brand colour.
    header_colour = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header_colour == "rgb(164, 22, 26)"
