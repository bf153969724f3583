"""Pick a person or an organisation by typing part of their name (accents ignored)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ekocrm_desktop.services.contacts import ContactService, PartyQuery
from ekocrm_desktop.services.paging import PageRequest

IdRole = Qt.ItemDataRole.UserRole + 1
NameRole = Qt.ItemDataRole.UserRole + 2


class PartyPicker(QLineEdit):
    """A line edit whose completion lists matching contacts; `chosen_id()` is the one picked."""

    chosen = Signal(object)

    def __init__(self, contacts: ContactService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contacts = contacts
        self._chosen: uuid.UUID | None = None
        self._chosen_text = ""
        self.setPlaceholderText(self.tr("Type a name to find the person"))
        self.setAccessibleName(self.tr("Person"))
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCompletionRole(NameRole)
        self._completer.activated[QModelIndex].connect(self._activated)
        self.setCompleter(self._completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.textEdited.connect(lambda _t: self._timer.start())

    def chosen_id(self) -> uuid.UUID | None:
        """The party picked, or None when the text no longer names it."""
        if self._chosen is not None and self.text() == self._chosen_text:
            return self._chosen
        return None

    def set_choice(self, party_id: uuid.UUID, name: str) -> None:
        """Show a party as picked."""
        self._chosen, self._chosen_text = party_id, name
        self.setText(name)

    def refresh(self) -> None:
        """Look up the typed text now (the first 20 matches)."""
        self._timer.stop()
        self._model.clear()
        text = self.text().strip()
        if not text:
            return
        rows = self._contacts.page(PartyQuery(text=text), "name", False, PageRequest(0, 20, 0))
        for row in rows:
            label = f"{row.display_name} — {row.city}" if row.city else row.display_name
            item = QStandardItem(label)
            item.setData(str(row.id), IdRole)
            item.setData(row.display_name, NameRole)
            self._model.appendRow(item)
        if self._model.rowCount() and self.hasFocus():
            self._completer.complete()

    def choose_row(self, row: int) -> None:
        """Pick the `row`-th match (keyboard users press Down then Enter; tests call this)."""
        self._activated(self._model.index(row, 0))

    def _activated(self, index: QModelIndex) -> None:
        party_id = index.data(IdRole)
        if not party_id:
            return
        self.set_choice(uuid.UUID(party_id), str(index.data(NameRole)))
        self.chosen.emit(self._chosen)
