"""What the LGSP gateway adds to a call: the same upstream called directly and through it.

    .venv/bin/python bench/lgsp_overhead.py [seconds per measure, default 5]

One run starts, on loopback: a minimal upstream (a WSGI app under granian answering a
population-lookup-shaped JSON record) and MotCua under granian (WSGI, one worker, 8 blocking
threads, as `motcua serve` runs it) with a fresh SQLite database in a temporary directory holding
one provider, one service, one consumer with a bearer token and its access right. Then, at
concurrency 1 and 32, it calls the upstream directly and through /lgsp/..., and prints req/s,
p50/p99 latency, the latency the gateway adds and the throughput ratio. Every gateway call writes
a message-log record (hash chain, one lock), so that cost is in the figures. For scale it also
measures MotCua's /healthz on the same server (the cost of any Django request there), and
finally extends the log to VERIFY_ROWS records (default 100,000) and times `verify-log`.
GATEWAY_THREADS sets the gateway's blocking threads (default 8).
"""

import json
import os
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
RECORD = json.dumps(
    {
        "SoDinhDanh": "052090000001",
        "HoVaTen": {"Ho": "Nguyễn", "ChuDem": "Văn", "Ten": "An"},
        "GioiTinh": 1,
        "NgayThangNamSinh": {"NgayThangNam": "1990-05-01"},
        "QuocTich": "VN",
    },
    ensure_ascii=False,
).encode()


def upstream_app(environ: dict, start_response) -> list[bytes]:  # type: ignore[no-untyped-def]
    """The stand-in upstream: drains the body, answers one citizen record."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        environ["wsgi.input"].read(length)
    start_response(
        "200 OK",
        [("Content-Type", "application/json"), ("Content-Length", str(len(RECORD)))],
    )
    return [RECORD]


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


def measure(url: str, headers: dict[str, str], concurrency: int, seconds: float) -> dict:
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
                response = client.get(url, headers=headers)
                mine.append(time.perf_counter() - started)
                failed += response.status_code != 200
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
    return {
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

    from motcua.lgsp import credentials, registry

    call_command("migrate", verbosity=0)
    provider = registry.add_provider(code="csdl-dan-cu", name="CSDL dân cư", level="national")
    service = registry.add_service(
        provider=provider, code="tra-cuu", upstream_url=upstream_url, timeout_seconds=5
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
            "request_bytes": 0, "response_bytes": len(RECORD), "request_hash": "0" * 64,
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
            "DEBUG": "1",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("DATABASE_URL", None)
        upstream_port, gateway_port = free_port(), free_port()
        upstream_url = f"http://127.0.0.1:{upstream_port}/dan-cu"
        token = prepare(env, upstream_url)
        servers = [
            granian("bench.lgsp_overhead:upstream_app", upstream_port, env, threads=8),
            granian(
                "motcua.wsgi:application",
                gateway_port,
                env,
                threads=int(os.environ.get("GATEWAY_THREADS", "8")),
            ),
        ]
        try:
            wait_until_up(f"http://127.0.0.1:{upstream_port}/")
            wait_until_up(f"http://127.0.0.1:{gateway_port}/healthz")
            direct = f"{upstream_url}/cong-dan/052090000001"
            gateway = (
                f"http://127.0.0.1:{gateway_port}/lgsp/csdl-dan-cu/tra-cuu/cong-dan/052090000001"
            )
            auth = {"Authorization": f"Bearer {token}"}
            # What any request costs MotCua's Django stack (middleware, request log), for scale.
            floor = f"http://127.0.0.1:{gateway_port}/healthz"
            # Warm both paths (connections, imports, the first log append).
            measure(direct, {}, 1, 0.5)
            measure(gateway, auth, 1, 0.5)
            print(f"{seconds:g} s per measure, upstream and gateway under granian, 1 worker each")
            print(
                "| concurrency | direct req/s | gateway req/s | ratio | direct p50/p99 ms "
                "| gateway p50/p99 ms | added p50/p99 ms |"
            )
            print("|---:|---:|---:|---:|---:|---:|---:|")
            floors = []
            for concurrency in (1, 32):
                plain = measure(direct, {}, concurrency, seconds)
                through = measure(gateway, auth, concurrency, seconds)
                floors.append((concurrency, measure(floor, {}, concurrency, seconds)))
                if plain["errors"] or through["errors"]:
                    print(f"errors: direct {plain['errors']}, gateway {through['errors']}")
                print(
                    f"| {concurrency} | {plain['rps']:,.0f} | {through['rps']:,.0f} "
                    f"| {through['rps'] / plain['rps']:.2f} "
                    f"| {plain['p50']:.2f} / {plain['p99']:.2f} "
                    f"| {through['p50']:.2f} / {through['p99']:.2f} "
                    f"| {through['p50'] - plain['p50']:.2f} / {through['p99'] - plain['p99']:.2f} |"
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
