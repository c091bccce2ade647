"""``casework createadmin``: an admin agent (and an intake team, if there is no team yet)."""

from __future__ import annotations

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from casework.accounts import services
from casework.accounts.enums import AgentRole
from casework.accounts.models import Team
from casework.core.errors import CaseworkError


class Command(BaseCommand):
    help = "Create an administrator account. The password comes from --password, CASEWORK_ADMIN_PASSWORD or a prompt."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", default=None)
        parser.add_argument("--name", default="Administrator")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, password, name, email, **options):
        password = password or os.environ.get("CASEWORK_ADMIN_PASSWORD")
        if not password:
            if not os.isatty(0):
                raise CommandError("Give a password with --password or CASEWORK_ADMIN_PASSWORD.")
            password = getpass.getpass("Password: ")
        if len(password) < 10:
            raise CommandError("The password must have at least 10 characters.")
        team = Team.objects.first() or services.create_team(slug="intake", name="Intake")
        try:
            services.create_agent(username=username, password=password, display_name=name, role=AgentRole.ADMIN,
                                  teams=[team], email=email, is_superuser=True)
        except CaseworkError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"Admin {username!r} created."))
