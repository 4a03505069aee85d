"""Czech names of a provider's fields and values for the conflict dialog (desktop/widgets/conflict_dialog.py)."""
from __future__ import annotations

from db.directory.models import FeeKind
from db.directory.opening_hours import DAY_ABBREVIATIONS, format_intervals
from db.directory.queries import STATUS_LABELS, EditorChoices
from db.directory.validation import PROVIDER_LABELS, SERVICE_LABELS
from desktop.widgets.conflict_dialog import Labels

FEE_LABELS = {FeeKind.FREE: "bez úhrady", FeeKind.PAID: "za úhradu"}


def week_text(hours) -> str:
    """„Po 8:00–12:00, 13:00–16:00; Út 8:00–12:00“"""
    days = []
    for weekday, name in enumerate(DAY_ABBREVIATIONS):
        intervals = [(h.opens, h.closes) for h in hours if h.weekday == weekday]
        if intervals:
            days.append(f"{name} {format_intervals(intervals)}")
    return "; ".join(days)


def provider_labels(choices: EditorChoices) -> Labels:
    """Labels of ProviderRecord and its services, naming code list entries as the editor offers them."""
    names = {key: dict(entries) for key, entries in (
        ("legal_form_id", choices.legal_forms), ("service_type_id", choices.service_types),
        ("related_category_id", choices.related_categories))}
    groups, forms, units = dict(choices.target_groups), dict(choices.forms), dict(choices.capacity_units)

    def form_text(f) -> str:
        if f.capacity is None:
            return forms.get(f.form_id, "?")
        return f"{forms.get(f.form_id, '?')} ({f.capacity} {units.get(f.capacity_unit_id, '')})".replace(" )", ")")

    values = {key: (lambda v, table=table: table.get(v, "?")) for key, table in names.items()}
    values.update({
        "target_group_ids": lambda ids: ", ".join(groups.get(i, "?") for i in ids),
        "forms": lambda fs: ", ".join(form_text(f) for f in fs),
        "places": lambda ps: "; ".join(", ".join(x for x in (p.name, p.street, p.town, p.postcode) if x)
                                       for p in ps),
        "opening_hours": week_text,
        "status": lambda s: STATUS_LABELS.get(s, str(s)),
        "fee": lambda f: FEE_LABELS.get(f, str(f)),
    })
    fields = {**SERVICE_LABELS, **PROVIDER_LABELS, "legal_form_id": "Právní forma",
              "service_type_id": "Druh služby", "related_category_id": "Kategorie související služby",
              "target_group_ids": "Cílové skupiny", "age_from": "Věk od", "age_to": "Věk do",
              "opening_hours": "Provozní doba", "fee": "Úhrada", "ended_on": "Ukončena dne",
              "in_booklet": "Tisknout v brožuře", "portal_id": "Číslo záznamu v registru"}
    return Labels(fields=fields, parts={"services": ("Služba", lambda s: s.name)}, values=values)
