"""Imports recorded as batches, so a whole import can be undone in one call (issue 8)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
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
