"""The open database of a workspace: engine, sessions, flush hooks and change announcements.

Services receive a `Database` (the session factory) and open one session per user action:

    with db.write_session() as session:
        ...
        session.commit()          # explicit; leaving the block without it rolls back

Widgets never see sessions or ORM objects (ARCHITECTURE §5).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from ekocrm_desktop.db import history
from ekocrm_desktop.models.base import AuditMixin, utcnow
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]


class ReadOnlyDatabaseError(RuntimeError):
    """A write was attempted on a database opened read-only."""


@dataclasses.dataclass(frozen=True)
class Changes:
    """What a write changed: entity kinds ("party", "tag", ...) and the ids touched.

    The UI forwards it as one application-level signal; each page decides what to refresh.
    """

    kinds: frozenset[str]
    ids: frozenset[UUID] = frozenset()
    #: True when the change came from another client (live updates on a shared database).
    remote: bool = False
    #: Changes may have been missed (a lost connection came back): refresh everything shown.
    resync: bool = False

    @classmethod
    def of(cls, kind: str, ids: Iterable[UUID] = (), *more_kinds: str) -> Changes:
        """Changes of one or more kinds for the given ids."""
        return cls(frozenset((kind, *more_kinds)), frozenset(ids))

    def touches(self, *kinds: str) -> bool:
        """Whether any of `kinds` changed (always, after a resync)."""
        return self.resync or not self.kinds.isdisjoint(kinds)


ChangeListener = Callable[[Changes], None]


class Database:
    """Engine plus session factories for one workspace database."""

    def __init__(
        self,
        engine: Engine,
        *,
        actor: str,
        clock: Clock = utcnow,
        read_only: bool = False,
        read_only_reason: str = "",
    ) -> None:
        self.engine = engine
        self.actor = actor
        self.clock = clock
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.dialect = engine.dialect.name
        self._listeners: list[ChangeListener] = []
        self._listeners_lock = threading.Lock()
        info = {"actor": actor, "clock": clock, "dialect": self.dialect}
        # expire_on_commit=False: services build DTOs after commit without reloading rows.
        self._read = sessionmaker(bind=engine, expire_on_commit=False, info=info)
        self._write = sessionmaker(bind=engine.execution_options(ekocrm_write=True), expire_on_commit=False, info=info)
        event.listen(self._read, "before_flush", _before_flush)
        event.listen(self._write, "before_flush", _before_flush)
        #: Identifies this client's own writes in live-update notifications (PostgreSQL).
        self.client_id = uuid7().hex
        if self.dialect == "sqlite":
            # One writer on a file: the session records the change history (PostgreSQL: triggers).
            history.install_recorder(self._read)
            history.install_recorder(self._write)
        elif self.dialect == "postgresql":
            event.listen(engine, "checkout", self._tag_connection)

    @property
    def is_sqlite(self) -> bool:
        """Whether this is an embedded SQLite file."""
        return self.dialect == "sqlite"

    def session(self) -> Session:
        """A session for reading (it may write, but prefer `write_session` for writes)."""
        return self._read()

    def write_session(self) -> Session:
        """A session for a write; takes the SQLite write lock at BEGIN."""
        if self.read_only:
            raise ReadOnlyDatabaseError(self.read_only_reason or "database opened read-only")
        return self._write()

    # ------------------------------------------------------------------ change announcements
    def add_listener(self, listener: ChangeListener) -> None:
        """Call `listener` after every committed write (from the writer's thread)."""
        with self._listeners_lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: ChangeListener) -> None:
        """Stop calling `listener`."""
        with self._listeners_lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def announce(self, changes: Changes) -> None:
        """Tell listeners what a committed write changed."""
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(changes)
            except Exception:  # a broken listener must not undo a committed write
                log.exception("change listener failed")

    def _tag_connection(self, dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        """Name this client on each new server connection (read by the history triggers' NOTIFY)."""
        if record.info.get("ekocrm_client") == self.client_id:
            return
        with dbapi_conn.cursor() as cur:
            cur.execute("SELECT set_config('ekocrm.client', %s, false)", (self.client_id,))
        if not dbapi_conn.autocommit:
            dbapi_conn.commit()
        record.info["ekocrm_client"] = self.client_id

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    """Fill the audit columns, and give new parties their FTS key on SQLite."""
    actor = session.info.get("actor")
    clock: Clock = session.info.get("clock", utcnow)
    now = clock()
    new_parties: list[Party] = []
    for obj in session.new:
        if isinstance(obj, AuditMixin):
            obj.created_at = obj.created_at or now
            obj.updated_at = now
            obj.created_by = obj.created_by or actor
            obj.updated_by = actor
        if isinstance(obj, Party) and obj.search_key is None:
            new_parties.append(obj)
    for obj in session.dirty:
        if isinstance(obj, AuditMixin) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now
            obj.updated_by = actor
    if new_parties and session.info.get("dialect") == "sqlite":
        # One writer at a time on SQLite (BEGIN IMMEDIATE), so MAX()+1 cannot race.
        last_key = session.execute(select(func.max(Party.search_key))).scalar_one()
        next_key = (last_key or 0) + 1
        for party in new_parties:
            party.search_key = next_key
            next_key += 1
