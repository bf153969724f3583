"""Duplicates: the warning while a new contact is typed (< 50 ms) and the full scan (< 60 s).

`run(quick)` prints
    BENCH domains.duplicate_warning_p95 <ms> ms target <= 50 <ok|MISS>
    BENCH domains.duplicates_scan <s> s target <= 60 <ok|MISS>
on the demo generator's workspace (SQLite, and PostgreSQL when a server is configured).
The warning is timed on drafts as a user types them: an existing person's e-mail in capitals,
their mobile written the national way, their name without accents at their organisation, and
names nobody has.
"""

from __future__ import annotations

import random
import time

from common import percentile, pg_workspace, report, sqlite_workspace, stopwatch


def _drafts(db: object, count: int) -> list[object]:
    from sqlalchemy import select

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.models.party import Affiliation, Party
    from ekocrm_desktop.services.contacts import AffiliationEntry, EmailEntry, PartyDraft, PhoneEntry
    from ekocrm_desktop.services.validation import format_phone

    assert isinstance(db, Database)
    rng = random.Random(7)
    with db.session() as session:
        rows = session.execute(
            select(
                Party.first_name, Party.last_name, Party.primary_email, Party.primary_phone, Affiliation.organisation_id
            )
            .outerjoin(Affiliation, Affiliation.person_id == Party.id)
            .where(Party.kind == "person", Party.deleted_at.is_(None))
            .order_by(Party.sort_name)
            .limit(5000)
        ).all()
    drafts: list[object] = []
    for i in range(count):
        first, last, email, phone, organisation = rows[rng.randrange(len(rows))]
        kind = i % 4
        if kind == 0:
            drafts.append(
                PartyDraft(first_name=first or "", last_name=last or "X", emails=(EmailEntry(email.upper()),))
            )
        elif kind == 1:
            drafts.append(PartyDraft(last_name=last or "X", phones=(PhoneEntry(format_phone(phone)),) if phone else ()))
        elif kind == 2:
            affiliations = (AffiliationEntry(organisation),) if organisation else ()
            drafts.append(
                PartyDraft(first_name=(first or "")[:1] + ".", last_name=last or "X", affiliations=affiliations)
            )
        else:
            drafts.append(
                PartyDraft(first_name="Zéphyrin", last_name=f"Inconnu{i}", emails=(EmailEntry(f"z{i}@nulle.part"),))
            )
    return drafts


def _measure(db: object, label: str) -> None:
    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.services.contacts import PartyDraft
    from ekocrm_desktop.services.duplicates import DuplicateService

    assert isinstance(db, Database)
    finder = DuplicateService(db)
    drafts = _drafts(db, 200)
    finder.matches(PartyDraft(last_name="warm"))
    times: list[float] = []
    for draft in drafts:
        assert isinstance(draft, PartyDraft)
        with stopwatch() as elapsed:
            finder.matches(draft)
        times.append(elapsed())
    report(f"domains.duplicate_warning_p95{label}", percentile(times, 95), "ms", "<=", 50)
    started = time.perf_counter()
    found = finder.scan()
    seconds = time.perf_counter() - started
    print(f"# {found.total} likely pairs, {len(found.pairs)} detailed", flush=True)
    report(f"domains.duplicates_scan{label}", seconds, "s", "<=", 60)


def run(quick: bool) -> None:
    """Both figures on SQLite, then on PostgreSQL when a server is configured."""
    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url

    path = sqlite_workspace(quick)
    db = Database(make_engine(sqlite_url(path)), actor="bench", read_only=True)
    _measure(db, "")
    db.dispose()
    url = pg_workspace(quick)
    if url is not None:
        pg = Database(make_engine(url), actor="bench", read_only=True)
        _measure(pg, ".postgresql")
        pg.dispose()


if __name__ == "__main__":
    import sys

    run(quick="--quick" in sys.argv)
