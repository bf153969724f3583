"""`ekocrm`: starts the window, or runs an administrator's sub-command.

ekocrm [--demo] [--workspace NAME] [--data-dir DIR] [--lang auto|fr|en]
ekocrm workspace add NAME (--sqlite FILE | --url URL) [--color #RRGGBB]
ekocrm workspace list
ekocrm workspace remove NAME
ekocrm db upgrade (--workspace NAME | --url URL)
ekocrm db current (--workspace NAME | --url URL)
ekocrm db init --url URL [--admin LOGIN] [--role-prefix PREFIX]     (a new team database)
ekocrm user list|add|role|disable|enable|password ... (--workspace NAME | --url URL)
ekocrm scope ROLE all|own|team (--workspace NAME | --url URL)
ekocrm demo-data [--contacts N] [--organisations N] (--out FILE | --url URL) [--seed N]
ekocrm import FILE --workspace NAME [--kind contacts|members|articles] [--mapping M.json] [--match KEY]
       [--on-match POLICY] [--external-source NAME] [--dry-run]
       [--encoding ENC] [--separator SEP] [--errors FILE]   (exit 0: done, 1: rows in error, 2: bad file)
ekocrm export --workspace NAME --format csv|xlsx|vcf --out FILE [--search TEXT] [--separator ;|,]
ekocrm report activity|pipeline|membership --workspace NAME --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf
       [--collaborator NAME|--team NAME] [--lang fr|en];  ekocrm report contact --party "Name or id" ...
ekocrm report campaign --workspace NAME --campaign "Name or id" --out FILE.pdf [--lang fr|en]
"""

from __future__ import annotations

import argparse
import getpass
import multiprocessing
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
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

    init = db.add_parser("init", help="create a shared database for a team (roles, security, schema)")
    init.add_argument("--url", required=True, help="postgresql://ADMIN@server:5432/DATABASE (server administrator)")
    init.add_argument("--password-stdin", action="store_true", help="read the server administrator's password")
    init.add_argument("--role-prefix", help="start of the group roles' names (default: the database name)")
    init.add_argument("--admin", metavar="LOGIN", help="also create the first EkoCRM administrator's own login")
    init.add_argument("--admin-name", default="", help="their first and last name")
    init.add_argument(
        "--admin-password-stdin", action="store_true", help="read their password (next line), else one is generated"
    )

    users = sub.add_parser("user", help="people with their own login (team databases)")
    user_actions = users.add_subparsers(dest="action", required=True)
    for action, text in (
        ("list", "list the people with a login"),
        ("add", "give a person their own login"),
        ("role", "promote or demote a person"),
        ("disable", "stop a person from logging in"),
        ("enable", "let a person log in again"),
        ("password", "give a person a new password"),
    ):
        cmd = user_actions.add_parser(action, help=text)
        if action != "list":
            cmd.add_argument("login")
        if action in ("add", "role"):
            cmd.add_argument("--role", required=action == "role", default="collaborator", choices=APP_ROLE_CHOICES)
        if action == "add":
            cmd.add_argument("--first-name", default="")
            cmd.add_argument("--last-name", default="")
        if action in ("add", "password"):
            cmd.add_argument(
                "--new-password-stdin", action="store_true", help="read the new password (else one is generated)"
            )
        _add_target(cmd)

    scope = sub.add_parser("scope", help="which records collaborators or readers see (team databases)")
    scope.add_argument("role", choices=("collaborator", "reader"))
    scope.add_argument("scope", choices=("all", "own", "team"))
    _add_target(scope)

    demo = sub.add_parser("demo-data", help="generate French demo data (for trials and benchmarks)")
    demo.add_argument("--contacts", type=int, default=2000, help="number of people (default 2000)")
    demo.add_argument("--organisations", type=int, help="number of organisations (default: 15%% of people)")
    demo.add_argument("--seed", type=int, default=2026)
    out = demo.add_mutually_exclusive_group(required=True)
    out.add_argument("--out", type=Path, metavar="FILE", help="a new SQLite file")
    out.add_argument("--url", help="an empty PostgreSQL database (schema created)")
    demo.add_argument("--password-stdin", action="store_true")
    _exchange_parsers(sub)
    return parser


def _exchange_parsers(sub: Any) -> None:
    imp = sub.add_parser(
        "import", help="import people and organisations, members with their subscriptions, or articles"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--kind",
        choices=("contacts", "members", "articles"),
        help="what the file holds (default: contacts, or what the saved mapping says)",
    )
    imp.add_argument(
        "--external-source", metavar="NAME", help="the system the external ids come from (default: import)"
    )
    imp.add_argument("--workspace", dest="db_workspace", metavar="NAME", required=True)
    imp.add_argument(
        "--mapping", type=Path, metavar="M.json", help="columns → fields saved by the wizard (else guessed)"
    )
    imp.add_argument("--match", choices=("email", "phone", "external_id", "name_org"), help="matching key")
    imp.add_argument("--on-match", choices=("fill", "overwrite", "skip"), help="what to do with a match")
    imp.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    imp.add_argument("--encoding", help="override the detected encoding (utf-8, cp1252, utf-16 ...)")
    imp.add_argument("--separator", help="override the detected separator (; , tab)")
    imp.add_argument("--errors", type=Path, metavar="FILE", help="write the rows in error to this CSV")
    imp.add_argument("--password-stdin", action="store_true")
    exp = sub.add_parser("export", help="export contacts to CSV, XLSX or vCard")
    exp.add_argument("--workspace", dest="db_workspace", metavar="NAME", required=True)
    exp.add_argument("--format", choices=("csv", "xlsx", "vcf"), required=True)
    exp.add_argument("--out", type=Path, required=True)
    exp.add_argument("--search", default="", help="only the contacts this search finds")
    exp.add_argument("--separator", default=";", choices=(";", ","), help="CSV separator (default ;)")
    exp.add_argument("--password-stdin", action="store_true")
    privacy = sub.add_parser("privacy", help="personal data rights (GDPR): export everything, erase")
    privacy_actions = privacy.add_subparsers(dest="action", required=True)
    pexp = privacy_actions.add_parser("export", help="everything held about a person, as JSON and PDF")
    pexp.add_argument("party_id", type=uuid.UUID)
    pexp.add_argument("--out", type=Path, required=True, metavar="FOLDER")
    perase = privacy_actions.add_parser("erase", help="erase a person for good (tombstone and suppression kept)")
    perase.add_argument("party_id", type=uuid.UUID)
    perase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    for cmd in (pexp, perase):
        cmd.add_argument("--workspace", dest="db_workspace", metavar="NAME", required=True)
        cmd.add_argument("--password-stdin", action="store_true")
    _add_report_parser(sub)


def _add_report_parser(sub: Any) -> None:
    """`ekocrm report KIND ...`: the window's reports for a manager's scheduled job."""
    rep = sub.add_parser("report", help="write a PDF report (activity, pipeline, membership, contact sheet, campaign)")
    kinds = rep.add_subparsers(dest="kind", required=True)
    for kind, text in (
        ("activity", "activities of a collaborator, a team or everyone over a period"),
        ("pipeline", "open deals by stage and owner, won and lost deals over a period"),
        ("membership", "members by category and dues status, receipts over a period"),
        ("contact", "everything about one person or organisation"),
        ("campaign", "the results of one campaign: sent, responses, costs against budget, deals won"),
    ):
        cmd = kinds.add_parser(kind, help=text)
        cmd.add_argument("--workspace", dest="db_workspace", metavar="NAME", required=True)
        cmd.add_argument("--out", type=Path, required=True)
        cmd.add_argument("--lang", dest="report_lang", choices=("fr", "en"), default="fr")
        cmd.add_argument("--password-stdin", action="store_true")
        if kind == "contact":
            cmd.add_argument("--party", required=True, help="the party's name or id")
            continue
        if kind == "campaign":
            cmd.add_argument("--campaign", required=True, help="the campaign's name or id")
            continue
        cmd.add_argument("--from", dest="date_from", type=_iso_date, required=True, metavar="YYYY-MM-DD")
        cmd.add_argument("--to", dest="date_to", type=_iso_date, required=True, metavar="YYYY-MM-DD")
        if kind in ("activity", "pipeline"):
            who = cmd.add_mutually_exclusive_group()
            who.add_argument("--collaborator", help="a collaborator's name or id")
            who.add_argument("--team", help="a team's name or id")


def _iso_date(text: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


APP_ROLE_CHOICES = ("administrator", "collaborator", "reader")


def _add_target(cmd: argparse.ArgumentParser) -> None:
    where = cmd.add_mutually_exclusive_group(required=True)
    where.add_argument("--workspace", dest="db_workspace", metavar="NAME")
    where.add_argument("--url")
    cmd.add_argument("--password-stdin", action="store_true", help="read your own password from stdin")


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
    from ekocrm_desktop.services.workspaces import SETTINGS_LISTS_REVISION, WorkspaceError

    if args.action == "init":
        return _db_init(args)
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
            if result.from_revision is None or result.from_revision < SETTINGS_LISTS_REVISION:
                seed_engine = make_engine(url, poolclass=NullPool)
                try:
                    _seed_settings_lists(seed_engine, "admin")
                finally:
                    seed_engine.dispose()
            backup = f" (backup: {result.backup})" if result.backup else ""
            print(f"upgraded from {result.from_revision or 'empty'} to {result.to_revision}{backup}")
        else:
            engine = make_engine(url, poolclass=NullPool)
            try:
                before, after = upgrade_postgres(engine)
                if before is None or before < SETTINGS_LISTS_REVISION:
                    _seed_settings_lists(engine, str(url.username or "admin"))
            finally:
                engine.dispose()
            print(f"upgraded from {before or 'empty'} to {after}")
    except MigrationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _seed_settings_lists(engine: Any, actor: str) -> None:
    """A database upgraded across the settings lists gets their defaults, once."""
    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.services.settings_lists import SettingsListService

    SettingsListService(Database(engine, actor=actor)).ensure_defaults()


def _db_init(args: argparse.Namespace) -> int:
    from ekocrm_desktop.services.access import AccessError, init_shared_database

    url = _pg_url(args.url, _read_password(args))
    admin_password = sys.stdin.readline().rstrip("\n") if args.admin_password_stdin else None
    first, _sep, last = args.admin_name.strip().partition(" ")
    try:
        result = init_shared_database(
            url,
            role_prefix=args.role_prefix,
            first_admin=args.admin,
            first_admin_password=admin_password,
            first_admin_name=(first, last),
        )
    except AccessError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        # The driver's reason only: the URL (which may carry a password) stays out of the message.
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        print(f"error: {reason[0] if reason else type(exc).__name__}", file=sys.stderr)
        return 1
    made = "created" if result.created_database else "set up"
    print(f"{made} team database {result.database} at revision {result.revision}")
    print(
        f"group roles: {result.role_prefix}_administrator, _collaborator, _reader (owner: {result.role_prefix}_owner)"
    )
    if result.first_admin is not None:
        print(f"administrator login: {result.first_admin.login}")
        if result.first_admin.generated_password:
            print(f"password (shown once, give it to them safely): {result.first_admin.generated_password}")
    return 0


def _team_service(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine
    from ekocrm_desktop.services.access import AccessService

    url, is_sqlite = _db_url_from_args(args)
    if is_sqlite:
        raise SystemExit("error: users and scope exist on shared PostgreSQL databases only")
    engine = make_engine(url, poolclass=NullPool)
    return AccessService(Database(engine, actor=url.username or "admin")), engine


def _user_cmd(args: argparse.Namespace) -> int:
    from ekocrm_desktop.services.errors import ServiceError
    from ekocrm_desktop.services.workspaces import WorkspaceError

    try:
        team, engine = _team_service(args)
    except WorkspaceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    new_password = sys.stdin.readline().rstrip("\n") if getattr(args, "new_password_stdin", False) else None
    try:
        if args.action == "list":
            for member in team.members():
                state = "" if member.enabled else " (disabled)"
                print(f"{member.login}\t{member.app_role}\t{member.display_name}{state}")
        elif args.action == "add":
            invitation = team.invite(
                args.login,
                app_role=args.role,
                password=new_password,
                first_name=args.first_name,
                last_name=args.last_name,
            )
            print(f"created login {invitation.login} ({invitation.app_role})")
            if invitation.generated_password:
                print(f"password (shown once, give it to them safely): {invitation.generated_password}")
        elif args.action == "role":
            team.set_role(args.login, args.role)
            print(f"{args.login} is now {args.role}")
        elif args.action in ("disable", "enable"):
            team.set_enabled(args.login, args.action == "enable")
            print(f"{args.login} {args.action}d")
        elif args.action == "password":
            generated = team.reset_password(args.login, new_password)
            print(f"new password set for {args.login}")
            if generated:
                print(f"password (shown once, give it to them safely): {generated}")
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


def _scope_cmd(args: argparse.Namespace) -> int:
    from ekocrm_desktop.services.errors import ServiceError

    team, engine = _team_service(args)
    try:
        team.set_scope(args.role, args.scope)
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"{args.role}s now see {args.scope} records")
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


def _open_workspace_db(args: argparse.Namespace) -> Any:
    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry, open_workspace

    workspace = WorkspaceRegistry().get(args.db_workspace)
    return open_workspace(workspace, password=_read_password(args), secrets=SecretStore()).db


def _import_cmd(args: argparse.Namespace) -> int:
    import dataclasses

    from ekocrm_desktop.services.errors import ServiceError
    from ekocrm_desktop.services.importing import (
        FileFormatError,
        ImportOptions,
        ImportService,
        describe,
        load_mapping,
        suggest_mapping,
    )
    from ekocrm_desktop.services.tabular import ReadOptions, SourceFile
    from ekocrm_desktop.services.workspaces import WorkspaceError

    separator = {"tab": "\t", "\\t": "\t"}.get(args.separator or "", args.separator)
    try:
        if args.mapping:
            options = load_mapping(args.mapping)
        else:
            headers = SourceFile(args.file, ReadOptions(args.encoding, separator)).info().headers
            target = args.kind or "contacts"
            options = ImportOptions(mapping=suggest_mapping(headers, target), target=target)
    except (FileFormatError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    changes: dict[str, Any] = {}
    for name, value in (
        ("match", args.match),
        ("on_match", args.on_match),
        ("encoding", args.encoding),
        ("target", args.kind),
        ("external_source", args.external_source),
    ):
        if value:
            changes[name] = value
    if separator:
        changes["delimiter"] = separator
    options = dataclasses.replace(options, **changes)
    try:
        db = _open_workspace_db(args)
    except (WorkspaceError, ServiceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    service = ImportService(db)
    try:
        if args.dry_run:
            result = service.dry_run(args.file, options)
        else:
            result = service.run(args.file, options, errors_path=args.errors)
    except (FileFormatError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    info = result.info
    detected = f"format {info.format}"
    if info.format == "csv":
        detected += f", encoding {info.encoding}, separator {info.delimiter!r}"
    print(detected)
    for note in info.notes:
        print(f"note: {note.code} " + " ".join(f"{k}={v}" for k, v in note.params))
    mapped = ", ".join(f"{column} → {field}" for column, field in options.mapping.items() if field)
    print(f"mapping: {mapped or '(none)'}")
    verb = "would be " if args.dry_run else ""
    print(
        f"{result.rows} rows: {result.created} {verb}created, {result.updated} {verb}updated, "
        f"{result.skipped} skipped, {result.errors} in error"
        + (f"; {result.organisations_created} new organisations" if result.organisations_created else "")
    )
    for outcome in result.problems:
        print(f"row {outcome.number} (line {outcome.line}): " + "; ".join(describe(i) for i in outcome.issues))
    if result.batch_id is not None:
        print(f"batch {result.batch_id} (undo it from the window: File > Import history)")
    if result.errors_file is not None:
        print(f"rows in error written to {result.errors_file}")
    return 1 if result.errors else 0


def _export_cmd(args: argparse.Namespace) -> int:
    from ekocrm_desktop.services.contacts import PartyQuery
    from ekocrm_desktop.services.errors import ServiceError
    from ekocrm_desktop.services.exporting import ExportService, ExportTooBigError
    from ekocrm_desktop.services.workspaces import WorkspaceError

    try:
        db = _open_workspace_db(args)
    except (WorkspaceError, ServiceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        count = ExportService(db).export_contacts(
            args.out, args.format, query=PartyQuery(text=args.search), delimiter=args.separator
        )
    except ExportTooBigError as exc:
        print(f"error: {exc}; nothing written (--format csv has no limit)", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(f"{count} contacts written to {args.out}")
    return 0


def _report_cmd(args: argparse.Namespace) -> int:
    from ekocrm_desktop.reports.catalog import ReportRequest, build_report
    from ekocrm_desktop.services.errors import NotFoundError, ServiceError
    from ekocrm_desktop.services.reporting import Period, ReportingService, Scope
    from ekocrm_desktop.services.workspaces import WorkspaceError

    try:
        db = _open_workspace_db(args)
    except (WorkspaceError, ServiceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        service = ReportingService(db)
        scope = Scope()
        party_id = None
        period = None
        campaign_id = None
        if args.kind == "contact":
            party_id = service.find_party(args.party)
        elif args.kind == "campaign":
            campaign_id = service.find_campaign(args.campaign)
        else:
            if args.date_to < args.date_from:
                print("error: --to is before --from", file=sys.stderr)
                return 2
            period = Period(args.date_from, args.date_to)
            if getattr(args, "collaborator", None):
                scope = Scope(collaborator_id=service.find_collaborator(args.collaborator))
            elif getattr(args, "team", None):
                scope = Scope(team_id=service.find_team(args.team))
        request = ReportRequest(
            args.kind, period=period, scope=scope, party_id=party_id, campaign_id=campaign_id, requested_by=db.actor
        )
        from ekocrm_desktop.reports.base import Formatter

        fmt = Formatter("fr_FR" if args.report_lang == "fr" else "en_GB")
        build_report(service, request, args.out, labels=_report_labels(args.report_lang, service), fmt=fmt)
    except NotFoundError as exc:
        print(f"error: not found: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(f"report written to {args.out}")
    return 0


def _report_labels(language: str, service: Any) -> dict[str, str]:
    """The report's texts in `language`, translated by the window's own translation file."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from ekocrm_desktop.ui.report_labels import report_labels
    from ekocrm_desktop.ui.resources import translations_dir

    existing = QCoreApplication.instance()
    app = existing or QCoreApplication([])
    translator = QTranslator()
    # English is the source language: only French needs the translation file.
    loaded = language == "fr" and translator.load(str(translations_dir() / "ekocrm_fr.qm"))
    if loaded:
        app.installTranslator(translator)
    try:
        return report_labels(service.lost_reasons())
    finally:
        if loaded:
            app.removeTranslator(translator)
        if existing is None:
            # The labels are plain strings now; a process that opens a window later needs a
            # QApplication, which Qt refuses while this QCoreApplication lives.
            app.shutdown()


def _privacy_cmd(args: argparse.Namespace) -> int:
    from ekocrm_desktop.reports.privacy import build_person_pdf
    from ekocrm_desktop.services.errors import ServiceError
    from ekocrm_desktop.services.privacy import PrivacyService
    from ekocrm_desktop.services.workspaces import WorkspaceError

    try:
        db = _open_workspace_db(args)
    except (WorkspaceError, ServiceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    service = PrivacyService(db)
    try:
        if args.action == "export":
            exported = service.export_person(args.party_id)
            args.out.mkdir(parents=True, exist_ok=True)
            stem = args.out / str(args.party_id)
            stem.with_suffix(".json").write_text(exported.to_json(), encoding="utf-8")
            build_person_pdf(exported, stem.with_suffix(".pdf"), title="Personal data")
            print(f"{exported.row_count()} rows written to {stem}.json and {stem}.pdf")
            return 0
        summary = service.erasure_summary(args.party_id)
        # The id only: the log and the terminal keep no personal data (reliability G5).
        print(f"{summary.total} rows about {args.party_id} will be deleted for good")
        if not args.yes and input("Type ERASE to confirm: ").strip() != "ERASE":
            print("nothing erased")
            return 1
        done = service.erase_person(args.party_id)
        print(f"erased: {sum(done.deleted.values())} rows, {done.history_rows} history entries")
        return 0
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `ekocrm` and `python -m ekocrm_desktop`."""
    # A frozen (packaged) app starts big imports' writer process through this entry point.
    multiprocessing.freeze_support()
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
    if args.command == "user":
        return _user_cmd(args)
    if args.command == "scope":
        return _scope_cmd(args)
    if args.command == "import":
        return _import_cmd(args)
    if args.command == "export":
        return _export_cmd(args)
    if args.command == "report":
        return _report_cmd(args)
    if args.command == "privacy":
        return _privacy_cmd(args)
    from ekocrm_desktop.ui.app import run_gui

    return run_gui(demo=args.demo, workspace=args.workspace, language=args.lang)


if __name__ == "__main__":
    sys.exit(main())
