"""The activity form: a call, an e-mail, an appointment, a note... linked to people, organisations
and deals, optionally a task (assignee, due time, priority, status) with an alert."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.services.activities import CALL_TYPES, ActivityDetail, ActivityDraft, TaskFields
from ekocrm_desktop.services.alerts import AlertRequest
from ekocrm_desktop.services.errors import ConflictError, FieldError, ValidationFailedError
from ekocrm_desktop.ui.actions_labels import (
    action_error_text,
    activity_type_icon,
    activity_type_name,
    activity_types,
    alert_offsets,
    duration_text,
    index_of,
    outcome_name,
    outcomes,
    priorities,
    priority_name,
    task_status_name,
    task_statuses,
)
from ekocrm_desktop.ui.comms_common import AttachmentsRow
from ekocrm_desktop.ui.dialogs.conflict_dialog import ConflictDialog
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.formatting import local_datetime_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.widgets.party_picker import PartyPicker

KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2


def to_qt(value: dt.datetime) -> QDateTime:
    """An aware datetime for a QDateTimeEdit (shown in local time)."""
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.utc()).toLocalTime()


def from_qt(value: QDateTime) -> dt.datetime:
    """What a QDateTimeEdit holds, as an aware UTC datetime."""
    return dt.datetime.fromtimestamp(value.toSecsSinceEpoch(), dt.UTC)


class ActivityDialog(QDialog):
    """Create or edit one activity (non-modal; several can be open)."""

    saved = Signal(object)
    #: The activity was moved to the trash: (id, subject), for an "Undo".
    trashed = Signal(object, str)

    def __init__(
        self,
        session: WorkspaceSession,
        *,
        activity_id: uuid.UUID | None = None,
        preset: ActivityDraft | None = None,
        link_labels: dict[uuid.UUID, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("ActivityDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.activities = session.activities
        self.detail: ActivityDetail | None = None
        self._new_id = uuid7()  # a retried save of a new activity never logs it twice
        if activity_id is not None:
            self.detail = self.activities.get(activity_id)
        self._build()
        if self.detail is not None:
            self._load(self.detail.draft, {r.id: r.label for r in self.detail.links})
        else:
            self._load(preset or ActivityDraft(type="note"), link_labels or {})
        self._initial = self._snapshot()
        self._closing_confirmed = False
        self._update_title()
        self.resize(640, 700)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("activityType")
        for code, name in activity_types():
            self.type_combo.addItem(activity_type_icon(code), name, code)
        self.type_combo.currentIndexChanged.connect(lambda _i: self._type_changed())
        form.addRow(self.tr("Type"), self.type_combo)
        self.subject = QLineEdit()
        self.subject.setObjectName("activitySubject")
        self.subject.setAccessibleName(self.tr("Subject"))
        form.addRow(self.tr("Subject *"), self.subject)
        self.when = QDateTimeEdit()
        self.when.setObjectName("activityWhen")
        self.when.setCalendarPopup(True)
        self.when_label = QLabel(self.tr("When"))
        form.addRow(self.when_label, self.when)
        self.ends = QDateTimeEdit()
        self.ends.setObjectName("activityEnds")
        self.ends.setCalendarPopup(True)
        self.ends_label = QLabel(self.tr("Ends"))
        form.addRow(self.ends_label, self.ends)
        self.place = QLineEdit()
        self.place.setObjectName("activityPlace")
        self.place_label = QLabel(self.tr("Place"))
        form.addRow(self.place_label, self.place)
        call_row = QHBoxLayout()
        self.duration = QSpinBox()
        self.duration.setObjectName("callDuration")
        self.duration.setRange(0, 24 * 60)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setAccessibleName(self.tr("Duration"))
        self.outcome = QComboBox()
        self.outcome.setObjectName("callOutcome")
        self.outcome.setEditable(True)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.addItem("", "")
        for code, name in outcomes():
            self.outcome.addItem(name, code)
        call_row.addWidget(self.duration)
        call_row.addWidget(QLabel(self.tr("Outcome")))
        call_row.addWidget(self.outcome, 1)
        self.call_label = QLabel(self.tr("Duration"))
        self.call_widget = QWidget()
        self.call_widget.setLayout(call_row)
        call_row.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.call_label, self.call_widget)
        self.owner = QComboBox()
        self.owner.setObjectName("activityOwner")
        self.owner.addItem(self.tr("— nobody —"), None)
        self._collaborators = self.activities.collaborators()
        for party_id, name in self._collaborators:
            self.owner.addItem(name, party_id)
        self.private = QCheckBox(self.tr("Private (only the collaborator who did it sees it)"))
        owner_row = QHBoxLayout()
        owner_row.addWidget(self.owner, 1)
        owner_row.addWidget(self.private)
        form.addRow(self.tr("By"), owner_row)
        layout.addLayout(form)

        # --- who and what it is about
        links_box = QGroupBox(self.tr("About"))
        links_layout = QVBoxLayout(links_box)
        self.links = QListWidget()
        self.links.setObjectName("activityLinks")
        self.links.setMaximumHeight(90)
        links_layout.addWidget(self.links)
        add_row = QHBoxLayout()
        self.picker = PartyPicker(self.session.contacts)
        self.picker.setObjectName("linkPicker")
        self.picker.setPlaceholderText(self.tr("Add a person or an organisation: type a name"))
        self.picker.chosen.connect(self._add_picked)
        remove = QPushButton(icon("remove"), self.tr("Remove"))
        remove.setObjectName("removeLink")
        remove.clicked.connect(self._remove_link)
        add_row.addWidget(self.picker, 1)
        add_row.addWidget(remove)
        links_layout.addLayout(add_row)
        layout.addWidget(links_box)

        self.body = QPlainTextEdit()
        self.body.setObjectName("activityBody")
        self.body.setAccessibleName(self.tr("Text"))
        self.body.setPlaceholderText(self.tr("What was said, what to remember…"))
        layout.addWidget(self.body, 1)
        # The files of an e-mail (sent from the app or logged from an .eml), to save (issue 5, part C).
        self.attachments: AttachmentsRow | None = None
        if self.detail is not None:
            self.attachments = AttachmentsRow(self.session, self.detail.id, self)
            layout.addWidget(self.attachments)

        # --- task
        self.task_box = QGroupBox(self.tr("Task: to do by someone"))
        self.task_box.setObjectName("taskBox")
        self.task_box.setCheckable(True)
        self.task_box.setChecked(False)
        # The task's fields show only for a task: a plain activity keeps a short form.
        self.task_fields = QWidget()
        QVBoxLayout(self.task_box).addWidget(self.task_fields)
        task_form = QFormLayout(self.task_fields)
        task_form.setContentsMargins(0, 0, 0, 0)
        self.assignee = QComboBox()
        self.assignee.setObjectName("taskAssignee")
        self.assignee.addItem(self.tr("— nobody —"), None)
        for party_id, name in self._collaborators:
            self.assignee.addItem(name, party_id)
        task_form.addRow(self.tr("Assigned to"), self.assignee)
        self.team = QComboBox()
        self.team.setObjectName("taskTeam")
        self.team.addItem(self.tr("— no team —"), None)
        for team_id, name in self.activities.teams():
            self.team.addItem(name, team_id)
        task_form.addRow(self.tr("Team"), self.team)
        self.due = QDateTimeEdit()
        self.due.setObjectName("taskDue")
        self.due.setCalendarPopup(True)
        task_form.addRow(self.tr("Due"), self.due)
        self.priority = QComboBox()
        self.priority.setObjectName("taskPriority")
        for code, name in priorities():
            self.priority.addItem(name, code)
        task_form.addRow(self.tr("Priority"), self.priority)
        self.status = QComboBox()
        self.status.setObjectName("taskStatus")
        for code, name in task_statuses():
            self.status.addItem(name, code)
        task_form.addRow(self.tr("Status"), self.status)
        layout.addWidget(self.task_box)
        self.task_box.toggled.connect(lambda _c: self._type_changed())
        self.task_box.toggled.connect(self.task_fields.setVisible)
        self.task_fields.setVisible(False)

        alert_row = QFormLayout()
        self.alert = QComboBox()
        self.alert.setObjectName("alertOffset")
        self.alert.setToolTip(self.tr("A reminder before the due time of a task or the start of an appointment"))
        for minutes, name in alert_offsets():
            self.alert.addItem(icon("fa6s.bell") if minutes is not None else icon("fa6s.bell-slash"), name, minutes)
        self.alert.addItem(icon("fa6s.bell"), self.tr("At a given time…"), "at")
        self.alert_at = QDateTimeEdit()
        self.alert_at.setObjectName("alertAt")
        self.alert_at.setCalendarPopup(True)
        self.alert_at.setAccessibleName(self.tr("Alert time"))
        self.alert.currentIndexChanged.connect(lambda _i: self._alert_changed())
        alert_line = QHBoxLayout()
        alert_line.addWidget(self.alert, 1)
        alert_line.addWidget(self.alert_at)
        alert_row.addRow(self.tr("Alert"), alert_line)
        layout.addLayout(alert_row)

        self.summary = QLabel()
        self.summary.setObjectName("activityErrors")
        self.summary.setStyleSheet("color: #c62828;")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveActivity")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        if self.detail is not None:
            self.trash_button = buttons.addButton(self.tr("Move to trash"), QDialogButtonBox.ButtonRole.DestructiveRole)
            self.trash_button.setIcon(icon("delete"))
            self.trash_button.clicked.connect(self.move_to_trash)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        if not self.session.can_edit:
            self.save_button.setEnabled(False)

    # ------------------------------------------------------------------ content
    def _load(self, draft: ActivityDraft, labels: dict[uuid.UUID, str]) -> None:
        now = self.activities.now()
        self.type_combo.setCurrentIndex(max(index_of(self.type_combo, draft.type), 0))
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)
        when = draft.starts_at if draft.type == "appointment" and draft.starts_at else draft.occurred_at
        # The widgets show minutes: what was loaded is kept as it is unless the user changes it.
        self._loaded: dict[str, Any] = {
            "when": when or now,
            "ends": draft.ends_at or (when or now) + dt.timedelta(hours=1),
            "due": (draft.task.due_at if draft.task else None) or now + dt.timedelta(days=1),
            "duration": draft.duration_seconds,
        }
        self.when.setDateTime(to_qt(self._loaded["when"]))
        self.ends.setDateTime(to_qt(self._loaded["ends"]))
        self.place.setText(draft.place)
        self.duration.setValue((draft.duration_seconds or 0) // 60)
        index = index_of(self.outcome, draft.outcome)
        if index >= 0:
            self.outcome.setCurrentIndex(index)
        else:
            self.outcome.setEditText(outcome_name(draft.outcome))
        mine = self.session.capabilities.my_party_id
        owner = draft.owner_id if draft.owner_id is not None or self.detail is not None else mine
        self.owner.setCurrentIndex(max(index_of(self.owner, owner), 0))
        self.private.setChecked(draft.private)
        self.links.clear()
        for party_id in draft.party_ids:
            self._add_link("party", party_id, labels.get(party_id, "?"))
        for deal_id in draft.deal_ids:
            self._add_link("deal", deal_id, labels.get(deal_id, "?"))
        task = draft.task
        self.task_box.setChecked(task is not None)
        task = task or TaskFields(assignee_id=mine, due_at=now + dt.timedelta(days=1))
        self.assignee.setCurrentIndex(max(index_of(self.assignee, task.assignee_id), 0))
        self.team.setCurrentIndex(max(index_of(self.team, task.team_id), 0))
        self.due.setDateTime(to_qt(self._loaded["due"]))
        self.priority.setCurrentIndex(max(index_of(self.priority, task.priority), 0))
        self.status.setCurrentIndex(max(index_of(self.status, task.status), 0))
        alert_choice: int | str | None = None
        if draft.alert is not None:
            alert_choice = draft.alert.minutes_before if draft.alert.at is None else "at"
        self._loaded["alert_at"] = (draft.alert.at if draft.alert else None) or self._loaded["due"]
        self.alert_at.setDateTime(to_qt(self._loaded["alert_at"]))
        self.alert.setCurrentIndex(max(index_of(self.alert, alert_choice), 0))
        self._alert_changed()
        self._type_changed()

    def _add_link(self, kind: str, target: uuid.UUID, label: str) -> None:
        for row in range(self.links.count()):
            if self.links.item(row).data(IdRole) == target:
                return
        item = QListWidgetItem(icon("fa6s.handshake" if kind == "deal" else "person"), label)
        item.setData(KindRole, kind)
        item.setData(IdRole, target)
        self.links.addItem(item)

    def _add_picked(self, party_id: uuid.UUID) -> None:
        self._add_link("party", party_id, self.picker.text())
        self.picker.clear()

    def _remove_link(self) -> None:
        for item in self.links.selectedItems():
            self.links.takeItem(self.links.row(item))

    def _type_changed(self) -> None:
        code = self.type_combo.currentData()
        appointment = code == "appointment"
        call = code in CALL_TYPES
        self.when_label.setText(self.tr("Starts") if appointment else self.tr("When"))
        for widget in (self.ends, self.ends_label, self.place, self.place_label):
            widget.setVisible(appointment)
        self.call_widget.setVisible(call)
        self.call_label.setVisible(call)
        # An alert counts from a task's due time or an appointment's start.
        self.alert.setEnabled(appointment or self.task_box.isChecked())
        self._alert_changed()

    def _alert_changed(self) -> None:
        self.alert_at.setVisible(self.alert.currentData() == "at" and self.alert.isEnabled())

    def draft(self) -> ActivityDraft:
        """What the form holds."""
        code = str(self.type_combo.currentData())
        appointment = code == "appointment"
        when = self._time("when", self.when)
        task = None
        if self.task_box.isChecked():
            task = TaskFields(
                assignee_id=self.assignee.currentData(),
                team_id=self.team.currentData(),
                due_at=self._time("due", self.due),
                priority=str(self.priority.currentData()),
                status=str(self.status.currentData()),
            )
        choice = self.alert.currentData() if self.alert.isEnabled() else None
        alert = None
        if choice == "at":
            alert = AlertRequest(at=self._time("alert_at", self.alert_at))
        elif choice is not None:
            alert = AlertRequest(minutes_before=int(choice))
        outcome_index = self.outcome.findText(self.outcome.currentText())
        outcome = (
            str(self.outcome.itemData(outcome_index)) if outcome_index >= 0 else self.outcome.currentText().strip()
        )
        links = [
            (self.links.item(r).data(KindRole), self.links.item(r).data(IdRole)) for r in range(self.links.count())
        ]
        return ActivityDraft(
            type=code,
            subject=self.subject.text(),
            body=self.body.toPlainText(),
            occurred_at=when,
            starts_at=when if appointment else None,
            ends_at=self._time("ends", self.ends) if appointment else None,
            place=self.place.text() if appointment else "",
            duration_seconds=self._duration() if code in CALL_TYPES else None,
            outcome=outcome if code in CALL_TYPES else "",
            owner_id=self.owner.currentData(),
            private=self.private.isChecked(),
            party_ids=tuple(i for k, i in links if k == "party"),
            deal_ids=tuple(i for k, i in links if k == "deal"),
            task=task,
            alert=alert,
        )

    def _time(self, key: str, widget: QDateTimeEdit) -> dt.datetime:
        """The widget's time, or the loaded one (seconds included) when the widget still shows it."""
        shown = from_qt(widget.dateTime())
        loaded: dt.datetime = self._loaded[key]
        if shown.replace(second=0) == loaded.replace(second=0, microsecond=0):
            return loaded
        return shown

    def _duration(self) -> int | None:
        """The call's length in seconds; the loaded one while the minutes shown are unchanged."""
        loaded: int | None = self._loaded["duration"]
        minutes = self.duration.value()
        if (loaded or 0) // 60 == minutes:
            return loaded
        return minutes * 60

    def _snapshot(self) -> ActivityDraft:
        return self.draft()

    def is_dirty(self) -> bool:
        """Whether the form changed since it was opened or saved."""
        return self.draft() != self._initial

    def _update_title(self) -> None:
        name = self.type_combo.currentText()
        if self.detail is None:
            self.setWindowTitle(self.tr("New activity: %1").replace("%1", name))
        else:
            self.setWindowTitle(self.tr("%1: %2").replace("%1", name).replace("%2", self.detail.draft.subject))

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        """Validate and save; True when saved (the dialog closes)."""
        draft = self.draft()
        try:
            if self.detail is None:
                saved = self.activities.log(draft, activity_id=self._new_id)
            else:
                saved = self.activities.update(self.detail.id, self.detail.version, draft)
        except ValidationFailedError as exc:
            self._show_errors(exc.errors)
            return False
        except ConflictError as exc:
            return self._resolve_conflict(draft, exc.current)
        except Exception as exc:  # shown to the user with details; the form is kept
            show_error(self, self.tr("Could not save"), str(exc))
            return False
        self.detail = saved
        self._initial = self._snapshot()
        self.saved.emit(saved.id)
        self._closing_confirmed = True
        self.accept()
        return True

    def _resolve_conflict(self, mine: ActivityDraft, theirs: ActivityDetail) -> bool:
        """Someone saved this activity meanwhile: compare field by field, never overwrite silently."""
        base = self.detail.draft if self.detail is not None else mine
        dialog = ConflictDialog(base=base, mine=mine, theirs=theirs, fields=self._conflict_fields(), parent=self)
        dialog.exec()
        if dialog.choice == ConflictDialog.RELOAD:
            self.detail = theirs
            self._load(theirs.draft, {r.id: r.label for r in theirs.links})
            self._initial = self._snapshot()
            return False
        if dialog.choice == ConflictDialog.SAVE_MERGED and dialog.merged is not None:
            self.detail = theirs
            self._load(dialog.merged, {r.id: r.label for r in theirs.links} | self._link_labels())
            return self.save()
        # Back to the form: the next save compares again; nothing is lost.
        return False

    def _link_labels(self) -> dict[uuid.UUID, str]:
        return {self.links.item(r).data(IdRole): self.links.item(r).text() for r in range(self.links.count())}

    def _conflict_fields(self) -> list[tuple[str, str, Callable[[Any], str]]]:
        """What the conflict dialog compares: every field the draft carries (owner, private, task, alert too)."""
        names = dict(self._collaborators)
        labels = self._link_labels()
        if self.detail is not None:
            labels |= {r.id: r.label for r in self.detail.links}
        plain: Callable[[Any], str] = lambda v: "" if v is None else str(v)  # noqa: E731
        when: Callable[[Any], str] = lambda v: local_datetime_text(v)  # noqa: E731
        people: Callable[[Any], str] = lambda v: ", ".join(labels.get(i, "?") for i in v)  # noqa: E731

        def task_text(task: TaskFields | None) -> str:
            if task is None:
                return self.tr("Not a task")
            return " · ".join(
                part
                for part in (
                    names.get(task.assignee_id, "") if task.assignee_id else "",
                    local_datetime_text(task.due_at),
                    priority_name(task.priority),
                    task_status_name(task.status),
                )
                if part
            )

        def alert_text(alert: AlertRequest | None) -> str:
            if alert is not None and alert.at is not None:
                return local_datetime_text(alert.at)
            return dict(alert_offsets()).get(None if alert is None else alert.minutes_before, "")

        return [
            ("type", self.tr("Type"), activity_type_name),
            ("subject", self.tr("Subject"), plain),
            ("body", self.tr("Text"), plain),
            ("occurred_at", self.tr("When"), when),
            ("starts_at", self.tr("Starts"), when),
            ("ends_at", self.tr("Ends"), when),
            ("place", self.tr("Place"), plain),
            ("duration_seconds", self.tr("Duration"), duration_text),
            ("outcome", self.tr("Outcome"), lambda v: outcome_name(v) if v else ""),
            ("owner_id", self.tr("By"), lambda v: names.get(v, "") if v else ""),
            ("private", self.tr("Private"), lambda v: self.tr("Yes") if v else self.tr("No")),
            ("party_ids", self.tr("About"), people),
            ("deal_ids", self.tr("Deals"), people),
            ("task", self.tr("Task"), task_text),
            ("alert", self.tr("Alert"), alert_text),
        ]

    def _show_errors(self, errors: list[FieldError]) -> None:
        self.summary.setText("\n".join(action_error_text(error) for error in errors))

    def move_to_trash(self) -> None:
        """Move this activity to the trash (restorable)."""
        if self.detail is None:
            return
        self.activities.trash([self.detail.id])
        self.trashed.emit(self.detail.id, self.detail.draft.subject)
        self._closing_confirmed = True
        self.accept()

    def reject(self) -> None:
        if self._closing_confirmed or not self.is_dirty() or self._confirm_discard():
            self._closing_confirmed = True
            super().reject()

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes?"),
            self.tr("Close this form and lose your changes?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard
