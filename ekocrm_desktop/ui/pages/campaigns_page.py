"""The campaigns page (issue 6 B): the list with key figures, the builder (targets, exclusions,
budget, template with merge fields, live recipient count with the excluded and why, preview,
test send), the send with progress, pause and resume, the ledger with responses (one or many),
follow-ups and the results.

Widgets hold ids and DTOs; sending runs in `ui.workers.start`. The sender is the workspace's
mail account (`session.mail_sender()`); without it the Send button says where to configure it.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.bounces import SMS_REPLY_SUFFIXES, BounceService
from ekocrm_desktop.services.campaigns import (
    CAMPAIGN,
    EXCLUSION_REASONS,
    MERGE_FIELDS,
    RESPONSES,
    CampaignDraft,
    CampaignInfo,
    CampaignRow,
    CampaignService,
    LedgerRow,
    Preview,
    SendReport,
    TargetRef,
    sms_text,
)
from ekocrm_desktop.services.eml import EmlReport
from ekocrm_desktop.services.errors import ServiceError, ValidationFailedError
from ekocrm_desktop.services.sms import BY_HAND
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.formatting import local_datetime_text, phone_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.paged_table_model import Column, PagedTableModel

Index = QModelIndex | QPersistentModelIndex


#: Files the page reads when dropped: returned e-mails, and providers' exports of received SMS.
DROPPED_SUFFIXES = (".eml", *SMS_REPLY_SUFFIXES)
#: Outcome reasons of a reply whose sender no contact has (listed apart from what was not understood).
UNKNOWN_SENDER_REASONS = ("unknown_sender", "unknown_number")


def channel_label(code: str) -> str:
    """The translated name of a campaign channel."""
    labels = {
        "email": QCoreApplication.translate("CampaignLabels", "E-mail"),
        "sms": QCoreApplication.translate("CampaignLabels", "SMS"),
        "letter": QCoreApplication.translate("CampaignLabels", "Postal letter"),
        "phone": QCoreApplication.translate("CampaignLabels", "Phone calls"),
    }
    return labels.get(code, code)


def status_label(code: str) -> str:
    """The translated name of a campaign status."""
    labels = {
        "draft": QCoreApplication.translate("CampaignLabels", "Draft"),
        "sending": QCoreApplication.translate("CampaignLabels", "Sending"),
        "paused": QCoreApplication.translate("CampaignLabels", "Paused"),
        "done": QCoreApplication.translate("CampaignLabels", "Done"),
    }
    return labels.get(code, code)


def state_label(code: str) -> str:
    """The translated name of a ledger state."""
    labels = {
        "pending": QCoreApplication.translate("CampaignLabels", "To send"),
        "sending": QCoreApplication.translate("CampaignLabels", "Interrupted: to check"),
        "sent": QCoreApplication.translate("CampaignLabels", "Sent"),
        "failed": QCoreApplication.translate("CampaignLabels", "Failed"),
        "bounced": QCoreApplication.translate("CampaignLabels", "Bounced"),
        "skipped": QCoreApplication.translate("CampaignLabels", "Skipped"),
    }
    return labels.get(code, code)


def reason_label(code: str) -> str:
    """The translated reason a person is excluded or skipped (server texts are kept as they are)."""
    labels = {
        "excluded_target": QCoreApplication.translate("CampaignLabels", "in an excluded segment or group"),
        "opted_out": QCoreApplication.translate("CampaignLabels", "opted out"),
        "no_address": QCoreApplication.translate("CampaignLabels", "no address"),
        "duplicate_address": QCoreApplication.translate("CampaignLabels", "duplicate address"),
        "checked": QCoreApplication.translate("CampaignLabels", "checked by hand"),
        "call_task": QCoreApplication.translate("CampaignLabels", "call task created"),
        "bounced_address": QCoreApplication.translate("CampaignLabels", "bounced address"),
        "invalid_number": QCoreApplication.translate("CampaignLabels", "invalid mobile number"),
        BY_HAND: QCoreApplication.translate("CampaignLabels", "to send by hand (no SMS gateway)"),
    }
    if code.startswith("invalid_address"):
        return QCoreApplication.translate("CampaignLabels", "invalid address")
    # A bounce's reason is "hard: 5.1.1 <the server's words>": the kind translated, the words kept.
    if code.startswith("hard:"):
        return QCoreApplication.translate("CampaignLabels", "permanent bounce: %1").replace("%1", code[5:].strip())
    if code.startswith("soft:"):
        return QCoreApplication.translate("CampaignLabels", "temporary bounce: %1").replace("%1", code[5:].strip())
    return labels.get(code, code)


def response_label(code: str) -> str:
    """The translated name of a response."""
    labels = {
        "": QCoreApplication.translate("CampaignLabels", "No response"),
        "interested": QCoreApplication.translate("CampaignLabels", "Interested"),
        "not_interested": QCoreApplication.translate("CampaignLabels", "Not interested"),
        "registered": QCoreApplication.translate("CampaignLabels", "Registered"),
        "attended": QCoreApplication.translate("CampaignLabels", "Attended"),
        "paid": QCoreApplication.translate("CampaignLabels", "Paid"),
        "other": QCoreApplication.translate("CampaignLabels", "Other"),
    }
    return labels.get(code, code)


def merge_field_label(code: str) -> str:
    """The translated name of a merge field."""
    labels = {
        "civility": QCoreApplication.translate("CampaignLabels", "Civility"),
        "first_name": QCoreApplication.translate("CampaignLabels", "First name"),
        "last_name": QCoreApplication.translate("CampaignLabels", "Last name"),
        "name": QCoreApplication.translate("CampaignLabels", "Full name"),
        "organisation": QCoreApplication.translate("CampaignLabels", "Organisation"),
        "email": QCoreApplication.translate("CampaignLabels", "E-mail address"),
        "city": QCoreApplication.translate("CampaignLabels", "City"),
        "campaign": QCoreApplication.translate("CampaignLabels", "Campaign name"),
    }
    return labels.get(code, code)


def money(value: Decimal | None) -> str:
    """An amount in euros, French style."""
    if value is None:
        return "—"
    whole = f"{value:,.2f}".replace(",", "\u202f").replace(".", ",")
    return f"{whole}\u00a0€"


class CampaignListModel(QAbstractTableModel):
    """The campaigns with their status and key figures (a handful: loaded at once)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CampaignRow] = []

    def set_rows(self, rows: list[CampaignRow]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            QCoreApplication.translate("CampaignListModel", "Campaign"),
            QCoreApplication.translate("CampaignListModel", "Channel"),
            QCoreApplication.translate("CampaignListModel", "Status"),
            QCoreApplication.translate("CampaignListModel", "Recipients"),
            QCoreApplication.translate("CampaignListModel", "Sent"),
            QCoreApplication.translate("CampaignListModel", "Responses"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                row.name,
                channel_label(row.channel),
                status_label(row.status),
                row.recipients,
                row.sent,
                row.responses,
            )
            return values[index.column()] if 0 <= index.column() < len(values) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class LedgerTableModel(PagedTableModel):
    """The sending ledger, paged: step, person, address, state and reason, response."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [
            Column("step", lambda: QCoreApplication.translate("LedgerTableModel", "Step"), lambda r: r.step),
            Column("name", lambda: QCoreApplication.translate("LedgerTableModel", "Name"), lambda r: r.name),
            Column(
                "address",
                lambda: QCoreApplication.translate("LedgerTableModel", "Address"),
                # An SMS or call campaign's address is a number (E.164): shown the national way.
                lambda r: phone_text(r.address) if r.address.startswith("+") else r.address,
            ),
            Column(
                "state", lambda: QCoreApplication.translate("LedgerTableModel", "State"), lambda r: state_label(r.state)
            ),
            Column(
                "reason",
                lambda: QCoreApplication.translate("LedgerTableModel", "Reason"),
                lambda r: reason_label(r.reason),
                tooltip=lambda r: r.reason,
            ),
            Column(
                "sent_at",
                lambda: QCoreApplication.translate("LedgerTableModel", "Sent"),
                lambda r: local_datetime_text(r.sent_at) if r.sent_at else "",
            ),
            Column(
                "response",
                lambda: QCoreApplication.translate("LedgerTableModel", "Response"),
                lambda r: response_label(r.response) if r.response else "",
            ),
        ]
        super().__init__(columns, default_sort="step", parent=parent)


class FollowUpDialog(QDialog):
    """A follow-up ("relance"): to whom, and the message."""

    def __init__(self, subject: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FollowUpDialog")
        self.setWindowTitle(self.tr("Follow-up"))
        form = QFormLayout(self)
        self.audience = QComboBox()
        self.audience.addItem(self.tr("Those who did not respond"), "no_response")
        self.audience.addItem(self.tr("Those who did not pay"), "not_paid")
        self.subject = QLineEdit(subject)
        self.body = QPlainTextEdit(body)
        self.body.setMinimumSize(420, 160)
        form.addRow(self.tr("Send to"), self.audience)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Message"), self.body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class BouncedAddressesDialog(QDialog):
    """The addresses left out of campaigns after a permanent bounce; one that works again is put back."""

    def __init__(self, bounces: BounceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BouncedAddressesDialog")
        self.setWindowTitle(self.tr("Bounced addresses"))
        self.bounces = bounces
        box = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "Campaigns leave these addresses out (“bounced address”). When a person has fixed their "
                "mailbox, put the address back."
            )
        )
        explain.setWordWrap(True)
        box.addWidget(explain)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("bouncedAddresses")
        self.table.setHorizontalHeaderLabels([self.tr("Address"), self.tr("Bounced on"), self.tr("Server's reason")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 240)
        self.table.setColumnWidth(1, 140)
        box.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.clear_button = QPushButton(icon("fa6s.rotate-left"), self.tr("The address works again"))
        self.clear_button.setObjectName("clearBounced")
        self.clear_button.clicked.connect(self.clear_selected)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        box.addLayout(row)
        self.resize(720, 400)
        self.reload()

    def reload(self) -> None:
        """Re-read the list (newest first)."""
        rows = self.bounces.bounced_addresses()
        self.table.setRowCount(len(rows))
        for i, info in enumerate(rows):
            reason = " ".join(f"{info.status} {info.diagnostic}".split())
            for column, text in enumerate((info.address, local_datetime_text(info.bounced_at), reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, column, item)
        self.clear_button.setEnabled(bool(rows))

    def clear_selected(self) -> int:
        """Put the selected addresses back into campaigns."""
        addresses = [self.table.item(index.row(), 0) for index in self.table.selectionModel().selectedRows()]
        count = sum(1 for item in addresses if item is not None and self.bounces.clear(item.text()))
        self.reload()
        return count


class CampaignsPage(QWidget):
    """Campaigns: list, builder, sending and ledger, results."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CampaignsPage")
        self.session = session
        self.campaigns = CampaignService(session.db, segments=session.segments, me=session.activities.me)
        self.current: CampaignInfo | None = None
        self.preview_data: Preview | None = None
        self.worker: workers.Worker | None = None
        self.last_report: SendReport | None = None
        #: Where the letters PDF goes (tests replace the dialog).
        self.choose_pdf_path = self._ask_pdf_path
        #: Which returned messages to read (tests replace the dialog).
        self.choose_eml_paths = self._ask_eml_paths
        self.bounces = BounceService(session.db)
        self.last_import: EmlReport | None = None
        #: The job reading dropped or chosen files, while it runs.
        self.reading: workers.Worker | None = None
        # Bounces and unsubscribe replies saved from the mail program are dropped on the page.
        self.setAcceptDrops(True)
        self.list_model = CampaignListModel(self)
        self.ledger_model = LedgerTableModel(self)
        self._build()
        self.refresh()
        session.bridge.listen(self, self.on_changes)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Campaigns"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title, 1)
        self.new_button = QPushButton(icon("fa6s.plus"), self.tr("New campaign"))
        self.new_button.setObjectName("newCampaign")
        self.new_button.clicked.connect(self.new_campaign)
        header.addWidget(self.new_button)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"))
        self.delete_button.setObjectName("deleteCampaign")
        self.delete_button.clicked.connect(self.delete_campaign)
        header.addWidget(self.delete_button)
        layout.addLayout(header)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableView()
        self.table.setObjectName("campaignsTable")
        self.table.setModel(self.list_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 60)
        self.table.setColumnWidth(2, 80)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        splitter.addWidget(self.table)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_builder(), self.tr("Builder"))
        self.tabs.addTab(self._build_sending(), self.tr("Sending and responses"))
        self.tabs.addTab(self._build_results(), self.tr("Results"))
        splitter.addWidget(self.tabs)
        splitter.setSizes([330, 1000])
        layout.addWidget(splitter, 1)

    def _build_builder(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        general = QGroupBox(self.tr("Campaign"))
        form = QFormLayout(general)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("campaignName")
        self.objective_edit = QLineEdit()
        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("campaignChannel")
        for code in ("email", "letter", "phone", "sms"):
            self.channel_combo.addItem(channel_label(code), code)
        self.channel_combo.currentIndexChanged.connect(lambda _i: self._channel_changed())
        self.budget_edit = QDoubleSpinBox()
        self.cost_edit = QDoubleSpinBox()
        for spin in (self.budget_edit, self.cost_edit):
            spin.setRange(0, 9_999_999)
            spin.setDecimals(2)
            spin.setSuffix("\u00a0€")
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for date_edit in (self.start_edit, self.end_edit):
            date_edit.setCalendarPopup(True)
            date_edit.setDate(QDate.currentDate())
        self.per_minute_edit = QSpinBox()
        self.per_minute_edit.setRange(1, 100_000)
        self.per_minute_edit.setValue(60)
        self.per_minute_edit.setSuffix(self.tr(" per minute"))
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Objective"), self.objective_edit)
        form.addRow(self.tr("Channel"), self.channel_combo)
        money_row = QHBoxLayout()
        money_row.addWidget(self.budget_edit)
        money_row.addWidget(QLabel(self.tr("spent")))
        money_row.addWidget(self.cost_edit)
        form.addRow(self.tr("Budget"), money_row)
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.end_edit)
        form.addRow(self.tr("Dates"), dates)
        form.addRow(self.tr("Sending pace"), self.per_minute_edit)
        grid.addWidget(general, 0, 0)

        targets = QGroupBox(self.tr("Targets"))
        box = QVBoxLayout(targets)
        self.include_list = QListWidget()
        self.include_list.setObjectName("includeTargets")
        self.exclude_list = QListWidget()
        self.exclude_list.setObjectName("excludeTargets")
        for text, widget in ((self.tr("Include"), self.include_list), (self.tr("Exclude"), self.exclude_list)):
            widget.itemChanged.connect(lambda _item: self.update_preview())
            widget.setMinimumHeight(70)
            box.addWidget(QLabel(text))
            box.addWidget(widget, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("recipientCount")
        self.count_label.setWordWrap(True)
        box.addWidget(self.count_label)
        grid.addWidget(targets, 0, 1)

        message = QGroupBox(self.tr("Message"))
        form2 = QFormLayout(message)
        self.subject_edit = QLineEdit()
        self.subject_edit.setObjectName("campaignSubject")
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("campaignBody")
        self.body_edit.setMinimumHeight(120)
        self.subject_edit.textChanged.connect(lambda _t: self.show_preview())
        self.body_edit.textChanged.connect(self.show_preview)
        inserter = QHBoxLayout()
        self.field_combo = QComboBox()
        for code in MERGE_FIELDS:
            self.field_combo.addItem(merge_field_label(code), code)
        insert = QPushButton(self.tr("Insert the field"))
        insert.clicked.connect(self.insert_field)
        condition = QPushButton(self.tr("Insert “if present” block"))
        condition.clicked.connect(self.insert_condition)
        inserter.addWidget(self.field_combo)
        inserter.addWidget(insert)
        inserter.addWidget(condition)
        inserter.addStretch(1)
        form2.addRow(self.tr("Subject"), self.subject_edit)
        form2.addRow(self.tr("Text"), self.body_edit)
        form2.addRow("", inserter)
        grid.addWidget(message, 1, 0)

        preview = QGroupBox(self.tr("Preview"))
        box2 = QVBoxLayout(preview)
        who = QHBoxLayout()
        self.preview_combo = QComboBox()
        self.preview_combo.setObjectName("previewRecipient")
        self.preview_combo.currentIndexChanged.connect(lambda _i: self.show_preview())
        who.addWidget(QLabel(self.tr("For")))
        who.addWidget(self.preview_combo, 1)
        box2.addLayout(who)
        self.preview_view = QTextBrowser()
        self.preview_view.setObjectName("previewView")
        box2.addWidget(self.preview_view, 1)
        test = QHBoxLayout()
        self.test_address = QLineEdit()
        self.test_address.setPlaceholderText(self.tr("my address for a test"))
        self.test_button = QPushButton(icon("fa6s.paper-plane"), self.tr("Send me a test"))
        self.test_button.setObjectName("testSend")
        self.test_button.clicked.connect(self.test_send)
        test.addWidget(self.test_address, 1)
        test.addWidget(self.test_button)
        box2.addLayout(test)
        grid.addWidget(preview, 1, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(icon("fa6s.floppy-disk"), self.tr("Save"))
        self.save_button.setObjectName("saveCampaign")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        grid.addLayout(buttons, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        return page

    def _build_sending(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        actions = QHBoxLayout()
        self.send_button = QPushButton(icon("fa6s.paper-plane"), self.tr("Send"))
        self.send_button.setObjectName("sendCampaign")
        self.send_button.clicked.connect(self.send)
        self.pause_button = QPushButton(icon("fa6s.pause"), self.tr("Pause"))
        self.pause_button.setObjectName("pauseCampaign")
        self.pause_button.setEnabled(False)
        self.pause_button.clicked.connect(self.pause)
        self.follow_button = QPushButton(icon("fa6s.repeat"), self.tr("Follow-up…"))
        self.follow_button.setObjectName("followUp")
        self.follow_button.clicked.connect(lambda: self.follow_up())
        self.progress = QProgressBar()
        self.progress.setObjectName("sendProgress")
        self.import_button = QPushButton(icon("fa6s.envelope-open-text"), self.tr("Bounces and replies…"))
        self.import_button.setObjectName("importBounces")
        self.import_button.setToolTip(
            self.tr(
                "Read returned messages (.eml files, or drop them here): bounces mark the ledger, "
                "replies asking to unsubscribe opt the person out of e-mail. A CSV or Excel export of the "
                "SMS received (from the SMS provider's site): STOP replies opt the sender out of SMS"
            )
        )
        self.import_button.clicked.connect(lambda: self.import_bounces())
        self.bounced_button = QPushButton(icon("fa6s.ban"), "")
        self.bounced_button.setObjectName("bouncedAddresses")
        self.bounced_button.setToolTip(self.tr("Bounced addresses left out of campaigns"))
        self.bounced_button.setAccessibleName(self.tr("Bounced addresses"))
        self.bounced_button.clicked.connect(lambda: self.show_bounced())
        self.mailbox_button = QPushButton(icon("fa6s.inbox"), self.tr("Read the mailbox"))
        self.mailbox_button.setObjectName("readMailbox")
        self.mailbox_button.setToolTip(self.tr("Read bounces and unsubscribe replies from the workspace's mailbox"))
        self.mailbox_button.clicked.connect(self.read_mailbox)
        for widget in (self.send_button, self.pause_button, self.follow_button):
            actions.addWidget(widget)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.mailbox_button)
        actions.addWidget(self.bounced_button)
        box.addLayout(actions)
        self.send_status = QLabel()
        self.send_status.setObjectName("sendStatus")
        self.send_status.setWordWrap(True)
        box.addWidget(self.send_status)
        self.ledger_view = QTableView()
        self.ledger_view.setObjectName("ledgerTable")
        self.ledger_view.setModel(self.ledger_model)
        self.ledger_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ledger_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.ledger_view.verticalHeader().setVisible(False)
        self.ledger_view.horizontalHeader().setStretchLastSection(True)
        self.ledger_view.setColumnWidth(0, 50)
        self.ledger_view.setColumnWidth(1, 180)
        self.ledger_view.setColumnWidth(2, 200)
        self.ledger_view.setColumnWidth(3, 130)
        self.ledger_view.setColumnWidth(4, 260)  # a bounce's reason: its kind, code and the server's words
        self.ledger_view.setColumnWidth(5, 140)
        self.ledger_view.setWordWrap(False)
        box.addWidget(self.ledger_view, 1)
        responses = QHBoxLayout()
        responses.addWidget(QLabel(self.tr("Response of the selected people")))
        self.response_combo = QComboBox()
        self.response_combo.setObjectName("responseCombo")
        for code in ("", *RESPONSES):
            self.response_combo.addItem(response_label(code), code)
        self.response_button = QPushButton(self.tr("Record"))
        self.response_button.setObjectName("recordResponse")
        self.response_button.clicked.connect(self.record_response)
        responses.addWidget(self.response_combo)
        responses.addWidget(self.response_button)
        responses.addStretch(1)
        # An interrupted send leaves one row "to check": did the message leave before the stop?
        self.delivered_button = QPushButton(self.tr("Interrupted: it was delivered"))
        self.delivered_button.setObjectName("markDelivered")
        self.delivered_button.clicked.connect(lambda: self.resolve_interrupted(delivered=True))
        self.again_button = QPushButton(self.tr("Interrupted: send it again"))
        self.again_button.setObjectName("sendAgain")
        self.again_button.clicked.connect(lambda: self.resolve_interrupted(delivered=False))
        responses.addWidget(self.delivered_button)
        responses.addWidget(self.again_button)
        box.addLayout(responses)
        return page

    def _build_results(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.result_labels: dict[str, QLabel] = {}
        rows = (
            ("recipients", self.tr("Recipients")),
            ("sent", self.tr("Sent")),
            ("failed", self.tr("Failed")),
            ("bounced", self.tr("Bounced")),
            ("skipped", self.tr("Skipped")),
            ("to_check", self.tr("Interrupted, to check")),
            ("responded", self.tr("People who responded")),
            ("responses", self.tr("Responses by type")),
            ("budget", self.tr("Budget")),
            ("actual_cost", self.tr("Actual cost")),
            ("cost_per_response", self.tr("Cost per response")),
            ("deals_won", self.tr("Deals won")),
            ("revenue", self.tr("Revenue")),
        )
        for key, text in rows:
            label = QLabel()
            label.setObjectName(f"result_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.result_labels[key] = label
            form.addRow(text, label)
        return page

    # ------------------------------------------------------------------ list
    def refresh(self) -> None:
        """Re-read the list and the shown campaign."""
        shown = self.current.id if self.current else None
        self.list_model.set_rows(self.campaigns.campaigns())
        self._fill_target_lists()
        if shown is not None:
            self.select_campaign(shown)
        elif self.list_model.rows:
            self.select_campaign(self.list_model.rows[0].id)
        else:
            self.new_campaign()

    def on_changes(self, changes: Changes) -> None:
        """Refresh what a write touched (not while sending: the progress says it)."""
        if changes.touches(CAMPAIGN, "segment", "party_group", "consent") and self.worker is None:
            self.list_model.set_rows(self.campaigns.campaigns())
            self._reselect()
            self._refresh_figures()

    def _reselect(self) -> None:
        """Select the shown campaign again after the list was re-read (a reset clears the selection)."""
        if self.current is None:
            return
        for row, item in enumerate(self.list_model.rows):
            if item.id == self.current.id:
                self.table.selectRow(row)  # the same campaign: _selected() does not reload it
                return

    def select_campaign(self, campaign_id: uuid.UUID) -> None:
        """Show a campaign."""
        for row, item in enumerate(self.list_model.rows):
            if item.id == campaign_id:
                self.table.selectRow(row)
                self._load(campaign_id)
                return

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            campaign_id = self.list_model.rows[rows[0].row()].id
            if self.current is None or self.current.id != campaign_id:
                self._load(campaign_id)

    def _fill_target_lists(self) -> None:
        checked = {self._item_key(i) for i in self._checked(self.include_list)}
        excluded = {self._item_key(i) for i in self._checked(self.exclude_list)}
        items: list[tuple[str, uuid.UUID, str]] = [("segment", s.id, s.name) for s in self.session.segments.segments()]
        items += [("group", g.id, g.name) for g in self.session.groups.groups()]
        for widget, keep in ((self.include_list, checked), (self.exclude_list, excluded)):
            widget.blockSignals(True)
            widget.clear()
            for kind, target_id, name in items:
                text = (
                    self.tr("Segment: %1").replace("%1", name)
                    if kind == "segment"
                    else self.tr("Group: %1").replace("%1", name)
                )
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (kind, target_id))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if (kind, target_id) in keep else Qt.CheckState.Unchecked)
                widget.addItem(item)
            widget.blockSignals(False)

    @staticmethod
    def _item_key(item: QListWidgetItem) -> tuple[str, uuid.UUID]:
        return tuple(item.data(Qt.ItemDataRole.UserRole))  # type: ignore[return-value]

    @staticmethod
    def _checked(widget: QListWidget) -> list[QListWidgetItem]:
        return [widget.item(i) for i in range(widget.count()) if widget.item(i).checkState() == Qt.CheckState.Checked]

    def check_target(self, kind: str, target_id: uuid.UUID, *, exclude: bool = False) -> None:
        """Tick a segment or a group in the include (or exclude) list."""
        widget = self.exclude_list if exclude else self.include_list
        for i in range(widget.count()):
            if self._item_key(widget.item(i)) == (kind, target_id):
                widget.item(i).setCheckState(Qt.CheckState.Checked)

    # ------------------------------------------------------------------ builder
    def new_campaign(self) -> None:
        """Empty the builder for a new campaign."""
        self.current = None
        self.table.clearSelection()
        self._show_draft(CampaignDraft(name="", subject="", body=self.tr("Hello {first_name},\n\n")))
        self.ledger_model.set_source(lambda: 0, lambda _s, _d, _r: [])
        self._refresh_figures()
        self.name_edit.setFocus()

    def delete_campaign(self) -> None:
        """Move the shown campaign to the trash (its ledger is kept)."""
        if self.current is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete the campaign"), self.tr("Delete “%1”?").replace("%1", self.current.name)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.campaigns.delete(self.current.id)
        self.current = None
        self.refresh()

    def _load(self, campaign_id: uuid.UUID) -> None:
        if self.worker is None and (self.current is None or self.current.id != campaign_id):
            self.send_status.clear()  # what happened to the campaign shown before
        try:
            self.current = self.campaigns.get(campaign_id)
        except ServiceError as exc:
            self.send_status.setText(str(exc))
            return
        self._show_draft(self.current.draft)
        service, cid = self.campaigns, campaign_id
        self.ledger_model.set_source(
            lambda: service.ledger_count(cid), lambda _s, _d, request: service.ledger(cid, request)
        )
        self._refresh_figures()

    def _show_draft(self, draft: CampaignDraft) -> None:
        for widget in (self.include_list, self.exclude_list):
            widget.blockSignals(True)
        self.name_edit.setText(draft.name)
        self.objective_edit.setText(draft.objective)
        self.channel_combo.blockSignals(True)
        self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(draft.channel)))
        self.channel_combo.blockSignals(False)
        self._apply_channel()
        self.budget_edit.setValue(float(draft.budget))
        self.cost_edit.setValue(float(draft.actual_cost))
        if draft.start_date:
            self.start_edit.setDate(QDate(draft.start_date.year, draft.start_date.month, draft.start_date.day))
        if draft.end_date:
            self.end_edit.setDate(QDate(draft.end_date.year, draft.end_date.month, draft.end_date.day))
        self.per_minute_edit.setValue(draft.per_minute)
        self.subject_edit.setText(draft.subject)
        self.body_edit.setPlainText(draft.body)
        included = {(t.kind, t.id) for t in draft.targets if not t.exclude}
        excluded = {(t.kind, t.id) for t in draft.targets if t.exclude}
        for widget, keys in ((self.include_list, included), (self.exclude_list, excluded)):
            for i in range(widget.count()):
                on = self._item_key(widget.item(i)) in keys
                widget.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            widget.blockSignals(False)
        self.update_preview()

    def draft(self) -> CampaignDraft:
        """What the builder holds."""
        targets = tuple(TargetRef(*self._item_key(i)) for i in self._checked(self.include_list)) + tuple(
            TargetRef(*self._item_key(i), exclude=True) for i in self._checked(self.exclude_list)
        )
        start, end = self.start_edit.date(), self.end_edit.date()
        return CampaignDraft(
            name=self.name_edit.text(),
            channel=str(self.channel_combo.currentData()),
            objective=self.objective_edit.text(),
            budget=Decimal(str(round(self.budget_edit.value(), 2))),
            actual_cost=Decimal(str(round(self.cost_edit.value(), 2))),
            start_date=dt.date(start.year(), start.month(), start.day()),
            end_date=dt.date(end.year(), end.month(), end.day()),
            subject=self.subject_edit.text(),
            body=self.body_edit.toPlainText(),
            per_minute=self.per_minute_edit.value(),
            targets=targets,
            owner_id=self.current.draft.owner_id if self.current else None,
            private=self.current.draft.private if self.current else False,
        )

    def insert_field(self) -> None:
        """Insert the chosen merge field at the cursor."""
        self.body_edit.insertPlainText("{" + str(self.field_combo.currentData()) + "}")
        self.body_edit.setFocus()

    def insert_condition(self) -> None:
        """Insert a block printed only when the chosen field is filled in."""
        field = str(self.field_combo.currentData())
        self.body_edit.insertPlainText(f"{{% if {field} %}}{{{field}}}{{% endif %}}")

    def update_preview(self) -> None:
        """The live recipient count and the excluded by reason (computed in SQL)."""
        draft = self.draft()
        try:
            preview, recipient_ids = self.campaigns.recipient_list(draft)
        except ServiceError as exc:
            self.count_label.setText(str(exc))
            return
        self.preview_data = preview
        reasons = ", ".join(
            f"{reason_label(code)}\u00a0: {preview.excluded[code]}"
            for code in EXCLUSION_REASONS
            if preview.excluded[code]
        )
        text = self.tr("%n recipient(s)", "", preview.recipients)
        if reasons:
            text = self.tr("%1 — excluded: %2").replace("%1", text).replace("%2", reasons)
        self.count_label.setText(text)
        names = dict(self._names(recipient_ids[:200]))
        self.preview_combo.blockSignals(True)
        self.preview_combo.clear()
        for party_id, name in names.items():
            self.preview_combo.addItem(name, str(party_id))  # a str: findData cannot match UUID objects
        self.preview_combo.blockSignals(False)
        self.show_preview()

    def _names(self, ids: list[uuid.UUID]) -> list[tuple[uuid.UUID, str]]:
        found = self.campaigns.names(ids)
        return [(i, found.get(i, "")) for i in ids]

    def previewed(self) -> uuid.UUID | None:
        """The person the preview is for."""
        data = self.preview_combo.currentData()
        return uuid.UUID(data) if data else None

    def show_preview(self) -> None:
        """The message as the chosen recipient will read it (saved campaigns)."""
        party_id = self.previewed()
        if party_id is None:
            self.preview_view.setHtml(f"<i>{html.escape(self.tr('Nobody to preview yet.'))}</i>")
            return
        draft = self.draft()
        from ekocrm_desktop.services.campaigns import check_campaign_template

        errors = check_campaign_template(draft.subject, draft.body)
        if errors:
            names = ", ".join(e.value for e in errors if e.code == "unknown_merge_field") or errors[0].value
            self.preview_view.setHtml(
                "<p style='color:#b00020'>"
                + html.escape(self.tr("Unknown merge field: %1").replace("%1", names))
                + "</p>"
            )
            return
        message = self.campaigns.render_draft_for(draft, party_id)
        subject, body = message.subject, message.body
        if draft.channel == "sms":  # no subject; the STOP line as it will be sent
            body = sms_text(body)
            subject = self.tr("SMS of %n character(s)", "", len(body))
        self.preview_view.setHtml(
            f"<p><b>{html.escape(subject)}</b></p><pre style='white-space:pre-wrap'>{html.escape(body)}</pre>"
        )

    def save(self) -> bool:
        """Save the builder (new or existing campaign)."""
        draft = self.draft()
        try:
            if self.current is None:
                self.current = self.campaigns.create(draft)
            else:
                self.current = self.campaigns.update(self.current.id, self.current.version, draft)
        except ValidationFailedError as exc:
            show_error(self, self.tr("Campaign not saved"), self._errors_text(exc))
            return False
        except ServiceError as exc:
            show_error(self, self.tr("Campaign not saved"), str(exc))
            return False
        saved = self.current.id
        self.list_model.set_rows(self.campaigns.campaigns())
        self.select_campaign(saved)
        return True

    def _errors_text(self, exc: ValidationFailedError) -> str:
        lines = []
        for error in exc.errors:
            if error.code == "unknown_merge_field":
                lines.append(self.tr("Unknown merge field: %1").replace("%1", error.value))
            elif error.code == "required":
                lines.append(self.tr("The name is required."))
            elif error.code == "readonly":
                lines.append(self.tr("Once sent, a campaign's targets and channel are fixed: use a follow-up instead."))
            else:
                lines.append(str(error))
        return "\n".join(lines)

    def _sender(self) -> Any:
        # Unsubscribe mails go to the workspace's own address: its mailbox is where replies are read.
        address = self.session.mail.account().from_address
        if address:
            self.campaigns.unsubscribe_address = address
        send = self.session.mail_sender()
        if send is None:
            QMessageBox.information(
                self,
                self.tr("No mail account"),
                self.tr("The workspace's mail account is configured in the settings; then send again."),
            )
        return send

    def _channel_changed(self) -> None:
        self._apply_channel()
        self.update_preview()

    def _apply_channel(self) -> None:
        sms = self.channel_combo.currentData() == "sms"
        # An SMS has no subject; its test goes to my mobile.
        self.subject_edit.setEnabled(not sms)
        self.subject_edit.setPlaceholderText(self.tr("(an SMS has no subject)") if sms else "")
        self.test_address.setPlaceholderText(
            self.tr("my mobile for a test") if sms else self.tr("my address for a test")
        )

    def test_send(self) -> None:
        """Send the previewed message to my own address (or mobile, for an SMS campaign)."""
        if not self.save():
            return
        if self.current is not None and self.current.draft.channel == "sms":
            self._test_sms()
            return
        send = self._sender()
        if send is None or self.current is None:
            return
        try:
            self.campaigns.test_send(self.current.id, self.test_address.text(), send, party_id=self.previewed())
        except ValidationFailedError as exc:
            show_error(self, self.tr("Test not sent"), self._errors_text(exc))
            return
        except Exception as exc:  # the server's words are what the user can act on
            show_error(self, self.tr("Test not sent"), str(exc))
            return
        self.send_status.setText(self.tr("Test sent to %1.").replace("%1", self.test_address.text()))

    def _test_sms(self) -> None:
        assert self.current is not None
        gateway = self.session.sms.gateway()
        if gateway is None:
            QMessageBox.information(
                self,
                self.tr("No SMS gateway"),
                self.tr("The SMS gateway is set up in File › E-mail and SMS accounts; then send the test again."),
            )
            return
        try:
            self.campaigns.test_sms(
                self.current.id,
                self.test_address.text(),
                gateway,
                party_id=self.previewed(),
                region=self.session.preferences.phone_region,
            )
        except ValidationFailedError as exc:
            invalid = any(e.code == "phone_invalid" for e in exc.errors)
            text = self.tr("“%1” is not a mobile number.").replace("%1", self.test_address.text())
            show_error(self, self.tr("Test not sent"), text if invalid else self._errors_text(exc))
            return
        except Exception as exc:  # the gateway's words are what the user can act on
            show_error(self, self.tr("Test not sent"), str(exc))
            return
        self.send_status.setText(self.tr("Test sent to %1.").replace("%1", self.test_address.text()))

    # ------------------------------------------------------------------ sending
    def send(self) -> None:
        """Send (or resume) the campaign in the background: e-mail, letters or call tasks."""
        if self.worker is not None or not self.save() or self.current is None:
            return
        campaign_id, channel = self.current.id, self.current.draft.channel
        if channel == "phone":
            from ekocrm_desktop.services.tasks import BulkTaskPlan

            plan = BulkTaskPlan(subject=self.tr("Call: %1").replace("%1", self.current.name), rule="account_owner")
            created = self.campaigns.call_tasks(campaign_id, plan)
            self.send_status.setText(self.tr("%n call task(s) created.", "", created))
            self._refresh_figures()
            return
        if channel == "letter":
            self.print_letters()
            return
        service = self.campaigns
        if channel == "sms":
            gateway = self.session.sms.gateway()
            if gateway is None:
                answer = QMessageBox.question(
                    self,
                    self.tr("No SMS gateway"),
                    self.tr(
                        "No SMS gateway is set up (File › E-mail and SMS accounts). Each SMS will be a task "
                        "“to send by hand” on the person's timeline. Go on?"
                    ),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return

            def job(report: Any, token: Any) -> SendReport:
                return service.send_sms(
                    campaign_id,
                    gateway,
                    progress=lambda done, total: report(done, total, ""),
                    cancelled=lambda: bool(token.cancelled),
                )
        else:
            send = self._sender()
            if send is None:
                return

            def job(report: Any, token: Any) -> SendReport:
                return service.send(
                    campaign_id,
                    send,
                    progress=lambda done, total: report(done, total, ""),
                    cancelled=lambda: bool(token.cancelled),
                )

        self.send_button.setEnabled(False)
        self.pause_button.setEnabled(True)
        self.send_status.setText(self.tr("Sending…"))

        self.worker = workers.start(job, on_done=self._sent, on_error=self._send_failed, on_progress=self._progress)

    def _ask_pdf_path(self, suggested: str) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the letters"), str(Path(folder) / suggested), self.tr("PDF (*.pdf)")
        )
        return path

    def print_letters(self) -> None:
        """The letter channel: the PDF mail merge and a PDF of address labels next to it."""
        if self.current is None:
            return
        path = self.choose_pdf_path(f"{self.current.name}.pdf")
        if not path:
            return
        from ekocrm_desktop.reports.campaigns import campaign_letters_pdf, labels_pdf
        from ekocrm_desktop.reports.letters import Letter

        organisation = self.session.membership.organisation()
        today = QDate.currentDate().toString("dd/MM/yyyy")
        place = self.tr("%1, %2").replace("%1", organisation.city).replace("%2", today) if organisation.city else today
        merged = self.campaigns.letters(self.current.id)
        letters = [
            Letter(organisation.name, organisation.address_lines, lines, place, subject, body, organisation.signatory)
            for _party, lines, subject, body in merged
        ]
        target = Path(path)
        campaign_letters_pdf(letters, target, title=self.current.name)
        labels = target.with_name(target.stem + self.tr(" - labels") + ".pdf")
        labels_pdf([lines for _party, lines, _s, _b in merged], labels, title=self.current.name)
        self.send_status.setText(
            self.tr("%n letter(s) and their labels saved: %1", "", len(letters)).replace("%1", str(target))
        )
        self.refresh()

    def pause(self) -> None:
        """Stop after the message being sent; resume later from the ledger."""
        if self.worker is not None:
            self.worker.token.cancel()
            self.send_status.setText(self.tr("Pausing after the message being sent…"))

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _sent(self, report: SendReport) -> None:
        self.worker = None
        self.last_report = report
        self.send_button.setEnabled(True)
        self.pause_button.setEnabled(False)
        if report.paused:
            text = self.tr("Paused: the server failed (%1). Send again to resume.").replace("%1", report.paused)
        elif report.failed:
            text = self.tr("Done: %n message(s) sent, %1 refused (see the ledger).", "", report.sent).replace(
                "%1", str(report.failed)
            )
        elif report.cancelled:
            text = self.tr("Paused: %n message(s) left to send.", "", report.remaining)
        else:
            text = self.tr("Done: %n message(s) sent.", "", report.sent)
        self.send_status.setText(text)
        self.refresh()

    def _send_failed(self, exc: Exception, _details: str) -> None:
        self.worker = None
        self.send_button.setEnabled(True)
        self.pause_button.setEnabled(False)
        text = self._errors_text(exc) if isinstance(exc, ValidationFailedError) else str(exc)
        self.send_status.setText(text)
        self.refresh()

    def selected_ledger_ids(self) -> list[uuid.UUID]:
        """The ledger rows selected."""
        ids = [self.ledger_model.id_at(index.row()) for index in self.ledger_view.selectionModel().selectedRows()]
        return [i for i in ids if i is not None]

    def record_response(self) -> None:
        """Record the chosen response for the selected people (one or many)."""
        ids = self.selected_ledger_ids()
        if not ids:
            return
        self.campaigns.set_response(ids, str(self.response_combo.currentData()))
        self._refresh_figures()

    def resolve_interrupted(self, *, delivered: bool) -> None:
        """The selected interrupted rows: mark them sent, or put them back to send."""
        count = self.campaigns.resolve(self.selected_ledger_ids(), delivered=delivered)
        self.send_status.setText(self.tr("%n interrupted message(s) checked.", "", count))
        self._refresh_figures()

    def follow_up(self, dialog: FollowUpDialog | None = None) -> None:
        """A follow-up step to those who did not respond (or pay); send it with Send."""
        if self.current is None:
            return
        dialog = dialog or FollowUpDialog(self.current.draft.subject, self.current.draft.body, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            step = self.campaigns.follow_up(
                self.current.id, str(dialog.audience.currentData()), dialog.subject.text(), dialog.body.toPlainText()
            )
        except ValidationFailedError as exc:
            show_error(self, self.tr("Follow-up not created"), self._errors_text(exc))
            return
        count = self.campaigns.ledger_count(self.current.id, step=step.position, state="pending")
        self.send_status.setText(self.tr("Follow-up ready for %n person(s): press Send.", "", count))
        self._refresh_figures()

    # ------------------------------------------------------------------ bounces and replies
    def _ask_eml_paths(self) -> list[str]:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Bounces and replies"),
            folder,
            self.tr("E-mails and SMS received (*.eml *.csv *.xlsx);;E-mails (*.eml);;SMS received (*.csv *.xlsx)")
            + ";;"
            + self.tr("All files (*)"),
        )
        return list(paths)

    def import_bounces(self, paths: list[str] | None = None) -> None:
        """Read returned messages: bounces into the ledger, unsubscribe replies into consent; a
        provider's export of received SMS (.csv, .xlsx): STOP replies into SMS consent."""
        chosen = paths if paths is not None else self.choose_eml_paths()
        if not chosen or self.reading is not None:
            return
        bounces, files = self.bounces, [Path(p) for p in chosen]
        # In the background: an export of received SMS may hold thousands of rows.
        self.import_button.setEnabled(False)
        self.send_status.setText(self.tr("Reading the returned messages…"))

        def job(_report: Any, _token: Any) -> EmlReport:
            return bounces.import_files(files)

        def failed(exc: Exception, details: str) -> None:
            self.reading = None
            self.import_button.setEnabled(True)
            self.send_status.setText("")
            show_error(self, self.tr("Bounces and replies"), self.tr("The files could not be read."), details)

        self.reading = workers.start(job, on_done=self._files_read, on_error=failed, owner=self)

    def _files_read(self, report: EmlReport) -> None:
        self.reading = None
        self.import_button.setEnabled(True)
        self._imported(report)

    def read_mailbox(self) -> None:
        """Read bounces and unsubscribe replies from the workspace's mailbox, in the background."""
        from ekocrm_desktop.services.eml import ImapReader

        account = self.session.imap.account()
        if not account.configured:
            QMessageBox.information(
                self,
                self.tr("No mailbox"),
                self.tr(
                    "The workspace's mailbox is set up in File › E-mail and SMS accounts, tab Received mail (IMAP)."
                ),
            )
            return
        reader = ImapReader(self.session.db, self.bounces, secrets=self.session.secrets)
        self.mailbox_button.setEnabled(False)
        self.send_status.setText(self.tr("Reading the mailbox…"))

        def job(_report: Any, token: Any) -> EmlReport:
            return reader.fetch(account, cancelled=lambda: bool(token.cancelled))

        def failed(exc: Exception, _details: str) -> None:
            self.mailbox_button.setEnabled(True)
            self.send_status.setText(self.tr("The mailbox could not be read: %1").replace("%1", str(exc)))

        workers.start(job, on_done=self._imported, on_error=failed, owner=self)

    def show_bounced(self, dialog: BouncedAddressesDialog | None = None) -> BouncedAddressesDialog:
        """The addresses left out after a permanent bounce (shown; the caller may exec it)."""
        dialog = dialog or BouncedAddressesDialog(self.bounces, self)
        dialog.finished.connect(lambda _r: self.update_preview())
        dialog.open()
        return dialog

    def _imported(self, report: EmlReport) -> None:
        self.mailbox_button.setEnabled(True)
        self.last_import = report
        unknown = [o.name for o in report.outcomes if o.status == "error" and o.reason in UNKNOWN_SENDER_REASONS]
        unreadable = [o.name for o in report.outcomes if o.status == "error" and o.reason not in UNKNOWN_SENDER_REASONS]
        bounced = report.count("bounced")
        requests = report.count("unsubscribed") + report.count("duplicate")
        ignored = report.count("ignored")
        # Only what happened: an export of SMS replies holds no bounce.
        parts = [
            part
            for count, part in (
                (bounced, self.tr("%n bounce(s) recorded", "", bounced)),
                (requests, self.tr("%n unsubscribe request(s)", "", requests)),
                (ignored, self.tr("%n other message(s) ignored", "", ignored)),
            )
            if count
        ]
        text = ", ".join(parts) if parts else self.tr("Nothing recorded")
        if unknown:
            text += ". " + self.tr(
                "%n request(s) from a number or an address that no contact has: %1", "", len(unknown)
            ).replace("%1", ", ".join(unknown[:5]))
        if unreadable:
            text += ". " + self.tr("Not understood: %1").replace("%1", ", ".join(unreadable[:5]))
        self.send_status.setText(text + ".")
        self._refresh_figures()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().lower().endswith(DROPPED_SUFFIXES) for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        paths = [url.toLocalFile() for url in urls if url.toLocalFile().lower().endswith(DROPPED_SUFFIXES)]
        if paths:
            event.acceptProposedAction()
            self.import_bounces(paths)

    # ------------------------------------------------------------------ results
    def _refresh_figures(self) -> None:
        self.ledger_model.refresh()
        if self.current is None:
            for label in self.result_labels.values():
                label.setText("—")
            return
        results = self.campaigns.results(self.current.id)
        responses = ", ".join(
            f"{response_label(code)}\u00a0: {count}" for code, count in results.responses.items() if count
        )
        values = {
            "recipients": str(results.recipients),
            "sent": str(results.sent),
            "failed": str(results.failed),
            "bounced": str(results.bounced),
            "skipped": str(results.skipped),
            "to_check": str(results.to_check),
            "responded": str(results.responded),
            "responses": responses or "—",
            "budget": money(results.budget),
            "actual_cost": self.tr("%1 (%2 of the budget)")
            .replace("%1", money(results.actual_cost))
            .replace("%2", f"{results.actual_cost * 100 / results.budget:.0f}\u00a0%")
            if results.budget
            else money(results.actual_cost),
            "cost_per_response": money(results.cost_per_response),
            "deals_won": str(results.deals_won),
            "revenue": money(results.revenue),
        }
        for key, text in values.items():
            self.result_labels[key].setText(text)
        info = self.campaigns.get(self.current.id)
        if info.last_error and self.worker is None:
            self.send_status.setText(
                self.tr("Paused: the server failed (%1). Send again to resume.").replace("%1", info.last_error)
            )


__all__ = [
    "BouncedAddressesDialog",
    "CampaignListModel",
    "CampaignsPage",
    "FollowUpDialog",
    "LedgerRow",
    "LedgerTableModel",
]
