#!/usr/bin/env bash
# Set everything up (first run only) and run the whole test suite offscreen. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
