"""Plan one task per person for a list of people (a segment, a group, a selection): the same
subject, type, due time, priority and alert, assigned by rule (one collaborator, in turn over a
team, or each person's account owner). Created in one transaction, in a worker."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.errors import ValidationFailedError
from ekocrm_desktop.services.tasks import AssignmentRule, BulkResult, BulkTaskPlan
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.actions_labels import action_error_text, activity_type_icon, activity_types, priorities
from ekocrm_desktop.ui.dialogs.activity_dialog import from_qt, to_qt
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.widgets.party_picker import PartyPicker


class BulkTaskDialog(QDialog):
    """One task for each of the people given (more can be added by name)."""

    #: The creation finished: its result.
    done = Signal(object)

    def __init__(
        self,
        session: WorkspaceSession,
        party_ids: list[uuid.UUID] | None = None,
        *,
        label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("BulkTaskDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.party_ids: list[uuid.UUID] = list(dict.fromkeys(party_ids or []))
        self.source_label = label
        self.result_: BulkResult | None = None
        self.setWindowTitle(self.tr("Plan tasks for several people"))
        self._build()
        self._update_count()
        self.resize(560, 520)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.count_label = QLabel()
        self.count_label.setObjectName("bulkCount")
        self.count_label.setWordWrap(True)
        layout.addWidget(self.count_label)
        self.picker = PartyPicker(self.session.contacts)
        self.picker.setObjectName("bulkPicker")
        self.picker.setPlaceholderText(self.tr("Add someone: type a name"))
        self.picker.chosen.connect(self._add)
        layout.addWidget(self.picker)

        form = QFormLayout()
        self.subject = QLineEdit()
        self.subject.setObjectName("bulkSubject")
        self.subject.setPlaceholderText(self.tr("Follow-up call"))
        form.addRow(self.tr("Subject *"), self.subject)
        self.type_combo = QComboBox()
        for code, name in activity_types():
            self.type_combo.addItem(activity_type_icon(code), name, code)
        form.addRow(self.tr("Type"), self.type_combo)
        self.due = QDateTimeEdit()
        self.due.setObjectName("bulkDue")
        self.due.setCalendarPopup(True)
        now = self.session.tasks.now()
        self.due.setDateTime(to_qt((now + dt.timedelta(days=7)).replace(second=0, microsecond=0)))
        form.addRow(self.tr("Due"), self.due)
        self.priority = QComboBox()
        for code, name in priorities():
            self.priority.addItem(name, code)
        self.priority.setCurrentIndex(1)
        form.addRow(self.tr("Priority"), self.priority)
        self.alert = QComboBox()
        self.alert.setObjectName("bulkAlert")
        self.alert.addItem(self.tr("No alert"), None)
        self.alert.addItem(self.tr("At the time"), 0)
        self.alert.addItem(self.tr("15 minutes before"), 15)
        self.alert.addItem(self.tr("1 day before"), 24 * 60)
        form.addRow(self.tr("Alert"), self.alert)
        layout.addLayout(form)

        rules = QGroupBox(self.tr("Assign"))
        rules_layout = QVBoxLayout(rules)
        self.rule_group = QButtonGroup(self)
        collaborators = self.session.activities.collaborators()
        self.one_radio = QRadioButton(self.tr("All to one collaborator"))
        self.one_combo = QComboBox()
        self.one_combo.setObjectName("bulkCollaborator")
        self.team_radio = QRadioButton(self.tr("In turn to the members of a team"))
        self.team_combo = QComboBox()
        self.team_combo.setObjectName("bulkTeam")
        for team_id, name in self.session.activities.teams():
            self.team_combo.addItem(name, team_id)
        self.owner_radio = QRadioButton(self.tr("To each person's account owner; the others to"))
        self.fallback_combo = QComboBox()
        self.fallback_combo.setObjectName("bulkFallback")
        self.fallback_combo.addItem(self.tr("— nobody —"), None)
        for party_id, name in collaborators:
            self.one_combo.addItem(name, party_id)
            self.fallback_combo.addItem(name, party_id)
        for index, (radio, combo, rule) in enumerate(
            (
                (self.one_radio, self.one_combo, AssignmentRule.ONE.value),
                (self.team_radio, self.team_combo, AssignmentRule.ROUND_ROBIN.value),
                (self.owner_radio, self.fallback_combo, AssignmentRule.ACCOUNT_OWNER.value),
            )
        ):
            radio.setObjectName(f"rule_{rule}")
            self.rule_group.addButton(radio, index)
            row = QHBoxLayout()
            row.addWidget(radio)
            row.addWidget(combo, 1)
            rules_layout.addLayout(row)
        self.team_radio.setEnabled(self.team_combo.count() > 0)
        self.one_radio.setChecked(True)
        layout.addWidget(rules)

        self.errors = QLabel()
        self.errors.setObjectName("bulkErrors")
        self.errors.setStyleSheet("color: #c62828;")
        self.errors.setWordWrap(True)
        layout.addWidget(self.errors)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.plan_button = buttons.addButton(self.tr("Plan the tasks"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.plan_button.setObjectName("planTasks")
        buttons.accepted.connect(self.plan)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add(self, party_id: uuid.UUID) -> None:
        if party_id not in self.party_ids:
            self.party_ids.append(party_id)
        self.picker.clear()
        self._update_count()

    def _update_count(self) -> None:
        text = self.tr("%n person(s) will each get a task.", "", len(self.party_ids))
        if self.source_label:
            text = f"{self.source_label} — {text}"
        self.count_label.setText(text)
        self.plan_button.setEnabled(bool(self.party_ids) and self.session.can_create)

    def plan(self) -> None:
        """Create the tasks in a worker; the dialog closes when they are written."""
        rule_by_button = {
            0: AssignmentRule.ONE.value,
            1: AssignmentRule.ROUND_ROBIN.value,
            2: AssignmentRule.ACCOUNT_OWNER.value,
        }
        rule = rule_by_button[self.rule_group.checkedId()]
        minutes = self.alert.currentData()
        plan = BulkTaskPlan(
            subject=self.subject.text(),
            rule=rule,
            type=str(self.type_combo.currentData()),
            due_at=from_qt(self.due.dateTime()),
            priority=str(self.priority.currentData()),
            collaborator_id=self.one_combo.currentData() if rule == AssignmentRule.ONE.value else None,
            team_id=self.team_combo.currentData() if rule == AssignmentRule.ROUND_ROBIN.value else None,
            fallback_id=self.fallback_combo.currentData() if rule == AssignmentRule.ACCOUNT_OWNER.value else None,
            alert_minutes_before=int(minutes) if minutes is not None else None,
        )
        tasks, people = self.session.tasks, list(self.party_ids)
        self.plan_button.setEnabled(False)
        self.errors.clear()

        def work(_report: Any, _token: Any) -> BulkResult:
            return tasks.bulk_create(people, plan)

        workers.start(work, on_done=self._planned, on_error=self._failed)

    def _planned(self, result: BulkResult) -> None:
        self.result_ = result
        self.done.emit(result)
        self.accept()

    def _failed(self, exc: Exception, details: str) -> None:
        self.plan_button.setEnabled(True)
        if isinstance(exc, ValidationFailedError):
            self.errors.setText("\n".join(action_error_text(error) for error in exc.errors))
            return
        show_error(self, self.tr("The tasks could not be planned"), str(exc), details)


def plan_tasks_for(
    page: QWidget,
    session: WorkspaceSession,
    member_ids: Callable[[], list[uuid.UUID]],
    *,
    label: str,
    button: QAbstractButton,
    planned: Callable[[BulkResult], None],
    error_title: str,
) -> workers.Worker:
    """The "Plan tasks…" of a list page (a segment, a group): find its members in a worker, then open the dialog.

    `button` is disabled meanwhile (a second click would open a second dialog); the dialog is
    kept as `page.plan_dialog` (tests and the page reach it there) and `planned` gets the result.
    """
    button.setEnabled(False)

    def opened(party_ids: list[uuid.UUID]) -> None:
        button.setEnabled(True)
        dialog = BulkTaskDialog(session, party_ids, label=label, parent=page)
        dialog.done.connect(planned)
        page.plan_dialog = dialog  # type: ignore[attr-defined]
        dialog.show()

    def failed(exc: Exception, details: str) -> None:
        button.setEnabled(True)
        show_error(page, error_title, str(exc), details)

    return workers.start(lambda _report, _token: member_ids(), on_done=opened, on_error=failed, owner=page)
