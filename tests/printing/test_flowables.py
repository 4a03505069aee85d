"""BreakableBlock: where a block of an entry or an index may go on overleaf, for any filling of the page."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from printing.flowables import BreakableBlock, plain_para
from printing.fonts import SERIF, register_fonts

PAGE = (300, 200)
LEADING = 14


class _Recorder(BaseDocTemplate):
    """Records the page of every placed part by its text."""

    def __init__(self):
        import io
        super().__init__(io.BytesIO(), pagesize=PAGE, leftMargin=10, rightMargin=10, topMargin=10, bottomMargin=10)
        self.addPageTemplates([PageTemplate("p", [Frame(10, 10, 280, 180, 0, 0, 0, 0)])])
        self.placed: list[tuple[int, str]] = []

    def afterFlowable(self, flowable):
        text = getattr(flowable, "text", None)
        if text is not None:
            self.placed.append((self.page, text))


def _style(space_before: float = 0, space_after: float = 0) -> ParagraphStyle:
    register_fonts()
    return ParagraphStyle("t", fontName=SERIF, fontSize=10, leading=LEADING, spaceBefore=space_before,
                          spaceAfter=space_after)


def _layout(filler: float, lines: int, min_lines: int = 0, spaces: tuple[float, float] = (0, 0)):
    heading = plain_para("NAME", _style(6, 2))
    heading.kp_heading = True
    body = [plain_para(f"line {i}", _style(*spaces)) for i in range(lines)]

    def continued():
        mark = plain_para("NAME (pokračování)", _style())
        mark.kp_heading = True
        return [mark]

    doc = _Recorder()
    doc.build([Spacer(1, filler), BreakableBlock([heading, *body], head_lines=3, tail_lines=2,
                                                  min_lines=min_lines, continued=continued),
               plain_para("AFTER", _style())])
    return doc.placed


@settings(max_examples=60, deadline=None)
@given(filler=st.floats(min_value=0, max_value=175), lines=st.integers(min_value=1, max_value=11),
       spaces=st.sampled_from([(0, 0), (3, 0), (0, 4), (5, 2)]))
def test_a_block_breaks_only_where_a_typesetter_allows(filler, lines, spaces):
    placed = _layout(filler, lines, spaces=spaces)
    body = [(page, text) for page, text in placed if text.startswith("line")]
    assert [text for _, text in body] == [f"line {i}" for i in range(lines)]  # all, in order
    name_page = next(page for page, text in placed if text == "NAME")
    pages = sorted({page for page, _ in body})
    if len(pages) == 1:
        assert pages[0] == name_page  # kept whole, with its name
        assert not any(text.endswith("(pokračování)") for _, text in placed)
        return
    first = [t for p, t in body if p == name_page]
    rest = [t for p, t in body if p == pages[1]]
    assert len(first) >= 3 and len(rest) >= 2  # name with three lines; never one line alone overleaf
    assert (pages[1], "NAME (pokračování)") in placed


@settings(max_examples=25, deadline=None)
@given(filler=st.floats(min_value=0, max_value=175), lines=st.integers(min_value=1, max_value=6))
def test_a_short_block_is_never_broken(filler, lines):
    placed = _layout(filler, lines, min_lines=7)
    assert len({page for page, text in placed if text.startswith(("NAME", "line"))}) == 1


def test_a_block_taller_than_a_page_still_goes_on_over_pages():
    placed = _layout(0, 30)
    assert [t for _, t in placed if t.startswith("line")] == [f"line {i}" for i in range(30)]
    assert max(page for page, _ in placed) >= 3


def test_a_continued_type_heading_never_leaves_a_word_alone_and_its_rule_spans_the_column():
    from printing.flowables import RuledPara
    from printing.styles import GEOMETRY, make_styles
    styles = make_styles("a5")
    width = GEOMETRY["a5"].frame_width
    heading = plain_para("Odborné sociální poradenství (§\u00a037) (pokračování)", styles.group_heading, RuledPara)
    heading.wrap(width, 1000)
    lines = heading.blPara.lines
    assert len(lines) == 2 and len(lines[-1][1]) >= 2  # words on the last line
    assert heading.width < width and heading._kp_avail == width
