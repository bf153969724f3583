"""`ekocrm`: starts the window, or runs an administrator's sub-command.

ekocrm [--demo] [--workspace NAME] [--data-dir DIR] [--lang auto|fr|en]
ekocrm workspace add NAME (--sqlite FILE | --url URL) [--color #RRGGBB]
ekocrm workspace list
ekocrm workspace remove NAME
ekocrm db upgrade (--workspace NAME | --url URL)
ekocrm db current (--workspace NAME | --url URL)
ekocrm demo-data [--contacts N] [--organisations N] (--out FILE | --url URL) [--seed N]
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import URL, make_url
from sqlalchemy.pool import NullPool

from ekocrm_desktop import __version__, paths


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ekocrm", description="EkoCRM Desktop")
    parser.add_argument("--version", action="version", version=f"EkoCRM {__version__}")
    parser.add_argument("--data-dir", type=Path, help="keep data, configuration and logs under this folder")
    parser.add_argument("--demo", action="store_true", help="open the demo workspace (created on first use)")
    parser.add_argument("--workspace", help="open this workspace instead of the last one used")
    parser.add_argument("--lang", choices=("auto", "fr", "en"), help="interface language for this run")
    sub = parser.add_subparsers(dest="command")

    ws = sub.add_parser("workspace", help="manage workspaces").add_subparsers(dest="action", required=True)
    add = ws.add_parser("add", help="add a workspace")
    add.add_argument("name")
    target = add.add_mutually_exclusive_group(required=True)
    target.add_argument("--sqlite", type=Path, metavar="FILE", help="a SQLite file (created if missing)")
    target.add_argument("--url", help="a PostgreSQL URL: postgresql://user@host:5432/database")
    add.add_argument("--color", help="colour shown in the window, e.g. #1e88e5")
    add.add_argument("--sslmode", help="PostgreSQL sslmode (verify-full recommended)")
    add.add_argument("--sslrootcert", help="CA certificate file for verify-ca / verify-full")
    add.add_argument("--password-stdin", action="store_true", help="read the PostgreSQL password from stdin")
    ws.add_parser("list", help="list workspaces")
    remove = ws.add_parser("remove", help="forget a workspace (the database is left untouched)")
    remove.add_argument("name")

    db = sub.add_parser("db", help="database administration").add_subparsers(dest="action", required=True)
    for action, text in (("upgrade", "upgrade the schema to this version"), ("current", "show the revision")):
        cmd = db.add_parser(action, help=text)
        where = cmd.add_mutually_exclusive_group(required=True)
        where.add_argument("--workspace", dest="db_workspace", metavar="NAME")
        where.add_argument("--url")
        cmd.add_argument("--password-stdin", action="store_true")

    demo = sub.add_parser("demo-data", help="generate French demo data (for trials and benchmarks)")
    demo.add_argument("--contacts", type=int, default=2000, help="number of people (default 2000)")
    demo.add_argument("--organisations", type=int, help="number of organisations (default: 15%% of people)")
    demo.add_argument("--seed", type=int, default=2026)
    out = demo.add_mutually_exclusive_group(required=True)
    out.add_argument("--out", type=Path, metavar="FILE", help="a new SQLite file")
    out.add_argument("--url", help="an empty PostgreSQL database (schema created)")
    demo.add_argument("--password-stdin", action="store_true")
    return parser


def _pg_url(raw: str, password: str | None = None) -> URL:
    url = make_url(raw)
    if not url.drivername.startswith("postgresql"):
        raise SystemExit(f"not a PostgreSQL URL: {url.drivername}")
    url = url.set(drivername="postgresql+psycopg")
    if password is not None:
        url = url.set(password=password)
    return url


def _read_password(args: argparse.Namespace) -> str | None:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\n")
    return None


def _workspace_cmd(args: argparse.Namespace) -> int:
    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.workspaces import (
        POSTGRESQL,
        SQLITE,
        PostgresSettings,
        Workspace,
        WorkspaceError,
        WorkspaceRegistry,
        new_workspace_id,
    )

    registry = WorkspaceRegistry()
    try:
        if args.action == "list":
            last = registry.last_used()
            for ws in registry.all():
                mark = "*" if last and ws.id == last.id else " "
                print(f"{mark} {ws.name}\t{ws.kind}\t{ws.describe()}\t{ws.color}")
            return 0
        if args.action == "remove":
            removed = registry.remove(args.name, secrets=SecretStore())
            print(f"removed workspace {removed.name} (the database itself was not deleted)")
            return 0
        color = args.color or registry.next_color()
        if args.sqlite:
            workspace = Workspace(new_workspace_id(), args.name, color, SQLITE, path=str(args.sqlite.resolve()))
            registry.add(workspace)
            print(f"added workspace {workspace.name}: {workspace.path}")
            return 0
        url = _pg_url(args.url)
        password = _read_password(args) or url.password
        query = dict(url.query)
        settings = PostgresSettings(
            host=url.host or "localhost",
            port=url.port or 5432,
            database=url.database or "ekocrm",
            username=url.username or getpass.getuser(),
            sslmode=args.sslmode or str(query.get("sslmode", "prefer")),
            sslrootcert=args.sslrootcert or str(query.get("sslrootcert", "")),
        )
        workspace = Workspace(new_workspace_id(), args.name, color, POSTGRESQL, postgres=settings)
        registry.add(workspace)
        if password and not SecretStore().set(workspace.secret_key, str(password)):
            print("no system keychain: the password was not stored and will be asked at each start")
        print(f"added workspace {workspace.name}: {settings.describe()}")
        return 0
    except WorkspaceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _db_url_from_args(args: argparse.Namespace) -> tuple[URL, bool]:
    """The target URL and whether it is a SQLite file."""
    from ekocrm_desktop.db.engine import sqlite_url
    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry

    password = _read_password(args)
    if args.url:
        url = make_url(args.url)
        if url.get_backend_name() == "sqlite":
            return url, True
        return _pg_url(args.url, password), False
    workspace = WorkspaceRegistry().get(args.db_workspace)
    if workspace.is_sqlite:
        return sqlite_url(workspace.path), True
    assert workspace.postgres is not None
    if password is None:
        password = SecretStore().get(workspace.secret_key)
    return workspace.postgres.url(password), False


def _db_cmd(args: argparse.Namespace) -> int:
    from ekocrm_desktop.db.engine import make_engine
    from ekocrm_desktop.db.migrate import (
        MigrationError,
        head_revision,
        schema_state,
        upgrade_postgres,
        upgrade_sqlite_file,
    )
    from ekocrm_desktop.services.workspaces import WorkspaceError

    try:
        url, is_sqlite = _db_url_from_args(args)
    except WorkspaceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.action == "current":
        engine = make_engine(url, poolclass=NullPool)
        with engine.connect() as conn:
            state, revision = schema_state(conn)
        engine.dispose()
        print(f"revision {revision or '(none)'}; this app: {head_revision()}; {state.value}")
        return 0
    try:
        if is_sqlite:
            assert url.database is not None
            result = upgrade_sqlite_file(Path(url.database))
            backup = f" (backup: {result.backup})" if result.backup else ""
            print(f"upgraded from {result.from_revision or 'empty'} to {result.to_revision}{backup}")
        else:
            engine = make_engine(url, poolclass=NullPool)
            try:
                before, after = upgrade_postgres(engine)
            finally:
                engine.dispose()
            print(f"upgraded from {before or 'empty'} to {after}")
    except MigrationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _demo_data_cmd(args: argparse.Namespace) -> int:
    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.db.migrate import upgrade_postgres, upgrade_sqlite_file
    from ekocrm_desktop.services.demo import DemoSize, generate_demo_data

    organisations = args.organisations if args.organisations is not None else max(2, args.contacts * 15 // 100)
    if args.out:
        if args.out.exists():
            print(f"error: {args.out} already exists", file=sys.stderr)
            return 2
        upgrade_sqlite_file(args.out)
        engine = make_engine(sqlite_url(args.out))
    else:
        engine = make_engine(_pg_url(args.url, _read_password(args)))
        upgrade_postgres(engine)
    db = Database(engine, actor="demo")
    started = time.perf_counter()
    count = generate_demo_data(db, DemoSize(args.contacts, organisations), seed=args.seed)
    db.dispose()
    print(f"{count} parties written in {time.perf_counter() - started:.1f} s")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `ekocrm` and `python -m ekocrm_desktop`."""
    args = _parser().parse_args(argv)
    if args.data_dir:
        paths.set_home(args.data_dir)
    from ekocrm_desktop.logs import setup_logging

    setup_logging()
    if args.command == "workspace":
        return _workspace_cmd(args)
    if args.command == "db":
        return _db_cmd(args)
    if args.command == "demo-data":
        return _demo_data_cmd(args)
    from ekocrm_desktop.ui.app import run_gui

    return run_gui(demo=args.demo, workspace=args.workspace, language=args.lang)


if __name__ == "__main__":
    sys.exit(main())
