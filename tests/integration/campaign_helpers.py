"""What the campaign tests share: people loaded in bulk, a loopback SMTP server counting what
each address receives, and a plain smtplib sender (the workspace's mail service does the same)."""

from __future__ import annotations

import email
import email.policy
import smtplib
import socket
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.bulk import BulkParty, bulk_insert_parties
from ekocrm_desktop.services.contacts import AddressEntry, EmailEntry, PartyDraft
from ekocrm_desktop.services.groups import GroupService
from ekocrm_desktop.services.membership import OutgoingMail

REFUSED = "refuse@exemple.fr"


class Inbox:
    """An aiosmtpd handler keeping every message; refuses one address like a real server."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()
        self.down = False

    async def handle_RCPT(self, _server: Any, _session: Any, envelope: Any, address: str, _options: Any) -> str:
        if self.down:
            return "421 4.3.2 Service not available, closing transmission channel"
        if address == REFUSED:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted"

    def per_address(self) -> Counter[str]:
        """How many messages each address received (envelope To: header, one per message)."""
        with self.lock:
            return Counter(str(m["To"]) for m in self.messages)


def free_port() -> int:
    # Controller(port=0) does not work: take a free port first (ecosystem notes §8).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_smtp() -> tuple[Inbox, int, Controller]:
    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return inbox, port, controller


def smtp_sender(port: int) -> Any:
    """One message per call and per recipient, through SMTP on loopback."""

    def send(mail: OutgoingMail) -> None:
        message = EmailMessage()
        message["From"] = "Les Amis du Patrimoine <association@exemple.fr>"
        message["To"] = mail.to
        message["Subject"] = mail.subject
        for name, value in mail.headers:
            message[name] = value
        message.set_content(mail.body)
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.send_message(message)

    return send


def load_people(
    db: Database, count: int, *, prefix: str = "p", first_name: str = "Élodie", city: str = "Lyon"
) -> list[uuid.UUID]:
    """`count` people with accented names, an address each and an e-mail `{prefix}{i}@exemple.fr`."""
    people = [
        BulkParty(
            uuid.uuid4(),
            PartyDraft(
                kind="person",
                civility="Mme",
                first_name=first_name,
                last_name=f"Guérin-{i:04d}",
                emails=(EmailEntry(f"{prefix}{i}@exemple.fr"),),
                addresses=(AddressEntry("3 rue des Écoles", "", "69001", city),),
            ),
        )
        for i in range(count)
    ]
    bulk_insert_parties(db, people)
    return [p.id for p in people]


def group_of(db: Database, name: str, ids: list[uuid.UUID]) -> uuid.UUID:
    groups = GroupService(db)
    group = groups.create(name)
    groups.add(group.id, ids)
    return group.id


def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox, port, controller = start_smtp()
    try:
        yield inbox, port
    finally:
        controller.stop()
