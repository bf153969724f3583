"""Workspaces (Ekooni's "environments"): a name, a colour and a database each.

The list lives in `workspaces.json` in the configuration folder and never holds a
password: a PostgreSQL password is kept in the OS keychain under "workspace:<id>".
Opening a workspace upgrades a SQLite file safely (or opens it read-only when it is
newer than the app) and refuses a shared database that is not at this app's revision.
"""

from __future__ import annotations

import dataclasses
import getpass
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import URL, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, safe_url_text, sqlite_url
from ekocrm_desktop.db.migrate import (
    SchemaMismatchError,
    SchemaState,
    UpgradeResult,
    check_postgres_schema,
    upgrade_sqlite_file,
)
from ekocrm_desktop.db.textnorm import words
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.paths import config_dir, workspaces_dir
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.errors import ServiceError

log = logging.getLogger(__name__)

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
DEFAULT_COLORS = ("#1e88e5", "#43a047", "#8e24aa", "#f4511e", "#00897b", "#6d4c41", "#c0ca33", "#e53935")
DEMO_NAME = "Démo"


class WorkspaceError(ServiceError):
    """A workspace cannot be added, changed or opened; the message says why."""


class ConnectionFailedError(WorkspaceError):
    """The database server did not accept the connection."""


@dataclasses.dataclass(frozen=True)
class PostgresSettings:
    """Where a shared database lives (no password: that is in the keychain)."""

    host: str = "localhost"
    port: int = 5432
    database: str = "ekocrm"
    username: str = ""
    sslmode: str = "prefer"
    sslrootcert: str = ""

    def url(self, password: str | None) -> URL:
        """SQLAlchemy URL, password included: never log it, use `safe_url_text`."""
        query: dict[str, str] = {"sslmode": self.sslmode}
        if self.sslrootcert:
            query["sslrootcert"] = self.sslrootcert
        return URL.create(
            "postgresql+psycopg",
            username=self.username or None,
            password=password or None,
            host=self.host,
            port=self.port,
            database=self.database,
            query=query,
        )

    def describe(self) -> str:
        """user@host:port/database."""
        user = f"{self.username}@" if self.username else ""
        return f"{user}{self.host}:{self.port}/{self.database}"


@dataclasses.dataclass(frozen=True)
class Workspace:
    """A named database the user works in."""

    id: str
    name: str
    color: str
    kind: str
    path: str = ""
    postgres: PostgresSettings | None = None
    demo: bool = False

    @property
    def secret_key(self) -> str:
        """Key of this workspace's password in the keychain."""
        return f"workspace:{self.id}"

    @property
    def is_sqlite(self) -> bool:
        """Whether this is a local SQLite file."""
        return self.kind == SQLITE

    def describe(self) -> str:
        """Where the data is, for the status bar and the workspace list."""
        if self.is_sqlite:
            return self.path
        assert self.postgres is not None
        return self.postgres.describe()

    def to_json(self) -> dict[str, Any]:
        """Plain data for the configuration file."""
        data = dataclasses.asdict(self)
        if self.postgres is None:
            data.pop("postgres")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Workspace:
        """Read one entry of the configuration file."""
        pg = data.get("postgres")
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            color=str(data.get("color", DEFAULT_COLORS[0])),
            kind=str(data.get("kind", SQLITE)),
            path=str(data.get("path", "")),
            postgres=PostgresSettings(**pg) if pg else None,
            demo=bool(data.get("demo", False)),
        )


def new_workspace_id() -> str:
    """A fresh workspace id."""
    return str(uuid7())


class WorkspaceRegistry:
    """The list of workspaces and which one was used last (a JSON file, written atomically)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "workspaces.json"
        self._workspaces: list[Workspace] = []
        self._last_used: str | None = None
        self.load()

    def load(self) -> None:
        """Read the file (a missing file means no workspace yet)."""
        if not self.path.exists():
            self._workspaces, self._last_used = [], None
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            # A damaged file must not stop the app; keep it aside for the user to recover.
            aside = self.path.with_suffix(".json.damaged")
            self.path.replace(aside)
            log.error("workspaces file unreadable (%s); moved to %s", exc, aside)
            self._workspaces, self._last_used = [], None
            return
        self._workspaces = [Workspace.from_json(w) for w in data.get("workspaces", [])]
        self._last_used = data.get("last_used")

    def save(self) -> None:
        """Write the file atomically (a crash never leaves half a file)."""
        data = {"last_used": self._last_used, "workspaces": [w.to_json() for w in self._workspaces]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".workspaces-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)

    def all(self) -> list[Workspace]:
        """Every workspace, in the order they were added."""
        return list(self._workspaces)

    def get(self, name_or_id: str) -> Workspace:
        """A workspace by name (case-insensitive) or id; WorkspaceError if unknown."""
        for ws in self._workspaces:
            if ws.id == name_or_id or ws.name.casefold() == name_or_id.casefold():
                return ws
        raise WorkspaceError(f"no workspace named “{name_or_id}”")

    def find(self, name_or_id: str) -> Workspace | None:
        """A workspace by name or id, or None."""
        try:
            return self.get(name_or_id)
        except WorkspaceError:
            return None

    def add(self, workspace: Workspace) -> Workspace:
        """Add a workspace; its name must be new."""
        name = workspace.name.strip()
        if not name:
            raise WorkspaceError("a workspace needs a name")
        if self.find(name) is not None:
            raise WorkspaceError(f"a workspace named “{name}” already exists")
        if workspace.kind not in (SQLITE, POSTGRESQL):
            raise WorkspaceError(f"unknown database kind {workspace.kind}")
        if workspace.kind == SQLITE and not workspace.path:
            raise WorkspaceError("a SQLite workspace needs a file")
        if workspace.kind == POSTGRESQL and workspace.postgres is None:
            raise WorkspaceError("a PostgreSQL workspace needs a server")
        workspace = dataclasses.replace(workspace, name=name)
        self._workspaces.append(workspace)
        self.save()
        return workspace

    def update(self, workspace: Workspace) -> None:
        """Replace the workspace with the same id (rename, recolour...)."""
        clash = self.find(workspace.name)
        if clash is not None and clash.id != workspace.id:
            raise WorkspaceError(f"a workspace named “{workspace.name}” already exists")
        self._workspaces = [workspace if w.id == workspace.id else w for w in self._workspaces]
        self.save()

    def remove(self, name_or_id: str, *, secrets: SecretStore | None = None) -> Workspace:
        """Forget a workspace (its database file is left on disk) and its stored password."""
        workspace = self.get(name_or_id)
        self._workspaces = [w for w in self._workspaces if w.id != workspace.id]
        if self._last_used == workspace.id:
            self._last_used = self._workspaces[0].id if self._workspaces else None
        self.save()
        if secrets is not None:
            secrets.delete(workspace.secret_key)
        return workspace

    def last_used(self) -> Workspace | None:
        """The workspace the app opened last (or the first one)."""
        if self._last_used:
            found = self.find(self._last_used)
            if found is not None:
                return found
        return self._workspaces[0] if self._workspaces else None

    def set_last_used(self, workspace: Workspace) -> None:
        """Remember the workspace to start on next time."""
        self._last_used = workspace.id
        self.save()

    def next_color(self) -> str:
        """A colour no workspace uses yet, so they are told apart at a glance."""
        used = {w.color.lower() for w in self._workspaces}
        for color in DEFAULT_COLORS:
            if color not in used:
                return color
        return DEFAULT_COLORS[len(self._workspaces) % len(DEFAULT_COLORS)]


def default_sqlite_path(name: str) -> Path:
    """Where a new SQLite workspace called `name` is stored by default."""
    stem = "-".join(words(name)) or "workspace"
    path = workspaces_dir() / f"{stem}.sqlite"
    counter = 2
    while path.exists():
        path = workspaces_dir() / f"{stem}-{counter}.sqlite"
        counter += 1
    return path


def local_actor() -> str:
    """Name recorded in created_by/updated_by on a local file: the system user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "local"


@dataclasses.dataclass
class OpenedWorkspace:
    """A workspace with its database open."""

    workspace: Workspace
    db: Database
    upgrade: UpgradeResult | None = None


#: The revision that brought the settings lists (workspaces upgraded across it get their defaults).
SETTINGS_LISTS_REVISION = "0009"


def open_workspace(
    workspace: Workspace,
    *,
    password: str | None = None,
    secrets: SecretStore | None = None,
) -> OpenedWorkspace:
    """Open (and for SQLite, upgrade) a workspace's database.

    Raises MigrationError subclasses (upgrade failed and rolled back, not enough disk),
    SchemaMismatchError (shared database not at this app's revision), or
    ConnectionFailedError (server unreachable, wrong password).
    """
    if workspace.is_sqlite:
        path = Path(workspace.path)
        try:
            result = upgrade_sqlite_file(path)
        except SchemaMismatchError as exc:
            if exc.state is not SchemaState.NEWER:
                raise
            log.warning("%s is newer than this app; opening read-only", path)
            engine = make_engine(sqlite_url(path, read_only=True))
            db = Database(engine, actor=local_actor(), read_only=True, read_only_reason=str(exc))
            return OpenedWorkspace(workspace, db, None)
        engine = make_engine(sqlite_url(path))
        db = Database(engine, actor=local_actor())
        if result.from_revision is None or result.from_revision < SETTINGS_LISTS_REVISION:
            # A new file, or one from before the settings lists: give it their defaults, once.
            from ekocrm_desktop.services.settings_lists import SettingsListService

            SettingsListService(db).ensure_defaults()
        return OpenedWorkspace(workspace, db, result)

    assert workspace.postgres is not None
    if password is None and secrets is not None:
        password = secrets.get(workspace.secret_key)
    url = workspace.postgres.url(password)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            actor = conn.execute(text("SELECT current_user")).scalar_one()
            conn.rollback()
    except OperationalError as exc:
        engine.dispose()
        raise ConnectionFailedError(_connection_message(exc)) from exc
    try:
        check_postgres_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    log.info("opened shared workspace %s at %s", workspace.name, safe_url_text(url))
    return OpenedWorkspace(workspace, Database(engine, actor=str(actor)), None)


def check_connection(settings: PostgresSettings, password: str | None) -> str:
    """Connect once and return the server's version; ConnectionFailedError with the reason."""
    engine = make_engine(settings.url(password), poolclass=NullPool, connect_timeout=5)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar_one()
            conn.rollback()
        return str(version)
    except SQLAlchemyError as exc:
        raise ConnectionFailedError(_connection_message(exc)) from exc
    finally:
        engine.dispose()


def _connection_message(exc: Exception) -> str:
    """The driver's reason, without the URL (which could carry a password)."""
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__


def ensure_demo_workspace(registry: WorkspaceRegistry) -> Workspace:
    """The demo workspace, created and filled with French demo data on first use."""
    from ekocrm_desktop.services.demo import generate_demo_data

    existing = next((w for w in registry.all() if w.demo), None)
    if existing is not None and Path(existing.path).exists():
        return existing
    if existing is not None:
        registry.remove(existing.id)
    path = workspaces_dir() / "demo.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    name = DEMO_NAME if registry.find(DEMO_NAME) is None else f"{DEMO_NAME} {len(registry.all()) + 1}"
    workspace = Workspace(id=new_workspace_id(), name=name, color="#f4511e", kind=SQLITE, path=str(path), demo=True)
    opened = open_workspace(workspace)
    try:
        generate_demo_data(opened.db)
    finally:
        opened.db.dispose()
    return registry.add(workspace)
