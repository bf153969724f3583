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

import dataclasses
import heapq
import itertools
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import and_, func, literal, or_, select
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
        (ScanCancelledError). Each step is one grouped SQL query; only the `MAX_PAIRS` most
        certain pairs are detailed and returned (`total` says how many were found).
        """
        steps: list[tuple[str, Callable[[Session], Iterable[tuple[tuple[UUID, UUID], str]]]]] = [
            ("emails", self._same_emails),
            ("phones", self._same_phones),
            ("names", self._same_names),
            ("similar", self._similar_names),
        ]
        total = len(steps) + 1
        # Reasons as bits: a million-row workspace can yield hundreds of thousands of pairs.
        bits = {reason: 1 << i for i, reason in enumerate(WEIGHTS)}
        pairs: dict[tuple[UUID, UUID], int] = {}
        with self._db.session() as session:
            for done, (label, step) in enumerate(steps):
                _check(token)
                if report is not None:
                    report(done, total, label)
                for count, (key, reason) in enumerate(step(session)):
                    pairs[key] = pairs.get(key, 0) | bits[reason]
                    if count % 5000 == 0:
                        _check(token)
            _check(token)
            if report is not None:
                report(len(steps), total, "details")
            for first_id, second_id in session.execute(
                select(DuplicateDismissal.first_id, DuplicateDismissal.second_id)
            ):
                pairs.pop(pair_key(first_id, second_id), None)
            reasons_of = {
                mask: tuple(r for r in WEIGHTS if mask & bits[r]) for mask in set(pairs.values())
            }  # WEIGHTS is ordered strongest first
            scores = {mask: score_of(reasons) for mask, reasons in reasons_of.items()}
            best = heapq.nlargest(MAX_PAIRS, pairs.items(), key=lambda item: scores[item[1]])
            summaries = self._summaries(session, {i for key, _mask in best for i in key}, token)
        result = [
            DuplicatePair(first=summaries[a], second=summaries[b], score=scores[mask], reasons=reasons_of[mask])
            for (a, b), mask in best
            if a in summaries and b in summaries and summaries[a].kind == summaries[b].kind
        ]
        # The finder's order: most certain first, then by name so a list reads alphabetically.
        result.sort(key=lambda p: (-p.score, sort_key(p.first.display_name), str(p.first.id), str(p.second.id)))
        if report is not None:
            report(total, total, "")
        return DuplicateScan(result, len(pairs))

    def _grouped_pairs(
        self, session: Session, rows: Iterable[Any], reason: str
    ) -> Iterable[tuple[tuple[UUID, UUID], str]]:
        """Pairs within each group of rows `(group key, party id)` sorted by key."""
        for _key, group in itertools.groupby(rows, key=lambda r: r[0]):
            ids = sorted({r[1] for r in group}, key=str)
            if 2 <= len(ids) <= MAX_GROUP:
                for a, b in itertools.combinations(ids, 2):
                    yield pair_key(a, b), reason

    def _crowded(self, session: Session, key: Any, party_id: Any, source: Any, *conditions: Any) -> Iterable[Any]:
        """(key, party id) rows of the groups of 2 to MAX_GROUP live parties sharing `key`, grouped.

        One pass: a window count per key (no self-join), then only the small groups are read.
        """
        inner = (
            select(key.label("k"), party_id.label("pid"), func.count().over(partition_by=key).label("n"))
            .select_from(source)
            .where(Party.deleted_at.is_(None), *conditions)
            .subquery()
        )
        stmt = select(inner.c.k, inner.c.pid).where(inner.c.n.between(2, MAX_GROUP)).order_by(inner.c.k)
        return session.execute(stmt)

    def _same_emails(self, session: Session) -> Iterable[tuple[tuple[UUID, UUID], str]]:
        # GROUP BY walks the address index; a window count over the join would sort everything.
        key = func.lower(PartyEmail.address)
        crowded = (
            select(key.label("k"))
            .join(Party, Party.id == PartyEmail.party_id)
            .where(Party.deleted_at.is_(None))
            .group_by(key)
            .having(func.count(func.distinct(PartyEmail.party_id)).between(2, MAX_GROUP))
            .subquery()
        )
        stmt = (
            select(key, PartyEmail.party_id)
            .join(Party, Party.id == PartyEmail.party_id)
            .where(Party.deleted_at.is_(None), key.in_(select(crowded.c.k)))
            .order_by(key)
        )
        return self._grouped_pairs(session, session.execute(stmt), REASON_EMAIL)

    def _same_phones(self, session: Session) -> Iterable[tuple[tuple[UUID, UUID], str]]:
        crowded = (
            select(PartyPhone.number)
            .join(Party, Party.id == PartyPhone.party_id)
            .where(Party.deleted_at.is_(None))
            .group_by(PartyPhone.number)
            .having(func.count(func.distinct(PartyPhone.party_id)).between(2, MAX_GROUP))
            .subquery()
        )
        stmt = (
            select(PartyPhone.number, PartyPhone.party_id)
            .join(Party, Party.id == PartyPhone.party_id)
            .where(Party.deleted_at.is_(None), PartyPhone.number.in_(select(crowded.c.number)))
            .order_by(PartyPhone.number)
        )
        return self._grouped_pairs(session, session.execute(stmt), REASON_PHONE)

    def _same_names(self, session: Session) -> Iterable[tuple[tuple[UUID, UUID], str]]:
        """Same folded name at the same organisation, in the same city, or (organisations) anywhere."""
        separator = literal("\x1f")  # no folded name or key contains it
        for column, reason, condition in (
            (Party.organisation_key, REASON_NAME_ORGANISATION, Party.organisation_key != ""),
            (Party.city_key, REASON_NAME_CITY, Party.city_key != ""),
            (Party.kind, REASON_NAME, Party.kind == PartyKind.ORGANISATION.value),
        ):
            key = Party.kind + separator + Party.sort_name + separator + column
            rows = self._crowded(session, key, Party.id, Party.__table__, Party.sort_name != "", condition)
            yield from self._grouped_pairs(session, rows, reason)

    def _similar_names(self, session: Session) -> Iterable[tuple[tuple[UUID, UUID], str]]:
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
            select(Party.organisation_key, prefix, Party.id, Party.first_name, Party.last_name, Party.sort_name)
            .join(groups, and_(groups.c.organisation_key == Party.organisation_key, groups.c.p == prefix))
            .where(live, person)
            .order_by(Party.organisation_key, prefix)
        )
        for _key, group in itertools.groupby(session.execute(stmt), key=lambda r: (r[0], r[1])):
            people = list(group)
            for a, b in itertools.combinations(people, 2):
                if a.sort_name == b.sort_name:
                    continue  # the same name: found by _same_names
                if close_person_names(a.first_name or "", a.last_name or "", b.first_name or "", b.last_name or ""):
                    yield pair_key(a.id, b.id), REASON_SIMILAR_NAME_ORGANISATION

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


def _check(token: Any) -> None:
    if token is not None and getattr(token, "cancelled", False):
        raise ScanCancelledError("duplicates scan cancelled")
