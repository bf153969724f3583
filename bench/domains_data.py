"""The domains benchmark's data set (issue 3): the contacts workspace plus 50 articles, a pipeline
and 200,000 deals (10,000 of them open) with their lines, on SQLite and PostgreSQL.

Built once per schema from the contacts data set (copied, never changed), with plain inserts of
the ORM tables: the services' own speed is not what these figures are about.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from common import DATA, contacts_size, pg_workspace, schema_tag, settle_sqlite_file, sqlite_workspace

FULL_DEALS = 200_000
QUICK_DEALS = 20_000
#: Open deals on the kanban board (the rest are won or lost).
FULL_OPEN = 10_000
QUICK_OPEN = 2_000
ARTICLE_CATEGORIES = ("formation", "conseil", "logiciel", "materiel")
LOST_REASONS = ("prix", "concurrent", "budget", "sans_suite", "delai")


def deal_counts(quick: bool) -> tuple[int, int]:
    """(all deals, open deals) of the data set."""
    return (QUICK_DEALS, QUICK_OPEN) if quick else (FULL_DEALS, FULL_OPEN)


def _fill(engine: Any, quick: bool) -> None:
    """Insert the articles, stages, deals and lines into a database holding the contacts."""
    from sqlalchemy import insert, select, text

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.models import Article, Deal, DealLine, Party, PartyRole, PipelineStage
    from ekocrm_desktop.models.ids import uuid7
    from ekocrm_desktop.services.deals import DealService
    from ekocrm_desktop.services.settings_lists import SettingsListService

    # The pipeline and the article categories a workspace starts with (already there when the
    # schema wrote them; a data set of an older schema gets them here).
    defaults = Database(engine, actor="bench")
    DealService(defaults).ensure_default_pipeline()
    SettingsListService(defaults).ensure_defaults()
    rng = random.Random(2026)
    now = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
    today = now.date()
    total, open_count = deal_counts(quick)
    stamp = {"created_at": now, "updated_at": now, "created_by": "bench", "updated_by": "bench"}
    with engine.begin() as conn:
        organisations = list(
            conn.execute(
                select(Party.id).where(Party.kind == "organisation", Party.deleted_at.is_(None)).order_by(Party.id)
            ).scalars()
        )
        owners = list(
            conn.execute(
                select(PartyRole.party_id)
                .where(PartyRole.role == "collaborator")
                .order_by(PartyRole.party_id)
                .limit(20)
            ).scalars()
        )
        # The default pipeline (written by the schema): three open stages, then won, then lost.
        stages = conn.execute(
            select(PipelineStage.id, PipelineStage.is_won, PipelineStage.is_lost).order_by(PipelineStage.position)
        ).all()
        open_stages = [row.id for row in stages if not (row.is_won or row.is_lost)]
        won_stage = next(row.id for row in stages if row.is_won)
        lost_stage = next(row.id for row in stages if row.is_lost)
        articles = []
        for n in range(50):
            category = ARTICLE_CATEGORIES[n % len(ARTICLE_CATEGORIES)]
            articles.append(
                {"id": uuid7(), "code": f"ART-{n:03d}", "name": f"{category.capitalize()} {n}", "category": category}
                | {"unit_price": Decimal(rng.randrange(50, 5000)), "vat_rate": Decimal("20.00"), "currency": "EUR"}
                | {"active": True, "description": "", "version": 1, **stamp}
            )
        conn.execute(insert(Article), articles)
        deals: list[dict[str, Any]] = []
        lines: list[dict[str, Any]] = []
        for n in range(total):
            is_open = n < open_count
            won = not is_open and rng.random() < 0.55
            stage = rng.choice(open_stages) if is_open else (won_stage if won else lost_stage)
            chosen = rng.sample(articles, rng.randint(1, 3))
            deal_id = uuid7()
            amount = Decimal(0)
            for position, article in enumerate(chosen):
                quantity = Decimal(rng.randint(1, 10))
                amount += quantity * article["unit_price"]
                lines.append(
                    {"id": uuid7(), "deal_id": deal_id, "article_id": article["id"], "description": article["name"]}
                    | {"quantity": quantity, "unit_price": article["unit_price"], "vat_rate": article["vat_rate"]}
                    | {"position": position, **stamp}
                )
            deals.append(
                {"id": deal_id, "title": f"Affaire {n}", "party_id": rng.choice(organisations)}
                | {"owner_id": rng.choice(owners) if owners else None, "private": False, "stage_id": stage}
                | {"status": "open" if is_open else ("won" if won else "lost"), "amount": amount, "currency": "EUR"}
                | {"probability": 30 if is_open else (100 if won else 0), "rank": n}
                | {"expected_close": today + dt.timedelta(days=rng.randint(-300, 300))}
                | {"closed_on": None if is_open else today - dt.timedelta(days=rng.randint(1, 900))}
                | {"lost_reason": "" if is_open or won else rng.choice(LOST_REASONS), "source": "", "notes": ""}
                | {"version": 1, "deleted_at": None, **stamp}
            )
            if len(deals) >= 5000:
                conn.execute(insert(Deal), deals)
                conn.execute(insert(DealLine), lines)
                deals, lines = [], []
                if n < open_count + 10_000 and engine.dialect.name == "postgresql":
                    # The statistics still say "no deal, no line, no purchase" (analysed before
                    # this load, in one transaction): the triggers keeping party_purchase would
                    # plan their look-ups on that, and read a growing table for every deal.
                    conn.execute(text("ANALYZE deal, deal_line, deal_contact, party_purchase"))
        if deals:
            conn.execute(insert(Deal), deals)
            conn.execute(insert(DealLine), lines)
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def domains_sqlite(quick: bool) -> Path:
    """A SQLite workspace with the contacts and the domains data (built once per schema)."""
    from sqlalchemy.pool import NullPool

    from ekocrm_desktop.db.engine import make_engine, sqlite_url

    people = contacts_size(quick)
    path = DATA / f"domains-{people}-{schema_tag()}.sqlite"
    if path.exists():
        return path
    for stale in DATA.glob(f"domains-{people}-*.sqlite"):
        stale.unlink()
    source = sqlite_workspace(quick)
    partial = path.with_suffix(".partial")
    shutil.copyfile(source, partial)
    print(f"# adding deals and articles to {path.name}…", flush=True)
    started = time.perf_counter()
    engine = make_engine(sqlite_url(partial), poolclass=NullPool)
    _fill(engine, quick)
    engine.dispose()
    settle_sqlite_file(partial)
    print(f"# built in {time.perf_counter() - started:.0f} s", flush=True)
    partial.rename(path)
    return path


def domains_pg(quick: bool) -> str | None:
    """URL of a PostgreSQL database with the contacts and the domains data, or None without a server."""
    source = pg_workspace(quick)
    if source is None:
        return None
    from sqlalchemy import make_url, text
    from sqlalchemy.pool import NullPool

    from ekocrm_desktop.db.engine import make_engine

    source_url = make_url(source)
    name = f"ekocrm_bench_domains_{contacts_size(quick)}_{schema_tag()}"
    url = source_url.set(database=name)
    admin = make_engine(source_url.set(database="postgres"), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
        ready = False
        if exists:
            probe = make_engine(url, poolclass=NullPool)
            with probe.connect() as pconn:
                ready = bool(pconn.execute(text("SELECT to_regclass('bench_domains_ready') IS NOT NULL")).scalar())
            probe.dispose()
        if not ready:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            # A file-level copy of the contacts data set: seconds, not the minutes of a rebuild.
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source_url.database}"'))
    admin.dispose()
    if not ready:
        print(f"# adding deals and articles to PostgreSQL {name}…", flush=True)
        started = time.perf_counter()
        engine = make_engine(url, poolclass=NullPool)
        _fill(engine, quick)
        # A settled database, as autovacuum leaves it: planner statistics, and the visibility map
        # that lets covering indexes answer without reading the table (index-only scans).
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE bench_domains_ready (built_at timestamptz DEFAULT now())"))
        engine.dispose()
        print(f"# built in {time.perf_counter() - started:.0f} s", flush=True)
    return url.render_as_string(hide_password=False)
