#!/usr/bin/env bash
# Set everything up (first run only) and run the whole test suite offscreen. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
if [ -n "${KP_PG_BINDIR:-}" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null; then
  echo "PostgreSQL server binaries found: the database tests run on SQLite and on a throwaway PostgreSQL cluster."
else
  echo "PostgreSQL server binaries NOT found: the PostgreSQL variants of the database tests are SKIPPED" \
       "(install the package: apt-get install postgresql)."
fi
exec .venv/bin/python -m pytest -q -rs "$@"
