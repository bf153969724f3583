"""One member's membership: dues status, subscriptions and what to do with them.

Shown beside the members list and as the "Membership" tab of the person editor.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.errors import NotFoundError
from ekocrm_desktop.services.membership import PARTY, SUBSCRIPTION, MemberStatus, SubscriptionInfo
from ekocrm_desktop.ui.association_labels import (
    STATUS_COLOURS,
    card_labels,
    dues_status_name,
    money_text,
    payment_method_name,
    receipt_labels,
    report_formatter,
)
from ekocrm_desktop.ui.dialogs.membership_dialogs import ResignDialog
from ekocrm_desktop.ui.dialogs.subscription_dialog import SubscriptionDialog
from ekocrm_desktop.ui.documents import DocumentSaver
from ekocrm_desktop.ui.formatting import date_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession


def file_name(text: str) -> str:
    """Text made safe as a file name."""
    return re.sub(r"[\\/:*?\"<>|]+", "-", text).strip() or "document"


class MembershipPanel(QWidget):
    """Status, paid-until date, subscription history, and the actions on them."""

    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MembershipPanel")
        self.session = session
        self.party_id: uuid.UUID | None = None
        self.status: MemberStatus | None = None
        self.subscriptions: list[SubscriptionInfo] = []
        self.documents = DocumentSaver(self)
        self.documents.status_message.connect(self.status_message)
        self._build()
        self.show_party(None)
        session.bridge.listen(self, self._on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.name_label = QLabel()
        font = self.name_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.name_label.setFont(font)
        layout.addWidget(self.name_label)
        self.status_label = QLabel()
        self.status_label.setObjectName("duesStatus")
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.status_label)
        self.details_label = QLabel()
        self.details_label.setObjectName("duesDetails")
        self.details_label.setWordWrap(True)
        layout.addWidget(self.details_label)

        actions = QHBoxLayout()
        self.record_button = QPushButton(icon("add"), self.tr("Record a subscription…"))
        self.record_button.setObjectName("recordSubscription")
        self.record_button.clicked.connect(self.record)
        self.card_button = QPushButton(icon("fa6s.id-card"), self.tr("Member card"))
        self.card_button.setToolTip(self.tr("Member card (PDF)"))
        self.card_button.clicked.connect(self.print_card)
        self.resign_button = QPushButton(icon("fa6s.door-open"), self.tr("Resign…"))
        self.resign_button.setObjectName("resignButton")
        self.resign_button.clicked.connect(self.resign)
        for button in (self.record_button, self.card_button, self.resign_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.table = QTableWidget(0, 6)
        self.table.setObjectName("subscriptionsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Period"),
                self.tr("Membership"),
                self.tr("Amount"),
                self.tr("Paid on"),
                self.tr("Method"),
                self.tr("Receipt"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Subscriptions"))
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        row_actions = QHBoxLayout()
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.receipt_button = QPushButton(icon("fa6s.file-pdf"), self.tr("Receipt"))
        self.receipt_button.setObjectName("receiptButton")
        self.receipt_button.setToolTip(self.tr("Membership receipt (PDF)"))
        self.receipt_button.clicked.connect(self.print_receipt)
        self.cancel_button = QPushButton(icon("delete"), self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Cancel this subscription (its receipt number stays used)"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        for button in (self.edit_button, self.receipt_button, self.cancel_button):
            row_actions.addWidget(button)
        row_actions.addStretch(1)
        layout.addLayout(row_actions)

    # ------------------------------------------------------------------ data
    def show_party(self, party_id: uuid.UUID | None) -> None:
        """Show a party's membership (None: nothing selected)."""
        self.party_id = party_id
        self.refresh()

    def refresh(self) -> None:
        """Read the party's status and subscriptions again."""
        self.table.setRowCount(0)
        self.status = None
        self.subscriptions = []
        if self.party_id is None:
            self.name_label.setText(self.tr("No member selected"))
            self.status_label.setText("")
            self.details_label.setText(self.tr("Select a member to see their dues and subscriptions."))
            self._update_buttons()
            return
        try:
            self.status = self.session.membership.status_of(self.party_id)
            self.subscriptions = self.session.membership.subscriptions_of(self.party_id)
        except NotFoundError:
            self.party_id = None
            self.refresh()
            return
        status = self.status
        self.name_label.setText(status.display_name)
        colour = STATUS_COLOURS.get(status.status, "#757575")
        self.status_label.setText(
            f"<span style='color:{colour}; font-weight:bold'>● {dues_status_name(status.status)}</span>"
        )
        details: list[str] = []
        if status.paid_until is not None:
            details.append(self.tr("Paid until %1").replace("%1", date_text(status.paid_until)))
        if status.type_name:
            details.append(status.type_name)
        if status.member_since is not None:
            details.append(self.tr("member since %1").replace("%1", date_text(status.member_since)))
        if status.member_until is not None:
            details.append(self.tr("until %1").replace("%1", date_text(status.member_until)))
        self.details_label.setText(" · ".join(details))
        self.table.setRowCount(len(self.subscriptions))
        for row, sub in enumerate(self.subscriptions):
            values = [
                f"{date_text(sub.period_start)} – {date_text(sub.period_end)}",
                sub.type_name,
                money_text(sub.amount, sub.currency),
                date_text(sub.paid_on) if sub.paid_on else self.tr("awaiting payment"),
                payment_method_name(sub.payment_method) if sub.payment_method else "",
                sub.receipt_number,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(Qt.ItemDataRole.UserRole, str(sub.id))
                self.table.setItem(row, column, item)
        if self.subscriptions:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> SubscriptionInfo | None:
        """The subscription selected in the history."""
        row = self.table.currentRow()
        return self.subscriptions[row] if 0 <= row < len(self.subscriptions) else None

    def _update_buttons(self) -> None:
        writable = not self.session.read_only
        has_party = self.party_id is not None
        selected = self.selected()
        self.record_button.setEnabled(writable and has_party)
        member = self.status is not None and self.status.status not in ("resigned", "none")
        self.resign_button.setEnabled(writable and member)
        paid_now = self.status is not None and self.status.status in ("up_to_date", "due_soon")
        self.card_button.setEnabled(paid_now)
        self.edit_button.setEnabled(writable and selected is not None)
        self.cancel_button.setEnabled(writable and selected is not None)
        self.receipt_button.setEnabled(selected is not None and bool(selected.receipt_number))

    def _on_changes(self, changes: Changes) -> None:
        if self.party_id is None or not changes.touches(SUBSCRIPTION, PARTY, "membership"):
            return
        if not changes.ids or self.party_id in changes.ids or changes.touches("membership"):
            self.refresh()

    # ------------------------------------------------------------------ actions
    def record(self) -> SubscriptionDialog | None:
        """Open the form for a new subscription of this member."""
        if self.party_id is None or self.status is None:
            return None
        dialog = SubscriptionDialog(
            self.session, party_id=self.party_id, party_name=self.status.display_name, parent=self.window()
        )
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def edit_selected(self) -> SubscriptionDialog | None:
        """Open the selected subscription (to record its payment, for instance)."""
        selected = self.selected()
        if selected is None or self.session.read_only:
            return None
        dialog = SubscriptionDialog(self.session, subscription=selected, parent=self.window())
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self, info: SubscriptionInfo) -> None:
        if info.receipt_number:
            self.status_message.emit(
                self.tr("Subscription recorded, receipt %1.").replace("%1", info.receipt_number), None
            )
        else:
            self.status_message.emit(self.tr("Subscription recorded, awaiting payment."), None)

    def cancel_selected(self) -> None:
        """Cancel the selected subscription, with an undo in the status bar."""
        selected = self.selected()
        if selected is None:
            return
        membership = self.session.membership
        membership.delete_subscription(selected.id)
        self.status_message.emit(
            self.tr("Subscription %1 cancelled.").replace(
                "%1", f"{date_text(selected.period_start)} – {date_text(selected.period_end)}"
            ),
            lambda: membership.restore_subscription(selected.id),
        )

    def resign(self) -> ResignDialog | None:
        """Record the member's resignation."""
        if self.party_id is None or self.status is None:
            return None
        dialog = ResignDialog(self.session, self.party_id, self.status.display_name, parent=self.window())
        party_id, name = self.party_id, self.status.display_name
        membership = self.session.membership
        dialog.accepted.connect(
            lambda: self.status_message.emit(
                self.tr("%1 has resigned.").replace("%1", name), lambda: membership.cancel_resignation(party_id)
            )
        )
        dialog.open()
        return dialog

    def print_receipt(self) -> bool:
        """Save the selected subscription's receipt as a PDF."""
        selected = self.selected()
        if selected is None or not selected.receipt_number:
            return False
        receipt = self.session.membership.receipt(selected.id)
        labels, fmt, today = receipt_labels(), report_formatter(), self.session.membership.today()

        def build(path: Path, _report: object) -> None:
            from ekocrm_desktop.reports.membership import receipts_pdf  # ReportLab loads when a PDF is made

            receipts_pdf([receipt], path, labels=labels, issued_on=today, fmt=fmt)

        name = file_name(f"{labels.title} {receipt.number} {receipt.member.display_name}.pdf")
        return self.documents.save(self.tr("Save the receipt"), name, build)

    def print_card(self) -> bool:
        """Save the member's card as a PDF."""
        if self.party_id is None:
            return False
        cards = self.session.membership.cards([self.party_id])
        if not cards:
            return False
        labels, fmt = card_labels(), report_formatter()

        def build(path: Path, _report: object) -> None:
            from ekocrm_desktop.reports.membership import cards_pdf  # ReportLab loads when a PDF is made

            cards_pdf(cards, path, labels=labels, fmt=fmt)

        return self.documents.save(
            self.tr("Save the member card"), file_name(f"{labels.document_title} {cards[0].member_name}.pdf"), build
        )
