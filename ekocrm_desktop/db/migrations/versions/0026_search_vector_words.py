"""Search on PostgreSQL (issue 8's import): the stored `search_tsv` holds `search_doc`'s words as
they are (`SEARCH_VECTOR_V2`) instead of parsing them again, and the searches take the typed
words as lexemes (`::tsquery`) instead of parsing them with to_tsquery.

`search_doc` is written by the app as folded [0-9a-z]+ words separated by spaces. The parser
found the same words, except that it read some as numbers and split them ("12e4x": "12e4" and
"x", which SQLite's index and the typed query did not), and it cost a sixth of the server's time
in a million-contact import. The vector has no positions any more: nothing ranks or searches
phrases. Party history stops recording the vector, derived from `search_doc` like the other
derived columns it ignores.

PostgreSQL only (SQLite only records the revision). The column is dropped and added again,
which rewrites `party` (compact, like 0025's CLUSTER) and drops the two indexes holding it: they
are created again as 0002b and 0025 defined them. A word longer than a tsvector holds (which
the parser skipped with a notice, and which the app no longer writes) is taken out of
`search_doc` first: the array form would refuse it.

Revision ID: 0026
Revises: 0024
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ekocrm_desktop.db.migrations.helpers import (
    LONGEST_SEARCH_WORD,
    PARTY_LIST_COLUMNS_V1,
    SEARCH_VECTOR_V1,
    SEARCH_VECTOR_V2,
)
from ekocrm_desktop.db.migrations.security import (
    BOOKKEEPING,
    PARTY_DERIVED_V1,
    drop_history_v1,
    install_history_v1,
    is_postgres,
    replace_search_functions_v3,
)

revision: str = "0026"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: What 0025's party history ignores.
_IGNORED_V0025 = (*BOOKKEEPING, *PARTY_DERIVED_V1, "list_tags", "list_roles")

#: `search_doc` without its words longer than `__LONGEST__` bytes, where it has any.
_WITHOUT_LONG_WORDS = """UPDATE party SET search_doc = array_to_string(ARRAY(
      SELECT w FROM unnest(string_to_array(search_doc, ' ')) WITH ORDINALITY AS u(w, n)
       WHERE octet_length(w) <= __LONGEST__ ORDER BY n), ' ')
  WHERE octet_length(search_doc) > __LONGEST__
    AND EXISTS (SELECT 1 FROM unnest(string_to_array(search_doc, ' ')) w WHERE octet_length(w) > __LONGEST__)"""


def _search_vector(expression: str) -> None:
    op.execute("ALTER TABLE party DROP COLUMN search_tsv")  # and the two indexes that hold it
    op.execute(f"ALTER TABLE party ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS ({expression}) STORED")
    op.execute("CREATE INDEX ix_party_search_tsv ON party USING gin (search_tsv) WHERE deleted_at IS NULL")
    op.create_index(
        "ix_party_live_list",
        "party",
        ["sort_name", "id"],
        postgresql_include=[*PARTY_LIST_COLUMNS_V1, "search_tsv", "list_tags", "list_roles"],
        postgresql_where=sa.column("deleted_at").is_(None),
    )
    op.execute("ANALYZE party")


def upgrade() -> None:
    if not is_postgres(op):
        return
    # Installed again at the end, ignoring the vector; the clean-up below is no one's change.
    drop_history_v1(op, "party")
    op.execute(_WITHOUT_LONG_WORDS.replace("__LONGEST__", str(LONGEST_SEARCH_WORD)))
    _search_vector(SEARCH_VECTOR_V2)
    replace_search_functions_v3(op, lexemes=True)
    install_history_v1(op, "party", root_table="party", ignore=(*_IGNORED_V0025, "search_tsv"))


def downgrade() -> None:
    if not is_postgres(op):
        return
    drop_history_v1(op, "party")
    install_history_v1(op, "party", root_table="party", ignore=_IGNORED_V0025)
    replace_search_functions_v3(op, lexemes=False)
    _search_vector(SEARCH_VECTOR_V1)
