"""Foundation: parties (people and organisations), contact points, tags, roles, affiliations.

Also the search index: FTS5 with triggers on SQLite, a GIN text-search index on PostgreSQL.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ekocrm_desktop.db.migrations.helpers import create_party_fts, drop_party_fts

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "party",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("civility", sa.String(length=20), nullable=True),
        sa.Column("first_name", sa.String(length=120), nullable=True),
        sa.Column("last_name", sa.String(length=120), nullable=True),
        sa.Column("display_name", sa.String(length=250), nullable=False),
        sa.Column("job_title", sa.String(length=120), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("website", sa.String(length=250), nullable=True),
        sa.Column("registration_number", sa.String(length=40), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("sort_name", sa.String(length=250), nullable=False),
        sa.Column("organisation_name", sa.String(length=250), nullable=True),
        sa.Column("organisation_key", sa.String(length=250), nullable=False),
        sa.Column("primary_email", sa.String(length=254), nullable=False),
        sa.Column("primary_phone", sa.String(length=20), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("city_key", sa.String(length=120), nullable=False),
        sa.Column("postcode", sa.String(length=12), nullable=False),
        sa.Column("search_doc", sa.Text(), nullable=False),
        sa.Column("search_key", sa.BigInteger(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("kind IN ('person', 'organisation')", name=op.f("ck_party_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party")),
        sa.UniqueConstraint("search_key", name=op.f("uq_party_search_key")),
    )
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.create_index("ix_party_deleted_at", ["deleted_at"], unique=False)
        batch_op.create_index(
            "ix_party_live_city_key",
            ["city_key", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_party_live_kind",
            ["kind", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_party_live_organisation_key",
            ["organisation_key", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_party_live_postcode",
            ["postcode", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_party_live_primary_email",
            ["primary_email", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_party_live_primary_phone",
            ["primary_phone", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_party_live_sort_name",
            ["sort_name", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_party_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "tag",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("name", name=op.f("uq_tag_name")),
    )
    op.create_table(
        "affiliation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("function", sa.String(length=120), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["party.id"],
            name=op.f("fk_affiliation_organisation_id_party"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["party.id"], name=op.f("fk_affiliation_person_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_affiliation")),
    )
    with op.batch_alter_table("affiliation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_affiliation_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_affiliation_person_id"), ["person_id"], unique=False)

    op.create_table(
        "party_address",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("label", sa.String(length=16), nullable=False),
        sa.Column("street", sa.String(length=250), nullable=False),
        sa.Column("street2", sa.String(length=250), nullable=False),
        sa.Column("postcode", sa.String(length=12), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_party_address_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_address")),
    )
    with op.batch_alter_table("party_address", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_address_party_id"), ["party_id"], unique=False)

    op.create_table(
        "party_email",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("label", sa.String(length=16), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_party_email_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_email")),
    )
    with op.batch_alter_table("party_email", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_email_address"), ["address"], unique=False)
        batch_op.create_index(batch_op.f("ix_party_email_party_id"), ["party_id"], unique=False)

    op.create_table(
        "party_phone",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=16), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_party_phone_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_phone")),
    )
    with op.batch_alter_table("party_phone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_phone_number"), ["number"], unique=False)
        batch_op.create_index(batch_op.f("ix_party_phone_party_id"), ["party_id"], unique=False)

    op.create_table(
        "party_role",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=60), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("note", sa.String(length=250), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint(
            "role IN ('prospect', 'client', 'member', 'partner', 'supplier', 'competitor', 'collaborator')",
            name=op.f("ck_party_role_role"),
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_party_role_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_role")),
    )
    with op.batch_alter_table("party_role", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_role_party_id"), ["party_id"], unique=False)
        batch_op.create_index("ix_party_role_role_party_id", ["role", "party_id"], unique=False)

    op.create_table(
        "party_tag",
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("tag_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_party_tag_party_id_party"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["tag_id"], ["tag.id"], name=op.f("fk_party_tag_tag_id_tag"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("party_id", "tag_id", name=op.f("pk_party_tag")),
    )
    with op.batch_alter_table("party_tag", schema=None) as batch_op:
        batch_op.create_index("ix_party_tag_tag_id_party_id", ["tag_id", "party_id"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        create_party_fts(op)
    else:
        op.execute(
            "CREATE INDEX ix_party_search_doc_tsv ON party USING gin (to_tsvector('simple'::regconfig, search_doc))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        drop_party_fts(op)
    else:
        op.execute("DROP INDEX IF EXISTS ix_party_search_doc_tsv")
    with op.batch_alter_table("party_tag", schema=None) as batch_op:
        batch_op.drop_index("ix_party_tag_tag_id_party_id")

    op.drop_table("party_tag")
    with op.batch_alter_table("party_role", schema=None) as batch_op:
        batch_op.drop_index("ix_party_role_role_party_id")
        batch_op.drop_index(batch_op.f("ix_party_role_party_id"))

    op.drop_table("party_role")
    with op.batch_alter_table("party_phone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_phone_party_id"))
        batch_op.drop_index(batch_op.f("ix_party_phone_number"))

    op.drop_table("party_phone")
    with op.batch_alter_table("party_email", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_email_party_id"))
        batch_op.drop_index(batch_op.f("ix_party_email_address"))

    op.drop_table("party_email")
    with op.batch_alter_table("party_address", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_address_party_id"))

    op.drop_table("party_address")
    with op.batch_alter_table("affiliation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_affiliation_person_id"))
        batch_op.drop_index(batch_op.f("ix_affiliation_organisation_id"))

    op.drop_table("affiliation")
    op.drop_table("tag")
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_party_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_party_live_sort_name",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_party_live_primary_phone",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_party_live_primary_email",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_party_live_postcode",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_party_live_organisation_key",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_party_live_kind",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_party_live_city_key",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index("ix_party_deleted_at")

    op.drop_table("party")
