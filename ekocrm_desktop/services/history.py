"""The history of a record: every change (who, when, which fields, old and new values), and reverting one.

record_history holds row-level changes (a person's row, their e-mail rows...). Here they are
grouped by save (`tx`) and turned into the fields a user edits: "E-mail: removed a@x, added
b@y" rather than two row operations. A revert puts the old values back through the normal
save path, so it is validated, version-checked (optimistic locking) and itself recorded.

Another area shows the history of its records by registering a `HistoryAdapter` for its
root table (the default one lists columns as they are).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.history import TRACKED, from_json
from ekocrm_desktop.models.access import RecordHistory
from ekocrm_desktop.models.party import Party, Tag
from ekocrm_desktop.services.contacts import (
    AddressEntry,
    AffiliationEntry,
    ContactService,
    EmailEntry,
    PartyDetail,
    PartyDraft,
    PhoneEntry,
    RoleEntry,
)
from ekocrm_desktop.services.errors import ConflictError, ServiceError

REVERT_PREFIX = "revert:"
#: Reasons of a merge of duplicates and of its undo (services.merge).
MERGE_PREFIXES = ("merge:", "unmerge:")


class NothingToRevertError(ServiceError):
    """The record already has the values the change replaced (or the change cannot be reverted)."""


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One field of a change: a value that went from `old` to `new`, or entries removed from / added to a list."""

    field: str
    old: Any = None
    new: Any = None
    removed: tuple[Any, ...] = ()
    added: tuple[Any, ...] = ()
    is_list: bool = False


@dataclasses.dataclass(frozen=True)
class ChangeSet:
    """One save of a record, as its history shows it."""

    tx: int
    changed_at: dt.datetime
    actor: str
    reason: str | None
    created: bool
    deleted: bool
    fields: tuple[FieldChange, ...]

    @property
    def reverted_tx(self) -> int | None:
        """The change this one reverted, if it is a revert."""
        if self.reason and self.reason.startswith(REVERT_PREFIX):
            tail = self.reason.removeprefix(REVERT_PREFIX)
            return int(tail) if tail.isdigit() else None
        return None

    @property
    def is_merge(self) -> bool:
        """Whether this change is a merge of duplicates or its undo (undone from the Merges list, not reverted)."""
        return (self.reason or "").startswith(MERGE_PREFIXES)

    @property
    def revertable(self) -> bool:
        """Whether reverting means something (a change of existing fields)."""
        return not self.created and not self.deleted and bool(self.fields) and not self.is_merge


@dataclasses.dataclass(frozen=True)
class HistoryRow:
    """One row of record_history, values decoded."""

    id: int
    tx: int
    changed_at: dt.datetime
    actor: str
    table_name: str
    record_id: uuid.UUID | None
    operation: str
    changes: dict[str, tuple[Any, Any]]
    reason: str | None


#: Turns the rows of one save into fields: (rows, service) -> fields.
HistoryAdapter = Callable[[Sequence[HistoryRow], "HistoryService"], list[FieldChange]]
ADAPTERS: dict[str, HistoryAdapter] = {}


def erase_history(session: Session, is_sqlite: bool, root_table: str, root_id: uuid.UUID) -> int:
    """Delete a record's history inside the caller's transaction (GDPR erasure, `services.privacy`).

    On PostgreSQL only `ekocrm_erase_history` may (administrators, on a team database): the
    history table is written by triggers and nobody else deletes from it.
    """
    if is_sqlite:
        result = session.execute(
            delete(RecordHistory).where(RecordHistory.root_table == root_table, RecordHistory.root_id == root_id)
        )
        return int(getattr(result, "rowcount", 0) or 0)
    return int(
        session.execute(text("SELECT ekocrm_erase_history(:t, :i)"), {"t": root_table, "i": root_id}).scalar_one()
    )


def register_adapter(root_table: str, adapter: HistoryAdapter) -> None:
    """Show the history of another kind of record in its own terms."""
    ADAPTERS[root_table] = adapter


class HistoryService:
    """Reading a record's history and reverting a change."""

    def __init__(self, db: Database, contacts: ContactService) -> None:
        self._db = db
        self._contacts = contacts

    # ------------------------------------------------------------------ reading
    def rows(self, root_table: str, root_id: uuid.UUID) -> list[HistoryRow]:
        """Every recorded row change of a record, oldest first (only what the caller may see)."""
        stmt = (
            select(RecordHistory)
            .where(RecordHistory.root_table == root_table, RecordHistory.root_id == root_id)
            .order_by(RecordHistory.id)
        )
        with self._db.session() as session:
            found = session.scalars(stmt).all()
            return [
                HistoryRow(
                    id=r.id,
                    tx=r.tx,
                    changed_at=r.changed_at,
                    actor=r.actor,
                    table_name=r.table_name,
                    record_id=r.record_id,
                    operation=r.operation,
                    changes={
                        column: (from_json(r.table_name, column, pair[0]), from_json(r.table_name, column, pair[1]))
                        for column, pair in (r.changes or {}).items()
                    },
                    reason=r.reason,
                )
                for r in found
            ]

    def changes(self, root_table: str, root_id: uuid.UUID) -> list[ChangeSet]:
        """The record's saves, newest first, each with the fields it changed."""
        groups: dict[int, list[HistoryRow]] = {}
        for row in self.rows(root_table, root_id):
            groups.setdefault(row.tx, []).append(row)
        adapter = ADAPTERS.get(root_table, _default_adapter)
        result = []
        for tx, rows in groups.items():
            root_rows = [r for r in rows if r.table_name == root_table]
            created = any(r.operation == "I" for r in root_rows)
            deleted = any(r.operation == "D" for r in root_rows)
            fields = [] if created else adapter(rows, self)
            merge = any((r.reason or "").startswith(MERGE_PREFIXES) for r in rows)
            if not (created or deleted or fields or merge):
                continue  # rows rewritten without a visible change (a list saved as it was)
            first = rows[0]
            result.append(
                ChangeSet(
                    tx=tx,
                    changed_at=first.changed_at,
                    actor=first.actor,
                    reason=next((r.reason for r in rows if r.reason), None),
                    created=created,
                    deleted=deleted,
                    fields=tuple(fields),
                )
            )
        result.reverse()
        return result

    def party_history(self, party_id: uuid.UUID) -> list[ChangeSet]:
        """A person's or organisation's saves, newest first."""
        return self.changes("party", party_id)

    # ------------------------------------------------------------------ reverting
    def revert_party(self, party_id: uuid.UUID, tx: int, *, expected_version: int) -> PartyDetail:
        """Put back what one save of a party changed, as a new save (recorded, version-checked).

        ConflictError when the record changed since the caller read it at `expected_version`;
        NothingToRevertError when it already holds the values the change replaced.
        """
        change = next((c for c in self.party_history(party_id) if c.tx == tx), None)
        if change is None or not change.revertable:
            raise NothingToRevertError(f"change {tx} of party {party_id} cannot be reverted")
        current = self._contacts.get(party_id)
        if current.version != expected_version:
            raise ConflictError(current, expected_version=expected_version)
        draft = current.draft
        trash: dt.datetime | bool | None = False  # False: the trash state is not part of the change
        for field in change.fields:
            if field.field == "deleted_at":
                trash = field.old
            elif field.is_list:
                values: dict[str, Any] = {
                    field.field: _revert_list(getattr(draft, field.field), field.removed, field.added)
                }
                draft = dataclasses.replace(draft, **values)
            elif field.field in _SCALAR_FIELDS:
                draft = dataclasses.replace(draft, **{field.field: _draft_value(field.field, field.old)})
        changed = _comparable(draft) != _comparable(current.draft)
        moves_trash = trash is not False and (trash is None) != (current.deleted_at is None)
        if not changed and not moves_trash:
            raise NothingToRevertError(f"party {party_id} already holds the values change {tx} replaced")
        reason = f"{REVERT_PREFIX}{tx}"
        result = current
        if changed:
            result = self._contacts.update(party_id, expected_version, draft, reason=reason)
        if moves_trash:
            if trash is None:
                self._contacts.restore([party_id])
            else:
                self._contacts.delete([party_id])
            result = self._contacts.get(party_id)
        return result

    # ------------------------------------------------------------------ erasure
    def erase(self, root_table: str, root_id: uuid.UUID) -> int:
        """Delete a record's history for good (GDPR erasure: its old values are personal data)."""
        with self._db.write_session() as session:
            count = erase_history(session, self._db.is_sqlite, root_table, root_id)
            session.commit()
        return count

    # ------------------------------------------------------------------ look-ups for adapters
    def tag_names(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Names of tags by id."""
        wanted = set(ids)
        if not wanted:
            return {}
        with self._db.session() as session:
            return {r[0]: r[1] for r in session.execute(select(Tag.id, Tag.name).where(Tag.id.in_(wanted)))}

    def party_names(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Display names of parties by id (those the caller may see)."""
        wanted = set(ids)
        if not wanted:
            return {}
        with self._db.session() as session:
            return {
                r[0]: r[1] for r in session.execute(select(Party.id, Party.display_name).where(Party.id.in_(wanted)))
            }

    def party_kind(self, party_id: uuid.UUID) -> str | None:
        """ "person" or "organisation" (None when out of sight)."""
        with self._db.session() as session:
            return session.execute(select(Party.kind).where(Party.id == party_id)).scalar()


# ---------------------------------------------------------------------------- adapters
def _default_adapter(rows: Sequence[HistoryRow], _service: HistoryService) -> list[FieldChange]:
    """Columns as they are: "column" for the record's own row, "table.column" for the others."""
    fields: list[FieldChange] = []
    for row in rows:
        spec = TRACKED.get(row.table_name)
        own = spec is not None and spec.is_root
        for column, (old, new) in row.changes.items():
            if old != new:
                fields.append(FieldChange(column if own else f"{row.table_name}.{column}", old, new))
    return fields


#: Party columns a user edits, as PartyDraft fields.
_SCALAR_FIELDS = (
    "civility",
    "first_name",
    "last_name",
    "name",
    "job_title",
    "birth_date",
    "website",
    "registration_number",
    "notes",
    "owner_id",
    "private",
)
_PARTY_COLUMN_FIELDS = {
    "civility": "civility",
    "first_name": "first_name",
    "last_name": "last_name",
    "display_name": "name",
    "job_title": "job_title",
    "birth_date": "birth_date",
    "website": "website",
    "registration_number": "registration_number",
    "notes": "notes",
    "owner_id": "owner_id",
    "private": "private",
    "deleted_at": "deleted_at",
    "kind": "kind",
}
#: Child tables of a party: the draft's list field each one fills, in the order the form shows them.
_PARTY_LISTS = {
    "party_email": "emails",
    "party_phone": "phones",
    "party_address": "addresses",
    "party_role": "roles",
    "affiliation": "affiliations",
    "party_tag": "tags",
}


def _party_adapter(rows: Sequence[HistoryRow], service: HistoryService) -> list[FieldChange]:
    fields: list[FieldChange] = []
    person: bool | None = None
    removed: dict[str, list[Any]] = {}
    added: dict[str, list[Any]] = {}
    tag_ids: set[uuid.UUID] = set()
    for row in rows:
        if row.table_name == "party_tag":
            for pair in row.changes.get("tag_id", (None, None)):
                if pair is not None:
                    tag_ids.add(pair)
    tags = service.tag_names(tag_ids)
    for row in rows:
        if row.table_name == "party":
            for column, (old, new) in row.changes.items():
                field = _PARTY_COLUMN_FIELDS.get(column)
                if field is None or old == new:
                    continue
                if field == "name":
                    if person is None:
                        person = service.party_kind(row.record_id) != "organisation" if row.record_id else True
                    if person:
                        continue  # a person's display name follows first and last names
                fields.append(FieldChange(field, old, new))
            continue
        field = _PARTY_LISTS.get(row.table_name)
        if field is None:
            continue
        before = {column: pair[0] for column, pair in row.changes.items()}
        after = {column: pair[1] for column, pair in row.changes.items()}
        if row.operation in ("D", "U"):
            removed.setdefault(field, []).append(_entry(row.table_name, before, tags))
        if row.operation in ("I", "U"):
            added.setdefault(field, []).append(_entry(row.table_name, after, tags))
    for field in _PARTY_LISTS.values():
        gone, new = _cancel(removed.get(field, []), added.get(field, []))
        if gone or new:
            fields.append(FieldChange(field, removed=tuple(gone), added=tuple(new), is_list=True))
    return fields


def _entry(table: str, values: dict[str, Any], tags: dict[uuid.UUID, str]) -> Any:
    """A child row's values as the draft entry the form edits."""
    if table == "party_email":
        return EmailEntry(values.get("address") or "", values.get("label") or "work")
    if table == "party_phone":
        return PhoneEntry(values.get("number") or "", values.get("label") or "mobile")
    if table == "party_address":
        return AddressEntry(
            values.get("street") or "",
            values.get("street2") or "",
            values.get("postcode") or "",
            values.get("city") or "",
            values.get("country") or "FR",
            values.get("label") or "work",
        )
    if table == "party_role":
        return RoleEntry(
            values.get("role") or "",
            values.get("since") or dt.date.min,
            values.get("until"),
            values.get("status") or "",
            values.get("category") or "",
            values.get("note") or "",
        )
    if table == "affiliation":
        return AffiliationEntry(values.get("organisation_id") or uuid.UUID(int=0), values.get("function") or "")
    tag_id = values.get("tag_id")
    return tags.get(tag_id, str(tag_id)) if tag_id is not None else ""


def _key(entry: Any) -> Any:
    if isinstance(entry, AffiliationEntry):
        return (entry.organisation_id, entry.function)
    return entry


def _cancel(removed: list[Any], added: list[Any]) -> tuple[list[Any], list[Any]]:
    """Entries removed and added by the same save cancel out (a list saved again as it was)."""
    remaining = list(added)
    gone = []
    for entry in removed:
        match = next((i for i, other in enumerate(remaining) if _key(other) == _key(entry)), None)
        if match is None:
            gone.append(entry)
        else:
            remaining.pop(match)
    return gone, remaining


def _revert_list(current: tuple[Any, ...], removed: tuple[Any, ...], added: tuple[Any, ...]) -> tuple[Any, ...]:
    """The current list without what the change added, with what it removed put back."""
    result = list(current)
    for entry in added:
        match = next((i for i, other in enumerate(result) if _key(other) == _key(entry)), None)
        if match is not None:
            result.pop(match)
    for entry in removed:
        if not any(_key(other) == _key(entry) for other in result):
            result.append(entry)
    return tuple(result)


def _draft_value(field: str, value: Any) -> Any:
    if field == "private":
        return bool(value)
    if field in ("owner_id", "birth_date"):
        return value
    return value or ""


def _comparable(draft: PartyDraft) -> PartyDraft:
    return dataclasses.replace(
        draft,
        affiliations=tuple(AffiliationEntry(a.organisation_id, a.function) for a in draft.affiliations),
    )


register_adapter("party", _party_adapter)
