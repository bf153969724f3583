"""PostgreSQL keeps each party's tags and role spans on its row for the contacts list (migration
0025): whatever writes tags or roles (services, merge, tag rename or removal, bulk loads, raw
SQL, two transactions at once), the list shows what the tables hold.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
import uuid

import pytest
from sqlalchemy import text

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, PartyQuery, RoleEntry, current_roles
from ekocrm_desktop.services.demo import DemoSize, generate_demo_data
from ekocrm_desktop.services.merge import MergeService
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.settings_lists import SettingsListService

pytestmark = pytest.mark.postgres

TODAY = dt.date(2026, 12, 6)


def person(first: str, last: str, **kw: object) -> PartyDraft:
    return PartyDraft(kind="person", first_name=first, last_name=last, **kw)  # type: ignore[arg-type]


def stale_summaries(db: Database) -> list[tuple[object, ...]]:
    """Parties whose summaries differ from their rows, recomputed from the tables (in any order:
    the bulk loader sorts in Python, the triggers by the database's collation)."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                """SELECT p.id, p.list_tags, t.tags, p.list_roles, r.roles FROM party p
                LEFT JOIN LATERAL (SELECT string_agg(tag.name, E'\\x1f') AS tags
                    FROM party_tag pt JOIN tag ON tag.id = pt.tag_id WHERE pt.party_id = p.id) t ON true
                LEFT JOIN LATERAL (SELECT string_agg(concat_ws(E'\\x1e', role, coalesce(since::text, ''),
                                                               coalesce(until::text, '')), E'\\x1f') AS roles
                    FROM party_role WHERE party_id = p.id) r ON true"""
            )
        ).all()

    def items(value: str | None) -> list[str]:
        return sorted(value.split("\x1f")) if value else []

    return [row for row in rows if items(row[1]) != items(row[2]) or items(row[3]) != items(row[4])]


def row_of(contacts: ContactService, party_id: uuid.UUID) -> tuple[tuple[str, ...], tuple[str, ...]]:
    total = contacts.count(PartyQuery())
    (row,) = [r for r in contacts.page(PartyQuery(), "name", False, PageRequest(0, total, total)) if r.id == party_id]
    return row.tags, row.roles


def test_the_list_follows_every_writer_of_tags_and_roles(pg_db: Database) -> None:
    pg_db.clock = lambda: dt.datetime(2026, 12, 6, 9, tzinfo=dt.UTC)  # the day the roles are read for
    contacts = ContactService(pg_db)
    lists = SettingsListService(pg_db)
    roles = (
        RoleEntry("client", dt.date(2025, 1, 1)),
        RoleEntry("prospect", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),  # ended: not shown
        RoleEntry("member", dt.date(2027, 1, 1)),  # not yet: not shown
    )
    helene = contacts.create(person("Hélène", "Lefèvre", tags=("Salon", "Vip"), roles=roles))
    assert row_of(contacts, helene.id) == (("Salon", "Vip"), ("client",))

    # An edit through the service: a tag removed, another added, the client role ended today.
    edited = dataclasses.replace(
        contacts.get(helene.id).draft,
        tags=("Salon", "Bénévole"),
        roles=(RoleEntry("client", dt.date(2025, 1, 1), TODAY), roles[1], roles[2]),
    )
    helene = contacts.update(helene.id, helene.version, edited)
    assert row_of(contacts, helene.id) == (("Bénévole", "Salon"), ("client",))

    # A rename of a tag reaches every party carrying it; removing a tag (replaced) too.
    marc = contacts.create(person("Marc", "Durand", tags=("Salon",)))
    salon = next(t for t in lists.tags() if t.name == "Salon")
    lists.update_tag(salon.id, salon.version, name="Salon 2027")
    assert row_of(contacts, marc.id)[0] == ("Salon 2027",)
    assert row_of(contacts, helene.id)[0] == ("Bénévole", "Salon 2027")
    salon = next(t for t in lists.tags() if t.name == "Salon 2027")
    benevole = next(t for t in lists.tags() if t.name == "Bénévole")
    lists.delete_tag(salon.id, salon.version, replace_with=benevole.id)
    assert row_of(contacts, marc.id)[0] == ("Bénévole",)
    assert row_of(contacts, helene.id)[0] == ("Bénévole",)

    # A merge moves the loser's tags and roles to the winner.
    other = contacts.create(person("Marc", "Durand", tags=("Presse",), roles=(RoleEntry("partner", TODAY),)))
    marc = contacts.get(marc.id)
    MergeService(pg_db).merge(marc.id, other.id, {}, winner_version=marc.version, loser_version=other.version)
    assert row_of(contacts, marc.id) == (("Bénévole", "Presse"), ("partner",))

    # Raw SQL is followed like the app's writes.
    with pg_db.engine.begin() as conn:
        conn.execute(text("DELETE FROM party_tag WHERE party_id = :p"), {"p": marc.id})
        conn.execute(text("UPDATE party_role SET until = DATE '2026-01-01' WHERE party_id = :p"), {"p": marc.id})
    assert row_of(contacts, marc.id) == ((), ())
    assert stale_summaries(pg_db) == []


def test_a_bulk_load_leaves_every_summary_right(pg_db: Database) -> None:
    generate_demo_data(pg_db, DemoSize(300, 40), today=TODAY)
    with pg_db.engine.connect() as conn:
        tagged = conn.execute(text("SELECT count(*) FROM party WHERE list_tags IS NOT NULL")).scalar_one()
        with_roles = conn.execute(text("SELECT count(*) FROM party WHERE list_roles IS NOT NULL")).scalar_one()
    assert tagged > 0 and with_roles > 0
    assert stale_summaries(pg_db) == []
    # The loader's word to the triggers ends with its transaction: later writes are followed.
    with pg_db.engine.begin() as conn:
        party_id = conn.execute(text("SELECT id FROM party WHERE list_roles IS NULL LIMIT 1")).scalar_one()
        conn.execute(
            text(
                "INSERT INTO party_role (id, party_id, role, since, status, category, note, created_at, updated_at) "
                "VALUES (:i, :p, 'supplier', DATE '2026-01-01', '', '', '', now(), now())"
            ),
            {"i": uuid.uuid4(), "p": party_id},
        )
    assert row_of(ContactService(pg_db), party_id)[1] == ("supplier",)
    assert stale_summaries(pg_db) == []


def test_two_transactions_tagging_one_party_at_once_both_show(pg_db: Database) -> None:
    """The second trigger waits for the first transaction's lock, then reads its committed tag."""
    contacts = ContactService(pg_db)
    party = contacts.create(person("Zoé", "Martin"))
    with pg_db.engine.begin() as conn:
        tags = [uuid.uuid4(), uuid.uuid4()]
        for tag_id, name in zip(tags, ("Alpha", "Beta"), strict=True):
            conn.execute(
                text(
                    "INSERT INTO tag (id, name, color, version, created_at, updated_at) "
                    "VALUES (:i, :n, '#607d8b', 1, now(), now())"
                ),
                {"i": tag_id, "n": name},
            )
    first = pg_db.engine.connect()
    first.begin()
    first.execute(text("INSERT INTO party_tag (party_id, tag_id) VALUES (:p, :t)"), {"p": party.id, "t": tags[0]})
    finished = threading.Event()

    def second_writer() -> None:
        with pg_db.engine.begin() as conn:
            conn.execute(
                text("INSERT INTO party_tag (party_id, tag_id) VALUES (:p, :t)"), {"p": party.id, "t": tags[1]}
            )
        finished.set()

    worker = threading.Thread(target=second_writer)
    worker.start()
    time.sleep(0.5)
    assert not finished.is_set(), "the second writer should wait for the first one's lock on the party"
    first.commit()
    first.close()
    worker.join(timeout=10)
    assert finished.is_set()
    assert row_of(contacts, party.id)[0] == ("Alpha", "Beta")
    assert stale_summaries(pg_db) == []


@pytest.mark.parametrize(
    ("spans", "held"),
    [
        ("client\x1e2025-01-01\x1e", ["client"]),
        ("client\x1e2025-01-01\x1e2026-12-06", ["client"]),
        ("client\x1e2025-01-01\x1e2026-12-05", []),
        ("member\x1e2026-12-07\x1e", []),
        ("member\x1e2026-12-06\x1e\x1fprospect\x1e2020-01-01\x1e2021-01-01\x1fsupplier\x1e\x1e", ["member"]),
    ],
)
def test_current_roles_keep_the_spans_that_hold_that_day(spans: str, held: list[str]) -> None:
    assert current_roles(spans, TODAY.isoformat()) == held
