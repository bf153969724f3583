"""Consent is data (issue 6, ARCHITECTURE §7): opt-in and opt-out per person and channel.

Rows are only ever appended, with their date and source; the latest row per person and channel
decides. `excluded_condition(channel)` is the one SQL condition every send and mail merge
applies, so nobody who opted out of a channel is reached through it. Erased people are deleted
for good (their consent rows go with them through the foreign key): they simply no longer exist.

Unsubscribing: every campaign message carries its ledger row's random token, in the
`List-Unsubscribe` header and in a line of the text; `unsubscribe(token)` records an opt-out
with source "unsubscribe" for that person and channel.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.campaigns import (
    CONSENT_CHANNELS,
    CONSENT_STATES,
    BouncedAddress,
    CampaignRecipient,
    Consent,
)
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.errors import FieldError, NotFoundError, ValidationFailedError

CONSENT = "consent"
#: The consent channel a campaign channel needs (a letter goes by post).
CHANNEL_OF_CAMPAIGN = {"email": "email", "sms": "sms", "letter": "post", "phone": "phone"}


@dataclasses.dataclass(frozen=True)
class ConsentEntry:
    """One recorded consent: who, which channel, opt-in or opt-out, when and from where."""

    id: UUID
    party_id: UUID
    channel: str
    state: str
    recorded_at: dt.datetime
    source: str
    recorded_by: str


def latest_state(party_id: Any, channel: str) -> ColumnElement[bool]:
    """Condition "the latest consent of `party_id` for `channel` is an opt-out" (correlated EXISTS)."""
    later = aliased(Consent)
    return exists().where(
        Consent.party_id == party_id,
        Consent.channel == channel,
        Consent.state == "opt_out",
        ~exists().where(
            later.party_id == Consent.party_id,
            later.channel == Consent.channel,
            or_(
                later.recorded_at > Consent.recorded_at,
                and_(later.recorded_at == Consent.recorded_at, later.id > Consent.id),
            ),
        ),
    )


def excluded_condition(channel: str, party_id: Any = Party.id) -> ColumnElement[bool]:
    """The condition on `Party` "must not be reached through `channel`": opted out of it.

    `channel` is a consent channel (email, sms, post, phone) or a campaign channel (letter).
    Every send and mail merge adds `~excluded_condition(channel)`.
    """
    consent_channel = CHANNEL_OF_CAMPAIGN.get(channel, channel)
    if consent_channel not in CONSENT_CHANNELS:
        raise ValueError(channel)
    return latest_state(party_id, consent_channel)


def bounced_address(address: ColumnElement[Any] | None = None) -> ColumnElement[bool]:
    """Condition "this e-mail address bounced for good" (a campaign's hard bounce).

    `address` is a lower-case address expression, by default the party's main e-mail. Whatever
    e-mails people (campaigns, news, reminders, follow-ups) leaves such an address out.
    """
    if address is None:
        address = func.lower(Party.primary_email)
    return exists().where(BouncedAddress.address == address)


class ConsentService:
    """Record and read consent; unsubscribe by token."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self,
        party_id: UUID,
        channel: str,
        state: str,
        *,
        source: str = "",
        when: dt.datetime | None = None,
    ) -> ConsentEntry:
        """Append a consent row (the latest one wins)."""
        errors: list[FieldError] = []
        if channel not in CONSENT_CHANNELS:
            errors.append(FieldError("channel", "invalid", channel))
        if state not in CONSENT_STATES:
            errors.append(FieldError("state", "invalid", state))
        if errors:
            raise ValidationFailedError(errors)
        return self.record_many([party_id], channel, state, source=source, when=when)[0]

    def record_many(
        self,
        party_ids: Iterable[UUID],
        channel: str,
        state: str,
        *,
        source: str = "",
        when: dt.datetime | None = None,
    ) -> list[ConsentEntry]:
        """Append the same consent for several people in one transaction (imports, forms)."""
        now = when or self._db.clock()
        rows: list[Consent] = []
        with self._db.write_session() as session:
            for party_id in dict.fromkeys(party_ids):
                if session.get(Party, party_id) is None:
                    raise NotFoundError(f"party {party_id} not found")
                row = Consent(
                    id=uuid7(),
                    party_id=party_id,
                    channel=channel,
                    state=state,
                    recorded_at=now,
                    source=source[:60],
                )
                session.add(row)
                rows.append(row)
            session.commit()
            entries = [_entry(r) for r in rows]
        self._db.announce(Changes.of(CONSENT, [e.party_id for e in entries], "party"))
        return entries

    def history(self, party_id: UUID) -> list[ConsentEntry]:
        """Every consent of a person, newest first."""
        stmt = (
            select(Consent).where(Consent.party_id == party_id).order_by(Consent.recorded_at.desc(), Consent.id.desc())
        )
        with self._db.session() as session:
            return [_entry(r) for r in session.scalars(stmt)]

    def current(self, party_id: UUID) -> dict[str, str]:
        """The state per channel that decides today ("" when nothing was recorded)."""
        states = dict.fromkeys(CONSENT_CHANNELS, "")
        for entry in reversed(self.history(party_id)):
            states[entry.channel] = entry.state
        return states

    def is_opted_out(self, party_id: UUID, channel: str) -> bool:
        """Whether the person must not be reached through `channel`."""
        with self._db.session() as session:
            return bool(session.execute(select(excluded_condition(channel, party_id))).scalar())

    def unsubscribe(self, token: str) -> ConsentEntry:
        """The person whose message carried `token` opts out of e-mail (source "unsubscribe")."""
        with self._db.session() as session:
            party_id = session.scalar(
                select(CampaignRecipient.party_id).where(CampaignRecipient.token == token.strip())
            )
        if party_id is None:
            raise NotFoundError("unknown unsubscribe code")
        return self.record(party_id, "email", "opt_out", source="unsubscribe")


def _entry(row: Consent) -> ConsentEntry:
    return ConsentEntry(row.id, row.party_id, row.channel, row.state, row.recorded_at, row.source, row.created_by or "")
