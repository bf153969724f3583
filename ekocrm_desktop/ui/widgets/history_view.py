"""The History tab of a record: each save (who, when), the fields it changed (before, after), and revert."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.contacts import AddressEntry, AffiliationEntry, EmailEntry, PhoneEntry, RoleEntry
from ekocrm_desktop.services.history import ChangeSet, FieldChange
from ekocrm_desktop.ui.formatting import date_text, local_datetime_text, phone_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import contact_label_name, role_name

TX_ROLE = Qt.ItemDataRole.UserRole


def field_label(field: str) -> str:
    """The translated name of a field of a record, as the form shows it."""
    names = {
        "civility": QCoreApplication.translate("HistoryView", "Civility"),
        "first_name": QCoreApplication.translate("HistoryView", "First name"),
        "last_name": QCoreApplication.translate("HistoryView", "Last name"),
        "name": QCoreApplication.translate("HistoryView", "Name"),
        "job_title": QCoreApplication.translate("HistoryView", "Job title"),
        "birth_date": QCoreApplication.translate("HistoryView", "Birth date"),
        "website": QCoreApplication.translate("HistoryView", "Website"),
        "registration_number": QCoreApplication.translate("HistoryView", "Registration number"),
        "notes": QCoreApplication.translate("HistoryView", "Notes"),
        "owner_id": QCoreApplication.translate("HistoryView", "Looked after by"),
        "private": QCoreApplication.translate("HistoryView", "Private"),
        "deleted_at": QCoreApplication.translate("HistoryView", "Trash"),
        "kind": QCoreApplication.translate("HistoryView", "Kind"),
        "emails": QCoreApplication.translate("HistoryView", "E-mail"),
        "phones": QCoreApplication.translate("HistoryView", "Phone"),
        "addresses": QCoreApplication.translate("HistoryView", "Address"),
        "roles": QCoreApplication.translate("HistoryView", "Roles"),
        "affiliations": QCoreApplication.translate("HistoryView", "Organisations"),
        "tags": QCoreApplication.translate("HistoryView", "Tags"),
    }
    return names.get(field, field)


class HistoryView(QWidget):
    """Saves of one record, newest first; an administrator can revert one."""

    #: Revert this change (its tx); the editor does it (it owns the record's version).
    revert_requested = Signal(object)  # a transaction id may not fit a C++ int

    def __init__(
        self,
        load: Callable[[], list[ChangeSet]],
        *,
        names: Callable[[set[uuid.UUID]], dict[uuid.UUID, str]],
        can_revert: bool,
        phone_region: str = "FR",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HistoryView")
        self._load = load
        self._names = names
        self._region = phone_region
        self._can_revert = can_revert
        self.changes: list[ChangeSet] = []
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setObjectName("historyTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Change"), self.tr("Before"), self.tr("After")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName(self.tr("History of this record"))
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 190)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_button())
        layout.addWidget(self.tree, 1)
        self.empty_label = QLabel(self.tr("No change recorded yet."))
        self.empty_label.setStyleSheet("color: gray;")
        layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setStyleSheet("color: gray;")
        self.hint.setWordWrap(True)
        buttons.addWidget(self.hint, 1)
        self.revert_button = QPushButton(icon("restore"), self.tr("Revert this change…"))
        self.revert_button.setObjectName("revertButton")
        self.revert_button.setToolTip(self.tr("Put back the values this change replaced (a new, recorded change)"))
        self.revert_button.clicked.connect(self._revert)
        self.revert_button.setVisible(can_revert)
        if not can_revert:
            self.hint.setText(self.tr("Only an administrator can revert a change."))
        buttons.addWidget(self.revert_button)
        layout.addLayout(buttons)
        self._update_button()

    # ------------------------------------------------------------------ content
    def refresh(self) -> None:
        """Read the history again (after a save here or elsewhere)."""
        selected = self.selected_tx()
        self.changes = self._load()
        self.tree.clear()
        ids: set[uuid.UUID] = set()
        for change in self.changes:
            for field in change.fields:
                for value in (field.old, field.new, *field.removed, *field.added):
                    if isinstance(value, uuid.UUID):
                        ids.add(value)
                    elif isinstance(value, AffiliationEntry):
                        ids.add(value.organisation_id)
        names = self._names(ids) if ids else {}
        for change in self.changes:
            item = QTreeWidgetItem([self._title(change), "", ""])
            item.setData(0, TX_ROLE, change.tx)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            if change.reverted_tx is not None:
                item.setIcon(0, icon("restore"))
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)  # who and when, across the columns
            for field in change.fields:
                before, after = self._values(field, names)
                child = QTreeWidgetItem([field_label(field.field), before, after])
                child.setData(0, TX_ROLE, change.tx)
                child.setToolTip(1, before)
                child.setToolTip(2, after)
                if field.is_list:
                    child.setForeground(1, QBrush(QColor("#c62828")))
                    child.setForeground(2, QBrush(QColor("#2e7d32")))
                item.addChild(child)
            item.setExpanded(True)
            if change.tx == selected:
                self.tree.setCurrentItem(item)
        self.empty_label.setVisible(not self.changes)
        self._update_button()

    def selected_tx(self) -> int | None:
        """The change selected (a save or one of its fields)."""
        item = self.tree.currentItem()
        return None if item is None else item.data(0, TX_ROLE)

    def select_tx(self, tx: int) -> None:
        """Select a change by its id."""
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item.data(0, TX_ROLE) == tx:
                self.tree.setCurrentItem(item)
                return

    def _title(self, change: ChangeSet) -> str:
        when = local_datetime_text(change.changed_at)
        if change.created:
            text = self.tr("%1 — created by %2")
        elif change.deleted:
            text = self.tr("%1 — deleted for good by %2")
        elif change.reverted_tx is not None:
            text = self.tr("%1 — %2 reverted an earlier change")
        elif (change.reason or "").startswith("merge:"):
            text = self.tr("%1 — %2 merged two duplicate records")
        elif (change.reason or "").startswith("unmerge:"):
            text = self.tr("%1 — %2 undid a merge of duplicates")
        else:
            text = self.tr("%1 — %2")
        return text.replace("%1", when).replace("%2", change.actor)

    def _values(self, field: FieldChange, names: dict[uuid.UUID, str]) -> tuple[str, str]:
        if field.is_list:
            removed = "\n".join("− " + self._entry(v, names) for v in field.removed)
            added = "\n".join("+ " + self._entry(v, names) for v in field.added)
            return removed, added
        if field.field == "deleted_at":
            in_trash, out = self.tr("In the trash"), self.tr("In the contacts")
            return (in_trash if field.old else out), (in_trash if field.new else out)
        return self._scalar(field.old, names), self._scalar(field.new, names)

    def _scalar(self, value: Any, names: dict[uuid.UUID, str]) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        if isinstance(value, uuid.UUID):
            return names.get(value, self.tr("(a record you cannot see)"))
        if isinstance(value, dt.datetime):
            return local_datetime_text(value)
        if isinstance(value, dt.date):
            return date_text(value)
        return str(value)

    def _entry(self, value: Any, names: dict[uuid.UUID, str]) -> str:
        if isinstance(value, EmailEntry):
            return f"{value.address} ({contact_label_name(value.label)})"
        if isinstance(value, PhoneEntry):
            return f"{phone_text(value.number, self._region)} ({contact_label_name(value.label)})"
        if isinstance(value, AddressEntry):
            return ", ".join(x for x in (value.street, value.street2, f"{value.postcode} {value.city}".strip()) if x)
        if isinstance(value, RoleEntry):
            text = role_name(value.role) + (f" — {value.category}" if value.category else "")
            return f"{text} ({date_text(value.since)})"
        if isinstance(value, AffiliationEntry):
            name = names.get(value.organisation_id, self.tr("(a record you cannot see)"))
            return name + (f" ({value.function})" if value.function else "")
        return str(value)

    # ------------------------------------------------------------------ revert
    def _update_button(self) -> None:
        tx = self.selected_tx()
        change = next((c for c in self.changes if c.tx == tx), None)
        self.revert_button.setEnabled(self._can_revert and change is not None and change.revertable)

    def _revert(self) -> None:
        tx = self.selected_tx()
        if tx is not None:
            self.revert_requested.emit(tx)
