"""WSGI entry point (the HTTP API can run behind a WSGI server for throughput; see docs/adr)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.core.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
