"""Czech names of a plan node's fields and values for the conflict dialog (desktop/widgets/conflict_dialog.py):
the words of the node editor's tabs, groups, providers, services and funding sources by name, money in
Kč with spaces, indicator values the Czech way."""
from __future__ import annotations

import functools
from collections.abc import Callable

from desktop.plan.choices import PlanChoices
from desktop.plan.description_page import FIELD_LABELS
from desktop.plan.formatting import czech_kc, czech_number
from desktop.plan.indicators_page import DIRECTIONS, FIXED as INDICATOR_COLUMNS
from desktop.widgets.conflict_dialog import Labels
from desktop.widgets.fresh_names import FreshNames


def node_labels(choices: PlanChoices, read_again: Callable[[], PlanChoices] | None = None) -> Labels:
    """Labels of a NodeRecord with its indicators, naming code list entries as the editor offers them;
    `read_again()` reads the lists anew when the stored node names an entry added meanwhile."""
    fresh = functools.cache(read_again or (lambda: choices))

    def names(attribute: str) -> FreshNames:
        return FreshNames(dict(getattr(choices, attribute)), lambda: dict(getattr(fresh(), attribute)))

    target_groups, working_groups = names("target_groups"), names("working_groups")
    providers, services, sources = names("providers"), names("services"), names("all_sources")
    source_order = [source_id for source_id, _name in choices.all_sources]

    def costs_text(costs: dict[int, dict[int, int]]) -> str:
        """„2024: rozpočet obce 100 000 Kč, kraj 50 000 Kč“, a line a year, sources in the grid's order."""
        years = []
        for year, by_source in sorted(costs.items()):
            amounts = [f"{sources.get(s, '?')} {czech_kc(a)}" for s, a in
                       sorted(by_source.items(), key=lambda sa: _position(source_order, sa[0])) if a]
            if amounts:
                years.append(f"{year}: {', '.join(amounts)}")
        return "\n".join(years) or "—"

    def partner_text(partners) -> str:
        return ", ".join(providers.get(p.provider_id, "?") if p.provider_id else p.name for p in partners)

    def services_text(links) -> str:
        return "; ".join(services.get(link.service_id, link.label or "?") + (f" ({link.note})" if link.note else "")
                         for link in links)

    def targets_text(targets: dict[int, float]) -> str:
        return "; ".join(f"{year}: {czech_number(value)}" for year, value in sorted(targets.items()))

    column = {name: INDICATOR_COLUMNS[i].replace("\n", " ") for i, name in enumerate(
        ("name", "unit", "baseline_value", "baseline_year", "direction"))}
    fields = {**FIELD_LABELS,
              "responsible_provider_id": f"{FIELD_LABELS['responsible']} – z adresáře",
              "responsible_text": f"{FIELD_LABELS['responsible']} – jiný subjekt",
              "year_from": "Od roku", "year_to": "Do roku", "costs": "Financování", "services": "Služby",
              **{f"indicators.{name}": label for name, label in column.items()},
              "indicators.targets": "Cílové hodnoty"}
    values = {
        "target_group_ids": lambda ids: ", ".join(target_groups.get(i, "?") for i in ids),
        "working_group_id": lambda i: working_groups.get(i, "?"),
        "responsible_provider_id": lambda i: providers.get(i, "?"),
        "partners": partner_text, "costs": costs_text, "services": services_text,
        "indicators.baseline_value": czech_number, "indicators.targets": targets_text,
        "indicators.direction": lambda d: DIRECTIONS.get(d.value, str(d.value)),
    }
    parts = {"indicators": ("Indikátor", lambda indicator: indicator.name)}
    return Labels(fields=fields, parts=parts, values=values)


def _position(order: list[int], source_id: int) -> int:
    return order.index(source_id) if source_id in order else len(order)
