"""The demo association shows membership, reminders, assemblies and news on first start, the same
for the same seed and day."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy import select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.models import Subscription
from ekocrm_desktop.services.assemblies import AssemblyService, InvitationQuery
from ekocrm_desktop.services.demo import DemoSize, generate_demo_data
from ekocrm_desktop.services.membership import MembershipService
from ekocrm_desktop.services.news import NewsService
from ekocrm_desktop.services.paging import PageRequest

TODAY = dt.date(2026, 12, 3)


def demo(template: Path, folder: Path) -> Database:
    path = folder / "demo.sqlite"
    shutil.copy(template, path)
    db = Database(make_engine(sqlite_url(path)), actor="visiteur")
    generate_demo_data(db, DemoSize(500, 60), today=TODAY)
    return db


def history(db: Database) -> list[tuple[object, ...]]:
    with db.session() as session:
        rows = session.execute(
            select(
                Subscription.party_id,
                Subscription.period_start,
                Subscription.amount,
                Subscription.paid_on,
                Subscription.receipt_year,
                Subscription.receipt_seq,
            ).order_by(Subscription.receipt_year, Subscription.receipt_seq)
        )
        return [tuple(r) for r in rows]


def test_the_demo_association_has_members_dues_reminders_an_assembly_and_news(
    sqlite_template: Path, tmp_path: Path
) -> None:
    db = demo(sqlite_template, tmp_path)
    membership = MembershipService(db, today=lambda: TODAY)
    assert [t.name for t in membership.types()] == [
        "Membre actif",
        "Membre bienfaiteur",
        "Membre d'honneur",
        "Membre du bureau",
        "Jeune (moins de 26 ans)",
    ]
    counts = membership.status_counts()
    for status in ("up_to_date", "due_soon", "late", "never_paid", "resigned"):
        assert counts[status] > 0, (status, counts)
    assert counts["up_to_date"] + counts["due_soon"] > counts["late"] > 0
    assert [r.offset_days for r in membership.reminder_rules()] == [-30, 0, 15]
    assert membership.due_reminders()  # early December: the end of the year is near
    assert membership.settings().organisation_name == "Les Amis du Patrimoine Lyonnais"
    # Receipts numbered 1, 2, 3… in each year.
    years: dict[int, list[int]] = {}
    for *_rest, year, seq in history(db):
        years.setdefault(year, []).append(seq)  # type: ignore[arg-type]
    assert all(seqs == list(range(1, len(seqs) + 1)) for seqs in years.values())

    assemblies = AssemblyService(db, membership=membership, today=lambda: TODAY)
    rows = assemblies.page("", "date", False, PageRequest(0, 10, assemblies.count()))
    assert [r.state for r in rows] == ["held", "planned"]
    coming = rows[-1]
    assert coming.starts_at.date() > TODAY and coming.invited > coming.answered > 0
    quorum = assemblies.quorum(coming.id)
    assert quorum.represented > 0 and quorum.present > 0
    invitees = assemblies.invitations(
        InvitationQuery(coming.id), "name", False, PageRequest(0, coming.invited, coming.invited)
    )
    assert max(i.proxies_held for i in invitees) <= 2

    news = NewsService(db, membership=membership, today=lambda: TODAY)
    assert news.count() == 2 and news.unread_count() == 2

    # The same seed and day give the same history.
    (tmp_path / "again").mkdir()
    again = demo(sqlite_template, tmp_path / "again")
    assert history(again) == history(db)
    db.dispose()
    again.dispose()
