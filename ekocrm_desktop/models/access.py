"""Team mode on a shared database: who logs in as whom, access settings, the change history, save receipts.

The rights themselves are not rows: they are PostgreSQL group roles, GRANTs and row-level
security policies (see `ekocrm_desktop.db.migrations.security`). These tables hold what the
policies and the app need to know beside them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ekocrm_desktop.models.base import Base, UTCDateTime, utcnow

#: JSON on SQLite, JSONB on PostgreSQL (what the history triggers build with to_jsonb).
JsonDocument = JSON().with_variant(JSONB(), "postgresql")


class UserAccount(Base):
    """A person's own PostgreSQL login, linked to their collaborator record.

    Written only through the administrators' functions (ekocrm_create_user, ...): the
    login role itself is created there, with its group role (administrator, collaborator,
    reader) as membership. The row-level security policies read `party_id` to know which
    records are "mine".
    """

    __tablename__ = "user_account"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    party_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("party.id", ondelete="SET NULL"), unique=True, nullable=True
    )
    #: The name shown in owner pickers (the collaborator record may be out of the viewer's scope).
    display_name: Mapped[str] = mapped_column(String(250), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(120))


class AccessConfig(Base):
    """Settings the security policies read: the group roles' name prefix, the record scope per role."""

    __tablename__ = "access_config"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(250))


class RecordHistory(Base):
    """One row changed: who, when, in which transaction, which fields with their old and new values.

    Rows are grouped into change sets by `tx` (one save) and by `root_table`/`root_id` (the
    record a user opens: a person's e-mails belong to the person). Written by triggers on
    PostgreSQL (so raw SQL is recorded too) and by the session on SQLite; never updated.
    `changes` maps a column to `[old, new]` (JSON values); NULL for the creation of a record.
    """

    __tablename__ = "record_history"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(120))
    tx: Mapped[int] = mapped_column(BigInteger)
    table_name: Mapped[str] = mapped_column(String(63))
    record_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    root_table: Mapped[str] = mapped_column(String(63))
    root_id: Mapped[uuid.UUID] = mapped_column()
    #: "I" (created), "U" (changed), "D" (deleted for good).
    operation: Mapped[str] = mapped_column(String(1))
    changes: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument, nullable=True)
    #: Why, when the app says so ("revert:<tx>").
    reason: Mapped[str | None] = mapped_column(String(120), nullable=True)

    __table_args__ = (
        Index("ix_record_history_root_table_root_id_id", "root_table", "root_id", "id"),
        Index("ix_record_history_tx_record_id", "tx", "record_id"),
    )


class SaveReceipt(Base):
    """A save the server committed, keyed by the token the client chose: a retried save is never applied twice."""

    __tablename__ = "save_receipt"

    token: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column()
    version: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
