"""The application's log file (komunitni-plan.log in the data folder), shared by the window and the
command line. It records the kind of a failure and record ids, never values a clerk typed: the engine
hides SQL parameters (db/database.py) and our own log calls pass ids only."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from db.paths import user_data_dir

LOG_NAME = "komunitni-plan.log"


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
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
