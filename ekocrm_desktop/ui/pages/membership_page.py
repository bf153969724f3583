"""The membership page ("Adhésions"): members with their dues, the renewal reminders, the
membership types and the settings, in four tabs."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.errors import FieldError, ValidationFailedError
from ekocrm_desktop.services.membership import (
    MEMBERSHIP,
    PARTY,
    REMINDER,
    SUBSCRIPTION,
    DueReminder,
    LedgerEntry,
    MemberQuery,
    MembershipSettings,
    RuleDraft,
    SendReport,
)
from ekocrm_desktop.services.reporting import ReportingService
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.association_labels import (
    card_labels,
    category_name,
    channel_name,
    dues_status_colour,
    dues_status_name,
    dues_status_names,
    duration_name,
    ledger_status_name,
    letter_labels,
    merge_locale,
    money_text,
    offset_text,
    receipt_labels,
    report_formatter,
)
from ekocrm_desktop.ui.dialogs.membership_dialogs import MembershipTypeDialog, ReminderRuleDialog
from ekocrm_desktop.ui.dialogs.subscription_dialog import SubscriptionDialog
from ekocrm_desktop.ui.documents import DocumentSaver
from ekocrm_desktop.ui.formatting import date_text, local_datetime_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import field_error_text
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.member_table_model import MemberTableModel
from ekocrm_desktop.ui.widgets.logo_picker import LogoPicker
from ekocrm_desktop.ui.widgets.membership_panel import MembershipPanel
from ekocrm_desktop.ui.widgets.repeating import error_label, set_error

SEARCH_DELAY_MS = 150
REMINDERS_TAB = 1


class MembershipPage(QWidget):
    """Members and their dues, reminders, membership types, settings."""

    open_requested = Signal(object)
    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MembershipPage")
        self.session = session
        self.membership = session.membership
        self.model = MemberTableModel(self)
        self.documents = DocumentSaver(self)
        self.documents.status_message.connect(self.status_message)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.due: list[DueReminder] = []
        self._summary_generation = 0
        self._due_generation = 0
        self._reminders_stale = True
        self._summary_job: workers.Worker | None = None
        self._due_job: workers.Worker | None = None
        self._build()
        self._ensure_rules()
        self._load_types()
        self.apply_filters()
        self.load_settings()
        self.tabs.currentChanged.connect(self._tab_changed)
        session.bridge.listen(self, self.on_changes)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Membership"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("statusSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        header.addWidget(self.summary_label, 1)
        self.record_button = QPushButton(icon("add"), self.tr("Record a subscription…"))
        self.record_button.setObjectName("recordSubscriptionButton")
        self.record_button.clicked.connect(lambda: self.record_subscription())
        header.addWidget(self.record_button)
        layout.addLayout(header)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._members_tab(), icon("fa6s.users"), self.tr("Members"))
        self.tabs.addTab(self._reminders_tab(), icon("fa6s.bell"), self.tr("Reminders"))
        self.tabs.addTab(self._types_tab(), icon("fa6s.id-card"), self.tr("Membership types"))
        self.tabs.addTab(self._settings_tab(), icon("settings"), self.tr("Settings"))
        layout.addWidget(self.tabs, 1)

    def _members_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 6, 0, 0)
        filters = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setPlaceholderText(self.tr("Search a member (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Search members"))
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        filters.addWidget(self.search_edit, 3)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.setAccessibleName(self.tr("Dues status"))
        self.status_combo.addItem(self.tr("All statuses"), None)
        for code, name in dues_status_names():
            self.status_combo.addItem(name, code)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.status_combo, 1)
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName(self.tr("Membership type"))
        self.type_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.type_combo, 1)
        self.receipts_button = QPushButton(icon("fa6s.file-pdf"), self.tr("Receipts"))
        self.receipts_button.setToolTip(self.tr("Receipts of the selected members' last payment (PDF)"))
        self.receipts_button.clicked.connect(self.print_receipts)
        self.cards_button = QPushButton(icon("fa6s.id-card"), self.tr("Member cards"))
        self.cards_button.setToolTip(self.tr("Cards of the selected members who are paid up (PDF)"))
        self.cards_button.clicked.connect(self.print_cards)
        filters.addWidget(self.receipts_button)
        filters.addWidget(self.cards_button)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setObjectName("membersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((180, 120, 115, 150, 120, 90, 190, 110)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        open_action = QAction(self.tr("Open"), self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_selected)
        self.table.addAction(open_action)
        self.model.count_changed.connect(self._on_count)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyMembers")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self.panel = MembershipPanel(self.session)
        self.panel.status_message.connect(self.status_message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.table, 1)
        left_box.addWidget(self.empty_label)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 460])
        layout.addWidget(splitter, 1)
        return tab

    def _reminders_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 6, 0, 0)
        intro = QLabel(
            self.tr(
                "The renewal sequence: each step goes once to the members whose paid period ends or has ended, "
                "never to those who renewed or resigned. Every reminder sent or printed is written in the log, "
                "so nobody gets the same one twice."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rules_row = QHBoxLayout()
        self.rules_table = _table((self.tr("When"), self.tr("Channel"), self.tr("Name"), self.tr("Active")))
        self.rules_table.setObjectName("rulesTable")
        self.rules_table.doubleClicked.connect(lambda _i: self.edit_rule())
        self.rules_table.setMaximumHeight(150)
        rules_row.addWidget(self.rules_table, 1)
        rule_buttons = QVBoxLayout()
        for text, slot, name in (
            (self.tr("Add…"), self.add_rule, "addRule"),
            (self.tr("Edit…"), self.edit_rule, "editRule"),
            (self.tr("Delete"), self.delete_rule, "deleteRule"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, s=slot: s())
            rule_buttons.addWidget(button)
        rule_buttons.addStretch(1)
        rules_row.addLayout(rule_buttons)
        layout.addLayout(rules_row)

        due_header = QHBoxLayout()
        self.due_label = QLabel()
        self.due_label.setObjectName("dueLabel")
        font = self.due_label.font()
        font.setBold(True)
        self.due_label.setFont(font)
        due_header.addWidget(self.due_label, 1)
        self.letters_button = QPushButton(icon("fa6s.print"), self.tr("Print the letters (PDF)…"))
        self.letters_button.setObjectName("printLetters")
        self.letters_button.clicked.connect(self.print_letters)
        self.email_button = QPushButton(icon("fa6s.envelope"), self.tr("Send the e-mails"))
        self.email_button.setObjectName("sendEmails")
        self.email_button.setEnabled(False)
        # Sent through the workspace's mail account (issue 5, part C), each reminder claimed first.
        self.email_button.clicked.connect(self.send_emails)
        due_header.addWidget(self.letters_button)
        due_header.addWidget(self.email_button)
        layout.addLayout(due_header)
        self.due_table = _table(
            (
                self.tr("Member"),
                self.tr("Reminder"),
                self.tr("Paid until"),
                self.tr("Status"),
                self.tr("Channel"),
                self.tr("E-mail"),
            )
        )
        self.due_table.setObjectName("dueTable")
        layout.addWidget(self.due_table, 2)
        log_label = QLabel(self.tr("Reminders sent or printed"))
        log_label.setFont(font)
        layout.addWidget(log_label)
        self.ledger_table = _table(
            (
                self.tr("Date"),
                self.tr("Member"),
                self.tr("Reminder"),
                self.tr("Period ending"),
                self.tr("Channel"),
                self.tr("Outcome"),
            )
        )
        self.ledger_table.setObjectName("ledgerTable")
        layout.addWidget(self.ledger_table, 1)
        return tab

    def _types_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.setContentsMargins(0, 6, 0, 0)
        self.types_table = _table(
            (
                self.tr("Name"),
                self.tr("Category"),
                self.tr("Fee"),
                self.tr("Duration"),
                self.tr("Reminders"),
                self.tr("Offered"),
            )
        )
        self.types_table.setObjectName("typesTable")
        self.types_table.doubleClicked.connect(lambda _i: self.edit_type())
        layout.addWidget(self.types_table, 1)
        buttons = QVBoxLayout()
        for text, slot, name in (
            (self.tr("Add…"), self.add_type, "addType"),
            (self.tr("Edit…"), self.edit_type, "editType"),
            (self.tr("Delete"), self.delete_type, "deleteType"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return tab

    def _settings_tab(self) -> QWidget:
        tab = QWidget()
        outer = QVBoxLayout(tab)
        form = QFormLayout()
        self.settings_errors: dict[str, QLabel] = {}

        def row(label: str, widget: QWidget, key: str) -> None:
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(widget)
            self.settings_errors[key] = error_label()
            inner.addWidget(self.settings_errors[key])
            form.addRow(label, box)
            widget.setAccessibleName(label)

        self.due_soon_days = QSpinBox()
        self.due_soon_days.setRange(0, 366)
        self.due_soon_days.setSuffix(self.tr(" days"))
        row(self.tr("“Due soon” when the membership ends within"), self.due_soon_days, "due_soon_days")
        self.last_reminder_days = QSpinBox()
        self.last_reminder_days.setRange(1, 366)
        self.last_reminder_days.setSuffix(self.tr(" days"))
        row(self.tr("The last reminder stays due for"), self.last_reminder_days, "last_reminder_days")
        self.quorum = QDoubleSpinBox()
        self.quorum.setRange(0, 100)
        self.quorum.setDecimals(2)
        self.quorum.setSuffix(" %")
        row(self.tr("Default quorum of assemblies"), self.quorum, "quorum_percent")
        self.max_proxies = QSpinBox()
        self.max_proxies.setRange(0, 100)
        row(self.tr("Most proxies per member present"), self.max_proxies, "max_proxies")
        self.organisation_name = QLineEdit()
        row(self.tr("Association"), self.organisation_name, "organisation_name")
        # Stored at once (not with "Save the settings"): it is a file, checked when chosen.
        self.logo_picker = LogoPicker(
            ReportingService(self.session.db, membership=self.membership), read_only=self.session.read_only
        )
        self.logo_picker.changed.connect(
            lambda data: self.status_message.emit(
                self.tr("Logo saved: it prints on report covers.") if data else self.tr("Logo removed."), None
            )
        )
        form.addRow(self.tr("Logo on report covers"), self.logo_picker)
        self.organisation_address = QPlainTextEdit()
        self.organisation_address.setMaximumHeight(80)
        row(self.tr("Address"), self.organisation_address, "organisation_address")
        self.city = QLineEdit()
        row(self.tr("City (for “Lyon, 3 March 2026”)"), self.city, "city")
        self.signatory = QPlainTextEdit()
        self.signatory.setMaximumHeight(60)
        row(self.tr("Signed by"), self.signatory, "signatory")
        outer.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_settings_button = QPushButton(icon("save"), self.tr("Save the settings"))
        self.save_settings_button.setObjectName("saveSettings")
        self.save_settings_button.clicked.connect(self.save_settings)
        buttons.addWidget(self.save_settings_button)
        outer.addLayout(buttons)
        outer.addStretch(1)
        return tab

    # ------------------------------------------------------------------ members
    def query(self) -> MemberQuery:
        """The filters as chosen."""
        type_id = self.type_combo.currentData()
        return MemberQuery(
            text=self.search_edit.text(),
            status=self.status_combo.currentData(),
            type_id=uuid.UUID(type_id) if type_id else None,
        )

    def set_status_filter(self, status: str | None) -> None:
        """Show the members of one dues status (the dashboard's membership chart opens it)."""
        self.tabs.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(status), 0))

    def apply_filters(self) -> None:
        """Re-run the members list."""
        self._search_timer.stop()
        query = self.query()
        membership = self.membership
        # The first rows show at once; the count (a status filter reads every member) runs aside.
        self.model.set_source(
            lambda: membership.count(query),
            lambda sort, descending, request: membership.page(query, sort, descending, request),
            count_in_background=True,
        )
        self._show_selected()
        self._update_summary()

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.tabs.setCurrentIndex(0)
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_count(self, total: int) -> None:
        filtered = bool(
            self.search_edit.text().strip() or self.status_combo.currentData() or self.type_combo.currentData()
        )
        if total:
            self.empty_label.hide()
            self.table.show()
            return
        self.table.hide()
        self.empty_label.show()
        if filtered:
            self.empty_label.setText(self.tr("No member matches the search and filters."))
        else:
            self.empty_label.setText(
                self.tr(
                    "No member yet. Give someone the member role in the contact editor, or record a "
                    "subscription: the person becomes a member."
                )
            )

    def _update_summary(self) -> None:
        """Count each status in the background (every member is read), then show the counts."""
        membership = self.membership
        self._summary_generation += 1
        generation = self._summary_generation
        self._summary_job = workers.start(
            lambda _report, _token: (generation, membership.status_counts()),
            on_done=self._show_summary,
            on_error=lambda exc, _details: self.status_message.emit(str(exc), None),
        )

    def _show_summary(self, result: tuple[int, dict[str, int]]) -> None:
        generation, counts = result
        if generation != self._summary_generation:
            return  # a newer count is on its way
        parts = []
        for code, name in dues_status_names():
            colour = dues_status_colour(code).name()
            parts.append(f"<span style='color:{colour}'>● {name} {counts.get(code, 0)}</span>")
        self.summary_label.setText("&nbsp;&nbsp;".join(parts))

    def selected_ids(self) -> list[uuid.UUID]:
        """Selected members, in list order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [self.model.id_at(r) for r in rows]
        return [i for i in ids if i is not None]

    def select_id(self, party_id: uuid.UUID) -> bool:
        """Select a member among the loaded rows."""
        row = self.model.cached_row_of(party_id)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def _show_selected(self) -> None:
        ids = self.selected_ids()
        self.panel.show_party(ids[0] if len(ids) == 1 else None)

    def open_selected(self) -> None:
        """Open the selected member's contact record."""
        ids = self.selected_ids()
        if ids:
            self.open_requested.emit(ids[0])

    def record_subscription(self, party_id: uuid.UUID | None = None) -> SubscriptionDialog | None:
        """Record a subscription: for the selected member, or for someone to pick."""
        if self.session.read_only:
            return None
        if not self.membership.types(include_inactive=False):
            QMessageBox.information(
                self,
                self.tr("No membership type"),
                self.tr("Create a membership type first (Membership types tab): its fee and duration are needed."),
            )
            self.tabs.setCurrentIndex(2)
            return None
        ids = self.selected_ids()
        if party_id is None and len(ids) == 1:
            party_id = ids[0]
        name = self.panel.status.display_name if party_id and self.panel.status else ""
        dialog = SubscriptionDialog(self.session, party_id=party_id, party_name=name, parent=self.window())
        dialog.saved.connect(self.panel._saved)
        dialog.open()
        return dialog

    def print_receipts(self) -> bool:
        """Receipts of the selected members' latest payments, in one PDF."""
        ids = self.selected_ids()
        receipts = self.membership.receipts_for(ids)
        if not receipts:
            self.status_message.emit(self.tr("None of the selected members has paid a subscription."), None)
            return False
        labels, fmt, today = receipt_labels(), report_formatter(), self.membership.today()

        def build(path: Path, _report: object) -> None:
            from ekocrm_desktop.reports.membership import receipts_pdf  # ReportLab loads when a PDF is made

            receipts_pdf(receipts, path, labels=labels, issued_on=today, fmt=fmt)

        return self.documents.save(self.tr("Save the receipts"), f"{labels.document_title}.pdf", build)

    def print_cards(self) -> bool:
        """Member cards of the selected members who are paid up."""
        cards = self.membership.cards(self.selected_ids())
        if not cards:
            self.status_message.emit(self.tr("None of the selected members is up to date with dues."), None)
            return False
        labels, fmt = card_labels(), report_formatter()

        def build(path: Path, _report: object) -> None:
            from ekocrm_desktop.reports.membership import cards_pdf  # ReportLab loads when a PDF is made

            cards_pdf(cards, path, labels=labels, fmt=fmt)

        return self.documents.save(self.tr("Save the member cards"), f"{labels.document_title}.pdf", build)

    # ------------------------------------------------------------------ reminders
    def _ensure_rules(self) -> None:
        if self.session.read_only:
            return
        body = self.tr(
            "{civility} {last_name},\n\nYour membership “{type}” of {organisation} ends on {paid_until}. "
            "To keep supporting us, please renew your subscription ({fee}).\n\n"
            "If you have paid meanwhile, please ignore this message.\n\nKind regards,"
        )
        late = self.tr(
            "{civility} {last_name},\n\nYour membership “{type}” of {organisation} ended on {paid_until} and we "
            "have not received your subscription ({fee}) yet. We would be glad to count you among us again.\n\n"
            "Kind regards,"
        )
        defaults = [
            RuleDraft(self.tr("One month before"), -30, "email", self.tr("Your membership ends on {paid_until}"), body),
            RuleDraft(self.tr("On the day"), 0, "email", self.tr("Your membership ends today"), body),
            RuleDraft(self.tr("Fifteen days after"), 15, "letter", self.tr("Renewing your membership"), late),
        ]
        try:
            self.membership.ensure_default_rules(defaults)
        except Exception as exc:  # a reader on a shared database may not write them
            self.status_message.emit(str(exc), None)

    def refresh_reminders(self) -> None:
        """Read the sequence, the reminders due today and the log again."""
        rules = self.membership.reminder_rules()
        self._rules = rules
        self.rules_table.setRowCount(len(rules))
        for row, rule in enumerate(rules):
            _set_row(
                self.rules_table,
                row,
                (
                    offset_text(rule.offset_days),
                    channel_name(rule.channel),
                    rule.name,
                    self.tr("Yes") if rule.is_active else self.tr("No"),
                ),
            )
        self._reminders_stale = False
        entries = self.membership.ledger()
        self._fill_ledger(entries)
        membership = self.membership
        self._due_generation += 1
        generation = self._due_generation
        self.due_label.setText(self.tr("Looking for the reminders due today…"))
        self.letters_button.setEnabled(False)
        self._due_job = workers.start(
            lambda _report, _token: (generation, membership.due_reminders()),
            on_done=self._show_due,
            on_error=lambda exc, _details: self.due_label.setText(str(exc)),
        )

    def _show_due(self, result: tuple[int, list[DueReminder]]) -> None:
        generation, due = result
        if generation != self._due_generation:
            return
        self.due = due
        self.due_label.setText(self.tr("%n reminder(s) due today", "", len(self.due)))
        self.due_table.setRowCount(len(self.due))
        for row, reminder in enumerate(self.due):
            _set_row(
                self.due_table,
                row,
                (
                    reminder.recipient.display_name,
                    reminder.rule_name,
                    date_text(reminder.period_end),
                    dues_status_name(reminder.status),
                    channel_name(reminder.channel),
                    reminder.recipient.email,
                ),
            )
        self.letters_button.setEnabled(bool(self.due) and not self.session.read_only)
        mail_ready = self.session.mail.account().configured
        emails = any(r.channel == "email" and r.recipient.email for r in self.due)
        self.email_button.setEnabled(mail_ready and emails and not self.session.read_only)
        self.email_button.setToolTip(
            "" if mail_ready else self.tr("Set up the workspace's mail account first (File › E-mail and SMS accounts).")
        )

    def _fill_ledger(self, entries: list[LedgerEntry]) -> None:
        self.ledger_table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            outcome = ledger_status_name(entry.status) + (f" — {entry.error}" if entry.error else "")
            _set_row(
                self.ledger_table,
                row,
                (
                    local_datetime_text(entry.created_at),
                    entry.member_name,
                    entry.rule_name,
                    date_text(entry.period_end),
                    channel_name(entry.channel),
                    outcome,
                ),
            )

    def send_emails(self) -> workers.Worker | None:
        """E-mail the reminders due today (in a worker); each is written in the log, sent or failed."""
        due = [r for r in self.due if r.channel == "email" and r.recipient.email]
        if not due:
            return None
        membership = self.membership
        messages = membership.render_reminders(due, locale=merge_locale())
        send = self.session.mail.mail_send()
        self.email_button.setEnabled(False)

        def work(report: Any, token: workers.CancelToken) -> SendReport:
            return membership.send_reminder_emails(
                messages, send, progress=lambda done, total: report(done, total, ""), cancelled=lambda: token.cancelled
            )

        def done(result: SendReport) -> None:
            self.status_message.emit(
                self.tr("Reminders by e-mail: %1 sent, %2 failed.")
                .replace("%1", str(result.sent))
                .replace("%2", str(result.failed)),
                None,
            )
            self.refresh_reminders()

        def failed(exc: Exception, _details: str) -> None:
            self.status_message.emit(str(exc), None)
            self.refresh_reminders()

        return workers.start(work, on_done=done, on_error=failed)

    def print_letters(self) -> bool:
        """All reminders due today as letters (one PDF); they are then written in the log."""
        due = list(self.due)
        if not due:
            return False
        membership = self.membership
        messages = membership.render_reminders(due, locale=merge_locale())
        organisation = membership.organisation()
        labels, fmt, today = letter_labels(), report_formatter(), membership.today()

        def build(path: Path, report: object) -> None:
            from ekocrm_desktop.reports.membership import reminder_letters_pdf  # ReportLab loads when a PDF is made

            reminder_letters_pdf(
                messages,
                organisation,
                path,
                today=today,
                labels=labels,
                fmt=fmt,
                progress=lambda done, total: report(done, total, ""),  # type: ignore[operator]
            )

        def written(_path: Path) -> None:
            claimed = membership.claim_reminders(due, status="printed")
            self.status_message.emit(self.tr("%n letter(s) written in the reminders log.", "", len(claimed)), None)

        return self.documents.save(
            self.tr("Save the reminder letters"),
            f"{labels.document_title} {today.isoformat()}.pdf",
            build,
            on_written=written,
        )

    def _selected_rule(self):  # type: ignore[no-untyped-def]
        row = self.rules_table.currentRow()
        return self._rules[row] if 0 <= row < len(self._rules) else None

    def add_rule(self) -> ReminderRuleDialog:
        """A new step of the sequence."""
        dialog = ReminderRuleDialog(self.session, parent=self.window())
        dialog.open()
        return dialog

    def edit_rule(self) -> ReminderRuleDialog | None:
        """Edit the selected step."""
        rule = self._selected_rule()
        if rule is None:
            return None
        dialog = ReminderRuleDialog(self.session, rule, parent=self.window())
        dialog.open()
        return dialog

    def delete_rule(self) -> None:
        """Remove the selected step (the log keeps what it sent)."""
        rule = self._selected_rule()
        if rule is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete the reminder?"), self.tr("Delete the reminder “%1”?").replace("%1", rule.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.membership.delete_rule(rule.id)

    # ------------------------------------------------------------------ types
    def _load_types(self) -> None:
        current = self.type_combo.currentData()
        self._types = self.membership.types()
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        self.type_combo.addItem(self.tr("All memberships"), None)
        for info in self._types:
            self.type_combo.addItem(info.name, str(info.id))
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(current)))
        self.type_combo.blockSignals(False)
        self.types_table.setRowCount(len(self._types))
        for row, info in enumerate(self._types):
            _set_row(
                self.types_table,
                row,
                (
                    info.name,
                    category_name(info.category),
                    money_text(info.fee, info.currency),
                    duration_name(info.duration),
                    self.tr("Yes") if info.send_reminders else self.tr("No"),
                    self.tr("Yes") if info.is_active else self.tr("No"),
                ),
            )

    def _selected_type(self):  # type: ignore[no-untyped-def]
        row = self.types_table.currentRow()
        return self._types[row] if 0 <= row < len(self._types) else None

    def add_type(self) -> MembershipTypeDialog:
        """A new membership type."""
        dialog = MembershipTypeDialog(self.session, parent=self.window())
        dialog.open()
        return dialog

    def edit_type(self) -> MembershipTypeDialog | None:
        """Edit the selected type."""
        info = self._selected_type()
        if info is None:
            return None
        dialog = MembershipTypeDialog(self.session, info, parent=self.window())
        dialog.open()
        return dialog

    def delete_type(self) -> None:
        """Delete the selected type (one in use is only withdrawn from new subscriptions)."""
        info = self._selected_type()
        if info is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the membership type?"),
            self.tr("Delete “%1”? If subscriptions use it, it is only no longer offered.").replace("%1", info.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.membership.delete_type(info.id)

    # ------------------------------------------------------------------ settings
    def load_settings(self) -> None:
        """Show the stored settings."""
        settings = self.membership.settings()
        self.due_soon_days.setValue(settings.due_soon_days)
        self.last_reminder_days.setValue(settings.last_reminder_days)
        self.quorum.setValue(float(settings.quorum_percent))
        self.max_proxies.setValue(settings.max_proxies)
        self.organisation_name.setText(settings.organisation_name)
        self.organisation_address.setPlainText(settings.organisation_address)
        self.city.setText(settings.city)
        self.signatory.setPlainText(settings.signatory)
        self.save_settings_button.setEnabled(not self.session.read_only)

    def save_settings(self) -> bool:
        """Store the settings typed."""
        settings = MembershipSettings(
            due_soon_days=self.due_soon_days.value(),
            last_reminder_days=self.last_reminder_days.value(),
            quorum_percent=Decimal(str(round(self.quorum.value(), 2))),
            max_proxies=self.max_proxies.value(),
            organisation_name=self.organisation_name.text(),
            organisation_address=self.organisation_address.toPlainText(),
            signatory=self.signatory.toPlainText(),
            city=self.city.text(),
        )
        try:
            self.membership.save_settings(settings)
        except ValidationFailedError as exc:
            self._settings_errors(list(exc.errors))
            return False
        self._settings_errors([])
        self.status_message.emit(self.tr("Membership settings saved."), None)
        return True

    def _settings_errors(self, errors: list[FieldError]) -> None:
        by_field = {e.field: field_error_text(e) for e in errors}
        for key, label in self.settings_errors.items():
            set_error(label, by_field.get(key, ""))

    # ------------------------------------------------------------------ changes
    def on_changes(self, changes: Changes) -> None:
        """Refresh what a write changed."""
        if changes.touches(SUBSCRIPTION, PARTY, MEMBERSHIP):
            selected = self.selected_ids()
            self.model.refresh()
            self._update_summary()
            if len(selected) == 1:
                self.select_id(selected[0])
        if changes.touches(MEMBERSHIP):
            self._load_types()
            self.load_settings()
        if changes.touches("organisation"):
            self.logo_picker.load()
        if changes.touches(REMINDER, SUBSCRIPTION, PARTY, MEMBERSHIP):
            # The reminders due read every member: only while their tab is on screen.
            if self.tabs.currentIndex() == REMINDERS_TAB:
                self.refresh_reminders()
            else:
                self._reminders_stale = True

    def _tab_changed(self, index: int) -> None:
        if index == REMINDERS_TAB and self._reminders_stale:
            self.refresh_reminders()

    def refresh(self) -> None:
        """F5."""
        self.apply_filters()
        if self.tabs.currentIndex() == REMINDERS_TAB:
            self.refresh_reminders()
        else:
            self._reminders_stale = True


def _table(headers: tuple[str, ...]) -> QTableWidget:
    """A read-only table of a few rows (sequence, types, reminders due, log); headers translated."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _set_row(table: QTableWidget, row: int, values: tuple[str, ...]) -> None:
    for column, value in enumerate(values):
        table.setItem(row, column, QTableWidgetItem(value))
