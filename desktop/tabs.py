"""The main window's tabs, in order. A new agenda adds its tab here."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from db.database import Database
from desktop.directory import commands as directory_commands
from desktop.directory.tab import DirectoryTab
from desktop.meetings import commands as meetings_commands
from desktop.meetings.tab import MeetingsTab
from desktop.plan.tab import PlanTab
from desktop.widgets.base_tab import BaseTab


def create_tabs(db: Database, parent: QWidget) -> list[BaseTab]:
    directory = DirectoryTab(db, getattr(parent, "settings", None), parent)
    directory_commands.install(directory)
    meetings = MeetingsTab(db, getattr(parent, "settings", None), parent)
    meetings_commands.install(meetings, directory)
    return [
        directory,
        meetings,
        PlanTab(db, getattr(parent, "settings", None), parent),
    ]
