"""The Users and rights page (administrators of a shared database): people with a login, their roles, record scope."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.access import USERS, TeamMember
from ekocrm_desktop.services.errors import ServiceError
from ekocrm_desktop.ui.dialogs.invite_dialog import InviteDialog, PasswordShownOnceDialog
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import app_role_name, scope_name, team_error_text
from ekocrm_desktop.ui.session import WorkspaceSession

LOGIN_ROLE = Qt.ItemDataRole.UserRole


class TeamPage(QWidget):
    """Invite people, promote or demote them, stop a login, reset a password; choose what each role sees."""

    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TeamPage")
        self.session = session
        self.members: list[TeamMember] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)

        header = QHBoxLayout()
        title = QLabel(self.tr("Users and rights"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.count_label = QLabel()
        header.addWidget(self.count_label)
        header.addStretch(1)
        self.invite_button = QPushButton(icon("new_person"), self.tr("Invite a person…"))
        self.invite_button.setObjectName("inviteButton")
        self.invite_button.clicked.connect(self.invite)
        header.addWidget(self.invite_button)
        layout.addLayout(header)

        explain = QLabel(
            self.tr(
                "Each person logs in to the shared database with their own login. Administrators manage "
                "people and settings, collaborators work on the records, readers only read. The server "
                "enforces these rights, also outside EkoCRM."
            )
        )
        explain.setWordWrap(True)
        explain.setStyleSheet("color: gray;")
        layout.addWidget(explain)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("membersTable")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Login"), self.tr("Role"), self.tr("Status")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 180), (2, 150), (3, 130)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.role_button = QPushButton(icon("role"), self.tr("Change role…"))
        self.role_button.setObjectName("roleButton")
        self.role_button.clicked.connect(self.change_role)
        self.enable_button = QPushButton(icon("disable"), self.tr("Disable login"))
        self.enable_button.setObjectName("enableButton")
        self.enable_button.clicked.connect(self.toggle_enabled)
        self.password_button = QPushButton(icon("key"), self.tr("New password…"))
        self.password_button.setObjectName("passwordButton")
        self.password_button.clicked.connect(self.reset_password)
        for button in (self.role_button, self.enable_button, self.password_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        teams = session.access.teams_available()
        scope_box = QGroupBox(self.tr("Which records people see"))
        scope_form = QFormLayout(scope_box)
        self.scope_combos: dict[str, QComboBox] = {}
        for role in ("collaborator", "reader"):
            combo = QComboBox()
            combo.setObjectName(f"scope_{role}")
            combo.setAccessibleName(self.tr("Records seen by the role “%1”").replace("%1", app_role_name(role)))
            for scope in ("all", "own", "team"):
                if scope != "team" or teams:
                    combo.addItem(scope_name(scope), scope)
            combo.setMaximumWidth(420)
            combo.activated.connect(lambda _i, r=role: self._scope_chosen(r))
            self.scope_combos[role] = combo
            scope_form.addRow(app_role_name(role), combo)
        note = QLabel(
            self.tr(
                "Administrators see every record. A record marked private is seen only by the person looking after it."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: gray;")
        scope_form.addRow(note)
        layout.addWidget(scope_box)

        self.refresh()
        session.bridge.listen(self, self._on_changes)

    # ------------------------------------------------------------------ content
    def refresh(self) -> None:
        """Read the people and settings again."""
        selected = self.selected()
        self.members = self.session.access.members()
        self.table.setRowCount(len(self.members))
        for row, member in enumerate(self.members):
            status = self.tr("Active") if member.enabled else self.tr("Disabled")
            values = (member.display_name, member.login, app_role_name(member.app_role), status)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(LOGIN_ROLE, member.login)
                if not member.enabled:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
            if selected is not None and member.login == selected.login:
                self.table.selectRow(row)
        self.count_label.setText(self.tr("%n person(s)", "", len(self.members)))
        for role, scope in self.session.access.scopes().items():
            combo = self.scope_combos.get(role)
            if combo is not None:
                combo.setCurrentIndex(max(combo.findData(scope), 0))
        self._update_buttons()

    def selected(self) -> TeamMember | None:
        """The person selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        login = self.table.item(rows[0].row(), 0).data(LOGIN_ROLE)
        return next((m for m in self.members if m.login == login), None)

    def select_login(self, login: str) -> None:
        """Select a person by login."""
        for row, member in enumerate(self.members):
            if member.login == login:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        member = self.selected()
        for button in (self.role_button, self.enable_button, self.password_button):
            button.setEnabled(member is not None)
        if member is not None and not member.enabled:
            self.enable_button.setText(self.tr("Enable login"))
            self.enable_button.setIcon(icon("enable"))
        else:
            self.enable_button.setText(self.tr("Disable login"))
            self.enable_button.setIcon(icon("disable"))

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(USERS, "access"):
            self.refresh()

    # ------------------------------------------------------------------ actions
    def invite(self) -> None:
        """Open the invitation form; show a generated password once."""
        dialog = InviteDialog(self.session.access, self)
        if not dialog.exec() or dialog.invitation is None:
            return
        invitation = dialog.invitation
        self.refresh()
        self.select_login(invitation.login)
        if invitation.generated_password:
            PasswordShownOnceDialog(invitation.login, invitation.generated_password, self).exec()
        self.status_message.emit(self.tr("%1 can now log in.").replace("%1", invitation.login), None)

    def change_role(self) -> None:
        """Promote or demote the selected person."""
        member = self.selected()
        if member is None:
            return
        codes = ["administrator", "collaborator", "reader"]
        names = [app_role_name(c) for c in codes]
        current = codes.index(member.app_role) if member.app_role in codes else 1
        chosen, ok = QInputDialog.getItem(
            self,
            self.tr("Change role"),
            self.tr("Role of %1:").replace("%1", member.display_name),
            names,
            current,
            False,
        )
        if not ok:
            return
        self.set_role(member.login, codes[names.index(chosen)])

    def set_role(self, login: str, role: str) -> bool:
        """Give a person another role (the server keeps at least one administrator)."""
        try:
            self.session.access.set_role(login, role)
        except ServiceError as exc:
            show_error(self, self.tr("Role not changed"), team_error_text(exc))
            return False
        self.refresh()
        self.status_message.emit(self.tr("%1 is now %2.").replace("%1", login).replace("%2", app_role_name(role)), None)
        return True

    def toggle_enabled(self) -> None:
        """Stop the selected person from logging in, or let them again."""
        member = self.selected()
        if member is None:
            return
        if member.enabled:
            answer = QMessageBox.question(
                self,
                self.tr("Disable login"),
                self.tr("Stop %1 from logging in? Their records and history stay.").replace("%1", member.display_name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.session.access.set_enabled(member.login, not member.enabled)
        except ServiceError as exc:
            show_error(self, self.tr("Not changed"), team_error_text(exc))
            return
        self.refresh()

    def reset_password(self) -> None:
        """Give the selected person a new generated password, shown once."""
        member = self.selected()
        if member is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("New password"),
            self.tr("Give %1 a new password? The current one will stop working.").replace("%1", member.display_name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            generated = self.session.access.reset_password(member.login)
        except ServiceError as exc:
            show_error(self, self.tr("Password not changed"), team_error_text(exc))
            return
        if generated:
            PasswordShownOnceDialog(member.login, generated, self).exec()

    def _scope_chosen(self, role: str) -> None:
        scope = self.scope_combos[role].currentData()
        try:
            self.session.access.set_scope(role, scope)
        except ServiceError as exc:
            show_error(self, self.tr("Not changed"), team_error_text(exc))
            self.refresh()
            return
        self.status_message.emit(
            self.tr("Records seen by the role “%1”: %2")
            .replace("%1", app_role_name(role))
            .replace("%2", scope_name(scope)),
            None,
        )
