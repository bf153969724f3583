"""Full-text search behind one interface: SQLite FTS5 or PostgreSQL text search.

Both backends index `party.search_doc`, a plain string of accent-free lower-case words
written by the contacts service, and match every typed word as a word prefix, on live
(not trashed) parties. SQLite keeps an external-content FTS5 table over the live parties
with 2- and 3-letter prefix indexes (`party_fts`, kept by triggers); PostgreSQL keeps a
stored `search_tsv` tsvector column with a partial GIN index. Both are created by the
migrations. The trash, small by nature, is searched with LIKE on the same words.

Sorted first pages: a short prefix ("ma") matches a sixth of a million contacts, and
sorting all of them to show fifty costs hundreds of milliseconds. On SQLite, when the FTS
index says the matches are many, the query walks the sort column's index instead and keeps
the rows that match (the first fifty come after a few hundred index entries); when they are
few, it sorts them. PostgreSQL's planner makes the same choice itself from the tsvector
column's statistics.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from typing import Any

from sqlalchemy import ColumnElement, Select, Uuid, and_, cast, column, func, literal, literal_column, select, text
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from ekocrm_desktop.db.textnorm import words
from ekocrm_desktop.models.party import Party

MAX_TERMS = 8
#: Above this many matches, walking the sort index beats sorting the matches (measured on 1M rows).
DENSE_MATCHES = 12_000
#: PostgreSQL under row-level security: from this many visible matches, walking the sort index
#: and testing each row finds the first page sooner than fetching every match (measured on 100k).
WALK_MATCHES = 3_000
_COUNT_CACHE_SECONDS = 5.0

AnySelect = Select[*tuple[Any, ...]]


def query_terms(query: str) -> list[str]:
    """The words of a typed query that search uses (empty: no text filter)."""
    return words(query)[:MAX_TERMS]


def _trash_condition(terms: list[str]) -> ColumnElement[bool]:
    """Every term is the start of a word of search_doc, tested row by row (no index: for the
    trash, which is small, and for walks of a sort index on SQLite)."""
    # Terms are [0-9a-z]+ after folding: no LIKE wildcard or escape character can appear.
    padded = literal(" ") + Party.search_doc
    return and_(*(padded.like(f"% {term}%") for term in terms))


class SearchBackend(ABC):
    """Turns typed text into conditions on `Party`."""

    @abstractmethod
    def live_condition(self, terms: list[str], *, walk: bool = False) -> ColumnElement[bool]:
        """Condition selecting live parties whose words start with every term.

        `walk` asks for a condition that does not drive the query, so that the planner walks
        the sort column's index and tests each row (see the module docstring).
        """

    def party_condition(self, query: str, *, trash: bool = False, walk: bool = False) -> ColumnElement[bool] | None:
        """Condition for typed text, or None when nothing was typed."""
        terms = query_terms(query)
        if not terms:
            return None
        return _trash_condition(terms) if trash else self.live_condition(terms, walk=walk)

    def restrict(self, stmt: AnySelect, query: str, *, trash: bool = False, walk: bool = False) -> AnySelect:
        """`stmt` (a select from party) narrowed to the parties matching `query`."""
        condition = self.party_condition(query, trash=trash, walk=walk)
        return stmt if condition is None else stmt.where(condition)

    def prefers_walk(self, session: Session, query: str) -> bool:
        """Whether a sorted page of `query` is faster walking the sort index than sorting matches."""
        return False

    def count_live_matches(self, session: Session, query: str) -> int | None:
        """Exact count of live parties matching `query` straight from the index, or None if the
        backend has no such shortcut."""
        return None

    def before_walk(self, session: Session) -> None:
        """Prepare `session`'s transaction for a query built with `walk=True` (nothing by default)."""
        return None

    def detect_row_security(self, session: Session) -> bool:
        """Learn whether row-level security applies to the connected role (PostgreSQL team logins)."""
        return False


class SqliteFtsSearch(SearchBackend):
    """FTS5 prefix queries on `party_fts`."""

    def __init__(self) -> None:
        #: Matches above which a sorted page walks the sort index (tests lower it).
        self.dense_matches = DENSE_MATCHES
        self._counts: dict[str, tuple[float, int]] = {}

    @staticmethod
    def _match(terms: list[str]) -> str:
        # Terms are [0-9a-z]+ after folding, so quoting cannot be escaped from.
        return " ".join(f'"{t}"*' for t in terms)

    def _hits(self, terms: list[str]) -> TextClause:
        return text("SELECT rowid FROM party_fts WHERE party_fts MATCH :fts_match").bindparams(
            fts_match=self._match(terms)
        )

    def restrict(self, stmt: AnySelect, query: str, *, trash: bool = False, walk: bool = False) -> AnySelect:
        terms = query_terms(query)
        if not terms or trash or walk:
            return super().restrict(stmt, query, trash=trash, walk=walk)
        # A join, not `search_key IN (matches)`: SQLite materialises an IN list before the first
        # row comes (a quarter of a million rowids for "ma"), while the join streams from the
        # index, so the first fifty hits of any prefix come in about a millisecond.
        hits = self._hits(terms).columns(column("rowid")).subquery("fts_hits")
        return stmt.join(hits, Party.search_key == hits.c.rowid)

    def live_condition(self, terms: list[str], *, walk: bool = False) -> ColumnElement[bool]:
        if walk:
            # Each row's own words, tested as the sort column's index is walked: a dense prefix
            # finds fifty matches within a few hundred rows. Testing membership in the match set
            # instead first materialised it (840,000 rowids for "fr": 120 ms before any row).
            # search_doc is the folded words joined by spaces, which is what FTS5 tokenises.
            return _trash_condition(terms)
        return Party.search_key.in_(self._hits(terms).columns(column("rowid")))

    def count_live_matches(self, session: Session, query: str) -> int | None:
        terms = query_terms(query)
        if not terms:
            return None
        statement = text("SELECT count(*) FROM party_fts WHERE party_fts MATCH :m")
        return int(session.execute(statement, {"m": self._match(terms)}).scalar_one())

    def prefers_walk(self, session: Session, query: str) -> bool:
        # The count only chooses a plan, so a few seconds' old figure is good enough: scrolling
        # through a result does not count it again for every page.
        terms = query_terms(query)
        if not terms:
            return False
        match = self._match(terms)
        now = time.monotonic()
        cached = self._counts.get(match)
        if cached is None or now - cached[0] > _COUNT_CACHE_SECONDS:
            # Counted up to the threshold only: the FTS index streams its matches, and counting
            # all 840,000 of "fr" took longer than the walk that follows.
            capped = text("SELECT count(*) FROM (SELECT 1 FROM party_fts WHERE party_fts MATCH :m LIMIT :cap)")
            dense = int(session.execute(capped, {"m": match, "cap": self.dense_matches + 1}).scalar_one())
            cached = (now, dense)
            if len(self._counts) > 256:
                self._counts.clear()
            self._counts[match] = cached
        return cached[1] > self.dense_matches


class PostgresTextSearch(SearchBackend):
    """`search_tsv @@ 'ma:* & dup:*'::tsquery` on the stored tsvector column.

    Under row-level security (a team member's own login, issue 4) PostgreSQL may not use an
    index for a non-leakproof operator such as `@@` in the caller's query: it would test every
    row. There the matches come from `ekocrm_search_party` (migration 0005), which searches
    with the index as the tables' owner and applies the same visibility rules for the
    logged-in person; the caller's query, joined with it, passes the policies again.
    """

    def __init__(self) -> None:
        #: Whether row-level security applies to the connected role (learnt by `detect_row_security`).
        self.row_security = False
        #: Visible matches from which a sorted page walks the sort index (tests lower it).
        self.walk_matches = WALK_MATCHES
        self._dense: dict[str, tuple[float, bool]] = {}

    def detect_row_security(self, session: Session) -> bool:
        self.row_security = bool(session.execute(text("SELECT row_security_active('party')")).scalar())
        return self.row_security

    def live_condition(self, terms: list[str], *, walk: bool = False) -> ColumnElement[bool]:
        # Without row-level security the planner picks the walk itself from the tsvector
        # column's statistics. Under it, a walk tests each row's words as a plain filter (after
        # the policies, no index needed); otherwise the matches come from the owner's function.
        tsquery = _tsquery(terms)
        if self.row_security and not walk:
            return Party.id.in_(select(self._visible_matches(tsquery).c.id))
        # A PostgreSQL-only generated column (migration 0002b), unknown to the ORM model.
        vector: ColumnElement[Any] = literal_column("party.search_tsv")
        # The stored vector holds search_doc's words as they are (migration 0026): the typed
        # words are lexemes too, not text for the parser (which would split "12e4x").
        return vector.bool_op("@@")(cast(literal(tsquery), TSQUERY))

    def count_live_matches(self, session: Session, query: str) -> int | None:
        terms = query_terms(query)
        if not terms or not self.row_security:
            return None
        return self._count_visible(session, _tsquery(terms), None)

    def prefers_walk(self, session: Session, query: str) -> bool:
        # Only under row-level security: the match set comes from a function the planner cannot
        # see into, so a dense prefix ("ma": a sixth of the contacts) would be fetched whole,
        # joined and sorted. "At least WALK_MATCHES?" is cheap to ask and cached a few seconds.
        terms = query_terms(query)
        if not terms or not self.row_security:
            return False
        tsquery = _tsquery(terms)
        now = time.monotonic()
        cached = self._dense.get(tsquery)
        if cached is None or now - cached[0] > _COUNT_CACHE_SECONDS:
            cached = (now, self._count_visible(session, tsquery, self.walk_matches) >= self.walk_matches)
            if len(self._dense) > 256:
                self._dense.clear()
            self._dense[tsquery] = cached
        return cached[1]

    def before_walk(self, session: Session) -> None:
        if self.row_security:
            # The policies' conditions make the planner believe few rows match, so it would read
            # the whole table and sort it; the walk must follow the sort column's index instead.
            session.execute(text("SET LOCAL enable_sort = off"))

    @staticmethod
    def _count_visible(session: Session, tsquery: str, cap: int | None) -> int:
        statement = select(func.ekocrm_count_party_matches(tsquery, cap))
        return int(session.execute(statement).scalar_one())

    @staticmethod
    def _visible_matches(tsquery: str) -> Any:
        return func.ekocrm_search_party(tsquery).table_valued(column("id", Uuid()), name="search_hits")


def _tsquery(terms: list[str]) -> str:
    # Terms are [0-9a-z]+ after folding: nothing in them has a meaning in a tsquery.
    return " & ".join(f"{t}:*" for t in terms)


def search_backend(dialect: str) -> SearchBackend:
    """The search backend for a database dialect."""
    if dialect == "sqlite":
        return SqliteFtsSearch()
    if dialect == "postgresql":
        return PostgresTextSearch()
    raise ValueError(f"no search backend for {dialect}")
