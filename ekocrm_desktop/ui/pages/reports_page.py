"""The Reports page: choose a report (activity, pipeline, membership, contact sheet, campaign),
whose, which campaign and over which period; Generate builds it in a worker (progress, cancel) and shows a preview; then
Print or Save as…

The preview is drawn with pdfium (pypdfium2, the renderer pdfplumber already brings): this
PySide6 build has no QtPdf. Pages are rendered in the worker, the window only shows images.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, QMarginsF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.reports.base import Formatter
from ekocrm_desktop.reports.catalog import ReportRequest, build_report
from ekocrm_desktop.services.errors import NotFoundError
from ekocrm_desktop.services.reporting import Period, PeriodPreset, ReportCancelledError, ReportingService, Scope
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.documents import ask_pdf_path
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.report_labels import report_labels
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.widgets.party_picker import PartyPicker

#: Pages shown in the preview (the whole report is printed and saved).
PREVIEW_PAGES = 12
PREVIEW_DPI = 80


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def render_pages(pdf: bytes, *, dpi: int = PREVIEW_DPI, limit: int = PREVIEW_PAGES) -> list[bytes]:
    """The first pages of a PDF as PNG images (worker side: no Qt widget involved)."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(min(len(document), limit)):
            bitmap = document[index].render(scale=dpi / 72)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG")
            images.append(buffer.getvalue())
        return images
    finally:
        document.close()


class ReportsPage(QWidget):
    """Pick a report, generate it in the background, preview, print, save."""

    status_message = Signal(str, object)
    #: A report was built (its PDF bytes); tests wait on it.
    generated = Signal(object)
    #: A report was written to disk.
    saved = Signal(object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReportsPage")
        self.session = session
        self.reporting = ReportingService(session.db, membership=session.membership)
        self.pdf: bytes | None = None
        self.pdf_name = "report.pdf"
        self.job: workers.Worker | None = None
        #: Replaced by tests (no file dialog offscreen).
        self.choose_path = ask_pdf_path
        self._build()
        self._load_choices()
        session.bridge.listen(self, self.on_changes)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QHBoxLayout(self)
        side = QVBoxLayout()
        title = QLabel(self.tr("Reports"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        side.addWidget(title)
        form = QFormLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("reportKind")
        for code, name in (
            ("activity", self.tr("Activity report")),
            ("pipeline", self.tr("Pipeline report")),
            ("membership", self.tr("Membership report")),
            ("contact", self.tr("Contact sheet")),
            ("campaign", self.tr("Campaign report")),
        ):
            self.kind_combo.addItem(name, code)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("Report"), self.kind_combo)
        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("reportScope")
        self.scope_combo.setAccessibleName(self.tr("Whose activity"))
        form.addRow(self.tr("Concerning"), self.scope_combo)
        # Type part of a name and pick; an exact name typed without picking works too.
        self.party_edit = PartyPicker(self.session.contacts)
        self.party_edit.setObjectName("reportParty")
        form.addRow(self.tr("Contact"), self.party_edit)
        self.campaign_combo = QComboBox()
        self.campaign_combo.setObjectName("reportCampaign")
        form.addRow(self.tr("Campaign"), self.campaign_combo)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("reportPeriod")
        for code, name in (
            (PeriodPreset.THIS_WEEK, self.tr("This week")),
            (PeriodPreset.LAST_WEEK, self.tr("Last week")),
            (PeriodPreset.THIS_MONTH, self.tr("This month")),
            (PeriodPreset.LAST_MONTH, self.tr("Last month")),
            (PeriodPreset.THIS_YEAR, self.tr("This year")),
            (PeriodPreset.CUSTOM, self.tr("Custom dates")),
        ):
            self.period_combo.addItem(name, code)
        self.period_combo.currentIndexChanged.connect(self._preset_changed)
        form.addRow(self.tr("Period"), self.period_combo)
        self.from_edit = QDateEdit()
        self.from_edit.setObjectName("reportFrom")
        self.from_edit.setCalendarPopup(True)
        self.to_edit = QDateEdit()
        self.to_edit.setObjectName("reportTo")
        self.to_edit.setCalendarPopup(True)
        form.addRow(self.tr("From"), self.from_edit)
        form.addRow(self.tr("To"), self.to_edit)
        side.addLayout(form)
        self.generate_button = QPushButton(icon("fa6s.file-pdf"), self.tr("Generate"))
        self.generate_button.setObjectName("generateReport")
        self.generate_button.clicked.connect(lambda: self.generate())
        side.addWidget(self.generate_button)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelReport")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        side.addLayout(progress_row)
        actions = QHBoxLayout()
        self.print_button = QPushButton(icon("fa6s.print"), self.tr("Print…"))
        self.print_button.setObjectName("printReport")
        self.print_button.clicked.connect(lambda: self.print_report())
        self.save_button = QPushButton(icon("fa6s.floppy-disk"), self.tr("Save as…"))
        self.save_button.setObjectName("saveReport")
        self.save_button.clicked.connect(lambda: self.save_as())
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        side.addLayout(actions)
        self.info_label = QLabel()
        self.info_label.setObjectName("reportInfo")
        self.info_label.setWordWrap(True)
        side.addWidget(self.info_label)
        side.addStretch(1)
        holder = QWidget()
        holder.setLayout(side)
        holder.setMaximumWidth(380)
        layout.addWidget(holder)
        self.preview_area = QScrollArea()
        self.preview_area.setObjectName("reportPreview")
        self.preview_area.setWidgetResizable(True)
        self.preview_pages = QWidget()
        self.preview_layout = QVBoxLayout(self.preview_pages)
        self.preview_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.placeholder = QLabel(self.tr("Choose a report and click “Generate”: its preview shows here."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_layout.addWidget(self.placeholder)
        self.preview_area.setWidget(self.preview_pages)
        layout.addWidget(self.preview_area, 1)
        self.page_labels: list[QLabel] = []
        self._update_buttons()

    def on_changes(self, changes: Changes) -> None:
        """New teams or collaborators appear in the "Concerning" list (the choice is kept)."""
        if changes.touches("team", "party"):
            self._load_scopes()
        if changes.touches("campaign"):
            self._load_campaigns()

    def _load_choices(self) -> None:
        self._load_scopes()
        self._load_campaigns()
        self.period_combo.setCurrentIndex(self.period_combo.findData(PeriodPreset.LAST_MONTH))
        self._preset_changed()
        self._kind_changed()

    def _load_scopes(self) -> None:
        chosen = self.scope_combo.currentData()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        self.scope_combo.addItem(self.tr("Everyone"), None)
        for team_id, name in self.reporting.teams():
            self.scope_combo.addItem(self.tr("Team: %1").replace("%1", name), f"team:{team_id}")
        for party_id, name in self.reporting.collaborators():
            self.scope_combo.addItem(name, f"collaborator:{party_id}")
        self.scope_combo.setCurrentIndex(max(self.scope_combo.findData(chosen), 0))
        self.scope_combo.blockSignals(False)

    def _load_campaigns(self) -> None:
        """Campaigns newest first (a handful a year: the list is read whole)."""
        chosen = self.campaign_combo.currentData()
        self.campaign_combo.blockSignals(True)
        self.campaign_combo.clear()
        for campaign_id, name in self.reporting.campaigns():
            self.campaign_combo.addItem(name, str(campaign_id))
        self.campaign_combo.setCurrentIndex(max(self.campaign_combo.findData(chosen), 0))
        self.campaign_combo.blockSignals(False)

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        self.scope_combo.setEnabled(kind in ("activity", "pipeline"))
        self.party_edit.setEnabled(kind == "contact")
        self.campaign_combo.setEnabled(kind == "campaign")
        for widget in (self.period_combo, self.from_edit, self.to_edit):
            # A contact sheet is about everything; a campaign report about the campaign's own dates.
            widget.setEnabled(kind not in ("contact", "campaign"))

    def _preset_changed(self) -> None:
        code = self.period_combo.currentData()
        custom = code == PeriodPreset.CUSTOM
        if not custom:
            period = Period.preset(code, self.reporting.today())
            self.from_edit.setDate(QDate(period.start.year, period.start.month, period.start.day))
            self.to_edit.setDate(QDate(period.end.year, period.end.month, period.end.day))

    def _update_buttons(self) -> None:
        busy = self.job is not None
        self.generate_button.setEnabled(not busy)
        self.print_button.setEnabled(self.pdf is not None and not busy)
        self.save_button.setEnabled(self.pdf is not None and not busy)

    # ------------------------------------------------------------------ public setters
    def set_kind(self, kind: str) -> None:
        """Choose the report kind ("activity", "pipeline", "membership", "contact", "campaign")."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def set_period(self, start: dt.date, end: dt.date) -> None:
        """Custom dates."""
        self.period_combo.setCurrentIndex(self.period_combo.findData(PeriodPreset.CUSTOM))
        self.from_edit.setDate(QDate(start.year, start.month, start.day))
        self.to_edit.setDate(QDate(end.year, end.month, end.day))

    def set_party(self, party_id: uuid.UUID, name: str) -> None:
        """A contact sheet of this party."""
        self.set_kind("contact")
        self.party_edit.set_choice(party_id, name)

    def set_campaign(self, campaign_id: uuid.UUID) -> None:
        """A campaign report of this campaign."""
        self.set_kind("campaign")
        if self.campaign_combo.findData(str(campaign_id)) < 0:
            self._load_campaigns()
        self.campaign_combo.setCurrentIndex(max(self.campaign_combo.findData(str(campaign_id)), 0))

    def set_scope(self, *, team_id: uuid.UUID | None = None, collaborator_id: uuid.UUID | None = None) -> None:
        """Whose activity (both None: everyone)."""
        index = 0
        if team_id is not None:
            index = self.scope_combo.findData(f"team:{team_id}")
        elif collaborator_id is not None:
            index = self.scope_combo.findData(f"collaborator:{collaborator_id}")
        self.scope_combo.setCurrentIndex(max(index, 0))

    # ------------------------------------------------------------------ generate
    def request(self) -> ReportRequest:
        """The report as chosen in the form (NotFoundError: no such contact)."""
        kind = str(self.kind_combo.currentData())
        me = self.session.db.actor
        if kind == "contact":
            party_id = self.party_edit.chosen_id() or self.reporting.find_party(self.party_edit.text().strip())
            return ReportRequest(kind, party_id=party_id, requested_by=me)
        if kind == "campaign":
            chosen = self.campaign_combo.currentData()
            if not chosen:
                raise NotFoundError("campaign", "")
            return ReportRequest(kind, campaign_id=uuid.UUID(str(chosen)), requested_by=me)
        start = self.from_edit.date().toPython()
        end = self.to_edit.date().toPython()
        scope = Scope()
        data = self.scope_combo.currentData() if kind in ("activity", "pipeline") else None
        if data:
            what, _sep, raw = str(data).partition(":")
            scope = Scope(team_id=uuid.UUID(raw)) if what == "team" else Scope(collaborator_id=uuid.UUID(raw))
        return ReportRequest(kind, period=Period(start, end), scope=scope, requested_by=me)

    def generate(self) -> bool:
        """Build the chosen report in a worker; False when the form cannot be used as is."""
        if self.job is not None:
            return False
        try:
            request = self.request()
        except NotFoundError:
            if self.kind_combo.currentData() == "campaign":
                self.info_label.setText(self.tr("There is no campaign to report on yet."))
            else:
                self.info_label.setText(self.tr("No contact has this exact name."))
            return False
        if request.period is not None and request.period.end < request.period.start:
            self.info_label.setText(self.tr("The end date is before the start date."))
            return False
        labels = report_labels(self.session.deals.lost_reasons())
        # Dates and numbers in the interface's language (French: "1 234,50 €", "1 novembre 2026").
        french = QLocale().language() == QLocale.Language.French
        fmt = Formatter("fr_FR" if french else "en_GB")
        reporting = self.reporting
        self.pdf_name = f"{request.kind}-{self.reporting.today().isoformat()}.pdf"

        def work(report: Any, token: workers.CancelToken) -> tuple[bytes, list[bytes]]:
            pdf = build_report(
                reporting,
                request,
                labels=labels,
                fmt=fmt,
                progress=lambda done, total, text: report(done, total, text),
                cancelled=lambda: token.cancelled,
            )
            if token.cancelled:
                raise ReportCancelledError
            report(2, 3, "preview")
            return pdf, render_pages(pdf)

        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.info_label.setText(self.tr("Preparing the report…"))
        self.job = workers.start(work, on_done=self._done, on_error=self._failed, on_progress=self._progress)
        self._update_buttons()
        return True

    def cancel(self) -> None:
        """Stop the report being prepared."""
        if self.job is not None:
            self.job.token.cancel()
            self.info_label.setText(self.tr("Cancelling…"))

    def _progress(self, done: int, total: int, _text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finish(self) -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def _done(self, result: tuple[bytes, list[bytes]]) -> None:
        pdf, images = result
        self._finish()
        self.pdf = pdf
        self._show_preview(images)
        self.info_label.setText(self.tr("%n page(s)", "", page_count(pdf)))
        self._update_buttons()
        self.generated.emit(pdf)

    def _failed(self, exc: Exception, details: str) -> None:
        self._finish()
        if isinstance(exc, ReportCancelledError):
            self.info_label.setText(self.tr("Report cancelled."))
            return
        self.info_label.setText("")
        show_error(self, self.tr("The report was not made"), str(exc), details)

    def _show_preview(self, images: list[bytes]) -> None:
        for label in self.page_labels:
            self.preview_layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        self.placeholder.hide()
        for data in images:
            image = QImage.fromData(data, "PNG")
            label = QLabel()
            label.setObjectName("previewPage")
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #90a4ae;")
            self.preview_layout.addWidget(label)
            self.page_labels.append(label)

    # ------------------------------------------------------------------ print and save
    def save_as(self, path: Path | None = None) -> Path | None:
        """Write the report shown to a file (asked when not given)."""
        if self.pdf is None:
            return None
        target = path or self.choose_path(self, self.tr("Save the report"), self.pdf_name)
        if target is None:
            return None
        try:
            partial = target.with_name(target.name + ".part")
            partial.write_bytes(self.pdf)
            partial.replace(target)
        except OSError as exc:
            show_error(self, self.tr("The report was not saved"), str(exc), "")
            return None
        self.status_message.emit(self.tr("Saved “%1”.").replace("%1", str(target)), None)
        self.saved.emit(target)
        return target

    def print_report(self) -> bool:
        """The system print dialog, then print every page."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.pdf is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer: Any) -> bool:
        """Draw every page on `printer` (a QPrinter, or any QPagedPaintDevice)."""
        import pypdfium2

        if self.pdf is None:
            return False
        printer.setPageLayout(
            QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF())
        )
        dpi = min(max(printer.resolution(), 72), 300)
        document = pypdfium2.PdfDocument(self.pdf)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Print"), self.tr("The printer could not be opened."))
            document.close()
            return False
        try:
            for index in range(len(document)):
                if index:
                    printer.newPage()
                image = document[index].render(scale=dpi / 72).to_pil().convert("RGB")
                data = image.tobytes("raw", "RGB")
                qimage = QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888)
                target = QRectF(painter.viewport())
                painter.drawImage(target, qimage)
        finally:
            painter.end()
            document.close()
        return True
