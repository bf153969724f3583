"""The Agenda page: day, week or month; one collaborator, several side by side, or a team;
appointments (recurring ones expanded) and tasks with a due date. Select a slot to create an
appointment, drag a block to move it, drag its bottom edge to resize it; export and import .ics."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.activities import ActivityDraft
from ekocrm_desktop.services.agenda import Occurrence, Scope
from ekocrm_desktop.services.ical import IcsImportReport
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.dialogs.activity_dialog import ActivityDialog
from ekocrm_desktop.ui.dialogs.agenda_dialogs import IcsReportDialog, RecurrenceDialog, ScopeDialog
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.widgets.agenda_view import HOUR_HEIGHT, AgendaHeader, AgendaView, Column

IdRole = Qt.ItemDataRole.UserRole


class AgendaPage(QWidget):
    """The collaborators' agenda, drawn by an `AgendaView`; edits go through `session.agenda`."""

    status_message = Signal(str, object)
    #: A dialog was opened (tests follow it).
    dialog_opened = Signal(object)
    #: An .ics import finished (its report).
    imported = Signal(object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AgendaPage")
        self.session = session
        self.agenda = session.agenda
        self.tz = self.agenda.tz
        self.mode = "week"
        self.anchor = self.today()
        self._build()
        self._load_people()
        self.refresh()
        session.bridge.listen(self, self.on_changes)
        # Show working hours first; the rest of the day is a scroll away.
        QTimer.singleShot(0, lambda: self.scroll_area.verticalScrollBar().setValue(8 * HOUR_HEIGHT - 4))

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Agenda"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addSpacing(12)
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setObjectName("agendaToday")
        self.today_button.clicked.connect(self.go_today)
        self.previous_button = QToolButton()
        self.previous_button.setObjectName("agendaPrevious")
        self.previous_button.setIcon(icon("fa6s.chevron-left"))
        self.previous_button.setToolTip(self.tr("Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton()
        self.next_button.setObjectName("agendaNext")
        self.next_button.setIcon(icon("fa6s.chevron-right"))
        self.next_button.setToolTip(self.tr("Next"))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.next_button.clicked.connect(lambda: self.step(1))
        for widget in (self.today_button, self.previous_button, self.next_button):
            header.addWidget(widget)
        self.period_label = QLabel()
        self.period_label.setObjectName("agendaPeriod")
        bold = self.period_label.font()
        bold.setBold(True)
        self.period_label.setFont(bold)
        header.addSpacing(8)
        header.addWidget(self.period_label)
        header.addStretch(1)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QToolButton] = {}
        for code, name in (("day", self.tr("Day")), ("week", self.tr("Week")), ("month", self.tr("Month"))):
            mode_button = QToolButton()
            button = mode_button
            button.setObjectName(f"agendaMode_{code}")
            button.setText(name)
            button.setCheckable(True)
            button.setChecked(code == self.mode)
            button.clicked.connect(lambda _c=False, m=code: self.set_mode(m))
            self.mode_group.addButton(button)
            self.mode_buttons[code] = mode_button
            header.addWidget(button)
        layout.addLayout(header)

        actions = QHBoxLayout()
        self.new_button = QPushButton(icon("add"), self.tr("New appointment…"))
        self.new_button.setObjectName("agendaNew")
        self.new_button.setEnabled(self.session.can_create)
        self.new_button.clicked.connect(lambda: self.new_appointment())
        self.open_button = QPushButton(icon("edit"), self.tr("Open"))
        self.open_button.setObjectName("agendaOpen")
        self.open_button.clicked.connect(self.open_selected)
        self.repeat_button = QPushButton(icon("fa6s.repeat"), self.tr("Repeat…"))
        self.repeat_button.setObjectName("agendaRepeat")
        self.repeat_button.clicked.connect(lambda: self.edit_repetition())
        self.delete_button = QPushButton(icon("fa6s.trash-can"), self.tr("Delete"))
        self.delete_button.setObjectName("agendaDelete")
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        for push in (self.new_button, self.open_button, self.repeat_button, self.delete_button):
            actions.addWidget(push)
        actions.addStretch(1)
        self.export_button = QToolButton()
        self.export_button.setObjectName("agendaExport")
        self.export_button.setText(self.tr("Export .ics…"))
        self.export_button.setIcon(icon("fa6s.file-export"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_shown_action = menu.addAction(self.tr("Agenda of the collaborators shown…"))
        self.export_shown_action.triggered.connect(lambda: self._ask_export(selection=False))
        self.export_selected_action = menu.addAction(self.tr("Selected appointment…"))
        self.export_selected_action.triggered.connect(lambda: self._ask_export(selection=True))
        self.export_button.setMenu(menu)
        self.import_button = QPushButton(icon("fa6s.file-import"), self.tr("Import .ics…"))
        self.import_button.setObjectName("agendaImport")
        self.import_button.setEnabled(self.session.can_create)
        self.import_button.clicked.connect(self._ask_import)
        self.stop_import_button = QPushButton(icon("fa6s.stop"), self.tr("Stop the import"))
        self.stop_import_button.setObjectName("agendaStopImport")
        self.stop_import_button.hide()
        self.stop_import_button.clicked.connect(self.stop_import)
        self.import_worker: workers.Worker | None = None
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.stop_import_button)
        layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 4, 0)
        side_layout.addWidget(QLabel(self.tr("Team")))
        self.team_combo = QComboBox()
        self.team_combo.setObjectName("agendaTeam")
        self.team_combo.activated.connect(lambda _i: self._team_chosen())
        side_layout.addWidget(self.team_combo)
        side_layout.addWidget(QLabel(self.tr("Collaborators")))
        self.people_list = QListWidget()
        self.people_list.setObjectName("agendaPeople")
        self.people_list.setAccessibleName(self.tr("Collaborators shown"))
        self.people_list.itemChanged.connect(lambda _item: self._people_changed())
        side_layout.addWidget(self.people_list, 1)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("agendaHint")
        self.empty_label.setWordWrap(True)
        side_layout.addWidget(self.empty_label)
        splitter.addWidget(side)

        grid = QWidget()
        grid_layout = QVBoxLayout(grid)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.setSpacing(0)
        self.view = AgendaView()
        self.view.clock = self.session.now
        self.view.editable = self.session.can_edit
        self.header = AgendaHeader(self.view)
        grid_layout.addWidget(self.header)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("agendaScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.view)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        grid_layout.addWidget(self.scroll_area, 1)
        self.scroll_area.horizontalScrollBar().valueChanged.connect(self._scrolled_sideways)
        splitter.addWidget(grid)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 900])
        layout.addWidget(splitter, 1)

        self.view.slot_selected.connect(self.create_at)
        self.view.block_dropped.connect(self.drop)
        self.view.block_activated.connect(self.open_occurrence)
        self.view.block_selected.connect(lambda _o: self._update_buttons())
        self.view.day_activated.connect(self._open_day)
        self.view.delete_requested.connect(lambda _o: self.delete_selected())
        self.view.setAccessibleName(self.tr("Agenda grid"))
        self._update_buttons()

    def _scrolled_sideways(self, value: int) -> None:
        self.header.offset = value
        self.header.update()

    # ------------------------------------------------------------------ who is shown
    def _load_people(self) -> None:
        self.people_list.blockSignals(True)
        self.people_list.clear()
        me = self.session.capabilities.my_party_id
        for party_id, name in self.session.activities.collaborators():
            item = QListWidgetItem(name)
            item.setData(IdRole, party_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if party_id == me else Qt.CheckState.Unchecked)
            self.people_list.addItem(item)
        self.people_list.blockSignals(False)
        self.team_combo.clear()
        self.team_combo.addItem(self.tr("— no team —"), None)
        for team_id, name in self.session.activities.teams():
            self.team_combo.addItem(name, team_id)

    def shown_people(self) -> list[tuple[uuid.UUID, str]]:
        """The collaborators ticked, in list order (empty: everyone's appointments in one column)."""
        result = []
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                result.append((item.data(IdRole), item.text()))
        return result

    def show_people(self, party_ids: list[uuid.UUID]) -> None:
        """Tick exactly these collaborators."""
        self.people_list.blockSignals(True)
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            checked = item.data(IdRole) in party_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.people_list.blockSignals(False)
        self.refresh()

    def show_team(self, team_id: uuid.UUID) -> None:
        """Show a team: its members side by side."""
        index = self.team_combo.findData(team_id)
        if index >= 0:
            self.team_combo.setCurrentIndex(index)
        self.show_people(self.agenda.team_members(team_id))

    def _team_chosen(self) -> None:
        team_id = self.team_combo.currentData()
        if team_id is not None:
            self.show_team(team_id)

    def _people_changed(self) -> None:
        self.team_combo.setCurrentIndex(0)
        self.refresh()

    # ------------------------------------------------------------------ period
    def period(self) -> tuple[dt.date, dt.date]:
        """First day shown and the day after the last."""
        if self.mode == "day":
            return self.anchor, self.anchor + dt.timedelta(days=1)
        if self.mode == "week":
            monday = self.anchor - dt.timedelta(days=self.anchor.weekday())
            return monday, monday + dt.timedelta(days=7)
        first = self.anchor.replace(day=1)
        start = first - dt.timedelta(days=first.weekday())
        return start, start + dt.timedelta(days=42)

    def set_mode(self, mode: str) -> None:
        """Day, week or month."""
        self.mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.scroll_area.setWidgetResizable(True)
        self.refresh()
        if mode != "month":
            self.scroll_area.verticalScrollBar().setValue(8 * HOUR_HEIGHT - 4)

    def go_to(self, day: dt.date) -> None:
        """Show the period holding this day."""
        self.anchor = day
        self.refresh()

    def today(self) -> dt.date:
        """Today in the agenda's time zone, by the session's clock (the services' own)."""
        return self.session.now().astimezone(self.tz).date()

    def go_today(self) -> None:
        """Back to today."""
        self.go_to(self.today())

    def step(self, direction: int) -> None:
        """The previous or next day, week or month."""
        if self.mode == "day":
            self.go_to(self.anchor + dt.timedelta(days=direction))
        elif self.mode == "week":
            self.go_to(self.anchor + dt.timedelta(days=7 * direction))
        else:
            month = self.anchor.month - 1 + direction
            self.go_to(dt.date(self.anchor.year + month // 12, month % 12 + 1, 1))

    def _open_day(self, day: dt.date) -> None:
        self.anchor = day
        self.set_mode("day")

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        """Read the period for the collaborators shown and redraw."""
        first, after = self.period()
        start = dt.datetime.combine(first, dt.time(), self.tz)
        end = dt.datetime.combine(after, dt.time(), self.tz)
        people = self.shown_people()
        ids = [p for p, _n in people] or None
        occurrences = self.agenda.occurrences(start, end, ids)
        days = [first + dt.timedelta(days=i) for i in range((after - first).days)]
        if self.mode == "month":
            self.view.set_content("month", [], occurrences, self.tz, month_days=days, month=self.anchor.month)
        else:
            shown: list[tuple[uuid.UUID | None, str]] = list(people) or [(None, self.tr("Everyone"))]
            columns = [
                Column(day, party_id, name, index) for day in days for index, (party_id, name) in enumerate(shown)
            ]
            self.view.set_content(self.mode, columns, occurrences, self.tz)
        self.header.updateGeometry()
        self.header.setFixedHeight(self.header.sizeHint().height())
        self.header.right_margin = self.scroll_area.verticalScrollBar().sizeHint().width()
        self.header.update()
        self.period_label.setText(self._period_text(first, after))
        if not occurrences:
            self.empty_label.setText(
                self.tr("Nothing planned in this period. Drag across free time to create an appointment.")
            )
        else:
            self.empty_label.setText(self.tr("%n appointment(s) and task(s) shown", "", len(occurrences)))
        self._update_buttons()

    def _period_text(self, first: dt.date, after: dt.date) -> str:
        locale = self.locale()
        last = after - dt.timedelta(days=1)
        if self.mode == "day":
            return locale.toString(QDate(first.year, first.month, first.day), "dddd d MMMM yyyy")
        if self.mode == "month":
            return locale.toString(QDate(self.anchor.year, self.anchor.month, 1), "MMMM yyyy").capitalize()
        return (
            self.tr("%1 – %2")
            .replace("%1", locale.toString(QDate(first.year, first.month, first.day), "d MMM"))
            .replace("%2", locale.toString(QDate(last.year, last.month, last.day), "d MMM yyyy"))
        )

    def on_changes(self, changes: Changes) -> None:
        """Appointments and tasks saved here or on another machine; people renamed; teams changed."""
        if changes.touches("activity", "alert"):
            self.refresh()
        elif changes.touches("party", "team"):
            checked = [p for p, _n in self.shown_people()]
            self._load_people()
            self.show_people(checked)

    def selected(self) -> Occurrence | None:
        """The occurrence clicked last."""
        return self.view.selected

    def _update_buttons(self) -> None:
        occurrence = self.view.selected
        appointment = occurrence is not None and occurrence.kind == "appointment"
        self.open_button.setEnabled(occurrence is not None)
        self.repeat_button.setEnabled(appointment and self.session.can_edit)
        self.delete_button.setEnabled(occurrence is not None and self.session.can_edit)
        self.export_selected_action.setEnabled(appointment)

    # ------------------------------------------------------------------ creating, opening
    def create_at(
        self, collaborator_id: uuid.UUID | None, start: dt.datetime, end: dt.datetime
    ) -> ActivityDialog | None:
        """A slot was selected: the appointment form, prefilled with the slot and the column's collaborator."""
        if not self.session.can_create:
            return None
        preset = ActivityDraft(
            type="appointment",
            occurred_at=start,
            starts_at=start,
            ends_at=end,
            owner_id=collaborator_id or self.session.capabilities.my_party_id,
        )
        dialog = ActivityDialog(self.session, preset=preset, parent=self)
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog

    def new_appointment(self) -> ActivityDialog | None:
        """An appointment on the day shown (today in week and month views), at the next round hour."""
        now = self.session.now().astimezone(self.tz)
        first, after = self.period()
        day = now.date() if first <= now.date() < after else first
        hour = min(now.hour + 1, 23) if day == now.date() else 9
        start = dt.datetime.combine(day, dt.time(hour), self.tz)
        people = self.shown_people()
        return self.create_at(people[0][0] if people else None, start, start + dt.timedelta(hours=1))

    def open_selected(self) -> None:
        """Open the occurrence selected."""
        if self.view.selected is not None:
            self.open_occurrence(self.view.selected)

    def open_occurrence(self, occurrence: Occurrence) -> ActivityDialog | None:
        """Open an appointment or task; for a series, the occurrence alone or the whole series."""
        activity_id = occurrence.activity_id
        if occurrence.recurring:
            assert occurrence.original_start is not None
            scope = self.ask_scope(self.tr("Open this occurrence only, or the whole series?"))
            if scope is None:
                return None
            if scope == "occurrence":
                return self._open_one_occurrence(occurrence)
        dialog = ActivityDialog(self.session, activity_id=activity_id, parent=self)
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog

    def _open_one_occurrence(self, occurrence: Occurrence) -> ActivityDialog:
        """The form of a new appointment copying this occurrence; saving it takes the occurrence out of the series.

        Nothing changes until the form is saved: closing it leaves the series whole.
        """
        assert occurrence.original_start is not None
        detail = self.session.activities.get(occurrence.activity_id)
        preset = dataclasses.replace(
            detail.draft, starts_at=occurrence.start, ends_at=occurrence.end, occurred_at=occurrence.start
        )
        labels = {record.id: record.label for record in detail.links}
        dialog = ActivityDialog(self.session, preset=preset, link_labels=labels, parent=self)
        series_id, original = occurrence.activity_id, occurrence.original_start
        agenda = self.agenda
        dialog.saved.connect(lambda _id: agenda.delete_occurrence(series_id, original))
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog

    def ask_scope(self, question: str) -> Scope | None:
        """ "This occurrence" or "the whole series" (None: cancelled)."""
        dialog = ScopeDialog(question, self)
        dialog.exec()
        scope = dialog.scope
        dialog.deleteLater()
        return scope  # type: ignore[return-value]

    # ------------------------------------------------------------------ moving, resizing, deleting
    def drop(
        self,
        occurrence: Occurrence,
        start: dt.datetime,
        end: dt.datetime,
        source: uuid.UUID | None = None,
        target: uuid.UUID | None = None,
    ) -> bool:
        """A block was dragged to a new time (or stretched), maybe into another collaborator's column: save it.

        Into another collaborator's column, the appointment is theirs (a series only as a whole).
        True when saved.
        """
        scope: Scope = "occurrence"
        new_start, new_end = start, end
        if occurrence.recurring:
            assert occurrence.original_start is not None
            chosen = self.ask_scope(self.tr("Move this occurrence only, or the whole series?"))
            if chosen is None:
                self.refresh()
                return False
            scope = chosen
            if scope == "series":
                # The series moves by what this occurrence moved, counted from where the rule puts it.
                new_start = occurrence.original_start + (start - occurrence.start)
                new_end = new_start + (end - start)
        reassign = source is not None and target is not None and source != target
        if reassign and occurrence.recurring and scope == "occurrence":
            reassign = False
            self.status_message.emit(self.tr("Only a whole series can be given to another collaborator."), None)
        try:
            if (start, end) != (occurrence.start, occurrence.end):
                self.agenda.move(
                    occurrence.activity_id,
                    new_start,
                    new_end,
                    original_start=occurrence.original_start,
                    scope=scope,
                )
            if reassign:
                assert source is not None and target is not None
                self.agenda.reassign(occurrence.activity_id, source, target)
        except Exception as exc:  # shown to the user; the agenda is redrawn as saved
            show_error(self, self.tr("Could not move the appointment"), str(exc))
            self.refresh()
            return False
        self.status_message.emit(self.tr("“%1” moved.").replace("%1", occurrence.subject), None)
        return True

    def delete_selected(self) -> None:
        """Delete the occurrence selected (one of a series, or the series), with an undo."""
        occurrence = self.view.selected
        if occurrence is None:
            return
        if occurrence.recurring:
            assert occurrence.original_start is not None
            scope = self.ask_scope(self.tr("Delete this occurrence only, or the whole series?"))
            if scope is None:
                return
            if scope == "occurrence":
                original = occurrence.original_start
                self.agenda.delete_occurrence(occurrence.activity_id, original)
                agenda = self.agenda
                self.status_message.emit(
                    self.tr("One occurrence of “%1” deleted.").replace("%1", occurrence.subject),
                    lambda: agenda.restore_occurrence(occurrence.activity_id, original),
                )
                return
        activities = self.session.activities
        activities.trash([occurrence.activity_id])
        self.status_message.emit(
            self.tr("“%1” moved to the trash.").replace("%1", occurrence.subject),
            lambda: activities.restore([occurrence.activity_id]),
        )

    def edit_repetition(self) -> RecurrenceDialog | None:
        """How the selected appointment repeats (the whole series)."""
        occurrence = self.view.selected
        if occurrence is None or occurrence.kind != "appointment":
            return None
        info = self.agenda.series(occurrence.activity_id)
        dialog = RecurrenceDialog(info.recurrence, occurrence.start.astimezone(self.tz).date(), self)
        self.dialog_opened.emit(dialog)
        if dialog.exec():
            try:
                self.agenda.set_recurrence(
                    occurrence.activity_id, dialog.recurrence(), time_zone=info.time_zone or self.agenda.time_zone
                )
            except Exception as exc:  # a rule the service refuses: said, nothing saved
                show_error(self, self.tr("Could not save the repetition"), str(exc))
        dialog.deleteLater()
        return dialog

    # ------------------------------------------------------------------ .ics
    def _ask_export(self, *, selection: bool) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the agenda"), str(Path.home() / "agenda.ics"), self.tr("iCalendar files (*.ics)")
        )
        if path:
            self.export_to(Path(path), selection=selection)

    def export_to(self, path: Path, *, selection: bool = False) -> int:
        """Write the selected appointment, or every appointment of the collaborators shown, to an .ics file."""
        if selection:
            ids = [self.view.selected.activity_id] if self.view.selected is not None else []
        else:
            people = [p for p, _n in self.shown_people()] or None
            ids = self.session.ical.appointment_ids(people)
        try:
            path.write_bytes(self.session.ical.export(ids))
        except OSError as exc:
            show_error(self, self.tr("Could not export the agenda"), str(exc))
            return 0
        self.status_message.emit(self.tr("%n appointment(s) exported.", "", len(ids)), None)
        return len(ids)

    def _ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import a calendar"), str(Path.home()), self.tr("iCalendar files (*.ics);;All files (*)")
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        """Import an .ics file in the background, for the first collaborator shown; the report opens after."""
        people = self.shown_people()
        owner = people[0][0] if people else self.session.capabilities.my_party_id
        ical = self.session.ical
        self.import_button.setEnabled(False)

        def work(report: Callable[[int, int, str], None], token: workers.CancelToken) -> IcsImportReport:
            return ical.import_ics(
                path.read_bytes(), owner_id=owner, progress=report, cancelled=lambda: token.cancelled
            )

        self.import_worker = workers.start(
            work, on_done=self._imported, on_error=self._import_failed, on_progress=self._import_progress
        )
        self.stop_import_button.show()

    def stop_import(self) -> None:
        """Stop the import running (the events already saved stay; the report says how many were left)."""
        if self.import_worker is not None:
            self.import_worker.token.cancel()

    def _import_progress(self, done: int, total: int, _text: str) -> None:
        self.empty_label.setText(
            self.tr("Importing: %1 of %2 events…").replace("%1", str(done)).replace("%2", str(total))
        )

    def _imported(self, report: IcsImportReport) -> None:
        self.import_worker = None
        self.stop_import_button.hide()
        self.import_button.setEnabled(self.session.can_create)
        dialog = IcsReportDialog(report, self)
        dialog.show()
        self.dialog_opened.emit(dialog)
        self.imported.emit(report)
        self.refresh()

    def _import_failed(self, exc: Exception, details: str) -> None:
        self.import_worker = None
        self.stop_import_button.hide()
        self.import_button.setEnabled(self.session.can_create)
        show_error(self, self.tr("Could not import the calendar"), str(exc), details)


__all__ = ["AgendaPage"]
