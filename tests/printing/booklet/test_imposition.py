import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5
from reportlab.pdfgen.canvas import Canvas

from db.errors import UserError
from printing.booklet.imposition import impose_pdf, padded_sequence, sheet_sides


def reading_order_of_folded_stack(sides):
    """Simulate folding: nest the sheets and read the left/right pages of each spread."""
    n_sheets = len(sides) // 2
    pages = [None] * (4 * n_sheets)
    for k in range(n_sheets):
        (front_left, front_right), (back_left, back_right) = sides[2 * k], sides[2 * k + 1]
        n = len(pages)
        pages[2 * k], pages[n - 1 - 2 * k] = front_right, front_left
        pages[2 * k + 1], pages[n - 2 - 2 * k] = back_left, back_right
    return pages


@pytest.mark.parametrize("count", range(1, 18))
def test_page_order_for_every_count(count):
    sequence = padded_sequence(count)
    assert len(sequence) % 4 == 0 and len(sequence) - count < 4
    assert [p for p in sequence if p is not None] == list(range(1, count + 1))
    if count > 1:
        assert sequence[-1] == count  # the back cover stays last; blanks come before it
        blanks = [i for i, p in enumerate(sequence) if p is None]
        assert all(count - 1 <= i < len(sequence) - 1 for i in blanks)
    sides = sheet_sides(count)
    assert len(sides) == len(sequence) // 2
    assert reading_order_of_folded_stack(sides) == sequence
    assert sides[0][1] == 1  # the cover is on the right of the outer sheet's front


def test_known_order_of_eight_pages():
    assert sheet_sides(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert sheet_sides(6) == [(6, 1), (2, None), (None, 3), (4, 5)]


def _numbered_pdf(path, count):
    canvas = Canvas(str(path), pagesize=A5)
    for n in range(1, count + 1):
        canvas.drawString(100, 300, f"STRANA{n:02d}")
        canvas.showPage()
    canvas.save()


def _sides_in_pdf(path):
    result = []
    for page in PdfReader(str(path)).pages:
        found = {}

        def visit(text, cm, tm, font, size):
            if text.startswith("STRANA"):
                x = cm[4] + tm[4] * cm[0]
                found["left" if x < A4[1] / 2 else "right"] = int(text[6:8])
        page.extract_text(visitor_text=visit)
        result.append((found.get("left"), found.get("right")))
    return result


@pytest.mark.parametrize("count", range(1, 18))
def test_real_imposed_pdf_for_every_count(tmp_path, count):
    source, target = tmp_path / "a5.pdf", tmp_path / "imposed.pdf"
    _numbered_pdf(source, count)
    assert impose_pdf(source, target) == len(sheet_sides(count))
    assert _sides_in_pdf(target) == sheet_sides(count)
    for page in PdfReader(str(target)).pages:
        assert round(float(page.mediabox.width)) == round(A4[1])


def test_landscape_or_a4_pages_are_refused(tmp_path):
    source = tmp_path / "a4.pdf"
    canvas = Canvas(str(source), pagesize=A4)
    canvas.drawString(100, 100, "x")
    canvas.save()
    with pytest.raises(UserError):
        impose_pdf(source, tmp_path / "out.pdf")
