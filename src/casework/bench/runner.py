"""``casework bench queue``: seed (or reuse), check the seed, time reads in-process, time creation over HTTP.

Everything lands in one JSON-able dict; the headline keys (``cases``, ``queue_p95_ms``,
``case_p95_ms``, ``search_p95_ms``, ``create_per_s``) are the worst p95 over the page variants
and the best server's throughput, so a headline figure is never flattered by averaging.
"""

from __future__ import annotations

import os
import platform
import time

from django.core.management import call_command
from django.db import connection

from casework.bench import dataset, load, measure, seed

QUEUE_PAGES = ("queue_team", "queue_team_deep", "queue_mine", "queue_all_visible", "queue_team_filtered")
SEARCH_PAGES = ("search_rare", "search_common")


def cpu_calib_ms() -> int:
    """A fixed pure-Python loop, timed: compare across runs to spot a slow or busy host."""
    t0 = time.perf_counter()
    sum(i * i for i in range(3_000_000))
    return round((time.perf_counter() - t0) * 1000)


def environment() -> dict:
    return {"host_cpus": os.cpu_count(), "load_avg": [round(x, 2) for x in os.getloadavg()],
            "cpu_calib_ms": cpu_calib_ms(), "python": platform.python_version(), "db_vendor": connection.vendor,
            "db_version": _db_version()}


def _db_version() -> str:
    with connection.cursor() as cur:
        cur.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        return str(cur.fetchone()[0])


def check_seed() -> dict:
    """The full-text index agrees with the rows: the rare keyword is found as often as a scan finds it."""
    kw = dataset.RARE_KEYWORD
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT COUNT(*) FROM cases_searchdoc_fts WHERE cases_searchdoc_fts MATCH %s", [kw])
            fts = cur.fetchone()[0]
            cur.execute("SELECT COUNT(*) FROM cases_searchdoc WHERE body LIKE %s", [f"%{kw}%"])
        else:
            cur.execute("SELECT COUNT(*) FROM cases_searchdoc WHERE tsv @@ to_tsquery('simple', %s)", [kw])
            fts = cur.fetchone()[0]
            cur.execute("SELECT COUNT(*) FROM cases_searchdoc WHERE body ILIKE %s", [f"%{kw}%"])
        scan = cur.fetchone()[0]
        cur.execute("SELECT COUNT(DISTINCT case_id) FROM cases_searchdoc WHERE id IN "
                    "(SELECT id FROM cases_searchdoc WHERE body LIKE %s)", [f"%{dataset.COMMON_KEYWORD}%"])
        common_cases = cur.fetchone()[0]
    return {"rare_keyword": kw, "rare_fts_docs": fts, "rare_scan_docs": scan, "fts_consistent": fts == scan,
            "common_keyword_cases": common_cases}


def _worst_p95(reads: dict, names: tuple[str, ...]) -> float | None:
    values = [reads[n]["p95"] for n in names if reads.get(n) and "p95" in reads[n]]
    return max(values) if values else None


def run_queue_bench(*, cases: int, reps: int = 100, requests: int = 2000, concurrency: int = 8,
                    servers: tuple[str, ...] = ("gunicorn", "uvicorn"), write_parts: bool = True,
                    progress: bool = True, chunk: int = 10_000) -> dict:
    """The whole ``bench queue`` run on the current default database."""
    t_start = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    env_before = environment()
    seeded = seed.seed(cases, progress=progress, chunk=chunk)
    result: dict = {"cases": seed.seeded_count(), "db": connection.vendor, "seed": seeded}
    result["counts"] = seed.table_counts()
    result["consistency"] = check_seed()
    reads = measure.measure_reads(reps=reps)
    result["reads"] = reads
    result["queue_p95_ms"] = _worst_p95(reads, QUEUE_PAGES)
    result["case_p95_ms"] = _worst_p95(reads, ("case_page",))
    result["search_p95_ms"] = _worst_p95(reads, SEARCH_PAGES)
    result["api_p95_ms"] = _worst_p95(reads, ("api_queue", "api_search_rare", "api_search_common"))
    if requests > 0 and servers:
        create = load.measure_http_create(servers=list(servers), requests=requests, concurrency=concurrency)
        result["create"] = create
        best = max((v for v in create.values() if v.get("per_s")), key=lambda v: v["per_s"], default=None)
        result["create_per_s"] = best["per_s"] if best else None  # accepted (202) over HTTP
        result["create_server"] = best["server"] if best else None
        sync = [v["sync"]["per_s"] for v in create.values() if v.get("sync", {}).get("per_s")]
        drain = [v["drain"]["per_s"] for v in create.values() if v.get("drain", {}).get("per_s")]
        result["create_sync_per_s"] = max(sync, default=None)
        result["create_process_per_s"] = max(drain, default=None)
        if "gunicorn" in servers:
            result["create_end_to_end"] = load.measure_end_to_end(requests=requests, concurrency=concurrency)
            result["create_end_to_end_per_s"] = result["create_end_to_end"]["per_s"]
    else:
        result["create_per_s"] = None
    if write_parts:
        result["write_path"] = load.measure_write_path_parts()
    result["env"] = {"before": env_before, "after": environment()}
    result["total_s"] = round(time.perf_counter() - t_start, 1)
    return result
