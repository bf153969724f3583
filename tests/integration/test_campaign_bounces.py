"""Bounces and unsubscribe replies (issue 6): a campaign sent to a real SMTP server on loopback,
then the messages that come back, built here as servers write them: an RFC 3464 delivery status
notification, an Exim-style text bounce quoting only the Message-ID, a soft bounce without the
original headers (found by address), a delay warning, an out-of-office reply; replies asking to
unsubscribe (subject, first line, the List-Unsubscribe mailto), and the same read over IMAP."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.campaigns import BouncedAddress
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.bounces import UNSUBSCRIBE_SOURCE, BounceService
from ekocrm_desktop.services.campaigns import CampaignDraft, CampaignService, TargetRef
from ekocrm_desktop.services.consent import ConsentService
from ekocrm_desktop.services.eml import ImapAccount, ImapReader
from ekocrm_desktop.services.paging import PageRequest
from tests.integration.campaign_helpers import Inbox, group_of, load_people, smtp_sender, smtp_server
from tests.integration.test_comms_services import ImapServer

FROM = "association@exemple.fr"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    yield from smtp_server()


def sent_campaign(
    db: Database, port: int, inbox: Inbox, count: int, prefix: str
) -> tuple[uuid.UUID, dict[str, EmailMessage]]:
    ids = load_people(db, count, prefix=prefix)
    group = group_of(db, f"Groupe {prefix}", ids)
    campaigns = CampaignService(db, sleep=lambda _s: None, unsubscribe_address="stop@exemple.fr")
    campaign = campaigns.create(
        CampaignDraft(
            name=f"Fête {prefix}",
            subject="Invitation, {first_name}",
            body="Bonjour {first_name} !",
            per_minute=100_000,
            targets=(TargetRef("group", group),),
        )
    ).id
    campaigns.send(campaign, smtp_sender(port))
    return campaign, {str(m["To"]): m for m in inbox.messages if str(m["To"]).startswith(prefix)}


def original_headers(message: EmailMessage, *, keep_ours: bool = True) -> str:
    lines = [f"{name}: {value}" for name, value in message.items() if keep_ours or name.lower() != "x-ekocrm-campaign"]
    return "\r\n".join(lines) + "\r\n"


def dsn(recipient: str, original: EmailMessage | None, *, action: str, status: str, diagnostic: str) -> bytes:
    """A delivery status notification as Postfix writes it (RFC 3464 multipart/report)."""
    boundary = "8F1A2B3C.1764000000/mx.exemple.fr"
    parts = [
        "From: MAILER-DAEMON@mx.exemple.fr (Mail Delivery System)",
        f"To: {FROM}",
        "Subject: Undelivered Mail Returned to Sender",
        "Date: Sun, 06 Dec 2026 10:00:00 +0100",
        "Message-ID: <20261206090000.8F1A2B3C@mx.exemple.fr>",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"',
        "",
        "This is a MIME-encapsulated message.",
        "",
        f"--{boundary}",
        "Content-Description: Notification",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "This is the mail system at host mx.exemple.fr.",
        "",
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients.",
        "",
        f"<{recipient}>: {diagnostic}",
        "",
        f"--{boundary}",
        "Content-Description: Delivery report",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.exemple.fr",
        "X-Postfix-Queue-ID: 8F1A2B3C",
        "Arrival-Date: Sun,  6 Dec 2026 09:59:58 +0100 (CET)",
        "",
        f"Final-Recipient: rfc822; {recipient}",
        f"Original-Recipient: rfc822;{recipient}",
        f"Action: {action}",
        f"Status: {status}",
        f"Diagnostic-Code: smtp; {diagnostic}",
        "",
    ]
    if original is not None:
        parts += [
            f"--{boundary}",
            "Content-Description: Undelivered Message Headers",
            "Content-Type: text/rfc822-headers",
            "",
            original_headers(original),
        ]
    parts.append(f"--{boundary}--")
    return "\r\n".join(parts).encode()


def exim_bounce(recipient: str, original: EmailMessage) -> bytes:
    """A non-standard bounce (Exim's text), quoting the original without our header."""
    message = EmailMessage()
    message["From"] = "Mail Delivery System <Mailer-Daemon@relais.exemple.org>"
    message["To"] = FROM
    message["Subject"] = "Mail delivery failed: returning message to sender"
    message.set_content(
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n"
        f"  {recipient}\n"
        f"    host mx.exemple.fr [192.0.2.1]\n"
        f"    SMTP error from remote mail server after RCPT TO:<{recipient}>:\n"
        f"    550 5.1.1 <{recipient}>: Recipient address rejected: User unknown in virtual mailbox table\n\n"
        "------ This is a copy of the message, including all the headers. ------\n\n"
        + original_headers(original, keep_ours=False).replace("\r\n", "\n")
        + "\nBonjour !\n"
    )
    return bytes(message)


def reply(sender: str, subject: str, body: str, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = FROM
    message["Subject"] = subject
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return bytes(message)


def test_bounces_mark_the_ledger_and_hard_ones_leave_the_address_out_of_later_campaigns(
    db: Database, smtp: tuple[Inbox, int], tmp_path: Path
) -> None:
    inbox, port = smtp
    campaign, messages = sent_campaign(db, port, inbox, 5, "b")
    assert {str(m["X-EkoCRM-Campaign"]) for m in messages.values()} != {""}
    assert all(str(m["Message-ID"]).startswith("<ekocrm.") for m in messages.values())
    files = {
        "dsn-hard.eml": dsn(
            "b0@exemple.fr",
            messages["b0@exemple.fr"],
            action="failed",
            status="5.1.1",
            diagnostic="550 5.1.1 <b0@exemple.fr>: Recipient address rejected: User unknown",
        ),
        "exim.eml": exim_bounce("b1@exemple.fr", messages["b1@exemple.fr"]),
        "dsn-soft.eml": dsn(
            "b2@exemple.fr", None, action="failed", status="4.2.2", diagnostic="452 4.2.2 Mailbox full"
        ),
        "dsn-delayed.eml": dsn(
            "b3@exemple.fr",
            messages["b3@exemple.fr"],
            action="delayed",
            status="4.4.1",
            diagnostic="connect to mx.exemple.fr: Connection timed out",
        ),
        "absent.eml": reply(
            "b4@exemple.fr", "Absent jusqu'au 4 janvier", "Je suis absente.", Auto_Submitted="auto-replied"
        ),
        "pas-un-mail.eml": b"\x00\x01 not a message",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    bounces = BounceService(db)
    report = bounces.import_files([tmp_path / n for n in files] + [tmp_path / "absent-du-disque.eml"])
    outcome = {o.name: (o.status, o.reason) for o in report.outcomes}
    assert outcome == {
        "dsn-hard.eml": ("bounced", "hard"),
        "exim.eml": ("bounced", "hard"),
        "dsn-soft.eml": ("bounced", "soft"),
        "dsn-delayed.eml": ("ignored", "delayed"),
        "absent.eml": ("ignored", "not_bounce"),
        "pas-un-mail.eml": ("error", "not_email"),
        "absent-du-disque.eml": ("error", "unreadable"),
    }
    campaigns = CampaignService(db)
    rows = {r.address: r for r in campaigns.ledger(campaign, PageRequest(0, 10, 10))}
    assert rows["b0@exemple.fr"].state == "bounced" and rows["b0@exemple.fr"].reason.startswith("hard: 5.1.1")
    assert rows["b0@exemple.fr"].reason == (
        "hard: 5.1.1 550 5.1.1 <b0@exemple.fr>: Recipient address rejected: User unknown"
    )
    assert rows["b1@exemple.fr"].state == "bounced" and "5.1.1" in rows["b1@exemple.fr"].reason
    assert rows["b2@exemple.fr"].state == "bounced" and rows["b2@exemple.fr"].reason.startswith("soft: 4.2.2")
    assert rows["b3@exemple.fr"].state == "sent" and rows["b4@exemple.fr"].state == "sent"
    results = campaigns.results(campaign)
    assert (results.sent, results.bounced, results.failed) == (2, 3, 0)
    assert sorted(a.address for a in bounces.bounced_addresses()) == ["b0@exemple.fr", "b1@exemple.fr"]

    # The same bounce again changes nothing more.
    again = bounces.import_bytes(files["dsn-hard.eml"], name="again")
    assert again.status == "bounced"
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(BouncedAddress)) == 2

    # A later campaign to the same people leaves the hard-bounced addresses out, saying why.
    group = campaigns.get(campaign).draft.targets
    later = campaigns.create(CampaignDraft(name="Vœux", subject="Bonne année", body="Bonjour", targets=group))
    preview = campaigns.preview(later.id)
    assert preview.recipients == 3 and preview.excluded["bounced_address"] == 2
    reasons = {name: reason for _id, name, reason in campaigns.excluded(later.id)}
    assert set(reasons.values()) == {"bounced_address"}
    # The person fixed the mailbox: the address is used again.
    assert bounces.clear("B0@exemple.fr") and not bounces.clear("b0@exemple.fr")
    assert campaigns.preview(later.id).recipients == 4

    # Erasing the person erases their bounced address too.
    from ekocrm_desktop.services.privacy import PrivacyService

    b1 = next(r.party_id for r in rows.values() if r.address == "b1@exemple.fr")
    PrivacyService(db).erase_person(b1)
    assert [a.address for a in bounces.bounced_addresses()] == []

    # A bounce naming no campaign and no ledger address is reported, not guessed.
    stray = dsn("inconnu@ailleurs.fr", None, action="failed", status="5.1.1", diagnostic="550 User unknown")
    assert (bounces.import_bytes(stray).status, bounces.import_bytes(stray).reason) == ("error", "no_campaign_found")


def test_a_hard_bounce_imported_mid_send_skips_the_address(db: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    _first, messages = sent_campaign(db, port, inbox, 2, "m")
    BounceService(db).import_bytes(
        dsn("m1@exemple.fr", messages["m1@exemple.fr"], action="failed", status="5.1.1", diagnostic="550 5.1.1 unknown")
    )
    # A second campaign whose ledger was written before the bounce arrived.
    campaigns = CampaignService(db, sleep=lambda _s: None)
    targets = campaigns.get(_first).draft.targets
    second = campaigns.create(CampaignDraft(name="Relance", subject="Relance", body="Bonjour", targets=targets)).id
    BounceService(db).clear("m1@exemple.fr")
    campaigns.prepare(second)
    BounceService(db).import_bytes(
        dsn("m1@exemple.fr", messages["m1@exemple.fr"], action="failed", status="5.1.1", diagnostic="550 5.1.1 unknown")
    )
    before = len(inbox.messages)
    report = campaigns.send(second, smtp_sender(port))
    assert (report.sent, report.skipped) == (1, 1) and len(inbox.messages) == before + 1
    rows = {r.address: r for r in campaigns.ledger(second, PageRequest(0, 10, 10))}
    assert rows["m1@exemple.fr"].state == "skipped" and rows["m1@exemple.fr"].reason == "bounced_address"


def test_unsubscribe_replies_opt_out_of_e_mail(db: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    campaign, messages = sent_campaign(db, port, inbox, 6, "u")
    campaigns = CampaignService(db)
    party = {r.address: r.party_id for r in campaigns.ledger(campaign, PageRequest(0, 10, 10))}
    token = str(messages["u2@exemple.fr"]["X-EkoCRM-Campaign"])
    bounces = BounceService(db)
    outcomes = {
        "first line": bounces.import_bytes(
            reply("Élodie <U0@exemple.fr>", "RE: Invitation, Élodie", "Désinscription\n\n> Bonjour Élodie !")
        ),
        "subject": bounces.import_bytes(reply("u1@exemple.fr", "Unsubscribe", "")),
        # The List-Unsubscribe mailto, sent from another address: the token names the person.
        "mailto": bounces.import_bytes(reply("alias@ailleurs.fr", f"STOP {token}", "")),
        # A reply quoting our Message-ID, from an address we do not know.
        "in reply to": bounces.import_bytes(
            reply(
                "autre@ailleurs.fr",
                "Re: Invitation",
                "désinscription",
                In_Reply_To=str(messages["u3@exemple.fr"]["Message-ID"]),
            )
        ),
        "ordinary": bounces.import_bytes(reply("u4@exemple.fr", "Re: Invitation", "Merci, je viendrai avec plaisir !")),
        "polite": bounces.import_bytes(
            reply("u5@exemple.fr", "Re: Invitation", "Merci de me désinscrire, svp.\n\n> Bonjour")
        ),
        "not a request": bounces.import_bytes(reply("u4@exemple.fr", "Stop au gaspillage : nos idées", "Bonjour")),
        "robot": bounces.import_bytes(reply("u4@exemple.fr", "Unsubscribe", "Absent.", Auto_Submitted="auto-replied")),
        "unknown": bounces.import_bytes(reply("inconnu@ailleurs.fr", "STOP", "")),
    }
    assert {k: (o.status, o.reason) for k, o in outcomes.items()} == {
        "first line": ("unsubscribed", ""),
        "subject": ("unsubscribed", ""),
        "mailto": ("unsubscribed", ""),
        "in reply to": ("unsubscribed", ""),
        "ordinary": ("ignored", "not_bounce"),
        "polite": ("unsubscribed", ""),
        "not a request": ("ignored", "not_bounce"),
        "robot": ("ignored", "not_bounce"),
        "unknown": ("error", "unknown_sender"),
    }
    consent = ConsentService(db)
    for address in ("u0@exemple.fr", "u1@exemple.fr", "u2@exemple.fr", "u3@exemple.fr", "u5@exemple.fr"):
        history = consent.history(party[address])
        assert [(h.channel, h.state, h.source) for h in history] == [("email", "opt_out", UNSUBSCRIBE_SOURCE)]
    assert consent.history(party["u4@exemple.fr"]) == []
    # Twice: recorded once.
    assert bounces.import_bytes(reply("u1@exemple.fr", "Unsubscribe", "")).status == "duplicate"
    assert len(consent.history(party["u1@exemple.fr"])) == 1
    # The next campaign leaves them out as opted out.
    later = campaigns.create(
        CampaignDraft(name="Vœux", subject="Bonne année", body="Bonjour", targets=campaigns.get(campaign).draft.targets)
    )
    assert campaigns.preview(later.id).excluded["opted_out"] == 5


def test_bounces_and_unsubscribe_replies_read_from_the_workspace_mailbox(db: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    _campaign, messages = sent_campaign(db, port, inbox, 2, "i")
    server = ImapServer(
        [
            dsn("i0@exemple.fr", messages["i0@exemple.fr"], action="failed", status="5.1.1", diagnostic="550 unknown"),
            reply("i1@exemple.fr", "Désinscription", ""),
            reply("i1@exemple.fr", "Question", "Quelle heure ?"),
        ],
        "secret-imap",
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        reader = ImapReader(db, BounceService(db), secrets=SecretStore())
        box = ImapAccount(host="127.0.0.1", port=server.server_address[1], security="none", username="asso", timeout=5)
        report = reader.fetch(box, "secret-imap")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert [o.status for o in report.outcomes] == ["bounced", "unsubscribed", "ignored"]
    assert "STORE" not in server.commands  # nothing changed on the server
    assert [a.address for a in BounceService(db).bounced_addresses()] == ["i0@exemple.fr"]
