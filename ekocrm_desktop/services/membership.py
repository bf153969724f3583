"""Membership ("adhésions"): membership types, subscriptions with gapless receipt numbers, each
member's dues status computed in SQL for a given day, resignations, the renewal reminder
sequence with its ledger, and the data behind receipts, member cards and reminder letters.

The dues status of a party on day T, with a "due soon" window of W days:

- resigned:    it held the member role, and holds it no more on T;
- never paid:  it is a member on T and no paid subscription exists;
- late:        the last paid period ended before T;
- due soon:    the last paid period ends between T and T + W (within W days);
- up to date:  the last paid period ends after T + W;
- none:        not a member at all (no member role, no subscription).

`dues_status_expression` builds that as one SQL CASE correlated to a party id, so lists,
segments and quorum counts filter and sort on it in the database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, and_, case, exists, func, literal, not_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.search import search_backend
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.membership import (
    DuesStatus,
    Duration,
    MembershipCategory,
    MembershipType,
    PaymentMethod,
    ReceiptCounter,
    ReminderRule,
    ReminderSent,
    Subscription,
    receipt_number,
)
from ekocrm_desktop.models.party import Party, PartyAddress, PartyRole
from ekocrm_desktop.models.settings import AppSetting
from ekocrm_desktop.services import merge_fields as merge
from ekocrm_desktop.services.consent import bounced_address
from ekocrm_desktop.services.errors import ConflictError, FieldError, NotFoundError, ValidationFailedError
from ekocrm_desktop.services.paging import AnySelect, PageRequest, SortKey, fetch_window

#: Change kinds announced by this service.
MEMBERSHIP = "membership"
SUBSCRIPTION = "subscription"
REMINDER = "reminder"
PARTY = "party"

SETTINGS_KEY = "membership.settings"
CATEGORIES = tuple(c.value for c in MembershipCategory)
DURATIONS = tuple(d.value for d in Duration)
PAYMENT_METHODS = tuple(m.value for m in PaymentMethod)
STATUSES = tuple(s.value for s in DuesStatus)
#: Statuses of people who are members today (everything but resigned and not-a-member).
MEMBER_STATUSES = (
    DuesStatus.UP_TO_DATE.value,
    DuesStatus.DUE_SOON.value,
    DuesStatus.LATE.value,
    DuesStatus.NEVER_PAID.value,
)
#: "Up to date with dues" for votes and quorums: paid for today (due soon still counts).
PAID_STATUSES = (DuesStatus.UP_TO_DATE.value, DuesStatus.DUE_SOON.value)
#: Merge fields a reminder letter or e-mail may use.
REMINDER_FIELDS = (
    "civility",
    "first_name",
    "last_name",
    "name",
    "paid_until",
    "type",
    "fee",
    "organisation",
)
CENT = Decimal("0.01")
EARLIEST = dt.date(1, 1, 1)


# ---------------------------------------------------------------------------- DTOs
@dataclasses.dataclass(frozen=True)
class MembershipSettings:
    """Workspace-wide membership settings (stored as JSON in app_setting)."""

    #: A period ending within this many days is "due soon".
    due_soon_days: int = 30
    #: The last reminder step stays due this many days, then the member is left to the follow-up list.
    last_reminder_days: int = 60
    #: Defaults of a new assembly.
    quorum_percent: Decimal = Decimal("25")
    max_proxies: int = 2
    #: Who signs receipts, cards and letters.
    organisation_name: str = ""
    organisation_address: str = ""
    signatory: str = ""
    city: str = ""

    def to_json(self) -> str:
        """The stored form."""
        data = dataclasses.asdict(self)
        data["quorum_percent"] = str(self.quorum_percent)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None) -> MembershipSettings:
        """Read the stored form, keeping defaults for what is missing or unreadable."""
        try:
            data = json.loads(text or "{}")
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        known = {f.name for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
        try:
            if "quorum_percent" in values:
                values["quorum_percent"] = Decimal(str(values["quorum_percent"]))
            for key in ("due_soon_days", "last_reminder_days", "max_proxies"):
                if key in values:
                    values[key] = int(values[key])
        except (InvalidOperation, ValueError, TypeError):
            return cls()
        return cls(**values)


@dataclasses.dataclass(frozen=True)
class TypeDraft:
    """What the membership type form edits."""

    name: str
    category: str = MembershipCategory.ACTIVE.value
    fee: Decimal = Decimal("0")
    duration: str = Duration.CALENDAR_YEAR.value
    send_reminders: bool = True
    is_active: bool = True
    description: str = ""


@dataclasses.dataclass(frozen=True)
class MembershipTypeInfo:
    """A stored membership type."""

    id: UUID
    version: int
    name: str
    category: str
    fee: Decimal
    currency: str
    duration: str
    send_reminders: bool
    is_active: bool
    description: str

    @property
    def draft(self) -> TypeDraft:
        """Its editable content."""
        return TypeDraft(
            self.name, self.category, self.fee, self.duration, self.send_reminders, self.is_active, self.description
        )


@dataclasses.dataclass(frozen=True)
class SubscriptionDraft:
    """What the subscription form edits; the period's end follows from the type's duration."""

    party_id: UUID
    type_id: UUID
    period_start: dt.date
    amount: Decimal
    paid_on: dt.date | None = None
    payment_method: str = ""
    note: str = ""


@dataclasses.dataclass(frozen=True)
class SubscriptionInfo:
    """A stored subscription."""

    id: UUID
    version: int
    party_id: UUID
    member_name: str
    type_id: UUID
    type_name: str
    category: str
    period_start: dt.date
    period_end: dt.date
    amount: Decimal
    currency: str
    paid_on: dt.date | None
    payment_method: str
    receipt_number: str
    note: str
    deleted_at: dt.datetime | None

    @property
    def is_paid(self) -> bool:
        """Whether it was paid (only paid subscriptions count for the status)."""
        return self.paid_on is not None

    def draft(self) -> SubscriptionDraft:
        """Its editable content."""
        return SubscriptionDraft(
            self.party_id,
            self.type_id,
            self.period_start,
            self.amount,
            self.paid_on,
            self.payment_method,
            self.note,
        )


@dataclasses.dataclass(frozen=True)
class MemberStatus:
    """One party's membership on a day."""

    party_id: UUID
    display_name: str
    status: str
    paid_until: dt.date | None
    member_since: dt.date | None
    member_until: dt.date | None
    type_id: UUID | None
    type_name: str
    category: str
    today: dt.date


@dataclasses.dataclass(frozen=True)
class MemberQuery:
    """Filters of the members list (people and organisations that are or were members)."""

    text: str = ""
    status: str | None = None
    type_id: UUID | None = None


@dataclasses.dataclass(frozen=True)
class MemberRow:
    """One line of the members list."""

    id: UUID
    kind: str
    display_name: str
    email: str
    city: str
    status: str
    paid_until: dt.date | None
    type_name: str
    category: str
    last_paid_on: dt.date | None
    last_amount: Decimal | None
    sort_key: SortKey


@dataclasses.dataclass(frozen=True)
class RuleDraft:
    """One step of the reminder sequence as edited."""

    name: str
    offset_days: int
    channel: str = "email"
    subject: str = ""
    body: str = ""
    is_active: bool = True


@dataclasses.dataclass(frozen=True)
class ReminderRuleInfo:
    """A stored reminder step."""

    id: UUID
    version: int
    name: str
    offset_days: int
    channel: str
    subject: str
    body: str
    is_active: bool

    @property
    def draft(self) -> RuleDraft:
        """Its editable content."""
        return RuleDraft(self.name, self.offset_days, self.channel, self.subject, self.body, self.is_active)


@dataclasses.dataclass(frozen=True)
class Recipient:
    """Who a letter or an e-mail goes to: names and where to reach them."""

    party_id: UUID
    civility: str
    first_name: str
    last_name: str
    display_name: str
    email: str
    address_lines: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class DueReminder:
    """A reminder the sequence asks to send today: which step, to whom, about which period."""

    rule_id: UUID
    rule_name: str
    offset_days: int
    channel: str
    party_id: UUID
    period_end: dt.date
    status: str
    type_name: str
    fee: Decimal
    recipient: Recipient


@dataclasses.dataclass(frozen=True)
class ReminderMessage:
    """A reminder with its subject and text rendered for its reader."""

    reminder: DueReminder
    subject: str
    body: str


@dataclasses.dataclass(frozen=True)
class OutgoingMail:
    """One e-mail to send: what the workspace's mail service (issue 5) is handed."""

    to: str
    subject: str
    body: str
    party_id: UUID
    attachments: tuple[tuple[str, str, bytes], ...] = ()
    #: Extra headers as (name, value) pairs, such as `List-Unsubscribe` for campaigns (issue 6 B);
    #: empty for reminders and news, so senders written before it keep working.
    headers: tuple[tuple[str, str], ...] = ()


#: Sends one e-mail; raises with the reason when the server refuses it. The window passes the
#: workspace's mail service (issue 5) here; tests pass an SMTP client on a loopback server.
MailSend = Callable[[OutgoingMail], None]


@dataclasses.dataclass(frozen=True)
class SendReport:
    """What a sending did."""

    sent: int
    failed: int
    skipped: int
    errors: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class LedgerEntry:
    """A row of the reminders ledger."""

    id: UUID
    rule_name: str
    party_id: UUID
    member_name: str
    period_end: dt.date
    channel: str
    status: str
    recipient: str
    created_at: dt.datetime
    sent_at: dt.datetime | None
    error: str


@dataclasses.dataclass(frozen=True)
class Organisation:
    """Who issues receipts, cards and letters."""

    name: str
    address_lines: tuple[str, ...]
    signatory: str
    city: str


@dataclasses.dataclass(frozen=True)
class ReceiptData:
    """Everything a membership receipt prints."""

    number: str
    organisation: Organisation
    member: Recipient
    type_name: str
    period_start: dt.date
    period_end: dt.date
    amount: Decimal
    currency: str
    paid_on: dt.date
    payment_method: str
    cancelled: bool


@dataclasses.dataclass(frozen=True)
class CardData:
    """Everything a member card prints."""

    party_id: UUID
    member_name: str
    type_name: str
    category: str
    member_since: dt.date | None
    valid_until: dt.date
    organisation: Organisation


# ---------------------------------------------------------------------------- SQL building blocks
def paid_until_expression(party_id: Any) -> ColumnElement[Any]:
    """The end of the last paid period of a party (NULL: never paid), correlated to `party_id`."""
    return (
        select(func.max(Subscription.period_end))
        .where(
            Subscription.party_id == party_id,
            Subscription.paid_on.is_not(None),
            Subscription.deleted_at.is_(None),
        )
        .correlate_except(Subscription)
        .scalar_subquery()
    )


def _member_role(party_id: Any) -> ColumnElement[bool]:
    return and_(PartyRole.party_id == party_id, PartyRole.role == RoleKind.MEMBER.value)


def is_member_on(party_id: Any, today: dt.date) -> ColumnElement[bool]:
    """The party holds the member role on `today`."""
    return exists().where(
        _member_role(party_id),
        PartyRole.since <= today,
        or_(PartyRole.until.is_(None), PartyRole.until >= today),
    )


def was_member_before(party_id: Any, today: dt.date) -> ColumnElement[bool]:
    """The party held a member role that ended before `today`."""
    return exists().where(_member_role(party_id), PartyRole.until < today)


def dues_status_expression(party_id: Any, today: dt.date, due_soon_days: int = 30) -> ColumnElement[str]:
    """The dues status of a party on `today`, as one SQL CASE (see the module docstring)."""
    paid_until = paid_until_expression(party_id)
    current = is_member_on(party_id, today)
    soon = today + dt.timedelta(days=max(0, due_soon_days))
    return case(
        (and_(not_(current), was_member_before(party_id, today)), DuesStatus.RESIGNED.value),
        (paid_until.is_(None), case((current, DuesStatus.NEVER_PAID.value), else_=DuesStatus.NONE.value)),
        (paid_until < today, DuesStatus.LATE.value),
        (paid_until <= soon, DuesStatus.DUE_SOON.value),
        else_=DuesStatus.UP_TO_DATE.value,
    )


def is_or_was_member(party_id: Any) -> ColumnElement[bool]:
    """The party ever held the member role or has a subscription (live)."""
    return or_(
        exists().where(_member_role(party_id)),
        exists().where(Subscription.party_id == party_id, Subscription.deleted_at.is_(None)),
    )


def latest_type_expression(party_id: Any) -> ColumnElement[Any]:
    """The membership type of the party's latest paid subscription."""
    return (
        select(Subscription.type_id)
        .where(
            Subscription.party_id == party_id,
            Subscription.paid_on.is_not(None),
            Subscription.deleted_at.is_(None),
        )
        .order_by(Subscription.period_end.desc(), Subscription.id.desc())
        .limit(1)
        # Correlate to the party of whichever enclosing query names it, also when this sits in
        # another sub-query (SQLAlchemy only looks one level up by itself).
        .correlate_except(Subscription)
        .scalar_subquery()
    )


def period_for(duration: str, start: dt.date) -> tuple[dt.date, dt.date]:
    """The period a subscription starting on `start` covers."""
    if duration == Duration.CALENDAR_YEAR.value:
        return dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)
    return start, start + relativedelta(years=1) - dt.timedelta(days=1)


def local_today(db: Database) -> Callable[[], dt.date]:
    """Today in this computer's time zone, from the database's clock."""
    return lambda: db.clock().astimezone().date()


# ---------------------------------------------------------------------------- service
class MembershipService:
    """Use cases on membership types, subscriptions, statuses and reminders."""

    def __init__(self, db: Database, *, today: Callable[[], dt.date] | None = None) -> None:
        self._db = db
        self._today = today or local_today(db)
        self._search = search_backend(db.dialect)

    def today(self) -> dt.date:
        """The day statuses are computed for (injected in tests)."""
        return self._today()

    # ------------------------------------------------------------------ settings
    def settings(self) -> MembershipSettings:
        """The workspace's membership settings."""
        with self._db.session() as session:
            value = session.scalar(select(AppSetting.value).where(AppSetting.key == SETTINGS_KEY))
        return MembershipSettings.from_json(value)

    def save_settings(self, settings: MembershipSettings) -> MembershipSettings:
        """Store the settings; ValidationFailedError on a value out of range."""
        errors: list[FieldError] = []
        bounds: tuple[tuple[str, Decimal | int, int, int], ...] = (
            ("due_soon_days", settings.due_soon_days, 0, 366),
            ("last_reminder_days", settings.last_reminder_days, 1, 366),
            ("quorum_percent", settings.quorum_percent, 0, 100),
            ("max_proxies", settings.max_proxies, 0, 100),
        )
        for field, value, low, high in bounds:
            if not low <= value <= high:
                errors.append(FieldError(field, "out_of_range", str(value), {"min": low, "max": high}))
        if errors:
            raise ValidationFailedError(errors)
        clean = dataclasses.replace(
            settings,
            organisation_name=settings.organisation_name.strip()[:200],
            organisation_address=settings.organisation_address.strip()[:500],
            signatory=settings.signatory.strip()[:200],
            city=settings.city.strip()[:120],
        )
        with self._db.write_session() as session:
            row = session.get(AppSetting, SETTINGS_KEY)
            if row is None:
                row = AppSetting(key=SETTINGS_KEY)
                session.add(row)
            row.value = clean.to_json()
            row.updated_at = self._db.clock()
            row.updated_by = self._db.actor
            session.commit()
        self._db.announce(Changes.of(MEMBERSHIP))
        return clean

    def organisation(self, settings: MembershipSettings | None = None) -> Organisation:
        """Who issues receipts and letters (the settings, else the workspace's actor)."""
        settings = settings or self.settings()
        lines = tuple(line.strip() for line in settings.organisation_address.splitlines() if line.strip())
        return Organisation(settings.organisation_name, lines, settings.signatory, settings.city)

    # ------------------------------------------------------------------ membership types
    def types(self, *, include_inactive: bool = True) -> list[MembershipTypeInfo]:
        """Every membership type, in display order."""
        stmt = select(MembershipType).where(MembershipType.deleted_at.is_(None))
        if not include_inactive:
            stmt = stmt.where(MembershipType.is_active.is_(True))
        stmt = stmt.order_by(MembershipType.position, MembershipType.name)
        with self._db.session() as session:
            return [_type_info(t) for t in session.scalars(stmt)]

    def get_type(self, type_id: UUID) -> MembershipTypeInfo:
        """One membership type."""
        with self._db.session() as session:
            found = session.get(MembershipType, type_id)
            if found is None:
                raise NotFoundError(f"membership type {type_id} not found")
            return _type_info(found)

    def validate_type(self, draft: TypeDraft) -> tuple[TypeDraft, list[FieldError]]:
        """The draft normalised, and its problems."""
        errors: list[FieldError] = []
        name = " ".join(draft.name.split())
        if not name:
            errors.append(FieldError("name", "required"))
        elif len(name) > 120:
            errors.append(FieldError("name", "too_long", name[:40], {"max": 120}))
        if draft.category not in CATEGORIES:
            errors.append(FieldError("category", "required"))
        if draft.duration not in DURATIONS:
            errors.append(FieldError("duration", "required"))
        fee = _money(draft.fee, "fee", errors)
        clean = dataclasses.replace(draft, name=name, fee=fee, description=draft.description.strip())
        return clean, errors

    def save_type(
        self, draft: TypeDraft, *, type_id: UUID | None = None, expected_version: int | None = None
    ) -> MembershipTypeInfo:
        """Create a type (no id) or update one loaded at `expected_version`."""
        clean, errors = self.validate_type(draft)
        if not errors:
            with self._db.session() as session:
                clash = session.scalar(
                    select(MembershipType.id).where(
                        func.lower(MembershipType.name) == clean.name.lower(),
                        MembershipType.deleted_at.is_(None),
                        MembershipType.id != type_id if type_id is not None else literal(True),
                    )
                )
            if clash is not None:
                errors.append(FieldError("name", "duplicate_name", clean.name))
        if errors:
            raise ValidationFailedError(errors)
        try:
            with self._db.write_session() as session:
                if type_id is None:
                    row = MembershipType()
                    last = session.scalar(select(func.max(MembershipType.position)))
                    row.position = (last or 0) + 1
                    session.add(row)
                else:
                    row = self._load_type(session, type_id)
                    if expected_version is not None and row.version != expected_version:
                        raise ConflictError(_type_info(row), expected_version=expected_version)
                row.name = clean.name
                row.category = clean.category
                row.fee = clean.fee
                row.duration = clean.duration
                row.send_reminders = clean.send_reminders
                row.is_active = clean.is_active
                row.description = clean.description
                session.flush()
                info = _type_info(row)
                session.commit()
        except StaleDataError:
            raise ConflictError(self.get_type(type_id), expected_version=expected_version or 0) from None  # type: ignore[arg-type]
        self._db.announce(Changes.of(MEMBERSHIP, [info.id]))
        return info

    def delete_type(self, type_id: UUID) -> None:
        """Remove a type no subscription uses; one in use is deactivated instead."""
        with self._db.write_session() as session:
            row = self._load_type(session, type_id)
            used = session.scalar(select(func.count()).where(Subscription.type_id == type_id))
            if used:
                row.is_active = False
            else:
                row.deleted_at = self._db.clock()
            session.commit()
        self._db.announce(Changes.of(MEMBERSHIP, [type_id]))

    # ------------------------------------------------------------------ subscriptions
    def suggest(self, party_id: UUID, type_id: UUID | None = None) -> SubscriptionDraft:
        """A new subscription for a member, pre-filled: the type of their last one, the next period."""
        today = self.today()
        with self._db.session() as session:
            last = session.scalars(
                select(Subscription)
                .where(
                    Subscription.party_id == party_id,
                    Subscription.paid_on.is_not(None),
                    Subscription.deleted_at.is_(None),
                )
                .order_by(Subscription.period_end.desc())
                .limit(1)
            ).first()
            if type_id is None:
                type_id = last.type_id if last is not None else None
            if type_id is None:
                first = session.scalars(
                    select(MembershipType)
                    .where(MembershipType.deleted_at.is_(None), MembershipType.is_active.is_(True))
                    .order_by(MembershipType.position, MembershipType.name)
                    .limit(1)
                ).first()
                if first is None:
                    raise NotFoundError("no membership type: create one first")
                chosen = first
            else:
                chosen = self._load_type(session, type_id)
            start = next_period_start(chosen.duration, last.period_end if last else None, today)
            return SubscriptionDraft(
                party_id=party_id,
                type_id=chosen.id,
                period_start=start,
                amount=chosen.fee,
                paid_on=today,
                payment_method="",
            )

    def validate_subscription(
        self, draft: SubscriptionDraft, *, subscription_id: UUID | None = None
    ) -> tuple[SubscriptionDraft, list[FieldError]]:
        """The draft normalised, and its problems (checked against the database)."""
        errors: list[FieldError] = []
        amount = _money(draft.amount, "amount", errors)
        if draft.paid_on is not None and draft.paid_on > self.today():
            errors.append(FieldError("paid_on", "date_future", draft.paid_on.isoformat()))
        if draft.payment_method and draft.payment_method not in PAYMENT_METHODS:
            errors.append(FieldError("payment_method", "required"))
        if draft.paid_on is not None and amount > 0 and not draft.payment_method:
            errors.append(FieldError("payment_method", "required"))
        note = " ".join(draft.note.split())
        if len(note) > 250:
            errors.append(FieldError("note", "too_long", note[:40], {"max": 250}))
        clean = dataclasses.replace(draft, amount=amount, note=note)
        with self._db.session() as session:
            party = session.get(Party, draft.party_id)
            if party is None or party.deleted_at is not None:
                errors.append(FieldError("party_id", "required"))
            kind = session.get(MembershipType, draft.type_id)
            if kind is None or kind.deleted_at is not None:
                errors.append(FieldError("type_id", "required"))
                return clean, errors
            start, end = period_for(kind.duration, draft.period_start)
            clean = dataclasses.replace(clean, period_start=start)
            if draft.paid_on is not None:
                overlap = session.execute(
                    select(Subscription.period_start, Subscription.period_end)
                    .where(
                        Subscription.party_id == draft.party_id,
                        Subscription.paid_on.is_not(None),
                        Subscription.deleted_at.is_(None),
                        Subscription.period_start <= end,
                        Subscription.period_end >= start,
                        Subscription.id != subscription_id if subscription_id is not None else literal(True),
                    )
                    .limit(1)
                ).first()
                if overlap is not None:
                    errors.append(
                        FieldError(
                            "period_start",
                            "period_overlap",
                            f"{overlap[0].isoformat()}/{overlap[1].isoformat()}",
                            {"start": overlap[0], "end": overlap[1]},
                        )
                    )
        return clean, errors

    def record(self, draft: SubscriptionDraft) -> SubscriptionInfo:
        """Record a subscription (paid or awaiting payment).

        A paid one takes the next receipt number of its payment year. A party that is not a
        member on the period's start becomes one from that day (joining or rejoining).
        """
        clean, errors = self.validate_subscription(draft)
        if errors:
            raise ValidationFailedError(errors)
        with self._db.write_session() as session:
            kind = self._load_type(session, clean.type_id)
            start, end = period_for(kind.duration, clean.period_start)
            row = Subscription(
                party_id=clean.party_id,
                type_id=kind.id,
                period_start=start,
                period_end=end,
                amount=clean.amount,
                currency=kind.currency,
                paid_on=clean.paid_on,
                payment_method=clean.payment_method,
                note=clean.note,
            )
            session.add(row)
            if clean.paid_on is not None:
                row.receipt_year = clean.paid_on.year
                row.receipt_seq = take_receipt_number(session, clean.paid_on.year)
            self._ensure_member_role(session, clean.party_id, start)
            session.flush()
            info = self._subscription_info(session, row)
            session.commit()
        self._db.announce(Changes.of(SUBSCRIPTION, [info.id, info.party_id], PARTY))
        return info

    def update_subscription(
        self, subscription_id: UUID, expected_version: int, draft: SubscriptionDraft
    ) -> SubscriptionInfo:
        """Save a subscription loaded at `expected_version` (recording its payment, for instance)."""
        clean, errors = self.validate_subscription(draft, subscription_id=subscription_id)
        try:
            with self._db.write_session() as session:
                row = self._load_subscription(session, subscription_id)
                if row.version != expected_version:
                    raise ConflictError(self._subscription_info(session, row), expected_version=expected_version)
                if row.receipt_seq is not None and clean.paid_on is None:
                    errors.append(FieldError("paid_on", "receipt_issued", row.receipt_number))
                if row.party_id != clean.party_id:
                    errors.append(FieldError("party_id", "readonly"))
                if errors:
                    raise ValidationFailedError(errors)
                kind = self._load_type(session, clean.type_id)
                start, end = period_for(kind.duration, clean.period_start)
                row.type_id = kind.id
                row.period_start, row.period_end = start, end
                row.amount = clean.amount
                row.paid_on = clean.paid_on
                row.payment_method = clean.payment_method
                row.note = clean.note
                if clean.paid_on is not None and row.receipt_seq is None:
                    row.receipt_year = clean.paid_on.year
                    row.receipt_seq = take_receipt_number(session, clean.paid_on.year)
                self._ensure_member_role(session, row.party_id, start)
                session.flush()
                info = self._subscription_info(session, row)
                session.commit()
        except StaleDataError:
            current = self.subscription(subscription_id)
            raise ConflictError(current, expected_version=expected_version) from None
        self._db.announce(Changes.of(SUBSCRIPTION, [info.id, info.party_id], PARTY))
        return info

    def delete_subscription(self, subscription_id: UUID) -> SubscriptionInfo:
        """Cancel a subscription (kept in the trash: its receipt number is never given again)."""
        return self._set_deleted(subscription_id, self._db.clock())

    def restore_subscription(self, subscription_id: UUID) -> SubscriptionInfo:
        """Bring a cancelled subscription back."""
        return self._set_deleted(subscription_id, None)

    def _set_deleted(self, subscription_id: UUID, when: dt.datetime | None) -> SubscriptionInfo:
        with self._db.write_session() as session:
            row = self._load_subscription(session, subscription_id)
            row.deleted_at = when
            session.flush()
            info = self._subscription_info(session, row)
            session.commit()
        self._db.announce(Changes.of(SUBSCRIPTION, [info.id, info.party_id]))
        return info

    def subscription(self, subscription_id: UUID) -> SubscriptionInfo:
        """One subscription (cancelled or not)."""
        with self._db.session() as session:
            return self._subscription_info(session, self._load_subscription(session, subscription_id))

    def subscriptions_of(self, party_id: UUID, *, include_cancelled: bool = False) -> list[SubscriptionInfo]:
        """A party's subscriptions, latest period first."""
        stmt = (
            select(Subscription)
            .where(Subscription.party_id == party_id)
            .options(selectinload(Subscription.membership_type))
            .order_by(Subscription.period_end.desc(), Subscription.created_at.desc())
        )
        if not include_cancelled:
            stmt = stmt.where(Subscription.deleted_at.is_(None))
        with self._db.session() as session:
            name = session.scalar(select(Party.display_name).where(Party.id == party_id)) or ""
            return [_subscription_info(row, name) for row in session.scalars(stmt)]

    # ------------------------------------------------------------------ status
    def status_of(self, party_id: UUID, today: dt.date | None = None) -> MemberStatus:
        """A party's dues status on `today` (default: the service's today)."""
        day = today or self.today()
        soon = self.settings().due_soon_days
        since = (
            select(func.min(PartyRole.since)).where(_member_role(Party.id), PartyRole.since <= day).scalar_subquery()
        )
        until = (
            select(PartyRole.until)
            .where(_member_role(Party.id))
            .order_by(PartyRole.since.desc())
            .limit(1)
            .scalar_subquery()
        )
        stmt = select(
            Party.id,
            Party.display_name,
            dues_status_expression(Party.id, day, soon).label("status"),
            paid_until_expression(Party.id).label("paid_until"),
            since.label("since"),
            until.label("until"),
            latest_type_expression(Party.id).label("type_id"),
        ).where(Party.id == party_id)
        with self._db.session() as session:
            row = session.execute(stmt).first()
            if row is None:
                raise NotFoundError(f"party {party_id} not found")
            kind = session.get(MembershipType, row.type_id) if row.type_id is not None else None
        return MemberStatus(
            party_id=row.id,
            display_name=row.display_name,
            status=row.status,
            paid_until=row.paid_until,
            member_since=row.since,
            member_until=row.until,
            type_id=kind.id if kind else None,
            type_name=kind.name if kind else "",
            category=kind.category if kind else "",
            today=day,
        )

    def status_counts(self, today: dt.date | None = None) -> dict[str, int]:
        """How many live parties have each status (members and former members only)."""
        day = today or self.today()
        status = dues_status_expression(Party.id, day, self.settings().due_soon_days).label("status")
        inner = select(status).where(Party.deleted_at.is_(None), is_or_was_member(Party.id)).subquery()
        stmt = select(inner.c.status, func.count()).group_by(inner.c.status)
        counts = dict.fromkeys(STATUSES, 0)
        with self._db.session() as session:
            for value, count in session.execute(stmt):
                counts[str(value)] = int(count)
        return counts

    def resign(self, party_id: UUID, last_day: dt.date) -> MemberStatus:
        """End a party's current member role on `last_day` (it is "resigned" from the next day)."""
        with self._db.write_session() as session:
            party = session.scalars(
                select(Party).where(Party.id == party_id).options(selectinload(Party.roles))
            ).one_or_none()
            if party is None:
                raise NotFoundError(f"party {party_id} not found")
            current = [
                r for r in party.roles if r.role == RoleKind.MEMBER.value and (r.until is None or r.until >= last_day)
            ]
            if not current:
                raise ValidationFailedError([FieldError("last_day", "not_member", party.display_name)])
            for role in current:
                if role.since > last_day:
                    raise ValidationFailedError(
                        [FieldError("last_day", "resign_before_join", role.since.isoformat(), {"since": role.since})]
                    )
            for role in current:
                role.until = last_day
            party.updated_at = self._db.clock()  # the roles are part of the party: its version moves
            session.commit()
        self._db.announce(Changes.of(PARTY, [party_id], SUBSCRIPTION))
        return self.status_of(party_id)

    def cancel_resignation(self, party_id: UUID) -> MemberStatus:
        """Undo a resignation: the latest member role holds again."""
        with self._db.write_session() as session:
            party = session.scalars(
                select(Party).where(Party.id == party_id).options(selectinload(Party.roles))
            ).one_or_none()
            if party is None:
                raise NotFoundError(f"party {party_id} not found")
            roles = sorted((r for r in party.roles if r.role == RoleKind.MEMBER.value), key=lambda r: r.since)
            if roles and roles[-1].until is not None:
                roles[-1].until = None
                party.updated_at = self._db.clock()
            session.commit()
        self._db.announce(Changes.of(PARTY, [party_id], SUBSCRIPTION))
        return self.status_of(party_id)

    # ------------------------------------------------------------------ members list
    def count(self, query: MemberQuery) -> int:
        """How many rows the members list shows."""
        today = self.today()
        soon = self.settings().due_soon_days
        with self._db.session() as session:
            stmt = self._filtered(select(func.count()).select_from(Party), query, today, soon)
            return int(session.execute(stmt).scalar_one())

    def page(self, query: MemberQuery, sort: str, descending: bool, request: PageRequest) -> list[MemberRow]:
        """One window of the members list."""
        today = self.today()
        soon = self.settings().due_soon_days
        status = dues_status_expression(Party.id, today, soon)
        paid_until = paid_until_expression(Party.id)
        sort_columns: dict[str, Any] = {
            "name": Party.sort_name,
            "paid_until": func.coalesce(paid_until, EARLIEST),
            "status": _status_rank(status),
        }
        sort_column = sort_columns.get(sort, Party.sort_name)
        latest = (
            select(Subscription.id)
            .where(
                Subscription.party_id == Party.id,
                Subscription.paid_on.is_not(None),
                Subscription.deleted_at.is_(None),
            )
            .order_by(Subscription.period_end.desc(), Subscription.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        stmt = self._filtered(
            select(
                Party.id,
                Party.kind,
                Party.display_name,
                Party.primary_email,
                Party.city,
                status.label("status"),
                paid_until.label("paid_until"),
                latest.label("latest_id"),
                sort_column.label("sort_value"),
            ),
            query,
            today,
            soon,
        )
        with self._db.session() as session:
            rows = fetch_window(
                session, stmt, sort_column=sort_column, id_column=Party.id, descending=descending, request=request
            )
            latest_ids = [r.latest_id for r in rows if r.latest_id is not None]
            details: dict[UUID, tuple[str, str, dt.date | None, Decimal | None]] = {}
            if latest_ids:
                for found in session.execute(
                    select(
                        Subscription.id,
                        MembershipType.name,
                        MembershipType.category,
                        Subscription.paid_on,
                        Subscription.amount,
                    )
                    .join(MembershipType, MembershipType.id == Subscription.type_id)
                    .where(Subscription.id.in_(latest_ids))
                ):
                    details[found[0]] = (found[1], found[2], found[3], found[4])
        result: list[MemberRow] = []
        for r in rows:
            name, category, paid_on, amount = details.get(r.latest_id, ("", "", None, None))
            result.append(
                MemberRow(
                    id=r.id,
                    kind=r.kind,
                    display_name=r.display_name,
                    email=r.primary_email,
                    city=r.city or "",
                    status=r.status,
                    paid_until=r.paid_until,
                    type_name=name,
                    category=category,
                    last_paid_on=paid_on,
                    last_amount=amount,
                    sort_key=(r.sort_value, r.id),
                )
            )
        return result

    def _filtered(self, stmt: AnySelect, query: MemberQuery, today: dt.date, soon: int) -> AnySelect:
        stmt = stmt.where(Party.deleted_at.is_(None), is_or_was_member(Party.id))
        if query.status:
            stmt = stmt.where(dues_status_expression(Party.id, today, soon) == query.status)
        if query.type_id is not None:
            stmt = stmt.where(latest_type_expression(Party.id) == query.type_id)
        return self._search.restrict(stmt, query.text)

    def member_ids(
        self,
        *,
        statuses: Iterable[str] = MEMBER_STATUSES,
        type_ids: Iterable[UUID] = (),
        today: dt.date | None = None,
    ) -> list[UUID]:
        """Live parties with one of `statuses` (and of one of `type_ids` when given), by name."""
        day = today or self.today()
        with self._db.session() as session:
            stmt = select(Party.id).where(
                members_condition(Party.id, day, self.settings().due_soon_days, statuses, type_ids)
            )
            return list(session.scalars(stmt.order_by(Party.sort_name, Party.id)))

    # ------------------------------------------------------------------ receipts and cards
    def receipt(self, subscription_id: UUID) -> ReceiptData:
        """What the receipt of a paid subscription prints; NotFoundError if it was not paid."""
        organisation = self.organisation()
        with self._db.session() as session:
            row = self._load_subscription(session, subscription_id)
            if row.paid_on is None or row.receipt_seq is None:
                raise NotFoundError("this subscription has not been paid: no receipt")
            member = recipients(session, [row.party_id])[row.party_id]
            return ReceiptData(
                number=row.receipt_number,
                organisation=organisation,
                member=member,
                type_name=row.membership_type.name,
                period_start=row.period_start,
                period_end=row.period_end,
                amount=row.amount,
                currency=row.currency,
                paid_on=row.paid_on,
                payment_method=row.payment_method,
                cancelled=row.deleted_at is not None,
            )

    def receipts_for(self, party_ids: Sequence[UUID]) -> list[ReceiptData]:
        """The receipts of the latest paid subscription of each party (those who have one)."""
        with self._db.session() as session:
            ids = [
                sub_id
                for sub_id in session.scalars(
                    select(latest_paid_subscription(Party.id)).where(Party.id.in_(list(party_ids)))
                )
                if sub_id is not None
            ]
        return [self.receipt(i) for i in ids]

    def cards(self, party_ids: Sequence[UUID], today: dt.date | None = None) -> list[CardData]:
        """Member cards of the parties that are paid up on `today` (the others get none), by name."""
        day = today or self.today()
        organisation = self.organisation()
        ids = list(party_ids)
        stmt = (
            select(
                Party.id,
                Party.display_name,
                paid_until_expression(Party.id).label("paid_until"),
                latest_type_expression(Party.id).label("type_id"),
                select(func.min(PartyRole.since)).where(_member_role(Party.id)).scalar_subquery().label("since"),
            )
            .where(Party.id.in_(ids), Party.deleted_at.is_(None))
            .order_by(Party.sort_name, Party.id)
        )
        cards: list[CardData] = []
        with self._db.session() as session:
            types = {t.id: t for t in session.scalars(select(MembershipType))}
            for row in session.execute(stmt):
                if row.paid_until is None or row.paid_until < day:
                    continue
                kind = types.get(row.type_id)
                cards.append(
                    CardData(
                        party_id=row.id,
                        member_name=row.display_name,
                        type_name=kind.name if kind else "",
                        category=kind.category if kind else "",
                        member_since=row.since,
                        valid_until=row.paid_until,
                        organisation=organisation,
                    )
                )
        return cards

    # ------------------------------------------------------------------ reminder rules
    def reminder_rules(self, *, include_inactive: bool = True) -> list[ReminderRuleInfo]:
        """The reminder sequence, in order of its steps."""
        stmt = select(ReminderRule).where(ReminderRule.deleted_at.is_(None))
        if not include_inactive:
            stmt = stmt.where(ReminderRule.is_active.is_(True))
        with self._db.session() as session:
            return [_rule_info(r) for r in session.scalars(stmt.order_by(ReminderRule.offset_days, ReminderRule.id))]

    def validate_rule(self, draft: RuleDraft) -> tuple[RuleDraft, list[FieldError]]:
        """The rule normalised, and its problems (unknown merge fields named)."""
        errors: list[FieldError] = []
        name = " ".join(draft.name.split())
        if not name:
            errors.append(FieldError("name", "required"))
        if not -366 <= draft.offset_days <= 366:
            errors.append(FieldError("offset_days", "out_of_range", str(draft.offset_days), {"min": -366, "max": 366}))
        if draft.channel not in ("email", "letter"):
            errors.append(FieldError("channel", "required"))
        subject = " ".join(draft.subject.split())
        if draft.channel == "email" and not subject:
            errors.append(FieldError("subject", "required"))
        if not draft.body.strip():
            errors.append(FieldError("body", "required"))
        errors += merge.check_template(subject, REMINDER_FIELDS, field="subject")
        errors += merge.check_template(draft.body, REMINDER_FIELDS, field="body")
        return dataclasses.replace(draft, name=name[:120], subject=subject[:250], body=draft.body.strip()), errors

    def save_rule(
        self, draft: RuleDraft, *, rule_id: UUID | None = None, expected_version: int | None = None
    ) -> ReminderRuleInfo:
        """Create or update a step of the sequence."""
        clean, errors = self.validate_rule(draft)
        if not errors:
            with self._db.session() as session:
                clash = session.scalar(
                    select(ReminderRule.id).where(
                        ReminderRule.offset_days == clean.offset_days,
                        ReminderRule.deleted_at.is_(None),
                        ReminderRule.id != rule_id if rule_id is not None else literal(True),
                    )
                )
            if clash is not None:
                errors.append(FieldError("offset_days", "duplicate_offset", str(clean.offset_days)))
        if errors:
            raise ValidationFailedError(errors)
        with self._db.write_session() as session:
            if rule_id is None:
                row = ReminderRule()
                session.add(row)
            else:
                found = session.get(ReminderRule, rule_id)
                if found is None or found.deleted_at is not None:
                    raise NotFoundError(f"reminder rule {rule_id} not found")
                row = found
                if expected_version is not None and row.version != expected_version:
                    raise ConflictError(_rule_info(row), expected_version=expected_version)
            row.name, row.offset_days, row.channel = clean.name, clean.offset_days, clean.channel
            row.subject, row.body, row.is_active = clean.subject, clean.body, clean.is_active
            session.flush()
            info = _rule_info(row)
            session.commit()
        self._db.announce(Changes.of(REMINDER, [info.id]))
        return info

    def delete_rule(self, rule_id: UUID) -> None:
        """Remove a step (its ledger rows stay, as history)."""
        with self._db.write_session() as session:
            row = session.get(ReminderRule, rule_id)
            if row is not None:
                row.deleted_at = self._db.clock()
            session.commit()
        self._db.announce(Changes.of(REMINDER, [rule_id]))

    def ensure_default_rules(self, defaults: Sequence[RuleDraft]) -> bool:
        """Write the default sequence into a workspace that never had one; True if written."""
        with self._db.session() as session:
            if session.scalar(select(func.count()).select_from(ReminderRule)):
                return False
        with self._db.write_session() as session:
            if session.scalar(select(func.count()).select_from(ReminderRule)):
                return False  # another desktop wrote them meanwhile
            for draft in defaults:
                clean, errors = self.validate_rule(draft)
                if errors:
                    raise ValidationFailedError(errors)
                session.add(
                    ReminderRule(
                        name=clean.name,
                        offset_days=clean.offset_days,
                        channel=clean.channel,
                        subject=clean.subject,
                        body=clean.body,
                        is_active=clean.is_active,
                    )
                )
            session.commit()
        self._db.announce(Changes.of(REMINDER))
        return True

    # ------------------------------------------------------------------ reminders due
    def due_reminders(self, today: dt.date | None = None) -> list[DueReminder]:
        """The reminders the sequence asks for on `today`, not yet in the ledger.

        Step i of the sequence (offset d_i days from the end E of the paid period) is due while
        E + d_i <= today < E + d_(i+1); the last step stays due `last_reminder_days`. So a member
        gets each step once, in order, and a desktop closed for weeks sends only the step that
        is current, never a burst of stale ones. Only current members whose last period is
        ending or ended are reminded: those who paid have a later period, those who resigned
        hold no member role, honorary types (no reminders) are left out.
        """
        day = today or self.today()
        settings = self.settings()
        rules = self.reminder_rules(include_inactive=False)
        if not rules:
            return []
        paid_until = paid_until_expression(Party.id)
        # Members whose latest subscription is of a type that sends no reminder (honorary).
        silent_types = select(MembershipType.id).where(MembershipType.send_reminders.is_(False))
        no_reminder_type = latest_type_expression(Party.id).in_(silent_types)
        candidates: list[tuple[ReminderRuleInfo, UUID, dt.date]] = []
        with self._db.session() as session:
            for index, rule in enumerate(rules):
                next_offset = (
                    rules[index + 1].offset_days
                    if index + 1 < len(rules)
                    else rule.offset_days + settings.last_reminder_days
                )
                # E + d_i <= day < E + d_next  <=>  day - d_next < E <= day - d_i
                latest_end = day - dt.timedelta(days=rule.offset_days)
                earliest_end = day - dt.timedelta(days=next_offset) + dt.timedelta(days=1)
                stmt = select(Party.id, paid_until.label("paid_until")).where(
                    Party.deleted_at.is_(None),
                    is_member_on(Party.id, day),
                    paid_until.is_not(None),
                    paid_until <= latest_end,
                    paid_until >= earliest_end,
                    not_(no_reminder_type),
                )
                for party_id, end in session.execute(stmt):
                    candidates.append((rule, party_id, end))
            if not candidates:
                return []
            party_ids = list({c[1] for c in candidates})
            sent: set[tuple[UUID, UUID, dt.date]] = set()
            for chunk in _chunks(party_ids, 500):
                sent.update(
                    (r.rule_id, r.party_id, r.period_end)
                    for r in session.execute(
                        select(ReminderSent.rule_id, ReminderSent.party_id, ReminderSent.period_end).where(
                            ReminderSent.party_id.in_(chunk)
                        )
                    )
                )
            todo = [c for c in candidates if (c[0].id, c[1], c[2]) not in sent]
            people = recipients(session, [c[1] for c in todo])
            latest_types = self._latest_types(session, [c[1] for c in todo])
        soon = day + dt.timedelta(days=settings.due_soon_days)
        result = []
        for rule, party_id, end in todo:
            kind = latest_types.get(party_id)
            if end < day:
                status = DuesStatus.LATE.value
            elif end <= soon:
                status = DuesStatus.DUE_SOON.value
            else:
                status = DuesStatus.UP_TO_DATE.value
            result.append(
                DueReminder(
                    rule_id=rule.id,
                    rule_name=rule.name,
                    offset_days=rule.offset_days,
                    channel=rule.channel,
                    party_id=party_id,
                    period_end=end,
                    status=status,
                    type_name=kind.name if kind else "",
                    fee=kind.fee if kind else Decimal("0"),
                    recipient=people[party_id],
                )
            )
        result.sort(key=lambda r: (r.offset_days, r.recipient.display_name.casefold(), r.party_id))
        return result

    def render_reminders(self, reminders: Sequence[DueReminder], *, locale: str = "fr_FR") -> list[ReminderMessage]:
        """Each reminder with its step's subject and text filled in for its member."""
        rules = {r.id: r for r in self.reminder_rules()}
        organisation = self.organisation().name
        messages = []
        for reminder in reminders:
            rule = rules.get(reminder.rule_id)
            if rule is None:
                continue
            values = reminder_values(reminder, organisation)
            messages.append(
                ReminderMessage(
                    reminder,
                    merge.render(rule.subject, values, locale=locale),
                    merge.render(rule.body, values, locale=locale),
                )
            )
        return messages

    def claim_reminders(self, reminders: Sequence[DueReminder], *, status: str = "pending") -> list[UUID]:
        """Write reminders into the ledger; returns the ledger ids of those this call claimed.

        A reminder already in the ledger (sent meanwhile by another desktop, or claimed twice)
        is skipped: the unique (rule, member, period) key decides, so nobody gets it twice.
        `status` is "pending" before an e-mail is sent, "printed" for a letter.
        """
        if status not in ("pending", "printed"):
            raise ValueError(status)
        now = self._db.clock()
        claimed: list[UUID] = []
        with self._db.write_session() as session:
            for reminder in reminders:
                letter = status == "printed"
                values: dict[str, Any] = {
                    "id": uuid7(),
                    "rule_id": reminder.rule_id,
                    "party_id": reminder.party_id,
                    "period_end": reminder.period_end,
                    "channel": "letter" if letter else reminder.channel,
                    "status": status,
                    "recipient": "" if letter else reminder.recipient.email,
                    "sent_at": now if letter else None,
                    "error": "",
                    "created_at": now,
                    "updated_at": now,
                    "created_by": self._db.actor,
                    "updated_by": self._db.actor,
                }
                # RETURNING says whether this row went in (rowcount is not reliable on every driver).
                inserted = session.execute(_insert_ignore(self._db.dialect, values)).scalar_one_or_none()
                if inserted is not None:
                    claimed.append(inserted)
            session.commit()
        self._db.announce(Changes.of(REMINDER, claimed))
        return claimed

    def send_reminder_emails(
        self,
        messages: Sequence[ReminderMessage],
        send: MailSend,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> SendReport:
        """Send reminders by e-mail, each claimed in the ledger first, then marked sent or failed.

        A reminder someone else claimed meanwhile is skipped; a member without an address is
        skipped (print their letter instead). Stopped (cancel, crash) halfway, nothing already
        claimed is sent again: the rest is still due next time, the interrupted one stays
        "being sent" in the log for a person to check.
        """
        with_address = [m for m in messages if m.reminder.recipient.email]
        skipped = len(messages) - len(with_address)
        sent = failed = 0
        errors: list[str] = []
        for index, message in enumerate(with_address):
            if cancelled():
                break
            claimed = self.claim_reminders([message.reminder])
            if not claimed:
                skipped += 1
                continue
            reminder = message.reminder
            try:
                send(OutgoingMail(reminder.recipient.email, message.subject, message.body, reminder.party_id))
            except Exception as exc:  # the server's reason goes into the ledger, the others go on
                failed += 1
                errors.append(f"{reminder.recipient.display_name}: {exc}")
                self.complete_reminder(claimed[0], error=str(exc) or type(exc).__name__)
            else:
                sent += 1
                self.complete_reminder(claimed[0])
            if progress is not None:
                progress(index + 1, len(with_address))
        return SendReport(sent, failed, skipped, tuple(errors))

    def complete_reminder(self, ledger_id: UUID, *, error: str = "") -> None:
        """Mark a claimed e-mail reminder sent (no error) or failed (with the reason)."""
        with self._db.write_session() as session:
            session.execute(
                update(ReminderSent)
                .where(ReminderSent.id == ledger_id)
                .values(
                    status="failed" if error else "sent",
                    error=error[:500],
                    sent_at=None if error else self._db.clock(),
                    updated_at=self._db.clock(),
                    updated_by=self._db.actor,
                )
            )
            session.commit()
        self._db.announce(Changes.of(REMINDER, [ledger_id]))

    def ledger(self, limit: int = 200) -> list[LedgerEntry]:
        """The latest reminders written into the ledger, newest first."""
        stmt = (
            select(ReminderSent, ReminderRule.name, Party.display_name)
            .join(ReminderRule, ReminderRule.id == ReminderSent.rule_id)
            .join(Party, Party.id == ReminderSent.party_id)
            .order_by(ReminderSent.created_at.desc(), ReminderSent.id.desc())
            .limit(limit)
        )
        with self._db.session() as session:
            return [
                LedgerEntry(
                    id=row.id,
                    rule_name=rule_name,
                    party_id=row.party_id,
                    member_name=member_name,
                    period_end=row.period_end,
                    channel=row.channel,
                    status=row.status,
                    recipient=row.recipient,
                    created_at=row.created_at,
                    sent_at=row.sent_at,
                    error=row.error,
                )
                for row, rule_name, member_name in session.execute(stmt)
            ]

    # ------------------------------------------------------------------ internals
    def _load_type(self, session: Session, type_id: UUID) -> MembershipType:
        row = session.get(MembershipType, type_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError(f"membership type {type_id} not found")
        return row

    def _load_subscription(self, session: Session, subscription_id: UUID) -> Subscription:
        row = session.scalars(
            select(Subscription)
            .where(Subscription.id == subscription_id)
            .options(selectinload(Subscription.membership_type))
            .execution_options(populate_existing=True)
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"subscription {subscription_id} not found")
        return row

    def _subscription_info(self, session: Session, row: Subscription) -> SubscriptionInfo:
        name = session.scalar(select(Party.display_name).where(Party.id == row.party_id)) or ""
        if row.membership_type is None or row.membership_type.id != row.type_id:
            session.refresh(row, ["membership_type"])
        return _subscription_info(row, name)

    def _ensure_member_role(self, session: Session, party_id: UUID, start: dt.date) -> None:
        """Make the party a member from `start` when it is not one on that day (joining, rejoining)."""
        party = session.scalars(select(Party).where(Party.id == party_id).options(selectinload(Party.roles))).one()
        for role in party.roles:
            if role.role == RoleKind.MEMBER.value and (role.until is None or role.until >= start):
                if role.since > start:
                    role.since = start  # the first subscription starts before the role did
                    party.updated_at = self._db.clock()
                return
        party.roles.append(PartyRole(role=RoleKind.MEMBER.value, since=start))
        party.updated_at = self._db.clock()

    def _latest_types(self, session: Session, party_ids: Sequence[UUID]) -> dict[UUID, MembershipType]:
        result: dict[UUID, MembershipType] = {}
        types = {t.id: t for t in session.scalars(select(MembershipType))}
        for chunk in _chunks(list(set(party_ids)), 500):
            stmt = select(Party.id, latest_type_expression(Party.id)).where(Party.id.in_(chunk))
            for party_id, type_id in session.execute(stmt):
                if type_id in types:
                    result[party_id] = types[type_id]
        return result


# ---------------------------------------------------------------------------- helpers
def next_period_start(duration: str, paid_until: dt.date | None, today: dt.date) -> dt.date:
    """Where a renewal starts: right after the paid period, unless it lapsed before the current one."""
    if duration == Duration.CALENDAR_YEAR.value:
        current = dt.date(today.year, 1, 1)
    else:
        current = today
    if paid_until is None:
        return current
    following = paid_until + dt.timedelta(days=1)
    return following if following >= current else current


def take_receipt_number(session: Session, year: int) -> int:
    """The next receipt number of `year`, taken inside the caller's transaction.

    The counter row is created if needed (a concurrent creator wins quietly) and incremented
    with UPDATE … RETURNING: a concurrent payment waits for this transaction's row lock and
    then reads the new value, and a rollback gives the number back. No gaps, no duplicates.
    """
    dialect = session.get_bind().dialect.name
    insert_stmt: Any
    if dialect == "postgresql":
        insert_stmt = postgresql.insert(ReceiptCounter).values(year=year, last_number=0).on_conflict_do_nothing()
    else:
        insert_stmt = sqlite.insert(ReceiptCounter).values(year=year, last_number=0).on_conflict_do_nothing()
    session.execute(insert_stmt)
    number = session.execute(
        update(ReceiptCounter)
        .where(ReceiptCounter.year == year)
        .values(last_number=ReceiptCounter.last_number + 1)
        .returning(ReceiptCounter.last_number)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return int(number)


def latest_paid_subscription(party_id: Any) -> ColumnElement[Any]:
    """The id of the party's latest paid subscription."""
    return (
        select(Subscription.id)
        .where(
            Subscription.party_id == party_id,
            Subscription.paid_on.is_not(None),
            Subscription.deleted_at.is_(None),
        )
        .order_by(Subscription.period_end.desc(), Subscription.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def members_condition(
    party_id: Any,
    today: dt.date,
    due_soon_days: int,
    statuses: Iterable[str] = MEMBER_STATUSES,
    type_ids: Iterable[UUID] = (),
) -> ColumnElement[bool]:
    """Live parties that are (or were) members, with one of `statuses` and of one of `type_ids`."""
    wanted = [s for s in statuses if s in STATUSES]
    conditions: list[ColumnElement[bool]] = [
        Party.deleted_at.is_(None),
        is_or_was_member(party_id),
        dues_status_expression(party_id, today, due_soon_days).in_(wanted or MEMBER_STATUSES),
    ]
    kinds = list(type_ids)
    if kinds:
        conditions.append(latest_type_expression(party_id).in_(kinds))
    return and_(*conditions)


def recipients(session: Session, party_ids: Sequence[UUID]) -> dict[UUID, Recipient]:
    """Names, main e-mail and postal address lines of parties (for letters and e-mails).

    An address that bounced for good (campaigns' `bounced_address`) is left out: reminders,
    convocations and receipts then go by letter, as for someone without an e-mail address.
    """
    result: dict[UUID, Recipient] = {}
    wanted = list(dict.fromkeys(party_ids))
    for chunk in _chunks(wanted, 500):
        parties = session.execute(
            select(
                Party.id,
                Party.kind,
                Party.civility,
                Party.first_name,
                Party.last_name,
                Party.display_name,
                Party.primary_email,
                bounced_address().label("bounced"),
            ).where(Party.id.in_(chunk))
        ).all()
        addresses: dict[UUID, PartyAddress] = {}
        for address in session.scalars(
            select(PartyAddress)
            .where(PartyAddress.party_id.in_(chunk))
            .order_by(PartyAddress.party_id, PartyAddress.position)
        ):
            addresses.setdefault(address.party_id, address)
        for row in parties:
            found = addresses.get(row.id)
            name = row.display_name
            if row.kind == "person" and row.civility:
                name = f"{row.civility} {name}"
            lines = [name]
            if found is not None:
                lines += [line for line in (found.street, found.street2) if line]
                lines.append(f"{found.postcode} {found.city}".strip())
                if found.country and found.country != "FR":
                    lines.append(found.country)
            result[row.id] = Recipient(
                party_id=row.id,
                civility=row.civility or "",
                first_name=row.first_name or "",
                last_name=row.last_name or "",
                display_name=row.display_name,
                email="" if row.bounced else row.primary_email,
                address_lines=tuple(line for line in lines if line),
            )
    return result


def reminder_values(reminder: DueReminder, organisation: str) -> dict[str, merge.MergeValue]:
    """The merge values of one reminder."""
    person = reminder.recipient
    return {
        "civility": person.civility,
        "first_name": person.first_name,
        "last_name": person.last_name or person.display_name,
        "name": person.display_name,
        "paid_until": reminder.period_end,
        "type": reminder.type_name,
        "fee": reminder.fee,
        "organisation": organisation,
    }


def _status_rank(status: ColumnElement[str]) -> ColumnElement[int]:
    """Statuses in the order a treasurer reads them: late first, resigned last."""
    order = ("late", "never_paid", "due_soon", "up_to_date", "none", "resigned")
    return case(*((status == value, rank) for rank, value in enumerate(order)), else_=len(order))


def _money(value: Decimal, field: str, errors: list[FieldError]) -> Decimal:
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        errors.append(FieldError(field, "amount_invalid", str(value)))
        return Decimal("0")
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        errors.append(FieldError(field, "amount_invalid", str(value)))
        return Decimal("0")
    if amount != amount.quantize(CENT):
        errors.append(FieldError(field, "amount_invalid", str(value)))
    return amount.quantize(CENT)


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert_ignore(dialect: str, values: dict[str, Any]) -> Any:
    if dialect == "postgresql":
        stmt: Any = postgresql.insert(ReminderSent).values(**values).on_conflict_do_nothing()
    else:
        stmt = sqlite.insert(ReminderSent).values(**values).on_conflict_do_nothing()
    return stmt.returning(ReminderSent.id)


def _type_info(row: MembershipType) -> MembershipTypeInfo:
    return MembershipTypeInfo(
        id=row.id,
        version=row.version,
        name=row.name,
        category=row.category,
        fee=row.fee,
        currency=row.currency,
        duration=row.duration,
        send_reminders=row.send_reminders,
        is_active=row.is_active,
        description=row.description,
    )


def _rule_info(row: ReminderRule) -> ReminderRuleInfo:
    return ReminderRuleInfo(
        id=row.id,
        version=row.version,
        name=row.name,
        offset_days=row.offset_days,
        channel=row.channel,
        subject=row.subject,
        body=row.body,
        is_active=row.is_active,
    )


def _subscription_info(row: Subscription, member_name: str) -> SubscriptionInfo:
    kind = row.membership_type
    return SubscriptionInfo(
        id=row.id,
        version=row.version,
        party_id=row.party_id,
        member_name=member_name,
        type_id=row.type_id,
        type_name=kind.name if kind else "",
        category=kind.category if kind else "",
        period_start=row.period_start,
        period_end=row.period_end,
        amount=row.amount,
        currency=row.currency,
        paid_on=row.paid_on,
        payment_method=row.payment_method,
        receipt_number=receipt_number(row.receipt_year, row.receipt_seq),
        note=row.note,
        deleted_at=row.deleted_at,
    )
