import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium")
_skipped_browser_tests: list[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if shutil.which(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
            _skipped_browser_tests.append(item.nodeid)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _skipped_browser_tests:
        terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.line(
            f"{len(_skipped_browser_tests)} browser tests did not run: {CHROMIUM} is missing. "
            "Install it with: apt-get install -y chromium",
            red=True,
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # Playwright's sync API runs an event loop in this thread; Django's ORM would then refuse
    # to run in the same thread (SynchronousOnlyOperation) without this flag.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A phone-sized page (a low-end Android phone is our first user), English browser locale
    on purpose: MotCua must still answer in Vietnamese."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="en-US", base_url=live_server.url
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    """A rolled-back test sends no delete signal, so the cached working calendar could carry a
    province's day off from one test into the next."""
    from motcua.core.calendar import invalidate_default_calendar

    invalidate_default_calendar()
    yield
    invalidate_default_calendar()
