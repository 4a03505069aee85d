"""The directory editor's fields: pasted invisible marks never reach the database, and characters the
printed booklet cannot show are named in a warning above the form (issue 9)."""
import pytest

from db.directory.models import Provider
from desktop.directory.list_pane import PROVIDERS
from tests.desktop.test_directory_tab import select


@pytest.fixture
def tab(directory_tab):
    select(directory_tab, PROVIDERS, "Oblastní charita Příbram")
    return directory_tab


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
