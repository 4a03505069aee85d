"""Switches of what the booklet prints and for whom: capacity, cross-references, the print shop's PDF."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from printing.booklet.options import BookletOptions


class ContentOptions(QWidget):
    """Three checkboxes for BookletOptions.show_capacity, cross_references and print_shop; `changed`
    fires on every click (the dialog rebuilds the preview)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # One line each: the tab must fit at 1024×768 beside the list of entries without a phone; the
        # explanations are tooltips.
        self.show_capacity = QCheckBox("Uvádět kapacitu služeb („až 30 lůžek“)")
        self.show_capacity.setToolTip("Kapacita je největší počet lůžek nebo klientů najednou, ne volná místa. "
                                      "Jednotky jako kontakty nebo hovory se netisknou nikdy.")
        self.cross_references = QCheckBox("Službu z více kapitol celou jen jednou, jinde odkaz")
        self.cross_references.setToolTip("V dalších kapitolách jen řádek „Název → str. 23“ se stránkou, kde je "
                                         "služba celá. Bez zaškrtnutí je služba celá v každé své kapitole.")
        self.print_shop = QCheckBox("Pro tiskárnu (spadávka, ořezové značky, CMYK)")
        self.print_shop.setToolTip("PDF pro profesionální tisk: spadávka 3 mm, ořezové značky, barvy CMYK "
                                   "a text čistě černý, počet stran násobek čtyř. Na kancelářskou tiskárnu "
                                   "a na web ponechte nezaškrtnuté.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (self.show_capacity, self.cross_references, self.print_shop):
            layout.addWidget(box)
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
