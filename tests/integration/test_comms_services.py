"""Communications without the window (issue 5, part C), on both engines with real servers:
e-mails through aiosmtpd on loopback (headers, UTF-8 names, attachments; server down, wrong
password and refused recipient keep the message in the outbox; a retry sends it once), SMS
through a local HTTP gateway, `.eml` files logged as activities (idempotent), conversations
with unread counts, and a new message announced live to another collaborator on PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import http.server
import queue
import socket
import socketserver
import threading
import time
import urllib.parse
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import select

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.engine import make_engine
from ekocrm_desktop.db.live import LiveUpdates
from ekocrm_desktop.models.activities import Activity, ActivityLink
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.activities import ActivityQuery, ActivityService
from ekocrm_desktop.services.contacts import (
    AffiliationEntry,
    ContactService,
    EmailEntry,
    PartyDraft,
    PhoneEntry,
    RoleEntry,
)
from ekocrm_desktop.services.conversations import ConversationService
from ekocrm_desktop.services.eml import EmlImporter, ImapAccount, ImapError, ImapReader
from ekocrm_desktop.services.errors import PermissionDeniedError, ServiceError, ValidationFailedError
from ekocrm_desktop.services.mailing import (
    AttachmentFile,
    EmailDraft,
    MailError,
    MailService,
    SmtpAccount,
    TemplateDraft,
    activity_attachments,
)
from ekocrm_desktop.services.membership import OutgoingMail
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.sms import BY_HAND, HttpGatewayConfig, SmsError, SmsService
from tests.conftest import TeamDatabase

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

REFUSED = "refuse@exemple.fr"
PASSWORD = "mot-de-passe-été"


class Inbox:
    """An aiosmtpd handler keeping what it receives; refuses one address like a real server."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []

    async def handle_RCPT(self, _server, _session, envelope, address, _options):  # type: ignore[no-untyped-def]
        if address == REFUSED:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server, _session, envelope):  # type: ignore[no-untyped-def]
        self.raw.append(envelope.original_content)
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))  # type: ignore[arg-type]
        return "250 Message accepted"


def _authenticate(_server, _session, _envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    ok = isinstance(auth_data, LoginPassword) and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    # Controller(port=0) does not work: take a free port first (ecosystem notes §8).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on loopback asking for a login (plain text is fine on loopback)."""
    port = free_port()
    inbox = Inbox()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticate,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    yield inbox, port
    controller.stop()


def account(port: int) -> SmtpAccount:
    return SmtpAccount(
        host="127.0.0.1",
        port=port,
        security="none",
        username="asso",
        from_address="contact@amis-patrimoine.fr",
        from_name="Les Amis du Patrimoine — Lyon",
        timeout=5,
    )


def person(db: Database, first: str, last: str, address: str, **more: Any) -> Any:
    return ContactService(db).create(
        PartyDraft(first_name=first, last_name=last, emails=(EmailEntry(address),) if address else (), **more)
    )


def mail_service(db: Database, port: int, password: str = PASSWORD) -> MailService:
    service = MailService(db, secrets=SecretStore())
    service.save_account(account(port), password)
    return service


# ---------------------------------------------------------------------------- e-mail
def test_an_email_is_delivered_with_encoded_names_attachments_and_logged_on_the_timeline(
    db: Database, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    org = ContactService(db).create(PartyDraft(kind="organisation", name="Mairie de Vénissieux"))
    helene = person(db, "Hélène", "Dupré", "helene@exemple.fr", affiliations=(AffiliationEntry(org.id),))
    mail = mail_service(db, port)
    template = mail.save_template(
        TemplateDraft("Relance", "Suivi pour {organisation}", "Bonjour {prénom},\n\nÀ bientôt.")
    )
    assert [t.name for t in mail.templates()] == ["Relance"]
    name, address = mail.recipient(helene.id)
    draft = EmailDraft(
        to_address=address,
        to_name=name,
        party_id=helene.id,
        subject=mail.render(template.subject, helene.id),
        body=mail.render(template.body, helene.id),
        attachments=(AttachmentFile("reçu 2026.pdf", "application/pdf", b"%PDF-1.4 fake"),),
    )
    sent = mail.send_draft(draft)

    assert sent.row.state == "sent" and sent.row.attempts == 1
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["Subject"] == "Suivi pour Mairie de Vénissieux"
    assert message["To"].addresses[0].display_name == "Hélène Dupré"
    assert message["From"].addresses[0].display_name == "Les Amis du Patrimoine — Lyon"
    assert message["Message-ID"] == sent.message_id and message["Date"]
    raw_headers = inbox.raw[0].split(b"\r\n\r\n", 1)[0]
    assert b"=?utf-8?" in raw_headers.lower() and "Hélène".encode() not in raw_headers  # RFC 2047, 7-bit headers
    assert message.get_body(("plain",)).get_content().startswith("Bonjour Hélène,")  # type: ignore[union-attr]
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "reçu 2026.pdf"
    assert attachment.get_payload(decode=True) == b"%PDF-1.4 fake"

    rows = ActivityService(db).page(ActivityQuery(party_id=helene.id), PageRequest(0, 10, 10))
    assert [(r.type, r.subject) for r in rows] == [("email_out", "Suivi pour Mairie de Vénissieux")]
    assert sent.row.activity_id == rows[0].id
    assert [a.filename for a in activity_attachments(db, rows[0].id)] == ["reçu 2026.pdf"]
    assert mail.outbox() == []  # nothing left to send
    assert [r.state for r in mail.outbox(["sent"])] == ["sent"]


def test_an_unknown_merge_field_is_refused_before_sending(db: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    mail = mail_service(db, port)
    with pytest.raises(ValidationFailedError) as refused:
        mail.send_draft(EmailDraft("a@exemple.fr", "Bonjour", "Cher {surnom}"))
    assert refused.value.errors[0].value == "surnom"
    with pytest.raises(ValidationFailedError):
        mail.send_draft(EmailDraft("pas une adresse", "Bonjour", "Texte"))
    assert inbox.messages == [] and mail.outbox() == []


def test_server_down_wrong_password_and_refused_recipient_keep_the_message_and_a_retry_sends_it_once(
    db: Database, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    claire = person(db, "Claire", "Fontaine", "claire@exemple.fr")

    # The server is down (nothing listens on that port).
    down = mail_service(db, free_port())
    with pytest.raises(MailError) as failure:
        down.send_draft(EmailDraft("claire@exemple.fr", "Compte rendu", "Voici.", party_id=claire.id))
    assert failure.value.kind == "connect"
    (failed,) = down.outbox()
    assert (failed.state, failed.attempts) == ("failed", 1) and failed.error.startswith("connect")

    # The right server, the wrong password.
    wrong = mail_service(db, port, password="faux")
    with pytest.raises(MailError) as failure:
        wrong.send(failed.id)
    assert failure.value.kind == "auth" and "535" in failure.value.detail
    assert wrong.get(failed.id).row.attempts == 2 and wrong.get(failed.id).row.state == "failed"

    # Fixed: the retry sends it, once; sending it again is refused.
    fixed = mail_service(db, port)
    assert fixed.send(failed.id).row.state == "sent"
    with pytest.raises(ServiceError):
        fixed.send(failed.id)
    assert len(inbox.messages) == 1 and inbox.messages[0]["Subject"] == "Compte rendu"
    assert len(ActivityService(db).page(ActivityQuery(party_id=claire.id), PageRequest(0, 10, 10))) == 1

    # A refused recipient: the server's reason is kept with the draft, nothing is logged as sent.
    with pytest.raises(MailError) as failure:
        fixed.send_draft(EmailDraft(REFUSED, "Invitation", "Bonjour"))
    assert failure.value.kind == "recipient" and "550" in failure.value.detail
    (refused,) = fixed.outbox()
    assert "Mailbox unavailable" in refused.error
    assert fixed.get(refused.id).draft.body == "Bonjour"  # nothing lost
    assert fixed.delete([refused.id]) == 1 and fixed.outbox() == []


def test_erasing_a_person_erases_the_messages_written_to_them(db: Database, smtp: tuple[Inbox, int]) -> None:
    _inbox, port = smtp
    mail = mail_service(db, port)
    contacts = ContactService(db)
    gone = person(db, "Lucie", "Effacée", "lucie@exemple.fr")
    kept = person(db, "Marc", "Gardé", "marc@exemple.fr")
    mail.save_draft(EmailDraft("lucie@exemple.fr", "Pour Lucie", "Texte", party_id=gone.id))
    mail.send_draft(EmailDraft("lucie@exemple.fr", "Envoyé à Lucie", "Texte", party_id=gone.id))
    mail.save_draft(EmailDraft("marc@exemple.fr", "Pour Marc", "Texte", party_id=kept.id))
    contacts.delete([gone.id])
    contacts.purge([gone.id])
    remaining = mail.outbox(("draft", "sent"))
    assert [r.subject for r in remaining] == ["Pour Marc"]


def test_a_message_claimed_by_another_desktop_is_not_sent_again(db: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    mail = mail_service(db, port)
    draft = mail.save_draft(EmailDraft("x@exemple.fr", "Brouillon", "Texte"))
    assert mail.outbox()[0].state == "draft"
    # Another desktop took it (its claim is the same conditional UPDATE).
    assert mail._claim(draft.row.id)  # the claim the other desktop's send() makes
    with pytest.raises(ServiceError):
        mail.send(draft.row.id)
    assert inbox.messages == []
    # A claim still fresh is never taken back; one left by a crash ten minutes ago is.
    assert not mail.release(draft.row.id)
    later = MailService(db, clock=lambda: db.clock() + dt.timedelta(minutes=11))
    assert later.release(draft.row.id)
    (row,) = mail.outbox()
    assert row.state == "failed" and row.error.startswith("interrupted")
    assert mail.send(draft.row.id).row.state == "sent"
    assert len(inbox.messages) == 1 and inbox.messages[0]["Message-ID"] == draft.message_id


def test_the_mail_service_sends_membership_and_news_mail(db: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    send = mail_service(db, port).mail_send()
    helene = person(db, "Hélène", "Dupré", "helene@exemple.fr")
    send(OutgoingMail("helene@exemple.fr", "Votre adhésion", "Bonjour", helene.id, (("a.txt", "text/plain", b"x"),)))
    assert inbox.messages[0]["Subject"] == "Votre adhésion"
    assert inbox.messages[0]["From"].addresses[0].addr_spec == "contact@amis-patrimoine.fr"


def test_the_password_is_in_the_keychain_never_in_the_database(db: Database, smtp: tuple[Inbox, int]) -> None:
    _inbox, port = smtp
    mail = mail_service(db, port)
    assert mail.has_password()
    with db.session() as session:
        from ekocrm_desktop.models.settings import AppSetting

        values = " ".join(session.scalars(select(AppSetting.value)).all())
    assert PASSWORD not in values and "asso" in values
    mail.check_account(account(port), PASSWORD)
    with pytest.raises(MailError):
        mail.check_account(account(port), "faux")


# ---------------------------------------------------------------------------- SMS
class Gateway(http.server.ThreadingHTTPServer):
    """A local SMS provider: records requests; refuses the number +33600000000."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        super().__init__(("127.0.0.1", 0), _GatewayHandler)


class _GatewayHandler(http.server.BaseHTTPRequestHandler):
    server: Gateway

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        self.server.requests.append({"form": form, "auth": self.headers.get("Authorization")})
        refused = form.get("dest") == ["+33600000000"] or self.headers.get("Authorization") != "Bearer clé-123"
        self.send_response(403 if refused else 200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"status": "refused"}' if refused else b'{"status": "queued"}')

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    server = Gateway()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_sms_through_a_generic_http_gateway_failures_kept_and_retried(db: Database, gateway: Gateway) -> None:
    sms = SmsService(db, secrets=SecretStore())
    config = HttpGatewayConfig(
        url=f"http://127.0.0.1:{gateway.server_address[1]}/send",
        method="POST",
        to_param="dest",
        text_param="message",
        sender_param="from",
        sender="AMIS",
        key_in="header",
        key_name="Authorization",
        key_prefix="Bearer ",
        success_contains="queued",
        timeout=5,
    )
    sms.save_config(config, "clé-123")
    marc = ContactService(db).create(
        PartyDraft(first_name="Marc", last_name="Noël", phones=(PhoneEntry("06 12 34 56 78"),))
    )
    number = sms.mobile(marc.id)
    assert number == "+33612345678"
    result = sms.send(number, "Réunion à 18 h, salle 2 ✔", party_id=marc.id)
    assert not result.by_hand
    assert gateway.requests[-1]["form"] == {
        "dest": [number],
        "message": ["Réunion à 18 h, salle 2 ✔"],
        "from": ["AMIS"],
    }
    rows = ActivityService(db).page(ActivityQuery(party_id=marc.id), PageRequest(0, 10, 10))
    assert [r.type for r in rows] == ["sms"]

    with pytest.raises(SmsError) as failure:
        sms.send("+33600000000", "Bonjour")
    assert failure.value.kind == "refused" and "403" in failure.value.detail
    mail = MailService(db)
    (failed,) = mail.outbox()
    assert (failed.channel, failed.state) == ("sms", "failed")
    # The key is in the keychain: with another key the gateway refuses.
    sms.save_config(config, "autre")
    with pytest.raises(SmsError):
        sms.send(number, "Encore")
    assert "autre" not in config.to_json()


def test_without_a_gateway_an_sms_is_a_task_to_send_by_hand(db: Database) -> None:
    sms = SmsService(db)
    marc = person(db, "Marc", "Noël", "")
    result = sms.send("+33612345678", "Rappel : cotisation", party_id=marc.id)
    assert result.by_hand and result.outbox_id is None
    with db.session() as session:
        activity = session.get(Activity, result.activity_id)
        assert activity is not None
        assert (activity.type, activity.outcome, activity.is_task) == ("sms", BY_HAND, True)
    with pytest.raises(ValidationFailedError):
        sms.send("pas un numéro", "x")


# ---------------------------------------------------------------------------- .eml
def eml_multipart() -> bytes:
    message = EmailMessage()
    message["From"] = "Hélène Dupré <Helene@Exemple.fr>"
    message["To"] = "Contact <contact@amis-patrimoine.fr>, Paul <paul@exemple.fr>"
    message["Cc"] = "inconnu@ailleurs.fr"
    message["Subject"] = "Devis de restauration — église"
    message["Date"] = "Tue, 01 Dec 2026 09:30:00 +0100"
    message["Message-ID"] = "<devis-42@exemple.fr>"
    message.set_content("Bonjour,\nVoici le devis.\nHélène")
    message.add_attachment(b"%PDF devis", maintype="application", subtype="pdf", filename="devis été.pdf")
    return bytes(message)


def eml_latin1_without_message_id() -> bytes:
    return (
        b"From: Paul Martin <paul@exemple.fr>\r\n"
        b"To: contact@amis-patrimoine.fr\r\n"
        b"Subject: =?iso-8859-1?q?R=E9union_de_d=E9cembre?=\r\n"
        b"Date: Wed, 02 Dec 2026 10:00:00 +0100\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n"
        b"\r\n"
        b"Je serai pr\xe9sent \xe0 la r\xe9union.\r\n"
    )


def eml_sent_by_a_collaborator() -> bytes:
    message = EmailMessage()
    message["From"] = "Sophie <sophie@amis-patrimoine.fr>"
    message["To"] = "paul@exemple.fr"
    message["Subject"] = "Re: Réunion"
    message["Message-ID"] = "<re-1@amis-patrimoine.fr>"
    message.set_content("Merci Paul.")
    return bytes(message)


def test_eml_files_become_email_activities_linked_to_known_people_once(db: Database, tmp_path: Path) -> None:
    helene = person(db, "Hélène", "Dupré", "helene@exemple.fr")
    paul = person(db, "Paul", "Martin", "paul@exemple.fr")
    person(
        db, "Sophie", "Bénévole", "sophie@amis-patrimoine.fr", roles=(RoleEntry("collaborator", dt.date(2020, 1, 1)),)
    )
    files = []
    for name, data in (
        ("devis.eml", eml_multipart()),
        ("reunion.eml", eml_latin1_without_message_id()),
        ("reponse.eml", eml_sent_by_a_collaborator()),
        ("image.eml", b"\x89PNG\r\n\x1a\n not a message"),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        files.append(path)
    importer = EmlImporter(db)
    report = importer.import_files(files)
    assert [o.status for o in report.outcomes] == ["imported", "imported", "imported", "error"]
    assert report.outcomes[3].reason == "not_email"

    activities = ActivityService(db)
    helene_rows = activities.page(ActivityQuery(party_id=helene.id), PageRequest(0, 10, 10))
    assert [(r.type, r.subject) for r in helene_rows] == [("email_in", "Devis de restauration — église")]
    assert [a.filename for a in activity_attachments(db, helene_rows[0].id)] == ["devis été.pdf"]
    assert activity_attachments(db, helene_rows[0].id)[0].data == b"%PDF devis"
    paul_rows = activities.page(ActivityQuery(party_id=paul.id), PageRequest(0, 10, 10))
    # Paul is on all three; Sophie's reply is ours (email_out); the Latin-1 text is decoded.
    assert sorted((r.type, r.subject) for r in paul_rows) == [
        ("email_in", "Devis de restauration — église"),
        ("email_in", "Réunion de décembre"),
        ("email_out", "Re: Réunion"),
    ]
    reunion = next(r for r in paul_rows if r.subject == "Réunion de décembre")
    assert "Je serai présent à la réunion." in activities.get(reunion.id).draft.body

    again = importer.import_files(files[:3])
    assert [o.status for o in again.outcomes] == ["duplicate"] * 3
    with db.session() as session:
        assert len(session.scalars(select(Activity)).all()) == 3

    # Dropped on a record: linked to it even when its address is not in the message.
    other = person(db, "Zoé", "Autre", "")
    dropped = importer.import_bytes(eml_multipart().replace(b"devis-42", b"devis-43"), link_to=[other.id])
    with db.session() as session:
        linked = set(
            session.scalars(select(ActivityLink.party_id).where(ActivityLink.activity_id == dropped.activity_id))
        )
    assert linked == {other.id, helene.id, paul.id}


# ---------------------------------------------------------------------------- conversations
def second_user(db: Database, actor: str) -> Database:
    return Database(make_engine(db.engine.url), actor=actor)


def test_conversations_unread_counts_and_record_attachment(db: Database) -> None:
    other_db = second_user(db, "colleague")
    try:
        me = ConversationService(db)
        colleague = ConversationService(other_db)
        helene = person(db, "Hélène", "Dupré", "")
        thread = me.start("Dossier Dupré", party_id=helene.id, members=["colleague"], first_message="Qui la rappelle ?")
        assert thread.record_label == "Hélène Dupré" and set(thread.members) == {db.actor, "colleague"}
        assert me.unread_count() == 0  # one's own messages are read
        assert colleague.unread_count() == 1
        assert [t.unread for t in colleague.threads()] == [1]

        colleague.mark_read(thread.id)
        assert colleague.unread_count() == 0
        colleague.post(thread.id, "Moi, demain matin.")
        colleague.post(thread.id, "C'est noté dans l'agenda.")
        assert me.unread_count() == 2
        assert [(m.author, m.mine) for m in me.messages(thread.id)] == [
            (db.actor, True),
            ("colleague", False),
            ("colleague", False),
        ]
        me.mark_read(thread.id)
        assert me.unread_count() == 0
        assert [t.id for t in me.threads(party_id=helene.id)] == [thread.id]
        with pytest.raises(ValidationFailedError):
            me.post(thread.id, "   ")
        me.archive(thread.id)
        assert me.threads() == [] and colleague.unread_count() == 0
    finally:
        other_db.dispose()


@pytest.mark.postgres
def test_a_new_message_reaches_another_collaborator_live(team: TeamDatabase) -> None:
    bob_db, cleo_db, rita_db = team.database("bob"), team.database("cleo"), team.database("rita")
    received: queue.Queue[Changes] = queue.Queue()
    cleo_db.add_listener(received.put)
    live = LiveUpdates(cleo_db, cleo_db.engine.url)
    live.start()
    try:
        deadline = time.monotonic() + 5
        while not live.connected and time.monotonic() < deadline:
            time.sleep(0.02)
        assert live.connected
        bob = ConversationService(bob_db, me=team.party_ids["bob"])
        thread = bob.start("Salon des associations", members=[team.logins["cleo"]])
        bob.post(thread.id, "Qui tient le stand samedi ?")
        start = time.monotonic()
        while True:
            changes = received.get(timeout=2.0)
            if changes.remote and changes.touches("conversation"):
                break
        assert time.monotonic() - start < 2.0
        cleo = ConversationService(cleo_db)
        assert cleo.unread_count() == 1
        assert cleo.messages(thread.id)[0].author_name == "Bob Collab"
        # Readers read conversations (and keep their read marks) but do not write in them.
        rita = ConversationService(rita_db)
        assert rita.unread_count() == 1
        rita.mark_read(thread.id)
        assert rita.unread_count() == 0
        with pytest.raises(PermissionDeniedError):
            rita.post(thread.id, "Moi !")
    finally:
        live.stop()
        for database in (bob_db, cleo_db, rita_db):
            database.dispose()


# ---------------------------------------------------------------------------- IMAP, on demand
class ImapServer(socketserver.ThreadingTCPServer):
    """A small IMAP4rev1 server on loopback: one read-only mailbox, LOGIN, EXAMINE, SEARCH, FETCH.

    Enough of the protocol for imaplib (stdlib) to read messages as it would from a real server;
    it records the commands so the test can check nothing was changed on the server.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, messages: list[bytes], password: str) -> None:
        self.messages = messages
        self.password = password
        self.commands: list[str] = []
        super().__init__(("127.0.0.1", 0), _ImapHandler)


class _ImapHandler(socketserver.StreamRequestHandler):
    server: ImapServer

    def _send(self, text: str) -> None:
        self.wfile.write(text.encode() + b"\r\n")

    def handle(self) -> None:
        self._send("* OK IMAP4rev1 ready")
        while line := self.rfile.readline():
            tag, _, rest = line.decode().strip().partition(" ")
            command, _, args = rest.partition(" ")
            command = command.upper()
            self.server.commands.append(command)
            if command == "CAPABILITY":
                self._send("* CAPABILITY IMAP4rev1")
                self._send(f"{tag} OK CAPABILITY done")
            elif command == "LOGIN":
                _user, _, password = args.partition(" ")
                if password.strip('"') == self.server.password:
                    self._send(f"{tag} OK LOGIN done")
                else:
                    self._send(f"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials")
            elif command == "EXAMINE":
                self._send(f"* {len(self.server.messages)} EXISTS")
                self._send(f"{tag} OK [READ-ONLY] EXAMINE done")
            elif command == "SEARCH":
                numbers = " ".join(str(i + 1) for i in range(len(self.server.messages)))
                self._send(f"* SEARCH {numbers}".rstrip())
                self._send(f"{tag} OK SEARCH done")
            elif command == "FETCH":
                number = int(args.split(" ", 1)[0])
                data = self.server.messages[number - 1]
                self.wfile.write(f"* {number} FETCH (BODY[] {{{len(data)}}}\r\n".encode() + data + b")\r\n")
                self._send(f"{tag} OK FETCH done")
            elif command == "LOGOUT":
                self._send("* BYE")
                self._send(f"{tag} OK LOGOUT done")
                return
            else:
                self._send(f"{tag} BAD unknown command")


@pytest.fixture
def imap_server() -> Iterator[ImapServer]:
    server = ImapServer([eml_multipart(), eml_latin1_without_message_id()], "secret-imap")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_a_mailbox_read_on_demand_logs_its_messages_once(db: Database, imap_server: ImapServer) -> None:
    helene = person(db, "Hélène", "Dupré", "helene@exemple.fr")
    reader = ImapReader(db, EmlImporter(db), secrets=SecretStore())
    box = ImapAccount(host="127.0.0.1", port=imap_server.server_address[1], security="none", username="asso", timeout=5)
    reader.save_account(box, "faux")
    with pytest.raises(ImapError) as failure:
        reader.fetch()
    assert failure.value.kind == "auth" and "Invalid credentials" in failure.value.detail

    reader.save_account(box, "secret-imap")
    report = reader.fetch()
    assert [o.status for o in report.outcomes] == ["imported", "imported"]
    rows = ActivityService(db).page(ActivityQuery(party_id=helene.id), PageRequest(0, 10, 10))
    assert [(r.type, r.subject) for r in rows] == [("email_in", "Devis de restauration — église")]
    again = reader.fetch()
    assert [o.status for o in again.outcomes] == ["duplicate", "duplicate"]
    # Read-only: the mailbox was examined, never selected for writing, nothing stored or flagged.
    assert "SELECT" not in imap_server.commands and "STORE" not in imap_server.commands
    with pytest.raises(ImapError) as down:
        reader.fetch(dataclasses.replace(box, port=free_port()), "secret-imap")
    assert down.value.kind == "connect"


@pytest.mark.postgres
def test_on_a_team_database_collaborators_send_and_readers_are_refused(
    team: TeamDatabase, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    ada_db, bob_db, rita_db = team.database("ada"), team.database("bob"), team.database("rita")
    try:
        # Administrators set the account (app_setting); the password is in each machine's keychain.
        MailService(ada_db, secrets=SecretStore()).save_account(account(port), PASSWORD)
        client = ContactService(bob_db, default_owner_id=team.party_ids["bob"]).create(
            PartyDraft(first_name="Inès", last_name="Cliente", emails=(EmailEntry("ines@exemple.fr"),))
        )
        bob = MailService(bob_db, secrets=SecretStore(), me=team.party_ids["bob"])
        sent = bob.send_draft(EmailDraft("ines@exemple.fr", "Votre devis", "Ci-joint.", party_id=client.id))
        assert sent.row.state == "sent" and len(inbox.messages) == 1
        rows = ActivityService(bob_db).page(ActivityQuery(party_id=client.id), PageRequest(0, 10, 10))
        assert [(r.type, r.owner_name) for r in rows] == [("email_out", "Bob Collab")]
        rita = MailService(rita_db, secrets=SecretStore(), me=team.party_ids["rita"])
        with pytest.raises(PermissionDeniedError):
            rita.save_draft(EmailDraft("ines@exemple.fr", "Lecture seule", "Non"))
        with pytest.raises(PermissionDeniedError):
            MailService(bob_db).save_account(account(port))  # settings are for administrators
    finally:
        for database in (ada_db, bob_db, rita_db):
            database.dispose()
