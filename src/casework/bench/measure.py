"""Server time of the reads agents do all day, measured in-process through the real views.

Requests go through Django's test :class:`~django.test.Client`, i.e. the whole middleware stack,
the session, the URL resolver, the view or Ninja operation, the selectors and the templates; only
the socket is missing. The agent is :data:`~casework.bench.dataset.BENCH_AGENT`, an associate in
three teams, logged in with a real session. Each URL is warmed up, then timed ``reps`` times.
"""

from __future__ import annotations

import random
import statistics
import time
from urllib.parse import quote

from django.contrib.auth.models import User
from django.test import Client

from casework.bench import dataset


def pct(sorted_vals: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_vals:
        return float("nan")
    k = max(0, min(len(sorted_vals) - 1, int(round(p / 100.0 * len(sorted_vals) + 0.5)) - 1))
    return sorted_vals[k]


def summarize(seconds: list[float]) -> dict:
    ms = sorted(x * 1000 for x in seconds)
    return {"n": len(ms), "p50": round(pct(ms, 50), 2), "p95": round(pct(ms, 95), 2), "p99": round(pct(ms, 99), 2),
            "max": round(ms[-1], 2), "mean": round(statistics.fmean(ms), 2)}


class Reader:
    """A logged-in agent's browser, minus the network."""

    def __init__(self, username: str = dataset.BENCH_AGENT):
        self.user = User.objects.select_related("agent").get(username=username)
        self.client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=True)
        self.client.force_login(self.user)

    def get(self, url: str, *, expect: str | None = None) -> bytes:
        response = self.client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} -> {response.status_code}")
        if expect is not None and expect.encode() not in response.content:
            raise RuntimeError(f"GET {url}: {expect!r} not in the page")
        return response.content

    def time(self, urls: list[str], *, reps: int, warmup: int = 5, expect: str | None = None) -> dict:
        """Time ``reps`` GETs cycling over ``urls`` (after ``warmup`` untimed ones).

        A failing page is reported as ``{"error": ...}`` rather than ending the whole run.
        """
        try:
            for i in range(warmup):
                self.get(urls[i % len(urls)], expect=expect)
            samples = []
            for i in range(reps):
                url = urls[i % len(urls)]
                t0 = time.perf_counter()
                self.get(url)
                samples.append(time.perf_counter() - t0)
        except Exception as exc:  # noqa: BLE001 - a broken page is a result, not a crash of the bench
            return {"error": f"{type(exc).__name__}: {str(exc)[:300]}", "url": urls[0]}
        return summarize(samples)


def deep_cursor(user, team_id: int, *, pages: int) -> str | None:
    """The cursor ``pages`` pages (of 50) into a team queue, found the way the console walks it."""
    from casework.cases import selectors

    cursor = None
    for _ in range(pages):
        page = selectors.list_queue(user, selectors.QueueFilter(team_id=team_id), cursor=cursor)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    return cursor


def sample_case_ids(user, team_ids: list[int], n: int, rng: random.Random) -> list[int]:
    """Cases the agent may open, from its teams, active and not (what agents open from queues and search)."""
    from casework.cases.models import Case
    from casework.cases.permissions import visible_cases_q

    ids = list(Case.objects.filter(visible_cases_q(user), team_id__in=team_ids).order_by("-id")
               .values_list("id", flat=True)[:20_000])
    return rng.sample(ids, min(n, len(ids)))


def measure_reads(*, reps: int = 100, deep_pages: int = 40, rng_seed: int = 11) -> dict:
    """p50/p95/p99 server time of the queue pages, the case page and search (console and API)."""
    from casework.accounts.models import Team

    reader = Reader()
    user = reader.user
    teams = {t.slug: t for t in Team.objects.filter(slug__in=dataset.BENCH_AGENT_TEAMS)}
    main = teams[dataset.BENCH_AGENT_TEAMS[0]]
    cursor = deep_cursor(user, main.pk, pages=deep_pages)
    rng = random.Random(rng_seed)
    case_urls = [f"/cases/{cid}/" for cid in sample_case_ids(user, [t.pk for t in teams.values()], 200, rng)]
    out = {
        "queue_team": reader.time([f"/cases/?team={main.slug}"], reps=reps),
        "queue_team_deep": reader.time([f"/cases/?team={main.slug}&cursor={cursor}"], reps=reps)
        if cursor else None,
        "queue_mine": reader.time(["/cases/?mine=1"], reps=reps),
        "queue_all_visible": reader.time(["/cases/"], reps=reps),
        "queue_team_filtered": reader.time([f"/cases/?team={teams['payments'].slug}&severity=S2&language=fr"],
                                           reps=reps),
        "api_queue": reader.time([f"/api/v1/cases?team={main.slug}"], reps=reps),
        "case_page": reader.time(case_urls, reps=reps),
        "search_rare": reader.time([f"/search/?q={quote(dataset.RARE_KEYWORD)}"], reps=reps, expect="CW-"),
        "search_common": reader.time([f"/search/?q={quote(dataset.COMMON_KEYWORD)}"], reps=reps, expect="CW-"),
        "api_search_rare": reader.time([f"/api/v1/search?q={quote(dataset.RARE_KEYWORD)}"], reps=reps),
        "api_search_common": reader.time([f"/api/v1/search?q={quote(dataset.COMMON_KEYWORD)}"], reps=reps),
    }
    out["deep_cursor_pages"] = deep_pages if cursor else 0
    return out
