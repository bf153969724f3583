"""UTCDateTime on SQLite: what the column gives back for every form of stored text."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, MetaData, Table, create_engine, select

from ekocrm_desktop.models.base import UTCDateTime


def test_sqlite_text_comes_back_as_aware_utc_whatever_wrote_it() -> None:
    engine = create_engine("sqlite://")
    metadata = MetaData()
    table = Table("stamps", metadata, Column("at", UTCDateTime()))
    metadata.create_all(engine)
    paris = dt.timezone(dt.timedelta(hours=2))
    with engine.begin() as conn:
        conn.execute(
            table.insert(),
            [
                {"at": dt.datetime(2026, 1, 2, 3, 4, 5, 6789, tzinfo=dt.UTC)},
                {"at": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=paris)},
                {"at": None},
            ],
        )
        # Rows written by raw SQL (bulk loaders, older versions): ISO with "T", with an offset.
        conn.exec_driver_sql("INSERT INTO stamps VALUES ('2026-03-04T05:06:07')")
        conn.exec_driver_sql("INSERT INTO stamps VALUES ('2026-03-04 05:06:07+01:00')")
        stored = [r[0] for r in conn.exec_driver_sql("SELECT at FROM stamps")]
        read = [r[0] for r in conn.execute(select(table.c.at))]
    assert stored[0] == "2026-01-02 03:04:05.006789"  # naive UTC text, as SQLAlchemy writes it
    assert read == [
        dt.datetime(2026, 1, 2, 3, 4, 5, 6789, tzinfo=dt.UTC),
        dt.datetime(2026, 1, 2, 1, 4, 5, tzinfo=dt.UTC),
        None,
        dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 4, 4, 6, 7, tzinfo=dt.UTC),
    ]
    assert all(v is None or v.tzinfo is dt.UTC for v in read)
