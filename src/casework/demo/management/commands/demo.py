"""``casework demo``: seed realistic demo data, then print where to log in."""

from __future__ import annotations

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from casework.core.errors import CaseworkError
from casework.demo import services
from casework.demo.content import world as W
from casework.demo.triage import train_starter_model


class Command(BaseCommand):
    help = ("Seed demo data (teams, agents for every role, parties, reservations and several hundred "
            "cases with real timelines), then print the URL and the demo logins.")

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=400, help="How many cases to create (default 400).")
        parser.add_argument("--password", default=None,
                            help="Password of every demo login (default: $CASEWORK_DEMO_PASSWORD or "
                                 f"'{services.DEFAULT_PASSWORD}').")
        parser.add_argument("--reset", action="store_true",
                            help="First delete ALL cases, parties, reservations, audit rows and the demo "
                                 "accounts and teams (for demo databases only).")
        parser.add_argument("--check", action="store_true",
                            help="Only tell whether demo data exists (exit status 0) or not (1).")
        parser.add_argument("--seed", type=int, default=7, help="Random seed (same seed, same demo).")
        parser.add_argument("--no-train", action="store_true", help="Do not train the starter triage model.")
        parser.add_argument("--no-migrate", action="store_true", help="Do not apply migrations first.")
        parser.add_argument("--host", default="127.0.0.1:8000", help="Where `casework serve` will listen.")

    def handle(self, *args, cases, password, reset, check, seed, no_train, no_migrate, host, **options):
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        if check:
            exists = services.demo_exists()
            self.stdout.write("Demo data is present." if exists else "No demo data.")
            sys.exit(0 if exists else 1)
        password = password or os.environ.get("CASEWORK_DEMO_PASSWORD") or services.DEFAULT_PASSWORD
        if len(password) < 10:
            raise CommandError("The demo password must have at least 10 characters.")
        if cases < 1:
            raise CommandError("--cases must be at least 1.")
        if services.demo_exists():
            if not reset:
                self.stdout.write(self.style.WARNING(
                    "This database already has cases or demo accounts; nothing was changed.\n"
                    "Run `casework demo --reset` to wipe them and seed a fresh demo, or just `casework serve`."))
                return
            self.stdout.write("Removing existing cases, parties, reservations and demo accounts…")
            services.reset_demo()
        self.stdout.write(f"Seeding the demo: {cases} cases over the last {services.HISTORY_DAYS} days…")
        try:
            summary = services.seed_demo(cases=cases, password=password, seed=seed, progress=self._progress)
        except CaseworkError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write("")
        self._summary(summary)
        if not no_train:
            self.stdout.write(f"Triage: {train_starter_model()}")
        self._logins(password, host, admin_reused=summary.admin_reused)

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % 10 == 0:
            end = "\n" if done == total and not self.stdout.isatty() else ""
            self.stdout.write(f"\r  cases {done:>5}/{total}", ending=end)
            self.stdout.flush()

    def _summary(self, s: services.DemoSummary) -> None:
        def line(title, data):
            return f"  {title:<16}" + ", ".join(f"{k} {v}" for k, v in data.items())

        self.stdout.write(self.style.SUCCESS(
            f"Seeded {s.cases} cases ({s.duplicates} linked duplicates), {s.messages} messages, "
            f"{s.events} timeline events, {s.parties} parties, {s.reservations} reservations "
            f"in {s.seconds:.1f} s."))
        for title, data in (("status", s.by_status), ("channel", s.by_channel), ("language", s.by_language),
                            ("team", s.by_team), ("severity", s.by_severity),
                            ("confidentiality", s.by_confidentiality), ("SLA (active)", s.sla)):
            self.stdout.write(line(title, data))

    def _logins(self, password: str, host: str, *, admin_reused: bool) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Open http://{host}/ after starting the server with `casework serve`."))
        self.stdout.write(f"Demo logins (password for all: {password}):")
        self.stdout.write(f"  {'username':<12} {'name':<17} {'role':<18} {'languages':<10} teams")
        for username, name, role, teams, languages, *_ in W.AGENTS:
            self.stdout.write(f"  {username:<12} {name:<17} {role:<18} {'/'.join(languages):<10} {', '.join(teams)}")
        if admin_reused:
            self.stdout.write("  (`admin` already existed and keeps its own password)")
