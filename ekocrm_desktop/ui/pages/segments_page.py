"""The segments page: saved live queries with their counts on the left (counted in a worker),
the visual builder of the selected one with a live count as it is edited, its members in the
paged contacts table, and for the selected person a "Why?" panel listing the conditions met."""

from __future__ import annotations

import html
import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.contacts import PARTY, TAG
from ekocrm_desktop.services.errors import ConflictError, ValidationFailedError
from ekocrm_desktop.services.groups import GROUP
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.segments import SEGMENT, BrokenCondition, Definition, SegmentInfo, empty_definition
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import field_error_text
from ekocrm_desktop.ui.pages.groups_page import members_table
from ekocrm_desktop.ui.segment_labels import broken_text, describe
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.party_table_model import PartyTableModel
from ekocrm_desktop.ui.widgets.segment_builder import SegmentBuilder

IdRole = Qt.ItemDataRole.UserRole + 1
LIVE_COUNT_DELAY_MS = 400


class SegmentsPage(QWidget):
    """Saved segments, the builder, the members and why each one is in."""

    open_requested = Signal(object)
    status_message = Signal(str, object)
    #: The live count of the definition being edited, once a worker has it.
    live_count_done = Signal(int)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("SegmentsPage")
        self.segments = session.segments
        self.model = PartyTableModel(phone_region=session.preferences.phone_region, parent=self)
        self._current: SegmentInfo | None = None
        self._dirty = False
        self._generation = 0
        self._count_generation = 0
        self._counts: dict[uuid.UUID, int] = {}
        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(LIVE_COUNT_DELAY_MS)
        self._live_timer.timeout.connect(self._start_live_count)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._show_members)
        self._build()
        self.refresh()
        session.bridge.listen(self, self.on_changes)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        editable = self.session.can_edit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Segments"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch(1)
        self.new_button = QPushButton(icon("fa6s.plus"), self.tr("New segment"))
        self.new_button.clicked.connect(self.new_segment)
        self.delete_button = QPushButton(icon("trash"), self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_segment)
        for button in (self.new_button, self.delete_button):
            header.addWidget(button)
            if not editable:
                button.hide()
        layout.addLayout(header)

        self.list = QListWidget()
        self.list.setObjectName("segmentList")
        self.list.setAccessibleName(self.tr("Segments"))
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._on_current_item)

        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        name_row = QHBoxLayout()
        name_row.addWidget(QLabel(self.tr("Name:")))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("segmentName")
        self.name_edit.setAccessibleName(self.tr("Name of the segment"))
        self.name_edit.setPlaceholderText(self.tr("Clients who bought a training"))
        self.name_edit.setReadOnly(not editable)
        self.name_edit.textEdited.connect(lambda _t: self._mark_dirty())
        name_row.addWidget(self.name_edit, 1)
        self.live_label = QLabel()
        self.live_label.setObjectName("liveCount")
        name_row.addWidget(self.live_label)
        self.save_button = QPushButton(icon("fa6s.floppy-disk"), self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the segment (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        name_row.addWidget(self.save_button)
        if not editable:
            self.save_button.hide()
        # 8sens' first example: "a follow-up call for all the prospects of category PME in Rhône".
        self.plan_button = QPushButton(icon("fa6s.list-check"), self.tr("Plan tasks…"))
        self.plan_button.setToolTip(self.tr("One task for each person of the segment (a follow-up call, a visit…)"))
        self.plan_button.clicked.connect(self.plan_tasks)
        name_row.addWidget(self.plan_button)
        if not self.session.can_create:
            self.plan_button.hide()
        editor_layout.addLayout(name_row)
        self.broken_label = QLabel()
        self.broken_label.setObjectName("brokenConditions")
        self.broken_label.setWordWrap(True)
        self.broken_label.setStyleSheet("color: #c62828;")
        self.broken_label.hide()
        editor_layout.addWidget(self.broken_label)
        self.builder = SegmentBuilder(self.segments.choices(), self.session.contacts.find_organisations)
        self.builder.set_read_only(not editable)
        self.builder.changed.connect(self._mark_dirty)
        editor_layout.addWidget(self.builder, 1)
        if not editable:
            note = QLabel(self.tr("You can read this segment but not change it."))
            note.setStyleSheet("color: gray;")
            editor_layout.addWidget(note)

        members = QWidget()
        members_layout = QVBoxLayout(members)
        members_layout.setContentsMargins(0, 0, 0, 0)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setPlaceholderText(self.tr("Search in the segment (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Search in the segment"))
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        members_layout.addWidget(self.search_edit)
        self.table = members_table(self.model, "segmentMembersTable")
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_why())
        members_layout.addWidget(self.table, 1)
        self.why = QTextBrowser()
        self.why.setObjectName("whyPanel")
        self.why.setAccessibleName(self.tr("Why is this contact in the segment?"))
        self.why.setMinimumWidth(220)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(members)
        bottom.addWidget(self.why)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 1)
        bottom.setSizes([700, 280])

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(editor)
        right.addWidget(bottom)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        right.setSizes([330, 330])

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([260, 1000])
        layout.addWidget(splitter, 1)

        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        self.model.count_changed.connect(self._on_members_count)

    # ------------------------------------------------------------------ list of segments
    def refresh(self) -> None:
        """Reload the saved segments (keeps the selected one) and count them in a worker."""
        current = self._current.id if self._current else None
        self.list.blockSignals(True)
        self.list.clear()
        infos = self.segments.segments()
        for info in infos:
            item = QListWidgetItem(icon("fa6s.filter"), self._item_text(info.name, self._counts.get(info.id)))
            item.setData(IdRole, str(info.id))
            item.setData(IdRole + 1, info.name)
            self.list.addItem(item)
            if info.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if current is None and self.list.count() and not self._dirty:
            self.list.setCurrentRow(0)
        elif self._current is None and not self._dirty:
            self._load(None)
        self._count_all([i.id for i in infos])

    def _item_text(self, name: str, count: int | None) -> str:
        if count is None:
            return name
        return self.tr("%1 (%2)").replace("%1", name).replace("%2", str(count))

    def _count_all(self, ids: list[uuid.UUID]) -> None:
        self._count_generation += 1
        generation, segments = self._count_generation, self.segments

        def work(_report: Any, token: workers.CancelToken) -> tuple[int, dict[uuid.UUID, int]]:
            counts: dict[uuid.UUID, int] = {}
            for segment_id in ids:
                if token.cancelled:
                    break
                counts[segment_id] = segments.count(segment_id)
            return generation, counts

        workers.start(work, on_done=self._counts_done, on_error=lambda _e, _d: None)

    def _counts_done(self, result: tuple[int, dict[uuid.UUID, int]]) -> None:
        generation, counts = result
        if generation != self._count_generation:
            return
        self._counts.update(counts)
        for row in range(self.list.count()):
            item = self.list.item(row)
            segment_id = uuid.UUID(item.data(IdRole))
            item.setText(self._item_text(str(item.data(IdRole + 1)), self._counts.get(segment_id)))

    def select_segment(self, name: str) -> bool:
        """Select a saved segment by name."""
        for row in range(self.list.count()):
            if self.list.item(row).data(IdRole + 1) == name:
                self.list.setCurrentRow(row)
                return True
        return False

    def _on_current_item(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        if self._dirty and not self._discard_ok():
            self.list.blockSignals(True)
            self.list.setCurrentItem(previous)
            self.list.blockSignals(False)
            return
        self._load(self.segments.get(uuid.UUID(item.data(IdRole))))

    def _discard_ok(self) -> bool:
        name = self.name_edit.text() or self.tr("new segment")
        question = self.tr("Discard the changes to “%1”?").replace("%1", name)
        return QMessageBox.question(self, self.tr("Segments"), question) == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------ editing
    def _load(self, info: SegmentInfo | None) -> None:
        self._current = info
        self.name_edit.setText(info.name if info else "")
        self.builder.set_definition(info.definition if info else empty_definition())
        self._dirty = False
        self.delete_button.setEnabled(info is not None)
        self._start_live_count()

    def new_segment(self) -> None:
        """Start a new, empty segment in the builder."""
        if self._dirty and not self._discard_ok():
            return
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentItem(None)
        self.list.blockSignals(False)
        self._load(None)
        self.name_edit.setFocus()

    def plan_tasks(self) -> workers.Worker:
        """Plan one task per member of the segment as it stands in the builder (members found in a worker)."""
        from ekocrm_desktop.ui.dialogs.bulk_task_dialog import plan_tasks_for

        definition, segments = self.definition(), self.session.segments
        return plan_tasks_for(
            self,
            self.session,
            lambda: segments.member_ids_of(definition),
            label=self.name_edit.text().strip(),
            button=self.plan_button,
            planned=lambda result: self.status_message.emit(self.tr("%n task(s) planned.", "", result.created), None),
            error_title=self.tr("Plan tasks"),
        )

    def definition(self) -> Definition:
        """What the builder shows."""
        return self.builder.definition()

    def _mark_dirty(self) -> None:
        self._dirty = True
        self._live_timer.start()

    def _start_live_count(self) -> None:
        """Count the edited definition and check it in a worker; the members follow."""
        self._live_timer.stop()
        self._generation += 1
        generation, definition, segments = self._generation, self.definition(), self.segments
        self.live_label.setText(self.tr("Counting…"))

        def work(_report: Any, _token: Any) -> tuple[int, int, list[BrokenCondition]]:
            return generation, segments.count_definition(definition), segments.validate(definition)

        workers.start(work, on_done=self._live_done, on_error=self._live_failed)
        self._show_members()

    def _live_done(self, result: tuple[int, int, list[BrokenCondition]]) -> None:
        generation, count, broken = result
        if generation != self._generation:
            return  # the user edited again meanwhile
        self.live_label.setText(self.tr("%n contact(s) match", "", count))
        self.builder.show_broken(broken)
        if broken:
            lines = [self.tr("Some conditions match nobody until they are fixed:")]
            lines += ["• " + broken_text(b) for b in broken]
            self.broken_label.setText("\n".join(lines))
        self.broken_label.setVisible(bool(broken))
        self.live_count_done.emit(count)

    def _live_failed(self, exc: Exception, _details: str) -> None:
        self.live_label.setText(self.tr("Could not count: %1").replace("%1", str(exc)))

    def _show_members(self) -> None:
        self._search_timer.stop()
        definition, text, segments = self.definition(), self.search_edit.text(), self.segments

        def page(sort: str, descending: bool, request: PageRequest) -> list[object]:
            return list(segments.page_definition(definition, text, sort, descending, request))

        self.model.set_source(lambda: segments.count_definition(definition, text), page, count_in_background=True)
        self._show_why()

    def _on_members_count(self, _total: int) -> None:
        self._show_why()

    def save(self) -> SegmentInfo | None:
        """Save the segment (a new one, or the changes to the selected one)."""
        if not self.session.can_edit:
            return None
        definition, name = self.definition(), self.name_edit.text()
        try:
            if self._current is None:
                info = self.segments.create(name, definition)
            else:
                info = self.segments.update(self._current.id, self._current.version, name=name, definition=definition)
        except ValidationFailedError as exc:
            show_error(self, self.tr("Save the segment"), "\n".join(field_error_text(e) for e in exc.errors))
            return None
        except ConflictError as exc:
            show_error(
                self,
                self.tr("Save the segment"),
                self.tr("Someone else changed this segment meanwhile; it is shown again as they saved it."),
            )
            self._dirty = False
            self._load(exc.current)
            return None
        self._current = info
        self._dirty = False
        self.status_message.emit(self.tr("Segment “%1” saved.").replace("%1", info.name), None)
        self.refresh()
        return info

    def delete_segment(self) -> None:
        """Move the selected segment to the trash (undoable)."""
        info = self._current
        if info is None:
            return
        question = self.tr("Delete the segment “%1”? The contacts themselves stay.").replace("%1", info.name)
        if QMessageBox.question(self, self.tr("Delete"), question) != QMessageBox.StandardButton.Yes:
            return
        self.segments.delete(info.id)
        self._current = None
        self._dirty = False
        self.status_message.emit(
            self.tr("Segment “%1” deleted.").replace("%1", info.name), lambda: self.segments.restore(info.id)
        )

    # ------------------------------------------------------------------ members and why
    def selected_ids(self) -> list[uuid.UUID]:
        """Ids of the selected members."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.id_at(r) for r in rows) if i is not None]

    def _open_index(self, index: QModelIndex) -> None:
        record_id = self.model.id_at(index.row())
        if record_id is not None:
            self.open_requested.emit(record_id)

    def _show_why(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            hint = self.tr("Select a contact to see why it is in the segment.")
            self.why.setHtml(f"<p style='color: gray'>{html.escape(hint)}</p>")
            return
        row = self.model.row_at(self.model.cached_row_of(ids[0]))
        explanation = self.segments.explain(self.definition(), ids[0])
        e = html.escape
        choices = self.builder.choices()
        title = self.tr("Why is %1 in it?") if explanation.member else self.tr("%1 is not in it")
        parts = [f"<h3>{e(title.replace('%1', row.display_name if row else '?'))}</h3>"]
        if not explanation.items:
            parts.append(f"<p>{e(self.tr('The segment has no condition: every contact is in it.'))}</p>")
        for item in explanation.items:
            if item.broken is not None:
                mark, colour, note = "⚠", "#c62828", broken_text(item.broken)
            elif item.excluded:
                mark, colour = ("✗", "#c62828") if item.met else ("✓", "#2e7d32")
                note = self.tr("excluded") if item.met else self.tr("not excluded")
            else:
                mark, colour = ("✓", "#2e7d32") if item.met else ("✗", "#757575")
                note = self.tr("met") if item.met else self.tr("not met")
            indent = 12 * item.depth
            text = describe(item.node, choices)
            if item.excluded and item.path.split(".")[-1].startswith("x"):
                text = self.tr("Except: %1").replace("%1", text)
            parts.append(
                f"<p style='margin: 2px 0 2px {indent}px'><span style='color: {colour}'><b>{mark}</b></span> "
                f"{e(text)} <small style='color: gray'>— {e(note)}</small></p>"
            )
        self.why.setHtml("".join(parts))

    def showEvent(self, event: QShowEvent) -> None:
        # Articles, stages and categories come from other pages (or other people): offer the
        # current ones whenever the page comes on screen.
        self.builder.set_choices(self.segments.choices())
        super().showEvent(event)

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------------ changes
    def on_changes(self, changes: Changes) -> None:
        """Segments, parties, tags or groups changed: counts and members may differ."""
        if changes.touches(TAG, GROUP):
            self.builder.set_choices(self.segments.choices())
        if changes.touches(SEGMENT, PARTY, TAG, GROUP):
            self.refresh()
            if not self._dirty:
                self._start_live_count()
