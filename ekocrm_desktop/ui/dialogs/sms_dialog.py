"""Send an SMS to a person (issue 5, part C): through the configured gateway, or, with none, logged
as a task "SMS to send by hand" so it is not forgotten."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.errors import ValidationFailedError
from ekocrm_desktop.services.sms import SmsError, SmsResult
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.comms_common import failure_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import field_error_text
from ekocrm_desktop.ui.session import WorkspaceSession


class SmsDialog(QDialog):
    """One text to one number."""

    #: Sent or logged (SmsResult).
    done = Signal(object)

    def __init__(
        self, session: WorkspaceSession, *, party_id: uuid.UUID | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SmsDialog")
        self.setWindowTitle(self.tr("New SMS"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.party_id = party_id
        self.worker: workers.Worker | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.to_edit = QLineEdit(session.sms.mobile(party_id) if party_id else "")
        self.to_edit.setObjectName("smsTo")
        self.to_edit.setAccessibleName(self.tr("Number"))
        form.addRow(self.tr("Number") + " *", self.to_edit)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("smsText")
        self.text_edit.setAccessibleName(self.tr("Text"))
        form.addRow(self.tr("Text") + " *", self.text_edit)
        layout.addLayout(form)
        self.counter = QLabel()
        self.counter.setStyleSheet("color: gray;")
        layout.addWidget(self.counter)
        self.text_edit.textChanged.connect(self._count)
        configured = session.sms.config().configured
        self.note = QLabel(
            self.tr("Sent through the SMS gateway.")
            if configured
            else self.tr("No SMS gateway is set up: the SMS will be logged as a task to send by hand.")
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.error_label = QLabel()
        self.error_label.setObjectName("smsError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.send_button = QPushButton(
            icon("fa6s.paper-plane"), self.tr("Send") if configured else self.tr("Log to send by hand")
        )
        self.send_button.setObjectName("smsSend")
        self.send_button.setDefault(True)
        self.send_button.setEnabled(session.can_create)
        self.send_button.clicked.connect(self.send)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.send_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        self._count()
        self.resize(460, 320)

    def _count(self) -> None:
        length = len(self.text_edit.toPlainText())
        # 160 characters per SMS in GSM 7-bit; accents outside it bring that down to 70.
        self.counter.setText(self.tr("%n character(s)", "", length))

    def send(self) -> workers.Worker | None:
        """Send (or log) in a worker."""
        if self.worker is not None:
            return None
        sms = self.session.sms
        to, text, party_id = self.to_edit.text(), self.text_edit.toPlainText(), self.party_id
        self.send_button.setEnabled(False)

        def work(_report: Any, _token: Any) -> SmsResult:
            return sms.send(to, text, party_id=party_id)

        self.worker = workers.start(work, on_done=self._done, on_error=self._failed)
        return self.worker

    def _done(self, result: SmsResult) -> None:
        self.worker = None
        self.done.emit(result)
        self.accept()

    def _failed(self, exc: Exception, _details: str) -> None:
        self.worker = None
        self.send_button.setEnabled(True)
        if isinstance(exc, ValidationFailedError):
            self.error_label.setText("\n".join(field_error_text(e) for e in exc.errors))
        elif isinstance(exc, SmsError):
            self.error_label.setText(
                self.tr("Not sent: %1 It is kept in the outbox.").replace("%1", failure_text(exc.kind))
                + f"\n{exc.detail}"
            )
        else:
            self.error_label.setText(str(exc))
        self.error_label.show()
