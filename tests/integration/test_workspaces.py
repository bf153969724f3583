"""Workspaces: the registry, the command line, opening SQLite and PostgreSQL, and passwords kept
out of every file the app writes (reliability anchors K1)."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from ekocrm_desktop.cli import main as cli_main
from ekocrm_desktop.db.engine import make_engine
from ekocrm_desktop.secrets import SERVICE, SecretStore
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, PartyQuery
from ekocrm_desktop.services.workspaces import (
    DEMO_NAME,
    POSTGRESQL,
    SQLITE,
    ConnectionFailedError,
    PostgresSettings,
    Workspace,
    WorkspaceError,
    WorkspaceRegistry,
    check_connection,
    ensure_demo_workspace,
    new_workspace_id,
    open_workspace,
)


def sqlite_workspace(tmp_path: Path, name: str = "Travail", color: str = "#1e88e5") -> Workspace:
    return Workspace(new_workspace_id(), name, color, SQLITE, path=str(tmp_path / f"{name}.sqlite"))


def test_registry_remembers_workspaces_and_the_last_one_used(tmp_path: Path) -> None:
    registry = WorkspaceRegistry()
    work = registry.add(sqlite_workspace(tmp_path, "Travail"))
    asso = registry.add(sqlite_workspace(tmp_path, "Association", "#43a047"))
    registry.set_last_used(asso)

    reloaded = WorkspaceRegistry()
    assert [w.name for w in reloaded.all()] == ["Travail", "Association"]
    assert reloaded.last_used() == asso
    assert reloaded.get("travail") == work
    assert reloaded.next_color() not in {"#1e88e5", "#43a047"}
    with pytest.raises(WorkspaceError):
        reloaded.add(sqlite_workspace(tmp_path, "TRAVAIL"))
    reloaded.remove("Association")
    assert WorkspaceRegistry().last_used() == work


def test_a_damaged_registry_file_is_set_aside_not_fatal(ekocrm_home: Path) -> None:
    registry = WorkspaceRegistry()
    registry.path.write_text("{not json", encoding="utf-8")
    assert WorkspaceRegistry().all() == []
    assert registry.path.with_suffix(".json.damaged").exists()


def test_opening_a_new_sqlite_workspace_creates_and_upgrades_the_file(tmp_path: Path) -> None:
    workspace = sqlite_workspace(tmp_path)
    opened = open_workspace(workspace)
    contacts = ContactService(opened.db)
    contacts.create(PartyDraft(first_name="Léa", last_name="Martin"))
    assert contacts.count(PartyQuery()) == 1
    opened.db.dispose()
    again = open_workspace(workspace)
    assert ContactService(again.db).count(PartyQuery(text="lea")) == 1
    again.db.dispose()


def test_the_demo_workspace_is_created_once_with_french_data() -> None:
    registry = WorkspaceRegistry()
    demo = ensure_demo_workspace(registry)
    assert demo.demo and demo.name == DEMO_NAME and Path(demo.path).exists()
    assert ensure_demo_workspace(registry) == demo
    opened = open_workspace(demo)
    contacts = ContactService(opened.db)
    assert contacts.count(PartyQuery(kind="person")) == 2000
    assert contacts.count(PartyQuery(kind="organisation")) == 300
    assert contacts.count(PartyQuery(city="Lyon")) > 200
    assert contacts.count(PartyQuery(role="member")) > 300
    assert contacts.count(PartyQuery(text="helene")) > 0
    opened.db.dispose()


def test_cli_workspace_add_list_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "asso.sqlite"
    assert cli_main(["workspace", "add", "Association", "--sqlite", str(file), "--color", "#43a047"]) == 0
    assert cli_main(["workspace", "add", "Association", "--sqlite", str(file)]) == 2
    assert cli_main(["workspace", "list"]) == 0
    out = capsys.readouterr().out
    assert "Association" in out and str(file) in out
    assert cli_main(["workspace", "remove", "Association"]) == 0
    assert WorkspaceRegistry().all() == []


@pytest.mark.postgres
def test_postgres_workspace_password_lives_only_in_the_keychain(
    pg_url: URL,
    pg_admin_url: URL,
    memory_keyring,  # type: ignore[no-untyped-def]
    ekocrm_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sentinel = f"S3ntinel-{uuid.uuid4().hex}"
    role = f"ekocrm_u_{uuid.uuid4().hex[:8]}"
    admin = make_engine(pg_admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{sentinel}'"))
    try:
        url = pg_url.set(username=role, password=sentinel, drivername="postgresql")
        monkeypatch.setattr("sys.stdin", io.StringIO(sentinel + "\n"))
        no_password = url.set(password=None).render_as_string(hide_password=False)
        assert cli_main(["workspace", "add", "Équipe", "--url", no_password, "--password-stdin"]) == 0
        workspace = WorkspaceRegistry().get("Équipe")
        assert workspace.kind == POSTGRESQL and workspace.postgres is not None
        assert memory_keyring.entries[(SERVICE, workspace.secret_key)] == sentinel

        opened = open_workspace(workspace, secrets=SecretStore())
        assert opened.db.actor == role
        ContactService(opened.db).create(PartyDraft(first_name="Zoé", last_name="Réseau"))
        opened.db.dispose()
        # A failed connection (wrong database) must not leak the password in its message.
        broken = Workspace(
            workspace.id,
            "Cassé",
            "#000",
            POSTGRESQL,
            postgres=PostgresSettings(
                host=workspace.postgres.host,
                port=workspace.postgres.port,
                database="does_not_exist",
                username=role,
            ),
        )
        with pytest.raises(ConnectionFailedError) as info:
            open_workspace(broken, secrets=SecretStore())
        assert sentinel not in str(info.value)
        assert cli_main(["db", "current", "--workspace", "Équipe"]) == 0
        assert sentinel not in capsys.readouterr().out
        from ekocrm_desktop.logs import setup_logging

        setup_logging()
        import logging

        logging.getLogger("ekocrm_desktop").info("opened %s", workspace.describe())
        for path in ekocrm_home.rglob("*"):
            if path.is_file():
                assert sentinel.encode() not in path.read_bytes(), f"password found in {path}"
        config = json.loads((ekocrm_home / "config" / "workspaces.json").read_text(encoding="utf-8"))
        assert "password" not in json.dumps(config).lower()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {role} CASCADE"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()


@pytest.mark.postgres
def test_check_connection_reports_the_server_version_or_the_reason(pg_url: URL) -> None:
    settings = PostgresSettings(
        host=pg_url.host or "127.0.0.1",
        port=pg_url.port or 5432,
        database=pg_url.database or "",
        username=pg_url.username or "",
    )
    assert check_connection(settings, pg_url.password).split(".")[0].isdigit()
    with pytest.raises(ConnectionFailedError):
        check_connection(PostgresSettings(host="127.0.0.1", port=1, database="x", username="nobody"), "wrong")


def test_without_a_keychain_the_password_is_kept_for_the_session_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    store = SecretStore()
    assert not store.keychain_available()
    assert store.set("workspace:x", "secret") is False
    assert store.get("workspace:x") == "secret"
    assert SecretStore().get("workspace:x") is None
