"""The Timeline tab of a record: everything that happened with this person, organisation or deal,
newest first, filterable by type, with one-click buttons to log a call, add a note, plan a task
or an appointment."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from pathlib import Path

from PySide6.QtCore import QModelIndex, QTimer, Signal
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
from ekocrm_desktop.services.activities import ActivityDraft, ActivityQuery, TaskFields
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.actions_labels import activity_type_icon, activity_types
from ekocrm_desktop.ui.comms_common import EmlDropFilter, import_eml
from ekocrm_desktop.ui.dialogs.activity_dialog import ActivityDialog
from ekocrm_desktop.ui.dialogs.email_composer import EmailComposer
from ekocrm_desktop.ui.dialogs.sms_dialog import SmsDialog
from ekocrm_desktop.ui.formatting import phone_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.activity_table_models import ActivityTableModel

UNDO_MS = 12_000
#: The type filter's groups: calls and e-mails are each one choice.
FILTERS = {
    "calls": frozenset({"call_in", "call_out"}),
    "emails": frozenset({"email_in", "email_out"}),
}


class TimelinePanel(QWidget):
    """The activities linked to one party (or deal), newest first."""

    #: An activity dialog was opened (tests and the window keep track of it).
    dialog_opened = Signal(object)

    def __init__(
        self,
        session: WorkspaceSession,
        *,
        party_id: uuid.UUID | None = None,
        deal_id: uuid.UUID | None = None,
        label: str = "",
        phones: tuple[str, ...] = (),
        emails: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TimelinePanel")
        self.session = session
        self.party_id = party_id
        self.deal_id = deal_id
        #: How the record is named in a new activity's links.
        self.label = label
        #: The record's phone numbers (E.164): one "call" button each logs a call to it.
        self.phones = phones[:3]
        #: Its e-mail addresses: one click on one opens the composer (issue 5, part C).
        self.emails = emails[:3]
        self.model = ActivityTableModel(self)
        self._build()
        self.refresh()
        session.bridge.listen(self, self._on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.call_button = QPushButton(icon("fa6s.phone"), self.tr("Log a call"))
        self.call_button.setObjectName("logCall")
        self.call_button.clicked.connect(lambda: self.new_activity("call_out"))
        self.note_button = QPushButton(icon("fa6s.note-sticky"), self.tr("Add a note"))
        self.note_button.setObjectName("addNote")
        self.note_button.clicked.connect(lambda: self.new_activity("note"))
        self.task_button = QPushButton(icon("fa6s.list-check"), self.tr("New task"))
        self.task_button.setObjectName("newTask")
        self.task_button.clicked.connect(lambda: self.new_activity("call_out", task=True))
        self.appointment_button = QPushButton(icon("fa6s.calendar-plus"), self.tr("New appointment"))
        self.appointment_button.setObjectName("newAppointment")
        self.appointment_button.clicked.connect(lambda: self.new_activity("appointment"))
        self.email_button = QPushButton(icon("fa6s.envelope"), self.tr("E-mail…"))
        self.email_button.setObjectName("sendEmail")
        self.email_button.clicked.connect(lambda: self.compose_email())
        self.sms_button = QPushButton(icon("fa6s.comment-sms"), self.tr("SMS…"))
        self.sms_button.setObjectName("sendSms")
        self.sms_button.clicked.connect(lambda: self.compose_sms())
        self.email_button.setVisible(self.party_id is not None)
        self.sms_button.setVisible(self.party_id is not None)
        for button in (
            self.call_button,
            self.note_button,
            self.task_button,
            self.appointment_button,
            self.email_button,
            self.sms_button,
        ):
            button.setEnabled(self.session.can_create)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("Show")))
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("timelineFilter")
        self.type_filter.setAccessibleName(self.tr("Type of activity shown"))
        self.type_filter.addItem(self.tr("Everything"), None)
        self.type_filter.addItem(icon("fa6s.phone"), self.tr("Calls"), "calls")
        self.type_filter.addItem(icon("fa6s.envelope"), self.tr("E-mails"), "emails")
        for code, name in activity_types():
            if code not in FILTERS["calls"] | FILTERS["emails"]:
                self.type_filter.addItem(activity_type_icon(code), name, code)
        self.type_filter.addItem(icon("fa6s.list-check"), self.tr("Tasks only"), "tasks")
        self.type_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        buttons.addWidget(self.type_filter)
        layout.addLayout(buttons)
        self.phone_buttons: list[QPushButton] = []
        if self.phones:
            phone_row = QHBoxLayout()
            region = self.session.preferences.phone_region
            for number in self.phones:
                shown = phone_text(number, region)
                button = QPushButton(icon("fa6s.phone"), shown)
                button.setObjectName("callPhone")
                button.setFlat(True)
                button.setToolTip(self.tr("Log a call to %1 now").replace("%1", shown))
                button.setEnabled(self.session.can_create)
                button.clicked.connect(lambda _c=False, n=shown: self.log_call_to(n))
                self.phone_buttons.append(button)
                phone_row.addWidget(button)
            phone_row.addStretch(1)
            layout.addLayout(phone_row)
        self.email_buttons: list[QPushButton] = []
        if self.emails and self.party_id is not None:
            email_row = QHBoxLayout()
            for address in self.emails:
                button = QPushButton(icon("fa6s.envelope"), address)
                button.setObjectName("emailAddress")
                button.setFlat(True)
                button.setToolTip(self.tr("Write an e-mail to %1").replace("%1", address))
                button.setEnabled(self.session.can_create)
                button.clicked.connect(lambda _c=False, a=address: self.compose_email(a))
                self.email_buttons.append(button)
                email_row.addWidget(button)
            email_row.addStretch(1)
            layout.addLayout(email_row)

        self.table = QTableView()
        self.table.setObjectName("timelineTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((115, 125, 210, 140, 115)):
            self.table.setColumnWidth(column, width)
        # Double-click or Enter (one signal, so a double-click opens one form).
        self.table.activated.connect(self._open_index)
        layout.addWidget(self.table, 1)
        # "Moved to the trash — Undo" for a while after an activity was trashed from its form.
        self.undo_button = QPushButton(icon("restore"), "")
        self.undo_button.setObjectName("timelineUndo")
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        self.undo_button.clicked.connect(self._undo)
        self._undo_ids: list[uuid.UUID] = []
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MS)
        self._undo_timer.timeout.connect(self.undo_button.hide)
        layout.addWidget(self.undo_button)
        if self.session.can_create:
            # E-mails dragged out of a mail client land on this record's timeline.
            self._eml_drop = EmlDropFilter(self.table.viewport(), self.import_eml_files)
            self.table.setToolTip(self.tr("Drop .eml files here to log received e-mails"))
        self.empty = QLabel(self.tr("Nothing yet: log a call, add a note, plan a task or an appointment."))
        self.empty.setObjectName("timelineEmpty")
        self.empty.setStyleSheet("color: gray;")
        layout.addWidget(self.empty)

    def query(self) -> ActivityQuery:
        """What the list shows (the record and the type filter)."""
        choice = self.type_filter.currentData()
        types: frozenset[str] = frozenset()
        if choice in FILTERS:
            types = FILTERS[choice]
        elif choice and choice != "tasks":
            types = frozenset({choice})
        return ActivityQuery(party_id=self.party_id, deal_id=self.deal_id, types=types, tasks_only=choice == "tasks")

    def refresh(self) -> None:
        """Read the timeline again."""
        query = self.query()
        activities = self.session.activities
        self.model.set_source(
            lambda: activities.count(query), lambda _s, desc, req: activities.page(query, req, descending=desc)
        )
        self.empty.setVisible(self.model.rowCount() == 0)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("activity", "alert"):
            self.refresh()

    def new_activity(self, type_code: str, *, task: bool = False, subject: str = "") -> ActivityDialog:
        """Open the form for a new activity about this record (a call is timed now)."""
        now = self.session.activities.now()
        preset = ActivityDraft(
            type=type_code,
            subject=subject,
            occurred_at=now,
            starts_at=(now + dt.timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
            if type_code == "appointment"
            else None,
            party_ids=(self.party_id,) if self.party_id else (),
            deal_ids=(self.deal_id,) if self.deal_id else (),
            task=TaskFields(assignee_id=self.session.capabilities.my_party_id, due_at=now + dt.timedelta(days=1))
            if task
            else None,
        )
        if type_code == "appointment" and preset.starts_at is not None:
            preset = dataclasses.replace(preset, occurred_at=preset.starts_at)
        labels = {target: self.label for target in (self.party_id, self.deal_id) if target is not None}
        return self._show(ActivityDialog(self.session, preset=preset, link_labels=labels, parent=self))

    def compose_email(self, address: str = "") -> EmailComposer:
        """The e-mail composer to this person (to `address`, else their main address)."""
        dialog = EmailComposer(self.session, party_id=self.party_id, to_address=address, parent=self)
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog

    def compose_sms(self) -> SmsDialog:
        """The SMS dialog to this person's main number."""
        dialog = SmsDialog(self.session, party_id=self.party_id, parent=self)
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog

    def import_eml_files(self, paths: list[Path]) -> workers.Worker:
        """Log dropped `.eml` files, linked to this record as well as to the people they name."""
        links = [self.party_id] if self.party_id is not None else []
        return import_eml(self.session, paths, link_to=links, parent=self)

    def log_call_to(self, number: str) -> ActivityDialog:
        """One click on a phone number: the form of an outgoing call to it, timed now."""
        return self.new_activity("call_out", subject=self.tr("Call to %1").replace("%1", number))

    def open_activity(self, activity_id: uuid.UUID) -> ActivityDialog:
        """Open an activity of the timeline."""
        return self._show(ActivityDialog(self.session, activity_id=activity_id, parent=self))

    def _open_index(self, index: QModelIndex) -> None:
        activity_id = self.model.id_at(index.row())
        if activity_id is not None:
            self.open_activity(activity_id)

    def _trashed(self, activity_id: uuid.UUID, subject: str) -> None:
        self._undo_ids = [activity_id]
        self.undo_button.setText(self.tr("“%1” moved to the trash — Undo").replace("%1", subject))
        self.undo_button.show()
        self._undo_timer.start()

    def _undo(self) -> None:
        self.session.activities.restore(self._undo_ids)
        self._undo_ids = []
        self.undo_button.hide()

    def _show(self, dialog: ActivityDialog) -> ActivityDialog:
        dialog.trashed.connect(self._trashed)
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog
