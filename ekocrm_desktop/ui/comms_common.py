"""What the communication widgets share: translated reasons of mail and SMS failures, and the
`.eml` drop handling (a record's timeline and the Journal both accept dropped messages)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget

from ekocrm_desktop.services.eml import EmlReport
from ekocrm_desktop.services.mailing import activity_attachments
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession


def failure_text(kind: str) -> str:
    """Why a message could not be sent, in the user's words."""
    texts = {
        "connect": QCoreApplication.translate(
            "Comms", "The mail server could not be reached (is it down, or are the host and port right?)."
        ),
        "auth": QCoreApplication.translate(
            "Comms", "The mail server refused the login: check the user name and password."
        ),
        "recipient": QCoreApplication.translate("Comms", "The mail server refused the recipient's address."),
        "tls": QCoreApplication.translate("Comms", "The secure connection to the mail server failed."),
        "config": QCoreApplication.translate("Comms", "No mail account is set up: see File › E-mail and SMS accounts."),
        "refused": QCoreApplication.translate("Comms", "The SMS gateway refused the message."),
        "server": QCoreApplication.translate("Comms", "The server refused the message."),
    }
    return texts.get(kind, texts["server"])


def state_text(state: str) -> str:
    """The name of an outbox state."""
    return {
        "draft": QCoreApplication.translate("Comms", "Draft"),
        "queued": QCoreApplication.translate("Comms", "Waiting"),
        "sending": QCoreApplication.translate("Comms", "Being sent"),
        "sent": QCoreApplication.translate("Comms", "Sent"),
        "failed": QCoreApplication.translate("Comms", "Failed"),
    }.get(state, state)


def eml_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The `.eml` files a drag carries (others are ignored)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".eml")
    ]


class EmlDropFilter(QObject):
    """Lets a widget accept `.eml` files dropped on it; `on_drop` receives their paths."""

    def __init__(self, target: QWidget, on_drop: Callable[[list[Path]], object]) -> None:
        super().__init__(target)
        self._on_drop = on_drop
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            drag = event  # QDragEnterEvent derives from QDragMoveEvent
            if isinstance(drag, QDragEnterEvent | QDropEvent) and eml_paths(drag):
                drag.acceptProposedAction()
                return True
        if event.type() == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = eml_paths(event)
            if paths:
                event.acceptProposedAction()
                self._on_drop(paths)
                return True
        return False


def import_eml(
    session: WorkspaceSession,
    paths: Sequence[Path],
    *,
    link_to: Sequence[uuid.UUID] = (),
    parent: QWidget | None = None,
    on_done: Callable[[EmlReport], None] | None = None,
) -> workers.Worker:
    """Import dropped messages in a worker, then tell what was logged, already there or skipped."""
    importer = session.eml
    files = list(paths)

    def work(_report: Any, _token: Any) -> EmlReport:
        return importer.import_files(files, link_to=link_to)

    def done(report: EmlReport) -> None:
        show_eml_report(parent, report)
        if on_done is not None:
            on_done(report)

    def failed(exc: Exception, details: str) -> None:
        show_error(parent, QCoreApplication.translate("Comms", "E-mails not imported"), str(exc), details)

    return workers.start(work, on_done=done, on_error=failed)


def show_eml_report(parent: QWidget | None, report: EmlReport) -> None:
    """The import report: counts, then each skipped file with its reason."""
    reasons = {
        "not_email": QCoreApplication.translate("Comms", "not an e-mail"),
        "unreadable": QCoreApplication.translate("Comms", "the file could not be read"),
        "too_big": QCoreApplication.translate("Comms", "the file is too big"),
    }
    lines = [
        QCoreApplication.translate("Comms", "%n e-mail(s) logged.", "", report.count("imported")),
    ]
    if report.count("duplicate"):
        lines.append(QCoreApplication.translate("Comms", "%n already logged before.", "", report.count("duplicate")))
    for outcome in report.outcomes:
        if outcome.status == "error":
            lines.append(
                QCoreApplication.translate("Comms", "Skipped %1: %2")
                .replace("%1", outcome.name)
                .replace("%2", reasons.get(outcome.reason, outcome.reason))
            )
    QMessageBox.information(parent, QCoreApplication.translate("Comms", "E-mails imported"), "\n".join(lines))


class AttachmentsRow(QWidget):
    """The files kept with an e-mail activity, each a button that saves it (nothing shown when none)."""

    def __init__(self, session: WorkspaceSession, activity_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityAttachments")
        self.files = activity_attachments(session.db, activity_id)
        #: Where "save" writes (tests replace the file dialog).
        self.choose_path: Callable[[str], str] = self._ask_path
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []
        for index, attachment in enumerate(self.files):
            button = QPushButton(icon("fa6s.paperclip"), attachment.filename)
            button.setFlat(True)
            button.setToolTip(QCoreApplication.translate("Comms", "Save %1…").replace("%1", attachment.filename))
            button.clicked.connect(lambda _c=False, i=index: self.save(i))
            self.buttons.append(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self.setVisible(bool(self.files))

    def _ask_path(self, name: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("Comms", "Save the attachment"), str(Path.home() / name)
        )
        return path

    def save(self, index: int) -> Path | None:
        """Write one attachment where the user chooses."""
        attachment = self.files[index]
        target = self.choose_path(attachment.filename)
        if not target:
            return None
        path = Path(target)
        try:
            path.write_bytes(attachment.data)
        except OSError as exc:
            show_error(self, QCoreApplication.translate("Comms", "Attachment not saved"), str(exc))
            return None
        return path
