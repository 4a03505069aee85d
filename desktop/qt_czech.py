"""Czech for the texts of Qt's own dialogs that Qt's Czech translation (qtbase_cs.qm) leaves in English.

Found by listing the texts Qt asks for while the file and print dialogs are open
(tests/desktop/test_czech_dialogs.py keeps that list empty); the wording follows Windows' Czech dialogs.
"""
from __future__ import annotations

from PySide6.QtCore import QTranslator

MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "&Oblast hledání:",
    ("QFileDialog", "Files of &type:"): "Soubory &typu:",
    ("QAbstractFileIconProvider", "Drive"): "Jednotka",
    ("QAbstractFileIconProvider", "Folder"): "Složka",
    ("QPrintSettingsOutput", "Double Sided Printing"): "Oboustranný tisk",
    ("QPrintSettingsOutput", "Long side binding"): "Vazba na delší straně",
    ("QPrintSettingsOutput", "Short side binding"): "Vazba na kratší straně",
    ("QPrintSettingsOutput", "Off"): "Vypnuto",
    ("QPrintSettingsOutput", "Page &Set:"): "&Sada stránek:",
    ("QPrintSettingsOutput", "Pages"): "Stránky",
    ("QPrintSettingsOutput",
     "Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. "
     "E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9."):
        "Zadejte stránky nebo rozsahy oddělené čárkami; rozsah jsou dvě čísla spojená pomlčkou. "
        "Např. 3,5-7,9 vytiskne stránky 3, 5, 6, 7 a 9.",
}


class CzechSupplement(QTranslator):
    """Answers only the texts in MISSING; everything else goes on to qtbase_cs."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return MISSING.get((context, source))  # None: a null string, so Qt asks the next translator

    def isEmpty(self) -> bool:
        return False
