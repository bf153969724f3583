"""Communications (issue 5, part C): internal conversations between collaborators, the outbox of
e-mails and SMS sent from the app (drafts, errors, retries; the sending ledger), and the message
templates the composer offers."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ekocrm_desktop.models.base import AuditMixin, Base, UTCDateTime, VersionedMixin


class OutboxState(StrEnum):
    """Where an outgoing message stands.

    `sending` is the claim: a desktop took it and the outcome is not known yet; nobody else may
    send it, so a message is never sent twice even by two machines retrying at once.
    """

    DRAFT = "draft"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class Channel(StrEnum):
    """How a message travels."""

    EMAIL = "email"
    SMS = "sms"


class Conversation(VersionedMixin, Base):
    """A thread between collaborators, optionally about a person, an organisation or a deal."""

    __tablename__ = "conversation"

    title: Mapped[str] = mapped_column(String(200))
    party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"), index=True)
    deal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deal.id", ondelete="SET NULL"), index=True)
    #: Time of the newest message: the thread list is sorted on it.
    last_message_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    members: Mapped[list[ConversationMember]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (Index("ix_conversation_last_message_at", "last_message_at", "id"),)


class ConversationMember(AuditMixin, Base):
    """A collaborator taking part in a thread (by login, and by party when they have one)."""

    __tablename__ = "conversation_member"

    conversation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    login: Mapped[str] = mapped_column(String(120))
    party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))


class ConversationMessage(AuditMixin, Base):
    """One message of a thread; `author` is the login that wrote it (the database's actor)."""

    __tablename__ = "conversation_message"

    conversation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(120))
    author_party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_conversation_message_thread", "conversation_id", "sent_at", "id"),)


class ConversationRead(Base):
    """Up to when a user has read a thread (read marks are per user, like `news_read`)."""

    __tablename__ = "conversation_read"

    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), primary_key=True
    )
    reader: Mapped[str] = mapped_column(String(120), primary_key=True)
    read_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class OutboxMessage(VersionedMixin, Base):
    """An e-mail or SMS composed in the app: a draft, waiting, sent (with its activity) or failed.

    `message_id` is fixed when the message is composed, so a retry after an uncertain failure
    carries the same Message-ID and mail clients show one message.
    """

    __tablename__ = "outbox_message"

    channel: Mapped[str] = mapped_column(String(8), default=Channel.EMAIL.value)
    #: Erasing a person (GDPR) erases the messages written to them, address and text included.
    party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    to_name: Mapped[str] = mapped_column(String(200), default="")
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(250), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default=OutboxState.DRAFT.value)
    error: Mapped[str] = mapped_column(String(1000), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    message_id: Mapped[str] = mapped_column(String(250), default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    activity_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("activity.id", ondelete="SET NULL"))
    #: The collaborator who wrote it; row-level security follows it.
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"), index=True)

    attachments: Mapped[list[OutboxAttachment]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint("channel IN ('email', 'sms')", name="channel"),
        CheckConstraint("state IN ('draft', 'queued', 'sending', 'sent', 'failed')", name="state"),
        Index("ix_outbox_message_state", "state", "updated_at", "id"),
    )


class OutboxAttachment(AuditMixin, Base):
    """A file attached to an outgoing e-mail, kept with it (the original may move or vanish)."""

    __tablename__ = "outbox_attachment"

    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("outbox_message.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(250))
    content_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary)


class MessageTemplate(VersionedMixin, Base):
    """A reusable e-mail or SMS text with merge fields ({prénom}, {organisation}...)."""

    __tablename__ = "message_template"

    name: Mapped[str] = mapped_column(String(120))
    channel: Mapped[str] = mapped_column(String(8), default=Channel.EMAIL.value)
    subject: Mapped[str] = mapped_column(String(250), default="")
    body: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (CheckConstraint("channel IN ('email', 'sms')", name="channel"),)


class ActivityAttachment(AuditMixin, Base):
    """A file kept with an activity (the attachments of a received or sent e-mail)."""

    __tablename__ = "activity_attachment"

    activity_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(250))
    content_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary)


class EmailReceipt(Base):
    """A Message-ID already logged as an activity: importing the same .eml again does nothing."""

    __tablename__ = "email_receipt"

    message_id: Mapped[str] = mapped_column(String(250), primary_key=True)
    activity_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


__all__ = [
    "ActivityAttachment",
    "Channel",
    "Conversation",
    "ConversationMember",
    "ConversationMessage",
    "ConversationRead",
    "EmailReceipt",
    "MessageTemplate",
    "OutboxAttachment",
    "OutboxMessage",
    "OutboxState",
]
