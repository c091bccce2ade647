"""``casework demo`` and the default taxonomy migration.

The demo is seeded once for the module (40 cases, ~5 s) inside a transaction that is rolled back at
the end; each test runs in a savepoint inside it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from casework.accounts.enums import AgentRole
from casework.cases.enums import ACTIVE_STATUSES, Channel, EventKind
from casework.cases.models import Case, CaseLink, CaseType, Message, TimelineEvent

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"
FIXTURE = Path(__file__).resolve().parents[2] / "cases" / "fixtures" / "taxonomy.json"
PARENTS = ["reservation", "payments", "damage", "safety", "trust", "account", "premium"]
CHILDREN = [
    "reservation.host_cancellation", "reservation.guest_cancellation", "reservation.date_change",
    "reservation.check_in", "reservation.not_as_described", "reservation.cleanliness",
    "reservation.missing_amenities", "reservation.relocation", "payments.refund", "payments.payout",
    "payments.charge_dispute", "payments.security_deposit", "payments.fees_currency", "damage.property_damage",
    "damage.missing_items", "damage.extra_cleaning", "safety.violence_threat", "safety.sexual_misconduct",
    "safety.emergency", "safety.hidden_devices", "safety.unauthorised_party", "safety.minor_safety",
    "safety.self_harm", "safety.discrimination", "trust.scam", "trust.fake_listing", "trust.account_takeover",
    "trust.identity_verification", "account.login", "account.profile", "account.review_dispute",
    "premium.concierge", "premium.vip_complaint",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Run ``casework demo --cases 40`` once; roll everything back after the module."""
    out = io.StringIO()
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("demo", "--cases", "40", "--no-migrate", "--no-train", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


def replay(events) -> dict:
    """Current state as the timeline tells it; checks each event's ``before`` against the replay."""
    state = {}
    for e in events:
        if e.kind == EventKind.CREATED:
            state = {"status": e.after["status"], "team": e.after["team"], "owner": None,
                     "severity": e.after["severity"], "case_type": e.after["case_type"]}
            continue
        for key in ("status", "team", "owner", "severity", "case_type"):
            if key in e.before and e.kind != EventKind.TRIAGED:
                assert e.before[key] == state[key], f"{e.kind} before.{key} disagrees with the replay"
            if key in e.after:
                state[key] = e.after[key]
    return state


@pytest.mark.django_db
class TestTaxonomyMigration:
    def test_all_forty_slugs_are_loaded(self):
        assert set(CaseType.objects.values_list("slug", flat=True)) >= set(PARENTS + CHILDREN)
        assert len(PARENTS + CHILDREN) == 40

    def test_children_hang_under_their_parent(self):
        for ct in CaseType.objects.filter(slug__in=CHILDREN).select_related("parent"):
            assert ct.parent is not None and ct.parent.slug == ct.slug.split(".")[0]
        assert not CaseType.objects.filter(slug__in=PARENTS, parent__isnull=False).exists()

    def test_names_are_translated(self):
        for ct in CaseType.objects.filter(slug__in=PARENTS + CHILDREN):
            assert set(ct.names) >= {"en", "fr", "es"} and all(ct.names.values())

    def test_default_severities_follow_the_domain_guide(self):
        severity = dict(CaseType.objects.values_list("slug", "default_severity"))
        s1 = {"safety.violence_threat", "safety.sexual_misconduct", "safety.emergency", "safety.minor_safety",
              "safety.self_harm"}
        s2 = {"safety.discrimination", "safety.hidden_devices", "safety.unauthorised_party",
              "trust.account_takeover", "premium.vip_complaint"}
        s4 = {"account.login", "account.profile", "trust.identity_verification"}
        for slug in CHILDREN:
            expected = "S1" if slug in s1 else "S2" if slug in s2 else "S4" if slug in s4 else "S3"
            assert severity[slug] == expected, slug

    def test_loading_again_changes_nothing(self):
        from importlib import import_module

        from django.apps import apps

        migration = import_module("casework.cases.migrations.0003_default_taxonomy")
        before = list(CaseType.objects.order_by("slug").values_list("slug", "parent__slug", "default_severity"))
        migration.load_taxonomy(apps, None)
        after = list(CaseType.objects.order_by("slug").values_list("slug", "parent__slug", "default_severity"))
        assert before == after

    def test_fixture_file_is_the_source(self):
        data = json.loads(FIXTURE.read_text(encoding="utf-8"))
        slugs = [p["slug"] for p in data["types"]] + [c["slug"] for p in data["types"] for c in p["children"]]
        assert sorted(slugs) == sorted(PARENTS + CHILDREN)


@pytest.mark.django_db
class TestDemoSeed:
    def test_creates_the_requested_number_of_cases(self, demo):
        assert Case.objects.count() == 40

    def test_cases_come_in_all_three_languages(self, demo):
        assert set(Case.objects.values_list("language", flat=True)) == {"en", "fr", "es"}

    def test_cases_arrive_on_several_channels(self, demo):
        channels = set(Case.objects.values_list("channel", flat=True))
        assert len(channels) >= 4 and channels <= set(Channel.values)

    def test_replayed_timeline_equals_stored_state(self, demo):
        for case in Case.objects.select_related("team").prefetch_related("events"):
            state = replay(sorted(case.events.all(), key=lambda e: (e.created_at, e.id)))
            assert state["status"] == case.status, case.number
            assert state["team"] == case.team.slug, case.number
            assert state["owner"] == case.owner_id, case.number
            assert state["severity"] == case.severity, case.number

    def test_timeline_lies_within_the_case_lifetime(self, demo):
        now = timezone.now()
        for case in Case.objects.prefetch_related("events", "messages"):
            times = [e.created_at for e in case.events.all()] + [m.created_at for m in case.messages.all()]
            assert case.created_at == min(times) and case.updated_at >= max(times), case.number
            assert case.updated_at <= now

    def test_history_spreads_over_days(self, demo):
        oldest = Case.objects.order_by("created_at").first().created_at
        assert timezone.now() - oldest > timezone.timedelta(days=2)

    def test_mix_of_active_and_finished_cases(self, demo):
        statuses = set(Case.objects.values_list("status", flat=True))
        assert statuses & {s.value for s in ACTIVE_STATUSES}
        assert statuses & {"resolved", "closed"}

    def test_agents_work_the_cases(self, demo):
        kinds = set(TimelineEvent.objects.values_list("kind", flat=True))
        assert {EventKind.ASSIGNED, EventKind.REPLY_SENT, EventKind.TRANSFERRED, EventKind.TYPE_CHANGED,
                EventKind.STATUS_CHANGED, EventKind.MESSAGE_RECEIVED} <= kinds
        assert Message.objects.filter(direction="internal").exists()

    def test_parties_have_prior_cases(self, demo):
        from django.db.models import Count

        from casework.cases.models import Party

        assert Party.objects.annotate(n=Count("case_links__case", distinct=True)).filter(n__gte=2).exists()

    def test_every_role_has_a_login(self, demo, settings):
        settings.PASSWORD_HASHERS = [ARGON2, MD5]  # the module was seeded before conftest switched to MD5
        roles = set(User.objects.filter(agent__isnull=False).values_list("agent__role", flat=True))
        assert roles == set(AgentRole.values)
        senior = User.objects.get(username="senior")
        assert set(senior.agent.teams.values_list("slug", flat=True)) == {"intake", "reservations", "payments",
                                                                       "premium"}
        assert senior.check_password("casework-demo")

    def test_prints_url_password_and_logins(self, demo):
        assert "http://127.0.0.1:8000/" in demo
        assert "casework-demo" in demo
        for username in ("admin", "senior", "safety", "qa", "manager", "stakeholder"):
            assert f"  {username} " in demo

    def test_refuses_to_seed_twice(self, demo):
        out = io.StringIO()
        call_command("demo", "--cases", "5", "--no-migrate", "--no-train", stdout=out)
        assert "already has cases" in out.getvalue()
        assert Case.objects.count() == 40

    def test_reset_replaces_the_demo(self, demo, monkeypatch, settings):
        settings.PASSWORD_HASHERS = [ARGON2, MD5]
        monkeypatch.setenv("CASEWORK_DEMO_PASSWORD", "another-demo-secret")
        out = io.StringIO()
        call_command("demo", "--reset", "--cases", "6", "--no-migrate", "--no-train", stdout=out)
        assert Case.objects.count() == 6
        assert User.objects.get(username="senior").check_password("another-demo-secret")
        assert not CaseLink.objects.exclude(from_case__in=Case.objects.all()).exists()
