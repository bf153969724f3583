"""Inviting a person to a team database, and showing a generated password once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.textnorm import words
from ekocrm_desktop.services.access import AccessError, AccessService, Invitation, check_login
from ekocrm_desktop.services.errors import ServiceError
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import app_role_name, team_error_text


class InviteDialog(QDialog):
    """Name, login, role and password of a new person; creates their login and collaborator record."""

    def __init__(self, team: AccessService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InviteDialog")
        self.setWindowTitle(self.tr("Invite a person"))
        self.team = team
        self.invitation: Invitation | None = None
        self._login_touched = False

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Each person has their own login to the shared database. A collaborator record is created "
                "for them, and what they may do follows their role."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first_name = QLineEdit()
        self.first_name.setObjectName("inviteFirstName")
        self.last_name = QLineEdit()
        self.last_name.setObjectName("inviteLastName")
        self.login = QLineEdit()
        self.login.setObjectName("inviteLogin")
        self.login.setPlaceholderText(self.tr("lower case letters, digits, . _ -"))
        self.login.textEdited.connect(lambda _t: setattr(self, "_login_touched", True))
        for edit in (self.first_name, self.last_name):
            edit.textChanged.connect(self._suggest_login)
        self.role = QComboBox()
        self.role.setObjectName("inviteRole")
        for code in ("collaborator", "administrator", "reader"):
            self.role.addItem(app_role_name(code), code)
        form.addRow(self.tr("First name"), self.first_name)
        form.addRow(self.tr("Last name *"), self.last_name)
        form.addRow(self.tr("Login *"), self.login)
        form.addRow(self.tr("Role"), self.role)
        self.generate_radio = QRadioButton(self.tr("Generate a password (shown once)"))
        self.generate_radio.setChecked(True)
        self.choose_radio = QRadioButton(self.tr("Choose the password"))
        group = QButtonGroup(self)
        group.addButton(self.generate_radio)
        group.addButton(self.choose_radio)
        self.password = QLineEdit()
        self.password.setObjectName("invitePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setEnabled(False)
        self.choose_radio.toggled.connect(self.password.setEnabled)
        form.addRow(self.tr("Password"), self.generate_radio)
        choose = QHBoxLayout()
        choose.addWidget(self.choose_radio)
        choose.addWidget(self.password, 1)
        form.addRow("", choose)
        layout.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setObjectName("inviteError")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Invite"))
        buttons.accepted.connect(self.invite)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _suggest_login(self) -> None:
        if self._login_touched:
            return
        parts = words(f"{self.first_name.text()} {self.last_name.text()}")
        self.login.setText(".".join(parts)[:40])

    def invite(self) -> None:
        """Create the login; the dialog stays open with the reason when the server refuses."""
        try:
            if not self.last_name.text().strip():
                raise AccessError("name_required", "a last name is needed")
            login = check_login(self.login.text())
            password = self.password.text() if self.choose_radio.isChecked() else None
            if password is not None and len(password) < 8:
                raise AccessError("password_short", "at least 8 characters")
            self.invitation = self.team.invite(
                login,
                app_role=self.role.currentData(),
                password=password,
                first_name=self.first_name.text(),
                last_name=self.last_name.text(),
            )
        except ServiceError as exc:
            self.error_label.setText(team_error_text(exc))
            return
        self.accept()


class PasswordShownOnceDialog(QDialog):
    """A generated password, shown once: EkoCRM keeps it nowhere."""

    def __init__(self, login: str, password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PasswordShownOnceDialog")
        self.setWindowTitle(self.tr("Password of %1").replace("%1", login))
        layout = QVBoxLayout(self)
        message = QLabel(
            self.tr(
                "Give this password to %1 in person or by a channel you trust. It is shown only now: "
                "EkoCRM does not keep it. They can change it once logged in."
            ).replace("%1", login)
        )
        message.setWordWrap(True)
        layout.addWidget(message)
        row = QHBoxLayout()
        self.password = QLineEdit(password)
        self.password.setObjectName("shownPassword")
        self.password.setReadOnly(True)
        font = self.password.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.password.setFont(font)
        self.password.setAlignment(Qt.AlignmentFlag.AlignCenter)
        copy = QPushButton(icon("copy"), self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(password))
        row.addWidget(self.password, 1)
        row.addWidget(copy)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(460, 160)


class ChangePasswordDialog(QDialog):
    """The connected person chooses a new password for their own login (kept in the keychain)."""

    def __init__(self, team: AccessService, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChangePasswordDialog")
        self.setWindowTitle(self.tr("Change my password"))
        self.team = team
        self.changed_to: str | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Login"), QLabel(login))
        self.password = QLineEdit()
        self.password.setObjectName("newPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("newPasswordAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("New password"), self.password)
        form.addRow(self.tr("Once more"), self.again)
        layout.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.change)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def change(self) -> None:
        """Set the new password on the server; the dialog says why when it cannot."""
        password = self.password.text()
        if len(password) < 8:
            self.error_label.setText(self.tr("A password needs at least 8 characters."))
            return
        if password != self.again.text():
            self.error_label.setText(self.tr("The two passwords differ."))
            return
        try:
            self.team.change_own_password(password)
        except ServiceError as exc:
            self.error_label.setText(team_error_text(exc))
            return
        self.changed_to = password
        self.accept()
