"""``casework bench queue|peer|triage``: benchmarks (the logic lives in :mod:`casework.bench`).

``bench queue`` works on its own database so it never touches a real one: by default a SQLite
file ``$CASEWORK_DATA_DIR/bench/cases-<N>.sqlite3`` (kept, and reused by the next run with the
same N), or the database given with ``--db-url`` (a PostgreSQL database is created if missing).
Settings are read once at start-up, so the command re-runs itself with that ``DATABASE_URL``.
"""

from __future__ import annotations

import json
import os
import sys

from django.core.management.base import BaseCommand, CommandError

CHILD_FLAG = "CASEWORK_BENCH_CHILD"


def default_db_url(cases: int) -> str:
    from casework.core.config import CONFIG

    path = CONFIG.data_dir / "bench" / f"cases-{cases}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def ensure_postgres_database(url: str) -> None:
    """Create the database named in ``url`` if it does not exist (trust/auth as in the URL)."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    cfg = dj_database_url.parse(url)
    params = {"host": cfg["HOST"] or "127.0.0.1", "port": cfg["PORT"] or 5432, "user": cfg["USER"] or "postgres",
              "password": cfg["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(cfg["NAME"])))


class Command(BaseCommand):
    help = "Benchmarks: 'queue' seeds N cases and times queue, case page, search and message creation; " \
           "'peer' runs the same workload against django-helpdesk and prints ratios; " \
           "'triage' measures the triage models (BANKING77, CLINC150, UMSAB, risk set, speed)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="bench", required=True)
        q = sub.add_parser("queue", help="seed (or reuse) N cases, then measure")
        q.add_argument("--cases", type=int, default=100_000)
        q.add_argument("--json", action="store_true", help="print one JSON object on stdout")
        q.add_argument("--db-url", default=None, help="database to seed and measure (default: a SQLite file "
                                                      "under CASEWORK_DATA_DIR/bench)")
        q.add_argument("--reps", type=int, default=100, help="timed requests per page (after 5 warm-up)")
        q.add_argument("--requests", type=int, default=2000, help="HTTP creates per server (0: skip HTTP)")
        q.add_argument("--concurrency", type=int, default=8)
        q.add_argument("--servers", default="gunicorn,uvicorn", help="comma list: gunicorn, uvicorn")
        q.add_argument("--no-write-parts", action="store_true", help="skip the in-process write-path breakdown")
        q.add_argument("--out", default=None, help="also write the JSON result to this file")
        p = sub.add_parser("peer", help="django-helpdesk vs Casework on the same workload (100k)")
        p.add_argument("--cases", type=int, default=100_000)
        p.add_argument("--peer-dir", default=None, help="the peer's scripts (default: ../shared/bench/peers/django-helpdesk)")
        p.add_argument("--requests", type=int, default=2000)
        p.add_argument("--rounds", type=int, default=2, help="A/B rounds of the creation test")
        p.add_argument("--reps", type=int, default=50)
        p.add_argument("--json", action="store_true")
        p.add_argument("--out", default=None)
        t = sub.add_parser("triage", help="triage models: BANKING77, CLINC150, BANKING77-OOS, UMSAB, risk set, speed")
        from casework.triage.bench import add_cli_arguments

        add_cli_arguments(t)

    def handle(self, *args, bench, **opts):
        if bench == "triage":  # same code as ``casework bench_triage`` (kept as an alias)
            from casework.triage.bench import run_cli

            run_cli(self.stdout, self.stderr, **opts)
            return None
        if opts["cases"] < 1 or opts["cases"] > 2_000_000:
            raise CommandError("--cases must be between 1 and 2,000,000.")
        if bench == "queue":
            return self.queue(**opts)
        return self.peer(**opts)

    # -----------------------------------------------------------------------------------------
    def _reexec_with(self, url: str) -> None:
        """Run this same command again with DATABASE_URL=url (settings are fixed at start-up)."""
        from casework.core.config import CONFIG

        if os.environ.get(CHILD_FLAG) or url == CONFIG.database_url:
            return
        if url.startswith(("postgres://", "postgresql://")):
            ensure_postgres_database(url)
        env = {**os.environ, "DATABASE_URL": url, CHILD_FLAG: "1"}
        argv = [sys.executable, "-m", "casework", *sys.argv[1:]]
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, argv, env)

    def queue(self, *, cases, json: bool, db_url, reps, requests, concurrency, servers, no_write_parts, out,
              **_):
        self._reexec_with(db_url or default_db_url(cases))
        from casework.bench.runner import run_queue_bench

        result = run_queue_bench(cases=cases, reps=reps, requests=requests, concurrency=concurrency,
                                 servers=tuple(s for s in servers.split(",") if s), write_parts=not no_write_parts)
        self._emit(result, as_json=json, out=out)

    def peer(self, *, cases, peer_dir, requests, rounds, reps, json: bool, out, **_):
        self._reexec_with(default_db_url(cases))
        from casework.bench.peer import run_peer_comparison

        result = run_peer_comparison(cases=cases, peer_dir=peer_dir, requests=requests, rounds=rounds, reps=reps)
        self._emit(result, as_json=json, out=out)

    def _emit(self, result: dict, *, as_json: bool, out: str | None) -> None:
        text = json.dumps(result, indent=None if as_json else 2, default=str)
        if out:
            with open(out, "w") as fh:
                fh.write(json.dumps(result, indent=2, default=str))
        if as_json:
            self.stdout.write(text)
        else:
            from casework.bench.report import summary

            self.stdout.write(summary(result))
