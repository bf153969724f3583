"""Merging two records into one, field by field, and undoing it.

The winner keeps its id and takes the field values chosen from either side; every row of
any table that points at the loser moves to the winner. The referencing columns are read
from `Base.metadata` (every foreign key to `party.id`), so a table added later is covered
without touching this module. Where a unique constraint would break (both were in the same
group), the loser's row is dropped; where a contact point would repeat (same e-mail, same
number), the loser's copy is dropped: either way the row is kept in the merge record and
comes back on undo. The loser goes to the trash, marked by the merge record.

Undo moves every repointed row back, re-creates dropped rows, restores the winner's fields
and brings the loser back from the trash, in one transaction. It is refused when the winner
was changed since the merge (its version moved): undoing would silently drop that change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any
from uuid import UUID

from sqlalchemy import (
    Column,
    Index,
    PrimaryKeyConstraint,
    Table,
    UniqueConstraint,
    and_,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.history import BOOKKEEPING, TRACKED, Tracked, from_json, set_change_reason, to_json, track
from ekocrm_desktop.db.textnorm import sort_key
from ekocrm_desktop.models.access import UserAccount
from ekocrm_desktop.models.base import Base, UTCDateTime
from ekocrm_desktop.models.domains import MergeRecord
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Affiliation, Party
from ekocrm_desktop.services.contacts import (
    PARTY,
    TAG,
    AddressEntry,
    PartyDetail,
    PartyDraft,
    RoleEntry,
    _draft_of,  # the one reading of a loaded party into a draft (contacts.py owns it)
    party_columns,
)
from ekocrm_desktop.services.errors import ConflictError, NotFoundError, PermissionDeniedError, ServiceError, denied

log = logging.getLogger(__name__)

MERGE = "merge"
MERGE_TABLE = "merge_record"
NOT_EDITABLE = "one of the records could not be changed (not visible or not editable)"
MERGE_REASON = "merge:"
UNMERGE_REASON = "unmerge:"

#: The fields a user chooses side by side (PartyDraft attributes); lists are combined instead.
CHOSEN_FIELDS = (
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
WINNER = "winner"
LOSER = "loser"

# A merge shows in the kept record's history: the SQLite recorder (and the history reader) track
# merge_record as part of the winner; migration 0009 installs the same on PostgreSQL.
track(Tracked(MERGE_TABLE, PARTY, "winner_id", ignore=frozenset({"id", *BOOKKEEPING, "undo"}), full_update=True))

#: Tables whose rows point at parties but are about merges themselves: never repointed.
NOT_MOVED = frozenset({MERGE_TABLE, "duplicate_dismissal"})


def _fold(value: Any) -> str:
    return sort_key(str(value or ""))


#: Contact points that would repeat on the winner: the loser's copy is dropped (kept for undo).
DEDUPLICATE: dict[tuple[str, str], Callable[[Mapping[str, Any]], Any]] = {
    ("party_email", "party_id"): lambda r: str(r["address"]).casefold(),
    ("party_phone", "party_id"): lambda r: r["number"],
    ("party_address", "party_id"): lambda r: (_fold(r["street"]), _fold(r["street2"]), r["postcode"], _fold(r["city"])),
    ("party_role", "party_id"): lambda r: (r["role"], r["since"], r["until"], r["status"], r["category"]),
    ("affiliation", "person_id"): lambda r: r["organisation_id"],
    ("affiliation", "organisation_id"): lambda r: r["person_id"],
}


class MergeRefusedError(ServiceError):
    """The merge (or its undo) cannot be done; `code` says why (the UI translates it)."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclasses.dataclass(frozen=True)
class Reference:
    """A column that points at parties: rows of `table` whose `column` holds a party id."""

    table: str
    column: str

    @property
    def key(self) -> str:
        """ "table.column"."""
        return f"{self.table}.{self.column}"


@dataclasses.dataclass(frozen=True)
class MergePreview:
    """Both records as they are, what the combined lists will hold, and how many linked rows move."""

    winner: PartyDetail
    loser: PartyDetail
    #: The winner's draft with the loser's contact points, tags, roles and organisations added.
    combined: PartyDraft
    #: Rows that will move to the winner, by "table.column" (the party's own lists excluded).
    moves: dict[str, int]

    def default_choices(self) -> dict[str, str]:
        """The winner's values, except where it has none and the loser has one."""
        choices = {}
        for field in CHOSEN_FIELDS:
            mine, theirs = getattr(self.winner.draft, field), getattr(self.loser.draft, field)
            choices[field] = LOSER if _empty(mine) and not _empty(theirs) else WINNER
        return choices

    def differing_fields(self) -> list[str]:
        """Chosen fields whose values differ between the two records."""
        return [f for f in CHOSEN_FIELDS if getattr(self.winner.draft, f) != getattr(self.loser.draft, f)]


@dataclasses.dataclass(frozen=True)
class MergeResult:
    """A merge done: its id (for undo), the winner as it is now and how many rows moved."""

    merge_id: UUID
    winner: PartyDetail
    moved: dict[str, int]
    dropped: int


@dataclasses.dataclass(frozen=True)
class UndoResult:
    """An undone merge: both records back; `skipped` rows had changed since and were left alone."""

    merge_id: UUID
    winner_id: UUID
    loser_id: UUID
    restored: int
    skipped: int


@dataclasses.dataclass(frozen=True)
class MergeInfo:
    """One recorded merge, for the "Merges" list."""

    id: UUID
    winner_id: UUID
    loser_id: UUID
    winner_name: str
    loser_name: str
    merged_at: dt.datetime
    merged_by: str
    undone_at: dt.datetime | None
    moved: int


def references() -> list[Reference]:
    """Every column of every table with a foreign key to `party.id` (future tables included)."""
    found: list[Reference] = []
    for table in Base.metadata.sorted_tables:
        if table.name in NOT_MOVED:
            continue
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            if fk.column.table.name == "party" and fk.column.name == "id":
                found.append(Reference(table.name, fk.parent.name))
    return found


def _kind_of(table: str) -> str:
    """The kind of record a change of `table` is announced as (a deal for its lines, a party for its e-mails)."""
    spec = TRACKED.get(table)
    return spec.root_table if spec is not None else table


def _empty(value: Any) -> bool:
    return value is None or value == "" or value is False


def _mapped_class(table: Table) -> type[Any] | None:
    """The entity of a table, if it has one and its changes are recorded in the history."""
    # Parties pointing at a party (their owner) change through Core: their own versions must
    # not move, or every open form on them would conflict after a merge of two collaborators.
    if table.name not in TRACKED or table.name == PARTY:
        return None
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    return None


def _unique_sets(table: Table, column: Column[Any]) -> list[list[Column[Any]]]:
    """Column sets that must stay unique and include `column` (constraints and unique indexes)."""
    sets: list[list[Column[Any]]] = []
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint | PrimaryKeyConstraint) and column.name in constraint.columns:
            sets.append(list(constraint.columns))
    for index in table.indexes:
        if isinstance(index, Index) and index.unique and column.name in index.columns:
            sets.append(list(index.columns))
    return sets


def _owning(table: Table, column: Column[Any]) -> bool:
    """Whether `column` makes the row part of a party (an e-mail of it), not a link to one."""
    spec = TRACKED.get(table.name)
    return spec is not None and spec.root_table == PARTY and spec.root_column == column.name and table.name != PARTY


class MergeService:
    """Merge two records field by field; undo a merge."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ reads
    def preview(self, winner_id: UUID, loser_id: UUID) -> MergePreview:
        """Both records and what a merge would combine and move (nothing is written)."""
        with self._db.session() as session:
            winner = _load(session, winner_id)
            loser = _load(session, loser_id)
            moves: dict[str, int] = {}
            for ref in references():
                table = Base.metadata.tables[ref.table]
                if _owning(table, table.c[ref.column]) or ref.table == "party_tag":
                    continue
                count = session.execute(
                    select(func.count()).select_from(table).where(table.c[ref.column] == loser_id)
                ).scalar_one()
                if count:
                    moves[ref.key] = count
            winner_detail, loser_detail = _detail(winner), _detail(loser)
        return MergePreview(winner_detail, loser_detail, combine(winner_detail.draft, loser_detail.draft), moves)

    def merges(self, *, include_undone: bool = True, limit: int = 200) -> list[MergeInfo]:
        """Recorded merges, newest first."""
        stmt = select(MergeRecord).order_by(MergeRecord.merged_at.desc(), MergeRecord.id.desc()).limit(limit)
        if not include_undone:
            stmt = stmt.where(MergeRecord.undone_at.is_(None))
        with self._db.session() as session:
            records = session.scalars(stmt).all()
            ids = {r.winner_id for r in records} | {r.loser_id for r in records}
            names = {r[0]: r[1] for r in session.execute(select(Party.id, Party.display_name).where(Party.id.in_(ids)))}
            return [
                MergeInfo(
                    id=r.id,
                    winner_id=r.winner_id,
                    loser_id=r.loser_id,
                    winner_name=names.get(r.winner_id, ""),
                    loser_name=names.get(r.loser_id, str(r.undo.get("loser_name", ""))),
                    merged_at=r.merged_at,
                    merged_by=r.created_by or "",
                    undone_at=r.undone_at,
                    moved=sum(len(ref.get("moved", ())) for ref in r.undo.get("refs", ())),
                )
                for r in records
            ]

    def merges_of(self, party_id: UUID) -> list[MergeInfo]:
        """Merges a record took part in (as winner or loser), newest first."""
        return [m for m in self.merges() if party_id in (m.winner_id, m.loser_id)]

    # ------------------------------------------------------------------ merge
    def merge(
        self,
        winner_id: UUID,
        loser_id: UUID,
        choices: Mapping[str, str],
        *,
        winner_version: int,
        loser_version: int,
    ) -> MergeResult:
        """Merge `loser` into `winner`, taking each field in `choices` ("winner"/"loser") from that side.

        ConflictError when either record changed since it was read at the given version;
        MergeRefusedError when the two cannot be merged (same record, a person with an
        organisation, one in the trash, the loser has its own login).
        """
        if winner_id == loser_id:
            raise MergeRefusedError("same_record", "a record cannot be merged with itself")
        unknown = set(choices) - set(CHOSEN_FIELDS)
        if unknown or any(v not in (WINNER, LOSER) for v in choices.values()):
            raise ValueError(f"bad merge choices: {dict(choices)}")
        now = self._db.clock()
        record = MergeRecord(id=uuid7(), winner_id=winner_id, loser_id=loser_id, merged_at=now, undo={})
        kinds: set[str] = {PARTY, MERGE}
        try:
            with self._db.write_session() as session:
                winner = _load(session, winner_id)
                loser = _load(session, loser_id)
                _check_mergeable(session, winner, loser)
                _check_nothing_hidden(session, loser)
                if winner.version != winner_version:
                    raise ConflictError(_detail(winner), expected_version=winner_version)
                if loser.version != loser_version:
                    raise ConflictError(_detail(loser), expected_version=loser_version)
                # The reason first: every row this merge writes (the merge record too) carries it.
                set_change_reason(session, f"{MERGE_REASON}{record.id}")
                session.add(record)
                session.flush()
                winner_draft, loser_draft = _draft_of(winner), _draft_of(loser)
                refs_undo: list[dict[str, Any]] = []
                moved: dict[str, int] = {}
                dropped = 0
                for ref in references():
                    entry = self._repoint(session, ref, loser_id, winner_id)
                    if entry is not None:
                        refs_undo.append(entry)
                        count = len(entry["moved"]) + len(entry["unlinked"])
                        if count:
                            moved[ref.key] = count
                        dropped += len(entry["dropped"])
                        kinds.add(_kind_of(ref.table))
                session.flush()
                chosen = {
                    f: getattr(loser_draft if choices.get(f) == LOSER else winner_draft, f) for f in CHOSEN_FIELDS
                }
                winner = _load(session, winner_id)
                _write_fields(session, winner, chosen, now)
                loser = _load(session, loser_id)
                _write_fields(session, loser, {}, now)
                loser.deleted_at = now
                session.flush()
                record.undo = {
                    "winner_fields": {f: to_json(getattr(winner_draft, f)) for f in CHOSEN_FIELDS},
                    "winner_version": winner.version,
                    "loser_version": loser.version,
                    "winner_after": _fingerprint(winner),
                    "loser_after": _fingerprint(loser),
                    "loser_name": loser.display_name,
                    "winner_name": winner.display_name,
                    "refs": refs_undo,
                }
                session.flush()
                result = MergeResult(record.id, _detail(winner), moved, dropped)
                session.commit()
        except StaleDataError:
            raise PermissionDeniedError(NOT_EDITABLE) from None
        except IntegrityError as exc:
            # A check of a linked table would break (a proxy given to oneself): nothing was written.
            raise MergeRefusedError("constraint", f"the merge would break a constraint: {exc.orig}") from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes(frozenset(kinds | {TAG}), frozenset({winner_id, loser_id})))
        return result

    def _repoint(self, session: Session, ref: Reference, loser_id: UUID, winner_id: UUID) -> dict[str, Any] | None:
        """Move the rows of one referencing column from the loser to the winner; what undo needs."""
        table = Base.metadata.tables[ref.table]
        column = table.c[ref.column]
        pk = list(table.primary_key.columns)
        rows = [dict(r) for r in session.execute(select(table).where(column == loser_id)).mappings()]
        if not rows:
            return None
        # Rows that would repeat or break a unique constraint once on the winner.
        conflict: dict[int, str] = {}
        for columns in _unique_sets(table, column):
            others = [c for c in columns if c is not column]
            if not others:
                taken = session.execute(select(column).where(column == winner_id).limit(1)).first() is not None
                if taken:
                    conflict.update(dict.fromkeys(range(len(rows)), "unique"))
                continue
            existing = {tuple(r) for r in session.execute(select(*others).where(column == winner_id))}
            for i, row in enumerate(rows):
                if tuple(row[c.name] for c in others) in existing:
                    conflict[i] = "unique"
        dedupe = DEDUPLICATE.get((ref.table, ref.column))
        if dedupe is not None:
            kept = {dedupe(dict(r)) for r in session.execute(select(table).where(column == winner_id)).mappings()}
            for i, row in enumerate(rows):
                if i not in conflict and dedupe(row) in kept:
                    conflict[i] = "repeat"
                kept.add(dedupe(row))
        # Self links would appear (an organisation's person who is the winner): drop them too.
        if ref.table == "affiliation":
            other = "organisation_id" if ref.column == "person_id" else "person_id"
            for i, row in enumerate(rows):
                if row[other] == winner_id:
                    conflict[i] = "self"

        owning = _owning(table, column)
        offset = 0
        if owning and "position" in table.c:
            top = session.execute(
                select(table.c.position).where(column == winner_id).order_by(table.c.position.desc()).limit(1)
            ).scalar()
            offset = (top if top is not None else -1) + 1
        entity = _mapped_class(table)
        # The loser's rows as entities in one query, held here (the identity map keeps them only
        # weakly): each look-up below then finds its object without a query and without flushing
        # the previous change first (a contact on 5,000 activities took 4 s to merge, row by row).
        loaded = list(session.scalars(select(entity).where(column == loser_id))) if entity is not None else []
        entry: dict[str, Any] = {"table": ref.table, "column": ref.column, "moved": [], "dropped": [], "unlinked": []}
        position = offset
        for i, row in enumerate(rows):
            key = {c.name: row[c.name] for c in pk}
            where = and_(*(c == row[c.name] for c in pk))
            reason = conflict.get(i)
            if reason == "unique" and column.nullable:
                session.execute(update(table).where(where).values({column.name: None}))
                entry["unlinked"].append(_json(key))
                continue
            if reason is not None:
                entry["dropped"].append({k: to_json(v) for k, v in row.items()})
                if entity is not None:
                    session.delete(session.get_one(entity, tuple(key.values()) if len(pk) > 1 else row[pk[0].name]))
                else:
                    session.execute(delete(table).where(where))
                continue
            values: dict[str, Any] = {column.name: winner_id}
            if owning and "position" in table.c:
                values["position"] = position
                position += 1
            if owning and "is_primary" in table.c:
                values["is_primary"] = False
            before = {k: to_json(row[k]) for k in values if k != column.name}
            # The key that finds the row again once moved (the moved column itself excluded).
            entry["moved"].append({"key": _json({k: v for k, v in key.items() if k != column.name}), "before": before})
            if entity is not None:
                obj = session.get_one(entity, tuple(key.values()) if len(pk) > 1 else row[pk[0].name])
                for name, value in values.items():
                    setattr(obj, name, value)
            else:
                session.execute(update(table).where(where).values(values))
        session.flush()
        del loaded
        return entry

    # ------------------------------------------------------------------ undo
    def undo(self, merge_id: UUID) -> UndoResult:
        """Put both records back as they were before the merge.

        MergeRefusedError("winner_changed") when the kept record was saved since the merge:
        undoing would throw that save away (undo it by hand, or revert that save first).
        """
        now = self._db.clock()
        kinds: set[str] = {PARTY, MERGE, TAG}
        try:
            with self._db.write_session() as session:
                record = session.get(MergeRecord, merge_id)
                if record is None:
                    raise NotFoundError(f"merge {merge_id} not found")
                if record.undone_at is not None:
                    raise MergeRefusedError("already_undone", "this merge was already undone")
                undo = record.undo
                winner = _load(session, record.winner_id)
                loser = _load(session, record.loser_id)
                # Unchanged since the merge: the same version, or the same content (a later merge
                # into it was undone since, which moved the version but put everything back).
                if winner.version != undo.get("winner_version") and _fingerprint(winner) != undo.get("winner_after"):
                    raise MergeRefusedError(
                        "winner_changed",
                        f"{winner.display_name} was changed since the merge: undoing would lose that change",
                        name=winner.display_name,
                        by=winner.updated_by or "?",
                        at=winner.updated_at,
                    )
                if loser.deleted_at is None or (
                    loser.version != undo.get("loser_version") and _fingerprint(loser) != undo.get("loser_after")
                ):
                    raise MergeRefusedError(
                        "loser_changed",
                        f"{loser.display_name} was restored or changed since the merge",
                        name=loser.display_name,
                    )
                set_change_reason(session, f"{UNMERGE_REASON}{merge_id}")
                restored = skipped = 0
                for entry in reversed(undo.get("refs", [])):
                    done, missed = self._restore(session, entry, record.loser_id, record.winner_id)
                    if missed:
                        log.warning(
                            "undo of merge %s: %d row(s) of %s.%s had changed",
                            merge_id,
                            missed,
                            entry["table"],
                            entry["column"],
                        )
                    restored += done
                    skipped += missed
                    kinds.add(_kind_of(entry["table"]))
                session.flush()
                fields = {f: from_draft_json(f, v) for f, v in undo.get("winner_fields", {}).items()}
                winner = _load(session, record.winner_id)
                _write_fields(session, winner, fields, now)
                loser = _load(session, record.loser_id)
                loser.deleted_at = None
                _write_fields(session, loser, {}, now)
                record.undone_at = now
                session.flush()
                result = UndoResult(merge_id, record.winner_id, record.loser_id, restored, skipped)
                session.commit()
        except StaleDataError:
            raise PermissionDeniedError(NOT_EDITABLE) from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes(frozenset(kinds), frozenset({result.winner_id, result.loser_id})))
        return result

    def _restore(self, session: Session, entry: Mapping[str, Any], loser_id: UUID, winner_id: UUID) -> tuple[int, int]:
        table = Base.metadata.tables.get(entry["table"])
        if table is None:
            return 0, len(entry.get("moved", ())) + len(entry.get("dropped", ()))
        column = table.c[entry["column"]]
        pk = list(table.primary_key.columns)
        entity = _mapped_class(table)
        restored = skipped = 0
        for moved in entry.get("moved", ()):
            key = {name: _decode(table, name, value) for name, value in moved["key"].items()}
            values = {name: _decode(table, name, value) for name, value in moved.get("before", {}).items()}
            values[column.name] = loser_id
            where = and_(*(table.c[name] == value for name, value in key.items()), column == winner_id)
            if entity is not None:
                obj = session.execute(select(entity).where(where)).scalar_one_or_none()
                if obj is None:
                    skipped += 1
                    continue
                for name, value in values.items():
                    setattr(obj, name, value)
                restored += 1
            else:
                count = session.execute(update(table).where(where).values(values)).rowcount  # type: ignore[attr-defined]
                restored += count
                skipped += 1 - count
        for key_json in entry.get("unlinked", ()):
            key = {name: _decode(table, name, value) for name, value in key_json.items()}
            where = and_(*(table.c[name] == value for name, value in key.items()), column.is_(None))
            count = session.execute(update(table).where(where).values({column.name: loser_id})).rowcount  # type: ignore[attr-defined]
            restored += count
            skipped += 1 - count
        for row_json in entry.get("dropped", ()):
            row = {name: _decode(table, name, value) for name, value in row_json.items() if name in table.c}
            exists_where = and_(*(c == row[c.name] for c in pk))
            if session.execute(select(pk[0]).where(exists_where)).first() is not None:
                skipped += 1
                continue
            if entity is not None:
                session.add(entity(**row))
            else:
                session.execute(insert(table).values(row))
            restored += 1
        session.flush()
        return restored, skipped


# ---------------------------------------------------------------------------- helpers
def combine(winner: PartyDraft, loser: PartyDraft) -> PartyDraft:
    """The winner's draft with the loser's lists added, without repeats (what the merge produces)."""
    emails = list(winner.emails)
    keys = {e.address.casefold() for e in emails}
    for email in loser.emails:
        if email.address.casefold() not in keys:
            keys.add(email.address.casefold())
            emails.append(email)
    phones = list(winner.phones)
    numbers = {p.number for p in phones}
    for phone in loser.phones:
        if phone.number not in numbers:
            numbers.add(phone.number)
            phones.append(phone)
    addresses = list(winner.addresses)
    seen_addresses = {_address_key(a) for a in addresses}
    for address in loser.addresses:
        if _address_key(address) not in seen_addresses:
            seen_addresses.add(_address_key(address))
            addresses.append(address)
    roles = list(winner.roles)
    role_keys = {_role_key(r) for r in roles}
    roles.extend(r for r in loser.roles if _role_key(r) not in role_keys)
    tags = list(winner.tags)
    folded = {t.casefold() for t in tags}
    tags.extend(t for t in loser.tags if t.casefold() not in folded)
    affiliations = list(winner.affiliations)
    organisations = {a.organisation_id for a in affiliations}
    affiliations.extend(a for a in loser.affiliations if a.organisation_id not in organisations)
    return dataclasses.replace(
        winner,
        emails=tuple(emails),
        phones=tuple(phones),
        addresses=tuple(addresses),
        roles=tuple(roles),
        tags=tuple(tags),
        affiliations=tuple(affiliations),
    )


def _address_key(a: AddressEntry) -> tuple[str, str, str, str]:
    return (_fold(a.street), _fold(a.street2), a.postcode, _fold(a.city))


def _role_key(r: RoleEntry) -> tuple[Any, ...]:
    return (r.role, r.since, r.until, r.status, r.category)


def from_draft_json(field: str, value: Any) -> Any:
    """A chosen field's stored JSON value back as the draft holds it."""
    if field == "birth_date":
        return dt.date.fromisoformat(value) if value else None
    if field == "owner_id":
        return UUID(value) if value else None
    if field == "private":
        return bool(value)
    return value or ""


def _decode(table: Table, column: str, value: Any) -> Any:
    """A stored JSON value back as the column's Python value (aware datetimes included)."""
    decoded = from_json(table.name, column, value)
    if isinstance(decoded, str) and column in table.c and isinstance(table.c[column].type, UTCDateTime):
        parsed = dt.datetime.fromisoformat(decoded)
        return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed
    return decoded


def _json(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: to_json(v) for k, v in values.items()}


def _load(session: Session, party_id: UUID) -> Party:
    party = session.scalars(
        select(Party)
        .where(Party.id == party_id)
        .options(
            selectinload(Party.emails),
            selectinload(Party.phones),
            selectinload(Party.addresses),
            selectinload(Party.roles),
            selectinload(Party.tags),
            selectinload(Party.affiliations).selectinload(Affiliation.organisation),
        )
        .execution_options(populate_existing=True)
    ).one_or_none()
    if party is None:
        raise NotFoundError(f"party {party_id} not found")
    return party


def _detail(party: Party) -> PartyDetail:
    return PartyDetail(
        id=party.id,
        version=party.version,
        display_name=party.display_name,
        draft=_draft_of(party),
        created_at=party.created_at,
        updated_at=party.updated_at,
        created_by=party.created_by,
        updated_by=party.updated_by,
        deleted_at=party.deleted_at,
    )


def _fingerprint(party: Party) -> str:
    """What a user sees of a record (fields and lists), to tell whether it changed since a merge."""
    draft = _draft_of(party)
    draft = dataclasses.replace(
        draft, affiliations=tuple(dataclasses.replace(a, organisation_name="") for a in draft.affiliations)
    )
    return json.dumps(dataclasses.asdict(draft), default=str, sort_keys=True)


def _check_mergeable(session: Session, winner: Party, loser: Party) -> None:
    if winner.kind != loser.kind:
        raise MergeRefusedError("kinds_differ", "a person and an organisation cannot be merged")
    if winner.deleted_at is not None or loser.deleted_at is not None:
        raise MergeRefusedError("trashed", "a record in the trash cannot be merged: restore it first")
    login = session.execute(select(UserAccount.login).where(UserAccount.party_id == loser.id)).scalar()
    if login is not None:
        # Moving a login to another person is an administrator's decision, not a merge's side effect.
        raise MergeRefusedError(
            "loser_has_login",
            f"{loser.display_name} has the login {login}: keep that record instead",
            name=loser.display_name,
            login=login,
        )


def _check_nothing_hidden(session: Session, loser: Party) -> None:
    """On a team database, refuse a merge that would leave rows the merging person cannot see
    (a colleague's private activity about the loser) attached to the record going to the trash."""
    if session.get_bind().dialect.name != "postgresql":
        return
    if not session.execute(text("SELECT row_security_active('party')")).scalar():
        return  # the owner's connection (administration tools) sees and moves every row
    moved = {ref.key for ref in references()}
    totals = session.execute(
        text("SELECT table_name, column_name, linked FROM ekocrm_party_reference_counts(:party)"),
        {"party": loser.id},
    ).all()
    hidden = 0
    for table_name, column_name, linked in totals:
        if f"{table_name}.{column_name}" not in moved or not linked:
            continue
        table = Base.metadata.tables[table_name]
        seen = session.execute(
            select(func.count()).select_from(table).where(table.c[column_name] == loser.id)
        ).scalar_one()
        hidden += int(linked) - int(seen)
    if hidden > 0:
        raise MergeRefusedError(
            "hidden_links",
            f"{loser.display_name} has {hidden} linked record(s) private to colleagues: they would stay behind",
            name=loser.display_name,
            count=hidden,
        )


def _write_fields(session: Session, party: Party, fields: Mapping[str, Any], now: dt.datetime) -> None:
    """Set chosen fields and recompute the list columns from the party's rows as they are now."""
    draft = dataclasses.replace(_draft_of(party), **dict(fields))
    names = [a.organisation.display_name for a in party.affiliations if a.organisation is not None]
    for column, value in party_columns(draft, names).items():
        if getattr(party, column) != value:
            setattr(party, column, value)
    # The version moves even when only rows beside it changed: open forms see the merge.
    party.updated_at = now
