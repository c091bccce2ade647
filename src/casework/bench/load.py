"""Message creation over real HTTP: a real server process on loopback, a bounded load client.

The workload matches the django-helpdesk peer's: each request is a new customer message with no
case id, thread or reservation, from one of 5,000 senders, so every request opens a new case
(party lookup or creation, case, timeline events, search docs, audit row, raw payload).

Servers are started by :func:`serve` as child processes of this one, on a free loopback port,
with the same ``DATABASE_URL`` and data directory as the bench, and stopped by their pid.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

from casework.bench.measure import pct

WORDS = ("printer wifi key checkin refund host guest deposit cleaning noise parking towel heating pool "
         "balcony shower kitchen elevator booking invoice").split()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVERS = {
    # name: (command after "python -m", description)
    "gunicorn": (["gunicorn", "casework.core.wsgi:application", "--workers", "4", "--worker-class", "sync",
                  "--log-level", "warning", "--timeout", "60"], "gunicorn, 4 sync workers (WSGI)"),
    "uvicorn": (["uvicorn", "casework.core.asgi:application", "--workers", "2", "--no-access-log",
                 "--lifespan", "off", "--log-level", "warning"], "uvicorn, 2 workers (ASGI)"),
}


def _describe(kind: str) -> str:
    workers = os.environ.get("CASEWORK_BENCH_WEB_WORKERS", "").strip()
    text = SERVERS[kind][1]
    return text if not workers.isdigit() else re.sub(r"\d+ (sync )?workers", rf"{workers} \1workers", text)


@contextmanager
def serve(kind: str, *, database_url: str, data_dir: str):
    """Run a ``kind`` server (see :data:`SERVERS`) on a free loopback port; yield its port."""
    from casework.core.config import CONFIG  # noqa: F401 - makes sure the data dir exists

    port = free_port()
    args, _ = SERVERS[kind]
    workers = os.environ.get("CASEWORK_BENCH_WEB_WORKERS", "").strip()  # a deployment knob, measured
    if workers.isdigit() and "--workers" in args:
        args = list(args)
        args[args.index("--workers") + 1] = workers
    bind = ["--bind", f"127.0.0.1:{port}"] if kind == "gunicorn" else ["--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "DATABASE_URL": database_url, "CASEWORK_DATA_DIR": data_dir,
           "DJANGO_SETTINGS_MODULE": "casework.core.settings", "CASEWORK_EMBEDDED_WORKER": "0"}
    # the server's log goes to a file: a pipe nobody reads would fill up and block the server
    log_path = os.path.join(data_dir, "bench", f"server-{kind}.log")
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    log = open(log_path, "wb")  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen([sys.executable, "-m", *args, *bind], env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{kind} exited: {_tail(log_path)}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/login/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{kind} did not answer on port {port}")
            time.sleep(0.3)
        yield port
    finally:
        _stop(proc, log)


def _stop(proc: subprocess.Popen, log) -> None:
    """Stop our own child by its pid (killed after 20 s), then close its log file."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


def _tail(path: str, n: int = 2000) -> str:
    with open(path, "rb") as fh:
        return fh.read()[-n:].decode(errors="replace")


def payload(i: int, rnd: random.Random) -> bytes:
    return json.dumps({
        "channel": "email",
        "sender": {"kind": "email", "value": f"cust{rnd.randrange(5000)}@example.invalid", "name": "Load Tester"},
        "subject": f"LT-{i} " + " ".join(rnd.choice(WORDS) for _ in range(5)),
        "text": " ".join(rnd.choice(WORDS) for _ in range(60)),
    }).encode()


def run_load(port: int, token: str, *, requests: int = 2000, concurrency: int = 8, warmup: int = 50,
             max_seconds: float = 300.0, seed: int = 1, prefer_async: bool = False) -> dict:
    """POST ``requests`` (+ ``warmup``) messages from ``concurrency`` keep-alive clients; stop by itself.

    ``prefer_async`` sends ``Prefer: respond-async``: success is then ``202 Accepted`` (validated
    and stored; the case is opened by the intake worker)."""
    total = warmup + requests
    lock = threading.Lock()
    state = {"next": 0, "t_start": None}
    lat: list[float] = []
    statuses: dict[str, int] = {}
    errors: list[str] = []
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}", "Host": "127.0.0.1"}
    success = 201
    if prefer_async:
        headers["Prefer"] = "respond-async"
        success = 202
    seeds = [random.Random(seed).randrange(1 << 30) + w for w in range(concurrency)]

    def worker(w: int) -> None:
        rnd = random.Random(seeds[w])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                i = state["next"]
                if i >= total:
                    return
                state["next"] += 1
                if i == warmup:
                    state["t_start"] = time.perf_counter()
            if state["t_start"] and time.perf_counter() - state["t_start"] > max_seconds:
                return
            body = payload(i, rnd)
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/api/v1/messages", body, headers)
                resp = conn.getresponse()
                data = resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status, data = "EXC", repr(exc).encode()
            dt = time.perf_counter() - t0
            if i < warmup:
                continue
            with lock:
                lat.append(dt)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                if status != success and len(errors) < 5:
                    errors.append(f"{status}: {data[:200]!r}")

    cpu0 = time.process_time()
    threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - (state["t_start"] or time.perf_counter())
    ok = statuses.get(str(success), 0)
    ms = sorted(x * 1000 for x in lat)
    return {"mode": "async (202)" if prefer_async else "sync (201)", "requests": len(lat), "ok": ok, "concurrency": concurrency, "wall_s": round(wall, 2),
            "per_s": round(ok / wall, 1) if wall > 0 else None,
            "p50_ms": round(pct(ms, 50), 1), "p95_ms": round(pct(ms, 95), 1), "p99_ms": round(pct(ms, 99), 1),
            "status": statuses, "errors": errors, "client_cpu_s": round(time.process_time() - cpu0, 2)}


def issue_bench_token() -> str:
    from django.contrib.auth.models import User

    from casework.accounts.services import issue_token
    from casework.bench.dataset import BENCH_AGENT

    user = User.objects.get(username=BENCH_AGENT)
    return issue_token(user=user, name="bench", scopes=["messages:write", "cases:read"])


def _queued() -> int:
    from casework.intake.models import RawPayload, RawPayloadStatus

    return RawPayload.objects.filter(status=RawPayloadStatus.QUEUED).count()


def drain_queued(*, limit: int = 200) -> dict:
    """Process every queued payload in this process, batch after batch: the worker's rate."""
    from casework.intake.batch import process_queued_payloads

    total, t0 = 0, time.perf_counter()
    while True:
        outcome = process_queued_payloads(limit=limit)
        if not outcome.taken:
            break
        total += outcome.processed
    wall = time.perf_counter() - t0
    return {"processed": total, "wall_s": round(wall, 2), "per_s": round(total / wall, 1) if wall > 0 and total else None}


def measure_http_create(*, servers: list[str], requests: int, concurrency: int, sync_requests: int | None = None) -> dict:
    """Creation throughput per server kind (a fresh server process each).

    - ``async``: ``Prefer: respond-async``: messages validated, stored and answered 202 per second;
    - ``drain``: then the intake worker's batches (in this process, the server idle) per second;
    - ``sync``: the synchronous path (201 with the case), on fewer requests (it is much slower).
    """
    from casework.core.config import CONFIG

    token = issue_bench_token()
    sync_requests = min(requests, 500) if sync_requests is None else sync_requests
    out = {}
    for kind in servers:
        try:
            with serve(kind, database_url=CONFIG.database_url, data_dir=str(CONFIG.data_dir)) as port:
                row = {"server": _describe(kind)}
                row["async"] = run_load(port, token, requests=requests, concurrency=concurrency, prefer_async=True)
                row["drain"] = drain_queued()
                if sync_requests:
                    row["sync"] = run_load(port, token, requests=sync_requests, concurrency=concurrency, seed=2)
                row["per_s"] = row["async"]["per_s"]
                out[kind] = row
            if any(r["ok"] < r["requests"] for r in (row["async"], row.get("sync")) if r):
                out[kind]["server_log_tail"] = _tail(str(CONFIG.data_dir / "bench" / f"server-{kind}.log"))
        except Exception as exc:  # noqa: BLE001 - one server failing to start is a result
            out[kind] = {"server": _describe(kind), "error": f"{type(exc).__name__}: {str(exc)[:500]}"}
    return out


@contextmanager
def worker_process(*, database_url: str, data_dir: str, interval: float = 0.2):
    """A separate ``casework worker`` process (as in scale-out), stopped by its pid."""
    env = {**os.environ, "DATABASE_URL": database_url, "CASEWORK_DATA_DIR": data_dir,
           "DJANGO_SETTINGS_MODULE": "casework.core.settings"}
    log_path = os.path.join(data_dir, "bench", "worker.log")
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    log = open(log_path, "wb")  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen([sys.executable, "-m", "django", "worker", "--interval", str(interval)], env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield proc
    finally:
        _stop(proc, log)


def measure_end_to_end(*, server: str = "gunicorn", requests: int = 2000, concurrency: int = 8,
                       timeout_s: float = 300.0) -> dict:
    """The sustained rate: ``requests`` async messages while a worker process opens their cases, on
    the same 2 cores; the clock stops when the last one is processed (warm-up included)."""
    from casework.core.config import CONFIG

    token = issue_bench_token()
    drain_queued()
    with serve(server, database_url=CONFIG.database_url, data_dir=str(CONFIG.data_dir)) as port, \
            worker_process(database_url=CONFIG.database_url, data_dir=str(CONFIG.data_dir)):
        t0 = time.perf_counter()
        load = run_load(port, token, requests=requests, concurrency=concurrency, prefer_async=True, seed=3, warmup=0)
        accepted_s = time.perf_counter() - t0
        while _queued() and time.perf_counter() - t0 < timeout_s:
            time.sleep(0.1)
        left = _queued()
        wall = time.perf_counter() - t0
    return {"server": _describe(server), "accepted": load["ok"], "accept_wall_s": round(accepted_s, 2),
            "accept_per_s": load["per_s"], "left_unprocessed": left, "wall_s": round(wall, 2),
            "per_s": round((load["ok"] - left) / wall, 1) if wall > 0 else None}


def measure_write_path_parts(*, n: int = 400, batch: int = 100) -> dict:
    """Where a message create's time goes, in-process (no HTTP), on this database.

    - ``accept_per_s``: storing the raw payload alone, one commit each: what an endpoint that
      answers 202 and leaves the rest to a worker costs per request;
    - ``process_sync_per_s``: the current path per message (raw payload commit + receive_message);
    - ``process_batched_per_s``: the worker side of the 202 design: receive_message for
      ``batch`` stored payloads in one transaction.
    """
    from django.contrib.auth.models import User
    from django.db import transaction

    from casework.bench.dataset import BENCH_AGENT
    from casework.intake import services as intake

    user = User.objects.select_related("agent").get(username=BENCH_AGENT)
    rnd = random.Random(5)

    def msg(i: int) -> tuple[bytes, intake.InboundMessage]:
        body = payload(1_000_000 + i, rnd)
        data = json.loads(body)
        return body, intake.InboundMessage(channel="email", sender_kind="email", sender_value=data["sender"]["value"],
                                           sender_name=data["sender"]["name"], text=data["text"],
                                           subject=data["subject"])

    items = [msg(i) for i in range(3 * n)]
    t0 = time.perf_counter()
    raws = [intake.store_raw_payload(channel="api", body=b, content_type="application/json", user=user)
            for b, _ in items[:n]]
    accept = time.perf_counter() - t0

    t0 = time.perf_counter()
    for b, m in items[n:2 * n]:
        raw = intake.store_raw_payload(channel="api", body=b, content_type="application/json", user=user)
        intake.receive_message(raw, m, actor=user, via="api")
    sync = time.perf_counter() - t0

    t0 = time.perf_counter()
    for k in range(0, n, batch):
        with transaction.atomic():
            for raw, (_, m) in zip(raws[k:k + batch], items[2 * n + k:2 * n + k + batch], strict=True):
                intake.receive_message(raw, m, actor=user, via="api")
    batched = time.perf_counter() - t0
    return {"n": n, "batch": batch, "accept_per_s": round(n / accept), "process_sync_per_s": round(n / sync),
            "process_batched_per_s": round(n / batched)}
