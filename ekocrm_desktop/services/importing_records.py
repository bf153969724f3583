"""Imports of members with their subscriptions, and of articles (issue 8).

Both follow the contacts import's contract: the same plan serves the dry run and the run,
every data row ends as exactly one of created, updated, skipped or error, and a run is one
batch that undo takes back. Member files and catalogues are small (thousands of rows, not
millions), so the whole plan is kept and written in one transaction: a crash leaves nothing.

Members: the person is matched or created exactly as a contacts row (same fields, same
matching key and on-match policy); the subscription then follows the membership rules
(type by name or category, period from the type's duration, a paid subscription needs a
payment method and takes a receipt number, paid periods never overlap) and makes the person
a member from the period's start. A person already holding that subscription is skipped, so
importing the same file twice changes nothing.

Articles: matched on their code (case and spaces ignored).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, select, tuple_, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.db.textnorm import fold
from ekocrm_desktop.models.domains import Article, ChoiceListKey, DealLine
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.exchange import ImportBatch, ImportBatchItem, ImportBatchRecord, PartyExternalId
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.membership import MembershipType, ReceiptCounter, Subscription
from ekocrm_desktop.models.party import Party, PartyRole
from ekocrm_desktop.services import paging
from ekocrm_desktop.services.articles import ARTICLE, ArticleDraft, ArticleService, read_choices
from ekocrm_desktop.services.contacts import PARTY
from ekocrm_desktop.services.errors import denied
from ekocrm_desktop.services.importing import (
    ImportCancelledError,
    ImportOptions,
    ImportResult,
    ImportService,
    RowIssue,
    RowOutcome,
    _ErrorsWriter,
    _load_parties,
    _Planner,
    _Tally,
    add_external_ids,
    describe,
    draft_to_json,
)
from ekocrm_desktop.services.membership import MEMBERSHIP, SUBSCRIPTION, local_today, period_for, take_receipt_number
from ekocrm_desktop.services.tabular import SourceFile, SourceRow, parse_date

CENT = Decimal("0.01")
#: The text of `progress` reports while a plan is written (the reading reports "").
WRITE_STEP = "write"

#: Payment methods as files write them (folded), per stored code.
PAYMENT_WORDS = {
    "cash": ("especes", "espece", "liquide", "cash", "esp"),
    "cheque": ("cheque", "cheques", "chq", "check", "cheque bancaire"),
    "transfer": ("virement", "vir", "virement bancaire", "transfer", "bank transfer", "wire"),
    "card": ("carte", "cb", "carte bancaire", "card", "credit card", "carte bleue"),
    "direct_debit": ("prelevement", "prelevement sepa", "sepa", "direct debit", "debit"),
    "other": ("autre", "other", "helloasso", "paypal"),
}
_PAYMENT = {word: code for code, words in PAYMENT_WORDS.items() for word in (*words, code)}
#: Membership categories as files write them (folded).
CATEGORY_WORDS = {
    "active": ("actif", "active", "membre actif", "adherent"),
    "benefactor": ("bienfaiteur", "benefactor", "membre bienfaiteur"),
    "honorary": ("honoraire", "honorary", "membre d honneur", "d honneur"),
    "bureau": ("bureau", "board"),
    "youth": ("jeune", "jeunes", "youth", "etudiant", "student"),
    "other": ("autre", "other"),
}
_CATEGORY = {word: code for code, words in CATEGORY_WORDS.items() for word in (*words, code)}
_YES = {"oui", "o", "yes", "y", "1", "vrai", "true", "x", "actif", "active", "en vente", "disponible"}
_NO = {"non", "n", "no", "0", "faux", "false", "inactif", "inactive", "archive", "retire"}
_RECEIPT = re.compile(r"^(?:(\d{4})\s*[-/]\s*)?0*(\d{1,9})$")


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def parse_amount(text: str) -> Decimal | None:
    """An amount as French and English files write it: "1 234,56", "1234.5", "1.234,56 €"; None if unreadable."""
    value = text.strip()
    for junk in (" ", "\u00a0", "\u202f", "€", "EUR", "eur"):
        value = value.replace(junk, "")
    if "," in value and "." in value:
        # The last separator is the decimal one: "1.234,56" or "1,234.56".
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    else:
        value = value.replace(",", ".")
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_percent(text: str) -> Decimal | None:
    """A rate in percent: "20", "5,5 %", "20.00%"."""
    return parse_amount(text.replace("%", ""))


# ---------------------------------------------------------------------------- members
@dataclasses.dataclass(frozen=True)
class PlannedSubscription:
    """A subscription a members row records, once checked against the membership rules."""

    type_id: UUID
    period_start: dt.date
    period_end: dt.date
    amount: Decimal
    currency: str
    paid_on: dt.date | None
    payment_method: str
    #: (year, number) given in the file; None: the next number of the payment year (when paid).
    receipt: tuple[int, int] | None


@dataclasses.dataclass(frozen=True)
class _Type:
    id: UUID
    name: str
    category: str
    fee: Decimal
    currency: str
    duration: str
    active: bool


class MemberPlanner:
    """Turns members rows into outcomes: the person as a contacts row, then the subscription."""

    def __init__(self, service: ImportService, options: ImportOptions, headers: Sequence[str]) -> None:
        self.service = service
        self.db = service._db
        self.new_orgs: set[str] = set()
        self.people = _Planner(service, options, headers, self.new_orgs, repeats=True)
        self.today = local_today(self.db)()
        with self.db.session() as session:
            self.types = [
                _Type(t.id, t.name, t.category, Decimal(t.fee), t.currency, t.duration, t.is_active)
                for t in session.scalars(
                    select(MembershipType)
                    .where(MembershipType.deleted_at.is_(None))
                    .order_by(MembershipType.position, MembershipType.name)
                )
            ]
        self.by_name = {_words(t.name): t for t in self.types}
        #: Subscriptions this file records per party: (type, start, end, paid).
        self.in_file: dict[UUID, list[tuple[UUID, dt.date, dt.date, bool]]] = {}
        self.receipts: dict[tuple[int, int], int] = {}
        self.created: set[UUID] = set()

    def take_new_organisations(self) -> list[Any]:
        """Organisations the persons' rows need, to create first."""
        return self.people.take_new_organisations()

    def _type(self, text: str) -> tuple[_Type | None, RowIssue | None]:
        if not text:
            if len([t for t in self.types if t.active]) == 1:
                return next(t for t in self.types if t.active), None
            return None, RowIssue("type_missing", "membership_type")
        words = _words(text)
        found = self.by_name.get(words)
        if found is not None:
            return found, None
        category = _CATEGORY.get(words)
        candidates = [t for t in self.types if t.category == category and t.active] if category else []
        if len(candidates) == 1:
            return candidates[0], None
        if len(candidates) > 1:
            return None, RowIssue("type_ambiguous", "membership_type", text)
        return None, RowIssue("type_unknown", "membership_type", text)

    def _date(self, row: SourceRow, field: str, issues: list[RowIssue]) -> dt.date | None:
        text = self.people._one(row, field)
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            issues.append(RowIssue("date_invalid", field, text))
            return None

    def subscription(self, row: SourceRow) -> tuple[PlannedSubscription | None, list[RowIssue]]:
        """The row's subscription and what is wrong with it (checked without the database)."""
        issues: list[RowIssue] = []
        one = self.people._one
        kind, problem = self._type(one(row, "membership_type"))
        if problem is not None:
            issues.append(problem)
        start = self._date(row, "period_start", issues)
        end = self._date(row, "period_end", issues)
        paid_on = self._date(row, "paid_on", issues)
        if paid_on is not None and paid_on > self.today:
            issues.append(RowIssue("date_future", "paid_on", paid_on.isoformat()))
        amount_text = one(row, "amount")
        amount = kind.fee if kind is not None else Decimal("0")
        if amount_text:
            parsed = parse_amount(amount_text)
            if parsed is None or parsed < 0 or parsed >= Decimal("1e12") or parsed != parsed.quantize(CENT):
                issues.append(RowIssue("amount_invalid", "amount", amount_text))
            else:
                amount = parsed
        method_text = one(row, "payment_method")
        method = ""
        if method_text:
            method = _PAYMENT.get(_words(method_text), "")
            if not method:
                issues.append(RowIssue("payment_method_invalid", "payment_method", method_text))
        elif paid_on is not None and amount > 0:
            issues.append(RowIssue("payment_method_missing", "payment_method"))
        receipt: tuple[int, int] | None = None
        receipt_text = one(row, "receipt_number")
        if receipt_text:
            match = _RECEIPT.match(receipt_text.strip())
            if paid_on is None:
                issues.append(RowIssue("receipt_unpaid", "receipt_number", receipt_text))
            elif match is None or int(match.group(2)) == 0:
                issues.append(RowIssue("receipt_invalid", "receipt_number", receipt_text))
            else:
                receipt = (int(match.group(1) or paid_on.year), int(match.group(2)))
        if kind is None:
            return None, issues
        if start is None:
            if paid_on is None:
                if not any(i.field in ("period_start", "paid_on") for i in issues):
                    issues.append(RowIssue("period_missing", "period_start"))
                return None, issues
            # Only a payment date: the period it paid for starts then (1 January for a calendar year).
            start = paid_on
        start, rule_end = period_for(kind.duration, start)
        if end is not None and end < start:
            issues.append(RowIssue("period_invalid", "period_end", end.isoformat()))
        if issues:
            return None, issues
        return (
            PlannedSubscription(kind.id, start, end or rule_end, amount, kind.currency, paid_on, method, receipt),
            issues,
        )

    def chunk(self, rows: list[SourceRow]) -> list[tuple[RowOutcome, PlannedSubscription | None]]:
        """Outcomes of a chunk of rows, checked against the stored subscriptions."""
        people = self.people.outcomes(rows)
        planned = [self.subscription(row) for row in rows]
        known = {
            o.party_id
            for o in people
            if o.party_id is not None and o.action in ("update", "skip") and o.party_id not in self.created
        }
        stored: dict[UUID, list[tuple[UUID, dt.date, dt.date, bool]]] = {}
        wanted = {s.receipt for s, _i in planned if s is not None and s.receipt is not None}
        taken: set[tuple[int, int]] = set()
        with self.db.session() as session:
            if known:
                stmt = select(
                    Subscription.party_id,
                    Subscription.type_id,
                    Subscription.period_start,
                    Subscription.period_end,
                    Subscription.paid_on,
                ).where(Subscription.party_id.in_(known), Subscription.deleted_at.is_(None))
                for party_id, type_id, start, end, paid in session.execute(stmt):
                    stored.setdefault(party_id, []).append((type_id, start, end, paid is not None))
            if wanted:
                stmt2 = select(Subscription.receipt_year, Subscription.receipt_seq).where(
                    tuple_(Subscription.receipt_year, Subscription.receipt_seq).in_(list(wanted))
                )
                taken = {(int(r[0] or 0), int(r[1] or 0)) for r in session.execute(stmt2)}
        result: list[tuple[RowOutcome, PlannedSubscription | None]] = []
        for row, person, (sub, issues) in zip(rows, people, planned, strict=True):
            result.append(self._decide(row, person, sub, issues, stored, taken))
        return result

    def _decide(
        self,
        row: SourceRow,
        person: RowOutcome,
        sub: PlannedSubscription | None,
        issues: list[RowIssue],
        stored: dict[UUID, list[tuple[UUID, dt.date, dt.date, bool]]],
        taken: set[tuple[int, int]],
    ) -> tuple[RowOutcome, PlannedSubscription | None]:
        def error(*problems: RowIssue) -> tuple[RowOutcome, None]:
            return dataclasses.replace(person, action="error", issues=problems, draft=None, previous=None), None

        if person.action == "error":
            return error(*person.issues, *issues)
        if issues or sub is None:
            return error(*issues)
        if person.action == "skip" and any(i.code == "suppressed" for i in person.issues):
            return person, None
        assert person.party_id is not None
        party_id = person.party_id
        if person.action == "create":
            self.created.add(party_id)
        existing = [*stored.get(party_id, ()), *self.in_file.get(party_id, ())]
        if any(t == sub.type_id and s == sub.period_start for t, s, _e, _p in existing):
            already = RowIssue("subscription_exists", "period_start", sub.period_start.isoformat())
            if person.action in ("create", "update"):
                return person, None
            return dataclasses.replace(person, action="skip", issues=(already,)), None
        if sub.paid_on is not None:
            for _t, start, end, paid in existing:
                if paid and start <= sub.period_end and end >= sub.period_start:
                    overlap = RowIssue(
                        "period_overlap",
                        "period_start",
                        f"{start.isoformat()}/{end.isoformat()}",
                        (("start", start.isoformat()), ("end", end.isoformat())),
                    )
                    return error(overlap)
        if sub.receipt is not None:
            first = self.receipts.get(sub.receipt)
            if sub.receipt in taken or first is not None:
                return error(RowIssue("receipt_taken", "receipt_number", f"{sub.receipt[0]}-{sub.receipt[1]:04d}"))
            self.receipts[sub.receipt] = row.line
        self.in_file.setdefault(party_id, []).append(
            (sub.type_id, sub.period_start, sub.period_end, sub.paid_on is not None)
        )
        action = person.action if person.action in ("create", "update") else "update"
        return dataclasses.replace(person, action=action, issues=()), sub


def plan_members(
    service: ImportService,
    path: Path,
    options: ImportOptions,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[ImportResult, list[tuple[RowOutcome, PlannedSubscription | None]], list[Any], MemberPlanner]:
    """The dry run of a members file, and what a run writes (outcomes to write, organisations)."""
    source = SourceFile(path, options.read_options())
    info = source.info()
    planner = MemberPlanner(service, options, info.headers)
    tally = _Tally()
    writes: list[tuple[RowOutcome, PlannedSubscription | None]] = []
    organisations: list[Any] = []
    for done, chunk in enumerate(_chunks(source.rows(), 200), start=1):
        for outcome, sub in planner.chunk(chunk):
            tally.add(outcome)
            if outcome.action in ("create", "update"):
                writes.append((outcome, sub))
            elif outcome.action == "error":
                writes.append((outcome, None))
        organisations.extend(planner.take_new_organisations())
        if progress is not None:
            progress(done * 200, 0, "")
        if cancelled is not None and cancelled():
            raise ImportCancelledError("cancelled")
    # An organisation named only on rows that ended in error (a bad subscription) is not created.
    used = {a.organisation_id for o, _s in writes if o.action != "error" and o.draft for a in o.draft.affiliations}
    organisations = [o for o in organisations if o.id in used]
    return tally.result(info, len(organisations)), writes, organisations, planner


def _chunks(rows: Iterator[SourceRow], size: int) -> Iterator[list[SourceRow]]:
    chunk: list[SourceRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Recorder:
    """What a run writes into its batch, in the run's own transaction."""

    def __init__(self, session: Session, batch_id: UUID) -> None:
        self.session = session
        self.batch_id = batch_id

    def record(self, entity: str, entity_id: UUID, action: str, version: int = 0, previous: Any = None) -> None:
        self.session.add(
            ImportBatchRecord(
                batch_id=self.batch_id,
                entity=entity,
                entity_id=entity_id,
                action=action,
                version_after=version,
                previous=previous,
            )
        )


class _WriteCheckpoint:
    """Progress and cancel between the rows of a write: a cancel raises, and the transaction
    around the write rolls back (nothing of the batch is written)."""

    #: Rows between two reports (a cancel is seen within this many rows).
    EVERY = 100

    def __init__(
        self, total: int, progress: Callable[[int, int, str], None] | None, cancelled: Callable[[], bool] | None
    ) -> None:
        self.total, self.progress, self.cancelled = total, progress, cancelled

    def __call__(self, done: int, *, report: bool = True) -> None:
        if done % self.EVERY:
            return
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelledError("cancelled")
        if report and self.progress is not None:
            self.progress(done, self.total, WRITE_STEP)


def write_members(
    service: ImportService,
    batch_id: UUID,
    options: ImportOptions,
    writes: list[tuple[RowOutcome, PlannedSubscription | None]],
    organisations: list[Any],
    *,
    errors_file: _ErrorsWriter | None,
    tally: _Tally,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Write a members plan in one transaction: organisations, people, member roles, subscriptions.

    `progress` hears (rows written, rows, WRITE_STEP); `cancelled` is asked between rows and a
    cancel leaves nothing written."""
    checkpoint = _WriteCheckpoint(len(writes), progress, cancelled)
    db = service._db
    contacts = service._contacts
    names: dict[UUID, str] = {o.id: o.draft.name for o in organisations}
    wanted = {a.organisation_id for o, _s in writes if o.draft for a in o.draft.affiliations} - names.keys()
    names.update(service._organisation_names(wanted))
    try:
        with db.write_session() as session:
            recorder = _Recorder(session, batch_id)
            parties: dict[UUID, tuple[Party, str, Any]] = {}
            for org in organisations:
                party = Party(id=org.id, kind=org.draft.kind)
                session.add(party)
                contacts._apply(session, party, org.draft, org_names=names)
                parties[org.id] = (party, "created", None)
            updates = [o.party_id for o, _s in writes if o.action == "update" and o.draft is not None]
            loaded = {p.id: p for p in session.scalars(_load_parties([i for i in updates if i is not None]))}
            # Receipts given in the file come first: numbers taken for the others follow them.
            years: dict[int, int] = {}
            for _o, sub in writes:
                if sub is not None and sub.receipt is not None:
                    years[sub.receipt[0]] = max(years.get(sub.receipt[0], 0), sub.receipt[1])
            for year, last in years.items():
                _raise_counter(session, year, last)
            subscriptions: list[tuple[UUID, PlannedSubscription]] = []
            external_ids: list[tuple[UUID, str]] = []
            for done, (outcome, sub) in enumerate(writes):
                checkpoint(done)
                if outcome.action == "error":
                    if errors_file is not None:
                        errors_file.write(outcome)
                    continue
                assert outcome.party_id is not None
                party_id = outcome.party_id
                if outcome.action == "create" and party_id not in parties:
                    assert outcome.draft is not None
                    party = Party(id=party_id, kind=outcome.draft.kind)
                    session.add(party)
                    contacts._apply(session, party, outcome.draft, org_names=names)
                    parties[party_id] = (party, "created", None)
                    if outcome.external_id:
                        external_ids.append((party_id, outcome.external_id))
                elif outcome.draft is not None and party_id not in parties:
                    current = loaded.get(party_id)
                    if current is None or current.version != outcome.version or current.deleted_at is not None:
                        failed = dataclasses.replace(
                            outcome, action="error", issues=(RowIssue("changed_meanwhile"),), draft=None
                        )
                        tally.replace(outcome, failed)
                        if errors_file is not None:
                            errors_file.write(failed)
                        continue
                    contacts._apply(session, current, outcome.draft, org_names=names)
                    current.updated_at = db.clock()
                    previous = (
                        {**draft_to_json(outcome.previous), "version_before": outcome.version}
                        if outcome.previous
                        else None
                    )
                    parties[party_id] = (current, "updated", previous)
                    if outcome.external_id:
                        external_ids.append((party_id, outcome.external_id))
                if sub is not None:
                    subscriptions.append((party_id, sub))
            # The parties first, in one flush (external ids and subscriptions only point at them:
            # the flush cannot order them by itself), then the external ids, subscriptions and roles
            # in file order (the receipt numbers follow it). A flush a row was most of the time.
            session.flush()
            add_external_ids(session, batch_id, options.external_source, external_ids)
            # Their roles in a query a slice (held here: the identity map keeps objects weakly).
            with_roles = [
                party
                for part in paging.slices(list(dict.fromkeys(party_id for party_id, _sub in subscriptions)))
                for party in session.scalars(select(Party).where(Party.id.in_(part)).options(selectinload(Party.roles)))
            ]
            for done, (party_id, sub) in enumerate(subscriptions):
                checkpoint(done, report=False)  # a cancel is still heard; the bar stays where the rows ended
                written = parties.get(party_id)
                _record_subscription(
                    session,
                    recorder,
                    party_id,
                    sub,
                    party=written[0] if written is not None else None,
                    created=written is not None,
                    now=db.clock(),
                )
            session.flush()
            del with_roles
            for party_id, (party, action, previous) in parties.items():
                session.add(
                    ImportBatchItem(
                        batch_id=batch_id,
                        party_id=party_id,
                        action=action,
                        version_after=party.version,
                        previous=previous,
                    )
                )
            session.commit()
    except DBAPIError as exc:
        raise denied(exc) or exc from None


def _raise_counter(session: Session, year: int, last: int) -> None:
    """Make the year's receipt counter at least `last`, so numbers taken later never collide."""
    # Taking a number creates the counter when needed and locks it; the number is given back
    # just below, where the counter ends at the highest number in use.
    take_receipt_number(session, year)
    current = session.scalar(select(ReceiptCounter.last_number).where(ReceiptCounter.year == year)) or 0
    used = session.scalar(select(func.max(Subscription.receipt_seq)).where(Subscription.receipt_year == year)) or 0
    session.execute(
        update(ReceiptCounter)
        .where(ReceiptCounter.year == year)
        .values(last_number=max(current - 1, last, int(used)))
        .execution_options(synchronize_session=False)
    )


def _record_subscription(
    session: Session,
    recorder: _Recorder,
    party_id: UUID,
    sub: PlannedSubscription,
    *,
    party: Party | None,
    created: bool,
    now: dt.datetime,
) -> None:
    """Add a subscription and its member role. `party`: the party as this write holds it (its
    roles loaded), else it is read. Nothing is flushed here (the caller flushes in steps)."""
    row = Subscription(
        id=uuid7(),
        version=1,
        party_id=party_id,
        type_id=sub.type_id,
        period_start=sub.period_start,
        period_end=sub.period_end,
        amount=sub.amount,
        currency=sub.currency,
        paid_on=sub.paid_on,
        payment_method=sub.payment_method,
    )
    if sub.paid_on is not None:
        if sub.receipt is not None:
            row.receipt_year, row.receipt_seq = sub.receipt
        else:
            row.receipt_year = sub.paid_on.year
            with session.no_autoflush:  # the counter's own statement: nothing pending is needed
                row.receipt_seq = take_receipt_number(session, sub.paid_on.year)
    session.add(row)
    recorder.record("subscription", row.id, "created", row.version)
    if party is None:
        party = session.scalars(select(Party).where(Party.id == party_id).options(selectinload(Party.roles))).one()
    with session.no_autoflush:  # the roles are loaded; this row's objects go with the next flush
        _member_role(recorder, party, sub, created=created, now=now)


def _member_role(
    recorder: _Recorder, party: Party, sub: PlannedSubscription, *, created: bool, now: dt.datetime
) -> None:
    """The member role, as MembershipService.record gives it (joining, rejoining, an earlier start)."""
    for role in party.roles:
        if role.role == RoleKind.MEMBER.value and (role.until is None or role.until >= sub.period_start):
            if role.since > sub.period_start:
                if not created:
                    recorder.record("party_role", role.id, "updated", previous={"since": role.since.isoformat()})
                role.since = sub.period_start
                party.updated_at = now
            return
    role = PartyRole(id=uuid7(), role=RoleKind.MEMBER.value, since=sub.period_start)
    party.roles.append(role)
    party.updated_at = now
    if not created:
        recorder.record("party_role", role.id, "created")


# ---------------------------------------------------------------------------- articles
class ArticlePlanner:
    """Turns article rows into outcomes; matched on the code."""

    def __init__(self, service: ImportService, options: ImportOptions, headers: Sequence[str]) -> None:
        self.db = service._db
        self.options = options
        self.articles = ArticleService(self.db)
        self.columns: dict[str, list[int]] = {}
        for index, header in enumerate(headers):
            field = options.mapping.get(header, "")
            if field:
                self.columns.setdefault(field, []).append(index)
        with self.db.session() as session:
            choices = read_choices(session, ChoiceListKey.ARTICLE_CATEGORY.value)
        self.categories = {_words(label): code for code, label in choices} | {_words(c): c for c, _l in choices}
        self.seen: dict[str, int] = {}

    def _one(self, row: SourceRow, field: str) -> str:
        for index in self.columns.get(field, ()):
            value = row.values[index].strip()
            if value:
                return value
        return ""

    def _draft(self, row: SourceRow) -> tuple[dict[str, Any], list[RowIssue]]:
        issues: list[RowIssue] = []
        values: dict[str, Any] = {}
        code = "".join(self._one(row, "code").split()).upper()
        name = " ".join(self._one(row, "name").split())
        if not code:
            issues.append(RowIssue("code_missing", "code"))
        elif len(code) > 40:
            issues.append(RowIssue("too_long", "code", code[:40]))
        values["code"] = code
        if name:
            if len(name) > 200:
                issues.append(RowIssue("too_long", "name", name[:40]))
            values["name"] = name
        category = self._one(row, "category")
        if category:
            values["category"] = self.categories.get(_words(category), category)[:60]
        price = self._one(row, "unit_price")
        if price:
            amount = parse_amount(price)
            if amount is None or amount < 0 or amount >= Decimal("1e12") or amount != amount.quantize(CENT):
                issues.append(RowIssue("amount_invalid", "unit_price", price))
            else:
                values["unit_price"] = amount.quantize(CENT)
        rate_text = self._one(row, "vat_rate")
        if rate_text:
            rate = parse_percent(rate_text)
            if rate is None or not Decimal(0) <= rate <= Decimal(100) or rate != rate.quantize(CENT):
                issues.append(RowIssue("vat_rate_invalid", "vat_rate", rate_text))
            else:
                values["vat_rate"] = rate.quantize(CENT)
        active = self._one(row, "active")
        if active:
            word = _words(active)
            if word in _YES:
                values["active"] = True
            elif word in _NO:
                values["active"] = False
            else:
                issues.append(RowIssue("active_invalid", "active", active))
        description = self._one(row, "description")
        if description:
            values["description"] = description
        return values, issues

    def chunk(self, rows: list[SourceRow]) -> list[tuple[RowOutcome, dict[str, Any], dict[str, Any] | None]]:
        """(outcome, values from the file, the stored article's values) per row."""
        staged = [
            (row, *self._draft(row))
            if not (row.problem and row.problem != "short")
            else (row, {}, [RowIssue(row.problem)])
            for row in rows
        ]
        codes = {v["code"] for _r, v, issues in staged if not issues and v.get("code")}
        stored: dict[str, Article] = {}
        if codes:
            with self.db.session() as session:
                for found in session.scalars(select(Article).where(func.upper(Article.code).in_(codes))):
                    stored[found.code.upper()] = found
                    session.expunge(found)
        out: list[tuple[RowOutcome, dict[str, Any], dict[str, Any] | None]] = []
        for row, values, issues in staged:
            label = " — ".join(p for p in (values.get("code", ""), values.get("name", "")) if p)
            if issues:
                out.append((RowOutcome(row.number, row.line, "error", row.values, label, tuple(issues)), values, None))
                continue
            code = values["code"]
            first = self.seen.get(code)
            if first is not None:
                issue = RowIssue("duplicate_in_file", params=(("line", str(first)),))
                out.append((RowOutcome(row.number, row.line, "error", row.values, label, (issue,)), values, None))
                continue
            self.seen[code] = row.line
            article = stored.get(code)
            if article is None:
                if "name" not in values:
                    issue = RowIssue("name_missing", "name")
                    out.append((RowOutcome(row.number, row.line, "error", row.values, label, (issue,)), values, None))
                    continue
                out.append((RowOutcome(row.number, row.line, "create", row.values, label, (), uuid7()), values, None))
                continue
            current = _article_values(article)
            if self.options.on_match == "skip" or article.deleted_at is not None:
                issue = RowIssue("exists")
                out.append(
                    (RowOutcome(row.number, row.line, "skip", row.values, label, (issue,), article.id), values, None)
                )
                continue
            merged = dict(current)
            for field, value in values.items():
                if field == "code":
                    continue
                if self.options.on_match == "overwrite" or current.get(field) in ("", None):
                    merged[field] = value
            if merged == current:
                issue = RowIssue("unchanged")
                out.append(
                    (RowOutcome(row.number, row.line, "skip", row.values, label, (issue,), article.id), values, None)
                )
                continue
            outcome = RowOutcome(
                row.number, row.line, "update", row.values, label, (), article.id, version=article.version
            )
            out.append((outcome, merged, current))
        return out


def _article_values(article: Article) -> dict[str, Any]:
    return {
        "code": article.code,
        "name": article.name,
        "category": article.category,
        "unit_price": Decimal(article.unit_price).quantize(CENT),
        "vat_rate": Decimal(article.vat_rate).quantize(CENT),
        "active": bool(article.active),
        "description": article.description,
    }


def _json_values(values: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def plan_articles(
    service: ImportService,
    path: Path,
    options: ImportOptions,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[ImportResult, list[tuple[RowOutcome, dict[str, Any], dict[str, Any] | None]]]:
    """The dry run of an articles file, and the rows a run writes."""
    source = SourceFile(path, options.read_options())
    info = source.info()
    planner = ArticlePlanner(service, options, info.headers)
    tally = _Tally()
    writes: list[tuple[RowOutcome, dict[str, Any], dict[str, Any] | None]] = []
    for done, chunk in enumerate(_chunks(source.rows(), 200), start=1):
        for outcome, values, current in planner.chunk(chunk):
            tally.add(outcome)
            if outcome.action in ("create", "update", "error"):
                writes.append((outcome, values, current))
        if progress is not None:
            progress(done * 200, 0, "")
        if cancelled is not None and cancelled():
            raise ImportCancelledError("cancelled")
    return tally.result(info, 0), writes


def write_articles(
    service: ImportService,
    batch_id: UUID,
    writes: list[tuple[RowOutcome, dict[str, Any], dict[str, Any] | None]],
    *,
    errors_file: _ErrorsWriter | None,
    tally: _Tally,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Write an articles plan in one transaction, each row recorded in the batch (`progress`
    and `cancelled` as for `write_members`)."""
    articles = ArticleService(service._db)
    checkpoint = _WriteCheckpoint(len(writes), progress, cancelled)
    try:
        with service._db.write_session() as session:
            recorder = _Recorder(session, batch_id)
            ids = [o.party_id for o, _v, _c in writes if o.action == "update" and o.party_id is not None]
            loaded = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(ids)))} if ids else {}
            for done, (outcome, values, current) in enumerate(writes):
                checkpoint(done)
                if outcome.action == "error":
                    if errors_file is not None:
                        errors_file.write(outcome)
                    continue
                assert outcome.party_id is not None
                if outcome.action == "create":
                    draft = ArticleDraft(**{k: v for k, v in values.items() if k in ArticleDraft.__dataclass_fields__})
                    clean, _errors = articles.validate(dataclasses.replace(draft, code=values["code"]))
                    row = Article(id=outcome.party_id, currency="EUR")
                    _set_article(row, dataclasses.asdict(clean))
                    session.add(row)
                    session.flush()
                    recorder.record("article", row.id, "created", row.version)
                    continue
                stored_row = loaded.get(outcome.party_id)
                if stored_row is None or stored_row.version != outcome.version:
                    failed = dataclasses.replace(outcome, action="error", issues=(RowIssue("changed_meanwhile"),))
                    tally.replace(outcome, failed)
                    if errors_file is not None:
                        errors_file.write(failed)
                    continue
                _set_article(stored_row, values)
                session.flush()
                recorder.record("article", stored_row.id, "updated", stored_row.version, _json_values(current or {}))
            session.commit()
    except DBAPIError as exc:
        raise denied(exc) or exc from None


def _set_article(row: Article, values: dict[str, Any]) -> None:
    for field in ("code", "name", "category", "unit_price", "vat_rate", "active", "description"):
        if field in values:
            setattr(row, field, values[field])


# ---------------------------------------------------------------------------- run & undo
def run_records(
    service: ImportService,
    path: Path,
    options: ImportOptions,
    *,
    errors_path: Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    reason: Callable[[RowIssue], str] = describe,
) -> ImportResult:
    """Import a members or articles file as one batch (all rows in one transaction).

    A cancel, while the file is read or while the rows are written, leaves nothing written
    but the batch marked "cancelled"."""
    db = service._db
    source = SourceFile(path, options.read_options())
    info = source.info()
    batch_id = uuid7()
    with db.write_session() as session:
        session.add(
            ImportBatch(
                id=batch_id,
                file_name=path.name[:260],
                source_format=info.format,
                started_at=db.clock(),
                status="running",
                options={**options.to_json(), "encoding": info.encoding, "delimiter": info.delimiter},
            )
        )
        session.commit()
    errors_file = _ErrorsWriter(errors_path, info.headers, reason) if errors_path else None
    was_cancelled = False
    try:
        try:
            if options.target == "members":
                result, member_writes, organisations, _planner = plan_members(
                    service, path, options, progress=progress, cancelled=cancelled
                )
                tally = _tally_of(result)
                if cancelled is not None and cancelled():
                    raise ImportCancelledError("cancelled")
                write_members(
                    service,
                    batch_id,
                    options,
                    member_writes,
                    organisations,
                    errors_file=errors_file,
                    tally=tally,
                    progress=progress,
                    cancelled=cancelled,
                )
            else:
                result, article_writes = plan_articles(service, path, options, progress=progress, cancelled=cancelled)
                tally = _tally_of(result)
                if cancelled is not None and cancelled():
                    raise ImportCancelledError("cancelled")
                write_articles(
                    service,
                    batch_id,
                    article_writes,
                    errors_file=errors_file,
                    tally=tally,
                    progress=progress,
                    cancelled=cancelled,
                )
            result = dataclasses.replace(
                tally.result(info, result.organisations_created), organisations_created=result.organisations_created
            )
        except ImportCancelledError:
            was_cancelled = True
            result = _Tally().result(info, 0)
    finally:
        if errors_file is not None:
            errors_file.close()
    with db.write_session() as session:
        batch = session.get(ImportBatch, batch_id)
        assert batch is not None
        batch.finished_at = db.clock()
        batch.status = "cancelled" if was_cancelled else "done"
        batch.rows = result.rows
        batch.created_count = result.created
        batch.updated_count = result.updated
        batch.skipped_count = result.skipped
        batch.error_count = result.errors
        session.commit()
    kinds = (ARTICLE,) if options.target == "articles" else (PARTY, SUBSCRIPTION, MEMBERSHIP)
    db.announce(Changes.of(kinds[0], (), *kinds[1:], "import_batch"))
    return dataclasses.replace(
        result,
        batch_id=batch_id,
        cancelled=was_cancelled,
        errors_file=errors_path if errors_path and result.errors else None,
    )


def _tally_of(result: ImportResult) -> _Tally:
    tally = _Tally()
    tally.counts = {
        "create": result.created,
        "update": result.updated,
        "skip": result.skipped,
        "error": result.errors,
    }
    tally.kept = list(result.outcomes)
    return tally


def dry_run_records(
    service: ImportService,
    path: Path,
    options: ImportOptions,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """What a members or articles import would do; nothing is written."""
    if options.target == "members":
        return plan_members(service, path, options, progress=progress, cancelled=cancelled)[0]
    return plan_articles(service, path, options, progress=progress, cancelled=cancelled)[0]


@dataclasses.dataclass(frozen=True)
class RecordsUndo:
    """What undoing the non-party rows of a batch did."""

    removed: int
    restored: int
    refused: tuple[tuple[str, UUID], ...]


def undo_records(session: Session, batch_id: UUID) -> RecordsUndo:
    """Take back the articles, subscriptions, member roles and external ids a batch wrote.

    Runs in the caller's transaction, before the batch's parties are taken back. A row
    changed since the import (its version moved) is left as it is and listed. Rows are read
    and removed `paging.IN_LIST_SIZE` at a time, by Core statements: an ORM delete per row
    looked through every object of the session each time (5,000 members took 14 s to undo,
    and the time grew with the square of their number).
    """
    records = session.execute(
        select(
            ImportBatchRecord.entity,
            ImportBatchRecord.entity_id,
            ImportBatchRecord.action,
            ImportBatchRecord.version_after,
            ImportBatchRecord.previous,
        )
        .where(ImportBatchRecord.batch_id == batch_id)
        .order_by(ImportBatchRecord.id.desc())
    ).all()
    refused: list[tuple[str, UUID]] = []

    # Subscriptions: gone unless changed since; their receipt numbers may be free again.
    subscription_ids = [r.entity_id for r in records if r.entity == "subscription"]
    stored: dict[UUID, tuple[int, int | None]] = {}
    for part in paging.slices(subscription_ids):
        stored.update(
            (row.id, (row.version, row.receipt_year))
            for row in session.execute(
                select(Subscription.id, Subscription.version, Subscription.receipt_year).where(
                    Subscription.id.in_(part)
                )
            )
        )
    removable: list[UUID] = []
    years: set[int] = set()
    for record in records:
        if record.entity != "subscription" or record.entity_id not in stored:
            continue
        version, receipt_year = stored[record.entity_id]
        if version != record.version_after:
            refused.append(("subscription", record.entity_id))
            continue
        if receipt_year is not None:
            years.add(receipt_year)
        removable.append(record.entity_id)
    for part in paging.slices(removable):
        session.execute(_core(delete(Subscription).where(Subscription.id.in_(part))))

    # Member roles and external ids the import added go; a role's start it moved comes back.
    for entity, model in (("party_role", PartyRole), ("external_id", PartyExternalId)):
        created = [r.entity_id for r in records if r.entity == entity and r.action == "created"]
        for part in paging.slices(created):
            session.execute(_core(delete(model).where(model.id.in_(part))))
    for record in records:
        if record.entity == "party_role" and record.action != "created" and record.previous is not None:
            session.execute(
                _core(
                    update(PartyRole)
                    .where(PartyRole.id == record.entity_id)
                    .values(since=dt.date.fromisoformat(record.previous["since"]))
                )
            )

    # Articles (a catalogue: hundreds, not hundreds of thousands): through the ORM, as the app edits them.
    article_ids = [r.entity_id for r in records if r.entity == "article"]
    articles: dict[UUID, Article] = {}
    for part in paging.slices(article_ids):
        articles.update((a.id, a) for a in session.scalars(select(Article).where(Article.id.in_(part))))
    restored = 0
    removed = len(removable)
    for record in records:
        article = articles.get(record.entity_id) if record.entity == "article" else None
        if article is None:
            continue
        if article.version != record.version_after:
            refused.append(("article", article.id))
            continue
        if record.action == "created":
            used = session.scalar(select(func.count()).where(DealLine.article_id == article.id))
            if used:
                refused.append(("article", article.id))
                continue
            session.delete(article)
            removed += 1
        elif record.previous is not None:
            previous = dict(record.previous)
            for field in ("unit_price", "vat_rate"):
                if field in previous:
                    previous[field] = Decimal(previous[field])
            _set_article(article, previous)
            restored += 1
    session.flush()
    for year in years:
        # Receipt numbers of the undone subscriptions are free again only if nothing came after them.
        used = session.scalar(select(func.max(Subscription.receipt_seq)).where(Subscription.receipt_year == year)) or 0
        session.execute(
            update(ReceiptCounter)
            .where(ReceiptCounter.year == year, ReceiptCounter.last_number > used)
            .values(last_number=used)
            .execution_options(synchronize_session=False)
        )
    return RecordsUndo(removed, restored, tuple(refused))


def _core(statement: Any) -> Any:
    """A bulk statement that does not look for the rows it touches among the session's objects."""
    return statement.execution_options(synchronize_session=False)


__all__ = [
    "ArticlePlanner",
    "MemberPlanner",
    "PlannedSubscription",
    "RecordsUndo",
    "dry_run_records",
    "parse_amount",
    "run_records",
    "undo_records",
]
