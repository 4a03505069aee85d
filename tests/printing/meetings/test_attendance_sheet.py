import dataclasses
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from db.errors import UserError
from printing.meetings import build_attendance_sheet
from printing.meetings.data import Strip
from tests.printing.conftest import normalize, page_texts
from tests.printing.meetings.conftest import STRIP_TEXT, png
from tests.printing.meetings.sample import MEMBERS, czech_ordered_names, sample_document


def _positions(text: str, names: list[str]) -> list[int]:
    return [text.index(name) for name in names]


def test_every_member_is_printed_in_czech_order(tmp_path):
    out = tmp_path / "listina.pdf"
    build_attendance_sheet(sample_document(), out)
    text = normalize(" ".join(page_texts(out)))
    names = czech_ordered_names()
    # Czech order: Cibulková < Čermák < Hrubá < Chalupa < … < Svoboda < Šťastná < Žák.
    assert [n.split(",")[0].split()[-1] for n in names][:4] == ["Cibulková", "Čermák", "Hrubá", "Chalupa"]
    positions = _positions(text, [normalize(n) for n in names])
    assert positions == sorted(positions)
    assert "Prezenční listina" in text and "Hosté" in text and "Ing. Alena Veselá" in text
    assert "Spolek <Naděje> & přátelé" in text  # escaped, printed literally
    assert "omluven(a)" in text  # Eva Cibulková excused herself in advance


def test_header_names_group_meeting_date_time_place(tmp_path):
    out = tmp_path / "listina.pdf"
    build_attendance_sheet(sample_document(), out)
    first = normalize(page_texts(out)[0])
    for expected in ("3. jednání pracovní skupiny Senioři (č. 3/2026)", "úterý 15. prosince 2026", "9:00–11:30",
                     "Zasedací místnost č. 12"):
        assert expected in first


def _baselines(path, names: list[str]) -> list[tuple[int, float]]:
    """(page, y) of the line where each name starts, in the order of `names`."""
    found: dict[str, tuple[int, float]] = {}
    for page_number, page in enumerate(PdfReader(str(path)).pages):
        def visit(text, cm, tm, font, size, page_number=page_number):
            for name in names:
                if name not in found and text.replace("\u00a0", " ").startswith(name.split()[0]) and \
                        name.split()[-1] in text:
                    found[name] = (page_number, tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
        page.extract_text(visitor_text=visit)
    return [found[n] for n in names]


def test_forty_members_are_numbered_pages_with_rows_tall_enough_to_sign(tmp_path):
    rows = [("", f"Člen{i:02d}", f"Příjmení{i:02d}", "", "Organizace", "uživatel", "člen", "", None)
            for i in range(40)]
    doc = sample_document(strip=Strip(STRIP_TEXT, png()), members=rows)
    out = tmp_path / "listina.pdf"
    pages = build_attendance_sheet(doc, out)
    texts = page_texts(out)
    assert pages == len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"strana {number} z {pages}" in text
        assert STRIP_TEXT in normalize(text)
        assert "Jméno a příjmení" in text  # the table's header repeats on every page
    names = [f"Člen{i:02d} Příjmení{i:02d}" for i in range(40)]
    places = _baselines(out, names)
    gaps = [b[1] - a[1] for a, b in zip(places, places[1:]) if a[0] == b[0]]
    assert gaps and min(abs(g) for g in gaps) >= 12 * mm - 0.01
    for page in PdfReader(str(out)).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 portrait


def test_guest_rows_fill_the_last_page_and_continue_the_numbering(tmp_path):
    out = tmp_path / "listina.pdf"
    assert build_attendance_sheet(sample_document(), out) == 1
    text = normalize(page_texts(out)[-1])
    known = len(MEMBERS) + 1  # members and the guest known beforehand
    assert all(f"{n}." in text for n in range(known + 1, known + 4))


@pytest.mark.parametrize("members", range(8, 21))
def test_guest_rows_never_leave_a_lonely_heading_or_a_nearly_empty_page(tmp_path, members):
    rows = [("", f"Jméno{i:02d}", f"Příjmení{i:02d}", "", "Organizace", "uživatel", "člen", "", None)
            for i in range(members)]
    doc = dataclasses.replace(sample_document(strip=Strip(STRIP_TEXT, png()), members=rows), guests=())
    out = tmp_path / "listina.pdf"
    build_attendance_sheet(doc, out, min_guest_rows=2)
    texts = [normalize(t) for t in page_texts(out)]
    (guest_page,) = [t for t in texts if "Hosté" in t]
    after = guest_page.split("Hosté", 1)[1]
    assert f"{members + 1}." in after and f"{members + 2}." in after  # at least two rows under the heading
    tables = [t.split("Č. Jméno", 1)[1].rsplit("Prezenční listina –", 1)[0] for t in texts]  # no header, footer
    numbers = [int(n) for t in tables for n in re.findall(r"(?<![\d/.])(\d{1,2})\.(?= |$)", t)]
    assert numbers == list(range(1, len(numbers) + 1))  # one continuous numbering over all pages
    for page in texts:
        assert "Jméno a příjmení" in page


def test_a_damaged_strip_image_is_reported_in_czech(tmp_path):
    doc = dataclasses.replace(sample_document(), strip=Strip("text", b"\x89PNG not really"))
    with pytest.raises(UserError, match="Obrázek pruhu"):
        build_attendance_sheet(doc, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_an_unwritable_target_is_reported_and_nothing_is_left(tmp_path):
    target = tmp_path / "folder.pdf"
    target.mkdir()
    with pytest.raises(UserError, match="nelze uložit"):
        build_attendance_sheet(sample_document(), target)
    assert [p.name for p in tmp_path.iterdir()] == ["folder.pdf"]


def test_a_long_group_name_is_shortened_in_the_footer_never_the_page_number(tmp_path):
    long_name = "Pracovní skupina pro osoby v krizi, ohrožené sociálním vyloučením a jejich rodiny v ORP " * 2
    doc = dataclasses.replace(sample_document(), group_name=long_name.strip(), group_short_name="")
    out = tmp_path / "listina.pdf"
    build_attendance_sheet(doc, out)
    footer = normalize(page_texts(out)[0]).rsplit("Prezenční listina –", 1)[1]
    assert "…" in footer and footer.endswith("strana 1 z 1")


def test_a_sideways_photo_of_the_strip_prints_upright(tmp_path):
    from io import BytesIO

    from PIL import Image

    sideways = Image.new("RGB", (400, 100), (0, 51, 153))
    exif = sideways.getexif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display": the camera held upright
    buffer = BytesIO()
    sideways.save(buffer, "JPEG", exif=exif)
    out = tmp_path / "listina.pdf"
    build_attendance_sheet(dataclasses.replace(sample_document(), strip=Strip("", buffer.getvalue())), out)
    (image,) = PdfReader(str(out)).pages[0].images
    assert image.image.size == (100, 400)
