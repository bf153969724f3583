"""Alerts on tasks and appointments that fire exactly once per person (issue 5).

An alert waits for `next_fire_at` (UTC). `due_alerts(now)` returns those that fell due for the
connected person and *claims* each in the fired-alerts ledger (`alert_delivery`): an INSERT that
ignores a conflict on the unique (alert, occurrence, recipient) key. Only the client whose row
went in shows the alert, so the same person with the app open on two machines sees it once; a
clock moved backwards or a daylight-saving change cannot fire it again (the ledger keeps the
occurrence) and cannot skip it (times are compared in UTC, `next_fire_at <= now`). Alerts that
fell due while the app was closed are simply still pending: the first check after start shows
them. A snooze schedules a new occurrence; a dismissal ends the alert.

Everything is computed on the database: no cron, no server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Clock, Database
from ekocrm_desktop.models.activities import Activity, Alert, AlertDelivery, AlertState, TaskStatus
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


def schedule_alert(
    session: Session, activity: Activity, request: AlertRequest | None, *, recipient_id: UUID | None, now: dt.datetime
) -> None:
    """Keep the activity's alert in line with the form: create it, move it (a new occurrence), or remove it.

    Unchanged (same time, same person) it keeps its state: saving a task again never re-fires a
    shown alert. A task done or cancelled stops its alert.
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
    if not existing:
        session.add(
            Alert(
                id=uuid7(),
                activity_id=activity.id,
                recipient_id=recipient_id,
                fire_at=fire_at,
                offset_minutes=request.minutes_before if request.at is None else None,
                next_fire_at=None if closed else fire_at,
                state=AlertState.DISMISSED.value if closed else AlertState.PENDING.value,
                occurrence=1,
            )
        )
        return
    alert = existing[0]
    offset = request.minutes_before if request.at is None else None
    if alert.fire_at != fire_at or alert.recipient_id != recipient_id or alert.offset_minutes != offset:
        # Rescheduled: a new occurrence, which the ledger has never seen.
        alert.fire_at = fire_at
        alert.offset_minutes = offset
        alert.recipient_id = recipient_id
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
            anything = session.execute(
                select(Alert.id)
                .where(Alert.next_fire_at.is_not(None), Alert.next_fire_at <= now, self._mine())
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
            for alert, activity in candidates:
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

    def _claim(self, session: Session, alert_id: UUID, occurrence: int, now: dt.datetime) -> bool:
        values: dict[str, Any] = {
            "id": uuid7(),
            "alert_id": alert_id,
            "occurrence": occurrence,
            "recipient_key": self.recipient_key,
            "claimed_by": self._db.actor,
            "machine": self.machine,
            "claimed_at": now,
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
                select(Alert, Activity)
                .join(Activity, Activity.id == Alert.activity_id)
                .where(Alert.state == AlertState.FIRED.value, self._mine(), Activity.deleted_at.is_(None))
                .order_by(Alert.fire_at, Alert.id)
            ).all()
            return [_due(alert, activity, alert.state) for alert, activity in rows]

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
        with self._db.write_session() as session:
            for alert in session.scalars(select(Alert).where(Alert.id.in_(ids))):
                alert.occurrence += 1
                alert.state = AlertState.SNOOZED.value
                alert.next_fire_at = until.astimezone(dt.UTC)
                alert.snoozed_until = until.astimezone(dt.UTC)
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


def _due(alert: Alert, activity: Activity, state: str) -> DueAlert:
    return DueAlert(
        alert_id=alert.id,
        activity_id=activity.id,
        occurrence=alert.occurrence,
        fire_at=alert.snoozed_until or alert.fire_at,
        subject=activity.subject,
        activity_type=activity.type,
        is_task=activity.is_task,
        due_at=activity.due_at,
        starts_at=activity.starts_at,
        place=activity.place,
        state=state,
    )


__all__ = [
    "ALERT",
    "WORKSPACE_RECIPIENT",
    "AlertRequest",
    "AlertService",
    "DueAlert",
    "schedule_alert",
    "snooze_times",
    "stop_alerts",
]
