"""Invisible and unprintable characters through every input path (issue 9): the one normalisation
(db/text.py) and the check against the printing fonts (db/printable.py)."""
import pytest
from sqlalchemy import select

from db.directory.models import Provider
from db.printable import printable_only, unprintable, unprintable_warning
from db.registry import apply_import, plan_import
from db.settings import OfficeDetails, load_office, save_office
from db.text import INVISIBLE, ODD_SPACES, normalize_text
from tests.db.registry.registry_helpers import CHOMUTOV, load_items, territory, write_register

# (what was pasted, what is stored)
INVISIBLE_CASES = [
    ("Ne\u00adzis\u00adková", "Nezisková"),  # soft hyphen from a web page
    ("Pora\u200bdna", "Poradna"),  # zero-width space
    ("Pora\u200c\u200ddna", "Poradna"),  # zero-width non-joiner and joiner
    ("\ufeffPoskytovatel", "Poskytovatel"),  # byte-order mark glued to a cell
    ("Po\u2060radna", "Poradna"),  # word joiner
    ("\u200eDomov\u200f", "Domov"),  # direction marks
    ("\u202aDomov\u202c", "Domov"),  # bidirectional embedding
    ("Domov\u00a0Lípa", "Domov Lípa"),  # no-break space
    ("Domov\u202fLípa", "Domov Lípa"),  # narrow no-break space (French and Czech typography)
    ("Domov\u2009Lípa", "Domov Lípa"),  # thin space
    ("Domov\u3000Lípa", "Domov Lípa"),  # ideographic space
    ("Domov  \t Lípa ", "Domov Lípa"),  # runs of spaces and tabs
    ("Pec\u030covatelska\u0301", "Pečovatelská"),  # decomposed letters (macOS) become NFC
    ("Domov\x00\x1bLípa", "DomovLípa"),  # control characters from broken exports
    ("Domov\nLípa", "Domov Lípa"),  # a line break in a one-line field
    ("☎\ufe0f 731", "☎ 731"),  # variation selector of an emoji
]


@pytest.mark.parametrize(("pasted", "stored"), INVISIBLE_CASES)
def test_normalize_text(pasted, stored):
    assert normalize_text(pasted) == stored


def test_every_listed_mark_and_space_is_handled():
    for ch in INVISIBLE:
        assert normalize_text(f"a{ch}b") == "ab", hex(ord(ch))
    for ch in ODD_SPACES:
        assert normalize_text(f"a{ch}b") == "a b", hex(ord(ch))


def test_multiline_keeps_paragraphs_and_unifies_line_breaks():
    assert normalize_text("  První\u00a0řádek \r\nDruhý\r\rTřetí\u2028 \n\n", multiline=True) == \
        "První řádek\nDruhý\n\nTřetí"
    assert normalize_text(None) == ""


NO_FACE = ["📞", "✅", "☎", "✉", "☺", "🙂", "\U0001F468\u200d\U0001F469"]
SOME_FACES = ["→", "≤", "✓"]  # the serif has them, the sans does not


@pytest.mark.parametrize("ch", NO_FACE)
def test_emoji_and_pictograms_are_unprintable_and_dropped(ch):
    text = normalize_text(f"Volejte {ch} kdykoli")
    assert unprintable(text)
    assert printable_only(text) == "Volejte kdykoli"


@pytest.mark.parametrize("ch", SOME_FACES)
def test_characters_of_one_face_are_warned_about_and_kept_where_they_print(ch):
    from printing.fonts import SANS, SERIF, register_fonts
    from printing.flowables import font_codes

    register_fonts()
    text = f"Ceny {ch} 50 Kč"
    assert unprintable(text) == [ch]
    assert printable_only(text) == text
    assert printable_only(text, font_codes(SERIF)) == text
    assert printable_only(text, font_codes(SANS)) == "Ceny 50 Kč"


@pytest.mark.parametrize("text", ["Pečovatelská služba „U Lípy“ – § 40", "Допомога українцям", "1 000 Kč € ½",
                                  "e\u2011mail", "Øresund, Łódź, Ærø"])
def test_czech_and_foreign_letters_print(text):
    assert unprintable(text) == []
    assert printable_only(text) == text


def test_warning_names_the_field_and_the_characters():
    message = unprintable_warning("Popis", "📞 Volejte, ✉ pište")
    assert message.startswith("Popis: znaky 📞 ✉ ") and "vynechají" in message
    assert unprintable_warning("Popis", "Volejte") is None


# -- the input paths ------------------------------------------------------------------------------
def test_register_import_normalises_and_warns(db, tmp_path):
    items = load_items()
    first = items[0]
    first["poskytovatel"]["nazev"] = "Úsměv\u00ad Mosty\u00a0☺, o.\u202fp.\u200b s."
    path = write_register(tmp_path / "reg", items)
    preview = plan_import(path, path.parent / "ciselniky", territory(CHOMUTOV), db)
    apply_import(preview, db)
    with db.session() as session:
        names = session.scalars(select(Provider.name)).all()
    assert "Úsměv Mosty ☺, o. p. s." in names
    assert any("☺" in str(w) and "název poskytovatele" in str(w) for w in preview.warnings)


def test_office_details_are_normalised(db):
    with db.session() as session, session.begin():
        save_office(session, OfficeDetails(town="Lipová\u00a0nad Sá\u00adzavou ", department="\ufeffOdbor"))
    with db.session() as session:
        office = load_office(session)
    assert (office.town, office.department) == ("Lipová nad Sázavou", "Odbor")


def test_booklet_options_are_normalised(db):
    from printing.booklet.options import BookletOptions, OfficeContact, load_options, save_options

    options = BookletOptions(title="Přehled\u00a0služeb\u00ad ", foreword="Vážení,\u200b\r\n\r\nodstavec",
                             offices=[OfficeContact("Úřad\u202fpráce", note="řádek\r\ndruhý")])
    with db.session() as session, session.begin():
        save_options(session, options)
    with db.session() as session:
        saved = load_options(session)
    assert (saved.title, saved.foreword) == ("Přehled služeb", "Vážení,\n\nodstavec")
    assert (saved.offices[0].name, saved.offices[0].note) == ("Úřad práce", "řádek\ndruhý")


from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

pasted_text = st.text(alphabet=st.sampled_from(
    list("aáčCh Ž1-.\n\r\t") + list(INVISIBLE[:12]) + list(ODD_SPACES[:6]) + ["\x00", "\u0301", "\u2028"]),
    max_size=20)


@settings(max_examples=500, deadline=None)
@given(pasted_text, st.booleans())
@example("C\x00\u0301", False)  # a removed control between a letter and its accent: NFC must come last
def test_normalised_text_is_clean_and_stays_so(text, multiline):
    once = normalize_text(text, multiline)
    assert normalize_text(once, multiline) == once
    assert not any(ch in once for ch in INVISIBLE + ODD_SPACES + "\r\t\x00")
    assert once == once.strip() and "  " not in once
    assert multiline or "\n" not in once


def test_a_control_between_a_letter_and_its_accent_still_composes():
    # Found by the property test above: the control went after NFC and left "C" and "\u0301" apart.
    assert normalize_text("C\x00\u0301") == "\u0106"
