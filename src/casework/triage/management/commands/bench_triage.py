"""``casework bench_triage [--data DIR] [--out FILE.json] [--only part,part] [--json]``.

An alias of ``casework bench triage`` (same arguments, same code in :mod:`casework.triage.bench`).
"""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Triage benchmarks on ../shared/data (BANKING77, CLINC150, BANKING77-OOS, UMSAB, risk set, speed). " \
           "Alias of 'casework bench triage'."

    def add_arguments(self, parser):
        from casework.triage.bench import add_cli_arguments

        add_cli_arguments(parser)

    def handle(self, *args, **opts):
        from casework.triage.bench import run_cli

        run_cli(self.stdout, self.stderr, **opts)
