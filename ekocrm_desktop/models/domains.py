"""The domains beside the party model: collaborators' teams, articles, the deals pipeline,
groups and saved segments, the settings lists an office edits, and recorded merges."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ekocrm_desktop.models.access import JsonDocument
from ekocrm_desktop.models.base import AuditMixin, Base, Money, UTCDateTime, VersionedMixin


class TeamKind(StrEnum):
    """What a team of collaborators is organised by (Ekooni's back office)."""

    GEOGRAPHY = "geography"
    PRODUCT = "product"
    OBJECTIVE = "objective"
    OTHER = "other"


class DealStatus(StrEnum):
    """Where a deal stands: still open, won or lost (the stage says where in the pipeline)."""

    OPEN = "open"
    WON = "won"
    LOST = "lost"


class ChoiceListKey(StrEnum):
    """The settings lists ("paramétrages") kept in `choice_item`.

    Role states and categories are per role ("role_status:prospect", "role_category:member"),
    built with `role_status_list` / `role_category_list`.
    """

    ARTICLE_CATEGORY = "article_category"
    VAT_RATE = "vat_rate"
    LOST_REASON = "lost_reason"
    DEAL_SOURCE = "deal_source"


def role_status_list(role: str) -> str:
    """The list key of a role's states ("role_status:prospect")."""
    return f"role_status:{role}"


def role_category_list(role: str) -> str:
    """The list key of a role's categories ("role_category:member")."""
    return f"role_category:{role}"


class Team(VersionedMixin, Base):
    """A team of collaborators (by geography, product line or objective) with a leader."""

    __tablename__ = "team"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default=TeamKind.OTHER.value)
    description: Mapped[str] = mapped_column(Text, default="")
    #: The collaborator (a party with the collaborator role) who leads the team.
    leader_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"), index=True)

    members: Mapped[list[TeamMember]] = relationship(back_populates="team", cascade="all, delete-orphan")

    __table_args__ = (CheckConstraint("kind IN ('geography', 'product', 'objective', 'other')", name="kind"),)


class TeamMember(AuditMixin, Base):
    """A collaborator in a team (part of the team's aggregate)."""

    __tablename__ = "team_member"

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)

    team: Mapped[Team] = relationship(back_populates="members")

    __table_args__ = (UniqueConstraint("team_id", "party_id"),)


class ChoiceItem(VersionedMixin, Base):
    """One value of a settings list: a prospect's state, a member category, a VAT rate, a lost reason.

    Stored rows keep the `code` (roles' status and category columns, articles' category,
    deals' lost reason hold it), so renaming a label never touches the rows that use it.
    """

    __tablename__ = "choice_item"

    list_key: Mapped[str] = mapped_column(String(60))
    code: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: A number some lists need: the rate of a VAT rate ("20.00").
    value: Mapped[Decimal | None] = mapped_column(Numeric(9, 4))

    __table_args__ = (
        UniqueConstraint("list_key", "code"),
        Index("ix_choice_item_list_key_position", "list_key", "position"),
    )


class Article(VersionedMixin, Base):
    """A product or service of the catalogue."""

    __tablename__ = "article"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    #: A code of the "article_category" list ("formation", "logiciel").
    category: Mapped[str] = mapped_column(String(60), default="", index=True)
    unit_price: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    #: In percent ("20.00").
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("20.00"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(Text, default="")


class PipelineStage(VersionedMixin, Base):
    """A stage of the deals pipeline, in order, with its default probability.

    A stage marked won (or lost) closes the deals moved to it.
    """

    __tablename__ = "pipeline_stage"

    name: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: Default probability (percent) given to a deal entering the stage.
    probability: Mapped[int] = mapped_column(Integer, default=0)
    is_won: Mapped[bool] = mapped_column(Boolean, default=False)
    is_lost: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (CheckConstraint("probability BETWEEN 0 AND 100", name="probability"),)


class Deal(VersionedMixin, Base):
    """A deal ("affaire"): an organisation or person, an owner, an amount, a stage, lines of articles."""

    __tablename__ = "deal"

    title: Mapped[str] = mapped_column(String(200))
    #: The client side: an organisation, or a person buying alone.
    party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"), index=True)
    #: The collaborator who follows the deal (row-level security reads it).
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"), index=True)
    private: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    stage_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pipeline_stage.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(8), default=DealStatus.OPEN.value)
    #: Without lines, typed by hand; with lines, their total before VAT (kept by the service).
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    probability: Mapped[int] = mapped_column(Integer, default=0)
    expected_close: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    #: A code of the "lost_reason" list, for a lost deal.
    lost_reason: Mapped[str] = mapped_column(String(60), default="")
    #: A code of the "deal_source" list (salon, site web, recommandation…).
    source: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Position of the card within its kanban column.
    rank: Mapped[int] = mapped_column(Integer, default=0)
    #: The campaign the deal came from (issue 6: "deals won linked to the campaign").
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("campaign.id", ondelete="SET NULL"), index=True)

    lines: Mapped[list[DealLine]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="DealLine.position"
    )
    contacts: Mapped[list[DealContact]] = relationship(back_populates="deal", cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint("status IN ('open', 'won', 'lost')", name="status"),
        CheckConstraint("probability BETWEEN 0 AND 100", name="probability"),
        Index(
            "ix_deal_live_stage_id_rank",
            "stage_id",
            "rank",
            "id",
            sqlite_where=Column("deleted_at").is_(None),
            postgresql_where=Column("deleted_at").is_(None),
        ),
        Index(
            "ix_deal_live_title",
            "title",
            "id",
            sqlite_where=Column("deleted_at").is_(None),
            postgresql_where=Column("deleted_at").is_(None),
        ),
        Index(
            "ix_deal_live_expected_close",
            "expected_close",
            "id",
            sqlite_where=Column("deleted_at").is_(None),
            postgresql_where=Column("deleted_at").is_(None),
        ),
        Index("ix_deal_status_stage_id", "status", "stage_id"),
        # Segments: the clients of the won (open, lost) deals, read from the index alone.
        Index("ix_deal_status_party_id_cover", "status", "party_id", "id", "deleted_at"),
    )


class DealLine(AuditMixin, Base):
    """A line of a deal's quote: an article (or free text), quantity, unit price and VAT."""

    __tablename__ = "deal_line"

    deal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("article.id", ondelete="RESTRICT"), index=True)
    description: Mapped[str] = mapped_column(String(250), default="")
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 3), default=Decimal("1"))
    unit_price: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("20.00"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    deal: Mapped[Deal] = relationship(back_populates="lines")

    #: Segments: the deals holding an article of a category, read from the index alone.
    __table_args__ = (Index("ix_deal_line_article_id_deal_id", "article_id", "deal_id"),)


class DealContact(AuditMixin, Base):
    """A person involved in a deal (decision maker, buyer, ...)."""

    __tablename__ = "deal_contact"

    deal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"))
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    function: Mapped[str] = mapped_column(String(120), default="")

    deal: Mapped[Deal] = relationship(back_populates="contacts")

    __table_args__ = (UniqueConstraint("deal_id", "party_id"),)


class PartyGroup(VersionedMixin, Base):
    """A static list of parties ("Bureau 2026", "Salon de Lyon")."""

    __tablename__ = "party_group"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(9), default="#607d8b")


class GroupMember(AuditMixin, Base):
    """A party in a group."""

    __tablename__ = "group_member"

    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party_group.id", ondelete="CASCADE"))
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)

    __table_args__ = (UniqueConstraint("group_id", "party_id"),)


class Segment(VersionedMixin, Base):
    """A saved live query over parties, made in the visual builder (compiled to SQL, never filtered in Python).

    `definition` is the builder's tree: `{"op": "and"|"or", "children": [...], "exclude": [...]}`
    with leaf conditions `{"field": ..., "operator": ..., "value": ...}`.
    """

    __tablename__ = "segment"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    definition: Mapped[dict[str, Any]] = mapped_column(JsonDocument, default=dict)


class MergeRecord(AuditMixin, Base):
    """Two parties merged into one: what moved from the loser to the winner, so the merge can be undone.

    `undo` holds the winner's fields before the merge and the ids of every row repointed
    (per table and column), so undoing restores exactly what the merge changed.
    """

    __tablename__ = "merge_record"

    winner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    loser_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    merged_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    undone_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    undo: Mapped[dict[str, Any]] = mapped_column(JsonDocument, default=dict)


class DuplicateDismissal(AuditMixin, Base):
    """A pair of parties a user said are not duplicates: the finder stops proposing it."""

    __tablename__ = "duplicate_dismissal"

    first_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"))
    second_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)

    __table_args__ = (UniqueConstraint("first_id", "second_id"),)
