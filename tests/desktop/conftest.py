"""Fixtures shared by the desktop tests."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.widgets.conflict_dialog import ConflictDialog


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
