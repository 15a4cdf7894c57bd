"""What the LGSP gateway adds to a call: the sandbox's population lookup, directly and through it.

    .venv/bin/python bench/lgsp_overhead.py [seconds per measure, default 5]

One run starts, on loopback: the sandbox (the stand-in national population database, `motcua
sandbox --prepare-only` into a temporary directory, then granian: WSGI, one worker, 8 blocking
threads) and the LGSP as its own deployment (`motcua.lgsp.wsgi`; with
GATEWAY_APP=motcua.wsgi:application, the gateway inside the whole site) under granian the same
way. The gateway's fresh SQLite database holds the population lookup service as `make demo`
registers it (QCVN 109 XML requests checked against the XML Schema), one consumer with a bearer
token and its access right. Then, at concurrency 1 and 32, it sends the same QCVN 109 lookup (a
fresh MaYeuCau each time, as the law asks) directly to the sandbox and through /lgsp/..., and
prints req/s, p50/p99 latency, the latency the gateway adds, the throughput ratio, and the CPU
each server spent per call (the figure the load of other processes barely moves). Every gateway
call validates the XML and writes a message-log record (hash chain, one lock); every sandbox
call writes its own lookup log. For scale it also measures /healthz on the gateway's server,
and finally extends the log to VERIFY_ROWS records (default 100,000) and times `verify-log`.
GATEWAY_THREADS sets the gateway's blocking threads (default 8).
"""

import base64
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
# The LGSP as deployed on its own host; GATEWAY_APP=motcua.wsgi:application measures it inside
# the whole site instead (the embedded default, every middleware of the citizen pages).
GATEWAY_APP = os.environ.get("GATEWAY_APP", "motcua.lgsp.wsgi:application")
GATEWAY_SETTINGS = (
    "motcua.lgsp.settings" if GATEWAY_APP.startswith("motcua.lgsp") else "motcua.settings"
)
NS = "http://www.mic.gov.vn/dancu/1.0"
CITIZEN = "052195001234"  # Nguyễn Thị Thu Thảo of DEMO.md, whom the sandbox always knows


def lookup_body() -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><TraCuuCongDan xmlns="{NS}">'
        f"<MaYeuCau>BENCH-{uuid.uuid4().hex}</MaYeuCau><CanBoTraCuu>bench</CanBoTraCuu>"
        f"<MucDich>Đo hiệu năng LGSP</MucDich><SoDinhDanh>{CITIZEN}</SoDinhDanh></TraCuuCongDan>"
    ).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def granian(target: str, port: int, env: dict[str, str], threads: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1",
            "--port", str(port), "--workers", "1", "--blocking-threads", str(threads),
            "--log-level", "warning", "--no-ws", target,
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip


def wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not come up")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and all its descendants (granian's workers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        todo.extend(children.get(current, []))
    return total


def measure(
    url: str,
    headers: dict[str, str],
    concurrency: int,
    seconds: float,
    *,
    post: bool = True,
    servers: tuple[int, ...] = (),
    pause: float = 0.0,
) -> dict:
    """Latency and throughput from the client's side; and the CPU each server process tree
    spent per call, which the load of other processes on this machine barely moves."""
    cpu_before = [cpu_seconds(pid) for pid in servers]
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run() -> None:
        nonlocal errors
        mine: list[float] = []
        failed = 0
        with httpx.Client(timeout=10) as client:
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                if post:
                    response = client.post(url, headers=headers, content=lookup_body())
                else:
                    response = client.get(url, headers=headers)
                mine.append(time.perf_counter() - started)
                failed += response.status_code != 200
                if pause:
                    time.sleep(pause)
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=run) for _ in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    ordered = sorted(latencies)
    cpu = [
        (cpu_seconds(pid) - before) / max(len(ordered), 1) * 1000
        for pid, before in zip(servers, cpu_before, strict=True)
    ]
    return {
        "cpu_ms": cpu,
        "rps": len(ordered) / elapsed,
        "p50": statistics.median(ordered) * 1000,
        "p99": ordered[int(len(ordered) * 0.99) - 1] * 1000,
        "errors": errors,
        "count": len(ordered),
    }


def prepare(env: dict[str, str], upstream_url: str) -> str:
    """Migrate the temporary database, register the service; return a bearer token."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from motcua.lgsp import credentials, registry, xml_messages

    call_command("migrate", verbosity=0)
    provider = registry.add_provider(code="csdl-dan-cu", name="CSDL dân cư", level="national")
    service = registry.add_service(
        provider=provider,
        code="tra-cuu",
        upstream_url=upstream_url,
        request_xsd=xml_messages.QCVN109_REQUEST_XSD.read_text(encoding="utf-8"),
        timeout_seconds=5,
    )
    consumer = registry.add_consumer(
        code="mot-cua", name="Một cửa", kind="provincial_system", rate_limit_per_minute=10**9
    )
    registry.grant(consumer, service)
    _, secret = credentials.issue_client_secret(consumer)
    token, _ = credentials.exchange_token("mot-cua", secret)
    return token


def verify_many(rows: int) -> None:
    """Extend the chain to `rows` records (bulk, hashes computed as append does), time verify."""
    from django.utils import timezone

    from motcua.lgsp import message_log
    from motcua.lgsp.models import LogHead, MessageRecord

    head = LogHead.objects.get()
    previous, sequence = head.last_hash, head.last_sequence
    now = timezone.now().astimezone(message_log.UTC)
    batch: list[MessageRecord] = []
    started = time.perf_counter()
    while sequence < rows:
        sequence += 1
        values = {
            "sequence": sequence, "message_id": uuid.uuid4(), "consumer_code": "mot-cua",
            "service_code": "csdl-dan-cu/tra-cuu", "method": "GET", "path": "cong-dan",
            "status_code": 200, "error_code": "", "received_at": now, "responded_at": now,
            "request_bytes": 0, "response_bytes": 900, "request_hash": "0" * 64,
            "response_hash": "1" * 64, "request_body": "", "response_body": "",
            "previous_hash": previous,
        }  # fmt: skip
        previous = message_log.record_hash(values[name] for name in message_log.CHAINED_FIELDS)
        batch.append(MessageRecord(**values, record_hash=previous))
        if len(batch) == 5000:
            MessageRecord.objects.bulk_create(batch)
            batch.clear()
    MessageRecord.objects.bulk_create(batch)
    LogHead.objects.update(last_sequence=sequence, last_hash=previous)
    written = time.perf_counter() - started
    message_log.seal()
    started = time.perf_counter()
    verdict = message_log.verify()
    print(
        f"verify-log: {verdict.records:,} records, {verdict.seals} seals in "
        f"{time.perf_counter() - started:.2f} s (ok={verdict.ok}; rows written in {written:.1f} s)"
    )


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    with tempfile.TemporaryDirectory() as var_dir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "motcua.settings",
            "MOTCUA_VAR_DIR": var_dir,
            # As deployed: DEBUG off (Django then keeps no per-query log), keys from the
            # environment.
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LGSP_SEAL_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "LGSP_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            "LOG_LEVEL": "WARNING",
        }
        env.pop("DATABASE_URL", None)
        upstream_port, gateway_port = free_port(), free_port()
        upstream_url = f"http://127.0.0.1:{upstream_port}/dan-cu/v1/cong-dan/tra-cuu"
        sandbox_env = {**env, "DJANGO_SETTINGS_MODULE": "motcua.sandbox.settings"}
        subprocess.run(
            [sys.executable, "-m", "motcua.cli", "sandbox", "--prepare-only"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        token = prepare(env, upstream_url)
        servers = [
            granian("motcua.sandbox.wsgi:application", upstream_port, sandbox_env, threads=8),
            granian(
                GATEWAY_APP,
                gateway_port,
                {**env, "DJANGO_SETTINGS_MODULE": GATEWAY_SETTINGS},
                threads=int(os.environ.get("GATEWAY_THREADS", "8")),
            ),
        ]
        try:
            wait_until_up(f"http://127.0.0.1:{upstream_port}/")
            wait_until_up(f"http://127.0.0.1:{gateway_port}/healthz")
            direct = upstream_url
            gateway = f"http://127.0.0.1:{gateway_port}/lgsp/csdl-dan-cu/tra-cuu"
            xml = {"Content-Type": "application/xml"}
            auth = {**xml, "Authorization": f"Bearer {token}"}
            # What any request costs MotCua's Django stack (middleware, request log), for scale.
            floor = f"http://127.0.0.1:{gateway_port}/healthz"
            # Warm both paths (connections, imports, the first log append).
            measure(direct, xml, 1, 0.5)
            measure(gateway, auth, 1, 0.5)
            print(
                f"{seconds:g} s per measure, sandbox and gateway ({GATEWAY_APP}) under granian, "
                "1 worker each"
            )
            print(
                "| concurrency | direct req/s | gateway req/s | ratio | direct p50/p99 ms "
                "| gateway p50/p99 ms | added p50/p99 ms |"
            )
            print("|---:|---:|---:|---:|---:|---:|---:|")
            floors = []
            cpu: list[tuple[int, list[float], list[float]]] = []
            rows: list[tuple[dict, dict]] = []
            pids = (servers[0].pid, servers[1].pid)
            for concurrency in (1, 32):
                plain = measure(direct, xml, concurrency, seconds, servers=pids)
                through = measure(gateway, auth, concurrency, seconds, servers=pids)
                cpu.append((concurrency, plain["cpu_ms"], through["cpu_ms"]))
                rows.append((plain, through))
                floors.append((concurrency, measure(floor, {}, concurrency, seconds, post=False)))
                if plain["errors"] or through["errors"]:
                    print(f"errors: direct {plain['errors']}, gateway {through['errors']}")
                print(
                    f"| {concurrency} | {plain['rps']:,.0f} | {through['rps']:,.0f} "
                    f"| {through['rps'] / plain['rps']:.2f} "
                    f"| {plain['p50']:.2f} / {plain['p99']:.2f} "
                    f"| {through['p50']:.2f} / {through['p99']:.2f} "
                    f"| {through['p50'] - plain['p50']:.2f} / {through['p99'] - plain['p99']:.2f} |"
                )
            print(
                "\nCPU per call (ms; user + system of each server's process tree):\n"
                "| concurrency | direct: sandbox | via gateway: sandbox | via gateway: gateway |"
                "\n|---:|---:|---:|---:|"
            )
            for concurrency, plain_cpu, through_cpu in cpu:
                print(
                    f"| {concurrency} | {plain_cpu[0]:.2f} | {through_cpu[0]:.2f} "
                    f"| {through_cpu[1]:.2f} |"
                )
            # On this machine a server woken after a pause answers more slowly than one kept busy
            # (the sandbox alone: about 1.9 ms p50 back to back, 4-5 ms after 8 ms idle). Through
            # the gateway the sandbox waits that long between calls, so one more baseline: the
            # sandbox called directly, each call after a pause as long as the gateway's share.
            paced_pause = max(rows[0][1]["p50"] - rows[0][0]["p50"], 0) / 1000
            paced = measure(direct, xml, 1, seconds, servers=pids, pause=paced_pause)
            print(
                f"\nDirect at concurrency 1 with a {paced_pause * 1000:.2f} ms pause between calls "
                f"(the sandbox idles as it does behind the gateway): p50 {paced['p50']:.2f} ms, "
                f"sandbox CPU {paced['cpu_ms'][0]:.2f} ms per call; the gateway adds "
                f"{rows[0][1]['p50'] - paced['p50']:.2f} ms at p50 over that."
            )
            for concurrency, result in floors:
                print(
                    f"Django floor (/healthz, same server), concurrency {concurrency}: "
                    f"{result['rps']:,.0f} req/s, p50 {result['p50']:.2f} ms"
                )
            verify_many(int(os.environ.get("VERIFY_ROWS", "100000")))
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                server.wait(timeout=10)


if __name__ == "__main__":
    main()
