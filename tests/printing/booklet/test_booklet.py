import dataclasses
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5

from db.collation import czech_key
from printing.booklet.builder import (
    PROVIDER_INDEX_TITLE, TYPE_INDEX_TITLE, BuildCancelled, build_booklet, page_list, plan_chapters,
)
from printing.booklet.data import SECRET_PLACE_TEXT, BookletData, ServiceEntry, collect_booklet_data
from printing.booklet.options import (
    ORDER_BY_NAME, BookletOptions, ChapterSpec, OfficeContact, load_options, save_options,
)
from printing.typography import NBSP
from tests.printing.conftest import OFFICE, normalize, page_texts
from tests.printing.factory import SECRET_STREET, Factory

INCLUDED = ("care", "home", "counsel", "shelter", "crisis", "line", "club")
EXCLUDED = ("ended", "hidden", "expired")


@pytest.fixture
def booklet(sample_data, tmp_path):
    options = BookletOptions(offices=[OfficeContact("Úřad práce ČR – kontaktní pracoviště Příbram",
                                                    "Křižíkova 435, 261 01 Příbram", "950 117 111")])
    out = tmp_path / "prehled.pdf"
    result = build_booklet(sample_data, options, out)
    return result, page_texts(out)


def test_every_included_service_and_provider_is_printed_with_diacritics(sample, booklet):
    _, ids = sample
    result, texts = booklet
    whole = normalize(" ".join(texts))
    for role in INCLUDED:
        _, name, provider = ids[role]
        assert normalize(name) in whole, name
        assert normalize(provider) in whole, provider
    assert "Oblastní charita Příbram" in whole and "Domov seniorů Čechovice" in whole
    assert "Ášram – azylové centrum" in whole and "Život 90, z. ú." in whole
    assert {ids[r][0] for r in INCLUDED} == set(result.service_pages)


def test_markup_characters_and_quotes_render_literally(booklet):
    _, texts = booklet
    whole = normalize(" ".join(texts))
    assert 'Poradna „U Lípy“ & <spol.> "Na rohu"' in whole
    assert 'Spolek „Naděje“ & <Přátelé> "Ústí"' in whole
    assert "&amp;" not in whole and "&lt;" not in whole


def test_ended_hidden_and_expired_services_are_absent(sample, booklet):
    _, ids = sample
    result, texts = booklet
    whole = normalize(" ".join(texts))
    for role in EXCLUDED:
        assert ids[role][1] not in whole
        assert ids[role][0] not in result.service_pages


def test_secret_address_is_never_printed(booklet):
    _, texts = booklet
    whole = normalize(" ".join(texts))
    assert SECRET_STREET not in whole and "Tajná" not in whole
    assert SECRET_PLACE_TEXT in whole


def test_entry_shows_contacts_hours_groups_capacity_and_fee(booklet):
    _, texts = booklet
    whole = normalize(" ".join(texts))
    assert "Provozní doba: Po–Pá 8:00–12:00, 13:00–16:00" in whole
    assert "Provozní doba: nepřetržitě (24 hodin denně)" in whole
    assert "Telefon: +420 318 123 456" in whole
    assert "Pro koho: osoby s mentálním postižením; věk 18–64 let" in whole
    # Capacity in words a reader understands; the helpline's "3 hovory" is an output measure, not printed.
    assert "Kapacita: až 84 lůžek" in whole and "hovory" not in whole
    # The fee said once, no "Úhrada: za úhradu".
    assert "Za úhradu: dle ceníku." in whole and "Úhrada" not in whole
    assert "Web: www.example.cz" in whole


def test_entry_order_description_then_phone_first_then_place_then_provider(booklet):
    _, texts = booklet
    whole = normalize(" ".join(texts))
    entry = whole[whole.index("Chráněné bydlení Chrpa"):]
    order = [entry.index(label) for label in ("Telefon:", "E-mail:", "Adresa:", "Pro koho:", "Poskytovatel:")]
    assert order == sorted(order)


def test_service_without_contacts_prints_the_providers(sample, tmp_path):
    db, _ = sample
    with db.session() as s, s.begin():
        f = Factory(s)
        kamarad = f.provider("Kamarád, z. s.", street="Lesní 7", postcode="261 02", phone="777111222",
                             email="info@kamarad.cz", web="https://www.kamarad.cz/")
        f.service(kamarad, "Dobrovolnické centrum Kamarád", category="dobrovolnické centrum", groups=("senioři",),
                  places=(), phone="", email="", web="")
    with db.session() as s:
        result = build_booklet(collect_booklet_data(s), BookletOptions(), tmp_path / "p.pdf")
    whole = normalize(" ".join(p.extract_text() for p in PdfReader(str(result.path)).pages))
    entry = whole[whole.index("Dobrovolnické centrum Kamarád"):]
    entry = entry[:entry.index("Poskytovatel:")]
    assert "Telefon: +420 777 111 222" in entry
    assert "E-mail: info@kamarad.cz" in entry and "Web: www.kamarad.cz" in entry
    assert "Adresa: Lesní 7, 261 02 Příbram" in entry


def test_capacity_can_be_left_out(sample, tmp_path):
    db, _ = sample
    with db.session() as s:
        data = collect_booklet_data(s)
    result = build_booklet(data, BookletOptions(show_capacity=False), tmp_path / "bez.pdf")
    assert "Kapacita" not in normalize(" ".join(p.extract_text() for p in PdfReader(str(result.path)).pages))


def test_service_of_several_areas_is_printed_once_and_referenced_elsewhere(sample, booklet):
    _, ids = sample
    result, texts = booklet
    (full_page,) = result.service_pages[ids["care"][0]]  # senioři: the whole entry
    assert "Pečovatelská služba Charity" in normalize(texts[full_page - 1])
    # Osoby se zdravotním postižením: one line pointing at the page of the whole entry.
    chapter = next(i for i, t in enumerate(texts) if normalize(t).startswith("Osoby se zdravotním postižením"))
    later = normalize(" ".join(texts[chapter:chapter + 3]))
    assert re.search(rf"Pečovatelská služba Charity →[ .]*str\. {full_page}\b", later), later


def test_without_cross_references_a_service_is_printed_in_full_in_each_chapter(sample, tmp_path):
    db, ids = sample
    with db.session() as s:
        data = collect_booklet_data(s)
    result = build_booklet(data, BookletOptions(cross_references=False), tmp_path / "full.pdf")
    texts = [normalize(p.extract_text()) for p in PdfReader(str(result.path)).pages]
    assert len(result.service_pages[ids["care"][0]]) == 2
    assert not any("→" in t for t in texts)


def test_structure_cover_contents_chapters_offices_indexes_imprint(booklet):
    result, texts = booklet
    assert "Přehled poskytovatelů sociálních služeb" in normalize(texts[0])
    assert "Město Příbram" in texts[0]
    contents = normalize(next(t for t in texts if t.startswith("Obsah")))
    order = ["Úvodem", "Senioři", "Osoby se zdravotním postižením", "Rodina, děti a mládež",
             "Osoby v krizi a ohrožené sociálním vyloučením", "Související služby",
             "Úřady a instituce, kde Vám poradí", PROVIDER_INDEX_TITLE, TYPE_INDEX_TITLE]
    positions = [contents.index(title) for title in order]
    assert positions == sorted(positions)
    back = normalize(texts[-1])
    assert "Údaje platné k" in back and "Odbor sociálních věcí" in back and "Opravy a doplnění" in back
    assert "Úřad práce ČR – kontaktní pracoviště Příbram" in normalize(" ".join(texts))
    assert len(texts) % 4 == 0  # A5 fills the last sheet
    assert texts[-2].strip() == ""  # padding goes before the back cover


def test_contents_page_numbers_point_at_the_chapters(booklet):
    _, texts = booklet
    contents = next(t for t in texts if t.startswith("Obsah"))
    for title in ("Senioři", "Související služby", PROVIDER_INDEX_TITLE):
        match = re.search(re.escape(title) + r"\s*\n(\d+)\n", contents)
        assert match, title
        page = int(match.group(1))
        assert normalize(texts[page - 1]).startswith(title)


def _index_lines(texts, title):
    page = next(t for t in texts if t.startswith(title))
    return [(normalize(name), numbers) for name, numbers in
            re.findall(r"\n ?([^\n]+?)\n \n([\d, –]+)\n\.{3,}", page)]


def _expand(numbers: str) -> list[int]:
    pages = []
    for part in numbers.split(", "):
        first, _, last = part.partition("–")
        pages += range(int(first), int(last or first) + 1)
    return pages


def test_provider_index_is_in_czech_order_and_points_at_the_right_pages(sample, booklet):
    _, ids = sample
    _, texts = booklet
    lines = _index_lines(texts, PROVIDER_INDEX_TITLE)
    names = [name for name, _ in lines]
    providers = {normalize(ids[r][2]) for r in INCLUDED}
    assert set(names) == providers and len(names) == len(providers)  # one line per provider
    keys = [czech_key(n.lstrip("„\"")) for n in names]
    assert keys == sorted(keys)
    assert names.index("Chrpa, z. ú.") > names.index("Domov seniorů Čechovice, příspěvková organizace")
    assert names[0] == "Ášram – azylové centrum" and names[-1] == "Život 90, z. ú."
    for name, numbers in lines:
        for page in _expand(numbers):
            assert name in normalize(texts[page - 1]), (name, page)


def test_type_index_groups_by_paragraph_and_points_at_the_right_pages(booklet):
    _, texts = booklet
    page = normalize(next(t for t in texts if t.startswith(TYPE_INDEX_TITLE)))
    groups = ["Odborné sociální poradenství (§ 37)", "Pečovatelská služba (§ 40)", "Domovy pro seniory (§ 49)",
              "Azylové domy (§ 57)", "Související služby"]
    positions = [page.index(g) for g in groups]
    assert positions == sorted(positions)
    for name, numbers in _index_lines(texts, TYPE_INDEX_TITLE):
        for p in _expand(numbers):
            assert name in normalize(texts[p - 1])


def test_page_sizes_a5_and_a4(sample_data, tmp_path):
    for page_format, size in (("a5", A5), ("a4", A4)):
        out = tmp_path / f"{page_format}.pdf"
        build_booklet(sample_data, BookletOptions(page_format=page_format), out)
        box = PdfReader(str(out)).pages[3].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (round(size[0]), round(size[1]))


def test_imposed_booklet_is_a4_landscape_with_every_page(sample_data, tmp_path):
    plain, imposed = tmp_path / "a5.pdf", tmp_path / "brozura.pdf"
    plain_result = build_booklet(sample_data, BookletOptions(), plain)
    result = build_booklet(sample_data, BookletOptions(imposed=True), imposed)
    reader = PdfReader(str(imposed))
    assert result.printed_sides == len(reader.pages) == plain_result.page_count // 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == \
            (round(A4[1]), round(A4[0]))
    first_side = normalize(reader.pages[0].extract_text())
    assert "Přehled poskytovatelů sociálních služeb" in first_side and "Údaje platné k" in first_side


def _font_sizes_of(path, word: str) -> set[float]:
    sizes = set()
    for page in PdfReader(str(path)).pages:
        def visit(text, cm, tm, font, size):
            if word in text:
                sizes.add(round(size * tm[0], 1))
        page.extract_text(visitor_text=visit)
    return sizes


def _all_text_sizes(path) -> set[float]:
    """Sizes of all text but the cover, the back cover and the dot leaders."""
    sizes = set()
    for page in PdfReader(str(path)).pages[1:-1]:
        def visit(text, cm, tm, font, size):
            if text.strip(". \n"):
                sizes.add(round(size * tm[0], 1))
        page.extract_text(visitor_text=visit)
    return sizes


def test_body_size_normal_and_large_print(sample_data, tmp_path):
    normal, large = tmp_path / "normal.pdf", tmp_path / "large.pdf"
    build_booklet(sample_data, BookletOptions(), normal)
    build_booklet(sample_data, BookletOptions(large_print=True), large)
    word = "Pomáháme"  # the descriptions
    assert _font_sizes_of(normal, word) and min(_font_sizes_of(normal, word)) >= 10
    assert min(_font_sizes_of(large, word)) >= 14
    # Large print: labels, index, footers too; only the dot leaders are smaller.
    for word in ("Poskytovatel:", "Pomáháme", "Senioři", PROVIDER_INDEX_TITLE.split()[0]):
        assert min(_font_sizes_of(large, word)) >= 14, word
    assert min(_all_text_sizes(large)) >= 14
    assert len(PdfReader(str(large)).pages) > len(PdfReader(str(normal)).pages)


def test_fonts_are_embedded_truetype_never_the_standard_fourteen(booklet, tmp_path, sample_data):
    out = tmp_path / "fonts.pdf"
    build_booklet(sample_data, BookletOptions(), out)
    fonts = set()
    for page in PdfReader(str(out)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            assert font["/Subtype"] == "/TrueType"
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert any("CharisSIL" in f for f in fonts) and any("NotoSans" in f for f in fonts)
    assert not any(f.lstrip("/") in ("Helvetica", "Times-Roman", "Courier") for f in fonts)


def _entry(i: int, **kw) -> ServiceEntry:
    base = dict(id=i, name=f"Služba {i}", provider_id=i, provider_name=f"Poskytovatel {i}",
                type_name="odborné sociální poradenství", paragraph="37", type_order=1,
                target_groups=("senioři",))
    base.update(kw)
    return ServiceEntry(**base)


def test_five_thousand_character_description_builds_across_pages(tmp_path):
    sentence = "Poskytujeme odborné sociální poradenství v oblasti dluhů, bydlení a sociálních dávek. "
    description = (sentence * 60)[:5000]
    data = BookletData(OFFICE, [_entry(1, description=description), _entry(2)], valid_on=__import__("datetime").date.today())
    out = tmp_path / "long.pdf"
    result = build_booklet(data, BookletOptions(), out)
    texts = page_texts(out)
    pages_with_text = [i for i, t in enumerate(texts, 1) if "sociálních dávek" in t]
    assert len(pages_with_text) >= 2  # longer than a page, so it is split
    assert result.service_pages[1] == [pages_with_text[0]]
    # The same in large print A4, where a word must not be cut off.
    build_booklet(data, BookletOptions(page_format="a4", large_print=True), tmp_path / "long-a4.pdf")


def test_short_entry_is_never_split_across_pages(tmp_path):
    import datetime as dt
    entries = [_entry(i, description="Krátký popis služby pro seniory a jejich blízké. " * 4,
                      places=("Pražská 12, 261 01 Příbram",), phone="+420 318 123 456",
                      opening_hours="Po–Pá 8:00–12:00") for i in range(1, 40)]
    out = tmp_path / "many.pdf"
    result = build_booklet(BookletData(OFFICE, entries, dt.date.today()), BookletOptions(order=ORDER_BY_NAME), out)
    texts = [normalize(t) for t in page_texts(out)]
    for entry in entries:
        page = result.service_pages[entry.id][0]
        text = texts[page - 1]
        start = text.index(entry.name + " ")
        assert "Krátký popis" in text[start:], entry.name  # the whole entry is on its first page


def test_order_by_name_and_chapter_plan(sample_data):
    options = BookletOptions(order=ORDER_BY_NAME, chapters=[ChapterSpec("Senioři", ["senioři"])])
    chapters = plan_chapters(sample_data, options)
    assert [c.title for c in chapters] == ["Senioři", "Další sociální služby", "Související služby"]
    seniors = [e.name for e in chapters[0].entries]
    assert seniors == sorted(seniors, key=czech_key)
    # Every service is somewhere even though only one chapter is configured.
    placed = {e.id for c in chapters for e in c.entries}
    assert placed == {e.id for e in sample_data.services}


def test_empty_directory_still_builds(tmp_path):
    import datetime as dt
    result = build_booklet(BookletData(OFFICE, [], dt.date.today()), BookletOptions(), tmp_path / "empty.pdf")
    assert result.page_count % 4 == 0 and result.service_pages == {}


def test_progress_reports_and_cancel_leaves_no_file(sample_data, tmp_path):
    seen = []
    build_booklet(sample_data, BookletOptions(), tmp_path / "ok.pdf", progress=lambda f, m: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)

    def cancel(fraction, message):
        if fraction > 0.5:
            raise BuildCancelled()

    out = tmp_path / "cancelled.pdf"
    with pytest.raises(BuildCancelled):
        build_booklet(sample_data, BookletOptions(), out, progress=cancel)
    assert list(tmp_path.glob("cancelled*")) == [] and list(tmp_path.glob(".booklet-*")) == []


def test_options_are_remembered_in_the_database(db):
    options = BookletOptions(title="Katalog služeb", edition="Vydání 2027", order=ORDER_BY_NAME, page_format="a4",
                             large_print=True, chapters=[ChapterSpec("Senioři", ["senioři"])],
                             offices=[OfficeContact("Městský úřad", phone="318 402 111")])
    with db.session() as s, s.begin():
        save_options(s, options)
    with db.session() as s:
        assert load_options(s) == options
    assert BookletOptions.from_json("not json") == BookletOptions()
    assert BookletOptions.from_json('{"order": "nonsense", "page_format": "a3"}').order == "type"


def test_index_letters_follow_czech_dictionaries():
    from printing.booklet.builder import _initial
    assert [_initial(n) for n in ("Ášram", "Chrpa", "Čechovice", "„Naděje“", "Život", "Řeka", "5 P")] == \
        ["A", "Ch", "Č", "N", "Ž", "Ř", "0–9"]


def test_page_list_compresses_runs():
    assert page_list([12, 3, 5, 6, 7, 5]) == "3, 5–7, 12"
    assert NBSP not in page_list([1])


def test_a_type_heading_is_never_left_alone_at_the_foot_of_a_page(tmp_path):
    import datetime as dt
    types = [("osobní asistence", "39", 39), ("pečovatelská služba", "40", 40), ("azylové domy", "57", 57)]
    entries = [_entry(i, type_name=types[i % 3][0], paragraph=types[i % 3][1], type_order=types[i % 3][2],
                      description="Pomáháme lidem zůstat doma a žít tak, jak jsou zvyklí. " * (i % 5 + 1),
                      places=("Pražská 12, 261 01 Příbram",), phone="+420 318 123 456")
               for i in range(1, 60)]
    out = tmp_path / "headings.pdf"
    build_booklet(BookletData(OFFICE, entries, dt.date.today()), BookletOptions(), out)
    headings = ("Osobní asistence (§ 39)", "Pečovatelská služba (§ 40)", "Azylové domy (§ 57)")
    texts = [normalize(t) for t in page_texts(out)]
    chapters = texts[:next(i for i, t in enumerate(texts) if t.startswith(PROVIDER_INDEX_TITLE))]
    seen = 0
    for text in chapters:
        for heading in headings:
            position = text.find(heading)
            if position >= 0 and not text.startswith("Obsah"):
                seen += 1
                assert "Poskytovatel:" in text[position:], heading  # its first entry follows on the page
    assert seen >= 3


def test_a_provider_on_many_pages_gets_all_its_numbers_in_the_index(tmp_path):
    import datetime as dt
    # One provider with services spread over many pages: its numbers no longer fit a column.
    entries = [_entry(i, name=f"Služba {i:02}", provider_id=1 if i % 2 else i,
                      provider_name="Oblastní charita Čechtice" if i % 2 else f"Arnika {i:02}, z. s.",
                      description="Pomoc seniorům a jejich blízkým v domácnosti i mimo ni. " * 25)
               for i in range(1, 41)]
    out = tmp_path / "charity.pdf"
    result = build_booklet(BookletData(OFFICE, entries, dt.date.today()), BookletOptions(order=ORDER_BY_NAME), out)
    texts = [normalize(t) for t in page_texts(out)]
    pages = result.provider_pages[1]
    assert len(page_list(pages)) > 40  # wide enough for the two-line layout
    index = next(t for t in texts if t.startswith(PROVIDER_INDEX_TITLE))
    assert f"Oblastní charita Čechtice {page_list(pages)}" in index
    for page in pages:
        assert "Oblastní charita Čechtice" in texts[page - 1]


def test_a_new_booklet_starts_with_the_own_department_and_a_starter_list_without_contacts(db):
    from db.settings import OfficeDetails, save_office
    with db.session() as s, s.begin():
        save_office(s, OfficeDetails(town="Město Příbram", department="Odbor sociálních věcí",
                                     address="Tyršova 108, 261 19 Příbram", phone="+420 318 402 111",
                                     hours="Po, St 8:00–17:00"))
    with db.session() as s:
        offices = load_options(s).offices
    assert offices[0] == OfficeContact("Město Příbram, Odbor sociálních věcí", "Tyršova 108, 261 19 Příbram",
                                       "+420 318 402 111", hours="Po, St 8:00–17:00", own=True)
    names = [o.name for o in offices[1:]]
    assert names[0] == "Úřad práce ČR – kontaktní pracoviště"
    assert "Okresní správa sociálního zabezpečení (OSSZ)" in names and "Městský úřad – matrika" in names
    assert "Městský úřad – odbor sociálních věcí" not in names  # the own department is that office
    # Never invented contacts: the clerk fills them in.
    assert all(not (o.address or o.phone or o.email or o.web or o.hours) for o in offices[1:])
    offices[0].note = "Sociální poradenství, pomoc s žádostmi."
    with db.session() as s, s.begin():
        save_options(s, BookletOptions(offices=offices[:2]))
        # Hours changed later in Nastavení reach the saved booklet's own department.
        save_office(s, OfficeDetails(town="Město Příbram", department="Odbor sociálních věcí",
                                     phone="+420 318 402 111", hours="Po–Pá 8:00–12:00"))
    with db.session() as s:
        offices = load_options(s).offices
    assert [o.name for o in offices] == ["Město Příbram, Odbor sociálních věcí", "Úřad práce ČR – kontaktní pracoviště"]
    assert offices[0].hours == "Po–Pá 8:00–12:00" and offices[0].address == ""
    assert offices[0].note == "Sociální poradenství, pomoc s žádostmi." and offices[0].own
    with db.session() as s, s.begin():
        save_options(s, BookletOptions(offices=[]))  # the clerk removed them all: that choice is kept
    with db.session() as s:
        assert load_options(s).offices == []


def test_offices_print_their_hours_and_unfilled_ones_are_left_out(sample_data, tmp_path):
    options = BookletOptions(offices=[
        OfficeContact("Úřad práce ČR – kontaktní pracoviště Příbram", "Křižíkova 435, 261 01 Příbram",
                      "950 117 111", hours="Po, St 8:00–17:00; Út, Čt 8:00–14:00; Pá 8:00–11:00"),
        OfficeContact("Okresní správa sociálního zabezpečení (OSSZ)", note="Důchody, nemocenské.")])
    out = tmp_path / "prehled.pdf"
    build_booklet(sample_data, options, out)
    texts = [normalize(t) for t in page_texts(out)]
    offices = next(t for t in texts if t.startswith("Úřady a instituce"))
    assert ("Úřední hodiny: Po, St 8:00–17:00; Út, Čt 8:00–14:00; Pá 8:00–11:00" in offices)
    whole = " ".join(texts)
    assert "OSSZ" not in whole and "Důchody, nemocenské" not in whole
    # Nothing to print: no chapter and no line in the contents.
    build_booklet(sample_data, BookletOptions(offices=options.offices[1:]), out)
    assert "Úřady a instituce" not in " ".join(page_texts(out))


def test_own_office_hours_print_on_the_back_cover(sample, tmp_path):
    from db.settings import save_office
    db, _ = sample
    with db.session() as s, s.begin():
        save_office(s, dataclasses.replace(OFFICE, hours="Po, St 8:00–17:00"))
    with db.session() as s:
        data = collect_booklet_data(s)
    out = tmp_path / "prehled.pdf"
    build_booklet(data, BookletOptions(), out)
    assert "Úřední hodiny: Po, St 8:00–17:00" in normalize(page_texts(out)[-1])


def test_provider_index_puts_ch_c_r_s_z_with_caron_where_a_czech_reader_looks(tmp_path):
    import datetime as dt
    names = ["Žebřík, z. s.", "Zahrada, z. ú.", "Šance, o. p. s.", "Sova, z. s.", "Řemeslo, z. s.", "Rosa, z. s.",
             "Chrpa, z. ú.", "Hvězda, z. s.", "Čáp, z. s.", "Cesta, z. s."]
    entries = [_entry(i, provider_id=i, provider_name=name, name=f"Služba {name[:-7]}")
               for i, name in enumerate(names, start=1)]
    out = tmp_path / "order.pdf"
    result = build_booklet(BookletData(OFFICE, entries, dt.date.today()), BookletOptions(), out)
    texts = [normalize(t) for t in page_texts(out)]
    index = next(t for t in texts if t.startswith(PROVIDER_INDEX_TITLE))
    expected = ["Cesta", "Čáp", "Hvězda", "Chrpa", "Rosa", "Řemeslo", "Sova", "Šance", "Zahrada", "Žebřík"]
    positions = [index.index(f"{name}, z.") if f"{name}, z." in index else index.index(f"{name}, o.")
                 for name in expected]
    assert positions == sorted(positions)
    for pid, name in enumerate(names, start=1):
        pages = result.provider_pages[pid]
        assert f"{name} {page_list(pages)}" in index
        assert all(name in texts[p - 1] for p in pages)


def test_logo_with_exif_orientation_prints_upright(sample, tmp_path):
    from pathlib import Path

    db, _ = sample
    logo = (Path(__file__).resolve().parents[2] / "data" / "cases" / "12-logo-exif-orientation6.jpg").read_bytes()
    with db.session() as s, s.begin():
        office = OFFICE.__class__(**{**OFFICE.__dict__, "logo": logo})
        from db.settings import save_office
        save_office(s, office)
    with db.session() as s:
        result = build_booklet(collect_booklet_data(s), BookletOptions(), tmp_path / "logo.pdf")
    cover = PdfReader(str(result.path)).pages[0]
    (image,) = cover.images
    width, height = image.image.size
    assert width > height  # the logo is wider than tall once turned


def test_saved_booklet_is_readable_by_colleagues(booklet):
    import os

    result, _ = booklet
    if os.name == "posix":
        assert os.stat(result.path).st_mode & 0o044 == 0o044


def test_large_print_edition_says_so_on_its_cover(sample, tmp_path):
    db, _ = sample
    with db.session() as s:
        data = collect_booklet_data(s)
    large = build_booklet(data, BookletOptions(large_print=True), tmp_path / "large.pdf")
    normal = build_booklet(data, BookletOptions(), tmp_path / "normal.pdf")
    assert "pro slabozraké" in normalize(PdfReader(str(large.path)).pages[0].extract_text())
    assert "pro slabozraké" not in normalize(PdfReader(str(normal.path)).pages[0].extract_text())


def test_field_labels_are_at_least_9_5_pt_and_dark(booklet):
    from printing.styles import LABEL, MUTED, make_styles

    for page_format in ("a5", "a4"):
        assert make_styles(page_format).label_size >= 9.5
    darkness = lambda c: c.red + c.green + c.blue  # noqa: E731
    assert darkness(LABEL) < darkness(MUTED)


def test_foreword_is_ragged_right_like_the_rest():
    from reportlab.lib.enums import TA_LEFT

    from printing.styles import make_styles

    assert make_styles("a5").body.alignment == TA_LEFT


def test_contents_leaders_end_at_one_column_whatever_the_digits():
    from reportlab.pdfgen.canvas import Canvas

    from printing.flowables import LeaderLine
    from printing.styles import make_styles

    style = make_styles("a5").toc_entry
    ends = []
    for number in ("5", "123"):
        line = LeaderLine("Senioři", style, number, number_width=30)
        line.wrap(300, 100)
        drawn = []
        line._leaders = lambda start, end, baseline, drawn=drawn: drawn.append(end)  # noqa: B023
        line.canv = Canvas("/dev/null")
        line.draw()
        ends.append(drawn[0])
    assert ends[0] == ends[1]


def test_service_type_heading_is_stronger_than_entry_names():
    from printing.styles import make_styles

    for page_format in ("a5", "a4"):
        s = make_styles(page_format)
        assert s.group_heading.fontSize > s.entry_name.fontSize


def test_a_section_going_on_over_a_page_repeats_its_heading(db, tmp_path):
    from db.directory.demo import load_demo

    load_demo(db)
    with db.session() as s:
        result = build_booklet(collect_booklet_data(s), BookletOptions(), tmp_path / "demo.pdf")
    texts = [normalize(p.extract_text()) for p in PdfReader(str(result.path)).pages]
    continued = [t for t in texts if "(pokračování)" in t]
    assert continued, "the demo has sections longer than a page"
    for text in continued:
        first_line = text.split("(pokračování)")[0]
        assert len(first_line) < 120 and ":" not in first_line  # the heading opens the page, before any field


def test_print_shop_pdf_has_bleed_trim_boxes_cmyk_black_and_whole_sheets(sample, tmp_path):
    db, _ = sample
    with db.session() as s:
        data = collect_booklet_data(s)
    result = build_booklet(data, BookletOptions(print_shop=True), tmp_path / "tiskarna.pdf")
    reader = PdfReader(str(result.path))
    assert len(reader.pages) % 4 == 0
    bleed = 3 * 72 / 25.4
    for page in reader.pages:
        trim, box, media = page.trimbox, page.bleedbox, page.mediabox
        assert float(trim.width) == pytest.approx(A5[0], abs=0.01)
        assert float(trim.height) == pytest.approx(A5[1], abs=0.01)
        assert float(box.width) == pytest.approx(A5[0] + 2 * bleed, abs=0.01)
        assert float(box.left) == pytest.approx(float(trim.left) - bleed, abs=0.01)
        assert float(media.width) > float(box.width) and float(media.left) <= float(box.left)
    body = reader.pages[5].get_contents().get_data()
    assert b"0 0 0 1 k" in body  # text in pure black from the K plate
    assert b" rg" not in body  # nothing in RGB
    cover = reader.pages[0].get_contents().get_data()
    assert b"k" in cover


def test_ordinary_pdf_stays_rgb_without_boxes(booklet):
    result, _ = booklet
    page = PdfReader(str(result.path)).pages[5]
    assert page.trimbox == page.mediabox
    assert b" rg" in page.get_contents().get_data()
