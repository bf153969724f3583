"""The Conversations page (issue 5, part C): threads between collaborators on the left (unread
ones in bold, with their count), the selected thread's messages and a box to answer on the
right. The sidebar shows how many messages this user has not read; on a team database a
colleague's message arrives by itself (live updates)."""

from __future__ import annotations

import dataclasses
import logging
import uuid

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.conversations import CONVERSATION, ConversationRow, ConversationService, MessageRow
from ekocrm_desktop.services.errors import PermissionDeniedError, ValidationFailedError
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.comms_models import ConversationListModel, MessageListModel
from ekocrm_desktop.ui.widgets.party_picker import PartyPicker

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class _Reading:
    """What a refresh reads: the threads, the unread count and the shown thread's messages."""

    threads: list[ConversationRow]
    unread: int
    shown: uuid.UUID | None
    messages: list[MessageRow] | None


class ConversationsPage(QWidget):
    """Threads, messages, and a composer."""

    status_message = Signal(str, object)
    #: How many messages this user has not read (the sidebar shows it).
    unread_changed = Signal(int)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConversationsPage")
        self.session = session
        self.service = session.conversations
        self.threads = ConversationListModel(self)
        self.messages = MessageListModel(self)
        self.current_id: uuid.UUID | None = None
        # Bumped by every refresh: a background read that comes back after a newer one is dropped.
        self._generation = 0
        self._build()
        session.bridge.listen(self, self.on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Conversations"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch(1)
        layout.addLayout(header)

        new_row = QHBoxLayout()
        self.new_title = QLineEdit()
        self.new_title.setObjectName("conversationTitle")
        self.new_title.setPlaceholderText(self.tr("Subject of a new conversation"))
        self.new_title.setAccessibleName(self.tr("Subject of a new conversation"))
        self.about = PartyPicker(self.session.contacts)
        self.about.setObjectName("conversationAbout")
        self.about.setPlaceholderText(self.tr("About a contact (optional)"))
        self.about.setAccessibleName(self.tr("About a contact"))
        self.new_button = QPushButton(icon("add"), self.tr("Start"))
        self.new_button.setObjectName("conversationStart")
        self.new_button.clicked.connect(self._start_typed)
        self.new_title.returnPressed.connect(self._start_typed)
        new_row.addWidget(self.new_title, 2)
        new_row.addWidget(self.about, 1)
        new_row.addWidget(self.new_button)
        layout.addLayout(new_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.thread_view = QListView()
        self.thread_view.setObjectName("conversationList")
        self.thread_view.setModel(self.threads)
        self.thread_view.setAccessibleName(self.tr("Conversations"))
        self.thread_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.thread_view.setSpacing(2)
        self.thread_view.selectionModel().currentChanged.connect(lambda current, _p: self._select(current.row()))
        splitter.addWidget(self.thread_view)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.thread_title = QLabel()
        self.thread_title.setObjectName("conversationHeader")
        self.thread_title.setWordWrap(True)
        right_layout.addWidget(self.thread_title)
        self.message_view = QListView()
        self.message_view.setObjectName("conversationMessages")
        self.message_view.setModel(self.messages)
        self.message_view.setWordWrap(True)
        self.message_view.setSpacing(4)
        self.message_view.setAccessibleName(self.tr("Messages"))
        self.message_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        right_layout.addWidget(self.message_view, 1)
        compose = QHBoxLayout()
        self.compose = QPlainTextEdit()
        self.compose.setObjectName("conversationCompose")
        self.compose.setPlaceholderText(self.tr("Write a message (Ctrl+Enter sends)"))
        self.compose.setAccessibleName(self.tr("Message"))
        self.compose.setMaximumHeight(90)
        self.send_button = QPushButton(icon("fa6s.paper-plane"), self.tr("Send"))
        self.send_button.setObjectName("conversationSend")
        self.send_button.clicked.connect(self.send)
        compose.addWidget(self.compose, 1)
        compose.addWidget(self.send_button)
        right_layout.addLayout(compose)
        splitter.addWidget(right)
        splitter.setSizes([320, 640])
        layout.addWidget(splitter, 1)
        self.empty = QLabel(
            self.tr("No conversation yet: type a subject above and press Start to talk with your colleagues.")
        )
        self.empty.setObjectName("conversationsEmpty")
        self.empty.setStyleSheet("color: gray;")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        QShortcut(QKeySequence("Ctrl+Return"), self.compose, self.send)
        can_write = self.session.can_create
        for widget in (self.new_button, self.new_title, self.compose, self.send_button):
            widget.setEnabled(can_write)
        self._show_thread(None)

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        """Read the threads (keeping the selection) and the unread count again, now: after this
        user's own action, which shows its result at once."""
        self._generation += 1  # a background read started before would bring older rows
        self._apply(self._read(self.service, self.current_id if self.isVisible() else None))

    def on_changes(self, changes: Changes) -> None:
        """A thread changed here or on another desktop: read it again in a worker, so that a
        colleague's message (or a slow server) never holds up the window."""
        if not changes.touches(CONVERSATION):
            return
        self._generation += 1
        generation, service = self._generation, self.service
        shown = self.current_id if self.isVisible() else None
        workers.start(
            lambda _report, _token: self._read(service, shown),
            on_done=lambda result: self._apply(result) if generation == self._generation else None,
            on_error=lambda exc, _details: log.warning("conversations not refreshed: %s", exc),
            owner=self,
        )

    @staticmethod
    def _read(service: ConversationService, shown: uuid.UUID | None) -> _Reading:
        messages = service.messages(shown) if shown is not None else None
        return _Reading(service.threads(), service.unread_count(), shown, messages)

    def _apply(self, reading: _Reading) -> None:
        selected = self.current_id
        self.threads.set_rows(reading.threads)
        self.empty.setVisible(self.threads.rowCount() == 0)
        if selected is not None and (row := self.threads.row_of(selected)) >= 0:
            self.thread_view.selectionModel().setCurrentIndex(
                self.threads.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            if self.isVisible():
                if reading.messages is not None and reading.shown == selected:
                    self._show_messages(selected, reading.messages)
                else:
                    self._load_messages(selected)
        self.unread_changed.emit(reading.unread)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.current_id is not None:
            self._load_messages(self.current_id)

    def _select(self, row: int) -> None:
        thread = self.threads.row_at(row)
        self._show_thread(thread)
        if thread is not None:
            self._load_messages(thread.id)

    def _show_thread(self, thread: ConversationRow | None) -> None:
        self.current_id = thread.id if thread else None
        if thread is None:
            self.thread_title.setText(self.tr("Choose a conversation on the left."))
            self.messages.set_rows([])
        else:
            about = self.tr(" — about %1").replace("%1", thread.record_label) if thread.record_label else ""
            self.thread_title.setText(f"<b>{_escape(thread.title)}</b>{_escape(about)}")
        self.send_button.setEnabled(thread is not None and self.session.can_create)

    def _load_messages(self, conversation_id: uuid.UUID) -> None:
        self._show_messages(conversation_id, self.service.messages(conversation_id))

    def _show_messages(self, conversation_id: uuid.UUID, messages: list[MessageRow]) -> None:
        self.messages.set_rows(messages)
        self.message_view.scrollToBottom()
        thread = self.threads.row_at(self.threads.row_of(conversation_id))
        if thread is not None and thread.unread and self.isVisible():
            # Reading a thread on screen marks it read (the change refreshes the counts).
            self.service.mark_read(conversation_id)

    def select(self, conversation_id: uuid.UUID) -> None:
        """Show a thread."""
        row = self.threads.row_of(conversation_id)
        if row >= 0:
            self.thread_view.setCurrentIndex(self.threads.index(row))

    # ------------------------------------------------------------------ writing
    def _start_typed(self) -> None:
        title = self.new_title.text()
        if not title.strip():
            self.new_title.setFocus()
            return
        self.start(title, party_id=self.about.chosen_id())

    def start(self, title: str, *, party_id: uuid.UUID | None = None) -> ConversationRow | None:
        """Open a thread (attached to a contact when given) and show it."""
        try:
            thread = self.service.start(title, party_id=party_id)
        except (ValidationFailedError, PermissionDeniedError) as exc:
            show_error(self, self.tr("Conversation not started"), str(exc))
            return None
        self.new_title.clear()
        self.about.clear()
        self.refresh()
        self.select(thread.id)
        self.compose.setFocus()
        return thread

    def send(self) -> None:
        """Post what is typed in the selected thread."""
        text = self.compose.toPlainText()
        if self.current_id is None or not text.strip():
            return
        try:
            self.service.post(self.current_id, text)
        except (ValidationFailedError, PermissionDeniedError) as exc:
            show_error(self, self.tr("Message not sent"), str(exc))
            return
        self.compose.clear()
        self._load_messages(self.current_id)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
