"""Frozen DDL shared by several revisions (the SQLite search index), so each can rebuild it.

A revision that recreates the `party` table in batch mode loses the triggers attached to it:
such a revision calls `create_party_fts_triggers` afterwards. Never change what an applied
revision relies on here: add a new function instead.
"""

from __future__ import annotations

from typing import Any

# External-content FTS5 index over party.search_doc, keyed by party.search_key (not the
# implicit rowid, which VACUUM may renumber). The words are already folded by the service.
PARTY_FTS_TABLE = (
    "CREATE VIRTUAL TABLE party_fts USING fts5(search_doc, content='party', "
    "content_rowid='search_key', tokenize='unicode61 remove_diacritics 2')"
)
PARTY_FTS_TRIGGERS = (
    "CREATE TRIGGER party_fts_ai AFTER INSERT ON party WHEN new.search_key IS NOT NULL BEGIN "
    "INSERT INTO party_fts(rowid, search_doc) VALUES (new.search_key, new.search_doc); END",
    "CREATE TRIGGER party_fts_ad AFTER DELETE ON party WHEN old.search_key IS NOT NULL BEGIN "
    "INSERT INTO party_fts(party_fts, rowid, search_doc) "
    "VALUES ('delete', old.search_key, old.search_doc); END",
    "CREATE TRIGGER party_fts_au AFTER UPDATE OF search_doc, search_key ON party BEGIN "
    "INSERT INTO party_fts(party_fts, rowid, search_doc) "
    "SELECT 'delete', old.search_key, old.search_doc WHERE old.search_key IS NOT NULL; "
    "INSERT INTO party_fts(rowid, search_doc) "
    "SELECT new.search_key, new.search_doc WHERE new.search_key IS NOT NULL; END",
)
PARTY_FTS_TRIGGER_NAMES = ("party_fts_ai", "party_fts_ad", "party_fts_au")


def create_party_fts(op: Any) -> None:
    """Create the FTS5 table and its triggers (SQLite only)."""
    op.execute(PARTY_FTS_TABLE)
    create_party_fts_triggers(op)


def create_party_fts_triggers(op: Any) -> None:
    """(Re)create the triggers that keep party_fts in step with party, and rebuild the index."""
    for name in PARTY_FTS_TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in PARTY_FTS_TRIGGERS:
        op.execute(statement)
    # The table may have been copied while the triggers were gone: re-read it all.
    op.execute("INSERT INTO party_fts(party_fts) VALUES ('rebuild')")


def drop_party_fts(op: Any) -> None:
    """Drop the FTS5 table and its triggers."""
    for name in PARTY_FTS_TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS party_fts")


# Revision 0002b: the index holds live parties only (the trash is searched without it), and
# keeps 2- and 3-letter prefix indexes so that the first letters typed answer at once.
PARTY_LIVE_VIEW = "CREATE VIEW party_live_search AS SELECT search_key, search_doc FROM party WHERE deleted_at IS NULL"
PARTY_FTS_TABLE_V2 = (
    "CREATE VIRTUAL TABLE party_fts USING fts5(search_doc, content='party_live_search', "
    "content_rowid='search_key', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
)
PARTY_FTS_TRIGGERS_V2 = (
    "CREATE TRIGGER party_fts_ai AFTER INSERT ON party "
    "WHEN new.search_key IS NOT NULL AND new.deleted_at IS NULL BEGIN "
    "INSERT INTO party_fts(rowid, search_doc) VALUES (new.search_key, new.search_doc); END",
    "CREATE TRIGGER party_fts_ad AFTER DELETE ON party "
    "WHEN old.search_key IS NOT NULL AND old.deleted_at IS NULL BEGIN "
    "INSERT INTO party_fts(party_fts, rowid, search_doc) "
    "VALUES ('delete', old.search_key, old.search_doc); END",
    "CREATE TRIGGER party_fts_au AFTER UPDATE OF search_doc, search_key, deleted_at ON party BEGIN "
    "INSERT INTO party_fts(party_fts, rowid, search_doc) "
    "SELECT 'delete', old.search_key, old.search_doc WHERE old.search_key IS NOT NULL AND old.deleted_at IS NULL; "
    "INSERT INTO party_fts(rowid, search_doc) "
    "SELECT new.search_key, new.search_doc WHERE new.search_key IS NOT NULL AND new.deleted_at IS NULL; END",
)


def create_party_fts_v2(op: Any) -> None:
    """The live-only, prefix-indexed FTS table (revision 0002b and later)."""
    op.execute(PARTY_LIVE_VIEW)
    op.execute(PARTY_FTS_TABLE_V2)
    create_party_fts_triggers_v2(op)


def create_party_fts_triggers_v2(op: Any) -> None:
    """(Re)create the v2 triggers and rebuild the index from the live parties.

    Call it after any batch operation that recreates `party` (triggers die with their table).
    """
    for name in PARTY_FTS_TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in PARTY_FTS_TRIGGERS_V2:
        op.execute(statement)
    op.execute("INSERT INTO party_fts(party_fts) VALUES ('rebuild')")


def drop_party_fts_v2(op: Any) -> None:
    """Drop the v2 FTS table, its view and its triggers."""
    drop_party_fts(op)
    op.execute("DROP VIEW IF EXISTS party_live_search")


#: What a contacts-list row shows beside its name, after (sort_name, id) in `ix_party_live_list`
#: (revision 0022; 0025 INCLUDEs the list summaries too on PostgreSQL).
PARTY_LIST_COLUMNS_V1 = (
    "kind",
    "display_name",
    "organisation_name",
    "primary_email",
    "primary_phone",
    "city",
    "postcode",
    "updated_at",
    "deleted_at",
)

#: PostgreSQL's stored `party.search_tsv` (revision 0002b): `search_doc` through the text-search parser.
SEARCH_VECTOR_V1 = "to_tsvector('simple'::regconfig, search_doc)"
#: The same words taken as they are (revision 0026): `search_doc` is already a list of folded
#: [0-9a-z]+ words, so parsing it again only cost time (a sixth of a million-contact COPY into
#: party) and split the words it took for numbers ("12e4x" as "12e4" and "x"). No positions:
#: nothing ranks or searches phrases.
SEARCH_VECTOR_V2 = "array_to_tsvector(array_remove(string_to_array(search_doc, ' '), ''))"
#: The longest word a tsvector holds, in bytes (PostgreSQL's parser skips longer ones; the
#: array form refuses them).
LONGEST_SEARCH_WORD = 2047
