"""The party model: people and organisations, their contact points, tags, roles and affiliations."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Uuid,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ekocrm_desktop.models.base import AuditMixin, Base, VersionedMixin

party_tag = Table(
    "party_tag",
    Base.metadata,
    Column("party_id", Uuid(as_uuid=True), ForeignKey("party.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Uuid(as_uuid=True), ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_party_tag_tag_id_party_id", "tag_id", "party_id"),
)


class Party(VersionedMixin, Base):
    """A person or an organisation; what it is to us is a dated role (PartyRole)."""

    __tablename__ = "party"

    kind: Mapped[str] = mapped_column(String(16))
    civility: Mapped[str | None] = mapped_column(String(20))
    first_name: Mapped[str | None] = mapped_column(String(120))
    last_name: Mapped[str | None] = mapped_column(String(120))
    #: Organisation name, or "First Last" for a person: what every list shows.
    display_name: Mapped[str] = mapped_column(String(250))
    job_title: Mapped[str | None] = mapped_column(String(120))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    website: Mapped[str | None] = mapped_column(String(250))
    registration_number: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    #: The collaborator who looks after this party ("account owner"): tasks can be assigned to them.
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"), index=True)
    #: Only the owner sees a private record (row-level security on a shared database).
    private: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    # Denormalised list columns, kept by the contacts service on every save, so that the
    # 1M-row table sorts and pages from one indexed table without joins (ARCHITECTURE §5).
    sort_name: Mapped[str] = mapped_column(String(250), default="")
    organisation_name: Mapped[str | None] = mapped_column(String(250))
    organisation_key: Mapped[str] = mapped_column(String(250), default="")
    primary_email: Mapped[str] = mapped_column(String(254), default="")
    primary_phone: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str | None] = mapped_column(String(120))
    city_key: Mapped[str] = mapped_column(String(120), default="")
    postcode: Mapped[str] = mapped_column(String(12), default="")
    #: Accent-free lower-case words that search matches on (names, organisations, e-mails, phones, cities).
    search_doc: Mapped[str] = mapped_column(Text, default="")
    #: Integer key of the SQLite FTS5 index, given at flush time (NULL on PostgreSQL, which
    #: indexes search_doc directly). Not the implicit rowid: VACUUM may renumber that.
    search_key: Mapped[int | None] = mapped_column(BigInteger, unique=True)

    emails: Mapped[list[PartyEmail]] = relationship(
        back_populates="party", cascade="all, delete-orphan", order_by="PartyEmail.position"
    )
    phones: Mapped[list[PartyPhone]] = relationship(
        back_populates="party", cascade="all, delete-orphan", order_by="PartyPhone.position"
    )
    addresses: Mapped[list[PartyAddress]] = relationship(
        back_populates="party", cascade="all, delete-orphan", order_by="PartyAddress.position"
    )
    roles: Mapped[list[PartyRole]] = relationship(
        back_populates="party", cascade="all, delete-orphan", order_by="PartyRole.since"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=party_tag, order_by="Tag.name")
    affiliations: Mapped[list[Affiliation]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        foreign_keys="Affiliation.person_id",
        order_by="Affiliation.position",
    )

    __table_args__ = (
        CheckConstraint("kind IN ('person', 'organisation')", name="kind"),
        # Partial indexes on live rows: one per sortable column, id as the keyset tie-breaker.
        # The name order, the list's default, is `ix_party_live_list` (migration 0022): it also
        # carries what a list row shows, in a different form on each backend, so it lives
        # outside the ORM metadata like the search indexes.
        *(
            Index(
                f"ix_party_live_{col}",
                col,
                "id",
                sqlite_where=Column("deleted_at").is_(None),
                postgresql_where=Column("deleted_at").is_(None),
            )
            for col in (
                "organisation_key",
                "primary_email",
                "primary_phone",
                "city_key",
                "postcode",
                "updated_at",
                "kind",
            )
        ),
        Index("ix_party_deleted_at", "deleted_at"),
    )


class PartyEmail(AuditMixin, Base):
    """An e-mail address of a party (normalised, validated without DNS)."""

    __tablename__ = "party_email"

    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(254), index=True)
    label: Mapped[str] = mapped_column(String(16), default="work")
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    party: Mapped[Party] = relationship(back_populates="emails")

    #: Imports match e-mails whatever their case: without this, each look-up scans every address.
    __table_args__ = (Index("ix_party_email_lower_address", func.lower(address)),)


class PartyPhone(AuditMixin, Base):
    """A phone number of a party, stored in E.164."""

    __tablename__ = "party_phone"

    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(20), index=True)
    label: Mapped[str] = mapped_column(String(16), default="work")
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    party: Mapped[Party] = relationship(back_populates="phones")


class PartyAddress(AuditMixin, Base):
    """A postal address of a party."""

    __tablename__ = "party_address"

    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(16), default="work")
    street: Mapped[str] = mapped_column(String(250), default="")
    street2: Mapped[str] = mapped_column(String(250), default="")
    postcode: Mapped[str] = mapped_column(String(12), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str] = mapped_column(String(2), default="FR")
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    party: Mapped[Party] = relationship(back_populates="addresses")


class Tag(VersionedMixin, Base):
    """A free label put on parties ("VIP", "Salon de Lyon 2026")."""

    __tablename__ = "tag"

    name: Mapped[str] = mapped_column(String(80), unique=True)
    color: Mapped[str] = mapped_column(String(9), default="#607d8b")


class PartyRole(AuditMixin, Base):
    """A dated role of a party: prospect since..., client since..., member until..."""

    __tablename__ = "party_role"

    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    since: Mapped[dt.date] = mapped_column(Date)
    until: Mapped[dt.date | None] = mapped_column(Date)
    #: Commercial state of a prospect, dues state of a member, ... (lists configured in settings).
    status: Mapped[str] = mapped_column(String(60), default="")
    #: Category within the role: "PME" for a prospect, "bienfaiteur" for a member, ...
    category: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(String(250), default="")

    party: Mapped[Party] = relationship(back_populates="roles")

    __table_args__ = (
        CheckConstraint(
            "role IN ('prospect', 'client', 'member', 'partner', 'supplier', 'competitor', 'collaborator')",
            name="role",
        ),
        # A party's roles with their dates, from the index alone: a list page reads its rows'
        # current roles without visiting the table.
        Index("ix_party_role_party_id_since_until_role", "party_id", "since", "until", "role"),
        # Covering for the dues status counts (the dashboard reads every member's dates).
        Index("ix_party_role_role_party_id_since_until", "role", "party_id", "since", "until"),
        # Covers a segment's role condition: the matching parties are read from the index alone.
        Index("ix_party_role_role_category_cover", "role", "category", "party_id", "since", "until"),
    )


class Affiliation(AuditMixin, Base):
    """A person working for (or belonging to) an organisation."""

    __tablename__ = "affiliation"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    function: Mapped[str] = mapped_column(String(120), default="")
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Party] = relationship(back_populates="affiliations", foreign_keys=[person_id])
    organisation: Mapped[Party] = relationship(foreign_keys=[organisation_id])
