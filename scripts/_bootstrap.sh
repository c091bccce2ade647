# Shared set-up for scripts/demo.sh and scripts/test.sh: find Python >= 3.12, make .venv, install.
# Sourced, not run. Idempotent: a second run only checks.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
  # The oldest supported Python first (3.12 is what Casework is developed and pinned on).
  local candidates=()
  for d in "$HOME"/.pyenv/versions/3.1[2-9]*; do [ -x "$d/bin/python" ] && candidates+=("$d/bin/python"); done
  candidates+=(python3.12 python3.13 python3.14 python3)
  for c in "${candidates[@]}"; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      command -v "$c"; return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
  PY="$(find_python)" || { echo "Casework needs Python >= 3.12 and none was found (tried python3.1x, python3, pyenv)." >&2; exit 1; }
  echo "==> Creating .venv with $PY ($("$PY" -V))"
  rm -rf .venv
  "$PY" -m venv .venv
fi

EXTRAS="${CASEWORK_EXTRAS:-}"
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)${EXTRAS:+-$EXTRAS}"
if [ ! -f "$stamp" ]; then
  echo "==> Installing Casework and its pinned dependencies${EXTRAS:+ (extras: $EXTRAS)}"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${EXTRAS:+[$EXTRAS]}"
  touch "$stamp"
fi
