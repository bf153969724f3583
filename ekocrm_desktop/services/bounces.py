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

SMS campaigns end with "STOP : répondez STOP"; the replies stay with the SMS provider, whose
site exports the messages received as a CSV or Excel file. Such a file (chosen or dropped like
the `.eml` files) is read row by row: a reply "STOP", "ARRET", "STOP SMS"… opts everyone whose
phone is the sender's number out of SMS, with the source "STOP reply by SMS".

Importing the same message or file again changes nothing more.
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
from ekocrm_desktop.db.textnorm import words
from ekocrm_desktop.models.campaigns import BouncedAddress, CampaignRecipient, Consent
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party, PartyEmail, PartyPhone
from ekocrm_desktop.services.consent import excluded_condition
from ekocrm_desktop.services.eml import MAX_BYTES, EmlOutcome, EmlReport
from ekocrm_desktop.services.tabular import FileFormatError, SourceFile, SourceRow
from ekocrm_desktop.services.validation import InvalidValueError, normalize_phone

#: The consent source of an opt-out read from a reply.
UNSUBSCRIBE_SOURCE = "unsubscribe by e-mail"
#: The consent source of an SMS opt-out read from a provider's export of received messages.
SMS_STOP_SOURCE = "STOP reply by SMS"
#: Files read as a provider's export of received SMS (anything else is read as an e-mail).
SMS_REPLY_SUFFIXES = (".csv", ".xlsx")
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


#: A reply asking to receive no more SMS, as French operators and senders word it ("STOP",
#: "STOP SMS", "ARRÊT", "Stop pub, merci !"…), matched on its search words (folded, no punctuation).
_SMS_STOP = re.compile(
    r"^(?:(?:merci de|je (?:souhaite|voudrais|veux)|veuillez|please)\s+)?"
    r"(?:stop|arret|arreter|unsubscribe|(?:me |se )?desinscrire|desinscription|(?:me |se )?desabonner)"
    r"(?:\s+(?:sms|pub|publicite|messages?))?(?:\s+(?:au\s+)?36111)?"
    r"(?:\s+(?:svp|s il vous plait|merci|please|thanks|thank you))*$"
)
#: Header words of a received-SMS export: the sender's number, then the message.
_SMS_SENDER_HEADERS = ("expediteur", "emetteur", "sender", "from", "originator", "msisdn", "numero", "number", "phone")
_SMS_SENDER_EXACT = ("de", "tel", "telephone", "mobile", "portable", "source")
_SMS_TEXT_HEADERS = ("message", "texte", "text", "body", "content", "contenu", "reponse", "reply", "sms")


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
        """Read each file (a bad one is listed with its reason, the others go on): `.eml`
        messages, and providers' exports of received SMS (`SMS_REPLY_SUFFIXES`), one outcome a row."""
        outcomes: list[EmlOutcome] = []
        for path in paths:
            if path.suffix.lower() in SMS_REPLY_SUFFIXES:
                outcomes.extend(self.import_sms_replies(path))
                continue
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

    # ------------------------------------------------------------------ SMS replies
    def import_sms_replies(self, path: Path) -> list[EmlOutcome]:
        """A provider's export of received SMS: one outcome a row, named `file:line`.

        "unsubscribed" (the sender's people opted out of SMS), "duplicate" (already opted out),
        "ignored" (not a STOP) or "error": "unknown_number" (nobody has that phone),
        "bad_number", "unreadable_row"; the whole file gives one "error" when it cannot be
        read ("unreadable") or has no sender and message columns ("no_sms_columns").
        """
        try:
            source = SourceFile(path)
            headers = source.info().headers
            rows = list(source.rows())
        except (FileFormatError, OSError, UnicodeError, ValueError):
            return [EmlOutcome(path.name, "error", reason="unreadable")]
        columns = _sms_columns(headers, rows)
        if columns is None:
            return [EmlOutcome(path.name, "error", reason="no_sms_columns")]
        sender_at, text_at = columns
        outcomes: list[EmlOutcome | None] = []  # None: a STOP, decided below with the others
        stops: list[tuple[str, str, str]] = []  # (name, message, number), in file order
        for row in rows:
            name = f"{path.name}:{row.line}"
            message = " ".join(row.values[text_at].split()) if not row.problem else ""
            number = _sender_number(row.values[sender_at]) if not row.problem else None
            if row.problem:
                outcomes.append(EmlOutcome(name, "error", reason="unreadable_row"))
            elif not _SMS_STOP.match(" ".join(words(message))):
                outcomes.append(EmlOutcome(name, "ignored", subject=message[:200], reason="not_stop"))
            elif number is None:
                outcomes.append(EmlOutcome(name, "error", subject=message, reason="bad_number"))
            else:
                outcomes.append(None)
                stops.append((name, message, number))
        decided = iter(self._stop_sms(stops) if stops else [])
        return [outcome if outcome is not None else next(decided) for outcome in outcomes]

    def _stop_sms(self, stops: list[tuple[str, str, str]]) -> list[EmlOutcome]:
        """Opt the senders' people out of SMS, in one transaction (a number asking twice counts once)."""
        outcomes: list[EmlOutcome] = []
        added: list[UUID] = []
        with self._db.write_session() as session:
            now = self._clock()
            for name, message, number in stops:
                people = list(
                    dict.fromkeys(
                        session.scalars(
                            select(PartyPhone.party_id)
                            .join(Party, Party.id == PartyPhone.party_id)
                            .where(PartyPhone.number == number, Party.deleted_at.is_(None))
                        )
                    )
                )
                if not people:
                    outcomes.append(EmlOutcome(name, "error", subject=message, reason="unknown_number"))
                    continue
                fresh = _opt_out(session, people, "sms", SMS_STOP_SOURCE, now)
                session.flush()  # the next row of the same number finds these opt-outs
                added.extend(fresh)
                if fresh:
                    outcomes.append(EmlOutcome(name, "unsubscribed", subject=message, linked=len(fresh)))
                else:
                    outcomes.append(
                        EmlOutcome(name, "duplicate", subject=message, linked=len(people), reason="already_opted_out")
                    )
            session.commit()
        if added:
            self._db.announce(Changes.of("consent", added, "party"))
        return outcomes

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
            added = _opt_out(session, people, "email", UNSUBSCRIBE_SOURCE, self._clock())
            session.commit()
        if not added:
            return EmlOutcome(name, "duplicate", subject=subject, linked=len(people), reason="already_opted_out")
        self._db.announce(Changes.of("consent", added, "party"))
        return EmlOutcome(name, "unsubscribed", subject=subject, linked=len(added))


def _opt_out(session: Session, people: Sequence[UUID], channel: str, source: str, now: dt.datetime) -> list[UUID]:
    """Add an opt-out of `channel` for those of `people` not opted out of it yet; return them."""
    already = set(session.scalars(select(Party.id).where(Party.id.in_(people), excluded_condition(channel))))
    added = [party_id for party_id in people if party_id not in already]
    for party_id in added:
        session.add(
            Consent(id=uuid7(), party_id=party_id, channel=channel, state="opt_out", recorded_at=now, source=source)
        )
    return added


def _sms_columns(headers: Sequence[str], rows: Sequence[SourceRow]) -> tuple[int, int] | None:
    """(sender column, message column) of a received-SMS export, by header name, else by content:
    the column whose first values read as phone numbers, and the widest column of words."""
    folded = [words(h) for h in headers]
    # The header words in their order of preference: "Message" before "SMS ID", "Expéditeur" before "Numéro".
    sender = next((i for i, h in enumerate(folded) if " ".join(h) in _SMS_SENDER_EXACT), None)
    if sender is None:
        sender = next((i for w in _SMS_SENDER_HEADERS for i, h in enumerate(folded) if w in h), None)
    text = next((i for w in _SMS_TEXT_HEADERS for i, h in enumerate(folded) if i != sender and w in h), None)
    sample = [row.values for row in rows[:20] if not row.problem]
    if sender is None and sample:
        readable = [sum(_sender_number(values[i]) is not None for values in sample) for i in range(len(headers))]
        best = max(range(len(headers)), key=lambda i: readable[i])
        sender = best if readable[best] * 2 > len(sample) else None
    if text is None and sender is not None and sample:
        # The widest column of words (a date or an id has no letters to speak of).
        wordy = [
            i
            for i in range(len(headers))
            if i != sender and sum(any(ch.isalpha() for ch in values[i]) for values in sample) * 2 > len(sample)
        ]
        if wordy:
            text = max(wordy, key=lambda i: sum(len(values[i]) for values in sample))
    if sender is None or text is None:
        return None
    return sender, text


def _sender_number(raw: str) -> str | None:
    """The sender's number in E.164, as stored on phones; providers often write `33612345678`."""
    text = raw.strip()
    if not text:
        return None
    try:
        return normalize_phone(text)
    except InvalidValueError:
        digits = text.lstrip("+")
        if digits.isdigit() and not digits.startswith("0") and len(digits) >= 8:
            try:
                return normalize_phone("+" + digits)
            except InvalidValueError:
                return None
        return None
