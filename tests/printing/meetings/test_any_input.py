"""Rules that must hold for any text a clerk types: no word of edited minutes is lost, and any name or
place (markup characters, quotes, long words, odd Unicode) prints as typed."""
import dataclasses

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from printing.meetings import build_attendance_sheet, parse_minutes_text
from printing.meetings.data import PersonLine
from tests.printing.conftest import page_texts
from tests.printing.meetings.sample import sample_document

WORD = st.text(alphabet=st.sampled_from("abcčdeěfghchiíjklmnňoprřsštťuůvyýzž<>&\"'()–-:.,;0123456789"),
               min_size=1, max_size=12)
LINE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
TEXT = st.lists(st.one_of(LINE, st.just(""), LINE.map(lambda line: "– " + line), LINE.map(lambda line: "1. " + line)),
                min_size=1, max_size=15).map("\n".join)


@given(TEXT)
def test_parsing_edited_minutes_keeps_every_word(text):
    blocks = parse_minutes_text(text)
    printed = " ".join(" ".join([b.label, b.text] + [" ".join(r) for r in b.rows]) for b in blocks)
    for word in text.replace("–", " ").split():
        assert word.rstrip(":").lstrip("-") in printed


NAME = st.text(alphabet=st.sampled_from("AÁBČĎEÉĚHChIJKLMNŇOPŘŠŤUŮÝŽaáčďéěíňóřšťúůýž<>&\"' .,-"), min_size=1,
               max_size=40).map(lambda s: " ".join(s.split())).filter(bool)


def _canon(text: str) -> str:
    """What must survive typesetting: everything but spacing, line breaks (a long word is split to fit
    its cell), hyphenation, dashes and the quotes' shapes, which Czech typography changes on purpose
    ("..." → "…", " - " → " – ", "x" → „x“)."""
    text = text.replace("…", "...")
    return "".join(c for c in text if c not in " \n\u00a0-–\"'„“")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAME, organisation=NAME)
@example(name="<", organisation="<" * 14)  # a word too long for its cell is split across lines
def test_any_name_and_organisation_print_on_the_sheet_as_typed(tmp_path, name, organisation):
    person = PersonLine(name=name, sort_key="a", organisation=organisation, triad_role="veřejnost")
    doc = dataclasses.replace(sample_document(), members=(person,), guests=())
    out = tmp_path / "listina.pdf"
    build_attendance_sheet(doc, out)
    text = _canon(" ".join(page_texts(out)))
    assert _canon(name) in text and _canon(organisation) in text
