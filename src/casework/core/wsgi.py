"""WSGI entry point (the HTTP API can run behind a WSGI server for throughput; see docs/adr)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.core.settings")

import django  # noqa: E402

django.setup(set_prefix=False)

from casework.core.handlers import wsgi_application  # noqa: E402

application = wsgi_application()  # bearer-token API requests take a shorter middleware chain
