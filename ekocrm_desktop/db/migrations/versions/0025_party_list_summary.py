"""Contacts list on PostgreSQL (issue 2): a party's tags and role spans kept on its row.

The next page of the list by name read each of its 200 rows' tags and roles through two
correlated sub-queries: some 1,200 index probes, 2 ms of the 2.6 ms the page cost the server
(the same SELECT without them: 0.6 ms). `party.list_tags` (tag names) and `party.list_roles`
(role spans: role, since, until) carry the same facts on the party row, INCLUDEd in
`ix_party_live_list`, so a page is one range of that index. Current roles are picked from the
spans on the client (they depend on the day, not only on the rows).

PostgreSQL only: SQLite reads its covering index and sub-queries within the target, and its
bulk import would pay for row triggers. The columns live outside the ORM metadata (like
`search_tsv`): no model writes them.

The database keeps them up to date, so no writer has to remember it (services, merge,
erasure, imports, raw SQL): statement triggers with transition tables on `party_tag`,
`party_role` and `tag` (a rename) rewrite the summaries of the parties concerned through
one SECURITY DEFINER function, so a summary is whole even when its writer could not see
every row. The function locks the parties before it reads their rows: of two transactions
tagging one party at the same time, the second to take the lock reads the first's committed
tag (each statement of a PL/pgSQL function takes a new snapshot under READ COMMITTED).
Party history ignores the two columns (they are derived, like `sort_name`). The bulk loader
writes the summaries of the parties it loads with their rows and sets `ekocrm.list_summaries`
to 'written' around their child rows, which the triggers then leave alone (a load rewrote
every party it had just written). Anyone who may update a party could write its summaries
anyway: they are what the list shows, not a permission.

Revision ID: 0025
Revises: 0021
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ekocrm_desktop.db.migrations.helpers import PARTY_LIST_COLUMNS_V1
from ekocrm_desktop.db.migrations.security import (
    BOOKKEEPING,
    PARTY_DERIVED_V1,
    drop_history_v1,
    install_history_v1,
    is_postgres,
)

revision: str = "0025"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SUMMARY = ("list_tags", "list_roles")

#: The summaries of the parties whose ids `__IDS__` (a uuid[] expression) gives. Separators
#: are the list's (U+001F between items, U+001E between a span's fields); dates are ISO
#: whatever the session's DateStyle, so the client compares them as text.
_REFRESH = """UPDATE party p
      SET list_tags = s.tags, list_roles = s.roles
     FROM (SELECT x.id,
                  (SELECT string_agg(t.name, E'\\x1f' ORDER BY t.name)
                     FROM party_tag pt JOIN tag t ON t.id = pt.tag_id
                    WHERE pt.party_id = x.id) AS tags,
                  (SELECT string_agg(r.role || E'\\x1e' || coalesce(to_char(r.since, 'YYYY-MM-DD'), '')
                                     || E'\\x1e' || coalesce(to_char(r.until, 'YYYY-MM-DD'), ''),
                                     E'\\x1f' ORDER BY r.role, r.since)
                     FROM party_role r
                    WHERE r.party_id = x.id) AS roles
             FROM unnest(__IDS__) AS x(id)) s
    WHERE p.id = s.id
      AND (p.list_tags IS DISTINCT FROM s.tags OR p.list_roles IS DISTINCT FROM s.roles)"""

_FUNCTION = """CREATE FUNCTION ekocrm_party_list_track() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
    DECLARE
      v_ids uuid[];
    BEGIN
      -- The bulk loader writes the summaries of the parties it loads with their rows.
      IF current_setting('ekocrm.list_summaries', true) = 'written' THEN
        RETURN NULL;
      END IF;
      IF TG_TABLE_NAME = 'tag' THEN
        SELECT array_agg(DISTINCT pt.party_id) INTO v_ids
          FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN party_tag pt ON pt.tag_id = n.id
         WHERE o.name IS DISTINCT FROM n.name;
      ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT party_id) INTO v_ids FROM new_rows;
      ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT party_id) INTO v_ids FROM old_rows;
      ELSE
        SELECT array_agg(DISTINCT party_id) INTO v_ids
          FROM (SELECT party_id FROM old_rows UNION SELECT party_id FROM new_rows) s;
      END IF;
      IF v_ids IS NULL THEN
        RETURN NULL;
      END IF;
      -- Lock first, read after: the UPDATE below then runs on a snapshot taken once every
      -- earlier writer of these parties has committed.
      PERFORM 1 FROM party WHERE id = ANY (v_ids) ORDER BY id FOR NO KEY UPDATE;
      __REFRESH__;
      RETURN NULL;
    END $$"""

_TRIGGERS = (
    ("party_tag", "ins", "INSERT", "NEW TABLE AS new_rows"),
    ("party_tag", "upd", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ("party_tag", "del", "DELETE", "OLD TABLE AS old_rows"),
    ("party_role", "ins", "INSERT", "NEW TABLE AS new_rows"),
    ("party_role", "upd", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ("party_role", "del", "DELETE", "OLD TABLE AS old_rows"),
    ("tag", "upd", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
)


def _list_index(include: tuple[str, ...]) -> None:
    op.execute("DROP INDEX IF EXISTS ix_party_live_list")
    op.create_index(
        "ix_party_live_list",
        "party",
        ["sort_name", "id"],
        postgresql_include=[*PARTY_LIST_COLUMNS_V1, "search_tsv", *include],
        postgresql_where=sa.column("deleted_at").is_(None),
    )


def upgrade() -> None:
    if not is_postgres(op):
        return
    op.execute("ALTER TABLE party ADD COLUMN list_tags text, ADD COLUMN list_roles text")
    # The first fill, with the triggers not yet in place (party history ignores nothing new yet:
    # drop it for the fill, so a million parties do not each leave a history row).
    drop_history_v1(op, "party")
    op.execute("DROP INDEX IF EXISTS ix_party_live_list")
    op.execute(
        _REFRESH.replace(
            "__IDS__",
            "ARRAY(SELECT party_id FROM party_tag UNION SELECT party_id FROM party_role)",
        )
    )
    # The fill wrote a new version of most parties: the table and its indexes doubled, and a
    # search's "any fifty matches" read through a doubled table cost the planner too much, so it
    # took the text index's bitmap of every match instead (first hits p95 9 -> 13 ms on a
    # million). CLUSTER rewrites them compact, in creation order (minutes on a million, once).
    op.execute("CLUSTER party USING pk_party")
    install_history_v1(op, "party", root_table="party", ignore=(*BOOKKEEPING, *PARTY_DERIVED_V1, *_SUMMARY))
    schema = op.get_bind().execute(sa.text("SELECT current_schema()")).scalar_one()
    path = 'SET search_path = "' + str(schema).replace('"', '""') + '", pg_catalog, pg_temp'
    op.execute(_FUNCTION.replace("__PATH__", path).replace("__REFRESH__", _REFRESH.replace("__IDS__", "v_ids")))
    # Only the triggers call it (as the owner); nobody needs to.
    op.execute("REVOKE ALL ON FUNCTION ekocrm_party_list_track() FROM PUBLIC")
    for table, suffix, event, transition in _TRIGGERS:
        op.execute(
            f"CREATE TRIGGER party_list_{suffix} AFTER {event} ON {table} REFERENCING {transition} "
            "FOR EACH STATEMENT EXECUTE FUNCTION ekocrm_party_list_track()"
        )
    _list_index(_SUMMARY)
    op.execute("ANALYZE party")


def downgrade() -> None:
    if not is_postgres(op):
        return
    for table, suffix, _event, _transition in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS party_list_{suffix} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS ekocrm_party_list_track()")
    _list_index(())
    drop_history_v1(op, "party")
    install_history_v1(op, "party", root_table="party", ignore=(*BOOKKEEPING, *PARTY_DERIVED_V1))
    op.execute("ALTER TABLE party DROP COLUMN list_tags, DROP COLUMN list_roles")
