"""The administrators' command line for team databases, and what `db init` / `db upgrade` refuse."""

from __future__ import annotations

import io
import sys

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from ekocrm_desktop.cli import main as cli_main
from ekocrm_desktop.db.engine import make_engine
from ekocrm_desktop.db.migrate import MigrationError, head_revision, upgrade_postgres
from ekocrm_desktop.services.access import AccessError, AccessService, init_shared_database
from tests.conftest import TeamDatabase

pytestmark = pytest.mark.postgres


def plain(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def test_roles_scope_and_logins_from_the_command_line(
    team: TeamDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = plain(team.url("ada"))
    bob, rita = team.logins["bob"], team.logins["rita"]
    assert cli_main(["user", "list", "--url", admin]) == 0
    listed = capsys.readouterr().out
    assert f"{bob}\tcollaborator" in listed and f"{rita}\treader" in listed

    assert cli_main(["user", "role", rita, "--role", "collaborator", "--url", admin]) == 0
    assert cli_main(["user", "disable", bob, "--url", admin]) == 0
    assert cli_main(["scope", "collaborator", "own", "--url", admin]) == 0
    members = {m.login: m for m in AccessService(team.database("ada")).members()}
    assert members[rita].app_role == "collaborator" and not members[bob].enabled
    assert AccessService(team.database("ada")).scopes()["collaborator"] == "own"

    # Someone who is not an administrator is refused, with the reason.
    assert cli_main(["user", "role", bob, "--role", "administrator", "--url", plain(team.url("cleo"))]) == 1
    assert "permission denied" in capsys.readouterr().err
    # A generated password is printed once, for the administrator to hand over.
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli_main(["user", "add", f"t{team.tag}_cli", "--last-name", "Cli", "--url", admin]) == 0
    out = capsys.readouterr().out
    assert "shown once" in out


def test_db_init_refuses_a_database_that_already_holds_tables(pg_databases, pg_admin_url: URL) -> None:  # type: ignore[no-untyped-def]
    url: URL = pg_databases.create("ekocrm_full")
    engine = make_engine(url, poolclass=NullPool)
    upgrade_postgres(engine)
    engine.dispose()
    with pytest.raises(AccessError) as refused:
        init_shared_database(url, role_prefix=f"x{url.database[-8:]}")
    assert refused.value.code == "database_not_empty"
    # Nothing was left behind: no role of that prefix on the server.
    admin = make_engine(pg_admin_url, poolclass=NullPool)
    with admin.connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM pg_roles WHERE rolname LIKE :p"), {"p": f"x{url.database[-8:]}%"}
            ).scalar()
            == 0
        )
    admin.dispose()


def test_db_init_refuses_roles_another_team_database_uses(team: TeamDatabase) -> None:
    with pytest.raises(AccessError) as refused:
        init_shared_database(team.server_url.set(database=f"other_{team.tag}"), role_prefix=team.prefix)
    assert refused.value.code == "roles_taken"


def test_a_later_revision_runs_as_the_owner_and_its_tables_get_working_rights(team: TeamDatabase) -> None:
    def later_revision(conn: Connection) -> None:
        # What a later migration does: a new table (rights from the default privileges), then the stamp.
        conn.execute(text("CREATE TABLE later_feature (id int PRIMARY KEY, label text)"))
        conn.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head_revision()})

    superuser = make_engine(team.admin_url, poolclass=NullPool)
    with superuser.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))  # pretend we are behind
    try:
        # A team administrator is not the server's administrator: refused, with what to do.
        as_ada = make_engine(team.url("ada"), poolclass=NullPool)
        with pytest.raises(MigrationError, match="server's administrator"):
            upgrade_postgres(as_ada, runner=later_revision)
        as_ada.dispose()
        assert cli_main(["db", "upgrade", "--url", plain(team.url("ada"))]) == 1

        upgrade_postgres(superuser, runner=later_revision)
        with superuser.connect() as conn:
            owner = conn.execute(text("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'later_feature'"))
            assert owner.scalar() == f"{team.prefix}_owner"
        bob = make_engine(team.url("bob"), poolclass=NullPool)
        with bob.begin() as conn:
            conn.execute(text("INSERT INTO later_feature VALUES (1, 'ok')"))
        bob.dispose()
        rita = make_engine(team.url("rita"), poolclass=NullPool)
        with rita.connect() as conn:
            assert conn.execute(text("SELECT label FROM later_feature")).scalar() == "ok"
            with pytest.raises(DBAPIError, match="permission denied"):
                conn.execute(text("DELETE FROM later_feature"))
        rita.dispose()
    finally:
        with superuser.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS later_feature"))
            conn.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head_revision()})
        superuser.dispose()


def test_dropping_a_team_removes_its_roles_and_every_login_even_disabled(pg_admin_url: URL) -> None:
    import uuid

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.services.access import AccessService, drop_team_roles

    tag = uuid.uuid4().hex[:6]
    url = pg_admin_url.set(database=f"ekocrm_drop_{tag}")
    prefix = f"ekd_{tag}"
    init_shared_database(url, role_prefix=prefix, first_admin=f"d{tag}_admin", first_admin_password="pw-admin-1")
    admin = Database(make_engine(url.set(username=f"d{tag}_admin", password="pw-admin-1")), actor="admin")
    access = AccessService(admin)
    access.invite(f"d{tag}_gone", app_role="reader", password="pw-gone-12", last_name="Gone")
    access.set_enabled(f"d{tag}_gone", False)
    admin.dispose()
    engine = make_engine(pg_admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{url.database}" WITH (FORCE)'))
    drop_team_roles(pg_admin_url, prefix)
    with engine.connect() as conn:
        left = (
            conn.execute(
                text("SELECT rolname FROM pg_roles WHERE rolname LIKE :a OR rolname LIKE :b"),
                {"a": f"{prefix}%", "b": f"d{tag}%"},
            )
            .scalars()
            .all()
        )
    engine.dispose()
    assert left == []
