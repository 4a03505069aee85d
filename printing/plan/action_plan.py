"""„Akční plán na rok N“: the activities of the plan that run in that year, with their costs by source."""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer

from printing.office import (
    DocumentInfo, FundingStripArt, OfficeStyles, build_office_pdf, data_table, frame_width, heading, kc,
    number, office_styles, para,
)
from printing.plan.model import ActionGroup, ActionPlanInfo, plan_subtitle


def build_action_plan(info: ActionPlanInfo, out_path: Path | str, strip: FundingStripArt | None = None) -> int:
    """Write the action plan for `info.year` as an A4 landscape PDF; returns the page count.

    Columns: code, activity (with the year's indicator targets), responsible and partners, the funding
    by source and the total, in Kč; then the year's totals by source. Raises db.errors.UserError when the
    file cannot be written.
    """
    s = office_styles()
    sources = [src for src in info.sources
               if any(src in item.costs for group in info.groups for item in group.items)]
    story = [heading(f"Akční plán na rok {info.year}", s.title),
             para(plan_subtitle(info.plan_name, info.year_from, info.year_to), s.subtitle)]
    if info.publisher.line:
        story.append(para(info.publisher.line, s.body))
    if not any(group.items for group in info.groups):
        story.append(para(f"Na rok {info.year} plán nemá žádné aktivity.", s.body))
    for group in info.groups:
        if group.items:
            story += _group(group, s)
    story += _totals(info, sources, s)
    doc = DocumentInfo(title=f"Akční plán na rok {info.year} – {info.plan_name}", author=info.publisher.line,
                       subject="Akční plán sociálních služeb")
    return build_office_pdf(story, out_path, doc, strip, wide=True)


def _widths() -> list[float]:
    width = frame_width(wide=True)
    code, total = 34.0, 70.0
    rest = width - code - total
    return [code, rest * 0.42, rest * 0.26, rest * 0.32, total]


def _target(name: str, unit: str, target: float | None) -> str:
    # The unit is a label, not inflected after the number ("12 (klienti)"), which Czech cannot do
    # mechanically for every unit a clerk types.
    return f"{name}: {number(target)}" + (f" ({unit})" if unit else "")


def _group(group: ActionGroup, s: OfficeStyles) -> list:
    style = ParagraphStyle("action heading", parent=s.h1 if group.level == 1 else s.h2, keepWithNext=0)
    rows = []
    for item in group.items:
        title = item.title + (" (převzato z předchozího plánu)" if item.carried_over else "")
        targets = [_target(name, unit, target) for name, unit, target in item.indicators if target is not None]
        if targets:
            title += "; cíl: " + "; ".join(targets)
        who = item.responsible + (f"; partneři: {', '.join(item.partners)}" if item.partners else "")
        money = "; ".join(f"{src} {kc(amount)}" for src, amount in item.costs.items()) or "–"
        total = sum(item.costs.values())
        rows.append([item.code, title, who, money, kc(total) if total else "–"])
    total = sum(sum(item.costs.values()) for item in group.items)
    rows.append(["", "Celkem", "", "", kc(total) if total else "–"])
    # A heading needs room for a few rows under it; the table itself may run on over pages.
    return [CondPageBreak(45 * mm), heading(f"{group.code} {group.title}", style, 0 if group.level == 1 else 1),
            data_table(["Kód", "Aktivita", "Odpovědnost", "Financování", "Celkem"], rows, _widths(), s,
                       numeric=(4,), total_row=True), Spacer(1, 8)]
def _totals(info: ActionPlanInfo, sources: list[str], s: OfficeStyles) -> list:
    items = [item for group in info.groups for item in group.items]
    if not items:
        return []
    sums = [sum(item.costs.get(src, 0) for item in items) for src in sources]
    rows = [[src, kc(amount)] for src, amount in zip(sources, sums) if amount] + [["Celkem", kc(sum(sums))]]
    width = frame_width(wide=True)
    return [heading(f"Náklady roku {info.year} podle zdrojů financování", s.h2),
            data_table(["Zdroj financování", "Kč"], rows, [width * 0.4, width * 0.18], s, numeric=(1,),
                       total_row=True)]
