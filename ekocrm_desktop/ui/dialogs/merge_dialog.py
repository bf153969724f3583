"""Merging two records: both side by side, a choice per field, the lists combined and what moves.

It looks and works like the conflict dialog: one row per field that differs, a radio button
per side. The user also chooses which record is kept (its id, its history, the links others
have to it); the other goes to the trash and the merge can be undone from the status bar or
the Merges list.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.contacts import PartyDetail
from ekocrm_desktop.services.errors import ConflictError, NotFoundError, PermissionDeniedError
from ekocrm_desktop.services.merge import CHOSEN_FIELDS, LOSER, WINNER, MergePreview, MergeRefusedError, MergeResult
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.dialogs.conflict_dialog import party_fields
from ekocrm_desktop.ui.errors import show_error, show_unexpected
from ekocrm_desktop.ui.merge_labels import moved_rows_text, refusal_text
from ekocrm_desktop.ui.session import WorkspaceSession

#: Lists that are combined (never chosen): both sides' entries are kept, each once.
COMBINED_FIELDS = ("emails", "phones", "addresses", "tags", "roles", "affiliations")


class MergeDialog(QDialog):
    """Choose the record to keep and, field by field, the values it takes; then merge."""

    def __init__(
        self, session: WorkspaceSession, first_id: uuid.UUID, second_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MergeDialog")
        self.setWindowTitle(self.tr("Merge two records"))
        self.session = session
        self.result_: MergeResult | None = None
        #: The merge running in the background, if any (`merge`).
        self.worker: workers.Worker | None = None
        self.merging = False
        self._ids = (first_id, second_id)
        self._choices: dict[str, QButtonGroup] = {}
        names = session.history.party_names
        self._fields = {
            attr: (label, show)
            for attr, label, show in party_fields(lambda v: names({v}).get(v, "") if isinstance(v, uuid.UUID) else "")
        }

        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        keep_box = QHBoxLayout()
        kept_label = QLabel(self.tr("Record kept:"))
        kept_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        keep_box.addWidget(kept_label)
        self.keep_first = QRadioButton()
        self.keep_first.setObjectName("keepFirst")
        self.keep_second = QRadioButton()
        self.keep_second.setObjectName("keepSecond")
        self._keep = QButtonGroup(self)
        self._keep.addButton(self.keep_first, 0)
        self._keep.addButton(self.keep_second, 1)
        # One above the other: a name, an e-mail and an organisation each make long labels.
        sides = QVBoxLayout()
        sides.addWidget(self.keep_first)
        sides.addWidget(self.keep_second)
        keep_box.addLayout(sides)
        keep_box.addStretch(1)
        layout.addLayout(keep_box)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("mergeTable")
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)

        self.combined_box = QGroupBox(self.tr("Combined: both records' entries, each kept once"))
        combined_layout = QVBoxLayout(self.combined_box)
        self.combined = QTableWidget(0, 2)
        self.combined.setObjectName("combinedTable")
        self.combined.verticalHeader().setVisible(False)
        self.combined.horizontalHeader().setVisible(False)
        self.combined.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.combined.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        combined_layout.addWidget(self.combined)
        layout.addWidget(self.combined_box, 2)

        self.moves_label = QLabel()
        self.moves_label.setObjectName("movesSummary")
        self.moves_label.setWordWrap(True)
        layout.addWidget(self.moves_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.merge)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.merge_button)
        layout.addLayout(buttons)

        self.preview: MergePreview = session.merges.preview(first_id, second_id)
        first, second = self.preview.winner, self.preview.loser
        self.keep_first.setText(_describe(first))
        self.keep_second.setText(_describe(second))
        self.keep_first.setChecked(True)
        self._keep.idClicked.connect(self._kept_changed)
        self._show()
        self.resize(940, 620)

    # ------------------------------------------------------------------ content
    def _kept_changed(self, index: int) -> None:
        winner, loser = (self._ids[0], self._ids[1]) if index == 0 else (self._ids[1], self._ids[0])
        self.preview = self.session.merges.preview(winner, loser)
        self._show()

    def _show(self) -> None:
        preview = self.preview
        self.intro.setText(
            self.tr(
                "“%1” is kept and takes the values chosen below; “%2” goes to the trash. Everything linked "
                "to it moves to the record kept. You can undo the merge afterwards."
            )
            .replace("%1", preview.winner.display_name)
            .replace("%2", preview.loser.display_name)
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Record kept"), self.tr("Other record"), self.tr("Keep")]
        )
        rows = [f for f in preview.differing_fields() if f in self._fields]
        defaults = preview.default_choices()
        self._choices.clear()
        self.table.setRowCount(len(rows))
        for row, attr in enumerate(rows):
            label, show = self._fields[attr]
            self.table.setItem(row, 0, QTableWidgetItem(label))
            self.table.setItem(row, 1, QTableWidgetItem(show(getattr(preview.winner.draft, attr))))
            self.table.setItem(row, 2, QTableWidgetItem(show(getattr(preview.loser.draft, attr))))
            chooser = QWidget()
            box = QHBoxLayout(chooser)
            box.setContentsMargins(4, 0, 4, 0)
            keep_winner = QRadioButton(self.tr("Kept"))
            keep_loser = QRadioButton(self.tr("Other"))
            keep_winner.setAccessibleName(self.tr("%1: value of the record kept").replace("%1", label))
            keep_loser.setAccessibleName(self.tr("%1: value of the other record").replace("%1", label))
            group = QButtonGroup(chooser)
            group.addButton(keep_winner, 1)
            group.addButton(keep_loser, 2)
            box.addWidget(keep_winner)
            box.addWidget(keep_loser)
            (keep_loser if defaults.get(attr) == LOSER else keep_winner).setChecked(True)
            self.table.setCellWidget(row, 3, chooser)
            self._choices[attr] = group
        self.table.resizeRowsToContents()

        combined_rows = []
        for attr in COMBINED_FIELDS:
            value = getattr(preview.combined, attr)
            if value and attr in self._fields:
                label, show = self._fields[attr]
                combined_rows.append((label, show(value)))
        self.combined.setRowCount(len(combined_rows))
        for row, (label, text) in enumerate(combined_rows):
            self.combined.setItem(row, 0, QTableWidgetItem(label))
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.combined.setItem(row, 1, item)
        self.combined.resizeRowsToContents()
        self.combined_box.setVisible(bool(combined_rows))

        if preview.moves:
            parts = ", ".join(moved_rows_text(key, count) for key, count in sorted(preview.moves.items()))
            self.moves_label.setText(
                self.tr("Will be linked to “%1”: %2.").replace("%1", preview.winner.display_name).replace("%2", parts)
            )
        else:
            self.moves_label.setText(self.tr("No deal, group or other record is linked to the record merged."))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Multi-line cells wrap by the columns' final widths, known only once laid out.
        self.table.resizeRowsToContents()
        self.combined.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()
        self.combined.resizeRowsToContents()

    # ------------------------------------------------------------------ choices
    def choose(self, attr: str, side: str) -> None:
        """Take a field from the record kept ("winner") or the other one ("loser") (tests, keyboard)."""
        self._choices[attr].button(1 if side == WINNER else 2).setChecked(True)

    def keep(self, index: int) -> None:
        """Keep the first (0) or the second (1) record."""
        (self.keep_first if index == 0 else self.keep_second).setChecked(True)
        self._kept_changed(index)

    def choices(self) -> dict[str, str]:
        """The side chosen for each field (fields not shown are equal: the record kept's)."""
        result = dict.fromkeys(CHOSEN_FIELDS, WINNER)
        for attr, group in self._choices.items():
            result[attr] = LOSER if group.checkedId() == 2 else WINNER
        return result

    def differing_fields(self) -> list[str]:
        """Fields shown with a choice."""
        return list(self._choices)

    # ------------------------------------------------------------------ merge
    def merge(self) -> workers.Worker:
        """Merge as chosen, in the background; the dialog closes once the merge is done.

        A record on thousands of activities takes a second or more to merge (one transaction):
        the window stays responsive meanwhile, and the dialog cannot be closed half-way.
        """
        preview = self.preview
        choices = self.choices()
        merges = self.session.merges
        self._set_merging(True)

        def work(_report: Any, _token: Any) -> MergeResult:
            return merges.merge(
                preview.winner.id,
                preview.loser.id,
                choices,
                winner_version=preview.winner.version,
                loser_version=preview.loser.version,
            )

        self.worker = workers.start(
            work,
            on_done=self._merged,
            on_error=self._not_merged,
            owner=self,
            expected=(ConflictError, MergeRefusedError, NotFoundError, PermissionDeniedError),
        )
        return self.worker

    def _set_merging(self, merging: bool) -> None:
        self.merging = merging
        self.merge_button.setEnabled(not merging)
        self.cancel_button.setEnabled(not merging)
        self.merge_button.setText(self.tr("Merging…") if merging else self.tr("Merge"))
        self.keep_first.setEnabled(not merging)
        self.keep_second.setEnabled(not merging)
        self.table.setEnabled(not merging)

    def reject(self) -> None:
        # Closing while the merge runs would leave it done with no word of it (nor its undo).
        if not self.merging:
            super().reject()

    def _merged(self, result: MergeResult) -> None:
        self.worker = None
        self._set_merging(False)
        self.result_ = result
        self.accept()

    def _not_merged(self, exc: Exception, _details: str) -> None:
        self.worker = None
        self._set_merging(False)
        if isinstance(exc, ConflictError):
            current: Any = exc.current
            name = current.display_name if isinstance(current, PartyDetail) else ""
            show_error(
                self,
                self.tr("Not merged"),
                self.tr("“%1” was changed meanwhile: look at both records again before merging.").replace("%1", name),
            )
            self._kept_changed(self._keep.checkedId())
        elif isinstance(exc, MergeRefusedError):
            show_error(self, self.tr("Not merged"), refusal_text(exc))
        elif isinstance(exc, NotFoundError):
            show_error(self, self.tr("Not merged"), self.tr("One of the records no longer exists or is out of sight."))
        elif isinstance(exc, PermissionDeniedError):
            show_error(
                self,
                self.tr("Not merged"),
                self.tr("Your role does not allow changing both records: ask an administrator to merge them."),
                str(exc),
            )
        else:
            show_unexpected(exc)


def _describe(detail: PartyDetail) -> str:
    parts = [detail.display_name]
    draft = detail.draft
    if draft.emails:
        parts.append(draft.emails[0].address)
    if draft.affiliations and draft.affiliations[0].organisation_name:
        parts.append(draft.affiliations[0].organisation_name)
    # A button's text reads "&" as a keyboard shortcut marker ("Olivier & Fils" must stay as written).
    return " — ".join(parts).replace("&", "&&")
