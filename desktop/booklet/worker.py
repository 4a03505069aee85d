"""Builds the booklet off the UI thread: reads the database, lays out the PDF, reports progress."""
from __future__ import annotations

from pathlib import Path

from db.database import Database
from desktop.widgets.pdf_preview import PreviewBuild
from printing.booklet import BuildCancelled, BuildResult, build_booklet
from printing.booklet.data import collect_booklet_data
from printing.booklet.options import BookletOptions


class BookletBuild(PreviewBuild):
    """One build with `options`; reports a BuildResult. Cancel stops it at the next entry."""

    failure_lead = "Přehled se nepodařilo vytvořit."

    def __init__(self, db: Database, options: BookletOptions, out_path: Path):
        super().__init__(out_path, db.path)
        self.db, self.options = db, options

    def _progress(self, fraction: float, message: str) -> None:
        if self.is_cancelled():
            raise BuildCancelled()
        self.signals.progress.emit(int(fraction * 100), message)

    def produce(self) -> BuildResult | None:
        self.signals.progress.emit(0, "Načítám služby…")
        data = self.db.read(collect_booklet_data)
        try:
            return build_booklet(data, self.options, self.out_path, self._progress)
        except BuildCancelled:
            return None  # is_cancelled() is set: reported as cancelled
