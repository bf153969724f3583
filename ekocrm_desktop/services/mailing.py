"""Sending e-mails from the app (issue 5, part C): the workspace's SMTP account, the composer's
templates and merge fields, the outbox (drafts, failures with their reason, retries) and the
`email_out` activity written once a message is accepted by the server.

This is also the workspace's mail service that membership reminders, news and convocations
are handed (`MailService.mail_send()` is a `membership.MailSend`): one SMTP client, one place
where headers are encoded.

Never sent twice: a message is claimed (state `sending`, a conditional UPDATE) before the SMTP
conversation and marked `sent` after it; a claim another desktop holds is left alone. The
password is in the keychain (`secrets.SecretStore`), never in the database or the logs.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import logging
import smtplib
import socket
import ssl
from collections.abc import Callable, Iterable, Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Protocol
from uuid import UUID

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Clock, Database
from ekocrm_desktop.models.activities import Activity, ActivityLink, ActivityType
from ekocrm_desktop.models.communications import (
    ActivityAttachment,
    Channel,
    MessageTemplate,
    OutboxAttachment,
    OutboxMessage,
    OutboxState,
)
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.models.settings import AppSetting
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services import merge_fields
from ekocrm_desktop.services.errors import FieldError, NotFoundError, ServiceError, ValidationFailedError, denied
from ekocrm_desktop.services.membership import MailSend, OutgoingMail

log = logging.getLogger(__name__)

#: The `Changes` kind announced after the outbox changed.
OUTBOX = "outbox"
TEMPLATES = "message_template"
SMTP_SETTING = "comms.smtp"
#: States the user may still send (a retry is a send of a failed message).
SENDABLE = (OutboxState.DRAFT.value, OutboxState.QUEUED.value, OutboxState.FAILED.value)
#: A claim older than this was left by an interrupted sending (an SMTP exchange takes seconds).
STALE_CLAIM = dt.timedelta(minutes=10)
#: Merge fields the composer offers, French first; each has its English twin.
MERGE_FIELDS = (
    "prénom",
    "first_name",
    "nom",
    "last_name",
    "nom_complet",
    "full_name",
    "organisation",
    "organization",
    "email",
    "civilité",
    "title",
)


class MailError(ServiceError):
    """The server could not take a message; `kind` says why in a way the window can translate.

    kind: "connect" (server down, wrong host or port), "auth" (login refused), "recipient"
    (address refused), "tls" (secure connection failed), "config" (no account), "server" (other).
    """

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


@dataclasses.dataclass(frozen=True)
class SmtpAccount:
    """The workspace's outgoing mail server (shared by everyone; the password is per machine)."""

    host: str = ""
    port: int = 587
    #: "starttls" (port 587), "ssl" (port 465) or "none" (a local relay).
    security: str = "starttls"
    username: str = ""
    from_address: str = ""
    from_name: str = ""
    timeout: float = 20.0

    @property
    def configured(self) -> bool:
        """Whether enough is set to try sending."""
        return bool(self.host and self.from_address)

    @property
    def secret_key(self) -> str:
        """Key of the password in the keychain."""
        return f"smtp:{self.host}:{self.port}:{self.username}"

    def to_json(self) -> str:
        """The settings as stored in `app_setting` (no password, ever)."""
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, value: str | None) -> SmtpAccount:
        """The stored settings; unknown keys are ignored, missing ones take defaults."""
        try:
            data = json.loads(value or "null")
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return cls()
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


class MailTransport(Protocol):
    """Hands one built message to a server; raises MailError with the reason."""

    def send(self, message: EmailMessage) -> None:
        """Deliver `message` to its recipients."""


class SmtpTransport:
    """An SMTP client on the workspace's account: STARTTLS, SSL or plain, login when a user is set."""

    def __init__(self, account: SmtpAccount, password: str | None, *, context: ssl.SSLContext | None = None) -> None:
        self._account = account
        self._password = password
        self._context = context or ssl.create_default_context()

    def _connect(self) -> smtplib.SMTP:
        account = self._account
        if not account.configured:
            raise MailError("config", "no SMTP account")
        try:
            client: smtplib.SMTP
            if account.security == "ssl":
                client = smtplib.SMTP_SSL(account.host, account.port, timeout=account.timeout, context=self._context)
            else:
                client = smtplib.SMTP(account.host, account.port, timeout=account.timeout)
                if account.security == "starttls":
                    client.starttls(context=self._context)
        except ssl.SSLError as exc:
            raise MailError("tls", str(exc)) from None
        except smtplib.SMTPNotSupportedError as exc:
            raise MailError("tls", str(exc)) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError("connect", str(exc) or type(exc).__name__) from None
        if account.username:
            try:
                _login(client, account.username, self._password or "")
            except smtplib.SMTPAuthenticationError as exc:
                client.close()
                raise MailError("auth", _smtp_text(exc.smtp_code, exc.smtp_error)) from None
            except smtplib.SMTPException as exc:
                client.close()
                raise MailError("auth", str(exc)) from None
        return client

    def check(self) -> None:
        """Connect and log in, send nothing (the settings dialog's "Test" button)."""
        client = self._connect()
        try:
            client.noop()
        finally:
            _quit(client)

    def send(self, message: EmailMessage) -> None:
        """Deliver one message; MailError("recipient") when the server refuses an address."""
        client = self._connect()
        try:
            refused = client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            reasons = "; ".join(f"{addr}: {_smtp_text(code, text)}" for addr, (code, text) in exc.recipients.items())
            raise MailError("recipient", reasons) from None
        except smtplib.SMTPSenderRefused as exc:
            raise MailError("server", _smtp_text(exc.smtp_code, exc.smtp_error)) from None
        except smtplib.SMTPResponseException as exc:
            raise MailError("server", _smtp_text(exc.smtp_code, exc.smtp_error)) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError("connect", str(exc) or type(exc).__name__) from None
        finally:
            _quit(client)
        if refused:
            # Some recipients took it: it went out, so it is not retried; the refusal is kept.
            log.warning("some recipients were refused: %s", ", ".join(refused))


def _login(client: smtplib.SMTP, username: str, password: str) -> None:
    """Log in; credentials with accents go as UTF-8 in AUTH PLAIN (RFC 4954), which smtplib refuses."""
    if (username + password).isascii():
        client.login(username, password)
        return
    client.ehlo_or_helo_if_needed()
    token = base64.b64encode(b"\0" + username.encode() + b"\0" + password.encode()).decode("ascii")
    code, text = client.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, text)


def _quit(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()


def _smtp_text(code: int, text: bytes | str) -> str:
    value = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {value}".strip()


@dataclasses.dataclass(frozen=True)
class AttachmentFile:
    """A file attached to a message: name, MIME type, bytes."""

    filename: str
    content_type: str
    data: bytes


@dataclasses.dataclass(frozen=True)
class EmailDraft:
    """What the composer holds: one recipient (a known person or a bare address)."""

    to_address: str
    subject: str
    body: str
    party_id: UUID | None = None
    to_name: str = ""
    attachments: tuple[AttachmentFile, ...] = ()


@dataclasses.dataclass(frozen=True)
class OutboxRow:
    """One line of the outbox."""

    id: UUID
    channel: str
    to_name: str
    to_address: str
    subject: str
    state: str
    error: str
    attempts: int
    updated_at: dt.datetime
    party_id: UUID | None
    activity_id: UUID | None
    attachment_count: int


@dataclasses.dataclass(frozen=True)
class OutboxDetail:
    """A message in full (to reopen a draft in the composer)."""

    row: OutboxRow
    draft: EmailDraft
    message_id: str
    version: int


@dataclasses.dataclass(frozen=True)
class TemplateInfo:
    """A message template."""

    id: UUID
    name: str
    channel: str
    subject: str
    body: str
    version: int


@dataclasses.dataclass(frozen=True)
class TemplateDraft:
    """A template as its form holds it."""

    name: str
    subject: str
    body: str
    channel: str = Channel.EMAIL.value


class MailService:
    """The composer's use cases: templates, merge fields, drafts, sending, the outbox.

    `transport` builds the client for an account and its password; tests and the window use
    the real `SmtpTransport` (the default) against a real server.
    """

    def __init__(
        self,
        db: Database,
        *,
        secrets: SecretStore | None = None,
        me: UUID | None = None,
        clock: Clock | None = None,
        transport: Callable[[SmtpAccount, str | None], MailTransport] | None = None,
    ) -> None:
        self._db = db
        self._secrets = secrets or SecretStore()
        self.me = me
        self._clock = clock or db.clock
        self._transport = transport or SmtpTransport

    # ------------------------------------------------------------------ account
    def account(self) -> SmtpAccount:
        """The workspace's SMTP account (empty when not set up)."""
        with self._db.session() as session:
            value = session.scalar(select(AppSetting.value).where(AppSetting.key == SMTP_SETTING))
        return SmtpAccount.from_json(value)

    def save_account(self, account: SmtpAccount, password: str | None = None) -> bool:
        """Store the account; the password goes to the keychain. False: kept for this session only."""
        errors: list[FieldError] = []
        if not account.host.strip():
            errors.append(FieldError("host", "required"))
        if not 0 < account.port < 65536:
            errors.append(FieldError("port", "out_of_range", str(account.port), {"min": 1, "max": 65535}))
        if account.security not in ("starttls", "ssl", "none"):
            errors.append(FieldError("security", "invalid", account.security))
        if "@" not in account.from_address:
            errors.append(FieldError("from_address", "invalid", account.from_address))
        if errors:
            raise ValidationFailedError(errors)
        clean = dataclasses.replace(
            account,
            host=account.host.strip(),
            username=account.username.strip(),
            from_address=account.from_address.strip(),
            from_name=account.from_name.strip(),
        )
        store_setting(self._db, SMTP_SETTING, clean.to_json())
        self._db.announce(Changes.of(OUTBOX))
        if password is not None:
            return self._secrets.set(clean.secret_key, password)
        return True

    def has_password(self, account: SmtpAccount | None = None) -> bool:
        """Whether the keychain (or this session) holds the account's password."""
        account = account or self.account()
        return self._secrets.get(account.secret_key) is not None

    def transport(self, account: SmtpAccount | None = None, password: str | None = None) -> MailTransport:
        """A client for the account (the stored one by default) with its password from the keychain."""
        account = account or self.account()
        if password is None and account.username:
            password = self._secrets.get(account.secret_key)
        return self._transport(account, password)

    def check_account(self, account: SmtpAccount, password: str | None = None) -> None:
        """Connect and log in without sending; MailError with the reason."""
        transport = self.transport(account, password)
        check = getattr(transport, "check", None)
        if check is not None:
            check()

    # ------------------------------------------------------------------ templates and merge fields
    def templates(self, channel: str = Channel.EMAIL.value) -> list[TemplateInfo]:
        """The templates of a channel, by name."""
        with self._db.session() as session:
            rows = session.scalars(
                select(MessageTemplate)
                .where(MessageTemplate.channel == channel, MessageTemplate.deleted_at.is_(None))
                .order_by(MessageTemplate.name)
            ).all()
            return [_template_info(r) for r in rows]

    def save_template(self, draft: TemplateDraft, *, template_id: UUID | None = None) -> TemplateInfo:
        """Create or replace a template; refuses an unknown merge field, naming it."""
        errors: list[FieldError] = []
        if not draft.name.strip():
            errors.append(FieldError("name", "required"))
        errors += merge_fields.check_template(draft.subject, MERGE_FIELDS, field="subject")
        errors += merge_fields.check_template(draft.body, MERGE_FIELDS, field="body")
        if errors:
            raise ValidationFailedError(errors)
        with self._db.write_session() as session:
            row = session.get(MessageTemplate, template_id) if template_id else None
            if row is None:
                row = MessageTemplate(id=template_id) if template_id else MessageTemplate()
                session.add(row)
            row.name = draft.name.strip()[:120]
            row.channel = draft.channel
            row.subject = draft.subject.strip()[:250]
            row.body = draft.body
            session.flush()
            info = _template_info(row)
            session.commit()
        self._db.announce(Changes.of(TEMPLATES, [info.id]))
        return info

    def delete_template(self, template_id: UUID) -> None:
        """Remove a template (sent messages keep their text)."""
        with self._db.write_session() as session:
            row = session.get(MessageTemplate, template_id)
            if row is not None:
                row.deleted_at = self._clock()
            session.commit()
        self._db.announce(Changes.of(TEMPLATES, [template_id]))

    def merge_values(self, party_id: UUID | None) -> dict[str, merge_fields.MergeValue]:
        """The merge fields' values for a person (empty strings for an unknown recipient)."""
        values: dict[str, merge_fields.MergeValue] = dict.fromkeys(MERGE_FIELDS, "")
        if party_id is None:
            return values
        with self._db.session() as session:
            party = session.get(Party, party_id)
            if party is None:
                return values
            organisation = party.organisation_name or ""
            first = party.first_name or ""
            last = party.last_name or ""
            values.update(
                {
                    "prénom": first,
                    "first_name": first,
                    "nom": last,
                    "last_name": last,
                    "nom_complet": party.display_name,
                    "full_name": party.display_name,
                    "organisation": organisation or "",
                    "organization": organisation or "",
                    "email": party.primary_email or "",
                    "civilité": party.civility or "",
                    "title": party.civility or "",
                }
            )
        return values

    def render(self, text: str, party_id: UUID | None) -> str:
        """`text` with the recipient's merge fields filled in; ValidationFailedError names an unknown one."""
        return merge_fields.render(text, self.merge_values(party_id))

    def recipient(self, party_id: UUID) -> tuple[str, str]:
        """A person's display name and main e-mail address."""
        with self._db.session() as session:
            party = session.get(Party, party_id)
            if party is None:
                raise NotFoundError("party", party_id)
            return party.display_name, party.primary_email or ""

    # ------------------------------------------------------------------ outbox
    def save_draft(self, draft: EmailDraft, *, outbox_id: UUID | None = None) -> OutboxDetail:
        """Keep a message in the outbox as a draft (created, or replaced while still unsent)."""
        return self._store(draft, outbox_id, OutboxState.DRAFT.value)

    def _validate(self, draft: EmailDraft) -> EmailDraft:
        errors: list[FieldError] = []
        address = draft.to_address.strip()
        if "@" not in address or " " in address or address.startswith("@") or address.endswith("@"):
            errors.append(FieldError("to_address", "invalid", address))
        errors += merge_fields.check_template(draft.subject, MERGE_FIELDS, field="subject")
        errors += merge_fields.check_template(draft.body, MERGE_FIELDS, field="body")
        if errors:
            raise ValidationFailedError(errors)
        return dataclasses.replace(draft, to_address=address, subject=" ".join(draft.subject.split())[:250])

    def _store(self, draft: EmailDraft, outbox_id: UUID | None, state: str) -> OutboxDetail:
        clean = self._validate(draft)
        try:
            return self._write(clean, outbox_id, state)
        except DBAPIError as exc:
            raise denied(exc) or exc from None

    def _write(self, clean: EmailDraft, outbox_id: UUID | None, state: str) -> OutboxDetail:
        with self._db.write_session() as session:
            row = session.get(OutboxMessage, outbox_id) if outbox_id else None
            if row is not None and row.state not in SENDABLE:
                raise ServiceError("this message was already sent")
            if row is None:
                row = OutboxMessage(id=outbox_id) if outbox_id else OutboxMessage()
                row.message_id = make_msgid(domain=_domain(self.account().from_address))
                row.owner_id = self.me
                row.attempts = 0
                session.add(row)
            row.channel = Channel.EMAIL.value
            row.party_id = clean.party_id
            row.to_name = clean.to_name[:200]
            row.to_address = clean.to_address
            row.subject = clean.subject
            row.body = clean.body
            row.state = state
            row.attachments = [
                OutboxAttachment(filename=a.filename[:250], content_type=a.content_type, data=a.data)
                for a in clean.attachments
            ]
            session.flush()
            detail = _detail(row)
            session.commit()
        self._db.announce(Changes.of(OUTBOX, [detail.row.id]))
        return detail

    def get(self, outbox_id: UUID) -> OutboxDetail:
        """A message of the outbox in full."""
        with self._db.session() as session:
            row = session.get(OutboxMessage, outbox_id)
            if row is None or row.deleted_at is not None:
                raise NotFoundError("outbox_message", outbox_id)
            return _detail(row)

    def outbox(self, states: Iterable[str] = SENDABLE, *, limit: int = 500) -> list[OutboxRow]:
        """Messages in the given states, newest change first."""
        with self._db.session() as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.state.in_(list(states)), OutboxMessage.deleted_at.is_(None))
                .order_by(OutboxMessage.updated_at.desc(), OutboxMessage.id.desc())
                .limit(limit)
            ).all()
            # Counted in SQL: the list never loads the attachments' bytes.
            counts = dict(
                session.execute(
                    select(OutboxAttachment.message_id, func.count())
                    .where(OutboxAttachment.message_id.in_([r.id for r in rows]))
                    .group_by(OutboxAttachment.message_id)
                ).all()
            )
            return [_row(r, int(counts.get(r.id, 0))) for r in rows]

    def delete(self, outbox_ids: Sequence[UUID]) -> int:
        """Remove unsent messages from the outbox (sent ones stay: they are the sending ledger)."""
        with self._db.write_session() as session:
            result = session.execute(
                delete(OutboxMessage).where(OutboxMessage.id.in_(list(outbox_ids)), OutboxMessage.state.in_(SENDABLE))
            )
            session.commit()
        self._db.announce(Changes.of(OUTBOX, outbox_ids))
        return int(getattr(result, "rowcount", 0) or 0)

    def send_draft(self, draft: EmailDraft, *, outbox_id: UUID | None = None) -> OutboxDetail:
        """Queue the composed message and send it now; on failure it stays in the outbox (MailError raised)."""
        detail = self._store(draft, outbox_id, OutboxState.QUEUED.value)
        return self.send(detail.row.id)

    def send(self, outbox_id: UUID) -> OutboxDetail:
        """Send (or retry) one message of the outbox, exactly once.

        Raises MailError when the server refused it: the message is then `failed` with the
        reason and can be retried. A message already sent, or being sent by another desktop,
        is not sent again (ServiceError "already").
        """
        account = self.account()
        if not self._claim(outbox_id):
            raise ServiceError("this message was already sent or is being sent")
        try:
            with self._db.session() as session:
                row = session.get(OutboxMessage, outbox_id)
                assert row is not None  # claimed just now
                message = build_message(row, account, self._clock())
            self.transport(account).send(message)
        except MailError as exc:
            self._mark_failed(outbox_id, exc)
            raise
        except Exception as exc:
            self._mark_failed(outbox_id, MailError("server", str(exc) or type(exc).__name__))
            raise
        return self._mark_sent(outbox_id)

    def _claim(self, outbox_id: UUID) -> bool:
        with self._db.write_session() as session:
            result = session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == outbox_id,
                    OutboxMessage.channel == Channel.EMAIL.value,
                    OutboxMessage.state.in_(SENDABLE),
                )
                .values(
                    state=OutboxState.SENDING.value,
                    attempts=OutboxMessage.attempts + 1,
                    version=OutboxMessage.version + 1,
                    updated_at=self._clock(),
                    updated_by=self._db.actor,
                )
                .execution_options(synchronize_session=False)
            )
            session.commit()
        return bool(getattr(result, "rowcount", 0))

    def release(self, outbox_id: UUID) -> bool:
        """Give back a claim left by an interrupted sending (the app closed or crashed mid-way).

        Only a claim older than STALE_CLAIM is released, so a desktop still sending keeps its
        own. The message becomes `failed` with the reason "interrupted": whether it went out is
        unknown, so the user decides to retry it (with the same Message-ID) or delete it.
        """
        cutoff = self._clock() - STALE_CLAIM
        with self._db.write_session() as session:
            result = session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == outbox_id,
                    OutboxMessage.state == OutboxState.SENDING.value,
                    OutboxMessage.updated_at < cutoff,
                )
                .values(
                    state=OutboxState.FAILED.value,
                    error="interrupted: the sending stopped before the server answered",
                    version=OutboxMessage.version + 1,
                    updated_at=self._clock(),
                    updated_by=self._db.actor,
                )
                .execution_options(synchronize_session=False)
            )
            session.commit()
        released = bool(getattr(result, "rowcount", 0))
        if released:
            self._db.announce(Changes.of(OUTBOX, [outbox_id]))
        return released

    def _mark_failed(self, outbox_id: UUID, error: MailError) -> None:
        with self._db.write_session() as session:
            row = session.get(OutboxMessage, outbox_id)
            if row is not None:
                row.state = OutboxState.FAILED.value
                row.error = f"{error.kind}: {error.detail}"[:1000]
            session.commit()
        self._db.announce(Changes.of(OUTBOX, [outbox_id]))

    def _mark_sent(self, outbox_id: UUID) -> OutboxDetail:
        with self._db.write_session() as session:
            row = session.get(OutboxMessage, outbox_id)
            assert row is not None
            now = self._clock()
            activity = record_activity(
                session,
                type_=ActivityType.EMAIL_OUT.value,
                subject=row.subject,
                body=row.body,
                occurred_at=now,
                owner_id=row.owner_id,
                party_ids=[row.party_id] if row.party_id else [],
                attachments=[AttachmentFile(a.filename, a.content_type, a.data) for a in row.attachments],
            )
            row.state = OutboxState.SENT.value
            row.error = ""
            row.sent_at = now
            row.activity_id = activity.id
            session.flush()
            detail = _detail(row)
            session.commit()
        self._db.announce(Changes.of(OUTBOX, [outbox_id], "activity"))
        return detail

    # ------------------------------------------------------------------ for other areas
    def mail_send(self) -> MailSend:
        """A `membership.MailSend` on the workspace's account (reminders, news, convocations)."""
        account = self.account()
        transport = self.transport(account)

        def send(mail: OutgoingMail) -> None:
            message = EmailMessage()
            message["From"] = _address(account.from_name, account.from_address)
            message["To"] = mail.to
            message["Subject"] = mail.subject
            message["Date"] = format_datetime(self._clock())
            given = {name.lower() for name, _value in mail.headers}
            if "message-id" not in given:  # campaigns set theirs: bounces quote it back
                message["Message-ID"] = make_msgid(domain=_domain(account.from_address))
            for name, value in mail.headers:  # List-Unsubscribe of campaigns, ...
                message[name] = value
            message.set_content(mail.body)
            for name, content_type, data in mail.attachments:
                _attach(message, AttachmentFile(name, content_type, data))
            transport.send(message)

        return send


def store_setting(db: Database, key: str, value: str) -> None:
    """Write one workspace setting; PermissionDeniedError for those who may not (administrators only)."""
    try:
        with db.write_session() as session:
            row = session.get(AppSetting, key)
            if row is None:
                row = AppSetting(key=key)
                session.add(row)
            row.value = value
            row.updated_at = db.clock()
            row.updated_by = db.actor
            session.commit()
    except DBAPIError as exc:
        raise denied(exc) or exc from None


def build_message(row: OutboxMessage, account: SmtpAccount, now: dt.datetime) -> EmailMessage:
    """The MIME message of an outbox row: UTF-8 headers (accented names encoded), Date, Message-ID."""
    message = EmailMessage()
    message["From"] = _address(account.from_name, account.from_address)
    message["To"] = _address(row.to_name, row.to_address)
    message["Subject"] = row.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = row.message_id or make_msgid(domain=_domain(account.from_address))
    message.set_content(row.body)
    for attachment in row.attachments:
        _attach(message, AttachmentFile(attachment.filename, attachment.content_type, attachment.data))
    return message


def record_activity(
    session: Session,
    *,
    type_: str,
    subject: str,
    body: str,
    occurred_at: dt.datetime,
    owner_id: UUID | None,
    party_ids: Iterable[UUID],
    attachments: Iterable[AttachmentFile] = (),
    outcome: str = "",
    is_task: bool = False,
) -> Activity:
    """An activity with its links and attached files, in the caller's transaction (not committed)."""
    activity = Activity(
        type=type_,
        subject=" ".join(subject.split())[:250],
        body=body,
        occurred_at=occurred_at,
        owner_id=owner_id,
        place="",
        outcome=outcome[:60],
        is_task=is_task,
        assignee_id=owner_id if is_task else None,
        due_at=occurred_at if is_task else None,
    )
    for party_id in dict.fromkeys(party_ids):
        activity.links.append(ActivityLink(party_id=party_id, occurred_at=occurred_at))
    session.add(activity)
    session.flush()
    for attachment in attachments:
        session.add(
            ActivityAttachment(
                activity_id=activity.id,
                filename=attachment.filename[:250],
                content_type=attachment.content_type[:120],
                data=attachment.data,
            )
        )
    return activity


def activity_attachments(db: Database, activity_id: UUID) -> list[AttachmentFile]:
    """The files kept with an activity (e-mail attachments)."""
    with db.session() as session:
        rows = session.scalars(
            select(ActivityAttachment)
            .where(ActivityAttachment.activity_id == activity_id)
            .order_by(ActivityAttachment.filename)
        ).all()
        return [AttachmentFile(r.filename, r.content_type, r.data) for r in rows]


def _attach(message: EmailMessage, attachment: AttachmentFile) -> None:
    main, _, sub = attachment.content_type.partition("/")
    if not main or not sub:
        main, sub = "application", "octet-stream"
    message.add_attachment(attachment.data, maintype=main, subtype=sub, filename=attachment.filename)


def _address(name: str, address: str) -> Address:
    user, _, domain = address.strip().rpartition("@")
    return Address(display_name=name.strip(), username=user, domain=domain)


def _domain(address: str) -> str:
    domain = address.rpartition("@")[2].strip()
    return domain or socket.getfqdn() or "localhost"


def _row(row: OutboxMessage, attachment_count: int | None = None) -> OutboxRow:
    return OutboxRow(
        id=row.id,
        channel=row.channel,
        to_name=row.to_name,
        to_address=row.to_address,
        subject=row.subject,
        state=row.state,
        error=row.error,
        attempts=row.attempts,
        updated_at=row.updated_at,
        party_id=row.party_id,
        activity_id=row.activity_id,
        attachment_count=len(row.attachments) if attachment_count is None else attachment_count,
    )


def _detail(row: OutboxMessage) -> OutboxDetail:
    draft = EmailDraft(
        to_address=row.to_address,
        subject=row.subject,
        body=row.body,
        party_id=row.party_id,
        to_name=row.to_name,
        attachments=tuple(AttachmentFile(a.filename, a.content_type, a.data) for a in row.attachments),
    )
    return OutboxDetail(row=_row(row), draft=draft, message_id=row.message_id, version=row.version)


def _template_info(row: MessageTemplate) -> TemplateInfo:
    return TemplateInfo(row.id, row.name, row.channel, row.subject, row.body, row.version)
