"""The e-mail composer (issue 5, part C): to whom, a template, subject and text with merge fields
previewed for the recipient, attachments; Send (in a worker) or keep as a draft in the outbox.

When the server refuses, the message stays in the outbox with its reason (nothing typed is
lost) and the dialog stays open to try again."""

from __future__ import annotations

import mimetypes
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.errors import ServiceError, ValidationFailedError
from ekocrm_desktop.services.mailing import AttachmentFile, EmailDraft, MailError, OutboxDetail
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.comms_common import failure_text
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import field_error_text
from ekocrm_desktop.ui.session import WorkspaceSession

#: Attachments bigger than this are refused: most servers reject messages over 20-25 MB.
MAX_ATTACHMENTS = 20 * 1024 * 1024
#: The fields the help line lists (each also has an English twin: {first_name}, {organization}...).
SHOWN_FIELDS = ("prénom", "nom", "nom_complet", "organisation", "civilité", "email")


class EmailComposer(QDialog):
    """Write an e-mail to one person (or address) and send it through the workspace's account."""

    #: The message was accepted by the server (OutboxDetail).
    sent = Signal(object)

    def __init__(
        self,
        session: WorkspaceSession,
        *,
        party_id: uuid.UUID | None = None,
        to_address: str = "",
        outbox_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("EmailComposer")
        self.setWindowTitle(self.tr("New e-mail"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.mail = session.mail
        self.party_id = party_id
        self.outbox_id = outbox_id
        self.to_name = ""
        self.attachments: list[AttachmentFile] = []
        self.worker: workers.Worker | None = None
        self._build()
        if outbox_id is not None:
            self._load(self.mail.get(outbox_id))
        elif party_id is not None:
            name, address = self.mail.recipient(party_id)
            self.to_name = name
            self.to_edit.setText(to_address or address)
            self.setWindowTitle(self.tr("E-mail to %1").replace("%1", name))
        else:
            self.to_edit.setText(to_address)
        self._update_preview()
        self.resize(900, 600)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.to_edit = QLineEdit()
        self.to_edit.setObjectName("composerTo")
        self.to_edit.setAccessibleName(self.tr("To"))
        form.addRow(self.tr("To") + " *", self.to_edit)
        self.template_combo = QComboBox()
        self.template_combo.setObjectName("composerTemplate")
        self.template_combo.setAccessibleName(self.tr("Template"))
        self.template_combo.addItem(self.tr("(no template)"), None)
        for template in self.mail.templates():
            self.template_combo.addItem(template.name, template)
        self.template_combo.currentIndexChanged.connect(self._apply_template)
        self.save_template_button = QPushButton(icon("save"), self.tr("Save as template…"))
        self.save_template_button.setObjectName("composerSaveTemplate")
        self.save_template_button.clicked.connect(self.save_as_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_combo, 1)
        template_row.addWidget(self.save_template_button)
        form.addRow(self.tr("Template"), template_row)
        self.subject_edit = QLineEdit()
        self.subject_edit.setObjectName("composerSubject")
        self.subject_edit.setAccessibleName(self.tr("Subject"))
        form.addRow(self.tr("Subject"), self.subject_edit)
        layout.addLayout(form)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("composerBody")
        self.body_edit.setAccessibleName(self.tr("Text"))
        editor_layout.addWidget(self.body_edit, 1)
        fields = QLabel(self.tr("Merge fields: %1").replace("%1", ", ".join("{" + f + "}" for f in SHOWN_FIELDS)))
        fields.setWordWrap(True)
        fields.setStyleSheet("color: gray;")
        editor_layout.addWidget(fields)
        splitter.addWidget(editor)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(QLabel(self.tr("As the recipient will read it")))
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("composerPreview")
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Preview"))
        preview_layout.addWidget(self.preview, 1)
        splitter.addWidget(preview_box)
        splitter.setSizes([480, 380])
        layout.addWidget(splitter, 1)
        for edit in (self.subject_edit,):
            edit.textChanged.connect(self._update_preview)
        self.body_edit.textChanged.connect(self._update_preview)

        attach_row = QHBoxLayout()
        self.attachment_list = QListWidget()
        self.attachment_list.setObjectName("composerAttachments")
        self.attachment_list.setMaximumHeight(70)
        self.attachment_list.setAccessibleName(self.tr("Attachments"))
        attach_row.addWidget(self.attachment_list, 1)
        attach_buttons = QVBoxLayout()
        self.attach_button = QPushButton(icon("fa6s.paperclip"), self.tr("Attach…"))
        self.attach_button.setObjectName("composerAttach")
        self.attach_button.clicked.connect(self._choose_files)
        self.detach_button = QPushButton(icon("delete"), self.tr("Remove"))
        self.detach_button.clicked.connect(self._remove_attachment)
        attach_buttons.addWidget(self.attach_button)
        attach_buttons.addWidget(self.detach_button)
        attach_row.addLayout(attach_buttons)
        layout.addLayout(attach_row)

        self.error_label = QLabel()
        self.error_label.setObjectName("composerError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        buttons = QHBoxLayout()
        account = self.mail.account()
        self.account_label = QLabel(
            self.tr("From %1").replace("%1", account.from_address)
            if account.configured
            else self.tr("No mail account yet: the message will wait in the outbox.")
        )
        self.account_label.setStyleSheet("color: gray;")
        buttons.addWidget(self.account_label, 1)
        self.draft_button = QPushButton(icon("save"), self.tr("Save draft"))
        self.draft_button.setObjectName("composerDraft")
        self.draft_button.clicked.connect(self.save_draft)
        self.send_button = QPushButton(icon("fa6s.paper-plane"), self.tr("Send"))
        self.send_button.setObjectName("composerSend")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        for button in (self.draft_button, self.send_button, cancel):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.send)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_draft)
        can = self.session.can_create
        for widget in (self.send_button, self.draft_button, self.attach_button):
            widget.setEnabled(can)

    # ------------------------------------------------------------------ content
    def _load(self, detail: OutboxDetail) -> None:
        draft = detail.draft
        self.party_id = draft.party_id
        self.to_name = draft.to_name
        self.to_edit.setText(draft.to_address)
        self.subject_edit.setText(draft.subject)
        self.body_edit.setPlainText(draft.body)
        self.attachments = list(draft.attachments)
        self._show_attachments()
        if detail.row.error:
            self._show_failure(detail.row.error.partition(":")[0], detail.row.error)

    def _apply_template(self, _index: int) -> None:
        template = self.template_combo.currentData()
        if template is None:
            return
        self.subject_edit.setText(template.subject)
        self.body_edit.setPlainText(template.body)

    def _rendered(self) -> tuple[str, str]:
        return (
            self.mail.render(self.subject_edit.text(), self.party_id),
            self.mail.render(self.body_edit.toPlainText(), self.party_id),
        )

    def _update_preview(self) -> None:
        try:
            subject, body = self._rendered()
        except ValidationFailedError as exc:
            self.preview.setPlainText("\n".join(field_error_text(e) for e in exc.errors))
            return
        self.preview.setPlainText(self.tr("Subject: %1").replace("%1", subject) + "\n\n" + body)

    def _choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.add_attachments([Path(n) for n in names])

    def add_attachments(self, paths: list[Path]) -> None:
        """Attach files (read now: the message keeps its own copy)."""
        for path in paths:
            data = path.read_bytes()
            if sum(len(a.data) for a in self.attachments) + len(data) > MAX_ATTACHMENTS:
                show_error(self, self.tr("Attachment refused"), self.tr("Attachments are limited to 20 MB in all."))
                return
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self.attachments.append(AttachmentFile(path.name, content_type, data))
        self._show_attachments()

    def _remove_attachment(self) -> None:
        row = self.attachment_list.currentRow()
        if 0 <= row < len(self.attachments):
            del self.attachments[row]
            self._show_attachments()

    def _show_attachments(self) -> None:
        self.attachment_list.clear()
        for attachment in self.attachments:
            size = QLocale().formattedDataSize(
                len(attachment.data), 0, QLocale.DataSizeFormat.DataSizeTraditionalFormat
            )
            QListWidgetItem(icon("fa6s.paperclip"), f"{attachment.filename} ({size})", self.attachment_list)

    def draft(self) -> EmailDraft:
        """The message with merge fields filled in for its recipient."""
        subject, body = self._rendered()
        return EmailDraft(
            to_address=self.to_edit.text().strip(),
            to_name=self.to_name,
            subject=subject,
            body=body,
            party_id=self.party_id,
            attachments=tuple(self.attachments),
        )

    def save_as_template(self) -> None:
        """Keep the subject and text (with their merge fields) as a template."""
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(self, self.tr("Save as template"), self.tr("Template name"))
        if not ok or not name.strip():
            return
        from ekocrm_desktop.services.mailing import TemplateDraft

        try:
            template = self.mail.save_template(
                TemplateDraft(name, self.subject_edit.text(), self.body_edit.toPlainText())
            )
        except ValidationFailedError as exc:
            self._show_errors(exc)
            return
        self.template_combo.addItem(template.name, template)

    # ------------------------------------------------------------------ saving and sending
    def _show_errors(self, exc: ValidationFailedError) -> None:
        self.error_label.setText("\n".join(field_error_text(e) for e in exc.errors))
        self.error_label.show()

    def _show_failure(self, kind: str, detail: str) -> None:
        self.error_label.setText(
            self.tr("Not sent: %1 It is kept in the outbox.").replace("%1", failure_text(kind)) + f"\n{detail}"
        )
        self.error_label.show()

    def save_draft(self) -> OutboxDetail | None:
        """Keep the message in the outbox and close."""
        try:
            detail = self.mail.save_draft(self.draft(), outbox_id=self.outbox_id)
        except ValidationFailedError as exc:
            self._show_errors(exc)
            return None
        self.outbox_id = detail.row.id
        self.accept()
        return detail

    def send(self) -> workers.Worker | None:
        """Send in a worker; on failure the dialog stays open with the reason (the outbox keeps it)."""
        if self.worker is not None:
            return None
        try:
            draft = self.draft()
            # Stored first (queued): whatever happens next, the message is in the outbox.
            detail = self.mail.save_draft(draft, outbox_id=self.outbox_id)
        except ValidationFailedError as exc:
            self._show_errors(exc)
            return None
        self.outbox_id = detail.row.id
        outbox_id = detail.row.id
        mail = self.mail
        self.send_button.setEnabled(False)
        self.send_button.setText(self.tr("Sending…"))

        def work(_report: Any, _token: Any) -> OutboxDetail:
            return mail.send(outbox_id)

        self.worker = workers.start(work, on_done=self._sent, on_error=self._failed)
        return self.worker

    def _sent(self, detail: OutboxDetail) -> None:
        self.worker = None
        self.sent.emit(detail)
        self.accept()

    def _failed(self, exc: Exception, _details: str) -> None:
        self.worker = None
        self.send_button.setEnabled(True)
        self.send_button.setText(self.tr("Send"))
        if isinstance(exc, MailError):
            self._show_failure(exc.kind, exc.detail)
        elif isinstance(exc, ServiceError):
            self.error_label.setText(str(exc))
            self.error_label.show()
        else:
            self._show_failure("server", str(exc))
