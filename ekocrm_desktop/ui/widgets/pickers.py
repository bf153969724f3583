"""Pickers fed by services as the user types: an organisation, tags."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ekocrm_desktop.services.contacts import OrganisationChoice

IdRole = Qt.ItemDataRole.UserRole + 1
NameRole = Qt.ItemDataRole.UserRole + 2


class OrganisationPicker(QLineEdit):
    """Type part of an organisation's name, pick it from the list (accents ignored)."""

    chosen = Signal(object)

    def __init__(self, finder: Callable[[str], Sequence[OrganisationChoice]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._finder = finder
        self._chosen: uuid.UUID | None = None
        self._chosen_text = ""
        self.setPlaceholderText(self.tr("Type to find an organisation"))
        self.setAccessibleName(self.tr("Organisation"))
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        # The service already matched accent-free words; do not filter again by prefix.
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # The popup shows "name — city"; picking one writes just the name.
        self._completer.setCompletionRole(NameRole)
        self._completer.activated[QModelIndex].connect(self._activated)
        self.setCompleter(self._completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._refresh)
        self.textEdited.connect(self._on_edited)

    def chosen_id(self) -> uuid.UUID | None:
        """The organisation picked, or None if the text does not name a picked one."""
        if self._chosen is not None and self.text() == self._chosen_text:
            return self._chosen
        return None

    def set_choice(self, organisation_id: uuid.UUID, name: str) -> None:
        """Show an organisation as picked."""
        self._chosen, self._chosen_text = organisation_id, name
        self.setText(name)

    def _on_edited(self, _text: str) -> None:
        self._timer.start()

    def _refresh(self) -> None:
        self._model.clear()
        for choice in self._finder(self.text()):
            label = f"{choice.name} — {choice.city}" if choice.city else choice.name
            item = QStandardItem(label)
            item.setData(str(choice.id), IdRole)
            item.setData(choice.name, NameRole)
            self._model.appendRow(item)
        if self._model.rowCount():
            self._completer.complete()

    def _activated(self, index: QModelIndex) -> None:
        organisation_id = index.data(IdRole)
        if not organisation_id:
            return
        self.set_choice(uuid.UUID(organisation_id), str(index.data(NameRole)))
        self.chosen.emit(self._chosen)


class TagsEdit(QLineEdit):
    """Comma-separated tags, completing the word being typed from existing tags."""

    def __init__(self, names: Callable[[], Sequence[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = names
        self.setPlaceholderText(self.tr("VIP, Newsletter, Salon de Lyon…"))
        self.setAccessibleName(self.tr("Tags"))
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated[str].connect(self._insert)
        self.textEdited.connect(self._on_edited)

    def tags(self) -> tuple[str, ...]:
        """The tags typed."""
        return tuple(t.strip() for t in self.text().split(",") if t.strip())

    def set_tags(self, tags: Sequence[str]) -> None:
        """Show tags."""
        self.setText(", ".join(tags))

    def _on_edited(self, text: str) -> None:
        current = text.split(",")[-1].strip()
        if not current:
            self._completer.popup().hide()
            return
        taken = {t.casefold() for t in self.tags()[:-1]}
        self._model.setStringList([n for n in self._names() if n.casefold() not in taken])
        self._completer.setCompletionPrefix(current)
        self._completer.complete()

    def _insert(self, name: str) -> None:
        parts = [t.strip() for t in self.text().split(",")][:-1]
        parts.append(name)
        self.setText(", ".join(p for p in parts if p) + ", ")
