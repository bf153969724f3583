"""Dialogs of issue 8 part B: erase a person (typed confirmation), export everything, retention,
business cards (show, save, print), receive a card, copy or move people to another workspace."""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.reports.cards import business_cards_pdf
from ekocrm_desktop.reports.privacy import build_person_pdf
from ekocrm_desktop.services.cards import CardParseError, CardService, ReceivedCard, parse_card, printed_phone, qr_png
from ekocrm_desktop.services.errors import PermissionDeniedError, ServiceError
from ekocrm_desktop.services.privacy import ErasureSummary, PrivacyRefusedError, PrivacyService, RetentionRule
from ekocrm_desktop.services.workspaces import Workspace, open_workspace
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.formatting import local_datetime_text, phone_text
from ekocrm_desktop.ui.merge_labels import reasons_text
from ekocrm_desktop.ui.session import WorkspaceSession


def kind_label(table: str) -> str:
    """What a table's rows are, in the user's words (erasure summary, export headings)."""
    labels = {
        "party": QCoreApplication.translate("Privacy", "Person"),
        "party_email": QCoreApplication.translate("Privacy", "E-mail addresses"),
        "party_phone": QCoreApplication.translate("Privacy", "Phone numbers"),
        "party_address": QCoreApplication.translate("Privacy", "Postal addresses"),
        "party_role": QCoreApplication.translate("Privacy", "Roles"),
        "party_tag": QCoreApplication.translate("Privacy", "Tags"),
        "affiliation": QCoreApplication.translate("Privacy", "Links to organisations"),
        "membership_subscription": QCoreApplication.translate("Privacy", "Subscriptions"),
        "membership_reminder_sent": QCoreApplication.translate("Privacy", "Reminders sent"),
        "assembly_invitation": QCoreApplication.translate("Privacy", "Assembly invitations"),
        "news_recipient": QCoreApplication.translate("Privacy", "News sent to them"),
        "group_member": QCoreApplication.translate("Privacy", "Group memberships"),
        "team_member": QCoreApplication.translate("Privacy", "Team memberships"),
        "deal": QCoreApplication.translate("Privacy", "Deals"),
        "deal_line": QCoreApplication.translate("Privacy", "Deal lines"),
        "deal_contact": QCoreApplication.translate("Privacy", "Deal contacts"),
        "activity": QCoreApplication.translate("Privacy", "Activities"),
        "activity_link": QCoreApplication.translate("Privacy", "Links to activities"),
        "alert": QCoreApplication.translate("Privacy", "Alerts"),
        "import_batch_item": QCoreApplication.translate("Privacy", "Import records"),
        "merge_record": QCoreApplication.translate("Privacy", "Merges"),
        "duplicate_dismissal": QCoreApplication.translate("Privacy", "Dismissed duplicates"),
        "record_history": QCoreApplication.translate("Privacy", "History entries"),
        "looked_after": QCoreApplication.translate("Privacy", "Records they looked after (ids only)"),
    }
    if table.startswith("linked:"):
        base = labels.get(table.removeprefix("linked:"), table)
        return QCoreApplication.translate("Privacy", "Shared records: %1").replace("%1", base)
    return labels.get(table, table)


def _safe_file_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-") or "contact"


# ---------------------------------------------------------------------------- erase
class EraseDialog(QDialog):
    """Erase one person for good: what goes (counts per kind), confirmed by typing their name."""

    erased = Signal(object)

    def __init__(self, session: WorkspaceSession, party_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EraseDialog")
        self.session = session
        self.party_id = party_id
        self.service = PrivacyService(session.db)
        self.summary: ErasureSummary = self.service.erasure_summary(party_id)
        self.result_summary: ErasureSummary | None = None
        self.setWindowTitle(self.tr("Erase %1 for good").replace("%1", self.summary.display_name))
        layout = QVBoxLayout(self)
        warning = QLabel(
            self.tr(
                "This deletes the person and everything about them, for good: it cannot be undone, "
                "not even from the trash. Only their random id is kept, so that a sync or an import "
                "never brings them back, and a hashed form of their e-mail addresses and phone "
                "numbers, so that a future import does not add them to mailings again."
            )
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)
        layout.addWidget(QLabel(self.tr("What will be deleted:")))
        counts = QFormLayout()
        order = sorted(self.summary.deleted.items(), key=lambda kv: (kv[0] != "party", kind_label(kv[0])))
        for table, count in order:
            counts.addRow(kind_label(table), QLabel(str(count)))
        if self.summary.history_rows:
            counts.addRow(kind_label("record_history"), QLabel(str(self.summary.history_rows)))
        for table, count in sorted(self.summary.unlinked.items()):
            counts.addRow(self.tr("Link removed, record kept: %1").replace("%1", kind_label(table)), QLabel(str(count)))
        box = QWidget()
        box.setObjectName("eraseCounts")
        box.setLayout(counts)
        layout.addWidget(box)
        prompt = QLabel(
            self.tr("To confirm, type the person's name: <b>%1</b>").replace("%1", self.summary.display_name)
        )
        prompt.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(prompt)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("eraseConfirm")
        self.confirm_edit.setAccessibleName(self.tr("Name of the person to erase"))
        prompt.setBuddy(self.confirm_edit)
        layout.addWidget(self.confirm_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton(self.tr("Erase for good"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.setEnabled(False)
        self.buttons.accepted.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.confirm_edit.textChanged.connect(self._typed)
        if not self.service.may_erase():
            self.confirm_edit.setEnabled(False)
            prompt.setText(self.tr("Only an administrator can erase a person."))
        self.resize(520, self.sizeHint().height())

    def _typed(self, text: str) -> None:
        self.erase_button.setEnabled(" ".join(text.split()).casefold() == self.summary.display_name.casefold())

    def erase(self) -> None:
        """Erase, once the name was typed."""
        if not self.erase_button.isEnabled():
            return
        try:
            self.result_summary = self.service.erase_person(self.party_id)
        except (PermissionDeniedError, PrivacyRefusedError) as exc:
            show_error(self, self.tr("Erase"), self.tr("This person cannot be erased."), str(exc))
            return
        self.erased.emit(self.party_id)
        self.accept()


def export_person(session: WorkspaceSession, party_id: uuid.UUID, folder: Path | None, parent: QWidget) -> list[Path]:
    """Write everything held about a person as JSON and PDF into `folder` (asked when None)."""
    if folder is None:
        chosen = QFileDialog.getExistingDirectory(
            parent, QCoreApplication.translate("Privacy", "Folder for the export of personal data")
        )
        if not chosen:
            return []
        folder = Path(chosen)
    try:
        exported = PrivacyService(session.db).export_person(party_id)
    except ServiceError as exc:
        show_error(parent, QCoreApplication.translate("Privacy", "Export"), str(exc))
        return []
    stem = _safe_file_name(exported.display_name) + "-" + exported.exported_at.strftime("%Y%m%d")
    json_path = folder / f"{stem}.json"
    pdf_path = folder / f"{stem}.pdf"
    json_path.write_text(exported.to_json(), encoding="utf-8")
    headings = {name: kind_label(name) for name in (*exported.tables, "record_history", "looked_after")}
    headings.update({f"linked:{name}": kind_label(f"linked:{name}") for name in exported.linked})
    build_person_pdf(
        exported,
        pdf_path,
        title=QCoreApplication.translate("Privacy", "Personal data held about %1").replace("%1", exported.display_name),
        page_label=QCoreApplication.translate("Privacy", "Page %1 of %2"),
        headings=headings,
        intro=QCoreApplication.translate(
            "Privacy",
            "Every row this workspace holds about the person, table by table (GDPR article 15). "
            "The JSON file next to this one holds the same data in a machine-readable form (article 20).",
        ),
    )
    return [json_path, pdf_path]


# ---------------------------------------------------------------------------- retention
class RetentionDialog(QDialog):
    """The retention rule: who it concerns (role, years without activity), erased through the same path."""

    ROLES = ("prospect", "client", "member", "partner", "supplier", "competitor")

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RetentionDialog")
        self.setWindowTitle(self.tr("Retention of personal data"))
        self.session = session
        self.service = PrivacyService(session.db)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "People who only hold this role, with no activity and no change for this many years "
                "(the CNIL advises 3 years for prospects). Erasing them removes everything about them."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.role_combo = QComboBox()
        labels = {
            "prospect": self.tr("Prospects"),
            "client": self.tr("Clients"),
            "member": self.tr("Members"),
            "partner": self.tr("Partners"),
            "supplier": self.tr("Suppliers"),
            "competitor": self.tr("Competitors"),
        }
        for role in self.ROLES:
            self.role_combo.addItem(labels[role], role)
        self.years = QSpinBox()
        self.years.setRange(1, 30)
        self.years.setValue(3)
        self.years.setSuffix(self.tr(" years"))
        self.list_button = QPushButton(self.tr("List"))
        row.addWidget(QLabel(self.tr("Role:")))
        row.addWidget(self.role_combo)
        row.addWidget(QLabel(self.tr("Without activity for:")))
        row.addWidget(self.years)
        row.addWidget(self.list_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Last activity"), self.tr("Last change")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.erase_button = buttons.addButton(
            self.tr("Erase the checked people…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.erase_button.setEnabled(self.service.may_erase())
        self.erase_button.clicked.connect(self.erase_checked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list_button.clicked.connect(self.refresh)
        self.job: workers.Worker | None = None
        self._today: dt.date | None = None
        self.resize(640, 460)
        self.refresh()

    def refresh(self, _checked: bool = False, *, today: dt.date | None = None) -> None:
        """List the people the rule concerns, all checked."""
        if today is not None:
            self._today = today  # tests look at the list as it will be years from now
        rule = RetentionRule(str(self.role_combo.currentData()), self.years.value())
        found = self.service.retention_candidates(rule, today=self._today)
        self.table.setRowCount(len(found))
        for row, candidate in enumerate(found):
            name = QTableWidgetItem(candidate.display_name)
            name.setData(Qt.ItemDataRole.UserRole, candidate.party_id)
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, name)
            last = local_datetime_text(candidate.last_activity) if candidate.last_activity else self.tr("never")
            self.table.setItem(row, 1, QTableWidgetItem(last))
            self.table.setItem(row, 2, QTableWidgetItem(local_datetime_text(candidate.updated_at)))
        self.count_label.setText(self.tr("%n person(s) concerned.", "", len(found)))

    def checked_ids(self) -> list[uuid.UUID]:
        """The people checked in the list."""
        ids = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                ids.append(item.data(Qt.ItemDataRole.UserRole))
        return ids

    def erase_checked(self) -> None:
        """Erase the checked people after one confirmation."""
        ids = self.checked_ids()
        if not ids:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Erase"),
            self.tr("Erase %n person(s) for good? This cannot be undone.", "", len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        service = self.service

        def work(report: Callable[[int, int, str], None], token: workers.CancelToken) -> int:
            done = 0
            for index, party_id in enumerate(ids):
                if token.cancelled:
                    break  # the ones erased stay erased: each is its own transaction
                report(index, len(ids), "")
                service.erase_many([party_id], reason="retention")
                done += 1
            return done

        self.erase_button.setEnabled(False)
        self.count_label.setText(self.tr("Erasing…"))
        self.job = workers.start(work, on_done=self._erased, on_error=self._failed, on_progress=self._progress)

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.count_label.setText(self.tr("Erasing… %1 / %2").replace("%1", str(done)).replace("%2", str(total)))

    def _erased(self, _count: object) -> None:
        self.job = None
        self.erase_button.setEnabled(True)
        self.refresh()

    def _failed(self, exc: Exception, details: str) -> None:
        self.job = None
        self.erase_button.setEnabled(True)
        show_error(self, self.tr("Erase"), self.tr("These people cannot be erased."), f"{exc}\n\n{details}")
        self.refresh()


# ---------------------------------------------------------------------------- business cards
class BusinessCardDialog(QDialog):
    """A collaborator's card: the QR code of its vCard on screen, saved as .vcf, printed on a sheet."""

    def __init__(self, session: WorkspaceSession, party_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BusinessCardDialog")
        self.session = session
        self.card = CardService(session.db, contacts=session.contacts).card_of(party_id)
        self.setWindowTitle(self.tr("Business card of %1").replace("%1", self.card.display_name))
        layout = QHBoxLayout(self)
        self.qr_label = QLabel()
        self.qr_label.setObjectName("cardQr")
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(self.card.vcard, scale=5))
        self.qr_label.setPixmap(pixmap)
        self.qr_label.setAccessibleName(self.tr("QR code of the card, to scan with a phone"))
        self.qr_label.setToolTip(self.tr("Scan with a phone's camera to add this contact."))
        layout.addWidget(self.qr_label)
        side = QVBoxLayout()
        name = QLabel(f"<b style='font-size: 14pt'>{html.escape(self.card.display_name)}</b>")
        side.addWidget(name)
        lines = [self.card.job_title, self.card.organisation]
        lines += [printed_phone(p) for p in self.card.phones]
        lines += list(self.card.emails)
        if self.card.address is not None:
            address = self.card.address
            lines.append(" ".join(p for p in (address.street, address.postcode, address.city) if p))
        lines.append(self.card.website)
        for line in lines:
            if line:
                label = QLabel(line)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                side.addWidget(label)
        side.addStretch(1)
        self.vcf_button = QPushButton(self.tr("Save the vCard…"))
        self.pdf_button = QPushButton(self.tr("Print a card sheet (PDF)…"))
        close = QPushButton(self.tr("Close"))
        for button in (self.vcf_button, self.pdf_button, close):
            side.addWidget(button)
        self.vcf_button.clicked.connect(lambda: self.save_vcard())
        self.pdf_button.clicked.connect(lambda: self.save_sheet())
        close.clicked.connect(self.accept)
        layout.addLayout(side, 1)

    def save_vcard(self, path: Path | None = None) -> Path | None:
        """Write the card as a .vcf file (asked when `path` is None)."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the vCard"), f"{_safe_file_name(self.card.display_name)}.vcf", "vCard (*.vcf)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        path.write_text(self.card.vcard, encoding="utf-8")
        return path

    def save_sheet(self, path: Path | None = None, copies: int = 8) -> Path | None:
        """A PDF sheet of `copies` cards to print and cut."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Card sheet"), f"{_safe_file_name(self.card.display_name)}-cartes.pdf", "PDF (*.pdf)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        business_cards_pdf(
            [self.card] * copies,
            path,
            title=self.tr("Business cards"),
            page_label=QCoreApplication.translate("Privacy", "Page %1 of %2"),
        )
        return path


class ReceiveCardDialog(QDialog):
    """A received card (a .vcf file, or a QR code's text pasted): preview, duplicate check, create."""

    created = Signal(object)
    open_requested = Signal(object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReceiveCardDialog")
        self.setWindowTitle(self.tr("Receive a business card"))
        self.session = session
        self.service = CardService(session.db, contacts=session.contacts)
        self.card: ReceivedCard | None = None
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Open a vCard file (.vcf), or paste the text a phone read from a QR code."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.open_button = QPushButton(self.tr("Open a .vcf file…"))
        self.open_button.clicked.connect(lambda: self.open_file())
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("cardText")
        self.text_edit.setAccessibleName(self.tr("Text of the card"))
        self.text_edit.setPlaceholderText("BEGIN:VCARD … END:VCARD  /  MECARD:N:…;;")
        layout.addWidget(self.text_edit, 1)
        self.preview = QLabel()
        self.preview.setObjectName("cardPreview")
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.duplicates_label = QLabel(self.tr("Already in this workspace:"))
        self.duplicates_label.hide()
        layout.addWidget(self.duplicates_label)
        self.duplicates = QListWidget()
        self.duplicates.setObjectName("cardDuplicates")
        self.duplicates.setMaximumHeight(120)
        self.duplicates.hide()
        layout.addWidget(self.duplicates)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_existing = self.buttons.addButton(
            self.tr("Open the existing contact"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.create_button = self.buttons.addButton(
            self.tr("Create the contact"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setObjectName("createFromCard")
        self.open_existing.hide()
        self.create_button.setEnabled(False)
        self.open_existing.clicked.connect(self._open_existing)
        self.buttons.accepted.connect(self.create_contact)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._read)
        self.resize(560, 480)

    def open_file(self, path: Path | None = None) -> None:
        """Load a .vcf file into the text box (asked when `path` is None)."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Open a vCard"), "", "vCard (*.vcf *.vcard);;* (*)")
            if not chosen:
                return
            path = Path(chosen)
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        self.text_edit.setPlainText(text)

    def _read(self) -> None:
        self.duplicates.clear()
        self.duplicates.hide()
        self.duplicates_label.hide()
        self.open_existing.hide()
        try:
            self.card = parse_card(self.text_edit.toPlainText(), region=self.session.preferences.phone_region)
        except CardParseError:
            self.card = None
            self.preview.setText(self.tr("No card recognised yet.") if self.text_edit.toPlainText().strip() else "")
            self.create_button.setEnabled(False)
            return
        draft = self.card.draft
        parts = [self.card.display_name, draft.job_title, self.card.organisation]
        parts += [phone_text(p.number) for p in draft.phones] + [e.address for e in draft.emails]
        self.preview.setText(" · ".join(p for p in parts if p))
        hits = self.service.find_duplicates(self.card)
        for hit in hits:
            reason = reasons_text(hit.reasons or (hit.reason,))
            item = QListWidgetItem(f"{hit.display_name} ({reason})")
            item.setData(Qt.ItemDataRole.UserRole, hit.party_id)
            self.duplicates.addItem(item)
        if hits:
            self.duplicates_label.show()
            self.duplicates.show()
            self.duplicates.setCurrentRow(0)
            self.open_existing.show()
            # Enter opens the contact we have rather than making a duplicate.
            self.open_existing.setDefault(True)
            self.create_button.setDefault(False)
            self.create_button.setText(self.tr("Create anyway"))
        else:
            self.open_existing.setDefault(False)
            self.create_button.setDefault(True)
            self.create_button.setText(self.tr("Create the contact"))
        self.create_button.setEnabled(True)

    def _open_existing(self) -> None:
        item = self.duplicates.currentItem()
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))
            self.accept()

    def create_contact(self) -> None:
        """Create the contact the card describes."""
        if self.card is None:
            return
        try:
            detail = self.service.create_contact(self.card)
        except ServiceError as exc:
            show_error(self, self.tr("Receive a business card"), self.tr("The contact could not be created."), str(exc))
            return
        self.created.emit(detail.id)
        self.accept()


# ---------------------------------------------------------------------------- transfer
class TransferDialog(QDialog):
    """Copy or move the selected people to another workspace of the registry."""

    def __init__(
        self,
        session: WorkspaceSession,
        party_ids: list[uuid.UUID],
        workspaces: list[Workspace],
        secrets: object,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TransferDialog")
        self.setWindowTitle(self.tr("Copy or move to another workspace"))
        self.session = session
        self.party_ids = party_ids
        self.secrets = secrets
        self.outcome_text = ""
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%n person(s) selected.", "", len(party_ids))))
        form = QFormLayout()
        self.target_combo = QComboBox()
        for workspace in workspaces:
            if workspace.id != session.workspace.id:
                self.target_combo.addItem(workspace.name, workspace)
        form.addRow(self.tr("To the workspace:"), self.target_combo)
        self.copy_radio = QRadioButton(self.tr("Copy (they stay here too)"))
        self.move_radio = QRadioButton(self.tr("Move (erased from this workspace afterwards)"))
        self.copy_radio.setChecked(True)
        form.addRow(self.copy_radio)
        form.addRow(self.move_radio)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Their e-mails, phones, addresses, roles, tags, notes and organisations go; activities, "
                "deals and memberships stay in this workspace."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.job: workers.Worker | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def run(self) -> None:
        """Open the target workspace, copy or move in a worker, then report."""
        from ekocrm_desktop.services.transfer import TransferResult, TransferService

        workspace = self.target_combo.currentData()
        if workspace is None or self.job is not None:
            return
        move = self.move_radio.isChecked()
        source = self.session.db
        secrets = self.secrets
        ids = list(self.party_ids)

        def work(_report: object, _token: object) -> TransferResult:
            opened = open_workspace(workspace, secrets=secrets)  # type: ignore[arg-type]
            try:
                service = TransferService(source, opened.db)
                return service.move(ids) if move else service.copy(ids)
            finally:
                opened.db.dispose()

        self.ok_button.setEnabled(False)
        self.status.setText(self.tr("Working…"))
        self.job = workers.start(work, on_done=self._done, on_error=self._failed)

    def _done(self, result: object) -> None:
        from ekocrm_desktop.services.transfer import TransferResult

        self.job = None
        assert isinstance(result, TransferResult)
        self.outcome_text = (
            self.tr("%1 copied, %2 already there, %3 refused.")
            .replace("%1", str(result.count("copied")))
            .replace("%2", str(result.count("already_there")))
            .replace("%3", str(result.count("refused")))
        )
        QMessageBox.information(self, self.windowTitle(), self.outcome_text)
        self.accept()

    def _failed(self, exc: Exception, details: str) -> None:
        self.job = None
        self.ok_button.setEnabled(True)
        self.status.setText("")
        if isinstance(exc, PermissionDeniedError | PrivacyRefusedError):
            message = self.tr("Only an administrator can move people away.")
        else:
            message = self.tr("The other workspace could not be opened.")
        show_error(self, self.windowTitle(), message, f"{exc}\n\n{details}")
