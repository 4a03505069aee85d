#!/usr/bin/env bash
# Create .venv beside the checkout (once) and install the project with its test tools into it.
# pip and setuptools print dozens of English build warnings on the first install that look like errors;
# their output goes to .venv/instalace.log and is shown only when the installation fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    echo "Nelze vytvořit virtuální prostředí Pythonu. Na Debianu/Ubuntu doinstalujte balíček:" >&2
    echo "  sudo apt install python3-venv" >&2
    exit 1
  fi
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "První spuštění: instaluji potřebné knihovny do .venv (několik minut)…"
  log=.venv/instalace.log
  if ! PYTHONWARNINGS=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 \
      sh -c '.venv/bin/python -m pip install --quiet --upgrade pip && .venv/bin/python -m pip install --quiet -e ".[test]"' \
      >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "Instalace knihoven selhala (celý výpis je v $log). Zkontrolujte připojení k internetu a spusťte znovu." >&2
    exit 1
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi
