"""Booklet imposition ("Brožura"): A5 pages two-up on A4 landscape sheets for saddle stitching.

Printed duplex with flipping on the short edge, the stack is folded once and stapled in the fold.
Sheet k (from the outside) carries on its front the pages N−2k and 2k+1, on its back 2k+2 and
N−2k−1, where N is the page count padded to a multiple of 4. Padding pages are blank and go just
before the back cover, so the back cover stays the last page of the folded booklet.
"""
from __future__ import annotations

from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from reportlab.lib.pagesizes import A4, landscape

from db.errors import UserError

Slot = int | None  # a 1-based source page, or None for a blank


def padded_sequence(page_count: int) -> list[Slot]:
    """The source pages in reading order, blanks inserted before the back cover."""
    if page_count < 1:
        raise ValueError("page_count must be positive")
    blanks = [None] * (-page_count % 4)
    if page_count == 1:
        return [1, *blanks]
    return [*range(1, page_count), *blanks, page_count]


def sheet_sides(page_count: int) -> list[tuple[Slot, Slot]]:
    """(left, right) for each printed side in print order: sheet 1 front, sheet 1 back, sheet 2 front…"""
    pages = padded_sequence(page_count)
    n = len(pages)
    sides: list[tuple[Slot, Slot]] = []
    for k in range(n // 4):
        sides.append((pages[n - 1 - 2 * k], pages[2 * k]))
        sides.append((pages[2 * k + 1], pages[n - 2 - 2 * k]))
    return sides


def impose_pdf(source: Path, target: Path) -> int:
    """Write the imposed booklet of `source` (A5 portrait pages) to `target`; returns the side count."""
    reader = PdfReader(str(source))
    if not reader.pages:
        raise UserError("Dokument pro brožuru nemá žádnou stránku.")
    first = reader.pages[0].mediabox
    page_w, page_h = float(first.width), float(first.height)
    sheet_w, sheet_h = landscape(A4)
    if page_w > page_h or 2 * page_w > sheet_w + 1 or page_h > sheet_h + 1:
        raise UserError("Brožuru lze sestavit jen ze stránek A5 na výšku.")
    # Two A5 pages are 1 mm narrower than A4: centre them so that the fold is the middle of the sheet.
    fold_x, bottom = sheet_w / 2, (sheet_h - page_h) / 2
    writer = PdfWriter()
    for left, right in sheet_sides(len(reader.pages)):
        sheet = PageObject.create_blank_page(width=sheet_w, height=sheet_h)
        for slot, x in ((left, fold_x - page_w), (right, fold_x)):
            if slot is not None:
                sheet.merge_transformed_page(reader.pages[slot - 1], Transformation().translate(x, bottom))
        writer.add_page(sheet)
    if reader.metadata:
        writer.add_metadata({k: v for k, v in reader.metadata.items() if isinstance(v, str)})
    with open(target, "wb") as fh:
        writer.write(fh)
    return len(writer.pages)
