"""The change history (record_history): which tables are tracked, and the SQLite recorder.

On PostgreSQL, statement-level triggers write the history (so raw SQL is recorded too; see
`db.migrations.security.install_history_v1`). A SQLite file has one user and one writer, the
app: there the ORM's flush events write the same rows, in the same transaction as the change.

Rows are `(tx, table_name, record_id, root_table, root_id, operation, changes)`, where
`changes` maps a column to `[old, new]` as JSON values. A record's first child rows (the
e-mails of a new person) are part of its creation and are not recorded separately.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, text
from sqlalchemy.orm import Mapper, Session, object_session, sessionmaker

from ekocrm_desktop.db.migrations.security import PARTY_DERIVED_V1
from ekocrm_desktop.models.access import RecordHistory
from ekocrm_desktop.models.base import Base
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party

BOOKKEEPING = frozenset({"created_at", "updated_at", "created_by", "updated_by", "version"})
SESSION_FLAG = "record_history"
REASON_KEY = "history_reason"
_TX_KEY = "history_tx"
_NEW_ROOTS_KEY = "history_new_roots"
_PENDING_KEY = "history_pending"
#: PostgreSQL setting the history triggers read as the change's reason.
REASON_SETTING = "ekocrm.reason"


@dataclasses.dataclass(frozen=True)
class Tracked:
    """A table whose changes are recorded, and the record (root) its rows belong to."""

    table: str
    root_table: str
    root_column: str = "id"
    #: The row's own id column; None for a link table without one (party_tag).
    key_column: str | None = "id"
    ignore: frozenset[str] = BOOKKEEPING
    #: Keep every column of an updated row, not only the changed ones (child rows).
    full_update: bool = False

    @property
    def is_root(self) -> bool:
        """Whether rows of this table are records themselves (not parts of one)."""
        return self.root_column == "id" and self.key_column == "id" and self.table == self.root_table


_CHILD_IGNORE = frozenset({"id", "created_at", "updated_at", "created_by", "updated_by"})
_PARTY_DERIVED = frozenset(PARTY_DERIVED_V1)

#: Tracked tables by name. Another area registers its tables with `track()` (and installs the
#: PostgreSQL triggers in its migration with the same arguments).
TRACKED: dict[str, Tracked] = {}


def track(spec: Tracked) -> Tracked:
    """Record the changes of a table (SQLite recorder and history reader)."""
    TRACKED[spec.table] = spec
    return spec


track(Tracked("party", "party", ignore=BOOKKEEPING | _PARTY_DERIVED))
for _table, _column in (
    ("party_email", "party_id"),
    ("party_phone", "party_id"),
    ("party_address", "party_id"),
    ("party_role", "party_id"),
    ("affiliation", "person_id"),
):
    track(Tracked(_table, "party", _column, ignore=_CHILD_IGNORE, full_update=True))
track(Tracked("party_tag", "party", "party_id", key_column=None, ignore=_CHILD_IGNORE, full_update=True))
track(Tracked("tag", "tag"))
# Domains (revision 0009 installs the same on PostgreSQL).
track(Tracked("deal", "deal"))
for _table in ("deal_line", "deal_contact"):
    track(Tracked(_table, "deal", "deal_id", ignore=_CHILD_IGNORE, full_update=True))
for _table in ("article", "party_group", "segment", "team"):
    track(Tracked(_table, _table))
# Actions (revision 0010 installs the same on PostgreSQL).
track(Tracked("activity", "activity"))
for _table in ("activity_link", "alert", "activity_exception"):
    track(Tracked(_table, "activity", "activity_id", ignore=_CHILD_IGNORE, full_update=True))


# ---------------------------------------------------------------------------- values
def to_json(value: Any) -> Any:
    """A column value as the JSON PostgreSQL's to_jsonb would give (so both engines read alike)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return str(value)


def from_json(table: str, column: str, value: Any) -> Any:
    """A JSON value of `table.column` back as the Python value the ORM would give."""
    if value is None:
        return None
    table_obj = Base.metadata.tables.get(table)
    if table_obj is None or column not in table_obj.c:
        return value
    python_type: type[Any] | None
    try:
        python_type = table_obj.c[column].type.python_type
    except NotImplementedError:
        python_type = None
    if python_type is uuid.UUID:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    if python_type is dt.datetime:
        parsed = dt.datetime.fromisoformat(str(value))
        return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)
    if python_type is dt.date:
        return dt.date.fromisoformat(str(value)[:10])
    if python_type is bool:
        return bool(value)
    if python_type is decimal.Decimal:
        return decimal.Decimal(str(value))
    return value


# ---------------------------------------------------------------------------- reasons
def set_change_reason(session: Session, reason: str | None) -> None:
    """Say why the next changes of this session's transaction are made ("revert:<tx>")."""
    session.info[REASON_KEY] = reason
    if session.info.get("dialect") == "postgresql":
        session.execute(text("SELECT set_config(:k, :v, true)"), {"k": REASON_SETTING, "v": reason or ""})


# ---------------------------------------------------------------------------- SQLite recorder
def install_recorder(factory: sessionmaker[Session]) -> None:
    """Record history from this session factory's flushes (SQLite databases)."""
    factory.kw.setdefault("info", {})[SESSION_FLAG] = True
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "after_transaction_end", _after_transaction_end)


def _recording(session: Session | None, connection: Connection) -> bool:
    return session is not None and bool(session.info.get(SESSION_FLAG)) and connection.dialect.name == "sqlite"


def _tx(session: Session) -> int:
    tx = session.info.get(_TX_KEY)
    if tx is None:
        # Time-ordered and unique for a one-writer file: the change set of this transaction.
        tx = session.info[_TX_KEY] = uuid7().int >> 66
        session.info[_NEW_ROOTS_KEY] = set()
    return int(tx)


def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_TX_KEY, None)
        session.info.pop(_NEW_ROOTS_KEY, None)
        session.info.pop(REASON_KEY, None)
    # A failed flush's queued rows go with its transaction.
    session.info.pop(_PENDING_KEY, None)


def _write(connection: Connection, session: Session, rows: Iterable[dict[str, Any]]) -> None:
    """Queue history rows; the flush writes them all at its end (`_after_flush`), in order.

    One INSERT per changed row cost more than the change itself on bulk updates (imports).
    """
    batch = list(rows)
    if not batch:
        return
    now = session.info.get("clock", lambda: dt.datetime.now(dt.UTC))()
    actor = session.info.get("actor") or "?"
    for row in batch:
        row.setdefault("changed_at", now)
        row.setdefault("actor", actor)
        row.setdefault("tx", _tx(session))
        row.setdefault("reason", session.info.get(REASON_KEY))
    session.info.setdefault(_PENDING_KEY, []).extend(batch)


def _write_pending(connection: Connection, session: Session) -> None:
    pending = session.info.pop(_PENDING_KEY, None)
    if pending:
        connection.execute(insert(RecordHistory), pending)


def record_rows(session: Session, rows: Iterable[dict[str, Any]]) -> None:
    """Write history rows for changes made outside the ORM (Core bulk updates, SQLite only).

    Each row is `{"table_name", "record_id", "root_table", "root_id", "operation", "changes"}`,
    as the flush events make them; time, actor, change set and reason are filled alike.
    """
    if not session.info.get(SESSION_FLAG):
        return
    connection = session.connection()
    _write(connection, session, rows)
    _write_pending(connection, session)


def _columns(mapper: Mapper[Any], target: Any) -> dict[str, Any]:
    # `state.attrs` builds a fresh namespace of every attribute at each access: read it once.
    attrs = inspect(target).attrs
    return {column.name: attrs[prop.key].value for prop in mapper.column_attrs for column in prop.columns}


def _after_insert(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    session = object_session(target)
    if not _recording(session, connection):
        return
    assert session is not None
    spec = TRACKED.get(mapper.local_table.name)  # type: ignore[attr-defined]
    if spec is None:
        return
    values = _columns(mapper, target)
    root_id = values[spec.root_column]
    _tx(session)
    new_roots: set[tuple[str, Any]] = session.info[_NEW_ROOTS_KEY]
    if spec.is_root:
        new_roots.add((spec.table, root_id))
        changes = None
    elif (spec.root_table, root_id) in new_roots:
        return  # part of its record's creation
    else:
        changes = {k: [None, to_json(v)] for k, v in values.items() if k not in spec.ignore}
    record_id = values.get(spec.key_column) if spec.key_column else None
    _write(connection, session, [_row(spec, record_id, root_id, "I", changes)])


def _after_update(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    session = object_session(target)
    if not _recording(session, connection):
        return
    assert session is not None
    spec = TRACKED.get(mapper.local_table.name)  # type: ignore[attr-defined]
    if spec is None:
        return
    attrs = inspect(target).attrs
    changed: dict[str, list[Any]] = {}
    full: dict[str, list[Any]] = {}
    for prop in mapper.column_attrs:
        for column in prop.columns:
            if column.name in spec.ignore:
                continue
            history = attrs[prop.key].history
            new = attrs[prop.key].value
            old = history.deleted[0] if history.deleted else new
            full[column.name] = [to_json(old), to_json(new)]
            if history.has_changes() and to_json(old) != to_json(new):
                changed[column.name] = [to_json(old), to_json(new)]
    if not changed:
        return
    values = _columns(mapper, target)
    record_id = values.get(spec.key_column) if spec.key_column else None
    changes = full if spec.full_update else changed
    _write(connection, session, [_row(spec, record_id, values[spec.root_column], "U", changes)])


def _after_delete(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    session = object_session(target)
    if not _recording(session, connection):
        return
    assert session is not None
    spec = TRACKED.get(mapper.local_table.name)  # type: ignore[attr-defined]
    if spec is None:
        return
    values = _columns(mapper, target)
    changes = {k: [to_json(v), None] for k, v in values.items() if k not in spec.ignore}
    record_id = values.get(spec.key_column) if spec.key_column else None
    _write(connection, session, [_row(spec, record_id, values[spec.root_column], "D", changes)])


def _after_flush(session: Session, _context: Any) -> None:
    """Tags of a party change through a link table the ORM writes without a mapped class."""
    connection = session.connection()
    if not _recording(session, connection):
        return
    spec = TRACKED["party_tag"]
    rows: list[dict[str, Any]] = []
    new_roots: set[tuple[str, Any]] = session.info.get(_NEW_ROOTS_KEY, set())
    for obj in list(session.dirty) + list(session.new):
        if not isinstance(obj, Party) or ("party", obj.id) in new_roots:
            continue
        history = inspect(obj).attrs.tags.history
        for tag in history.deleted or ():
            changes = {"party_id": [to_json(obj.id), None], "tag_id": [to_json(tag.id), None]}
            rows.append(_row(spec, None, obj.id, "D", changes))
        for tag in history.added or ():
            changes = {"party_id": [None, to_json(obj.id)], "tag_id": [None, to_json(tag.id)]}
            rows.append(_row(spec, None, obj.id, "I", changes))
    if rows:
        _tx(session)
        _write(connection, session, rows)
    _write_pending(connection, session)


def _row(spec: Tracked, record_id: Any, root_id: Any, operation: str, changes: Any) -> dict[str, Any]:
    return {
        "table_name": spec.table,
        "record_id": record_id,
        "root_table": spec.root_table,
        "root_id": root_id,
        "operation": operation,
        "changes": changes,
    }


event.listen(Base, "after_insert", _after_insert, propagate=True)
event.listen(Base, "after_update", _after_update, propagate=True)
event.listen(Base, "after_delete", _after_delete, propagate=True)

__all__ = [
    "REASON_SETTING",
    "TRACKED",
    "Tracked",
    "from_json",
    "install_recorder",
    "record_rows",
    "set_change_reason",
    "to_json",
    "track",
]
