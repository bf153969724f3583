"""General assemblies and meetings: the agenda, who is invited, their answers and proxies."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ekocrm_desktop.models.base import AuditMixin, Base, UTCDateTime, VersionedMixin


class AssemblyKind(StrEnum):
    """What kind of meeting."""

    GENERAL = "general"
    EXTRAORDINARY = "extraordinary"
    BOARD = "board"
    MEETING = "meeting"


class AssemblyState(StrEnum):
    """Where the assembly stands."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class Response(StrEnum):
    """An invitee's answer (RSVP)."""

    PENDING = "pending"
    ATTENDING = "attending"
    ABSENT = "absent"
    REPRESENTED = "represented"


class Assembly(VersionedMixin, Base):
    """A general assembly or a meeting, with its quorum rule and proxy limit."""

    __tablename__ = "assembly"

    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default=AssemblyKind.GENERAL.value)
    state: Mapped[str] = mapped_column(String(12), default=AssemblyState.PLANNED.value)
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(250), default="")
    #: Share of the members up to date with dues who must be present or represented (25 = a quarter).
    quorum_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("25"))
    #: What the quorum is a share of: "members" up to date with dues (general assemblies) or the
    #: "invitees" (a board meeting).
    quorum_base: Mapped[str] = mapped_column(String(10), default="members")
    #: Most proxies one person may hold.
    max_proxies: Mapped[int] = mapped_column(Integer, default=2)
    #: Text of the convocation letter and e-mail, with merge fields.
    convocation: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="assembly", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )

    __table_args__ = (
        CheckConstraint("kind IN ('general', 'extraordinary', 'board', 'meeting')", name="kind"),
        CheckConstraint("state IN ('planned', 'held', 'cancelled')", name="state"),
        CheckConstraint("quorum_percent >= 0 AND quorum_percent <= 100", name="quorum"),
        CheckConstraint("max_proxies >= 0", name="max_proxies"),
        CheckConstraint("quorum_base IN ('members', 'invitees')", name="quorum_base"),
        Index("ix_assembly_starts_at_id", "starts_at", "id"),
    )


class AgendaItem(AuditMixin, Base):
    """One point of the agenda (part of its assembly: saved with it)."""

    __tablename__ = "assembly_agenda_item"

    assembly_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assembly.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(250))
    description: Mapped[str] = mapped_column(Text, default="")

    assembly: Mapped[Assembly] = relationship(back_populates="agenda")


class Invitation(AuditMixin, Base):
    """A party invited to an assembly: the convocation sent, the answer, the proxy given.

    `proxy_holder_id` is set when the answer is "represented": the invitee gave power to that
    other invitee, who counts for both at the meeting.
    """

    __tablename__ = "assembly_invitation"

    assembly_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assembly.id", ondelete="CASCADE"))
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    response: Mapped[str] = mapped_column(String(12), default=Response.PENDING.value)
    proxy_holder_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    responded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    convocation_sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    #: email or letter: how the convocation went out.
    convocation_channel: Mapped[str] = mapped_column(String(10), default="")
    #: Sort key of the invitee's name, copied so the list sorts from this table's index.
    sort_name: Mapped[str] = mapped_column(String(250), default="")

    __table_args__ = (
        UniqueConstraint("assembly_id", "party_id"),
        CheckConstraint("response IN ('pending', 'attending', 'absent', 'represented')", name="response"),
        CheckConstraint(
            "(response = 'represented') = (proxy_holder_id IS NOT NULL)",
            name="proxy",
        ),
        CheckConstraint("proxy_holder_id IS NULL OR proxy_holder_id <> party_id", name="proxy_self"),
        Index("ix_assembly_invitation_assembly_id_sort_name_id", "assembly_id", "sort_name", "id"),
        Index("ix_assembly_invitation_assembly_id_proxy_holder_id", "assembly_id", "proxy_holder_id"),
    )
