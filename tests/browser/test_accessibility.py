"""WCAG 2.2 AA on the citizen pages of issue 6, checked by axe-core in Debian's Chromium at 360×740.

axe-core is vendored under vendor/ for the tests only (never served). Each page gets the seeded
demo province (a few dozen dossiers in tests) behind the live server. Pages that need a login
are opened as the demo's young mother.
"""

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.core.demo_people import BY_KEY
from motcua.dossiers.models import Dossier
from motcua.portal.popular import CACHE_KEY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
BLOCKING = {"serious", "critical"}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture
def site(live_server: Any, settings: Any, tmp_path: Any) -> dict[str, str]:
    """The seeded demo behind the live server, with the addresses of the pages to check."""
    settings.DEBUG = True  # seed-demo refuses to run on what looks like production
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    cache.delete(CACHE_KEY)
    thao = User.objects.get(username=BY_KEY["thao"].id_number)
    mine = Dossier.objects.filter(applicant_user=thao).exclude(code=None).order_by("pk").first()
    assert mine is not None and mine.code
    return {
        "url": live_server.url,
        "thao": str(thao.pk),
        "procedure": Procedure.objects.published().get(code="1.001193").code,
        "reference": mine.reference,
        "code": mine.code,
    }


def log_in_as_thao(page: Any, site: dict[str, str]) -> None:
    client = Client()
    client.force_login(User.objects.get(pk=site["thao"]))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site["url"]}])


def start_draft(page: Any, site: dict[str, str]) -> str:
    page.goto(f"/nop-ho-so/{site['procedure']}/")
    start = page.get_by_role("button", name="Bắt đầu nộp hồ sơ")
    if start.count():
        start.click()
    page.wait_for_url("**/nop-ho-so/ban-nhap/**")
    return page.url.split("/nop-ho-so/ban-nhap/", 1)[1].split("/", 1)[0]


def violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def report(path: str, found: list[dict[str, Any]]) -> str:
    lines = [f"{len(found)} serious or critical axe-core violations on {path}:"]
    for v in found:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}")
        for node in v["nodes"][:10]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


WIZARD_STEPS = ["nguoi-nop", "to-khai", "giay-to", "nhan-ket-qua", "le-phi", "xem-lai"]
PAGES = [
    ("home", "/", False),
    ("catalog", "/thu-tuc/", False),
    ("catalog-search", "/thu-tuc/?q=dang+ky+khai+sinh", False),
    ("procedure", "/thu-tuc/{procedure}/", False),
    ("lookup-form", "/tra-cuu/", False),
    ("lookup-result", "/tra-cuu/{code}/", False),
    ("lookup-not-found", "/tra-cuu/000.00.01.H21-990101-9999/", False),
    ("help", "/huong-dan/", False),
    ("help-submit", "/huong-dan/nop-truc-tuyen/", False),
    ("help-contacts", "/huong-dan/tro-giup/", False),
    ("help-faq", "/huong-dan/cau-hoi/", False),
    ("login", "/tai-khoan/dang-nhap/", False),
    ("register", "/tai-khoan/dang-ky/", False),
    ("wizard-start", "/nop-ho-so/{procedure}/", True),
    *[(f"wizard-{step}", f"draft:{step}", True) for step in WIZARD_STEPS],
    ("my-dossiers", "/ho-so-cua-toi/", True),
    ("my-dossier", "/ho-so-cua-toi/{reference}/", True),
    ("account", "/tai-khoan/", True),
]


@pytest.mark.parametrize(("name", "path", "logged_in"), PAGES, ids=[p[0] for p in PAGES])
def test_no_serious_or_critical_accessibility_violation(
    page: Any, site: dict[str, str], name: str, path: str, logged_in: bool
) -> None:
    if logged_in:
        log_in_as_thao(page, site)
    if path.startswith("draft:"):
        path = f"/nop-ho-so/ban-nhap/{start_draft(page, site)}/{path.removeprefix('draft:')}/"
    path = path.format(**site)
    response = page.goto(path)
    assert response is not None and response.status in (200, 404), (path, response)
    assert page.url.endswith(path), f"{path} went to {page.url}"
    found = violations(page)
    assert not found, report(path, found)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360 px"
