"""Alerts on tasks and appointments that fire exactly once per person (issue 5).

An alert waits for `next_fire_at` (UTC). `due_alerts(now)` returns those that fell due for the
connected person and *claims* each in the fired-alerts ledger (`alert_delivery`): an INSERT that
ignores a conflict on the unique (alert, occurrence, recipient) key. Only the client whose row
went in shows the alert, so the same person with the app open on two machines sees it once; a
clock moved backwards or a daylight-saving change cannot fire it again (the ledger keeps the
occurrence) and cannot skip it (times are compared in UTC, `next_fire_at <= now`). Alerts that
fell due while the app was closed are simply still pending: the first check after start shows
them. A snooze schedules a new occurrence; a dismissal ends the alert.

An alert "N minutes before" a recurring appointment follows its series: it is about one
occurrence at a time (`Alert.occurrence_start`, the start as the rule places it, which also
names cancelled and moved occurrences), fires N minutes before where that occurrence is now,
and, once shown, already waits for the next one (shown or not, dismissed or not: next week's
meeting reminds whatever was done with this week's). Dismiss and snooze act on the occurrence
shown. The ledger row names the occurrence and its round (1, then +1 per snooze) under a unique
index, so each occurrence pops up once per person and round. Occurrences are never stored: the
rule is expanded between what was last shown and now, and when the app was closed through
several of them only the latest is shown. A clock moved backwards finds nothing after what was
last shown; a DST change moves the local hours, not the UTC instants compared.

Everything is computed on the database: no cron, no server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import socket
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Clock, Database
from ekocrm_desktop.models.activities import (
    Activity,
    ActivityException,
    ActivityType,
    Alert,
    AlertDelivery,
    AlertState,
    TaskStatus,
)
from ekocrm_desktop.models.ids import uuid7

ALERT = "alert"
#: Ledger key of a one-user workspace (no collaborator is connected: whoever uses it).
WORKSPACE_RECIPIENT = "workspace"
_CLOSED = (TaskStatus.DONE.value, TaskStatus.CANCELLED.value)


@dataclasses.dataclass(frozen=True)
class AlertRequest:
    """When to remind: at a given time, or N minutes before the due time / start (days = N*1440)."""

    at: dt.datetime | None = None
    minutes_before: int | None = None

    def fire_time(self, anchor: dt.datetime | None) -> dt.datetime | None:
        """The UTC instant it fires, from the task's due time or the appointment's start."""
        if self.at is not None:
            return self.at.astimezone(dt.UTC)
        if anchor is None:
            return None
        return (anchor - dt.timedelta(minutes=self.minutes_before or 0)).astimezone(dt.UTC)


@dataclasses.dataclass(frozen=True)
class DueAlert:
    """An alert to show: what it is about and when it was due."""

    alert_id: UUID
    activity_id: UUID
    occurrence: int
    fire_at: dt.datetime
    subject: str
    activity_type: str
    is_task: bool
    due_at: dt.datetime | None
    starts_at: dt.datetime | None
    place: str
    state: str
    #: A recurring appointment's occurrence (its start as the rule places it); None otherwise.
    occurrence_start: dt.datetime | None = None


# ---------------------------------------------------------------------------- series
@dataclasses.dataclass(frozen=True)
class _Occurrence:
    """One occurrence of a series: named by its rule start, shown at `start` (moved or not); UTC."""

    original: dt.datetime
    start: dt.datetime


_EPSILON = dt.timedelta(microseconds=1)


class _Series:
    """The occurrences of a recurring appointment, without its cancelled ones, moved ones where they are."""

    def __init__(self, activity: Activity, exceptions: Iterable[ActivityException]) -> None:
        # Imported here: the agenda service builds on this module (an appointment form sets alerts).
        from ekocrm_desktop.services.agenda import build_rule, zone

        assert activity.starts_at is not None
        self._tz = zone(activity.time_zone)
        self._text = activity.recurrence_rule
        self._build = build_rule
        self._start = activity.starts_at.astimezone(self._tz).replace(tzinfo=None)
        self._rule = build_rule(self._text, activity.starts_at, self._tz)
        self._period = _rebase_period(self._text)
        self._cancelled: set[dt.datetime] = set()
        self._moved: dict[dt.datetime, dt.datetime] = {}
        for exc in exceptions:
            original = exc.original_start.astimezone(dt.UTC)
            if exc.cancelled or exc.moved_start is None:
                self._cancelled.add(original)
            else:
                self._moved[original] = exc.moved_start.astimezone(dt.UTC)

    def _rule_near(self, moment: dt.datetime) -> Any:
        """The rule, started at the last whole period before `moment` when that gives the same occurrences.

        dateutil walks a rule from its start: a daily meeting of three years is a thousand steps
        at each look. A daily or weekly rule without a count repeats every `period` days of wall
        clock, so a start moved on by whole periods (same weekday, same local time) makes the
        same occurrences from there, in a few steps, and on the same UTC instants across DST.
        """
        if self._period is None:
            return self._rule
        local = moment.astimezone(self._tz).replace(tzinfo=None)
        periods = (local - self._start).days // self._period - 1
        if periods <= 0:
            return self._rule
        start = (self._start + dt.timedelta(days=periods * self._period)).replace(tzinfo=self._tz)
        return self._build(self._text, start, self._tz)

    def _from_rule(self, after: dt.datetime, *, inc: bool = False) -> Iterable[dt.datetime]:
        for local in self._rule_near(after).xafter(after.astimezone(self._tz), inc=inc):
            yield local.astimezone(dt.UTC)

    def _kept(self, after: dt.datetime) -> Iterable[_Occurrence]:
        for original in self._from_rule(after):
            if original not in self._cancelled and original not in self._moved:
                yield _Occurrence(original, original)

    def between(self, low: dt.datetime, high: dt.datetime) -> list[_Occurrence]:
        """Occurrences starting in (low, high], by start."""
        found = [_Occurrence(o, s) for o, s in self._moved.items() if low < s <= high]
        for occurrence in self._kept(low):
            if occurrence.start > high:
                break
            found.append(occurrence)
        return sorted(found, key=lambda o: o.start)

    def first_after(self, moment: dt.datetime) -> _Occurrence | None:
        """The first occurrence starting after `moment`."""
        found = [_Occurrence(o, s) for o, s in self._moved.items() if s > moment]
        found.extend(itertools.islice(self._kept(moment), 1))
        return min(found, key=lambda o: o.start, default=None)

    def find(self, original: dt.datetime) -> _Occurrence | None:
        """Where that occurrence is now (None once cancelled, or when the rule no longer makes it)."""
        if original in self._cancelled:
            return None
        if original in self._moved:
            return _Occurrence(original, self._moved[original])
        made = next(iter(self._from_rule(original, inc=True)), None)
        if made != original:
            return None  # the whole series moved since
        return _Occurrence(original, original)


def _rebase_period(rule: str) -> int | None:
    """Days after which a rule repeats itself exactly (daily or weekly, no count); None otherwise."""
    fields = dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)
    frequency = fields.pop("FREQ", "")
    interval = fields.pop("INTERVAL", "1")
    fields.pop("UNTIL", None)
    fields.pop("WKST", None)
    if frequency == "WEEKLY":
        fields.pop("BYDAY", None)
    if fields or frequency not in ("DAILY", "WEEKLY") or not interval.isdigit() or int(interval) < 1:
        return None
    return int(interval) * (7 if frequency == "WEEKLY" else 1)


def _follows_series(activity: Activity, alert: Alert) -> bool:
    """An alert "N minutes before" a recurring appointment (a task counts from its single due time)."""
    return (
        bool(activity.recurrence_rule)
        and activity.type == ActivityType.APPOINTMENT.value
        and activity.starts_at is not None
        and alert.offset_minutes is not None
        and not (activity.is_task and activity.due_at is not None)
    )


def _series(
    session: Session, activity: Activity, exceptions: Iterable[ActivityException] | None = None
) -> _Series | None:
    """The activity's series; None when its rule cannot be read (the alert then acts as a one-off)."""
    if exceptions is None:
        exceptions = session.scalars(select(ActivityException).where(ActivityException.activity_id == activity.id))
    try:
        return _Series(activity, exceptions)
    except (ValueError, TypeError):
        return None


def _offset(alert: Alert) -> dt.timedelta:
    return dt.timedelta(minutes=alert.offset_minutes or 0)


def _watermark(alert: Alert) -> dt.datetime:
    """The fire time up to which the series' occurrences are done with (the current one included once shown)."""
    return alert.fire_at - _EPSILON if alert.state == AlertState.PENDING.value else alert.fire_at


def _next_series_fire(alert: Alert, series: _Series) -> dt.datetime | None:
    """When the next occurrence not shown yet fires (or the snooze, if earlier)."""
    following = series.first_after(_watermark(alert) + _offset(alert))
    times = [following.start - _offset(alert)] if following is not None else []
    if alert.state == AlertState.SNOOZED.value and alert.snoozed_until is not None:
        times.append(alert.snoozed_until)
    return min(times, default=None)


def _target_series(alert: Alert, series: _Series, now: dt.datetime, *, counter: int) -> None:
    """Point a (new or changed) alert at the first occurrence still to come and wait for it."""
    target = series.first_after(now)
    alert.occurrence = counter
    alert.snoozed_until = None
    if target is None:
        # The series is over: the alert stays (the form and an export show it) but waits for nothing.
        alert.state = AlertState.PENDING.value
        alert.next_fire_at = None
        return
    same = alert.occurrence_start is not None and alert.occurrence_start.astimezone(dt.UTC) == target.original
    alert.occurrence_round = (alert.occurrence_round or 0) + 1 if same else 1
    alert.occurrence_start = target.original
    alert.fire_at = target.start - _offset(alert)
    alert.state = AlertState.PENDING.value
    alert.next_fire_at = alert.fire_at


def refresh_series_alerts(session: Session, activity: Activity, now: dt.datetime) -> None:
    """The activity's rule, start or exceptions changed: keep its alerts on the right occurrences.

    An alert made before the appointment became recurring starts following its series; one
    whose series stopped repeating becomes a one-off again (waiting only if the start is to
    come: an old meeting does not remind once more). An alert still waiting moves to the
    occurrence to come (the one it waited for, if it is still there, wherever it was moved); a
    shown one keeps its state and only learns when the next occurrence fires.
    """
    for alert in session.scalars(select(Alert).where(Alert.activity_id == activity.id)):
        if _follows_series(activity, alert):
            series = _series(session, activity)
            if series is None:
                continue
            if alert.occurrence_start is None:
                _target_series(alert, series, now, counter=alert.occurrence + 1)
            elif alert.state == AlertState.PENDING.value:
                current = series.find(alert.occurrence_start.astimezone(dt.UTC))
                upcoming = series.first_after(now)
                choices = [o for o in (current, upcoming) if o is not None]
                if not choices:  # nothing left to come: it waits for nothing
                    alert.next_fire_at = None
                    continue
                target = min(choices, key=lambda o: o.start)
                alert.occurrence_start = target.original
                alert.fire_at = target.start - _offset(alert)
                alert.next_fire_at = alert.fire_at
            else:
                alert.next_fire_at = _next_series_fire(alert, series)
        elif alert.occurrence_start is not None and activity.starts_at is not None:
            # No longer recurring: a one-off alert before its start, if that is still to come.
            alert.occurrence_start = None
            alert.occurrence += 1
            alert.fire_at = activity.starts_at - _offset(alert)
            alert.snoozed_until = None
            alert.state = AlertState.PENDING.value
            alert.next_fire_at = alert.fire_at if activity.starts_at > now else None


def schedule_alert(
    session: Session, activity: Activity, request: AlertRequest | None, *, recipient_id: UUID | None, now: dt.datetime
) -> None:
    """Keep the activity's alert in line with the form: create it, move it (a new occurrence), or remove it.

    Unchanged (same time, same person) it keeps its state: saving a task again never re-fires a
    shown alert. A task done or cancelled stops its alert. On a recurring appointment, "N
    minutes before" follows the series (see the module's docstring).
    """
    existing = list(session.scalars(select(Alert).where(Alert.activity_id == activity.id).order_by(Alert.created_at)))
    if request is None:
        for alert in existing:
            session.delete(alert)
        return
    anchor = activity.due_at if activity.is_task and activity.due_at is not None else activity.starts_at
    fire_at = request.fire_time(anchor)
    if fire_at is None:
        raise ValueError("an alert before the due time needs a due time")
    closed = activity.is_task and activity.status in _CLOSED
    for extra in existing[1:]:
        session.delete(extra)
    offset = request.minutes_before if request.at is None else None
    if not existing:
        alert = Alert(
            id=uuid7(),
            activity_id=activity.id,
            recipient_id=recipient_id,
            fire_at=fire_at,
            offset_minutes=offset,
            next_fire_at=None if closed else fire_at,
            state=AlertState.DISMISSED.value if closed else AlertState.PENDING.value,
            occurrence=1,
            occurrence_round=0,
        )
        session.add(alert)
        if _follows_series(activity, alert) and (series := _series(session, activity)) is not None:
            _target_series(alert, series, now, counter=1)
        return
    alert = existing[0]
    changed = alert.recipient_id != recipient_id or alert.offset_minutes != offset
    alert.recipient_id = recipient_id
    alert.offset_minutes = offset
    if _follows_series(activity, alert) and (series := _series(session, activity)) is not None:
        if changed or alert.occurrence_start is None:
            # New, or another delay or person: start again from the occurrence to come.
            _target_series(alert, series, now, counter=alert.occurrence + 1)
        else:
            # The form saved again: what was shown stays shown; a moved start is followed.
            refresh_series_alerts(session, activity, now)
        return
    if alert.occurrence_start is not None:
        # The appointment stopped repeating (or the alert is now at a fixed time): a one-off again.
        alert.occurrence_start = None
        changed = True
    if changed or alert.fire_at != fire_at:
        # Rescheduled: a new occurrence, which the ledger has never seen.
        alert.fire_at = fire_at
        alert.occurrence += 1
        alert.state = AlertState.PENDING.value
        alert.next_fire_at = fire_at
        alert.snoozed_until = None
    if closed and alert.state in (AlertState.PENDING.value, AlertState.SNOOZED.value):
        alert.state = AlertState.DISMISSED.value
        alert.next_fire_at = None


def stop_alerts(session: Session, activity_ids: Sequence[UUID]) -> None:
    """Tasks done or cancelled: their waiting alerts will not fire."""
    session.execute(
        update(Alert)
        .where(Alert.activity_id.in_(activity_ids), Alert.next_fire_at.is_not(None))
        .values(state=AlertState.DISMISSED.value, next_fire_at=None)
        .execution_options(synchronize_session=False)
    )


class AlertService:
    """Due alerts (claimed once in the ledger), the open alerts of the panel, snooze and dismiss."""

    def __init__(
        self,
        db: Database,
        *,
        me: UUID | None = None,
        clock: Clock | None = None,
        machine: str | None = None,
    ) -> None:
        self._db = db
        #: The connected collaborator; None on a one-user workspace (every alert is theirs).
        self.me = me
        self._clock = clock or db.clock
        self.machine = (machine if machine is not None else socket.gethostname())[:120]

    def now(self) -> dt.datetime:
        """The service's clock (injected in tests, advanced to see alerts fire)."""
        return self._clock()

    @property
    def recipient_key(self) -> str:
        """Whose ledger rows this client writes."""
        return str(self.me) if self.me is not None else WORKSPACE_RECIPIENT

    def _mine(self) -> Any:
        return Alert.recipient_id == self.me if self.me is not None else True

    # ------------------------------------------------------------------ firing
    def due_alerts(self, now: dt.datetime | None = None) -> list[DueAlert]:
        """Alerts due at `now` for the connected person, each claimed in the ledger; only claimed ones return.

        Another machine of the same person that claimed an alert first makes it absent here.
        """
        now = (now or self.now()).astimezone(dt.UTC)
        claimed: list[DueAlert] = []
        with self._db.session() as session:
            # Most checks find nothing: read first, so they never take the (SQLite) write lock.
            # An alert of an activity in the trash never fires: it must not wake this either,
            # or every check would take the write lock for it until the trash is emptied.
            anything = session.execute(
                select(Alert.id)
                .join(Activity, Activity.id == Alert.activity_id)
                .where(Alert.next_fire_at.is_not(None), Alert.next_fire_at <= now, self._mine())
                .where(Activity.deleted_at.is_(None))
                .limit(1)
            ).first()
        if anything is None:
            return []
        with self._db.write_session() as session:
            candidates = session.execute(
                select(Alert, Activity)
                .join(Activity, Activity.id == Alert.activity_id)
                .where(Alert.next_fire_at.is_not(None), Alert.next_fire_at <= now, self._mine())
                .where(Activity.deleted_at.is_(None))
                .order_by(Alert.next_fire_at, Alert.id)
            ).all()
            # The exceptions of every series that fell due, in one query.
            recurring = [activity.id for alert, activity in candidates if _follows_series(activity, alert)]
            exceptions: dict[UUID, list[ActivityException]] = {activity_id: [] for activity_id in recurring}
            if recurring:
                for exc in session.scalars(
                    select(ActivityException).where(ActivityException.activity_id.in_(recurring))
                ):
                    exceptions[exc.activity_id].append(exc)
            for alert, activity in candidates:
                if (
                    activity.id in exceptions
                    and (series := _series(session, activity, exceptions[activity.id])) is not None
                ):
                    shown = self._fire_series(session, alert, activity, series, now)
                    if shown is not None:
                        claimed.append(shown)
                    continue
                occurrence = alert.occurrence
                if self._claim(session, alert.id, occurrence, now):
                    claimed.append(_due(alert, activity, AlertState.FIRED.value))
                # Whoever claimed it, this occurrence is over: the row says so (a snooze meanwhile
                # made a new occurrence, which this UPDATE leaves alone).
                session.execute(
                    update(Alert)
                    .where(Alert.id == alert.id, Alert.occurrence == occurrence)
                    .values(state=AlertState.FIRED.value, next_fire_at=None, updated_at=now)
                    .execution_options(synchronize_session=False)
                )
            session.commit()
        if candidates:
            self._db.announce(Changes.of(ALERT, [a.alert_id for a in claimed]))
        return claimed

    def _fire_series(
        self, session: Session, alert: Alert, activity: Activity, series: _Series, now: dt.datetime
    ) -> DueAlert | None:
        """Show the latest occurrence of a series that fell due (once), and wait for the next one.

        The occurrences since the last one shown that fell due are looked at: the latest is
        shown, older ones (the app was closed for weeks) are passed over. Otherwise a snooze that
        ran out shows the same occurrence again. Nothing due (the occurrence waited for was
        cancelled or moved later): the alert only learns when to look again.
        """
        offset = _offset(alert)
        counter = alert.occurrence
        current = alert.occurrence_start.astimezone(dt.UTC) if alert.occurrence_start is not None else None
        due = series.between(_watermark(alert) + offset, now + offset)
        target: _Occurrence | None = None
        if due:
            target = due[-1]
            if target.original != current:
                round_ = 1
            elif alert.state in (AlertState.PENDING.value, AlertState.SNOOZED.value):
                round_ = max(alert.occurrence_round, 1)
            else:  # shown, then moved later: it reminds again before its new time
                round_ = alert.occurrence_round + 1
        elif (
            alert.state == AlertState.SNOOZED.value
            and alert.snoozed_until is not None
            and alert.snoozed_until <= now
            and current is not None
        ):
            target = series.find(current)
            round_ = alert.occurrence_round
        guard = update(Alert).where(Alert.id == alert.id, Alert.occurrence == counter)
        if target is None:
            session.execute(
                guard.values(next_fire_at=_next_series_fire(alert, series)).execution_options(synchronize_session=False)
            )
            return None
        following = series.first_after(target.start)
        fire_at = target.start - offset
        shown = self._claim(
            session, alert.id, counter + 1, now, occurrence_start=target.original, occurrence_round=round_
        )
        # Whoever claimed it, this occurrence is shown: the row waits for the next one already. The
        # guard leaves alone a row another machine (or a snooze) moved on meanwhile.
        session.execute(
            guard.values(
                occurrence=counter + 1,
                occurrence_start=target.original,
                occurrence_round=round_,
                fire_at=fire_at,
                snoozed_until=None,
                state=AlertState.FIRED.value,
                next_fire_at=following.start - offset if following is not None else None,
                updated_at=now,
            ).execution_options(synchronize_session=False)
        )
        if not shown:
            return None
        return dataclasses.replace(
            _due(alert, activity, AlertState.FIRED.value),
            occurrence=counter + 1,
            fire_at=fire_at,
            starts_at=target.start,
            occurrence_start=target.original,
        )

    def _claim(
        self,
        session: Session,
        alert_id: UUID,
        occurrence: int,
        now: dt.datetime,
        *,
        occurrence_start: dt.datetime | None = None,
        occurrence_round: int | None = None,
    ) -> bool:
        values: dict[str, Any] = {
            "id": uuid7(),
            "alert_id": alert_id,
            "occurrence": occurrence,
            "recipient_key": self.recipient_key,
            "claimed_by": self._db.actor,
            "machine": self.machine,
            "claimed_at": now,
            "occurrence_start": occurrence_start,
            "occurrence_round": occurrence_round,
        }
        dialect = postgresql if self._db.dialect == "postgresql" else sqlite
        stmt = dialect.insert(AlertDelivery).values(**values).on_conflict_do_nothing().returning(AlertDelivery.id)
        # RETURNING says whether this row went in (rowcount is not reliable on every driver).
        return session.execute(stmt).scalar_one_or_none() is not None

    # ------------------------------------------------------------------ the panel
    def open_alerts(self) -> list[DueAlert]:
        """Alerts shown and not dismissed yet (the badge counts them), oldest first."""
        with self._db.session() as session:
            rows = session.execute(
                select(Alert, Activity, ActivityException.moved_start)
                .join(Activity, Activity.id == Alert.activity_id)
                # A series' occurrence shows where it was moved to.
                .outerjoin(
                    ActivityException,
                    and_(
                        ActivityException.activity_id == Alert.activity_id,
                        ActivityException.original_start == Alert.occurrence_start,
                    ),
                )
                .where(Alert.state == AlertState.FIRED.value, self._mine(), Activity.deleted_at.is_(None))
                .order_by(Alert.fire_at, Alert.id)
            ).all()
            return [_due(alert, activity, alert.state, moved) for alert, activity, moved in rows]

    def pending_count(self) -> int:
        """Alerts still waiting for their time (for the status bar's tooltip)."""
        with self._db.session() as session:
            return int(
                session.execute(
                    select(func.count()).select_from(Alert).where(Alert.next_fire_at.is_not(None), self._mine())
                ).scalar_one()
            )

    def snooze(self, alert_ids: Iterable[UUID], until: dt.datetime) -> None:
        """Show again at `until`: a new occurrence, which the ledger lets fire once more."""
        if until.tzinfo is None:
            raise ValueError("until must be timezone-aware")
        ids = list(alert_ids)
        until = until.astimezone(dt.UTC)
        with self._db.write_session() as session:
            for alert, activity in session.execute(
                select(Alert, Activity).join(Activity, Activity.id == Alert.activity_id).where(Alert.id.in_(ids))
            ):
                alert.occurrence += 1
                alert.occurrence_round += 1
                alert.state = AlertState.SNOOZED.value
                alert.next_fire_at = until
                alert.snoozed_until = until
                if _follows_series(activity, alert) and (series := _series(session, activity)) is not None:
                    # The next occurrence still reminds in time, even snoozed past it (it then replaces this one).
                    alert.next_fire_at = _next_series_fire(alert, series)
            session.commit()
        self._db.announce(Changes.of(ALERT, ids))

    def dismiss(self, alert_ids: Iterable[UUID]) -> None:
        """Done with these alerts: they leave the panel and never fire again."""
        ids = list(alert_ids)
        with self._db.write_session() as session:
            session.execute(
                update(Alert)
                .where(Alert.id.in_(ids))
                .values(state=AlertState.DISMISSED.value, next_fire_at=None, updated_at=self.now())
                .execution_options(synchronize_session=False)
            )
            # A series' alert is done with this occurrence only: it waits for the next one.
            for alert, activity in session.execute(
                select(Alert, Activity)
                .join(Activity, Activity.id == Alert.activity_id)
                .where(Alert.id.in_(ids), Alert.occurrence_start.is_not(None))
            ):
                if _follows_series(activity, alert) and (series := _series(session, activity)) is not None:
                    alert.snoozed_until = None
                    alert.next_fire_at = _next_series_fire(alert, series)
            session.commit()
        self._db.announce(Changes.of(ALERT, ids))

    def remove(self, activity_id: UUID) -> None:
        """Remove an activity's alert altogether."""
        with self._db.write_session() as session:
            session.execute(delete(Alert).where(Alert.activity_id == activity_id))
            session.commit()
        self._db.announce(Changes.of(ALERT, [activity_id]))


def snooze_times(now: dt.datetime, tz: dt.tzinfo | None = None) -> dict[str, dt.datetime]:
    """The snooze choices from `now`: in 10 minutes, in an hour, tomorrow at 9:00 (local time)."""
    local = now.astimezone(tz) if tz is not None else now.astimezone()
    tomorrow = local.date() + dt.timedelta(days=1)
    nine = dt.datetime.combine(tomorrow, dt.time(9, 0))
    nine = nine.replace(tzinfo=tz) if tz is not None else nine.astimezone()
    return {
        "10min": now + dt.timedelta(minutes=10),
        "1h": now + dt.timedelta(hours=1),
        "tomorrow": nine.astimezone(dt.UTC),
    }


def _due(alert: Alert, activity: Activity, state: str, moved_start: dt.datetime | None = None) -> DueAlert:
    starts_at = activity.starts_at
    if alert.occurrence_start is not None:
        # A series: the occurrence it is about, where it is now.
        starts_at = moved_start or alert.occurrence_start
    return DueAlert(
        alert_id=alert.id,
        activity_id=activity.id,
        occurrence=alert.occurrence,
        fire_at=alert.snoozed_until or alert.fire_at,
        subject=activity.subject,
        activity_type=activity.type,
        is_task=activity.is_task,
        due_at=activity.due_at,
        starts_at=starts_at,
        place=activity.place,
        state=state,
        occurrence_start=alert.occurrence_start,
    )


__all__ = [
    "ALERT",
    "WORKSPACE_RECIPIENT",
    "AlertRequest",
    "AlertService",
    "DueAlert",
    "refresh_series_alerts",
    "schedule_alert",
    "snooze_times",
    "stop_alerts",
]
