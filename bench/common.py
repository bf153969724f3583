"""Shared helpers for the benchmarks: reporting lines, cached data sets, timing."""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
sys.path.insert(0, str(ROOT))

FULL_CONTACTS = 1_000_000
QUICK_CONTACTS = 100_000


def report(name: str, value: float, unit: str, op: str, target: float) -> bool:
    """Print one figure as `BENCH <name> <value> <unit> target <op> <value> <ok|MISS>`."""
    ok = value <= target if op == "<=" else value >= target
    shown = f"{value:.3f}" if value < 100 else f"{value:.0f}"
    print(f"BENCH {name} {shown} {unit} target {op} {target:g} {'ok' if ok else 'MISS'}", flush=True)
    return ok


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank)."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def median(values: list[float]) -> float:
    """The median."""
    return statistics.median(values)


@contextmanager
def stopwatch() -> Iterator[Callable[[], float]]:
    """`with stopwatch() as elapsed:` then `elapsed()` in milliseconds."""
    start = time.perf_counter()
    end: list[float] = []
    yield lambda: ((end[0] if end else time.perf_counter()) - start) * 1000
    end.append(time.perf_counter())


def schema_tag() -> str:
    """A short hash of the migration scripts: cached data sets are rebuilt when the schema changes
    (and two branches with different schemas never share one)."""
    import hashlib

    digest = hashlib.sha1()
    for script in sorted((ROOT / "ekocrm_desktop" / "db" / "migrations").rglob("*.py")):
        digest.update(script.read_bytes())
    return digest.hexdigest()[:8]


def contacts_size(quick: bool) -> int:
    """People in the benchmark workspace (organisations add 15%)."""
    return QUICK_CONTACTS if quick else FULL_CONTACTS


def sqlite_workspace(quick: bool) -> Path:
    """A SQLite workspace with the benchmark's contacts, built once by the demo generator."""
    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.db.migrate import upgrade_sqlite_file
    from ekocrm_desktop.services.demo import DemoSize, generate_demo_data

    people = contacts_size(quick)
    path = DATA / f"contacts-{people}-{schema_tag()}.sqlite"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    older = sorted(
        (p for p in DATA.glob(f"contacts-{people}-*.sqlite") if _holds_parties(p)), key=lambda p: p.stat().st_mtime
    )
    if older:
        # A workspace of an earlier schema is upgraded as a user's would be: minutes saved per run.
        print(f"# upgrading {older[-1].name} to {path.name}…", flush=True)
        settle_sqlite_file(older[-1])
        shutil.copyfile(older[-1], partial)
        upgrade_sqlite_file(partial)
        settle_sqlite_file(partial)
        partial.rename(path)
        for stale in older:
            stale.unlink(missing_ok=True)
        return path
    print(f"# building {path.name} ({people:,} people)…", flush=True)
    upgrade_sqlite_file(partial)
    db = Database(make_engine(sqlite_url(partial)), actor="bench")
    started = time.perf_counter()
    generate_demo_data(db, DemoSize(people, people * 15 // 100))
    db.dispose()
    settle_sqlite_file(partial)
    print(f"# built in {time.perf_counter() - started:.0f} s", flush=True)
    partial.rename(path)
    return path


def settle_sqlite_file(path: Path) -> None:
    """Wait for the load's writer process, then empty the WAL into the file, so that renaming the
    file takes every row with it.

    A big load returns once its transaction is committed to the WAL; its writer process then goes on
    copying the WAL into the file. A file renamed meanwhile leaves its WAL behind under the old name,
    and opens as "database disk image is malformed" (it happened: a 3 GB WAL orphaned).
    """
    import multiprocessing
    import sqlite3

    for child in multiprocessing.active_children():
        child.join()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        busy, _frames, _copied = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise RuntimeError(f"{path}: the WAL could not be emptied")


def status_mb(field: str, pid: int | str = "self") -> float | None:
    """A memory figure of a process from /proc/<pid>/status ("VmRSS", "VmHWM"), in MB; None without it.

    Not `ru_maxrss`: Linux keeps it across exec, so a process started by a big one reports the
    starter's memory as its own (a probe started by a bench that had just built a million
    contacts read 407 MB).
    """
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _holds_parties(path: Path) -> bool:
    """Whether `path` is a built data set (a stray empty file must not replace one)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT 1 FROM party LIMIT 1").fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def pg_admin_url() -> str | None:
    """The PostgreSQL server for benchmarks (EKOCRM_BENCH_PG_URL, else EKOCRM_TEST_PG_URL)."""
    return os.environ.get("EKOCRM_BENCH_PG_URL") or os.environ.get("EKOCRM_TEST_PG_URL")


def pg_workspace(quick: bool) -> str | None:
    """URL of a PostgreSQL database with the benchmark's contacts (built once), or None."""
    raw = pg_admin_url()
    if raw is None:
        return None
    from sqlalchemy import make_url, text
    from sqlalchemy.pool import NullPool

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine
    from ekocrm_desktop.db.migrate import upgrade_postgres
    from ekocrm_desktop.services.demo import DemoSize, generate_demo_data

    people = contacts_size(quick)
    admin = make_url(raw).set(drivername="postgresql+psycopg")
    name = f"ekocrm_bench_{people}_{schema_tag()}"
    url = admin.set(database=name)
    engine = make_engine(admin, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
        ready = False
        if exists:
            target = make_engine(url, poolclass=NullPool)
            with target.connect() as tconn:
                ready = bool(tconn.execute(text("SELECT to_regclass('bench_ready') IS NOT NULL")).scalar())
            target.dispose()
        older = None if ready else _upgradable_data_set(conn, admin, f"ekocrm_bench_{people}_%", name)
        if older is not None:
            # An earlier schema's data set is copied and upgraded rather than built again. A copy,
            # not a rename: another branch benchmarking on the same server keeps its own data set.
            print(f"# copying PostgreSQL {older} to {name} and upgrading it…", flush=True)
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{older}"'))
            target = make_engine(url, poolclass=NullPool)
            try:
                upgrade_postgres(target)
            except Exception:
                target.dispose()
                # The copy carries its source's ready mark: never leave it passing for this schema.
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                raise
            target.dispose()
            _settle(url)
            ready = True
        elif not ready:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    if not ready:
        print(f"# building PostgreSQL {name} ({people:,} people)…", flush=True)
        target = make_engine(url, poolclass=NullPool)
        upgrade_postgres(target)
        db = Database(target, actor="bench")
        started = time.perf_counter()
        generate_demo_data(db, DemoSize(people, people * 15 // 100))
        target.dispose()
        _settle(url)
        target = make_engine(url, poolclass=NullPool)
        with target.begin() as conn:
            conn.execute(text("CREATE TABLE bench_ready (built_at timestamptz DEFAULT now())"))
        target.dispose()
        print(f"# built in {time.perf_counter() - started:.0f} s", flush=True)
    return url.render_as_string(hide_password=False)


def _upgradable_data_set(conn: Any, admin: Any, pattern: str, name: str) -> str | None:
    """The newest ready data set matching `pattern` at a revision this checkout can upgrade.

    Another branch on the same server may have built one at a revision it alone knows.
    """
    from sqlalchemy import text
    from sqlalchemy.pool import NullPool

    from ekocrm_desktop.db.engine import make_engine
    from ekocrm_desktop.db.migrate import script_directory

    known = {rev.revision for rev in script_directory().walk_revisions()}
    candidates = conn.execute(
        text("SELECT datname FROM pg_database WHERE datname LIKE :pattern AND datname <> :n ORDER BY oid DESC"),
        {"pattern": pattern, "n": name},
    ).scalars()
    for candidate in list(candidates):
        probe = make_engine(admin.set(database=candidate), poolclass=NullPool)
        try:
            with probe.connect() as pconn:
                if not pconn.execute(text("SELECT to_regclass('bench_ready') IS NOT NULL")).scalar():
                    continue  # an interrupted build
                revision = pconn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        finally:
            probe.dispose()
        if revision in known:
            return str(candidate)
    return None


def _settle(url: Any) -> None:
    """VACUUM ANALYZE a freshly loaded or upgraded data set, so that it is measured as it settles.

    A bulk load or a migration that rewrote rows leaves the visibility map cleared: until
    autovacuum passes, counts read the table instead of the index (1.5 s instead of 0.3 s).
    """
    from sqlalchemy import text
    from sqlalchemy.pool import NullPool

    from ekocrm_desktop.db.engine import make_engine

    vacuum = make_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with vacuum.connect() as conn:
        conn.execute(text("VACUUM (ANALYZE)"))
    vacuum.dispose()


def search_terms(count: int = 100) -> list[str]:
    """Prefixes of 2 to 6 letters of real names, as a user types them."""
    import random

    from ekocrm_desktop.db.textnorm import words
    from ekocrm_desktop.services.demo import CITIES, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES

    rng = random.Random(42)
    pool = [w for name in (*LAST_NAMES, *FIRST_NAMES_F, *FIRST_NAMES_M) for w in words(name) if len(w) >= 4]
    pool += [w for city, _pc, _p in CITIES for w in words(city) if len(w) >= 4]
    terms = []
    for i in range(count):
        word = rng.choice(pool)
        length = 2 + i % 5
        terms.append(word[:length])
    return terms
