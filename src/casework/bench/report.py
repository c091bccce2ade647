"""Human-readable summaries of bench results (``--json`` prints the raw dict instead)."""

from __future__ import annotations

TARGETS = {"queue_p95_ms": 30, "case_p95_ms": 50, "search_p95_ms": 50}


def _row(name: str, s: dict | None) -> str:
    if not s:
        return f"  {name:<22} -"
    if "error" in s:
        return f"  {name:<22} ERROR {s['error'][:100]}"
    return f"  {name:<22} p50 {s['p50']:>8.1f}  p95 {s['p95']:>8.1f}  p99 {s['p99']:>8.1f} ms  (n={s['n']})"


def summary(r: dict) -> str:
    if "ratios" in r:
        return peer_summary(r)
    lines = [f"Casework bench queue: {r['cases']:,} seeded cases on {r['db']} "
             f"(total {r['counts']['cases_total']:,} cases, {r['counts']['message']:,} messages, "
             f"{r['counts']['searchdoc']:,} search docs)"]
    s = r["seed"]
    lines.append(f"seed: {'reused' if not s['seeded_now'] else f'{s['seeded_now']:,} cases in {s['seed_s']} s'}"
                 + (f" ({s['cases_per_s']:,} cases/s, {s['rows_per_s']:,} rows/s)" if s.get("cases_per_s") else ""))
    c = r["consistency"]
    lines.append(f"FTS check: '{c['rare_keyword']}' index {c['rare_fts_docs']} docs, scan {c['rare_scan_docs']} "
                 f"-> {'OK' if c['fts_consistent'] else 'MISMATCH'}")
    lines.append("server time (in-process, full middleware):")
    for name, stats in r["reads"].items():
        if isinstance(stats, dict) or stats is None:
            lines.append(_row(name, stats))
    for key, target in TARGETS.items():
        v = r.get(key)
        lines.append(f"{key:<16} {v if v is not None else '-':>8}  target < {target}  "
                     f"{'OK' if v is not None and v < target else 'MISSED'}")
    for kind, c in (r.get("create") or {}).items():
        if "error" in c:
            lines.append(f"create via {kind}: ERROR {c['error'][:200]}")
        else:
            for mode in ("async", "sync"):
                if c.get(mode):
                    m = c[mode]
                    lines.append(f"create via {c['server']}, {m['mode']}: {m['per_s']}/s  p50 {m['p50_ms']} "
                                 f"p99 {m['p99_ms']} ms  status {m['status']}")
            if c.get("drain"):
                lines.append(f"  then the intake worker's batches: {c['drain']['per_s']}/s ({c['drain']['processed']} msgs)")
    lines.append(f"create_per_s     {r.get('create_per_s')}  target >= 500 (accepted: validated, stored, 202)")
    if r.get("create_end_to_end"):
        e2e = r["create_end_to_end"]
        lines.append(f"end to end (HTTP accept + a worker process opening the cases, same cores): {e2e['per_s']}/s, "
                     f"{e2e['left_unprocessed']} left unprocessed")
    if r.get("write_path"):
        lines.append(f"write path in-process: {r['write_path']}")
    e = r["env"]
    lines.append(f"host: load {e['before']['load_avg']} -> {e['after']['load_avg']}, cpu calib "
                 f"{e['before']['cpu_calib_ms']} -> {e['after']['cpu_calib_ms']} ms")
    return "\n".join(lines)


def peer_summary(r: dict) -> str:
    lines = ["django-helpdesk vs Casework (same machine, same workload, run one after the other)"]
    for name, v in r["ratios"].items():
        lines.append(f"  {name:<34} {v}")
    return "\n".join(lines)
