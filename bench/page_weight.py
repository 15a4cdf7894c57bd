"""What does a citizen's phone download on the first visit to each key page?

Issue 6 sets the bar: under 150 KB transferred on first load, fonts excluded (MotCua uses system
fonts, so there are none), and no request to any other host. A slow 3G connection moves about
50 KB/s, so 150 KB is three seconds before the page is complete.

Run:  .venv/bin/python bench/page_weight.py

The script builds a throwaway deployment in a temporary MOTCUA_VAR_DIR: migrate, seed-demo,
collectstatic (WhiteNoise's CompressedManifestStaticFilesStorage writes the gzip and brotli
files), then `motcua serve --no-worker --no-sandbox` (granian, WSGI) on a free port with DEBUG
off, as in production except for plain HTTP on the loopback. Debian's Chromium, driven by
Playwright at 360×740, opens every page in a fresh browser context (empty cache); the pages of
"Hồ sơ của tôi" and the wizard get the session cookie of the demo's young mother, who logged in
through the login form in another context, so her login does not warm the cache.

Bytes are what crossed the wire: response headers plus the body as encoded (compressed) by the
server, summed over every request of the page until the network is idle. Nothing is timed, so
the figures are the same on any machine for the same code and data.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium")
BUDGET_BYTES = 150 * 1024
CITIZEN = "052195001234"  # Nguyễn Thị Thu Thảo, the demo's young mother (DEMO.md)
DEMO_PASSWORD = "motcua-demo-2026"  # noqa: S105 - the published demo password


@dataclass
class Weight:
    name: str
    path: str
    requests: int = 0
    bytes_by_type: dict[str, int] = field(default_factory=dict)
    foreign: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(size for kind, size in self.bytes_by_type.items() if kind != "font")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def deployment_env(var_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        MOTCUA_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="motcua.settings",
        DEBUG="0",
        SECRET_KEY="page-weight-bench-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        # Plain HTTP on the loopback: secure-only cookies would never come back.
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        LOG_LEVEL="WARNING",
    )
    return env


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [PYTHON, "-m", "motcua.cli", *args],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"motcua {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


DISCOVER = """
import json
from motcua.catalog.models import Procedure
from motcua.core.text import fold
from motcua.dossiers.models import Dossier
from motcua.accounts.models import User
birth = next(p for p in Procedure.objects.published() if fold(p.name) == "dang ky khai sinh")
mine = Dossier.objects.filter(applicant_user=User.objects.get(username="{citizen}"))
print(json.dumps({{
    "procedure": birth.code,
    "reference": mine.exclude(code=None).order_by("reference").first().reference,
    "code": Dossier.objects.exclude(code=None).order_by("code").first().code,
}}))
"""


def prepare(var_dir: Path, port: int) -> dict[str, str]:
    env = deployment_env(var_dir, port)
    run(["migrate", "--no-input", "-v", "0"], env)
    # seed-demo refuses to run with DEBUG off: it creates accounts with a published password.
    run(["seed_demo"], {**env, "DEBUG": "1"})
    run(["collectstatic", "--no-input", "-v", "0"], env)
    out = run(["shell", "-v", "0", "-c", DISCOVER.format(citizen=CITIZEN)], env)
    return dict(json.loads(out.strip().splitlines()[-1]))


def start_server(var_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = deployment_env(var_dir, port)
    server = subprocess.Popen(
        [PYTHON, "-m", "motcua.cli", "serve", "--no-worker", "--no-sandbox", "--port", str(port)],
        env=env,
        cwd=PROJECT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    sys.exit("The server did not answer /healthz within 60 s.")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    # `motcua serve` stops its own children on SIGTERM; the group catches any straggler.
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def measure(browser: Any, base: str, name: str, path: str, state: Any = None) -> Weight:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, base_url=base, storage_state=state
    )
    page = context.new_page()
    seen: list[Any] = []
    page.on("requestfinished", lambda request: seen.append(request))
    page.on("requestfailed", lambda request: seen.append(request))
    response = page.goto(path)
    page.wait_for_load_state("networkidle")
    if response is None or response.status >= 400:
        sys.exit(f"{path} answered {response.status if response else 'nothing'}")
    weight = Weight(name, path, requests=len(seen))
    host = base.split("/", 3)[2]
    for request in seen:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        kind = request.resource_type
        weight.bytes_by_type[kind] = weight.bytes_by_type.get(kind, 0) + max(0, size)
        if request.url.split("/", 3)[2] != host:
            weight.foreign.append(request.url)
    context.close()
    return weight


def log_in_and_start_a_draft(browser: Any, base: str, procedure: str) -> tuple[Any, str]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=base)
    page = context.new_page()
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Số điện thoại, thư điện tử hoặc số định danh").fill(CITIZEN)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_load_state("networkidle")
    page.goto(f"/nop-ho-so/{procedure}/")
    start = page.get_by_role("button", name="Bắt đầu nộp hồ sơ")
    if start.count():
        start.click()
    page.wait_for_url("**/nop-ho-so/ban-nhap/**")
    draft = page.url.split("/nop-ho-so/ban-nhap/", 1)[1].split("/", 1)[0]
    state = context.storage_state()
    context.close()
    return state, f"/nop-ho-so/ban-nhap/{draft}/"


def pages(found: dict[str, str], draft: str) -> list[tuple[str, str, bool]]:
    """(name, path, needs the citizen's session)."""
    steps = ["nguoi-nop", "to-khai", "giay-to", "nhan-ket-qua", "le-phi", "xem-lai"]
    return [
        ("Trang chủ", "/", False),
        ("Danh mục thủ tục", "/thu-tuc/", False),
        ("Tìm 'dang ky khai sinh'", "/thu-tuc/?q=dang+ky+khai+sinh", False),
        ("Trang thủ tục", f"/thu-tuc/{found['procedure']}/", False),
        ("Tra cứu (mẫu)", "/tra-cuu/", False),
        ("Tra cứu (kết quả)", f"/tra-cuu/{found['code']}/", False),
        ("Hướng dẫn", "/huong-dan/", False),
        ("Đăng nhập", "/tai-khoan/dang-nhap/", False),
        ("Đăng ký", "/tai-khoan/dang-ky/", False),
        *[(f"Nộp hồ sơ: {step}", f"{draft}{step}/", True) for step in steps],
        ("Hồ sơ của tôi", "/ho-so-cua-toi/", True),
        ("Một hồ sơ của tôi", f"/ho-so-cua-toi/{found['reference']}/", True),
    ]


def table(weights: list[Weight]) -> str:
    lines = [
        "| page | requests | HTML | CSS | JS | images | other | total KB | under 150 KB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for w in weights:
        b = w.bytes_by_type
        other = w.total - sum(b.get(k, 0) for k in ("document", "stylesheet", "script", "image"))
        lines.append(
            f"| {w.name} (`{w.path}`) | {w.requests} | {b.get('document', 0):,} | "
            f"{b.get('stylesheet', 0):,} | {b.get('script', 0):,} | {b.get('image', 0):,} | "
            f"{other:,} | {w.total / 1024:.1f} | {'yes' if w.total < BUDGET_BYTES else 'NO'} |"
        )
    return "\n".join(lines)


def main() -> int:
    from playwright.sync_api import sync_playwright

    var_dir = Path(tempfile.mkdtemp(prefix="motcua-bench-weight-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        print(f"Seeding the demo in {var_dir} ...", file=sys.stderr)
        found = prepare(var_dir, port)
        server = start_server(var_dir, port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                          "--disable-background-networking", "--disable-component-update",
                          "--no-first-run"],
                )  # fmt: skip
                state, draft = log_in_and_start_a_draft(browser, base, found["procedure"])
                weights = [
                    measure(browser, base, name, path, state if private else None)
                    for name, path, private in pages(found, draft)
                ]
                browser.close()
        finally:
            stop_server(server)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    print(table(weights))
    foreign = [url for w in weights for url in w.foreign]
    over = [w.path for w in weights if w.total >= BUDGET_BYTES]
    print(
        f"\nRequests to other hosts: {len(foreign)}{': ' + ', '.join(foreign) if foreign else ''}"
    )
    print(f"Pages over {BUDGET_BYTES // 1024} KB: {', '.join(over) or 'none'}")
    return 1 if foreign or over else 0


if __name__ == "__main__":
    sys.exit(main())
