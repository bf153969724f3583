"""Shared fixtures: offscreen Qt, a private home folder, an in-memory keychain, and real databases.

`db` runs each test on a real SQLite file and on the real PostgreSQL server named by
EKOCRM_TEST_PG_URL. Without that server the PostgreSQL variant is skipped with the reason,
except when EKOCRM_REQUIRE_PG=1 (CI), where it fails: CI must run them.
"""

from __future__ import annotations

import os

# Before any Qt import: without a display Qt aborts the whole process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.db.migrate import alembic_upgrade, upgrade_sqlite_file
from ekocrm_desktop.models.base import Base

PG_ENV = "EKOCRM_TEST_PG_URL"
REQUIRE_PG_ENV = "EKOCRM_REQUIRE_PG"


# ---------------------------------------------------------------------------- markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)


# ---------------------------------------------------------------------------- isolation
@pytest.fixture(autouse=True)
def ekocrm_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data, configuration and log folders."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("EKOCRM_HOME", str(home))
    return home


class MemoryKeyring(KeyringBackend):
    """A keychain that lives in memory for one test (never the user's real keychain)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.entries:
            raise PasswordDeleteError(username)
        del self.entries[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Install the in-memory keychain for the test, then put the previous one back."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# ---------------------------------------------------------------------------- PostgreSQL
def _pg_admin_url() -> URL | None:
    raw = os.environ.get(PG_ENV)
    if not raw:
        return None
    url = make_url(raw)
    return url.set(drivername="postgresql+psycopg")


def _pg_unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_PG_ENV) == "1":
        pytest.fail(f"PostgreSQL is required here ({REQUIRE_PG_ENV}=1) but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def pg_admin_url() -> URL:
    """An administrator URL of the test PostgreSQL server (skips or fails when absent)."""
    url = _pg_admin_url()
    if url is None:
        _pg_unavailable(f"{PG_ENV} is not set")
        raise AssertionError("unreachable")
    engine = make_engine(url, poolclass=NullPool, connect_timeout=5)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        _pg_unavailable(f"the server at {url.render_as_string(hide_password=True)} does not answer: {exc}")
    finally:
        engine.dispose()
    return url


class PgDatabases:
    """Creates and drops throw-away databases on the test server."""

    def __init__(self, admin_url: URL) -> None:
        self.admin_url = admin_url
        self._created: list[str] = []

    def create(self, prefix: str = "ekocrm_t") -> URL:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        engine = make_engine(self.admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        self._created.append(name)
        return self.admin_url.set(database=name)

    def drop(self, url: URL) -> None:
        engine = make_engine(self.admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        engine.dispose()
        if url.database in self._created:
            self._created.remove(url.database)

    def drop_all(self) -> None:
        for name in list(self._created):
            self.drop(self.admin_url.set(database=name))


@pytest.fixture(scope="session")
def pg_databases(pg_admin_url: URL) -> Iterator[PgDatabases]:
    """Factory of empty PostgreSQL databases, dropped at the end of the session."""
    databases = PgDatabases(pg_admin_url)
    yield databases
    databases.drop_all()


@pytest.fixture(scope="session")
def pg_url(pg_databases: PgDatabases) -> URL:
    """One database at head for this test session (tables emptied between tests)."""
    url = pg_databases.create("ekocrm_s")
    engine = make_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        alembic_upgrade(conn)
    engine.dispose()
    return url


def _truncate_all(url: URL) -> None:
    engine = make_engine(url, poolclass=NullPool)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} CASCADE"))
    engine.dispose()


# ---------------------------------------------------------------------------- SQLite
@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at head, copied for each test (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    upgrade_sqlite_file(path)
    return path


@pytest.fixture
def sqlite_path(sqlite_template: Path, tmp_path: Path) -> Path:
    """A fresh SQLite workspace file at head."""
    path = tmp_path / "workspace.sqlite"
    shutil.copy(sqlite_template, path)
    return path


@pytest.fixture
def pg_db(pg_url: URL) -> Iterator[Database]:
    """A `Database` on the session's PostgreSQL database, emptied first."""
    _truncate_all(pg_url)
    database = Database(make_engine(pg_url), actor="tester")
    yield database
    database.dispose()


# ---------------------------------------------------------------------------- both
@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A `Database` at head, on SQLite and on PostgreSQL (same test, both engines)."""
    if request.param == "sqlite":
        path = request.getfixturevalue("sqlite_path")
        database = Database(make_engine(sqlite_url(path)), actor="tester")
        yield database
        database.dispose()
    else:
        yield request.getfixturevalue("pg_db")


# ---------------------------------------------------------------------------- team databases (issue 4)
class TeamDatabase:
    """A database set up for a team by `init_shared_database`, with one login per test person.

    Logins are server-wide: their names carry a random tag so parallel runs never collide.
    `url(name)` connects as that person (the CI server trusts local connections, so the
    password matters only on the SCRAM cluster of the authentication tests).
    """

    PEOPLE = {
        "ada": ("administrator", "Ada", "Admin"),
        "bob": ("collaborator", "Bob", "Collab"),
        "cleo": ("collaborator", "Cléo", "Collab"),
        "rita": ("reader", "Rita", "Reader"),
    }

    def __init__(self, admin_url: URL) -> None:
        from ekocrm_desktop.services.access import init_shared_database

        self.tag = uuid.uuid4().hex[:6]
        name = f"ekocrm_team_{self.tag}"
        self.server_url = admin_url
        self.admin_url = admin_url.set(database=name)
        self.prefix = f"ekt_{self.tag}"
        self.passwords = {person: f"pw-{person}-{self.tag}" for person in self.PEOPLE}
        self.logins = {person: f"t{self.tag}_{person}" for person in self.PEOPLE}
        role, first, last = self.PEOPLE["ada"]
        result = init_shared_database(
            self.admin_url,
            role_prefix=self.prefix,
            first_admin=self.logins["ada"],
            first_admin_password=self.passwords["ada"],
            first_admin_name=(first, last),
        )
        assert result.first_admin is not None
        self.party_ids: dict[str, uuid.UUID] = {"ada": result.first_admin.party_id}  # type: ignore[dict-item]
        admin = self.database("ada")
        from ekocrm_desktop.services.access import AccessService

        team = AccessService(admin)
        for person, (role, first, last) in self.PEOPLE.items():
            if person == "ada":
                continue
            invitation = team.invite(
                self.logins[person], app_role=role, password=self.passwords[person], first_name=first, last_name=last
            )
            self.party_ids[person] = invitation.party_id  # type: ignore[assignment]
        admin.dispose()
        self._snapshot()

    def url(self, person: str) -> URL:
        """Where `person` connects, with their own login."""
        return self.admin_url.set(username=self.logins[person], password=self.passwords[person])

    def database(self, person: str, **engine_options: object) -> Database:
        """A `Database` connected as `person` (dispose it)."""
        return Database(make_engine(self.url(person), **engine_options), actor=self.logins[person])

    def superuser(self) -> Database:
        """The server administrator on this database (row-level security does not apply)."""
        return Database(make_engine(self.admin_url, poolclass=NullPool), actor="postgres")

    def _snapshot(self) -> None:
        engine = make_engine(self.admin_url, poolclass=NullPool)
        with engine.connect() as conn:
            self._collaborators = (
                conn.execute(text("SELECT * FROM party WHERE id = ANY(:ids)"), {"ids": list(self.party_ids.values())})
                .mappings()
                .all()
            )
            self._collaborator_roles = (
                conn.execute(
                    text("SELECT * FROM party_role WHERE party_id = ANY(:ids)"), {"ids": list(self.party_ids.values())}
                )
                .mappings()
                .all()
            )
        engine.dispose()

    def reset(self) -> None:
        """Back to the four people and their records only, every setting at its default."""
        engine = make_engine(self.admin_url, poolclass=NullPool)
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM activity"))  # with its links, alerts and ledger rows (issue 5)
            conn.execute(text("DELETE FROM conversation"))  # and the outbox (issue 5, part C)
            conn.execute(text("DELETE FROM outbox_message"))
            conn.execute(text("DELETE FROM party"))
            conn.execute(text("TRUNCATE record_history, save_receipt, tag, party_tag, app_setting"))
            conn.execute(text("DELETE FROM access_config WHERE key LIKE 'scope.%'"))
            # Put the collaborators' own records back exactly (no history: as if never touched).
            conn.execute(text("ALTER TABLE party DISABLE TRIGGER USER"))
            conn.execute(text("ALTER TABLE party_role DISABLE TRIGGER USER"))
            for row in self._collaborators:
                data = {k: v for k, v in row.items() if k != "search_tsv"}  # a generated column
                columns = ", ".join(data)
                values = ", ".join(f":{k}" for k in data)
                conn.execute(text(f"INSERT INTO party ({columns}) VALUES ({values})"), data)
            for row in self._collaborator_roles:
                columns = ", ".join(row.keys())
                values = ", ".join(f":{k}" for k in row)
                conn.execute(text(f"INSERT INTO party_role ({columns}) VALUES ({values})"), dict(row))
            conn.execute(text("ALTER TABLE party ENABLE TRIGGER USER"))
            conn.execute(text("ALTER TABLE party_role ENABLE TRIGGER USER"))
            for person, login in self.logins.items():
                conn.execute(
                    text("UPDATE user_account SET party_id = :p WHERE login = :l"),
                    {"p": self.party_ids[person], "l": login},
                )
                role = self.PEOPLE[person][0]
                conn.execute(text("SELECT ekocrm_set_user_role(:l, :r)"), {"l": login, "r": role})
                conn.execute(text(f'ALTER ROLE "{login}" LOGIN'))
            conn.execute(
                text("DELETE FROM user_account WHERE NOT login = ANY(:logins)"), {"logins": list(self.logins.values())}
            )
        engine.dispose()

    def drop(self) -> None:
        from ekocrm_desktop.services.access import drop_team_roles

        engine = make_engine(self.server_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.admin_url.database}" WITH (FORCE)'))
        engine.dispose()
        drop_team_roles(self.server_url, self.prefix)


@pytest.fixture(scope="session")
def team_server(pg_admin_url: URL) -> Iterator[TeamDatabase]:
    """One team database for the session (admin, two collaborators, a reader)."""
    team = TeamDatabase(pg_admin_url)
    yield team
    team.drop()


@pytest.fixture
def team(team_server: TeamDatabase) -> TeamDatabase:
    """The session's team database, reset to its four people."""
    team_server.reset()
    return team_server
