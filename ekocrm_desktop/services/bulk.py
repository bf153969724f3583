"""Bulk loading of validated parties: demo data, benchmarks and large imports.

The ORM costs ~100 µs per inserted row (perf anchors §1); this path writes the same rows
(same columns, same search words, through `party_columns`) with driver-level
`executemany` on SQLite and `COPY` on PostgreSQL. For big loads on SQLite it drops the
secondary indexes and the FTS triggers, loads (adding each chunk's search words to the FTS
index), then rebuilds the indexes in the same transaction: live FTS triggers make a 1M-row
load 18x slower. On PostgreSQL, a big load does the same with foreign keys and its costliest
indexes, but only into an empty workspace it can take to itself (`_EmptyWorkspaceLoad`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import logging
import multiprocessing
import operator
import pickle
import queue
import sqlite3
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.textnorm import address_words, sort_key, words
from ekocrm_desktop.models.enums import ContactLabel
from ekocrm_desktop.models.ids import uuid7, uuid7_hex
from ekocrm_desktop.models.party import Party, Tag
from ekocrm_desktop.services import validation
from ekocrm_desktop.services.contacts import LIST_SEPARATOR, PARTY, TAG, PartyDraft, party_columns, role_span

log = logging.getLogger(__name__)

PARTY_COLUMNS = (
    "id",
    "kind",
    "civility",
    "first_name",
    "last_name",
    "display_name",
    "job_title",
    "birth_date",
    "website",
    "registration_number",
    "notes",
    "sort_name",
    "organisation_name",
    "organisation_key",
    "primary_email",
    "primary_phone",
    "city",
    "city_key",
    "postcode",
    "search_doc",
    "search_key",
    "version",
    "deleted_at",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
)
#: Written only when a batch sets them (team databases), so older schemas still load demo data.
OWNERSHIP_COLUMNS = ("owner_id", "private")
AUDIT = ("created_at", "updated_at", "created_by", "updated_by")
CHILD_COLUMNS: dict[str, tuple[str, ...]] = {
    "party_email": ("id", "party_id", "address", "label", "is_primary", "position", *AUDIT),
    "party_phone": ("id", "party_id", "number", "label", "is_primary", "position", *AUDIT),
    "party_address": (
        "id",
        "party_id",
        "label",
        "street",
        "street2",
        "postcode",
        "city",
        "country",
        "is_primary",
        "position",
        *AUDIT,
    ),
    "party_role": ("id", "party_id", "role", "since", "until", "status", "category", "note", *AUDIT),
    "affiliation": ("id", "person_id", "organisation_id", "function", "is_primary", "position", *AUDIT),
    "tag": ("id", "name", "color", "version", "deleted_at", *AUDIT),
    "party_tag": ("party_id", "tag_id"),
}
#: A party's own tables: the loader writes their rows for each party, with the load's AUDIT
#: values and no deletion date. An empty-workspace load leaves those out of the rows (`_Rows.stamped`).
OWN_TABLES = ("party", "party_email", "party_phone", "party_address", "party_role", "affiliation")
_UNSTAMPED_COLUMNS = {
    table: tuple(
        c for c in (PARTY_COLUMNS if table == "party" else CHILD_COLUMNS[table]) if c not in (*AUDIT, "deleted_at")
    )
    for table in OWN_TABLES
}
#: Order of inserts: parents before children.
TABLE_ORDER = (
    "tag",
    "party",
    "party_email",
    "party_phone",
    "party_address",
    "party_role",
    "affiliation",
    "party_tag",
)


@dataclasses.dataclass(frozen=True)
class BulkParty:
    """A validated draft with its id chosen in advance (so affiliations can point at it)."""

    id: uuid.UUID
    draft: PartyDraft


@dataclasses.dataclass(slots=True)
class PlainPerson:
    """A person of an import already normalised, written without a `PartyDraft` (the plain-row path).

    Holds exactly what `PartyDraft` + `party_columns` would give for a person with at most one
    e-mail, phones, one French address and one organisation; `_plain_rows` writes the same rows.
    """

    #: The party id as 32 hex digits (what SQLite stores; COPY reads it as a uuid).
    id: str
    civility: str
    first_name: str
    last_name: str
    job_title: str
    notes: str
    #: The normalised address, or "".
    email: str
    #: (E.164 number, label), in the file's column order.
    phones: tuple[tuple[str, str], ...]
    #: (street, street2, postcode, city) of a French address, or None.
    address: tuple[str, str, str, str] | None
    organisation_id: uuid.UUID | None
    owner_id: uuid.UUID | None


#: What the bulk loader writes: a validated draft, or a plain person of an import.
Loadable = BulkParty | PlainPerson


def hex_id(item: Loadable) -> str:
    """A loadable party's id as 32 hex digits."""
    return item.id if type(item) is PlainPerson else item.id.hex  # type: ignore[union-attr]


class _Codec:
    """Turns Python values into what the driver stores, once per value kind.

    SQLite gets what SQLAlchemy's types would have written (UUID hex, naive UTC text,
    ISO dates, 0/1). PostgreSQL's COPY takes most Python objects as they are, but ids and the
    load's timestamp go as text: COPY's text format parses them the same way, and psycopg
    formatting a datetime (two on every row) or a UUID on each row cost more client time than
    the rest of the row (about 0.9 s per 100,000 contacts).
    """

    def __init__(self, sqlite: bool) -> None:
        self.sqlite = sqlite

    def id(self, value: uuid.UUID | None) -> Any:
        if value is None:
            return value
        return value.hex

    def date(self, value: dt.date | None) -> Any:
        if value is None or not self.sqlite:
            return value
        return value.isoformat()

    def stamp(self, value: dt.datetime) -> Any:
        if not self.sqlite:
            # An aware stamp as ISO text is exactly what the server reads back; a naive one is left
            # to psycopg, which sends it as a timestamp for the server's time zone to place.
            return value.isoformat() if value.tzinfo is not None else value
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    def flag(self, value: bool) -> Any:
        return int(value) if self.sqlite else value


#: Rows of another table written with a chunk, after its parties: (table, columns, rows).
TableRows = tuple[str, tuple[str, ...], list[tuple[Any, ...]]]
#: A driver-level statement and the rows to run it with (SQLite: `?` placeholders, encoded values).
Statement = tuple[str, list[tuple[Any, ...]]]
#: What `before_commit` is given: runs statements in the load's transaction, in order.
RunStatements = Callable[[list[Statement]], None]


class _Rows:
    """Rows per table, in insert order, then the rows the caller adds to the chunk (`extra`).

    `stamped`: the rows of OWN_TABLES hold the AUDIT columns (and party rows their deletion
    date, None). An empty-workspace load on PostgreSQL leaves them out: there the AUDIT values
    are the tables' defaults while it runs (`_EmptyWorkspaceLoad.set_defaults`), and NULL is.
    """

    def __init__(self, stamped: bool = True) -> None:
        self.tables: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLE_ORDER}
        self.extra: list[TableRows] = []
        self.stamped = stamped

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.tables[table].append(row)


def bulk_insert_parties(
    db: Database,
    parties: Iterable[Loadable],
    *,
    rebuild_indexes: bool = False,
    announce: bool = True,
    chunk_size: int = 20_000,
    after_chunk: Callable[[list[Loadable]], list[TableRows]] | None = None,
    before_commit: Callable[[RunStatements], None] | None = None,
    extra_tables: Sequence[str] = (),
    extra_constants: Mapping[str, Mapping[str, Any]] | None = None,
    when_alone: Callable[[], None] | None = None,
) -> int:
    """Insert validated parties in one transaction (all or nothing); returns how many.

    `parties` may be a generator: rows are written `chunk_size` parties at a time, so a
    million contacts never sit in memory at once. Affiliations may point at organisations
    stored already or yielded earlier by the same iterable.
    `rebuild_indexes` drops and rebuilds secondary indexes around the load (big loads only);
    on a SQLite file, such a load is written by a second process (`_ProcessWriter`).
    `after_chunk(chunk)` gives rows of other tables to write with each chunk, in the same
    transaction (imports record what they created there, so the record and the rows commit
    together). `before_commit(run)` may then `run` statements of its own in that transaction, after
    the indexes are back (SQLite: imports write their updates there). Big loads rebuild the
    indexes in the writer process meanwhile, so it can prepare them while that runs.
    On PostgreSQL, a big load rebuilds only into an empty workspace, which it then has to
    itself (`_EmptyWorkspaceLoad`; `extra_tables` are the other tables `after_chunk` writes):
    `when_alone()` is called first, before any party is asked for. From then on, other
    connections wait for the commit to read those tables, this caller's own included.
    `extra_constants` (table: {column: value}) are columns of `after_chunk`'s rows holding the
    same value on every row: such a load makes them the table's defaults and sends the rest.
    """
    file = _sqlite_file(db) if rebuild_indexes else None
    if file is not None:
        total = _load_through_process(db, file, parties, chunk_size, after_chunk, before_commit)
    else:
        total = _load_in_thread(
            db,
            parties,
            chunk_size,
            after_chunk,
            before_commit,
            rebuild_indexes,
            extra_tables,
            extra_constants or {},
            when_alone,
        )
    if announce:
        db.announce(Changes.of(PARTY, (), TAG))
    return total


def _load_in_thread(
    db: Database,
    parties: Iterable[Loadable],
    chunk_size: int,
    after_chunk: Callable[[list[Loadable]], list[TableRows]] | None,
    before_commit: Callable[[RunStatements], None] | None,
    rebuild_indexes: bool,
    extra_tables: Sequence[str],
    extra_constants: Mapping[str, Mapping[str, Any]],
    when_alone: Callable[[], None] | None,
) -> int:
    """The load in this process: rows built here, written by a thread on this session's connection."""
    codec = _Codec(db.is_sqlite)
    now = codec.stamp(db.clock())
    audit = (now, now, db.actor, db.actor)
    with db.write_session() as session:
        conn = session.connection()
        tag_ids, next_key = _load_start(db, session)
        empty_load = None
        if rebuild_indexes and not db.is_sqlite:
            empty_load = _EmptyWorkspaceLoad.take(session, (*BULK_TABLES, *extra_tables))
        constant: dict[str, frozenset[str]] = {}
        if empty_load is not None:
            # The load's stamp and author go in as the tables' defaults: its rows leave them out.
            empty_load.set_defaults(OWN_TABLES, dict(zip(AUDIT, audit, strict=True)))
            for table, values in extra_constants.items():
                if table in empty_load.tables:
                    empty_load.set_defaults([table], dict(values))
                    constant[table] = frozenset(values)
        if empty_load is not None and when_alone is not None:
            when_alone()
        saved = _drop_indexes(conn) if rebuild_indexes and db.is_sqlite else []

        # An empty-workspace load looks nothing up until its end (no keys, no history look-ups).
        statistics = _FreshStatistics(conn) if not db.is_sqlite and empty_load is None else None
        summaries = None if db.is_sqlite else _ListSummaries.of(conn, tag_ids)

        # With the FTS triggers dropped, each chunk's search words are indexed by the writer
        # thread (overlapping the next chunk's reading), never the rows stored before the load.
        index_search = db.is_sqlite and rebuild_indexes

        postgres = (
            None if db.is_sqlite else _PostgresWriter(conn, summaries, binary=empty_load is not None, constant=constant)
        )

        def write(rows: _Rows, chunk: list[Loadable]) -> None:
            if postgres is None:
                _write_sqlite(conn, rows, index_search=index_search)
            else:
                postgres.write(rows)
            if statistics is not None:
                statistics.loaded(len(chunk))

        writer = _ChunkWriter(write)
        try:
            with contextlib.nullcontext() if db.is_sqlite else _prompt_handoffs():
                total = _load(
                    db,
                    parties,
                    chunk_size,
                    codec,
                    tag_ids,
                    audit,
                    next_key,
                    writer,
                    after_chunk,
                    empty_load is not None,
                )
        finally:
            # On an error or a cancel, the writer stops before the transaction rolls back.
            writer.stop()
        ending = time.perf_counter()
        if empty_load is not None:
            empty_load.restore()
        elif rebuild_indexes and db.is_sqlite:
            _restore_indexes(conn, saved)
        elif db.is_sqlite and total:
            _refresh_sqlite_statistics(conn, total)
        restored = time.perf_counter()
        if before_commit is not None:
            before_commit(lambda statements: _run_statements(conn, statements))
        session.commit()
    log.info(
        "bulk load: indexes, keys and statistics restored in %.1f s; "
        "the caller's statements and the commit took %.1f s",
        restored - ending,
        time.perf_counter() - restored,
    )
    return total


def _run_statements(conn: Connection, statements: list[Statement]) -> None:
    for sql, rows in statements:
        if rows:
            conn.exec_driver_sql(sql, rows)


def _load_start(db: Database, session: Session) -> tuple[dict[str, uuid.UUID], int]:
    """The stored tags by folded name, and the first free FTS key (SQLite), read under the write lock."""
    tag_ids: dict[str, uuid.UUID] = {
        name.casefold(): tag_id for tag_id, name in session.execute(select(Tag.id, Tag.name))
    }
    next_key = 1
    if db.is_sqlite:
        last = session.execute(select(Party.search_key).order_by(Party.search_key.desc()).limit(1)).scalar()
        next_key = (last or 0) + 1
    return tag_ids, next_key


def _load_through_process(
    db: Database,
    file: str,
    parties: Iterable[Loadable],
    chunk_size: int,
    after_chunk: Callable[[list[Loadable]], list[TableRows]] | None,
    before_commit: Callable[[RunStatements], None] | None,
) -> int:
    """A big SQLite load: rows built here, written by `_ProcessWriter`, which holds the transaction."""
    codec = _Codec(True)
    now = codec.stamp(db.clock())
    audit = (now, now, db.actor, db.actor)
    with db.engine.connect() as probe:
        foreign_keys = bool(probe.exec_driver_sql("PRAGMA foreign_keys").scalar())
    writer = _ProcessWriter(file, foreign_keys)
    try:
        # The writer holds the write lock from here on: this read sees what it will write after.
        with db.session() as session:
            tag_ids, next_key = _load_start(db, session)
        total = _load(db, parties, chunk_size, codec, tag_ids, audit, next_key, writer, after_chunk)
        ending = time.perf_counter()
        writer.restore_indexes()
        if before_commit is not None:
            before_commit(writer.run)
        committing = time.perf_counter()
        writer.commit()
        log.info(
            "bulk load: the caller's statements were handed over in %.1f s; the writer process then needed "
            "%.1f s more for the indexes, those statements and the commit",
            committing - ending,
            time.perf_counter() - committing,
        )
    finally:
        # On an error or a cancel, the writer process rolls back and ends.
        writer.stop()
    return total


def _load(
    db: Database,
    parties: Iterable[Loadable],
    chunk_size: int,
    codec: _Codec,
    tag_ids: dict[str, uuid.UUID],
    audit: tuple[Any, ...],
    next_key: int,
    writer: _ChunkWriter | _ProcessWriter,
    after_chunk: Callable[[list[Loadable]], list[TableRows]] | None,
    alone: bool = False,
) -> int:
    """Build each chunk's rows here while the writer writes the previous chunk.

    `alone`: the load has an empty workspace to itself (nothing stored to read, and a read
    from another connection would wait for this load's commit), and the AUDIT values are its
    own tables' defaults: their rows leave them out.
    """
    names: dict[uuid.UUID, str] = {}
    total = 0
    started = time.perf_counter()
    waited = 0.0
    for chunk in _chunked(parties, chunk_size):
        rows = _Rows(stamped=not alone)
        wanted: set[uuid.UUID] = set()
        for item in chunk:
            if type(item) is PlainPerson:
                if item.organisation_id is not None:
                    wanted.add(item.organisation_id)
                continue
            draft = item.draft  # type: ignore[union-attr]
            if not draft.is_person:
                names[item.id] = draft.name  # type: ignore[index]
            wanted.update(a.organisation_id for a in draft.affiliations)
        wanted -= names.keys()
        if wanted and not alone:
            # Organisations stored before the load (those it creates are in `names` already),
            # read apart: the load's own connection belongs to the writer thread meanwhile.
            with db.session() as reader:
                names.update(
                    (row[0], row[1])
                    for row in reader.execute(select(Party.id, Party.display_name).where(Party.id.in_(wanted)))
                )
        plain = _PlainWriter(rows, codec, names, audit)
        plain.reserve(chunk)
        for item in chunk:
            key = next_key if db.is_sqlite else None
            if type(item) is PlainPerson:
                plain.add(item, key)
            else:
                _party_rows(rows, codec, item, names, tag_ids, audit, search_key=key)  # type: ignore[arg-type]
            next_key += 1
        if after_chunk is not None:
            rows.extra = after_chunk(chunk)
        handed = time.perf_counter()
        writer.put(rows, chunk)
        waited += time.perf_counter() - handed
        total += len(chunk)
    built = time.perf_counter()
    writer.close()
    ended = time.perf_counter()
    # Which side sets the pace: a long wait for the writer means the database does. Closing
    # waits for a writer thread's last rows; a writer process goes on with them meanwhile.
    log.info(
        "bulk load: %d parties built in %.1f s, %.1f s of it waiting for the writer; closing it took %.1f s",
        total,
        built - started,
        waited,
        ended - built,
    )
    return total


class _WhileBulkJobsRun:
    """A process-wide setting changed while at least one bulk job runs, given back after the last."""

    def __init__(self, read: Callable[[], Any], write: Callable[[Any], None], value: Any) -> None:
        self._read = read
        self._write = write
        self._value = value
        self._lock = threading.Lock()
        self._depth = 0
        self._saved: Any = None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self._depth == 0:
                self._saved = self._read()
                self._write(self._value)
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0:
                    self._write(self._saved)


_RARE_COLLECTIONS = _WhileBulkJobsRun(gc.get_threshold, lambda limits: gc.set_threshold(*limits), (1_000_000, 50, 100))
_PROMPT_HANDOFFS = _WhileBulkJobsRun(sys.getswitchinterval, sys.setswitchinterval, 0.0005)


def fewer_collections() -> contextlib.AbstractContextManager[None]:
    """Run a bulk job with Python's cyclic garbage collector run a thousand times less often.

    A big import keeps hundreds of thousands of objects alive (the rows to update, their
    drafts): with the default thresholds the collector walks all of them again and again, a
    fifth of a million-row import into a full workspace. Even at a hundred thousand objects it
    still took a tenth of the rows' building in a million-contact import (50 passes of 60 ms over
    the chunks in flight), while at a million it never ran: the rows die by reference counting
    before that many pile up. The thresholds are process-wide: the window keeps them while an
    import runs, and gets its own back after the last one ends.
    """
    return _RARE_COLLECTIONS.held()


def _prompt_handoffs() -> contextlib.AbstractContextManager[None]:
    """Run a PostgreSQL load with the GIL handed over between threads within 0.5 ms, not 5 ms.

    The writer thread waits for the server at the end of each COPY; when the answer comes, it
    needs the GIL back from the thread building the next rows, which keeps it for up to the
    switch interval. Around a thousand COPYs per million contacts, each left the server idle
    for a few milliseconds (2 to 5 s of a one-minute load). Process-wide, like the collector's
    thresholds: the window's threads switch sooner too while a load runs, which costs them little.
    """
    return _PROMPT_HANDOFFS.held()


def _history_table(conn: Connection) -> list[str]:
    """["record_history"] where the schema has it (PostgreSQL; older revisions still load demo data), else []."""
    found = conn.exec_driver_sql("SELECT to_regclass('record_history') IS NOT NULL").scalar()
    return ["record_history"] if found else []


class _FreshStatistics:
    """Keeps PostgreSQL's statistics of `party` and `record_history` within 2x of what the load wrote.

    The history triggers look each new child row's party up in `record_history`, and the foreign
    keys look it up in `party`, through plans made from the statistics. Analysed while nearly empty,
    both tables get sequential scans: each chunk then reads every row written before it, and a
    million-row load took hours. ANALYZE counts the rows of its own transaction; it runs at each
    doubling of the load (about 20 times for a million rows), and where the login may not analyse
    a table PostgreSQL only warns.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.total = 0
        self.next_at = 1
        self.tables = ", ".join(["party", *_history_table(conn)])

    def loaded(self, count: int) -> None:
        self.total += count
        if self.tables and self.total >= self.next_at:
            self.conn.exec_driver_sql(f"ANALYZE {self.tables}")
            self.next_at = self.total * 2


class _ChunkWriter:
    """Writes chunks in a second thread, one at a time and in order, while the next one is built.

    The drivers release the GIL while the database works (SQLite's steps, PostgreSQL's COPY
    round trips), so building rows and writing them overlap on two cores. The load's
    connection is used by this thread only until `close` or `stop` returns.
    """

    def __init__(self, write: Callable[[_Rows, list[Loadable]], None]) -> None:
        self._write = write
        self._queue: queue.Queue[tuple[_Rows, list[Loadable]] | None] = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bulk-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            if self._error is not None:
                continue  # a write failed: drop the rest, the load will roll back
            try:
                self._write(*job)
            except BaseException as exc:  # handed to the loading thread, which raises it
                self._error = exc

    def put(self, rows: _Rows, chunk: list[Loadable]) -> None:
        """Queue a chunk (waits while the previous one is still being written)."""
        self._raise()
        self._queue.put((rows, chunk))

    def close(self) -> None:
        """Wait for every queued chunk to be written; raise what a write raised."""
        self.stop()
        self._raise()

    def stop(self) -> None:
        """Let the thread finish what is queued and end (idempotent)."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error


class _ProcessWriter:
    """Writes the chunks of a big SQLite load in a second process, which holds the load's transaction.

    In one process the writer thread barely overlaps the thread that builds rows: the sqlite3
    driver takes the GIL back after every row it steps, so the two mostly take turns (a
    million-contact import spent 67 s writing, waiting on the GIL, for about 40 s of its own
    work). The spawned process has its own interpreter: the rows cross a pipe (pickling costs
    about 2 s a million parties) and both cores work. Spawned, never forked: forking would copy
    the app's GUI and worker threads' state. A sender thread writes to the pipe; if this process
    dies, the writer reads the end of the pipe and rolls back.
    """

    def __init__(self, file: str, foreign_keys: bool) -> None:
        context = multiprocessing.get_context("spawn")
        self._pipe, child_end = context.Pipe()
        self._process = context.Process(
            target=_write_in_child, args=(child_end, file, foreign_keys), name="ekocrm-bulk-writer", daemon=True
        )
        self._process.start()
        child_end.close()
        self._committed = False
        self._stopped = False
        #: Pickled messages for the sender thread, in order. Chunks take a slot (at most two wait),
        #: so rows never pile up; statements do not, so this process plans an import's updates
        #: while the writer rebuilds the indexes instead of waiting for it at each step.
        self._outbox: queue.Queue[tuple[bytes, bool] | None] = queue.Queue()
        self._slots = threading.Semaphore(2)
        self._send_failed = False
        self._sender = threading.Thread(target=self._send_all, name="bulk-writer-sender", daemon=True)
        try:
            # The write lock is taken and the indexes are dropped before any row is read.
            self._expect("ready")
        except BaseException:
            self.stop()
            raise
        self._sender.start()

    def put(self, rows: _Rows, _chunk: list[Loadable]) -> None:
        """Send a chunk (waits while two are still waiting for the writer)."""
        self._raise()
        self._slots.acquire()
        self._enqueue("chunk", (rows.tables, rows.extra), chunk=True)

    def close(self) -> None:
        """Raise what the writer reported so far."""
        self._raise()

    def restore_indexes(self) -> None:
        """Have the indexes rebuilt (the writer goes on with it while this process works)."""
        self._raise()
        self._enqueue("restore", None)

    def run(self, statements: list[Statement]) -> None:
        """Send statements to run in the load's transaction, after what was sent before."""
        self._raise()
        self._enqueue("statements", statements)

    def commit(self) -> None:
        """Commit (rebuilding the indexes first if not asked yet); wait until the rows are durable."""
        self._raise()
        self._enqueue("commit", None)
        self._expect("done")
        self._committed = True

    def stop(self) -> None:
        """Roll back unless committed, and let the process end (idempotent).

        After a commit the process is left to finish its checkpoint on its own. Otherwise the
        pipe is closed (the writer reads its end and rolls back, even mid-message) and the
        process is ended if it does not stop by itself soon (killing it loses nothing: its
        transaction was never committed).
        """
        if self._stopped:
            return
        self._stopped = True
        if self._sender.is_alive():
            self._outbox.put(None)
            if self._committed:
                self._sender.join()
        if not self._committed:
            self._pipe.close()  # the writer reads the end of the pipe once a send in progress is done
            if self._sender.ident is not None:  # not started when the writer failed before it was ready
                self._sender.join(timeout=10)
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join()
        elif not self._pipe.closed:
            self._pipe.close()

    def _enqueue(self, kind: str, payload: Any, *, chunk: bool = False) -> None:
        if self._send_failed or self._stopped:
            if chunk:
                self._slots.release()
            raise BulkWriterError("the writer process ended during the load")
        self._outbox.put((pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL), chunk))

    def _send_all(self) -> None:
        """The sender thread: writes the queued messages to the pipe, in order."""
        while True:
            item = self._outbox.get()
            if item is None:
                return
            data, chunk = item
            try:
                if not self._send_failed and not self._stopped:
                    self._pipe.send_bytes(data)
            except OSError:  # the writer died, or the load stopped: drop what follows
                self._send_failed = True
            finally:
                if chunk:
                    self._slots.release()

    def _expect(self, wanted: str) -> None:
        try:
            kind, payload = self._pipe.recv()
        except (EOFError, OSError):
            raise BulkWriterError("the writer process ended without a reply") from None
        if kind == "error":
            raise payload
        assert kind == wanted, (kind, wanted)

    def _raise(self) -> None:
        """Raise the error the writer reported, if any (only errors arrive unasked)."""
        if self._pipe.poll():  # the writer's own error says more than a broken pipe
            self._expect("error")
        if self._send_failed:
            raise BulkWriterError("the writer process ended during the load")


class BulkWriterError(RuntimeError):
    """The process writing a big SQLite load failed without an error of its own (it was killed)."""


def _sqlite_file(db: Database) -> str | None:
    """The workspace's SQLite file, when a second process can open it (not an in-memory database)."""
    if not db.is_sqlite:
        return None
    name = db.engine.url.database
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return name


def _write_in_child(pipe: Any, file: str, foreign_keys: bool) -> None:
    """The writer process of `_ProcessWriter`: one transaction, committed only when asked."""
    from ekocrm_desktop.db.engine import make_engine, sqlite_url

    engine = make_engine(sqlite_url(file), foreign_keys=foreign_keys)
    gc.set_threshold(100_000, 50, 100)  # see `fewer_collections`: this process only holds rows in transit
    try:
        with engine.execution_options(ekocrm_write=True).connect() as conn:
            _empty_the_wal(conn)
            conn.begin()  # BEGIN IMMEDIATE (the engine's hook): the write lock for the whole load
            saved = _drop_indexes(conn)
            pipe.send(("ready", None))
            #: Messages read during the index rebuild but not yet acted on (see `run_arrived`).
            held: list[tuple[str, Any]] = []

            def run_arrived() -> None:
                """Between two index builds: run the statements sent meanwhile (an import's
                updates, planned while the indexes are rebuilt). Each one then skips the upkeep
                of the indexes not built yet, which their build then sorts in (at a million
                contacts, an update cost about twice as much with every index back). Anything
                else waits for the rebuild to end, in order."""
                while not held and pipe.poll():
                    message = pipe.recv()
                    if message[0] == "statements":
                        _run_statements(conn, message[1])
                    else:
                        held.append(message)

            while True:
                kind, payload = held.pop(0) if held else pipe.recv()
                if kind == "abort":
                    return  # leaving the block rolls back
                if kind == "chunk":
                    rows = _Rows()
                    rows.tables, rows.extra = payload
                    _write_sqlite(conn, rows, index_search=True)
                elif kind == "statements":
                    _run_statements(conn, payload)
                elif kind == "restore" or (kind == "commit" and saved):
                    _restore_indexes(conn, saved, between=run_arrived)
                    saved = []
                if kind == "commit":
                    # The commit makes the rows durable (the WAL is synced); copying the WAL
                    # into the database file, 10 s for a million contacts, is done after
                    # telling the loading process, while the app goes on.
                    conn.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
                    conn.commit()
                    pipe.send(("done", None))
                    _checkpoint(conn)
                    return
    except EOFError:
        return  # the loading process is gone: roll back
    except BaseException as exc:  # rolled back; handed to the loading process, which raises it
        _send_error(pipe, exc)
        _drain(pipe)
    finally:
        engine.dispose()


def _empty_the_wal(conn: Connection, wait: float | None = None) -> None:
    """Before a big load: have every frame of the WAL copied into the database file, so the load
    writes the WAL from its start (waits at most `wait` seconds, then loads anyway).

    A load appended after frames still there (the last big load's, whose checkpoint runs on
    after its commit) reads every page through all of them: SQLite looks a page up in each
    4,096-frame block of the WAL since the last complete checkpoint. A million-contact import
    started while the previous one's checkpoint was ending took 137 s instead of 120 s.
    TRUNCATE also waits for readers to leave the WAL (then empties the file). Another process's
    checkpoint cannot be joined, only waited for (SQLite answers busy at once), hence the retries.
    A writer that keeps the write lock for WRITER_PATIENCE_SECONDS (another window's big import)
    ends the wait: the load then asks for the lock and says the workspace is busy 5 s later,
    instead of 20 s later.
    """
    raw = conn.connection.driver_connection
    assert raw is not None
    deadline = time.monotonic() + (WAL_WAIT_SECONDS if wait is None else wait)
    patience = raw.execute("PRAGMA busy_timeout").fetchone()[0]
    raw.execute("PRAGMA busy_timeout = 50")  # each try waits for readers this long (ms), not 5 s
    writer_since: float | None = None
    try:
        while True:
            busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            now = time.monotonic()
            if not busy or now >= deadline:
                return
            if _someone_writes(raw):
                writer_since = writer_since if writer_since is not None else now
                if now - writer_since >= WRITER_PATIENCE_SECONDS:
                    return
            else:
                writer_since = None
            time.sleep(0.05)
    except sqlite3.Error:
        log.debug("checkpoint before a bulk load failed", exc_info=True)
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(patience)}")


def _someone_writes(raw: sqlite3.Connection) -> bool:
    """Whether another connection holds the write lock now (the probe takes and gives it back).
    Inside a transaction of its own the probe cannot tell: it says no (the wait goes on)."""
    if raw.in_transaction:
        return False
    try:
        raw.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return True
    raw.execute("ROLLBACK")
    return False


def _checkpoint(conn: Connection) -> None:
    """Copy the load's WAL into the database file without blocking the app's readers or writers."""
    raw = conn.connection.driver_connection
    assert raw is not None
    try:
        raw.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.Error:  # the next commits' automatic checkpoints will do it
        log.debug("checkpoint after a bulk load skipped", exc_info=True)


def _send_error(pipe: Any, exc: BaseException) -> None:
    try:
        try:
            pipe.send(("error", exc))
        except OSError:
            raise
        except Exception:  # an exception that does not pickle: its text is enough
            pipe.send(("error", BulkWriterError(f"{type(exc).__name__}: {exc}")))
    except OSError:  # the loading process is gone (its pipe closed mid-message): nobody to tell
        pass


def _drain(pipe: Any) -> None:
    """After a failure, read (and drop) what the loading process still sends, until it gives up."""
    try:
        while pipe.recv()[0] not in ("abort", "commit"):
            pass
    except (EOFError, OSError):
        pass


_WORK = ContactLabel.WORK.value


class _PlainWriter:
    """The rows of plain persons, as `_party_rows` would write them for the equivalent drafts.

    Child rows take their ids from a batch made for the whole chunk (`reserve`): one id per row
    costs more than building the row.
    """

    def __init__(self, rows: _Rows, codec: _Codec, names: dict[uuid.UUID, str], audit: tuple[Any, ...]) -> None:
        self.rows = rows
        self.codec = codec
        self.names = names
        #: What ends a child row, and a party row's deletion date and stamps (nothing if unstamped).
        self.audit = audit if rows.stamped else ()
        self.deleted_and_audit = (None, *audit) if rows.stamped else ()
        self.yes, self.no = codec.flag(True), codec.flag(False)
        self.private = codec.flag(False)
        self.next_id: Callable[[], str] = iter(()).__next__
        self.owner: tuple[uuid.UUID | None, Any] = (None, None)
        #: Organisations and cities repeat on many rows: their sort keys are made once.
        self.keys: dict[str | None, str] = {}
        #: The same for the search words of organisations, cities and postcodes.
        self.part_words: dict[str, list[str]] = {}

    def _key(self, text: str | None) -> str:
        key = self.keys.get(text)
        if key is None:
            key = self.keys[text] = sort_key(text)
        return key

    def _words(self, text: str) -> list[str]:
        found = self.part_words.get(text)
        if found is None:
            found = self.part_words[text] = words(text)
        return found

    def add(self, person: PlainPerson, search_key: int | None) -> None:
        first, last = person.first_name, person.last_name
        organisation: str | None = None
        if person.organisation_id is not None:
            organisation = self.names[person.organisation_id]
        # search_document's parts, in its order (names, organisations, e-mails, city and postcode,
        # phones). The words of parts joined by spaces are each part's words in turn: the names'
        # words also make the sort key, and the repeated parts' words are kept.
        first_words, last_words = words(first), words(last)
        doc = first_words + last_words
        if organisation is not None:
            doc.extend(self._words(organisation))
        if person.email:
            doc.extend(address_words(person.email))
        address = person.address
        city: str | None = None
        postcode = ""
        if address is not None:
            postcode = address[2]
            city = address[3] or None
            doc.extend(self._words(address[3]))
            doc.extend(self._words(postcode))
        for number, _label in person.phones:
            doc.extend(validation.phone_search_words(number))
        if person.owner_id != self.owner[0]:
            self.owner = (person.owner_id, self.codec.id(person.owner_id))
        audit = self.audit
        party_id = person.id
        self.rows.tables["party"].append(
            (
                party_id,
                "person",
                person.civility or None,
                first or None,
                last or None,
                f"{first} {last}" if first and last else first or last,
                person.job_title or None,
                None,
                None,
                None,
                person.notes or None,
                " ".join(last_words + first_words)[:250],  # sort_key(f"{last} {first}")
                organisation,
                self._key(organisation),
                person.email.casefold(),
                person.phones[0][0] if person.phones else "",
                city,
                self._key(city),
                postcode,
                " ".join(dict.fromkeys(doc)),
                search_key,
                1,
                *self.deleted_and_audit,
                self.owner[1],
                self.private,
            )
        )
        tables, next_id = self.rows.tables, self.next_id
        yes, no = self.yes, self.no
        if person.email:
            tables["party_email"].append((next_id(), party_id, person.email, _WORK, yes, 0, *audit))
        for i, (number, label) in enumerate(person.phones):
            tables["party_phone"].append((next_id(), party_id, number, label, yes if i == 0 else no, i, *audit))
        if address is not None:
            tables["party_address"].append((next_id(), party_id, _WORK, *address, "FR", yes, 0, *audit))
        if person.organisation_id is not None:
            organisation_id = self.codec.id(person.organisation_id)
            tables["affiliation"].append((next_id(), party_id, organisation_id, person.job_title, yes, 0, *audit))

    def reserve(self, chunk: list[Loadable]) -> None:
        """The ids of the child rows `add` will write for the chunk's plain persons, made at once."""
        count = 0
        for item in chunk:
            if type(item) is PlainPerson:
                count += len(item.phones) + bool(item.email) + (item.address is not None)
                count += item.organisation_id is not None
        self.next_id = iter(uuid7_hex(count)).__next__


def _chunked(items: Iterable[Loadable], size: int) -> Iterable[list[Loadable]]:
    chunk: list[Loadable] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _party_rows(
    rows: _Rows,
    codec: _Codec,
    bulk: BulkParty,
    names: dict[uuid.UUID, str],
    tag_ids: dict[str, uuid.UUID],
    audit: tuple[Any, ...],
    *,
    search_key: int | None,
) -> None:
    draft = bulk.draft
    party_id = codec.id(bulk.id)
    yes, no = codec.flag(True), codec.flag(False)
    # The party's own rows, but not the tags (shared with other parties), may leave the stamps out.
    own = audit if rows.stamped else ()
    columns = party_columns(draft, [names[a.organisation_id] for a in draft.affiliations])
    columns.update(
        id=party_id,
        birth_date=codec.date(draft.birth_date),
        owner_id=codec.id(draft.owner_id),
        private=codec.flag(draft.private),
        search_key=search_key,
        version=1,
        deleted_at=None,
        **(dict(zip(AUDIT, own, strict=True)) if own else {}),
    )
    rows.add("party", tuple(columns[c] for c in (*_columns_of("party", rows.stamped), *OWNERSHIP_COLUMNS)))
    for i, email in enumerate(draft.emails):
        rows.add(
            "party_email", (codec.id(uuid7()), party_id, email.address, email.label, yes if i == 0 else no, i, *own)
        )
    for i, phone in enumerate(draft.phones):
        rows.add(
            "party_phone", (codec.id(uuid7()), party_id, phone.number, phone.label, yes if i == 0 else no, i, *own)
        )
    for i, a in enumerate(draft.addresses):
        rows.add(
            "party_address",
            (
                codec.id(uuid7()),
                party_id,
                a.label,
                a.street,
                a.street2,
                a.postcode,
                a.city,
                a.country,
                yes if i == 0 else no,
                i,
                *own,
            ),
        )
    for r in draft.roles:
        rows.add(
            "party_role",
            (
                codec.id(uuid7()),
                party_id,
                r.role,
                codec.date(r.since),
                codec.date(r.until),
                r.status,
                r.category,
                r.note,
                *own,
            ),
        )
    for i, link in enumerate(draft.affiliations):
        rows.add(
            "affiliation",
            (
                codec.id(uuid7()),
                party_id,
                codec.id(link.organisation_id),
                link.function,
                yes if i == 0 else no,
                i,
                *own,
            ),
        )
    for tag in draft.tags:
        tag_id = tag_ids.get(tag.casefold())
        if tag_id is None:
            tag_id = tag_ids[tag.casefold()] = uuid7()
            rows.add("tag", (codec.id(tag_id), tag, "#607d8b", 1, None, *audit))
        rows.add("party_tag", (party_id, codec.id(tag_id)))


def _columns_of(table: str, stamped: bool = True) -> tuple[str, ...]:
    if not stamped and table in _UNSTAMPED_COLUMNS:
        return _UNSTAMPED_COLUMNS[table]
    return PARTY_COLUMNS if table == "party" else CHILD_COLUMNS[table]


def _row_security_active(cursor: Any, table: str) -> bool:
    """Whether row-level security applies to the connected role on `table` (then COPY is refused)."""
    cursor.execute("SELECT row_security_active(%s)", (table,))
    found = cursor.fetchone()
    return bool(found and found[0])


def _table_rows(rows: _Rows, table: str) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """Columns and rows to write; party rows carry the ownership columns only when one is set."""
    data = rows.tables[table]
    columns = _columns_of(table, rows.stamped)
    if table != "party":
        return columns, data
    extra = len(OWNERSHIP_COLUMNS)
    if any(any(row[-extra:]) for row in data):
        return (*columns, *OWNERSHIP_COLUMNS), data
    return columns, [row[:-extra] for row in data]


#: The tables a load writes (besides its callers' `extra_tables`).
BULK_TABLES = ("party", "party_email", "party_phone", "party_address", "party_role", "affiliation", "party_tag")


#: How long a big SQLite load waits for the WAL to be emptied before it starts (`_empty_the_wal`).
WAL_WAIT_SECONDS = 15.0
#: How long a big SQLite load waits for the WAL while another connection keeps the write lock.
WRITER_PATIENCE_SECONDS = 2.0
#: Helper threads of SQLite's sorter while a big load rebuilds its indexes.
SORT_THREADS = 2


#: SQLite indexes a big load keeps up row by row instead of rebuilding: the loaded rows' keys
#: (new ids, which grow; the load's one stamp; no deletion date, no owner) all land at one end,
#: or at one spot, of each, so their pages stay in the cache. Rebuilt, they cost a tenth of an
#: import into a workspace of a million contacts (each rebuild sorts the stored rows again),
#: while the writer process, which keeps them, waits on the loading process half of the time.
KEPT_SQLITE_INDEXES = frozenset(
    {
        "ix_party_live_kind",
        "ix_party_live_updated_at",
        "ix_party_deleted_at",
        "ix_party_owner_id",
        "ix_party_address_party_id",
        "ix_party_email_party_id",
        "ix_party_phone_party_id",
        "ix_affiliation_person_id",
    }
)


def _drop_indexes(conn: Connection) -> list[str]:
    """SQLite: drop the loaded tables' secondary indexes (but KEPT_SQLITE_INDEXES) and the FTS
    triggers; return the DDL to replay."""
    # Keep the exact DDL the migrations wrote, drop, load, and replay it.
    listed = ", ".join(f"'{table}'" for table in BULK_TABLES)
    objects = conn.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "  # noqa: S608
        f"((type = 'index' AND tbl_name IN ({listed})) OR (type = 'trigger' AND tbl_name = 'party'))"
    ).all()
    saved: list[str] = []
    for kind, name, sql in objects:
        if name in KEPT_SQLITE_INDEXES:
            continue
        conn.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
        saved.append(sql)
    return [*_search_index_settings(conn, FTS_LOAD_SETTINGS), *saved]


#: FTS5 settings while a big load writes the search index (`_drop_indexes` to `_restore_indexes`).
#: A larger in-memory table of pending words (FTS5 writes it out as a new segment each time it
#: fills; 1 MiB by default) and merges of 16 segments instead of 4 write each word fewer times:
#: at a million contacts the index took half the time (14 s, then 7 s), and type-ahead searches
#: on the segments left were as fast. The 8 MiB are the writer process's, during the load only.
FTS_LOAD_SETTINGS = {"hashsize": 8 * 1024 * 1024, "automerge": 16}
#: FTS5 settings while the updates of an import run, after the load (`_restore_indexes`): its
#: segments are not merged then, but once, after the last update (`_merge_crowded_levels`).
#: Merged as the updates came (a level reaching 16 segments), they stalled the updates of a
#: million-row import into a million contacts three times, 8 s in all; merged once at the end,
#: the same levels took 4.4 s. `usermerge` 16 makes that final merge merge only the levels
#: holding 16 segments, FTS5's own limit (`crisismerge`) for merging a level at the next write.
FTS_UPDATE_SETTINGS = {"automerge": 0, "crisismerge": 64, "usermerge": 16}
#: FTS5's own values for a setting party_fts_config does not hold.
FTS_DEFAULT_SETTINGS = {"hashsize": 1024 * 1024, "automerge": 4, "crisismerge": 16, "usermerge": 4}
FTS_SETTING_SQL = "INSERT INTO party_fts(party_fts, rank) VALUES ('{name}', {value})"
#: Merges the levels of party_fts holding `usermerge` segments or more, about this many pages at a time.
FTS_MERGE_SQL = "INSERT INTO party_fts(party_fts, rank) VALUES ('merge', 2000)"


def _search_index_settings(conn: Connection, settings: dict[str, int]) -> list[str]:
    """Give party_fts these settings; return the statements that give it back the current ones."""
    stored: dict[str, Any] = {row[0]: row[1] for row in conn.exec_driver_sql("SELECT k, v FROM party_fts_config")}
    restore = []
    for name, value in settings.items():
        current = int(stored.get(name, FTS_DEFAULT_SETTINGS[name]))
        conn.exec_driver_sql(FTS_SETTING_SQL.format(name=name, value=int(value)))
        restore.append(FTS_SETTING_SQL.format(name=name, value=current))
    return restore


def _restore_indexes(conn: Connection, saved: list[str], between: Callable[[], None] | None = None) -> None:
    """Replay what `_drop_indexes` saved: the FTS triggers first, then the indexes, calling
    `between()` before each index (what it writes is indexed and searchable as any other
    write), then the search index's settings."""
    # SQLite's FTS rows were written chunk by chunk (`_write_sqlite`): a 'rebuild' would index
    # every stored party again, a million of them when importing into a full workspace.
    # The sorts of CREATE INDEX may use helper threads: the loading process has read every row by now.
    conn.exec_driver_sql(f"PRAGMA threads = {SORT_THREADS}")
    triggers = [ddl for ddl in saved if ddl.startswith("CREATE TRIGGER")]
    settings = [sql for sql in saved if sql.startswith("INSERT INTO party_fts")]
    # The contacts list's wide index last: every update rewrites its entry.
    indexes = sorted(
        (ddl for ddl in saved if ddl not in triggers and ddl not in settings),
        key=lambda ddl: "ix_party_live_list" in ddl,
    )
    for sql in triggers:
        conn.exec_driver_sql(sql)
    # The updates written between the builds go through the search index's triggers unmerged.
    quiet = _search_index_settings(conn, FTS_UPDATE_SETTINGS) if settings else []
    for sql in indexes:
        if between is not None:
            between()
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql("PRAGMA threads = 0")
    if quiet:
        _merge_crowded_levels(conn)
    # The search index's own settings last: the updates written meanwhile go through its
    # triggers in the same bigger steps (20,000 updates of people among two million: 2.9 s,
    # against 7.7 s with FTS5's defaults). The load's settings were in place when `quiet`
    # was read: the load's own restore statements come after its.
    for sql in [*quiet, *settings]:
        conn.exec_driver_sql(sql)
    # Exact statistics (2 s a million contacts): with `analysis_limit`, a sample of 2,000 rows
    # caps every estimate of rows per key at 2,001, so a city or a kind looks a hundred times
    # more selective than it is at a million contacts.
    conn.exec_driver_sql("ANALYZE")


def _merge_crowded_levels(conn: Connection) -> None:
    """Merge the levels of party_fts that hold `usermerge` segments or more, until none does.

    Left as they are, the next write to the index (one contact saved) would merge such a level
    all at once: seconds for a level of a million contacts' words. FTS5 counts two changes or
    more for a 'merge' that did some work, fewer for one that found nothing to do.
    """
    driver = conn.connection.driver_connection
    assert driver is not None
    while True:
        before = driver.total_changes
        conn.exec_driver_sql(FTS_MERGE_SQL)
        if driver.total_changes - before < 2:
            return


#: The indexes an empty-workspace load drops and builds again (`_EmptyWorkspaceLoad`): their keys
#: (names, addresses, numbers, postcodes, organisations) come in no order, so each row's insert
#: lands on a random page. The others are kept up row by row: the load's own ids and stamps grow
#: at one end of theirs. The contacts list's wide index was kept up too while the client was the
#: slower side; since the server is (its parsing and the history cost more than the client's rows),
#: building it at the end takes 3 s where keeping it up took the server 5 to 6 s during the load.
REBUILT_INDEXES = frozenset(
    {
        "ix_party_live_list",
        "ix_party_email_address",
        "ix_party_email_lower_address",
        "ix_party_phone_number",
        "ix_party_live_city_key",
        "ix_party_live_organisation_key",
        "ix_party_live_postcode",
        "ix_party_live_primary_email",
        "ix_party_live_primary_phone",
        "ix_affiliation_organisation_id",
    }
)


#: Triggers an empty-workspace load turns off on the tables holding a party's own rows (its
#: e-mails, phones, roles...), where they could only repeat what the load does: the history
#: trigger records a party's first rows as part of its creation (so, for a load that creates
#: every party, nothing, after one look-up in `record_history` per row), and the contacts list's
#: summaries are written by the loader with the party rows (`_ListSummaries`). The creation of
#: each party (and tag) is still recorded by their own tables' triggers.
PARTY_ROWS_TABLES = ("party_email", "party_phone", "party_address", "party_role", "affiliation", "party_tag")
QUIET_TRIGGERS = ("ekocrm_track_ins", "party_list_ins")


class _NotAlone(Exception):
    """The workspace was not empty once locked: the load goes the ordinary way."""


class _EmptyWorkspaceLoad:
    """PostgreSQL: a big load into an empty workspace, with the tables it writes to itself.

    With nothing stored, nothing can match and nothing stored can be pointed at, so the load
    does what a restore does: it takes its tables for its transaction (ACCESS EXCLUSIVE:
    other sessions wait for the commit, as behind a restore), drops their foreign keys and
    costliest indexes, copies the rows, then builds each index in one sort and checks each
    foreign key in one join. At a million contacts, index upkeep was 41% of the server's time
    and the per-row key checks 19%; the server, not the client, was the bottleneck. A row that
    breaks a key fails its check at the end, and the whole load rolls back: the guarantees
    are those of the live constraints.

    Taken only where the login owns every table involved (dropping needs it) and gets their
    locks within LOCK_WAIT; otherwise the load keeps its indexes and constraints. Only the
    indexes of REBUILT_INDEXES are rebuilt; the search's GIN index stays too (building it
    afresh cost as much as its own fast inserts). The QUIET_TRIGGERS of PARTY_ROWS_TABLES are
    off until the end (a tenth of the server's time at a million contacts, for nothing recorded).
    Every change is part of the transaction: a rollback gives the schema back as it was.
    """

    LOCK_WAIT = "5s"

    def __init__(
        self,
        conn: Connection,
        tables: Sequence[str],
        indexes: list[str],
        keys: list[tuple[str, str, str]],
        triggers: list[tuple[str, str]],
    ):
        self.conn = conn
        self.tables = tables
        self.indexes = indexes
        self.keys = keys
        self.triggers = triggers
        #: (table, column, the default it had as SQL or None) of each default `set_defaults` changed.
        self.defaults: list[tuple[str, str, str | None]] = []

    @classmethod
    def take(cls, session: Session, tables: Sequence[str]) -> _EmptyWorkspaceLoad | None:
        conn = session.connection()
        # Only a login that sees every row can tell that the workspace is empty.
        if conn.exec_driver_sql("SELECT row_security_active('party')").scalar():
            return None
        if conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM party)").scalar():
            return None
        present = [
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
                "AND relkind = 'r' AND relname = ANY(%(tables)s)",
                {"tables": list(tables)},
            )
        ]
        keys = conn.exec_driver_sql(
            "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid), r.relname FROM pg_constraint c "
            "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid "
            "WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace "
            "AND t.relname = ANY(%(tables)s) ORDER BY t.relname, c.conname",
            {"tables": present},
        ).all()
        # Dropping a foreign key also takes the table it points at.
        locked = sorted({*present, *(row[3] for row in keys)})
        owned = conn.exec_driver_sql(
            "SELECT bool_and(pg_has_role(relowner, 'USAGE')) FROM pg_class "
            "WHERE relnamespace = current_schema()::regnamespace AND relname = ANY(%(tables)s)",
            {"tables": locked},
        ).scalar()
        if not owned:
            return None
        waited = conn.exec_driver_sql("SELECT current_setting('lock_timeout')").scalar()
        try:
            # Locks taken after a savepoint go with it when it is rolled back.
            with session.begin_nested():
                session.connection()  # the SAVEPOINT is emitted here, not by begin_nested()
                conn.exec_driver_sql("SELECT set_config('lock_timeout', %(wait)s, true)", {"wait": cls.LOCK_WAIT})
                conn.exec_driver_sql(f"LOCK TABLE {', '.join(locked)} IN ACCESS EXCLUSIVE MODE")
                if conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM party)").scalar():
                    raise _NotAlone
                conn.exec_driver_sql("SELECT set_config('lock_timeout', %(wait)s, true)", {"wait": waited})
        except _NotAlone:
            return None
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != "55P03":  # lock_not_available
                raise
            log.info("bulk load: the tables are busy, loading with their indexes")
            return None
        indexes = []
        for name, sql in conn.exec_driver_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%(tables)s) AND indexname = ANY(%(rebuilt)s) ORDER BY indexname",
            {"tables": present, "rebuilt": sorted(REBUILT_INDEXES)},
        ).all():
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
            indexes.append(sql)
        for table, name, _definition, _target in keys:
            conn.exec_driver_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        triggers = [
            (row[0], row[1])
            for row in conn.exec_driver_sql(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relnamespace = current_schema()::regnamespace "
                "AND c.relname = ANY(%(tables)s) AND t.tgname = ANY(%(names)s) ORDER BY 1, 2",
                {"tables": [t for t in present if t in PARTY_ROWS_TABLES], "names": list(QUIET_TRIGGERS)},
            )
        ]
        for table, name in triggers:
            conn.exec_driver_sql(f'ALTER TABLE "{table}" DISABLE TRIGGER "{name}"')
        return cls(
            conn, present, indexes, [(table, name, definition) for table, name, definition, _target in keys], triggers
        )

    def set_defaults(self, tables: Sequence[str], values: dict[str, Any]) -> None:
        """Make `values` (column: what every row this load writes to `tables` holds there) those
        tables' defaults until `restore`, so that the rows can leave them out.

        The server then reads no stamp, the costliest value to parse, on any row: a million
        contacts' tables parsed one of them about every microsecond of the load, and the client
        formats four values fewer per row.
        """
        present = [table for table in tables if table in self.tables]
        found = self.conn.exec_driver_sql(
            "SELECT c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a "
            "JOIN pg_class c ON c.oid = a.attrelid "
            "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname = ANY(%(tables)s) "
            "AND a.attname = ANY(%(columns)s) AND a.attnum > 0 AND NOT a.attisdropped",
            {"tables": present, "columns": list(values)},
        ).all()
        columns: dict[str, dict[str, str | None]] = {}
        for table, column, default in found:
            columns.setdefault(table, {})[column] = default
        missing = [table for table in present if set(columns.get(table, ())) != set(values)]
        if missing:
            raise RuntimeError(f"bulk load: {', '.join(missing)} lack columns of {', '.join(values)}")
        from psycopg import sql as psycopg_sql  # loaded already: this is a PostgreSQL connection

        raw = self.conn.connection.driver_connection
        assert raw is not None
        for table in present:
            changes = psycopg_sql.SQL(", ").join(
                psycopg_sql.SQL("ALTER COLUMN {} SET DEFAULT {}").format(
                    psycopg_sql.Identifier(column), psycopg_sql.Literal(value)
                )
                for column, value in values.items()
            )
            statement = psycopg_sql.SQL("ALTER TABLE {} {}").format(psycopg_sql.Identifier(table), changes)
            self.conn.exec_driver_sql(statement.as_string(raw).replace("%", "%%"))
            self.defaults.extend((table, column, columns[table][column]) for column in values)

    def restore(self) -> None:
        """Give the columns their defaults back, build the indexes, check and restore the foreign
        keys, and refresh the statistics."""
        for table, column, default in self.defaults:
            change = "DROP DEFAULT" if default is None else f"SET DEFAULT {default}"
            self.conn.exec_driver_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" {change}'.replace("%", "%%"))
        # One sort per index: more memory for the sorts keeps them off the disk.
        self.conn.exec_driver_sql("SELECT set_config('maintenance_work_mem', '256MB', true)")
        for sql in self.indexes:
            self.conn.exec_driver_sql(sql)
        for table, name, definition in self.keys:
            self.conn.exec_driver_sql(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        for table, name in self.triggers:
            self.conn.exec_driver_sql(f'ALTER TABLE "{table}" ENABLE TRIGGER "{name}"')
        # The history got a row per party created: its statistics too (nothing read it meanwhile).
        self.conn.exec_driver_sql(f"ANALYZE {', '.join([*self.tables, *_history_table(self.conn)])}")


_SEARCH_KEY = PARTY_COLUMNS.index("search_key")


def _refresh_sqlite_statistics(conn: Connection, loaded: int) -> None:
    """ANALYZE the loaded tables whose statistics are missing or that the load grew by a tenth.

    Small loads keep the indexes (no `_restore_indexes` and its ANALYZE), and the connection's
    `PRAGMA optimize` waits for the app to close: a workspace filled by small imports had no
    statistics, and the next import's look-ups by e-mail read every party (120 ms a chunk at
    50,000 contacts).
    """
    try:
        rows = conn.exec_driver_sql("SELECT tbl, stat FROM sqlite_stat1").all()
    except DBAPIError:  # no ANALYZE ever ran: no statistics table yet
        rows = []
    counted: dict[str, int] = {}
    for table, stat in rows:
        head = str(stat or "").split(" ", 1)[0]
        if head.isdigit():
            counted[table] = max(counted.get(table, 0), int(head))
    for table in ("party", "party_email", "party_phone", "party_address", "affiliation"):
        if counted.get(table, 0) < loaded * 10:
            conn.exec_driver_sql(f"ANALYZE {table}")


def sqlite_insert(table: str, columns: Sequence[str]) -> str:
    """An INSERT of `columns` with `?` placeholders (SQLite's driver, in order)."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"  # noqa: S608


#: The search words of a chunk's live parties, by their key range (see `_write_sqlite`).
FTS_CHUNK_SQL = (
    "INSERT INTO party_fts(rowid, search_doc) SELECT search_key, search_doc FROM party "
    "WHERE search_key BETWEEN ? AND ? AND +deleted_at IS NULL"
)


def _write_sqlite(conn: Connection, rows: _Rows, *, index_search: bool = False) -> None:
    """Insert the chunk's rows; `index_search` also adds its live parties to party_fts (triggers dropped)."""
    tables = [(table, *_table_rows(rows, table)) for table in TABLE_ORDER]
    for table, columns, data in [*tables, *rows.extra]:
        if data:
            conn.exec_driver_sql(sqlite_insert(table, columns), data)
    keys = [row[_SEARCH_KEY] for row in rows.tables["party"] if row[_SEARCH_KEY] is not None] if index_search else []
    if keys:
        # What the party_fts_ai trigger would have written, for the whole chunk at once. The
        # load numbers its parties in order from the stored maximum, so the chunk's parties are
        # exactly those of its key range; one statement, so the driver releases the GIL for
        # all the tokenising (an executemany takes it back after each row). `+deleted_at`: read
        # through the key range, never through a kept index on the deletion date (with no
        # statistics yet, SQLite preferred it, and read every party loaded so far for each chunk).
        conn.exec_driver_sql(FTS_CHUNK_SQL, (min(keys), max(keys)))


class _ListSummaries:
    """PostgreSQL: the contacts list's `party.list_tags` and `list_roles` (migration 0025) of loaded parties.

    Triggers on `party_tag` and `party_role` keep them, one UPDATE of `party` per statement:
    for a load that rewrote every party it had just written (a 34,500-party demo load took
    twice as long). The loader writes them with the party rows instead, and tells the
    triggers so for its own child rows (`ekocrm.list_summaries`, a transaction-local setting).
    """

    def __init__(self, tag_names: dict[Any, str]) -> None:
        self.tag_names = tag_names

    @classmethod
    def of(cls, conn: Connection, tag_ids: dict[str, uuid.UUID]) -> _ListSummaries | None:
        """None on a schema without the summaries (older revisions still load demo data)."""
        present = conn.exec_driver_sql(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = 'party' AND column_name = 'list_roles'"
        ).first()
        if present is None:
            return None
        names: dict[Any, str] = {row[0]: row[1] for row in conn.execute(select(Tag.id, Tag.name))}
        # Keyed as the rows carry the ids (`_Codec.id`).
        return cls({tag_id.hex: names[tag_id] for tag_id in tag_ids.values() if tag_id in names})

    def party_rows(self, rows: _Rows, columns: tuple[str, ...], data: list[tuple[Any, ...]]) -> Any:
        """The party columns and rows with their summaries appended."""
        for tag_row in rows.tables["tag"]:
            self.tag_names[tag_row[0]] = tag_row[1]
        tags: dict[Any, list[str]] = {}
        for party_id, tag_id in rows.tables["party_tag"]:
            tags.setdefault(party_id, []).append(self.tag_names[tag_id])
        spans: dict[Any, list[str]] = {}
        for role_row in rows.tables["party_role"]:
            spans.setdefault(role_row[1], []).append(role_span(role_row[2], role_row[3], role_row[4]))
        if not tags and not spans:
            return columns, data
        summarised = []
        for row in data:
            party_tags, party_spans = tags.get(row[0]), spans.get(row[0])
            summarised.append(
                (
                    *row,
                    LIST_SEPARATOR.join(sorted(party_tags)) if party_tags else None,
                    LIST_SEPARATOR.join(sorted(party_spans)) if party_spans else None,
                )
            )
        return (*columns, "list_tags", "list_roles"), summarised


class _PostgresWriter:
    """Writes a load's chunks to PostgreSQL on one connection, in the load's transaction.

    What does not change during the transaction is asked or set once per load, not per chunk:
    whether row-level security applies to each table (the login cannot change), and the
    `ekocrm.list_summaries` setting (every party_tag and party_role row of the load belongs to a
    party the load wrote with its summaries). That is 8 of a chunk's ~15 round trips, each one
    a wait for the server and then for this thread to get the GIL back from the thread
    building the next chunk.
    """

    def __init__(
        self,
        conn: Connection,
        summaries: _ListSummaries | None = None,
        *,
        binary: bool = False,
        constant: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self.conn = conn
        self.summaries = summaries
        self.secured: dict[str, bool] = {}
        self.summaries_announced = False
        #: Send the tables whose columns allow it in COPY's binary format (`_binary_types`).
        self.binary = binary
        self.types: dict[tuple[str, tuple[str, ...]], list[str] | None] = {}
        self.binary_cursor: Any = None
        #: Columns of the callers' tables that are those tables' defaults: left out of their rows.
        self.constant = constant or {}

    def write(self, rows: _Rows) -> None:
        for table in TABLE_ORDER:
            columns, data = _table_rows(rows, table)
            if not data:
                continue
            if table == "party" and self.summaries is not None:
                columns, data = self.summaries.party_rows(rows, columns, data)
                if not self.summaries_announced:
                    # The load's child rows are its parties': their summaries are written already.
                    self.conn.exec_driver_sql("SELECT set_config('ekocrm.list_summaries', 'written', true)")
                    self.summaries_announced = True
            self.copy(table, columns, data)
        for table, columns, data in rows.extra:
            if table in self.constant:
                columns, data = _without(columns, data, self.constant[table])
            self.copy(table, columns, data)

    def copy(self, table: str, columns: Sequence[str], data: list[tuple[Any, ...]]) -> None:
        raw = self.conn.connection.driver_connection
        assert raw is not None
        secured = self.secured.get(table)
        if secured is None:
            with raw.cursor() as cursor:
                secured = self.secured[table] = _row_security_active(cursor, table)
        if self.binary and not secured:
            key = (table, tuple(columns))
            if key not in self.types:
                self.types[key] = _binary_types(raw, table, columns)
            types = self.types[key]
            if types is not None:
                if self.binary_cursor is None:
                    # Its own adapters: the connection's other statements still send UUIDs as psycopg does.
                    self.binary_cursor = raw.cursor()
                    self.binary_cursor.adapters.register_dumper(_HexId, _hex_uuid_dumper())
                _copy_binary(self.binary_cursor, table, columns, types, data)
                return
        copy_rows(self.conn, table, columns, data, row_security=secured)


def _without(
    columns: Sequence[str], data: list[tuple[Any, ...]], left_out: frozenset[str]
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The columns but `left_out`, and the rows with only those."""
    kept = [i for i, column in enumerate(columns) if column not in left_out]
    if len(kept) == len(columns):
        return tuple(columns), data
    pick = operator.itemgetter(*kept)
    if len(kept) == 1:
        return (columns[kept[0]],), [(pick(row),) for row in data]
    return tuple(columns[i] for i in kept), [pick(row) for row in data]


#: The column types an empty-workspace load sends in COPY's binary format, as the values the
#: loader holds for them: ids as 32 hex digits, texts, flags, counts and dates (no stamps: its
#: rows leave them out). The server parses none of them then: a third less of its time on the
#: e-mails, phones and addresses, and less client time on the party rows (nothing to escape).
_BINARY_TYPES = frozenset({"uuid", "text", "varchar", "bool", "int2", "int4", "int8", "date"})


def _binary_types(raw: Any, table: str, columns: Sequence[str]) -> list[str] | None:
    """The types of `columns` for a binary COPY into `table`, or None if one cannot go in binary."""
    with raw.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
            "WHERE a.attrelid = to_regclass(%s) AND a.attnum > 0 AND NOT a.attisdropped",
            (table,),
        )
        types = dict(cursor.fetchall())
    if not all(types.get(column) in _BINARY_TYPES for column in columns):
        return None
    return [types[column] for column in columns]


class _HexId:
    """Stands for the ids the loader holds as hex text (str), in `_hex_uuid_dumper`'s registration."""


@functools.cache
def _hex_uuid_dumper() -> type:
    from psycopg import adapt, postgres, pq  # loaded already: a PostgreSQL load is running

    class HexUuidDumper(adapt.Dumper):
        """A uuid column's value in binary from the 32 hex digits the loader holds (or a UUID)."""

        format = pq.Format.BINARY
        oid = postgres.types["uuid"].oid

        def dump(self, obj: Any) -> bytes:
            return bytes.fromhex(obj) if type(obj) is str else obj.bytes

    return HexUuidDumper


def _copy_binary(
    cursor: Any, table: str, columns: Sequence[str], types: list[str], data: list[tuple[Any, ...]]
) -> None:
    """COPY rows in binary on `cursor`, whose adapters send uuid columns with `_hex_uuid_dumper`."""
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(types)
        for row in data:
            copy.write_row(row)


def copy_rows(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    data: list[tuple[Any, ...]],
    *,
    row_security: bool | None = None,
) -> None:
    """Write rows to a PostgreSQL table through COPY (pipelined INSERTs where row-level security applies).

    `row_security` says whether it applies, when the caller knows already (else it is asked).
    """
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cursor:
        if row_security is None:
            row_security = _row_security_active(cursor, table)
        if row_security:
            # PostgreSQL refuses COPY FROM where row-level security applies (a team member's
            # login): pipelined INSERTs instead, checked by the same policies.
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('%s' for _ in columns)})"  # noqa: S608
            cursor.executemany(sql, data)
            return
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in data:
                copy.write_row(row)
