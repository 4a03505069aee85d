@echo off
rem Set everything up (first run, or after pyproject.toml changed) and start Komunitni plan on Windows.
rem Arguments go to the app: run.bat --help, run.bat info
rem No parenthesised blocks: a folder such as "C:\Program Files (x86)" would break them.
setlocal
cd /d "%~dp0"
if exist .venv\Scripts\python.exe goto installed
py -3.11 -m venv .venv 2>nul || py -3 -m venv .venv 2>nul || python -m venv .venv
if not exist .venv\Scripts\python.exe goto no_python
:installed
rem Install only when pyproject.toml differs from the one last installed, so that later starts work offline.
fc /b pyproject.toml .venv\installed-pyproject.toml >nul 2>&1 && goto start
set "PIP_SOURCE="
rem An office without internet: put the wheels (pip download) into a folder "wheels" beside this file.
if exist wheels\ set "PIP_SOURCE=--no-index --find-links wheels"
.venv\Scripts\python.exe -m pip install --quiet %PIP_SOURCE% -e .
if errorlevel 1 goto install_failed
copy /y pyproject.toml .venv\installed-pyproject.toml >nul
:start
.venv\Scripts\python.exe main.py %*
exit /b %errorlevel%

:no_python
echo Python 3.11 nebo novejsi nebyl nalezen. Nainstalujte jej z python.org a spustte run.bat znovu.
pause
exit /b 1

:install_failed
echo Instalace se nezdarila. Poprve je potreba pripojeni k internetu, nebo slozka "wheels" s balicky.
pause
exit /b 1
