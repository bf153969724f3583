"""A big PostgreSQL load into an empty workspace (`bulk._EmptyWorkspaceLoad`).

The load takes its tables for itself, drops their foreign keys and costliest indexes, and
rebuilds and checks them once at the end. What must hold: other sessions wait (they never
read a half-loaded table), the schema comes back exactly, a row breaking a key rolls the whole
load back with the schema intact, and the load goes the ordinary way wherever it cannot have
the workspace to itself (contacts stored, tables busy, a login that does not own them).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Connection, create_engine, event, text
from sqlalchemy.exc import IntegrityError, OperationalError

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.services import bulk, importing
from ekocrm_desktop.services.bulk import REBUILT_INDEXES, Loadable, TableRows, bulk_insert_parties
from ekocrm_desktop.services.contacts import ContactService, PartyDraft
from ekocrm_desktop.services.importing import ImportOptions, ImportService, suggest_mapping
from ekocrm_desktop.services.tabular import SourceFile
from tests.integration.test_bulk_postgres import _load
from tests.integration.test_import_plain_rows import MIXED, MIXED_ROWS, _outcomes, _snapshot
from tests.integration.test_list_summaries import stale_summaries

pytestmark = pytest.mark.postgres

EXTERNAL_COLUMNS = importing._EXTERNAL_ID_COLUMNS


def _schema(conn: Connection) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    """Every index and foreign key of the schema, with its definition and whether it was checked,
    every trigger with whether it is enabled, and every column's default."""
    indexes = conn.execute(
        text("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 2")
    ).all()
    keys = conn.execute(
        text(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint "
            "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 2"
        )
    ).all()
    triggers = conn.execute(
        text(
            "SELECT tgrelid::regclass::text AS tab, tgname, tgenabled FROM pg_trigger "
            "WHERE NOT tgisinternal ORDER BY tab, tgname"
        )
    ).all()
    defaults = conn.execute(
        text(
            "SELECT table_name, column_name, column_default FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY 1, 2"
        )
    ).all()
    return (
        [tuple(r) for r in indexes],
        [tuple(r) for r in keys],
        [tuple(r) for r in triggers],
        [tuple(r) for r in defaults],
    )


def _history_since(db: Database, last_id: int) -> list[tuple[Any, ...]]:
    """What the history recorded after row `last_id`: how many rows per table, root and operation."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT table_name, root_table, operation, changes IS NULL, count(*) FROM record_history "
                "WHERE id > :last GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
            ),
            {"last": last_id},
        ).all()
    return [tuple(r) for r in rows]


def _last_history_id(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT coalesce(max(id), 0) FROM record_history")).scalar_one())


def _schema_of(db: Database) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    with db.engine.connect() as conn:
        return _schema(conn)


def _count(db: Database, table: str) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


@pytest.fixture
def other(pg_db: Database) -> Iterator[Callable[[], Connection]]:
    """Connections of another session (another desktop), which wait at most 300 ms for a lock."""
    engine = create_engine(pg_db.engine.url, connect_args={"options": "-c lock_timeout=300"})
    yield engine.connect
    engine.dispose()


def _lock_holders(conn: Connection) -> set[str]:
    """The lock modes other sessions hold on `party`."""
    rows = conn.execute(
        text("SELECT mode FROM pg_locks WHERE granted AND relation = 'party'::regclass AND pid <> pg_backend_pid()")
    ).all()
    return {row[0] for row in rows}


def _load_read_meanwhile(db: Database, other: Callable[[], Connection]) -> tuple[int, list[str], list[int]]:
    """Load `_load()` as a big load; returns how many were written, whether it was told it is
    alone, and how many contacts another session read after each chunk."""
    told: list[str] = []
    read: list[int] = []

    def meanwhile(chunk: list[Loadable]) -> list[TableRows]:
        with other() as conn:
            read.append(int(conn.execute(text("SELECT count(*) FROM party")).scalar_one()))
        return []

    written = bulk_insert_parties(
        db, _load(), rebuild_indexes=True, chunk_size=2, after_chunk=meanwhile, when_alone=lambda: told.append("alone")
    )
    return written, told, read


def test_an_empty_workspace_is_loaded_alone_and_gets_its_schema_back(
    pg_db: Database, other: Callable[[], Connection]
) -> None:
    before = _schema_of(pg_db)
    assert {row[1] for row in before[0]} >= REBUILT_INDEXES  # the names still exist in the schema
    # The history triggers the load turns off exist (enabled) on every table holding a party's rows.
    tracked = {table for table, name, enabled in before[2] if name == "ekocrm_track_ins" and enabled == "O"}
    assert set(bulk.PARTY_ROWS_TABLES) <= tracked
    told: list[str] = []
    seen_by_others: list[Any] = []

    def meanwhile(chunk: list[Loadable]) -> list[TableRows]:
        # Another desktop, while the load runs: it waits (here, until its lock timeout) rather
        # than read tables without their keys and indexes.
        with other() as conn:
            seen_by_others.append(_lock_holders(conn))
            with pytest.raises(OperationalError) as waited:
                conn.execute(text("SELECT count(*) FROM party_email"))
            assert isinstance(waited.value.orig, psycopg.errors.LockNotAvailable)
        return []

    parties = _load()
    written = bulk_insert_parties(
        pg_db,
        parties,
        rebuild_indexes=True,
        chunk_size=2,
        after_chunk=meanwhile,
        when_alone=lambda: told.append("alone"),
    )

    assert written == 6
    assert told == ["alone"]
    assert len(seen_by_others) == 3 and all("AccessExclusiveLock" in modes for modes in seen_by_others)
    after = _schema_of(pg_db)
    assert after == before  # the stamps' defaults of the load are gone too
    assert not [row for row in after[3] if row[1] in bulk.AUDIT and row[2] is not None]
    # The rows left their stamps and author out: every one got the load's, through the defaults.
    stamps: set[tuple[Any, ...]] = set()
    filled: set[str] = set()
    with pg_db.engine.connect() as conn:
        for table in bulk.OWN_TABLES:
            found = conn.execute(
                text(f"SELECT DISTINCT created_at, updated_at, created_by, updated_by FROM {table}")
            ).all()
            filled.update([table] if found else [])
            stamps.update(tuple(row) for row in found)
    assert filled >= {"party", "party_email", "party_role", "affiliation"}
    ((created, updated, author, editor),) = stamps
    assert created == updated and abs(created - pg_db.clock()) < dt.timedelta(minutes=1)
    assert author == editor == "tester"
    assert all(validated for *_key, validated in after[1])
    assert _count(pg_db, "party") == 6 and _count(pg_db, "party_email") == 5 and _count(pg_db, "affiliation") == 5
    assert stale_summaries(pg_db) == []
    with pg_db.engine.connect() as conn:
        # Each party has its creation in the history, and the statistics were refreshed for the planner.
        created = conn.execute(
            text("SELECT count(DISTINCT root_id) FROM record_history WHERE root_id = ANY(:ids) AND operation = 'I'"),
            {"ids": [p.id for p in parties]},
        ).scalar()
        assert created == 6
        analysed = conn.execute(
            text("SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'party_email' AND schemaname = 'public'")
        ).scalar()
        assert analysed is not None
    # The rebuilt indexes answer again: a look-up by address is found through its index.
    with pg_db.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(
            r[0] for r in conn.execute(text("EXPLAIN SELECT party_id FROM party_email WHERE address = 'h1@exemple.fr'"))
        )
        assert "ix_party_email_address" in plan


def test_a_row_breaking_a_key_rolls_the_whole_load_back_with_the_schema(pg_db: Database) -> None:
    before = _schema_of(pg_db)
    told: list[str] = []
    nobody = uuid7()

    def dangling(chunk: list[Loadable]) -> list[TableRows]:
        # An external id pointing at a party that does not exist: no key checks it during the
        # load, so the check at the end must refuse it.
        stamp = pg_db.clock()
        row = (uuid7().hex, nobody.hex, "import", "X-1", "x-1", stamp, stamp, "tester", "tester")
        return [("party_external_id", EXTERNAL_COLUMNS, [row])] if chunk[0] is parties[0] else []

    parties = _load()
    with pytest.raises(IntegrityError) as refused:
        bulk_insert_parties(
            pg_db,
            parties,
            rebuild_indexes=True,
            chunk_size=2,
            after_chunk=dangling,
            extra_tables=("party_external_id",),
            when_alone=lambda: told.append("alone"),
        )
    assert isinstance(refused.value.orig, psycopg.errors.ForeignKeyViolation)
    assert told == ["alone"]
    assert _schema_of(pg_db) == before
    assert _count(pg_db, "party") == 0 and _count(pg_db, "party_external_id") == 0 and _count(pg_db, "tag") == 0


def test_a_workspace_holding_contacts_is_loaded_the_ordinary_way(
    pg_db: Database, other: Callable[[], Connection]
) -> None:
    ContactService(pg_db).create(PartyDraft(kind="person", first_name="Déjà", last_name="Là"))
    before = _schema_of(pg_db)
    written, told, read = _load_read_meanwhile(pg_db, other)
    assert written == 6
    assert told == [] and read == [1, 1, 1]  # others go on reading what was committed
    assert _schema_of(pg_db) == before
    assert _count(pg_db, "party") == 7


def test_a_contact_saved_just_before_the_lock_sends_the_load_the_ordinary_way(
    pg_db: Database, other: Callable[[], Connection]
) -> None:
    """Someone saves a contact between the load's first look and its lock: the load lets the
    lock go again (it was taken after a savepoint) and keeps the keys and indexes."""
    before = _schema_of(pg_db)
    saved: list[str] = []

    def save_first(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("LOCK TABLE") and not saved:
            saved.append("saved")
            ContactService(pg_db).create(PartyDraft(kind="person", first_name="Juste", last_name="Avant"))

    event.listen(pg_db.engine, "before_cursor_execute", save_first)
    try:
        written, told, read = _load_read_meanwhile(pg_db, other)
    finally:
        event.remove(pg_db.engine, "before_cursor_execute", save_first)
    assert written == 6 and told == []
    assert read == [1, 1, 1]  # the tables were not held: others read all along
    assert _schema_of(pg_db) == before
    assert _count(pg_db, "party") == 7


def test_busy_tables_are_not_waited_for(
    pg_db: Database, other: Callable[[], Connection], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk._EmptyWorkspaceLoad, "LOCK_WAIT", "200ms")
    before = _schema_of(pg_db)
    told: list[str] = []
    with other() as reader:
        # Another desktop reading the (empty) contacts list in an open transaction.
        assert reader.execute(text("SELECT count(*) FROM party")).scalar() == 0
        written = bulk_insert_parties(
            pg_db, _load(), rebuild_indexes=True, chunk_size=2, when_alone=lambda: told.append("alone")
        )
        assert reader.execute(text("SELECT count(*) FROM party")).scalar() == 6  # read committed
        reader.rollback()
    assert written == 6 and told == []
    assert _schema_of(pg_db) == before


def test_a_login_that_does_not_own_the_tables_loads_the_ordinary_way(pg_db: Database) -> None:
    login = f"ekocrm_loader_{uuid.uuid4().hex[:8]}"
    with pg_db.engine.connect() as conn:
        conn.execute(text(f"CREATE ROLE {login} LOGIN"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {login}"))
        conn.execute(text(f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {login}"))
        conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {login}"))
        secured = conn.execute(
            text("SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = 'public'::regnamespace")
        ).all()
        for (table,) in secured:
            conn.execute(text(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY"))
        conn.commit()
    before = _schema_of(pg_db)
    loader = Database(make_engine(pg_db.engine.url.set(username=login)), actor="loader")
    told: list[str] = []
    try:
        assert (
            bulk_insert_parties(
                loader, _load(), rebuild_indexes=True, chunk_size=2, when_alone=lambda: told.append("alone")
            )
            == 6
        )
    finally:
        loader.dispose()
        with pg_db.engine.connect() as conn:
            for (table,) in secured:
                conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
            conn.execute(text(f"DROP OWNED BY {login}"))
            conn.execute(text(f"DROP ROLE {login}"))
            conn.commit()
    assert told == []
    assert _schema_of(pg_db) == before
    assert _count(pg_db, "party") == 6


#: The tables a load of `_load()` writes and those their foreign keys point at (what it would lock).
LOADED = ("party", "party_email", "party_phone", "party_address", "party_role", "affiliation", "party_tag", "tag")


def test_a_workspace_whose_rows_are_hidden_from_the_login_is_not_taken_for_empty(pg_db: Database) -> None:
    """Row security that applies to the tables' owner too (FORCE, as the migrations set it) may hide
    stored contacts from a login: it cannot tell that the workspace is empty, so its load keeps the
    keys, indexes and look-ups, even though it owns the tables."""
    ContactService(pg_db).create(PartyDraft(kind="person", first_name="Cachée", last_name="Par la règle"))
    login = f"ekocrm_owner_{uuid.uuid4().hex[:8]}"
    with pg_db.engine.connect() as conn:
        owner = conn.execute(text("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'party'")).scalar()
        conn.execute(text(f"CREATE ROLE {login} LOGIN"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {login}"))
        conn.execute(text(f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {login}"))
        for table in LOADED:
            conn.execute(text(f"ALTER TABLE {table} OWNER TO {login}"))
        assert conn.execute(text("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'party'")).scalar()
        conn.execute(text("CREATE POLICY test_hidden ON party AS RESTRICTIVE USING (created_by <> 'tester')"))
        conn.commit()
    told: list[str] = []
    loader = Database(make_engine(pg_db.engine.url.set(username=login)), actor="loader")
    try:
        with loader.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM party")).scalar() == 0  # hidden from this login
        before = _schema_of(pg_db)
        assert (
            bulk_insert_parties(
                loader, _load(), rebuild_indexes=True, chunk_size=2, when_alone=lambda: told.append("alone")
            )
            == 6
        )
        assert _schema_of(pg_db) == before
    finally:
        loader.dispose()
        with pg_db.engine.connect() as conn:
            conn.execute(text("DROP POLICY test_hidden ON party"))
            for table in LOADED:
                conn.execute(text(f'ALTER TABLE {table} OWNER TO "{owner}"'))
            conn.execute(text(f"DROP OWNED BY {login}"))
            conn.execute(text(f"DROP ROLE {login}"))
            conn.commit()
    assert told == []
    assert _count(pg_db, "party") == 7


def test_a_big_import_into_an_empty_workspace_gives_what_the_ordinary_path_gives(
    pg_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(MIXED.encode("utf-8"))
    options = ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers))
    alone: list[str] = []
    told = importing._Planner.nothing_stored

    def nothing_stored(planner: importing._Planner) -> None:
        alone.append("alone")
        told(planner)

    monkeypatch.setattr(importing._Planner, "nothing_stored", nothing_stored)
    in_binary: dict[str, tuple[str, ...]] = {}
    copy_binary = bulk._copy_binary

    def spied(cursor: Any, table: str, columns: Any, *args: Any) -> None:
        in_binary[table] = tuple(columns)
        copy_binary(cursor, table, columns, *args)

    monkeypatch.setattr(bulk, "_copy_binary", spied)
    before = _schema_of(pg_db)
    results = {}
    items = {}
    snapshots = {}
    # First into the empty workspace as a big file, then (after the undo) as an ordinary one.
    history = {}
    for big in (True, False):
        monkeypatch.setattr(importing, "BIG_FILE_BYTES", 0 if big else 1 << 40)
        importer = ImportService(pg_db)
        last = _last_history_id(pg_db)
        result = importer.run(path, options, errors_path=tmp_path / f"errors-{big}.csv")
        history[big] = _history_since(pg_db, last)
        assert result.created + result.updated + result.skipped + result.errors == result.rows == len(MIXED_ROWS)
        results[big] = (
            (result.rows, result.created, result.updated, result.skipped, result.errors),
            result.organisations_created,
            _outcomes(result),
            (tmp_path / f"errors-{big}.csv").read_text(encoding="utf-8-sig"),
        )
        snapshots[big] = _snapshot(pg_db)
        with pg_db.engine.connect() as conn:
            items[big] = conn.execute(
                text(
                    "SELECT action, version_after, previous, count(*), count(DISTINCT party_id), "
                    "count(DISTINCT (created_at, updated_at, created_by, updated_by)) FROM import_batch_item "
                    "WHERE batch_id = :batch GROUP BY 1, 2, 3 ORDER BY 1"
                ),
                {"batch": result.batch_id},
            ).all()
        assert _schema_of(pg_db) == before
        # The undo deletes what the import created, through the keys the load restored.
        undone = importer.undo(result.batch_id)  # type: ignore[arg-type]
        assert undone.refused == ()
        assert undone.removed == result.created + result.organisations_created
        assert _snapshot(pg_db) == [] and _count(pg_db, "party_email") == 0
    assert alone == ["alone"]
    # The big import sent a party's own rows in COPY's binary format, and of each batch item only
    # its id and party (the rest were the table's defaults); the ordinary import stored the same items.
    assert {"party", "party_email", "party_phone", "party_address", "affiliation"} <= set(in_binary)
    assert in_binary["import_batch_item"] == ("id", "party_id")
    assert items[True] == items[False] and items[True][0][:2] == ("created", 1)
    assert results[True] == results[False]
    assert snapshots[True] == snapshots[False]
    # The history says the same: the creation of each party, and nothing for its own rows (the
    # triggers the load turned off would have recorded nothing).
    assert history[True] == history[False]
    assert {(table, operation) for table, _root, operation, *_rest in history[True]} == {("party", "I")}
    assert results[True][0][1] >= 8  # the file really created people and organisations


def _stored_rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every column of the rows a load writes (the ids it makes at random aside: a child row's, a tag's)."""
    stored: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as conn:
        links = conn.execute(text("SELECT pt.party_id, t.name FROM party_tag pt JOIN tag t ON t.id = pt.tag_id")).all()
        stored["party_tag"] = sorted((tuple(row) for row in links), key=repr)
        for table in (*bulk.OWN_TABLES, "tag"):
            columns = [
                row[0]
                for row in conn.execute(
                    text(
                        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                        "AND table_name = :table AND NOT (column_name = 'id' AND table_name <> 'party') "
                        "ORDER BY ordinal_position"
                    ),
                    {"table": table},
                )
            ]
            rows = conn.execute(text(f"SELECT {', '.join(columns)} FROM {table}")).all()
            stored[table] = sorted((tuple(row) for row in rows), key=repr)
    return stored


def test_an_empty_workspace_load_stores_every_column_as_the_ordinary_load_does(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sent in binary, with the stamps as defaults: dates, flags, positions, ids and texts must
    # read back exactly as through the ordinary load's text COPY.
    stamp = dt.datetime(2026, 12, 7, 21, 7, 5, 123456, tzinfo=dt.UTC)
    pg_db.clock = lambda: stamp  # type: ignore[method-assign]
    parties = _load()
    in_binary: list[str] = []
    copy_binary = bulk._copy_binary

    def spied(cursor: Any, table: str, *args: Any) -> None:
        in_binary.append(table)
        copy_binary(cursor, table, *args)

    monkeypatch.setattr(bulk, "_copy_binary", spied)
    assert bulk_insert_parties(pg_db, parties, rebuild_indexes=True, chunk_size=2, announce=False) == 6
    assert set(in_binary) == {"party", "party_email", "party_phone", "party_role", "affiliation", "party_tag"}
    alone = _stored_rows(pg_db)
    with pg_db.engine.begin() as conn:
        conn.execute(text("TRUNCATE party, tag CASCADE"))
    assert bulk_insert_parties(pg_db, parties, chunk_size=2, announce=False) == 6
    ordinary = _stored_rows(pg_db)
    assert ordinary == alone
    assert alone["party_role"] and all(isinstance(row[2], dt.date) for row in alone["party_role"])  # dates too
