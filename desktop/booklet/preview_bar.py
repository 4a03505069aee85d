"""The controls above a PDF preview, as in Word's print preview: page „x / y“, previous and next page,
zoom out and in, „Na šířku“ (fit the page width) and „Celá strana“ (the whole page in view)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0


class PreviewBar(QWidget):
    def __init__(self, view: QPdfView, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.previous_button = self._button("◀", "Předchozí strana", self.previous_page)
        self.page_label = QLabel()
        self.page_label.setMinimumWidth(self.page_label.fontMetrics().horizontalAdvance("Strana 888 / 888"))
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = self._button("▶", "Další strana", self.next_page)
        self.zoom_out_button = self._button("−", "Zmenšit", lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("Celá strana"))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = self._button("+", "Zvětšit", lambda: self.zoom_by(ZOOM_STEP))
        self.fit_width_button = self._button("Na šířku", "Stránka na celou šířku náhledu",
                                             lambda: self.set_zoom_mode(QPdfView.ZoomMode.FitToWidth))
        self.whole_page_button = self._button("Celá strana", "Celá stránka v náhledu",
                                              lambda: self.set_zoom_mode(QPdfView.ZoomMode.FitInView))
        for button in (self.fit_width_button, self.whole_page_button):
            button.setCheckable(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.page_label, self.next_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_width_button,
                       self.whole_page_button):
            layout.addWidget(widget)
        view.pageNavigator().currentPageChanged.connect(self.refresh)
        view.zoomModeChanged.connect(self.refresh)
        view.zoomFactorChanged.connect(self.refresh)
        self.set_zoom_mode(view.zoomMode())

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- pages ------------------------------------------------------------------------------------
    def page_count(self) -> int:
        document = self.view.document()
        return document.pageCount() if document is not None else 0

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        """Show page `page` (0-based, clamped to the document)."""
        count = self.page_count()
        if count:
            self.view.pageNavigator().jump(max(0, min(page, count - 1)), QPointF(), 0)
        self.refresh()

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    # -- zoom -------------------------------------------------------------------------------------
    def set_zoom_mode(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)
        self.refresh()

    def zoom_factor(self) -> float:
        """The scale the clerk sees (1.0 = 100 %), also while a fit mode decides it."""
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or not self.page_count():
            return self.view.zoomFactor()
        page = self.view.document().pagePointSize(max(0, self.current_page()))
        viewport = self.view.viewport()
        margins = self.view.documentMargins()
        scale = viewport.logicalDpiX() / 72
        width = (viewport.width() - margins.left() - margins.right()) / (page.width() * scale)
        if mode == QPdfView.ZoomMode.FitToWidth:
            return width
        height = (viewport.height() - margins.top() - margins.bottom()) / (page.height() * scale)
        return min(width, height)

    def zoom_by(self, step: float) -> None:
        factor = min(ZOOM_MAX, max(ZOOM_MIN, self.zoom_factor() * step))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self.refresh()

    def refresh(self, *_args) -> None:
        count = self.page_count()
        page = self.current_page()
        self.page_label.setText(f"Strana {page + 1} / {count}" if count else "Strana – / –")
        self.previous_button.setEnabled(count > 0 and page > 0)
        self.next_button.setEnabled(count > 0 and page < count - 1)
        mode = self.view.zoomMode()
        self.fit_width_button.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.whole_page_button.setChecked(mode == QPdfView.ZoomMode.FitInView)
        self.zoom_label.setText(f"{round(self.zoom_factor() * 100)} %" if count else "")
        self.zoom_out_button.setEnabled(count > 0 and self.zoom_factor() > ZOOM_MIN + 0.001)
        self.zoom_in_button.setEnabled(count > 0 and self.zoom_factor() < ZOOM_MAX - 0.001)
