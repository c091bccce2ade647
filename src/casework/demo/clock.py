"""A settable clock for seeding history.

Services read the time from ``django.utils.timezone.now()`` (and ``auto_now_add`` fields do too).
While :meth:`DemoClock.installed` is active that function returns :attr:`DemoClock.now`, so a story
that moves the clock forward between service calls leaves exactly the rows those calls would have
written at those moments: ``created_at ≤ events ≤ updated_at`` holds by construction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock


class DemoClock:
    def __init__(self, start: datetime):
        if start.tzinfo is None:
            raise ValueError("DemoClock needs an aware datetime.")
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        """Move to ``moment``; the clock never goes backwards (timelines stay ordered)."""
        self.now = max(self.now, moment)

    def advance(self, delta: timedelta) -> None:
        self.now = self.now + delta

    @contextmanager
    def installed(self) -> Iterator[DemoClock]:
        with mock.patch("django.utils.timezone.now", self):
            yield self
