"""Imports at scale (issue 8): a CSV of N contacts into an empty SQLite workspace, end to end
(parsing, validation, phone and e-mail normalisation, matching, insert, search index).

Targets for 1,000,000 rows: ≤ 60 s and peak memory ≤ 500 MB into an empty workspace; ≤ 120 s
into a workspace already holding 1,000,000 contacts of which 10% match rows of the file (on the
e-mail); ≤ 60 s into PostgreSQL (COPY). --quick uses 100,000 rows against targets scaled to a
tenth. The raw `sqlite3` executemany floor of the same rows is measured in the same run, and
the ratio printed.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, report

FIRST = ["Zoé", "François", "Hélène", "Jean", "Anne", "Loïc", "Maëlle", "Noël", "Chloé", "Jérôme", "Inès", "Théo"]
LAST = ["Lefèvre", "Müller", "Durand", "Martin", "Petit", "Bernard", "Dubois", "Moreau", "Laurent", "Girard"]
CITIES = [("69002", "Lyon"), ("75011", "Paris"), ("13001", "Marseille"), ("31000", "Toulouse"), ("44000", "Nantes")]


def write_csv(path: Path, rows: int, seed: int = 8) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="cp1252", newline="") as out:
        out.write("Prénom;Nom;Courriel;Portable;Code postal;Ville;Société\r\n")
        for i in range(rows):
            postcode, city = rng.choice(CITIES)
            org = f"Société {i % 5000}" if i % 3 == 0 else ""
            out.write(
                f"{rng.choice(FIRST)};{rng.choice(LAST)};p{i}@exemple.fr;06 {i // 1_000_000 % 100:02d} "
                f"{i // 10_000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d};{postcode};{city};{org}\r\n"
            )


def raw_floor(path: Path) -> float:
    """Seconds for the bare sqlite3 executemany of the file's rows (no validation, no index)."""
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "raw.sqlite")
        conn.execute("CREATE TABLE t (a, b, c, d, e, f, g)")
        started = time.perf_counter()
        with path.open(encoding="cp1252") as handle:
            next(handle)
            conn.executemany(
                "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", (line.rstrip("\r\n").split(";") for line in handle)
            )
        conn.commit()
        elapsed = time.perf_counter() - started
        conn.close()
    return elapsed


CHILD = """
import json, logging, os, sys, threading, time
from pathlib import Path
sys.path.insert(0, {root!r})
sys.path.insert(0, {bench!r})
from sqlalchemy import create_engine, text
from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.db.migrate import upgrade_postgres, upgrade_sqlite_file
from ekocrm_desktop.services.importing import ImportOptions, ImportService, suggest_mapping
from ekocrm_desktop.services.tabular import SourceFile
source, target, setup = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
if target.startswith("postgresql"):
    engine = make_engine(target)
    upgrade_postgres(engine)
    engine.dispose()
    db = Database(make_engine(target), actor="bench")
else:
    upgrade_sqlite_file(Path(target))
    db = Database(make_engine(sqlite_url(Path(target))), actor="bench")
options = ImportOptions(mapping=suggest_mapping(SourceFile(source).info().headers))
import multiprocessing
if setup != "-":
    # The workspace already holding contacts: imported the same way, not timed. Its writer process
    # copies its WAL into the file after returning (a passive checkpoint): that is part of making
    # the workspace, so it ends before the clock starts (a timed import would otherwise wait for it).
    ImportService(db).run(Path(setup), options)
    for child in multiprocessing.active_children():
        child.join()
# The timed import's phases, as the bulk loader logs them (who waited for whom, how long the end took).
phases = logging.StreamHandler(sys.stderr)
phases.setFormatter(logging.Formatter("%(message)s"))
logging.getLogger("ekocrm_desktop.services.bulk").addHandler(phases)
logging.getLogger("ekocrm_desktop.services.bulk").setLevel(logging.INFO)
# Peak memory of the app and its writer process together, sampled: their ru_maxrss would count what
# each had inherited when it was started (`common.status_mb`), and add peaks that were not at the same time.
from common import status_mb
sampled = [0.0]
done = threading.Event()
def sample():
    while not done.wait(0.05):
        pids = [os.getpid(), *(child.pid for child in multiprocessing.active_children())]
        sampled[0] = max(sampled[0], sum(status_mb("VmRSS", pid) or 0.0 for pid in pids))
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
started = time.perf_counter()
result = ImportService(db).run(source, options)
elapsed = time.perf_counter() - started
# A big SQLite load is written by a second process, which finishes its checkpoint after the
# import returns: wait for it, and count its peak with this process's (both are in memory at once).
for child in multiprocessing.active_children():
    child.join()
done.set()
sampler.join()
peak = sampled[0]
figures = {{"seconds": elapsed, "peak_mb": peak, "created": result.created, "updated": result.updated,
            "errors": result.errors, "rows": result.rows}}
db.dispose()
print(json.dumps(figures))
"""


def _child(source: Path, target: str, setup: Path | None = None) -> dict[str, float]:
    code = CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"))
    child = subprocess.run(
        [sys.executable, "-c", code, str(source), target, str(setup) if setup else "-"],
        capture_output=True,
        text=True,
    )
    if child.returncode != 0:
        raise RuntimeError(child.stderr[-3000:])
    for line in child.stderr.splitlines():
        if line.startswith("bulk load:"):
            print(f"#   {line}", flush=True)
    figures: dict[str, float] = json.loads(child.stdout.strip().splitlines()[-1])
    return figures


def _pg_database(quick: bool) -> tuple[str, object] | None:
    """A fresh PostgreSQL database for one figure, and how to drop it (None without a server)."""
    from common import pg_admin_url
    from sqlalchemy import create_engine, make_url, text

    raw = pg_admin_url()
    if not raw:
        return None
    admin_url = make_url(raw).set(drivername="postgresql+psycopg")
    name = f"ekocrm_bench_import_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return admin_url.set(database=name).render_as_string(hide_password=False), drop


def write_existing(path: Path, rows: int, seed: int = 9) -> None:
    """The contacts already in the workspace: 10% of them carry e-mails of the imported file."""
    rng = random.Random(seed)
    with path.open("w", encoding="cp1252", newline="") as out:
        out.write("Prénom;Nom;Courriel;Portable;Code postal;Ville;Société\r\n")
        for i in range(rows):
            postcode, city = rng.choice(CITIES)
            # Every tenth stored person is p{i} of the file (matched on the e-mail); the others differ.
            email = f"p{i}@exemple.fr" if i % 10 == 0 else f"stored{i}@exemple.fr"
            out.write(
                f"{rng.choice(FIRST)};{rng.choice(LAST)};{email};01 {i // 1_000_000 % 100:02d} "
                f"{i // 10_000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d};{postcode};{city};\r\n"
            )


def run(quick: bool) -> None:
    rows = 100_000 if quick else 1_000_000
    scale = rows / 1_000_000
    label = "1m" if not quick else "100k"
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "contacts.csv"
        write_csv(source, rows)
        floor = raw_floor(source)
        figures = _child(source, str(Path(tmp) / "w.sqlite"))
        assert figures["rows"] == rows and figures["errors"] == 0, figures
        report(f"import.csv_{label}_sqlite", figures["seconds"], "s", "<=", 60.0 * scale)
        report(f"import.csv_{label}_sqlite_peak_memory", figures["peak_mb"], "MB", "<=", 500)
        print(
            f"# raw sqlite3 floor {floor:.1f} s; import / floor = {figures['seconds'] / max(floor, 1e-9):.1f}x",
            flush=True,
        )

        existing = Path(tmp) / "existing.csv"
        write_existing(existing, rows)
        loaded = _child(source, str(Path(tmp) / "loaded.sqlite"), existing)
        assert loaded["rows"] == rows and loaded["errors"] == 0, loaded
        assert loaded["updated"] == rows // 10, loaded
        report(f"import.csv_{label}_into_{label}_sqlite", loaded["seconds"], "s", "<=", 120.0 * scale)

        pg = _pg_database(quick)
        if pg is None:
            print("# PostgreSQL figure skipped: set EKOCRM_BENCH_PG_URL or EKOCRM_TEST_PG_URL", flush=True)
            return
        url, drop = pg
        try:
            on_pg = _child(source, url)
        finally:
            drop()  # type: ignore[operator]
        assert on_pg["rows"] == rows and on_pg["errors"] == 0, on_pg
        report(f"import.csv_{label}_postgresql", on_pg["seconds"], "s", "<=", 60.0 * scale)
