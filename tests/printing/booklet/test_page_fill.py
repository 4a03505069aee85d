"""Full pages: the demo booklet's chapters are set without half-empty pages, indexes end properly."""
from __future__ import annotations

import dataclasses
import re
import statistics

import pytest

from db.directory.demo import load_demo
from printing.booklet.builder import INDEX_LAST_PAGE_LINES, PROVIDER_INDEX_TITLE, TYPE_INDEX_TITLE, build_booklet
from printing.booklet.data import collect_booklet_data
from printing.booklet.options import load_options
from tests.printing.conftest import page_texts


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory):
    from db.database import open_database
    db = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite", daily_backup=False)
    load_demo(db)
    return db.read(collect_booklet_data), db.read(load_options)


@pytest.mark.parametrize("changes", [{}, {"page_format": "a4"}, {"large_print": True},
                                     {"page_format": "a4", "large_print": True}],
                         ids=["a5", "a4", "a5-large", "a4-large"])
def test_demo_booklet_chapter_pages_are_full(demo_data, tmp_path, changes):
    data, options = demo_data
    result = build_booklet(data, dataclasses.replace(options, **changes), tmp_path / "prehled.pdf")
    rows = result.chapter_pages()
    assert len(rows) > 10
    fills = [fill for _, fill, _ in rows]
    assert statistics.median(fills) >= 0.85, fills
    # Only the last page of a chapter may be short.
    assert [(page, round(fill, 2)) for page, fill, last in rows if fill < 0.5 and not last] == []


def test_long_entries_go_on_overleaf_with_their_name_and_a_mark(demo_data, tmp_path):
    data, options = demo_data
    out = tmp_path / "prehled.pdf"
    build_booklet(data, options, out)
    texts = page_texts(out)
    marks = [(number, m) for number, text in enumerate(texts, 1)
             for m in re.findall(r"^(.+) \(pokračování\)$", text, flags=re.M)]
    entry_marks = [(n, name) for n, name in marks if "(§" not in name and name != "Související služby"]
    assert entry_marks, "no entry of the demo goes on overleaf: the fill test would not see breaking"
    for number, name in entry_marks:
        assert name in texts[number - 2].replace("\n", " "), f"{name} does not start on page {number - 1}"


@pytest.mark.parametrize("title", [PROVIDER_INDEX_TITLE, TYPE_INDEX_TITLE])
def test_index_pages_end_with_a_line_and_the_last_page_holds_several(demo_data, tmp_path, title):
    data, options = demo_data
    out = tmp_path / "prehled.pdf"
    build_booklet(data, options, out)
    texts = page_texts(out)
    start = next(i for i, t in enumerate(texts) if t.startswith(title))
    running = "Rejstřík poskytovatelů" if title == PROVIDER_INDEX_TITLE else "Rejstřík služeb"
    pages = [t for t in texts[start:] if t.rstrip().endswith(running)]
    assert len(pages) >= 2
    for text in pages:
        body = re.sub(r"\n\d+\n" + running + r"\s*$", "", text).rstrip()
        assert body.endswith("...."), f"a heading stands alone at the foot of a page: {body[-80:]!r}"
    assert len(re.findall(r"\.{4,}", pages[-1])) >= INDEX_LAST_PAGE_LINES
