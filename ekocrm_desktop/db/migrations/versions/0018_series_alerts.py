"""Alerts on recurring appointments (issue 5): each occurrence fires once.

`alert` learns which occurrence of its series it is about and how many times that occurrence
was shown; the fired-alerts ledger records both, under a unique index, so two machines of the
same person show each occurrence once. Only ADD COLUMN and CREATE INDEX: no table rebuild on
either engine, so row-level security, history triggers and grants stay as revision 0010 made
them. The lead re-chains this revision at merge.

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-06 12:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occurrence_start", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("occurrence_round", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("alert_delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occurrence_start", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("occurrence_round", sa.Integer(), nullable=True))
        batch_op.create_index(
            "uq_alert_delivery_series",
            ["alert_id", "occurrence_start", "occurrence_round", "recipient_key"],
            unique=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("alert_delivery", schema=None) as batch_op:
        batch_op.drop_index("uq_alert_delivery_series")
        batch_op.drop_column("occurrence_round")
        batch_op.drop_column("occurrence_start")
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_column("occurrence_round")
        batch_op.drop_column("occurrence_start")
