"""E-mail, SMS, conversations and `.eml` files through the real window (issue 5, part C): compose
and send an e-mail from a contact to aiosmtpd on loopback, see a failure kept in the outbox and
retry it; post in a conversation and see the unread count in the sidebar; drop an `.eml` file
on a timeline; every new item model under qtmodeltester."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
from collections.abc import Iterator
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.engine import make_engine
from ekocrm_desktop.services.audience import Audience
from ekocrm_desktop.services.contacts import EmailEntry, PartyDraft, PhoneEntry, RoleEntry
from ekocrm_desktop.services.conversations import ConversationService
from ekocrm_desktop.services.mailing import SmtpAccount, TemplateDraft
from ekocrm_desktop.services.membership import SubscriptionDraft, TypeDraft
from ekocrm_desktop.services.news import NewsDraft
from ekocrm_desktop.ui.dialogs.comms_settings_dialog import CommsSettingsDialog
from ekocrm_desktop.ui.dialogs.email_composer import EmailComposer
from ekocrm_desktop.ui.dialogs.party_dialog import PartyDialog
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.conversations_page import ConversationsPage
from ekocrm_desktop.ui.pages.membership_page import MembershipPage
from ekocrm_desktop.ui.pages.news_page import NewsPage
from ekocrm_desktop.ui.pages.outbox_page import OutboxPage

from .conftest import type_text


class Inbox:
    """Keeps what the loopback server receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, _server, _session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))  # type: ignore[arg-type]
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def account(port: int) -> SmtpAccount:
    return SmtpAccount(
        host="127.0.0.1", port=port, security="none", from_address="bureau@exemple.fr", from_name="Bureau", timeout=5
    )


def _composers() -> list[EmailComposer]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, EmailComposer) and w.isVisible()]


def test_compose_and_send_an_email_from_a_contact_then_retry_a_failure_from_the_outbox(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, qtmodeltester, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    session = window.session
    assert session is not None
    session.mail.save_account(account(port))
    session.mail.save_template(TemplateDraft("Bienvenue", "Bienvenue {prénom}", "Bonjour {prénom},\n\nMerci !"))
    helene = session.contacts.create(
        PartyDraft(first_name="Hélène", last_name="Durand", emails=(EmailEntry("helene@exemple.fr"),))
    )
    editor = window.edit_party(helene.id)
    assert isinstance(editor, PartyDialog) and editor.timeline is not None
    timeline = editor.timeline
    editor.tabs.setCurrentWidget(timeline)

    # One click on her address opens the composer, addressed to her.
    [address] = timeline.email_buttons
    assert address.text() == "helene@exemple.fr"
    qtbot.mouseClick(address, Qt.MouseButton.LeftButton)
    [composer] = _composers()
    assert composer.to_edit.text() == "helene@exemple.fr"
    composer.template_combo.setCurrentIndex(composer.template_combo.findText("Bienvenue"))
    assert composer.preview.toPlainText().startswith("Subject: Bienvenue Hélène\n\nBonjour Hélène,")
    composer.subject_edit.clear()
    type_text(composer.subject_edit, "Réunion de l'été, {prénom}")
    assert "Réunion de l'été, Hélène" in composer.preview.toPlainText()
    attachment = Path(window.session.db.engine.url.database or ".").parent / "ordre du jour.txt"  # type: ignore[union-attr]
    attachment.write_text("1. Budget\n2. Fête", encoding="utf-8")
    composer.add_attachments([attachment])
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not _composers(), timeout=10_000)

    [message] = inbox.messages
    assert message["Subject"] == "Réunion de l'été, Hélène"
    assert message["To"].addresses[0].display_name == "Hélène Durand"
    assert [a.get_filename() for a in message.iter_attachments()] == ["ordre du jour.txt"]
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 1)
    assert timeline.model.row_at(0).type == "email_out"

    # The server is down: the message stays in the outbox with its reason; a retry sends it.
    session.mail.save_account(account(free_port()))
    timeline.compose_email()
    [failing] = _composers()
    type_text(failing.subject_edit, "Compte rendu")
    type_text(failing.body_edit, "Ci-joint.")
    failing.send()
    qtbot.waitUntil(lambda: failing.error_label.isVisible(), timeout=10_000)
    assert "could not be reached" in failing.error_label.text()
    failing.reject()
    outbox = window.show_page("outbox")
    assert isinstance(outbox, OutboxPage)
    qtbot.waitUntil(lambda: outbox.model.rowCount() == 1)
    assert outbox.model.index(0, 0).data() == "Failed" and outbox.model.index(0, 6).data().startswith(
        "The mail server could not be reached"
    )
    qtmodeltester.check(outbox.model)
    session.mail.save_account(account(port))
    outbox.table.selectRow(0)
    outbox.retry_selected()
    qtbot.waitUntil(lambda: outbox.model.rowCount() == 0, timeout=10_000)
    assert [m["Subject"] for m in inbox.messages] == ["Réunion de l'été, Hélène", "Compte rendu"]
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 2)


def test_post_in_a_conversation_and_see_the_unread_count(window: MainWindow, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    page = window.show_page("conversations")
    assert isinstance(page, ConversationsPage)
    assert page.empty.isVisible()
    type_text(page.new_title, "Préparation de l'assemblée")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.threads.rowCount() == 1 and page.current_id is not None
    type_text(page.compose, "Qui réserve la salle ?")
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert page.messages.rowCount() == 1 and "Qui réserve la salle ?" in page.messages.index(0).data()
    qtmodeltester.check(page.threads)
    qtmodeltester.check(page.messages)

    # A colleague answers (another login on the same file) while this user is on another page.
    window.show_page("contacts")
    colleague_db = Database(make_engine(session.db.engine.url), actor="colleague")
    try:
        ConversationService(colleague_db).post(page.current_id, "Moi, je m'en occupe.")
    finally:
        colleague_db.dispose()
    session.db.announce(Changes.of("conversation"))  # what live updates do on a team database
    item = next(
        window.sidebar.item(r)
        for r in range(window.sidebar.count())
        if window.sidebar.item(r).data(Qt.ItemDataRole.UserRole) == "conversations"
    )
    qtbot.waitUntil(lambda: item.text() == "Conversations (1)")
    assert page.threads.index(0).data(Qt.ItemDataRole.UserRole + 1) == 1
    # Reading it clears the count.
    window.show_page("conversations")
    page.select(page.threads.row_at(0).id)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: item.text() == "Conversations")
    assert page.messages.rowCount() == 2


@pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent.*deprecated:DeprecationWarning")
def test_drop_an_eml_file_on_a_contacts_timeline(window: MainWindow, qtbot, answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    paul = session.contacts.create(
        PartyDraft(first_name="Paul", last_name="Martin", emails=(EmailEntry("paul@exemple.fr"),))
    )
    message = EmailMessage()
    message["From"] = "Paul Martin <paul@exemple.fr>"
    message["To"] = "bureau@exemple.fr"
    message["Subject"] = "Inscription à la sortie"
    message["Message-ID"] = "<sortie-1@exemple.fr>"
    message.set_content("Je m'inscris avec ma fille.")
    message.add_attachment(b"fiche", maintype="application", subtype="pdf", filename="fiche.pdf")
    path = tmp_path / "inscription.eml"
    path.write_bytes(bytes(message))

    editor = window.edit_party(paul.id)
    assert isinstance(editor, PartyDialog) and editor.timeline is not None
    timeline = editor.timeline
    editor.tabs.setCurrentWidget(timeline)
    viewport = timeline.table.viewport()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        viewport.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(viewport.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, drop)
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 1, timeout=10_000)
    assert timeline.model.row_at(0).type == "email_in"
    qtbot.waitUntil(lambda: any("1 e-mail logged." in a for a in answers))
    # Its attachment is kept: the activity's form offers to save it.
    form = timeline.open_activity(timeline.model.row_at(0).id)
    assert form.attachments is not None and [b.text() for b in form.attachments.buttons] == ["fiche.pdf"]
    form.attachments.choose_path = lambda name: str(tmp_path / f"copie-{name}")
    saved = form.attachments.save(0)
    assert saved is not None and saved.read_bytes() == b"fiche"
    form.reject()

    # The same file again: nothing new, and the report says so.
    worker = timeline.import_eml_files([path])
    qtbot.waitUntil(lambda: worker.done.is_set(), timeout=10_000)
    qtbot.waitUntil(lambda: any("already logged" in a for a in answers))
    assert timeline.model.rowCount() == 1


def test_membership_reminders_go_out_through_the_workspace_mail_account(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    session = window.session
    assert session is not None
    session.db.clock = lambda: dt.datetime(2026, 12, 5, 9, tzinfo=dt.UTC)  # type: ignore[method-assign]
    zoe = session.contacts.create(
        PartyDraft(
            civility="Mme",
            first_name="Zoé",
            last_name="Dupré",
            emails=(EmailEntry("zoe@exemple.fr"),),
            roles=(RoleEntry("member", dt.date(2024, 1, 1)),),
        )
    ).id
    kind = session.membership.save_type(TypeDraft("Membre actif", "active", Decimal("35"))).id
    session.membership.record(
        SubscriptionDraft(zoe, kind, dt.date(2026, 1, 1), Decimal("35"), dt.date(2026, 1, 5), "cash")
    )
    page = window.show_page("membership")
    assert isinstance(page, MembershipPage)
    page.tabs.setCurrentIndex(1)
    page.refresh_reminders()
    qtbot.waitUntil(lambda: page.due_table.rowCount() == 1)
    assert not page.email_button.isEnabled()  # no mail account yet
    assert "E-mail and SMS accounts" in page.email_button.toolTip()
    session.mail.save_account(account(port))
    page.refresh_reminders()
    qtbot.waitUntil(lambda: page.email_button.isEnabled())
    qtbot.mouseClick(page.email_button, Qt.MouseButton.LeftButton)
    # The reminder is claimed in the log before it is sent, so the log can show it first.
    qtbot.waitUntil(lambda: page.due_table.rowCount() == 0 and page.ledger_table.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: len(inbox.messages) == 1, timeout=10_000)
    [message] = inbox.messages
    assert message["To"].addresses[0].addr_spec == "zoe@exemple.fr"
    assert message["Subject"] == "Your membership ends on 31 December 2026"
    assert message["From"].addresses[0].display_name == "Bureau"


def test_news_go_out_by_email_through_the_workspace_mail_account(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    session = window.session
    assert session is not None
    people = [
        session.contacts.create(PartyDraft(first_name=f, last_name="Noël", emails=(EmailEntry(a),))).id
        for f, a in (("Loïc", "loic@exemple.fr"), ("Anaïs", "anais@exemple.fr"))
    ]
    item = session.news.publish(
        NewsDraft("Fête de la Saint-Jean", "Rendez-vous à 19 h.", Audience(members=False, party_ids=tuple(people)))
    )
    page = window.show_page("news")
    assert isinstance(page, NewsPage)
    page.refresh()
    qtbot.waitUntil(lambda: page.select_news(item.id))
    qtbot.waitUntil(lambda: page.current is not None and page.current.id == item.id)
    assert not page.email_button.isEnabled()  # no mail account yet
    session.mail.save_account(account(port))
    page.refresh()
    qtbot.waitUntil(lambda: page.select_news(item.id) and page.email_button.isEnabled())
    qtbot.mouseClick(page.email_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(inbox.messages) == 2, timeout=10_000)
    assert sorted(m["To"].addresses[0].addr_spec for m in inbox.messages) == ["anais@exemple.fr", "loic@exemple.fr"]
    qtbot.waitUntil(lambda: not page.email_button.isEnabled() and session.news.get(item.id).recipients["sent"] == 2)


def test_an_sms_without_a_gateway_becomes_a_task_to_send_by_hand(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    marc = session.contacts.create(
        PartyDraft(first_name="Marc", last_name="Noël", phones=(PhoneEntry("06 12 34 56 78"),))
    )
    editor = window.edit_party(marc.id)
    assert isinstance(editor, PartyDialog) and editor.timeline is not None
    timeline = editor.timeline
    dialog = timeline.compose_sms()
    assert dialog.to_edit.text() == "+33612345678"
    assert dialog.send_button.text() == "Log to send by hand"
    type_text(dialog.text_edit, "Rappel : réunion jeudi à 18 h")
    assert dialog.counter.text() == "29 characters"
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 1, timeout=10_000)
    row = timeline.model.row_at(0)
    assert (row.type, row.is_task, row.subject) == ("sms", True, "Rappel : réunion jeudi à 18 h")


def test_the_accounts_dialog_stores_settings_and_keeps_passwords_in_the_keychain(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, smtp: tuple[Inbox, int]
) -> None:
    _inbox, port = smtp
    session = window.session
    assert session is not None
    dialog = window.edit_comms_settings()
    assert isinstance(dialog, CommsSettingsDialog)
    type_text(dialog.host, "127.0.0.1")
    dialog.security.setCurrentIndex(dialog.security.findData("none"))
    dialog.port.setValue(port)
    type_text(dialog.from_address, "bureau@exemple.fr")
    type_text(dialog.from_name, "Association Étoile")
    type_text(dialog.password, "mot-de-passe")
    dialog.username.setText("bureau")
    dialog.test_smtp()
    # The loopback server offers no login: the test says so instead of pretending it worked.
    qtbot.waitUntil(lambda: dialog.test_result.text() not in ("", "Connecting…"), timeout=10_000)
    dialog.username.clear()
    dialog.test_smtp()
    qtbot.waitUntil(lambda: dialog.test_result.text() == "The server accepted the connection.", timeout=10_000)
    dialog.username.setText("bureau")
    type_text(dialog.sms_url, "https://sms.exemple.fr/send")
    type_text(dialog.sms_key, "clé-api")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    account = session.mail.account()
    assert (account.host, account.port, account.from_name, account.username) == (
        "127.0.0.1",
        port,
        "Association Étoile",
        "bureau",
    )
    assert session.mail.has_password(account) and session.sms.config().configured
    with session.db.session() as db_session:
        from ekocrm_desktop.models.settings import AppSetting

        stored = " ".join(db_session.scalars(select(AppSetting.value)).all())
    assert "mot-de-passe" not in stored and "clé-api" not in stored
