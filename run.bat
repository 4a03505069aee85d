@echo off
rem Set everything up (first run only) and start Komunitni plan on Windows.
cd /d "%~dp0"
if not exist .venv\Scripts\python.exe py -3 -m venv .venv
.venv\Scripts\python -m pip install --quiet -e ".[test]"
.venv\Scripts\python main.py %*
