"""Queue and search rows: one query, every value escaped, labels right, the live rows fragment."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from casework.cases import selectors
from casework.cases.enums import Confidentiality
from casework.cases.models import Case
from casework.console.rows import RowPresenter, sla_parts
from casework.core.testing import PASSWORD, make_case, make_party


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the rail counts are cached per agent; ids repeat between tests
    yield
    cache.clear()


def login(user) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


def test_user_data_in_a_row_is_escaped(personas, intake):
    party = make_party(name='Eve <img src=x onerror="alert(1)">')
    case = make_case(team=intake, subject='<script>alert("s")</script> & \'quotes\'', party=party)
    Case.objects.filter(pk=case.pk).update(risks=['<b onmouseover="x">risk</b>'])
    body = login(personas["associate"]).get("/cases/?team=intake").content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert(&quot;s&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27;" in body
    assert "<img src=x" not in body and "Eve &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body
    assert "<b onmouseover" not in body and "&lt;b onmouseover=&quot;x&quot;&gt;risk&lt;/b&gt;" in body


def test_row_shows_number_link_party_owner_and_labels(personas, intake):
    party = make_party(name="María López")
    case = make_case(team=intake, subject="Locked out", party=party, confidentiality=Confidentiality.RESTRICTED,
                     case_type="access.lockout")
    page = selectors.list_queue(personas["senior_associate"], selectors.QueueFilter(team_id=intake.pk), as_rows=True)
    [html] = RowPresenter("en").rows(page.items)
    assert f'data-href="/cases/{case.pk}/"' in html and f">{case.number}</a>" in html
    assert "María López" in html and "Unassigned" in html and "access.lockout" in html
    assert 'class="chip lock"' in html and "Restricted" in html
    assert "just now" in html  # last activity


def test_rows_use_one_query_whatever_the_page_size(personas, intake, django_assert_num_queries):
    for i in range(12):
        make_case(team=intake, subject=f"Case {i}")
    user = personas["senior_associate"]
    selectors.list_queue(user, selectors.QueueFilter(), as_rows=True)  # role lookups warm up
    with django_assert_num_queries(1):
        page = selectors.list_queue(user, selectors.QueueFilter(team_id=intake.pk), limit=5, as_rows=True)
    assert len(page.items) == 5 and page.next_cursor
    with django_assert_num_queries(1):
        rest = selectors.list_queue(user, selectors.QueueFilter(team_id=intake.pk), cursor=page.next_cursor,
                                    as_rows=True)
    assert len(rest.items) == 7 and not rest.next_cursor
    assert not {r["id"] for r in page.items} & {r["id"] for r in rest.items}


def test_rows_respect_visibility(personas, intake, safety_team):
    make_case(team=safety_team, subject="Elsewhere")
    make_case(team=intake, subject="Secret", confidentiality=Confidentiality.SAFETY_RESTRICTED)
    make_case(team=intake, subject="Visible")
    page = selectors.list_queue(personas["associate"], selectors.QueueFilter(), as_rows=True)
    assert [r["subject"] for r in page.items] == ["Visible"]
    found = selectors.search_cases(personas["associate"], "Secret", as_rows=True)
    assert found == []


def test_live_refresh_gets_the_rows_alone(personas, intake):
    make_case(team=intake, subject="Fresh case")
    r = login(personas["associate"]).get("/cases/?team=intake", HTTP_HX_REQUEST="true", HTTP_X_QUEUE_ROWS="1")
    body = r.content.decode()
    assert r.status_code == 200 and "Fresh case" in body
    assert 'class="rail"' not in body and "<html" not in body


def test_team_queue_page_carries_its_team_for_live_updates(personas, intake):
    make_case(team=intake, subject="Any")
    body = login(personas["associate"]).get("/cases/?team=intake").content.decode()
    assert f'data-team="{intake.pk}"' in body


def test_sla_parts_states():
    now = timezone.now()
    assert sla_parts("open", now + timedelta(hours=3), now)["state"] == "ok"
    assert sla_parts("open", now + timedelta(minutes=20), now) | {"label": ""} == {"state": "soon", "text": "20m",
                                                                                   "label": ""}
    breached = sla_parts("new", now - timedelta(days=1, hours=2), now)
    assert breached["state"] == "breached" and breached["text"] == "−1d 2h" and "1d 2h" in breached["label"]
    assert sla_parts("on_hold", now - timedelta(hours=1), now)["state"] == "paused"
    assert sla_parts("closed", now - timedelta(hours=1), now)["state"] == "done"


def test_rail_counts_show_active_and_breached(personas, intake):
    make_case(team=intake, subject="One")
    make_case(team=intake, subject="Two")
    body = login(personas["associate"]).get("/cases/?team=intake").content.decode()
    assert '<span class="count">2' in body


def test_rail_counts_follow_the_agents_own_action_at_once(personas, intake):
    case = make_case(team=intake, subject="Take me")
    c = login(personas["associate"])
    assert '<span class="count">0' in c.get("/cases/?team=intake").content.decode().split("My cases")[1][:200]
    r = c.post(f"/cases/{case.pk}/assign/", {"assignee": "", "me": "1"})
    assert r.status_code in (200, 302)
    mine = c.get("/cases/?team=intake").content.decode().split("My cases")[1][:200]
    assert '<span class="count">1' in mine


def test_compact_durations_are_in_the_agents_language():
    from django.utils import translation

    from casework.console.rows import span

    with translation.override("en"):
        assert (span(195 * 86400 + 15 * 3600), span(2 * 3600 + 300), span(720)) == ("195d 15h", "2h 05m", "12m")
    with translation.override("fr"):
        assert (span(195 * 86400 + 15 * 3600), span(720)) == ("195j 15h", "12min")
    with translation.override("es"):
        assert span(2 * 3600 + 300) == "2h 05min"
