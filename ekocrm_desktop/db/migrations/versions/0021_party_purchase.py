"""Which article categories each party bought (issue 3's segment benchmark): `party_purchase`.

"Clients who already bought an article of category 'Formation'" went from the category's
articles to their lines, to the won deals, to their clients and contacts: on 200,000 deals that
read some 100,000 lines and deals for every count (0.9 s on SQLite, 0.4 s on PostgreSQL). The
table holds the answer, one row per live won deal, party (client or contact) and lowered
category, and the segment reads it from the (category, party_id) index.

The database keeps it up to date, so no writer has to remember it (services, merge, erasure,
imports, raw SQL): triggers on `deal` (status, trash, client), `deal_line` (article, deal),
`deal_contact` and `article` (category) rewrite the rows of the deals concerned.
- SQLite: row triggers. A later batch migration that recreates one of these four tables must
  create its triggers again (`create_sqlite_triggers_v1` below).
- PostgreSQL: statement triggers with transition tables (one call per statement, which
  rewrites each deal concerned reading it, its lines and contacts by key), through one
  SECURITY DEFINER function, so a deal's rows are rewritten whole even when its writer could
  not see every line or contact. Row-level security: a row is visible
  only with its deal (the child policy), so nobody learns through a segment that a party
  bought something in a deal they cannot see. Everyone reads; only the triggers write.

Revision ID: 0021
Revises: 0023
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ekocrm_desktop.db.migrations.security import drop_policies_v1, grant_v1, install_child_security_v1, is_postgres

revision: str = "0021"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The rows of the deals that `__DEALS__` (a condition on `d.id`) selects, for their client and
#: for their contacts (the migration's first fill, and SQLite's triggers).
_FILL = (
    """INSERT __OR_IGNORE__ INTO party_purchase (deal_id, party_id, category)
    SELECT DISTINCT d.id, d.party_id, lower(a.category)
    FROM deal d JOIN deal_line l ON l.deal_id = d.id JOIN article a ON a.id = l.article_id
    WHERE __DEALS__ AND d.status = 'won' AND d.deleted_at IS NULL AND d.party_id IS NOT NULL
      AND a.category <> '' __ON_CONFLICT__""",
    """INSERT __OR_IGNORE__ INTO party_purchase (deal_id, party_id, category)
    SELECT DISTINCT d.id, c.party_id, lower(a.category)
    FROM deal d JOIN deal_contact c ON c.deal_id = d.id
      JOIN deal_line l ON l.deal_id = d.id JOIN article a ON a.id = l.article_id
    WHERE __DEALS__ AND d.status = 'won' AND d.deleted_at IS NULL
      AND a.category <> '' __ON_CONFLICT__""",
)


def _fill(deals: str, *, postgres: bool) -> list[str]:
    out = []
    for statement in _FILL:
        statement = statement.replace("__DEALS__", deals)
        statement = statement.replace("__OR_IGNORE__", "" if postgres else "OR IGNORE")
        out.append(statement.replace("__ON_CONFLICT__", "ON CONFLICT DO NOTHING" if postgres else ""))
    return out


def _rewrite_sqlite(deal: str) -> str:
    """Trigger body statements rewriting the rows of one deal (`deal`: NEW.x or OLD.x)."""
    # Fixed text of this module (no input reaches it).
    delete = f"DELETE FROM party_purchase WHERE deal_id = {deal}"  # noqa: S608
    statements = [delete, *_fill(f"d.id = {deal}", postgres=False)]
    return "; ".join(statements) + ";"


#: SQLite triggers: name → (event and table, WHEN condition or "", body).
_WON_CHANGE = (
    "(OLD.status = 'won' OR NEW.status = 'won') AND (OLD.status IS NOT NEW.status "
    "OR OLD.deleted_at IS NOT NEW.deleted_at OR OLD.party_id IS NOT NEW.party_id)"
)
_ARTICLE_DEALS = "(SELECT deal_id FROM deal_line WHERE article_id = NEW.id)"
SQLITE_TRIGGERS = {
    "trg_party_purchase_deal_ins": ("AFTER INSERT ON deal", "NEW.status = 'won'", _rewrite_sqlite("NEW.id")),
    "trg_party_purchase_deal_upd": (
        "AFTER UPDATE OF status, deleted_at, party_id ON deal",
        _WON_CHANGE,
        _rewrite_sqlite("NEW.id"),
    ),
    "trg_party_purchase_deal_del": ("AFTER DELETE ON deal", "", "DELETE FROM party_purchase WHERE deal_id = OLD.id;"),
    "trg_party_purchase_line_ins": ("AFTER INSERT ON deal_line", "", _rewrite_sqlite("NEW.deal_id")),
    "trg_party_purchase_line_del": ("AFTER DELETE ON deal_line", "", _rewrite_sqlite("OLD.deal_id")),
    "trg_party_purchase_line_upd": (
        "AFTER UPDATE OF article_id, deal_id ON deal_line",
        "OLD.article_id IS NOT NEW.article_id OR OLD.deal_id IS NOT NEW.deal_id",
        _rewrite_sqlite("OLD.deal_id") + " " + _rewrite_sqlite("NEW.deal_id"),
    ),
    "trg_party_purchase_contact_ins": ("AFTER INSERT ON deal_contact", "", _rewrite_sqlite("NEW.deal_id")),
    "trg_party_purchase_contact_del": ("AFTER DELETE ON deal_contact", "", _rewrite_sqlite("OLD.deal_id")),
    "trg_party_purchase_contact_upd": (
        "AFTER UPDATE OF party_id, deal_id ON deal_contact",
        "OLD.party_id IS NOT NEW.party_id OR OLD.deal_id IS NOT NEW.deal_id",
        _rewrite_sqlite("OLD.deal_id") + " " + _rewrite_sqlite("NEW.deal_id"),
    ),
    "trg_party_purchase_article_upd": (
        "AFTER UPDATE OF category ON article",
        "lower(OLD.category) IS NOT lower(NEW.category)",
        f"DELETE FROM party_purchase WHERE deal_id IN {_ARTICLE_DEALS}; "  # noqa: S608
        + "; ".join(_fill(f"d.id IN {_ARTICLE_DEALS}", postgres=False))
        + ";",
    ),
}


def create_sqlite_triggers_v1() -> None:
    """The SQLite triggers (also for a batch migration that recreated deal, deal_line, deal_contact or article)."""
    for name, (event, when, body) in SQLITE_TRIGGERS.items():
        condition = f" WHEN {when}" if when else ""
        op.execute(f"CREATE TRIGGER {name} {event} FOR EACH ROW{condition} BEGIN {body} END")


#: PostgreSQL: one statement-trigger function for the four tables; it finds the deals concerned
#: in the transition tables and rewrites their rows.
_PG_FUNCTION = """CREATE FUNCTION ekocrm_party_purchase_track() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
    DECLARE
      v_deals uuid[];
      v_deal uuid;
      v_status text;
      v_deleted timestamptz;
      v_client uuid;
    BEGIN
      IF TG_TABLE_NAME = 'deal' THEN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(n.id) INTO v_deals FROM new_rows n WHERE n.status = 'won';
        ELSE
          SELECT array_agg(n.id) INTO v_deals FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (o.status = 'won' OR n.status = 'won')
             AND (o.status IS DISTINCT FROM n.status OR o.deleted_at IS DISTINCT FROM n.deleted_at
                  OR o.party_id IS DISTINCT FROM n.party_id);
        END IF;
      ELSIF TG_TABLE_NAME = 'article' THEN
        SELECT array_agg(DISTINCT l.deal_id) INTO v_deals
          FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN deal_line l ON l.article_id = n.id
         WHERE lower(o.category) IS DISTINCT FROM lower(n.category);
      ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT n.deal_id) INTO v_deals FROM new_rows n;
      ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT o.deal_id) INTO v_deals FROM old_rows o;
      ELSE
        SELECT array_agg(DISTINCT x.deal_id) INTO v_deals
          FROM (SELECT deal_id FROM new_rows UNION SELECT deal_id FROM old_rows) x;
      END IF;
      IF v_deals IS NULL THEN
        RETURN NULL;
      END IF;
      -- Deal by deal, each table read by its own key only: with several tables in one
      -- statement the planner chose by the statistics, which a bulk load leaves behind ("no
      -- won deal"), and read every won deal for each deal written (quadratic).
      FOREACH v_deal IN ARRAY v_deals LOOP
        DELETE FROM party_purchase WHERE deal_id = v_deal;
        SELECT d.status, d.deleted_at, d.party_id INTO v_status, v_deleted, v_client FROM deal d WHERE d.id = v_deal;
        CONTINUE WHEN NOT FOUND OR v_status <> 'won' OR v_deleted IS NOT NULL;
        INSERT INTO party_purchase (deal_id, party_id, category)
          SELECT DISTINCT v_deal, p.party_id, lower(a.category)
            FROM (SELECT v_client AS party_id WHERE v_client IS NOT NULL
                  UNION SELECT c.party_id FROM deal_contact c WHERE c.deal_id = v_deal) p,
                 deal_line l JOIN article a ON a.id = l.article_id
           WHERE l.deal_id = v_deal AND a.category <> ''
          ON CONFLICT DO NOTHING;
      END LOOP;
      RETURN NULL;
    END $$"""
_PG_TABLES = ("deal", "deal_line", "deal_contact", "article")


def _create_postgres() -> None:
    schema = op.get_bind().execute(sa.text("SELECT current_schema()")).scalar_one()
    path = 'SET search_path = "' + str(schema).replace('"', '""') + '", pg_catalog, pg_temp'
    op.execute(_PG_FUNCTION.replace("__PATH__", path))
    # Only the triggers call it (as the owner); nobody needs to.
    op.execute("REVOKE ALL ON FUNCTION ekocrm_party_purchase_track() FROM PUBLIC")
    for table in _PG_TABLES:
        if table != "article":
            op.execute(
                f"CREATE TRIGGER party_purchase_ins AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
                "FOR EACH STATEMENT EXECUTE FUNCTION ekocrm_party_purchase_track()"
            )
        op.execute(
            f"CREATE TRIGGER party_purchase_upd AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows "
            "NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ekocrm_party_purchase_track()"
        )
        if table in ("deal_line", "deal_contact"):
            # A deal's own removal cascades to its rows here (foreign key).
            op.execute(
                f"CREATE TRIGGER party_purchase_del AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
                "FOR EACH STATEMENT EXECUTE FUNCTION ekocrm_party_purchase_track()"
            )


def upgrade() -> None:
    op.create_table(
        "party_purchase",
        sa.Column("deal_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_party_purchase_deal_id_deal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("deal_id", "party_id", "category", name=op.f("pk_party_purchase")),
    )
    op.create_index("ix_party_purchase_category_party_id", "party_purchase", ["category", "party_id"])
    postgres = is_postgres(op)
    for statement in _fill("1 = 1", postgres=postgres):
        op.execute(statement)
    if postgres:
        _create_postgres()
        install_child_security_v1(op, "party_purchase", parent_table="deal", parent_column="deal_id")
        grant_v1(op, "party_purchase", reader="SELECT", collaborator="SELECT", administrator="SELECT")
        op.execute("ANALYZE party_purchase")
    else:
        create_sqlite_triggers_v1()


def downgrade() -> None:
    if is_postgres(op):
        for table in _PG_TABLES:
            for suffix in ("ins", "upd", "del"):
                op.execute(f"DROP TRIGGER IF EXISTS party_purchase_{suffix} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS ekocrm_party_purchase_track()")
        drop_policies_v1(op, "party_purchase")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_party_purchase_category_party_id", table_name="party_purchase")
    op.drop_table("party_purchase")
