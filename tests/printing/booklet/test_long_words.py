"""A description that is one unbroken word (pasted from a broken web page, a row of dashes) must break
at a line's end in time proportional to its length: it once took 24–35 s and 1.85 GB."""
import re
import time

import pytest
from reportlab.platypus import paragraph as rl_paragraph

from printing.booklet.builder import build_booklet
from printing.booklet.data import collect_booklet_data
from printing.booklet.options import BookletOptions
from printing.flowables import Para
from printing.styles import make_styles
from printing.typography import MAX_LINE_CHARS, hyphenate_czech, prose
from tests.printing.conftest import page_texts
from tests.printing.factory import Factory

LONG_WORD = "Ž" * 5000


@pytest.fixture
def long_word_data(db):
    with db.session() as s, s.begin():
        f = Factory(s)
        f.service(f.provider("Dlouhé slovo, z. s."), "Poradna", description=LONG_WORD)
    with db.session() as s:
        return collect_booklet_data(s)


def test_booklet_with_a_five_thousand_character_word_is_built_within_three_seconds(long_word_data, tmp_path):
    out = tmp_path / "prehled.pdf"
    started = time.perf_counter()
    build_booklet(long_word_data, BookletOptions(), out)
    elapsed = time.perf_counter() - started
    assert elapsed < 3.0, f"{elapsed:.1f} s"  # was 24–35 s; now about 1 s on a slow machine
    printed = re.sub(r"[\s\-]", "", "".join(page_texts(out)))
    assert printed.count("Ž") == len(LONG_WORD)  # every letter printed, none lost at the breaks


def _measurements(text: str, monkeypatch) -> int:
    """How many strings ReportLab measures to break `text` in a narrow column."""
    calls = 0
    measure = rl_paragraph.stringWidth

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return measure(*args, **kwargs)

    monkeypatch.setattr(rl_paragraph, "stringWidth", counting)
    Para(prose(text), make_styles().description).wrap(200, 1e6)
    monkeypatch.setattr(rl_paragraph, "stringWidth", measure)
    return calls


@pytest.mark.parametrize("letters", ["Ž", "nejneobhospodařovávatelnějšími", "1", "www.example.cz/"])
def test_breaking_a_long_word_takes_work_in_proportion_to_its_length(letters, monkeypatch):
    short = _measurements((letters * 2000)[:2000], monkeypatch)
    long = _measurements((letters * 8000)[:8000], monkeypatch)
    # Four times the text: about four times the work (it was sixteen times and more).
    assert long < short * 6, (short, long)


def test_a_word_without_hyphenation_points_breaks_at_any_character():
    style = make_styles().description
    para = Para(prose("1" * 3000), style)
    para.wrap(200, 1e6)
    lines = para.blPara.lines
    assert len(lines) > 10
    assert all(line.extraSpace >= -0.01 if hasattr(line, "extraSpace") else line[0] >= -0.01 for line in lines)


def test_the_hyphenator_offers_a_long_word_only_breaks_a_line_can_use():
    word = "nejneobhospodařovávatelnějšími" * 200
    pairs = list(hyphenate_czech(word))
    assert pairs and all(0 < len(head) <= MAX_LINE_CHARS and head + tail == word for head, tail in pairs)
    assert [len(h) for h, _ in pairs] == sorted((len(h) for h, _ in pairs), reverse=True)
    # A short word still gets every dictionary break.
    assert ("pečo", "vatelská") in hyphenate_czech("pečovatelská")
