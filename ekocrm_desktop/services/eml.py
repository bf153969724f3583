"""Logging received e-mails (issue 5, part C): `.eml` files dropped on a record or the journal
become e-mail activities linked to the known people among their sender and recipients, with
their attachments kept. Importing the same message twice does nothing (its Message-ID, or a
digest of its bytes when it has none, is recorded).

A message sent by one of our collaborators (or from the workspace's SMTP address) is logged as
`email_out`; anything else as `email_in`. Parsing uses the stdlib `email` package with
`policy.default`, which decodes RFC 2047 names and legacy charsets (ISO-8859-1, cp1252...).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import email
import email.policy
import hashlib
import html as html_module
import imaplib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Protocol
from uuid import UUID

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Clock, Database
from ekocrm_desktop.models.access import UserAccount
from ekocrm_desktop.models.activities import ActivityType
from ekocrm_desktop.models.communications import EmailReceipt
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.party import Party, PartyEmail, PartyRole
from ekocrm_desktop.models.settings import AppSetting
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.errors import FieldError, ServiceError, ValidationFailedError
from ekocrm_desktop.services.mailing import SMTP_SETTING, AttachmentFile, SmtpAccount, record_activity, store_setting

#: Bigger files are refused: an .eml is a message, not an archive.
MAX_BYTES = 50 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class ParsedEmail:
    """What is kept of a message."""

    message_id: str
    subject: str
    sender: tuple[str, str]
    recipients: tuple[tuple[str, str], ...]
    date: dt.datetime | None
    body: str
    attachments: tuple[AttachmentFile, ...]


@dataclasses.dataclass(frozen=True)
class EmlOutcome:
    """What importing one file did: "imported", "duplicate" or "error" (with the reason code)."""

    name: str
    status: str
    activity_id: UUID | None = None
    subject: str = ""
    linked: int = 0
    reason: str = ""


@dataclasses.dataclass(frozen=True)
class EmlReport:
    """The import report the window shows."""

    outcomes: tuple[EmlOutcome, ...]

    def count(self, status: str) -> int:
        """How many files ended with `status`."""
        return sum(1 for o in self.outcomes if o.status == status)


def parse_eml(data: bytes) -> ParsedEmail:
    """Read a message; ValueError when the bytes are not an e-mail at all."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not any(message.get(h) for h in ("From", "To", "Subject", "Date")):
        raise ValueError("not an e-mail")
    message_id = str(message.get("Message-ID") or "").strip()
    if not message_id:
        # No Message-ID (some clients omit it on saved drafts): the file's digest stands in, so
        # the same file dropped twice is still recognised.
        message_id = "<sha256-" + hashlib.sha256(data).hexdigest() + "@eml>"
    sender = _addresses(message.get_all("From", []))
    recipients = _addresses([*message.get_all("To", []), *message.get_all("Cc", [])])
    date: dt.datetime | None = None
    try:
        date = parsedate_to_datetime(str(message.get("Date"))) if message.get("Date") else None
    except (TypeError, ValueError):
        date = None
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=dt.UTC)
    body = ""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is not None:
        try:
            body = str(part.get_content())
        except (LookupError, ValueError):
            payload = part.get_payload(decode=True)
            body = payload.decode("latin-1") if isinstance(payload, bytes) else ""
        if part.get_content_subtype() == "html":
            body = _strip_html(body)
    attachments = []
    for attachment in message.iter_attachments():
        payload = attachment.get_payload(decode=True)
        if isinstance(payload, bytes):
            name = attachment.get_filename() or "attachment"
            attachments.append(AttachmentFile(name, attachment.get_content_type(), payload))
    return ParsedEmail(
        message_id=message_id[:250],
        subject=" ".join(str(message.get("Subject") or "").split()),
        sender=sender[0] if sender else ("", ""),
        recipients=tuple(recipients),
        date=date,
        body=body.strip(),
        attachments=tuple(attachments),
    )


def _addresses(values: Sequence[object]) -> list[tuple[str, str]]:
    return [(name, addr.strip().lower()) for name, addr in getaddresses([str(v) for v in values]) if "@" in addr]


def _strip_html(html: str) -> str:
    text = re.sub(r"(?is)<(script|style).*?</\1>", "", html)
    text = re.sub(r"(?i)<br\s*/?>|</p>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html_module.unescape(text)


class EmlImporter:
    """Turns `.eml` files into e-mail activities; announces `Changes.of("activity", ids)`."""

    def __init__(self, db: Database, *, me: UUID | None = None, clock: Clock | None = None) -> None:
        self._db = db
        self.me = me
        self._clock = clock or db.clock

    def import_files(self, paths: Iterable[Path], *, link_to: Sequence[UUID] = ()) -> EmlReport:
        """Import each file (a bad one is listed with its reason, the others go on)."""
        outcomes = []
        for path in paths:
            try:
                if path.stat().st_size > MAX_BYTES:
                    outcomes.append(EmlOutcome(path.name, "error", reason="too_big"))
                    continue
                data = path.read_bytes()
            except OSError:
                outcomes.append(EmlOutcome(path.name, "error", reason="unreadable"))
                continue
            outcomes.append(self.import_bytes(data, name=path.name, link_to=link_to))
        return EmlReport(tuple(outcomes))

    def import_bytes(self, data: bytes, *, name: str = "", link_to: Sequence[UUID] = ()) -> EmlOutcome:
        """Import one message; `link_to`: records it is dropped on (linked even if not in its addresses)."""
        try:
            parsed = parse_eml(data)
        except ValueError:
            return EmlOutcome(name, "error", reason="not_email")
        with self._db.write_session() as session:
            existing = session.get(EmailReceipt, parsed.message_id)
            if existing is not None:
                return EmlOutcome(name, "duplicate", existing.activity_id, parsed.subject)
            ours = self._our_addresses(session)
            outgoing = parsed.sender[1] in ours
            addresses = [addr for _, addr in (parsed.sender, *parsed.recipients) if addr and addr not in ours]
            people = self._known(session, addresses)
            party_ids = [*link_to, *people]
            header = _header_lines(parsed)
            activity = record_activity(
                session,
                type_=(ActivityType.EMAIL_OUT if outgoing else ActivityType.EMAIL_IN).value,
                subject=parsed.subject or "(sans objet)",
                body=f"{header}\n\n{parsed.body}" if parsed.body else header,
                occurred_at=parsed.date or self._clock(),
                owner_id=self.me,
                party_ids=party_ids,
                attachments=parsed.attachments,
            )
            session.add(EmailReceipt(message_id=parsed.message_id, activity_id=activity.id, imported_at=self._clock()))
            activity_id = activity.id
            linked = len(dict.fromkeys(party_ids))
            session.commit()
        self._db.announce(Changes.of("activity", [activity_id]))
        return EmlOutcome(name, "imported", activity_id, parsed.subject, linked)

    def _our_addresses(self, session: Session) -> set[str]:
        collaborators = select(PartyRole.party_id).where(
            PartyRole.role == RoleKind.COLLABORATOR.value, PartyRole.until.is_(None)
        )
        logins = select(UserAccount.party_id).where(UserAccount.party_id.isnot(None))
        rows = session.scalars(
            select(func.lower(PartyEmail.address)).where(
                or_(PartyEmail.party_id.in_(collaborators), PartyEmail.party_id.in_(logins))
            )
        ).all()
        ours = {r for r in rows if r}
        account = SmtpAccount.from_json(session.scalar(select(AppSetting.value).where(AppSetting.key == SMTP_SETTING)))
        if account.from_address:
            ours.add(account.from_address.lower())
        return ours

    def _known(self, session: Session, addresses: Sequence[str]) -> list[UUID]:
        if not addresses:
            return []
        found: dict[str, UUID] = {}
        rows = session.execute(
            select(func.lower(PartyEmail.address), PartyEmail.party_id)
            .join(Party, Party.id == PartyEmail.party_id)
            .where(func.lower(PartyEmail.address).in_(addresses), Party.deleted_at.is_(None))
            .order_by(PartyEmail.is_primary.desc())
        ).all()
        for address, party_id in rows:
            found.setdefault(address, party_id)
        return list(dict.fromkeys(found[a] for a in addresses if a in found))


def _header_lines(parsed: ParsedEmail) -> str:
    def show(pair: tuple[str, str]) -> str:
        return f"{pair[0]} <{pair[1]}>" if pair[0] else pair[1]

    lines = [f"From: {show(parsed.sender)}"] if parsed.sender[1] else []
    if parsed.recipients:
        lines.append("To: " + ", ".join(show(r) for r in parsed.recipients))
    return "\n".join(lines)


# ---------------------------------------------------------------------------- IMAP, on demand
IMAP_SETTING = "comms.imap"


@dataclasses.dataclass(frozen=True)
class ImapAccount:
    """A mailbox read on demand (nothing is changed on the server: messages stay unread there)."""

    host: str = ""
    port: int = 993
    #: "ssl" (port 993), "starttls" (143) or "none" (a local server only).
    security: str = "ssl"
    username: str = ""
    mailbox: str = "INBOX"
    timeout: float = 20.0

    @property
    def configured(self) -> bool:
        """Whether a mailbox is set up."""
        return bool(self.host and self.username)

    @property
    def secret_key(self) -> str:
        """Key of the password in the keychain."""
        return f"imap:{self.host}:{self.port}:{self.username}"

    def to_json(self) -> str:
        """As stored in `app_setting` (no password)."""
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, value: str | None) -> ImapAccount:
        """The stored settings (defaults for what is missing)."""
        try:
            data = json.loads(value or "null")
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return cls()
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


class ImapError(ServiceError):
    """The mailbox could not be read: "connect", "auth" or "server", with the server's words."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


class MessageImporter(Protocol):
    """What reads one fetched message: `EmlImporter` (the journal), `bounces.BounceService` (campaigns)."""

    def import_bytes(self, data: bytes, *, name: str = "", link_to: Sequence[UUID] = ()) -> EmlOutcome:
        """Handle one message."""


class ImapReader:
    """Reads the newest messages of a mailbox and hands them to an importer (logged like dropped
    `.eml` files by default; campaigns read bounces and unsubscribe replies the same way)."""

    def __init__(self, db: Database, importer: MessageImporter, *, secrets: SecretStore | None = None) -> None:
        self._db = db
        self._importer = importer
        self._secrets = secrets or SecretStore()

    def account(self) -> ImapAccount:
        """The workspace's mailbox (unconfigured by default)."""
        with self._db.session() as session:
            value = session.scalar(select(AppSetting.value).where(AppSetting.key == IMAP_SETTING))
        return ImapAccount.from_json(value)

    def save_account(self, account: ImapAccount, password: str | None = None) -> bool:
        """Store the mailbox; the password goes to the keychain (False: kept for this session only)."""
        if account.security not in ("ssl", "starttls", "none") or not 0 < account.port < 65536:
            raise ValidationFailedError([FieldError("security", "invalid", account.security)])
        store_setting(self._db, IMAP_SETTING, account.to_json())
        if password is not None and account.configured:
            return self._secrets.set(account.secret_key, password)
        return True

    def fetch(
        self,
        account: ImapAccount | None = None,
        password: str | None = None,
        *,
        limit: int = 200,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> EmlReport:
        """Log the newest `limit` messages of the mailbox (those already logged are recognised)."""
        account = account or self.account()
        if not account.configured:
            raise ImapError("config", "no mailbox")
        password = password if password is not None else self._secrets.get(account.secret_key)
        try:
            client: imaplib.IMAP4
            if account.security == "ssl":
                client = imaplib.IMAP4_SSL(account.host, account.port, timeout=account.timeout)
            else:
                client = imaplib.IMAP4(account.host, account.port, timeout=account.timeout)
                if account.security == "starttls":
                    client.starttls()
        except (OSError, imaplib.IMAP4.error) as exc:
            raise ImapError("connect", str(exc) or type(exc).__name__) from None
        outcomes: list[EmlOutcome] = []
        try:
            try:
                client.login(account.username, password or "")
            except imaplib.IMAP4.error as exc:
                raise ImapError("auth", str(exc)) from None
            status, _data = client.select(_quote_mailbox(account.mailbox), readonly=True)
            if status != "OK":
                raise ImapError("server", f"{account.mailbox}: {status}")
            status, found = client.search(None, "ALL")
            numbers = found[0].split() if status == "OK" and found and found[0] else []
            for number in numbers[-limit:]:
                if cancelled():
                    break
                # BODY.PEEK leaves the message unread on the server.
                status, parts = client.fetch(number.decode(), "(BODY.PEEK[])")
                data = next((p[1] for p in parts if isinstance(p, tuple) and len(p) > 1), None)
                name = f"{account.mailbox} #{number.decode()}"
                if status != "OK" or not isinstance(data, bytes):
                    outcomes.append(EmlOutcome(name, "error", reason="unreadable"))
                    continue
                outcomes.append(self._importer.import_bytes(data, name=name))
        except (OSError, imaplib.IMAP4.abort) as exc:
            raise ImapError("connect", str(exc) or type(exc).__name__) from None
        finally:
            with contextlib.suppress(OSError, imaplib.IMAP4.error):
                client.logout()
        return EmlReport(tuple(outcomes))


def _quote_mailbox(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
