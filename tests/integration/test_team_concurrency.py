"""Several people saving at once on a team database (issue 4 points 5 and 6, reliability §2.1).

Two clients on the same contact: the second save is reported as a conflict, nothing is lost.
Then eight writers with their own logins save random records for a while: every committed
save is in the history, in order, and the final records are exactly the last saves.
"""

from __future__ import annotations

import dataclasses
import os
import random
import threading
import time
import uuid
from collections import defaultdict

import pytest

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.access import AccessService
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft
from ekocrm_desktop.services.errors import ConflictError
from ekocrm_desktop.services.history import HistoryService
from tests.conftest import TeamDatabase

pytestmark = pytest.mark.postgres

STRESS_SECONDS = float(os.environ.get("EKOCRM_STRESS_SECONDS", "30"))
WRITERS = 8
RECORDS = 12


def test_two_people_saving_the_same_contact_get_a_conflict_not_a_lost_update(team: TeamDatabase) -> None:
    bob_db, cleo_db = team.database("bob"), team.database("cleo")
    bob, cleo = ContactService(bob_db), ContactService(cleo_db)
    created = bob.create(PartyDraft(first_name="Anne", last_name="Commune", emails=(EmailEntry("anne@x.fr"),)))
    seen_by_bob = bob.get(created.id)
    seen_by_cleo = cleo.get(created.id)

    bob.update(created.id, seen_by_bob.version, dataclasses.replace(seen_by_bob.draft, job_title="Présidente"))
    with pytest.raises(ConflictError) as conflict:
        cleo.update(created.id, seen_by_cleo.version, dataclasses.replace(seen_by_cleo.draft, notes="Appeler lundi"))
    current = conflict.value.current
    assert current.draft.job_title == "Présidente" and current.updated_by == team.logins["bob"]

    # Cléo merges (keeps Bob's title, adds her note) and saves on top of the current version.
    merged = dataclasses.replace(current.draft, notes="Appeler lundi")
    saved = cleo.update(created.id, current.version, merged)
    assert (saved.draft.job_title, saved.draft.notes) == ("Présidente", "Appeler lundi")
    history = HistoryService(bob_db, bob).party_history(created.id)
    assert [c.actor for c in history] == [team.logins["cleo"], team.logins["bob"], team.logins["bob"]]
    bob_db.dispose()
    cleo_db.dispose()


@pytest.mark.slow
def test_eight_concurrent_writers_every_committed_change_is_in_the_history(team: TeamDatabase) -> None:
    admin_db = team.database("ada")
    admin_team = AccessService(admin_db)
    logins = []
    for n in range(WRITERS):
        login = f"t{team.tag}_w{n}"
        admin_team.invite(login, app_role="collaborator", password=f"pw-{n}", last_name=f"Writer {n}")
        logins.append(login)
    contacts = ContactService(admin_db)
    ids = [
        contacts.create(PartyDraft(first_name=f"Cible{n}", last_name="Stress", emails=(EmailEntry(f"c{n}@x.fr"),))).id
        for n in range(RECORDS)
    ]

    committed: list[tuple[uuid.UUID, int, str, str, str]] = []  # (id, version after, field, value, login)
    conflicts = [0]
    errors: list[BaseException] = []
    lock = threading.Lock()
    deadline = time.monotonic() + STRESS_SECONDS

    def writer(n: int) -> None:
        login = logins[n]
        db = Database(_engine_for(team, login), actor=login)
        service = ContactService(db)
        rng = random.Random(n)
        step = 0
        try:
            while time.monotonic() < deadline:
                record = rng.choice(ids)
                current = service.get(record)
                step += 1
                field = rng.choice(("job_title", "notes", "emails"))
                value = f"{login}-{step}"
                if field == "emails":
                    draft = dataclasses.replace(current.draft, emails=(EmailEntry(f"{login}.{step}@x.fr"),))
                    value = f"{login}.{step}@x.fr"
                else:
                    draft = dataclasses.replace(current.draft, **{field: value})
                try:
                    saved = service.update(record, current.version, draft, save_token=uuid.uuid4())
                except ConflictError:
                    with lock:
                        conflicts[0] += 1
                    continue
                with lock:
                    committed.append((record, saved.version, field, value, login))
        except BaseException as exc:  # reported by the test below
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(STRESS_SECONDS + 60)
    assert errors == []
    assert len(committed) > WRITERS, "the writers should have saved many times"
    assert conflicts[0] > 0, "writers on few records must have collided"

    history = HistoryService(admin_db, contacts)
    by_record: dict[uuid.UUID, list[tuple[int, str, str, str]]] = defaultdict(list)
    for record, version, field, value, login in committed:
        by_record[record].append((version, field, value, login))
    for record in ids:
        saves = sorted(by_record[record])
        final = contacts.get(record)
        # Versions move by one per committed save: none lost, none applied twice.
        assert [v for v, *_ in saves] == list(range(2, 2 + len(saves)))
        assert final.version == 1 + len(saves)
        # The record holds, field by field, the last committed value.
        last = {field: value for _v, field, value, _l in saves}
        if "job_title" in last:
            assert final.draft.job_title == last["job_title"]
        if "notes" in last:
            assert final.draft.notes == last["notes"]
        if "emails" in last:
            assert final.draft.emails[0].address == last["emails"]
        # Every committed save is one change set of the history, in commit order, by its author.
        changes = [c for c in reversed(history.party_history(record)) if not c.created]
        assert len(changes) == len(saves)
        for change, (_version, field, value, login) in zip(changes, saves, strict=True):
            assert change.actor == login
            recorded = {f.field: f for f in change.fields}
            if field == "emails":
                assert recorded["emails"].added[0].address == value
            else:
                assert recorded[field].new == value
    admin_db.dispose()


def _engine_for(team: TeamDatabase, login: str):  # type: ignore[no-untyped-def]
    from ekocrm_desktop.db.engine import make_engine

    n = login.rsplit("_w", 1)[1]
    return make_engine(team.admin_url.set(username=login, password=f"pw-{n}"), pool_size=1)
