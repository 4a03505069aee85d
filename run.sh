#!/usr/bin/env bash
# Set everything up (first run only) and start Komunitní plán. Arguments go to the app: ./run.sh --help
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh
exec .venv/bin/python main.py "$@"
