"""Reports and the dashboard (issue 7): the figures behind the activity, pipeline and membership
reports, the contact sheet, and the dashboard's charts.

Totals are counted in SQL (GROUP BY), never by walking rows in Python; the only rows loaded are
the ones a report prints (the activities grouped by day, the receipts). Periods are local days
(the user's time zone) turned into UTC bounds, so "November" means the same days on every
database. Weeks are bucketed with a CASE over precomputed boundaries, which works the same on
SQLite and PostgreSQL and respects daylight saving time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, cast
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.access import RecordHistory
from ekocrm_desktop.models.activities import Activity, ActivityLink, ActivityType, TaskStatus
from ekocrm_desktop.models.campaigns import Campaign, CampaignRecipient, CampaignStep
from ekocrm_desktop.models.domains import (
    ChoiceListKey,
    Deal,
    DealContact,
    DealStatus,
    GroupMember,
    PartyGroup,
    PipelineStage,
    Team,
    TeamMember,
)
from ekocrm_desktop.models.membership import MembershipType, Subscription, receipt_number
from ekocrm_desktop.models.party import Affiliation, Party, PartyAddress, PartyRole
from ekocrm_desktop.models.settings import AppSetting
from ekocrm_desktop.services.articles import read_choices
from ekocrm_desktop.services.campaigns import CampaignService, Results
from ekocrm_desktop.services.errors import NotFoundError, ServiceError, denied
from ekocrm_desktop.services.membership import (
    STATUSES,
    MembershipService,
    dues_status_expression,
    is_or_was_member,
    latest_type_expression,
)

#: Activity types in the order reports show them.
ACTIVITY_TYPES: tuple[str, ...] = tuple(t.value for t in ActivityType)
OPEN_TASK_STATUSES = (TaskStatus.TODO.value, TaskStatus.IN_PROGRESS.value)
#: app_setting key of the organisation's logo as a path to a PNG/JPEG (written by earlier versions);
#: the name comes from membership settings.
LOGO_KEY = "organisation.logo_path"
#: app_setting key of the logo itself: the image is stored in the workspace, so every desk of a
#: team database prints it, and moving or deleting the original file loses nothing.
LOGO_IMAGE_KEY = "organisation.logo"
#: Bigger files are refused: a logo prints 40 × 20 mm, and the image is in every report.
MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = ("PNG", "JPEG")
CENT = Decimal("0.01")

Progress = Callable[[int, int, str], None]


class PeriodPreset:
    """Named periods a report is asked for."""

    THIS_WEEK = "this_week"
    LAST_WEEK = "last_week"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    THIS_YEAR = "this_year"
    CUSTOM = "custom"


@dataclasses.dataclass(frozen=True)
class Period:
    """Local days from `start` to `end`, both included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        """Its length in days."""
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before."""
        return Period(self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(days=1))

    @classmethod
    def preset(cls, name: str, today: dt.date) -> Period:
        """This week, last month... around `today`."""
        monday = today - dt.timedelta(days=today.weekday())
        first = today.replace(day=1)
        if name == PeriodPreset.THIS_WEEK:
            return cls(monday, monday + dt.timedelta(days=6))
        if name == PeriodPreset.LAST_WEEK:
            return cls(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1))
        if name == PeriodPreset.THIS_MONTH:
            following = (first + dt.timedelta(days=32)).replace(day=1)
            return cls(first, following - dt.timedelta(days=1))
        if name == PeriodPreset.LAST_MONTH:
            end = first - dt.timedelta(days=1)
            return cls(end.replace(day=1), end)
        if name == PeriodPreset.THIS_YEAR:
            return cls(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
        raise ValueError(f"unknown period preset {name!r}")


@dataclasses.dataclass(frozen=True)
class Scope:
    """Whose activity: one collaborator, a team, or everyone (both None)."""

    collaborator_id: UUID | None = None
    team_id: UUID | None = None


@dataclasses.dataclass(frozen=True)
class Header:
    """What every report's cover says."""

    organisation: str
    logo_path: str
    requested_by: str
    generated_at: dt.datetime
    scope_name: str
    period: Period | None
    #: The stored logo (PNG or JPEG bytes); preferred to `logo_path`.
    logo: bytes = b""


class LogoError(ServiceError):
    """A file that cannot be the organisation's logo: `code` is "unreadable", "not_image" or "too_large"."""

    MESSAGES = {
        "unreadable": "the file cannot be read",
        "not_image": "the file is not a PNG or JPEG image",
        "too_large": "the file is larger than 2 MB",
    }

    def __init__(self, code: str, path: str, detail: str = "") -> None:
        self.code = code
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: {self.MESSAGES.get(code, code)}" + (f" ({detail})" if detail else ""))


def check_logo(data: bytes, path: str = "") -> str:
    """The image format ("PNG" or "JPEG") of a logo file's bytes; LogoError when it is not one."""
    import io

    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_LOGO_BYTES:
        raise LogoError("too_large", path)
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = str(image.format or "")
            # Decode it whole: a truncated file is refused now, not when a report prints.
            image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise LogoError("not_image", path, str(exc)) from exc
    if kind not in LOGO_FORMATS:
        raise LogoError("not_image", path, kind)
    return kind


@dataclasses.dataclass(frozen=True)
class TypeCount:
    """Activities of one type in the period and the previous one."""

    type: str
    count: int
    previous: int

    @property
    def change(self) -> int:
        """Absolute change from the previous period."""
        return self.count - self.previous

    @property
    def change_ratio(self) -> float | None:
        """Relative change (0.25 for +25 %); None when the previous period had none."""
        return None if self.previous == 0 else (self.count - self.previous) / self.previous


@dataclasses.dataclass(frozen=True)
class CollaboratorCounts:
    """One collaborator's activities per type."""

    party_id: UUID | None
    name: str
    by_type: dict[str, int]

    @property
    def total(self) -> int:
        """All types together."""
        return sum(self.by_type.values())


@dataclasses.dataclass(frozen=True)
class WeekCount:
    """Activities in one week (starting on `monday`, clipped to the period)."""

    monday: dt.date
    by_type: dict[str, int]

    @property
    def total(self) -> int:
        """All types together."""
        return sum(self.by_type.values())


@dataclasses.dataclass(frozen=True)
class ActivityLine:
    """One activity as the report lists it."""

    id: UUID
    occurred_at: dt.datetime
    type: str
    subject: str
    owner: str
    people: tuple[str, ...]
    deals: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class TaskCounts:
    """Tasks of the scope: completed in the period, overdue at its end, open now."""

    completed: int
    overdue: int
    open: int


@dataclasses.dataclass(frozen=True)
class DealLine:
    """A deal won, lost or moved in the period."""

    id: UUID
    title: str
    party: str
    owner: str
    stage: str
    status: str
    amount: Decimal
    currency: str
    day: dt.date | None
    reason: str = ""


@dataclasses.dataclass(frozen=True)
class ActivityReportData:
    """Everything the activity report prints."""

    header: Header
    period: Period
    previous_period: Period
    types: tuple[TypeCount, ...]
    collaborators: tuple[CollaboratorCounts, ...]
    weeks: tuple[WeekCount, ...]
    activities: tuple[ActivityLine, ...]
    tasks: TaskCounts
    deals_won: tuple[DealLine, ...]
    deals_moved: tuple[DealLine, ...]

    @property
    def total(self) -> int:
        """Activities in the period."""
        return sum(t.count for t in self.types)

    @property
    def previous_total(self) -> int:
        """Activities in the previous period."""
        return sum(t.previous for t in self.types)


@dataclasses.dataclass(frozen=True)
class StageFigures:
    """Open deals of one stage (or one owner)."""

    key: UUID | None
    name: str
    count: int
    amount: Decimal
    weighted: Decimal


@dataclasses.dataclass(frozen=True)
class ReasonCount:
    """Lost deals for one reason."""

    reason: str
    count: int
    amount: Decimal


@dataclasses.dataclass(frozen=True)
class PipelineReportData:
    """Everything the pipeline report prints."""

    header: Header
    period: Period
    by_stage: tuple[StageFigures, ...]
    by_owner: tuple[StageFigures, ...]
    won: tuple[DealLine, ...]
    lost: tuple[DealLine, ...]
    lost_reasons: tuple[ReasonCount, ...]
    won_amount: Decimal
    lost_amount: Decimal
    currency: str

    @property
    def open_count(self) -> int:
        """Open deals."""
        return sum(s.count for s in self.by_stage)

    @property
    def open_amount(self) -> Decimal:
        """Open deals' amount."""
        return sum((s.amount for s in self.by_stage), Decimal(0))

    @property
    def weighted(self) -> Decimal:
        """The weighted forecast (amount × probability)."""
        return sum((s.weighted for s in self.by_stage), Decimal(0))


@dataclasses.dataclass(frozen=True)
class ReceiptLine:
    """A paid subscription in the period."""

    number: str
    member: str
    type_name: str
    amount: Decimal
    currency: str
    paid_on: dt.date
    method: str


@dataclasses.dataclass(frozen=True)
class MembershipReportData:
    """Everything the membership report prints."""

    header: Header
    period: Period
    today: dt.date
    #: (category, status) → members.
    grid: dict[tuple[str, str], int]
    statuses: dict[str, int]
    receipts: tuple[ReceiptLine, ...]
    receipts_total: Decimal
    by_method: dict[str, Decimal]
    currency: str


@dataclasses.dataclass(frozen=True)
class SheetActivity:
    """An activity or task on a contact sheet."""

    occurred_at: dt.datetime
    type: str
    subject: str
    owner: str
    is_task: bool
    status: str
    due_at: dt.datetime | None


@dataclasses.dataclass(frozen=True)
class ContactSheetData:
    """Everything about one person or organisation, for a meeting."""

    header: Header
    party_id: UUID
    kind: str
    display_name: str
    civility: str
    job_title: str
    birth_date: dt.date | None
    website: str
    notes: str
    emails: tuple[tuple[str, str], ...]
    phones: tuple[tuple[str, str], ...]
    addresses: tuple[tuple[str, str], ...]
    roles: tuple[tuple[str, dt.date, dt.date | None, str, str], ...]
    organisations: tuple[tuple[str, str], ...]
    people: tuple[tuple[str, str], ...]
    deals: tuple[DealLine, ...]
    activities: tuple[SheetActivity, ...]
    tasks: tuple[SheetActivity, ...]
    dues_status: str
    paid_until: dt.date | None
    subscriptions: tuple[ReceiptLine, ...]
    groups: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class CampaignStepFigures:
    """One send of a campaign (the first one, then each follow-up) as its ledger stands."""

    position: int
    audience: str
    subject: str
    first_sent: dt.date | None
    sent: int
    failed: int
    bounced: int
    skipped: int
    #: Not sent yet, or interrupted while sending (to check).
    waiting: int
    #: Ledger rows of this step that carry a response.
    responses: int


@dataclasses.dataclass(frozen=True)
class CampaignReportData:
    """Everything the campaign report prints; `results` are the campaigns service's own figures."""

    header: Header
    campaign_id: UUID
    name: str
    channel: str
    objective: str
    status: str
    start_date: dt.date | None
    end_date: dt.date | None
    results: Results
    #: Bounced messages (also `results.bounced`), summed from the per-send figures.
    bounced: int
    steps: tuple[CampaignStepFigures, ...]
    deals: tuple[DealLine, ...]
    currency: str

    @property
    def failed_only(self) -> int:
        """Messages refused when sent (the bounces that came back later are counted apart)."""
        return self.results.failed

    @property
    def budget_left(self) -> Decimal:
        """Budget minus actual cost (negative: over budget)."""
        return self.results.budget - self.results.actual_cost

    @property
    def budget_used(self) -> float | None:
        """Actual cost / budget (None without a budget)."""
        if not self.results.budget:
            return None
        return float(self.results.actual_cost / self.results.budget)


@dataclasses.dataclass(frozen=True)
class CampaignFigures:
    """A campaign on the dashboard: messages sent and people who responded."""

    id: UUID
    name: str
    sent: int
    responded: int


@dataclasses.dataclass(frozen=True)
class DashboardData:
    """The dashboard's charts."""

    weeks: tuple[WeekCount, ...]
    #: (collaborator id, name, open, overdue)
    tasks: tuple[tuple[UUID | None, str, int, int], ...]
    stages: tuple[StageFigures, ...]
    statuses: dict[str, int]
    currency: str
    #: The latest campaigns sent (newest first).
    campaigns: tuple[CampaignFigures, ...] = ()


def day_bounds(period: Period, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The period's first local midnight and the midnight after its last day, in UTC."""
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=tz).astimezone(dt.UTC)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), tzinfo=tz).astimezone(dt.UTC)
    return start, end


def week_mondays(period: Period) -> list[dt.date]:
    """The Mondays of the weeks the period touches."""
    monday = period.start - dt.timedelta(days=period.start.weekday())
    weeks = []
    while monday <= period.end:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks


class ReportingService:
    """The data of every report and of the dashboard (Qt-free; returns frozen DTOs)."""

    def __init__(
        self,
        db: Database,
        *,
        tz: dt.tzinfo | None = None,
        today: Callable[[], dt.date] | None = None,
        membership: MembershipService | None = None,
    ) -> None:
        self._db = db
        self.tz: dt.tzinfo = tz or ZoneInfo("Europe/Paris")
        self._today = today or (lambda: db.clock().astimezone(self.tz).date())
        self._membership = membership or MembershipService(db, today=self._today)

    def today(self) -> dt.date:
        """The local day (injected in tests)."""
        return self._today()

    # ------------------------------------------------------------------ shared
    def header(self, *, requested_by: str = "", scope_name: str = "", period: Period | None = None) -> Header:
        """The cover of a report: the organisation's name (membership settings) and logo setting."""
        organisation = self._membership.organisation().name
        with self._db.session() as session:
            logo = session.scalar(select(AppSetting.value).where(AppSetting.key == LOGO_KEY))
        image = self.logo()
        logo_path = ""
        if logo:
            import json

            try:
                value = json.loads(logo)
            except ValueError:
                value = logo
            logo_path = value if isinstance(value, str) else ""
        return Header(
            organisation=organisation,
            logo_path=logo_path,
            requested_by=requested_by or self._db.actor,
            generated_at=self._db.clock(),
            scope_name=scope_name,
            period=period,
            logo=image,
        )

    # ------------------------------------------------------------------ organisation logo
    def logo(self) -> bytes:
        """The organisation's logo as stored (PNG or JPEG bytes), b"" without one."""
        import base64
        import json

        with self._db.session() as session:
            raw = session.scalar(select(AppSetting.value).where(AppSetting.key == LOGO_IMAGE_KEY))
        try:
            value = json.loads(raw) if raw else None
            return base64.b64decode(value["data"]) if isinstance(value, dict) else b""
        except (ValueError, KeyError, TypeError):
            return b""

    def set_logo(self, path: str) -> bytes:
        """Store the image file at `path` as the logo (LogoError: unreadable, not PNG/JPEG, too big;
        the stored logo is then kept as it was)."""
        import base64
        import json
        from pathlib import Path

        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise LogoError("unreadable", path, exc.strerror or str(exc)) from exc
        kind = check_logo(data, path)
        value = json.dumps({"format": kind.lower(), "name": Path(path).name, "data": base64.b64encode(data).decode()})
        self._write_setting(LOGO_IMAGE_KEY, value)
        return data

    def clear_logo(self) -> None:
        """No logo on the covers any more (the older path setting is cleared too)."""
        self._write_setting(LOGO_IMAGE_KEY, None)
        self._write_setting(LOGO_KEY, None)

    def _write_setting(self, key: str, value: str | None) -> None:
        from sqlalchemy.exc import DBAPIError

        try:
            self._store_setting(key, value)
        except DBAPIError as exc:
            # A team member whose role may not change the workspace's settings.
            raise denied(exc) or exc from None
        self._db.announce(Changes.of("organisation"))

    def _store_setting(self, key: str, value: str | None) -> None:
        with self._db.write_session() as session:
            row = session.get(AppSetting, key)
            if value is None:
                if row is not None:
                    session.delete(row)
            else:
                if row is None:
                    row = AppSetting(key=key)
                    session.add(row)
                row.value = value
                row.updated_at = self._db.clock()
                row.updated_by = self._db.actor
            session.commit()

    def lost_reasons(self) -> list[tuple[str, str]]:
        """(code, label) of the lost reasons settings list (the pipeline report names them)."""
        with self._db.session() as session:
            return read_choices(session, ChoiceListKey.LOST_REASON.value)

    def collaborators(self) -> list[tuple[UUID, str]]:
        """People an activity report can be about: owners of activities and collaborators."""
        with self._db.session() as session:
            owners = select(Activity.owner_id).where(Activity.owner_id.is_not(None)).distinct()
            role = select(PartyRole.party_id).where(PartyRole.role == "collaborator")
            rows = session.execute(
                select(Party.id, Party.display_name)
                .where(Party.deleted_at.is_(None), or_(Party.id.in_(owners), Party.id.in_(role)))
                .order_by(Party.sort_name, Party.id)
            ).all()
        return [(r[0], r[1]) for r in rows]

    def teams(self) -> list[tuple[UUID, str]]:
        """Teams a report can be about."""
        with self._db.session() as session:
            rows = session.execute(select(Team.id, Team.name).where(Team.deleted_at.is_(None)).order_by(Team.name))
            return [(r[0], r[1]) for r in rows]

    def find_collaborator(self, name_or_id: str) -> UUID:
        """A collaborator by id or exact display name (NotFoundError otherwise)."""
        for party_id, name in self.collaborators():
            if str(party_id) == name_or_id or name.casefold() == name_or_id.casefold():
                return party_id
        raise NotFoundError("collaborator", name_or_id)

    def find_team(self, name_or_id: str) -> UUID:
        """A team by id or name."""
        for team_id, name in self.teams():
            if str(team_id) == name_or_id or name.casefold() == name_or_id.casefold():
                return team_id
        raise NotFoundError("team", name_or_id)

    def find_party(self, name_or_id: str) -> UUID:
        """A live party by id or exact display name (the first by name when several share it)."""
        with self._db.session() as session:
            try:
                wanted = UUID(name_or_id)
            except ValueError:
                wanted = None
            if wanted is not None:
                found = session.scalar(select(Party.id).where(Party.id == wanted, Party.deleted_at.is_(None)))
            else:
                found = session.scalar(
                    select(Party.id)
                    .where(Party.deleted_at.is_(None), func.lower(Party.display_name) == name_or_id.lower())
                    .order_by(Party.id)
                    .limit(1)
                )
        if found is None:
            raise NotFoundError("party", name_or_id)
        return found

    def scope_name(self, scope: Scope, everyone: str = "Everyone") -> str:
        """The collaborator's or team's name."""
        with self._db.session() as session:
            if scope.collaborator_id is not None:
                return str(session.scalar(select(Party.display_name).where(Party.id == scope.collaborator_id)) or "")
            if scope.team_id is not None:
                return str(session.scalar(select(Team.name).where(Team.id == scope.team_id)) or "")
        return everyone

    def _people(self, scope: Scope, column: Any) -> ColumnElement[bool] | None:
        """`column` (an owner or assignee) belongs to the scope."""
        if scope.collaborator_id is not None:
            return column == scope.collaborator_id  # type: ignore[no-any-return]
        if scope.team_id is not None:
            members = select(TeamMember.party_id).where(TeamMember.team_id == scope.team_id)
            return column.in_(members)  # type: ignore[no-any-return]
        return None

    def _activity_conditions(self, scope: Scope, period: Period) -> list[ColumnElement[bool]]:
        start, end = day_bounds(period, self.tz)
        conditions: list[ColumnElement[bool]] = [
            Activity.deleted_at.is_(None),
            Activity.occurred_at >= start,
            Activity.occurred_at < end,
        ]
        people = self._people(scope, Activity.owner_id)
        if people is not None:
            conditions.append(people)
        return conditions

    def type_counts(self, scope: Scope, period: Period) -> dict[str, int]:
        """Activities per type (GROUP BY in SQL)."""
        stmt = (
            select(Activity.type, func.count()).where(*self._activity_conditions(scope, period)).group_by(Activity.type)
        )
        counts = dict.fromkeys(ACTIVITY_TYPES, 0)
        with self._db.session() as session:
            for kind, count in session.execute(stmt):
                counts[str(kind)] = int(count)
        return counts

    def week_counts(self, scope: Scope, period: Period) -> list[WeekCount]:
        """Activities per week and type, bucketed in SQL."""
        mondays = week_mondays(period)
        bounds = [day_bounds(Period(max(m, period.start), m), self.tz)[0] for m in mondays[1:]]
        whens = [(Activity.occurred_at < bound, literal(index)) for index, bound in enumerate(bounds)]
        bucket = (case(*whens, else_=literal(len(mondays) - 1)) if whens else literal(0)).label("bucket")
        stmt = (
            select(bucket, Activity.type, func.count())
            .where(*self._activity_conditions(scope, period))
            .group_by(bucket, Activity.type)
        )
        table: list[dict[str, int]] = [dict.fromkeys(ACTIVITY_TYPES, 0) for _ in mondays]
        with self._db.session() as session:
            for index, kind, count in session.execute(stmt):
                table[int(index)][str(kind)] = int(count)
        return [WeekCount(monday, counts) for monday, counts in zip(mondays, table, strict=True)]

    # ------------------------------------------------------------------ activity report
    def activity_report(
        self,
        scope: Scope,
        period: Period,
        *,
        requested_by: str = "",
        everyone: str = "Everyone",
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> ActivityReportData:
        """The activity report's data for one collaborator, a team or everyone."""
        step = progress or (lambda _d, _t, _x: None)
        header = self.header(requested_by=requested_by, scope_name=self.scope_name(scope, everyone), period=period)
        previous_period = period.previous()
        now_counts = self.type_counts(scope, period)
        before = self.type_counts(scope, previous_period)
        types = tuple(TypeCount(t, now_counts[t], before[t]) for t in ACTIVITY_TYPES)
        step(1, 6, "counts")
        collaborators = self._per_collaborator(scope, period)
        weeks = tuple(self.week_counts(scope, period))
        step(2, 6, "weeks")
        _check(cancelled)
        activities = self._activity_lines(scope, period, cancelled)
        step(3, 6, "activities")
        _check(cancelled)
        tasks = self._task_counts(scope, period)
        step(4, 6, "tasks")
        won, moved = self._deals_in_period(scope, period)
        step(5, 6, "deals")
        return ActivityReportData(
            header=header,
            period=period,
            previous_period=previous_period,
            types=types,
            collaborators=collaborators,
            weeks=weeks,
            activities=activities,
            tasks=tasks,
            deals_won=won,
            deals_moved=moved,
        )

    def _per_collaborator(self, scope: Scope, period: Period) -> tuple[CollaboratorCounts, ...]:
        owner = aliased(Party)
        stmt = (
            select(Activity.owner_id, owner.display_name, Activity.type, func.count())
            .join(owner, owner.id == Activity.owner_id, isouter=True)
            .where(*self._activity_conditions(scope, period))
            .group_by(Activity.owner_id, owner.display_name, Activity.type)
        )
        people: dict[UUID | None, tuple[str, dict[str, int]]] = {}
        with self._db.session() as session:
            for owner_id, name, kind, count in session.execute(stmt):
                entry = people.setdefault(owner_id, (name or "", dict.fromkeys(ACTIVITY_TYPES, 0)))
                entry[1][str(kind)] = int(count)
        rows = [CollaboratorCounts(pid, name, counts) for pid, (name, counts) in people.items()]
        rows.sort(key=lambda r: (r.party_id is None, r.name.casefold()))
        return tuple(rows)

    def _activity_lines(self, scope: Scope, period: Period, cancelled: Callable[[], bool]) -> tuple[ActivityLine, ...]:
        owner = aliased(Party)
        conditions = self._activity_conditions(scope, period)
        stmt = (
            select(Activity.id, Activity.occurred_at, Activity.type, Activity.subject, owner.display_name)
            .join(owner, owner.id == Activity.owner_id, isouter=True)
            .where(*conditions)
            .order_by(Activity.occurred_at, Activity.id)
        )
        linked = aliased(Party)
        links_stmt = (
            select(ActivityLink.activity_id, linked.display_name, Deal.title)
            .join(Activity, Activity.id == ActivityLink.activity_id)
            .join(linked, linked.id == ActivityLink.party_id, isouter=True)
            .join(Deal, Deal.id == ActivityLink.deal_id, isouter=True)
            .where(*conditions)
        )
        people: dict[UUID, list[str]] = defaultdict(list)
        deals: dict[UUID, list[str]] = defaultdict(list)
        with self._db.session() as session:
            for activity_id, person, deal in session.execute(links_stmt):
                if person:
                    people[activity_id].append(person)
                if deal:
                    deals[activity_id].append(deal)
            _check(cancelled)
            rows = session.execute(stmt).all()
        return tuple(
            ActivityLine(
                id=r[0],
                occurred_at=r[1],
                type=r[2],
                subject=r[3] or "",
                owner=r[4] or "",
                people=tuple(sorted(people.get(r[0], ()))),
                deals=tuple(sorted(deals.get(r[0], ()))),
            )
            for r in rows
        )

    def _task_counts(self, scope: Scope, period: Period) -> TaskCounts:
        start, end = day_bounds(period, self.tz)
        base: list[ColumnElement[bool]] = [Activity.is_task.is_(True), Activity.deleted_at.is_(None)]
        people = self._people(scope, Activity.assignee_id)
        if people is not None:
            base.append(people)
        is_open = Activity.status.in_(OPEN_TASK_STATUSES)
        completed = func.sum(
            case(
                (
                    and_(Activity.status == TaskStatus.DONE.value, Activity.done_at >= start, Activity.done_at < end),
                    1,
                ),
                else_=0,
            )
        )
        overdue = func.sum(case((and_(is_open, Activity.due_at.is_not(None), Activity.due_at < end), 1), else_=0))
        open_ = func.sum(case((is_open, 1), else_=0))
        with self._db.session() as session:
            row = session.execute(select(completed, overdue, open_).where(*base)).one()
        return TaskCounts(int(row[0] or 0), int(row[1] or 0), int(row[2] or 0))

    def _deal_lines(
        self, conditions: Sequence[ColumnElement[bool]], day: Any, limit: int | None = None
    ) -> list[DealLine]:
        client = aliased(Party)
        owner = aliased(Party)
        stmt = (
            select(
                Deal.id,
                Deal.title,
                client.display_name,
                owner.display_name,
                PipelineStage.name,
                Deal.status,
                Deal.amount,
                Deal.currency,
                day,
                Deal.lost_reason,
            )
            .join(PipelineStage, PipelineStage.id == Deal.stage_id)
            .join(client, client.id == Deal.party_id, isouter=True)
            .join(owner, owner.id == Deal.owner_id, isouter=True)
            .where(Deal.deleted_at.is_(None), *conditions)
            .order_by(day, Deal.title, Deal.id)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._db.session() as session:
            rows = session.execute(stmt).all()
        return [
            DealLine(
                id=r[0],
                title=r[1],
                party=r[2] or "",
                owner=r[3] or "",
                stage=r[4],
                status=r[5],
                amount=Decimal(r[6] or 0),
                currency=r[7],
                day=r[8]
                if isinstance(r[8], dt.date) and not isinstance(r[8], dt.datetime)
                else _local_day(r[8], self.tz),
                reason=r[9] or "",
            )
            for r in rows
        ]

    def _deals_in_period(self, scope: Scope, period: Period) -> tuple[tuple[DealLine, ...], tuple[DealLine, ...]]:
        """Deals won in the period (closed_on), and deals moved to another stage in it.

        A move is read from the change history (`record_history`, written on both databases):
        a deal row whose `stage_id` changed in the period. Only the deals' own history rows are
        read (the index on root_table), never the whole history.
        """
        owner = self._people(scope, Deal.owner_id)
        extra = [owner] if owner is not None else []
        won = self._deal_lines(
            [Deal.status == DealStatus.WON.value, Deal.closed_on >= period.start, Deal.closed_on <= period.end, *extra],
            Deal.closed_on,
        )
        start, end = day_bounds(period, self.tz)
        moved_on: dict[UUID, dt.datetime] = {}
        with self._db.session() as session:
            history = session.execute(
                select(RecordHistory.root_id, RecordHistory.changes, RecordHistory.changed_at).where(
                    RecordHistory.root_table == "deal",
                    RecordHistory.table_name == "deal",
                    RecordHistory.operation == "U",
                    RecordHistory.changed_at >= start,
                    RecordHistory.changed_at < end,
                )
            )
            for deal_id, changes, changed_at in history:
                if isinstance(changes, dict) and "stage_id" in changes:
                    moved_on[deal_id] = max(changed_at, moved_on.get(deal_id, changed_at))
        moved: list[DealLine] = []
        ids = list(moved_on)
        for chunk in range(0, len(ids), 500):
            lines = self._deal_lines([Deal.id.in_(ids[chunk : chunk + 500]), *extra], Deal.updated_at)
            moved += [dataclasses.replace(d, day=_local_day(moved_on[d.id], self.tz)) for d in lines]
        moved.sort(key=lambda d: (d.day or dt.date.min, d.title))
        return tuple(won), tuple(moved)

    # ------------------------------------------------------------------ pipeline
    def stage_figures(self, *, owner_scope: Scope | None = None) -> list[StageFigures]:
        """Open deals per stage: count, amount and weighted amount (amount × probability / 100)."""
        weighted = func.sum(Deal.amount * Deal.probability) / 100
        conditions: list[ColumnElement[bool]] = [Deal.deleted_at.is_(None), Deal.status == DealStatus.OPEN.value]
        if owner_scope is not None and (people := self._people(owner_scope, Deal.owner_id)) is not None:
            conditions.append(people)
        stmt = (
            select(Deal.stage_id, func.count(), func.coalesce(func.sum(Deal.amount), 0), func.coalesce(weighted, 0))
            .where(*conditions)
            .group_by(Deal.stage_id)
        )
        with self._db.session() as session:
            stages = session.execute(
                select(PipelineStage.id, PipelineStage.name)
                .where(
                    PipelineStage.deleted_at.is_(None),
                    PipelineStage.is_won.is_(False),
                    PipelineStage.is_lost.is_(False),
                )
                .order_by(PipelineStage.position, PipelineStage.id)
            ).all()
            figures = {r[0]: (int(r[1]), _money(r[2]), _money(r[3])) for r in session.execute(stmt)}
        return [
            StageFigures(stage_id, name, *figures.get(stage_id, (0, Decimal("0.00"), Decimal("0.00"))))
            for stage_id, name in stages
        ]

    def pipeline_report(
        self, period: Period, *, scope: Scope = Scope(), requested_by: str = "", everyone: str = "Everyone"
    ) -> PipelineReportData:
        """Open deals by stage and owner, the weighted forecast, deals won and lost in the period."""
        header = self.header(requested_by=requested_by, scope_name=self.scope_name(scope, everyone), period=period)
        by_stage = self.stage_figures(owner_scope=scope)
        owner = aliased(Party)
        conditions: list[ColumnElement[bool]] = [Deal.deleted_at.is_(None), Deal.status == DealStatus.OPEN.value]
        if (people := self._people(scope, Deal.owner_id)) is not None:
            conditions.append(people)
        weighted = func.sum(Deal.amount * Deal.probability) / 100
        stmt = (
            select(
                Deal.owner_id,
                owner.display_name,
                func.count(),
                func.coalesce(func.sum(Deal.amount), 0),
                func.coalesce(weighted, 0),
            )
            .join(owner, owner.id == Deal.owner_id, isouter=True)
            .where(*conditions)
            .group_by(Deal.owner_id, owner.display_name)
        )
        with self._db.session() as session:
            by_owner = [
                StageFigures(r[0], r[1] or "", int(r[2]), _money(r[3]), _money(r[4])) for r in session.execute(stmt)
            ]
        by_owner.sort(key=lambda s: (s.key is None, s.name.casefold()))
        extra = [people] if people is not None else []
        closed = [Deal.closed_on >= period.start, Deal.closed_on <= period.end, *extra]
        won = self._deal_lines([Deal.status == DealStatus.WON.value, *closed], Deal.closed_on)
        lost = self._deal_lines([Deal.status == DealStatus.LOST.value, *closed], Deal.closed_on)
        reasons_stmt = (
            select(Deal.lost_reason, func.count(), func.coalesce(func.sum(Deal.amount), 0))
            .where(Deal.deleted_at.is_(None), Deal.status == DealStatus.LOST.value, *closed)
            .group_by(Deal.lost_reason)
            .order_by(func.count().desc(), Deal.lost_reason)
        )
        totals_stmt = select(
            func.coalesce(func.sum(case((Deal.status == DealStatus.WON.value, Deal.amount), else_=0)), 0),
            func.coalesce(func.sum(case((Deal.status == DealStatus.LOST.value, Deal.amount), else_=0)), 0),
        ).where(Deal.deleted_at.is_(None), *closed)
        with self._db.session() as session:
            reasons = tuple(ReasonCount(r[0] or "", int(r[1]), _money(r[2])) for r in session.execute(reasons_stmt))
            won_amount, lost_amount = session.execute(totals_stmt).one()
        return PipelineReportData(
            header=header,
            period=period,
            by_stage=tuple(by_stage),
            by_owner=tuple(by_owner),
            won=tuple(won),
            lost=tuple(lost),
            lost_reasons=reasons,
            won_amount=_money(won_amount),
            lost_amount=_money(lost_amount),
            currency="EUR",
        )

    # ------------------------------------------------------------------ membership
    def membership_report(self, period: Period, *, requested_by: str = "") -> MembershipReportData:
        """Members by category and dues status today, and the receipts of the period."""
        today = self.today()
        header = self.header(requested_by=requested_by, period=period)
        due_soon = self._membership.settings().due_soon_days
        status = dues_status_expression(Party.id, today, due_soon).label("status")
        type_id = latest_type_expression(Party.id).label("type_id")
        inner = select(status, type_id).where(Party.deleted_at.is_(None), is_or_was_member(Party.id)).subquery()
        category = func.coalesce(MembershipType.category, "")
        grid_stmt = (
            select(category, inner.c.status, func.count())
            .select_from(inner)
            .join(MembershipType, MembershipType.id == inner.c.type_id, isouter=True)
            .group_by(category, inner.c.status)
        )
        member = aliased(Party)
        receipts_conditions = [
            Subscription.deleted_at.is_(None),
            Subscription.paid_on.is_not(None),
            Subscription.paid_on >= period.start,
            Subscription.paid_on <= period.end,
        ]
        receipts_stmt = (
            select(
                Subscription.receipt_year,
                Subscription.receipt_seq,
                member.display_name,
                MembershipType.name,
                Subscription.amount,
                Subscription.currency,
                Subscription.paid_on,
                Subscription.payment_method,
            )
            .join(member, member.id == Subscription.party_id)
            .join(MembershipType, MembershipType.id == Subscription.type_id)
            .where(*receipts_conditions)
            .order_by(Subscription.paid_on, Subscription.receipt_year, Subscription.receipt_seq, Subscription.id)
        )
        method_stmt = (
            select(Subscription.payment_method, func.coalesce(func.sum(Subscription.amount), 0))
            .where(*receipts_conditions)
            .group_by(Subscription.payment_method)
        )
        grid: dict[tuple[str, str], int] = {}
        statuses: dict[str, int] = {}
        with self._db.session() as session:
            for cat, stat, count in session.execute(grid_stmt):
                grid[(str(cat), str(stat))] = int(count)
                statuses[str(stat)] = statuses.get(str(stat), 0) + int(count)
            receipts = tuple(
                ReceiptLine(
                    number=receipt_number(r[0], r[1]) if r[0] is not None and r[1] is not None else "",
                    member=r[2],
                    type_name=r[3],
                    amount=_money(r[4]),
                    currency=r[5],
                    paid_on=cast(dt.date, r[6]),  # the WHERE keeps paid rows only
                    method=r[7] or "",
                )
                for r in session.execute(receipts_stmt)
            )
            by_method = {str(m or ""): _money(total) for m, total in session.execute(method_stmt)}
        return MembershipReportData(
            header=header,
            period=period,
            today=today,
            grid=grid,
            statuses=statuses,
            receipts=receipts,
            receipts_total=sum(by_method.values(), Decimal("0.00")),
            by_method=by_method,
            currency="EUR",
        )

    # ------------------------------------------------------------------ contact sheet
    def contact_sheet(self, party_id: UUID, *, requested_by: str = "", limit: int = 100) -> ContactSheetData:
        """Everything about one party: identity, contact points, roles, links, deals, activities, membership."""
        header = self.header(requested_by=requested_by)
        with self._db.session() as session:
            party = session.get(Party, party_id)
            if party is None or party.deleted_at is not None:
                raise NotFoundError("party", str(party_id))
            emails = tuple((e.address, e.label) for e in party.emails)
            phones = tuple((p.number, p.label) for p in party.phones)
            addresses = tuple(
                (
                    ", ".join(x for x in (a.street, a.street2, f"{a.postcode} {a.city}".strip(), a.country) if x),
                    a.label,
                )
                for a in session.scalars(
                    select(PartyAddress).where(PartyAddress.party_id == party_id).order_by(PartyAddress.position)
                )
            )
            roles = tuple((r.role, r.since, r.until, r.status, r.category) for r in party.roles)
            org = aliased(Party)
            organisations = tuple(
                (r[0], r[1] or "")
                for r in session.execute(
                    select(org.display_name, Affiliation.function)
                    .join(org, org.id == Affiliation.organisation_id)
                    .where(Affiliation.person_id == party_id, org.deleted_at.is_(None))
                    .order_by(Affiliation.position)
                )
            )
            person = aliased(Party)
            people = tuple(
                (r[0], r[1] or "")
                for r in session.execute(
                    select(person.display_name, Affiliation.function)
                    .join(person, person.id == Affiliation.person_id)
                    .where(Affiliation.organisation_id == party_id, person.deleted_at.is_(None))
                    .order_by(person.sort_name)
                    .limit(limit)
                )
            )
            groups = tuple(
                session.scalars(
                    select(PartyGroup.name)
                    .join(GroupMember, GroupMember.group_id == PartyGroup.id)
                    .where(GroupMember.party_id == party_id, PartyGroup.deleted_at.is_(None))
                    .order_by(PartyGroup.name)
                )
            )
            owner = aliased(Party)
            linked = select(ActivityLink.activity_id).where(ActivityLink.party_id == party_id)
            acts = session.execute(
                select(
                    Activity.occurred_at,
                    Activity.type,
                    Activity.subject,
                    owner.display_name,
                    Activity.is_task,
                    Activity.status,
                    Activity.due_at,
                )
                .join(owner, owner.id == Activity.owner_id, isouter=True)
                .where(Activity.deleted_at.is_(None), Activity.id.in_(linked))
                .order_by(Activity.occurred_at.desc(), Activity.id)
                .limit(limit * 2)
            ).all()
            snapshot = (
                party.kind,
                party.display_name,
                party.civility or "",
                party.job_title or "",
                party.birth_date,
                party.website or "",
                party.notes or "",
            )
        deal_ids = select(DealContact.deal_id).where(DealContact.party_id == party_id)
        deals = self._deal_lines(
            [or_(Deal.party_id == party_id, Deal.id.in_(deal_ids))], Deal.expected_close, limit=limit
        )
        all_acts = [SheetActivity(r[0], r[1], r[2] or "", r[3] or "", bool(r[4]), r[5], r[6]) for r in acts]
        status = self._membership.status_of(party_id)
        subscriptions = tuple(
            ReceiptLine(
                number=s.receipt_number or "",
                member=snapshot[1],
                type_name=s.type_name,
                amount=s.amount,
                currency=s.currency,
                paid_on=s.paid_on,
                method=s.payment_method,
            )
            for s in self._membership.subscriptions_of(party_id)
            if s.paid_on is not None
        )
        return ContactSheetData(
            header=header,
            party_id=party_id,
            kind=snapshot[0],
            display_name=snapshot[1],
            civility=snapshot[2],
            job_title=snapshot[3],
            birth_date=snapshot[4],
            website=snapshot[5],
            notes=snapshot[6],
            emails=emails,
            phones=phones,
            addresses=addresses,
            roles=roles,
            organisations=organisations,
            people=people,
            deals=tuple(deals),
            activities=tuple(a for a in all_acts if not a.is_task)[:limit],
            tasks=tuple(a for a in all_acts if a.is_task)[:limit],
            dues_status=status.status,
            paid_until=status.paid_until,
            subscriptions=subscriptions[:limit],
            groups=groups,
        )

    # ------------------------------------------------------------------ dashboard
    def task_figures(self) -> list[tuple[UUID | None, str, int, int]]:
        """Open and overdue tasks per assignee (GROUP BY in SQL)."""
        now = self._db.clock()
        assignee = aliased(Party)
        is_open = Activity.status.in_(OPEN_TASK_STATUSES)
        stmt = (
            select(
                Activity.assignee_id,
                assignee.display_name,
                func.count(),
                func.sum(case((and_(Activity.due_at.is_not(None), Activity.due_at < now), 1), else_=0)),
            )
            .join(assignee, assignee.id == Activity.assignee_id, isouter=True)
            .where(Activity.is_task.is_(True), Activity.deleted_at.is_(None), is_open)
            .group_by(Activity.assignee_id, assignee.display_name)
        )
        with self._db.session() as session:
            rows = [(r[0], r[1] or "", int(r[2]), int(r[3] or 0)) for r in session.execute(stmt)]
        rows.sort(key=lambda r: (r[0] is None, r[1].casefold()))
        return rows

    def dashboard(self, *, weeks: int = 8, statuses: bool = True) -> DashboardData:
        """The dashboard's figures: the last `weeks` weeks of activity, tasks, pipeline, dues,
        campaigns. `statuses=False` leaves the dues statuses out (empty): they read every member,
        so the window asks for them aside and draws the other charts first."""
        today = self.today()
        monday = today - dt.timedelta(days=today.weekday())
        period = Period(monday - dt.timedelta(days=7 * (weeks - 1)), monday + dt.timedelta(days=6))
        return DashboardData(
            weeks=tuple(self.week_counts(Scope(), period)),
            tasks=tuple(self.task_figures()),
            stages=tuple(self.stage_figures()),
            statuses=self.status_counts(today) if statuses else {},
            currency="EUR",
            campaigns=tuple(self.latest_campaigns()),
        )

    def latest_campaigns(self, limit: int = 5) -> list[CampaignFigures]:
        """The last `limit` campaigns that left the draft state, newest first (the campaigns
        list's order), with their sent messages and responders counted as `CampaignService.results`
        counts them, in one GROUP BY over their ledgers."""
        latest = (
            select(Campaign.id, Campaign.name, Campaign.created_at)
            .where(Campaign.deleted_at.is_(None), Campaign.status != "draft")
            .order_by(Campaign.created_at.desc(), Campaign.id.desc())
            .limit(limit)
        )
        with self._db.session() as session:
            rows = session.execute(latest).all()
            ids = [r[0] for r in rows]
            figures: dict[UUID, tuple[int, int]] = {}
            if ids:
                stmt = (
                    select(
                        CampaignRecipient.campaign_id,
                        func.count(case((CampaignRecipient.state == "sent", 1))),
                        func.count(func.distinct(case((CampaignRecipient.response != "", CampaignRecipient.party_id)))),
                    )
                    .where(CampaignRecipient.campaign_id.in_(ids))
                    .group_by(CampaignRecipient.campaign_id)
                )
                figures = {r[0]: (int(r[1]), int(r[2])) for r in session.execute(stmt)}
        return [CampaignFigures(r[0], r[1], *figures.get(r[0], (0, 0))) for r in rows]

    # ------------------------------------------------------------------ campaign report
    def campaigns(self) -> list[tuple[UUID, str]]:
        """Campaigns a report can be about, newest first."""
        return [(row.id, row.name) for row in CampaignService(self._db).campaigns()]

    def find_campaign(self, name_or_id: str) -> UUID:
        """A campaign by id or exact name, case ignored (NotFoundError otherwise)."""
        for campaign_id, name in self.campaigns():
            if str(campaign_id) == name_or_id or name.casefold() == name_or_id.strip().casefold():
                return campaign_id
        raise NotFoundError("campaign", name_or_id)

    def campaign_report(self, campaign_id: UUID, *, requested_by: str = "") -> CampaignReportData:
        """One campaign's results: the campaigns service's figures, each send's ledger counted
        per state (GROUP BY), and the won deals that came from it."""
        service = CampaignService(self._db)
        info = service.get(campaign_id)
        results = service.results(campaign_id)
        state = CampaignRecipient.state
        stmt = (
            select(
                CampaignStep.position,
                CampaignStep.audience,
                CampaignStep.subject,
                func.min(CampaignRecipient.sent_at),
                func.count(case((state == "sent", 1))),
                func.count(case((state == "failed", 1))),
                func.count(case((state == "bounced", 1))),
                func.count(case((state == "skipped", 1))),
                func.count(case((state.in_(("pending", "sending")), 1))),
                func.count(case((CampaignRecipient.response != "", 1))),
            )
            .join(CampaignRecipient, CampaignRecipient.step_id == CampaignStep.id, isouter=True)
            .where(CampaignStep.campaign_id == campaign_id)
            .group_by(CampaignStep.id, CampaignStep.position, CampaignStep.audience, CampaignStep.subject)
            .order_by(CampaignStep.position)
        )
        with self._db.session() as session:
            steps = tuple(
                CampaignStepFigures(
                    position=int(r[0]),
                    audience=r[1],
                    subject=r[2] or info.draft.subject,
                    first_sent=_local_day(r[3], self.tz),
                    sent=int(r[4]),
                    failed=int(r[5]),
                    bounced=int(r[6]),
                    skipped=int(r[7]),
                    waiting=int(r[8]),
                    responses=int(r[9]),
                )
                for r in session.execute(stmt)
            )
        deals = self._deal_lines([Deal.campaign_id == campaign_id, Deal.status == DealStatus.WON.value], Deal.closed_on)
        draft = info.draft
        period = Period(draft.start_date, draft.end_date) if draft.start_date and draft.end_date else None
        return CampaignReportData(
            header=self.header(requested_by=requested_by, period=period),
            campaign_id=campaign_id,
            name=draft.name,
            channel=draft.channel,
            objective=draft.objective,
            status=info.status,
            start_date=draft.start_date,
            end_date=draft.end_date,
            results=results,
            bounced=sum(s.bounced for s in steps),
            steps=steps,
            deals=tuple(deals),
            currency="EUR",
        )

    def status_counts(self, today: dt.date) -> dict[str, int]:
        """Members and former members per dues status: the figures of
        `MembershipService.status_counts`, counted in one pass over the members' roles (read from
        the covering index in party order) joined to their latest paid period, plus the people who
        paid without a member role; each status is a SUM, so no per-status sort either. On a
        million contacts (350,000 members) this is what the dashboard waits for."""
        soon = today + dt.timedelta(days=max(0, self._membership.settings().due_soon_days))
        current_role = and_(PartyRole.since <= today, or_(PartyRole.until.is_(None), PartyRole.until >= today))
        roles = (
            select(
                PartyRole.party_id.label("party_id"),
                func.max(case((current_role, 1), else_=0)).label("current"),
                func.max(case((PartyRole.until < today, 1), else_=0)).label("former"),
            )
            .where(PartyRole.role == "member")
            .group_by(PartyRole.party_id)
            .subquery()
        )
        paid = (
            select(
                Subscription.party_id.label("party_id"),
                func.max(case((Subscription.paid_on.is_not(None), Subscription.period_end), else_=None)).label(
                    "paid_until"
                ),
            )
            .where(Subscription.deleted_at.is_(None))
            .group_by(Subscription.party_id)
            .subquery()
        )
        # SQLite: NOT IN a list of the trashed parties (read from their index thanks to a range,
        # not IS NOT NULL), probed per member, beats joining every member to `party`. PostgreSQL:
        # an anti-join, since NOT IN over a list too big for work_mem is re-scanned for every row.
        trashed_list = select(Party.id).where(Party.deleted_at > dt.datetime(1970, 1, 1, tzinfo=dt.UTC))

        def live(party_id: Any) -> ColumnElement[bool]:
            if self._db.dialect == "sqlite":
                return party_id.not_in(trashed_list)  # type: ignore[no-any-return]
            return ~exists().where(Party.id == party_id, Party.deleted_at.is_not(None))

        def status(current: Any, former: Any, paid_until: Any) -> Any:
            return case(
                (and_(current == 0, former == 1), "resigned"),
                (paid_until.is_(None), case((current == 1, "never_paid"), else_="none")),
                (paid_until < today, "late"),
                (paid_until <= soon, "due_soon"),
                else_="up_to_date",
            ).label("status")

        with_role = (
            select(status(roles.c.current, roles.c.former, paid.c.paid_until))
            .select_from(roles)
            .outerjoin(paid, paid.c.party_id == roles.c.party_id)
            .where(live(roles.c.party_id))
        )
        paid_only = (
            select(status(literal(0), literal(0), paid.c.paid_until))
            .select_from(paid)
            .where(
                ~exists().where(PartyRole.party_id == paid.c.party_id, PartyRole.role == "member"),
                live(paid.c.party_id),
            )
        )
        inner = union_all(with_role, paid_only).subquery()
        stmt = select(*(func.coalesce(func.sum(case((inner.c.status == code, 1), else_=0)), 0) for code in STATUSES))
        with self._db.session() as session:
            row = session.execute(stmt).one()
        return {code: int(count) for code, count in zip(STATUSES, row, strict=True)}


class ReportCancelledError(Exception):
    """The user cancelled the report while it was being prepared."""


def _check(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise ReportCancelledError


def _money(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT)


def _local_day(value: Any, tz: dt.tzinfo) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return aware.astimezone(tz).date()
    if isinstance(value, dt.date):
        return value
    return None


__all__ = [
    "ACTIVITY_TYPES",
    "LOGO_IMAGE_KEY",
    "LOGO_KEY",
    "ActivityLine",
    "ActivityReportData",
    "CampaignFigures",
    "CampaignReportData",
    "CampaignStepFigures",
    "CollaboratorCounts",
    "ContactSheetData",
    "DashboardData",
    "DealLine",
    "Header",
    "LogoError",
    "MembershipReportData",
    "Period",
    "PeriodPreset",
    "PipelineReportData",
    "ReasonCount",
    "ReceiptLine",
    "ReportCancelledError",
    "ReportingService",
    "Scope",
    "SheetActivity",
    "StageFigures",
    "TaskCounts",
    "TypeCount",
    "WeekCount",
    "check_logo",
    "day_bounds",
    "week_mondays",
]
