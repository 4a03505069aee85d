"""The frame around a record editor beside a list (the provider editor, the plan item editor): a page
saying what to choose while nothing is open, and while editing the heading, the editor's tabs, a status
line and Zrušit změny / Uložit; above both the note about another clerk's save."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from desktop.widgets.changed_notice import ChangedElsewhereNotice


@dataclass
class EditorFrame:
    status: QLabel
    discard_button: QPushButton
    save_button: QPushButton
    pages: QStackedWidget  # 0: the placeholder, 1: editing
    notice: ChangedElsewhereNotice


def build_editor_frame(owner: QWidget, heading: QWidget, tabs: QWidget, placeholder: QWidget,
                       save_tooltip: str) -> EditorFrame:
    """Lay the frame out in `owner` (which gets a new layout) and return its parts."""
    status = QLabel()
    status.setWordWrap(True)
    discard_button = QPushButton("Zrušit změny")
    discard_button.setToolTip("Vrátit údaje do podoby, v jaké byly naposledy uloženy")
    save_button = QPushButton("Uložit")
    save_button.setDefault(True)
    save_button.setToolTip(save_tooltip)
    bar = QHBoxLayout()
    bar.addWidget(status, 1)
    bar.addWidget(discard_button)
    bar.addWidget(save_button)

    editing = QWidget()
    editing_layout = QVBoxLayout(editing)
    editing_layout.setContentsMargins(0, 0, 0, 0)
    editing_layout.addWidget(heading)
    editing_layout.addWidget(tabs, 1)
    editing_layout.addLayout(bar)
    pages = QStackedWidget()
    pages.addWidget(placeholder)
    pages.addWidget(editing)
    # Outside the pages: "deleted meanwhile" is said on the empty page as well.
    notice = ChangedElsewhereNotice()
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(6, 0, 0, 0)
    layout.addWidget(notice)
    layout.addWidget(pages, 1)
    return EditorFrame(status, discard_button, save_button, pages, notice)
