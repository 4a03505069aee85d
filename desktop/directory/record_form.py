"""What the provider form and the service editor share: field rows with inline errors, change signals."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QScrollArea, QWidget

from db.directory.validation import Problem
from desktop.directory.fields import FieldRow


class RecordForm(QScrollArea):
    """A scrollable form of one record. Subclasses fill `rows` through _row() and set _loading while
    they put a stored state into the widgets, so that loading is not reported as an edit."""

    changed = Signal()
    name_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        # Set by the editor: the Czech message when the record's key (IČO, identifikátor) is taken.
        self.duplicate_check: Callable[[str], str | None] = lambda key: None
        self.rows: dict[str, FieldRow] = {}
        self._loading = False

    def _row(self, name: str, widget: QWidget) -> FieldRow:
        self.rows[name] = FieldRow(widget)
        return self.rows[name]

    def _changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def error_rows(self) -> dict[str, FieldRow]:
        """Rows that can show a problem, by the problem's field name; subclasses add their own."""
        return self.rows

    def show_problems(self, problems: list[Problem]) -> None:
        rows = self.error_rows()
        messages: dict[str, list[str]] = {}
        for problem in problems:
            if problem.field in rows:
                messages.setdefault(problem.field, []).append(problem.message)
            elif rows:  # a field without a message line of its own: named under the first one
                first = next(iter(rows))
                label = problem.label.rsplit(" – ", 1)[-1] or problem.field
                messages.setdefault(first, []).append(f"{label}: {problem.message}")
        for name, row in rows.items():
            row.set_error("\n".join(messages.get(name, [])) or None)

    def focus_first_error(self) -> None:
        for row in self.error_rows().values():
            if row.error_text():
                self.ensureWidgetVisible(row)
                row.input.setFocus()
                return
