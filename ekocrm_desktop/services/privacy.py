"""Personal data rights (GDPR/RGPD, issue 8): export everything about a person, erase them, retention.

Which rows are "about" a person is read from `Base.metadata`, not listed by hand, so a table
added later with a foreign key to `party` is exported and erased without touching this file:

- a foreign key with ON DELETE CASCADE (e-mails, roles, memberships, invitations, news
  recipients, group and team memberships, activity links, deal contacts, alerts, import
  items...) marks rows about the person: exported, then deleted;
- a nullable one with ON DELETE SET NULL (owner, assignee, proxy holder, team leader) marks
  someone else's record the person looked after: exported as ids only (it is not data about
  them), then the link is cleared;
- `deal.party_id` is the exception: a deal whose customer is the person is about them and is
  deleted with its lines; a deal of an organisation they were a contact of keeps going.

Shared records the person was linked to (an activity with several people, an organisation's
deal) lose the link; their free text is scrubbed of the person's name, e-mails and phones, and
their change history (which kept the link and those texts) is erased. An activity whose only
link was the person is deleted. The party's own history goes through `erase_history`, the same
path as `HistoryService.erase` (on PostgreSQL, `ekocrm_erase_history`, administrators only).

What stays: a tombstone (the random id, when, by whom, why) so imports, transfers and a later
sync never bring the id back, and one suppression entry per e-mail address and phone number:
an HMAC-SHA256 of the normalised value with a per-workspace secret kept in `app_setting`.
A keyed hash rather than a plain SHA-256, because a plain hash of an e-mail is reversed by
hashing a list of candidate addresses; with the key, the entries of one workspace mean nothing
without that workspace. The importer hashes incoming addresses with the same key and skips the
rows that match ("suppressed: erased person"): they are reported, never created.

Every export and erasure appends a row to `privacy_log` (action, actor, party id, counts per
table) and never any personal value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import secrets
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    String,
    Table,
    Text,
    and_,
    cast,
    delete,
    exists,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.history import TRACKED, to_json
from ekocrm_desktop.models.access import RecordHistory, UserAccount
from ekocrm_desktop.models.activities import Activity, ActivityLink
from ekocrm_desktop.models.base import Base
from ekocrm_desktop.models.campaigns import BouncedAddress
from ekocrm_desktop.models.party import Party, PartyEmail, PartyPhone, PartyRole
from ekocrm_desktop.models.privacy import ErasureTombstone, PrivacyLog, SuppressionEntry
from ekocrm_desktop.models.settings import AppSetting
from ekocrm_desktop.services import paging, validation
from ekocrm_desktop.services.access import AccessService
from ekocrm_desktop.services.errors import NotFoundError, PermissionDeniedError, ServiceError, denied
from ekocrm_desktop.services.history import erase_history

#: app_setting key of the per-workspace secret the suppression hashes are keyed with.
SUPPRESSION_KEY_SETTING = "privacy.suppression_key"
#: Put in place of the person's name, e-mails and phones in the text of shared records kept.
SCRUBBED = "[…]"
#: Foreign keys to `party` whose row is a record about the person although the link is SET NULL.
RECORDS_ABOUT_THEM = frozenset({("deal", "party_id")})
ERASE_REASONS = ("gdpr-erase", "retention", "moved")


class PrivacyRefusedError(ServiceError):
    """The person cannot be erased as asked (code: "not_person", "has_login", "tombstoned")."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------------------- DTOs
@dataclasses.dataclass(frozen=True)
class ErasureSummary:
    """What erasing a person removes, by table (shown before, returned after)."""

    party_id: uuid.UUID
    display_name: str
    #: Rows deleted per table ({"party_email": 2, "activity": 1, ...}).
    deleted: dict[str, int]
    #: Links cleared in records kept (someone else's record, a shared activity) per table.
    unlinked: dict[str, int]
    history_rows: int = 0
    suppressed: int = 0

    @property
    def total(self) -> int:
        """Every row deleted, history included."""
        return sum(self.deleted.values()) + self.history_rows


@dataclasses.dataclass(frozen=True)
class PersonExport:
    """Everything held about a person: rows by table, as JSON-ready values."""

    party_id: uuid.UUID
    display_name: str
    exported_at: dt.datetime
    #: table -> rows (column -> JSON value) about the person.
    tables: dict[str, list[dict[str, Any]]]
    #: table -> ids of records someone else owns that the person looked after (owner, assignee...).
    looked_after: dict[str, list[str]]
    #: Shared records they are linked to (an activity with several people, an organisation's deal).
    linked: dict[str, list[dict[str, Any]]]
    history: list[dict[str, Any]]

    def to_json(self) -> str:
        """The machine-readable export (Art. 20 portability)."""
        return json.dumps(
            {
                "format": "ekocrm-person-export/1",
                "party_id": str(self.party_id),
                "display_name": self.display_name,
                "exported_at": self.exported_at.isoformat(),
                "tables": self.tables,
                "looked_after": self.looked_after,
                "linked_records": self.linked,
                "history": self.history,
            },
            ensure_ascii=False,
            indent=2,
        )

    def row_count(self) -> int:
        """Rows about the person (their own and the shared records they are linked to)."""
        return sum(len(v) for v in self.tables.values()) + sum(len(v) for v in self.linked.values())


@dataclasses.dataclass(frozen=True)
class RetentionRule:
    """People holding `role` and no other current role, with no activity and no change for `years`."""

    role: str = "prospect"
    years: int = 3

    def cutoff(self, today: dt.date) -> dt.datetime:
        """The moment before which "no activity" counts."""
        try:
            day = today.replace(year=today.year - self.years)
        except ValueError:  # 29 February
            day = today.replace(year=today.year - self.years, day=28)
        return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


@dataclasses.dataclass(frozen=True)
class RetentionCandidate:
    """A person the retention rule would erase, with what makes them concerned."""

    party_id: uuid.UUID
    display_name: str
    last_activity: dt.datetime | None
    updated_at: dt.datetime


# ---------------------------------------------------------------------------- hashing
def suppression_hash(key: bytes, channel: str, value: str) -> str:
    """HMAC-SHA256 (hex) of a normalised e-mail address (lower case) or E.164 phone number."""
    normalised = value.strip().lower() if channel == "email" else value.strip()
    return hmac.new(key, f"{channel}:{normalised}".encode(), hashlib.sha256).hexdigest()


def read_suppression_key(session: Session) -> bytes | None:
    """The workspace's secret, or None while nobody was ever erased (then nothing is suppressed)."""
    raw = session.get(AppSetting, SUPPRESSION_KEY_SETTING)
    if raw is None:
        return None
    return bytes.fromhex(json.loads(raw.value))


def _suppression_key(session: Session, actor: str) -> bytes:
    key = read_suppression_key(session)
    if key is None:
        key = secrets.token_bytes(32)
        session.add(AppSetting(key=SUPPRESSION_KEY_SETTING, value=json.dumps(key.hex()), updated_by=actor))
        session.flush()
    return key


def suppressed_values(session: Session, emails: Iterable[str], phones: Iterable[str]) -> set[str]:
    """Which of these normalised e-mails / E.164 phones belong to an erased person (one indexed query)."""
    key = read_suppression_key(session)
    if key is None:
        return set()
    by_hash: dict[tuple[str, str], str] = {}
    for channel, values in (("email", emails), ("phone", phones)):
        for value in values:
            if value:
                by_hash[(suppression_hash(key, channel, value), channel)] = value
    if not by_hash:
        return set()
    hashes = {h for h, _c in by_hash}
    found = session.execute(
        select(SuppressionEntry.hash, SuppressionEntry.channel).where(SuppressionEntry.hash.in_(hashes))
    ).all()
    return {by_hash[(h, c)] for h, c in found if (h, c) in by_hash}


class SuppressionCheck:
    """Checks incoming e-mails and phones against the suppression list (the importer's hook).

    The key is read once; with no key (nobody erased yet) nothing is queried at all.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        with db.session() as session:
            self._key = read_suppression_key(session)

    def __call__(self, emails: Iterable[str], phones: Iterable[str]) -> set[str]:
        """The given values that belong to an erased person."""
        if self._key is None:
            return set()
        with self._db.session() as session:
            return suppressed_values(session, emails, phones)


def tombstoned(session: Session, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these ids were erased (or moved away) and must not come back."""
    wanted = set(ids)
    if not wanted:
        return set()
    return set(session.scalars(select(ErasureTombstone.party_id).where(ErasureTombstone.party_id.in_(wanted))).all())


# ---------------------------------------------------------------------------- links from the metadata
@dataclasses.dataclass(frozen=True)
class PartyLink:
    """A foreign key column to `party` and what erasure does with its rows."""

    table: Table
    column: Column[Any]
    #: "delete" (rows about the person), "record" (a record about them: deleted), "unlink" (SET NULL).
    action: str


def party_links() -> list[PartyLink]:
    """Every foreign key to `party.id` in the schema, children first (delete order)."""
    links: list[PartyLink] = []
    for table in reversed(Base.metadata.sorted_tables):
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            if fk.column.table.name != "party":
                continue
            column = fk.parent
            if (table.name, column.name) in RECORDS_ABOUT_THEM:
                action = "record"
            elif (fk.ondelete or "").upper() == "SET NULL":
                action = "unlink"
            else:
                action = "delete"
            links.append(PartyLink(table, column, action))
    return links


def _rows(session: Session, table: Table, condition: Any) -> list[dict[str, Any]]:
    return [
        {key: to_json(value) for key, value in row.items()}
        for row in session.execute(select(table).where(condition)).mappings()
    ]


def _key_of(table: Table) -> Column[Any] | None:
    return table.c.get("id")


def _text_columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if isinstance(c.type, String | Text) and not isinstance(c.type, JSON)]


# ---------------------------------------------------------------------------- service
class PrivacyService:
    """Export everything about a person, erase them for good, and the retention rule."""

    def __init__(self, db: Database, *, phone_region: str = validation.DEFAULT_REGION) -> None:
        self._db = db
        self._region = phone_region

    # ------------------------------------------------------------------ rights
    def may_erase(self) -> bool:
        """Only administrators erase on a team database (the server refuses the others anyway)."""
        caps = AccessService(self._db).capabilities()
        return caps.app_role in ("administrator", "owner")

    def _require_erase(self) -> None:
        if not self.may_erase():
            raise PermissionDeniedError("erasing a person is an administrator's action")

    # ------------------------------------------------------------------ export
    def export_person(self, party_id: uuid.UUID) -> PersonExport:
        """Every row held about a person (Art. 15/20), recorded in the privacy log."""
        with self._db.session() as session:
            party = session.get(Party, party_id)
            if party is None:
                raise NotFoundError(f"party {party_id}")
            display_name = party.display_name
            tables: dict[str, list[dict[str, Any]]] = {"party": _rows(session, _table("party"), Party.id == party_id)}
            looked_after: dict[str, list[str]] = {}
            linked: dict[str, list[dict[str, Any]]] = {}
            for link in party_links():
                name = link.table.name
                if link.action == "unlink":
                    key = _key_of(link.table)
                    if key is not None:
                        ids = session.scalars(select(key).where(link.column == party_id)).all()
                        if ids:
                            looked_after.setdefault(f"{name}.{link.column.name}", []).extend(str(i) for i in ids)
                    continue
                rows = _rows(session, link.table, link.column == party_id)
                if rows:
                    tables.setdefault(name, []).extend(rows)
                if link.action == "record":
                    # A deal of theirs: its lines are about them too.
                    record_ids = [uuid.UUID(r["id"]) for r in rows]
                    for child in _children(link.table):
                        for part in paging.slices(record_ids):
                            child_rows = _rows(session, child.table, child.column.in_(part))
                            if child_rows:
                                tables.setdefault(child.table.name, []).extend(child_rows)
            for table_name, rows in list(tables.items()):
                # Shared records the person is linked to through a link row (activity_link, deal_contact).
                spec = TRACKED.get(table_name)
                if spec is None or spec.is_root or spec.root_table == "party":
                    continue
                root = Base.metadata.tables[spec.root_table]
                root_ids = {r[spec.root_column] for r in rows if r.get(spec.root_column)}
                mine = {r["id"] for r in tables.get(spec.root_table, [])}
                wanted = sorted(uuid.UUID(i) for i in root_ids - mine)
                for part in paging.slices(wanted):  # a long-standing client may be on 100,000 activities
                    linked.setdefault(spec.root_table, []).extend(_rows(session, root, root.c.id.in_(part)))
            history = [
                {
                    "changed_at": to_json(h.changed_at),
                    "actor": h.actor,
                    "table": h.table_name,
                    "operation": h.operation,
                    "changes": h.changes,
                    "reason": h.reason,
                }
                for h in session.scalars(
                    select(RecordHistory)
                    .where(RecordHistory.root_table == "party", RecordHistory.root_id == party_id)
                    .order_by(RecordHistory.id)
                )
            ]
        result = PersonExport(party_id, display_name, self._db.clock(), tables, looked_after, linked, history)
        counts = {name: len(rows) for name, rows in tables.items()}
        counts.update({f"linked.{name}": len(rows) for name, rows in linked.items()})
        counts["record_history"] = len(history)
        self._log("gdpr-export", [(party_id, counts)])
        return result

    # ------------------------------------------------------------------ erasure
    def erasure_summary(self, party_id: uuid.UUID) -> ErasureSummary:
        """What `erase_person` would remove (counts per table), for the confirmation."""
        with self._db.session() as session:
            party = self._person(session, party_id)
            deleted, unlinked, _roots = self._plan(session, party_id)
            history = session.scalar(
                select(func.count())
                .select_from(RecordHistory)
                .where(RecordHistory.root_table == "party", RecordHistory.root_id == party_id)
            )
            return ErasureSummary(party_id, party.display_name, deleted, unlinked, int(history or 0))

    def erase_person(self, party_id: uuid.UUID, reason: str = "gdpr-erase") -> ErasureSummary:
        """Delete a person for good with every personal row linked; leave a tombstone and suppression hashes."""
        return self.erase_many([party_id], reason=reason)[0]

    def erase_many(
        self, party_ids: Sequence[uuid.UUID], *, reason: str = "gdpr-erase", suppress: bool | None = None
    ) -> list[ErasureSummary]:
        """Erase each person, one transaction each (a refusal for one leaves the others done).

        `reason` is "gdpr-erase", "retention" or "moved"; a move (`services.transfer`) keeps no
        suppression entry, since the person still is in touch with us in the other workspace.
        """
        if reason not in ERASE_REASONS:
            raise ValueError(f"unknown erasure reason {reason!r}")
        if suppress is None:
            suppress = reason != "moved"
        self._require_erase()
        summaries = []
        for party_id in party_ids:
            try:
                summaries.append(self._erase_one(party_id, reason, suppress))
            except DBAPIError as exc:
                raise denied(exc) or exc from None
        ids = [s.party_id for s in summaries]
        kinds = {"party", "erasure"} | {t for s in summaries for t in (*s.deleted, *s.unlinked)}
        self._db.announce(Changes(frozenset(kinds), frozenset(ids)))
        return summaries

    def _person(self, session: Session, party_id: uuid.UUID) -> Party:
        party = session.get(Party, party_id)
        if party is None:
            raise NotFoundError(f"party {party_id}")
        if party.kind != "person":
            raise PrivacyRefusedError("not_person", "only a person is erased; an organisation is deleted")
        return party

    def _plan(
        self, session: Session, party_id: uuid.UUID
    ) -> tuple[dict[str, int], dict[str, int], set[tuple[str, uuid.UUID]]]:
        """Counts per table, and the history roots (other than the party) that will be touched."""
        deleted: dict[str, int] = {"party": 1}
        unlinked: dict[str, int] = {}
        roots: set[tuple[str, uuid.UUID]] = set()
        for link in party_links():
            name = link.table.name
            condition = link.column == party_id
            count = int(session.scalar(select(func.count()).select_from(link.table).where(condition)) or 0)
            if not count:
                continue
            target = unlinked if link.action == "unlink" else deleted
            target[name] = target.get(name, 0) + count
            spec = TRACKED.get(name)
            if spec is not None and spec.root_table != "party":
                root_column = link.table.c[spec.root_column]
                roots.update((spec.root_table, r) for r in session.scalars(select(root_column).where(condition)))
        # Activities whose only link is this person go with it.
        alone = self._lonely_activities(session, party_id)
        if alone:
            deleted["activity"] = deleted.get("activity", 0) + len(alone)
        return deleted, unlinked, roots

    def _lonely_activities(self, session: Session, party_id: uuid.UUID) -> list[uuid.UUID]:
        """Activities linked to nothing else than the person and deals about them (erased with them)."""
        deal = _table("deal")
        their_deals = list(session.scalars(select(deal.c.id).where(deal.c.party_id == party_id)))
        other = ActivityLink.__table__.alias("other")
        someone_else = or_(
            and_(other.c.party_id.is_not(None), other.c.party_id != party_id),
            and_(other.c.deal_id.is_not(None), other.c.deal_id.not_in(their_deals or [uuid.UUID(int=0)])),
        )
        mine = or_(ActivityLink.party_id == party_id, ActivityLink.deal_id.in_(their_deals or [uuid.UUID(int=0)]))
        stmt = select(ActivityLink.activity_id).where(
            mine, ~exists().where(and_(other.c.activity_id == ActivityLink.activity_id, someone_else))
        )
        return list(set(session.scalars(stmt).all()))

    def _erase_one(self, party_id: uuid.UUID, reason: str, suppress: bool) -> ErasureSummary:
        actor = self._db.actor
        with self._db.write_session() as session:
            if self._db.is_sqlite:
                # Freed pages are overwritten with zeros: the values do not linger in the file.
                session.execute(text("PRAGMA secure_delete = ON"))
            party = self._person(session, party_id)
            if session.scalar(select(UserAccount.login).where(UserAccount.party_id == party_id)) is not None:
                raise PrivacyRefusedError("has_login", "remove this person's login before erasing them")
            display_name = party.display_name
            emails = list(session.scalars(select(PartyEmail.address).where(PartyEmail.party_id == party_id)))
            phones = list(session.scalars(select(PartyPhone.number).where(PartyPhone.party_id == party_id)))
            needles = _needles(party, emails, phones)
            deleted, unlinked, roots = self._plan(session, party_id)
            lonely = self._lonely_activities(session, party_id)
            session.expunge_all()  # Core statements from here on; no stale ORM objects flushed later.
            if emails:
                # A bounced address is the person's address too: it goes with them.
                session.execute(
                    delete(BouncedAddress).where(BouncedAddress.address.in_([e.strip().lower() for e in emails]))
                )

            # Shared records kept: scrub their text before the links that find them go.
            kept = {(t, i) for t, i in roots if not (t == "activity" and i in set(lonely))}
            for root_table, root_id in sorted(kept, key=str):
                _scrub(session, Base.metadata.tables[root_table], root_id, needles)

            # A tracked document's history keeps the old list: erased with the other roots below.
            roots.update((t, i) for t, i in _remove_from_documents(session, party_id) if t in TRACKED)
            for link in party_links():
                condition = link.column == party_id
                if not session.scalar(select(exists().where(condition))):
                    continue  # nothing there; and some tables are not ours to write (user_account)
                if link.action == "unlink":
                    session.execute(update(link.table).where(condition).values({link.column.name: None}))
                elif link.action == "record":
                    ids = list(session.scalars(select(link.table.c.id).where(condition)))
                    roots.update((link.table.name, i) for i in ids)
                    for part in paging.slices(ids):
                        session.execute(delete(link.table).where(link.table.c.id.in_(part)))
                else:
                    session.execute(delete(link.table).where(condition))
            for part in paging.slices(lonely):
                session.execute(delete(_table("activity")).where(_table("activity").c.id.in_(part)))
            session.execute(delete(_table("party")).where(_table("party").c.id == party_id))

            # The old values kept by the history are personal data too (DEVELOPING: team mode).
            history_rows = erase_history(session, self._db.is_sqlite, "party", party_id)
            for root_table, root_id in sorted(roots, key=str):
                history_rows += erase_history(session, self._db.is_sqlite, root_table, root_id)

            session.merge(
                ErasureTombstone(party_id=party_id, erased_at=self._db.clock(), erased_by=actor, reason=reason)
            )
            suppressed = 0
            if suppress:
                key = _suppression_key(session, actor)
                entries = {("email", suppression_hash(key, "email", e)) for e in emails}
                entries |= {("phone", suppression_hash(key, "phone", p)) for p in phones}
                for channel, digest in sorted(entries):
                    session.merge(SuppressionEntry(hash=digest, channel=channel, created_at=self._db.clock()))
                suppressed = len(entries)
            counts: dict[str, Any] = {**deleted, "record_history": history_rows}
            counts.update({f"unlinked.{k}": v for k, v in unlinked.items()})
            session.add(PrivacyLog(at=self._db.clock(), actor=actor, action=reason, party_id=party_id, counts=counts))
            session.commit()
        if self._db.is_sqlite:
            self._compact_sqlite()
        return ErasureSummary(party_id, display_name, deleted, unlinked, history_rows, suppressed)

    def _compact_sqlite(self) -> None:
        """Merge the full-text index segments and checkpoint the WAL, so erased words leave the files."""
        with self._db.engine.connect() as conn:
            conn.execute(text("INSERT INTO party_fts(party_fts) VALUES ('optimize')"))
            conn.commit()
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))

    # ------------------------------------------------------------------ retention
    def retention_candidates(self, rule: RetentionRule, *, today: dt.date | None = None) -> list[RetentionCandidate]:
        """People the rule concerns: its role, no other current role, no activity nor change since the cutoff."""
        today = today or self._db.clock().date()
        cutoff = rule.cutoff(today)
        other_role = PartyRole.__table__.alias("other_role")
        last_activity = (
            select(func.max(Activity.occurred_at))
            .join(ActivityLink, ActivityLink.activity_id == Activity.id)
            .where(ActivityLink.party_id == Party.id)
            .correlate(Party)
            .scalar_subquery()
        )
        stmt = (
            select(Party.id, Party.display_name, last_activity, Party.updated_at)
            .where(
                Party.kind == "person",
                Party.updated_at < cutoff,
                exists().where(PartyRole.party_id == Party.id, PartyRole.role == rule.role),
                ~exists().where(
                    other_role.c.party_id == Party.id,
                    other_role.c.role != rule.role,
                    or_(other_role.c.until.is_(None), other_role.c.until >= today),
                ),
                ~exists().where(UserAccount.party_id == Party.id),
                or_(last_activity.is_(None), last_activity < cutoff),
            )
            .order_by(Party.sort_name, Party.id)
        )
        with self._db.session() as session:
            return [RetentionCandidate(r[0], r[1], r[2], r[3]) for r in session.execute(stmt)]

    # ------------------------------------------------------------------ audit
    def log(self, limit: int = 200) -> list[dict[str, Any]]:
        """The latest exports and erasures (no personal data in them)."""
        with self._db.session() as session:
            return [
                {"at": r.at, "actor": r.actor, "action": r.action, "party_id": r.party_id, "counts": dict(r.counts)}
                for r in session.scalars(select(PrivacyLog).order_by(PrivacyLog.at.desc()).limit(limit))
            ]

    def _log(self, action: str, entries: Sequence[tuple[uuid.UUID, dict[str, Any]]]) -> None:
        try:
            with self._db.write_session() as session:
                for party_id, counts in entries:
                    session.add(
                        PrivacyLog(
                            at=self._db.clock(), actor=self._db.actor, action=action, party_id=party_id, counts=counts
                        )
                    )
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None


# ---------------------------------------------------------------------------- helpers
@dataclasses.dataclass(frozen=True)
class _Child:
    table: Table
    column: Column[Any]


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _children(parent: Table) -> list[_Child]:
    """Tables whose rows belong to a row of `parent` (ON DELETE CASCADE), e.g. a deal's lines."""
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is parent and (fk.ondelete or "").upper() == "CASCADE":
                found.append(_Child(table, fk.parent))
    return found


#: JSON documents that may name parties by id outside any foreign key: a news item's chosen
#: audience, a segment's definition (both small tables).
ID_DOCUMENTS = (("news_item", "audience"), ("segment", "definition"))


def _remove_from_documents(session: Session, party_id: uuid.UUID) -> list[tuple[str, uuid.UUID]]:
    """Take the person's id out of the documents that list parties by id (their audience stays otherwise)."""
    forms = {str(party_id), party_id.hex}
    touched: list[tuple[str, uuid.UUID]] = []
    for table_name, column_name in ID_DOCUMENTS:
        table = _table(table_name)
        column = table.c[column_name]
        as_text = cast(column, Text)
        hit = or_(*(as_text.contains(form) for form in forms))
        for row_id, value in session.execute(select(table.c.id, column).where(hit)).all():
            document = json.loads(value) if isinstance(value, str) else value
            cleaned = _without(document, forms)
            new_value = json.dumps(cleaned, ensure_ascii=False) if isinstance(value, str) else cleaned
            session.execute(update(table).where(table.c.id == row_id).values({column_name: new_value}))
            touched.append((table_name, row_id))
    return touched


def _without(value: Any, forms: set[str]) -> Any:
    if isinstance(value, list):
        return [_without(v, forms) for v in value if not (isinstance(v, str) and v in forms)]
    if isinstance(value, dict):
        return {k: _without(v, forms) for k, v in value.items() if not (isinstance(v, str) and v in forms)}
    return value


def _needles(party: Party, emails: Sequence[str], phones: Sequence[str]) -> list[str]:
    """The strings that identify the person in free text, longest first."""
    names = {party.display_name, f"{party.first_name or ''} {party.last_name or ''}".strip()}
    names |= {f"{party.last_name or ''} {party.first_name or ''}".strip()}
    if party.last_name and len(party.last_name) >= 3:
        names.add(party.last_name)
    formatted = {validation.format_phone(p) for p in phones}
    values = {n for n in names | set(emails) | set(phones) | formatted if n and len(n) >= 3}
    return sorted(values, key=len, reverse=True)


def _scrub(session: Session, table: Table, row_id: uuid.UUID, needles: Sequence[str]) -> None:
    """Replace the person's name, e-mails and phones in a kept record's text columns."""
    columns = _text_columns(table)
    if not columns or not needles:
        return
    row = session.execute(select(*columns).where(table.c.id == row_id)).mappings().first()
    if row is None:
        return
    changed: dict[str, str] = {}
    for column in columns:
        value = row[column.name]
        if not isinstance(value, str) or not value:
            continue
        new = _replace_all(value, needles)
        if new != value:
            changed[column.name] = new[:length] if (length := getattr(column.type, "length", None)) else new
    if changed:
        session.execute(update(table).where(table.c.id == row_id).values(changed))


def _replace_all(value: str, needles: Sequence[str]) -> str:
    lowered = value.casefold()
    for needle in needles:
        target = needle.casefold()
        start = lowered.find(target)
        while start >= 0:
            value = value[:start] + SCRUBBED + value[start + len(needle) :]
            lowered = value.casefold()
            start = lowered.find(target, start + len(SCRUBBED))
    return value
