"""Kanban board benchmark: open the deals board with 10,000 open deals (target < 0.5 s).

`run(quick)` builds a SQLite workspace (cached under bench/.data) with organisations from the
demo generator, the default pipeline, 10,000 open deals spread over the open stages and closed
deals beside them (190,000 at full size, 10,000 in quick mode), inserted in bulk; then times
`DealService.board()`: per-stage counts and totals in SQL and the first 50 cards of each column.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import DATA, median, report, schema_tag  # noqa: E402

OPEN_DEALS = 10_000
TARGET_SECONDS = 0.5


def _workspace(quick: bool) -> Path:
    from sqlalchemy import insert, select

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.db.migrate import upgrade_sqlite_file
    from ekocrm_desktop.models.domains import Deal
    from ekocrm_desktop.models.ids import uuid7
    from ekocrm_desktop.models.party import Party
    from ekocrm_desktop.services.bulk import bulk_insert_parties
    from ekocrm_desktop.services.deals import RANK_STEP, DealService
    from ekocrm_desktop.services.demo import DemoGenerator, DemoSize

    closed = 10_000 if quick else 190_000
    path = DATA / f"deals-{OPEN_DEALS}-{closed}-{schema_tag()}.sqlite"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    upgrade_sqlite_file(partial)
    db = Database(make_engine(sqlite_url(partial)), actor="bench")
    size = DemoSize(people=2_000 if quick else 20_000, organisations=1_000 if quick else 10_000, association=False)
    bulk_insert_parties(db, DemoGenerator(size, seed=7).all())
    service = DealService(db)
    service.ensure_default_pipeline()
    stages = service.stages()
    open_stages = [s for s in stages if not s.is_closing]
    closing = [s for s in stages if s.is_closing]
    rng = random.Random(11)
    today = dt.date.today()
    now = db.clock()
    with db.write_session() as session:
        parties = list(session.scalars(select(Party.id).where(Party.kind == "organisation")))
        rows = []
        for number in range(OPEN_DEALS + closed):
            is_open = number < OPEN_DEALS
            stage = rng.choice(open_stages if is_open else closing)
            rows.append(
                {
                    "id": uuid7(),
                    "title": f"Affaire {number:06d}",
                    "party_id": rng.choice(parties),
                    "stage_id": stage.id,
                    "status": "open" if is_open else ("won" if stage.is_won else "lost"),
                    "amount": Decimal(rng.randint(100, 5_000_000)) / 100,
                    "probability": stage.probability,
                    "closed_on": None if is_open else today - dt.timedelta(days=rng.randint(31, 2_000)),
                    "lost_reason": "prix" if stage.is_lost and not is_open else "",
                    "rank": number * RANK_STEP,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            )
            if len(rows) == 5_000:
                session.execute(insert(Deal), rows)
                rows = []
        if rows:
            session.execute(insert(Deal), rows)
        session.commit()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    db.dispose()
    partial.rename(path)
    return path


def run(quick: bool) -> None:
    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.services.deals import DealService

    started = time.perf_counter()
    path = _workspace(quick)
    print(f"# deals workspace ready in {time.perf_counter() - started:.0f} s: {path.name}", flush=True)
    db = Database(make_engine(sqlite_url(path)), actor="bench")
    service = DealService(db)
    timings = []
    for _ in range(5):
        begin = time.perf_counter()
        columns = service.board()
        timings.append(time.perf_counter() - begin)
    open_count = sum(c.count for c in columns if not c.stage.is_closing)
    assert open_count == OPEN_DEALS, open_count
    report("domains.kanban_open_10k_deals", median(timings), "s", "<=", TARGET_SECONDS)
    db.dispose()


if __name__ == "__main__":
    run(quick="--quick" in sys.argv)
