#!/usr/bin/env bash
# The whole test suite: SQLite always; PostgreSQL too when one is reachable (loudly skipped when not).
# Browser tests use Debian's chromium, installed here when missing (apt-get, as root).
CASEWORK_EXTRAS=test source "$(dirname "$0")/_bootstrap.sh"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing Debian chromium for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "!! chromium could not be installed: browser tests will be SKIPPED" >&2
  else
    echo "!! /usr/bin/chromium missing and cannot be installed here: browser tests will be SKIPPED" >&2
  fi
fi

mkdir -p test-artifacts
status=0
echo "==> Test suite on SQLite"
.venv/bin/python -m pytest -p no:cacheprovider "$@" || status=$?

PG_URL="${CASEWORK_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
if .venv/bin/python - "$PG_URL" <<'PY' 2>/dev/null
import sys, psycopg
psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
PY
then
  echo "==> Test suite on PostgreSQL ($PG_URL), browser tests excluded (they ran on SQLite)"
  DATABASE_URL="$PG_URL" .venv/bin/python -m pytest -p no:cacheprovider -m "not e2e" "$@" || status=$?
else
  echo "!! PostgreSQL not reachable at $PG_URL: the PostgreSQL run is SKIPPED" >&2
fi
exit $status
