"""Imports recorded as batches, so a whole import can be undone in one call (issue 8)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ekocrm_desktop.models.access import JsonDocument
from ekocrm_desktop.models.base import AuditMixin, Base, UTCDateTime


class ImportBatch(AuditMixin, Base):
    """One import run: its file, options (mapping, key, policy), counts and whether it was undone."""

    __tablename__ = "import_batch"

    file_name: Mapped[str] = mapped_column(String(260))
    source_format: Mapped[str] = mapped_column(String(8), default="csv")
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    #: running, done, cancelled (what was committed before the cancel stays undoable), undone.
    status: Mapped[str] = mapped_column(String(16), default="running")
    rows: Mapped[int] = mapped_column(Integer, default=0)
    created_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    #: The options as given (mapping, matching key, on-match policy, encoding, separator).
    options: Mapped[dict[str, Any]] = mapped_column(JsonDocument, default=dict)
    undone_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (CheckConstraint("status IN ('running', 'done', 'cancelled', 'undone')", name="status"),)


class ImportBatchItem(AuditMixin, Base):
    """A party an import created or updated; for an update, the values it had before."""

    __tablename__ = "import_batch_item"

    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(8))
    #: The party's version once the import wrote it: undo refuses a party changed since.
    version_after: Mapped[int] = mapped_column(Integer)
    #: For an update, the draft before it (JSON), restored by undo.
    previous: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument, nullable=True)

    __table_args__ = (CheckConstraint("action IN ('created', 'updated')", name="action"),)


class ImportBatchRecord(AuditMixin, Base):
    """Another row an import wrote (an article, a subscription, a member role, an external id).

    Parties keep their own items (ImportBatchItem, with row-level security following the party);
    these are the rows around them. No foreign key on `entity_id`: it names rows of several
    tables, and undo checks each one is still there as the import left it.
    """

    __tablename__ = "import_batch_record"

    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    #: article, subscription, party_role, external_id.
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[uuid.UUID] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(8))
    #: The row's version once written (0 for rows without one): undo refuses a row changed since.
    version_after: Mapped[int] = mapped_column(Integer, default=0)
    #: For an update, what it was (JSON), restored by undo.
    previous: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument, nullable=True)

    __table_args__ = (CheckConstraint("action IN ('created', 'updated')", name="action"),)


class PartyExternalId(AuditMixin, Base):
    """A party's id in another system (the CRM or spreadsheet it was imported from).

    One value per source names one party at most, so a re-import of that system's export finds
    its rows again; a party may carry ids from several sources.
    """

    __tablename__ = "party_external_id"

    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    #: Where the id comes from ("import" unless the user names the system).
    source: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(120))
    #: The value folded (case, spaces) as matching compares it.
    value_key: Mapped[str] = mapped_column(String(120))

    __table_args__ = (UniqueConstraint("source", "value_key"),)
