"""The workspace's e-mail account and SMS gateway (issue 5, part C). Passwords and API keys go to
the system keychain, never to the database; "Test" connects and logs in without sending."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.eml import ImapAccount
from ekocrm_desktop.services.errors import PermissionDeniedError, ValidationFailedError
from ekocrm_desktop.services.mailing import MailError, SmtpAccount
from ekocrm_desktop.services.sms import HttpGatewayConfig
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.comms_common import failure_text
from ekocrm_desktop.ui.labels import field_error_text
from ekocrm_desktop.ui.session import WorkspaceSession

SECURITY = ("starttls", "ssl", "none")
PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class CommsSettingsDialog(QDialog):
    """SMTP account and SMS gateway of the workspace (administrators change them on a team database)."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CommsSettingsDialog")
        self.setWindowTitle(self.tr("E-mail and SMS accounts"))
        self.session = session
        self.worker: workers.Worker | None = None
        layout = QVBoxLayout(self)
        tabs = QTabWidget()
        layout.addWidget(tabs)

        account = session.mail.account()
        smtp = QWidget()
        form = QFormLayout(smtp)
        self.host = QLineEdit(account.host)
        self.host.setObjectName("smtpHost")
        self.host.setPlaceholderText("smtp.exemple.fr")
        form.addRow(self.tr("Server") + " *", self.host)
        self.security = QComboBox()
        self.security.setObjectName("smtpSecurity")
        for code, name in zip(
            SECURITY,
            (self.tr("STARTTLS (port 587)"), self.tr("SSL/TLS (port 465)"), self.tr("None (local relay only)")),
            strict=True,
        ):
            self.security.addItem(name, code)
        self.security.setCurrentIndex(max(0, SECURITY.index(account.security) if account.security in SECURITY else 0))
        form.addRow(self.tr("Security"), self.security)
        self.port = QSpinBox()
        self.port.setObjectName("smtpPort")
        self.port.setRange(1, 65535)
        self.port.setValue(account.port)
        self.security.currentIndexChanged.connect(lambda _i: self.port.setValue(PORTS[self.security.currentData()]))
        form.addRow(self.tr("Port"), self.port)
        self.username = QLineEdit(account.username)
        self.username.setObjectName("smtpUser")
        form.addRow(self.tr("User name"), self.username)
        self.password = QLineEdit()
        self.password.setObjectName("smtpPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("(stored in the keychain)") if session.mail.has_password(account) else ""
        )
        form.addRow(self.tr("Password"), self.password)
        self.from_address = QLineEdit(account.from_address)
        self.from_address.setObjectName("smtpFrom")
        form.addRow(self.tr("Sender address") + " *", self.from_address)
        self.from_name = QLineEdit(account.from_name)
        self.from_name.setObjectName("smtpFromName")
        form.addRow(self.tr("Sender name"), self.from_name)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test the connection"))
        self.test_button.setObjectName("smtpTest")
        self.test_button.clicked.connect(self.test_smtp)
        self.test_result = QLabel()
        self.test_result.setObjectName("smtpTestResult")
        self.test_result.setWordWrap(True)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        form.addRow(test_row)
        tabs.addTab(smtp, self.tr("E-mail (SMTP)"))

        config = session.sms.config()
        sms = QWidget()
        sms_form = QFormLayout(sms)
        self.sms_url = QLineEdit(config.url)
        self.sms_url.setObjectName("smsUrl")
        self.sms_url.setPlaceholderText("https://api.fournisseur.fr/sms/send")
        sms_form.addRow(self.tr("Gateway address"), self.sms_url)
        self.sms_method = QComboBox()
        for code, name in (
            ("POST", self.tr("POST (form)")),
            ("POST_JSON", self.tr("POST (JSON)")),
            ("GET", self.tr("GET (in the address)")),
        ):
            self.sms_method.addItem(name, code)
        self.sms_method.setCurrentIndex(max(0, self.sms_method.findData(config.method)))
        sms_form.addRow(self.tr("Method"), self.sms_method)
        self.sms_to = QLineEdit(config.to_param)
        sms_form.addRow(self.tr("Number parameter"), self.sms_to)
        self.sms_text = QLineEdit(config.text_param)
        sms_form.addRow(self.tr("Text parameter"), self.sms_text)
        self.sms_sender_param = QLineEdit(config.sender_param)
        sms_form.addRow(self.tr("Sender parameter"), self.sms_sender_param)
        self.sms_sender = QLineEdit(config.sender)
        sms_form.addRow(self.tr("Sender name"), self.sms_sender)
        self.sms_key_in_header = QCheckBox(self.tr("Send the key in a header (otherwise as a parameter)"))
        self.sms_key_in_header.setChecked(config.key_in == "header")
        sms_form.addRow(self.sms_key_in_header)
        self.sms_key_name = QLineEdit(config.key_name)
        sms_form.addRow(self.tr("Key header or parameter"), self.sms_key_name)
        self.sms_key_prefix = QLineEdit(config.key_prefix)
        self.sms_key_prefix.setPlaceholderText("Bearer ")
        sms_form.addRow(self.tr("Before the key"), self.sms_key_prefix)
        self.sms_key = QLineEdit()
        self.sms_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.sms_key.setPlaceholderText(self.tr("(stored in the keychain)") if config.configured else "")
        sms_form.addRow(self.tr("API key"), self.sms_key)
        self.sms_success = QLineEdit(config.success_contains)
        sms_form.addRow(self.tr("Answer must contain"), self.sms_success)
        tabs.addTab(sms, self.tr("SMS gateway"))

        box = session.imap.account()
        imap = QWidget()
        imap_form = QFormLayout(imap)
        note = QLabel(
            self.tr(
                "Optional: a mailbox the Journal reads on demand (Read the mailbox). Its messages are logged "
                "like dropped .eml files and stay unread on the server."
            )
        )
        note.setWordWrap(True)
        imap_form.addRow(note)
        self.imap_host = QLineEdit(box.host)
        self.imap_host.setObjectName("imapHost")
        self.imap_host.setPlaceholderText("imap.exemple.fr")
        imap_form.addRow(self.tr("Server"), self.imap_host)
        self.imap_security = QComboBox()
        for code, name in (
            ("ssl", self.tr("SSL/TLS (port 993)")),
            ("starttls", self.tr("STARTTLS (port 143)")),
            ("none", self.tr("None (local server only)")),
        ):
            self.imap_security.addItem(name, code)
        self.imap_security.setCurrentIndex(max(0, self.imap_security.findData(box.security)))
        imap_form.addRow(self.tr("Security"), self.imap_security)
        self.imap_port = QSpinBox()
        self.imap_port.setRange(1, 65535)
        self.imap_port.setValue(box.port)
        self.imap_security.currentIndexChanged.connect(
            lambda _i: self.imap_port.setValue(993 if self.imap_security.currentData() == "ssl" else 143)
        )
        imap_form.addRow(self.tr("Port"), self.imap_port)
        self.imap_user = QLineEdit(box.username)
        imap_form.addRow(self.tr("User name"), self.imap_user)
        self.imap_password = QLineEdit()
        self.imap_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.imap_password.setPlaceholderText(self.tr("(stored in the keychain)") if box.configured else "")
        imap_form.addRow(self.tr("Password"), self.imap_password)
        self.imap_mailbox = QLineEdit(box.mailbox)
        imap_form.addRow(self.tr("Folder"), self.imap_mailbox)
        tabs.addTab(imap, self.tr("Received mail (IMAP)"))

        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setObjectName("commsSave")
        # app_setting is written by administrators only on a team database.
        save.setEnabled(not session.read_only and session.capabilities.app_role in ("administrator", "owner"))
        layout.addWidget(buttons)
        self.save_button = save
        self.resize(560, 480)

    def smtp_account(self) -> SmtpAccount:
        """The account as typed."""
        return SmtpAccount(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=self.security.currentData(),
            username=self.username.text().strip(),
            from_address=self.from_address.text().strip(),
            from_name=self.from_name.text().strip(),
        )

    def gateway_config(self) -> HttpGatewayConfig:
        """The gateway as typed."""
        return HttpGatewayConfig(
            url=self.sms_url.text().strip(),
            method=self.sms_method.currentData(),
            to_param=self.sms_to.text().strip(),
            text_param=self.sms_text.text().strip(),
            sender_param=self.sms_sender_param.text().strip(),
            sender=self.sms_sender.text().strip(),
            key_in="header" if self.sms_key_in_header.isChecked() else "param",
            key_name=self.sms_key_name.text().strip(),
            key_prefix=self.sms_key_prefix.text(),
            success_contains=self.sms_success.text().strip(),
        )

    def imap_account(self) -> ImapAccount:
        """The mailbox as typed."""
        return ImapAccount(
            host=self.imap_host.text().strip(),
            port=self.imap_port.value(),
            security=self.imap_security.currentData(),
            username=self.imap_user.text().strip(),
            mailbox=self.imap_mailbox.text().strip() or "INBOX",
        )

    def test_smtp(self) -> workers.Worker | None:
        """Connect and log in with what is typed (the typed password, else the stored one)."""
        if self.worker is not None:
            return None
        account = self.smtp_account()
        password = self.password.text() or None
        mail = self.session.mail
        self.test_result.setText(self.tr("Connecting…"))
        self.test_button.setEnabled(False)

        def work(_report: Any, _token: Any) -> bool:
            mail.check_account(account, password)
            return True

        def done(_ok: bool) -> None:
            self.worker = None
            self.test_button.setEnabled(True)
            self.test_result.setText(self.tr("The server accepted the connection."))

        def failed(exc: Exception, _details: str) -> None:
            self.worker = None
            self.test_button.setEnabled(True)
            kind = exc.kind if isinstance(exc, MailError) else "server"
            self.test_result.setText(failure_text(kind) + f"\n{exc}")

        self.worker = workers.start(work, on_done=done, on_error=failed)
        return self.worker

    def save(self) -> None:
        """Store both settings; secrets only when typed (an empty field keeps the stored one)."""
        try:
            account = self.smtp_account()
            if account.host or account.from_address:
                self.session.mail.save_account(account, self.password.text() or None)
            self.session.sms.save_config(self.gateway_config(), self.sms_key.text() or None)
            self.session.imap.save_account(self.imap_account(), self.imap_password.text() or None)
        except ValidationFailedError as exc:
            self.error_label.setText("\n".join(field_error_text(e) for e in exc.errors))
            self.error_label.show()
            return
        except PermissionDeniedError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.accept()
