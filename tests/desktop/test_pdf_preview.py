"""The shared PDF preview dialog (desktop/widgets/pdf_preview.py), driven through a small subclass whose
build writes a plain ReportLab PDF, so that only the dialog's own behaviour is under test."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from db.errors import UserError
from desktop.widgets.pdf_preview import FunctionBuild, PdfPreviewDialog, PreviewTexts, pages_text

FOLDER_KEY = "tests/preview-folder"


def write_pdf(path: Path, pages: int = 2, size=A4) -> None:
    canvas = Canvas(str(path), pagesize=size)
    for number in range(1, pages + 1):
        canvas.drawString(72, 720 if size == A4 else 500, f"Strana {number}")
        canvas.showPage()
    canvas.save()


class Preview(PdfPreviewDialog):
    def __init__(self, build, folder_key: str | None = FOLDER_KEY):
        super().__init__(None, "Zkušební dokument", "kp-test-", PreviewTexts(), folder_key=folder_key)
        self._build_fn = build
        self.standard_layout()

    def create_build(self, out: Path) -> FunctionBuild:
        return FunctionBuild(self._build_fn, out)

    def suggested_name(self) -> str:
        return "zkusebni-dokument.pdf"


@pytest.fixture
def messages(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text)))
    return shown


def shown(qtbot, build, **kwargs) -> Preview:
    dialog = Preview(build, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_building(), timeout=20_000)
    return dialog


def test_save_asks_with_the_suggested_name_adds_pdf_and_remembers_the_folder(qtbot, tmp_path, monkeypatch):
    asked = []
    target_folder = tmp_path / "odbor"
    target_folder.mkdir()

    def save_dialog(parent, caption, suggested, file_filter):
        asked.append((caption, suggested, file_filter))
        return str(target_folder / "pozvanka bez pripony"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    dialog = shown(qtbot, write_pdf)
    assert dialog.status.text() == "Stran: 2." and dialog.save_button.isEnabled()
    dialog.save_button.click()
    saved = target_folder / "pozvanka bez pripony.pdf"
    assert len(PdfReader(str(saved)).pages) == 2
    assert dialog.status.text() == f"Uloženo do {saved}"
    assert asked[0][0] == "Uložit jako PDF" and asked[0][1].endswith("zkusebni-dokument.pdf")
    assert QSettings().value(FOLDER_KEY) == str(target_folder)
    qtbot.keySequence(dialog, QKeySequence(QKeySequence.StandardKey.Save))  # Ctrl+S saves too
    assert asked[1][1] == str(target_folder / "zkusebni-dokument.pdf")


def test_save_into_an_unwritable_place_says_why_in_czech(qtbot, tmp_path, messages):
    dialog = shown(qtbot, write_pdf)
    assert not dialog.save_preview_to(tmp_path / "neni" / "dokument.pdf")
    title, text = messages[0]
    assert title == "Uložit jako PDF" and "dokument.pdf" in text and "Traceback" not in text


def test_print_asks_for_a_printer_and_sends_every_page_turned_as_the_document(qtbot, tmp_path, monkeypatch):
    dialog = shown(qtbot, lambda path: write_pdf(path, pages=3, size=landscape(A4)))
    printed = []

    def accept(print_dialog):
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "vytisk.pdf"))
        printed.append((print_dialog.windowTitle(), printer.docName(), printer.pageLayout().orientation()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    qtbot.keySequence(dialog, QKeySequence(QKeySequence.StandardKey.Print))  # Ctrl+P
    assert printed == [("Zkušební dokument", "Zkušební dokument", printed[0][2].Landscape)]
    assert len(PdfReader(str(tmp_path / "vytisk.pdf")).pages) == 3
    assert dialog.status.text() == "Odesláno na tiskárnu: 3 strany."


def test_a_failing_build_shows_a_czech_message_and_keeps_the_dialog(qtbot, messages, monkeypatch):
    def fail(path):
        raise UserError("Jednání nemá vyplněné datum.")

    dialog = shown(qtbot, fail)
    assert messages == [("Zkušební dokument", "Jednání nemá vyplněné datum.")]
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.status.text() == "Dokument se nepodařilo vytvořit." and dialog.error == "Jednání nemá vyplněné datum."
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: asked.append(a) or ("", ""))
    qtbot.keySequence(dialog, QKeySequence(QKeySequence.StandardKey.Save))
    assert not asked  # nothing to save: Ctrl+S does nothing rather than copy a missing file


def test_an_unforeseen_failure_names_no_internals(qtbot, messages):
    def crash(path):
        raise KeyError("meeting_id")

    dialog = shown(qtbot, crash)
    text = messages[0][1]
    assert text.startswith("Dokument se nepodařilo vytvořit.") and "protokolu" in text and "meeting_id" not in text
    assert dialog.isVisible()


def building(qtbot) -> tuple[Preview, threading.Event]:
    """A dialog whose first build runs until the returned event is set."""
    release = threading.Event()

    def slow(path):
        release.wait(10)
        write_pdf(path)

    dialog = Preview(slow)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog._build is not None)
    return dialog, release


def test_closing_during_a_build_waits_for_it_and_removes_the_previews(qtbot):
    dialog, release = building(qtbot)
    assert dialog.is_building() and not dialog.save_button.isEnabled()
    workdir = Path(dialog._workdir.name)
    release.set()
    dialog.reject()
    assert not workdir.exists() and not dialog.is_building()


def test_a_cancelled_build_is_said_and_offers_nothing_to_save(qtbot):
    dialog, release = building(qtbot)
    dialog._build.cancel()
    release.set()
    qtbot.waitUntil(lambda: not dialog.is_building(), timeout=20_000)
    assert dialog.status.text() == "Vytváření dokumentu bylo zrušeno." and dialog.preview_path is None
    assert not dialog.save_button.isEnabled()


@pytest.mark.parametrize(("count", "text"), [(1, "1 strana"), (4, "4 strany"), (5, "5 stran"), (0, "0 stran")])
def test_pages_are_counted_in_czech(count, text):
    assert pages_text(count) == text


def test_a_build_that_cannot_write_names_the_file(qtbot, messages):
    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    dialog = shown(qtbot, refuse)
    text = messages[0][1]
    assert text.startswith("PDF se nepodařilo uložit do „") and "nahled-1.pdf" in text and "Traceback" not in text
    assert dialog.isVisible() and dialog.status.text() == "Dokument se nepodařilo vytvořit."
