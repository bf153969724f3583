"""Migrations on both engines: empty → head, models = migrations, upgrades that keep every row,
a failed upgrade that restores the backup, the stairway, and the version gates."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from ekocrm_desktop.cli import main as cli_main
from ekocrm_desktop.db.database import Database, ReadOnlyDatabaseError
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.db.migrate import (
    MigrationFailedError,
    NotEnoughDiskError,
    SchemaMismatchError,
    SchemaState,
    alembic_config,
    alembic_upgrade,
    check_postgres_schema,
    head_revision,
    model_differences,
    schema_state,
    script_directory,
    upgrade_postgres,
    upgrade_sqlite_file,
)
from ekocrm_desktop.models.enums import PartyKind
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, PartyQuery
from ekocrm_desktop.services.demo import DemoSize, generate_demo_data
from ekocrm_desktop.services.workspaces import SQLITE, Workspace, open_workspace

CHILD_TABLES = ("party_email", "party_phone", "party_address", "party_role", "affiliation", "party_tag")
FIRST = "0001"


def revisions() -> list[str]:
    """Every revision, oldest first."""
    return [r.revision for r in reversed(list(script_directory().walk_revisions()))]


def sqlite_at(path: Path, revision: str) -> None:
    engine = make_engine(sqlite_url(path), foreign_keys=False, poolclass=NullPool)
    with engine.begin() as conn:
        alembic_upgrade(conn, revision)
    engine.dispose()


def counts(path: Path) -> dict[str, int]:
    # closing(): sqlite3's own context manager only commits, and a connection left for the garbage
    # collector keeps the file open, so a following switch to WAL may find the database locked.
    with closing(sqlite3.connect(path)) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("party", *CHILD_TABLES)}


def digest(path: Path) -> str:
    """A hash over the key columns of every party and child row."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT id, display_name, search_doc, version FROM party ORDER BY id").fetchall()
        rows += conn.execute("SELECT id, party_id, address FROM party_email ORDER BY id").fetchall()
        rows += conn.execute("SELECT id, party_id, number FROM party_phone ORDER BY id").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def check_models_match(conn: Connection) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.check(cfg)


@pytest.fixture
def old_sqlite_with_data(tmp_path: Path) -> Path:
    """A workspace file at the first revision, holding demo data written by the app of that time."""
    path = tmp_path / "old.sqlite"
    sqlite_at(path, FIRST)
    db = Database(make_engine(sqlite_url(path), poolclass=NullPool), actor="old-app")
    generate_demo_data(db, DemoSize(300, 40, association=False))
    db.dispose()
    return path


# ---------------------------------------------------------------------------- SQLite
def test_sqlite_empty_to_head_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    result = upgrade_sqlite_file(path)
    assert (result.from_revision, result.to_revision, result.backup) == (None, head_revision(), None)
    engine = make_engine(sqlite_url(path), poolclass=NullPool)
    with engine.begin() as conn:
        check_models_match(conn)
        assert schema_state(conn) == (SchemaState.CURRENT, head_revision())
    engine.dispose()
    # A second start is a no-op.
    assert upgrade_sqlite_file(path).state is SchemaState.CURRENT


def test_the_model_comparison_sees_a_missing_migration(tmp_path: Path) -> None:
    path = tmp_path / "behind.sqlite"
    sqlite_at(path, FIRST)
    engine = make_engine(sqlite_url(path), poolclass=NullPool)
    with engine.begin() as conn:
        differences = model_differences(conn)
    engine.dispose()
    assert any("app_setting" in repr(d) for d in differences)
    assert any("owner_id" in repr(d) for d in differences)


def test_upgrading_an_old_file_keeps_every_row_and_the_search_index(old_sqlite_with_data: Path) -> None:
    path = old_sqlite_with_data
    before, before_digest = counts(path), digest(path)
    assert all(before[t] > 0 for t in ("party", "party_email", "party_phone", "party_role", "affiliation"))

    result = upgrade_sqlite_file(path)

    assert result.from_revision == FIRST and result.to_revision == head_revision()
    assert result.backup is not None and result.backup.exists()
    # Cascade guard (reliability M4): recreating `party` with foreign keys on would empty these.
    assert counts(path) == before
    assert digest(path) == before_digest
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        # The search index's, and those keeping party_purchase (0021) for every deal change.
        purchases = {name for name in triggers if name.startswith("trg_party_purchase_")}
        assert triggers - purchases == {"party_fts_ai", "party_fts_ad", "party_fts_au"}
        assert len(purchases) == 10
    # The backup is the old file, intact.
    assert counts(result.backup) == before
    with sqlite3.connect(result.backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == FIRST

    db = Database(make_engine(sqlite_url(path), poolclass=NullPool), actor="new-app")
    contacts = ContactService(db)
    assert contacts.count(PartyQuery(text="lyon")) > 0
    assert contacts.count(PartyQuery()) == before["party"]
    db.dispose()


def test_a_failing_upgrade_restores_the_backup(old_sqlite_with_data: Path) -> None:
    path = old_sqlite_with_data
    before, before_digest = counts(path), digest(path)

    def half_done_then_crash(conn: Connection) -> None:
        alembic_upgrade(conn)
        conn.exec_driver_sql("DELETE FROM party_email")
        raise RuntimeError("disk unplugged")

    with pytest.raises(MigrationFailedError) as info:
        upgrade_sqlite_file(path, runner=half_done_then_crash)
    assert "disk unplugged" in str(info.value)
    assert info.value.backup is not None and info.value.revision == FIRST
    assert counts(path) == before
    assert digest(path) == before_digest
    engine = make_engine(sqlite_url(path), poolclass=NullPool)
    with engine.connect() as conn:
        assert schema_state(conn) == (SchemaState.OLDER, FIRST)
    engine.dispose()
    # The next start upgrades for real.
    assert upgrade_sqlite_file(path).to_revision == head_revision()


def test_an_upgrade_that_loses_rows_is_refused_and_rolled_back(old_sqlite_with_data: Path) -> None:
    path = old_sqlite_with_data
    before = counts(path)

    def silently_loses_rows(conn: Connection) -> None:
        alembic_upgrade(conn)
        conn.exec_driver_sql("DELETE FROM party_role")

    with pytest.raises(MigrationFailedError, match="rows lost"):
        upgrade_sqlite_file(path, runner=silently_loses_rows)
    assert counts(path) == before


def test_not_enough_disk_refuses_before_touching_anything(
    old_sqlite_with_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = old_sqlite_with_data
    before_digest = digest(path)
    real = shutil.disk_usage

    def almost_full(target: object) -> object:
        usage = real(target)  # type: ignore[arg-type]
        return type(usage)(usage.total, usage.total - 1000, 1000)

    monkeypatch.setattr(shutil, "disk_usage", almost_full)
    with pytest.raises(NotEnoughDiskError):
        upgrade_sqlite_file(path)
    assert digest(path) == before_digest
    assert not (path.parent / "backups").exists() or not list((path.parent / "backups").iterdir())


def test_stairway_up_down_up_on_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "stairs.sqlite"
    engine = make_engine(sqlite_url(path), foreign_keys=False, poolclass=NullPool)
    cfg = alembic_config()
    previous = "base"
    for revision in revisions():
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            command.downgrade(cfg, previous)
            command.upgrade(cfg, revision)
        previous = revision
    with engine.begin() as conn:
        check_models_match(conn)
    engine.dispose()


def test_a_newer_database_opens_read_only(tmp_path: Path, sqlite_path: Path) -> None:
    with sqlite3.connect(sqlite_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d'")
    with pytest.raises(SchemaMismatchError) as info:
        upgrade_sqlite_file(sqlite_path)
    assert info.value.state is SchemaState.NEWER
    workspace = Workspace("w1", "Futur", "#000000", SQLITE, path=str(sqlite_path))
    opened = open_workspace(workspace)
    assert opened.db.read_only and "newer" in opened.db.read_only_reason
    contacts = ContactService(opened.db)
    assert contacts.count(PartyQuery()) == 0
    from ekocrm_desktop.services.contacts import PartyDraft

    with pytest.raises(ReadOnlyDatabaseError):
        contacts.create(PartyDraft(first_name="A", last_name="B"))
    opened.db.dispose()
    with sqlite3.connect(sqlite_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "f00d"


def test_a_foreign_sqlite_file_is_never_migrated(tmp_path: Path) -> None:
    path = tmp_path / "other-app.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('x')")
    with pytest.raises(SchemaMismatchError) as info:
        upgrade_sqlite_file(path)
    assert info.value.state is SchemaState.FOREIGN
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 1


# ---------------------------------------------------------------------------- PostgreSQL
@pytest.mark.postgres
def test_postgres_empty_to_head_by_the_admin_command(pg_databases, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    url: URL = pg_databases.create()
    engine = make_engine(url, poolclass=NullPool)
    with pytest.raises(SchemaMismatchError) as info:
        check_postgres_schema(engine)
    assert info.value.state is SchemaState.EMPTY

    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    assert cli_main(["db", "upgrade", "--url", plain]) == 0
    assert f"to {head_revision()}" in capsys.readouterr().out
    check_postgres_schema(engine)
    with engine.begin() as conn:
        check_models_match(conn)
        index = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_party_search_tsv'")).scalar()
        assert index is not None and "gin" in index
    # Running it again changes nothing.
    assert upgrade_postgres(engine) == (head_revision(), head_revision())
    engine.dispose()
    pg_databases.drop(url)


@pytest.mark.postgres
def test_postgres_older_schema_is_refused_until_the_admin_upgrades(pg_databases) -> None:  # type: ignore[no-untyped-def]
    url: URL = pg_databases.create()
    engine = make_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        alembic_upgrade(conn, FIRST)
    db = Database(engine, actor="old-app")
    generate_demo_data(db, DemoSize(100, 10, association=False))
    with pytest.raises(SchemaMismatchError) as info:
        check_postgres_schema(engine)
    assert info.value.state is SchemaState.OLDER
    before = ContactService(db).count(PartyQuery())
    upgrade_postgres(engine)
    check_postgres_schema(engine)
    assert ContactService(db).count(PartyQuery()) == before
    engine.dispose()
    pg_databases.drop(url)


@pytest.mark.postgres
def test_postgres_0026_keeps_search_doc_words_whole_and_the_indexes_as_they_were(pg_databases) -> None:  # type: ignore[no-untyped-def]
    url: URL = pg_databases.create()
    engine = make_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        alembic_upgrade(conn, "0024")
    db = Database(engine, actor="old-app")
    studio = ContactService(db).create(PartyDraft(kind=PartyKind.ORGANISATION.value, name="Studio 12E4X"))
    with engine.begin() as conn:
        # A word longer than a tsvector holds: the parser skipped it, the array form would refuse it.
        conn.execute(
            text("UPDATE party SET search_doc = search_doc || ' ' || repeat('a', 3000) || ' tail' WHERE id = :id"),
            {"id": studio.id},
        )

    def state() -> tuple[dict[str, str], str, list[int]]:
        with engine.begin() as conn:
            indexes = dict(
                conn.execute(
                    text(
                        "SELECT indexname, indexdef FROM pg_indexes "
                        "WHERE indexname IN ('ix_party_search_tsv', 'ix_party_live_list')"
                    )
                ).all()
            )
            vector = conn.execute(text("SELECT search_tsv::text FROM party WHERE id = :id"), {"id": studio.id}).scalar()
            found = [
                conn.execute(text("SELECT ekocrm_count_party_matches(:q, NULL)"), {"q": q}).scalar_one()
                for q in ("12e4x:*", "x:*", "tail:*", "studio:* & 12e:*")
            ]
        return indexes, str(vector), found

    indexes, vector, found = state()
    assert len(indexes) == 2 and vector == "'12e4':2 'studio':1 'tail':4 'x':3"
    assert found == [1, 1, 1, 1]

    with engine.begin() as conn:
        alembic_upgrade(conn, "0026")
        doc = conn.execute(text("SELECT search_doc FROM party WHERE id = :id"), {"id": studio.id}).scalar()
        assert doc == "studio 12e4x tail"
        # A save's history leaves the vector out, like the other columns derived from the form.
        conn.execute(
            text(
                "UPDATE party SET display_name = 'Studio 12E4X bis', search_doc = search_doc || ' bis' WHERE id = :id"
            ),
            {"id": studio.id},
        )
        saves = conn.execute(
            text("SELECT changes FROM record_history WHERE record_id = :id AND operation = 'U' ORDER BY id"),
            {"id": studio.id},
        ).scalars()
        # Before 0026 the vector was recorded (the first update: only search_doc changed).
        assert [set(changes) for changes in saves] == [{"search_tsv"}, {"display_name"}]
    indexes_after, vector, found = state()
    assert indexes_after == indexes
    assert vector == "'12e4x' 'bis' 'studio' 'tail'"
    assert found == [1, 0, 1, 1]

    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0024")
    indexes_down, vector, found = state()
    assert indexes_down == indexes
    assert vector == "'12e4':2 'bis':5 'studio':1 'tail':4 'x':3"
    assert found == [1, 1, 1, 1]
    db.dispose()
    pg_databases.drop(url)


@pytest.mark.postgres
def test_postgres_stairway(pg_databases) -> None:  # type: ignore[no-untyped-def]
    url: URL = pg_databases.create()
    engine = make_engine(url, poolclass=NullPool)
    cfg = alembic_config()
    previous = "base"
    for revision in revisions():
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            command.downgrade(cfg, previous)
            command.upgrade(cfg, revision)
        previous = revision
    engine.dispose()
    pg_databases.drop(url)


def test_db_current_command_on_a_file(sqlite_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["db", "current", "--url", f"sqlite:///{sqlite_path}"]) == 0
    assert f"revision {head_revision()}" in capsys.readouterr().out
    assert make_url(f"sqlite:///{sqlite_path}").database == str(sqlite_path)


def test_the_head_constant_is_the_newest_script() -> None:
    # Opening an up-to-date workspace trusts SCHEMA_HEAD instead of parsing the scripts.
    assert script_directory().get_current_head() == head_revision()
    assert revisions()[-1] == head_revision()
