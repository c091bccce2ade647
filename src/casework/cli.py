"""The ``casework`` console script: Django's management commands with Casework's settings.

``casework serve``, ``casework demo``, ``casework worker``, ``casework createadmin``,
``casework bench ...``, ``casework triage ...`` and every Django command (``migrate``,
``shell``, ...) go through here.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.core.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["casework", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
