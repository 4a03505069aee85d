"""„Akční plán na rok N“: the activities of the plan that run in that year, with their costs by source."""
from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Spacer

from printing.office import (
    DocumentInfo, FundingStripArt, OfficeStyles, build_office_pdf, data_table, frame_width, heading, kc,
    number, office_styles, para,
)
from printing.plan.model import ActionGroup, ActionPlanInfo


def build_action_plan(info: ActionPlanInfo, out_path: Path | str, strip: FundingStripArt | None = None) -> int:
    """Write the action plan for `info.year` as an A4 landscape PDF; returns the page count.

    Columns: code, activity, responsible and partners, then one column per funding source used in the
    year and the total, in Kč. Raises db.errors.UserError when the file cannot be written.
    """
    s = office_styles()
    sources = [src for src in info.sources
               if any(src in item.costs for group in info.groups for item in group.items)]
    story = [heading(f"Akční plán na rok {info.year}", s.title),
             para(f"{info.plan_name} ({info.year_from}–{info.year_to})", s.subtitle)]
    if info.publisher.line:
        story.append(para(info.publisher.line, s.body))
    if not any(group.items for group in info.groups):
        story.append(para(f"Na rok {info.year} plán nemá žádné aktivity.", s.body))
    for group in info.groups:
        if group.items:
            story += _group(group, sources, s)
    story += _totals(info, sources, s)
    doc = DocumentInfo(title=f"Akční plán na rok {info.year} – {info.plan_name}", author=info.publisher.line,
                       subject="Akční plán sociálních služeb")
    return build_office_pdf(story, out_path, doc, strip, wide=True)


def _widths(sources: list[str]) -> list[float]:
    width = frame_width(wide=True)
    money = 68.0
    code = 34.0
    rest = width - code - money * (len(sources) + 1)
    return [code, rest * 0.58, rest * 0.42, *([money] * (len(sources) + 1))]


def _group(group: ActionGroup, sources: list[str], s: OfficeStyles) -> list:
    style = s.h1 if group.level == 1 else s.h2
    rows = []
    for item in group.items:
        title = item.title + (" (převzato z předchozího plánu)" if item.carried_over else "")
        if item.indicators:
            title += "; cíle: " + "; ".join(f"{name} {number(target)} {unit}".strip()
                                              for name, unit, target in item.indicators if target is not None)
        who = item.responsible + (f"; partneři: {', '.join(item.partners)}" if item.partners else "")
        rows.append([item.code, title, who, *(kc(item.costs.get(src)) if src in item.costs else "–"
                                              for src in sources), kc(sum(item.costs.values()))])
    total = [sum(item.costs.get(src, 0) for item in group.items) for src in sources]
    rows.append(["", "Celkem", "", *(kc(t) for t in total), kc(sum(total))])
    numeric = range(3, len(sources) + 4)
    return [heading(f"{group.code} {group.title}", style, 0 if group.level == 1 else 1),
            data_table(["Kód", "Aktivita", "Odpovědnost", *sources, "Celkem"], rows, _widths(sources), s,
                       numeric, total_row=True), Spacer(1, 8)]


def _totals(info: ActionPlanInfo, sources: list[str], s: OfficeStyles) -> list:
    items = [item for group in info.groups for item in group.items]
    if not items:
        return []
    sums = [sum(item.costs.get(src, 0) for item in items) for src in sources]
    rows = [[src, kc(amount)] for src, amount in zip(sources, sums)] + [["Celkem", kc(sum(sums))]]
    width = frame_width(wide=True)
    return [heading(f"Náklady roku {info.year} podle zdrojů financování", s.h2),
            data_table(["Zdroj financování", "Kč"], rows, [width * 0.4, width * 0.18], s, numeric=(1,),
                       total_row=True)]
