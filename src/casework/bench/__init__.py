"""Benchmarks: seed a realistic helpdesk at scale and time what agents and channels do.

Not a Django app (no models): plain modules used by ``casework bench``.

- :mod:`~casework.bench.dataset`  the distributions (teams, statuses, languages, keywords) and row building
- :mod:`~casework.bench.seed`     bulk inserts (SQLite executemany, PostgreSQL COPY), reuse of a seeded DB
- :mod:`~casework.bench.measure`  in-process server time of the console and API reads
- :mod:`~casework.bench.load`     message creation over real HTTP against gunicorn / uvicorn
- :mod:`~casework.bench.runner`   the whole ``bench queue`` run, as one JSON-able dict
- :mod:`~casework.bench.peer`     the same workload against django-helpdesk, side by side
"""
