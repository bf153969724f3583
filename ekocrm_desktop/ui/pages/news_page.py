"""The news page: the workspace's news feed (unread in bold, per user), reading an item and its
attachment, and publishing a news item to members."""

from __future__ import annotations

import html
import logging
import mimetypes
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes, ReadOnlyDatabaseError
from ekocrm_desktop.services.errors import NotFoundError
from ekocrm_desktop.services.membership import SendReport
from ekocrm_desktop.services.news import NEWS, NewsDetail, NewsDraft, NewsRow
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.association_labels import when_text
from ekocrm_desktop.ui.dialogs.membership_dialogs import _Form
from ekocrm_desktop.ui.formatting import local_datetime_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.paged_table_model import Column, PagedTableModel
from ekocrm_desktop.ui.widgets.audience_widget import AudienceWidget

log = logging.getLogger(__name__)


class NewsTableModel(PagedTableModel):
    """The feed, newest first; unread items in bold."""

    def __init__(self, parent: QObject | None = None) -> None:
        self._bold = QFont()
        self._bold.setBold(True)
        self._clip = icon("fa6s.paperclip")
        self.read_here: set[uuid.UUID] = set()
        columns = [
            Column(
                "title",
                lambda: QCoreApplication.translate("NewsTableModel", "Title"),
                lambda r: r.title,
                decoration=lambda r: self._clip if r.attachment_name else None,
            ),
            Column(
                "date",
                lambda: QCoreApplication.translate("NewsTableModel", "Published"),
                lambda r: local_datetime_text(r.published_at),
                sort="date",
            ),
            Column("author", lambda: QCoreApplication.translate("NewsTableModel", "By"), lambda r: r.published_by),
            Column("audience", lambda: QCoreApplication.translate("NewsTableModel", "To"), lambda r: r.audience_label),
        ]
        super().__init__(columns, default_sort="date", parent=parent)

    def is_read(self, row: NewsRow) -> bool:
        """Read in the database, or here (a read-only workspace keeps its marks in memory)."""
        return row.read or row.id in self.read_here

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid():
            row: NewsRow | None = self.row_at(index.row())
            return self._bold if row is not None and not self.is_read(row) else None
        return super().data(index, role)


class NewsPage(QWidget):
    """The news feed of the workspace."""

    status_message = Signal(str, object)
    #: How many items this user has not read (for the sidebar).
    unread_changed = Signal(int)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NewsPage")
        self.session = session
        self.news = session.news
        self.model = NewsTableModel(self)
        self.current: NewsDetail | None = None
        # Bumped by every count: a count that comes back after a newer one is dropped.
        self._count_generation = 0
        #: Where "Save the attachment" writes (tests replace the dialog).
        self.choose_attachment_path = self._ask_attachment_path
        self._build()
        self.refresh()
        session.bridge.listen(self, self.on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("News"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.count_label = QLabel()
        self.count_label.setObjectName("unreadLabel")
        header.addWidget(self.count_label, 1)
        self.unread_only = QCheckBox(self.tr("Unread only"))
        self.unread_only.toggled.connect(lambda _c: self.refresh())
        header.addWidget(self.unread_only)
        self.all_read_button = QPushButton(icon("fa6s.check-double"), self.tr("Mark all as read"))
        self.all_read_button.setObjectName("markAllRead")
        self.all_read_button.clicked.connect(self.mark_all_read)
        self.publish_button = QPushButton(icon("fa6s.newspaper"), self.tr("Publish news…"))
        self.publish_button.setObjectName("publishNews")
        self.publish_button.clicked.connect(lambda: self.publish())
        header.addWidget(self.all_read_button)
        header.addWidget(self.publish_button)
        layout.addLayout(header)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableView()
        self.table.setObjectName("newsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 300)
        self.table.setColumnWidth(1, 120)
        self.table.setColumnWidth(2, 90)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        splitter.addWidget(self.table)
        reader = QWidget()
        box = QVBoxLayout(reader)
        box.setContentsMargins(8, 0, 0, 0)
        self.viewer = QTextBrowser()
        self.viewer.setObjectName("newsViewer")
        self.viewer.setOpenExternalLinks(True)
        box.addWidget(self.viewer, 1)
        actions = QHBoxLayout()
        self.attachment_button = QPushButton(icon("fa6s.paperclip"), self.tr("Save the attachment…"))
        self.attachment_button.setObjectName("saveAttachment")
        self.attachment_button.clicked.connect(self.save_attachment)
        self.unread_button = QPushButton(self.tr("Mark as unread"))
        self.unread_button.clicked.connect(self.mark_unread)
        self.delete_button = QPushButton(icon("delete"), self.tr("Withdraw"))
        self.delete_button.setToolTip(self.tr("Withdraw this item from the news feed"))
        self.delete_button.clicked.connect(self.withdraw)
        # The item's e-mail to the people it was published to, through the workspace's mail account.
        self.email_button = QPushButton(icon("fa6s.envelope"), self.tr("Send by e-mail"))
        self.email_button.setObjectName("sendNewsEmails")
        self.email_button.clicked.connect(self.send_emails)
        for button in (self.attachment_button, self.email_button, self.unread_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        box.addLayout(actions)
        splitter.addWidget(reader)
        splitter.setSizes([560, 700])
        layout.addWidget(splitter, 1)

    # ------------------------------------------------------------------ feed
    def refresh(self) -> None:
        """Re-read the feed (keeps the item shown)."""
        shown = self.current.id if self.current else None
        news, unread = self.news, self.unread_only.isChecked()
        self.model.set_source(
            lambda: news.count(unread_only=unread),
            lambda _sort, _descending, request: news.page(request, unread_only=unread),
        )
        self._update_count()
        if shown is not None and self.select_news(shown):
            return
        if self.current is not None and shown is not None:
            return
        self._show(None)

    def _update_count(self) -> None:
        # Counted in a worker: a refresh follows every published item, here or on a colleague's
        # desktop, and must not wait on the server.
        self._count_generation += 1
        generation, news = self._count_generation, self.news
        workers.start(
            lambda _report, _token: news.unread_count(),
            on_done=lambda total: self._show_count(total) if generation == self._count_generation else None,
            on_error=lambda exc, _details: log.warning("news not counted: %s", exc),
            owner=self,
        )

    def _show_count(self, unread_total: int) -> None:
        unread = max(0, unread_total - self._read_locally_unread())
        self.count_label.setText(self.tr("%n unread", "", unread) if unread else self.tr("all read"))
        self.unread_changed.emit(unread)

    def _read_locally_unread(self) -> int:
        return len(self.model.read_here)

    def select_news(self, news_id: uuid.UUID) -> bool:
        """Select an item of the feed."""
        row = self.model.cached_row_of(news_id)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is None:
            self._show(None)
            return
        try:
            self._show(self.news.get(row.id))
        except NotFoundError:
            self._show(None)
            return
        if not self.model.is_read(row):
            self._mark(row.id, True)

    def _show(self, detail: NewsDetail | None) -> None:
        self.current = detail
        writable = not self.session.read_only
        self.attachment_button.setEnabled(detail is not None and bool(detail.attachment_name))
        self.unread_button.setEnabled(detail is not None)
        self.delete_button.setEnabled(detail is not None and writable)
        self.publish_button.setEnabled(writable)
        mail_ready = self.session.mail.account().configured
        pending = detail is not None and detail.recipients.get("pending", 0) > 0
        self.email_button.setEnabled(writable and mail_ready and pending)
        self.email_button.setToolTip(
            "" if mail_ready else self.tr("Set up the workspace's mail account first (File › E-mail and SMS accounts).")
        )
        if detail is None:
            if self.model.rowCount() == 0:
                self.viewer.setHtml(
                    "<p style='color:gray'>"
                    + html.escape(
                        self.tr(
                            "No news yet. Publish news to the members: it appears here for everyone who uses "
                            "this workspace, and is listed for sending by e-mail."
                        )
                    )
                    + "</p>"
                )
            else:
                self.viewer.setHtml("<p style='color:gray'>" + html.escape(self.tr("Select a news item.")) + "</p>")
            return
        body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br/>')}</p>" for p in detail.body.split("\n\n"))
        byline = (
            self.tr("Published %1 by %2 — to: %3")
            .replace("%1", when_text(detail.published_at))
            .replace("%2", detail.published_by)
            .replace("%3", detail.audience_label or "—")
        )
        counts = detail.recipients
        mail = (
            self.tr("E-mail: %1 sent, %2 to send, %3 failed, %4 not e-mailed (no address, opted out or bounced).")
            .replace("%1", str(counts["sent"]))
            .replace("%2", str(counts["pending"]))
            .replace("%3", str(counts["failed"]))
            .replace("%4", str(counts["no_email"]))
        )
        attachment = ""
        if detail.attachment_name:
            size = self.tr("%1 KB").replace("%1", str(max(1, detail.attachment_size // 1024)))
            attachment = f"<p>📎 {html.escape(detail.attachment_name)} ({html.escape(size)})</p>"
        self.viewer.setHtml(
            f"<h2>{html.escape(detail.title)}</h2>"
            f"<p style='color:gray'>{html.escape(byline)}</p>{body}{attachment}"
            f"<p style='color:gray; font-size:small'>{html.escape(mail)}</p>"
        )

    def send_emails(self) -> workers.Worker | None:
        """E-mail the selected item to its recipients not yet sent (in a worker; never twice)."""
        if self.current is None:
            return None
        news, news_id = self.news, self.current.id
        send = self.session.mail.mail_send()
        self.email_button.setEnabled(False)

        def work(report: Any, token: workers.CancelToken) -> SendReport:
            return news.send_emails(
                news_id, send, progress=lambda done, total: report(done, total, ""), cancelled=lambda: token.cancelled
            )

        def done(result: SendReport) -> None:
            self.status_message.emit(
                self.tr("News by e-mail: %1 sent, %2 failed.")
                .replace("%1", str(result.sent))
                .replace("%2", str(result.failed)),
                None,
            )

        def failed(exc: Exception, _details: str) -> None:
            self.status_message.emit(str(exc), None)

        return workers.start(work, on_done=done, on_error=failed)

    def _mark(self, news_id: uuid.UUID, read: bool) -> None:
        try:
            self.news.mark_read(news_id, read)
        except ReadOnlyDatabaseError:
            # A read-only workspace cannot store the mark: keep it for this session.
            if read:
                self.model.read_here.add(news_id)
            else:
                self.model.read_here.discard(news_id)
            self.model.layoutChanged.emit()
            self._update_count()

    def mark_unread(self) -> None:
        """Mark the item shown as unread."""
        if self.current is not None:
            self._mark(self.current.id, False)

    def mark_all_read(self) -> int:
        """Mark every item read for this user."""
        try:
            count = self.news.mark_all_read()
        except ReadOnlyDatabaseError:
            return 0
        self.status_message.emit(self.tr("%n item(s) marked as read.", "", count), None)
        return count

    def withdraw(self) -> None:
        """Take the item shown out of the feed."""
        if self.current is not None:
            self.news.delete(self.current.id)
            self.current = None

    def save_attachment(self) -> Path | None:
        """Write the attachment of the item shown to a file the user chooses."""
        if self.current is None or not self.current.attachment_name:
            return None
        attachment = self.news.attachment(self.current.id)
        target = self.choose_attachment_path(attachment.name)
        if target is None:
            return None
        target.write_bytes(attachment.data)
        self.status_message.emit(self.tr("Saved “%1”.").replace("%1", str(target)), None)
        return target

    def _ask_attachment_path(self, name: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the attachment"), str(Path(folder) / name))
        return Path(path) if path else None

    # ------------------------------------------------------------------ publishing
    def publish(self) -> PublishDialog | None:
        """Open the publishing form."""
        if self.session.read_only:
            return None
        dialog = PublishDialog(self.session, parent=self.window())
        dialog.accepted.connect(
            lambda: self.status_message.emit(
                self.tr("News published: %n person(s) listed for the e-mail.", "", dialog.recipients), None
            )
        )
        dialog.open()
        return dialog

    def on_changes(self, changes: Changes) -> None:
        """Refresh when news changed."""
        if changes.touches(NEWS):
            self.refresh()

    def focus_search(self) -> None:
        """Ctrl+F: the feed."""
        self.table.setFocus()


class PublishDialog(_Form):
    """Publish a news item: title, text, attachment, audience."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("PublishDialog")
        self.setWindowTitle(self.tr("Publish news"))
        self.resize(720, 640)
        self.recipients = 0
        self.attachment_path: Path | None = None
        self.title = QLineEdit()
        self.title.setObjectName("newsTitle")
        self.row(self.tr("Title *"), self.title, "title")
        self.body = QPlainTextEdit()
        self.body.setObjectName("newsBody")
        self.row(self.tr("Text *"), self.body, "body")
        attach = QWidget()
        attach_box = QHBoxLayout(attach)
        attach_box.setContentsMargins(0, 0, 0, 0)
        self.attachment_label = QLabel(self.tr("No attachment"))
        self.attachment_label.setObjectName("attachmentLabel")
        choose = QPushButton(icon("fa6s.paperclip"), self.tr("Attach a file…"))
        choose.clicked.connect(self._choose_file)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda: self.set_attachment(None))
        attach_box.addWidget(self.attachment_label, 1)
        attach_box.addWidget(choose)
        attach_box.addWidget(remove)
        self.row(self.tr("Attachment"), attach, "attachment")
        self.audience = AudienceWidget(session, statuses=("up_to_date", "due_soon", "late", "never_paid"))
        self.row(self.tr("Published to"), self.audience, "audience")
        self.form.addRow("", self.audience.count_label)
        note = QLabel(
            self.tr(
                "The news appears in the feed of every user of this workspace. Its people are listed for the "
                "e-mail, which goes out with the workspace's mail account."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: gray;")
        self.form.addRow("", note)
        self.finish()
        self.save_button.setText(self.tr("Publish"))

    def set_attachment(self, path: Path | None) -> None:
        """Attach a file (None: none)."""
        self.attachment_path = path
        self.attachment_label.setText(path.name if path else self.tr("No attachment"))

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Attach a file"))
        if path:
            self.set_attachment(Path(path))

    def draft(self) -> NewsDraft:
        """The form as a draft."""
        data = b""
        name = ""
        kind = "application/octet-stream"
        if self.attachment_path is not None:
            data = self.attachment_path.read_bytes()
            name = self.attachment_path.name
            kind = mimetypes.guess_type(name)[0] or kind
        return NewsDraft(
            title=self.title.text(),
            body=self.body.toPlainText(),
            audience=self.audience.audience(),
            audience_label=self.audience.label(),
            attachment_name=name,
            attachment=data,
            attachment_type=kind,
        )

    def save(self) -> bool:
        """Publish."""
        try:
            draft = self.draft()
        except OSError as exc:
            self.summary.setText(self.tr("The attachment cannot be read: %1").replace("%1", str(exc)))
            return False

        def write() -> None:
            published = self.session.news.publish(draft)
            self.recipients = sum(published.recipients.values())

        return self.attempt(write)
