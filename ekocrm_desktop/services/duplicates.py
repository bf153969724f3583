"""Duplicates: the warning while a record is typed, the workspace-wide finder, and "not duplicates".

The warning runs on every pause in typing, so it only uses indexed equality look-ups
(party_email.address, party.primary_email, party_phone.number, party.sort_name,
party.organisation_key) and compares names in Python on the few candidates they return.

The finder groups the whole workspace in SQL (same e-mail, same phone, same folded name at
the same organisation or in the same city, same first letters of the name at the same
organisation) and refines only those small groups in Python, so it scales with the number
of candidate groups, not with the square of the number of parties.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, String, and_, func, or_, select, text, type_coerce
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.textnorm import sort_key
from ekocrm_desktop.models.domains import DuplicateDismissal
from ekocrm_desktop.models.enums import PartyKind
from ekocrm_desktop.models.party import Party, PartyEmail, PartyPhone
from ekocrm_desktop.services import validation
from ekocrm_desktop.services.contacts import PartyDraft
from ekocrm_desktop.services.errors import ServiceError, denied

DUPLICATES = "duplicate"

#: Why two records look alike (the UI translates the codes).
REASON_EMAIL = "email"
REASON_PHONE = "phone"
REASON_NAME = "name"
REASON_NAME_ORGANISATION = "name_organisation"
REASON_NAME_CITY = "name_city"
REASON_SIMILAR_NAME_ORGANISATION = "similar_name_organisation"

#: How much each reason says "the same" (strongest first); a pair's score is their sum, at most 100.
WEIGHTS = {
    REASON_EMAIL: 60,
    REASON_NAME_ORGANISATION: 50,
    REASON_PHONE: 45,
    REASON_NAME_CITY: 40,
    REASON_SIMILAR_NAME_ORGANISATION: 35,
    REASON_NAME: 25,
}
#: A shared address ("contact@asso.fr" on 300 people) says nothing about duplicates: bigger groups are skipped.
MAX_GROUP = 25
#: Pairs the finder details and shows, most certain first (nobody reviews more in one sitting).
MAX_PAIRS = 2000
#: Candidates fetched by the warning per look-up (indexed, so cheap; names are compared in Python).
WARNING_CANDIDATES = 200
#: Leading letters of the folded name that a "similar name at the same organisation" group shares.
NAME_PREFIX = 4

Report = Callable[[int, int, str], None]


class ScanCancelledError(ServiceError):
    """The user stopped the scan."""


@dataclasses.dataclass(frozen=True)
class DuplicateMatch:
    """An existing record the one being typed may duplicate, and why."""

    party_id: UUID
    kind: str
    display_name: str
    organisation_name: str
    email: str
    city: str
    reasons: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class PartySummary:
    """What the finder shows of one side of a pair."""

    id: UUID
    kind: str
    display_name: str
    organisation_name: str
    email: str
    phone: str
    city: str


@dataclasses.dataclass(frozen=True)
class DuplicatePair:
    """Two records that probably are one, with a score (0-100) and the reasons."""

    first: PartySummary
    second: PartySummary
    score: int
    reasons: tuple[str, ...]

    @property
    def key(self) -> tuple[UUID, UUID]:
        """The pair's ids in a stable order."""
        return pair_key(self.first.id, self.second.id)


@dataclasses.dataclass(frozen=True)
class DuplicateScan:
    """What the finder found: the most certain pairs, and how many pairs there were in all."""

    pairs: list[DuplicatePair]
    total: int


def pair_key(a: UUID, b: UUID) -> tuple[UUID, UUID]:
    """Two ids in a stable order (how dismissals are stored)."""
    return (a, b) if str(a) < str(b) else (b, a)


def score_of(reasons: Iterable[str]) -> int:
    """The pair's score: the weights of its reasons added, at most 100."""
    return min(100, sum(WEIGHTS.get(r, 0) for r in set(reasons)))


# ---------------------------------------------------------------------------- names
def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early once it exceeds `limit` (names are short)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _tolerance(text: str) -> int:
    """Typos allowed in a word of this length: none in short names, one or two in long ones."""
    return 0 if len(text) < 4 else 1 if len(text) < 8 else 2


def close_last_names(a: str, b: str) -> bool:
    """Same folded last name, or one typo apart ("lefebvre" / "lefevre")."""
    a, b = sort_key(a), sort_key(b)
    if not a or not b:
        return False
    return a == b or edit_distance(a, b) <= min(_tolerance(a), _tolerance(b))


def close_first_names(a: str, b: str) -> bool:
    """Equal, one an initial or a prefix of the other ("J." / "Jean", "Marie" / "Marie-Claire"), or a typo apart."""
    a, b = sort_key(a), sort_key(b)
    if not a or not b:
        return True  # one side has no first name: the last name decides
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    return edit_distance(a, b) <= min(_tolerance(a), _tolerance(b))


def close_person_names(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """Whether two people's names are close enough to be one person."""
    return close_last_names(last_a, last_b) and close_first_names(first_a, first_b)


# ---------------------------------------------------------------------------- service
class DuplicateService:
    """Finding records that are probably the same person or organisation."""

    def __init__(self, db: Database, *, phone_region: str = validation.DEFAULT_REGION) -> None:
        self._db = db
        self._region = phone_region

    # ------------------------------------------------------------------ warning at entry
    def matches(self, draft: PartyDraft, *, exclude: UUID | None = None, limit: int = 5) -> list[DuplicateMatch]:
        """Live records the draft being typed probably duplicates, best first.

        Same e-mail (case ignored), same phone (whatever its formatting), same name, or a
        close name at the same organisation. Only indexed look-ups: fast on a million parties.
        """
        emails, email_keys = self._email_variants(a.address for a in draft.emails)
        phones = self._phones(p.number for p in draft.phones)
        reasons: dict[UUID, set[str]] = {}

        def add(ids: Iterable[UUID], reason: str) -> None:
            for party_id in ids:
                if party_id != exclude:
                    reasons.setdefault(party_id, set()).add(reason)

        live = Party.deleted_at.is_(None)
        with self._db.session() as session:
            if emails:
                add(
                    session.scalars(
                        select(PartyEmail.party_id).where(PartyEmail.address.in_(emails)).limit(WARNING_CANDIDATES)
                    ),
                    REASON_EMAIL,
                )
                add(
                    session.scalars(
                        select(Party.id).where(live, Party.primary_email.in_(email_keys)).limit(WARNING_CANDIDATES)
                    ),
                    REASON_EMAIL,
                )
            if phones:
                add(
                    session.scalars(
                        select(PartyPhone.party_id).where(PartyPhone.number.in_(phones)).limit(WARNING_CANDIDATES)
                    ),
                    REASON_PHONE,
                )
            if draft.is_person:
                self._person_name_matches(session, draft, add)
            elif sort_key(draft.name):
                add(
                    session.scalars(
                        select(Party.id)
                        .where(
                            live,
                            Party.sort_name == sort_key(draft.name),
                            Party.kind == PartyKind.ORGANISATION.value,
                        )
                        .limit(WARNING_CANDIDATES)
                    ),
                    REASON_NAME,
                )
            if not reasons:
                return []
            rows = session.execute(
                select(
                    Party.id,
                    Party.kind,
                    Party.display_name,
                    Party.organisation_name,
                    Party.primary_email,
                    Party.city,
                ).where(Party.id.in_(list(reasons)), live)
            ).all()
        found = [
            DuplicateMatch(
                party_id=r.id,
                kind=r.kind,
                display_name=r.display_name,
                organisation_name=r.organisation_name or "",
                email=r.primary_email,
                city=r.city or "",
                reasons=tuple(sorted(reasons[r.id], key=lambda x: -WEIGHTS.get(x, 0))),
            )
            for r in rows
        ]
        found.sort(key=lambda m: (-score_of(m.reasons), sort_key(m.display_name)))
        return found[:limit]

    def _person_name_matches(
        self, session: Session, draft: PartyDraft, add: Callable[[Iterable[UUID], str], None]
    ) -> None:
        last = sort_key(draft.last_name)
        if not last:
            return
        first = sort_key(draft.first_name)
        live = Party.deleted_at.is_(None)
        person = Party.kind == PartyKind.PERSON.value
        organisation_key = self._organisation_key(session, draft)
        exact = sort_key(f"{draft.last_name} {draft.first_name}")
        same_name = session.execute(
            select(Party.id, Party.organisation_key)
            .where(live, person, Party.sort_name == exact)
            .limit(WARNING_CANDIDATES)
        ).all()
        add((r.id for r in same_name if not organisation_key or r.organisation_key != organisation_key), REASON_NAME)
        if not organisation_key:
            return
        # Colleagues at the same organisation (one indexed range), compared by name here.
        colleagues = session.execute(
            select(Party.id, Party.first_name, Party.last_name)
            .where(live, person, Party.organisation_key == organisation_key)
            .limit(WARNING_CANDIDATES)
        ).all()
        add(
            (
                r.id
                for r in colleagues
                if close_person_names(first, last, r.first_name or "", r.last_name or "")
                and sort_key(f"{r.last_name or ''} {r.first_name or ''}") == exact
            ),
            REASON_NAME_ORGANISATION,
        )
        add(
            (
                r.id
                for r in colleagues
                if close_person_names(first, last, r.first_name or "", r.last_name or "")
                and sort_key(f"{r.last_name or ''} {r.first_name or ''}") != exact
            ),
            REASON_SIMILAR_NAME_ORGANISATION,
        )

    @staticmethod
    def _organisation_key(session: Session, draft: PartyDraft) -> str:
        if not draft.affiliations:
            return ""
        first = draft.affiliations[0]
        name = (
            first.organisation_name
            or session.execute(select(Party.display_name).where(Party.id == first.organisation_id)).scalar_one_or_none()
        )
        return sort_key(name or "")

    @staticmethod
    def _email_variants(addresses: Iterable[str]) -> tuple[list[str], list[str]]:
        """Stored spellings to look up (as typed, normalised, lower-cased) and the lower-case keys."""
        variants: set[str] = set()
        keys: set[str] = set()
        for raw in addresses:
            text = raw.strip()
            if "@" not in text or text.endswith("@"):
                continue
            try:
                normalized = validation.normalize_email(text)
            except validation.InvalidValueError:
                continue
            variants.update({text, normalized, normalized.lower(), text.lower()})
            keys.add(validation.email_key(normalized))
        return sorted(variants), sorted(keys)

    def _phones(self, numbers: Iterable[str]) -> list[str]:
        result: set[str] = set()
        for raw in numbers:
            try:
                result.add(validation.normalize_phone(raw, self._region))
            except validation.InvalidValueError:
                continue
        return sorted(result)

    # ------------------------------------------------------------------ finder
    def scan(self, report: Report | None = None, token: Any = None) -> DuplicateScan:
        """Likely pairs of live records in the workspace, best first (dismissed pairs left out).

        `report(done, total, text)` tells progress; `token.cancelled` stops the scan
        (ScanCancelledError). Each step is one SQL query read in key order; only the `MAX_PAIRS`
        most certain pairs are detailed and returned (`total` says how many were found).

        A million-party workspace yields millions of candidate pairs: a pair is one integer
        (the two ids' 128-bit values, smaller first: the order of their text forms) and its
        reasons one bit mask, so no UUID object or tuple is built per pair.
        """
        steps: list[tuple[str, Callable[[Session, Any], Iterable[tuple[Iterable[int], str]]]]] = [
            ("emails", self._same_emails),
            ("phones", self._same_phones),
            ("names", self._same_names),
            ("similar", self._similar_names),
        ]
        total = len(steps) + 1
        bits = {reason: 1 << i for i, reason in enumerate(WEIGHTS)}
        pairs: dict[int, int] = {}
        get = pairs.get
        with self._db.session() as session, _sorts_in_memory(session):
            for done, (label, step) in enumerate(steps):
                _check(token)
                if report is not None:
                    report(done, total, label)
                for keys, reason in step(session, token):
                    bit = bits[reason]
                    for key in keys:
                        pairs[key] = get(key, 0) | bit
            _check(token)
            if report is not None:
                report(len(steps), total, "details")
            for first_id, second_id in session.execute(
                select(DuplicateDismissal.first_id, DuplicateDismissal.second_id)
            ):
                pairs.pop(_pair_int(first_id.int, second_id.int), None)
            reasons_of = {
                mask: tuple(r for r in WEIGHTS if mask & bits[r]) for mask in set(pairs.values())
            }  # WEIGHTS is ordered strongest first
            scores = {mask: score_of(reasons) for mask, reasons in reasons_of.items()}
            best = _most_certain(pairs, scores, MAX_PAIRS)
            ids = {UUID(int=half) for key, _mask in best for half in (key >> 128, key & _LOW)}
            summaries = self._summaries(session, ids, token)
        result = []
        for key, mask in best:
            a, b = UUID(int=key >> 128), UUID(int=key & _LOW)
            if a in summaries and b in summaries and summaries[a].kind == summaries[b].kind:
                result.append(DuplicatePair(summaries[a], summaries[b], scores[mask], reasons_of[mask]))
        # The finder's order: most certain first, then by name so a list reads alphabetically.
        result.sort(key=lambda p: (-p.score, sort_key(p.first.display_name), str(p.first.id), str(p.second.id)))
        if report is not None:
            report(total, total, "")
        return DuplicateScan(result, len(pairs))

    @staticmethod
    def _grouped_pairs(rows: Iterable[Any], reason: str, token: Any) -> Iterable[tuple[list[int], str]]:
        """Pairs within each group of rows `(group key, party id)` sorted by key, a group at a time."""
        for n, (_key, group) in enumerate(itertools.groupby(rows, key=lambda r: r[0])):
            if n % 5000 == 0:
                _check(token)
            keys = _pairs_of({_id_int(r[1]) for r in group})
            if keys:
                yield keys, reason

    @staticmethod
    def _live(party_id: Any) -> ColumnElement[bool]:
        """The party is not in the trash, without a join: the trash is small and indexed, while
        looking up each of a million rows' party cost most of the scan's time. (A range, not
        `IS NOT NULL`, for which SQLite read the whole party table instead of its index.)"""
        trashed = select(Party.id).where(Party.deleted_at >= _EVER)
        return party_id.not_in(trashed)  # type: ignore[no-any-return]

    def _same_emails(self, session: Session, token: Any) -> Iterable[tuple[list[int], str]]:
        # One pass in address order; groups are sized in Python (a GROUP BY, then reading the
        # small groups again, read every address twice).
        key = func.lower(PartyEmail.address)
        party_id = type_coerce(PartyEmail.party_id, String)
        stmt = select(key, party_id).where(self._live(PartyEmail.party_id)).order_by(key)
        return self._grouped_pairs(_stream(session, stmt), REASON_EMAIL, token)

    def _same_phones(self, session: Session, token: Any) -> Iterable[tuple[list[int], str]]:
        party_id = type_coerce(PartyPhone.party_id, String)
        # Sorted as an expression: walking the number index instead looked up every phone row in
        # index order (40 s on 1.3 million numbers against a few seconds for the sort).
        number = PartyPhone.number + ""
        stmt = select(number, party_id).where(self._live(PartyPhone.party_id)).order_by(number)
        return self._grouped_pairs(_stream(session, stmt), REASON_PHONE, token)

    def _same_names(self, session: Session, token: Any) -> Iterable[tuple[list[int], str]]:
        """Same folded name at the same organisation, in the same city, or (organisations) anywhere.

        One sorted read of the live parties by (kind, name): each block of one name is small, and
        is split by organisation and by city here (three window counts over the whole table did
        the same in three sorts). Pairs come out reason by reason, in the order of
        kind, name, organisation or city, as the finder always listed them.
        """
        stmt = (
            select(
                Party.kind,
                Party.sort_name,
                Party.organisation_key,
                Party.city_key,
                type_coerce(Party.id, String),
            )
            .where(Party.deleted_at.is_(None), Party.sort_name != "")
            .order_by(Party.kind, Party.sort_name)
        )
        organisation = PartyKind.ORGANISATION.value
        later: dict[str, list[list[int]]] = {REASON_NAME_CITY: [], REASON_NAME: []}
        for n, (_name, block) in enumerate(itertools.groupby(_stream(session, stmt), key=lambda r: (r[0], r[1]))):
            if n % 5000 == 0:
                _check(token)
            rows = list(block)
            if len(rows) < 2:
                continue
            for reason, index in ((REASON_NAME_ORGANISATION, 2), (REASON_NAME_CITY, 3)):
                places: dict[str, set[int]] = {}
                for row in rows:
                    if row[index]:
                        places.setdefault(row[index], set()).add(_id_int(row[4]))
                for place in sorted(places):
                    keys = _pairs_of(places[place])
                    if keys:
                        if reason == REASON_NAME_ORGANISATION:
                            yield keys, reason
                        else:
                            later[reason].append(keys)
            if rows[0][0] == organisation:
                keys = _pairs_of({_id_int(row[4]) for row in rows})
                if keys:
                    later[REASON_NAME].append(keys)
        for reason, groups in later.items():
            for keys in groups:
                yield keys, reason

    def _similar_names(self, session: Session, token: Any) -> Iterable[tuple[list[int], str]]:
        """People at the same organisation whose names start alike, kept when the names are close."""
        live = Party.deleted_at.is_(None)
        person = Party.kind == PartyKind.PERSON.value
        prefix = func.substr(Party.sort_name, 1, NAME_PREFIX)
        groups = (
            select(Party.organisation_key, prefix.label("p"))
            .where(live, person, Party.organisation_key != "", Party.sort_name != "")
            .group_by(Party.organisation_key, prefix)
            .having(func.count().between(2, MAX_GROUP))
            .subquery()
        )
        stmt = (
            select(
                Party.organisation_key,
                prefix,
                type_coerce(Party.id, String),
                Party.first_name,
                Party.last_name,
                Party.sort_name,
            )
            .join(groups, and_(groups.c.organisation_key == Party.organisation_key, groups.c.p == prefix))
            .where(live, person)
            .order_by(Party.organisation_key, prefix)
        )
        for _key, group in itertools.groupby(_stream(session, stmt), key=lambda r: (r[0], r[1])):
            _check(token)
            people = list(group)
            keys = [
                _pair_int(_id_int(a[2]), _id_int(b[2]))
                for a, b in itertools.combinations(people, 2)
                # The same name: found by _same_names.
                if a[5] != b[5] and close_person_names(a[3] or "", a[4] or "", b[3] or "", b[4] or "")
            ]
            if keys:
                yield keys, REASON_SIMILAR_NAME_ORGANISATION

    def _summaries(self, session: Session, ids: set[UUID], token: Any) -> dict[UUID, PartySummary]:
        result: dict[UUID, PartySummary] = {}
        ordered = sorted(ids, key=str)
        for start in range(0, len(ordered), 500):
            _check(token)
            chunk = ordered[start : start + 500]
            rows = session.execute(
                select(
                    Party.id,
                    Party.kind,
                    Party.display_name,
                    Party.organisation_name,
                    Party.primary_email,
                    Party.primary_phone,
                    Party.city,
                ).where(Party.id.in_(chunk), Party.deleted_at.is_(None))
            )
            for r in rows:
                result[r.id] = PartySummary(
                    r.id,
                    r.kind,
                    r.display_name,
                    r.organisation_name or "",
                    r.primary_email,
                    r.primary_phone,
                    r.city or "",
                )
        return result

    # ------------------------------------------------------------------ dismissals
    def dismiss(self, first_id: UUID, second_id: UUID) -> None:
        """Say two records are not duplicates: the finder no longer proposes them."""
        a, b = pair_key(first_id, second_id)
        try:
            with self._db.write_session() as session:
                exists = session.execute(
                    select(DuplicateDismissal.id).where(
                        or_(
                            and_(DuplicateDismissal.first_id == a, DuplicateDismissal.second_id == b),
                            and_(DuplicateDismissal.first_id == b, DuplicateDismissal.second_id == a),
                        )
                    )
                ).first()
                if exists is None:
                    session.add(DuplicateDismissal(first_id=a, second_id=b))
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(DUPLICATES, (a, b)))

    def undismiss(self, first_id: UUID, second_id: UUID) -> None:
        """Propose a dismissed pair again."""
        a, b = pair_key(first_id, second_id)
        with self._db.write_session() as session:
            for row in session.scalars(
                select(DuplicateDismissal).where(
                    DuplicateDismissal.first_id.in_((a, b)), DuplicateDismissal.second_id.in_((a, b))
                )
            ):
                session.delete(row)
            session.commit()
        self._db.announce(Changes.of(DUPLICATES, (a, b)))

    def dismissed(self) -> list[tuple[UUID, UUID]]:
        """Pairs said not to be duplicates."""
        with self._db.session() as session:
            return [
                pair_key(a, b)
                for a, b in session.execute(select(DuplicateDismissal.first_id, DuplicateDismissal.second_id))
            ]


_LOW = (1 << 128) - 1
#: Earlier than any moment a record was put in the trash.
_EVER = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)


@contextlib.contextmanager
def _sorts_in_memory(session: Session) -> Iterator[None]:
    """SQLite: the scan's sorts of a million rows in memory (about 100 MB, for the scan only).
    In temporary files they waited on the disk for most of their time (seconds of CPU, tens of
    seconds of I/O on a busy machine)."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        session.execute(text("PRAGMA temp_store = MEMORY"))
    try:
        yield
    finally:
        if sqlite:
            session.execute(text("PRAGMA temp_store = DEFAULT"))


def _id_int(value: Any) -> int:
    """A party id read without conversion (hex text on SQLite, a UUID from psycopg) as its 128-bit value."""
    return int(value.replace("-", ""), 16) if isinstance(value, str) else int(value.int)


def _stream(session: Session, stmt: Any) -> Iterable[Any]:
    """Rows of a million-row query as they come, in batches (through the ORM session they were
    all loaded, then processed, before the first one was used)."""
    return session.connection().execution_options(yield_per=10_000).execute(stmt)


def _pair_int(a: int, b: int) -> int:
    """One integer for a pair of ids, the smaller first (the order of their text forms too)."""
    return (a << 128) | b if a < b else (b << 128) | a


def _pairs_of(ids: set[int]) -> list[int]:
    """Every pair of a group of 2 to MAX_GROUP parties, each as one integer (smaller id first)."""
    if not 2 <= len(ids) <= MAX_GROUP:
        return []
    ordered = sorted(ids)
    return [(a << 128) | b for a, b in itertools.combinations(ordered, 2)]


def _most_certain(pairs: dict[int, int], scores: dict[int, int], count: int) -> list[tuple[int, int]]:
    """The `count` pairs of highest score; among equal scores, the first found (what a stable sort
    keeps: the finder's order never depended on anything else). One pass, no sort of millions."""
    per_score: dict[int, int] = {}
    for mask, n in collections.Counter(pairs.values()).items():
        per_score[scores[mask]] = per_score.get(scores[mask], 0) + n
    threshold, above = 0, 0
    for score in sorted(per_score, reverse=True):
        if above + per_score[score] >= count:
            threshold = score
            break
        above += per_score[score]
    room = count - above
    best: list[tuple[int, int]] = []
    for key, mask in pairs.items():
        score = scores[mask]
        if score > threshold:
            best.append((key, mask))
        elif score == threshold and room > 0:
            best.append((key, mask))
            room -= 1
    return best


def _check(token: Any) -> None:
    if token is not None and getattr(token, "cancelled", False):
        raise ScanCancelledError("duplicates scan cancelled")
