"""Imports at scale (issue 8): a CSV of N contacts into an empty SQLite workspace, end to end
(parsing, validation, phone and e-mail normalisation, matching, insert, search index).

Target for 1,000,000 rows: ≤ 60 s and peak memory ≤ 500 MB; --quick imports 100,000 rows
against a target scaled to 6 s. The raw `sqlite3` executemany floor of the same rows is
measured in the same run, and the ratio printed.
"""

from __future__ import annotations

import json
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
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.db.migrate import upgrade_sqlite_file
from ekocrm_desktop.services.importing import ImportOptions, ImportService, suggest_mapping
from ekocrm_desktop.services.tabular import SourceFile
source, target = Path(sys.argv[1]), Path(sys.argv[2])
upgrade_sqlite_file(target)
db = Database(make_engine(sqlite_url(target)), actor="bench")
options = ImportOptions(mapping=suggest_mapping(SourceFile(source).info().headers))
started = time.perf_counter()
result = ImportService(db).run(source, options)
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
figures = {{"seconds": elapsed, "peak_mb": peak, "created": result.created, "errors": result.errors}}
print(json.dumps({{**figures, "rows": result.rows}}))
"""


def run(quick: bool) -> None:
    rows = 100_000 if quick else 1_000_000
    target = 60.0 * rows / 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "contacts.csv"
        write_csv(source, rows)
        floor = raw_floor(source)
        child = subprocess.run(
            [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(source), str(Path(tmp) / "w.sqlite")],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
    name = "csv_1m_sqlite" if not quick else "csv_100k_sqlite"
    assert figures["rows"] == rows and figures["errors"] == 0, figures
    report(f"import.{name}", figures["seconds"], "s", "<=", target)
    report(f"import.{name}_peak_memory", figures["peak_mb"], "MB", "<=", 500)
    print(
        f"# raw sqlite3 floor {floor:.1f} s; import / floor = {figures['seconds'] / max(floor, 1e-9):.1f}x", flush=True
    )
