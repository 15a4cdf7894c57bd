"""The sandbox (the stand-in national systems) served on a loopback port, as the gateway's upstream.

Its real views, URLconf and fault middleware, run by Django's threaded WSGI server in a thread of
the test process. The test settings install the sandbox app, so its rows live in the test
database: tests that use it are transactional, since the server's threads have their own
database connections and see only what has been committed.

`faults` adds the sandbox's fault headers (X-Sandbox-Status, X-Sandbox-Delay-Ms) to every request,
so a test makes the national system slow or failing without the client knowing about it.
"""

import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.http import HttpRequest, HttpResponse
from django.test import override_settings

SANDBOX_MIDDLEWARE = [
    "tests.lgsp.sandbox_server.SandboxUrlconf",
    "motcua.sandbox.faults.FaultMiddleware",
]


class SandboxUrlconf:
    """Resolve against the sandbox's own URLconf, as its own server does."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.urlconf = "motcua.sandbox.urls"  # type: ignore[attr-defined]
        return self.get_response(request)


class SandboxApp(WSGIHandler):
    def __init__(self) -> None:
        self.faults: dict[str, str] = {}
        with override_settings(MIDDLEWARE=SANDBOX_MIDDLEWARE):
            super().__init__()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        for header, value in self.faults.items():
            environ["HTTP_" + header.upper().replace("-", "_")] = value
        return super().__call__(environ, start_response)


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class SandboxServer:
    def __init__(self) -> None:
        self.app = SandboxApp()
        self.httpd = ThreadedWSGIServer(("127.0.0.1", 0), _Quiet, allow_reuse_address=False)
        self.httpd.daemon_threads = True
        self.httpd.set_app(self.app)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def fail_with(self, status: int) -> None:
        self.app.faults = {"X-Sandbox-Status": str(status)}

    def delay(self, milliseconds: int) -> None:
        self.app.faults = {"X-Sandbox-Delay-Ms": str(milliseconds)}

    def heal(self) -> None:
        self.app.faults = {}

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
