"""The Journal page: every activity of the workspace, newest first, by type, collaborator and period."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.activities import ActivityDraft, ActivityQuery
from ekocrm_desktop.services.eml import EmlReport
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.actions_labels import activity_type_icon, activity_types
from ekocrm_desktop.ui.comms_common import EmlDropFilter, import_eml, show_eml_report
from ekocrm_desktop.ui.dialogs.activity_dialog import ActivityDialog
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.activity_table_models import ActivityTableModel
from ekocrm_desktop.ui.widgets.timeline_panel import FILTERS

#: Period choices: "past" (up to now), N days back, "future" (what is planned), "all".
PERIODS: tuple[str | int, ...] = ("past", 1, 7, 30, 365, "future", "all")


class JournalPage(QWidget):
    """All activities, paged, filtered in SQL."""

    status_message = Signal(str, object)
    dialog_opened = Signal(object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JournalPage")
        self.session = session
        self.activities = session.activities
        self.model = ActivityTableModel(self)
        self._build()
        self.refresh()
        session.bridge.listen(self, self.on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Journal"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch(1)
        self.new_button = QPushButton(icon("add"), self.tr("New activity…"))
        self.new_button.setObjectName("newActivity")
        self.new_button.setEnabled(self.session.can_create)
        self.new_button.clicked.connect(lambda: self.new_activity())
        header.addWidget(self.new_button)
        # A mailbox read on demand (issue 5, part C), when one is set up.
        self.mailbox_button = QPushButton(icon("fa6s.inbox"), self.tr("Read the mailbox"))
        self.mailbox_button.setObjectName("readMailbox")
        self.mailbox_button.setToolTip(self.tr("Log the newest messages of the workspace's mailbox (IMAP)"))
        self.mailbox_button.setVisible(self.session.can_create and self.session.imap.account().configured)
        self.mailbox_button.clicked.connect(self.read_mailbox)
        header.addWidget(self.mailbox_button)
        layout.addLayout(header)

        filters = QHBoxLayout()
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("journalType")
        self.type_filter.setAccessibleName(self.tr("Type"))
        self.type_filter.addItem(self.tr("All types"), None)
        self.type_filter.addItem(icon("fa6s.phone"), self.tr("Calls"), "calls")
        self.type_filter.addItem(icon("fa6s.envelope"), self.tr("E-mails"), "emails")
        for code, name in activity_types():
            if code not in FILTERS["calls"] | FILTERS["emails"]:
                self.type_filter.addItem(activity_type_icon(code), name, code)
        self.owner_filter = QComboBox()
        self.owner_filter.setObjectName("journalOwner")
        self.owner_filter.setAccessibleName(self.tr("Collaborator"))
        self.owner_filter.addItem(self.tr("All collaborators"), None)
        for party_id, name in self.activities.collaborators():
            self.owner_filter.addItem(name, party_id)
        self.period_filter = QComboBox()
        self.period_filter.setObjectName("journalPeriod")
        self.period_filter.setAccessibleName(self.tr("Period"))
        for days, name in zip(
            PERIODS,
            (
                self.tr("Up to now"),
                self.tr("Last 24 hours"),
                self.tr("Last 7 days"),
                self.tr("Last 30 days"),
                self.tr("Last 12 months"),
                self.tr("Planned (to come)"),
                self.tr("Any time"),
            ),
            strict=True,
        ):
            self.period_filter.addItem(name, days)
        for combo in (self.type_filter, self.owner_filter, self.period_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
            filters.addWidget(combo)
        filters.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("journalCount")
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setObjectName("journalTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 140, 280, 200, 150)):
            self.table.setColumnWidth(column, width)
        # Double-click or Enter (one signal, so a double-click opens one form).
        self.table.activated.connect(self._open_index)
        layout.addWidget(self.table, 1)
        if self.session.can_create:
            # Received e-mails dragged out of a mail client are logged here (issue 5, part C).
            self._eml_drop = EmlDropFilter(self.table.viewport(), self.import_eml_files)
            self.table.setToolTip(self.tr("Drop .eml files here to log received e-mails"))

    def query(self) -> ActivityQuery:
        """The filters as a query."""
        choice = self.type_filter.currentData()
        types = FILTERS.get(choice, frozenset({choice}) if choice else frozenset())
        period = self.period_filter.currentData()
        now = self.activities.now()
        since = until = None
        if isinstance(period, int):
            since, until = now - dt.timedelta(days=period), now
        elif period == "past":
            until = now
        elif period == "future":
            since = now
        return ActivityQuery(types=types, owner_id=self.owner_filter.currentData(), since=since, until=until)

    def refresh(self) -> None:
        """Read the journal again."""
        query = self.query()
        activities = self.activities
        self.model.set_source(
            lambda: activities.count(query), lambda _s, desc, req: activities.page(query, req, descending=desc)
        )
        total = self.model.rowCount()
        self.count_label.setText(self.tr("%n activity(ies)", "", total))

    def on_changes(self, changes: Changes) -> None:
        """Activities saved here or on another machine."""
        if changes.touches("activity"):
            self.refresh()

    def _open_index(self, index: QModelIndex) -> None:
        activity_id = self.model.id_at(index.row())
        if activity_id is not None:
            self.open_activity(activity_id)

    def open_activity(self, activity_id: uuid.UUID) -> ActivityDialog:
        """Open an activity's form."""
        dialog = ActivityDialog(self.session, activity_id=activity_id, parent=self)
        dialog.trashed.connect(self._trashed)
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog

    def _trashed(self, activity_id: uuid.UUID, subject: str) -> None:
        activities = self.session.activities
        self.status_message.emit(
            self.tr("“%1” moved to the trash.").replace("%1", subject), lambda: activities.restore([activity_id])
        )

    def new_activity(self) -> ActivityDialog:
        """Log an activity (a note by default)."""
        dialog = ActivityDialog(self.session, preset=ActivityDraft(type="note"), parent=self)
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog

    def import_eml_files(self, paths: list[Path]) -> workers.Worker:
        """Log dropped `.eml` files, linked to the people they name."""
        return import_eml(self.session, paths, parent=self)

    def read_mailbox(self) -> workers.Worker:
        """Read the mailbox in a worker, then show the import report."""
        reader = self.session.imap
        self.mailbox_button.setEnabled(False)

        def work(_report: Any, token: workers.CancelToken) -> EmlReport:
            return reader.fetch(cancelled=lambda: token.cancelled)

        def done(report: EmlReport) -> None:
            self.mailbox_button.setEnabled(True)
            show_eml_report(self, report)

        def failed(exc: Exception, details: str) -> None:
            self.mailbox_button.setEnabled(True)
            show_error(self, self.tr("The mailbox could not be read"), str(exc), details)

        return workers.start(work, on_done=done, on_error=failed)
