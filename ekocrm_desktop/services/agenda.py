"""The agenda (issue 5, part B): appointments and tasks with a due date of one or several
collaborators (or a team) in a window of time, recurring appointments expanded for that window
only, and the edits a calendar makes: create from a slot, move, resize, "this occurrence" or
"the whole series", delete one occurrence.

Recurrence rules are RFC 5545 RRULE text evaluated with `dateutil` in the appointment's own time
zone (Europe/Paris by default), so a weekly 9:00 meeting stays at 9:00 local time across DST.
Series are never materialised: a window expands at most `MAX_PER_WINDOW` occurrences per series.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Sequence
from typing import Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import rrule as du
from sqlalchemy import ColumnElement, String, and_, event, or_, select, type_coerce, union_all
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Clock, Database
from ekocrm_desktop.models.activities import Activity, ActivityException, ActivityLink, ActivityType
from ekocrm_desktop.models.domains import TeamMember
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.activities import ACTIVITY, ActivityDraft, ActivityService
from ekocrm_desktop.services.alerts import AlertRequest, refresh_series_alerts
from ekocrm_desktop.services.errors import ConflictError, NotFoundError

DEFAULT_TIME_ZONE = "Europe/Paris"
#: Occurrences of one series expanded for one window (a daily series over a year is 366).
MAX_PER_WINDOW = 1000
#: A counted series longer than this is refused (imports report it).
MAX_COUNT = 5000
#: Appointments longer than this show from their start only (the window finds them by start).
MAX_SPAN = dt.timedelta(days=62)
TASK_STATUSES = ("todo", "in_progress", "done", "cancelled")
#: An appointment without an end shows this long.
DEFAULT_LENGTH = dt.timedelta(minutes=30)

FREQUENCIES = {"daily": du.DAILY, "weekly": du.WEEKLY, "monthly": du.MONTHLY}
_FREQ_NAMES = {"DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly"}
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

Scope = Literal["occurrence", "series"]

#: What the window reads of each activity (not whole entities: a week of a team is thousands of rows).
#: Owner and assignee ids come as stored (text on SQLite) and go through a small cache: the same
#: twenty collaborators appear on thousands of rows.
_ROW_COLUMNS = (
    Activity.id,
    Activity.version,
    Activity.type,
    Activity.subject,
    Activity.place,
    Activity.starts_at,
    Activity.ends_at,
    Activity.due_at,
    type_coerce(Activity.owner_id, String),
    type_coerce(Activity.assignee_id, String),
    Activity.is_task,
    Activity.status,
    Activity.private,
    Activity.recurrence_rule,
    Activity.time_zone,
)


@functools.lru_cache(maxsize=4096)
def _party_uuid(raw: str) -> UUID:
    return UUID(raw)


def _as_uuid(raw: object) -> UUID | None:
    if raw is None or isinstance(raw, UUID):
        return raw
    return _party_uuid(str(raw))


class _Row:
    """One activity of the window (the columns of `_ROW_COLUMNS`)."""

    __slots__ = (
        "assignee_id",
        "due_at",
        "ends_at",
        "id",
        "is_task",
        "owner_id",
        "place",
        "private",
        "recurrence_rule",
        "starts_at",
        "status",
        "subject",
        "time_zone",
        "type",
        "version",
    )

    def __init__(self, *values: Any) -> None:
        (
            self.id,
            self.version,
            self.type,
            self.subject,
            self.place,
            self.starts_at,
            self.ends_at,
            self.due_at,
            owner,
            assignee,
            self.is_task,
            self.status,
            self.private,
            self.recurrence_rule,
            self.time_zone,
        ) = values
        self.owner_id = _as_uuid(owner)
        self.assignee_id = _as_uuid(assignee)


def zone(name: str | None) -> dt.tzinfo:
    """The IANA zone of that name; the default zone when empty or unknown."""
    try:
        return ZoneInfo(name or DEFAULT_TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)


@dataclasses.dataclass(frozen=True)
class Recurrence:
    """A repetition rule as the form edits it: every `interval` days/weeks/months, until a date or N times."""

    frequency: str  # "daily", "weekly", "monthly"
    interval: int = 1
    #: Weekly rules: the days (0 = Monday); empty means the start's day.
    weekdays: tuple[int, ...] = ()
    count: int | None = None
    #: The last day (local date, inclusive) an occurrence may start.
    until: dt.date | None = None

    def to_rrule(self, tz: dt.tzinfo) -> str:
        """The RRULE text (UNTIL in UTC, as RFC 5545 requires when DTSTART has a zone)."""
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"unknown frequency {self.frequency!r}")
        parts = [f"FREQ={self.frequency.upper()}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.frequency == "weekly" and self.weekdays:
            parts.append("BYDAY=" + ",".join(_DAYS[d] for d in sorted(set(self.weekdays))))
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        elif self.until is not None:
            last = dt.datetime.combine(self.until, dt.time(23, 59, 59), tz).astimezone(dt.UTC)
            parts.append(f"UNTIL={last:%Y%m%dT%H%M%SZ}")
        return ";".join(parts)

    @classmethod
    def from_rrule(cls, text: str, tz: dt.tzinfo) -> Recurrence | None:
        """The form's view of a rule; None when the rule says more than the form can show."""
        fields = dict(part.split("=", 1) for part in text.upper().split(";") if "=" in part)
        frequency = _FREQ_NAMES.get(fields.pop("FREQ", ""))
        if frequency is None:
            return None
        interval = int(fields.pop("INTERVAL", "1"))
        weekdays: tuple[int, ...] = ()
        if "BYDAY" in fields:
            days = fields.pop("BYDAY").split(",")
            if any(day not in _DAYS for day in days):
                return None
            weekdays = tuple(_DAYS.index(day) for day in days)
        count = int(fields.pop("COUNT")) if "COUNT" in fields else None
        until = None
        if "UNTIL" in fields:
            until = _parse_until(fields.pop("UNTIL"), tz).astimezone(tz).date()
        fields.pop("WKST", None)
        if fields:
            return None
        return cls(frequency, interval, weekdays, count, until)


@dataclasses.dataclass(frozen=True)
class Occurrence:
    """One block (or task marker) in the agenda; times are aware UTC."""

    activity_id: UUID
    version: int
    kind: str  # "appointment" or "task"
    subject: str
    place: str
    start: dt.datetime
    end: dt.datetime
    #: Which of the shown collaborators it belongs to (owner, assignee or linked attendee).
    people: tuple[UUID, ...]
    #: The occurrence as the rule generates it (names it for exceptions); None when not recurring.
    original_start: dt.datetime | None = None
    #: A moved occurrence of a series.
    exception: bool = False
    status: str = ""
    private: bool = False

    @property
    def recurring(self) -> bool:
        """Part of a series (asks "this occurrence or the whole series" when edited)."""
        return self.original_start is not None


@dataclasses.dataclass(frozen=True)
class SeriesInfo:
    """A recurring appointment's rule, for the form."""

    rule: str
    recurrence: Recurrence | None
    time_zone: str


class AgendaService:
    """Reading a window of the agenda and editing appointments from it; announces `Changes.of("activity")`."""

    def __init__(
        self,
        db: Database,
        *,
        me: UUID | None = None,
        clock: Clock | None = None,
        time_zone: str = DEFAULT_TIME_ZONE,
    ) -> None:
        self._db = db
        self.me = me
        self._clock = clock or db.clock
        self.time_zone = time_zone
        self._activities = ActivityService(db, me=me, clock=self._clock)

    @property
    def tz(self) -> dt.tzinfo:
        """The zone new appointments live in."""
        return zone(self.time_zone)

    # ------------------------------------------------------------------ reading
    def team_members(self, team_id: UUID) -> list[UUID]:
        """The collaborators of a team, by name."""
        with self._db.session() as session:
            rows = session.execute(
                select(TeamMember.party_id)
                .join(Party, Party.id == TeamMember.party_id)
                .where(TeamMember.team_id == team_id, Party.deleted_at.is_(None))
                .order_by(Party.sort_name, Party.id)
            )
            return [row[0] for row in rows]

    def occurrences(
        self,
        start: dt.datetime,
        end: dt.datetime,
        collaborator_ids: Sequence[UUID] | None = None,
        *,
        tasks: bool = True,
    ) -> list[Occurrence]:
        """Appointments (series expanded) and due tasks overlapping [start, end), by start time.

        `collaborator_ids` None shows everything one can see (a one-user workspace); otherwise
        what each of them owns, is assigned or attends (is linked to).
        """
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("window bounds must be timezone-aware")
        start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
        people = None if collaborator_ids is None else list(dict.fromkeys(collaborator_ids))
        order = {p: i for i, p in enumerate(people or ())}
        with self._db.session() as session:
            window = self._window(start, end, tasks=tasks)
            rows = [_Row(*raw) for raw in session.execute(select(*_ROW_COLUMNS).where(window))]
            attendees = _attendees(session, window, people)
            exceptions = _exceptions(session, [row.id for row in rows if row.recurrence_rule])
        result: list[Occurrence] = []
        for row in rows:
            if people is None:
                who: tuple[UUID, ...] = ()
            else:
                if row.type != ActivityType.APPOINTMENT.value and row.assignee_id is not None:
                    # A task is in its assignee's agenda, not in that of whoever wrote it.
                    owners: set[UUID | None] = {row.assignee_id}
                else:
                    owners = {row.owner_id, row.assignee_id, *attendees.get(row.id, ())}
                who = tuple(sorted((p for p in owners if p in order), key=order.__getitem__))
                if not who:
                    continue
            result.extend(_expand(row, start, end, who, exceptions.get(row.id, {})))
        result.sort(key=lambda o: (o.start, o.end, o.subject.casefold(), o.activity_id))
        return result

    def _window(self, start: dt.datetime, end: dt.datetime, *, tasks: bool) -> ColumnElement[bool]:
        """The activities a window shows: appointments overlapping it (series still running), due tasks.

        Each kind is found through its own index (appointments by start, series in their partial
        index, tasks by due time, moved occurrences by their exceptions) and the ids united, so
        the query never walks a collaborator's whole history of calls and e-mails. Whose they are
        is decided afterwards, in Python, over these few rows.
        """
        live = Activity.deleted_at.is_(None)
        appointment = Activity.type == ActivityType.APPOINTMENT.value
        singles = select(Activity.id).where(
            live,
            appointment,
            Activity.recurrence_rule == "",
            # The lower bound lets the start index answer: longer appointments show from their start only.
            Activity.starts_at >= start - MAX_SPAN,
            Activity.starts_at < end,
            or_(Activity.ends_at > start, and_(Activity.ends_at.is_(None), Activity.starts_at >= start)),
        )
        series = select(Activity.id).where(
            live,
            appointment,
            Activity.recurrence_rule != "",
            Activity.starts_at < end,
            or_(Activity.recurrence_until.is_(None), Activity.recurrence_until >= start - dt.timedelta(days=31)),
        )
        moved = select(ActivityException.activity_id).where(
            ActivityException.moved_start < end, ActivityException.moved_end > start
        )
        parts = [singles, series, moved]
        if tasks:
            parts.append(
                select(Activity.id).where(
                    Activity.is_task == True,  # noqa: E712 - "= 1" lets SQLite use the tasks index
                    Activity.status.in_(TASK_STATUSES),
                    Activity.due_at >= start,
                    Activity.due_at < end,
                    Activity.type != ActivityType.APPOINTMENT.value,
                    live,
                )
            )
        return and_(live, Activity.id.in_(union_all(*parts)))

    def series(self, activity_id: UUID) -> SeriesInfo:
        """The rule of an appointment ("" when it does not repeat)."""
        with self._db.session() as session:
            activity = self._load(session, activity_id)
            tz = zone(activity.time_zone)
            rule = activity.recurrence_rule
            return SeriesInfo(rule, Recurrence.from_rrule(rule, tz) if rule else None, activity.time_zone)

    # ------------------------------------------------------------------ writing
    def create_appointment(
        self,
        subject: str,
        start: dt.datetime,
        end: dt.datetime,
        *,
        owner_id: UUID | None = None,
        party_ids: Sequence[UUID] = (),
        place: str = "",
        recurrence: Recurrence | None = None,
        alert: AlertRequest | None = None,
    ) -> UUID:
        """A new appointment (owned by `owner_id`, else the connected collaborator)."""
        draft = ActivityDraft(
            type=ActivityType.APPOINTMENT.value,
            subject=subject,
            occurred_at=start,
            starts_at=start,
            ends_at=end,
            place=place,
            owner_id=owner_id,
            party_ids=tuple(party_ids),
            alert=alert,
        )
        detail = self._activities.log(draft)
        self.set_recurrence(detail.id, recurrence, time_zone=self.time_zone)
        return detail.id

    def set_recurrence(
        self,
        activity_id: UUID,
        recurrence: Recurrence | str | None,
        *,
        time_zone: str | None = None,
        expected_version: int | None = None,
    ) -> None:
        """Make an appointment repeat (a `Recurrence` or RRULE text), or stop repeating (None)."""
        with self._db.write_session() as session:
            activity = self._load(session, activity_id, expected_version)
            if time_zone is not None:
                activity.time_zone = time_zone
            tz = zone(activity.time_zone)
            rule = recurrence.to_rrule(tz) if isinstance(recurrence, Recurrence) else (recurrence or "")
            if rule and activity.starts_at is None:
                raise ValueError("only an appointment with a start can repeat")
            activity.recurrence_rule = rule
            activity.recurrence_until = series_end(rule, activity.starts_at, tz) if rule else None
            if not rule:
                for exc in session.scalars(
                    select(ActivityException).where(ActivityException.activity_id == activity_id)
                ):
                    session.delete(exc)
            activity.updated_at = self._clock()
            session.flush()
            refresh_series_alerts(session, activity, self._clock())
            session.commit()
        self._db.announce(Changes.of(ACTIVITY, [activity_id]))

    def move(
        self,
        activity_id: UUID,
        new_start: dt.datetime,
        new_end: dt.datetime,
        *,
        original_start: dt.datetime | None = None,
        scope: Scope = "occurrence",
        expected_version: int | None = None,
    ) -> None:
        """Move or resize an appointment (or a task's due time, `new_end` ignored).

        For a series: `scope="occurrence"` moves only the occurrence that starts at
        `original_start` (stored as an exception); `"series"` shifts every occurrence by the same
        wall-clock amount and gives them the new length.
        """
        if new_start.tzinfo is None or new_end.tzinfo is None:
            raise ValueError("times must be timezone-aware")
        if new_end < new_start:
            raise ValueError("an appointment cannot end before it starts")
        with self._db.session() as session:
            activity = self._load(session, activity_id, expected_version)
            recurring = bool(activity.recurrence_rule)
            is_task_only = activity.type != ActivityType.APPOINTMENT.value
        if is_task_only:
            self._move_task(activity_id, new_start)
            return
        if not recurring:
            detail = self._activities.get(activity_id)
            draft = dataclasses.replace(detail.draft, starts_at=new_start, ends_at=new_end, occurred_at=new_start)
            self._activities.update(activity_id, detail.version, draft)
            return
        if original_start is None:
            raise ValueError("original_start names the occurrence of a series")
        original_start = original_start.astimezone(dt.UTC)
        with self._db.write_session() as session:
            activity = self._load(session, activity_id)
            if scope == "occurrence":
                exc = _exception(session, activity_id, original_start)
                exc.cancelled = False
                exc.moved_start = new_start.astimezone(dt.UTC)
                exc.moved_end = new_end.astimezone(dt.UTC)
            else:
                self._shift_series(session, activity, original_start, new_start, new_end)
            activity.updated_at = self._clock()
            session.flush()
            # Its alert follows the occurrence it waits for to where it was moved.
            refresh_series_alerts(session, activity, self._clock())
            session.commit()
        self._db.announce(Changes.of(ACTIVITY, [activity_id]))

    def _shift_series(
        self, session: Session, activity: Activity, original: dt.datetime, new_start: dt.datetime, new_end: dt.datetime
    ) -> None:
        tz = zone(activity.time_zone)
        # Wall-clock shift: moving this Monday's 9:00 to Tuesday 10:00 moves every Monday 9:00
        # to the next Tuesday 10:00, whichever side of a DST change each occurrence falls.
        shift = _local(new_start, tz) - _local(original, tz)
        assert activity.starts_at is not None
        series_start = _from_local(_local(activity.starts_at, tz) + shift, tz)
        activity.starts_at = series_start
        activity.ends_at = series_start + (new_end - new_start)
        activity.occurred_at = series_start
        for link in session.scalars(select(ActivityLink).where(ActivityLink.activity_id == activity.id)):
            link.occurred_at = series_start
        rule = activity.recurrence_rule
        day_shift = (_local(new_start, tz).date() - _local(original, tz).date()).days
        recurrence = Recurrence.from_rrule(rule, tz)
        if recurrence is not None and recurrence.weekdays and day_shift % 7:
            shifted = tuple((d + day_shift) % 7 for d in recurrence.weekdays)
            rule = dataclasses.replace(recurrence, weekdays=shifted).to_rrule(tz)
        activity.recurrence_rule = rule
        activity.recurrence_until = series_end(rule, series_start, tz)
        for exc in session.scalars(select(ActivityException).where(ActivityException.activity_id == activity.id)):
            exc.original_start = _from_local(_local(exc.original_start, tz) + shift, tz)

    def _move_task(self, activity_id: UUID, due: dt.datetime) -> None:
        detail = self._activities.get(activity_id)
        task = detail.draft.task
        if task is None:
            raise ValueError("not a task")
        draft = dataclasses.replace(detail.draft, task=dataclasses.replace(task, due_at=due))
        self._activities.update(activity_id, detail.version, draft)

    def reassign(self, activity_id: UUID, from_id: UUID, to_id: UUID) -> None:
        """Give an appointment of one collaborator to another (dragged from one's column to the other's).

        The owner changes when `from_id` owned it; an attendee is replaced when `from_id` attended.
        """
        if from_id == to_id:
            return
        detail = self._activities.get(activity_id)
        draft = detail.draft
        if draft.owner_id == from_id:
            draft = dataclasses.replace(
                draft, owner_id=to_id, party_ids=tuple(p for p in draft.party_ids if p != to_id)
            )
        elif from_id in draft.party_ids:
            people = [to_id if p == from_id else p for p in draft.party_ids]
            draft = dataclasses.replace(draft, party_ids=tuple(dict.fromkeys(people)))
        else:
            return
        self._activities.update(activity_id, detail.version, draft)

    def delete_occurrence(self, activity_id: UUID, original_start: dt.datetime) -> None:
        """Cancel one occurrence of a series (the others stay)."""
        with self._db.write_session() as session:
            activity = self._load(session, activity_id)
            exc = _exception(session, activity_id, original_start.astimezone(dt.UTC))
            exc.cancelled = True
            exc.moved_start = exc.moved_end = None
            activity.updated_at = self._clock()
            session.flush()
            refresh_series_alerts(session, activity, self._clock())
            session.commit()
        self._db.announce(Changes.of(ACTIVITY, [activity_id]))

    def restore_occurrence(self, activity_id: UUID, original_start: dt.datetime) -> None:
        """Put one occurrence back where the rule places it (drop its exception)."""
        with self._db.write_session() as session:
            activity = self._load(session, activity_id)
            exc = session.scalars(
                select(ActivityException).where(
                    ActivityException.activity_id == activity_id,
                    ActivityException.original_start == original_start.astimezone(dt.UTC),
                )
            ).one_or_none()
            if exc is not None:
                session.delete(exc)
            activity.updated_at = self._clock()
            session.flush()
            refresh_series_alerts(session, activity, self._clock())
            session.commit()
        self._db.announce(Changes.of(ACTIVITY, [activity_id]))

    def _load(self, session: Session, activity_id: UUID, expected_version: int | None = None) -> Activity:
        activity = session.get(Activity, activity_id)
        if activity is None or activity.deleted_at is not None:
            raise NotFoundError(f"activity {activity_id}")
        if expected_version is not None and activity.version != expected_version:
            raise ConflictError(self._activities.get(activity_id), expected_version=expected_version)
        return activity


# ---------------------------------------------------------------------------- keeping the series end right
@event.listens_for(Activity.starts_at, "set")
def _start_moved(target: Activity, value: dt.datetime | None, old: object, _initiator: object) -> None:
    """A series whose start changes (the activity form saves a new start) gets its last start recomputed.

    The window query skips series that ended before it on `recurrence_until`; a stale value would
    hide a series moved later by the form, which does not know about recurrences.
    """
    rule = target.recurrence_rule
    if rule and value is not None and value != old:
        try:
            target.recurrence_until = series_end(rule, value, zone(target.time_zone))
        except (ValueError, TypeError):
            target.recurrence_until = None


# ---------------------------------------------------------------------------- recurrence helpers
def _local(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """Wall-clock time in `tz`, naive (arithmetic on it keeps local hours across DST)."""
    return moment.astimezone(tz).replace(tzinfo=None)


def _from_local(naive: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    return naive.replace(tzinfo=tz).astimezone(dt.UTC)


def _parse_until(text: str, tz: dt.tzinfo) -> dt.datetime:
    text = text.strip()
    if text.endswith("Z"):
        return dt.datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    if "T" in text:
        return dt.datetime.strptime(text, "%Y%m%dT%H%M%S").replace(tzinfo=tz)
    day = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    return dt.datetime.combine(day, dt.time(23, 59, 59), tz)


def build_rule(rule: str, start: dt.datetime, tz: dt.tzinfo) -> du.rrule | du.rruleset:
    """The dateutil rule of an RRULE text, starting at `start` in the wall-clock time of `tz`."""
    return du.rrulestr(rule, dtstart=start.astimezone(tz))


def series_end(rule: str, start: dt.datetime | None, tz: dt.tzinfo) -> dt.datetime | None:
    """When the last occurrence starts (UTC), None for an endless series."""
    if not rule or start is None:
        return None
    parsed = build_rule(rule, start, tz)
    fields = rule.upper()
    if "COUNT=" not in fields and "UNTIL=" not in fields:
        return None
    last = None
    for occurrence in itertools.islice(parsed, MAX_COUNT):
        last = occurrence
    return last.astimezone(dt.UTC) if last is not None else start.astimezone(dt.UTC)


def rule_problem(rule: str, start: dt.datetime, tz: dt.tzinfo) -> str | None:
    """Why a rule is refused ("frequency", "count", "dense", "invalid"), None when it is fine.

    The agenda expands series window by window; a rule that would put hundreds of occurrences in
    a day, or a counted series of tens of thousands, is a mistake or an attack, not a meeting.
    """
    fields = dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)
    if fields.get("FREQ") not in {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}:
        return "frequency"
    try:
        if int(fields.get("COUNT", "0")) > MAX_COUNT:
            return "count"
        parsed = build_rule(rule, start, tz)
        first_month = parsed.between(start, start + dt.timedelta(days=31), inc=True)
    except (ValueError, TypeError, OverflowError):
        return "invalid"
    if len(first_month) > 62:
        return "dense"
    return None


def _expand(
    row: Any,
    start: dt.datetime,
    end: dt.datetime,
    who: tuple[UUID, ...],
    exceptions: dict[dt.datetime, ActivityException],
) -> Iterable[Occurrence]:
    is_appointment = row.type == ActivityType.APPOINTMENT.value and row.starts_at is not None
    base: dict[str, Any] = {
        "activity_id": row.id,
        "version": row.version,
        "subject": row.subject,
        "place": row.place,
        "people": who,
        "status": row.status if row.is_task else "",
        "private": row.private,
    }
    if not is_appointment:
        assert row.due_at is not None
        yield Occurrence(kind="task", start=row.due_at, end=row.due_at, **base)
        return
    assert row.starts_at is not None
    length = (row.ends_at - row.starts_at) if row.ends_at is not None else DEFAULT_LENGTH
    if not row.recurrence_rule:
        yield Occurrence(kind="appointment", start=row.starts_at, end=row.starts_at + length, **base)
        return
    tz = zone(row.time_zone)
    try:
        rule = build_rule(row.recurrence_rule, row.starts_at, tz)
    except (ValueError, TypeError):
        # An unreadable rule (imported by an older version, edited by hand) shows the first one.
        yield Occurrence(kind="appointment", start=row.starts_at, end=row.starts_at + length, **base)
        return
    local_length = _local(row.starts_at + length, tz) - _local(row.starts_at, tz)
    after = start.astimezone(tz) - local_length - dt.timedelta(days=1)
    produced = 0
    for local_start in rule.xafter(after, inc=True):
        occurrence_start = local_start.astimezone(dt.UTC)
        if occurrence_start >= end or produced >= MAX_PER_WINDOW:
            break
        occurrence_end = _from_local(local_start.replace(tzinfo=None) + local_length, tz)
        if occurrence_end <= start and occurrence_start < start:
            continue
        if occurrence_start in exceptions:
            continue
        produced += 1
        yield Occurrence(
            kind="appointment",
            start=occurrence_start,
            end=occurrence_end,
            original_start=occurrence_start,
            **base,
        )
    for original, exc in exceptions.items():
        if exc.cancelled or exc.moved_start is None or exc.moved_end is None:
            continue
        if exc.moved_start < end and (exc.moved_end > start or exc.moved_start >= start):
            yield Occurrence(
                kind="appointment",
                start=exc.moved_start,
                end=exc.moved_end,
                original_start=original,
                exception=True,
                **base,
            )


def _exception(session: Session, activity_id: UUID, original_start: dt.datetime) -> ActivityException:
    exc = session.scalars(
        select(ActivityException).where(
            ActivityException.activity_id == activity_id, ActivityException.original_start == original_start
        )
    ).one_or_none()
    if exc is None:
        exc = ActivityException(activity_id=activity_id, original_start=original_start)
        session.add(exc)
    return exc


def _exceptions(session: Session, ids: list[UUID]) -> dict[UUID, dict[dt.datetime, ActivityException]]:
    result: dict[UUID, dict[dt.datetime, ActivityException]] = {}
    if not ids:
        return result
    for exc in session.scalars(select(ActivityException).where(ActivityException.activity_id.in_(ids))):
        result.setdefault(exc.activity_id, {})[exc.original_start.astimezone(dt.UTC)] = exc
    return result


def _attendees(session: Session, window: ColumnElement[bool], people: list[UUID] | None) -> dict[UUID, set[UUID]]:
    """Which of the people shown attend (are linked to) each activity of the window, in one query."""
    result: dict[UUID, set[UUID]] = {}
    if not people:
        return result
    rows = session.execute(
        select(ActivityLink.activity_id, type_coerce(ActivityLink.party_id, String))
        .join(Activity, Activity.id == ActivityLink.activity_id)
        .where(window, ActivityLink.party_id.in_(people))
    )
    for activity_id, raw in rows:
        party_id = _as_uuid(raw)
        if party_id is not None:
            result.setdefault(activity_id, set()).add(party_id)
    return result


__all__ = [
    "DEFAULT_TIME_ZONE",
    "MAX_COUNT",
    "MAX_PER_WINDOW",
    "AgendaService",
    "Occurrence",
    "Recurrence",
    "Scope",
    "SeriesInfo",
    "build_rule",
    "rule_problem",
    "series_end",
    "zone",
]
