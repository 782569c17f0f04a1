#!/usr/bin/env bash
# Measures the peers claimex is compared with — trafilatura (HTML cleanup), pySBD and
# blingfire (sentence splitting) — on the same inputs as claimex-bench, one core each.
# Installs them from PyPI into a virtualenv outside the repository.
#   bench/peers/run.sh [SHARED_DATA_DIR] [POLNEAR_TRAIN_JSONL]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${1:-$here/../../../shared/data}"
texts="${2:-/tmp/claimex-eval/quotes/train.jsonl}"
venv="${CLAIMEX_PEERS_VENV:-/tmp/claimex-peers-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check trafilatura==2.3.1 lxml_html_clean pysbd==0.3.4 blingfire==0.1.8 numpy
fi
exec "$venv/bin/python" "$here/peers.py" --data "$data" --texts "$texts"
