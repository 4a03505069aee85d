"""„Strategická část plánu“: vision, then each priority with its measures and activities, a summary
financial table and a contents page; numbered as the tree in the app (1, 1.1, 1.1.1)."""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from printing import typography as ty
from printing.office import (
    DocumentInfo, FundingStripArt, OfficeStyles, build_office_pdf, contents, data_table, frame_width, heading,
    kc, label_line, number, office_styles, para,
)
from printing.plan.model import IndicatorInfo, NodeInfo, PlanInfo


def build_plan_document(plan: PlanInfo, out_path: Path | str, strip: FundingStripArt | None = None) -> int:
    """Write the strategic part of `plan` as an A4 PDF; returns the page count.

    Raises db.errors.UserError when the file cannot be written.
    """
    s = office_styles()
    story = _title(plan, s)
    story += [heading("Obsah", s.h1), contents(s), PageBreak()]
    if plan.vision.strip():
        story += [heading("Vize", s.h1, 0), *_paragraphs(plan.vision, s)]
    if plan.introduction.strip():
        story += [heading("Úvod", s.h1, 0), *_paragraphs(plan.introduction, s)]
    for priority in plan.priorities:
        story += _node(priority, plan, s, None)
    story += _summary(plan, s)
    info = DocumentInfo(title=f"{plan.name} – strategická část", author=plan.publisher.line,
                        subject="Střednědobý plán rozvoje sociálních služeb")
    return build_office_pdf(story, out_path, info, strip)


def _title(plan: PlanInfo, s: OfficeStyles) -> list:
    story = [Spacer(1, 30 * mm), heading(plan.name, s.title),
             para(f"Strategická část plánu na období {plan.year_from}–{plan.year_to}", s.subtitle)]
    if plan.publisher.line:
        story.append(para(plan.publisher.line, s.body))
    if plan.adoption:
        story.append(para(plan.adoption, s.body))
    if plan.state:
        story.append(para(f"Stav dokumentu: {plan.state}", s.small))
    return story + [PageBreak()]


def _paragraphs(text: str, s: OfficeStyles) -> list:
    return [para(block, s.body) for block in ty.blocks(text)]


def _node(node: NodeInfo, plan: PlanInfo, s: OfficeStyles, parent: NodeInfo | None) -> list:
    style = {1: s.h1, 2: s.h2}.get(node.level, s.h3)
    toc_level = node.level - 1 if node.level <= 2 else None
    title = f"{node.level_name} {node.code} {node.title}"
    story: list = [CondPageBreak(40 * mm)] if node.level == 1 else []
    story.append(heading(title, style, toc_level))
    if node.carried_over:
        story.append(para("Převzato z předchozího plánu (nedokončeno).", s.small))
    story += _paragraphs(node.description, s)
    if node.rationale.strip():
        story.append(label_line("Zdůvodnění:", "", s))
        story += _paragraphs(node.rationale, s)
    story += _facts(node, s, parent)
    if node.costs:
        story += [Spacer(1, 3), _cost_table(node, plan, s)]
    if node.indicators:
        story += [Spacer(1, 5), _indicator_table(node.indicators, plan, s)]
    story.append(Spacer(1, 4))
    for child in node.children:
        story += _node(child, plan, s, node)
    return story


def _facts(node: NodeInfo, s: OfficeStyles, parent: NodeInfo | None) -> list:
    """The node's facts; a working group or target groups the same as its parent's are not repeated."""
    inherited = parent or NodeInfo("", 0, "", "")
    facts = [
        ("Odpovědnost:", node.responsible),
        ("Partneři:", "; ".join(node.partners)),
        ("Termín:", node.years),
        ("Pracovní skupina:", node.working_group if node.working_group != inherited.working_group else ""),
        ("Cílové skupiny:", ", ".join(node.target_groups) if node.target_groups != inherited.target_groups else ""),
        ("Služby:", "; ".join(node.services)),
    ]
    return [label_line(label, value, s) for label, value in facts if value]


def _cost_table(node: NodeInfo, plan: PlanInfo, s: OfficeStyles):
    """Planned costs of one node: a row per source used, a column per year of the plan, totals."""
    years = plan.years
    used = [src for src in plan.sources if any(src in node.costs.get(y, {}) for y in years)]
    used += sorted({src for by in node.costs.values() for src in by} - set(used))
    rows = [[src, *(kc(node.costs.get(y, {}).get(src)) if node.costs.get(y, {}).get(src) is not None else "–"
                    for y in years),
             kc(sum(node.costs.get(y, {}).get(src, 0) for y in years))] for src in used]
    totals = [sum(node.costs.get(y, {}).values()) for y in years]
    rows.append(["Celkem", *(kc(t) for t in totals), kc(sum(totals))])
    width = frame_width()
    first = width * 0.3
    rest = (width - first) / (len(years) + 1)
    return data_table(["Předpokládané náklady", *(str(y) for y in years), "Celkem"], rows,
                      [first, *([rest] * (len(years) + 1))], s, numeric=range(1, len(years) + 2),
                      total_row=True)


def _indicator_table(indicators: tuple[IndicatorInfo, ...], plan: PlanInfo, s: OfficeStyles):
    years = plan.years
    rows = []
    for ind in indicators:
        baseline = number(ind.baseline) + (f" ({ind.baseline_year})" if ind.baseline_year else "")
        rows.append([ind.name + ("" if ind.more_is_better else " (méně je lépe)"), ind.unit, baseline,
                     *(number(ind.targets.get(y)) for y in years)])
    width = frame_width()
    first, unit, base = width * 0.34, width * 0.1, width * 0.14
    rest = (width - first - unit - base) / len(years)
    return data_table(["Indikátor", "Jednotka", "Výchozí stav", *(f"Cíl {y}" for y in years)], rows,
                      [first, unit, base, *([rest] * len(years))], s, numeric=range(2, len(years) + 3))


def _summary(plan: PlanInfo, s: OfficeStyles) -> list:
    """Two tables: planned cost by priority × year, and by source × year, each with totals."""
    years = plan.years
    width = frame_width()
    first = width * 0.36
    rest = (width - first) / (len(years) + 1)
    widths = [first, *([rest] * (len(years) + 1))]
    header = [*(str(y) for y in years), "Celkem"]

    def by_year(nodes) -> dict[int, int]:
        out = {y: 0 for y in years}
        for node in nodes:
            for y, by_source in node.costs.items():
                if y in out:
                    out[y] += sum(by_source.values())
        return out

    priority_rows, grand = [], {y: 0 for y in years}
    for priority in plan.priorities:
        sums = by_year(priority.walk())
        for y in years:
            grand[y] += sums[y]
        priority_rows.append([f"{priority.code} {priority.title}", *(kc(sums[y]) for y in years),
                              kc(sum(sums.values()))])
    priority_rows.append(["Celkem", *(kc(grand[y]) for y in years), kc(sum(grand.values()))])

    source_rows = []
    for src in plan.sources:
        sums = {y: sum(n.costs.get(y, {}).get(src, 0) for n in plan.all_nodes()) for y in years}
        if any(sums.values()):
            source_rows.append([src, *(kc(sums[y]) for y in years), kc(sum(sums.values()))])
    source_rows.append(["Celkem", *(kc(grand[y]) for y in years), kc(sum(grand.values()))])
    numeric = range(1, len(years) + 2)
    return [PageBreak(), heading("Souhrnná finanční tabulka", s.h1, 0),
            para("Předpokládané náklady podle priorit a let:", s.body),
            data_table(["Priorita", *header], priority_rows, widths, s, numeric, total_row=True),
            Spacer(1, 10), para("Předpokládané náklady podle zdrojů financování:", s.body),
            data_table(["Zdroj financování", *header], source_rows, widths, s, numeric, total_row=True)]
