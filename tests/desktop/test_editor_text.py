"""The directory editor's fields: pasted invisible marks never reach the database, and characters the
printed booklet cannot show are named in a warning above the form (issue 9)."""
import pytest
from PySide6.QtCore import QSettings

from db.directory.models import Provider
from desktop.directory.list_pane import PROVIDERS
from desktop.directory.tab import DirectoryTab
from tests.factories import small_directory


@pytest.fixture
def tab(qtbot, db, tmp_path):
    small_directory(db)
    widget = DirectoryTab(db, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(widget)
    widget.resize(1366, 740)
    widget.show()
    widget.list_pane.set_mode(PROVIDERS)
    proxy = widget.list_pane.proxy()
    names = [proxy.index(row, 0).data() for row in range(proxy.rowCount())]
    widget.list_pane.view().selectRow(names.index("Oblastní charita Příbram"))
    return widget


def test_pasted_invisible_marks_are_not_saved(tab, db):
    form = tab.editor.provider_form
    form.name.setText("\ufeffOblastní\u00a0cha\u00adrita\u200b Příbram ")
    form.street.setText("Nádražní\u202f12")
    service = tab.editor.service_editor
    service.description.setPlainText("Po\u00admoc\u00a0seniorům.\r\nDruhý řádek\u2028")
    assert tab.editor.is_dirty()
    tab.editor.save()
    with db.session() as s:
        provider = s.query(Provider).filter_by(name="Oblastní charita Příbram").one()
        assert provider.street == "Nádražní 12"
        assert "Pomoc seniorům.\nDruhý řádek" in [x.description for x in provider.services]


def test_unchanged_record_with_odd_characters_is_not_dirty(tab, db):
    # A record stored before normalisation (e.g. by an older version) opens without "unsaved changes".
    with db.session() as s, s.begin():
        s.query(Provider).filter_by(name="Oblastní charita Příbram").one().street = "Nádražní\u00a012"
    tab.reload()
    assert not tab.editor.is_dirty()


def test_unprintable_characters_are_named_above_the_form(tab):
    form = tab.editor.provider_form
    assert form.print_warning.isHidden()
    form.name.setText("Charita ☎ Příbram")
    form.web.setText("www.charita.cz")
    assert form.print_warning.isVisible()
    assert form.print_warning.text().splitlines()[1:] == ["Název: ☎"]
    service = tab.editor.service_editor
    service.description.setPlainText("📞 Volejte kdykoli")
    assert "Popis: 📞" in service.print_warning.text().splitlines() and not service.print_warning.isHidden()
    form.name.setText("Charita Příbram")
    assert form.print_warning.isHidden()
