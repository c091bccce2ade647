"""``casework bench_triage [--data DIR] [--out FILE.json] [--only part,part]`` (wired to ``casework bench triage``)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Triage benchmarks on ../shared/data (BANKING77, CLINC150, BANKING77-OOS, UMSAB, risk set, speed)."

    def add_arguments(self, parser):
        parser.add_argument("--data", help="shared data directory (default ../shared/data or $CASEWORK_SHARED_DATA)")
        parser.add_argument("--out", default="bench/results/triage.json")
        parser.add_argument("--only", help="comma-separated parts: banking77,clinc150,banking77_oos,language,"
                                           "sentiment,risk,speed")

    def handle(self, *args, data=None, out=None, only=None, **opts):
        from casework.triage.bench import run_triage_bench

        parts = [p.strip() for p in only.split(",")] if only else None
        run_triage_bench(data, out, parts=parts, log=lambda s: self.stdout.write(s))
        self.stdout.write(f"figures written to {out}")
