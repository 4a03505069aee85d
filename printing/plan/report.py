"""„Vyhodnocení plnění střednědobého plánu za rok N“: the monitoring report the council takes note of.

Order as towns present it: the overall picture first (a chart of completion per priority, a table of
activities by state, money planned against spent), then per priority and measure their roll-up, then
every activity with its state in words and a mark that also reads in black and white, its completion,
the verbal evaluation, indicators target against actual, money planned against spent, and for an
activity behind plan the reasons and the corrective action.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer

from db.plan.rollup import NOT_EVALUATED
from printing import typography as ty
from printing.office import (
    DocumentInfo, FundingStripArt, OfficeStyles, build_office_pdf, data_table, frame_width, heading, kc,
    label_line, markup, number, office_styles, para,
)
from printing.plan.marks import MarkedPara, StateMark, completion_chart
from printing.plan.model import ActivityResult, MonitoringInfo, ResultNode, plan_subtitle


def percent(value: float | int | None) -> str:
    return "–" if value is None else f"{round(value)}{ty.NBSP}%"


def build_monitoring_report(info: MonitoringInfo, out_path: Path | str,
                            strip: FundingStripArt | None = None) -> int:
    """Write the monitoring report for `info.year` as an A4 PDF; returns the page count.

    Raises db.errors.UserError when the file cannot be written.
    """
    s = office_styles()
    story = _opening(info, s)
    story += _overview(info, s)
    for priority in info.priorities:
        story += _result_node(priority, 1, info, s)
    doc = DocumentInfo(title=f"Vyhodnocení plnění za rok {info.year} – {info.plan_name}",
                       author=info.publisher.line, subject="Vyhodnocení plnění střednědobého plánu")
    return build_office_pdf(story, out_path, doc, strip)


def _opening(info: MonitoringInfo, s: OfficeStyles) -> list:
    story = [heading(f"Vyhodnocení plnění za rok {info.year}", s.title),
             para(plan_subtitle(info.plan_name, info.year_from, info.year_to), s.subtitle)]
    if info.publisher.line:
        story.append(para(info.publisher.line, s.body))
    if info.closed:
        story.append(para(info.closed_note or "Hodnocení roku je uzavřeno.", s.small))
    else:
        story.append(para("Pracovní verze: hodnocení roku dosud není uzavřeno, údaje se mohou změnit.", s.small))
    story.append(para("Míra plnění opatření a priorit je průměrem plnění jejich aktivit"
                      + (" váženým plánovanými náklady roku." if info.weighted else ".")
                      + " Zrušené aktivity se do průměru nezapočítávají.", s.small))
    if info.summary.strip():
        story += [heading("Celkové zhodnocení", s.h2)] + [para(b, s.body) for b in ty.blocks(info.summary)]
    return story


def _overview(info: MonitoringInfo, s: OfficeStyles) -> list:
    width = frame_width()
    labels = [_short(f"{p.code} {p.title}", 38) for p in info.priorities]
    chart = completion_chart(labels, [p.completion for p in info.priorities], width)
    story = [heading("Plnění podle priorit", s.h2), chart, Spacer(1, 6)]
    activities = list(info.activities())
    counts = {state.name: 0 for state in info.states}
    unknown = 0
    for activity in activities:
        if activity.state is None:
            unknown += 1
        else:
            counts[activity.state.name] = counts.get(activity.state.name, 0) + 1
    total = len(activities) or 1
    by_name = {state.name: state for state in info.states}
    rows = [[StateMark(by_name.get(name)), name, str(count), percent(100 * count / total)]
            for name, count in counts.items() if count]
    if unknown:
        rows.append([StateMark(None), NOT_EVALUATED, str(unknown), percent(100 * unknown / total)])
    rows.append(["", "Celkem aktivit", str(len(activities)), percent(100 if activities else None)])
    story += [KeepTogether([heading("Aktivity podle stavu plnění", s.h2),
                            data_table(["", "Stav", "Počet", "Podíl"], rows,
                                       [12, width * 0.5, width * 0.15, width * 0.15], s, numeric=(2, 3),
                                       total_row=True)])]
    money = []
    for priority in info.priorities:
        planned = sum(sum(a.planned.values()) for a in priority.all_activities())
        spent = sum(sum(a.spent.values()) for a in priority.all_activities())
        money.append([f"{priority.code} {priority.title}", kc(planned), kc(spent)])
    planned_all = sum(sum(a.planned.values()) for a in activities)
    spent_all = sum(sum(a.spent.values()) for a in activities)
    money.append(["Celkem", kc(planned_all), kc(spent_all)])
    story += [Spacer(1, 8), KeepTogether([
        heading(f"Finance roku {info.year}", s.h2),
        data_table(["Priorita", "Plánováno", "Vynaloženo"], money, [width * 0.56, width * 0.22, width * 0.22], s,
                   numeric=(1, 2), total_row=True)])]
    return story + [PageBreak()]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _result_node(node: ResultNode, level: int, info: MonitoringInfo, s: OfficeStyles) -> list:
    style = s.h1 if level == 1 else s.h2
    story: list = [CondPageBreak(35 * mm)] if level == 1 else []
    story.append(heading(f"{node.level_name} {node.code} {node.title}", style, level - 1 if level <= 2 else None))
    states: dict[str, int] = {}
    for activity in node.all_activities():
        name = activity.state.name if activity.state else NOT_EVALUATED
        states[name] = states.get(name, 0) + 1
    counts = ", ".join(f"{name} {count}" for name, count in states.items())
    story.append(markup(f"<b>Plnění: {percent(node.completion)}</b>"
                        + (f" · aktivity: {ty.escape(counts)}" if counts else ""), s.small))
    for activity in node.activities:
        story += _activity(activity, info, s)
    for child in node.children:
        story += _result_node(child, level + 1, info, s)
    return story


def _activity(a: ActivityResult, info: MonitoringInfo, s: OfficeStyles) -> list:
    crossed = a.state is not None and a.state.name == "zrušeno"
    title = Paragraph(ty.escape(ty.name(f"{a.code} {a.title}")), s.h3)
    state_text = a.state.name if a.state else NOT_EVALUATED
    story: list = [MarkedPara(title, a.state, crossed),
                   label_line("Stav:", f"{state_text}, plnění {percent(a.completion)}", s)]
    if a.responsible:
        story.append(label_line("Odpovědnost:", a.responsible, s))
    story += [para(block, s.body) for block in ty.blocks(a.evaluation)]
    if a.indicators:
        story.append(_indicator_results(a, s))
    if a.planned or a.spent:
        story += [Spacer(1, 3), _money(a, info, s)]
    if a.reasons.strip():
        story.append(label_line("Důvody:", a.reasons, s))
    if a.corrective_action.strip():
        story.append(label_line("Nápravná opatření:", a.corrective_action, s))
    story.append(Spacer(1, 6))
    return story


def _indicator_results(a: ActivityResult, s: OfficeStyles):
    width = frame_width()
    rows = []
    for ind in a.indicators:
        met = {True: "ano", False: "ne", None: "–"}[ind.met]
        rows.append([ind.name, ind.unit, number(ind.target), number(ind.actual), met])
    return data_table(["Indikátor", "Jednotka", "Cíl", "Skutečnost", "Splněno"], rows,
                      [width * 0.44, width * 0.14, width * 0.14, width * 0.14, width * 0.14], s, numeric=(2, 3))


def _money(a: ActivityResult, info: MonitoringInfo, s: OfficeStyles):
    width = frame_width()
    sources = [src for src in info.sources if src in a.planned or src in a.spent]
    sources += sorted((set(a.planned) | set(a.spent)) - set(sources))
    rows = [[src, kc(a.planned.get(src)), kc(a.spent.get(src))] for src in sources]
    rows.append(["Celkem", kc(sum(a.planned.values())), kc(sum(a.spent.values()))])
    return data_table(["Zdroj financování", "Plánováno", "Vynaloženo"], rows,
                      [width * 0.5, width * 0.25, width * 0.25], s, numeric=(1, 2), total_row=True)

