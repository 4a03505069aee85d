
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
    # The starter list is kept as the clerk's to-do; only the office with contacts is printed.
    assert [o.name for o in stored.offices][-1] == "Úřad práce ČR"
    assert "Okresní správa sociálního zabezpečení (OSSZ)" in [o.name for o in stored.offices]
    target = tmp_path / "ulozeno.pdf"
    assert dialog.save_preview_to(target)
    text = normalize(" ".join(p.extract_text() for p in PdfReader(str(target)).pages))
    assert "Katalog sociálních služeb Dobříš" in text and "Senioři a pečující" in text and "Úřad práce ČR" in text
    assert "OSSZ" not in text and "doplňte" not in text
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


def test_entries_without_any_phone_are_listed_and_one_opens_in_the_directory(qtbot, db):
    from tests.printing.factory import Factory
    with db.session() as s, s.begin():
        populate_sample(s)
        f = Factory(s)
        silent = f.service(f.provider("Spolek Tichá pomoc"), "Návštěvy u osamělých", phone="")
        # The provider's number stands in for the service's own: that entry is reachable.
        f.service(f.provider("Charita Lipová", phone="777 111 222"), "Půjčovna pomůcek", phone="")
        s.flush()
        wanted = (silent.provider_id, silent.id)
    dlg = BookletPrintDialog(db)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.last_result is not None, timeout=20_000)
    panel = dlg.missing_phones
    assert [panel.list.item(i).text() for i in range(panel.count())] == ["Návštěvy u osamělých – Spolek Tichá pomoc"]
    assert panel.isVisibleTo(dlg) and panel.title() == "Bez telefonu (1)"
    assert panel.summary.text().startswith("1 služba se vytiskne bez telefonu")
    dlg.large_print.setChecked(True)
    qtbot.waitUntil(lambda: not dlg.is_building(), timeout=20_000)
    panel.open_button.click()
    assert dlg.service_to_open == wanted and dlg.result() == 0
    with db.session() as s:
        assert load_options(s).large_print  # what the clerk chose is not lost by leaving to fix a phone


def test_open_print_dialog_hands_the_chosen_service_to_the_directory(qtbot, db, monkeypatch):
    from desktop.booklet import print_dialog
    monkeypatch.setattr(print_dialog.BookletPrintDialog, "exec",
                        lambda self: (setattr(self, "service_to_open", (4, 7)), self.done(0))[1] or 0)
    opened = []
    with db.session() as s, s.begin():
        populate_sample(s)
    print_dialog.open_print_dialog(None, db, lambda provider, service: opened.append((provider, service)))
    assert opened == [(4, 7)]


def test_capacity_cross_references_and_print_shop_are_checkboxes(qtbot, dialog, db):
    boxes = dialog.content_options
    assert not dialog.missing_phones.isVisibleTo(dialog)  # every sample entry has a phone
    assert boxes.show_capacity.isChecked() and boxes.cross_references.isChecked()
    assert not boxes.print_shop.isChecked()
    dialog.imposed.setChecked(True)
    boxes.show_capacity.setChecked(False)
    boxes.cross_references.setChecked(False)
    boxes.print_shop.setChecked(True)
    assert not dialog.imposed.isEnabled() and not dialog.imposed.isChecked()  # a print shop imposes itself
    qtbot.waitUntil(lambda: not dialog.is_building(), timeout=20_000)
    _rebuild(qtbot, dialog)
    with db.session() as s:
        stored = load_options(s)
    assert (stored.show_capacity, stored.cross_references, stored.print_shop, stored.imposed) == (False, False, True, False)
    page = PdfReader(str(dialog.preview_path)).pages[1]
    assert "/TrimBox" in page and "/BleedBox" in page
    text = normalize(" ".join(p.extract_text() for p in PdfReader(str(dialog.preview_path)).pages))
    assert "Kapacita:" not in text
    again = BookletPrintDialog(db)
    qtbot.addWidget(again)
    assert again.content_options.print_shop.isChecked() and not again.content_options.show_capacity.isChecked()
    qtbot.waitUntil(lambda: not again.is_building(), timeout=20_000)


def test_offices_editor_keeps_hours_marks_unfilled_and_leaves_the_own_department_to_settings(qtbot):
    from desktop.booklet.option_editors import OfficesEditor
    editor = OfficesEditor()
    qtbot.addWidget(editor)
    editor.set_offices([OfficeContact("Město Lipová, Odbor sociálních věcí", phone="569 000 100",
                                      hours="Po, St 8:00–17:00", own=True),
                        OfficeContact("Okresní správa sociálního zabezpečení (OSSZ)")])
    assert editor.list.item(0).text().endswith("(z Nastavení)")
    assert editor.list.item(1).text().endswith(" (doplnit kontakty)")
    assert editor.hours.days[2].text() == "8:00–17:00" and not editor.hours.days[0].isEnabled()
    assert not editor.fields["phone"].isEnabled() and editor.own_hint.isVisibleTo(editor)
    editor.list.setCurrentRow(1)
    assert editor.fields["phone"].isEnabled() and not editor.own_hint.isVisibleTo(editor)
    editor.fields["phone"].setText("950 117 111")
    editor.fields["phone"].textEdited.emit("950 117 111")
    editor.hours.days[1].setText("8:00-14:00")
    editor.hours.days[4].setText("8-12")
    assert editor.list.item(1).text() == "Okresní správa sociálního zabezpečení (OSSZ)"
    ossz = editor.offices()[1]
    assert ossz.phone == "950 117 111" and ossz.hours == "Út 8:00–14:00; Pá 8:00–12:00" and not ossz.own
    editor.hours.days[1].setText("8:00–99:00")  # unreadable: the last good hours are kept
    assert editor.offices()[1].hours == "Út 8:00–14:00; Pá 8:00–12:00"


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


def test_starter_offices_can_be_added_to_an_older_list_without_repeats(qtbot):
    from desktop.booklet.option_editors import OfficesEditor
    from printing.booklet.options import STARTER_OFFICES
    editor = OfficesEditor()
    qtbot.addWidget(editor)
    editor.set_offices([OfficeContact("Úřad práce ČR – kontaktní pracoviště", "Křižíkova 435, Příbram")])
    added = editor.add_starter_offices()
    names = [o.name for o in editor.offices()]
    assert added == len(STARTER_OFFICES) - 1 and len(names) == len(set(names)) == len(STARTER_OFFICES)
    assert editor.offices()[0].address == "Křižíkova 435, Příbram"  # the clerk's own entry untouched
    assert editor.add_starter_offices() == 0
