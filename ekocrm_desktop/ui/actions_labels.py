"""Translated names and icons of the actions' stored codes: activity types, task statuses and
priorities, call outcomes, alert offsets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QComboBox

from ekocrm_desktop.services.errors import FieldError
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import field_error_text

TYPE_ICONS = {
    "email_in": "fa6s.envelope-open",
    "email_out": "fa6s.paper-plane",
    "call_in": "fa6s.phone-volume",
    "call_out": "fa6s.phone",
    "sms": "fa6s.comment-sms",
    "appointment": "fa6s.calendar-check",
    "note": "fa6s.note-sticky",
    "conversation": "fa6s.comments",
}
PRIORITY_COLOURS = {"high": "#c62828", "normal": "", "low": "#757575"}


def activity_type_name(code: str) -> str:
    """ "call_out" → "Appel sortant", ..."""
    names = {
        "email_in": QCoreApplication.translate("ActionsLabels", "E-mail received"),
        "email_out": QCoreApplication.translate("ActionsLabels", "E-mail sent"),
        "call_in": QCoreApplication.translate("ActionsLabels", "Incoming call"),
        "call_out": QCoreApplication.translate("ActionsLabels", "Outgoing call"),
        "sms": QCoreApplication.translate("ActionsLabels", "SMS"),
        "appointment": QCoreApplication.translate("ActionsLabels", "Appointment"),
        "note": QCoreApplication.translate("ActionsLabels", "Note"),
        "conversation": QCoreApplication.translate("ActionsLabels", "Conversation"),
    }
    return names.get(code, code)


def activity_types() -> list[tuple[str, str]]:
    """(code, translated name) of every activity type, in menu order."""
    codes = ("call_out", "call_in", "email_out", "email_in", "sms", "appointment", "note", "conversation")
    return [(code, activity_type_name(code)) for code in codes]


def activity_type_icon(code: str) -> QIcon:
    """The icon of an activity type."""
    return icon(TYPE_ICONS.get(code, "fa6s.circle"))


def task_status_name(code: str) -> str:
    """ "in_progress" → "En cours", ..."""
    names = {
        "todo": QCoreApplication.translate("ActionsLabels", "To do"),
        "in_progress": QCoreApplication.translate("ActionsLabels", "In progress"),
        "done": QCoreApplication.translate("ActionsLabels", "Done"),
        "cancelled": QCoreApplication.translate("ActionsLabels", "Cancelled"),
    }
    return names.get(code, code)


def task_statuses() -> list[tuple[str, str]]:
    """(code, translated name) of every task status."""
    return [(code, task_status_name(code)) for code in ("todo", "in_progress", "done", "cancelled")]


def priority_name(code: str) -> str:
    """ "high" → "Haute", ..."""
    names = {
        "low": QCoreApplication.translate("ActionsLabels", "Low"),
        "normal": QCoreApplication.translate("ActionsLabels", "Normal"),
        "high": QCoreApplication.translate("ActionsLabels", "High"),
    }
    return names.get(code, code)


def priorities() -> list[tuple[str, str]]:
    """(code, translated name) of every priority."""
    return [(code, priority_name(code)) for code in ("high", "normal", "low")]


def outcome_name(code: str) -> str:
    """How a call went; free text is shown as typed."""
    names = {
        "reached": QCoreApplication.translate("ActionsLabels", "Reached"),
        "voicemail": QCoreApplication.translate("ActionsLabels", "Voicemail"),
        "no_answer": QCoreApplication.translate("ActionsLabels", "No answer"),
        "busy": QCoreApplication.translate("ActionsLabels", "Busy"),
        "wrong_number": QCoreApplication.translate("ActionsLabels", "Wrong number"),
    }
    return names.get(code, code)


def outcomes() -> list[tuple[str, str]]:
    """(code, translated name) of the usual call outcomes."""
    return [(code, outcome_name(code)) for code in ("reached", "voicemail", "no_answer", "busy", "wrong_number")]


def alert_offsets() -> list[tuple[int | None, str]]:
    """The alert choices of the form: none, at the time, or minutes before."""
    return [
        (None, QCoreApplication.translate("ActionsLabels", "No alert")),
        (0, QCoreApplication.translate("ActionsLabels", "At the time")),
        (5, QCoreApplication.translate("ActionsLabels", "5 minutes before")),
        (15, QCoreApplication.translate("ActionsLabels", "15 minutes before")),
        (30, QCoreApplication.translate("ActionsLabels", "30 minutes before")),
        (60, QCoreApplication.translate("ActionsLabels", "1 hour before")),
        (120, QCoreApplication.translate("ActionsLabels", "2 hours before")),
        (24 * 60, QCoreApplication.translate("ActionsLabels", "1 day before")),
        (2 * 24 * 60, QCoreApplication.translate("ActionsLabels", "2 days before")),
        (7 * 24 * 60, QCoreApplication.translate("ActionsLabels", "1 week before")),
    ]


def duration_text(seconds: int | None) -> str:
    """A call's duration as minutes and seconds ("4 min 05 s")."""
    if seconds is None:
        return ""
    minutes, rest = divmod(seconds, 60)
    return (
        QCoreApplication.translate("ActionsLabels", "%1 min %2 s")
        .replace("%1", str(minutes))
        .replace("%2", f"{rest:02d}")
    )


def action_error_text(error: FieldError) -> str:
    """The translated message for a validation error of the activity form (field and problem)."""
    fields = {
        "type": QCoreApplication.translate("ActionsLabels", "Type"),
        "subject": QCoreApplication.translate("ActionsLabels", "Subject"),
        "ends_at": QCoreApplication.translate("ActionsLabels", "Ends"),
        "duration_seconds": QCoreApplication.translate("ActionsLabels", "Duration"),
        "priority": QCoreApplication.translate("ActionsLabels", "Priority"),
        "status": QCoreApplication.translate("ActionsLabels", "Status"),
        "alert": QCoreApplication.translate("ActionsLabels", "Alert"),
        "collaborator": QCoreApplication.translate("ActionsLabels", "Collaborator"),
        "team": QCoreApplication.translate("ActionsLabels", "Team"),
    }
    if error.code == "before_start":
        text = QCoreApplication.translate("ActionsLabels", "The appointment ends before it starts.")
    elif error.code == "needs_due_time":
        text = QCoreApplication.translate("ActionsLabels", "An alert needs a due time or a start time.")
    elif error.code == "empty_team":
        text = QCoreApplication.translate("ActionsLabels", "This team has no members.")
    elif error.code == "invalid":
        text = QCoreApplication.translate("ActionsLabels", "“%1” is not a valid choice.").replace("%1", error.value)
    elif error.code == "required" and error.field == "subject":
        text = QCoreApplication.translate("ActionsLabels", "Give a subject or a text.")
    else:
        text = field_error_text(error)
    return (
        QCoreApplication.translate("ActionsLabels", "%1: %2")
        .replace("%1", fields.get(error.field, error.field))
        .replace("%2", text)
    )


def index_of(combo: QComboBox, value: object) -> int:
    """Index of a combo item by its data (findData compares Python objects by identity, not value)."""
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)
