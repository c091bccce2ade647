"""``casework bench queue`` at toy scale: the result has its keys and the seeded data hangs together.

No timing is asserted: timings belong to bench runs, not to tests.
"""

from __future__ import annotations

import json

import pytest
from django.db import connection, transaction

from casework.bench import dataset, runner, seed
from casework.cases import selectors
from casework.cases.models import Case, Message, SearchDoc, TimelineEvent
from casework.cases.permissions import visible_cases_q

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bench_result(django_db_setup, django_db_blocker):
    """One toy run for the whole module (about ten seconds), rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield runner.run_queue_bench(cases=300, reps=2, requests=0, write_parts=False, progress=False, chunk=100)
        transaction.set_rollback(True)


class TestBenchQueue:
    def test_result_is_one_json_object_with_the_headline_keys(self, bench_result):
        result = json.loads(json.dumps(bench_result, default=str))
        for key in ("cases", "queue_p95_ms", "case_p95_ms", "search_p95_ms", "create_per_s"):
            assert key in result
        assert result["cases"] == 300
        assert result["queue_p95_ms"] is not None and result["search_p95_ms"] is not None
        errors = {k: v["error"] for k, v in result["reads"].items() if isinstance(v, dict) and "error" in v}
        assert not errors

    def test_a_second_run_reuses_the_seeded_cases(self, bench_result):
        again = seed.seed(300, progress=False, chunk=100)
        assert again["seeded_now"] == 0 and again["reused"]
        assert Case.objects.count() == 300


class TestSeededData:
    def test_full_text_index_finds_the_rare_keyword_as_often_as_a_scan(self, bench_result):
        check = bench_result["consistency"]
        assert check["fts_consistent"] and check["rare_fts_docs"] >= 3  # at least one rare case per chunk

    def test_search_finds_exactly_the_rare_cases_each_agent_may_open(self, bench_result):
        from django.contrib.auth.models import User

        rare_ids = set(SearchDoc.objects.filter(body__icontains=dataset.RARE_KEYWORD).values_list("case_id", flat=True))
        hidden_somewhere = False
        for username in (dataset.BENCH_AGENT, "bench.claims.00", "bench.safety.00"):
            agent = User.objects.get(username=username)
            visible = set(Case.objects.filter(visible_cases_q(agent), pk__in=rare_ids).values_list("id", flat=True))
            found = {c.pk for c in selectors.search_cases(agent, dataset.RARE_KEYWORD, limit=100)}
            assert found == visible
            hidden_somewhere |= bool(rare_ids - visible)
        assert rare_ids and hidden_somewhere  # permission filtering was exercised

    def test_search_reaches_past_many_newer_matches_the_agent_may_not_open(self, bench_result, monkeypatch):
        from django.contrib.auth.models import User

        # batches of one match stand in for thousands of newer invisible matches: the window must widen
        monkeypatch.setattr(selectors, "SEARCH_FIRST_BATCH", 1)
        docs = list(SearchDoc.objects.filter(body__icontains=dataset.COMMON_KEYWORD).order_by("-id"))
        widened = False
        for username in (dataset.BENCH_AGENT, "bench.claims.00", "bench.safety.00"):
            agent = User.objects.get(username=username)
            visible = set(Case.objects.filter(visible_cases_q(agent)).values_list("id", flat=True))
            expected = list(dict.fromkeys(d.case_id for d in docs if d.case_id in visible))[:3]
            found = [c.pk for c in selectors.search_cases(agent, dataset.COMMON_KEYWORD, limit=3)]
            assert found == expected, username
            widened |= bool(expected) and docs[0].case_id not in visible
        assert widened, "no agent had to look past a newer match it may not open"

    def test_search_looks_at_a_bounded_number_of_matches(self, bench_result, monkeypatch):
        from django.contrib.auth.models import User

        monkeypatch.setattr(selectors, "SEARCH_SCAN_LIMIT", 5)
        admin_like = User.objects.get(username=dataset.BENCH_AGENT)
        newest = list(SearchDoc.objects.filter(body__icontains=dataset.COMMON_KEYWORD).order_by("-id")
                      .values_list("case_id", flat=True)[:5])
        results = selectors.search_cases(admin_like, dataset.COMMON_KEYWORD, limit=100)
        found = {c.pk for c in results}
        assert found and found <= set(newest)
        assert results.window_reached  # and the caller is told older cases may match

    def test_the_console_and_the_api_say_when_the_search_window_was_reached(self, bench_result, monkeypatch):
        from django.contrib.auth.models import User
        from django.test import Client

        from casework.accounts import services as account_services
        from casework.core.testing import RoutingClientHandler

        agent = User.objects.get(username=dataset.BENCH_AGENT)
        client = Client()
        client.force_login(agent)
        token = account_services.issue_token(user=agent, name="t", scopes=["cases:read"])
        api = Client()
        api.handler = RoutingClientHandler()
        wide = client.get("/search/", {"q": dataset.COMMON_KEYWORD}).content.decode()
        assert "Only the newest" not in wide
        monkeypatch.setattr(selectors, "SEARCH_SCAN_LIMIT", 5)
        narrow = client.get("/search/", {"q": dataset.COMMON_KEYWORD}).content.decode()
        assert "Only the newest 5 matches were looked at" in narrow
        r = api.get("/api/v1/search", {"q": dataset.COMMON_KEYWORD, "limit": 100},
                    headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200 and r.headers["X-Search-Window-Reached"] == "5"
        monkeypatch.setattr(selectors, "SEARCH_SCAN_LIMIT", 20_000)
        r = api.get("/api/v1/search", {"q": dataset.RARE_KEYWORD}, headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200 and "X-Search-Window-Reached" not in r.headers

    def test_every_case_has_its_subject_doc_created_event_and_indexed_messages(self, bench_result):
        cases = Case.objects.count()
        assert SearchDoc.objects.filter(kind="subject").values("case_id").distinct().count() == cases
        assert TimelineEvent.objects.filter(kind="case.created").count() == cases
        assert SearchDoc.objects.filter(kind="message").count() == Message.objects.count()
        assert not Case.objects.exclude(team__isnull=False).exists()

    def test_foreign_keys_hold(self, bench_result):
        if connection.vendor != "sqlite":
            pytest.skip("PRAGMA foreign_key_check exists on SQLite only; PostgreSQL enforces foreign keys itself")
        with connection.cursor() as cur:
            cur.execute("PRAGMA foreign_key_check")
            assert cur.fetchall() == []

    def test_fts_insert_trigger_is_back_after_the_seed(self, bench_result):
        if connection.vendor != "sqlite":
            pytest.skip("the FTS5 insert trigger exists on SQLite only; PostgreSQL uses a generated tsvector column")
        with connection.cursor() as cur:
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = %s",
                        [seed.FTS_INSERT_TRIGGER])
            assert cur.fetchone() is not None
