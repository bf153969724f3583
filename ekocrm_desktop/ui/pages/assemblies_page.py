"""The assemblies page: general assemblies and meetings, their invitees, answers and proxies, the
quorum as it stands, and the convocations and attendance sheet to print."""

from __future__ import annotations

import html
import uuid
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.assemblies import ASSEMBLY, INVITATION, AssemblyInfo, InvitationQuery, Quorum
from ekocrm_desktop.services.errors import NotFoundError, ValidationFailedError
from ekocrm_desktop.services.membership import MEMBERSHIP, PARTY, SUBSCRIPTION
from ekocrm_desktop.ui.association_labels import (
    assembly_kind_name,
    assembly_state_name,
    attendance_labels,
    convocation_labels,
    merge_locale,
    report_formatter,
    response_name,
    when_text,
)
from ekocrm_desktop.ui.dialogs.assembly_dialogs import AssemblyDialog, InviteDialog, ProxyDialog
from ekocrm_desktop.ui.documents import DocumentSaver
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import field_error_text
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.assembly_table_models import AssemblyTableModel, InvitationTableModel
from ekocrm_desktop.ui.widgets.membership_panel import file_name

SEARCH_DELAY_MS = 150


class AssembliesPage(QWidget):
    """Assemblies on the left; the selected one's quorum, agenda and invitees on the right."""

    status_message = Signal(str, object)
    open_requested = Signal(object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AssembliesPage")
        self.session = session
        self.assemblies = session.assemblies
        self.current: AssemblyInfo | None = None
        self.quorum: Quorum | None = None
        self.model = AssemblyTableModel(self)
        self.invitees = InvitationTableModel(self)
        self.documents = DocumentSaver(self)
        self.documents.status_message.connect(self.status_message)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.load_invitees)
        self._build()
        self.refresh()
        session.bridge.listen(self, self.on_changes)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Assemblies and meetings"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch(1)
        self.new_button = QPushButton(icon("add"), self.tr("New assembly…"))
        self.new_button.setObjectName("newAssembly")
        self.new_button.clicked.connect(lambda: self.new_assembly())
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"))
        self.edit_button.setObjectName("editAssembly")
        self.edit_button.clicked.connect(lambda: self.edit_assembly())
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_assembly)
        for button in (self.new_button, self.edit_button, self.delete_button):
            header.addWidget(button)
        layout.addLayout(header)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.list = QTableView()
        self.list.setObjectName("assembliesTable")
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().setVisible(False)
        self.list.setWordWrap(False)
        self.list.setMinimumWidth(260)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.list.selectionModel().selectionChanged.connect(lambda *_a: self._selected_changed())
        self.list.doubleClicked.connect(lambda _i: self.edit_assembly())
        splitter.addWidget(self.list)

        detail = QWidget()
        box = QVBoxLayout(detail)
        box.setContentsMargins(8, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("assemblyHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        box.addWidget(self.heading)
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorumLabel")
        self.quorum_label.setTextFormat(Qt.TextFormat.RichText)
        self.quorum_label.setWordWrap(True)
        self.quorum_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.quorum_label.setMargin(6)
        box.addWidget(self.quorum_label)
        self.agenda_label = QLabel()
        self.agenda_label.setObjectName("agendaLabel")
        self.agenda_label.setTextFormat(Qt.TextFormat.RichText)
        self.agenda_label.setWordWrap(True)
        box.addWidget(self.agenda_label)

        tools = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Find an invitee"))
        self.search_edit.setAccessibleName(self.tr("Find an invitee"))
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        tools.addWidget(self.search_edit, 2)
        self.response_filter = QComboBox()
        self.response_filter.setAccessibleName(self.tr("Answer"))
        self.response_filter.addItem(self.tr("All answers"), None)
        for code in ("pending", "attending", "absent", "represented"):
            self.response_filter.addItem(response_name(code), code)
        self.response_filter.currentIndexChanged.connect(lambda _i: self.load_invitees())
        tools.addWidget(self.response_filter, 1)
        self.invite_button = QPushButton(icon("fa6s.user-plus"), self.tr("Invite…"))
        self.invite_button.setObjectName("inviteButton")
        self.invite_button.clicked.connect(lambda: self.invite())
        tools.addWidget(self.invite_button)

        answers = QHBoxLayout()
        answers.addWidget(QLabel(self.tr("Answer:")))
        self.attending_button = QPushButton(icon("fa6s.user-check"), response_name("attending"))
        self.attending_button.setObjectName("attendingButton")
        self.attending_button.clicked.connect(lambda: self.set_response("attending"))
        self.absent_button = QPushButton(icon("fa6s.user-xmark"), response_name("absent"))
        self.absent_button.setObjectName("absentButton")
        self.absent_button.clicked.connect(lambda: self.set_response("absent"))
        self.proxy_button = QPushButton(icon("fa6s.handshake"), self.tr("Represented by…"))
        self.proxy_button.setObjectName("proxyButton")
        self.proxy_button.clicked.connect(lambda: self.give_proxy())
        self.pending_button = QPushButton(icon("fa6s.user-clock"), response_name("pending"))
        self.pending_button.clicked.connect(lambda: self.set_response("pending"))
        for button in (self.attending_button, self.absent_button, self.proxy_button, self.pending_button):
            answers.addWidget(button)
        answers.addStretch(1)
        self.convocations_button = QPushButton(icon("fa6s.envelope"), self.tr("Convocations…"))
        self.convocations_button.setObjectName("convocationsButton")
        self.convocations_button.setToolTip(self.tr("Convocation letters with the agenda and a proxy form (PDF)"))
        self.convocations_button.clicked.connect(lambda: self.print_convocations())
        self.sheet_button = QPushButton(icon("fa6s.file-signature"), self.tr("Attendance sheet…"))
        self.sheet_button.setObjectName("attendanceSheetButton")
        self.sheet_button.setToolTip(self.tr("The attendance sheet to sign, with proxies and the quorum (PDF)"))
        self.sheet_button.clicked.connect(lambda: self.print_attendance_sheet())
        box.addLayout(tools)
        tools.addWidget(self.convocations_button)
        tools.addWidget(self.sheet_button)
        box.addLayout(answers)

        self.table = QTableView()
        self.table.setObjectName("inviteesTable")
        self.table.setModel(self.invitees)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((170, 135, 150, 105, 150, 115)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.doubleClicked.connect(self._open_invitee)
        box.addWidget(self.table, 1)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyAssemblies")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        box.addWidget(self.empty_label)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        layout.addWidget(splitter, 1)

    # ------------------------------------------------------------------ assemblies
    def refresh(self) -> None:
        """Re-read the assemblies (keeps the one selected)."""
        selected = self.current.id if self.current else None
        assemblies = self.assemblies
        self.model.set_source(
            lambda: assemblies.count(),
            lambda sort, descending, request: assemblies.page("", sort, True, request),
        )
        if selected is not None and self.select_assembly(selected):
            return
        if self.model.rowCount():
            self.list.selectRow(0)
        else:
            self._show(None)

    def select_assembly(self, assembly_id: uuid.UUID) -> bool:
        """Select an assembly in the list."""
        row = self.model.cached_row_of(assembly_id)
        if row < 0:
            return False
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._selected_changed()
        return True

    def _selected_changed(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        assembly_id = self.model.id_at(rows[0].row()) if rows else None
        if assembly_id is None:
            self._show(None)
            return
        try:
            self._show(self.assemblies.get(assembly_id))
        except NotFoundError:
            self._show(None)

    def _show(self, info: AssemblyInfo | None) -> None:
        self.current = info
        if info is None:
            self.heading.setText("")
            self.quorum_label.hide()
            self.agenda_label.setText("")
            self.invitees.set_source(lambda: 0, lambda _s, _d, _r: [])
            self.empty_label.setText(
                self.tr("No assembly yet. Create one, invite the members, then record their answers and proxies.")
            )
            self.empty_label.show()
            self._update_buttons()
            return
        draft = info.draft
        self.empty_label.hide()
        self.quorum_label.show()
        when = when_text(draft.starts_at)
        place = html.escape(draft.place) if draft.place else self.tr("place to be set")
        self.heading.setText(
            f"<b style='font-size:14pt'>{html.escape(draft.title)}</b><br/>"
            f"{html.escape(assembly_kind_name(draft.kind))} · {html.escape(assembly_state_name(draft.state))}"
            f" — {html.escape(when)} — {place}"
        )
        if draft.agenda:
            items = "".join(f"<li>{html.escape(a.title)}</li>" for a in draft.agenda)
            heading = self.tr("Agenda")
            self.agenda_label.setText(f"<b>{html.escape(heading)}</b><ol style='margin:0'>{items}</ol>")
        else:
            self.agenda_label.setText("")
        self.load_invitees()

    def load_invitees(self) -> None:
        """Re-read the invitees and the quorum of the selected assembly."""
        self._search_timer.stop()
        if self.current is None:
            return
        query = InvitationQuery(
            self.current.id, text=self.search_edit.text(), response=self.response_filter.currentData()
        )
        assemblies = self.assemblies
        self.invitees.set_source(
            lambda: assemblies.count_invitations(query),
            lambda sort, descending, request: assemblies.invitations(query, sort, descending, request),
        )
        self._show_quorum()
        self._update_buttons()

    def _show_quorum(self) -> None:
        if self.current is None:
            return
        quorum = self.assemblies.quorum(self.current.id)
        self.quorum = quorum
        percent = f"{quorum.percent.normalize():f}".replace(".", ",") + " %"
        if quorum.base == "members":
            rule = self.tr("Quorum: %1 of the %2 members up to date with dues, that is %3.")
        else:
            rule = self.tr("Quorum: %1 of the %2 invitees, that is %3.")
        rule = rule.replace("%1", percent).replace("%2", str(quorum.eligible)).replace("%3", str(quorum.required))
        counted = (
            self.tr("Counted: %1 (%2 present, %3 represented).")
            .replace("%1", str(quorum.counted))
            .replace("%2", str(quorum.present))
            .replace("%3", str(quorum.represented))
        )
        if quorum.reached:
            reached = self.tr("Quorum reached")
            verdict = f"<b style='color:#2e7d32'>✔ {html.escape(reached)}</b>"
        else:
            missing = self.tr("Quorum not reached: %1 missing").replace("%1", str(quorum.missing))
            verdict = f"<b style='color:#c62828'>✘ {html.escape(missing)}</b>"
        answers = self.tr("Invited: %1 — attending %2, represented %3, absent %4, no answer %5.")
        for index, value in enumerate(
            (
                quorum.invited,
                quorum.answers["attending"],
                quorum.answers["represented"],
                quorum.answers["absent"],
                quorum.answers["pending"],
            ),
            start=1,
        ):
            answers = answers.replace(f"%{index}", str(value))
        extra = ""
        if quorum.not_counted:
            note = self.tr(
                "%n answer(s) not counted: dues not up to date, or a proxy whose holder has not said they come.",
                "",
                quorum.not_counted,
            )
            extra = f"<br/><span style='color:gray'>{html.escape(note)}</span>"
        self.quorum_label.setText(
            f"{verdict}<br/>{html.escape(rule)} {html.escape(counted)}<br/>{html.escape(answers)}{extra}"
        )

    # ------------------------------------------------------------------ invitees
    def selected_invitees(self) -> list[tuple[uuid.UUID, str]]:
        """(party id, name) of the selected invitees."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        result = []
        for row in rows:
            found = self.invitees.row_at(row)
            if found is not None:
                result.append((found.party_id, found.display_name))
        return result

    def select_invitee(self, party_id: uuid.UUID) -> bool:
        """Select an invitee among the loaded rows (tests, and after an answer)."""
        for row in range(self.invitees.rowCount()):
            found = self.invitees.row_at(row)
            if found is not None and found.party_id == party_id:
                self.table.selectionModel().setCurrentIndex(
                    self.invitees.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                return True
        return False

    def _update_buttons(self) -> None:
        writable = not self.session.read_only
        has = self.current is not None
        selected = bool(self.table.selectionModel().selectedRows()) if has else False
        self.edit_button.setEnabled(writable and has)
        self.delete_button.setEnabled(writable and has)
        self.invite_button.setEnabled(writable and has)
        for button in (self.attending_button, self.absent_button, self.pending_button):
            button.setEnabled(writable and selected)
        self.proxy_button.setEnabled(writable and len(self.table.selectionModel().selectedRows()) == 1)
        total = self.invitees.rowCount() > 0
        self.convocations_button.setEnabled(has and total)
        self.sheet_button.setEnabled(has and total)

    def _open_invitee(self, index: object) -> None:
        row = self.invitees.row_at(index.row())  # type: ignore[attr-defined]
        if row is not None:
            self.open_requested.emit(row.party_id)

    def set_response(self, response: str) -> int:
        """Record the same answer for the selected invitees; returns how many were recorded."""
        if self.current is None:
            return 0
        done = 0
        for party_id, _name in self.selected_invitees():
            try:
                self.assemblies.respond(self.current.id, party_id, response)
                done += 1
            except ValidationFailedError as exc:
                show_error(self, self.tr("Answer not recorded"), field_error_text(exc.errors[0]))
                break
        if done:
            self.status_message.emit(
                self.tr("%n answer(s) recorded: %1.", "", done).replace("%1", response_name(response)), None
            )
        return done

    def give_proxy(self) -> ProxyDialog | None:
        """Choose who represents the selected invitee."""
        selected = self.selected_invitees()
        if self.current is None or len(selected) != 1:
            return None
        party_id, name = selected[0]
        dialog = ProxyDialog(self.session, self.current.id, party_id, name, parent=self.window())
        dialog.accepted.connect(
            lambda: self.status_message.emit(self.tr("Proxy of %1 recorded.").replace("%1", name), None)
        )
        dialog.open()
        return dialog

    def invite(self) -> InviteDialog | None:
        """Invite members by dues status and membership."""
        if self.current is None:
            return None
        dialog = InviteDialog(self.session, self.current.id, parent=self.window())
        dialog.accepted.connect(
            lambda: self.status_message.emit(self.tr("%n member(s) invited.", "", dialog.added), None)
        )
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ assemblies: edit
    def new_assembly(self) -> AssemblyDialog | None:
        """Create an assembly."""
        if self.session.read_only:
            return None
        dialog = AssemblyDialog(self.session, parent=self.window())
        dialog.accepted.connect(lambda: self._created(dialog))
        dialog.open()
        return dialog

    def _created(self, dialog: AssemblyDialog) -> None:
        if dialog.created is not None:
            self.refresh()
            self.select_assembly(dialog.created.id)

    def edit_assembly(self) -> AssemblyDialog | None:
        """Edit the selected assembly."""
        if self.current is None or self.session.read_only:
            return None
        dialog = AssemblyDialog(self.session, self.current, parent=self.window())
        dialog.open()
        return dialog

    def delete_assembly(self) -> None:
        """Move the selected assembly to the trash, with an undo."""
        if self.current is None:
            return
        info = self.current
        answer = QMessageBox.question(
            self, self.tr("Delete the assembly?"), self.tr("Delete “%1”?").replace("%1", info.draft.title)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        assemblies = self.assemblies
        assemblies.delete(info.id)
        self.current = None
        self.status_message.emit(
            self.tr("“%1” deleted.").replace("%1", info.draft.title), lambda: assemblies.restore(info.id)
        )

    # ------------------------------------------------------------------ documents
    def print_convocations(self, *, only_not_sent: bool = False) -> bool:
        """Convocation letters of the selected invitees (or all), one PDF; marked as sent."""
        if self.current is None:
            return False
        info = self.current
        selected = [party for party, _name in self.selected_invitees()]
        membership = self.session.membership
        organisation = membership.organisation()
        letters = self.assemblies.convocations(
            info.id,
            party_ids=selected if len(selected) > 1 else None,
            only_not_sent=only_not_sent,
            organisation=organisation.name,
            locale=merge_locale(),
            time_text=lambda when: when_text(when).rsplit(", ", 1)[-1],
        )
        if not letters:
            return False
        labels, fmt, today = convocation_labels(), report_formatter(), membership.today()
        assemblies = self.assemblies

        def build(path: Path, report: object) -> None:
            from ekocrm_desktop.reports.assemblies import convocations_pdf  # ReportLab loads when a PDF is made

            convocations_pdf(
                letters,
                info,
                organisation,
                path,
                today=today,
                labels=labels,
                fmt=fmt,
                progress=lambda done, total: report(done, total, ""),  # type: ignore[operator]
            )

        def written(_path: Path) -> None:
            assemblies.mark_convoked([c.invitation_id for c in letters], "letter")

        return self.documents.save(
            self.tr("Save the convocations"),
            file_name(f"{labels.document_title} {info.draft.title}.pdf"),
            build,
            on_written=written,
        )

    def print_attendance_sheet(self) -> bool:
        """The attendance sheet of the selected assembly (PDF)."""
        if self.current is None:
            return False
        sheet = self.assemblies.attendance_sheet(self.current.id)
        labels, fmt = attendance_labels(), report_formatter()

        def build(path: Path, _report: object) -> None:
            from ekocrm_desktop.reports.assemblies import attendance_sheet_pdf  # ReportLab loads when a PDF is made

            attendance_sheet_pdf(sheet, path, labels=labels, fmt=fmt)

        return self.documents.save(
            self.tr("Save the attendance sheet"),
            file_name(f"{labels.title} {self.current.draft.title}.pdf"),
            build,
        )

    # ------------------------------------------------------------------ changes
    def on_changes(self, changes: Changes) -> None:
        """Refresh what a write changed."""
        if changes.touches(ASSEMBLY):
            self.refresh()
        elif changes.touches(INVITATION, SUBSCRIPTION, PARTY, MEMBERSHIP) and self.current is not None:
            selected = [party for party, _name in self.selected_invitees()]
            self.load_invitees()
            if len(selected) == 1:
                self.select_invitee(selected[0])

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
