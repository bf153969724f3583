"""Optimistic locking when two people save the same record at the same moment on PostgreSQL.

The service checks the version it was given; a writer that commits between that check and
our UPDATE is caught by the version in the UPDATE's WHERE clause (SQLAlchemy version_id_col).
"""

from __future__ import annotations

import dataclasses
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine
from ekocrm_desktop.services.contacts import ContactService, PartyDraft
from ekocrm_desktop.services.errors import ConflictError


@pytest.mark.postgres
def test_a_commit_racing_our_save_is_reported_as_a_conflict(pg_db: Database, pg_url: URL) -> None:
    contacts = ContactService(pg_db)
    created = contacts.create(PartyDraft(first_name="Jean", last_name="Course"))
    other = make_engine(pg_url, poolclass=NullPool)
    with other.connect() as conn:
        # Someone else is saving: their UPDATE holds the row lock until they commit.
        conn.execute(
            text("UPDATE party SET version = version + 1, job_title = 'Leur titre' WHERE id = :id"),
            {"id": created.id},
        )
        outcome: list[object] = []

        def our_save() -> None:
            try:
                outcome.append(
                    contacts.update(
                        created.id, created.version, dataclasses.replace(created.draft, job_title="Mon titre")
                    )
                )
            except ConflictError as exc:
                outcome.append(exc)

        saver = threading.Thread(target=our_save)
        saver.start()
        saver.join(0.5)
        assert saver.is_alive(), "our UPDATE should be waiting for their row lock"
        conn.commit()
        saver.join(10)
    other.dispose()
    assert len(outcome) == 1 and isinstance(outcome[0], ConflictError)
    assert outcome[0].current.draft.job_title == "Leur titre"
    assert contacts.get(created.id).draft.job_title == "Leur titre"
