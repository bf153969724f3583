"""A team on one PostgreSQL server (issue 4): 20 people, each a process with their own login.

Every client does what a desktop does, through the real services on a team database with
row-level security, history triggers and live-update notifications on: search as you type
(count and the first page sorted by name), open a record, save a change, log an activity
(a dated line appended to the notes, a save too), with a short think time between actions,
and a listening thread receiving everyone's changes. Targets: p95 per operation < 100 ms on
loopback, 0 errors (a save that meets someone else's is a conflict, counted apart, never an
error); the throughput reached is printed.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import sys
import time
import traceback
import uuid
from typing import Any

from common import median, percentile, pg_admin_url, report, schema_tag, search_terms

CLIENTS = 20
OPERATIONS = ("search", "open", "save", "log_activity")
WEIGHTS = (0.40, 0.30, 0.20, 0.10)
#: Mean think time between two actions of one person (exponential): everyone acting once a
#: second is a very busy office; without it, 20 Python clients on the server's own 2 cores would
#: measure their own CPU queue, not the database.
THINK_SECONDS = 1.0


def _team_database(quick: bool) -> tuple[Any, str, list[str]]:
    """The benchmark team database (built once per schema): admin URL, role prefix, client logins."""
    from sqlalchemy import make_url, text
    from sqlalchemy.pool import NullPool

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine
    from ekocrm_desktop.services.access import AccessService, drop_team_roles, init_shared_database
    from ekocrm_desktop.services.demo import DemoSize, generate_demo_data

    raw = pg_admin_url()
    assert raw is not None
    server = make_url(raw).set(drivername="postgresql+psycopg")
    people = 20_000 if quick else 100_000
    tag = schema_tag()
    name = f"ekocrm_bench_team_{people}_{tag}"
    prefix = f"ekbt{'q' if quick else 'f'}_{tag}"
    logins = [f"{prefix}_c{n:02d}" for n in range(CLIENTS)]
    target = server.set(database=name)
    admin = make_engine(server, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        # Databases of an older schema (and their server-wide roles) are dropped, not piled up.
        stale = conn.execute(
            text("SELECT datname FROM pg_database WHERE datname LIKE :p AND datname <> :n"),
            {"p": f"ekocrm_bench_team_{people}_%", "n": name},
        ).scalars()
        for old in list(stale):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)'))
            drop_team_roles(server, f"ekbt{'q' if quick else 'f'}_{old.rsplit('_', 1)[1]}")
        ready = False
        if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
            check = make_engine(target, poolclass=NullPool)
            with check.connect() as tconn:
                ready = bool(tconn.execute(text("SELECT to_regclass('bench_ready') IS NOT NULL")).scalar())
            check.dispose()
        if not ready:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
    if ready:
        return target, prefix, logins
    drop_team_roles(server, prefix)
    print(f"# building team database {name} ({people:,} people, {CLIENTS} logins)…", flush=True)
    started = time.perf_counter()
    init_shared_database(target, role_prefix=prefix, first_admin=f"{prefix}_admin", first_admin_password="bench-admin")
    superuser = Database(make_engine(target, poolclass=NullPool), actor="bench")
    generate_demo_data(superuser, DemoSize(people, people * 15 // 100))
    superuser.dispose()
    admin_db = Database(make_engine(target.set(username=f"{prefix}_admin", password="bench-admin")), actor="admin")
    team = AccessService(admin_db)
    for n, login in enumerate(logins):
        team.invite(login, app_role="collaborator", password=f"bench-{n}", last_name=f"Client {n:02d}")
    admin_db.dispose()
    done = make_engine(target, poolclass=NullPool)
    with done.begin() as conn:
        conn.execute(text("ANALYZE"))
        conn.execute(text("CREATE TABLE bench_ready (built_at timestamptz DEFAULT now())"))
    done.dispose()
    print(f"# built in {time.perf_counter() - started:.0f} s", flush=True)
    return target, prefix, logins


def _client(index: int, url_text: str, seconds: float, start_at: Any, results: Any) -> None:
    """One person at their desk: their own login, live updates on, a realistic mix of actions."""
    import dataclasses

    from sqlalchemy import make_url, text

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine
    from ekocrm_desktop.db.live import LiveUpdates
    from ekocrm_desktop.services.access import AccessService
    from ekocrm_desktop.services.contacts import ContactService, PartyQuery
    from ekocrm_desktop.services.errors import ConflictError
    from ekocrm_desktop.services.paging import PageRequest

    timings: dict[str, list[float]] = {op: [] for op in OPERATIONS}
    errors: list[str] = []
    conflicts = 0
    notifications = [0]
    try:
        url = make_url(url_text)
        db = Database(make_engine(url, pool_size=2), actor=url.username or "?")
        db.add_listener(lambda changes: notifications.__setitem__(0, notifications[0] + int(changes.remote)))
        live = LiveUpdates(db, url)
        live.start()
        caps = AccessService(db).capabilities()
        contacts = ContactService(db, default_owner_id=caps.my_party_id)
        with db.session() as session:
            ids = list(
                session.execute(text("SELECT id FROM party TABLESAMPLE SYSTEM (5) WHERE deleted_at IS NULL LIMIT 3000"))
                .scalars()
                .all()
            )
        rng = random.Random(index)
        terms = search_terms(200)
        start_at.wait()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            op = rng.choices(OPERATIONS, WEIGHTS)[0]
            started = time.perf_counter()
            try:
                if op == "search":
                    query = PartyQuery(text=rng.choice(terms))
                    total = contacts.count(query)
                    contacts.page(query, "name", False, PageRequest(0, 50, total))
                elif op == "open":
                    contacts.get(rng.choice(ids))
                else:
                    record = contacts.get(rng.choice(ids))
                    if op == "save":
                        draft = dataclasses.replace(record.draft, job_title=f"Poste {rng.randint(1, 999)}")
                    else:
                        line = f"{time.strftime('%d/%m/%Y %H:%M')} appel de suivi (client {index})"
                        draft = dataclasses.replace(record.draft, notes=(record.draft.notes + "\n" + line).strip())
                    contacts.update(record.id, record.version, draft, save_token=uuid.uuid4())
            except ConflictError:
                conflicts += 1
                continue
            except Exception:
                errors.append(traceback.format_exc(limit=3))
                continue
            timings[op].append((time.perf_counter() - started) * 1000)
            time.sleep(rng.expovariate(1 / THINK_SECONDS))
        live.stop()
        db.dispose()
    except Exception:
        errors.append(traceback.format_exc())
    results.put({"timings": timings, "errors": errors, "conflicts": conflicts, "notifications": notifications[0]})


def _alone(context: Any, target: Any, login: str, seconds: float) -> None:
    """One client by itself first: the latencies of the app and server without 19 others queueing."""
    start_at, results = context.Event(), context.Queue()
    url = target.set(username=login, password="bench-0").render_as_string(hide_password=False)
    process = context.Process(target=_client, args=(0, url, seconds, start_at, results), daemon=True)
    process.start()
    time.sleep(3.0)
    start_at.set()
    result = results.get(timeout=seconds + 120)
    process.join(10)
    shown = ", ".join(f"{op} {median(values):.0f} ms" for op, values in result["timings"].items() if values)
    print(f"# one client alone (medians): {shown}", flush=True)


def run(quick: bool) -> None:
    if pg_admin_url() is None:
        print("# team figures skipped: set EKOCRM_BENCH_PG_URL or EKOCRM_TEST_PG_URL", flush=True)
        return
    target, _prefix, logins = _team_database(quick)
    seconds = 15.0 if quick else 60.0
    context = multiprocessing.get_context("spawn")
    _alone(context, target, logins[0], 5.0 if quick else 10.0)
    start_at = context.Event()
    results = context.Queue()
    urls = [
        target.set(username=login, password=f"bench-{n}").render_as_string(hide_password=False)
        for n, login in enumerate(logins)
    ]
    processes = [
        context.Process(target=_client, args=(n, urls[n], seconds, start_at, results), daemon=True)
        for n in range(CLIENTS)
    ]
    for process in processes:
        process.start()
    time.sleep(min(30.0, 2.0 + CLIENTS * 0.6))  # let every client import and connect first
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"# {CLIENTS} clients, {seconds:.0f} s, think time {THINK_SECONDS} s (mean); load average {load:.1f}",
        flush=True,
    )
    wall = time.perf_counter()
    start_at.set()
    collected = [results.get(timeout=seconds + 120) for _ in processes]
    wall = time.perf_counter() - wall
    for process in processes:
        process.join(10)
    merged: dict[str, list[float]] = {op: [] for op in OPERATIONS}
    errors: list[str] = []
    conflicts = notifications = 0
    for result in collected:
        for op in OPERATIONS:
            merged[op].extend(result["timings"][op])
        errors.extend(result["errors"])
        conflicts += result["conflicts"]
        notifications += result["notifications"]
    total = sum(len(values) for values in merged.values())
    for op in OPERATIONS:
        values = merged[op]
        if values:
            print(f"# {op}: {len(values)} done, median {median(values):.1f} ms", flush=True)
            report(f"team.{op}_p95", percentile(values, 95), "ms", "<=", 100)
    if hasattr(os, "getloadavg"):
        print(
            f"# load average at the end: {os.getloadavg()[0]:.1f} (this machine's cores: {os.cpu_count()})", flush=True
        )
    report("team.errors", len(errors), "count", "<=", 0)
    # The issue asks for the throughput reached, with no target. Twenty people who think a mean
    # THINK_SECONDS between actions ask for at most CLIENTS / THINK_SECONDS operations a second
    # (less the time each action takes): the server keeps up when it serves 85 % of that.
    report("team.throughput", total / wall, "ops/s", ">=", round(0.85 * CLIENTS / THINK_SECONDS, 1))
    print(
        f"# conflicts (reported to the user, not errors): {conflicts}; live notifications received: {notifications}",
        flush=True,
    )
    for error in errors[:3]:
        print("# error: " + error.strip().replace("\n", "\n#   "), file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    run(quick="--quick" in sys.argv)
