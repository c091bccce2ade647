"""Casework and django-helpdesk on the same workload, one after the other, and the ratios.

The peer is installed and driven by its own scripts (``../shared/bench/peers/django-helpdesk``:
``setup.sh``, ``load.py``, ``seed_and_query.py``), unchanged. Creation is measured A/B/A/B
(peer API, Casework, peer API, Casework ...) because the host is noisy; reads are measured once
each, peer first. The peer's read figures are HTTP round trips on loopback; Casework's are server
time in-process (the peer's README shows its in-process and HTTP times agree, so the ~1 ms of
loopback does not change a ratio). Ratios > 1 mean Casework is better by that factor.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from django.core.management import call_command

from casework.bench import load, measure, seed

PEER_ROOT = "/tmp/peer-djhd"


def default_peer_dir() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "bench" / "peers" / "django-helpdesk"
        if candidate.is_dir():
            return candidate
    return Path("/work/shared/bench/peers/django-helpdesk")


def _sh(args: list[str], env: dict, *, timeout: int = 1800) -> str:
    proc = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed: {proc.stderr[-1500:]}")
    return proc.stdout


def _json_run(args: list[str], env: dict) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    try:
        _sh([*args, "--json-out", out], env)
        return json.loads(Path(out).read_text())
    finally:
        os.unlink(out)


def run_peer_comparison(*, cases: int = 100_000, peer_dir: str | None = None, requests: int = 2000,
                        rounds: int = 2, reps: int = 50) -> dict:
    peer = Path(peer_dir) if peer_dir else default_peer_dir()
    # the peer's scripts must not see Casework's settings module or database
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH") and not k.startswith("CASEWORK_")}
    env.update({"ROOT": PEER_ROOT, "DJHD_DB": "sqlite"})
    py = f"{PEER_ROOT}/venv/bin/python"
    base = "http://127.0.0.1:8701"
    _sh(["bash", str(peer / "setup.sh")], env)
    _sh(["bash", str(peer / "setup.sh"), "serve"], env)
    result: dict = {"cases": cases, "peer": {}, "casework": {}}
    call_command("migrate", interactive=False, verbosity=0)
    try:
        result["peer"]["seed"] = _json_run([py, str(peer / "seed_and_query.py"), "seed", "--count", str(cases)], env)
        result["casework"]["seed"] = seed.seed(cases)
        creates = []
        for _ in range(rounds):
            p = _json_run([py, str(peer / "load.py"), "--base", base, "--endpoint", "api", "--requests",
                           str(requests), "--concurrency", "8"], env)
            c = load.measure_http_create(servers=["gunicorn"], requests=requests, concurrency=8)["gunicorn"]
            creates.append({"peer_api_per_s": p["throughput_rps"], "casework_per_s": c.get("per_s"),
                            "casework_sync_per_s": (c.get("sync") or {}).get("per_s"),
                            "casework_process_per_s": (c.get("drain") or {}).get("per_s"),
                            "peer_p99_ms": p["latency_ms"]["p99"],
                            "casework_p99_ms": (c.get("async") or {}).get("p99_ms")})
        result["create_rounds"] = creates
        result["peer"]["reads"] = _json_run([py, str(peer / "seed_and_query.py"), "query", "--reps", str(reps),
                                             "--api-reps", "0", "--list-requests", "0", "--no-orm", "--base", base],
                                            env)["query"]["http"]
    finally:
        _sh(["bash", str(peer / "setup.sh"), "stop"], env)
    result["casework"]["reads"] = measure.measure_reads(reps=reps)
    result["ratios"] = ratios(result)
    return result


def ratios(r: dict) -> dict:
    pr, cr = r["peer"]["reads"], r["casework"]["reads"]

    def faster(peer_key: str, ours_key: str) -> float | None:
        ours = (cr.get(ours_key) or {}).get("p95")
        theirs = (pr.get(peer_key) or {}).get("p95")
        return round(theirs / ours, 1) if ours and theirs else None

    rounds = r["create_rounds"]
    peer_rate = sum(x["peer_api_per_s"] for x in rounds) / len(rounds)
    ours_rate = sum(x["casework_per_s"] or 0 for x in rounds) / len(rounds)
    ours_sync = sum(x.get("casework_sync_per_s") or 0 for x in rounds) / len(rounds)
    ours_process = sum(x.get("casework_process_per_s") or 0 for x in rounds) / len(rounds)
    return {
        "create: Casework accepted (202) / peer API (target >= 5)": round(ours_rate / peer_rate, 2) if peer_rate else None,
        "create: Casework sync (201) / peer API": round(ours_sync / peer_rate, 2) if peer_rate else None,
        "create: Casework worker batches / peer API": round(ours_process / peer_rate, 2) if peer_rate else None,
        "create: Casework accepted, sync, worker msgs/s; peer tickets/s":
            f"{ours_rate:.0f}, {ours_sync:.0f}, {ours_process:.0f}; {peer_rate:.0f}",
        "list p95: peer dt_prio / Casework team queue (target >= 10)": faster("dt_prio", "queue_team"),
        "list p95: peer dt_page40 / Casework deep keyset page": faster("dt_page40", "queue_team_deep"),
        "list p95: peer page_list / Casework team queue": faster("page_list", "queue_team"),
        "list p95: peer dt_prio JSON / Casework API queue JSON": faster("dt_prio", "api_queue"),
        "search p95: peer rare / Casework rare (target >= 10)": faster("search_rare", "search_rare"),
        "search p95: peer rare / Casework API search rare": faster("search_rare", "api_search_rare"),
        "search p95: peer common / Casework API search common": faster("search_common", "api_search_common"),
        "search p95: peer common / Casework common (target >= 10)": faster("search_common", "search_common"),
    }
