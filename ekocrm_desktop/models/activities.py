"""Actions (issue 5): the activity journal (calls, e-mails, SMS, appointments, notes), tasks on
the same rows, their links to people, organisations and deals, and alerts with the ledger of
alerts fired, which makes an alert fire exactly once per person even on two machines."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ekocrm_desktop.models.base import AuditMixin, Base, UTCDateTime, VersionedMixin


class ActivityType(StrEnum):
    """What happened (8sens' event types)."""

    EMAIL_IN = "email_in"
    EMAIL_OUT = "email_out"
    CALL_IN = "call_in"
    CALL_OUT = "call_out"
    SMS = "sms"
    APPOINTMENT = "appointment"
    NOTE = "note"
    CONVERSATION = "conversation"


class TaskStatus(StrEnum):
    """Where a task stands."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class TaskPriority(StrEnum):
    """How urgent a task is."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class AlertState(StrEnum):
    """Where an alert stands: waiting for its time, shown (fired), snoozed, or dismissed."""

    PENDING = "pending"
    FIRED = "fired"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"


_LIVE = Column("deleted_at").is_(None)
_PENDING = Column("next_fire_at").isnot(None)
_SERIES = Column("recurrence_rule") != ""


class Activity(VersionedMixin, Base):
    """Something a collaborator did or plans with people: a call, an e-mail, an appointment, a note...

    `occurred_at` is where it sits on a timeline (the start of an appointment). Any activity can
    be a task (`is_task`): assigned, due, with a priority and a status.
    """

    __tablename__ = "activity"

    type: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(250), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    starts_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    ends_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(250), default="")
    #: Calls: how long (seconds) and how it went (free text from a short list: reached, voicemail...).
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(60), default="")
    #: The collaborator who did it; row-level security follows it like a party's owner.
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"), index=True)
    private: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # ---- task
    is_task: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    priority: Mapped[str] = mapped_column(String(8), default=TaskPriority.NORMAL.value)
    status: Mapped[str] = mapped_column(String(12), default=TaskStatus.TODO.value)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # ---- agenda (issue 5, part B)
    #: An RFC 5545 RRULE (without the "RRULE:" prefix) for a recurring appointment, "" otherwise.
    recurrence_rule: Mapped[str] = mapped_column(String(500), default="", server_default="")
    #: The last instant an occurrence can start (UTC), None for a series without end or counted:
    #: lets the window query skip finished series without expanding them.
    recurrence_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    #: The IANA zone the appointment's wall-clock times live in (recurrences keep local time across DST).
    time_zone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    #: The iCalendar UID: re-importing the same event updates it instead of duplicating it.
    ical_uid: Mapped[str | None] = mapped_column(String(255), index=True)

    links: Mapped[list[ActivityLink]] = relationship(back_populates="activity", cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint(
            "type IN ('email_in', 'email_out', 'call_in', 'call_out', 'sms', 'appointment', 'note', 'conversation')",
            name="type",
        ),
        CheckConstraint("priority IN ('low', 'normal', 'high')", name="priority"),
        CheckConstraint("status IN ('todo', 'in_progress', 'done', 'cancelled')", name="status"),
        # The journal, newest first, keyset on (occurred_at, id).
        Index("ix_activity_live_occurred_at", "occurred_at", "id", sqlite_where=_LIVE, postgresql_where=_LIVE),
        # Tasks by assignee, status and due date (mine, overdue, today, this week).
        Index("ix_activity_task_assignee", "assignee_id", "status", "due_at", "id"),
        Index("ix_activity_task_due", "is_task", "status", "due_at", "id"),
        # The agenda's window: appointments by start time, and the (few) recurring series.
        Index("ix_activity_agenda", "starts_at", "id", sqlite_where=_LIVE, postgresql_where=_LIVE),
        Index("ix_activity_series", "starts_at", sqlite_where=_SERIES, postgresql_where=_SERIES),
    )


class ActivityException(AuditMixin, Base):
    """One occurrence of a recurring appointment that differs from its rule: cancelled or moved.

    `original_start` (UTC) names the occurrence as the rule generates it (iCalendar RECURRENCE-ID).
    """

    __tablename__ = "activity_exception"

    activity_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    original_start: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    moved_start: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    moved_end: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("activity_id", "original_start"),
        # The agenda's window finds occurrences moved into it by their new start.
        Index("ix_activity_exception_moved_start", "moved_start"),
    )


class ActivityLink(AuditMixin, Base):
    """An activity is about this person, organisation or deal (it shows on its timeline).

    `occurred_at` repeats the activity's so a timeline reads one index in order (keyset).
    """

    __tablename__ = "activity_link"

    activity_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"))
    deal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"))
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    activity: Mapped[Activity] = relationship(back_populates="links")

    __table_args__ = (
        CheckConstraint("(party_id IS NULL) <> (deal_id IS NULL)", name="one_target"),
        UniqueConstraint("activity_id", "party_id", "deal_id"),
        Index("ix_activity_link_party_timeline", "party_id", "occurred_at", "activity_id"),
        Index("ix_activity_link_deal_timeline", "deal_id", "occurred_at", "activity_id"),
    )


class Alert(AuditMixin, Base):
    """A reminder of a task or an appointment for one person, at `fire_at` (UTC).

    `next_fire_at` is when it fires next (the snoozed time after a snooze), NULL once shown or
    dismissed. `occurrence` counts the times it was (re)scheduled: the ledger key, so a snoozed
    alert may fire again, but never the same occurrence twice.
    """

    __tablename__ = "alert"

    activity_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    #: Who is reminded (a collaborator); NULL on a one-user workspace: whoever uses it.
    recipient_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"))
    fire_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: How it was asked: minutes before the due/start time (None: at `fire_at` itself).
    offset_minutes: Mapped[int | None] = mapped_column(Integer)
    next_fire_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    snoozed_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(10), default=AlertState.PENDING.value)
    occurrence: Mapped[int] = mapped_column(Integer, default=1)
    #: On a recurring appointment: the occurrence it is about now, named by its start as the rule
    #: places it (UTC, like `ActivityException.original_start`); NULL for a one-off alert.
    occurrence_start: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    #: How many times that occurrence was (to be) shown: 1, then one more per snooze.
    occurrence_round: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (
        CheckConstraint("state IN ('pending', 'fired', 'snoozed', 'dismissed')", name="state"),
        # A person's pending alerts by time: the check every 30 s reads only what is due.
        Index("ix_alert_due", "recipient_id", "next_fire_at", sqlite_where=_PENDING, postgresql_where=_PENDING),
        Index("ix_alert_recipient_state", "recipient_id", "state"),
    )


class AlertDelivery(Base):
    """The fired-alerts ledger: this occurrence of the alert was shown to this person, once.

    The unique key is the claim: two machines of the same person race with an INSERT that
    ignores conflicts; the one whose row went in shows the alert, the other shows nothing.
    """

    __tablename__ = "alert_delivery"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    alert_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("alert.id", ondelete="CASCADE"))
    occurrence: Mapped[int] = mapped_column(Integer)
    #: The person's party id as text, or "workspace" on a one-user workspace.
    recipient_key: Mapped[str] = mapped_column(String(40))
    claimed_by: Mapped[str] = mapped_column(String(120), default="")
    machine: Mapped[str] = mapped_column(String(120), default="")
    claimed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: A recurring appointment's occurrence (its rule start, UTC) and round: NULL for one-off alerts.
    occurrence_start: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    occurrence_round: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("alert_id", "occurrence", "recipient_key"),
        Index("ix_alert_delivery_alert_id", "alert_id"),
        # Each occurrence of a series is shown once per person and round, whatever the counter
        # says (one-off alerts leave both NULL: the counter's key above holds for them).
        Index(
            "uq_alert_delivery_series",
            "alert_id",
            "occurrence_start",
            "occurrence_round",
            "recipient_key",
            unique=True,
        ),
    )


__all__ = [
    "Activity",
    "ActivityException",
    "ActivityLink",
    "ActivityType",
    "Alert",
    "AlertDelivery",
    "AlertState",
    "TaskPriority",
    "TaskStatus",
]
