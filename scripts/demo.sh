#!/usr/bin/env bash
# Run Casework on the embedded default (SQLite file, in-process worker) with demo data.
#   scripts/demo.sh            -> http://127.0.0.1:8000/  (logins are printed)
# Environment: CASEWORK_DATA_DIR (default ./var), CASEWORK_DEMO_PASSWORD, PORT.
source "$(dirname "$0")/_bootstrap.sh"
export CASEWORK_DATA_DIR="${CASEWORK_DATA_DIR:-$ROOT/var}"
.venv/bin/casework migrate -v0
if ! .venv/bin/casework demo --check >/dev/null 2>&1; then
  .venv/bin/casework demo
fi
exec .venv/bin/casework serve --port "${PORT:-8000}" --no-migrate
