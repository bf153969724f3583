"""Campaigns and consent (issue 6 part B): campaigns, their targets and steps, the sending ledger,
consent per person and channel, and deal.campaign_id.

The lead re-chains this revision after 0012-0014 (written in parallel from 0011) at merge.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 10:22:58.419533
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ekocrm_desktop.db.migrations.security import (
    ALL,
    drop_policies_v1,
    grant_v1,
    install_child_security_v1,
    install_record_security_v1,
)

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "campaign",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("objective", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("budget", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("actual_cost", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("subject", sa.String(length=250), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("per_minute", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("private", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("channel IN ('email', 'sms', 'letter', 'phone')", name=op.f("ck_campaign_channel")),
        sa.CheckConstraint("status IN ('draft', 'sending', 'paused', 'done')", name=op.f("ck_campaign_status")),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["party.id"], name=op.f("fk_campaign_owner_id_party"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
    )
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_campaign_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index("ix_campaign_updated_at_id", ["updated_at", "id"], unique=False)

    op.create_table(
        "consent",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=60), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("channel IN ('email', 'sms', 'post', 'phone')", name=op.f("ck_consent_channel")),
        sa.CheckConstraint("state IN ('opt_in', 'opt_out')", name=op.f("ck_consent_state")),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name=op.f("fk_consent_party_id_party"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
    )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.create_index(
            "ix_consent_party_id_channel_recorded_at", ["party_id", "channel", "recorded_at"], unique=False
        )

    op.create_table(
        "campaign_step",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=12), nullable=False),
        sa.Column("subject", sa.String(length=250), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("audience IN ('all', 'no_response', 'not_paid')", name=op.f("ck_campaign_step_audience")),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_campaign_step_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_step")),
        sa.UniqueConstraint("campaign_id", "position", name=op.f("uq_campaign_step_campaign_id_position")),
    )
    op.create_table(
        "campaign_target",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=True),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("exclude", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("(segment_id IS NULL) <> (group_id IS NULL)", name=op.f("ck_campaign_target_one_target")),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_campaign_target_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["party_group.id"], name=op.f("fk_campaign_target_group_id_party_group"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"], ["segment.id"], name=op.f("fk_campaign_target_segment_id_segment"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_target")),
    )
    with op.batch_alter_table("campaign_target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_campaign_target_campaign_id"), ["campaign_id"], unique=False)

    op.create_table(
        "campaign_recipient",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("step_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("response", sa.String(length=20), nullable=False),
        sa.Column("response_on", sa.Date(), nullable=True),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'sending', 'sent', 'failed', 'bounced', 'skipped')",
            name=op.f("ck_campaign_recipient_state"),
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_campaign_recipient_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_campaign_recipient_party_id_party"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["campaign_step.id"],
            name=op.f("fk_campaign_recipient_step_id_campaign_step"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_recipient")),
        sa.UniqueConstraint("step_id", "party_id", name=op.f("uq_campaign_recipient_step_id_party_id")),
        sa.UniqueConstraint("token", name=op.f("uq_campaign_recipient_token")),
    )
    with op.batch_alter_table("campaign_recipient", schema=None) as batch_op:
        batch_op.create_index("ix_campaign_recipient_campaign_id_party_id", ["campaign_id", "party_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_campaign_recipient_party_id"), ["party_id"], unique=False)
        batch_op.create_index("ix_campaign_recipient_step_id_state_id", ["step_id", "state", "id"], unique=False)

    # On SQLite this recreates `deal` (move and copy, foreign keys off): its partial index is
    # reflected and rebuilt; the models = migrations test checks it.
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("campaign_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_deal_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_deal_campaign_id_campaign"), "campaign", ["campaign_id"], ["id"], ondelete="SET NULL"
        )

    _team_security()


def _team_security() -> None:
    """Rights and row-level security on a team database (no-ops on SQLite).

    A campaign is seen like a deal (owner, private flag); its targets and steps follow it. The
    ledger and consent rows are about a person: they follow the person. Consent is append-only
    for collaborators (INSERT, never UPDATE or DELETE): its history proves what was given when;
    erasing a person removes it through the foreign key.
    """
    install_record_security_v1(op, "campaign", owner_column="owner_id", private_column="private")
    for child in ("campaign_target", "campaign_step"):
        install_child_security_v1(op, child, parent_table="campaign", parent_column="campaign_id")
    for child in ("campaign_recipient", "consent"):
        install_child_security_v1(op, child, parent_table="party", parent_column="party_id")
    grant_v1(op, "campaign", reader="SELECT", collaborator="SELECT, INSERT, UPDATE", administrator=ALL)
    for child in ("campaign_target", "campaign_step", "campaign_recipient"):
        grant_v1(op, child, reader="SELECT", collaborator=ALL, administrator=ALL)
    grant_v1(op, "consent", reader="SELECT", collaborator="SELECT, INSERT", administrator=ALL)


def downgrade() -> None:
    for table in ("campaign", "campaign_target", "campaign_step", "campaign_recipient", "consent"):
        drop_policies_v1(op, table)
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_deal_campaign_id_campaign"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_deal_campaign_id"))
        batch_op.drop_column("campaign_id")

    with op.batch_alter_table("campaign_recipient", schema=None) as batch_op:
        batch_op.drop_index("ix_campaign_recipient_step_id_state_id")
        batch_op.drop_index(batch_op.f("ix_campaign_recipient_party_id"))
        batch_op.drop_index("ix_campaign_recipient_campaign_id_party_id")

    op.drop_table("campaign_recipient")
    with op.batch_alter_table("campaign_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_target_campaign_id"))

    op.drop_table("campaign_target")
    op.drop_table("campaign_step")
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_index("ix_consent_party_id_channel_recorded_at")

    op.drop_table("consent")
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.drop_index("ix_campaign_updated_at_id")
        batch_op.drop_index(batch_op.f("ix_campaign_owner_id"))

    op.drop_table("campaign")
