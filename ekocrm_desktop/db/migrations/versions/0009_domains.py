"""Domains: collaborators' teams, settings lists, articles, the deals pipeline (deals with their
lines and contacts), groups, saved segments, recorded merges and dismissed duplicate pairs.

Only new tables: nothing existing is recreated, so the party FTS triggers are untouched.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 09:24:26.749256
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ekocrm_desktop.db.migrations.security import (
    ALL,
    CHILD_BOOKKEEPING,
    drop_history_v1,
    drop_policies_v1,
    grant_v1,
    install_child_security_v1,
    install_history_v1,
    install_record_security_v1,
)
from ekocrm_desktop.models.ids import uuid7

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("code", name=op.f("uq_article_code")),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_category"), ["category"], unique=False)

    op.create_table(
        "choice_item",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("list_key", sa.String(length=60), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("value", sa.Numeric(precision=9, scale=4), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_choice_item")),
        sa.UniqueConstraint("list_key", "code", name=op.f("uq_choice_item_list_key_code")),
    )
    with op.batch_alter_table("choice_item", schema=None) as batch_op:
        batch_op.create_index("ix_choice_item_list_key_position", ["list_key", "position"], unique=False)

    op.create_table(
        "party_group",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_group")),
        sa.UniqueConstraint("name", name=op.f("uq_party_group_name")),
    )
    op.create_table(
        "pipeline_stage",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("probability", sa.Integer(), nullable=False),
        sa.Column("is_won", sa.Boolean(), nullable=False),
        sa.Column("is_lost", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("probability BETWEEN 0 AND 100", name=op.f("ck_pipeline_stage_probability")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pipeline_stage")),
    )
    op.create_table(
        "segment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "definition", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment")),
        sa.UniqueConstraint("name", name=op.f("uq_segment_name")),
    )
    op.create_table(
        "deal",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=True),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("private", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("probability", sa.Integer(), nullable=False),
        sa.Column("expected_close", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("lost_reason", sa.String(length=60), nullable=False),
        sa.Column("source", sa.String(length=60), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("status IN ('open', 'won', 'lost')", name=op.f("ck_deal_status")),
        sa.CheckConstraint("probability BETWEEN 0 AND 100", name=op.f("ck_deal_probability")),
        sa.ForeignKeyConstraint(["owner_id"], ["party.id"], name=op.f("fk_deal_owner_id_party"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name=op.f("fk_deal_party_id_party"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["stage_id"], ["pipeline_stage.id"], name=op.f("fk_deal_stage_id_pipeline_stage"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal")),
    )
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.create_index(
            "ix_deal_live_expected_close",
            ["expected_close", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_deal_live_stage_id_rank",
            ["stage_id", "rank", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_deal_live_title",
            ["title", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_deal_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_party_id"), ["party_id"], unique=False)
        batch_op.create_index("ix_deal_status_stage_id", ["status", "stage_id"], unique=False)

    op.create_table(
        "duplicate_dismissal",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("first_id", sa.Uuid(), nullable=False),
        sa.Column("second_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["first_id"], ["party.id"], name=op.f("fk_duplicate_dismissal_first_id_party"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["second_id"], ["party.id"], name=op.f("fk_duplicate_dismissal_second_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_dismissal")),
        sa.UniqueConstraint("first_id", "second_id", name=op.f("uq_duplicate_dismissal_first_id_second_id")),
    )
    with op.batch_alter_table("duplicate_dismissal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duplicate_dismissal_second_id"), ["second_id"], unique=False)

    op.create_table(
        "group_member",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["party_group.id"], name=op.f("fk_group_member_group_id_party_group"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_group_member_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_member")),
        sa.UniqueConstraint("group_id", "party_id", name=op.f("uq_group_member_group_id_party_id")),
    )
    with op.batch_alter_table("group_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_member_party_id"), ["party_id"], unique=False)

    op.create_table(
        "merge_record",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("winner_id", sa.Uuid(), nullable=False),
        sa.Column("loser_id", sa.Uuid(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "undo", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["loser_id"], ["party.id"], name=op.f("fk_merge_record_loser_id_party"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["winner_id"], ["party.id"], name=op.f("fk_merge_record_winner_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_record")),
    )
    with op.batch_alter_table("merge_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merge_record_loser_id"), ["loser_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_merge_record_winner_id"), ["winner_id"], unique=False)

    op.create_table(
        "team",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("leader_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("kind IN ('geography', 'product', 'objective', 'other')", name=op.f("ck_team_kind")),
        sa.ForeignKeyConstraint(["leader_id"], ["party.id"], name=op.f("fk_team_leader_id_party"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("name", name=op.f("uq_team_name")),
    )
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_leader_id"), ["leader_id"], unique=False)

    op.create_table(
        "deal_contact",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("deal_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("function", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_deal_contact_deal_id_deal"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_deal_contact_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_contact")),
        sa.UniqueConstraint("deal_id", "party_id", name=op.f("uq_deal_contact_deal_id_party_id")),
    )
    with op.batch_alter_table("deal_contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_contact_party_id"), ["party_id"], unique=False)

    op.create_table(
        "deal_line",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("deal_id", sa.Uuid(), nullable=False),
        sa.Column("article_id", sa.Uuid(), nullable=True),
        sa.Column("description", sa.String(length=250), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_deal_line_article_id_article"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], name=op.f("fk_deal_line_deal_id_deal"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_line")),
    )
    with op.batch_alter_table("deal_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_line_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_line_deal_id"), ["deal_id"], unique=False)

    op.create_table(
        "team_member",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_team_member_party_id_party"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_team_member_team_id_team"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_member")),
        sa.UniqueConstraint("team_id", "party_id", name=op.f("uq_team_member_team_id_party_id")),
    )
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_member_party_id"), ["party_id"], unique=False)

    _default_pipeline()
    _team_security()


#: The French pipeline every workspace starts with (names are data: users rename them).
#: Frozen here: a later change of the app's defaults must not change what this revision wrote.
_DEFAULT_STAGES = (
    ("Qualification", 10, False, False),
    ("Proposition", 30, False, False),
    ("Négociation", 60, False, False),
    ("Gagnée", 100, True, False),
    ("Perdue", 0, False, True),
)


def _default_pipeline() -> None:
    """Seed the default pipeline, so that deals can be created on any workspace, team ones included."""
    now = dt.datetime.now(dt.UTC)
    if op.get_bind().dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    stage = sa.table(
        "pipeline_stage",
        sa.column("id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("position", sa.Integer()),
        sa.column("probability", sa.Integer()),
        sa.column("is_won", sa.Boolean()),
        sa.column("is_lost", sa.Boolean()),
        sa.column("active", sa.Boolean()),
        sa.column("version", sa.Integer()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("created_by", sa.String()),
        sa.column("updated_by", sa.String()),
    )
    op.bulk_insert(
        stage,
        [
            {"id": uuid7(), "name": name, "position": position, "probability": probability}
            | {"is_won": won, "is_lost": lost, "active": True, "version": 1}
            | {"created_at": now, "updated_at": now, "created_by": "ekocrm", "updated_by": "ekocrm"}
            for position, (name, probability, won, lost) in enumerate(_DEFAULT_STAGES, start=1)
        ],
    )


def _team_security() -> None:
    """Rights, row-level security and history on a team database (no-ops on SQLite and plain databases).

    Deals have an owner and a private flag like parties; their lines and contacts follow the
    deal. Group memberships and merges follow the party they are about. Settings lists, the
    pipeline and teams are kept by administrators (teams decide what "team" scope shows).
    """
    install_record_security_v1(op, "deal", owner_column="owner_id", private_column="private")
    for child in ("deal_line", "deal_contact"):
        install_child_security_v1(op, child, parent_table="deal", parent_column="deal_id")
    install_child_security_v1(op, "group_member", parent_table="party", parent_column="party_id")
    install_child_security_v1(op, "merge_record", parent_table="party", parent_column="winner_id")

    install_history_v1(op, "deal", root_table="deal")
    for child in ("deal_line", "deal_contact"):
        install_history_v1(
            op, child, root_table="deal", root_column="deal_id", ignore=CHILD_BOOKKEEPING, full_update=True
        )
    for table in ("article", "party_group", "segment", "team"):
        install_history_v1(op, table, root_table=table)
    # A merge shows in the kept record's history (its undo data stays out: it is in merge_record).
    install_history_v1(
        op, "merge_record", root_table="party", root_column="winner_id", ignore=(*CHILD_BOOKKEEPING, "undo")
    )

    for table in ("team", "team_member", "choice_item", "pipeline_stage"):
        grant_v1(op, table, reader="SELECT", collaborator="SELECT", administrator=ALL)
    for table in ("article", "party_group", "segment"):
        grant_v1(op, table, reader="SELECT", collaborator="SELECT, INSERT, UPDATE", administrator=ALL)
    for table in ("deal",):
        grant_v1(op, table, reader="SELECT", collaborator="SELECT, INSERT, UPDATE", administrator=ALL)
    for table in ("deal_line", "deal_contact", "group_member", "merge_record", "duplicate_dismissal"):
        grant_v1(op, table, reader="SELECT", collaborator=ALL, administrator=ALL)


def downgrade() -> None:
    for table in ("deal", "deal_line", "deal_contact", "article", "party_group", "segment", "team", "merge_record"):
        drop_history_v1(op, table)
    for table in ("deal", "deal_line", "deal_contact", "group_member", "merge_record"):
        drop_policies_v1(op, table)
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_member_party_id"))

    op.drop_table("team_member")
    with op.batch_alter_table("deal_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_line_deal_id"))
        batch_op.drop_index(batch_op.f("ix_deal_line_article_id"))

    op.drop_table("deal_line")
    with op.batch_alter_table("deal_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_contact_party_id"))

    op.drop_table("deal_contact")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_leader_id"))

    op.drop_table("team")
    with op.batch_alter_table("merge_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_record_winner_id"))
        batch_op.drop_index(batch_op.f("ix_merge_record_loser_id"))

    op.drop_table("merge_record")
    with op.batch_alter_table("group_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_member_party_id"))

    op.drop_table("group_member")
    with op.batch_alter_table("duplicate_dismissal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duplicate_dismissal_second_id"))

    op.drop_table("duplicate_dismissal")
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_index("ix_deal_status_stage_id")
        batch_op.drop_index(batch_op.f("ix_deal_party_id"))
        batch_op.drop_index(batch_op.f("ix_deal_owner_id"))
        batch_op.drop_index(
            "ix_deal_live_title",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_deal_live_stage_id_rank",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_deal_live_expected_close",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.drop_table("deal")
    op.drop_table("segment")
    op.drop_table("pipeline_stage")
    op.drop_table("party_group")
    with op.batch_alter_table("choice_item", schema=None) as batch_op:
        batch_op.drop_index("ix_choice_item_list_key_position")

    op.drop_table("choice_item")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_category"))

    op.drop_table("article")
