"""Business cards (issue 8): a collaborator's card as a vCard 3.0 and a QR code, and a received card made a contact.

A card carries what one hands over at a meeting: name, function, organisation, phones,
e-mails, the work address and the website; never notes, tags, birth date or roles.
A received card (a .vcf file, or the text a phone read from a QR code: vCard or MECARD)
becomes a `PartyDraft`; before it is created, the same normalised e-mail or E.164 phone
is looked up so the user can open the existing contact instead: with the same rules as
the duplicate warning of the contact form (`services.duplicates`).
"""

from __future__ import annotations

import dataclasses
import io
import re
import uuid
from collections.abc import Sequence

import segno
from sqlalchemy import select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.textnorm import sort_key
from ekocrm_desktop.models.enums import ContactLabel, PartyKind
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services import validation
from ekocrm_desktop.services.contacts import (
    AddressEntry,
    AffiliationEntry,
    ContactService,
    EmailEntry,
    PartyDetail,
    PartyDraft,
    PhoneEntry,
)
from ekocrm_desktop.services.duplicates import REASON_EMAIL, REASON_NAME, REASON_PHONE, DuplicateService
from ekocrm_desktop.services.errors import ServiceError
from ekocrm_desktop.services.exporting import vcard_of


class CardParseError(ServiceError):
    """The text is neither a vCard nor a MECARD, or names nobody."""


@dataclasses.dataclass(frozen=True)
class BusinessCard:
    """What a card shows; `draft` is the card's content as a party draft (for the vCard)."""

    party_id: uuid.UUID
    display_name: str
    job_title: str
    organisation: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    address: AddressEntry | None
    website: str
    draft: PartyDraft

    @property
    def vcard(self) -> str:
        """The card as vCard 3.0 text."""
        return vcard_of(self.draft, "3.0")


@dataclasses.dataclass(frozen=True)
class ReceivedCard:
    """A card read from a file or a QR code: the draft and the organisation it names."""

    draft: PartyDraft
    organisation: str = ""

    @property
    def display_name(self) -> str:
        """The name the card gives."""
        return " ".join(p for p in (self.draft.first_name, self.draft.last_name) if p) or self.organisation


@dataclasses.dataclass(frozen=True)
class DuplicateHit:
    """An existing live contact a received card probably is, and why."""

    party_id: uuid.UUID
    display_name: str
    #: The strongest reason ("email", "phone", "name", "name_organisation" …, see services.duplicates).
    reason: str
    #: What matched: the e-mail or phone of the card, or the name.
    value: str
    #: Every reason, strongest first.
    reasons: tuple[str, ...] = ()


def printed_phone(e164: str) -> str:
    """A number as printed on a card: international format ("+33 6 12 34 56 78"), readable abroad too."""
    import phonenumbers

    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


# ---------------------------------------------------------------------------- QR codes
def qr_code(text: str) -> segno.QRCode:
    """The QR code of a text (error correction M: a printed card survives a fold)."""
    return segno.make(text, error="m", micro=False)


def qr_png(text: str, *, scale: int = 6) -> bytes:
    """The QR code as PNG bytes (shown on screen)."""
    buffer = io.BytesIO()
    qr_code(text).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_svg(text: str, *, scale: int = 4) -> bytes:
    """The QR code as SVG bytes."""
    buffer = io.BytesIO()
    qr_code(text).save(buffer, kind="svg", scale=scale, border=2, xmldecl=False)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- parsing
def parse_card(text: str, *, region: str = validation.DEFAULT_REGION) -> ReceivedCard:
    """A vCard (2.1, 3.0, 4.0) or MECARD text as a draft; CardParseError when nothing usable is in it."""
    stripped = text.strip().lstrip("\ufeff")
    if stripped.upper().startswith("MECARD:"):
        card = _parse_mecard(stripped)
    elif "BEGIN:VCARD" in stripped.upper():
        card = _parse_vcard(stripped)
    else:
        raise CardParseError("not a vCard nor a MECARD")
    draft = card.draft
    emails = []
    for entry in draft.emails:
        try:
            emails.append(EmailEntry(validation.normalize_email(entry.address), entry.label))
        except validation.InvalidValueError:
            continue
    phones = []
    for phone in draft.phones:
        try:
            phones.append(PhoneEntry(validation.normalize_phone(phone.number, region), phone.label))
        except validation.InvalidValueError:
            continue
    draft = dataclasses.replace(draft, emails=tuple(dict.fromkeys(emails)), phones=tuple(dict.fromkeys(phones)))
    if not (draft.last_name or draft.first_name or card.organisation):
        raise CardParseError("the card names nobody")
    if draft.is_person and not draft.last_name:
        # A card with only a first name: the form requires a last name; keep what is known.
        draft = dataclasses.replace(draft, last_name=draft.first_name, first_name="")
    return ReceivedCard(draft, card.organisation)


def _parse_vcard(text: str) -> ReceivedCard:
    import vobject

    try:
        card = vobject.readOne(text)
    except Exception as exc:  # vobject raises ParseError and others on broken cards
        raise CardParseError(f"unreadable vCard: {exc}") from exc

    def first(name: str) -> object | None:
        items = card.contents.get(name) or []
        return items[0].value if items else None

    def plain(value: object) -> str:
        if isinstance(value, list | tuple):
            return " ".join(str(v) for v in value if v).strip()
        return str(value or "").strip()

    n = first("n")
    first_name = last_name = civility = ""
    if n is not None and not isinstance(n, str):
        first_name, last_name, civility = plain(n.given), plain(n.family), plain(n.prefix)  # type: ignore[attr-defined]
    if not (first_name or last_name):
        full = plain(first("fn"))
        first_name, _, last_name = full.rpartition(" ")
    org_value = first("org")
    organisation = plain(org_value[0] if isinstance(org_value, list) and org_value else org_value)
    emails = tuple(
        EmailEntry(str(e.value).strip(), _label(e, ContactLabel.WORK.value)) for e in card.contents.get("email", [])
    )
    phones = []
    for tel in card.contents.get("tel", []):
        number = str(tel.value).strip().removeprefix("tel:")
        if number:
            phones.append(PhoneEntry(number, _label(tel, ContactLabel.WORK.value)))
    addresses: tuple[AddressEntry, ...] = ()
    adr = first("adr")
    if adr is not None and not isinstance(adr, str):
        entry = AddressEntry(
            street=plain(adr.street).replace("\n", " "),  # type: ignore[attr-defined]
            street2=plain(adr.extended),  # type: ignore[attr-defined]
            postcode=plain(adr.code),  # type: ignore[attr-defined]
            city=plain(adr.city),  # type: ignore[attr-defined]
            country=_country(plain(adr.country)),  # type: ignore[attr-defined]
        )
        addresses = () if entry.is_empty() else (entry,)
    is_org = not (first_name or last_name) and bool(organisation)
    draft = PartyDraft(
        kind=PartyKind.ORGANISATION.value if is_org else PartyKind.PERSON.value,
        civility=civility,
        first_name="" if is_org else first_name,
        last_name="" if is_org else last_name,
        name=organisation if is_org else "",
        job_title=plain(first("title")),
        website=plain(first("url")),
        emails=emails,
        phones=tuple(phones),
        addresses=addresses,
    )
    return ReceivedCard(draft, "" if is_org else organisation)


def _label(item: object, default: str) -> str:
    params = getattr(item, "params", {})
    types = {str(t).lower() for value in params.get("TYPE", []) for t in str(value).split(",")}
    types |= {str(k).lower() for k in getattr(item, "singletonparams", [])}
    if "cell" in types:
        return ContactLabel.MOBILE.value
    if "home" in types:
        return ContactLabel.HOME.value
    return default


def _country(text: str) -> str:
    from ekocrm_desktop.services.importing import country_code

    return (country_code(text) if text else None) or "FR"


_MECARD_FIELD = re.compile(r"((?:[^;\\]|\\.)*);")


def _parse_mecard(text: str) -> ReceivedCard:
    """MECARD:N:Dupont,Jeanne;TEL:+33...;EMAIL:...;ORG:...;; (the format many QR apps write)."""
    body = text[len("MECARD:") :]
    if not body.endswith(";"):
        body += ";"
    first_name = last_name = organisation = title = url = ""
    emails: list[EmailEntry] = []
    phones: list[PhoneEntry] = []
    addresses: tuple[AddressEntry, ...] = ()
    for raw in _MECARD_FIELD.findall(body):
        if ":" not in raw:
            continue
        key, _, value = raw.partition(":")
        value = re.sub(r"\\(.)", r"\1", value).strip()
        key = key.upper()
        if key == "N":
            last_name, _, first_name = (p.strip() for p in value.partition(","))
        elif key == "TEL" and value:
            phones.append(PhoneEntry(value, ContactLabel.WORK.value))
        elif key == "EMAIL" and value:
            emails.append(EmailEntry(value))
        elif key == "ORG":
            organisation = value
        elif key in ("TITLE", "NOTE") and not title:
            title = value if key == "TITLE" else title
        elif key == "URL":
            url = value
        elif key == "ADR" and value:
            addresses = (AddressEntry(street=value.replace(",", " ").strip()),)
    draft = PartyDraft(
        first_name=first_name,
        last_name=last_name,
        job_title=title,
        website=url,
        emails=tuple(emails),
        phones=tuple(phones),
        addresses=addresses,
    )
    return ReceivedCard(draft, organisation)


# ---------------------------------------------------------------------------- service
class CardService:
    """A collaborator's card, and turning a received card into a contact."""

    def __init__(
        self,
        db: Database,
        *,
        contacts: ContactService | None = None,
        phone_region: str = validation.DEFAULT_REGION,
    ) -> None:
        self._db = db
        self._contacts = contacts or ContactService(db)
        self._region = phone_region

    def card_of(self, party_id: uuid.UUID) -> BusinessCard:
        """The card of a person (a collaborator, usually): only what a card shows."""
        detail = self._contacts.get(party_id)
        source = detail.draft
        organisation = source.affiliations[0].organisation_name if source.affiliations else ""
        address = next(iter(source.addresses), None)
        draft = PartyDraft(
            kind=source.kind,
            civility=source.civility,
            first_name=source.first_name,
            last_name=source.last_name,
            name=source.name,
            job_title=(source.affiliations[0].function if source.affiliations else "") or source.job_title,
            website=source.website,
            emails=source.emails,
            phones=source.phones,
            addresses=(address,) if address is not None else (),
            affiliations=source.affiliations[:1],
        )
        return BusinessCard(
            party_id=party_id,
            display_name=detail.display_name,
            job_title=draft.job_title,
            organisation=organisation,
            emails=tuple(e.address for e in source.emails),
            phones=tuple(p.number for p in source.phones),
            address=address,
            website=source.website,
            draft=draft,
        )

    def find_duplicates(self, card: ReceivedCard, *, limit: int = 10) -> list[DuplicateHit]:
        """Live contacts the card probably is, most certain first.

        The duplicates service's rules, as when the contact is typed in the form: same e-mail
        (case ignored), same phone, same name, a close name at the same organisation.
        """
        draft = card.draft
        if card.organisation and draft.is_person and not draft.affiliations:
            # The organisation is only named on a card; its name is what the rules compare.
            placeholder = AffiliationEntry(uuid.UUID(int=0), draft.job_title, card.organisation)
            draft = dataclasses.replace(draft, affiliations=(placeholder,))
        matches = DuplicateService(self._db, phone_region=self._region).matches(draft, limit=limit)
        email = draft.emails[0].address if draft.emails else ""
        phone = draft.phones[0].number if draft.phones else ""
        hits = []
        for match in matches:
            reason = match.reasons[0] if match.reasons else REASON_NAME
            value = {REASON_EMAIL: email, REASON_PHONE: phone}.get(reason, match.display_name)
            hits.append(DuplicateHit(match.party_id, match.display_name, reason, value, match.reasons))
        return hits

    def create_contact(self, card: ReceivedCard) -> PartyDetail:
        """Create the contact (and its organisation when no live one has that name)."""
        draft = card.draft
        if card.organisation and draft.is_person:
            organisation_id = self._organisation_named(card.organisation)
            if organisation_id is None:
                organisation_id = self._contacts.create(
                    PartyDraft(kind=PartyKind.ORGANISATION.value, name=card.organisation)
                ).id
            function = draft.job_title
            draft = dataclasses.replace(
                draft, affiliations=(AffiliationEntry(organisation_id, function, card.organisation),)
            )
        return self._contacts.create(draft)

    def _organisation_named(self, name: str) -> uuid.UUID | None:
        with self._db.session() as session:
            return session.scalar(
                select(Party.id)
                .where(
                    Party.kind == PartyKind.ORGANISATION.value,
                    Party.deleted_at.is_(None),
                    # sort_name is the folded name (accents, case, Æ), indexed for live rows.
                    Party.sort_name == sort_key(name),
                )
                .order_by(Party.created_at, Party.id)
                .limit(1)
            )

    def cards_of(self, party_ids: Sequence[uuid.UUID]) -> list[BusinessCard]:
        """Several cards (the printable sheet)."""
        return [self.card_of(i) for i in party_ids]
