"""The Teams page: collaborators organised by geography, product line or objective, with a leader.

Administrators change teams (they decide what "team" scope shows on a shared database); the
others read them.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.errors import ConflictError, ServiceError, ValidationFailedError
from ekocrm_desktop.services.teams import KINDS, TEAM, TeamDraft, TeamInfo
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import field_error_text
from ekocrm_desktop.ui.pages.domain_page import can_administer
from ekocrm_desktop.ui.session import WorkspaceSession

Index = QModelIndex | QPersistentModelIndex


def team_kind_name(kind: str) -> str:
    """ "geography" → "Géographie"."""
    names = {
        "geography": QCoreApplication.translate("TeamsPage", "Geography"),
        "product": QCoreApplication.translate("TeamsPage", "Product line"),
        "objective": QCoreApplication.translate("TeamsPage", "Objective"),
        "other": QCoreApplication.translate("TeamsPage", "Other"),
    }
    return names.get(kind, kind)


class TeamTableModel(QAbstractTableModel):
    """Teams: name, kind, leader, number of members (a short list, read whole)."""

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.teams: list[TeamInfo] = []

    def set_teams(self, teams: list[TeamInfo]) -> None:
        """Show these teams."""
        self.beginResetModel()
        self.teams = list(teams)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.teams)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return (
                QCoreApplication.translate("TeamTableModel", "Team"),
                QCoreApplication.translate("TeamTableModel", "Kind"),
                QCoreApplication.translate("TeamTableModel", "Leader"),
                QCoreApplication.translate("TeamTableModel", "Members"),
            )[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.teams)):
            return None
        team = self.teams[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (team.name, team_kind_name(team.kind), team.leader_name, str(team.member_count))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and team.description:
            return team.description
        if role == self.IdRole:
            return str(team.id)
        return None

    def row_of(self, team_id: uuid.UUID) -> int:
        """Row of a team, or -1."""
        return next((i for i, t in enumerate(self.teams) if t.id == team_id), -1)


class TeamsPage(QWidget):
    """Teams of collaborators: the list, and the selected (or new) team's form beside it."""

    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TeamsPage")
        self.session = session
        self.editable = can_administer(session)
        self.current: TeamInfo | None = None
        self.model = TeamTableModel(self)
        self._loaded = False
        self._build()
        session.bridge.listen(self, self.on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Teams"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.count_label = QLabel()
        header.addWidget(self.count_label)
        header.addStretch(1)
        self.new_button = QPushButton(icon("add"), self.tr("New team"))
        self.new_button.setObjectName("newTeamButton")
        self.new_button.clicked.connect(self.new_team)
        header.addWidget(self.new_button)
        layout.addLayout(header)
        if not self.editable:
            self.new_button.hide()
            note = QLabel(self.tr("Only administrators change teams; you can read them."))
            note.setStyleSheet("color: gray")
            layout.addWidget(note)

        self.table = QTableView()
        self.table.setObjectName("teamsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header_view = self.table.horizontalHeader()
        header_view.setStretchLastSection(False)
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())

        form_box = QGroupBox(self.tr("Team"))
        form = QFormLayout(form_box)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("teamName")
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_error = QLabel()
        self.name_error.setStyleSheet("color: #c62828")
        self.name_error.hide()
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Organised by"))
        for kind in KINDS:
            self.kind_combo.addItem(team_kind_name(kind), kind)
        self.leader_combo = QComboBox()
        self.leader_combo.setAccessibleName(self.tr("Leader"))
        self.description_edit = QLineEdit()
        self.description_edit.setAccessibleName(self.tr("Description"))
        self.members_list = QListWidget()
        self.members_list.setObjectName("teamMembers")
        self.members_list.setAccessibleName(self.tr("Members"))
        self.members_list.setToolTip(self.tr("Tick the collaborators who are in the team."))
        form.addRow(self.tr("Name *"), self.name_edit)
        form.addRow("", self.name_error)
        form.addRow(self.tr("Organised by"), self.kind_combo)
        form.addRow(self.tr("Leader"), self.leader_combo)
        form.addRow(self.tr("Description"), self.description_edit)
        form.addRow(self.tr("Members"), self.members_list)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(icon("save"), self.tr("Save"))
        self.save_button.setObjectName("saveTeamButton")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete the team"))
        self.delete_button.clicked.connect(self.delete)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        for widget in (self.name_edit, self.kind_combo, self.leader_combo, self.description_edit, self.members_list):
            widget.setEnabled(self.editable)
        if not self.editable:
            self.save_button.hide()
            self.delete_button.hide()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(form_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        """Read the teams and the collaborators again (keeps the selected team)."""
        self._loaded = True
        keep = self.current.id if self.current else None
        teams = self.session.teams.teams()
        self.model.set_teams(teams)
        self.count_label.setText(self.tr("%n team(s)", "", len(teams)))
        collaborators = self.session.teams.collaborators()
        self.leader_combo.clear()
        self.leader_combo.addItem(self.tr("(no leader)"), None)
        self.members_list.clear()
        for choice in collaborators:
            self.leader_combo.addItem(choice.display_name, str(choice.id))
            item = QListWidgetItem(choice.display_name)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.members_list.addItem(item)
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and teams:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self._selected()
        else:
            self._show(None)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._show(self.model.teams[rows[0].row()])

    def _show(self, team: TeamInfo | None) -> None:
        self.current = team
        self.name_error.hide()
        self.name_edit.setText(team.name if team else "")
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(team.kind if team else "geography")))
        self.description_edit.setText(team.description if team else "")
        leader = team.leader_id if team else None
        index = self.leader_combo.findData(str(leader)) if leader else 0
        if leader and index < 0:
            # A leader who is no longer a collaborator is still shown as such.
            self.leader_combo.addItem(team.leader_name if team else "?", str(leader))
            index = self.leader_combo.count() - 1
        self.leader_combo.setCurrentIndex(max(0, index))
        members = {m.party_id for m in team.members} if team else set()
        for i in range(self.members_list.count()):
            item = self.members_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in members
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.delete_button.setEnabled(team is not None)

    def draft(self) -> TeamDraft:
        """What the form holds."""
        members = tuple(
            self.members_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.members_list.count())
            if self.members_list.item(i).checkState() == Qt.CheckState.Checked
        )
        return TeamDraft(
            name=self.name_edit.text(),
            kind=self.kind_combo.currentData(),
            description=self.description_edit.text(),
            leader_id=uuid.UUID(leader) if (leader := self.leader_combo.currentData()) else None,
            member_ids=members,
        )

    # ------------------------------------------------------------------ actions
    def new_team(self) -> None:
        """Clear the form for a new team."""
        self.table.clearSelection()
        self._show(None)
        self.name_edit.setFocus()

    def save(self) -> None:
        """Create or update the team in the form."""
        draft = self.draft()
        try:
            if self.current is None:
                saved = self.session.teams.create(draft)
                message = self.tr("Team “%1” created.")
            else:
                saved = self.session.teams.update(self.current.id, self.current.version, draft)
                message = self.tr("Team “%1” saved.")
        except ValidationFailedError as exc:
            texts = []
            for error in exc.errors:
                if error.code == "duplicate":
                    texts.append(self.tr("Another team already has this name."))
                elif error.code == "not_collaborator":
                    texts.append(self.tr("Only collaborators can lead or join a team."))
                else:
                    texts.append(field_error_text(error))
            self.name_error.setText(" ".join(dict.fromkeys(texts)))
            self.name_error.show()
            return
        except ConflictError:
            show_error(self, self.tr("Not saved"), self.tr("Someone changed this team meanwhile: it was reloaded."))
            self.current = None
            self.refresh()
            return
        except ServiceError as exc:
            show_error(self, self.tr("Not saved"), self.tr("The team could not be saved."), str(exc))
            return
        self.current = saved
        self.refresh()
        self.status_message.emit(message.replace("%1", saved.name), None)

    def delete(self) -> None:
        """Delete the selected team after confirmation (its collaborators stay)."""
        team = self.current
        if team is None:
            return
        question = self.tr(
            "Delete the team “%1”? Its %n collaborator(s) stay; only the team goes.", "", team.member_count
        )
        if QMessageBox.question(self, self.tr("Delete the team"), question.replace("%1", team.name)) != (
            QMessageBox.StandardButton.Yes
        ):
            return
        try:
            self.session.teams.delete(team.id, team.version)
        except ServiceError as exc:
            show_error(self, self.tr("Not deleted"), self.tr("The team could not be deleted."), str(exc))
            return
        self.current = None
        self.refresh()
        self.status_message.emit(self.tr("Team “%1” deleted.").replace("%1", team.name), None)

    def on_changes(self, changes: Changes) -> None:
        """Teams or collaborators changed (here or elsewhere)."""
        if self._loaded and changes.touches(TEAM, "party"):
            self.refresh()
