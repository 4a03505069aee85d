"""What the provider form and the service editor share: the scrolled page of titled sections, field rows
with inline errors and the checks run when the clerk leaves a field, change signals."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from db.directory.validation import Problem
from db.printable import unprintable
from desktop.directory.fields import FieldRow, align_labels, form_layout

WARNING_STYLE = "color: #7a4b00; background: #fff4ce; padding: 6px; border-radius: 3px;"


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
        self._forms: list[QFormLayout] = []  # the page's forms, whose labels line up
        self._loading = False
        # Characters the printed booklet cannot show (emoji, pictograms); saving is still allowed.
        # Subclasses place it at the top of their form.
        self.print_warning = QLabel()
        self.print_warning.setWordWrap(True)
        self.print_warning.setStyleSheet(WARNING_STYLE)
        self.print_warning.hide()

    def _start_page(self) -> QVBoxLayout:
        """The page's layout, the print warning on top; sections follow (_section), _finish_page ends it."""
        self._page = QWidget()
        layout = QVBoxLayout(self._page)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(self.print_warning)
        return layout

    def _section(self, layout: QVBoxLayout, title: str) -> QFormLayout:
        """A titled box added to the page, with a form whose labels line up with the other sections'."""
        box = QGroupBox(title)
        layout.addWidget(box)
        return self._form(form_layout(box))

    def _form(self, form: QFormLayout) -> QFormLayout:
        """`form` (inside a section of the caller's own) lines its labels up with the sections'."""
        self._forms.append(form)
        return form

    def _finish_page(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        align_labels(self._forms)
        self.setWidget(self._page)

    def _check_on_leave(self, checks: dict[str, Callable[[str], str | None]]) -> None:
        """When the clerk leaves the line edit `name`, its row shows `check(text)` (None: no problem)."""
        for name, check in checks.items():
            edit: QLineEdit = getattr(self, name)
            edit.editingFinished.connect(lambda n=name, c=check, e=edit: self.rows[n].set_error(c(e.text())))

    def _check_key(self, name: str, check: Callable[[str], str | None]) -> None:
        """The record's key (IČO, identifikátor): its form, then that no other record has it."""
        value = getattr(self, name).text()
        self.rows[name].set_error(check(value) or self.duplicate_check(value))

    def _row(self, name: str, widget: QWidget) -> FieldRow:
        self.rows[name] = FieldRow(widget)
        return self.rows[name]

    def _changed(self) -> None:
        if not self._loading:
            self.update_print_warning()
            self.changed.emit()

    def printed_texts(self) -> dict[str, str]:
        """Label → text of each field that reaches print; subclasses list theirs."""
        return {}

    def update_print_warning(self) -> None:
        fields = [f"{label}: {' '.join(chars)}" for label, text in self.printed_texts().items()
                  if (chars := unprintable(text))]
        self.print_warning.setText("Tyto znaky písmo tištěného přehledu nemá, v tisku budou vynechány "
                                   "(nesou-li význam, nahraďte je slovy, např. „tel.“ místo ☎):\n"
                                   + "\n".join(fields) if fields else "")
        self.print_warning.setVisible(bool(fields))

    def error_rows(self) -> dict[str, FieldRow]:
        """Rows that can show a problem, by the problem's field name; subclasses add their own."""
        return self.rows

    def show_problems(self, problems: list[Problem]) -> None:
        self.update_print_warning()
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
