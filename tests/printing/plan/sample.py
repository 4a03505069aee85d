"""Plain plan records for the document tests: two priorities, a cancelled and an unfinished activity."""
from __future__ import annotations

from printing.plan.model import (
    ActionGroup, ActionItem, ActionPlanInfo, ActivityResult, IndicatorInfo, IndicatorResult, MonitoringInfo,
    NodeInfo, PlanInfo, Publisher, ResultNode, StateInfo,
)

SOURCES = ("rozpočet obce", "kraj", "MPSV / státní rozpočet", "ESF / OPZ+")
PUBLISHER = Publisher("Město Lipová nad Sázavou", "Odbor sociálních věcí")
DONE = StateInfo("splněno", "#2E7D32", 100)
RUNNING = StateInfo("probíhá", "#1E88E5", 50)
CANCELLED = StateInfo("zrušeno", "#616161", 0)
STATES = (StateInfo("nezahájeno", "#9E9E9E", 0), RUNNING, DONE, StateInfo("částečně splněno", "#F9A825", 50),
          StateInfo("nesplněno", "#C62828", 0), StateInfo("odloženo", "#8E24AA", 0), CANCELLED)


def activity(code: str, title: str, costs: dict[int, dict[str, int]], **kw) -> NodeInfo:
    return NodeInfo(code=code, level=3, level_name="Aktivita", title=title, costs=costs, **kw)


def plan_info() -> PlanInfo:
    a111 = activity("1.1.1", "Rozšíření terénní pečovatelské služby o víkendy",
                    {2024: {"rozpočet obce": 250_000, "kraj": 100_000}, 2025: {"rozpočet obce": 260_000}},
                    description="Služba bude poskytována i v sobotu a v neděli v 8:00–12:00 & odpoledne <dle potřeby>.",
                    responsible="Pečovatelská služba Lipová, p. o.", partners=("Město Lipová",),
                    years="2024–2025", working_group="PS Senioři", target_groups=("senioři",),
                    indicators=(IndicatorInfo("Počet klientů o víkendu", "osob", 0, 2023, True,
                                              {2024: 15, 2025: 25}),))
    a112 = activity("1.1.2", "Odlehčovací služba v domově", {2026: {"ESF / OPZ+": 1_200_000}},
                    years="2026", carried_over=True)
    measure = NodeInfo("1.1", 2, "Opatření", "Podpora péče v domácím prostředí", children=(a111, a112))
    p1 = NodeInfo("1", 1, "Priorita", "Senioři", description="Senioři žijí co nejdéle doma.", children=(measure,))
    a211 = activity("2.1.1", "Krizové lůžko", {2025: {"MPSV / státní rozpočet": 500_000}}, years="2025")
    p2 = NodeInfo("2", 1, "Priorita", "Osoby v krizi",
                  children=(NodeInfo("2.1", 2, "Opatření", "Krizová pomoc", children=(a211,)),))
    return PlanInfo("Střednědobý plán rozvoje sociálních služeb Lipová 2024–2026", 2024, 2026, "schválený",
                    "Schváleno usnesením Zastupitelstva města Lipová č. 12/2023 ze dne 14. 12. 2023.",
                    vision="Každý, kdo potřebuje pomoc, ji najde blízko domova.", introduction="Plán navazuje na …",
                    sources=SOURCES, priorities=(p1, p2), publisher=PUBLISHER)


def monitoring_info(closed: bool = True) -> MonitoringInfo:
    a111 = ActivityResult("1.1.1", "Rozšíření terénní pečovatelské služby o víkendy", DONE, 100,
                          evaluation="Služba běží od března.", responsible="Pečovatelská služba Lipová",
                          planned={"rozpočet obce": 250_000, "kraj": 100_000},
                          spent={"rozpočet obce": 240_500, "kraj": 100_000},
                          indicators=(IndicatorResult("Počet klientů o víkendu", "osob", 15, 18),))
    a112 = ActivityResult("1.1.2", "Odlehčovací služba v domově", RUNNING, 40,
                          reasons="Chybí personál.", corrective_action="Nábor přes úřad práce.",
                          planned={"ESF / OPZ+": 1_200_000}, spent={"ESF / OPZ+": 300_000})
    a211 = ActivityResult("2.1.1", "Krizové lůžko", CANCELLED, None, evaluation="Zrušeno, kraj lůžko zřídil sám.")
    m11 = ResultNode("1.1", "Podpora péče v domácím prostředí", "Opatření", 70.0, activities=(a111, a112))
    p1 = ResultNode("1", "Senioři", "Priorita", 70.0, children=(m11,))
    p2 = ResultNode("2", "Osoby v krizi", "Priorita", None,
                    children=(ResultNode("2.1", "Krizová pomoc", "Opatření", None, activities=(a211,)),))
    return MonitoringInfo("Střednědobý plán Lipová 2024–2026", 2024, 2026, 2025, closed,
                          "Uzavřeno 15. 1. 2026 (novakova)" if closed else "", summary="Rok se vydařil.",
                          states=STATES, sources=SOURCES, priorities=(p1, p2), publisher=PUBLISHER)


def action_plan_info() -> ActionPlanInfo:
    items = (ActionItem("1.1.1", "Rozšíření terénní pečovatelské služby o víkendy", "Pečovatelská služba Lipová",
                        ("Město Lipová",), {"rozpočet obce": 260_000}, (("Počet klientů o víkendu", "osob", 25),)),
             ActionItem("1.1.2", "Odlehčovací služba", "Domov Lipová", (), {"ESF / OPZ+": 1_200_000, "kraj": 50_000},
                        carried_over=True))
    return ActionPlanInfo("Střednědobý plán Lipová 2024–2026", 2024, 2026, 2025, SOURCES,
                          (ActionGroup("1", "Senioři", 1, items),), PUBLISHER)
