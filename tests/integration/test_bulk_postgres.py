"""The bulk loader on PostgreSQL (`bulk._PostgresWriter`): what a load of several chunks stores,
on an owner's connection (COPY) and on a team member's login (row-level security: INSERTs).

Row security and the list-summaries setting are settled once per load, not per chunk: every
chunk must still be checked by the policies, and no chunk's child rows may have the summary
triggers rewrite the parties just written.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from typing import Any

import psycopg
import pytest
from sqlalchemy import text

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.services import bulk
from ekocrm_desktop.services.access import AccessService
from ekocrm_desktop.services.bulk import BulkParty, bulk_insert_parties
from ekocrm_desktop.services.contacts import (
    AffiliationEntry,
    EmailEntry,
    PartyDraft,
    PhoneEntry,
    RoleEntry,
)
from tests.conftest import TeamDatabase
from tests.integration.test_list_summaries import stale_summaries

pytestmark = pytest.mark.postgres

#: A clock with microseconds: the loader sends it to COPY as text, which must read back exactly.
STAMP = dt.datetime(2026, 12, 6, 21, 7, 5, 123456, tzinfo=dt.UTC)


def _load(owner: uuid.UUID | None = None) -> list[BulkParty]:
    """An organisation and five people over three chunks of two, with tags, roles and an affiliation."""
    org = BulkParty(uuid7(), PartyDraft(kind="organisation", name="Société Alpha", owner_id=owner))
    people = [
        BulkParty(
            uuid7(),
            PartyDraft(
                kind="person",
                first_name="Hélène",
                last_name=f"Durand{i}",
                emails=(EmailEntry(f"h{i}@exemple.fr"),),
                phones=(PhoneEntry(f"+3361234567{i}"),),
                tags=("vip", f"lot {i % 2}"),
                roles=(RoleEntry("client", dt.date(2026, 1, 1 + i)),),
                affiliations=(AffiliationEntry(org.id, "Gérante"),),
                owner_id=owner,
            ),
        )
        for i in range(5)
    ]
    return [org, *people]


def _updates_of_party(conn: Any) -> tuple[int, int]:
    """Rows inserted into and updated in `party` since the server started, as its statistics say."""
    conn.execute(text("SELECT pg_stat_clear_snapshot()"))
    row = conn.execute(
        text("SELECT n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE relname = 'party' AND schemaname = 'public'")
    ).one()
    return int(row[0]), int(row[1])


def test_a_load_of_several_chunks_stores_exact_stamps_ids_and_summaries(pg_db: Database) -> None:
    pg_db.clock = lambda: STAMP  # type: ignore[method-assign]
    parties = _load()
    with pg_db.engine.connect() as conn:
        inserted_before, updated_before = _updates_of_party(conn)
    assert bulk_insert_parties(pg_db, parties, chunk_size=2) == 6
    with pg_db.engine.connect() as conn:
        stored = conn.execute(text("SELECT id, created_at, updated_at FROM party")).all()
        assert {r[0] for r in stored} == {p.id for p in parties}
        assert {(r[1], r[2]) for r in stored} == {(STAMP, STAMP)}
        for table in ("party_email", "party_phone", "party_role", "affiliation"):
            stamps = conn.execute(text(f"SELECT DISTINCT created_at, updated_at FROM {table}")).all()
            assert stamps == [(STAMP, STAMP)], table
        links = conn.execute(text("SELECT person_id, organisation_id, function FROM affiliation")).all()
        assert sorted(links) == sorted((p.id, parties[0].id, "Gérante") for p in parties[1:])
        tags = conn.execute(text("SELECT count(*) FROM tag")).scalar()
        assert tags == 3  # "vip", "lot 0", "lot 1": each made once, in the chunk that first used it
    # Every chunk's parties carry their tags and roles, as the tables hold them.
    assert stale_summaries(pg_db) == []
    # ...written with the party rows: the summary triggers rewrote no party, in any chunk. A
    # backend reports its statistics when it ends: close the load's connection, wait for its six inserts.
    pg_db.engine.dispose()
    deadline = time.monotonic() + 10
    with pg_db.engine.connect() as conn:
        while True:
            inserted, updated = _updates_of_party(conn)
            if inserted - inserted_before >= 6 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
    assert (inserted - inserted_before, updated - updated_before) == (6, 0)


def _count_security_checks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    asked: list[tuple[str, bool]] = []
    real = bulk._row_security_active

    def spy(cursor: Any, table: str) -> bool:
        found = real(cursor, table)
        asked.append((table, found))
        return found

    monkeypatch.setattr(bulk, "_row_security_active", spy)
    return asked


def _loaded(team: TeamDatabase) -> list[tuple[Any, ...]]:
    """Parties other than the team's people, seen by the server's administrator."""
    admin = team.superuser()
    try:
        with admin.engine.connect() as conn:
            return conn.execute(
                text("SELECT id, owner_id FROM party WHERE NOT id = ANY(:people)"),
                {"people": list(team.party_ids.values())},
            ).all()
    finally:
        admin.dispose()


def test_a_team_member_loads_several_chunks_through_the_policies(
    team: TeamDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = team.database("ada")
    AccessService(admin).set_scope("collaborator", "own")
    admin.dispose()
    asked = _count_security_checks(monkeypatch)
    bob = team.database("bob")
    try:
        parties = _load(owner=team.party_ids["bob"])
        assert bulk_insert_parties(bob, parties, chunk_size=2) == 6
        assert stale_summaries(bob) == []
    finally:
        bob.dispose()
    assert sorted(_loaded(team)) == sorted((p.id, team.party_ids["bob"]) for p in parties)
    # Asked once per table for the three chunks, and the policies apply (COPY would be refused).
    tables = [table for table, _found in asked]
    assert sorted(tables) == sorted(set(tables))
    assert {"party", "party_email", "party_phone", "party_role", "party_tag", "affiliation"} <= set(tables)
    assert ("party", True) in asked


def test_a_later_chunk_refused_by_the_policies_leaves_nothing(team: TeamDatabase) -> None:
    admin = team.database("ada")
    AccessService(admin).set_scope("collaborator", "own")
    admin.dispose()
    bob = team.database("bob")
    try:
        parties = _load(owner=team.party_ids["bob"])
        # The third chunk holds a private party of Cléo's: Bob's "own" scope may not write it.
        parties[4] = BulkParty(
            parties[4].id, PartyDraft(kind="person", last_name="Autre", owner_id=team.party_ids["cleo"], private=True)
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bulk_insert_parties(bob, parties, chunk_size=2)
    finally:
        bob.dispose()
    # The first two chunks were written before the refusal: all of it rolled back.
    assert _loaded(team) == []
    admin = team.superuser()
    try:
        with admin.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM tag")).scalar() == 0
            history = conn.execute(
                text("SELECT count(*) FROM record_history WHERE root_id = ANY(:ids)"), {"ids": [p.id for p in parties]}
            ).scalar()
            assert history == 0
    finally:
        admin.dispose()
