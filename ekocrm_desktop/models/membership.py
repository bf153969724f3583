"""Membership ("adhésions"): membership types, subscriptions with gapless receipt numbers, and
the renewal reminder rules with their ledger of reminders already sent."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ekocrm_desktop.models.base import AuditMixin, Base, Money, UTCDateTime, VersionedMixin


class MembershipCategory(StrEnum):
    """What kind of member a membership type makes (Galette's and Ekooni's usual statuses)."""

    ACTIVE = "active"
    BENEFACTOR = "benefactor"
    HONORARY = "honorary"
    BUREAU = "bureau"
    YOUTH = "youth"
    OTHER = "other"


class Duration(StrEnum):
    """How long one subscription lasts."""

    CALENDAR_YEAR = "calendar_year"
    ROLLING_YEAR = "rolling_year"


class PaymentMethod(StrEnum):
    """How a subscription was paid."""

    CASH = "cash"
    CHEQUE = "cheque"
    TRANSFER = "transfer"
    CARD = "card"
    DIRECT_DEBIT = "direct_debit"
    OTHER = "other"


class DuesStatus(StrEnum):
    """A member's dues on a given day, computed from the paid subscriptions and the member role."""

    UP_TO_DATE = "up_to_date"
    DUE_SOON = "due_soon"
    LATE = "late"
    NEVER_PAID = "never_paid"
    RESIGNED = "resigned"
    #: Not a member (no member role, no subscription).
    NONE = "none"


class MembershipType(VersionedMixin, Base):
    """A kind of membership with its fee and how long one subscription lasts."""

    __tablename__ = "membership_type"

    name: Mapped[str] = mapped_column(String(120))
    #: active, benefactor, honorary, bureau, youth, other (MembershipCategory).
    category: Mapped[str] = mapped_column(String(20), default="active")
    fee: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    #: calendar_year (1 January to 31 December) or rolling_year (12 months from the start).
    duration: Mapped[str] = mapped_column(String(16), default="calendar_year")
    #: Honorary members are not asked to renew: no reminder for members of such a type.
    send_reminders: Mapped[bool] = mapped_column(Boolean, default=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        CheckConstraint("duration IN ('calendar_year', 'rolling_year')", name="duration"),
        CheckConstraint("fee >= 0", name="fee"),
    )


class Subscription(VersionedMixin, Base):
    """One membership period of a party: what was due, when and how it was paid, its receipt.

    A subscription counts for the member's status only once paid (`paid_on`). Its receipt
    number is given at payment, from a per-year counter, and never given again: a deleted
    subscription keeps its number (the receipt is then cancelled), so the numbering has no gap.
    """

    __tablename__ = "membership_subscription"

    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"))
    type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("membership_type.id", ondelete="RESTRICT"), index=True)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    paid_on: Mapped[dt.date | None] = mapped_column(Date)
    #: cash, cheque, transfer, card, direct_debit, other (PaymentMethod).
    payment_method: Mapped[str] = mapped_column(String(20), default="")
    receipt_year: Mapped[int | None] = mapped_column(Integer)
    receipt_seq: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(250), default="")

    membership_type: Mapped[MembershipType] = relationship()

    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="period"),
        CheckConstraint("amount >= 0", name="amount"),
        UniqueConstraint("receipt_year", "receipt_seq"),
        # The member's status reads the latest paid period: (party, end) answers it from the index.
        Index("ix_membership_subscription_party_id_period_end", "party_id", "period_end"),
    )

    @property
    def receipt_number(self) -> str:
        """ "2026-0042", or "" before payment."""
        return receipt_number(self.receipt_year, self.receipt_seq)


def receipt_number(year: int | None, seq: int | None) -> str:
    """The printed receipt number of a year and a sequence."""
    if year is None or seq is None:
        return ""
    return f"{year}-{seq:04d}"


class ReceiptCounter(Base):
    """The last receipt number given in a year.

    Taking a number updates this row inside the payment's transaction: concurrent payments
    queue on its row lock, and a rolled-back payment gives its number back, so numbers
    follow each other without gaps or duplicates (PostgreSQL; SQLite has one writer at a time).
    """

    __tablename__ = "membership_receipt_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class ReminderRule(VersionedMixin, Base):
    """One step of the renewal reminder sequence: N days before (negative) or after the end of
    the paid period, with the message to send."""

    __tablename__ = "membership_reminder_rule"

    name: Mapped[str] = mapped_column(String(120))
    offset_days: Mapped[int] = mapped_column(Integer)
    #: email or letter: how this step is meant to reach the member.
    channel: Mapped[str] = mapped_column(String(10), default="email")
    subject: Mapped[str] = mapped_column(String(250), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (CheckConstraint("channel IN ('email', 'letter')", name="channel"),)


class ReminderSent(AuditMixin, Base):
    """The ledger: one row per (rule, member, period) ever reminded, so nothing goes out twice.

    `period_end` is the end of the paid period the reminder was about; once the member pays,
    their period moves on and the next reminders are about the new one. A row is first
    written `pending` (claimed), then `sent`, `failed` or `printed`; several desktops on one
    shared database cannot claim the same reminder (unique key).
    """

    __tablename__ = "membership_reminder_sent"

    rule_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("membership_reminder_rule.id", ondelete="CASCADE"))
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    period_end: Mapped[dt.date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(10))
    #: pending, sent, failed, printed.
    status: Mapped[str] = mapped_column(String(10), default="pending")
    recipient: Mapped[str] = mapped_column(String(254), default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str] = mapped_column(String(500), default="")

    __table_args__ = (
        UniqueConstraint("rule_id", "party_id", "period_end"),
        CheckConstraint("status IN ('pending', 'sent', 'failed', 'printed')", name="status"),
        Index("ix_membership_reminder_sent_created_at", "created_at"),
    )


__all__ = [
    "DuesStatus",
    "Duration",
    "MembershipCategory",
    "MembershipType",
    "PaymentMethod",
    "ReceiptCounter",
    "ReminderRule",
    "ReminderSent",
    "Subscription",
    "receipt_number",
]
