"""News broadcasts (Ekooni's "diffuser du contenu"): an item published to an audience, e-mailed
to its people and shown in the workspace's news feed, read or unread per user."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ekocrm_desktop.models.base import AuditMixin, Base, UTCDateTime, VersionedMixin


class NewsItem(VersionedMixin, Base):
    """A published news item."""

    __tablename__ = "news_item"

    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    published_by: Mapped[str] = mapped_column(String(120), default="")
    #: The audience as chosen (JSON of services.audience.Audience), and its description for people.
    audience: Mapped[str] = mapped_column(Text, default="{}")
    audience_label: Mapped[str] = mapped_column(String(250), default="")
    #: Kept here so the feed lists items without reading the attachment itself.
    attachment_name: Mapped[str] = mapped_column(String(250), default="")
    attachment_size: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_news_item_published_at_id", "published_at", "id"),)


class NewsAttachment(Base):
    """The attached file's bytes, apart from the item so lists never load them."""

    __tablename__ = "news_attachment"

    news_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("news_item.id", ondelete="CASCADE"), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary)


class NewsRecipient(AuditMixin, Base):
    """A person the item was published to, and where its e-mail stands (the sending ledger)."""

    __tablename__ = "news_recipient"

    news_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("news_item.id", ondelete="CASCADE"))
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    #: pending, sending (claimed by a desktop, outcome not yet known), sent, failed, no_email.
    status: Mapped[str] = mapped_column(String(10), default="pending")
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str] = mapped_column(String(500), default="")

    __table_args__ = (
        UniqueConstraint("news_id", "party_id"),
        CheckConstraint("status IN ('pending', 'sending', 'sent', 'failed', 'no_email')", name="status"),
    )


class NewsRead(Base):
    """A user of the workspace has read an item (read/unread is per user)."""

    __tablename__ = "news_read"

    news_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("news_item.id", ondelete="CASCADE"), primary_key=True)
    reader: Mapped[str] = mapped_column(String(120), primary_key=True)
    read_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_news_read_reader_news_id", "reader", "news_id"),)


__all__ = ["NewsAttachment", "NewsItem", "NewsRead", "NewsRecipient"]
