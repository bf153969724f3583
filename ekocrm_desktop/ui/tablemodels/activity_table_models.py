"""Paged tables of activities: a timeline or the journal (newest first), and the tasks list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from ekocrm_desktop.services.activities import ActivityRow
from ekocrm_desktop.ui.actions_labels import (
    PRIORITY_COLOURS,
    activity_type_icon,
    activity_type_name,
    duration_text,
    outcome_name,
    priority_name,
    task_status_name,
)
from ekocrm_desktop.ui.formatting import local_datetime_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.tablemodels.paged_table_model import Column, Index, PagedTableModel


def _subject(row: ActivityRow) -> str:
    return row.subject


def _details(row: ActivityRow) -> str:
    """What the row adds to its subject: a call's length and outcome, a task's status."""
    parts = []
    if row.duration_seconds is not None:
        parts.append(duration_text(row.duration_seconds))
    if row.outcome:
        parts.append(outcome_name(row.outcome))
    if row.is_task:
        parts.append(task_status_name(row.status))
    return " · ".join(parts)


class ActivityTableModel(PagedTableModel):
    """Activities newest first: when, type, subject, with whom, by whom, details."""

    def __init__(self, parent: QObject | None = None) -> None:
        self._lock = icon("fa6s.lock")
        columns = [
            Column(
                "when",
                lambda: QCoreApplication.translate("ActivityTableModel", "When"),
                lambda r: local_datetime_text(r.occurred_at),
                sort="when",
            ),
            Column(
                "type",
                lambda: QCoreApplication.translate("ActivityTableModel", "Type"),
                lambda r: activity_type_name(r.type),
                decoration=lambda r: activity_type_icon(r.type),
            ),
            Column(
                "subject",
                lambda: QCoreApplication.translate("ActivityTableModel", "Subject"),
                _subject,
                decoration=lambda r: self._lock if r.private else None,
            ),
            Column("with", lambda: QCoreApplication.translate("ActivityTableModel", "With"), lambda r: r.links_label),
            Column("by", lambda: QCoreApplication.translate("ActivityTableModel", "By"), lambda r: r.owner_name),
            Column("details", lambda: QCoreApplication.translate("ActivityTableModel", "Details"), _details),
        ]
        super().__init__(columns, default_sort="when", parent=parent)
        # A journal reads newest first.
        self._descending = True


class TaskTableModel(PagedTableModel):
    """Tasks soonest due first: due, priority, subject, with whom, assignee, status; overdue in red."""

    def __init__(self, parent: QObject | None = None) -> None:
        #: "Now" for the overdue colour (the page sets it from the session's clock).
        self.now: Any = None
        columns = [
            Column(
                "due",
                lambda: QCoreApplication.translate("TaskTableModel", "Due"),
                lambda r: local_datetime_text(r.due_at),
                sort="due",
            ),
            Column(
                "priority",
                lambda: QCoreApplication.translate("TaskTableModel", "Priority"),
                lambda r: priority_name(r.priority),
            ),
            Column(
                "subject",
                lambda: QCoreApplication.translate("TaskTableModel", "Subject"),
                _subject,
                decoration=lambda r: activity_type_icon(r.type),
            ),
            Column("with", lambda: QCoreApplication.translate("TaskTableModel", "With"), lambda r: r.links_label),
            Column(
                "assignee",
                lambda: QCoreApplication.translate("TaskTableModel", "Assigned to"),
                lambda r: r.assignee_name,
            ),
            Column(
                "status",
                lambda: QCoreApplication.translate("TaskTableModel", "Status"),
                lambda r: task_status_name(r.status),
            ),
        ]
        super().__init__(columns, default_sort="due", parent=parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row = super().data(index, self.RowRole)
            if row is None:
                return None
            overdue = (
                self.now is not None
                and row.due_at is not None
                and row.due_at < self.now
                and row.status in ("todo", "in_progress")
            )
            if overdue or (index.column() == 1 and PRIORITY_COLOURS.get(row.priority)):
                return QBrush(QColor("#c62828" if overdue else PRIORITY_COLOURS[row.priority]))
            return None
        return super().data(index, role)
