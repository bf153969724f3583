"""Bounces and unsubscribe replies (issue 6): messages that come back after a campaign e-mail.

A user drops `.eml` files on the campaigns page (or has the workspace's mailbox read, through
`eml.ImapReader`); each message is one of:

- a **bounce**: a delivery status notification (RFC 3464 `multipart/report;
  report-type=delivery-status`) or one of the common non-standard ones (Postfix, Exim, qmail,
  Exchange texts from MAILER-DAEMON or postmaster). The campaign and the recipient are found
  through the token every campaign e-mail carries (`X-EkoCRM-Campaign` header, Message-ID
  `<ekocrm.TOKEN@…>`, quoted back in the returned headers), else through the failed address
  among the ledger's sent rows. The ledger row becomes `bounced`; a permanent failure (5.x.x)
  also records the address in `bounced_address`, so later campaigns leave it out ("bounced
  address"). A delay warning changes nothing: the message may still arrive.
- an **unsubscribe reply**: "STOP", "unsubscribe", "désinscription"… as the subject or the
  first line (the `List-Unsubscribe` mailto sends "STOP TOKEN"). The person (by token, else
  everyone whose e-mail is the sender's address) opts out of e-mail with the source
  "unsubscribe by e-mail". Automatic replies (out of office) are never read as one.
- anything else is ignored (the journal logs ordinary e-mails).

Importing the same message again changes nothing more.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import re
from collections.abc import Iterable, Sequence
from email.message import EmailMessage, Message
from email.parser import HeaderParser
from email.utils import parseaddr
from pathlib import Path
from uuid import UUID

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Clock, Database
from ekocrm_desktop.models.campaigns import BouncedAddress, CampaignRecipient, Consent
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party, PartyEmail
from ekocrm_desktop.services.consent import excluded_condition
from ekocrm_desktop.services.eml import MAX_BYTES, EmlOutcome, EmlReport

#: The consent source of an opt-out read from a reply.
UNSUBSCRIBE_SOURCE = "unsubscribe by e-mail"
BOUNCE = "bounce"

_TOKEN_IN_ID = re.compile(r"<?ekocrm\.([0-9a-f]{32})@", re.IGNORECASE)
_TOKEN_IN_HEADER = re.compile(r"X-EkoCRM-Campaign:\s*([0-9a-f]{32})\b", re.IGNORECASE)
_TOKEN_IN_STOP = re.compile(r"\b(?:STOP|unsubscribe)\s+([0-9a-f]{32})\b", re.IGNORECASE)
_ENHANCED = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])")
_BASIC = re.compile(r"(?<!\d)([45])\d\d(?=[ -])")
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_DAEMONS = ("mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon")
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|returned mail|returned to sender|delivery (status notification|failure|has failed|failed)"
    r"|failure notice|mail delivery failed|non remis|non distribuable|non délivré|échec de (la )?(remise|distribution)"
    r"|unzustellbar",
    re.IGNORECASE,
)
_PERMANENT = re.compile(
    r"permanent|does not exist|doesn't exist|user unknown|unknown user|no such user|mailbox unavailable"
    r"|address rejected|n'existe pas|introuvable|adresse inconnue|destinataire inconnu|invalid recipient",
    re.IGNORECASE,
)
_REPLY_PREFIX = re.compile(r"^\s*(re|tr|fw|fwd|aw|wg|réf|ref)\s*:\s*", re.IGNORECASE)
_UNSUBSCRIBE = re.compile(
    r"^(?:(?:merci de|je (?:souhaite|voudrais|veux)|veuillez|please)\s+)?"
    r"(?:stop|unsubscribe(?: me)?|d[ée]sinscription|(?:me |se )?d[ée]sinscrire|d[ée]sabonnement"
    r"|(?:me |se )?d[ée]sabonner)\b[\s.!:,]*([0-9a-f]{32})?"
    r"[\s.!,]*(?:svp|s[’']il vous pla[iî]t|merci|please|thanks|thank you)?[\s.!]*$",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True)
class Bounce:
    """What a bounce message says: the failed addresses, permanent or not, and our tokens quoted."""

    addresses: tuple[str, ...]
    hard: bool
    delayed: bool
    status: str
    diagnostic: str
    tokens: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class BouncedAddressInfo:
    """An address left out of campaigns, since when and why."""

    address: str
    bounced_at: dt.datetime
    status: str
    diagnostic: str


def read_message(data: bytes) -> EmailMessage:
    """The message in `data`; ValueError when the bytes are not an e-mail."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not any(
        message.get(h) for h in ("From", "To", "Subject", "Date", "Content-Type")
    ):
        raise ValueError("not an e-mail")
    return message


def _text(part: Message) -> str:
    try:
        content = part.get_content() if isinstance(part, EmailMessage) else part.get_payload(decode=False)
    except (LookupError, ValueError, KeyError):
        payload = part.get_payload(decode=True)
        content = payload.decode("latin-1") if isinstance(payload, bytes) else ""
    if isinstance(content, bytes):
        return content.decode("utf-8", "replace")
    return content if isinstance(content, str) else str(content or "")


def _tokens(message: EmailMessage, data: bytes) -> tuple[str, ...]:
    """Our ledger tokens quoted anywhere in the message: returned headers, quoted text, references."""
    texts = [data.decode("utf-8", "replace")]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            texts.append(_text(part))
    found: dict[str, None] = {}
    for text in texts:
        for pattern in (_TOKEN_IN_HEADER, _TOKEN_IN_ID):
            for match in pattern.finditer(text):
                found[match.group(1).lower()] = None
    return tuple(found)


def _status_blocks(part: Message) -> list[Message]:
    """The per-message and per-recipient field blocks of a `message/delivery-status` part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    text = payload if isinstance(payload, str) else _text(part)
    parser = HeaderParser()
    return [parser.parsestr(block.strip() + "\n") for block in re.split(r"\r?\n\s*\r?\n", text) if block.strip()]


def _address_field(value: object) -> str:
    """`rfc822; someone@example.org` → the address."""
    text = str(value or "")
    address = text.split(";", 1)[1] if ";" in text else text
    return address.strip().strip("<>").strip().lower()


def is_bounce(message: EmailMessage) -> bool:
    """Whether the message reports a delivery failure (standard or not)."""
    if message.get_content_type() == "multipart/report":
        return str(message.get_param("report-type", "")).lower() == "delivery-status"
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    if sender.partition("@")[0] in _DAEMONS:
        return True
    return bool(_BOUNCE_SUBJECT.search(str(message.get("Subject", ""))))


def parse_bounce(message: EmailMessage, data: bytes) -> Bounce:
    """What a bounce says (call `is_bounce` first)."""
    tokens = _tokens(message, data)
    addresses: list[str] = []
    statuses: list[str] = []
    diagnostics: list[str] = []
    actions: list[str] = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in _status_blocks(part):
            recipient = _address_field(block.get("Final-Recipient") or block.get("Original-Recipient"))
            if not recipient:
                continue
            action = str(block.get("Action", "")).strip().lower()
            actions.append(action)
            if action in ("delivered", "relayed", "expanded"):
                continue
            addresses.append(recipient)
            statuses.append(str(block.get("Status", "")).strip())
            # "smtp; 550 5.1.1 …": the diagnostic type is not for people.
            diagnostic_code = re.sub(r"^\s*[\w-]+\s*;\s*", "", str(block.get("Diagnostic-Code", "")))
            diagnostics.append(" ".join(diagnostic_code.split()))
    if actions:
        delayed = bool(actions) and all(a == "delayed" for a in actions)
        status = next((s for s in statuses if s), "")
        hard = not delayed and (status.startswith("5") or (not status and any(a == "failed" for a in actions)))
        diagnostic = next((d for d in diagnostics if d), "")
        return Bounce(tuple(dict.fromkeys(addresses)), hard, delayed, status, diagnostic[:500], tokens)
    # Not standard: read the human text (Postfix, Exim, qmail, Exchange...).
    body = "\n".join(_text(p) for p in message.walk() if p.get_content_type() in ("text/plain", "text/html"))
    enhanced = _ENHANCED.search(body)
    basic = _BASIC.search(body)
    if enhanced:
        status = enhanced.group(0)
        kind = enhanced.group(1)
    elif basic:
        status = basic.group(0)
        kind = basic.group(1)
    else:
        status, kind = "", ""
    delayed = kind == "4" and bool(re.search(r"delay|will retry|retarde|différé", body, re.IGNORECASE))
    hard = kind == "5" or (not kind and bool(_PERMANENT.search(body)))
    ours = {parseaddr(str(message.get(h, "")))[1].lower() for h in ("From", "To", "Return-Path", "Sender")}
    found = [a.lower().rstrip(".") for a in _ADDRESS.findall(body)]
    candidates = [a for a in dict.fromkeys(found) if a not in ours and a.partition("@")[0] not in _DAEMONS]
    diagnostic = ""
    for line in body.splitlines():
        if _ENHANCED.search(line) or _BASIC.search(line) or _PERMANENT.search(line):
            diagnostic = " ".join(line.split())
            break
    return Bounce(tuple(candidates), hard, delayed, status, diagnostic[:500], tokens)


def unsubscribe_request(message: EmailMessage) -> tuple[bool, str]:
    """(asks to unsubscribe, token quoted) of a reply: the subject or the first line says so."""
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    if auto not in ("", "no") or message.get("X-Autoreply") or message.get("X-Autorespond"):
        return False, ""
    subject = str(message.get("Subject", ""))
    while _REPLY_PREFIX.match(subject):
        subject = _REPLY_PREFIX.sub("", subject, count=1)
    candidates = [" ".join(subject.split())]
    part = message.get_body(preferencelist=("plain", "html"))
    if part is not None:
        first = next((line.strip() for line in _text(part).splitlines() if line.strip()), "")
        if len(first) <= 80:
            candidates.append(first)
    for text in candidates:
        match = _UNSUBSCRIBE.match(text)
        if match:
            token = (match.group(1) or "").lower()
            if not token:
                for name in ("In-Reply-To", "References"):
                    quoted = _TOKEN_IN_ID.search(str(message.get(name, "")))
                    if quoted:
                        token = quoted.group(1).lower()
                        break
            return True, token
    return False, ""


class BounceService:
    """Reads returned messages (bounces, unsubscribe replies) into the ledger, bounced addresses
    and consent. Has the importer shape `eml.ImapReader` takes (`import_bytes`)."""

    def __init__(self, db: Database, *, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or db.clock

    def import_files(self, paths: Iterable[Path]) -> EmlReport:
        """Read each file (a bad one is listed with its reason, the others go on)."""
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
            outcomes.append(self.import_bytes(data, name=path.name))
        return EmlReport(tuple(outcomes))

    def import_bytes(self, data: bytes, *, name: str = "", link_to: Sequence[UUID] = ()) -> EmlOutcome:
        """One message: "bounced", "unsubscribed", "ignored" (with why) or "error" (with why)."""
        del link_to  # the importer shape of eml.ImapReader; a bounce is linked through its ledger row
        try:
            message = read_message(data)
        except ValueError:
            return EmlOutcome(name, "error", reason="not_email")
        subject = " ".join(str(message.get("Subject", "")).split())
        if is_bounce(message):
            return self._bounce(name, subject, parse_bounce(message, data))
        asks, token = unsubscribe_request(message)
        if asks:
            sender = parseaddr(str(message.get("From", "")))[1].strip().lower()
            return self._unsubscribe(name, subject, token, sender)
        return EmlOutcome(name, "ignored", subject=subject, reason="not_bounce")

    # ------------------------------------------------------------------ bounces
    def _bounce(self, name: str, subject: str, bounce: Bounce) -> EmlOutcome:
        if bounce.delayed:
            return EmlOutcome(name, "ignored", subject=subject, reason="delayed")
        kind = "hard" if bounce.hard else "soft"
        reason = " ".join(f"{kind}: {bounce.status} {bounce.diagnostic}".split())[:500]
        now = self._clock()
        with self._db.write_session() as session:
            rows: list[CampaignRecipient] = []
            if bounce.tokens:
                rows = list(
                    session.scalars(select(CampaignRecipient).where(CampaignRecipient.token.in_(bounce.tokens)))
                )
            if bounce.addresses:
                # The token names the message; among several failed addresses keep the matching ones.
                wanted = set(bounce.addresses)
                matching = [r for r in rows if r.address.lower() in wanted]
                rows = matching or rows
            if not rows and bounce.addresses:
                for address in bounce.addresses:
                    latest = session.scalars(
                        select(CampaignRecipient)
                        .where(
                            func.lower(CampaignRecipient.address) == address,
                            CampaignRecipient.state.in_(("sent", "bounced")),
                        )
                        .order_by(CampaignRecipient.sent_at.desc(), CampaignRecipient.id.desc())
                        .limit(1)
                    ).first()
                    if latest is not None:
                        rows.append(latest)
            if not rows:
                return EmlOutcome(name, "error", subject=subject, reason="no_campaign_found")
            campaigns: list[UUID] = []
            for row in rows:
                if row.state in ("sent", "sending", "failed", "bounced"):
                    session.execute(
                        update(CampaignRecipient)
                        .where(CampaignRecipient.id == row.id)
                        .values(state="bounced", reason=reason, updated_at=now, updated_by=self._db.actor)
                    )
                campaigns.append(row.campaign_id)
            if bounce.hard:
                for address in sorted({r.address.lower() for r in rows if r.address}):
                    self._record_address(session, address, bounce, rows[0].campaign_id, now)
            session.commit()
        self._db.announce(Changes.of("campaign", campaigns, BOUNCE))
        return EmlOutcome(name, "bounced", subject=subject, linked=len(rows), reason=kind)

    @staticmethod
    def _record_address(session: Session, address: str, bounce: Bounce, campaign_id: UUID, now: dt.datetime) -> None:
        row = session.scalars(select(BouncedAddress).where(BouncedAddress.address == address)).first()
        if row is None:
            row = BouncedAddress(id=uuid7(), address=address[:254])
            session.add(row)
        row.bounced_at = now
        row.status = bounce.status[:12]
        row.diagnostic = bounce.diagnostic[:500]
        row.campaign_id = campaign_id
        session.flush()

    def bounced_addresses(self, limit: int = 1000) -> list[BouncedAddressInfo]:
        """The addresses left out of campaigns, newest first."""
        with self._db.session() as session:
            rows = session.scalars(
                select(BouncedAddress).order_by(BouncedAddress.bounced_at.desc(), BouncedAddress.id).limit(limit)
            ).all()
            return [BouncedAddressInfo(r.address, r.bounced_at, r.status, r.diagnostic) for r in rows]

    def clear(self, address: str) -> bool:
        """The address works again (the person fixed their mailbox): campaigns may use it."""
        with self._db.write_session() as session:
            row = session.scalars(
                select(BouncedAddress).where(BouncedAddress.address == address.strip().lower())
            ).first()
            if row is None:
                return False
            session.delete(row)
            session.commit()
        self._db.announce(Changes.of(BOUNCE))
        return True

    # ------------------------------------------------------------------ unsubscribe replies
    def _unsubscribe(self, name: str, subject: str, token: str, sender: str) -> EmlOutcome:
        with self._db.write_session() as session:
            people: list[UUID] = []
            if token:
                party_id = session.scalar(select(CampaignRecipient.party_id).where(CampaignRecipient.token == token))
                if party_id is not None:
                    people.append(party_id)
            if not people and sender:
                people = list(
                    dict.fromkeys(
                        session.scalars(
                            select(PartyEmail.party_id)
                            .join(Party, Party.id == PartyEmail.party_id)
                            .where(func.lower(PartyEmail.address) == sender, Party.deleted_at.is_(None))
                        )
                    )
                )
            if not people:
                return EmlOutcome(name, "error", subject=subject, reason="unknown_sender")
            already = set(session.scalars(select(Party.id).where(Party.id.in_(people), excluded_condition("email"))))
            now = self._clock()
            added = [p for p in people if p not in already]
            for party_id in added:
                session.add(
                    Consent(
                        id=uuid7(),
                        party_id=party_id,
                        channel="email",
                        state="opt_out",
                        recorded_at=now,
                        source=UNSUBSCRIBE_SOURCE,
                    )
                )
            session.commit()
        if not added:
            return EmlOutcome(name, "duplicate", subject=subject, linked=len(people), reason="already_opted_out")
        self._db.announce(Changes.of("consent", added, "party"))
        return EmlOutcome(name, "unsubscribed", subject=subject, linked=len(added))
