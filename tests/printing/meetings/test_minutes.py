import dataclasses

import docx
import pytest

from printing.meetings import build_minutes_docx, build_minutes_pdf, minutes_text, parse_minutes_text
from printing.meetings.data import Strip
from printing.meetings.minutes import minutes_blocks
from tests.printing.conftest import normalize, page_texts
from tests.printing.meetings.conftest import STRIP_TEXT, png
from tests.printing.meetings.sample import sample_document

QUORUM = "Přítomno 7 z 9 členů s hlasovacím právem, skupina je usnášeníschopná."
VOTE = "Hlasování: pro 7, proti 0, zdržel se 1 – usnesení bylo přijato."


def _text(path) -> str:
    return normalize(" ".join(page_texts(path)))


def _missing_in_order(text: str, parts: list[str]) -> list[str]:
    """The parts not found in `text` one after another (each searched after the previous one)."""
    missing, start = [], 0
    for part in parts:
        found = text.find(part, start)
        if found < 0:
            missing.append(part)
        else:
            start = found + len(part)
    return missing


def test_minutes_follow_the_usual_order_with_quorum_votes_tasks_and_signatures(tmp_path):
    out = tmp_path / "zapis.pdf"
    build_minutes_pdf(sample_document(), out)
    text = _text(out)
    sequence = ["Zápis z 3. jednání pracovní skupiny Senioři", "č. 3/2026, konaného dne 15. 12. 2026 od 9:00 do 11:30",
                "Přítomni: Ing. Karel Čermák, Bc. Lucie Hrubá", "Omluveni: Eva Cibulková, DiS.",
                "Nepřítomni: Zdeněk Žák", "Hosté: Ing. Alena Veselá (Krajský úřad)", QUORUM,
                "Předsedající: Mgr. Jana Šťastná", "Zapisovatel(ka): Bc. Lucie Hrubá", "Ověřovatel(é): Petr Svoboda",
                "Program", "1. Kontrola úkolů z minulých jednání",
                "Zjistit zájem obcí o odlehčovací službu (Mgr. Jana Šťastná, termín 31. 10. 2026, z jednání 2/2026): "
                "trvá (průběžný úkol) – přesunuto na únor",
                "Aktualizovat leták pro seniory", "splněno",
                "2. Výsledky dotazníku potřeb seniorů", "Předkládá: Petr Svoboda", "Odstavec 8:",
                "Usnesení č. PS Senioři 3/2026/1: Pracovní skupina bere na vědomí", VOTE,
                "Úkol: Připravit návrh opatření pro akční plán 2027. Odpovídá: Petr Svoboda. Termín: 31. 1. 2027.",
                "3. Různé", "Úkoly z tohoto jednání", "Příští jednání: úterý 16. února 2027 v 9:00, MěÚ Příbram",
                "Zapsal(a): Bc. Lucie Hrubá", "Ověřil(a): Petr Svoboda"]
    assert _missing_in_order(text, sequence) == []


def test_attendance_by_sheet_prints_counts_instead_of_names(tmp_path):
    out = tmp_path / "zapis.pdf"
    build_minutes_pdf(sample_document(), out, attendance_by_sheet=True)
    text = _text(out)
    assert "Přítomni: dle prezenční listiny (7 členů a 1 host)" in text
    assert "Omluveni: 1 člen" in text and "Nepřítomni: 1 člen" in text
    assert "Ing. Karel Čermák" not in text and "Zdeněk Žák" not in text and "Hosté:" not in text
    assert QUORUM in text


def test_the_strip_and_page_x_of_y_are_on_every_page(tmp_path):
    out = tmp_path / "zapis.pdf"
    pages = build_minutes_pdf(sample_document(strip=Strip(STRIP_TEXT, png())), out)
    texts = page_texts(out)
    assert pages == len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert STRIP_TEXT in normalize(text)
        assert f"strana {number} z {pages}" in text


def test_a_resolution_without_votes_leaves_blanks_to_fill_in(tmp_path):
    doc = sample_document()
    item = doc.agenda[1]
    unvoted = dataclasses.replace(item.resolutions[0], votes_for=None, votes_against=None, votes_abstained=None,
                                  adopted=None, vote_sentence="")
    doc = dataclasses.replace(doc, agenda=(doc.agenda[0], dataclasses.replace(item, resolutions=(unvoted,)),
                                           doc.agenda[2]), quorum_sentence="", has_quorum=None)
    out = tmp_path / "zapis.pdf"
    build_minutes_pdf(doc, out)
    text = _text(out)
    assert "Hlasování: pro ______, proti ______, zdržel se ______" in text
    assert "Přítomno ______ z 9 členů s hlasovacím právem" in text
    # Attendance not taken yet: nobody is listed as absent; those excused in advance are.
    assert "Přítomni: dle prezenční listiny Omluveni: Eva Cibulková, DiS. Nepřítomni: __________" in text


def test_edited_minutes_text_is_what_prints(tmp_path):
    edited = minutes_text(sample_document()).replace("Příští jednání se uskuteční v únoru.",
                                                     "Paní Veselá pozvala skupinu na krajskou konferenci & <workshop>.")
    out = tmp_path / "zapis.pdf"
    build_minutes_pdf(sample_document(minutes_text=edited), out)
    text = _text(out)
    assert "pozvala skupinu na krajskou konferenci & <workshop>." in text
    assert "Příští jednání se uskuteční v únoru" not in text
    assert VOTE in text and QUORUM in text and "Zapsal(a): Bc. Lucie Hrubá" in text


def test_the_text_form_reads_back_into_the_same_structure():
    doc = sample_document()
    generated = minutes_blocks(doc)
    parsed = parse_minutes_text(minutes_text(doc))
    # The tasks table comes back as list lines; everything else keeps its kind and label.
    expected = [(b.kind if b.kind != "tasks" else "item", b.label.replace("\u00a0", " ")) for b in generated]
    assert [(b.kind, b.label) for b in parsed] == expected
    assert parsed[0].text == "Zápis z 3. jednání pracovní skupiny Senioři"


@pytest.mark.parametrize("text", ["", "jen jeden řádek", "Zápis\n\n\n\n1. Bod\n\n– a\n- b\n\nZapsal(a):"])
def test_any_text_parses_without_losing_words(text):
    blocks = parse_minutes_text(text)
    printed = " ".join(" ".join([b.label, b.text] + [" ".join(r) for r in b.rows]) for b in blocks)
    for word in text.replace("–", " ").replace("-", " ").split():
        assert word.rstrip(":") in printed


def test_docx_has_the_same_content_in_word_structure(tmp_path):
    out = tmp_path / "zapis.docx"
    build_minutes_docx(sample_document(strip=Strip(STRIP_TEXT, png())), out)
    document = docx.Document(str(out))
    paragraphs = [(p.style.name, p.text.replace("\u00a0", " ")) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", "Zápis z 3. jednání pracovní skupiny Senioři")
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert headings[:4] == ["Program", "1. Kontrola úkolů z minulých jednání", "2. Výsledky dotazníku potřeb seniorů",
                            "3. Různé"]
    texts = [text for _, text in paragraphs]
    assert "Přítomni: Ing. Karel Čermák, Bc. Lucie Hrubá, Tomáš Chalupa, Adam Novák, PhDr. Marie Řeháková, Ph.D., " \
           "Petr Svoboda, Mgr. Jana Šťastná" in texts
    assert QUORUM in texts and VOTE in texts
    assert sum(t.startswith("Odstavec") for t in texts) == 8  # the discussion: one Word paragraph each
    tasks, signatures = document.tables
    assert [c.text for c in tasks.rows[0].cells] == ["Úkol", "Odpovídá", "Termín"]
    assert [c.text.replace("\u00a0", " ") for c in tasks.rows[1].cells] == [
        "Připravit návrh opatření pro akční plán 2027", "Petr Svoboda", "31. 1. 2027"]
    assert [row.cells[0].text for row in signatures.rows] == ["Zapsal(a):", "Ověřil(a):"]
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    header = "\n".join(p.text for p in section.header.paragraphs)
    assert STRIP_TEXT in header
    assert len(section.header._element.xpath(".//pic:pic")) == 1
    assert 'PAGE' in section.footer._element.xml and 'NUMPAGES' in section.footer._element.xml
    footer = section.footer.paragraphs[0].paragraph_format.tab_stops
    assert [round(t.position.mm) for t in footer if t.alignment.name == "RIGHT"] == [170]  # the right margin


def test_docx_prints_the_edited_text(tmp_path):
    edited = "Zápis z jednání\n\n1. Jediný bod\n\nText & <poznámka>.\n\nZapsal(a): Eva"
    out = tmp_path / "zapis.docx"
    build_minutes_docx(sample_document(minutes_text=edited), out)
    texts = [p.text.replace("\u00a0", " ") for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "Zápis z jednání" and "Text & <poznámka>." in texts and "1. Jediný bod" in texts
