"""The Outbox page (issue 5, part C): e-mails and SMS not sent yet (drafts, waiting, failed with
the server's reason). Open a draft in the composer, retry a failed message, delete one. Sent
messages are on the timelines of their recipients."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.mailing import OUTBOX, SENDABLE, MailError
from ekocrm_desktop.services.sms import SmsError
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.comms_common import failure_text
from ekocrm_desktop.ui.dialogs.email_composer import EmailComposer
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.comms_models import OutboxTableModel


class OutboxPage(QWidget):
    """Messages waiting to be sent, and those that failed."""

    status_message = Signal(str, object)
    dialog_opened = Signal(object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OutboxPage")
        self.session = session
        self.model = OutboxTableModel(self)
        self.worker: workers.Worker | None = None
        self._build()
        self.refresh()
        session.bridge.listen(self, self.on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Outbox"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch(1)
        self.new_button = QPushButton(icon("fa6s.envelope"), self.tr("New e-mail…"))
        self.new_button.setObjectName("outboxNew")
        self.new_button.setEnabled(self.session.can_create)
        self.new_button.clicked.connect(lambda: self.open_composer())
        header.addWidget(self.new_button)
        layout.addLayout(header)
        actions = QHBoxLayout()
        self.open_button = QPushButton(icon("edit"), self.tr("Open"))
        self.open_button.clicked.connect(self._open_selected)
        self.retry_button = QPushButton(icon("refresh"), self.tr("Retry"))
        self.retry_button.setObjectName("outboxRetry")
        self.retry_button.clicked.connect(self.retry_selected)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"))
        self.delete_button.setObjectName("outboxDelete")
        self.delete_button.clicked.connect(self.delete_selected)
        self.show_sent = QCheckBox(self.tr("Show sent messages"))
        self.show_sent.toggled.connect(lambda _c: self.refresh())
        for widget in (self.open_button, self.retry_button, self.delete_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.show_sent)
        layout.addLayout(actions)
        self.table = QTableView()
        self.table.setObjectName("outboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((110, 70, 220, 220, 130, 70)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._open_index)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("Nothing waiting: e-mails and SMS that could not be sent, and drafts, wait here."))
        self.empty.setStyleSheet("color: gray;")
        layout.addWidget(self.empty)

    def refresh(self) -> None:
        """Read the outbox again."""
        states = (*SENDABLE, "sending", "sent") if self.show_sent.isChecked() else (*SENDABLE, "sending")
        self.model.set_rows(self.session.mail.outbox(states))
        self.empty.setVisible(self.model.rowCount() == 0)

    def on_changes(self, changes: Changes) -> None:
        """The outbox changed."""
        if changes.touches(OUTBOX):
            self.refresh()

    def _selected(self) -> Any:
        return self.model.row_at(self.table.currentIndex().row())

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None and row.channel == "email" and row.state in SENDABLE:
            self.open_composer(row.id)

    def _open_selected(self) -> None:
        self._open_index(self.table.currentIndex())

    def open_composer(self, outbox_id: uuid.UUID | None = None) -> EmailComposer:
        """The composer, on a stored draft or a new message."""
        dialog = EmailComposer(self.session, outbox_id=outbox_id, parent=self)
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog

    def retry_selected(self) -> workers.Worker | None:
        """Send the selected failed message again (in a worker)."""
        row = self._selected()
        if row is None or self.worker is not None:
            return None
        if row.state == "sending":
            # Left "being sent" by an interrupted sending: it may have gone out; the user decides.
            answer = QMessageBox.question(
                self,
                self.tr("Retry"),
                self.tr("The sending of “%1” was interrupted: it may have gone out already. Send it again?").replace(
                    "%1", row.subject
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            if not self.session.mail.release(row.id):
                self.status_message.emit(self.tr("This message is being sent right now."), None)
                return None
        elif row.state not in SENDABLE:
            return None
        mail, sms = self.session.mail, self.session.sms
        outbox_id, channel = row.id, row.channel

        def work(_report: Any, _token: Any) -> object:
            return mail.send(outbox_id) if channel == "email" else sms.retry(outbox_id)

        def done(_result: object) -> None:
            self.worker = None
            self.status_message.emit(self.tr("Message sent."), None)

        def failed(exc: Exception, _details: str) -> None:
            self.worker = None
            kind = exc.kind if isinstance(exc, MailError | SmsError) else "server"
            self.status_message.emit(self.tr("Not sent: %1").replace("%1", failure_text(kind)), None)

        self.worker = workers.start(work, on_done=done, on_error=failed)
        return self.worker

    def delete_selected(self) -> int:
        """Delete the selected unsent message, after asking."""
        row = self._selected()
        if row is None or row.state not in SENDABLE:
            return 0
        answer = QMessageBox.question(
            self,
            self.tr("Delete"),
            self.tr("Delete the message “%1” to %2?").replace("%1", row.subject).replace("%2", row.to_address),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        return self.session.mail.delete([row.id])
