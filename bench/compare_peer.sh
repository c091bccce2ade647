#!/usr/bin/env bash
# Casework vs django-helpdesk 2.6.1 on the same workload (100k cases), one after the other.
# Creation A/B/A/B over HTTP (peer DRF API vs Casework POST /api/v1/messages, gunicorn, c=8),
# then list and search p95 at 100k, then the ratios. Results JSON: bench/results/peer-*.json.
#   bench/compare_peer.sh                 # defaults: CASES=100000 REQUESTS=2000 ROUNDS=2
#   CASES=100000 REQUESTS=1000 bench/compare_peer.sh --json
# The peer installs itself under /tmp/peer-djhd (its setup.sh, pip from PyPI, ~15 s the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
export CASEWORK_DATA_DIR="${CASEWORK_DATA_DIR:-/tmp/cw-bench}"
CW="${CASEWORK:-$( [ -x .venv/bin/casework ] && echo .venv/bin/casework || echo casework )}"
mkdir -p bench/results
exec "$CW" bench peer --cases "${CASES:-100000}" --requests "${REQUESTS:-2000}" --rounds "${ROUNDS:-2}" \
  --out "bench/results/peer-$(date +%Y%m%d-%H%M%S).json" "$@"
