"""The main window's tabs, in order. A new agenda adds its tab here."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from db.database import Database
from desktop.directory import commands as directory_commands
from desktop.directory.tab import DirectoryTab
from desktop.plan.tab import PlanTab
from desktop.widgets.base_tab import BaseTab
from desktop.widgets.coming_soon import ComingSoonTab


def create_tabs(db: Database, parent: QWidget) -> list[BaseTab]:
    directory = DirectoryTab(db, getattr(parent, "settings", None), parent)
    directory_commands.install(directory)
    return [
        directory,
        ComingSoonTab(db, "Pracovní skupiny",
                      "Řídící a pracovní skupiny komunitního plánování: členové, jednání, prezenční listiny, "
                      "zápisy, usnesení a úkoly.", parent),
        PlanTab(db, getattr(parent, "settings", None), parent),
    ]
