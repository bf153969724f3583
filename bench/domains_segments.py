"""Segments at scale (issue 3): count and first page of the three example segments on the
domains data set (contacts from the demo generator, articles and deals with lines), on SQLite and
PostgreSQL. Targets: count < 200 ms, first page of members < 300 ms.

    from domains_segments import run; run(quick=True)   # called by the domains group
"""

from __future__ import annotations

import datetime as dt

from common import median, report, stopwatch
from domains_data import domains_pg, domains_sqlite

#: The day segments are evaluated on (the demo generator's "today").
TODAY = dt.date(2026, 11, 1)
RUNS = 5


def _examples() -> dict[str, dict[str, object]]:
    from ekocrm_desktop.services.demo_segments import example_segments

    names = ("pme_rhone", "bought_formation", "benefactors_lyon")
    return dict(zip(names, example_segments("formation").values(), strict=True))


def _figures(label: str, url: str) -> None:
    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine
    from ekocrm_desktop.services.paging import PageRequest
    from ekocrm_desktop.services.segments import SegmentService

    db = Database(make_engine(url), actor="bench")
    segments = SegmentService(db, today=lambda: TODAY, due_soon_days=lambda: 30)
    try:
        for name, definition in _examples().items():
            segments.count_definition(definition)  # warm-up: figures are for a used app
            counts, pages, total = [], [], 0
            for _ in range(RUNS):
                with stopwatch() as elapsed:
                    total = segments.count_definition(definition)
                counts.append(elapsed())
                with stopwatch() as elapsed:
                    segments.page_definition(definition, "", "name", False, PageRequest(0, 200, 0))
                pages.append(elapsed())
            print(f"# {label} {name}: {total} members", flush=True)
            report(f"domains.segment_count_{name}.{label}", median(counts), "ms", "<=", 200)
            report(f"domains.segment_first_page_{name}.{label}", median(pages), "ms", "<=", 300)
    finally:
        db.dispose()


def run(quick: bool) -> None:
    """Print the figures on SQLite, then on PostgreSQL when a server is configured."""
    from ekocrm_desktop.db.engine import sqlite_url

    _figures("sqlite", str(sqlite_url(domains_sqlite(quick))))
    pg = domains_pg(quick)
    if pg is None:
        print("# postgresql skipped: no EKOCRM_BENCH_PG_URL / EKOCRM_TEST_PG_URL", flush=True)
    else:
        _figures("postgresql", pg)


if __name__ == "__main__":
    import sys

    run(quick="--full" not in sys.argv)
