"""``casework worker``: a separate task worker process (scale-out)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a background task worker (triage, deliveries, timers). Run as many as you need."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="append", default=None, help="Queue name(s); all by default.")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="Exit when no task is left.")

    def handle(self, *args, queue, interval, batch, **options):
        from casework.core.worker import resume_intake

        resume_intake()
        call_command("db_worker", queue_name="*" if not queue else ",".join(queue), interval=interval, batch=batch,
                     verbosity=options.get("verbosity", 1))
