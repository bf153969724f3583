"""A handful of realistic duplicates planted in the demo workspace, so the finder and the warning have work.

Planted by rewriting a few generated records (never members with subscriptions) into
near-copies of others, so the demo keeps exactly the number of contacts it was asked for.

The way they really happen in an office: a person typed again without accents and with the
e-mail in capitals, the same person entered from a business card with only an initial at
the same organisation, a phone number written another way, an organisation typed twice.
"""

from __future__ import annotations

import dataclasses
import random
from uuid import UUID

from sqlalchemy import exists, select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.textnorm import fold, words
from ekocrm_desktop.models.enums import PartyKind
from ekocrm_desktop.models.membership import Subscription
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft, PhoneEntry
from ekocrm_desktop.services.validation import format_phone

#: How many of each kind of duplicate the demo gets.
PLANTED = 2


def _unaccented(text: str) -> str:
    """ "Hélène Lefèvre" as typed on a keyboard without accents (case kept)."""
    return "".join(ch if fold(ch) == ch.lower() else (fold(ch).upper() if ch.isupper() else fold(ch)) for ch in text)


def _private_email(draft: PartyDraft) -> str:
    """ "h.lefevre@gmail.com": an address someone gives at a fair."""
    initial = "".join(words(draft.first_name))[:1] or "contact"
    return f"{initial}.{''.join(words(draft.last_name)) or 'x'}@gmail.com"


def plant_duplicates(db: Database, *, seed: int = 2026) -> list[UUID]:
    """Turn a few demo records into near-copies of others; returns the ids rewritten."""
    rng = random.Random(seed)
    contacts = ContactService(db)
    with db.session() as session:
        people = list(
            session.scalars(
                select(Party.id)
                .where(
                    Party.kind == PartyKind.PERSON.value,
                    Party.deleted_at.is_(None),
                    Party.primary_email != "",
                    Party.organisation_key != "",
                )
                .order_by(Party.sort_name, Party.id)
                .limit(60)
            )
        )
        organisations = list(
            session.scalars(
                select(Party.id)
                .where(Party.kind == PartyKind.ORGANISATION.value, Party.deleted_at.is_(None))
                .order_by(Party.sort_name, Party.id)
                .limit(30)
            )
        )
        spare = (
            select(Party.id)
            .where(
                Party.kind == PartyKind.PERSON.value,
                Party.deleted_at.is_(None),
                ~exists().where(Subscription.party_id == Party.id),
            )
            .order_by(Party.sort_name.desc(), Party.id)
            .limit(60)
        )
        victims = [v for v in session.scalars(spare) if v not in people]
        spare_organisations = list(
            session.scalars(
                select(Party.id)
                .where(Party.kind == PartyKind.ORGANISATION.value, Party.deleted_at.is_(None))
                .order_by(Party.sort_name.desc(), Party.id)
                .limit(30)
            )
        )
    if len(people) < 3 * PLANTED or len(victims) < 3 * PLANTED:
        return []
    chosen = rng.sample(people, 3 * PLANTED)
    victims = rng.sample(victims, 3 * PLANTED)
    drafts: list[PartyDraft] = []
    for index, party_id in enumerate(chosen):
        original = contacts.get(party_id).draft
        blank = PartyDraft(kind=PartyKind.PERSON.value, affiliations=original.affiliations)
        if index < PLANTED:
            # Typed again without accents, the e-mail in capitals, no phone.
            drafts.append(
                dataclasses.replace(
                    blank,
                    first_name=_unaccented(original.first_name),
                    last_name=_unaccented(original.last_name),
                    emails=tuple(EmailEntry(e.address.upper(), e.label) for e in original.emails[:1]),
                )
            )
        elif index < 2 * PLANTED:
            # From a business card: an initial, the same organisation, the job title.
            drafts.append(
                dataclasses.replace(
                    blank,
                    first_name=(original.first_name[:1] + ".") if original.first_name else "",
                    last_name=original.last_name,
                    job_title=original.job_title or "Responsable",
                )
            )
        else:
            # The same mobile number written the national way, a private e-mail.
            phones = tuple(PhoneEntry(format_phone(p.number), p.label) for p in original.phones[:1])
            drafts.append(
                dataclasses.replace(
                    blank,
                    first_name=original.first_name,
                    last_name=original.last_name,
                    phones=phones,
                    addresses=original.addresses[:1],
                    affiliations=(),
                    emails=(EmailEntry(_private_email(original)),),
                )
            )
    originals = rng.sample(organisations, min(PLANTED, len(organisations)))
    spare_organisations = [o for o in spare_organisations if o not in originals]
    for party_id in originals:
        original = contacts.get(party_id).draft
        drafts.append(PartyDraft(kind=PartyKind.ORGANISATION.value, name=_unaccented(original.name).upper()))
    victims += rng.sample(spare_organisations, min(len(originals), len(spare_organisations)))
    rewritten: list[UUID] = []
    for victim_id, draft in zip(victims, drafts, strict=False):
        victim = contacts.get(victim_id)
        # Its roles and tags stay: the domain pages keep their counts.
        draft = dataclasses.replace(draft, roles=victim.draft.roles, tags=victim.draft.tags)
        rewritten.append(contacts.update(victim_id, victim.version, draft).id)
    return rewritten
