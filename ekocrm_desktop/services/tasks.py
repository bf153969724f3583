"""Tasks (issue 5): activities to do, assigned to a collaborator or a team, with a due time,
a priority and a status. The tasks panel's views (mine, my team's, overdue, today, this week)
are counted and paged in SQL; tasks are completed, cancelled or reopened from the list; and
tasks are created in bulk for a list of people (a segment or a group), assigned by rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable
from enum import StrEnum
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, func, literal, or_, select, type_coerce
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Clock, Database
from ekocrm_desktop.models.activities import Activity, ActivityLink, ActivityType, TaskPriority, TaskStatus
from ekocrm_desktop.models.base import UTCDateTime
from ekocrm_desktop.models.domains import TeamMember
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.activities import (
    ACTIVITY,
    OPEN_STATUSES,
    PRIORITIES,
    ActivityDetail,
    ActivityDraft,
    ActivityRow,
    ActivityService,
    TaskFields,
    rows_for_keys,
)
from ekocrm_desktop.services.alerts import AlertRequest, schedule_alert, stop_alerts
from ekocrm_desktop.services.errors import FieldError, ValidationFailedError
from ekocrm_desktop.services.paging import PageRequest, fetch_window

#: Tasks without a due time sort after every dated task.
NO_DUE = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)
#: Rows inserted per flush when creating tasks in bulk.
BULK_CHUNK = 500


class TaskView(StrEnum):
    """The tasks panel's views."""

    MINE = "mine"
    TEAM = "team"
    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "week"
    ALL = "all"


@dataclasses.dataclass(frozen=True)
class TaskQuery:
    """Which tasks a list shows; closed (done, cancelled) ones only when asked."""

    view: str = TaskView.MINE.value
    include_closed: bool = False
    assignee_id: UUID | None = None


class AssignmentRule(StrEnum):
    """How tasks created in bulk are assigned."""

    ONE = "one"  # every task to one collaborator
    ROUND_ROBIN = "round_robin"  # in turn over a team's members
    ACCOUNT_OWNER = "account_owner"  # to each person's account owner (party.owner_id)


@dataclasses.dataclass(frozen=True)
class BulkTaskPlan:
    """The tasks to create for a list of people: the same subject, type, due time, priority, alert."""

    subject: str
    rule: str
    type: str = ActivityType.CALL_OUT.value
    body: str = ""
    due_at: dt.datetime | None = None
    priority: str = TaskPriority.NORMAL.value
    collaborator_id: UUID | None = None
    team_id: UUID | None = None
    #: ACCOUNT_OWNER: who gets the people without an account owner (None: left unassigned).
    fallback_id: UUID | None = None
    alert_minutes_before: int | None = None


@dataclasses.dataclass(frozen=True)
class BulkResult:
    """What a bulk creation did."""

    created: int
    task_ids: tuple[UUID, ...]
    per_assignee: dict[UUID | None, int]


class TaskService:
    """Tasks: the panel's views, status changes, and bulk creation."""

    def __init__(
        self,
        db: Database,
        *,
        me: UUID | None = None,
        clock: Clock | None = None,
        tz: dt.tzinfo | None = None,
        activities: ActivityService | None = None,
    ) -> None:
        self._db = db
        #: The connected collaborator; None on a one-user workspace (every task is "mine").
        self.me = me
        self._clock = clock or db.clock
        #: Where "today" and "this week" are counted (None: this computer's time zone).
        self._tz = tz
        self._activities = activities or ActivityService(db, me=me, clock=self._clock)

    def now(self) -> dt.datetime:
        """The service's clock (injected in tests)."""
        return self._clock()

    # ------------------------------------------------------------------ creating, changing
    def create(self, draft: ActivityDraft, task: TaskFields, *, activity_id: UUID | None = None) -> ActivityDetail:
        """A new task (an activity with its task fields)."""
        return self._activities.log(dataclasses.replace(draft, task=task), activity_id=activity_id)

    def set_status(self, task_ids: Iterable[UUID], status: str) -> int:
        """Complete, cancel, start or reopen tasks from the list (no form, so no version check).

        Returns how many changed.
        """
        if status not in {s.value for s in TaskStatus}:
            raise ValueError(status)
        ids = list(task_ids)
        now = self.now()
        changed: list[UUID] = []
        with self._db.write_session() as session:
            for task in session.scalars(select(Activity).where(Activity.id.in_(ids), Activity.is_task.is_(True))):
                if task.status == status:
                    continue
                task.status = status
                task.done_at = now if status == TaskStatus.DONE.value else None
                changed.append(task.id)
            if status in (TaskStatus.DONE.value, TaskStatus.CANCELLED.value) and changed:
                stop_alerts(session, changed)
            session.commit()
        self._db.announce(Changes.of(ACTIVITY, changed, "alert"))
        return len(changed)

    def complete(self, task_ids: Iterable[UUID]) -> int:
        """Mark tasks done."""
        return self.set_status(task_ids, TaskStatus.DONE.value)

    def cancel(self, task_ids: Iterable[UUID]) -> int:
        """Mark tasks cancelled."""
        return self.set_status(task_ids, TaskStatus.CANCELLED.value)

    def reopen(self, task_ids: Iterable[UUID]) -> int:
        """Put done or cancelled tasks back to do."""
        return self.set_status(task_ids, TaskStatus.TODO.value)

    # ------------------------------------------------------------------ bulk
    def bulk_create(self, party_ids: Iterable[UUID], plan: BulkTaskPlan) -> BulkResult:
        """One task per person of `party_ids` (a segment's or group's ids, any iterable), in one transaction.

        Each task is linked to its person and assigned by `plan.rule`. Duplicates in the input
        get one task. Raises ValidationFailedError before writing anything when the plan is
        incomplete (no subject, no collaborator or an empty team for the rule).
        """
        errors: list[FieldError] = []
        subject = " ".join(plan.subject.split())
        if not subject:
            errors.append(FieldError("subject", "required"))
        if plan.priority not in PRIORITIES:
            errors.append(FieldError("priority", "invalid", plan.priority))
        if plan.rule == AssignmentRule.ONE.value and plan.collaborator_id is None:
            errors.append(FieldError("collaborator", "required"))
        if plan.rule == AssignmentRule.ROUND_ROBIN.value and plan.team_id is None:
            errors.append(FieldError("team", "required"))
        if plan.rule not in {r.value for r in AssignmentRule}:
            errors.append(FieldError("rule", "invalid", plan.rule))
        if plan.alert_minutes_before is not None and plan.due_at is None:
            errors.append(FieldError("alert", "needs_due_time"))
        if errors:
            raise ValidationFailedError(errors)
        people = list(dict.fromkeys(party_ids))
        now = self.now()
        occurred = plan.due_at or now
        created: list[UUID] = []
        per_assignee: dict[UUID | None, int] = {}
        with self._db.write_session() as session:
            assign = self._assigner(session, plan, people)
            if plan.rule == AssignmentRule.ROUND_ROBIN.value and assign is None:
                raise ValidationFailedError([FieldError("team", "empty_team")])
            for start in range(0, len(people), BULK_CHUNK):
                chunk = people[start : start + BULK_CHUNK]
                for party_id in chunk:
                    assignee = assign(party_id) if assign is not None else None
                    task = Activity(
                        id=uuid7(),
                        type=plan.type,
                        subject=subject,
                        body=plan.body.strip(),
                        occurred_at=occurred,
                        owner_id=self.me or assignee,
                        is_task=True,
                        assignee_id=assignee,
                        team_id=plan.team_id,
                        due_at=plan.due_at,
                        priority=plan.priority,
                        status=TaskStatus.TODO.value,
                    )
                    task.links.append(ActivityLink(party_id=party_id, occurred_at=occurred))
                    session.add(task)
                    created.append(task.id)
                    per_assignee[assignee] = per_assignee.get(assignee, 0) + 1
                    if plan.alert_minutes_before is not None:
                        session.flush()
                        schedule_alert(
                            session,
                            task,
                            AlertRequest(minutes_before=plan.alert_minutes_before),
                            recipient_id=assignee or task.owner_id,
                            now=now,
                        )
                session.flush()
            session.commit()
        self._db.announce(Changes.of(ACTIVITY, created, "alert"))
        return BulkResult(len(created), tuple(created), per_assignee)

    def _assigner(self, session: Session, plan: BulkTaskPlan, people: list[UUID]) -> Any:
        if plan.rule == AssignmentRule.ONE.value:
            return lambda _party: plan.collaborator_id
        if plan.rule == AssignmentRule.ROUND_ROBIN.value:
            members = list(
                session.scalars(
                    select(TeamMember.party_id)
                    .join(Party, Party.id == TeamMember.party_id)
                    .where(TeamMember.team_id == plan.team_id, Party.deleted_at.is_(None))
                    .order_by(Party.sort_name, Party.id)
                )
            )
            if not members:
                return None
            turn = itertools.cycle(members)
            return lambda _party: next(turn)
        owners: dict[UUID, UUID | None] = {}
        for start in range(0, len(people), BULK_CHUNK):
            chunk = people[start : start + BULK_CHUNK]
            owners.update(
                {row[0]: row[1] for row in session.execute(select(Party.id, Party.owner_id).where(Party.id.in_(chunk)))}
            )
        return lambda party: owners.get(party) or plan.fallback_id

    # ------------------------------------------------------------------ the panel
    def count(self, query: TaskQuery) -> int:
        """How many tasks the view shows."""
        stmt = select(func.count()).select_from(Activity).where(*self._conditions(query))
        with self._db.session() as session:
            return int(session.execute(stmt).scalar_one())

    def page(self, query: TaskQuery, request: PageRequest, *, descending: bool = False) -> list[ActivityRow]:
        """One window of the view, soonest due first (undated tasks last) unless asked."""
        sort = type_coerce(func.coalesce(Activity.due_at, literal(NO_DUE, UTCDateTime())), UTCDateTime())
        stmt = select(sort, Activity.id).where(*self._conditions(query))
        with self._db.session() as session:
            rows = fetch_window(
                session, stmt, sort_column=sort, id_column=Activity.id, descending=descending, request=request
            )
            return rows_for_keys(session, rows)

    def counts(self) -> dict[str, int]:
        """Open tasks per view (the panel's tab titles)."""
        return {view.value: self.count(TaskQuery(view=view.value)) for view in TaskView}

    def day_bounds(self, days: int = 1) -> tuple[dt.datetime, dt.datetime]:
        """Today's start (local midnight) and the start of the day `days` later, in UTC."""
        local_today = self.now().astimezone(self._tz).date() if self._tz else self.now().astimezone().date()
        return _midnight(local_today, self._tz), _midnight(local_today + dt.timedelta(days=days), self._tz)

    def week_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """This week (Monday to Sunday, local time) in UTC."""
        local_today = self.now().astimezone(self._tz).date() if self._tz else self.now().astimezone().date()
        monday = local_today - dt.timedelta(days=local_today.weekday())
        return _midnight(monday, self._tz), _midnight(monday + dt.timedelta(days=7), self._tz)

    def _conditions(self, query: TaskQuery) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = [Activity.is_task.is_(True), Activity.deleted_at.is_(None)]
        if not query.include_closed:
            conditions.append(Activity.status.in_(OPEN_STATUSES))
        if query.assignee_id is not None:
            conditions.append(Activity.assignee_id == query.assignee_id)
        view = query.view
        if view == TaskView.TEAM.value:
            if self.me is not None:
                teams = select(TeamMember.team_id).where(TeamMember.party_id == self.me)
                mates = select(TeamMember.party_id).where(TeamMember.team_id.in_(teams))
                conditions.append(
                    or_(Activity.assignee_id == self.me, Activity.assignee_id.in_(mates), Activity.team_id.in_(teams))
                )
            return conditions
        if view == TaskView.ALL.value:
            return conditions
        # Mine, and the dated views of mine.
        if self.me is not None:
            conditions.append(Activity.assignee_id == self.me)
        if view == TaskView.OVERDUE.value:
            conditions.append(and_(Activity.due_at.is_not(None), Activity.due_at < self.now()))
        elif view == TaskView.TODAY.value:
            start, end = self.day_bounds()
            conditions.append(and_(Activity.due_at >= start, Activity.due_at < end))
        elif view == TaskView.WEEK.value:
            start, end = self.week_bounds()
            conditions.append(and_(Activity.due_at >= start, Activity.due_at < end))
        return conditions


def _midnight(day: dt.date, tz: dt.tzinfo | None) -> dt.datetime:
    """Local midnight of `day` in UTC (a naive time is read in this computer's zone, DST included)."""
    if tz is not None:
        return dt.datetime.combine(day, dt.time(), tzinfo=tz).astimezone(dt.UTC)
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.UTC)


__all__ = [
    "NO_DUE",
    "AssignmentRule",
    "BulkResult",
    "BulkTaskPlan",
    "TaskQuery",
    "TaskService",
    "TaskView",
]
