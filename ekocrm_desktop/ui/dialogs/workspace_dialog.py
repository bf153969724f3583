"""Creating a workspace: a new local SQLite file, or a connection to a shared PostgreSQL database."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.access import InitResult, init_shared_database
from ekocrm_desktop.services.errors import ServiceError
from ekocrm_desktop.services.workspaces import (
    POSTGRESQL,
    SQLITE,
    SSL_MODES,
    ConnectionFailedError,
    PostgresSettings,
    Workspace,
    WorkspaceError,
    WorkspaceRegistry,
    check_connection,
    default_sqlite_path,
    new_workspace_id,
)
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import connection_hint, team_error_text


class WorkspaceDialog(QDialog):
    """Name, colour and database of a new workspace."""

    def __init__(self, registry: WorkspaceRegistry, secrets: SecretStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WorkspaceDialog")
        self.setWindowTitle(self.tr("New workspace"))
        self.registry = registry
        self.secrets = secrets
        self.created: Workspace | None = None
        self._color = registry.next_color()
        self._path_touched = False

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("workspaceName")
        self.name_edit.setPlaceholderText(self.tr("Work, Association, …"))
        self.name_edit.textChanged.connect(self._name_changed)
        form.addRow(self.tr("Name *"), self.name_edit)
        self.color_button = QPushButton()
        self.color_button.setAccessibleName(self.tr("Colour"))
        self.color_button.clicked.connect(self._choose_color)
        form.addRow(self.tr("Colour"), self.color_button)
        self._paint_color()
        layout.addLayout(form)

        self.sqlite_radio = QRadioButton(self.tr("A file on this computer (one user)"))
        self.postgres_radio = QRadioButton(self.tr("A shared PostgreSQL database (a team)"))
        self.init_radio = QRadioButton(self.tr("A new shared database for a team (I administer the server)"))
        self.init_radio.setObjectName("newSharedDatabase")
        self.sqlite_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.sqlite_radio)
        group.addButton(self.postgres_radio)
        group.addButton(self.init_radio)
        layout.addWidget(self.sqlite_radio)
        layout.addWidget(self.postgres_radio)
        layout.addWidget(self.init_radio)

        self.sqlite_box = QGroupBox(self.tr("Local file"))
        sqlite_form = QHBoxLayout(self.sqlite_box)
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("File"))
        self.path_edit.textEdited.connect(lambda _t: setattr(self, "_path_touched", True))
        browse = QPushButton(icon("open"), self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        sqlite_form.addWidget(self.path_edit, 1)
        sqlite_form.addWidget(browse)
        layout.addWidget(self.sqlite_box)

        self.postgres_box = QGroupBox(self.tr("PostgreSQL server"))
        pg = QFormLayout(self.postgres_box)
        self.host_edit = QLineEdit("localhost")
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.database_edit = QLineEdit("ekocrm")
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_check = QCheckBox(self.tr("Remember the password in the system keychain"))
        self.remember_check.setChecked(True)
        if not secrets.keychain_available():
            self.remember_check.setChecked(False)
            self.remember_check.setEnabled(False)
            self.remember_check.setText(self.tr("No system keychain: the password will be asked at each start"))
        self.ssl_combo = QComboBox()
        for mode in SSL_MODES:
            self.ssl_combo.addItem(mode, mode)
        self.ssl_combo.setCurrentText("prefer")
        self.ssl_combo.setToolTip(
            self.tr("verify-full is recommended on a network: it checks the server's certificate")
        )
        self.ca_edit = QLineEdit()
        self.ca_edit.setPlaceholderText(self.tr("CA certificate file (for verify-ca / verify-full)"))
        pg.addRow(self.tr("Server"), self.host_edit)
        pg.addRow(self.tr("Port"), self.port_spin)
        pg.addRow(self.tr("Database"), self.database_edit)
        pg.addRow(self.tr("User"), self.user_edit)
        pg.addRow(self.tr("Password"), self.password_edit)
        pg.addRow("", self.remember_check)
        pg.addRow(self.tr("TLS (sslmode)"), self.ssl_combo)
        pg.addRow(self.tr("CA file"), self.ca_edit)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(icon("connect"), self.tr("Test the connection"))
        self.test_button.clicked.connect(self.test)
        self.test_result = QLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        pg.addRow(test_row)
        layout.addWidget(self.postgres_box)

        # A new team database: the server administrator's credentials are used once, never stored;
        # the login and password above become the first EkoCRM administrator's own.
        self.init_box = QGroupBox(self.tr("Server administrator (used once, never stored)"))
        init_form = QFormLayout(self.init_box)
        self.admin_user_edit = QLineEdit("postgres")
        self.admin_user_edit.setObjectName("serverAdminUser")
        self.admin_password_edit = QLineEdit()
        self.admin_password_edit.setObjectName("serverAdminPassword")
        self.admin_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.first_name_edit = QLineEdit()
        self.first_name_edit.setObjectName("firstAdminFirstName")
        self.last_name_edit = QLineEdit()
        self.last_name_edit.setObjectName("firstAdminLastName")
        init_form.addRow(self.tr("Administrator login"), self.admin_user_edit)
        init_form.addRow(self.tr("Administrator password"), self.admin_password_edit)
        explain = QLabel(
            self.tr(
                "EkoCRM creates the database (or uses an empty one), its roles and its security, then your own "
                "login (the user and password above) as the team's first administrator."
            )
        )
        explain.setWordWrap(True)
        explain.setStyleSheet("color: gray;")
        init_form.addRow(explain)
        init_form.addRow(self.tr("Your first name"), self.first_name_edit)
        init_form.addRow(self.tr("Your last name"), self.last_name_edit)
        layout.addWidget(self.init_box)

        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Create"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.sqlite_radio.toggled.connect(self._kind_changed)
        self.init_radio.toggled.connect(self._kind_changed)
        self._kind_changed()
        self._test_job: workers.Worker | None = None
        self._init_job: workers.Worker | None = None

    # ------------------------------------------------------------------ helpers
    def _kind_changed(self) -> None:
        sqlite = self.sqlite_radio.isChecked()
        init = self.init_radio.isChecked()
        self.sqlite_box.setVisible(sqlite)
        self.postgres_box.setVisible(not sqlite)
        self.init_box.setVisible(init)
        self.test_button.setVisible(not init)
        self.test_result.setVisible(not init)
        self.user_label_text(init)
        self.adjustSize()

    def user_label_text(self, init: bool) -> None:
        """In a new team database, the user and password are the first administrator's own, to be created."""
        form = self.postgres_box.layout()
        assert isinstance(form, QFormLayout)
        for widget, plain, mine in (
            (self.user_edit, self.tr("User"), self.tr("Your new login")),
            (self.password_edit, self.tr("Password"), self.tr("Your new password")),
        ):
            label = form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setText(mine if init else plain)

    def _name_changed(self, name: str) -> None:
        if not self._path_touched:
            self.path_edit.setText(str(default_sqlite_path(name or "workspace")))

    def _paint_color(self) -> None:
        self.color_button.setText(self._color)
        self.color_button.setStyleSheet(f"background: {self._color}; color: white; font-weight: bold;")

    def _choose_color(self) -> None:
        color = QColorDialog.getColor(QColor(self._color), self, self.tr("Workspace colour"))
        if color.isValid():
            self._color = color.name()
            self._paint_color()

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Workspace file"),
            self.path_edit.text(),
            self.tr("EkoCRM database (*.sqlite)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self._path_touched = True
            self.path_edit.setText(path)

    def postgres_settings(self) -> PostgresSettings:
        """The server settings as typed."""
        return PostgresSettings(
            host=self.host_edit.text().strip() or "localhost",
            port=self.port_spin.value(),
            database=self.database_edit.text().strip(),
            username=self.user_edit.text().strip(),
            sslmode=self.ssl_combo.currentData(),
            sslrootcert=self.ca_edit.text().strip(),
        )

    # ------------------------------------------------------------------ actions
    def test(self) -> None:
        """Try the connection in the background and say what happened."""
        settings, password = self.postgres_settings(), self.password_edit.text()
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Connecting…"))

        def done(version: object) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setStyleSheet("color: #2e7d32;")
            self.test_result.setText(self.tr("Connected: PostgreSQL %1").replace("%1", str(version)))

        def failed(exc: Exception, _details: str) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setStyleSheet("color: #c62828;")
            reason = str(exc) if isinstance(exc, ConnectionFailedError) else type(exc).__name__
            hint = connection_hint(reason)
            self.test_result.setText(
                self.tr("Connection failed: %1").replace("%1", reason) + (f"\n{hint}" if hint else "")
            )

        self._test_job = workers.start(
            lambda _r, _t: check_connection(settings, password), on_done=done, on_error=failed
        )

    def create(self) -> None:
        """Check and add the workspace; the dialog stays open with a message on error."""
        name = self.name_edit.text().strip()
        try:
            if not name:
                raise WorkspaceError(self.tr("Give the workspace a name."))
            if self.registry.find(name) is not None:
                raise WorkspaceError(self.tr("A workspace named “%1” already exists.").replace("%1", name))
            if self.init_radio.isChecked():
                self._create_shared_database(name)
                return
            if self.sqlite_radio.isChecked():
                path = Path(self.path_edit.text().strip()).expanduser()
                if not path.name:
                    raise WorkspaceError(self.tr("Choose a file for the workspace."))
                workspace = Workspace(new_workspace_id(), name, self._color, SQLITE, path=str(path.resolve()))
            else:
                settings = self.postgres_settings()
                if not settings.database:
                    raise WorkspaceError(self.tr("Give the name of the database."))
                workspace = Workspace(new_workspace_id(), name, self._color, POSTGRESQL, postgres=settings)
            self.created = self.registry.add(workspace)
        except WorkspaceError as exc:
            self.error_label.setText(str(exc))
            return
        password = self.password_edit.text()
        if workspace.kind == POSTGRESQL and password:
            if self.remember_check.isChecked():
                self.secrets.set(workspace.secret_key, password)
            else:
                self.secrets.remember_for_session(workspace.secret_key, password)
        self.accept()

    # ------------------------------------------------------------------ a new team database
    def _create_shared_database(self, name: str) -> None:
        """Set up a new team database in the background, then add it as this workspace."""
        settings = self.postgres_settings()
        if not settings.database:
            raise WorkspaceError(self.tr("Give the name of the database."))
        if not settings.username:
            raise WorkspaceError(self.tr("Choose your own login (lower case letters, digits, . _ -)."))
        password = self.password_edit.text()
        if len(password) < 8:
            raise WorkspaceError(self.tr("Choose a password of at least 8 characters for your own login."))
        admin_settings = dataclasses.replace(settings, username=self.admin_user_edit.text().strip() or "postgres")
        admin_url = admin_settings.url(self.admin_password_edit.text() or None)
        first, last = self.first_name_edit.text().strip(), self.last_name_edit.text().strip()
        login = settings.username
        self.create_button.setEnabled(False)
        self.error_label.setStyleSheet("color: gray;")
        self.error_label.setText(self.tr("Creating the shared database…"))

        def work(_report: object, _token: object) -> InitResult:
            return init_shared_database(
                admin_url,
                first_admin=login,
                first_admin_password=password,
                first_admin_name=(first, last or login),
            )

        def done(_result: object) -> None:
            self.admin_password_edit.clear()
            workspace = Workspace(new_workspace_id(), name, self._color, POSTGRESQL, postgres=settings)
            try:
                self.created = self.registry.add(workspace)
            except WorkspaceError as exc:
                self._init_failed(exc, "")
                return
            if self.remember_check.isChecked():
                self.secrets.set(workspace.secret_key, password)
            else:
                self.secrets.remember_for_session(workspace.secret_key, password)
            self.accept()

        self._init_job = workers.start(work, on_done=done, on_error=self._init_failed)

    def _init_failed(self, exc: Exception, _details: str) -> None:
        self.create_button.setEnabled(True)
        self.error_label.setStyleSheet("color: #c62828;")
        if isinstance(exc, ServiceError):
            reason = team_error_text(exc)
        else:
            reason = _reason(exc)
        self.error_label.setText(self.tr("The shared database was not created: %1").replace("%1", reason))


def _reason(exc: BaseException) -> str:
    """The driver's first line (never a URL: it could carry the administrator's password)."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip()
    return text.splitlines()[0] if text else type(original).__name__
