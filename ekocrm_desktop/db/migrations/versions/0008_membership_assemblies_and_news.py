"""Membership (types, subscriptions, receipt counter, reminder rules and ledger), general
assemblies (agenda, invitations with answers and proxies) and news broadcasts (items,
attachments, recipients, per-user read marks).

Only new tables: nothing existing is recreated, so the party FTS triggers are untouched.

Revision ID: 0008
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ekocrm_desktop.db.migrations.security import ALL, grant_v1, install_child_security_v1

revision: str = "0008"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assembly",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=250), nullable=False),
        sa.Column("quorum_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("quorum_base", sa.String(length=10), nullable=False),
        sa.Column("max_proxies", sa.Integer(), nullable=False),
        sa.Column("convocation", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("kind IN ('general', 'extraordinary', 'board', 'meeting')", name=op.f("ck_assembly_kind")),
        sa.CheckConstraint("state IN ('planned', 'held', 'cancelled')", name=op.f("ck_assembly_state")),
        sa.CheckConstraint("max_proxies >= 0", name=op.f("ck_assembly_max_proxies")),
        sa.CheckConstraint("quorum_base IN ('members', 'invitees')", name=op.f("ck_assembly_quorum_base")),
        sa.CheckConstraint("quorum_percent >= 0 AND quorum_percent <= 100", name=op.f("ck_assembly_quorum")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assembly")),
    )
    with op.batch_alter_table("assembly", schema=None) as batch_op:
        batch_op.create_index("ix_assembly_starts_at_id", ["starts_at", "id"], unique=False)

    op.create_table(
        "membership_receipt_counter",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_membership_receipt_counter")),
    )
    op.create_table(
        "membership_reminder_rule",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("offset_days", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=250), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("channel IN ('email', 'letter')", name=op.f("ck_membership_reminder_rule_channel")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership_reminder_rule")),
    )
    op.create_table(
        "membership_type",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("fee", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("duration", sa.String(length=16), nullable=False),
        sa.Column("send_reminders", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("duration IN ('calendar_year', 'rolling_year')", name=op.f("ck_membership_type_duration")),
        sa.CheckConstraint("fee >= 0", name=op.f("ck_membership_type_fee")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership_type")),
    )
    op.create_table(
        "news_item",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(length=120), nullable=False),
        sa.Column("audience", sa.Text(), nullable=False),
        sa.Column("audience_label", sa.String(length=250), nullable=False),
        sa.Column("attachment_name", sa.String(length=250), nullable=False),
        sa.Column("attachment_size", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_item")),
    )
    with op.batch_alter_table("news_item", schema=None) as batch_op:
        batch_op.create_index("ix_news_item_published_at_id", ["published_at", "id"], unique=False)

    op.create_table(
        "assembly_agenda_item",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("assembly_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=250), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["assembly_id"],
            ["assembly.id"],
            name=op.f("fk_assembly_agenda_item_assembly_id_assembly"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assembly_agenda_item")),
    )
    with op.batch_alter_table("assembly_agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assembly_agenda_item_assembly_id"), ["assembly_id"], unique=False)

    op.create_table(
        "assembly_invitation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("assembly_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("response", sa.String(length=12), nullable=False),
        sa.Column("proxy_holder_id", sa.Uuid(), nullable=True),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("convocation_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("convocation_channel", sa.String(length=10), nullable=False),
        sa.Column("sort_name", sa.String(length=250), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint(
            "(response = 'represented') = (proxy_holder_id IS NOT NULL)", name=op.f("ck_assembly_invitation_proxy")
        ),
        sa.CheckConstraint(
            "response IN ('pending', 'attending', 'absent', 'represented')",
            name=op.f("ck_assembly_invitation_response"),
        ),
        sa.CheckConstraint(
            "proxy_holder_id IS NULL OR proxy_holder_id <> party_id", name=op.f("ck_assembly_invitation_proxy_self")
        ),
        sa.ForeignKeyConstraint(
            ["assembly_id"],
            ["assembly.id"],
            name=op.f("fk_assembly_invitation_assembly_id_assembly"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_assembly_invitation_party_id_party"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["proxy_holder_id"],
            ["party.id"],
            name=op.f("fk_assembly_invitation_proxy_holder_id_party"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assembly_invitation")),
        sa.UniqueConstraint("assembly_id", "party_id", name=op.f("uq_assembly_invitation_assembly_id_party_id")),
    )
    with op.batch_alter_table("assembly_invitation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_assembly_invitation_assembly_id_proxy_holder_id", ["assembly_id", "proxy_holder_id"], unique=False
        )
        batch_op.create_index(
            "ix_assembly_invitation_assembly_id_sort_name_id", ["assembly_id", "sort_name", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_assembly_invitation_party_id"), ["party_id"], unique=False)

    op.create_table(
        "membership_reminder_sent",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rule_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed', 'printed')", name=op.f("ck_membership_reminder_sent_status")
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_membership_reminder_sent_party_id_party"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["membership_reminder_rule.id"],
            name=op.f("fk_membership_reminder_sent_rule_id_membership_reminder_rule"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership_reminder_sent")),
        sa.UniqueConstraint(
            "rule_id", "party_id", "period_end", name=op.f("uq_membership_reminder_sent_rule_id_party_id_period_end")
        ),
    )
    with op.batch_alter_table("membership_reminder_sent", schema=None) as batch_op:
        batch_op.create_index("ix_membership_reminder_sent_created_at", ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_membership_reminder_sent_party_id"), ["party_id"], unique=False)

    op.create_table(
        "membership_subscription",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("type_id", sa.Uuid(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("payment_method", sa.String(length=20), nullable=False),
        sa.Column("receipt_year", sa.Integer(), nullable=True),
        sa.Column("receipt_seq", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=250), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_membership_subscription_amount")),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_membership_subscription_period")),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_membership_subscription_party_id_party"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["type_id"],
            ["membership_type.id"],
            name=op.f("fk_membership_subscription_type_id_membership_type"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership_subscription")),
        sa.UniqueConstraint(
            "receipt_year", "receipt_seq", name=op.f("uq_membership_subscription_receipt_year_receipt_seq")
        ),
    )
    with op.batch_alter_table("membership_subscription", schema=None) as batch_op:
        batch_op.create_index(
            "ix_membership_subscription_party_id_period_end", ["party_id", "period_end"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_membership_subscription_type_id"), ["type_id"], unique=False)

    op.create_table(
        "news_attachment",
        sa.Column("news_id", sa.Uuid(), nullable=False),
        sa.Column("content_type", sa.String(length=120), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["news_id"], ["news_item.id"], name=op.f("fk_news_attachment_news_id_news_item"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("news_id", name=op.f("pk_news_attachment")),
    )
    op.create_table(
        "news_read",
        sa.Column("news_id", sa.Uuid(), nullable=False),
        sa.Column("reader", sa.String(length=120), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["news_id"], ["news_item.id"], name=op.f("fk_news_read_news_id_news_item"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("news_id", "reader", name=op.f("pk_news_read")),
    )
    with op.batch_alter_table("news_read", schema=None) as batch_op:
        batch_op.create_index("ix_news_read_reader_news_id", ["reader", "news_id"], unique=False)

    op.create_table(
        "news_recipient",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("news_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'no_email')", name=op.f("ck_news_recipient_status")
        ),
        sa.ForeignKeyConstraint(
            ["news_id"], ["news_item.id"], name=op.f("fk_news_recipient_news_id_news_item"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_news_recipient_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_recipient")),
        sa.UniqueConstraint("news_id", "party_id", name=op.f("uq_news_recipient_news_id_party_id")),
    )
    with op.batch_alter_table("news_recipient", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_news_recipient_party_id"), ["party_id"], unique=False)

    _team_security()


def _team_security() -> None:
    """Rights and row-level security on a team database (no-ops on SQLite and plain databases).

    Rows about a person follow the person's visibility (a subscription, a reminder, an
    invitation, a news recipient is seen by whoever can see that person); settings lists are
    kept by administrators; everyone, readers included, marks news as read.
    """
    for table in ("membership_type", "membership_reminder_rule"):
        grant_v1(op, table, reader="SELECT", collaborator="SELECT", administrator=ALL)
    grant_v1(op, "membership_receipt_counter", reader="", collaborator="SELECT, INSERT, UPDATE", administrator=ALL)
    for table in ("assembly", "assembly_agenda_item", "news_item", "news_attachment"):
        grant_v1(op, table, reader="SELECT", collaborator=ALL, administrator=ALL)
    for table in ("membership_subscription", "membership_reminder_sent", "assembly_invitation", "news_recipient"):
        grant_v1(op, table, reader="SELECT", collaborator=ALL, administrator=ALL)
        install_child_security_v1(op, table, parent_table="party", parent_column="party_id")
    grant_v1(op, "news_read", reader="SELECT, INSERT", collaborator="SELECT, INSERT", administrator=ALL)


def downgrade() -> None:
    with op.batch_alter_table("news_recipient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_news_recipient_party_id"))

    op.drop_table("news_recipient")
    with op.batch_alter_table("news_read", schema=None) as batch_op:
        batch_op.drop_index("ix_news_read_reader_news_id")

    op.drop_table("news_read")
    op.drop_table("news_attachment")
    with op.batch_alter_table("membership_subscription", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_membership_subscription_type_id"))
        batch_op.drop_index("ix_membership_subscription_party_id_period_end")

    op.drop_table("membership_subscription")
    with op.batch_alter_table("membership_reminder_sent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_membership_reminder_sent_party_id"))
        batch_op.drop_index("ix_membership_reminder_sent_created_at")

    op.drop_table("membership_reminder_sent")
    with op.batch_alter_table("assembly_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assembly_invitation_party_id"))
        batch_op.drop_index("ix_assembly_invitation_assembly_id_sort_name_id")
        batch_op.drop_index("ix_assembly_invitation_assembly_id_proxy_holder_id")

    op.drop_table("assembly_invitation")
    with op.batch_alter_table("assembly_agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assembly_agenda_item_assembly_id"))

    op.drop_table("assembly_agenda_item")
    with op.batch_alter_table("news_item", schema=None) as batch_op:
        batch_op.drop_index("ix_news_item_published_at_id")

    op.drop_table("news_item")
    op.drop_table("membership_type")
    op.drop_table("membership_reminder_rule")
    op.drop_table("membership_receipt_counter")
    with op.batch_alter_table("assembly", schema=None) as batch_op:
        batch_op.drop_index("ix_assembly_starts_at_id")

    op.drop_table("assembly")
