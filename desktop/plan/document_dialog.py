"""Preview of one plan document with "Uložit jako PDF…" and "Tisk…" (desktop/widgets/pdf_preview.py),
with a chooser of the year for the documents made for one year.

The PDF is built off the UI thread (documents.DocumentBuild); a change of the year builds it again.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from db.database import Database
from desktop.plan.documents import Builder, DocumentBuild, DocumentKind
from desktop.plan.sizing import resize_within_screen
from desktop.widgets.pdf_preview import PdfPreviewDialog, pages_text


class DocumentDialog(PdfPreviewDialog):
    """`years` are offered in a chooser when the document is for one year (`year` chosen first)."""

    def __init__(self, db: Database, kind: DocumentKind, builder: Builder, plan_id: int, plan_name: str,
                 years: list[int], year: int | None, parent: QWidget | None = None):
        super().__init__(parent, f"{kind.heading(year)} – {plan_name}", "kp-plan-")
        self.db, self.kind, self.builder, self.plan_id = db, kind, builder, plan_id
        self.plan_name = plan_name
        self.preview_year: int | None = None
        resize_within_screen(self, 900, 740)

        self.year = QComboBox()
        for value in years:
            self.year.addItem(str(value), value)
        if year is not None and self.year.findData(year) >= 0:
            self.year.setCurrentIndex(self.year.findData(year))
        self.year.currentIndexChanged.connect(self._year_changed)
        self.disabled_while_building.append(self.year)
        top = QHBoxLayout()
        if kind.needs_year:
            top.addWidget(QLabel("Rok:"))
            top.addWidget(self.year)
        top.addStretch(1)
        self.standard_layout(top=top)

    def current_year(self) -> int | None:
        return self.year.currentData() if self.kind.needs_year else None

    def _year_changed(self) -> None:
        self.setWindowTitle(f"{self.kind.heading(self.current_year())} – {self.plan_name}")
        QTimer.singleShot(0, self.refresh_preview)

    # -- the parts of PdfPreviewDialog ----------------------------------------------------------------
    def create_build(self, out: Path) -> DocumentBuild:
        return DocumentBuild(self.db, self.kind, self.builder, self.plan_id, self.current_year(), out)

    def result_outdated(self, build: DocumentBuild) -> bool:
        return build.year != self.current_year()  # the year changed while building

    def show_result(self, build: DocumentBuild, result: object) -> str:
        self.preview_year = build.year
        return f"{self.kind.heading(build.year)}: {pages_text(self.document.pageCount())} A4."

    def message_title(self) -> str:
        return self.kind.heading(self.current_year())

    def document_name(self) -> str:
        return self.kind.heading(self.preview_year)

    def suggested_name(self) -> str:
        year = self.preview_year
        return f"{self.kind.file_stem}-{year}.pdf" if year is not None else f"{self.kind.file_stem}.pdf"
