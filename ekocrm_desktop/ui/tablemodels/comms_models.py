"""Item models of the communication pages: conversation threads with unread counts, the messages
of a thread, and the outbox. Each holds a bounded list of DTOs given by its page (threads and
the outbox are short lists by nature; a thread shows its newest 500 messages)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ekocrm_desktop.services.conversations import ConversationRow, MessageRow
from ekocrm_desktop.services.mailing import OutboxRow
from ekocrm_desktop.ui.comms_common import failure_text, state_text
from ekocrm_desktop.ui.formatting import local_datetime_text
from ekocrm_desktop.ui.icons import icon

AnyIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 1


class ConversationListModel(QAbstractListModel):
    """Threads, newest activity first; unread ones in bold with their count."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ConversationRow] = []

    def set_rows(self, rows: Sequence[ConversationRow]) -> None:
        """Replace the list."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ConversationRow | None:
        """The thread on a row."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, conversation_id: uuid.UUID) -> int:
        """The row of a thread, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == conversation_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            title = f"{row.title} ({row.unread})" if row.unread else row.title
            about = f" — {row.record_label}" if row.record_label else ""
            return f"{title}{about}\n{local_datetime_text(row.last_message_at)}"
        if role == Qt.ItemDataRole.FontRole and row.unread:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("fa6s.comments")
        if role == Qt.ItemDataRole.ToolTipRole:
            return ", ".join(row.members)
        if role == ID_ROLE:
            return str(row.id)
        if role == UNREAD_ROLE:
            return row.unread
        return None


class MessageListModel(QAbstractListModel):
    """The messages of a thread, oldest first; one's own on a tinted background."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MessageRow] = []

    def set_rows(self, rows: Sequence[MessageRow]) -> None:
        """Replace the list."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.author_name} · {local_datetime_text(row.sent_at)}\n{row.body}"
        if role == Qt.ItemDataRole.BackgroundRole and row.mine:
            return QBrush(QColor(30, 136, 229, 28))
        if role == ID_ROLE:
            return str(row.id)
        return None


class OutboxTableModel(QAbstractTableModel):
    """Drafts, waiting and failed messages with their error."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OutboxRow] = []
        self._headers = (
            self.tr("State"),
            self.tr("Channel"),
            self.tr("To"),
            self.tr("Subject"),
            self.tr("Changed"),
            self.tr("Attempts"),
            self.tr("Error"),
        )

    def set_rows(self, rows: Sequence[OutboxRow]) -> None:
        """Replace the list."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> OutboxRow | None:
        """The message on a row."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            to = f"{row.to_name} <{row.to_address}>" if row.to_name else row.to_address
            values = (
                state_text(row.state),
                self.tr("E-mail") if row.channel == "email" else self.tr("SMS"),
                to,
                row.subject,
                local_datetime_text(row.updated_at),
                str(row.attempts),
                error_text(row.error),
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 6:
            return error_text(row.error)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return icon("fa6s.triangle-exclamation", "#c62828") if row.state == "failed" else None
        if role == ID_ROLE:
            return str(row.id)
        return None


def error_text(error: str) -> str:
    """A stored failure ("auth: 535 ...") as the user reads it: the reason, then the server's words."""
    if not error:
        return ""
    kind, _, detail = error.partition(":")
    if kind == "interrupted":
        return QCoreApplication.translate("Comms", "Interrupted: it may have gone out.")
    return f"{failure_text(kind)} ({detail.strip()})" if detail else failure_text(kind)
