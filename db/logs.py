"""The application's log file (komunitni-plan.log in the data folder), shared by the window and the
command line. It records the kind of a failure and record ids, never values a clerk typed: the engine
hides SQL parameters (db/database.py) and our own log calls pass ids only. The user's home folder,
which carries the OS login in every path under it, is written as "~"."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from db.paths import user_data_dir

LOG_NAME = "komunitni-plan.log"


class HomeHidingFormatter(logging.Formatter):
    """Writes the home folder (/home/jnovakova, C:\\Users\\jnovakova) of every path, tracebacks
    included, as "~": the log may be sent to support, the login is personal data."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        home = str(Path.home())
        if len(home) > 1:
            for form in {home, home.replace("\\", "/"), home.replace("/", "\\")}:
                text = text.replace(form, "~")
        return text


def log_path() -> Path:
    return user_data_dir() / LOG_NAME


def setup_logging() -> Path | None:
    """Send INFO and above to the rotating log file; returns its path, or None if the data folder
    cannot be written (the app then works without a log rather than not at all)."""
    path = log_path()
    root = logging.getLogger()
    if any(getattr(h, "kp_log", None) == path for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.kp_log = path
    handler.setFormatter(HomeHidingFormatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
