"""Bulk seeding: N cases with parties, reservations, messages, timeline events and search docs.

Rows are inserted with explicit ids in big transactions: ``executemany`` on SQLite (the FTS5
index is kept current by the ``cases_searchdoc`` triggers, exactly as for normal writes), ``COPY``
on PostgreSQL (the ``tsvector`` column is generated). Each committed chunk appends an
``AuditLog`` row ``bench.seeded`` with its case count, so a seeded database is recognised and
reused (or topped up) by the next run, and an interrupted seed resumes where it stopped.
"""

from __future__ import annotations

import sys
import time

from django.db import connection, transaction

from casework.bench import dataset

SEED_ACTION = "bench.seeded"


class Progress:
    """A single self-rewriting stderr line (no dependency; quiet when ``enabled`` is false)."""

    def __init__(self, label: str, total: int, *, enabled: bool = True):
        self.label, self.total, self.enabled = label, total, enabled
        self.t0 = time.perf_counter()
        self.last = 0.0

    def update(self, done: int, *, force: bool = False) -> None:
        now = time.perf_counter()
        if not self.enabled or (not force and now - self.last < 0.5):
            return
        self.last = now
        el = max(now - self.t0, 1e-6)
        rate = done / el
        eta = (self.total - done) / rate if rate else 0
        width = 30
        filled = int(width * done / max(self.total, 1))
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{self.total:,} "
                         f"{rate:,.0f}/s  {el:,.0f}s elapsed, ETA {eta:,.0f}s   ")
        sys.stderr.flush()

    def close(self, done: int) -> None:
        self.update(done, force=True)
        if self.enabled:
            sys.stderr.write("\n")


def seeded_count() -> int:
    from casework.core.models import AuditLog

    return sum(int(d.get("cases", 0)) for d in
               AuditLog.objects.filter(action=SEED_ACTION).values_list("details", flat=True))


def ensure_world() -> dataset.World:
    """Teams, agents (10 per team, plus the bench agent in 3 teams) and the case-type taxonomy."""
    from django.contrib.auth.models import User

    from casework.accounts import services as accounts
    from casework.accounts.models import Team
    from casework.cases.models import CaseType

    with transaction.atomic():
        teams = {t.slug: t for t in Team.objects.all()}
        for slug, name, _w in dataset.TEAMS:
            if slug not in teams:
                teams[slug] = accounts.create_team(slug=slug, name=name)
        types = {t.slug: t for t in CaseType.objects.all()}
        for node in dataset.load_taxonomy():
            if node["slug"] not in types:
                types[node["slug"]] = CaseType.objects.create(
                    slug=node["slug"], parent=types.get(node["parent"]) if node["parent"] else None,
                    names=node["names"], default_severity=node["default_severity"])
        existing = set(User.objects.filter(username__startswith="bench.").values_list("username", flat=True))
        for slug, _name, _w in dataset.TEAMS:
            for k in range(dataset.AGENTS_PER_TEAM):
                username = f"bench.{slug}.{k:02d}"
                if username not in existing:
                    lang = slug[-2:] if slug.startswith("guest-support-") else "en"
                    accounts.create_agent(username=username, password=None, display_name=f"Agent {slug} {k:02d}",
                                          role="associate", teams=[teams[slug]], languages=[lang])
        if dataset.BENCH_AGENT not in existing:
            accounts.create_agent(username=dataset.BENCH_AGENT, password=None, display_name="Bench Agent",
                                  role="associate", teams=[teams[s] for s in dataset.BENCH_AGENT_TEAMS],
                                  languages=["en", "fr"])
    agents_by_team: dict[int, list[int]] = {}
    for user_id, team_id in User.objects.filter(username__startswith="bench.").values_list("id", "agent__teams"):
        if team_id:
            agents_by_team.setdefault(team_id, []).append(user_id)
    return dataset.World(
        team_ids={slug: t.pk for slug, t in teams.items()},
        agents_by_team=agents_by_team,
        case_type_ids={slug: t.pk for slug, t in types.items()},
        texts=dataset.load_texts(),
    )


def _next_ids() -> dataset.Ids:
    nxt = {}
    with connection.cursor() as cur:
        for table in dataset.TABLE_ORDER:
            cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - fixed table names
            nxt[table] = cur.fetchone()[0] + 1
    return dataset.Ids(next=nxt)


# The FTS insert trigger, as migration 0002_search creates it. During a seed it is replaced by one
# set-based insert per chunk (same transaction, so the index is never behind a committed row).
FTS_INSERT_TRIGGER = "cases_searchdoc_ai"


def _fts_trigger_sql() -> str:
    from importlib import import_module

    migration = import_module("casework.cases.migrations.0002_search")
    return next(sql for sql in migration.SQLITE_FORWARD if FTS_INSERT_TRIGGER in sql)


def ensure_fts_trigger() -> None:
    """Put the FTS insert trigger back if a seed was killed while it was lifted."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s", [FTS_INSERT_TRIGGER])
        if cur.fetchone() is None:
            cur.execute(_fts_trigger_sql())


def _write_sqlite(rows: dict[str, list[tuple]]) -> None:
    raw = connection.connection
    for table in dataset.TABLE_ORDER:
        if rows[table]:
            cols = dataset.COLUMNS[table]
            raw.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                            rows[table])
    docs = rows["cases_searchdoc"]
    if docs:
        raw.execute("INSERT INTO cases_searchdoc_fts(rowid, body) SELECT id, body FROM cases_searchdoc "
                    "WHERE id BETWEEN ? AND ?", (docs[0][0], docs[-1][0]))


def _write_pg(rows: dict[str, list[tuple]]) -> None:
    with connection.cursor() as wrapper:
        cur = wrapper.cursor
        for table in dataset.TABLE_ORDER:
            if rows[table]:
                cols = ", ".join(f'"{c}"' for c in dataset.COLUMNS[table])
                with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in rows[table]:
                        copy.write_row(row)


def _finish_sqlite() -> None:
    with connection.cursor() as cur:
        if not connection.in_atomic_block:
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA analysis_limit=1000")
        cur.execute("ANALYZE")
        if not connection.in_atomic_block:
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _finish_pg() -> None:
    with connection.cursor() as cur:
        for table in dataset.TABLE_ORDER:
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")
        for table in dataset.TABLE_ORDER:
            # VACUUM cannot run inside a transaction (the test runs the seed inside one)
            cur.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM ANALYZE'} {table}")


def seed(n_target: int, *, chunk: int = 10_000, progress: bool = True, rng_seed: int = 7) -> dict:
    """Make sure ``n_target`` seeded cases exist; add only the missing ones. Returns what it did.

    A child process builds the rows of the next chunk while this one writes the current chunk.
    On SQLite the seed runs with ``synchronous=OFF`` and foreign-key checks off (the rows are
    consistent by construction; the test checks it at small scale); both are restored after.
    """
    import multiprocessing as mp

    from casework.core.models import AuditLog

    ensure_fts_trigger()
    world = ensure_world()
    have = seeded_count()
    need = max(0, n_target - have)
    if need == 0:
        return {"seeded_now": 0, "seeded_total": have, "seed_s": 0.0, "reused": True}
    vendor = connection.vendor
    write = _write_pg if vendor == "postgresql" else _write_sqlite
    if vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cur:
            cur.execute(f"DROP TRIGGER IF EXISTS {FTS_INSERT_TRIGGER}")
            if not connection.in_atomic_block:  # (inside a test transaction these cannot change)
                cur.execute("PRAGMA synchronous=OFF")  # a crash mid-seed loses only uncommitted chunks
                cur.execute("PRAGMA foreign_keys=OFF")
            cur.execute("PRAGMA cache_size=-262144")
    sizes = [min(chunk, need - k) for k in range(0, need, chunk)]
    ctx = mp.get_context("spawn")
    queue = ctx.Queue(maxsize=2)
    producer = ctx.Process(target=dataset.produce_chunks, daemon=True,
                           args=(world, _next_ids().next, sizes, rng_seed + have, vendor, queue))
    producer.start()
    bar = Progress(f"seed ({vendor})", need, enabled=progress)
    t0 = time.perf_counter()
    done, row_count = 0, 0
    try:
        while (item := queue.get(timeout=600)) is not None:
            n, rows = item
            with transaction.atomic():
                write(rows)
                AuditLog.objects.create(actor=None, action=SEED_ACTION, object_type="bench",
                                        object_id=str(n_target), via="cli", details={"cases": n})
            done += n
            row_count += sum(len(v) for v in rows.values())
            bar.update(done)
    finally:
        ensure_fts_trigger()
        bar.close(done)
        producer.join(timeout=10)
        if producer.is_alive():
            producer.terminate()
    seed_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    (_finish_pg if vendor == "postgresql" else _finish_sqlite)()
    return {"seeded_now": need, "seeded_total": have + need, "seed_s": round(seed_s, 1),
            "cases_per_s": round(need / seed_s), "rows": row_count, "rows_per_s": round(row_count / seed_s),
            "finish_s": round(time.perf_counter() - t1, 1), "reused": have > 0}


def table_counts() -> dict[str, int]:
    from casework.cases.models import Case

    out = {"cases_total": Case.objects.count()}
    with connection.cursor() as cur:
        for table in ("cases_message", "cases_timelineevent", "cases_searchdoc", "cases_party"):
            cur.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
            out[table.removeprefix("cases_")] = cur.fetchone()[0]
    return out


__all__ = ["seed", "seeded_count", "ensure_world", "table_counts", "Progress"]
