"""The activity journal (issue 5): log what collaborators do with people, organisations and deals
(calls, e-mails, SMS, appointments, notes, conversation messages), read a record's timeline or the
whole journal page by page, edit with optimistic locking, move to the trash and back.

Any activity can also be a task (see `services.tasks`) and carry an alert (`services.alerts`);
the form saves all of it in one transaction through `ActivityDraft`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ekocrm_desktop.db.database import Changes, Clock, Database
from ekocrm_desktop.models.access import UserAccount
from ekocrm_desktop.models.activities import (
    Activity,
    ActivityLink,
    ActivityType,
    Alert,
    AlertState,
    TaskPriority,
    TaskStatus,
)
from ekocrm_desktop.models.domains import Deal, Team
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.party import Party, PartyRole
from ekocrm_desktop.services.alerts import AlertRequest, schedule_alert
from ekocrm_desktop.services.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ValidationFailedError,
    denied,
)
from ekocrm_desktop.services.paging import AnySelect, PageRequest, SortKey, fetch_window

#: The `Changes` kind announced after a write (also the live-update kind of the tables).
ACTIVITY = "activity"
TYPES = tuple(t.value for t in ActivityType)
PRIORITIES = tuple(p.value for p in TaskPriority)
STATUSES = tuple(s.value for s in TaskStatus)
OPEN_STATUSES = (TaskStatus.TODO.value, TaskStatus.IN_PROGRESS.value)
CALL_TYPES = frozenset({ActivityType.CALL_IN.value, ActivityType.CALL_OUT.value})


@dataclasses.dataclass(frozen=True)
class TaskFields:
    """The task side of an activity: who, when, how urgent, where it stands."""

    assignee_id: UUID | None = None
    team_id: UUID | None = None
    due_at: dt.datetime | None = None
    priority: str = TaskPriority.NORMAL.value
    status: str = TaskStatus.TODO.value


@dataclasses.dataclass(frozen=True)
class ActivityDraft:
    """What the activity form holds (times are aware; `occurred_at` None means "now")."""

    type: str
    subject: str = ""
    body: str = ""
    occurred_at: dt.datetime | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    place: str = ""
    duration_seconds: int | None = None
    outcome: str = ""
    #: The collaborator who did it; None takes the service's default (the connected person).
    owner_id: UUID | None = None
    private: bool = False
    party_ids: tuple[UUID, ...] = ()
    deal_ids: tuple[UUID, ...] = ()
    task: TaskFields | None = None
    alert: AlertRequest | None = None


@dataclasses.dataclass(frozen=True)
class LinkedRecord:
    """A person, organisation or deal an activity is about."""

    kind: str  # "party" or "deal"
    id: UUID
    label: str


@dataclasses.dataclass(frozen=True)
class ActivityDetail:
    """One activity in full, as the form shows it."""

    id: UUID
    version: int
    draft: ActivityDraft
    links: tuple[LinkedRecord, ...]
    owner_name: str
    assignee_name: str
    done_at: dt.datetime | None
    deleted: bool
    created_by: str
    updated_by: str
    updated_at: dt.datetime

    @property
    def display_name(self) -> str:
        """How the record is named in messages (the conflict dialog)."""
        return self.draft.subject


@dataclasses.dataclass(frozen=True)
class ActivityRow:
    """One line of a timeline, the journal or the tasks list."""

    id: UUID
    type: str
    subject: str
    occurred_at: dt.datetime
    owner_name: str
    links_label: str
    is_task: bool
    status: str
    priority: str
    due_at: dt.datetime | None
    assignee_name: str
    private: bool
    duration_seconds: int | None
    outcome: str
    sort_key: SortKey


@dataclasses.dataclass(frozen=True)
class ActivityQuery:
    """Which activities a list shows: a record's timeline (party or deal) or the journal, filtered."""

    party_id: UUID | None = None
    deal_id: UUID | None = None
    types: frozenset[str] = frozenset()
    owner_id: UUID | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    tasks_only: bool = False


class ActivityService:
    """Logging, reading and editing activities; announces `Changes.of("activity", ids)`."""

    def __init__(self, db: Database, *, me: UUID | None = None, clock: Clock | None = None) -> None:
        self._db = db
        #: The connected collaborator (team databases); None on a one-user workspace.
        self.me = me
        self._clock = clock or db.clock

    def now(self) -> dt.datetime:
        """The service's clock (injected in tests)."""
        return self._clock()

    # ------------------------------------------------------------------ writing
    def validate(self, draft: ActivityDraft) -> tuple[ActivityDraft, list[FieldError]]:
        """The draft normalised, and its problems."""
        errors: list[FieldError] = []
        if draft.type not in TYPES:
            errors.append(FieldError("type", "invalid", draft.type))
        subject = " ".join(draft.subject.split())
        if len(subject) > 250:
            errors.append(FieldError("subject", "too_long", subject[:40], {"max": 250}))
        if not subject and not draft.body.strip():
            errors.append(FieldError("subject", "required"))
        for name in ("occurred_at", "starts_at", "ends_at"):
            value = getattr(draft, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} must be timezone-aware")
        if draft.starts_at and draft.ends_at and draft.ends_at < draft.starts_at:
            errors.append(FieldError("ends_at", "before_start"))
        if draft.duration_seconds is not None and draft.duration_seconds < 0:
            errors.append(FieldError("duration_seconds", "invalid", str(draft.duration_seconds)))
        task = draft.task
        if task is not None:
            if task.priority not in PRIORITIES:
                errors.append(FieldError("priority", "invalid", task.priority))
            if task.status not in STATUSES:
                errors.append(FieldError("status", "invalid", task.status))
            if task.due_at is not None and task.due_at.tzinfo is None:
                raise ValueError("due_at must be timezone-aware")
        if draft.alert is not None:
            anchor = _alert_anchor(draft)
            if draft.alert.at is None and anchor is None:
                errors.append(FieldError("alert", "needs_due_time"))
        occurred = draft.occurred_at
        if occurred is None and draft.type == ActivityType.APPOINTMENT.value:
            occurred = draft.starts_at
        clean = dataclasses.replace(
            draft,
            subject=subject,
            body=draft.body.strip(),
            place=draft.place.strip(),
            outcome=draft.outcome.strip(),
            occurred_at=occurred,
            party_ids=tuple(dict.fromkeys(draft.party_ids)),
            deal_ids=tuple(dict.fromkeys(draft.deal_ids)),
        )
        return clean, errors

    def _validated(self, draft: ActivityDraft) -> ActivityDraft:
        clean, errors = self.validate(draft)
        if errors:
            raise ValidationFailedError(errors)
        return clean

    def log(self, draft: ActivityDraft, *, activity_id: UUID | None = None) -> ActivityDetail:
        """Record a new activity with its links (and task, alert). Idempotent for a given `activity_id`."""
        clean = self._validated(draft)
        try:
            with self._db.write_session() as session:
                if activity_id is not None and (existing := session.get(Activity, activity_id)) is not None:
                    return self._detail(session, existing)
                activity = Activity(id=activity_id) if activity_id is not None else Activity()
                self._apply(session, activity, clean, new=True)
                session.add(activity)
                session.flush()
                schedule_alert(session, activity, clean.alert, recipient_id=_recipient(activity), now=self.now())
                session.flush()
                detail = self._detail(session, activity)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(ACTIVITY, [detail.id]))
        return detail

    def update(self, activity_id: UUID, expected_version: int, draft: ActivityDraft) -> ActivityDetail:
        """Save an activity loaded at `expected_version`; ConflictError when someone saved it meanwhile."""
        clean = self._validated(draft)
        try:
            with self._db.write_session() as session:
                activity = self._load(session, activity_id)
                if activity.version != expected_version:
                    raise ConflictError(self._detail(session, activity), expected_version=expected_version)
                self._apply(session, activity, clean, new=False)
                # The version must move even when only links changed.
                activity.updated_at = self.now()
                session.flush()
                schedule_alert(session, activity, clean.alert, recipient_id=_recipient(activity), now=self.now())
                session.flush()
                detail = self._detail(session, activity)
                session.commit()
        except StaleDataError:
            raise ConflictError(self.get(activity_id), expected_version=expected_version) from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(ACTIVITY, [activity_id]))
        return detail

    def trash(self, activity_ids: Iterable[UUID]) -> int:
        """Move activities to the trash (their alerts stop); returns how many moved."""
        return self._set_deleted(activity_ids, self.now())

    def restore(self, activity_ids: Iterable[UUID]) -> int:
        """Bring activities back from the trash."""
        return self._set_deleted(activity_ids, None)

    def _set_deleted(self, activity_ids: Iterable[UUID], when: dt.datetime | None) -> int:
        ids = list(activity_ids)
        changed = 0
        with self._db.write_session() as session:
            for activity in session.scalars(select(Activity).where(Activity.id.in_(ids))):
                if (activity.deleted_at is None) != (when is None):
                    activity.deleted_at = when
                    changed += 1
            session.commit()
        self._db.announce(Changes.of(ACTIVITY, ids))
        return changed

    def _apply(self, session: Session, activity: Activity, draft: ActivityDraft, *, new: bool) -> None:
        now = self.now()
        activity.type = draft.type
        activity.subject = draft.subject
        activity.body = draft.body
        task = draft.task
        occurred = draft.occurred_at
        if occurred is None:
            # A task without a date of its own sits on the timeline at its due time.
            occurred = (task.due_at if task is not None else None) or (activity.occurred_at if not new else None) or now
        activity.occurred_at = occurred
        activity.starts_at = draft.starts_at
        activity.ends_at = draft.ends_at
        activity.place = draft.place
        is_call = draft.type in CALL_TYPES
        activity.duration_seconds = draft.duration_seconds if is_call else None
        activity.outcome = draft.outcome if is_call else ""
        activity.owner_id = draft.owner_id if draft.owner_id is not None else (activity.owner_id or self.me)
        activity.private = draft.private
        activity.is_task = task is not None
        if task is not None:
            activity.assignee_id = task.assignee_id
            activity.team_id = task.team_id
            activity.due_at = task.due_at
            activity.priority = task.priority
            if activity.status != task.status or new:
                activity.done_at = now if task.status == TaskStatus.DONE.value else None
            activity.status = task.status
        else:
            activity.assignee_id = None
            activity.team_id = None
            activity.due_at = None
            activity.priority = TaskPriority.NORMAL.value
            activity.status = TaskStatus.TODO.value
            activity.done_at = None
        wanted = {("party", pid) for pid in draft.party_ids} | {("deal", did) for did in draft.deal_ids}
        current = {
            (("party", link.party_id) if link.party_id else ("deal", link.deal_id)): link for link in activity.links
        }
        for key, link in current.items():
            if key not in wanted:
                activity.links.remove(link)
            else:
                link.occurred_at = occurred
        for kind, target in (*(("party", p) for p in draft.party_ids), *(("deal", d) for d in draft.deal_ids)):
            if (kind, target) not in current:
                activity.links.append(
                    ActivityLink(
                        party_id=target if kind == "party" else None,
                        deal_id=target if kind == "deal" else None,
                        occurred_at=occurred,
                    )
                )

    # ------------------------------------------------------------------ reading
    def collaborators(self) -> list[tuple[UUID, str]]:
        """People a task can be assigned to: parties holding the collaborator role, and those with a login."""
        with self._db.session() as session:
            role_holders = select(PartyRole.party_id).where(
                PartyRole.role == RoleKind.COLLABORATOR.value, PartyRole.until.is_(None)
            )
            logins = select(UserAccount.party_id).where(UserAccount.party_id.is_not(None))
            rows = session.execute(
                select(Party.id, Party.display_name)
                .where(Party.deleted_at.is_(None), or_(Party.id.in_(role_holders), Party.id.in_(logins)))
                .order_by(Party.sort_name, Party.id)
            ).all()
            return [(row[0], row[1]) for row in rows]

    def teams(self) -> list[tuple[UUID, str]]:
        """Teams a task can be given to."""
        with self._db.session() as session:
            rows = session.execute(select(Team.id, Team.name).where(Team.deleted_at.is_(None)).order_by(Team.name))
            return [(row[0], row[1]) for row in rows]

    def get(self, activity_id: UUID) -> ActivityDetail:
        """One activity in full (NotFoundError when it does not exist or is out of one's scope)."""
        with self._db.session() as session:
            return self._detail(session, self._load(session, activity_id))

    def _load(self, session: Session, activity_id: UUID) -> Activity:
        activity = session.scalars(
            select(Activity).where(Activity.id == activity_id).options(selectinload(Activity.links))
        ).one_or_none()
        if activity is None:
            raise NotFoundError(f"activity {activity_id}")
        return activity

    def _detail(self, session: Session, activity: Activity) -> ActivityDetail:
        links = list(activity.links)
        names = _party_names(
            session, [*(link.party_id for link in links if link.party_id), activity.owner_id, activity.assignee_id]
        )
        deal_titles = _deal_titles(session, [link.deal_id for link in links if link.deal_id])
        alert = session.scalars(
            select(Alert).where(Alert.activity_id == activity.id).order_by(Alert.created_at).limit(1)
        ).one_or_none()
        request = None
        # A series' alert dismissed for one occurrence still waits for the next (`next_fire_at`).
        if alert is not None and (alert.state != AlertState.DISMISSED.value or alert.next_fire_at is not None):
            request = AlertRequest(
                at=None if alert.offset_minutes is not None else alert.fire_at, minutes_before=alert.offset_minutes
            )
        task = None
        if activity.is_task:
            task = TaskFields(
                activity.assignee_id, activity.team_id, activity.due_at, activity.priority, activity.status
            )
        draft = ActivityDraft(
            type=activity.type,
            subject=activity.subject,
            body=activity.body,
            occurred_at=activity.occurred_at,
            starts_at=activity.starts_at,
            ends_at=activity.ends_at,
            place=activity.place,
            duration_seconds=activity.duration_seconds,
            outcome=activity.outcome,
            owner_id=activity.owner_id,
            private=activity.private,
            party_ids=tuple(link.party_id for link in links if link.party_id),
            deal_ids=tuple(link.deal_id for link in links if link.deal_id),
            task=task,
            alert=request,
        )
        linked = tuple(
            LinkedRecord("party", link.party_id, names.get(link.party_id, "?"))
            if link.party_id
            else LinkedRecord("deal", link.deal_id, deal_titles.get(link.deal_id, "?"))  # type: ignore[arg-type]
            for link in links
        )
        return ActivityDetail(
            id=activity.id,
            version=activity.version,
            draft=draft,
            links=tuple(sorted(linked, key=lambda r: (r.kind != "party", r.label.casefold()))),
            owner_name=names.get(activity.owner_id, "") if activity.owner_id else "",
            assignee_name=names.get(activity.assignee_id, "") if activity.assignee_id else "",
            done_at=activity.done_at,
            deleted=activity.deleted_at is not None,
            created_by=activity.created_by or "",
            updated_by=activity.updated_by or "",
            updated_at=activity.updated_at,
        )

    def count(self, query: ActivityQuery) -> int:
        """How many activities the list shows."""
        stmt, _sort, id_column = self._select(query)
        with self._db.session() as session:
            return int(
                session.execute(
                    select(func.count()).select_from(stmt.with_only_columns(id_column).subquery())
                ).scalar_one()
            )

    def page(self, query: ActivityQuery, request: PageRequest, *, descending: bool = True) -> list[ActivityRow]:
        """One window of the list, newest first unless asked (keyset next to loaded pages)."""
        stmt, sort_column, id_column = self._select(query)
        with self._db.session() as session:
            rows = fetch_window(
                session, stmt, sort_column=sort_column, id_column=id_column, descending=descending, request=request
            )
            return rows_for_keys(session, rows)

    def _select(self, query: ActivityQuery) -> tuple[AnySelect, Any, Any]:
        conditions: list[ColumnElement[bool]] = [Activity.deleted_at.is_(None)]
        if query.types:
            conditions.append(Activity.type.in_(sorted(query.types)))
        if query.owner_id is not None:
            conditions.append(Activity.owner_id == query.owner_id)
        if query.tasks_only:
            conditions.append(Activity.is_task.is_(True))
        if query.party_id is not None or query.deal_id is not None:
            # A timeline reads the link table's (target, occurred_at) index in order.
            sort_column: Any = ActivityLink.occurred_at
            id_column: Any = ActivityLink.activity_id
            if query.party_id is not None:
                conditions.append(ActivityLink.party_id == query.party_id)
            else:
                conditions.append(ActivityLink.deal_id == query.deal_id)
            base = select(sort_column, id_column).join(Activity, Activity.id == ActivityLink.activity_id)
        else:
            sort_column = Activity.occurred_at
            id_column = Activity.id
            base = select(sort_column, id_column)
        if query.since is not None:
            conditions.append(sort_column >= query.since)
        if query.until is not None:
            conditions.append(sort_column < query.until)
        return base.where(and_(*conditions)), sort_column, id_column


# ---------------------------------------------------------------------------- helpers (also used by tasks)
def rows_for_keys(session: Session, rows: Sequence[Any]) -> list[ActivityRow]:
    """List rows for a window of `(sort value, activity id)` rows, in the window's order."""
    keys: dict[UUID, SortKey] = {row[1]: (row[0], row[1]) for row in rows}
    return rows_for(session, list(keys), keys)


def rows_for(session: Session, ids: Sequence[UUID], keys: dict[UUID, SortKey]) -> list[ActivityRow]:
    """List rows for these activity ids, in the given order, with their links' names."""
    if not ids:
        return []
    activities = {a.id: a for a in session.scalars(select(Activity).where(Activity.id.in_(ids)))}
    links = session.execute(
        select(ActivityLink.activity_id, ActivityLink.party_id, ActivityLink.deal_id).where(
            ActivityLink.activity_id.in_(ids)
        )
    ).all()
    people = [link.party_id for link in links if link.party_id]
    people += [a.owner_id for a in activities.values()] + [a.assignee_id for a in activities.values()]
    names = _party_names(session, people)
    titles = _deal_titles(session, [link.deal_id for link in links if link.deal_id])
    labels: dict[UUID, list[str]] = {}
    for link in links:
        label = names.get(link.party_id, "") if link.party_id else titles.get(link.deal_id, "")
        labels.setdefault(link.activity_id, []).append(label)
    result = []
    for activity_id in ids:
        a = activities.get(activity_id)
        if a is None:
            continue
        result.append(
            ActivityRow(
                id=a.id,
                type=a.type,
                subject=a.subject,
                occurred_at=a.occurred_at,
                owner_name=names.get(a.owner_id, "") if a.owner_id else "",
                links_label=", ".join(sorted(labels.get(a.id, []), key=str.casefold)),
                is_task=a.is_task,
                status=a.status,
                priority=a.priority,
                due_at=a.due_at,
                assignee_name=names.get(a.assignee_id, "") if a.assignee_id else "",
                private=a.private,
                duration_seconds=a.duration_seconds,
                outcome=a.outcome,
                sort_key=keys[activity_id],
            )
        )
    return result


def _party_names(session: Session, ids: Iterable[UUID | None]) -> dict[UUID, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {row[0]: row[1] for row in session.execute(select(Party.id, Party.display_name).where(Party.id.in_(wanted)))}


def _deal_titles(session: Session, ids: Iterable[UUID | None]) -> dict[UUID, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {row[0]: row[1] for row in session.execute(select(Deal.id, Deal.title).where(Deal.id.in_(wanted)))}


def _alert_anchor(draft: ActivityDraft) -> dt.datetime | None:
    """What "N minutes before" counts from: the task's due time, else the appointment's start."""
    if draft.task is not None and draft.task.due_at is not None:
        return draft.task.due_at
    return draft.starts_at


def _recipient(activity: Activity) -> UUID | None:
    """Who an activity's alert reminds: the task's assignee, else the collaborator who owns it."""
    return activity.assignee_id or activity.owner_id


__all__ = [
    "ACTIVITY",
    "CALL_TYPES",
    "OPEN_STATUSES",
    "TYPES",
    "ActivityDetail",
    "ActivityDraft",
    "ActivityQuery",
    "ActivityRow",
    "ActivityService",
    "LinkedRecord",
    "TaskFields",
    "rows_for",
    "rows_for_keys",
]
