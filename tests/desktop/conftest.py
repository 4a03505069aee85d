"""Fixtures shared by the desktop tests."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from db.database import open_database
from desktop.directory.tab import DirectoryTab
from desktop.meetings.tab import MeetingsTab
from desktop.widgets.conflict_dialog import ConflictDialog
from desktop.widgets.unsaved_changes import UnsavedChoice
from tests.db.plan.plan_builders import build_small_plan
from tests.factories import small_directory


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """What the window remembers (sizes, open tab), in the test's own file."""
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def show(qtbot):
    """show(widget, width, height, exposed=False): the widget handed to qtbot (closed after the test),
    resized when a size is given, shown, and, when `exposed`, waited for until it is on the screen."""
    def show_(widget: QWidget, width: int | None = None, height: int | None = None, *, exposed: bool = False):
        qtbot.addWidget(widget)
        if width is not None:
            widget.resize(width, height)
        widget.show()
        if exposed:
            qtbot.waitExposed(widget)
        return widget
    return show_


@pytest.fixture
def ids(db) -> dict[str, int]:
    """The small directory of tests/factories.py, its record ids by short name."""
    return small_directory(db)


@pytest.fixture
def plan(db):
    """The small plan of tests/db/plan/plan_builders.py."""
    with db.session() as s, s.begin():
        return build_small_plan(s)


@pytest.fixture
def other(db):
    """Another clerk: her own connection to the same database file."""
    database = open_database(db.path, daily_backup=False)
    yield database
    database.close()


@pytest.fixture
def directory_tab(show, db, ids, settings):
    """The Poskytovatelé tab alone over the small directory (`ids`), at 1366 × 740."""
    return show(DirectoryTab(db, settings), 1366, 740)


@pytest.fixture
def meetings_tab(show, db, settings):
    """The Pracovní skupiny tab alone, at 1024 × 700."""
    return show(MeetingsTab(db, settings), 1024, 700)


@pytest.fixture
def answers(monkeypatch) -> tuple[list, list[str]]:
    """(queue, asked): each QMessageBox.exec returns the next queued button; `asked` records its text."""
    queue, asked = [], []

    def exec_(box):
        asked.append(box.text())
        return queue.pop(0)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return queue, asked


@pytest.fixture
def discard_on_close(monkeypatch) -> None:
    """A meetings editor left with edits (by a failing test) must not ask its modal question at teardown."""
    from desktop.meetings import editor_dialog

    monkeypatch.setattr(editor_dialog, "ask_unsaved_changes", lambda parent, message: UnsavedChoice.DISCARD)


class ConflictAnswers:
    """The conflict dialogs shown (`shown`) and the answers queued for them (`answer`)."""

    def __init__(self):
        self.shown: list[ConflictDialog] = []
        self._answers: list[tuple[str | None, list[int]]] = []

    def answer(self, choice: str | None, flip_rows: tuple[int, ...] = ()) -> None:
        """Queue the clerk's answer to the next dialog: "merge", "hers", "theirs" or None (Zpět
        k úpravám), after clicking the other checkbox of `flip_rows`."""
        self._answers.append((choice, list(flip_rows)))

    def rows(self, index: int = -1) -> list[list[str]]:
        """The texts of a shown dialog's table: [field, hers, theirs] per row."""
        table = self.shown[index].table
        return [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]

    def exec_(self, dialog: ConflictDialog) -> int:
        self.shown.append(dialog)
        choice, flip_rows = self._answers.pop(0)
        for row in flip_rows:
            cell = dialog.table.item(row, 1)
            cell.setCheckState(Qt.CheckState.Unchecked if cell.checkState() == Qt.CheckState.Checked
                               else Qt.CheckState.Checked)
        if choice:
            dialog._finish(choice)
        return 0


@pytest.fixture
def conflicts(monkeypatch) -> ConflictAnswers:
    """Every ConflictDialog is answered with the queued answer instead of waiting for the clerk."""
    answers = ConflictAnswers()
    monkeypatch.setattr(ConflictDialog, "exec", lambda dialog: answers.exec_(dialog))
    return answers
