"""The editor of the chosen node, right of the tree: tabs Popis, Financování, Indikátory, Služby,
Monitoring and Historie, saved together with Uložit (Ctrl+S) in one transaction (records.save_node).

The Monitoring tab is the exception: like the Monitoring grid it saves each value at once, because it
edits the year's round, not the plan. Problems found on saving are shown in red under the field (or
the table) they concern, and the first tab with a problem comes forward.
"""
from __future__ import annotations

import copy
import re
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel, QMessageBox, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import UserError, ValidationError
from db.plan.models import IndicatorDirection
from db.plan.records import (
    NODE_SHAPE, IndicatorRecord, NodeRecord, PartnerRecord, ServiceLink, load_node, save_node,
)
from desktop.directory.fields import ERROR_COLOR, MUTED_COLOR
from desktop.directory.formatting import czech_datetime
from desktop.plan.choices import PlanChoices, read_choices
from desktop.plan.conflicts import node_labels
from desktop.plan.description_page import DescriptionPage
from desktop.plan.formatting import czech_kc
from desktop.plan.indicators_page import IndicatorsPage
from desktop.plan.money_grid import MoneyGridModel, money_view
from desktop.plan.node_monitoring import NodeMonitoringPage
from desktop.plan.services_page import ServicesPage
from desktop.widgets.conflict_dialog import save_resolving_conflicts
from desktop.widgets.editor_frame import build_editor_frame
from desktop.widgets.failures import tell_refused
from desktop.widgets.rows_model import RowsModel

UNSAVED_COLOR = "#a14a00"
DESCRIPTION, FUNDING, INDICATORS, SERVICES, MONITORING, HISTORY = range(6)
_INDICATOR_LABEL = re.compile(r"Indikátor \d+")


def indicator_dicts(records: list[IndicatorRecord]) -> list[dict]:
    return [{"id": i.id, "uid": i.uid, "name": i.name, "unit": i.unit, "baseline_value": i.baseline_value,
             "baseline_year": i.baseline_year, "direction": i.direction.value, "targets": dict(i.targets)}
            for i in records]


def indicator_records(items: list[dict]) -> list[IndicatorRecord]:
    return [IndicatorRecord(i["id"], i.get("uid", ""), i["name"], i["unit"], i["baseline_value"], i["baseline_year"],
                            IndicatorDirection(i["direction"]), dict(i["targets"])) for i in items]


class FundingPage(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = MoneyGridModel(self)
        self.view = money_view(self.model)
        self.hint = QLabel("Předpokládané náklady v Kč podle zdrojů financování a let. Částku zapište do buňky "
                           "(např. 12 500); řádek a sloupec Celkem se dopočítají.")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.subtree = QLabel()
        self.subtree.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.view)
        layout.addWidget(self.error)
        layout.addWidget(self.subtree)
        layout.addStretch(1)
        self.model.changed.connect(self.changed)
        self.model.problem.connect(lambda message: self.show_problems([message] if message else []))

    def show_problems(self, messages: list[str]) -> None:
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))


class HistoryPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = QTableView()
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setWordWrap(False)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setStyleSheet(f"color: {MUTED_COLOR};")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.meta)
        self._model: RowsModel | None = None

    def set_record(self, record: NodeRecord) -> None:
        rows = [(czech_datetime(h.at), h.by, str(h.year or ""), h.old_state or "—", h.new_state or "—")
                for h in reversed(record.history)]
        self._model = RowsModel(["Kdy", "Kdo", "Rok", "Původní stav", "Nový stav"], rows, self)
        self.view.setModel(self._model)
        for column, width in enumerate((120, 90, 50, 130)):
            self.view.setColumnWidth(column, width)
        self.meta.setText("Změny stavu se zapisují při vyhodnocení (Monitoring) s datem a autorem."
                          if rows else "Stav této položky se zatím neměnil.")


class NodeEditor(QWidget):
    saved = Signal(int)  # node id
    dirty_changed = Signal(bool)
    monitoring_saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self._base: NodeRecord | None = None
        self._original: dict = {}
        self._dirty = False
        self._choices = PlanChoices()
        self._years: list[int] = []
        self.tree_row = None
        self._monitoring_year: int | None = None

        self.placeholder = QLabel("Vyberte ve stromu vlevo prioritu, opatření nebo aktivitu,\n"
                                  "nebo založte novou položku (Ctrl+N vedle, Ctrl+Shift+N pod vybranou).")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(f"color: {MUTED_COLOR};")
        self.placeholder.setWordWrap(True)
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.description = DescriptionPage()
        self.funding = FundingPage()
        self.indicators = IndicatorsPage()
        self.services = ServicesPage()
        self.monitoring = NodeMonitoringPage(db)
        self.history = HistoryPage()
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(True)
        for page, title in ((self.description, "Popis"), (self.funding, "Financování"),
                            (self.indicators, "Indikátory"), (self.services, "Služby"),
                            (self.monitoring, "Monitoring"), (self.history, "Historie")):
            self.tabs.addTab(page, title)

        frame = build_editor_frame(self, self.heading, self.tabs, self.placeholder, "Uložit položku plánu (Ctrl+S)")
        self.status, self.discard_button, self.save_button = frame.status, frame.discard_button, frame.save_button
        self.pages, self.notice = frame.pages, frame.notice

        for page in (self.description, self.funding, self.indicators, self.services):
            page.changed.connect(self._update_dirty)
        self.description.title_edited.connect(lambda _text: self._update_heading())
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.monitoring.saved.connect(self.monitoring_saved)

    # -- what is open -----------------------------------------------------------------------------
    @property
    def node_id(self) -> int | None:
        return self._base.id if self._base is not None and self.is_open() else None

    def is_open(self) -> bool:
        return self.pages.currentIndex() == 1

    def title(self) -> str:
        if self._base is None:
            return ""
        return self.description.title.text().strip() or self._base.title

    def set_context(self, choices: PlanChoices, years: list[int]) -> None:
        """The lists to offer and the plan's years; call before open_node, after the plan changed and
        after other clerks' saves. What the clerk has typed or chosen in the open node stays (a new
        funding source becomes a row of its grid, her amounts kept)."""
        self._choices, self._years = choices, list(years)
        self.description.set_choices(choices)
        self.services.set_choices(choices.services)
        self.monitoring.set_states(choices.states, choices.sources)
        if self._base is not None and self.is_open():
            grid = self.funding.model
            amounts = grid.values()
            sources = self._sources_for({s for by_source in amounts.values() for s in by_source})
            if sources != grid.sources or self._years != grid.years:
                grid.set_grid(self._years, sources, amounts)

    def open_node(self, node_id: int, tree_row, year: int | None = None) -> None:
        """Show the node as saved, its monitoring in `year` (None: the year shown before). Raises
        UserError when it was deleted meanwhile."""
        self.tree_row = tree_row
        self._monitoring_year = year
        self._load(self.db.read(load_node, node_id))

    def _sources_for(self, used: set[int]) -> list[tuple[int, str]]:
        """The grid's rows: the active funding sources and the retired ones with an amount (`used`)."""
        return [s for s in self._choices.all_sources if s in self._choices.sources or s[0] in used]

    def loaded_version(self) -> int | None:
        """The stored version of the open node when it was loaded (None: nothing open)."""
        return self._base.version if self._base is not None and self.is_open() else None

    def show_stored_quietly(self, record: NodeRecord, tree_row) -> None:
        """Another clerk saved the open node and the form has no unsaved edits: show `record` on the
        same page (as after her own save)."""
        page = self.tabs.currentIndex()
        self.tree_row = tree_row
        self._load(record)
        self.tabs.setCurrentIndex(page)

    def _names_unknown(self, record: NodeRecord) -> bool:
        """Whether `record` (the other clerk's) names a group, provider or source the lists this
        editor offers do not have: the form would show nothing there and the next save drop it.
        (Service links keep their ids whatever the list offers.)"""
        known = self._choices
        providers = {i for i, _n in known.providers}
        return bool(
            set(record.target_group_ids) - {i for i, _n in known.target_groups}
            or (record.working_group_id is not None and record.working_group_id not in dict(known.working_groups))
            or {record.responsible_provider_id, *(p.provider_id for p in record.partners)} - providers - {None}
            or {s for by_source in record.costs.values() for s in by_source} - {i for i, _n in known.all_sources})

    def _load(self, record: NodeRecord) -> None:
        self.notice.clear_notice()
        if self._names_unknown(record):
            self.set_context(read_choices(self.db), self._years)
        self._base = record
        # The node as loaded, untouched by the pages: what a conflict compares her edits with.
        self._loaded = copy.deepcopy(record)
        period = (self._years[0], self._years[-1]) if self._years else (2000, 2100)
        is_activity = bool(self.tree_row is not None and self.tree_row.is_activity)
        self.description.set_record(record, period, is_activity)
        self.funding.model.set_grid(
            self._years, self._sources_for({s for by_source in record.costs.values() for s in by_source}), record.costs)
        self.funding.show_problems([])
        subtree = self.tree_row.planned_total if self.tree_row is not None else 0
        self.funding.subtree.setVisible(not is_activity)
        self.funding.subtree.setText(f"Celkem včetně podřízených položek za celé období: {czech_kc(subtree)}")
        self.indicators.set_items(indicator_dicts(record.indicators), self._years)
        self.services.set_links([(link.service_id, link.note) for link in record.services])
        self.history.set_record(record)
        self._original = self.state()
        self.pages.setCurrentIndex(1)
        if self.tree_row is not None:
            self.monitoring.set_node(record.plan_id, self.tree_row, self._years, self._monitoring_year)
        self._update_heading()
        self._update_dirty()

    def refresh_tree_row(self, tree_row) -> None:
        """The tree was reloaded (a save, a monitoring change): keep the shown roll-up current."""
        self.tree_row = tree_row

    def clear(self) -> None:
        self.notice.clear_notice()
        self._base = None
        self.pages.setCurrentIndex(0)
        self._update_dirty()

    def _update_heading(self) -> None:
        if self._base is None:
            return
        self.heading.setText(f"{self._base.level_name} {self._base.code}: {self.title() or '(bez názvu)'}")

    # -- state, dirty -----------------------------------------------------------------------------
    def state(self) -> dict:
        return {"description": self.description.state_dict(), "costs": self.funding.model.values(),
                "indicators": self.indicators.items(), "services": self.services.value()}

    def is_dirty(self) -> bool:
        return self.is_open() and self._base is not None and self.state() != self._original

    def _update_dirty(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)
        if not self.status.property("problem"):
            self.status.setText("Neuložené změny" if dirty else "")
            self.status.setStyleSheet(f"color: {UNSAVED_COLOR};")
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def collect(self) -> NodeRecord:
        values = self.description.state_dict()
        return replace(
            self._base, title=values["title"], description=values["description"], rationale=values["rationale"],
            target_group_ids=values["target_group_ids"], working_group_id=values["working_group_id"],
            responsible_provider_id=values["responsible_provider_id"], responsible_text=values["responsible_text"],
            partners=[PartnerRecord(provider_id, name) for provider_id, name in values["partners"]],
            year_from=values["year_from"], year_to=values["year_to"], costs=self.funding.model.values(),
            indicators=indicator_records(self.indicators.items()),
            services=[ServiceLink(service_id, note) for service_id, note in self.services.value()])

    # -- saving -----------------------------------------------------------------------------------
    def save(self) -> bool:
        """Validate and save; on problems show them next to the fields and return False."""
        if not self.is_dirty():
            return True
        try:
            action, record, node_id = save_resolving_conflicts(
                self, lambda r: self.db.write(save_node, r), self.collect(), self._loaded, NODE_SHAPE,
                node_labels(self._choices, lambda: read_choices(self.db)))
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        except UserError as exc:
            tell_refused(self, "Uložit", exc)
            return False
        if action is None:
            return False
        self._set_problem_status(None)
        page = self.tabs.currentIndex()
        self._load(record if action == "theirs" else self.db.read(load_node, node_id))
        self.tabs.setCurrentIndex(page)
        self.saved.emit(self._base.id)  # the tree shows the stored title and money either way
        return action == "saved"

    def _show_problems(self, problems: list[tuple[str, str]]) -> None:
        funding = [message for label, message in problems if label == "Financování"]
        indicators = [f"{label}: {message}" for label, message in problems if _INDICATOR_LABEL.fullmatch(label)]
        services = [message for label, message in problems if label == "Služby"]
        described = [(label, message) for label, message in problems
                     if label not in ("Financování", "Služby") and not _INDICATOR_LABEL.fullmatch(label)]
        unplaced = self.description.show_problems(described)
        described = [p for p in described if p not in unplaced]
        self.funding.show_problems(funding)
        self.indicators.show_problem("\n".join(indicators))
        other = [f"{label}: {message}" for label, message in unplaced]
        if services or other:
            QMessageBox.warning(self, "Uložit", "\n".join(services + other))
        count = len(problems)
        self._set_problem_status("Položku nelze uložit: " + (
            "opravte chybu označenou červeně." if count == 1 else
            f"opravte {count} chyby označené červeně." if count < 5 else f"opravte {count} chyb označených červeně."))
        for tab, found in ((DESCRIPTION, described), (FUNDING, funding), (INDICATORS, indicators),
                           (SERVICES, services)):
            if found:
                self.tabs.setCurrentIndex(tab)
                if tab == DESCRIPTION:
                    self.description.focus_first_error()
                break

    def _set_problem_status(self, message: str | None) -> None:
        self.status.setProperty("problem", bool(message))
        if message:
            self.status.setText(message)
            self.status.setStyleSheet(f"color: {ERROR_COLOR};")
        else:
            self._update_dirty()

    def discard(self) -> None:
        """Zrušit změny: back to what was last saved."""
        if self._base is None:
            return
        page = self.tabs.currentIndex()
        self._set_problem_status(None)
        self._load(replace(self._base))
        self.tabs.setCurrentIndex(page)
