"""Indexes for segments on a million parties (issue 3 benchmarks): each condition's set is read
from an index that holds every column it tests, from its selective side.

- `party_role (role, category, party_id, since, until)`: "current prospect of category PME" is
  one index range, with no look-up of the 150,000 prospect rows to test dates and category.
- `deal_line (article_id, deal_id)`: the lines of the few articles of a category, without
  reading the lines.
- `deal (status, party_id, id, deleted_at)`: the won deals' clients, without reading the deals
  (not a partial index: SQLite reads a partial index alone only when it holds the columns of
  its WHERE too).
- PostgreSQL: statistics on `lower(article.category)`, the expression segments compare: without
  them the planner guessed one "formation" article in 50 instead of 13, then walked the deals
  one by one instead of hashing them (1.0 s instead of 0.3 s).

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_party_role_role_category_cover", "party_role", ["role", "category", "party_id", "since", "until"]
    )
    op.create_index("ix_deal_line_article_id_deal_id", "deal_line", ["article_id", "deal_id"])
    op.create_index("ix_deal_status_party_id_cover", "deal", ["status", "party_id", "id", "deleted_at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE STATISTICS st_article_lower_category ON (lower(category)) FROM article")
        op.execute("ANALYZE article")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP STATISTICS IF EXISTS st_article_lower_category")
    op.drop_index("ix_deal_status_party_id_cover", table_name="deal")
    op.drop_index("ix_deal_line_article_id_deal_id", table_name="deal_line")
    op.drop_index("ix_party_role_role_category_cover", table_name="party_role")
