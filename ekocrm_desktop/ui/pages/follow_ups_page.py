"""The follow-up centre page (issue 6 item 8): late dues, unanswered invitations and campaign
non-responders in one list; remind a selection by e-mail, letter or call task in one action."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QDate, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.errors import ValidationFailedError
from ekocrm_desktop.services.follow_ups import KINDS, FollowUpItem, FollowUpService, ReminderOutcome
from ekocrm_desktop.services.tasks import BulkTaskPlan
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession

Index = QModelIndex | QPersistentModelIndex


def kind_label(code: str) -> str:
    """The translated name of a follow-up kind."""
    labels = {
        "dues": QCoreApplication.translate("FollowUpLabels", "Late dues"),
        "invitation": QCoreApplication.translate("FollowUpLabels", "Unanswered invitation"),
        "campaign": QCoreApplication.translate("FollowUpLabels", "No response to a campaign"),
    }
    return labels.get(code, code)


class FollowUpModel(QAbstractTableModel):
    """The worklist (a few hundred lines at most: loaded at once)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[FollowUpItem] = []

    def set_items(self, items: list[FollowUpItem]) -> None:
        """Replace the lines."""
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            QCoreApplication.translate("FollowUpModel", "To follow up"),
            QCoreApplication.translate("FollowUpModel", "Name"),
            QCoreApplication.translate("FollowUpModel", "About"),
            QCoreApplication.translate("FollowUpModel", "Since"),
            QCoreApplication.translate("FollowUpModel", "E-mail"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items) or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.items[index.row()]
        since = item.since.strftime("%d/%m/%Y") if item.since else ""
        about = item.about or QCoreApplication.translate("FollowUpModel", "Membership dues")
        values = (kind_label(item.kind), item.name, about, since, item.email)
        return values[index.column()] if 0 <= index.column() < len(values) else None


class ReminderDialog(QDialog):
    """The reminder's subject and text (merge fields as in campaigns, plus {about})."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reminder"))
        form = QFormLayout(self)
        self.subject = QLineEdit(self.tr("Reminder: {about}"))
        self.body = QPlainTextEdit(self.tr("Hello {first_name},\n\nA friendly reminder about {about}.\n"))
        self.body.setMinimumSize(420, 140)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Message"), self.body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class FollowUpsPage(QWidget):
    """The follow-up centre."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FollowUpsPage")
        self.session = session
        self.centre = FollowUpService(session.db, today=session.membership.today, me=session.activities.me)
        self.model = FollowUpModel(self)
        self.worker: workers.Worker | None = None
        self.last_outcome: ReminderOutcome | None = None
        #: The reminder dialog and the letters' path (tests replace them).
        self.ask_reminder: Any = self._ask_reminder
        self.choose_pdf_path: Any = self._ask_pdf_path
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Follow-ups"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title, 1)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Everything"), "")
        for code in KINDS:
            self.kind_combo.addItem(kind_label(code), code)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        header.addWidget(self.kind_combo)
        layout.addLayout(header)
        self.table = QTableView()
        self.table.setObjectName("followUpsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 200)
        self.table.setColumnWidth(2, 260)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions.addWidget(self.status, 1)
        self.email_button = QPushButton(icon("fa6s.paper-plane"), self.tr("Remind by e-mail…"))
        self.email_button.clicked.connect(self.remind_by_email)
        self.letter_button = QPushButton(icon("fa6s.envelope"), self.tr("Letters…"))
        self.letter_button.clicked.connect(self.remind_by_letter)
        self.call_button = QPushButton(icon("fa6s.phone"), self.tr("Call tasks"))
        self.call_button.clicked.connect(self.remind_by_call)
        for button in (self.email_button, self.letter_button, self.call_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        self.refresh()
        session.bridge.listen(self, self.on_changes)

    def refresh(self) -> None:
        """Re-read the worklist."""
        kind = str(self.kind_combo.currentData() or "")
        self.model.set_items(self.centre.worklist((kind,) if kind else KINDS))

    def on_changes(self, changes: Changes) -> None:
        """Dues, answers and responses change the list."""
        if self.worker is None and changes.touches("campaign", "subscription", "membership", "assembly", "party"):
            self.refresh()

    def selected(self) -> list[FollowUpItem]:
        """The selected lines (all of them when none is selected)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.items[r] for r in rows] if rows else list(self.model.items)

    def _ask_reminder(self) -> tuple[str, str] | None:
        dialog = ReminderDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.subject.text(), dialog.body.toPlainText()

    def _ask_pdf_path(self) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the letters"), "", self.tr("PDF (*.pdf)"))
        return path

    def remind_by_email(self) -> None:
        """E-mail the selection through the workspace's mail account (in the background)."""
        items = self.selected()
        send = self.session.mail_sender()
        if send is None:
            show_error(
                self,
                self.tr("No mail account"),
                self.tr("The workspace's mail account is configured in the settings; then send again."),
            )
            return
        texts = self.ask_reminder()
        if not items or texts is None or self.worker is not None:
            return
        centre = self.centre
        try:
            from ekocrm_desktop.services.follow_ups import check_texts

            check_texts(*texts)
        except ValidationFailedError as exc:
            show_error(self, self.tr("Reminders not sent"), str(exc))
            return

        def job(_report: Any, _token: Any) -> ReminderOutcome:
            return centre.remind_by_email(items, texts[0], texts[1], send)

        self.worker = workers.start(job, on_done=self._emailed, on_error=self._failed)

    def _emailed(self, outcome: ReminderOutcome) -> None:
        self.worker = None
        self.last_outcome = outcome
        text = self.tr("%n reminder(s) sent", "", outcome.done)
        if outcome.skipped:
            text += self.tr(", %n skipped (no address or refused e-mail)", "", outcome.skipped)
        self.status.setText(text + ".")
        if outcome.errors:
            show_error(self, self.tr("Some reminders were not sent"), "\n".join(outcome.errors[:20]))

    def _failed(self, exc: Exception, details: str) -> None:
        self.worker = None
        show_error(self, self.tr("Reminders not sent"), str(exc), details)

    def remind_by_letter(self) -> None:
        """Letters for the selection (PDF), each logged on the person's timeline."""
        items = self.selected()
        texts = self.ask_reminder()
        if not items or texts is None:
            return
        path = self.choose_pdf_path()
        if not path:
            return
        from ekocrm_desktop.reports.campaigns import campaign_letters_pdf
        from ekocrm_desktop.reports.letters import Letter
        from ekocrm_desktop.services.membership import recipients

        try:
            merged = self.centre.remind_by_letter(items, texts[0], texts[1])
        except ValidationFailedError as exc:
            show_error(self, self.tr("Letters not made"), str(exc))
            return
        organisation = self.session.membership.organisation()
        with self.session.db.session() as db_session:
            people = recipients(db_session, [item.party_id for item, _s, _b in merged])
        today = QDate.currentDate().toString("dd/MM/yyyy")
        letters = [
            Letter(
                organisation.name,
                organisation.address_lines,
                people[item.party_id].address_lines,
                today,
                subject,
                body,
                organisation.signatory,
            )
            for item, subject, body in merged
        ]
        campaign_letters_pdf(letters, Path(path), title=self.tr("Reminders"))
        self.status.setText(self.tr("%n letter(s) saved.", "", len(letters)))

    def remind_by_call(self) -> None:
        """A call task per selected person."""
        items = self.selected()
        if not items:
            return
        created = self.centre.remind_by_call(
            items, BulkTaskPlan(subject=self.tr("Follow-up call"), rule="account_owner")
        )
        self.status.setText(self.tr("%n call task(s) created.", "", created))
