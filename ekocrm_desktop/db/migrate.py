"""Schema upgrades: automatic and guarded for SQLite files, explicit for shared PostgreSQL.

SQLite (ARCHITECTURE §6, reliability anchors §4): check free disk, checkpoint the WAL,
back up with `VACUUM INTO`, check the backup, migrate with foreign keys off inside one
transaction, then `foreign_key_check`, `integrity_check` and row counts; on any failure the
backup is put back and the user is told why. A database newer than the app is opened
read-only. PostgreSQL is upgraded only by `ekocrm db upgrade` (an administrator's action).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import logging
import shutil
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from ekocrm_desktop.db.engine import make_engine, sqlite_url

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

#: The newest revision of this version of the app. Kept here so that opening an up-to-date
#: workspace does not import Alembic and parse every script (a test checks it is the head).
SCHEMA_HEAD = "0026"

log = logging.getLogger(__name__)

KEEP_BACKUPS = 5
#: Advisory lock key serialising upgrades of a shared database ("EKOCRM" in ASCII).
PG_UPGRADE_LOCK = 0x454B4F43524D


class SchemaState(enum.Enum):
    """How a database's schema compares with this version of the app."""

    EMPTY = "empty"
    CURRENT = "current"
    OLDER = "older"
    NEWER = "newer"
    #: Tables but no EkoCRM revision: another application's database, never touched.
    FOREIGN = "foreign"


class MigrationError(RuntimeError):
    """Base of the upgrade errors the user is shown."""


class MigrationFailedError(MigrationError):
    """The upgrade failed; the database was put back as it was."""

    def __init__(self, message: str, *, backup: Path | None, revision: str | None) -> None:
        super().__init__(message)
        self.backup = backup
        self.revision = revision


class NotEnoughDiskError(MigrationError):
    """Not enough free disk space to back up and upgrade safely; nothing was touched."""


class SchemaMismatchError(MigrationError):
    """A shared database is not at this app's schema revision."""

    def __init__(self, message: str, *, state: SchemaState, revision: str | None) -> None:
        super().__init__(message)
        self.state = state
        self.revision = revision


@dataclasses.dataclass(frozen=True)
class UpgradeResult:
    """What `upgrade_sqlite_file` did."""

    from_revision: str | None
    to_revision: str
    backup: Path | None
    state: SchemaState


# Objects that live outside the ORM metadata on purpose, each on one backend only or in a
# different form on each: the SQLite FTS5 index (and its shadow tables), the PostgreSQL
# text-search index, the contacts list's name index (migration 0022), and the
# trigger-maintained `party_purchase` (models/purchases.py: the generic walkers over
# `Base.metadata` must not touch it).
_UNMANAGED_PREFIXES = ("party_fts", "party_purchase")
_UNMANAGED_INDEXES = frozenset({"ix_party_search_doc_tsv", "ix_party_search_tsv", "ix_party_live_list"})
#: PostgreSQL-only columns: the stored tsvector of party.search_doc, and the list summaries
#: that triggers keep (migration 0025).
_UNMANAGED_COLUMNS = frozenset({"search_tsv", "list_tags", "list_roles"})


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Keep autogenerate (and `alembic check`) away from objects the ORM does not declare."""
    if type_ == "table" and name is not None:
        return not name.startswith(_UNMANAGED_PREFIXES)
    if type_ == "index":
        return name not in _UNMANAGED_INDEXES
    if type_ == "column":
        return name not in _UNMANAGED_COLUMNS
    return True


def model_differences(conn: Connection) -> list[object]:
    """What autogenerate would change to make the database match the models (empty: in step)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import ekocrm_desktop.models  # noqa: F401 - registers every table
    from ekocrm_desktop.models.base import Base

    context = MigrationContext.configure(
        conn, opts={"include_name": include_name, "compare_type": True, "render_as_batch": True}
    )
    return list(compare_metadata(context, Base.metadata))


def alembic_config() -> Config:
    """Alembic configuration pointing at the scripts shipped inside the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("ekocrm_desktop.db") / "migrations"))
    return cfg


def script_directory() -> ScriptDirectory:
    """The migration scripts of this version of the app."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision this app knows."""
    return SCHEMA_HEAD


def current_revision(conn: Connection) -> str | None:
    """The revision a database is stamped with (None if never migrated)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_state(conn: Connection) -> tuple[SchemaState, str | None]:
    """Compare a database's revision with this app's head."""
    revision = current_revision(conn)
    if revision is None:
        tables = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
        if tables:
            # Tables but no stamp: not ours, or damaged. Never migrate it blindly.
            return SchemaState.FOREIGN, None
        return SchemaState.EMPTY, None
    if revision == head_revision():
        return SchemaState.CURRENT, revision
    known = {rev.revision for rev in script_directory().walk_revisions()}
    if revision in known:
        return SchemaState.OLDER, revision
    return SchemaState.NEWER, revision


def alembic_upgrade(conn: Connection, target: str = "head") -> None:
    """Run the Alembic scripts on `conn` (inside the caller's transaction)."""
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


Runner = Callable[[Connection], None]


def _user_tables(conn: Connection) -> list[str]:
    rows = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'party_fts%' AND name != 'alembic_version'"
    )
    return [r[0] for r in rows]


def _row_counts(conn: Connection) -> dict[str, int]:
    return {
        # Table names come from sqlite_master, not from a user.
        table: conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar_one()  # noqa: S608
        for table in _user_tables(conn)
    }


def _backup_name(path: Path, revision: str | None) -> str:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")  # noqa: DTZ005 - local time reads better in a file name
    return f"{path.stem}-{revision or 'base'}-{stamp}.sqlite.bak"


def _prune_backups(backups: Path, stem: str) -> None:
    old = sorted(backups.glob(f"{stem}-*.sqlite.bak"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in old[KEEP_BACKUPS:]:
        stale.unlink(missing_ok=True)


def _restore(backup: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copy2(backup, target)


def backup_sqlite(engine: Engine, target: Path) -> None:
    """Consistent copy of a live SQLite database (`VACUUM INTO`), checked before it is trusted."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    with engine.connect() as conn:
        # VACUUM and a full checkpoint refuse to run inside a transaction: use the raw
        # connection, which is in autocommit mode (our engines emit BEGIN themselves).
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("VACUUM INTO ?", (str(target),))
    check = make_engine(sqlite_url(target, read_only=True), poolclass=NullPool)
    try:
        with check.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
    finally:
        check.dispose()
    if result != "ok":
        raise MigrationError(f"the backup {target} is damaged: {result}")


def upgrade_sqlite_file(
    path: Path,
    *,
    backups_dir: Path | None = None,
    runner: Runner = alembic_upgrade,
) -> UpgradeResult:
    """Bring a SQLite workspace file to this app's schema, safely.

    Raises `MigrationFailedError` (backup restored), `NotEnoughDiskError` (nothing touched),
    or `SchemaMismatchError` with state NEWER when the file is newer than the app.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    backups = backups_dir or path.parent / "backups"
    engine = make_engine(sqlite_url(path), foreign_keys=False, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            state, revision = schema_state(conn)
            conn.rollback()
        head = head_revision()
        if state is SchemaState.CURRENT:
            return UpgradeResult(revision, head, None, state)
        if state is SchemaState.NEWER:
            raise SchemaMismatchError(
                f"this database (revision {revision}) was written by a newer version of EkoCRM",
                state=state,
                revision=revision,
            )
        if state is SchemaState.FOREIGN:
            raise SchemaMismatchError("this file is not an EkoCRM database", state=state, revision=None)
        backup: Path | None = None
        counts_before: dict[str, int] = {}
        if state is SchemaState.OLDER:
            size = sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists())
            free = shutil.disk_usage(path.parent).free
            if free < 2 * size:
                raise NotEnoughDiskError(
                    f"{free // 2**20} MB free, {2 * size // 2**20} MB needed to back up and upgrade"
                )
            backup = backups / _backup_name(path, revision)
            backup_sqlite(engine, backup)
            with engine.connect() as conn:
                counts_before = _row_counts(conn)
                conn.rollback()
            log.info("backed up %s to %s before upgrading from %s", path, backup, revision)
        try:
            with engine.begin() as conn:
                runner(conn)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise MigrationError(f"foreign keys broken after upgrade: {problems[:5]}")
            with engine.connect() as conn:
                integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
                if integrity != "ok":
                    raise MigrationError(f"integrity check failed after upgrade: {integrity}")
                counts_after = _row_counts(conn)
                conn.rollback()
            lost = {
                table: (before, counts_after.get(table, 0))
                for table, before in counts_before.items()
                if counts_after.get(table, 0) < before
            }
            if lost:
                raise MigrationError(f"rows lost during upgrade: {lost}")
        except Exception as exc:
            engine.dispose()
            if backup is not None:
                _restore(backup, path)
                log.exception("upgrade of %s failed; restored %s", path, backup)
            else:
                log.exception("creation of the schema in %s failed", path)
            raise MigrationFailedError(str(exc), backup=backup, revision=revision) from exc
        if backup is not None:
            _prune_backups(backups, path.stem)
        return UpgradeResult(revision, head, backup, state)
    finally:
        engine.dispose()


def check_postgres_schema(engine: Engine) -> None:
    """Refuse to work on a shared database that is not exactly at this app's revision."""
    with engine.connect() as conn:
        state, revision = schema_state(conn)
        conn.rollback()
    if state is SchemaState.CURRENT:
        return
    messages = {
        SchemaState.EMPTY: "this database is empty: an administrator must run `ekocrm db upgrade` first",
        SchemaState.OLDER: (
            f"this database is at revision {revision}, older than this app ({head_revision()}): "
            "an administrator must run `ekocrm db upgrade`"
        ),
        SchemaState.NEWER: f"this database (revision {revision}) is newer than this app: update EkoCRM",
        SchemaState.FOREIGN: "this database holds tables of another application",
    }
    raise SchemaMismatchError(messages[state], state=state, revision=revision)


def team_owner_role(conn: Connection) -> str | None:
    """The role that owns a team database's tables (`<prefix>_owner`), or None outside team mode."""
    if conn.execute(text("SELECT to_regclass('access_config') IS NULL")).scalar():
        return None
    prefix = conn.execute(text("SELECT value FROM access_config WHERE key = 'role_prefix'")).scalar()
    return f"{prefix}_owner" if prefix else None


def upgrade_postgres(
    engine: Engine,
    *,
    runner: Runner = alembic_upgrade,
    as_role: str | None = None,
    settings: dict[str, str] | None = None,
) -> tuple[str | None, str]:
    """The administrator's explicit upgrade of a shared database, in one transaction.

    On a team database the scripts run as its owner role (`SET ROLE`), so every table stays
    owned by that role and never by a login (issue 4); `as_role` and `settings` are for
    `ekocrm db init`, which runs the first upgrade before the role is recorded.
    """
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL lock_timeout = '5s'"))
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_UPGRADE_LOCK})
        state, revision = schema_state(conn)
        if state in (SchemaState.NEWER, SchemaState.FOREIGN):
            raise SchemaMismatchError(
                f"this database ({state.value}, revision {revision}) cannot be upgraded by this app",
                state=state,
                revision=revision,
            )
        if state is not SchemaState.CURRENT:
            role = as_role or team_owner_role(conn)
            if role is not None:
                try:
                    with conn.begin_nested():
                        conn.execute(text(f'SET LOCAL ROLE "{role}"'))
                except DBAPIError as exc:
                    raise MigrationError(
                        f"only the server's administrator (a member of {role}) can upgrade this team database: "
                        "run `ekocrm db upgrade` with the PostgreSQL administrator's credentials"
                    ) from exc
            for name, value in (settings or {}).items():
                conn.execute(text("SELECT set_config(:name, :value, true)"), {"name": name, "value": value})
            runner(conn)
    return revision, head_revision()
