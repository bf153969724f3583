"""Personal data rights (issue 8): erasure tombstones, hashed suppression entries and the privacy log.

None of these tables holds personal data in clear: a tombstone keeps the erased party's random
id only, a suppression entry a keyed hash of an e-mail address or E.164 phone number, and the
log the action, the party id and counts per kind of row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from ekocrm_desktop.models.access import JsonDocument
from ekocrm_desktop.models.base import Base, IdMixin, UTCDateTime, utcnow


class ErasureTombstone(Base):
    """An erased (or moved away) party's id: imports, transfers and sync never bring it back."""

    __tablename__ = "erasure_tombstone"

    party_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    erased_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    erased_by: Mapped[str] = mapped_column(String(120))
    #: gdpr-erase (a request), retention (the retention rule), moved (to another workspace).
    reason: Mapped[str] = mapped_column(String(20))

    __table_args__ = (CheckConstraint("reason IN ('gdpr-erase', 'retention', 'moved')", name="reason"),)


class SuppressionEntry(Base):
    """A keyed hash (HMAC-SHA256) of an erased person's e-mail or phone: a re-import is not re-subscribed."""

    __tablename__ = "suppression_entry"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(8), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (CheckConstraint("channel IN ('email', 'phone')", name="channel"),)


class PrivacyLog(IdMixin, Base):
    """The audit of every personal data export and erasure: who, when, which party id, how many rows."""

    __tablename__ = "privacy_log"

    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(120))
    #: gdpr-export, gdpr-erase, retention, moved.
    action: Mapped[str] = mapped_column(String(20))
    party_id: Mapped[uuid.UUID] = mapped_column(index=True)
    #: Rows per table exported or erased ({"party_email": 2, ...}): counts, never values.
    counts: Mapped[dict[str, Any]] = mapped_column(JsonDocument, default=dict)

    __table_args__ = (CheckConstraint("action IN ('gdpr-export', 'gdpr-erase', 'retention', 'moved')", name="action"),)
