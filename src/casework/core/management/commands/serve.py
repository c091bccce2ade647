"""``casework serve``: migrations, then the ASGI server (HTTP + WebSockets) and a task worker."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run Casework: apply migrations, start the web server (HTTP + WebSockets) and the task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-worker", action="store_true", help="Do not run the in-process task worker.")
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args, host, port, no_worker, no_migrate, **options):
        import uvicorn

        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        if settings.CASEWORK_EMBEDDED_WORKER and not no_worker:
            from casework.core.worker import start_embedded_worker

            start_embedded_worker()
        self.stdout.write(self.style.SUCCESS(f"Casework is running on http://{host}:{port}/  (Ctrl+C to stop)"))
        uvicorn.run("casework.core.asgi:application", host=host, port=port, log_level="warning", lifespan="off")
