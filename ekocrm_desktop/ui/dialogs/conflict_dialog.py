"""Two people saved the same record: show both versions side by side, choose field by field.

Fields changed on one side only are taken from that side; fields changed on both sides
default to the user's own value and are highlighted. Nothing is overwritten without a
choice (issue 2 point 5, issue 4 point 5).

Any editor reuses it: drafts are frozen dataclasses, `theirs` is the record as the
ConflictError carried it (draft, display_name, updated_by, updated_at), and `fields` lists
what to compare (see `party_fields`; docs/DEVELOPING.md, "Conflicts in your editor").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
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

from ekocrm_desktop.ui.formatting import date_text, local_datetime_text, phone_text
from ekocrm_desktop.ui.labels import role_name

#: (attribute of the draft, translated label, how to show its value) of one field the dialog compares.
ConflictField = tuple[str, str, Callable[[Any], str]]


class ConflictRecord(Protocol):
    """What the dialog needs of the record as it is now: its draft and who saved it when."""

    @property
    def draft(self) -> Any: ...

    @property
    def display_name(self) -> str: ...

    @property
    def updated_by(self) -> str | None: ...

    @property
    def updated_at(self) -> dt.datetime: ...


def party_fields(owner_name: Callable[[Any], str] | None = None) -> list[ConflictField]:
    """The fields of a person or organisation, in the form's order (owner and private included)."""
    plain: Callable[[Any], str] = lambda v: str(v or "")  # noqa: E731
    yes_no: Callable[[Any], str] = lambda v: (  # noqa: E731
        QCoreApplication.translate("ConflictDialog", "Yes") if v else QCoreApplication.translate("ConflictDialog", "No")
    )
    return [
        ("civility", QCoreApplication.translate("ConflictDialog", "Civility"), plain),
        ("first_name", QCoreApplication.translate("ConflictDialog", "First name"), plain),
        ("last_name", QCoreApplication.translate("ConflictDialog", "Last name"), plain),
        ("name", QCoreApplication.translate("ConflictDialog", "Name"), plain),
        ("job_title", QCoreApplication.translate("ConflictDialog", "Job title"), plain),
        ("birth_date", QCoreApplication.translate("ConflictDialog", "Birth date"), date_text),
        ("website", QCoreApplication.translate("ConflictDialog", "Website"), plain),
        ("registration_number", QCoreApplication.translate("ConflictDialog", "Registration number"), plain),
        ("emails", QCoreApplication.translate("ConflictDialog", "E-mail"), lambda v: "\n".join(e.address for e in v)),
        (
            "phones",
            QCoreApplication.translate("ConflictDialog", "Phone"),
            lambda v: "\n".join(phone_text(p.number) for p in v),
        ),
        (
            "addresses",
            QCoreApplication.translate("ConflictDialog", "Address"),
            lambda v: "\n".join(f"{a.street}, {a.postcode} {a.city}".strip(", ") for a in v),
        ),
        ("tags", QCoreApplication.translate("ConflictDialog", "Tags"), lambda v: ", ".join(v)),
        (
            "roles",
            QCoreApplication.translate("ConflictDialog", "Roles"),
            lambda v: "\n".join(f"{role_name(r.role)} {r.category}".strip() + f" ({date_text(r.since)})" for r in v),
        ),
        (
            "affiliations",
            QCoreApplication.translate("ConflictDialog", "Organisations"),
            lambda v: "\n".join(a.organisation_name for a in v),
        ),
        ("notes", QCoreApplication.translate("ConflictDialog", "Notes"), plain),
        ("owner_id", QCoreApplication.translate("ConflictDialog", "Looked after by"), owner_name or plain),
        ("private", QCoreApplication.translate("ConflictDialog", "Private"), yes_no),
    ]


def _normal(value: Any) -> Any:
    """Compare phones whatever their formatting, organisations by id."""
    if isinstance(value, tuple):
        return tuple(_normal(v) for v in value)
    if dataclasses.is_dataclass(value) and hasattr(value, "organisation_id"):
        return (value.organisation_id, value.function)
    if dataclasses.is_dataclass(value) and hasattr(value, "number"):
        return ("".join(ch for ch in value.number if ch.isdigit())[-9:], value.label)
    return value


class ConflictDialog(QDialog):
    """Choose between my version, theirs, or a field-by-field merge."""

    RELOAD = "reload"
    SAVE_MERGED = "save"
    CANCEL = "cancel"

    def __init__(
        self,
        *,
        base: Any,
        mine: Any,
        theirs: ConflictRecord,
        fields: Sequence[ConflictField] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.setWindowTitle(self.tr("Someone else changed this record"))
        self.base, self.mine, self.theirs = base, mine, theirs
        self.choice = self.CANCEL
        self.merged: Any = None
        self._choices: dict[str, QButtonGroup] = {}

        layout = QVBoxLayout(self)
        who = theirs.updated_by or "?"
        when = local_datetime_text(theirs.updated_at)
        intro = QLabel(
            self.tr(
                "“%1” was saved by %2 on %3 while you were editing it. Nothing has been overwritten: "
                "choose, for each field that differs, which value to keep."
            )
            .replace("%1", theirs.display_name)
            .replace("%2", who)
            .replace("%3", when)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        rows = [
            (attr, label, show)
            for attr, label, show in (fields if fields is not None else party_fields())
            if _normal(getattr(mine, attr)) != _normal(getattr(theirs.draft, attr))
        ]
        self.table = QTableWidget(len(rows), 4)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Your version"), self.tr("Their version"), self.tr("Keep")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        both = QBrush(QColor("#fff3cd"))
        for row, (attr, label, show) in enumerate(rows):
            mine_value, theirs_value = getattr(mine, attr), getattr(theirs.draft, attr)
            base_value = getattr(base, attr)
            self.table.setItem(row, 0, QTableWidgetItem(label))
            self.table.setItem(row, 1, QTableWidgetItem(show(mine_value)))
            self.table.setItem(row, 2, QTableWidgetItem(show(theirs_value)))
            chooser = QWidget()
            box = QHBoxLayout(chooser)
            box.setContentsMargins(4, 0, 4, 0)
            keep_mine = QRadioButton(self.tr("Mine"))
            keep_theirs = QRadioButton(self.tr("Theirs"))
            group = QButtonGroup(chooser)
            group.addButton(keep_mine, 1)
            group.addButton(keep_theirs, 2)
            box.addWidget(keep_mine)
            box.addWidget(keep_theirs)
            changed_by_me = _normal(mine_value) != _normal(base_value)
            changed_by_them = _normal(theirs_value) != _normal(base_value)
            # Only they changed it: take theirs. Otherwise (only me, or both): mine, highlighted if both.
            (keep_theirs if changed_by_them and not changed_by_me else keep_mine).setChecked(True)
            if changed_by_me and changed_by_them:
                for column in range(3):
                    item = self.table.item(row, column)
                    item.setBackground(both)
                    item.setForeground(QBrush(QColor("#000000")))
            self.table.setCellWidget(row, 3, chooser)
            self._choices[attr] = group
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.reload_button = QPushButton(self.tr("Take their version (discard mine)"))
        self.reload_button.clicked.connect(self._reload)
        self.merge_button = QPushButton(self.tr("Save with the values chosen"))
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self._save_merged)
        cancel = QPushButton(self.tr("Back to my form"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.merge_button)
        layout.addLayout(buttons)
        self.resize(860, 420)

    def keep(self, attr: str, side: str) -> None:
        """Choose "mine" or "theirs" for a field (used by tests and keyboard users)."""
        group = self._choices[attr]
        group.button(1 if side == "mine" else 2).setChecked(True)

    def differing_fields(self) -> list[str]:
        """Fields shown because the two versions differ."""
        return list(self._choices)

    def merged_draft(self) -> Any:
        """My draft with each field taken from the side chosen."""
        changes = {
            attr: getattr(self.theirs.draft, attr) for attr, group in self._choices.items() if group.checkedId() == 2
        }
        return dataclasses.replace(self.mine, **changes)

    def _reload(self) -> None:
        self.choice = self.RELOAD
        self.accept()

    def _save_merged(self) -> None:
        self.merged = self.merged_draft()
        self.choice = self.SAVE_MERGED
        self.accept()
