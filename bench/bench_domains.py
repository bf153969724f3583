"""Domains at scale (issue 3): 1,000,000 parties, 200,000 deals (10,000 open) and 50 articles.

Targets: count of each example segment < 200 ms and its first page < 300 ms; duplicate warning
while typing a new contact < 50 ms (p95) and a full duplicates scan < 60 s; the kanban board of
10,000 open deals opens < 500 ms. On SQLite and, when a server is configured, PostgreSQL.
"""

from __future__ import annotations

import domains_duplicates
import domains_segments
from common import median, report, stopwatch
from domains_data import deal_counts, domains_pg, domains_sqlite

RUNS = 5


def _kanban(label: str, url: str, quick: bool) -> None:
    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine
    from ekocrm_desktop.services.deals import DealService

    db = Database(make_engine(url), actor="bench", read_only=True)
    try:
        deals = DealService(db)
        deals.board()  # warm-up: the figure is for a used app, not a cold disk
        timings = []
        columns = []
        for _ in range(RUNS):
            with stopwatch() as elapsed:
                columns = deals.board()
            timings.append(elapsed())
        open_deals = sum(c.count for c in columns if not c.stage.is_closing)
        expected = deal_counts(quick)[1]
        assert open_deals == expected, (open_deals, expected)
        report(f"domains.kanban_open_deals.{label}", median(timings), "ms", "<=", 500)
    finally:
        db.dispose()


def run(quick: bool) -> None:
    """Every figure on SQLite, then on PostgreSQL when a server is configured."""
    from ekocrm_desktop.db.engine import sqlite_url

    _kanban("sqlite", str(sqlite_url(domains_sqlite(quick))), quick)
    pg = domains_pg(quick)
    if pg is not None:
        _kanban("postgresql", pg, quick)
    domains_segments.run(quick)
    domains_duplicates.run(quick)
