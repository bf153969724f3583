"""Engines for SQLite files and PostgreSQL servers, with the pragmas and options we rely on."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_CACHE_KIB = 16 * 1024


#: What SQLite says when another connection held the write lock past the busy timeout.
SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked", "database is busy")


def is_busy_error(exc: BaseException) -> bool:
    """Whether an error means "another window or program is writing to this SQLite workspace"
    (a big import holds the write lock for a minute or more): retry later, nothing is wrong."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    return isinstance(exc, sqlite3.OperationalError) and str(exc).lower().startswith(SQLITE_BUSY_MESSAGES)


def sqlite_url(path: Path | str, *, read_only: bool = False) -> URL:
    """URL of a SQLite file, optionally opened read-only through SQLite's URI syntax."""
    path = Path(path).resolve()
    if read_only:
        return make_url(f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true")
    return URL.create("sqlite", database=str(path))


def _install_sqlite_hooks(engine: Engine, *, foreign_keys: bool, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself: pysqlite's implicit transactions
        # would make DDL non-transactional and forbid BEGIN IMMEDIATE (SQLAlchemy sqlite docs).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        # 16 MB of page cache per connection (the default is 2 MB): list pages and search
        # stay in memory on a million-contact workspace, and the few pooled connections of the
        # window and its workers keep the whole app under 200 MB (32 MB each went over).
        cur.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        if not read_only:
            cur.execute("PRAGMA journal_mode = WAL")
            # FULL: a committed contact survives power loss, not only an app crash (ARCHITECTURE §4).
            cur.execute("PRAGMA synchronous = FULL")
        cur.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cur.close()

    if not read_only:

        @event.listens_for(engine, "close")
        def _on_close(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
            # Planner statistics for the tables this connection queried, when they have none or
            # grew tenfold: without them the list's name order is read through the deleted_at
            # index and sorted, on every page. No analysis_limit: its sampled statistics made
            # "deleted_at IS NULL" look selective on a million contacts and every search slow.
            try:
                # Never hold up closing the app behind another program's write.
                dbapi_conn.execute("PRAGMA busy_timeout = 100")
                dbapi_conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                log.debug("PRAGMA optimize skipped", exc_info=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the lock up front, so two writers queue on busy_timeout instead of
        # failing at once when both try to upgrade a read lock.
        if conn.get_execution_options().get("ekocrm_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def make_engine(
    url: URL | str,
    *,
    read_only: bool = False,
    foreign_keys: bool = True,
    connect_timeout: int = 10,
    **kwargs: Any,
) -> Engine:
    """Create an engine for either backend.

    `foreign_keys=False` is for migrations only: SQLite batch migrations recreate tables and
    with foreign keys on, `ON DELETE CASCADE` would empty the child tables (ARCHITECTURE §6).
    """
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        read_only = read_only or url.query.get("mode") == "ro"
        engine = create_engine(url, **kwargs)
        _install_sqlite_hooks(engine, foreign_keys=foreign_keys, read_only=read_only)
        return engine
    if url.get_backend_name() == "postgresql":
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args.setdefault("connect_timeout", connect_timeout)
        connect_args.setdefault("application_name", "EkoCRM")
        # No JIT: it compiled for 100-120 ms on segment counts over a million parties that run
        # in well under that without it (EXPLAIN ANALYZE, bench/domains_segments.py).
        connect_args.setdefault("options", "-c jit=off")
        if "poolclass" not in kwargs:
            kwargs.setdefault("pool_size", 5)
        # pre_ping: a connection the server dropped (restart, network) is replaced, not reused.
        engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True, **kwargs)
        if read_only:

            @event.listens_for(engine, "connect")
            def _on_connect(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
                with dbapi_conn.cursor() as cur:
                    cur.execute("SET default_transaction_read_only = on")
                dbapi_conn.commit()

        return engine
    raise ValueError(f"unsupported database: {url.get_backend_name()}")


def safe_url_text(url: URL | str) -> str:
    """The URL as text with its password hidden: the only form that may reach a log."""
    return make_url(url).render_as_string(hide_password=True)
