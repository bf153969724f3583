"""The person / organisation editor: a non-modal window, validated as you type, Ctrl+S saves."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes, ReadOnlyDatabaseError
from ekocrm_desktop.db.live import is_connection_error
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.services.contacts import PARTY, PartyDetail, PartyDraft
from ekocrm_desktop.services.duplicates import DuplicateMatch
from ekocrm_desktop.services.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailedError,
)
from ekocrm_desktop.services.history import NothingToRevertError
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.dialogs.conflict_dialog import ConflictDialog, party_fields
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.formatting import date_text, local_datetime_text, parse_date, phone_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import field_error_text
from ekocrm_desktop.ui.merge_labels import reasons_text
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.widgets.consent_panel import ConsentPanel
from ekocrm_desktop.ui.widgets.history_view import HistoryView
from ekocrm_desktop.ui.widgets.membership_panel import MembershipPanel
from ekocrm_desktop.ui.widgets.pickers import OrganisationPicker, TagsEdit
from ekocrm_desktop.ui.widgets.repeating import (
    AddressRow,
    AffiliationRow,
    EmailRow,
    PhoneRow,
    RepeatingEditor,
    RoleRow,
    error_label,
    set_error,
)
from ekocrm_desktop.ui.widgets.timeline_panel import TimelinePanel

VALIDATE_DELAY_MS = 250
#: Pause in typing after which a new record is compared with the existing ones.
DUPLICATE_DELAY_MS = 300
#: While the server cannot be reached, a kept save is retried this often (and when it answers again).
RETRY_SAVE_MS = 2000


class PartyDialog(QDialog):
    """Create or edit one party. Several can be open at once (non-modal)."""

    saved = Signal(object)
    #: The user wants to see an existing record (the one the duplicate warning names).
    open_requested = Signal(object)

    def __init__(
        self,
        session: WorkspaceSession,
        *,
        party_id: uuid.UUID | None = None,
        kind: str = "person",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PartyDialog")
        self.session = session
        self.party_id = party_id
        self.detail: PartyDetail | None = None
        if party_id is not None:
            self.detail = session.contacts.get(party_id)
            kind = self.detail.kind
        self.kind = kind
        self._initial = PartyDraft(kind=kind)
        self._closing_confirmed = False
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate)
        # Idempotent saves across lost connections: a new record's id is chosen now; an update
        # carries a token kept while the same draft is being retried (issue 4 point 7).
        self._new_id = uuid7()
        self._save_token: uuid.UUID | None = None
        self._token_draft: PartyDraft | None = None
        self._create_attempted: PartyDraft | None = None
        self.waiting_for_server = False
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_SAVE_MS)
        self._retry_timer.timeout.connect(self._retry_save)
        # Duplicate warning while creating: looked up in a worker after a pause in typing.
        self.duplicate_matches: list[DuplicateMatch] = []
        self._duplicates_dismissed = False
        self._duplicate_lookup = 0
        self._duplicate_timer = QTimer(self)
        self._duplicate_timer.setSingleShot(True)
        self._duplicate_timer.setInterval(DUPLICATE_DELAY_MS)
        self._duplicate_timer.timeout.connect(self.check_duplicates)

        self._build()
        if self.detail is not None:
            self._load(self.detail)
        else:
            # A new record is looked after by the person creating it (their own scope includes it).
            mine = self.session.capabilities.my_party_id
            if self.session.capabilities.team and mine is not None:
                self.owner_combo.setCurrentIndex(max(_index_of(self.owner_combo, mine), 0))
            self._initial = self.draft()
        self._update_title()
        self.resize(720, 640)
        self.validate()
        if not self._writable():
            self._make_read_only()
        session.bridge.listen(self, self._on_changes)
        session.connection_changed.connect(self._on_connection)

    # ------------------------------------------------------------------ layout
    def _choices_of_role(self, role: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """The configured states and categories of a role (settings lists), read once per form."""
        if role not in self._role_choices:
            from ekocrm_desktop.models.domains import role_category_list, role_status_list

            lists = self.session.settings_lists
            self._role_choices[role] = (
                lists.choices(role_status_list(role)),
                lists.choices(role_category_list(role)),
            )
        return self._role_choices[role]

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setObjectName("workspaceBanner")
        color = self.session.workspace.color
        self.banner.setStyleSheet(f"background: {color}; color: white; padding: 4px 8px; font-weight: bold;")
        self.banner.setText(self.tr("Workspace: %1").replace("%1", self.session.workspace.name))
        layout.addWidget(self.banner)
        # Someone else saved this record, or the server cannot be reached: said here, form untouched.
        self.notice = QLabel()
        self.notice.setObjectName("remoteNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #fff3cd; color: #5d4037; padding: 6px 8px; border-radius: 3px;")
        self.notice.hide()
        layout.addWidget(self.notice)
        self._build_duplicate_bar(layout)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        person = self.kind == "person"

        # --- identity
        identity = QWidget()
        form = QFormLayout(identity)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.errors: dict[str, QLabel] = {}

        def add_row(label: str, widget: QWidget, key: str, required: bool = False) -> None:
            container = QWidget()
            box = QVBoxLayout(container)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(widget)
            err = error_label()
            box.addWidget(err)
            self.errors[key] = err
            text = f"{label} *" if required else label
            form.addRow(text, container)
            widget.setAccessibleName(label)

        self.civility = QComboBox()
        self.civility.setEditable(True)
        self.civility.addItems(["", "Mme", "M.", "Dr", "Me", "Pr"])
        self.first_name = QLineEdit()
        self.first_name.setObjectName("firstName")
        self.last_name = QLineEdit()
        self.last_name.setObjectName("lastName")
        self.name = QLineEdit()
        self.name.setObjectName("organisationName")
        self.job_title = QLineEdit()
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(self.tr("DD/MM/YYYY"))
        self.website = QLineEdit()
        self.website.setPlaceholderText("https://")
        self.registration = QLineEdit()
        if person:
            add_row(self.tr("Civility"), self.civility, "civility")
            add_row(self.tr("First name"), self.first_name, "first_name")
            add_row(self.tr("Last name"), self.last_name, "last_name", required=True)
            add_row(self.tr("Job title"), self.job_title, "job_title")
            add_row(self.tr("Birth date"), self.birth_date, "birth_date")
        else:
            add_row(self.tr("Name"), self.name, "name", required=True)
            add_row(self.tr("Registration number (SIRET)"), self.registration, "registration_number")
        add_row(self.tr("Website"), self.website, "website")
        self.owner_combo = QComboBox()
        self.owner_combo.setObjectName("ownerCombo")
        self.private_check = QCheckBox(self.tr("Private: only the person looking after it can see it"))
        self.private_check.setObjectName("privateCheck")
        if self.session.capabilities.team:
            self.owner_combo.addItem(self.tr("— nobody —"), None)
            for party_id, name in self.session.access.owner_choices():
                self.owner_combo.addItem(name, party_id)
            add_row(self.tr("Looked after by"), self.owner_combo, "owner_id")
            add_row("", self.private_check, "private")
        if person:
            self.affiliations = RepeatingEditor(
                self.tr("Add an organisation"),
                lambda: AffiliationRow(OrganisationPicker(self.session.contacts.find_organisations)),
            )
            form.addRow(self.tr("Organisations"), self.affiliations)
        self.tabs.addTab(identity, icon("person" if person else "organisation"), self.tr("Identity"))

        # --- contact points
        contact = QWidget()
        contact_form = QFormLayout(contact)
        self.emails = RepeatingEditor(self.tr("Add an e-mail address"), EmailRow)
        region = self.session.preferences.phone_region
        self.phones = RepeatingEditor(self.tr("Add a phone number"), lambda: PhoneRow(lambda n: phone_text(n, region)))
        self.addresses = RepeatingEditor(self.tr("Add an address"), AddressRow)
        contact_form.addRow(self.tr("E-mail"), self.emails)
        contact_form.addRow(self.tr("Phone"), self.phones)
        contact_form.addRow(self.tr("Address"), self.addresses)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(contact)
        self.tabs.addTab(scroll, self.tr("Contact details"))

        # --- roles and tags
        roles = QWidget()
        roles_form = QFormLayout(roles)
        self.tags = TagsEdit(self.session.contacts.tag_names)
        roles_form.addRow(self.tr("Tags"), self.tags)
        self._role_choices: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {}
        self.roles = RepeatingEditor(self.tr("Add a role"), lambda: RoleRow(choices=self._choices_of_role))
        roles_form.addRow(self.tr("Roles"), self.roles)
        roles_scroll = QScrollArea()
        roles_scroll.setWidgetResizable(True)
        roles_scroll.setWidget(roles)
        self.tabs.addTab(roles_scroll, self.tr("Roles and tags"))

        # --- notes
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.tr("Notes"))
        self.tabs.addTab(self.notes, self.tr("Notes"))

        # --- timeline: the activities with this record (issue 5)
        self.timeline: TimelinePanel | None = None
        if self.party_id is not None:
            label = self.detail.display_name if self.detail else ""
            phones = tuple(p.number for p in self.detail.draft.phones) if self.detail else ()
            emails = tuple(e.address for e in self.detail.draft.emails) if self.detail else ()
            self.timeline = TimelinePanel(
                self.session, party_id=self.party_id, label=label, phones=phones, emails=emails
            )
            self.tabs.addTab(self.timeline, icon("fa6s.timeline"), self.tr("Timeline"))
        # --- membership: dues status and subscriptions of a stored party
        self.membership_panel: MembershipPanel | None = None
        if self.party_id is not None:
            self.membership_panel = MembershipPanel(self.session)
            self.membership_panel.show_party(self.party_id)
            self.tabs.addTab(self.membership_panel, icon("fa6s.id-card"), self.tr("Membership"))
        # --- consent per channel of a stored person (issue 6 B)
        self.consent_panel: ConsentPanel | None = None
        if self.party_id is not None:
            self.consent_panel = ConsentPanel(self.session, self.party_id)
            self.tabs.addTab(self.consent_panel, icon("fa6s.shield-halved"), self.tr("Consent"))
        # --- history (an existing record)
        self.history: HistoryView | None = None
        if self.party_id is not None:
            self.history = HistoryView(
                lambda: self.session.history.party_history(self.party_id) if self.party_id else [],
                names=self.session.history.party_names,
                can_revert=self.session.can_edit and self.session.capabilities.can_revert,
                phone_region=self.session.preferences.phone_region,
            )
            self.history.revert_requested.connect(self.revert)
            self.tabs.addTab(self.history, icon("history"), self.tr("History"))
            self.tabs.currentChanged.connect(self._tab_changed)

        self.summary = QLabel()
        self.summary.setObjectName("saveSummary")
        self.summary.setStyleSheet("color: #c62828;")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.audit = QLabel()
        self.audit.setStyleSheet("color: gray;")
        layout.addWidget(self.audit)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._add_privacy_buttons()
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.activated.connect(self.save)

        for edit in (
            self.first_name,
            self.last_name,
            self.name,
            self.job_title,
            self.birth_date,
            self.website,
            self.registration,
            self.tags,
        ):
            edit.textChanged.connect(self._changed)
        self.civility.currentTextChanged.connect(self._changed)
        self.owner_combo.currentIndexChanged.connect(self._changed)
        self.private_check.toggled.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        for editor in self._repeating():
            editor.changed.connect(self._changed)
        if self.session.read_only:
            self.save_button.setEnabled(False)
            self.summary.setText(self.session.db.read_only_reason or self.tr("This workspace is read-only."))

    def _build_duplicate_bar(self, layout: QVBoxLayout) -> None:
        """A quiet bar naming the records the new one may duplicate; it never takes the focus."""
        self.duplicate_bar = QFrame()
        self.duplicate_bar.setObjectName("duplicateWarning")
        self.duplicate_bar.setStyleSheet(
            "#duplicateWarning { background: #fff3cd; border-radius: 3px; } QLabel { color: #5d4037; }"
        )
        bar = QHBoxLayout(self.duplicate_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        warning_icon = QLabel()
        warning_icon.setPixmap(icon("warning", "#b26a00").pixmap(16, 16))
        bar.addWidget(warning_icon)
        self.duplicate_label = QLabel()
        self.duplicate_label.setObjectName("duplicateText")
        self.duplicate_label.setWordWrap(True)
        bar.addWidget(self.duplicate_label, 1)
        self.duplicate_open = QPushButton(self.tr("Open"))
        self.duplicate_open.setObjectName("duplicateOpen")
        self.duplicate_open.setToolTip(self.tr("Open the existing record"))
        self.duplicate_open.clicked.connect(self._open_duplicate)
        self.duplicate_later = QPushButton(self.tr("Merge later"))
        self.duplicate_later.setObjectName("duplicateLater")
        self.duplicate_later.setToolTip(
            self.tr("Hide this warning: the Duplicates page will propose merging the two records")
        )
        self.duplicate_later.clicked.connect(self._dismiss_duplicates)
        for button in (self.duplicate_open, self.duplicate_later):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable by keyboard, never grabbed by a click
            bar.addWidget(button)
        self.duplicate_bar.hide()
        layout.addWidget(self.duplicate_bar)

    def check_duplicates(self) -> None:
        """Look for existing records like the one being typed (new records only; in a worker)."""
        self._duplicate_timer.stop()
        if self.detail is not None or self._duplicates_dismissed:
            return
        self._duplicate_lookup += 1
        lookup = self._duplicate_lookup
        draft = self.draft()
        finder = self.session.duplicates
        workers.start(
            lambda _report, _token: finder.matches(draft),
            on_done=lambda matches: self._show_duplicates(lookup, matches),
            on_error=lambda _exc, _details: None,  # a warning that cannot be computed is just not shown
            owner=self,
        )

    def _show_duplicates(self, lookup: int, matches: list[DuplicateMatch]) -> None:
        if lookup != self._duplicate_lookup or self._duplicates_dismissed or self.detail is not None:
            return  # typed further since, or already saved
        self.duplicate_matches = list(matches)
        if not matches:
            self.duplicate_bar.hide()
            return
        described = "; ".join(
            ", ".join(x for x in (m.display_name, m.organisation_name or m.city) if x) + f" ({reasons_text(m.reasons)})"
            for m in matches[:3]
        )
        if self.kind == "person":
            text = self.tr("This person may already exist: %1").replace("%1", described)
        else:
            text = self.tr("This organisation may already exist: %1").replace("%1", described)
        self.duplicate_label.setText(text)
        self.duplicate_bar.show()

    def _open_duplicate(self) -> None:
        if self.duplicate_matches:
            self.open_requested.emit(self.duplicate_matches[0].party_id)

    def _dismiss_duplicates(self) -> None:
        self._duplicates_dismissed = True
        self.duplicate_bar.hide()

    def _add_privacy_buttons(self) -> None:
        """Privacy (export everything, erase) and, for a collaborator, the business card (issue 8)."""
        self.privacy_button: QPushButton | None = None
        self.card_button: QPushButton | None = None
        if self.detail is None or self.kind != "person":
            return
        self.privacy_button = self.buttons.addButton(self.tr("Privacy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.privacy_button.setIcon(icon("fa6s.user-shield"))
        menu = QMenu(self.privacy_button)
        self.export_everything_action = menu.addAction(self.tr("Export everything (JSON + PDF)…"))
        self.export_everything_action.triggered.connect(lambda: self.export_everything())
        self.erase_action = menu.addAction(self.tr("Erase this person…"))
        self.erase_action.triggered.connect(lambda: self.open_erase())
        self.privacy_button.setMenu(menu)
        if any(r.role == "collaborator" for r in self.detail.draft.roles):
            self.card_button = self.buttons.addButton(self.tr("Business card"), QDialogButtonBox.ButtonRole.ActionRole)
            self.card_button.setIcon(icon("fa6s.address-card"))
            self.card_button.clicked.connect(lambda: self.open_card())

    def export_everything(self, folder: Path | None = None) -> list[Path]:
        """Write everything held about this person (JSON + PDF); the folder is asked when None."""
        from ekocrm_desktop.ui.dialogs.privacy_dialogs import export_person

        if self.party_id is None:
            return []
        written = export_person(self.session, self.party_id, folder, self)
        if written:
            self._show_notice(self.tr("Exported to %1").replace("%1", str(written[0].parent)))
        return written

    def open_erase(self) -> QDialog | None:
        """The erasure confirmation; the editor closes once the person is erased."""
        from ekocrm_desktop.ui.dialogs.privacy_dialogs import EraseDialog

        if self.party_id is None:
            return None
        dialog = EraseDialog(self.session, self.party_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def erased(_party_id: object) -> None:
            self._closing_confirmed = True  # nothing left to save
            self.close()

        dialog.erased.connect(erased)
        dialog.show()
        return dialog

    def open_card(self) -> QDialog | None:
        """The collaborator's business card (QR code, .vcf, card sheet)."""
        from ekocrm_desktop.ui.dialogs.privacy_dialogs import BusinessCardDialog

        if self.party_id is None:
            return None
        dialog = BusinessCardDialog(self.session, self.party_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _repeating(self) -> list[RepeatingEditor[object]]:
        editors: list[RepeatingEditor[object]] = [self.emails, self.phones, self.addresses, self.roles]
        if self.kind == "person":
            editors.append(self.affiliations)
        return editors

    # ------------------------------------------------------------------ data
    def _load(self, detail: PartyDetail) -> None:
        d = detail.draft
        self.civility.setCurrentText(d.civility)
        self.first_name.setText(d.first_name)
        self.last_name.setText(d.last_name)
        self.name.setText(d.name)
        self.job_title.setText(d.job_title)
        self.birth_date.setText(date_text(d.birth_date))
        self.website.setText(d.website)
        self.registration.setText(d.registration_number)
        self.notes.setPlainText(d.notes)
        self.emails.set_values(d.emails)
        self.phones.set_values(d.phones)
        self.addresses.set_values(d.addresses)
        self.roles.set_values(d.roles)
        self.tags.set_tags(d.tags)
        if self.kind == "person":
            self.affiliations.set_values(d.affiliations)
        if d.owner_id is not None and _index_of(self.owner_combo, d.owner_id) < 0 and self.session.capabilities.team:
            names = self.session.history.party_names({d.owner_id})
            self.owner_combo.addItem(names.get(d.owner_id, self.tr("(someone you cannot see)")), d.owner_id)
        self.owner_combo.setCurrentIndex(max(_index_of(self.owner_combo, d.owner_id), 0))
        self.private_check.setChecked(d.private)
        self.detail = detail
        self._initial = self.draft()
        self.audit.setText(
            self.tr("Created %1 by %2 — modified %3 by %4")
            .replace("%1", local_datetime_text(detail.created_at))
            .replace("%2", detail.created_by or "?")
            .replace("%3", local_datetime_text(detail.updated_at))
            .replace("%4", detail.updated_by or "?")
        )

    def draft(self) -> PartyDraft:
        """What the form holds now."""
        return PartyDraft(
            kind=self.kind,
            civility=self.civility.currentText(),
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            name=self.name.text(),
            job_title=self.job_title.text(),
            birth_date=parse_date(self.birth_date.text()),
            website=self.website.text(),
            registration_number=self.registration.text(),
            notes=self.notes.toPlainText(),
            emails=tuple(self.emails.values()),
            phones=tuple(self.phones.values()),
            addresses=tuple(self.addresses.values()),
            tags=self.tags.tags(),
            roles=tuple(self.roles.values()),
            affiliations=tuple(self.affiliations.values()) if self.kind == "person" else (),
            **self._ownership(),
        )

    def _ownership(self) -> dict[str, object]:
        """Owner and private flag: edited here on a team database, else kept as loaded."""
        if self.session.capabilities.team:
            return {"owner_id": self.owner_combo.currentData(), "private": self.private_check.isChecked()}
        if self.detail is not None:
            return {"owner_id": self.detail.draft.owner_id, "private": self.detail.draft.private}
        return {}

    def is_dirty(self) -> bool:
        """Whether the form differs from what was loaded or saved."""
        return _comparable(self.draft()) != _comparable(self._initial)

    # ------------------------------------------------------------------ validation
    def _changed(self, *_args: object) -> None:
        self._validate_timer.start()
        if self.detail is None and not self._duplicates_dismissed:
            self._duplicate_timer.start()
        self._update_title()

    def validate(self) -> list[FieldError]:
        """Check the form and show each problem next to its field; returns the problems."""
        self._validate_timer.stop()
        _normalized, errors = self.session.contacts.validate(self.draft())
        if self.birth_date.text().strip() and parse_date(self.birth_date.text()) is None:
            errors.append(FieldError("birth_date", "date_invalid", self.birth_date.text()))
        self._show_errors(errors)
        return errors

    def _show_errors(self, errors: list[FieldError]) -> None:
        simple: dict[str, str] = {}
        rows: dict[str, dict[int, str]] = {}
        for error in errors:
            head, _, rest = error.field.partition(".")
            if rest:
                index = int(rest.split(".")[0])
                rows.setdefault(head, {})[index] = field_error_text(error)
            else:
                simple[head] = field_error_text(error)
        for key, label in self.errors.items():
            set_error(label, simple.get(key, ""))
        self.emails.set_errors(rows.get("emails", {}))
        self.phones.set_errors(rows.get("phones", {}))
        self.addresses.set_errors(rows.get("addresses", {}))
        self.roles.set_errors(rows.get("roles", {}))
        if self.kind == "person":
            self.affiliations.set_errors(rows.get("affiliations", {}))
        if errors:
            self.summary.setText(self.tr("%n field(s) to correct before saving.", "", len(errors)))
        elif not self.session.read_only:
            self.summary.clear()

    def _update_title(self) -> None:
        if self.detail is None:
            title = self.tr("New person") if self.kind == "person" else self.tr("New organisation")
        else:
            title = self.detail.display_name
        if self.is_dirty():
            title = "* " + title
        self.setWindowTitle(f"{title} — {self.session.workspace.name}")

    # ------------------------------------------------------------------ save
    def save(self) -> bool:
        """Validate and write; on a conflict, show both versions. Returns True when saved.

        When the server cannot be reached, the form keeps everything and the save is retried
        once it answers again; a retried save is never applied twice.
        """
        if not self._writable():
            return False
        errors = self.validate()
        if errors:
            self._focus_first_error(errors)
            return False
        draft = self.draft()
        if self.session.live is not None and not self.session.connected:
            self._wait_for_server()
            return False
        try:
            if self.detail is None:
                self._create_attempted = self._create_attempted or draft
                saved = self.session.contacts.create(draft, party_id=self._new_id)
                if _comparable(draft) != _comparable(self._create_attempted):
                    # An earlier attempt may have been committed before the connection dropped:
                    # what was typed since then is saved on top of it.
                    saved = self.session.contacts.update(saved.id, saved.version, draft)
            else:
                saved = self.session.contacts.update(
                    self.detail.id, self.detail.version, draft, save_token=self._token_for(draft)
                )
        except ValidationFailedError as exc:
            self._forget_attempt()
            self._show_errors(list(exc.errors))
            return False
        except ConflictError as exc:
            self._forget_attempt()
            return self._resolve_conflict(draft, exc.current)
        except NotFoundError:
            self._forget_attempt()
            show_error(self, self.tr("Not saved"), self.tr("This record was deleted for good by someone else."))
            return False
        except PermissionDeniedError as exc:
            self._forget_attempt()
            show_error(
                self,
                self.tr("Not saved"),
                self.tr("The server refused this change: your role does not allow it."),
                str(exc),
            )
            return False
        except ReadOnlyDatabaseError as exc:
            show_error(self, self.tr("Not saved"), str(exc))
            return False
        except Exception as exc:
            if not is_connection_error(exc):
                raise
            self._wait_for_server()
            return False
        self._after_save(saved)
        return True

    def _token_for(self, draft: PartyDraft) -> uuid.UUID:
        """The same token while the same draft is retried; a new one for a new draft."""
        if (
            self._save_token is None
            or self._token_draft is None
            or _comparable(draft) != _comparable(self._token_draft)
        ):
            self._save_token = uuid.uuid4()
            self._token_draft = draft
        return self._save_token

    def _forget_attempt(self) -> None:
        """The server answered (it refused or saved): a new save is a new attempt."""
        self._save_token = None
        self._token_draft = None

    # ------------------------------------------------------------------ lost connection
    def _wait_for_server(self) -> None:
        """Keep the form as it is and save once the server answers again."""
        self.waiting_for_server = True
        self._show_notice(
            self.tr(
                "The server cannot be reached. Your changes are kept in this form and will be saved "
                "as soon as it answers again."
            )
        )
        if self.session.live is not None:
            self.session.live.check_now()
        self._retry_timer.start()

    def _on_connection(self, connected: bool) -> None:
        if connected and self.waiting_for_server:
            self._retry_save()

    def _retry_save(self) -> None:
        if not self.waiting_for_server:
            self._retry_timer.stop()
            return
        if self.session.live is not None and not self.session.connected:
            return  # the connection-state signal will call again
        self._retry_timer.stop()
        self.waiting_for_server = False
        if not self.save() and not self.waiting_for_server:
            self._show_notice("")

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # ------------------------------------------------------------------ others' changes
    def _on_changes(self, changes: Changes) -> None:
        """Someone else saved this record: reload it if untouched here, else say so and keep the form."""
        if not changes.remote or self.detail is None or not changes.touches(PARTY):
            return
        if changes.ids and self.detail.id not in changes.ids:
            return
        try:
            current = self.session.contacts.get(self.detail.id)
        except NotFoundError:
            self._show_notice(self.tr("Someone deleted this record for good."))
            return
        except Exception as exc:
            if is_connection_error(exc):
                return
            raise
        if current.version == self.detail.version:
            return
        who = current.updated_by or "?"
        if self.is_dirty() or self.waiting_for_server:
            self._show_notice(
                self.tr(
                    "%1 saved this record while you were editing it. Your changes are kept: "
                    "saving will show both versions side by side."
                ).replace("%1", who)
            )
        else:
            self._load(current)
            self.validate()
            self._update_title()
            self._show_notice(self.tr("Updated with the changes %1 just saved.").replace("%1", who))
        if self.history is not None and self.tabs.currentWidget() is self.history:
            self.history.refresh()

    # ------------------------------------------------------------------ history
    def _tab_changed(self, index: int) -> None:
        if self.history is not None and self.tabs.widget(index) is self.history:
            self.history.refresh()

    def revert(self, tx: int) -> bool:
        """Put back what one change replaced (administrators), as a new recorded save."""
        if self.detail is None:
            return False
        if self.is_dirty():
            show_error(
                self,
                self.tr("Not reverted"),
                self.tr("Save or cancel your own changes to this form before reverting an earlier change."),
            )
            return False
        try:
            reverted = self.session.history.revert_party(self.detail.id, tx, expected_version=self.detail.version)
        except ConflictError as exc:
            self._load(exc.current)
            show_error(
                self,
                self.tr("Not reverted"),
                self.tr("Someone changed this record meanwhile; it was reloaded. Look at its history again."),
            )
            if self.history is not None:
                self.history.refresh()
            return False
        except NothingToRevertError:
            show_error(self, self.tr("Nothing to revert"), self.tr("The record already holds those values."))
            return False
        except PermissionDeniedError as exc:
            show_error(self, self.tr("Not reverted"), self.tr("Your role does not allow this change."), str(exc))
            return False
        self._load(reverted)
        self.validate()
        self._update_title()
        if self.history is not None:
            self.history.refresh()
        self._show_notice(self.tr("The change was reverted; the revert is in the history."))
        return True

    # ------------------------------------------------------------------ rights
    def _writable(self) -> bool:
        if self.detail is None:
            return self.session.can_create
        return self.session.can_edit

    def _make_read_only(self) -> None:
        """A reader (or a read-only database) sees the record and changes nothing."""
        for widget in self.findChildren(QLineEdit):
            widget.setReadOnly(True)
        self.notes.setReadOnly(True)
        for widget in (*self.findChildren(QComboBox), *self.findChildren(QAbstractButton)):
            if widget.parent() is not self.buttons and not _inside(widget, self.history):
                widget.setEnabled(False)
        self.save_button.setEnabled(False)
        self.save_button.setVisible(False)
        if not self.session.read_only:
            self.summary.setStyleSheet("color: gray;")
            self.summary.setText(self.tr("You can read this record; your role does not allow changing it."))

    def _after_save(self, saved: PartyDetail) -> None:
        self._forget_attempt()
        self.waiting_for_server = False
        self._retry_timer.stop()
        self.detail = saved
        self.party_id = saved.id
        self._initial = self.draft()
        self.saved.emit(saved.id)
        self._closing_confirmed = True
        self.accept()

    def _resolve_conflict(self, mine: PartyDraft, theirs: PartyDetail) -> bool:
        base = self.detail.draft if self.detail is not None else PartyDraft(kind=self.kind)
        names = self.session.history.party_names
        owner_name: Callable[[object], str] = lambda v: names({v}).get(v, "") if isinstance(v, uuid.UUID) else ""  # noqa: E731
        dialog = ConflictDialog(base=base, mine=mine, theirs=theirs, fields=party_fields(owner_name), parent=self)
        dialog.exec()
        if dialog.choice == ConflictDialog.RELOAD:
            self._load(theirs)
            self.validate()
            self._update_title()
            return False
        if dialog.choice == ConflictDialog.SAVE_MERGED and dialog.merged is not None:
            try:
                saved = self.session.contacts.update(theirs.id, theirs.version, dialog.merged)
            except Exception as exc:
                if not is_connection_error(exc):
                    raise
                self._load(dataclasses.replace(theirs, draft=dialog.merged))
                self._wait_for_server()
                return False
            except ConflictError as again:
                return self._resolve_conflict(dialog.merged, again.current)
            except ValidationFailedError as exc:
                self._load(dataclasses.replace(theirs, draft=dialog.merged))
                self._show_errors(list(exc.errors))
                return False
            self._after_save(saved)
            return True
        # Cancelled: keep editing; the next save will conflict again, nothing is lost.
        return False

    def _focus_first_error(self, errors: list[FieldError]) -> None:
        head = errors[0].field.split(".")[0]
        tab_of = {
            "emails": 1,
            "phones": 1,
            "addresses": 1,
            "roles": 2,
            "tags": 2,
        }
        self.tabs.setCurrentIndex(tab_of.get(head, 0))

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        if self._confirm_discard():
            self._closing_confirmed = True
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_confirmed or self._confirm_discard():
            self._closing_confirmed = True
            event.accept()
        else:
            event.ignore()

    def _confirm_discard(self) -> bool:
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes?"),
            self.tr("Close this form and lose your changes?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def _index_of(combo: QComboBox, value: object) -> int:
    """Index of an item by its data (findData compares Python objects by identity, not value)."""
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)


def _inside(widget: QWidget, container: QWidget | None) -> bool:
    while container is not None and widget is not None:
        if widget is container:
            return True
        widget = widget.parentWidget()
    return False


def _comparable(draft: PartyDraft) -> PartyDraft:
    """A draft without empty rows, for "has anything changed" checks."""
    return dataclasses.replace(
        draft,
        emails=tuple(e for e in draft.emails if e.address.strip()),
        phones=tuple(p for p in draft.phones if p.number.strip()),
        addresses=tuple(a for a in draft.addresses if not a.is_empty()),
    )
