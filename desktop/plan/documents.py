"""The plan's printed documents: which exist, and building one off the UI thread.

The builders live in printing.plan (ReportLab, no Qt) with their data collectors in
printing.plan.data. They are looked up when asked for, so the tab offers a document only once its
builder is installed, and says why it is unavailable otherwise.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from db.database import Database
from desktop.widgets.pdf_preview import PreviewBuild


@dataclass(frozen=True)
class DocumentKind:
    key: str
    title: str  # Czech, with "{year}" where the year goes
    needs_year: bool
    collector: str  # function name in printing.plan.data: (session, plan_id[, year]) -> data
    builder: str  # function name in printing.plan: (data, out_path) -> anything
    file_stem: str  # suggested file name without the year and suffix
    menu_text: str

    def heading(self, year: int | None) -> str:
        return self.title.format(year=year if year is not None else "")


STRATEGY = DocumentKind("strategy", "Strategická část plánu", False,
                        "plan_document_data", "build_plan_document", "strategicka-cast-planu",
                        "Strategická část plánu…")
REPORT = DocumentKind("report", "Vyhodnocení plnění za rok {year}", True,
                      "monitoring_data", "build_monitoring_report", "vyhodnoceni-planu",
                      "Vyhodnocení plnění za rok…")
ACTION_PLAN = DocumentKind("action_plan", "Akční plán na rok {year}", True,
                           "action_plan_data", "build_action_plan", "akcni-plan",
                           "Akční plán na rok…")
KINDS = (STRATEGY, REPORT, ACTION_PLAN)

UNAVAILABLE = ("Tisk dokumentů plánu zatím není v této verzi aplikace k dispozici "
               "(chybí modul pro sazbu dokumentů plánu).")


@dataclass(frozen=True)
class Builder:
    collect: Callable
    build: Callable


def find_builder(kind: DocumentKind) -> Builder | None:
    """The collector and builder of `kind`, or None while printing.plan does not provide them."""
    try:
        package = importlib.import_module("printing.plan")
        data = importlib.import_module("printing.plan.data")
    except ImportError:
        return None
    collect, build = getattr(data, kind.collector, None), getattr(package, kind.builder, None)
    if not callable(collect) or not callable(build):
        return None
    return Builder(collect, build)


class DocumentBuild(PreviewBuild):
    """Reads the data and typesets one document into `out_path`; reports the Path of the PDF.

    Cancel cannot stop ReportLab half-way; it only means the result is thrown away."""

    def __init__(self, db: Database, kind: DocumentKind, builder: Builder, plan_id: int, year: int | None,
                 out_path: Path):
        super().__init__(out_path, db.path)
        self.db, self.kind, self.builder = db, kind, builder
        self.plan_id, self.year = plan_id, year

    def produce(self) -> Path:
        args = (self.plan_id, self.year) if self.kind.needs_year else (self.plan_id,)
        data = self.db.read(self.builder.collect, *args)
        if not self.is_cancelled():
            self.builder.build(data, self.out_path)
        return self.out_path
