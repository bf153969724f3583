"""Team mode on a shared PostgreSQL database: creating it, inviting people, roles, record scope.

Each person logs in with their own PostgreSQL role; what they may do comes from the group
role they belong to (administrator, collaborator, reader: GRANTs) and what they may see from
row-level security (scope "all", "own" or "team" per role, private records for their owner
only). The app reads those rights (`capabilities`) to hide what would be refused anyway;
the server enforces them, also for someone who opens a SQL console with their credentials.

Passwords leave this process only as SCRAM-SHA-256 verifiers computed here (libpq's
`PQencryptPasswordConn`): the server, its logs and our logs never see them in clear. The
server administrator's credentials used by `init_shared_database` are never stored.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import secrets
import string
import uuid
from typing import Any

from sqlalchemy import URL, Connection, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.engine import make_engine, safe_url_text
from ekocrm_desktop.db.migrate import SchemaState, schema_state, upgrade_postgres
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.services.errors import ServiceError, denied

log = logging.getLogger(__name__)

APP_ROLES = ("administrator", "collaborator", "reader")
SCOPES = ("all", "own", "team")
USERS = "user_account"
LOGIN_PATTERN = re.compile(r"^[a-z_][a-z0-9_.-]{0,62}$")
PREFIX_PATTERN = re.compile(r"^[a-z_][a-z0-9_]{0,39}$")
GENERATED_PASSWORD_LENGTH = 16


class AccessError(ServiceError):
    """A team operation was refused; `code` says why (the UI translates it), the message is English."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclasses.dataclass(frozen=True)
class Capabilities:
    """What the connected role may do here, as the server says (the UI hides the rest)."""

    #: The database is set up for a team (roles, policies); False on SQLite and plain databases.
    team: bool
    login: str
    #: "administrator", "collaborator", "reader", or "owner" (maintenance, a one-user database).
    app_role: str
    scope: str
    my_party_id: uuid.UUID | None
    can_create: bool
    can_edit: bool
    can_purge: bool
    can_manage_users: bool

    @property
    def can_revert(self) -> bool:
        """Reverting a change from the history is an administrator's action."""
        return self.can_edit and self.app_role in ("administrator", "owner")

    @property
    def read_only(self) -> bool:
        """Whether this role changes nothing (a reader)."""
        return not (self.can_create or self.can_edit)


#: A SQLite file (or a plain PostgreSQL database opened by its owner): everything is allowed.
FULL_ACCESS = Capabilities(
    team=False,
    login="",
    app_role="owner",
    scope="all",
    my_party_id=None,
    can_create=True,
    can_edit=True,
    can_purge=True,
    can_manage_users=False,
)


@dataclasses.dataclass(frozen=True)
class TeamMember:
    """A person with a login on the team database."""

    login: str
    display_name: str
    party_id: uuid.UUID | None
    app_role: str
    enabled: bool


@dataclasses.dataclass(frozen=True)
class Invitation:
    """A new login; `generated_password` is set when the app chose it (show it once, store it nowhere)."""

    login: str
    party_id: uuid.UUID | None
    app_role: str
    generated_password: str | None


@dataclasses.dataclass(frozen=True)
class InitResult:
    """What `init_shared_database` set up."""

    database: str
    role_prefix: str
    created_database: bool
    revision: str
    first_admin: Invitation | None


def generate_password(length: int = GENERATED_PASSWORD_LENGTH) -> str:
    """A random password that reads without ambiguity (no 0/O, 1/l/I) and types on any keyboard."""
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
    return "".join(secrets.choice(alphabet) for _ in range(length))


def default_role_prefix(database: str) -> str:
    """Group roles are server-wide: their names start with the database's name (made a safe identifier)."""
    clean = re.sub(r"[^a-z0-9_]", "_", database.lower())
    if not clean or not (clean[0].isalpha() or clean[0] == "_"):
        clean = "ekocrm_" + clean
    return clean[:40]


def check_login(login: str) -> str:
    """A valid new login name (lower case letters, digits, _ . -), or AccessError."""
    clean = login.strip()
    if not LOGIN_PATTERN.match(clean) or clean.startswith("pg_"):
        raise AccessError("login_invalid", f"“{login}” is not a valid login name", login=login)
    return clean


def scram_verifier(conn: Connection, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of a password, computed by libpq on this side of the connection."""
    if not password:
        raise AccessError("password_empty", "the password is empty")
    raw: Any = conn.connection.driver_connection
    verifier = raw.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
    return bytes(verifier).decode()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------------------- the service
class AccessService:
    """Rights, users and scope of the connected team database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ rights
    def capabilities(self) -> Capabilities:
        """What the connected role may do (one query; SQLite: everything)."""
        if self._db.is_sqlite:
            return dataclasses.replace(FULL_ACCESS, login=self._db.actor)
        with self._db.session() as session:
            if session.execute(text("SELECT to_regprocedure('ekocrm_app_role()') IS NULL")).scalar():
                # A database from before team mode: whatever the server grants, without roles.
                row = session.execute(
                    text(
                        "SELECT current_user, has_table_privilege('party', 'INSERT'), "
                        "has_table_privilege('party', 'UPDATE'), has_table_privilege('party', 'DELETE')"
                    )
                ).one()
                return Capabilities(False, row[0], "owner", "all", None, row[1], row[2], row[3], False)
            row = session.execute(
                text(
                    "SELECT current_user, ekocrm_role_prefix(), ekocrm_app_role(), ekocrm_scope(), ekocrm_my_party(), "
                    "has_table_privilege('party', 'INSERT'), has_table_privilege('party', 'UPDATE'), "
                    "has_table_privilege('party', 'DELETE'), "
                    "has_function_privilege('ekocrm_create_user(text, text, text, uuid, text)', 'EXECUTE')"
                )
            ).one()
        team = row[1] is not None
        return Capabilities(
            team=team,
            login=str(row[0]),
            app_role=str(row[2] or "none"),
            scope=str(row[3]),
            my_party_id=row[4],
            can_create=bool(row[5]),
            can_edit=bool(row[6]),
            can_purge=bool(row[7]),
            can_manage_users=team and bool(row[8]) and row[2] in ("administrator", "owner"),
        )

    # ------------------------------------------------------------------ users
    def members(self) -> list[TeamMember]:
        """Everyone with a login, with their role and whether they may log in."""
        if self._db.is_sqlite:
            return []
        with self._db.session() as session:
            prefix = self._prefix(session.connection())
            rows = session.execute(
                text(
                    "SELECT u.login, u.display_name, u.party_id, r.rolcanlogin, "
                    "CASE WHEN r.rolname IS NULL THEN NULL "
                    "WHEN pg_has_role(u.login, :admin, 'MEMBER') THEN 'administrator' "
                    "WHEN pg_has_role(u.login, :collab, 'MEMBER') THEN 'collaborator' "
                    "WHEN pg_has_role(u.login, :reader, 'MEMBER') THEN 'reader' END "
                    "FROM user_account u LEFT JOIN pg_roles r ON r.rolname = u.login "
                    "ORDER BY lower(u.display_name), u.login"
                ),
                {"admin": f"{prefix}_administrator", "collab": f"{prefix}_collaborator", "reader": f"{prefix}_reader"},
            ).all()
        return [TeamMember(r[0], r[1] or r[0], r[2], r[4] or "none", bool(r[3])) for r in rows]

    def invite(
        self,
        login: str,
        *,
        app_role: str = "collaborator",
        password: str | None = None,
        first_name: str = "",
        last_name: str = "",
        party_id: uuid.UUID | None = None,
    ) -> Invitation:
        """Give a person their own login, linked to a collaborator record (created when not given).

        With no password, one is generated and returned once in `generated_password`.
        """
        login = check_login(login)
        if app_role not in APP_ROLES:
            raise AccessError("role_unknown", f"unknown role {app_role}", role=app_role)
        generated = None
        if password is None:
            password = generated = generate_password()
        with self._db.session() as session:
            conn = session.connection()
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :l"), {"l": login}).scalar():
                raise AccessError("login_taken", f"the login {login} already exists on this server", login=login)
            session.rollback()
        created_party = False
        display = " ".join(p for p in (first_name.strip(), last_name.strip()) if p) or login
        if party_id is None:
            party_id = self._create_collaborator(first_name.strip(), last_name.strip() or login)
            created_party = True
        try:
            with self._db.write_session() as session:
                conn = session.connection()
                verifier = scram_verifier(conn, login, password)
                conn.execute(
                    text("SELECT ekocrm_create_user(:login, :verifier, :role, :party, :display)"),
                    {"login": login, "verifier": verifier, "role": app_role, "party": party_id, "display": display},
                )
                session.commit()
        except DBAPIError as exc:
            if created_party:
                self._drop_party(party_id)
            raise self._translate(exc, login=login) from None
        log.info("created login %s (%s)", login, app_role)
        self._db.announce(Changes.of(USERS, (), "party"))
        return Invitation(login, party_id, app_role, generated)

    def set_role(self, login: str, app_role: str) -> None:
        """Promote or demote a person (the team always keeps an administrator)."""
        self._call("SELECT ekocrm_set_user_role(:a, :b)", login, app_role)
        log.info("role of %s set to %s", login, app_role)

    def set_enabled(self, login: str, enabled: bool) -> None:
        """Let a person log in again, or stop them (their records and history stay)."""
        self._call("SELECT ekocrm_set_user_enabled(:a, :b)", login, enabled)
        log.info("login %s %s", login, "enabled" if enabled else "disabled")

    def reset_password(self, login: str, password: str | None = None) -> str | None:
        """Give a person a new password; returns it when it was generated (show it once)."""
        generated = None
        if password is None:
            password = generated = generate_password()
        try:
            with self._db.write_session() as session:
                conn = session.connection()
                conn.execute(
                    text("SELECT ekocrm_set_user_password(:login, :verifier)"),
                    {"login": login, "verifier": scram_verifier(conn, login, password)},
                )
                session.commit()
        except DBAPIError as exc:
            raise self._translate(exc, login=login) from None
        log.info("password of %s reset", login)
        return generated

    def change_own_password(self, password: str) -> None:
        """The connected person chooses a new password for themselves."""
        with self._db.write_session() as session:
            conn = session.connection()
            login = str(conn.execute(text("SELECT current_user")).scalar_one())
            verifier = scram_verifier(conn, login, password)
            conn.exec_driver_sql(f"ALTER ROLE CURRENT_USER PASSWORD '{verifier}'")
            session.commit()

    def link(self, login: str, party_id: uuid.UUID | None, display_name: str | None = None) -> None:
        """Link a login to another collaborator record."""
        self._call("SELECT ekocrm_link_user(:a, :b, :c)", login, party_id, display_name)

    # ------------------------------------------------------------------ scope
    def scopes(self) -> dict[str, str]:
        """Which records collaborators and readers see: "all", "own" or "team"."""
        result = {"collaborator": "all", "reader": "all"}
        if self._db.is_sqlite:
            return result
        with self._db.session() as session:
            for key, value in session.execute(text("SELECT key, value FROM access_config WHERE key LIKE 'scope.%'")):
                result[key.removeprefix("scope.")] = value
        return result

    def set_scope(self, app_role: str, scope: str) -> None:
        """Choose which records a role sees (administrators always see every non-private record)."""
        if scope not in SCOPES:
            raise AccessError("scope_unknown", f"unknown scope {scope}", scope=scope)
        self._call("SELECT ekocrm_set_scope(:a, :b)", app_role, scope)
        self._db.announce(Changes(frozenset({"party", "access"}), resync=True))

    def teams_available(self) -> bool:
        """Whether collaborators are organised in teams here (then "team" scope means something)."""
        if self._db.is_sqlite:
            return False
        with self._db.session() as session:
            return bool(session.execute(text("SELECT to_regclass('team_member') IS NOT NULL")).scalar())

    def owner_choices(self) -> list[tuple[uuid.UUID, str]]:
        """Collaborators a record can be given to: the people with a login and a collaborator record."""
        return [(m.party_id, m.display_name) for m in self.members() if m.party_id is not None and m.enabled]

    # ------------------------------------------------------------------ internals
    def _prefix(self, conn: Connection) -> str:
        prefix = conn.execute(text("SELECT value FROM access_config WHERE key = 'role_prefix'")).scalar()
        if not prefix:
            raise AccessError("not_team", "this database is not set up for a team: run `ekocrm db init`")
        return str(prefix)

    def _call(self, sql: str, *args: Any) -> None:
        params = dict(zip("abc", args, strict=False))
        try:
            with self._db.write_session() as session:
                session.execute(text(sql), params)
                session.commit()
        except DBAPIError as exc:
            raise self._translate(exc, login=args[0]) from None
        self._db.announce(Changes.of(USERS))

    def _translate(self, exc: DBAPIError, **params: Any) -> ServiceError:
        permission = denied(exc)
        if permission is not None:
            return permission
        original = exc.orig
        message = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
        # Our functions name each refusal in the error's HINT (see db.migrations.security).
        diag = getattr(original, "diag", None)
        code = getattr(diag, "message_hint", None) or "refused"
        return AccessError(code, message, **params)

    def _create_collaborator(self, first_name: str, last_name: str) -> uuid.UUID:
        from ekocrm_desktop.services.contacts import ContactService, PartyDraft, RoleEntry

        party_id = uuid7()
        draft = PartyDraft(
            first_name=first_name,
            last_name=last_name,
            roles=(RoleEntry(RoleKind.COLLABORATOR.value, self._db.clock().date()),),
            # Their own record is theirs: visible to them even when they see only their own records.
            owner_id=party_id,
        )
        ContactService(self._db).create(draft, party_id=party_id)
        return party_id

    def _drop_party(self, party_id: uuid.UUID) -> None:
        from ekocrm_desktop.services.contacts import ContactService

        contacts = ContactService(self._db)
        contacts.delete([party_id])
        contacts.purge([party_id])


# ---------------------------------------------------------------------------- creating a team database
def init_shared_database(
    admin_url: URL,
    *,
    role_prefix: str | None = None,
    first_admin: str | None = None,
    first_admin_password: str | None = None,
    first_admin_name: tuple[str, str] = ("", ""),
) -> InitResult:
    """Create (or take an empty) database on a PostgreSQL server and set it up for a team.

    `admin_url` carries the server administrator's credentials (a superuser, or a role with
    CREATEDB and CREATEROLE) and the name of the database; they are used for this call only.
    Creates the owner role (NOLOGIN: owns every table, migrations run as it), the group roles
    administrator / collaborator / reader, the schema at this app's revision, and optionally
    the first administrator's own login.
    """
    database = admin_url.database
    if not database:
        raise AccessError("database_missing", "the URL names no database")
    prefix = role_prefix or default_role_prefix(database)
    if not PREFIX_PATTERN.match(prefix):
        raise AccessError("prefix_invalid", f"“{prefix}” is not a valid role prefix", prefix=prefix)
    owner = f"{prefix}_owner"
    groups = [f"{prefix}_{role}" for role in APP_ROLES]
    if first_admin is not None:
        first_admin = check_login(first_admin)

    maintenance = make_engine(
        admin_url.set(database="postgres"), poolclass=NullPool, isolation_level="AUTOCOMMIT", connect_timeout=10
    )
    created_database = False
    created_roles: list[str] = []
    try:
        with maintenance.connect() as conn:
            superuser = bool(conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar())
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database}).scalar()
            taken = list(
                conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:r)"), {"r": [owner, *groups]})
                .scalars()
                .all()
            )
            if taken:
                raise AccessError(
                    "roles_taken",
                    f"roles {', '.join(taken)} already exist on this server (another EkoCRM team database?): "
                    "choose another role prefix",
                    roles=", ".join(taken),
                )
            if (
                first_admin
                and conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :l"), {"l": first_admin}).scalar()
            ):
                raise AccessError(
                    "login_taken", f"the login {first_admin} already exists on this server", login=first_admin
                )
            if exists:
                _check_empty(admin_url)
            else:
                conn.exec_driver_sql(f"CREATE DATABASE {_quote(database)}")
                created_database = True
            # The owner bypasses row-level security (only the server's administrator can become
            # it): the text-search function runs as it to use the GIN index (see ekocrm_search_party).
            bypass = " BYPASSRLS" if superuser else ""
            conn.exec_driver_sql(f"CREATE ROLE {_quote(owner)} NOLOGIN CREATEROLE{bypass}")
            created_roles.append(owner)
            for group in groups:
                conn.exec_driver_sql(f"CREATE ROLE {_quote(group)} NOLOGIN")
                created_roles.append(group)
            # The owner creates the logins and puts them in a group (PostgreSQL 16 wants ADMIN OPTION).
            conn.exec_driver_sql(f"GRANT {', '.join(_quote(g) for g in groups)} TO {_quote(owner)} WITH ADMIN OPTION")
            if not superuser:
                conn.exec_driver_sql(f"GRANT {_quote(owner)} TO CURRENT_USER")
            conn.exec_driver_sql(f"ALTER DATABASE {_quote(database)} OWNER TO {_quote(owner)}")
            conn.exec_driver_sql(f"REVOKE ALL ON DATABASE {_quote(database)} FROM PUBLIC")
            # TEMPORARY as PostgreSQL grants by default (imports stage rows in temporary tables):
            # our functions pin their search_path, so a temporary table cannot shadow ours.
            conn.exec_driver_sql(
                f"GRANT CONNECT, TEMPORARY ON DATABASE {_quote(database)} TO {', '.join(_quote(g) for g in groups)}"
            )
        target = make_engine(admin_url, poolclass=NullPool, connect_timeout=10)
        try:
            with target.begin() as conn:
                conn.exec_driver_sql("REVOKE ALL ON SCHEMA public FROM PUBLIC")
                conn.exec_driver_sql(f"ALTER SCHEMA public OWNER TO {_quote(owner)}")
                conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {', '.join(_quote(g) for g in groups)}")
            _before, revision = upgrade_postgres(target, as_role=owner, settings={"ekocrm.role_prefix": prefix})
            from ekocrm_desktop.services.settings_lists import SettingsListService

            # A new team database starts with the settings lists' defaults, as a new file does.
            SettingsListService(Database(target, actor=str(admin_url.username or "admin"))).ensure_defaults()
            invitation = None
            if first_admin is not None:
                db = Database(target, actor=str(admin_url.username or "admin"))
                first, last = first_admin_name
                invitation = AccessService(db).invite(
                    first_admin,
                    app_role="administrator",
                    password=first_admin_password,
                    first_name=first,
                    last_name=last or first_admin,
                )
        finally:
            target.dispose()
    except BaseException:
        _undo_init(maintenance, database if created_database else None, created_roles)
        raise
    finally:
        maintenance.dispose()
    log.info("set up team database %s (roles %s_*)", safe_url_text(admin_url), prefix)
    return InitResult(database, prefix, created_database, revision, invitation)


def _check_empty(admin_url: URL) -> None:
    engine = make_engine(admin_url, poolclass=NullPool, connect_timeout=10)
    try:
        with engine.connect() as conn:
            state, _revision = schema_state(conn)
            conn.rollback()
    finally:
        engine.dispose()
    if state is not SchemaState.EMPTY:
        raise AccessError(
            "database_not_empty",
            f"the database {admin_url.database} already holds tables: a team database is created empty "
            "(use `ekocrm db upgrade` for an existing EkoCRM database)",
            database=admin_url.database,
        )


def _undo_init(maintenance: Any, database: str | None, roles: list[str]) -> None:
    """Leave the server as it was after a failed setup (best effort: the first error is what matters)."""
    try:
        with maintenance.connect() as conn:
            if database is not None:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {_quote(database)} WITH (FORCE)")
            for role in reversed(roles):
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {_quote(role)}")
    except Exception:
        log.exception("could not undo a failed team database setup")


def drop_team_roles(admin_url: URL, prefix: str) -> None:
    """Remove a team's group and owner roles and the logins created in them (tests, decommissioning).

    The database must be dropped first (roles that own objects cannot be dropped).
    """
    engine = make_engine(admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            groups = [f"{prefix}_{role}" for role in APP_ROLES]
            # Every member of the groups (disabled logins too), but never the owner or a superuser.
            logins = conn.execute(
                text(
                    "SELECT DISTINCT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
                    "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = ANY(:g) "
                    "AND NOT m.rolname = ANY(:ours) AND NOT m.rolsuper"
                ),
                {"g": groups, "ours": [*groups, f"{prefix}_owner"]},
            ).scalars()
            for login in list(logins):
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {_quote(login)}")
            for role in (*groups, f"{prefix}_owner"):
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {_quote(role)}")
    finally:
        engine.dispose()
