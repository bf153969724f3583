"""Reminders and news sent by e-mail to a real SMTP server on loopback (aiosmtpd): one message per
person, refusals logged with the server's reason, and an interrupted sending that resumes
without sending anyone twice.

The window will hand the workspace's mail service (issue 5) to these functions; here the sender
is a plain SMTP client, so the ledger logic is proven against a real server today.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import smtplib
import socket
from collections.abc import Iterator
from decimal import Decimal
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.assemblies import AgendaEntry, AssemblyDraft, AssemblyService
from ekocrm_desktop.services.audience import Audience
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft, RoleEntry
from ekocrm_desktop.services.membership import MembershipService, OutgoingMail, RuleDraft, SubscriptionDraft, TypeDraft
from ekocrm_desktop.services.news import NewsDraft, NewsService

TODAY = dt.date(2026, 12, 5)
REFUSED = "refuse@exemple.fr"


class Inbox:
    """An aiosmtpd handler keeping what it receives; refuses one address like a real server."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_RCPT(self, _server, _session, envelope, address, _options):  # type: ignore[no-untyped-def]
        if address == REFUSED:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server, _session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))  # type: ignore[arg-type]
        return "250 Message accepted"

    def to(self) -> list[str]:
        return [str(m["To"]) for m in self.messages]


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    # Controller(port=0) does not work: take a free port first (ecosystem notes §8).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def smtp_sender(port: int):  # type: ignore[no-untyped-def]
    """One message per call, through SMTP on loopback (what issue 5's mail service does for real)."""

    def send(mail: OutgoingMail) -> None:
        message = EmailMessage()
        message["From"] = "Les Amis du Patrimoine <association@exemple.fr>"
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message.set_content(mail.body)
        for name, content_type, data in mail.attachments:
            main, _, sub = content_type.partition("/")
            message.add_attachment(data, maintype=main, subtype=sub or "octet-stream", filename=name)
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.send_message(message)

    return send


def members(db: Database, membership: MembershipService, emails: list[str]) -> None:
    contacts = ContactService(db)
    kind = membership.save_type(TypeDraft("Membre actif", "active", Decimal("35"))).id
    for index, address in enumerate(emails):
        party = contacts.create(
            PartyDraft(
                kind="person",
                civility="Mme",
                first_name="Élodie",
                last_name=f"Guérin{index}",
                emails=(EmailEntry(address),) if address else (),
                roles=(RoleEntry("member", dt.date(2020, 1, 1)),),
            )
        ).id
        membership.record(
            SubscriptionDraft(party, kind, dt.date(2026, 1, 1), Decimal("35"), dt.date(2026, 1, 10), "cheque")
        )


def test_reminder_emails_one_each_refusals_logged_and_an_interruption_never_sends_twice(
    db: Database, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    membership = MembershipService(db, today=lambda: TODAY)
    membership.ensure_default_rules(
        [RuleDraft("Un mois avant", -30, "email", "Votre adhésion prend fin le {paid_until}", "Bonjour {first_name},")]
    )
    members(db, membership, ["a@exemple.fr", "b@exemple.fr", "", REFUSED, "c@exemple.fr"])
    messages = membership.render_reminders(membership.due_reminders())
    assert len(messages) == 5
    send = smtp_sender(port)

    # Stopped after the second message (the app closed).
    count = [0]

    def stop_after_two() -> bool:
        return count[0] >= 2

    def counting(mail: OutgoingMail) -> None:
        send(mail)
        count[0] += 1

    first = membership.send_reminder_emails(messages, counting, cancelled=stop_after_two)
    assert (first.sent, first.failed) == (2, 0)
    # Resumed: what is still due, once more through the same call.
    again = membership.render_reminders(membership.due_reminders())
    second = membership.send_reminder_emails(again, send)
    assert (second.sent, second.failed, second.skipped) == (1, 1, 1)  # no address: print a letter
    assert "550" in second.errors[0] and "Mailbox unavailable" in second.errors[0]
    assert sorted(inbox.to()) == ["a@exemple.fr", "b@exemple.fr", "c@exemple.fr"]  # each exactly once
    assert inbox.messages[0]["Subject"] == "Votre adhésion prend fin le 31 décembre 2026"
    assert inbox.messages[0].get_content().startswith("Bonjour Élodie,")
    statuses = sorted((e.recipient, e.status) for e in membership.ledger())
    assert statuses == [
        ("a@exemple.fr", "sent"),
        ("b@exemple.fr", "sent"),
        ("c@exemple.fr", "sent"),
        (REFUSED, "failed"),
    ]
    assert "Mailbox unavailable" in next(e.error for e in membership.ledger() if e.status == "failed")
    # Nothing left to send by e-mail; the member without an address is still due (for a letter).
    left = membership.due_reminders()
    assert [r.recipient.email for r in left] == [""]
    assert membership.send_reminder_emails(membership.render_reminders(left), send).sent == 0
    assert len(inbox.messages) == 3


def test_news_emails_carry_the_attachment_and_resume_without_duplicates(db: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    membership = MembershipService(db, today=lambda: TODAY)
    members(db, membership, ["a@exemple.fr", "b@exemple.fr", "", "c@exemple.fr"])
    news = NewsService(db, membership=membership, today=lambda: TODAY)
    item = news.publish(
        NewsDraft(
            "Journées du patrimoine",
            "Nous cherchons des bénévoles.",
            Audience(),
            attachment_name="Programme.pdf",
            attachment=b"%PDF-1.4 programme",
            attachment_type="application/pdf",
        )
    )
    send = smtp_sender(port)
    first = news.send_emails(item.id, send, cancelled=lambda: len(inbox.messages) >= 1)
    assert first.sent == 1
    second = news.send_emails(item.id, send)
    assert second.sent == 2
    assert news.send_emails(item.id, send).sent == 0  # everything went: nothing twice
    assert sorted(inbox.to()) == ["a@exemple.fr", "b@exemple.fr", "c@exemple.fr"]
    attachment = next(inbox.messages[0].iter_attachments())
    assert attachment.get_filename() == "Programme.pdf" and attachment.get_content() == b"%PDF-1.4 programme"
    assert news.get(item.id).recipients == {"pending": 0, "sending": 0, "sent": 3, "failed": 0, "no_email": 1}


def test_convocations_by_email_with_the_agenda_once_each(db: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    membership = MembershipService(db, today=lambda: TODAY)
    members(db, membership, ["a@exemple.fr", "", REFUSED, "c@exemple.fr"])
    assemblies = AssemblyService(db, membership=membership, today=lambda: TODAY)
    assembly = assemblies.create(
        AssemblyDraft(
            title="Assemblée générale 2026",
            starts_at=dt.datetime(2026, 12, 19, 13, 30, tzinfo=dt.UTC),
            place="Salle des fêtes",
            agenda=(AgendaEntry("Rapport moral"), AgendaEntry("Élection du bureau")),
            convocation="{civility} {last_name},\n\nVous êtes convoqué(e) le {date}.",
        )
    )
    assemblies.invite(assembly.id, Audience())
    send = smtp_sender(port)
    report = assemblies.send_convocations(assemblies.convocations(assembly.id), send, agenda_title="Ordre du jour")
    assert (report.sent, report.failed, report.skipped) == (2, 1, 1)
    assert sorted(inbox.to()) == ["a@exemple.fr", "c@exemple.fr"]
    body = inbox.messages[0].get_content().replace("\r\n", "\n")
    assert "Vous êtes convoqué(e) le 19 décembre 2026." in body
    assert "Ordre du jour\n1. Rapport moral\n2. Élection du bureau" in body
    # Run again (or from another desktop): only the refused one is tried again; nobody twice.
    again = assemblies.send_convocations(assemblies.convocations(assembly.id, only_not_sent=True), send)
    assert (again.sent, again.failed, again.skipped) == (0, 1, 1)
    assert len(inbox.messages) == 2
    left = assemblies.convocations(assembly.id, only_not_sent=True)
    assert sorted(c.recipient.email for c in left) == ["", REFUSED]  # a letter for these two


def test_a_hard_bounced_address_gets_its_reminder_by_letter_not_by_email(db: Database, smtp: tuple[Inbox, int]) -> None:
    # A campaign's hard bounce (issue 6) marks the address: membership e-mails skip it too.
    from ekocrm_desktop.models.campaigns import BouncedAddress

    inbox, port = smtp
    membership = MembershipService(db, today=lambda: TODAY)
    membership.ensure_default_rules(
        [RuleDraft("Un mois avant", -30, "email", "Votre adhésion prend fin le {paid_until}", "Bonjour {first_name},")]
    )
    members(db, membership, ["a@exemple.fr", "Parti@Exemple.fr"])
    with db.write_session() as session:
        session.add(BouncedAddress(address="parti@exemple.fr", bounced_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC)))
        session.commit()
    due = membership.due_reminders()
    assert sorted(r.recipient.email for r in due) == ["", "a@exemple.fr"]
    report = membership.send_reminder_emails(membership.render_reminders(due), smtp_sender(port))
    assert (report.sent, report.skipped) == (1, 1)
    assert inbox.to() == ["a@exemple.fr"]
    assert [r.recipient.email for r in membership.due_reminders()] == [""]  # still due, for a letter
