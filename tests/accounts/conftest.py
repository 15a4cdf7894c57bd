"""The accounts tests reuse the dossier tests' cast (tests/dossiers/conftest.py): Hà, officer at
the Service Center; Khoa and Nhung, specialist and leader of Sở Tư pháp; Bảo, specialist of Sở Xây
dựng; Lan, a citizen. Minh registers here with his phone, Mai with her e-mail.

SMS leave through the LGSP client `sms.send`; most tests catch them in `texts` (a stand-in for the
phone), and the integration tests send them through the real gateway to the sandbox's inbox.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.test import Client

from motcua.core import outbox
from tests.dossiers.conftest import cast, lan_applicant  # noqa: F401

PASSWORD = "mat-khau-rat-kho-2026"
MINH_PHONE = "0912345678"


@dataclass
class Phone:
    """What reached citizens' phones, through the patched LGSP SMS client."""

    sent: list[tuple[str, str, str]] = field(default_factory=list)

    def last_code(self, phone: str) -> str:
        deliver()
        texts = [text for to, text, _ in self.sent if to == phone]
        assert texts, f"no SMS to {phone}"
        found = re.search(r"\b(\d{6})\b", texts[-1])
        assert found, texts[-1]
        return found.group(1)


def deliver() -> None:
    outbox.deliver_due(worker_id="test")


@pytest.fixture(autouse=True)
def _fresh_counters() -> Iterator[None]:
    """Rate-limit counters live in the cache, which outlives each test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def phone(monkeypatch: pytest.MonkeyPatch) -> Phone:
    from motcua.lgsp.clients import sms

    caught = Phone()

    def send(to: str, text: str, *, request_id: str) -> str:
        caught.sent.append((to, text, request_id))
        return f"msg-{len(caught.sent)}"

    monkeypatch.setattr(sms, "send", send)
    return caught


def register(client: Client, contact: str = MINH_PHONE, name: str = "Phạm Văn Minh") -> object:
    return client.post(
        "/tai-khoan/dang-ky/",
        {"contact": contact, "full_name": name, "password": PASSWORD, "password2": PASSWORD},
    )


@pytest.fixture(scope="session")
def _sandbox_server() -> Iterator[object]:
    from tests.lgsp.sandbox_server import SandboxServer

    server = SandboxServer()
    yield server
    server.stop()


@pytest.fixture
def lgsp_sandbox(_sandbox_server: object, transactional_db: None) -> Iterator[object]:
    """The LGSP registry wired to the sandbox on loopback as `motcua seed-demo` wires it; the
    sandbox's own records seeded (its citizens, businesses; SMS land in its inbox)."""
    from motcua.lgsp import demo
    from motcua.lgsp.clients import transport
    from motcua.sandbox import data

    transport.forget_tokens()
    data.seed()
    demo.wire_sandbox(_sandbox_server.url)  # type: ignore[attr-defined]
    yield _sandbox_server
    transport.forget_tokens()
