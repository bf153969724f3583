"""Campaigns (issue 6): a message sent to segments and groups by e-mail, letter, SMS or phone,
its steps (the first send and each follow-up), the sending ledger, and consent per channel.

The ledger (`campaign_recipient`) has one row per step and person: it is claimed before a
message leaves and marked after, so an interrupted send resumes without sending anyone twice.
Consent rows are appended, never edited: the latest row per person and channel decides.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from ekocrm_desktop.models.base import AuditMixin, Base, Money, UTCDateTime, VersionedMixin

CHANNELS = ("email", "sms", "letter", "phone")
CAMPAIGN_STATUSES = ("draft", "sending", "paused", "done")
RECIPIENT_STATES = ("pending", "sending", "sent", "failed", "bounced", "skipped")
CONSENT_CHANNELS = ("email", "sms", "post", "phone")
CONSENT_STATES = ("opt_in", "opt_out")
#: Who a step goes to: everyone targeted, those who gave no response, those who have not paid.
STEP_AUDIENCES = ("all", "no_response", "not_paid")


class Campaign(VersionedMixin, Base):
    """A campaign: what it is for, its channel, budget, dates and message template."""

    __tablename__ = "campaign"

    name: Mapped[str] = mapped_column(String(200))
    objective: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(8), default="email")
    status: Mapped[str] = mapped_column(String(8), default="draft")
    budget: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    actual_cost: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(String(250), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    #: Messages per minute the sending keeps to (mail servers throttle or blacklist bursts).
    per_minute: Mapped[int] = mapped_column(Integer, default=60)
    #: Why the last send paused (the SMTP server's words), empty otherwise.
    last_error: Mapped[str] = mapped_column(String(500), default="")
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"), index=True)
    private: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        CheckConstraint("channel IN ('email', 'sms', 'letter', 'phone')", name="channel"),
        CheckConstraint("status IN ('draft', 'sending', 'paused', 'done')", name="status"),
        Index("ix_campaign_updated_at_id", "updated_at", "id"),
    )


class CampaignTarget(AuditMixin, Base):
    """A segment or a group a campaign includes, or excludes."""

    __tablename__ = "campaign_target"

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    segment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("segment.id", ondelete="CASCADE"))
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party_group.id", ondelete="CASCADE"))
    exclude: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (CheckConstraint("(segment_id IS NULL) <> (group_id IS NULL)", name="one_target"),)


class CampaignStep(AuditMixin, Base):
    """A send of the campaign: the first one (position 1) and each follow-up ("relance")."""

    __tablename__ = "campaign_step"

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    audience: Mapped[str] = mapped_column(String(12), default="all")
    subject: Mapped[str] = mapped_column(String(250), default="")
    body: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        UniqueConstraint("campaign_id", "position"),
        CheckConstraint("audience IN ('all', 'no_response', 'not_paid')", name="audience"),
    )


class CampaignRecipient(AuditMixin, Base):
    """The ledger: one person of one step, the address used and where the message stands."""

    __tablename__ = "campaign_recipient"

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    step_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign_step.id", ondelete="CASCADE"))
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(254), default="")
    #: pending, sending (claimed, outcome unknown), sent, failed, bounced, skipped (+ reason).
    state: Mapped[str] = mapped_column(String(8), default="pending")
    reason: Mapped[str] = mapped_column(String(500), default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    #: A code of the responses list (interested, registered, paid…), empty without response.
    response: Mapped[str] = mapped_column(String(20), default="")
    response_on: Mapped[dt.date | None] = mapped_column(Date)
    #: Random, in the message's unsubscribe link: whoever holds it may opt this person out.
    token: Mapped[str] = mapped_column(String(32), unique=True)

    __table_args__ = (
        UniqueConstraint("step_id", "party_id"),
        CheckConstraint("state IN ('pending', 'sending', 'sent', 'failed', 'bounced', 'skipped')", name="state"),
        Index("ix_campaign_recipient_step_id_state_id", "step_id", "state", "id"),
        Index("ix_campaign_recipient_campaign_id_party_id", "campaign_id", "party_id"),
    )


class Consent(AuditMixin, Base):
    """A person's opt-in or opt-out for a channel, when and from where; the latest row wins."""

    __tablename__ = "consent"

    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(8))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: Where it comes from: "form", "unsubscribe", "import", "phone"… (free text, kept short).
    source: Mapped[str] = mapped_column(String(60), default="")

    __table_args__ = (
        CheckConstraint("channel IN ('email', 'sms', 'post', 'phone')", name="channel"),
        CheckConstraint("state IN ('opt_in', 'opt_out')", name="state"),
        Index("ix_consent_party_id_channel_recorded_at", "party_id", "channel", "recorded_at"),
    )


class BouncedAddress(AuditMixin, Base):
    """An e-mail address whose messages bounced for good (a hard bounce): campaigns leave it
    out with the reason "bounced address" until someone clears it (the person changed mailbox)."""

    __tablename__ = "bounced_address"

    #: Lower-case, as campaigns compare it.
    address: Mapped[str] = mapped_column(String(254), unique=True)
    bounced_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: The delivery status code (5.1.1…) and the server's words, from the bounce message.
    status: Mapped[str] = mapped_column(String(12), default="")
    diagnostic: Mapped[str] = mapped_column(String(500), default="")
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("campaign.id", ondelete="SET NULL"))


__all__ = ["BouncedAddress", "Campaign", "CampaignRecipient", "CampaignStep", "CampaignTarget", "Consent"]
