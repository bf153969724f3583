"""Exporting the contacts list (the current search and filters, or the selected rows) to CSV, XLSX or vCard."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.contacts import PartyQuery
from ekocrm_desktop.services.exporting import ExportCancelledError, ExportService, ExportTooBigError
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.exchange_labels import export_titles, kind_titles
from ekocrm_desktop.ui.icons import icon

SUFFIXES = {"csv": ".csv", "xlsx": ".xlsx", "vcf": ".vcf"}


class ExportDialog(QDialog):
    """Choose format, scope and file; the export runs in a worker with progress and cancel."""

    def __init__(
        self,
        service: ExportService,
        query: PartyQuery,
        selected: list[uuid.UUID],
        total: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.query = query
        self.selected = selected
        self.count: int | None = None
        self.job: workers.Worker | None = None
        self.setWindowTitle(self.tr("Export contacts"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("CSV for Excel (separator ;)"), ("csv", ";"))
        self.format_combo.addItem(self.tr("CSV (separator ,)"), ("csv", ","))
        self.format_combo.addItem(self.tr("Excel workbook (.xlsx)"), ("xlsx", ""))
        self.format_combo.addItem(self.tr("vCard 3.0 (.vcf)"), ("vcf", "3.0"))
        self.format_combo.addItem(self.tr("vCard 4.0 (.vcf)"), ("vcf", "4.0"))
        self.format_combo.currentIndexChanged.connect(lambda _i: self._fix_suffix())
        form.addRow(self.tr("&Format:"), self.format_combo)
        self.list_radio = QRadioButton(self.tr("The whole list as filtered (%n contact(s))", "", total))
        self.selection_radio = QRadioButton(
            self.tr("The selected rows (%n)", "", len(selected)) if selected else self.tr("The selected rows (none)")
        )
        group = QButtonGroup(self)
        group.addButton(self.list_radio)
        group.addButton(self.selection_radio)
        self.selection_radio.setEnabled(len(selected) > 0)
        (self.selection_radio if len(selected) > 1 else self.list_radio).setChecked(True)
        scope = QVBoxLayout()
        scope.addWidget(self.list_radio)
        scope.addWidget(self.selection_radio)
        form.addRow(self.tr("Contacts:"), scope)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(str(Path.home() / self.tr("contacts.csv")))
        self.path_edit.setAccessibleName(self.tr("File to write"))
        browse = QPushButton(icon("open"), self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, row)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Cells that a spreadsheet would run as a formula (starting with =, +, -, @) are written as text; "
                "phone numbers and amounts come back unchanged when imported again."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self._cancel)
        layout.addWidget(self.buttons)

    def _format(self) -> tuple[str, str]:
        data: Any = self.format_combo.currentData()
        return str(data[0]), str(data[1])

    def _fix_suffix(self) -> None:
        fmt, _option = self._format()
        path = Path(self.path_edit.text())
        self.path_edit.setText(str(path.with_suffix(SUFFIXES[fmt])))

    def _browse(self) -> None:
        fmt, _option = self._format()
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("Export contacts"), self.path_edit.text(), f"*{SUFFIXES[fmt]}"
        )
        if path:
            self.path_edit.setText(path)

    def start(self) -> None:
        """Write the file in a worker."""
        fmt, option = self._format()
        path = Path(self.path_edit.text().strip())
        ids = self.selected if self.selection_radio.isChecked() else None
        query, service = self.query, self.service
        titles, kinds = export_titles(), kind_titles()

        def work(report: Any, token: workers.CancelToken) -> int:
            return service.export_contacts(
                path,
                fmt,
                query=query,
                ids=ids,
                titles=titles,
                kind_titles=kinds,
                delimiter=option if fmt == "csv" else ";",
                vcard_version=option if fmt == "vcf" else "3.0",
                progress=report,
                cancelled=lambda: token.cancelled,
            )

        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.progress.show()
        self.progress.setRange(0, 0)
        self.job = workers.start(
            work,
            on_done=self._done,
            on_error=self._failed,
            on_progress=self._progress,
            expected=(ExportCancelledError, ExportTooBigError),
        )

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, count: int) -> None:
        self.count = count
        self.job = None
        self.accept()

    def _failed(self, exc: Exception, details: str) -> None:
        self.job = None
        self.progress.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        if isinstance(exc, ExportCancelledError):
            self.reject()
            return
        if isinstance(exc, ExportTooBigError):
            # The dialog stays open: CSV, or a narrower list, is one click away.
            show_error(
                self,
                self.tr("Export contacts"),
                self.tr(
                    "An Excel sheet holds at most %1 rows, and this export has %2. "
                    "Choose CSV, which has no limit, or narrow the list with a search or a segment."
                )
                .replace("%1", QLocale().toString(exc.limit))
                .replace("%2", QLocale().toString(exc.rows)),
            )
            return
        show_error(self, self.tr("Export contacts"), self.tr("The file could not be written."), str(exc))

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.token.cancel()
        else:
            self.reject()
