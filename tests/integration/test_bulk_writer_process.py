"""Big SQLite loads are written by a second process (`bulk._ProcessWriter`), which holds the transaction.

The load must stay all or nothing whatever happens to either process: a failing write, a
cancel, the loading process gone, the writer killed. Afterwards the workspace takes writes
again (no lock left behind), and what a commit reported stays even when the writer is killed
during the checkpoint that follows it.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select, text
from sqlalchemy.exc import DatabaseError, IntegrityError

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.models.exchange import ImportBatchItem
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services import bulk, importing
from ekocrm_desktop.services.bulk import BulkParty, BulkWriterError, bulk_insert_parties
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft, PartyQuery
from ekocrm_desktop.services.importing import ImportOptions, ImportService, suggest_mapping
from ekocrm_desktop.services.tabular import SourceFile


@pytest.fixture
def file_db(sqlite_path: Path) -> Iterator[Database]:
    db = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    yield db
    db.dispose()


def _people(count: int, start: int = 0) -> list[BulkParty]:
    return [
        BulkParty(
            uuid7(),
            PartyDraft(kind="person", first_name="Hélène", last_name=f"Durand{i}", emails=(EmailEntry(f"p{i}@x.fr"),)),
        )
        for i in range(start, start + count)
    ]


def _parties(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Party)) or 0


def _writable(db: Database) -> None:
    """A write goes through at once: the load left no lock (busy_timeout would make it wait, then fail)."""
    ContactService(db).create(PartyDraft(kind="person", first_name="Après", last_name="Chargement"))


def _count_writers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    started: list[int] = []
    real_init = bulk._ProcessWriter.__init__

    def init(self: bulk._ProcessWriter, file: str, foreign_keys: bool) -> None:
        real_init(self, file, foreign_keys)
        started.append(self._process.pid or 0)

    monkeypatch.setattr(bulk._ProcessWriter, "__init__", init)
    return started


def test_a_big_load_is_written_by_another_process_and_found(file_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    started = _count_writers(monkeypatch)
    written = bulk_insert_parties(file_db, _people(120), rebuild_indexes=True, chunk_size=50)
    assert written == 120
    assert len(started) == 1 and started[0] != multiprocessing.current_process().pid
    assert _parties(file_db) == 120
    contacts = ContactService(file_db)
    assert contacts.count(PartyQuery(text="durand77")) == 1  # indexed chunk by chunk by the writer
    with file_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ix_party_live_list", "ix_party_email_lower_address"} <= names  # rebuilt
    _writable(file_db)


def test_a_big_load_keeps_the_indexes_growing_at_one_end_and_reads_each_chunk_by_its_keys(file_db: Database) -> None:
    with file_db.engine.connect() as conn:
        listed = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        before = {r[0] for r in conn.exec_driver_sql(listed)}
        assert before >= bulk.KEPT_SQLITE_INDEXES  # the names still exist in the schema
        saved = bulk._drop_indexes(conn)
        left = {r[0] for r in conn.exec_driver_sql(listed)}
        assert left >= bulk.KEPT_SQLITE_INDEXES
        assert not any(name in sql for sql in saved for name in bulk.KEPT_SQLITE_INDEXES)
        assert any("ix_party_live_list" in sql for sql in saved)
        # With no statistics yet, each chunk's search words are still read through the key range,
        # not through the kept index on the deletion date (every party loaded so far).
        plan = " ".join(str(r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + bulk.FTS_CHUNK_SQL, (1, 50)))
        assert "search_key>? AND search_key<?" in plan, plan
        conn.rollback()


def _fts_settings(conn: Connection) -> dict[str, int]:
    return dict(conn.exec_driver_sql("SELECT k, v FROM party_fts_config WHERE k <> 'version'").all())


def test_a_big_load_writes_the_search_index_in_bigger_steps_and_gives_its_settings_back(file_db: Database) -> None:
    with file_db.engine.connect() as conn:
        assert _fts_settings(conn) == {}  # FTS5's defaults
        saved = bulk._drop_indexes(conn)
        assert _fts_settings(conn) == bulk.FTS_LOAD_SETTINGS
        bulk._restore_indexes(conn, saved)
        assert _fts_settings(conn) == bulk.FTS_DEFAULT_SETTINGS
        conn.commit()
        # Settings someone chose are given back as they were, and a rollback undoes the load's.
        conn.exec_driver_sql(bulk.FTS_SETTING_SQL.format(name="automerge", value=8))
        conn.commit()
        bulk._drop_indexes(conn)
        assert _fts_settings(conn)["automerge"] == 16
        conn.rollback()
        assert _fts_settings(conn) == {**bulk.FTS_DEFAULT_SETTINGS, "automerge": 8}
    written = bulk_insert_parties(file_db, _people(120), rebuild_indexes=True, chunk_size=50)
    assert written == 120
    with file_db.engine.connect() as conn:
        assert _fts_settings(conn) == {**bulk.FTS_DEFAULT_SETTINGS, "automerge": 8}
        conn.exec_driver_sql("INSERT INTO party_fts(party_fts, rank) VALUES ('integrity-check', 1)")
    assert ContactService(file_db).count(PartyQuery(text="durand77")) == 1


def _varint(data: bytes, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at `at`: (value, position after it)."""
    value = 0
    for i in range(8):
        byte = data[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return (value << 8) | data[at + 8], at + 9


def _fts_segments_per_level(conn: Connection) -> list[int]:
    """How many segments each level of party_fts holds, read from FTS5's structure record."""
    data = conn.exec_driver_sql("SELECT block FROM party_fts_data WHERE id = 10").scalar_one()
    at = 4  # the cookie
    version_2 = data[at : at + 4] == b"\xff\x00\x00\x01"  # FTS5 3.43+: segments carry 5 more numbers
    at += 4 if version_2 else 0
    levels, at = _varint(data, at)
    _segments, at = _varint(data, at)
    _writes, at = _varint(data, at)
    counts = []
    for _level in range(levels):
        _merging, at = _varint(data, at)
        count, at = _varint(data, at)
        counts.append(count)
        for _number in range(count * (8 if version_2 else 3)):
            _value, at = _varint(data, at)
    return counts


def test_updates_after_a_big_load_leave_no_level_of_the_search_index_to_merge_at_the_next_save(
    file_db: Database,
) -> None:
    assert bulk_insert_parties(file_db, _people(120), rebuild_indexes=True, chunk_size=50) == 120
    during_settings: list[dict[str, int]] = []
    during_levels: list[int] = []
    with file_db.engine.connect() as conn:
        saved = bulk._drop_indexes(conn)

        def updates() -> None:
            if during_settings:
                return
            during_settings.append(_fts_settings(conn))
            # Each update with a smaller key than the one before makes FTS5 write a segment.
            keys = [row[0] for row in conn.exec_driver_sql("SELECT search_key FROM party ORDER BY search_key DESC")]
            for key in keys[:40]:
                conn.exec_driver_sql(
                    "UPDATE party SET search_doc = search_doc || ' renomme' || ? WHERE search_key = ?", (key, key)
                )
            during_levels.extend(_fts_segments_per_level(conn))

        bulk._restore_indexes(conn, saved, between=updates)
        levels = _fts_segments_per_level(conn)
        conn.exec_driver_sql("INSERT INTO party_fts(party_fts, rank) VALUES ('integrity-check', 1)")
        assert _fts_settings(conn) == bulk.FTS_DEFAULT_SETTINGS
        conn.commit()
    # The updates ran unmerged, and left more segments on a level than FTS5 lets a write leave.
    assert during_settings == [{"hashsize": bulk.FTS_LOAD_SETTINGS["hashsize"], **bulk.FTS_UPDATE_SETTINGS}]
    assert max(during_levels) >= bulk.FTS_DEFAULT_SETTINGS["crisismerge"], during_levels
    # Merged before the commit: the next save writes its own segment and merges nothing big.
    assert max(levels) < bulk.FTS_DEFAULT_SETTINGS["crisismerge"], levels
    assert sum(levels) < sum(during_levels)
    assert ContactService(file_db).count(PartyQuery(text="renomme120")) == 1


def test_a_failing_write_rolls_the_whole_load_back_and_says_why(file_db: Database) -> None:
    first = _people(60)
    # The third chunk repeats a party of the first: the primary key refuses it in the writer.
    parties = [*first, *_people(40, start=60), first[5]]
    with pytest.raises(IntegrityError, match="UNIQUE"):
        bulk_insert_parties(file_db, parties, rebuild_indexes=True, chunk_size=50)
    assert _parties(file_db) == 0
    with file_db.engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "ix_party_live_list" in names  # the dropped indexes came back with the rollback
    _writable(file_db)
    assert _parties(file_db) == 1


def test_a_cancelled_big_import_leaves_nothing_and_no_lock(
    file_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = _count_writers(monkeypatch)
    monkeypatch.setattr(importing, "BIG_FILE_BYTES", 0)
    path = tmp_path / "big.csv"
    lines = ["Prénom;Nom;Courriel\r\n"] + [f"Zoé;Nom{i};p{i}@exemple.fr\r\n" for i in range(12_000)]
    path.write_bytes("".join(lines).encode("cp1252"))
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] >= 20  # after 10,000 rows: two chunks handed to the writer process

    options = ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers))
    result = ImportService(file_db).run(path, options, cancelled=cancelled)
    assert result.cancelled and result.created == 0
    assert len(started) == 1
    assert _parties(file_db) == 0
    with file_db.session() as session:
        assert session.scalars(select(ImportBatchItem.id)).first() is None
    _writable(file_db)


@pytest.mark.parametrize("cut", ["between_messages", "mid_message"])
def test_the_writer_rolls_back_when_the_loading_process_is_gone(file_db: Database, cut: str) -> None:
    file = bulk._sqlite_file(file_db)
    assert file is not None
    writer = bulk._ProcessWriter(file, foreign_keys=True)
    rows = bulk._Rows()
    codec = bulk._Codec(True)
    audit = (codec.stamp(file_db.clock()),) * 2 + ("tester", "tester")
    for key, party in enumerate(_people(3), start=1):
        bulk._party_rows(rows, codec, party, {}, {}, audit, search_key=key)
    writer.put(rows, [])
    writer._outbox.put(None)  # the sender thread sends the chunk, then ends
    writer._sender.join()
    if cut == "mid_message":
        # A message's length, then only part of it: the process died while sending.
        writer._pipe._send(struct.pack("!i", 4096) + b"\x80\x05")  # type: ignore[attr-defined]
    # The loading process dies: its end of the pipe closes without an abort or a commit.
    writer._pipe.close()
    writer._process.join(timeout=30)
    assert writer._process.exitcode == 0
    assert _parties(file_db) == 0
    _writable(file_db)


def test_a_writer_that_fails_before_it_is_ready_reports_its_own_error(tmp_path: Path) -> None:
    # The writer process cannot even start its transaction (here the file is not a database;
    # a write lock held elsewhere past the busy timeout ends the same way): its own error reaches
    # the caller, not a failure of the clean-up behind it.
    garbage = tmp_path / "not-a-workspace.sqlite"
    garbage.write_bytes(b"this is no SQLite database" * 200)
    with pytest.raises(DatabaseError, match="not a database"):
        bulk._ProcessWriter(str(garbage), foreign_keys=True)
    assert not [child for child in multiprocessing.active_children() if child.name == "ekocrm-bulk-writer"]
    assert garbage.read_bytes() == b"this is no SQLite database" * 200


def test_a_killed_writer_fails_the_load_with_a_clear_error(file_db: Database) -> None:
    def parties() -> Iterator[BulkParty]:
        yield from _people(50)
        # The writer process is killed while the load goes on.
        for child in multiprocessing.active_children():
            if child.name == "ekocrm-bulk-writer":
                child.kill()
                child.join()
        yield from _people(100, start=50)

    with pytest.raises(BulkWriterError, match="writer process ended"):
        bulk_insert_parties(file_db, parties(), rebuild_indexes=True, chunk_size=50)
    assert _parties(file_db) == 0
    _writable(file_db)


def test_a_committed_load_stays_when_the_checkpoint_after_it_is_cut(sqlite_path: Path) -> None:
    db = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    bulk_insert_parties(db, _people(200), rebuild_indexes=True, chunk_size=50)
    # The writer copies its WAL into the file after reporting the commit: kill it there.
    for child in multiprocessing.active_children():
        if child.name == "ekocrm-bulk-writer":
            child.kill()
            child.join()
    db.dispose()
    reopened = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    assert _parties(reopened) == 200
    with reopened.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    reopened.dispose()


def test_imports_run_with_fewer_garbage_collections_and_give_the_thresholds_back(
    file_db: Database, tmp_path: Path
) -> None:
    import gc

    before = gc.get_threshold()
    path = tmp_path / "few.csv"
    path.write_bytes("Prénom;Nom;Courriel\r\nZoé;Nom;z@exemple.fr\r\n".encode("cp1252"))
    seen: list[tuple[int, ...]] = []
    options = ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers))
    ImportService(file_db).run(path, options, progress=lambda *_: seen.append(gc.get_threshold()))
    assert seen and all(t[0] >= 100_000 for t in seen)
    assert gc.get_threshold() == before
    # Nested jobs (two imports at once) give the thresholds back when the last one ends, even on an error.
    with bulk.fewer_collections():
        with pytest.raises(ValueError), bulk.fewer_collections():
            raise ValueError("boom")
        assert gc.get_threshold()[0] >= 100_000
    assert gc.get_threshold() == before


def test_a_big_load_starts_on_an_emptied_wal_and_does_not_wait_for_ever_on_a_reader(
    file_db: Database, sqlite_path: Path
) -> None:
    wal = Path(f"{sqlite_path}-wal")
    with file_db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
        bulk_insert_parties(file_db, _people(30), chunk_size=10)  # frames left in the WAL
        assert wal.stat().st_size > 0
        reader = make_engine(sqlite_url(sqlite_path)).raw_connection()
        try:
            # A reader in the middle of a read keeps the WAL: the load waits for it, then goes on.
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM party").fetchone()
            started = time.monotonic()
            bulk._empty_the_wal(conn, wait=0.3)
            assert 0.3 <= time.monotonic() - started < 5
            assert wal.stat().st_size > 0
            reader.execute("COMMIT")
            # Once readers are done, every frame is copied into the file and the WAL starts again.
            bulk._empty_the_wal(conn, wait=0.3)
            assert wal.stat().st_size == 0
        finally:
            reader.close()
    assert bulk_insert_parties(file_db, _people(120, start=30), rebuild_indexes=True, chunk_size=50) == 120
    assert _parties(file_db) == 150


def test_a_big_load_does_not_wait_for_the_wal_behind_a_writer_that_keeps_the_lock(
    file_db: Database, sqlite_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another window's big import holds the write lock for a minute: the WAL cannot be emptied
    meanwhile, and the load learns it is busy after WRITER_PATIENCE_SECONDS, not WAL_WAIT_SECONDS."""
    monkeypatch.setattr(bulk, "WRITER_PATIENCE_SECONDS", 0.3)
    with file_db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
        conn.commit()  # as the writer process is when it starts: in no transaction
        bulk_insert_parties(file_db, _people(30), chunk_size=10)  # frames left in the WAL
        other = make_engine(sqlite_url(sqlite_path)).raw_connection()
        try:
            other.execute("BEGIN IMMEDIATE")  # the other writer
            other.execute("SELECT count(*) FROM party").fetchone()
            started = time.monotonic()
            bulk._empty_the_wal(conn, wait=10)
            assert 0.3 <= time.monotonic() - started < 3
            other.execute("ROLLBACK")
            # A short save does not end the wait: once it is done the WAL is emptied.
            started = time.monotonic()
            bulk._empty_the_wal(conn, wait=10)
            assert time.monotonic() - started < 3
            assert Path(f"{sqlite_path}-wal").stat().st_size == 0
        finally:
            other.close()
    _writable(file_db)


def test_updates_run_while_the_indexes_are_rebuilt_are_indexed_and_searchable(file_db: Database) -> None:
    contacts = ContactService(file_db)
    person = contacts.create(
        PartyDraft(kind="person", first_name="Avant", last_name="Reconstruction", emails=(EmailEntry("a@x.fr"),))
    )
    calls: list[int] = []
    with file_db.engine.connect() as conn:
        saved = bulk._drop_indexes(conn)
        indexes = [ddl for ddl in saved if ddl.startswith("CREATE INDEX")]

        def between() -> None:
            # An import's update arriving before the first index is back (the FTS triggers are).
            if not calls:
                conn.exec_driver_sql(
                    "UPDATE party SET search_doc = 'apres reconstruction', primary_phone = '+33611111111', "
                    "version = version + 1 WHERE id = ?",
                    (person.id.hex,),
                )
            calls.append(1)

        bulk._restore_indexes(conn, saved, between=between)
        conn.commit()
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"  # indexes agree with rows
        conn.exec_driver_sql("INSERT INTO party_fts(party_fts, rank) VALUES ('integrity-check', 1)")
        found = conn.exec_driver_sql(
            "SELECT count(*) FROM party INDEXED BY ix_party_live_primary_phone "
            "WHERE primary_phone = '+33611111111' AND deleted_at IS NULL"
        ).scalar()
        assert found == 1
    assert len(calls) == len(indexes) > 5
    assert contacts.count(PartyQuery(text="apres")) == 1
    assert contacts.count(PartyQuery(text="avant")) == 0


def test_each_load_logs_who_waited_for_whom_and_how_long_its_end_took(
    file_db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ekocrm_desktop.services.bulk")
    for big in (True, False):  # the writer process, then a writer thread on this process's connection
        caplog.clear()
        assert bulk_insert_parties(file_db, _people(120, start=1000 * big), rebuild_indexes=big, chunk_size=50) == 120
        messages = [r.getMessage() for r in caplog.records if r.name == "ekocrm_desktop.services.bulk"]
        assert len(messages) == 2, messages
        built = re.fullmatch(
            r"bulk load: 120 parties built in ([\d.]+) s, ([\d.]+) s of it waiting for the writer; "
            r"closing it took [\d.]+ s",
            messages[0],
        )
        assert built is not None, messages[0]
        assert float(built[2]) <= float(built[1])
        end = (
            r"bulk load: the caller's statements were handed over in [\d.]+ s; the writer process then needed "
            r"[\d.]+ s more for the indexes, those statements and the commit"
            if big
            else r"bulk load: indexes, keys and statistics restored in [\d.]+ s; "
            r"the caller's statements and the commit took [\d.]+ s"
        )
        assert re.fullmatch(end, messages[1]), messages[1]
    assert _parties(file_db) == 240
