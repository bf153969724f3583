"""The pipeline stages editor: the stages in order, each with its default probability and its
won/lost flag; add, rename, reorder, delete (a stage in use is refused with its count of deals,
or its deals are moved to another stage first). The settings page embeds it; the deals page
opens it in a dialog."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.deals import STAGE, StageDraft, StageInfo, StageInUseError
from ekocrm_desktop.services.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from ekocrm_desktop.ui.deal_labels import deal_error_text
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.widgets.repeating import error_label, set_error

IdRole = Qt.ItemDataRole.UserRole + 1


class PipelineStagesEditor(QWidget):
    """Edit the deals pipeline of the open workspace."""

    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PipelineStagesEditor")
        self.session = session
        self.deals = session.deals
        self.stages: list[StageInfo] = []
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        intro = QLabel(
            self.tr(
                "The stages a deal goes through, in order. A deal entering a stage takes its probability; "
                "a stage marked won (or lost) closes the deals moved to it."
            )
        )
        intro.setWordWrap(True)
        left.addWidget(intro)
        self.list = QListWidget()
        self.list.setObjectName("stagesList")
        self.list.setAccessibleName(self.tr("Pipeline stages"))
        self.list.currentRowChanged.connect(self._show_current)
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(icon("add"), self.tr("Add"))
        self.add_button.setObjectName("addStage")
        self.add_button.clicked.connect(self.add_stage)
        self.up_button = QPushButton(icon("fa6s.arrow-up"), "")
        self.up_button.setObjectName("stageUp")
        self.up_button.setToolTip(self.tr("Move up"))
        self.up_button.setAccessibleName(self.tr("Move up"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(icon("fa6s.arrow-down"), "")
        self.down_button.setObjectName("stageDown")
        self.down_button.setToolTip(self.tr("Move down"))
        self.down_button.setAccessibleName(self.tr("Move down"))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"))
        self.delete_button.setObjectName("deleteStage")
        self.delete_button.clicked.connect(self.delete_current)
        for button in (self.add_button, self.up_button, self.down_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        left.addLayout(row)
        layout.addLayout(left, 1)

        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("stageName")
        self.name.setAccessibleName(self.tr("Name"))
        form.addRow(self.tr("Name *"), self.name)
        self.name_error = error_label()
        form.addRow("", self.name_error)
        self.probability = QSpinBox()
        self.probability.setObjectName("stageProbability")
        self.probability.setRange(0, 100)
        self.probability.setSuffix("\u00a0%")
        self.probability.setAccessibleName(self.tr("Default probability"))
        form.addRow(self.tr("Default probability"), self.probability)
        self.won = QCheckBox(self.tr("Deals here are won"))
        self.won.setObjectName("stageWon")
        self.lost = QCheckBox(self.tr("Deals here are lost"))
        self.lost.setObjectName("stageLost")
        self.won.toggled.connect(lambda on: on and self.lost.setChecked(False))
        self.lost.toggled.connect(lambda on: on and self.won.setChecked(False))
        form.addRow("", self.won)
        form.addRow("", self.lost)
        self.save_button = QPushButton(icon("save"), self.tr("Save the stage"))
        self.save_button.setObjectName("saveStage")
        self.save_button.clicked.connect(self.save_current)
        form.addRow("", self.save_button)
        self.message = QLabel()
        self.message.setObjectName("stageMessage")
        self.message.setWordWrap(True)
        form.addRow("", self.message)
        layout.addLayout(form, 1)

        # On a team database the pipeline is kept by administrators (the server refuses the others).
        editable = session.can_edit and session.capabilities.app_role in ("administrator", "owner")
        self.editable = bool(editable)
        for widget in (self.add_button, self.up_button, self.down_button, self.delete_button, self.save_button):
            widget.setEnabled(self.editable)
        for other in (self.name, self.probability, self.won, self.lost):
            other.setEnabled(self.editable)
        if self.editable:
            self.deals.ensure_default_pipeline()
        self.reload()
        session.bridge.listen(self, self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(STAGE):
            self.reload(keep=self.current_id())

    def reload(self, keep: uuid.UUID | None = None) -> None:
        """Read the stages again."""
        self.stages = self.deals.stages()
        self.list.blockSignals(True)
        self.list.clear()
        for stage in self.stages:
            flag = ""
            if stage.is_won:
                flag = " · " + self.tr("won")
            elif stage.is_lost:
                flag = " · " + self.tr("lost")
            item = QListWidgetItem(f"{stage.position}. {stage.name} — {stage.probability}\u00a0%{flag}")
            item.setData(IdRole, str(stage.id))
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next((i for i, s in enumerate(self.stages) if s.id == keep), 0 if self.stages else -1)
        self.list.setCurrentRow(row)
        self._show_current(row)

    def current_id(self) -> uuid.UUID | None:
        """The selected stage."""
        item = self.list.currentItem()
        return uuid.UUID(item.data(IdRole)) if item is not None else None

    def _current(self) -> StageInfo | None:
        current = self.current_id()
        return next((s for s in self.stages if s.id == current), None)

    def _show_current(self, _row: int) -> None:
        stage = self._current()
        set_error(self.name_error, "")
        self.name.setText(stage.name if stage else "")
        self.probability.setValue(stage.probability if stage else 0)
        self.won.setChecked(bool(stage and stage.is_won))
        self.lost.setChecked(bool(stage and stage.is_lost))

    def select(self, name: str) -> None:
        """Select a stage by name."""
        for row, stage in enumerate(self.stages):
            if stage.name == name:
                self.list.setCurrentRow(row)
                return

    def _draft(self) -> StageDraft:
        return StageDraft(self.name.text(), self.probability.value(), self.won.isChecked(), self.lost.isChecked())

    def _write(self, action: str, write: object) -> bool:
        try:
            result = write()  # type: ignore[operator]
        except ValidationFailedError as exc:
            set_error(self.name_error, "\n".join(deal_error_text(e) for e in exc.errors))
            return False
        except ConflictError:
            self.message.setText(self.tr("Someone changed the pipeline meanwhile: it was read again."))
            self.reload(self.current_id())
            return False
        except PermissionDeniedError as exc:
            show_error(self, action, self.tr("Your role does not allow this."), str(exc))
            return False
        set_error(self.name_error, "")
        if isinstance(result, StageInfo):
            self.reload(result.id)
        return True

    def add_stage(self) -> bool:
        """Add a stage at the end with the name typed (or "New stage")."""
        name = self.tr("New stage")
        taken = {s.name for s in self.stages}
        number = 2
        candidate = name
        while candidate in taken:
            candidate = f"{name} {number}"
            number += 1
        ok = self._write(self.tr("Add a stage"), lambda: self.deals.save_stage(StageDraft(candidate, 0)))
        if ok:
            self.name.setFocus()
            self.name.selectAll()
        return ok

    def save_current(self) -> bool:
        """Save the selected stage's name, probability and flags."""
        stage = self._current()
        if stage is None:
            return False
        return self._write(
            self.tr("Save the stage"),
            lambda: self.deals.save_stage(self._draft(), stage_id=stage.id, expected_version=stage.version),
        )

    def move_current(self, step: int) -> None:
        """Move the selected stage up (-1) or down (+1)."""
        stage = self._current()
        if stage is None:
            return
        index = self.stages.index(stage) + step
        if not 0 <= index < len(self.stages):
            return
        self.deals.move_stage(stage.id, index)
        self.reload(stage.id)

    def delete_current(self, *, move_to: uuid.UUID | None = None) -> bool:
        """Delete the selected stage; one in use says how many deals and offers to move them."""
        stage = self._current()
        if stage is None:
            return False
        if move_to is None:
            answer = QMessageBox.question(
                self, self.tr("Delete a stage"), self.tr("Delete the stage “%1”?").replace("%1", stage.name)
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.deals.delete_stage(stage.id, move_to=move_to)
        except StageInUseError as exc:
            text = self.tr("“%1” holds %n deal(s): move them to another stage first.", "", exc.count).replace(
                "%1", stage.name
            )
            self.message.setText(text)
            others = [s for s in self.stages if s.id != stage.id]
            names = [s.name for s in others]
            choice, ok = QInputDialog.getItem(
                self,
                self.tr("Delete a stage"),
                text + "\n" + self.tr("Move them to:"),
                names,
                0,
                False,
            )
            if not ok or choice not in names:
                return False
            return self.delete_current(move_to=others[names.index(choice)].id)
        except PermissionDeniedError as exc:
            show_error(self, self.tr("Delete a stage"), self.tr("Your role does not allow this."), str(exc))
            return False
        self.message.setText(self.tr("Stage “%1” deleted.").replace("%1", stage.name))
        self.reload()
        return True


class PipelineStagesDialog(QDialog):
    """The stages editor in a window of its own (from the deals page)."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PipelineStagesDialog")
        self.setWindowTitle(self.tr("Pipeline stages"))
        layout = QVBoxLayout(self)
        self.editor = PipelineStagesEditor(session)
        layout.addWidget(self.editor, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 420)
