"""Qt's own dialogs are Czech throughout and file dialogs start in Documents."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths, QTranslator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

from desktop.qt_czech import MISSING
from desktop.widgets.file_dialogs import documents_folder, start_folder

CHECKED_CONTEXTS = ("QFileDialog", "QFileSystemModel", "QAbstractFileIconProvider", "QPrintDialog",
                    "QPrintSettingsOutput", "QPrintPropertiesWidget", "QUnixPrintWidget", "QPlatformTheme",
                    "QMessageBox", "QDialogButtonBox")


class _Untranslated(QTranslator):
    """Asked last: sees exactly the texts no Czech translator answered."""

    def __init__(self):
        super().__init__()
        self.texts: set[tuple[str, str]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):
        if context in CHECKED_CONTEXTS:
            self.texts.add((context, source))
        return None  # a null string: "not translated here"

    def isEmpty(self):
        return False


@pytest.fixture
def untranslated(qapp):
    from desktop.app import install_qt_translations

    spy = _Untranslated()
    # Translators are asked newest first: put the spy under the Czech ones by reinstalling those after it.
    czech = [t for t in qapp.findChildren(QTranslator)]
    for translator in czech:
        qapp.removeTranslator(translator)
    qapp.installTranslator(spy)
    for translator in czech:
        qapp.installTranslator(translator)
    assert install_qt_translations(qapp)
    yield spy.texts
    qapp.removeTranslator(spy)


def _file_dialog(qtbot, mode, file_mode=QFileDialog.FileMode.ExistingFile):
    dialog = QFileDialog(None, "Otevřít databázi", str(documents_folder()), "Databáze (*.sqlite)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the widget dialog Linux users see
    dialog.setAcceptMode(mode)
    dialog.setFileMode(file_mode)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    return dialog


def test_file_dialog_labels_and_buttons_are_czech(qtbot, untranslated):
    dialog = _file_dialog(qtbot, QFileDialog.AcceptMode.AcceptOpen)
    labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    assert {"Oblast hledání:", "Název souboru:", "Soubory typu:"} <= labels
    buttons = {b.text().replace("&", "") for b in dialog.findChildren(QPushButton)}
    assert {"Otevřít", "Zrušit"} <= buttons
    _file_dialog(qtbot, QFileDialog.AcceptMode.AcceptSave, QFileDialog.FileMode.AnyFile)
    _file_dialog(qtbot, QFileDialog.AcceptMode.AcceptOpen, QFileDialog.FileMode.Directory)
    assert not untranslated, sorted(untranslated)


def test_print_dialog_and_message_boxes_are_czech(qtbot, untranslated):
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    box = QMessageBox(QMessageBox.Icon.Question, "Otázka", "Pokračovat?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert {b.text().replace("&", "") for b in box.buttons()} == {"Ano", "Ne"}
    assert not untranslated, sorted(untranslated)


def test_the_supplement_only_fills_gaps(qapp):
    for (context, source), czech in MISSING.items():
        assert QApplication.translate(context, source) == czech


def test_file_dialogs_start_in_documents(tmp_path):
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert start_folder() == documents
    assert start_folder(tmp_path) == str(tmp_path)
    assert start_folder(tmp_path / "gone") == documents
