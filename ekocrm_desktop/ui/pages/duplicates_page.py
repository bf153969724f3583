"""The Duplicates page: find likely pairs across the workspace, merge them or say they differ; undo merges."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.contacts import PARTY
from ekocrm_desktop.services.duplicates import DuplicatePair, DuplicateScan, ScanCancelledError
from ekocrm_desktop.services.errors import NotFoundError, PermissionDeniedError
from ekocrm_desktop.services.merge import MERGE, MergeRefusedError, MergeResult
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.dialogs.merge_dialog import MergeDialog
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.merge_labels import refusal_text
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.duplicate_table_models import DuplicatePairTableModel, MergeTableModel


class DuplicatesPage(QWidget):
    """Likely duplicates (the scan runs in the background, with progress and cancel) and past merges."""

    status_message = Signal(str, object)
    open_requested = Signal(object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DuplicatesPage")
        self.session = session
        self.job: workers.Worker | None = None
        self.scanned = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)

        header = QHBoxLayout()
        title = QLabel(self.tr("Duplicates"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch(1)
        self.scan_button = QPushButton(icon("search"), self.tr("Find duplicates"))
        self.scan_button.setObjectName("scanButton")
        self.scan_button.setToolTip(self.tr("Look through the whole workspace for records that are probably the same"))
        self.scan_button.clicked.connect(self.scan)
        header.addWidget(self.scan_button)
        self.progress = QProgressBar()
        self.progress.setObjectName("scanProgress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        header.addWidget(self.progress)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelScanButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        header.addWidget(self.cancel_button)
        layout.addLayout(header)

        splitter = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(splitter, 1)

        pairs_widget = QWidget()
        pairs_layout = QVBoxLayout(pairs_widget)
        pairs_layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(
            self.tr(
                "Records entered twice (same e-mail, same phone, same or close name at the same organisation or "
                "in the same city) are listed here. Click “Find duplicates” to look through the workspace."
            )
        )
        self.summary.setObjectName("duplicatesSummary")
        self.summary.setWordWrap(True)
        pairs_layout.addWidget(self.summary)
        self.pairs = DuplicatePairTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("pairsTable")
        self.table.setModel(self.pairs)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.merge_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        pairs_layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.merge_button = QPushButton(icon("switch"), self.tr("Merge…"))
        self.merge_button.setObjectName("mergePairButton")
        self.merge_button.clicked.connect(self.merge_selected)
        self.dismiss_button = QPushButton(icon("remove"), self.tr("Not duplicates"))
        self.dismiss_button.setObjectName("dismissButton")
        self.dismiss_button.setToolTip(self.tr("These are two different records: stop proposing them"))
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.open_first = QPushButton(icon("edit"), self.tr("Open the first"))
        self.open_first.clicked.connect(lambda: self._open_side(0))
        self.open_second = QPushButton(icon("edit"), self.tr("Open the second"))
        self.open_second.clicked.connect(lambda: self._open_side(1))
        for button in (self.merge_button, self.dismiss_button, self.open_first, self.open_second):
            actions.addWidget(button)
        actions.addStretch(1)
        pairs_layout.addLayout(actions)
        splitter.addWidget(pairs_widget)

        merges_widget = QWidget()
        merges_layout = QVBoxLayout(merges_widget)
        merges_layout.setContentsMargins(0, 0, 0, 0)
        merges_title = QLabel(self.tr("Merges"))
        merges_title.setStyleSheet("font-weight: bold;")
        merges_layout.addWidget(merges_title)
        self.merges = MergeTableModel(self)
        self.merges_table = QTableView()
        self.merges_table.setObjectName("mergesTable")
        self.merges_table.setModel(self.merges)
        self.merges_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.merges_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.merges_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.merges_table.verticalHeader().setVisible(False)
        self.merges_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.merges_table.selectionModel().selectionChanged.connect(self._update_buttons)
        merges_layout.addWidget(self.merges_table, 1)
        merge_actions = QHBoxLayout()
        self.undo_button = QPushButton(icon("restore"), self.tr("Undo this merge"))
        self.undo_button.setObjectName("undoMergeButton")
        self.undo_button.clicked.connect(self.undo_selected)
        merge_actions.addWidget(self.undo_button)
        merge_actions.addStretch(1)
        merges_layout.addLayout(merge_actions)
        splitter.addWidget(merges_widget)
        splitter.setSizes([420, 200])

        session.bridge.listen(self, self._on_changes)
        self.refresh_merges()
        self._update_buttons()

    # ------------------------------------------------------------------ scan
    def scan(self) -> None:
        """Look for duplicates in the background."""
        if self.job is not None:
            return
        self.scan_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.summary.setText(self.tr("Looking for duplicates…"))
        finder = self.session.duplicates
        self.job = workers.start(
            lambda report, token: finder.scan(report, token),
            on_done=self._scan_done,
            on_error=self._scan_failed,
            on_progress=self._scan_progress,
        )

    def cancel(self) -> None:
        """Stop the running scan."""
        if self.job is not None:
            self.job.token.cancel()

    def _scan_progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _scan_done(self, found: DuplicateScan) -> None:
        self._scan_ended()
        self.scanned = True
        pairs = found.pairs
        self.pairs.set_pairs(pairs)
        if found.total > len(pairs):
            self.summary.setText(
                self.tr("%n likely duplicate(s); the %1 most certain are listed first.", "", found.total).replace(
                    "%1", str(len(pairs))
                )
            )
            self.table.selectRow(0)
        elif pairs:
            self.summary.setText(self.tr("%n likely duplicate(s), most certain first.", "", len(pairs)))
            self.table.selectRow(0)
        else:
            self.summary.setText(self.tr("No likely duplicates found."))
        self._update_buttons()

    def _scan_failed(self, error: Exception, details: str) -> None:
        self._scan_ended()
        if isinstance(error, ScanCancelledError):
            self.summary.setText(self.tr("Search cancelled."))
            return
        show_error(self, self.tr("Duplicates not searched"), str(error), details)

    def _scan_ended(self) -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.scan_button.setEnabled(True)

    # ------------------------------------------------------------------ actions
    def selected_row(self) -> int:
        """The selected pair's row, or -1."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def merge_selected(self) -> MergeDialog | None:
        """Open the merge dialog on the selected pair."""
        row = self.selected_row()
        pair = self.pairs.pair(row)
        if pair is None or not self.session.can_edit:
            return None
        try:
            dialog = MergeDialog(self.session, pair.first.id, pair.second.id, self)
        except NotFoundError:
            self.pairs.remove_pair(row)
            return None
        dialog.accepted.connect(lambda: self._merged(dialog.result_, pair))
        dialog.open()
        return dialog

    def _merged(self, result: MergeResult | None, pair: DuplicatePair) -> None:
        if result is None:
            return
        # The record merged away is in the trash now: its pairs go; the kept record's other pairs stay.
        gone = pair.second.id if result.winner.id == pair.first.id else pair.first.id
        for row in reversed(range(len(self.pairs.pairs))):
            other = self.pairs.pairs[row]
            if gone in (other.first.id, other.second.id):
                self.pairs.remove_pair(row)
        self.refresh_merges()
        self.status_message.emit(
            self.tr("Merged into “%1”.").replace("%1", result.winner.display_name),
            lambda merge_id=result.merge_id: self.undo(merge_id),
        )
        self._update_buttons()

    def dismiss_selected(self) -> None:
        """Say the selected pair are two different records."""
        row = self.selected_row()
        pair = self.pairs.pair(row)
        if pair is None:
            return
        try:
            self.session.duplicates.dismiss(pair.first.id, pair.second.id)
        except PermissionDeniedError as exc:
            show_error(self, self.tr("Not saved"), self.tr("Your role does not allow this change."), str(exc))
            return
        self.pairs.remove_pair(row)
        self.status_message.emit(
            self.tr("“%1” and “%2” will no longer be proposed as duplicates.")
            .replace("%1", pair.first.display_name)
            .replace("%2", pair.second.display_name),
            lambda: self._undismiss(pair),
        )
        self._update_buttons()

    def _undismiss(self, pair: DuplicatePair) -> None:
        self.session.duplicates.undismiss(pair.first.id, pair.second.id)
        self.pairs.beginResetModel()
        self.pairs.pairs.insert(0, pair)
        self.pairs.endResetModel()

    def undo_selected(self) -> bool:
        """Undo the merge selected in the Merges list."""
        rows = self.merges_table.selectionModel().selectedRows()
        merge = self.merges.merge(rows[0].row()) if rows else None
        return merge is not None and self.undo(merge.id)

    def undo(self, merge_id: uuid.UUID) -> bool:
        """Undo a merge: both records back as they were."""
        try:
            result = self.session.merges.undo(merge_id)
        except MergeRefusedError as exc:
            show_error(self, self.tr("Merge not undone"), refusal_text(exc))
            return False
        except PermissionDeniedError as exc:
            show_error(self, self.tr("Merge not undone"), self.tr("Your role does not allow this change."), str(exc))
            return False
        self.refresh_merges()
        message = self.tr("Merge undone: both records are back.")
        if result.skipped:
            message += " " + self.tr(
                "%n linked record(s) had changed since and were left as they are.", "", result.skipped
            )
        self.status_message.emit(message, None)
        return True

    def _open_side(self, side: int) -> None:
        pair = self.pairs.pair(self.selected_row())
        if pair is not None:
            self.open_requested.emit(pair.first.id if side == 0 else pair.second.id)

    # ------------------------------------------------------------------ refresh
    def refresh_merges(self) -> None:
        """Reload the Merges list."""
        self.merges.set_merges(self.session.merges.merges())
        self._update_buttons()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(MERGE) or (changes.remote and changes.touches(PARTY)):
            self.refresh_merges()

    def _update_buttons(self, *_args: Any) -> None:
        has_pair = self.selected_row() >= 0
        editable = self.session.can_edit
        self.merge_button.setEnabled(has_pair and editable)
        self.dismiss_button.setEnabled(has_pair and editable)
        self.open_first.setEnabled(has_pair)
        self.open_second.setEnabled(has_pair)
        rows = self.merges_table.selectionModel().selectedRows()
        merge = self.merges.merge(rows[0].row()) if rows else None
        self.undo_button.setEnabled(merge is not None and merge.undone_at is None and editable)
