"""Live updates without the window (issue 4 point 4): what one person saves reaches the others'
change listeners; one's own saves are not echoed back; a dropped connection is noticed,
comes back by itself, and is followed by a resync."""

from __future__ import annotations

import dataclasses
import queue
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.db.live import LiveUpdates, is_connection_error
from ekocrm_desktop.services.contacts import ContactService, PartyDraft
from tests.conftest import TeamDatabase

pytestmark = pytest.mark.postgres


def wait_for(received: queue.Queue[Changes], predicate, timeout: float = 5.0) -> Changes:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            changes = received.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        if predicate(changes):
            return changes
    raise AssertionError("the expected change was not announced in time")


def test_saves_of_others_are_announced_and_ones_own_are_not(team: TeamDatabase) -> None:
    bob_db, cleo_db = team.database("bob"), team.database("cleo")
    received: queue.Queue[Changes] = queue.Queue()
    states: list[bool] = []
    cleo_db.add_listener(received.put)
    live = LiveUpdates(cleo_db, cleo_db.engine.url, on_state=states.append)
    live.start()
    try:
        deadline = time.monotonic() + 5
        while not live.connected and time.monotonic() < deadline:
            time.sleep(0.02)
        assert live.connected and states == [True]

        created = ContactService(bob_db).create(PartyDraft(first_name="Vu", last_name="Ailleurs"))
        announced = wait_for(received, lambda c: c.remote and created.id in c.ids)
        assert announced.touches("party")

        # Cléo's own save is announced once, locally, not a second time as a remote change.
        mine = ContactService(cleo_db).create(PartyDraft(first_name="Moi", last_name="Même"))
        local = wait_for(received, lambda c: mine.id in c.ids)
        assert not local.remote
        time.sleep(0.5)
        assert all(not (c.remote and mine.id in c.ids) for c in list(received.queue))

        # Raw SQL by someone else is live too (the triggers notify, not the app).
        with bob_db.engine.begin() as conn:
            conn.execute(text("UPDATE party SET job_title = 'Console' WHERE id = :i"), {"i": created.id})
        wait_for(received, lambda c: c.remote and created.id in c.ids)
    finally:
        live.stop()
        bob_db.dispose()
        cleo_db.dispose()


def test_a_dropped_connection_is_noticed_and_comes_back_with_a_resync(team: TeamDatabase) -> None:
    cleo_db = team.database("cleo")
    received: queue.Queue[Changes] = queue.Queue()
    states: queue.Queue[bool] = queue.Queue()
    cleo_db.add_listener(received.put)
    live = LiveUpdates(cleo_db, cleo_db.engine.url, on_state=states.put)
    live.start()
    admin = team.superuser()
    try:
        assert states.get(timeout=5) is True
        with admin.engine.connect() as conn:
            killed = conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE usename = :u AND application_name = 'EkoCRM live updates'"
                ),
                {"u": team.logins["cleo"]},
            ).all()
        assert killed == [(True,)]
        assert states.get(timeout=10) is False
        assert states.get(timeout=10) is True
        wait_for(received, lambda c: c.remote and c.resync and c.touches("anything"))
        # And it still listens after coming back.
        bob_db = team.database("bob")
        created = ContactService(bob_db).create(PartyDraft(first_name="Après", last_name="Coupure"))
        wait_for(received, lambda c: created.id in c.ids)
        bob_db.dispose()
    finally:
        live.stop()
        admin.dispose()
        cleo_db.dispose()


def test_connection_errors_are_told_apart_from_refusals(team: TeamDatabase) -> None:
    import psycopg

    wrong = team.admin_url.set(drivername="postgresql", database="no_such_db_xyz").render_as_string(False)
    with pytest.raises(psycopg.OperationalError) as refused:
        psycopg.connect(wrong, connect_timeout=3)
    assert not is_connection_error(refused.value)
    with pytest.raises(psycopg.OperationalError) as unreachable:
        psycopg.connect("postgresql://nobody@127.0.0.1:1/x", connect_timeout=3)
    assert is_connection_error(unreachable.value)
    db = team.database("bob")
    contacts = ContactService(db)
    created = contacts.create(PartyDraft(first_name="Coupé", last_name="Net"))
    admin = team.superuser()
    with db.engine.connect() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with admin.engine.connect() as killer:
            killer.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        with pytest.raises(DBAPIError) as killed:
            conn.exec_driver_sql("SELECT 1")
    assert is_connection_error(killed.value)
    # The pool replaced the dead connection: the next save goes through.
    saved = contacts.update(created.id, created.version, dataclasses.replace(created.draft, job_title="Revenu"))
    assert saved.version == created.version + 1
    admin.dispose()
    db.dispose()
