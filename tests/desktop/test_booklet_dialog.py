
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader

from desktop.booklet.print_dialog import BookletPrintDialog
from printing.booklet.options import OfficeContact, load_options
from tests.printing.conftest import normalize
from tests.printing.factory import populate_sample


@pytest.fixture
def dialog(qtbot, db):
    with db.session() as s, s.begin():
        populate_sample(s)
    dlg = BookletPrintDialog(db)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.document.statusChanged, timeout=20_000,
                          check_params_cb=lambda status: status == dlg.document.Status.Ready):
        dlg.show()
    qtbot.waitUntil(lambda: not dlg.is_building(), timeout=20_000)
    return dlg


def _rebuild(qtbot, dlg):
    dlg.refresh_preview()
    qtbot.waitUntil(lambda: not dlg.is_building(), timeout=20_000)


def test_preview_is_built_off_the_ui_thread_and_shown(dialog):
    assert dialog.document.pageCount() >= 8
    assert dialog.document.pageCount() % 4 == 0
    assert "služeb" in dialog.status.text()
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()


def test_options_are_remembered_and_used(qtbot, dialog, db, tmp_path):
    dialog.title.setText("Katalog sociálních služeb Dobříš")
    dialog.order_by_name.setChecked(True)
    dialog.large_print.setChecked(True)
    dialog.offices.append(OfficeContact("Úřad práce ČR", "Křižíkova 435, Příbram", "950 117 111"))
    dialog.chapters.list.setCurrentRow(0)
    dialog.chapters.title.setText("Senioři a pečující")
    dialog.chapters.title.textEdited.emit("Senioři a pečující")
    _rebuild(qtbot, dialog)
    with db.session() as s:
        stored = load_options(s)
    assert stored.title == "Katalog sociálních služeb Dobříš" and stored.large_print and stored.order == "name"
    assert stored.chapters[0].title == "Senioři a pečující"
    assert [o.name for o in stored.offices] == ["Úřad práce ČR"]
    target = tmp_path / "ulozeno.pdf"
    assert dialog.save_preview_to(target)
    text = normalize(" ".join(p.extract_text() for p in PdfReader(str(target)).pages))
    assert "Katalog sociálních služeb Dobříš" in text and "Senioři a pečující" in text and "Úřad práce ČR" in text
    # A new dialog starts from the remembered options.
    again = BookletPrintDialog(db)
    qtbot.addWidget(again)
    assert again.title.text() == "Katalog sociálních služeb Dobříš" and again.large_print.isChecked()
    qtbot.waitUntil(lambda: not again.is_building(), timeout=20_000)


def test_chapter_target_groups_are_editable(qtbot, dialog):
    editor = dialog.chapters
    editor.list.setCurrentRow(0)
    item = editor.groups.findItems("senioři", Qt.MatchFlag.MatchExactly)[0]
    assert item.checkState() == Qt.CheckState.Checked
    item.setCheckState(Qt.CheckState.Unchecked)
    assert "senioři" not in editor.chapters()[0].target_groups
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.chapters()[-1].title == "Nová kapitola"


def test_imposed_only_for_a5_and_sets_up_a_landscape_a4_printer(qtbot, dialog):
    dialog.page_format.setCurrentIndex(1)
    assert not dialog.imposed.isEnabled() and not dialog.imposed.isChecked()
    dialog.page_format.setCurrentIndex(0)
    dialog.imposed.setChecked(True)
    _rebuild(qtbot, dialog)
    assert dialog.last_result.printed_sides == dialog.document.pageCount()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog.prepare_printer(printer)
    # Duplex is only kept by a real duplex printer (not by the PDF printer of the test machine).
    assert printer.pageLayout().orientation() == printer.pageLayout().Orientation.Landscape
    assert printer.pageLayout().pageSize().id() == printer.pageLayout().pageSize().PageSizeId.A4


def test_print_renders_every_page(qtbot, dialog, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    dialog.prepare_printer(printer)
    out = tmp_path / "vytisk.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    sent = dialog.print_to(printer)
    assert sent == dialog.document.pageCount()
    assert len(PdfReader(str(out)).pages) == sent


def test_cancel_stops_the_build_and_keeps_the_old_preview(qtbot, dialog):
    pages = dialog.document.pageCount()
    dialog.refresh_preview()
    dialog._build.cancel()
    qtbot.waitUntil(lambda: not dialog.is_building(), timeout=20_000)
    assert dialog.document.pageCount() == pages
    assert "zrušeno" in dialog.status.text() or dialog.preview_path.exists()


def test_offices_are_edited_in_a_form_with_their_contacts_checked(qtbot, dialog):
    editor = dialog.offices
    editor.set_offices([])
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)

    def type_into(key, text):  # QTest cannot type Czech letters; set the text as typing would
        editor.fields[key].setText(text)
        editor.fields[key].textEdited.emit(text)

    type_into("name", "Úřad práce ČR")
    qtbot.keyClicks(editor.fields["phone"], "12")
    assert "Telefon" in editor.problem.text() and not editor.problem.isHidden()
    type_into("phone", "950 117 111")
    assert editor.problem.isHidden()
    editor.note.setPlainText("příspěvek na péči")
    assert editor.list.item(0).text() == "Úřad práce ČR"
    assert editor.offices() == [OfficeContact("Úřad práce ČR", phone="950 117 111", note="příspěvek na péči")]


def test_a_layout_switch_rebuilds_the_preview_by_itself(qtbot, dialog):
    pages = dialog.document.pageCount()
    dialog.large_print.setChecked(True)
    qtbot.waitUntil(lambda: dialog.preview_options is not None and dialog.preview_options.large_print
                    and not dialog.is_building(), timeout=20_000)
    assert dialog.document.pageCount() > pages


def test_preview_has_page_numbers_zoom_and_fit_modes(qtbot, dialog):
    from PySide6.QtPdfWidgets import QPdfView

    bar = dialog.preview_bar
    count = dialog.document.pageCount()
    qtbot.waitUntil(lambda: bar.page_label.text() == f"Strana 1 / {count}")
    assert not bar.previous_button.isEnabled() and bar.next_button.isEnabled()
    bar.next_button.click()
    qtbot.waitUntil(lambda: bar.page_label.text() == f"Strana 2 / {count}")
    bar.go_to_page(count + 5)
    qtbot.waitUntil(lambda: bar.page_label.text() == f"Strana {count} / {count}")
    assert not bar.next_button.isEnabled()

    assert bar.fit_width_button.isChecked() and not bar.whole_page_button.isChecked()
    fit_width = bar.zoom_factor()
    bar.whole_page_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitInView and bar.whole_page_button.isChecked()
    assert bar.zoom_factor() < fit_width  # a whole A5 page is smaller than its full width
    whole = bar.zoom_factor()
    bar.zoom_in_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert dialog.view.zoomFactor() == pytest.approx(whole * 1.25)
    assert bar.zoom_label.text() == f"{round(whole * 125)} %"
    assert not bar.fit_width_button.isChecked()
    bar.fit_width_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
