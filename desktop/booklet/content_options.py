"""Switches of what the booklet prints and for whom: capacity, cross-references, the print shop's PDF."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from printing.booklet.options import BookletOptions


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setContentsMargins(24, 0, 0, 4)
    return label


class ContentOptions(QWidget):
    """Three checkboxes for BookletOptions.show_capacity, cross_references and print_shop; `changed`
    fires on every click (the dialog rebuilds the preview)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.show_capacity = QCheckBox("Uvádět kapacitu služeb (např. „až 30 lůžek“)")
        self.cross_references = QCheckBox("Službu z více kapitol vytisknout celou jen jednou")
        self.print_shop = QCheckBox("Pro tiskárnu (ořez, spadávka a barvy pro profesionální tisk)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.show_capacity)
        layout.addWidget(_hint("Kapacita je největší počet lůžek nebo klientů najednou, ne volná místa."))
        layout.addWidget(self.cross_references)
        layout.addWidget(_hint("V dalších kapitolách jen řádek s odkazem na stránku, kde je služba celá. "
                               "Přehled je kratší; bez zaškrtnutí je služba celá v každé své kapitole."))
        layout.addWidget(self.print_shop)
        layout.addWidget(_hint("PDF pro tiskárnu: spadávka 3 mm, ořezové značky, barvy CMYK a text čistě "
                               "černý, stran násobek čtyř. Na kancelářskou tiskárnu a na web ponechte "
                               "nezaškrtnuté."))
        for box in (self.show_capacity, self.cross_references, self.print_shop):
            box.toggled.connect(self.changed)

    def set_options(self, options: BookletOptions) -> None:
        for name in ("show_capacity", "cross_references", "print_shop"):
            box: QCheckBox = getattr(self, name)
            box.blockSignals(True)
            box.setChecked(getattr(options, name))
            box.blockSignals(False)

    def apply(self, options: BookletOptions) -> BookletOptions:
        """`options` with the three switches as checked here."""
        return dataclasses.replace(options, show_capacity=self.show_capacity.isChecked(),
                                   cross_references=self.cross_references.isChecked(),
                                   print_shop=self.print_shop.isChecked())
