"""Editors for repeated values (e-mails, phones, addresses, roles, organisations): rows with add/remove."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.contacts import (
    AddressEntry,
    AffiliationEntry,
    EmailEntry,
    PhoneEntry,
    RoleEntry,
)
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import contact_label_names, role_names
from ekocrm_desktop.ui.widgets.pickers import OrganisationPicker

T = TypeVar("T")


def error_label() -> QLabel:
    """A small red label shown under a field with a problem."""
    label = QLabel()
    label.setObjectName("fieldError")
    label.setStyleSheet("color: #c62828;")
    label.setWordWrap(True)
    label.hide()
    return label


def set_error(label: QLabel, text: str) -> None:
    """Show or hide a field's error message."""
    label.setText(text)
    label.setVisible(bool(text))


class EntryRow(QFrame, Generic[T]):
    """One row of a repeating editor."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error_label()
        self.remove_button = QToolButton()
        self.remove_button.setIcon(icon("remove"))
        self.remove_button.setToolTip(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    def value(self) -> T:
        """The row's value."""
        raise NotImplementedError

    def set_value(self, value: T) -> None:
        """Fill the row."""
        raise NotImplementedError

    def set_error_text(self, text: str) -> None:
        """Show a validation message under the row."""
        set_error(self.error, text)

    def focus_first(self) -> None:
        """Put the cursor in the row's first field."""
        self.focusNextChild()


def _label_combo(*codes: str) -> QComboBox:
    combo = QComboBox()
    for code, name in contact_label_names(*codes):
        combo.addItem(name, code)
    return combo


def _select(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(index if index >= 0 else 0)


class EmailRow(EntryRow[EmailEntry]):
    """An e-mail address and its label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("name@example.fr"))
        self.edit.setAccessibleName(self.tr("E-mail address"))
        self.label = _label_combo("work", "home", "other")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 0, 0)
        layout.addWidget(self.label, 0, 1)
        layout.addWidget(self.remove_button, 0, 2)
        layout.addWidget(self.error, 1, 0, 1, 3)
        layout.setColumnStretch(0, 1)
        self.edit.textChanged.connect(self.changed)
        self.label.currentIndexChanged.connect(self.changed)

    def value(self) -> EmailEntry:
        return EmailEntry(self.edit.text(), self.label.currentData())

    def set_value(self, value: EmailEntry) -> None:
        self.edit.setText(value.address)
        _select(self.label, value.label)

    def focus_first(self) -> None:
        self.edit.setFocus()


class PhoneRow(EntryRow[PhoneEntry]):
    """A phone number and its label."""

    def __init__(self, format_phone: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._format = format_phone
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("06 12 34 56 78"))
        self.edit.setAccessibleName(self.tr("Phone number"))
        self.label = _label_combo("mobile", "work", "home", "fax", "other")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 0, 0)
        layout.addWidget(self.label, 0, 1)
        layout.addWidget(self.remove_button, 0, 2)
        layout.addWidget(self.error, 1, 0, 1, 3)
        layout.setColumnStretch(0, 1)
        self.edit.textChanged.connect(self.changed)
        self.label.currentIndexChanged.connect(self.changed)

    def value(self) -> PhoneEntry:
        return PhoneEntry(self.edit.text(), self.label.currentData())

    def set_value(self, value: PhoneEntry) -> None:
        # Stored numbers are E.164; show them the way the user reads them.
        self.edit.setText(self._format(value.number) if value.number.startswith("+") else value.number)
        _select(self.label, value.label)

    def focus_first(self) -> None:
        self.edit.setFocus()


class AddressRow(EntryRow[AddressEntry]):
    """A postal address."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.street = QLineEdit()
        self.street.setPlaceholderText(self.tr("Street"))
        self.street.setAccessibleName(self.tr("Street"))
        self.street2 = QLineEdit()
        self.street2.setPlaceholderText(self.tr("Address line 2"))
        self.street2.setAccessibleName(self.tr("Address line 2"))
        self.postcode = QLineEdit()
        self.postcode.setPlaceholderText(self.tr("Postcode"))
        self.postcode.setAccessibleName(self.tr("Postcode"))
        self.postcode.setMaximumWidth(90)
        self.city = QLineEdit()
        self.city.setPlaceholderText(self.tr("City"))
        self.city.setAccessibleName(self.tr("City"))
        self.country = QLineEdit("FR")
        self.country.setAccessibleName(self.tr("Country code"))
        self.country.setToolTip(self.tr("Country code (FR, BE, CH…)"))
        self.country.setMaxLength(2)
        self.country.setMaximumWidth(40)
        self.label = _label_combo("work", "home", "other")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.street, 0, 0, 1, 3)
        layout.addWidget(self.label, 0, 3)
        layout.addWidget(self.remove_button, 0, 4)
        layout.addWidget(self.street2, 1, 0, 1, 3)
        layout.addWidget(self.postcode, 2, 0)
        layout.addWidget(self.city, 2, 1)
        layout.addWidget(self.country, 2, 2)
        layout.addWidget(self.error, 3, 0, 1, 5)
        layout.setColumnStretch(1, 1)
        for edit in (self.street, self.street2, self.postcode, self.city, self.country):
            edit.textChanged.connect(self.changed)
        self.label.currentIndexChanged.connect(self.changed)

    def value(self) -> AddressEntry:
        return AddressEntry(
            street=self.street.text(),
            street2=self.street2.text(),
            postcode=self.postcode.text(),
            city=self.city.text(),
            country=self.country.text() or "FR",
            label=self.label.currentData(),
        )

    def set_value(self, value: AddressEntry) -> None:
        self.street.setText(value.street)
        self.street2.setText(value.street2)
        self.postcode.setText(value.postcode)
        self.city.setText(value.city)
        self.country.setText(value.country)
        _select(self.label, value.label)

    def focus_first(self) -> None:
        self.street.setFocus()


class OptionalDateEdit(QWidget):
    """A date that may be absent (a role with no end date)."""

    changed = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.date)
        self.check.toggled.connect(self.date.setEnabled)
        self.check.toggled.connect(self.changed)
        self.date.dateChanged.connect(self.changed)

    def value(self) -> dt.date | None:
        """The date, or None when unchecked."""
        if not self.check.isChecked():
            return None
        return self.date.date().toPython()  # type: ignore[no-any-return]

    def set_value(self, value: dt.date | None) -> None:
        """Set or clear the date."""
        self.check.setChecked(value is not None)
        self.date.setDate(QDate(value) if value is not None else QDate.currentDate())


#: A role's configured (code, label) states and categories, for the role rows' combos.
RoleChoices = Callable[[str], tuple[Sequence[tuple[str, str]], Sequence[tuple[str, str]]]]


class CodeCombo(QComboBox):
    """An editable combo of a settings list: shows labels, stores codes; a typed value is kept as is."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(placeholder)

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        """Offer these values (keeps the current one)."""
        current = self.code()
        self.blockSignals(True)
        self.clear()
        for code, label in choices:
            self.addItem(label, code)
        self.blockSignals(False)
        self.set_code(current)

    def code(self) -> str:
        """The stored code of the chosen value, or the text typed."""
        text = self.currentText().strip()
        index = self.findText(text)
        if index >= 0 and self.itemData(index) is not None:
            return str(self.itemData(index))
        return text

    def set_code(self, code: str) -> None:
        """Show a stored code (its label when configured)."""
        index = self.findData(code) if code else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(code)


class RoleRow(EntryRow[RoleEntry]):
    """A dated role with its category and state (offered from the settings lists when given)."""

    def __init__(self, parent: QWidget | None = None, *, choices: RoleChoices | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Role"))
        for code, name in role_names():
            self.role.addItem(name, code)
        self.since = QDateEdit(QDate.currentDate())
        self.since.setCalendarPopup(True)
        self.since.setAccessibleName(self.tr("Since"))
        self.until = OptionalDateEdit(self.tr("until"))
        self.category = CodeCombo(self.tr("Category (PME, bienfaiteur…)"))
        self.category.setAccessibleName(self.tr("Category"))
        self.status = CodeCombo(self.tr("State (hot, up to date…)"))
        self.status.setAccessibleName(self.tr("State"))
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.role, 0, 0)
        layout.addWidget(QLabel(self.tr("since")), 0, 1)
        layout.addWidget(self.since, 0, 2)
        layout.addWidget(self.until, 0, 3)
        layout.addWidget(self.remove_button, 0, 4)
        layout.addWidget(self.category, 1, 0, 1, 2)
        layout.addWidget(self.status, 1, 2, 1, 2)
        layout.addWidget(self.error, 2, 0, 1, 5)
        self._offer_choices()
        self.role.currentIndexChanged.connect(self._offer_choices)
        self.role.currentIndexChanged.connect(self.changed)
        self.since.dateChanged.connect(self.changed)
        self.until.changed.connect(self.changed)
        self.category.currentTextChanged.connect(self.changed)
        self.status.currentTextChanged.connect(self.changed)
        self._note = ""

    def _offer_choices(self) -> None:
        if self._choices is None:
            return
        states, categories = self._choices(self.role.currentData())
        self.status.set_choices(states)
        self.category.set_choices(categories)

    def value(self) -> RoleEntry:
        return RoleEntry(
            role=self.role.currentData(),
            since=self.since.date().toPython(),
            until=self.until.value(),
            status=self.status.code(),
            category=self.category.code(),
            note=self._note,
        )

    def set_value(self, value: RoleEntry) -> None:
        _select(self.role, value.role)
        self.since.setDate(QDate(value.since))
        self.until.set_value(value.until)
        self.category.set_code(value.category)
        self.status.set_code(value.status)
        self._note = value.note

    def focus_first(self) -> None:
        self.role.setFocus()


class AffiliationRow(EntryRow[AffiliationEntry]):
    """An organisation the person belongs to, and their function there."""

    def __init__(self, picker: OrganisationPicker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = picker
        self.function = QLineEdit()
        self.function.setPlaceholderText(self.tr("Function (director, treasurer…)"))
        self.function.setAccessibleName(self.tr("Function"))
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker, 0, 0)
        layout.addWidget(self.function, 0, 1)
        layout.addWidget(self.remove_button, 0, 2)
        layout.addWidget(self.error, 1, 0, 1, 3)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 1)
        self.picker.chosen.connect(lambda *_a: self.changed.emit())
        self.function.textChanged.connect(self.changed)

    def value(self) -> AffiliationEntry | None:  # type: ignore[override]
        chosen = self.picker.chosen_id()
        if chosen is None:
            return None
        return AffiliationEntry(chosen, self.function.text().strip(), self.picker.text())

    def set_value(self, value: AffiliationEntry) -> None:
        self.picker.set_choice(value.organisation_id, value.organisation_name)
        self.function.setText(value.function)

    def focus_first(self) -> None:
        self.picker.setFocus()


class RepeatingEditor(QWidget, Generic[T]):
    """A column of rows of one kind, with an "Add" button."""

    changed = Signal()

    def __init__(self, add_text: str, row_factory: Callable[[], EntryRow[Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = row_factory
        self.rows: list[EntryRow[Any]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout = QVBoxLayout()
        self._layout.addLayout(self._rows_layout)
        self.add_button = QPushButton(icon("add"), add_text)
        self.add_button.clicked.connect(lambda: self.add_row().focus_first())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self._layout.addLayout(buttons)

    def add_row(self, value: Any = None) -> EntryRow[Any]:
        """Append a row (filled with `value` if given)."""
        row = self._factory()
        if value is not None:
            row.set_value(value)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self._remove)
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        self.changed.emit()
        return row

    def _remove(self, row: EntryRow[Any]) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.changed.emit()

    def set_values(self, values: Sequence[Any]) -> None:
        """Replace every row."""
        for row in list(self.rows):
            self.rows.remove(row)
            row.setParent(None)
            row.deleteLater()
        for value in values:
            self.add_row(value)
        self.changed.emit()

    def values(self) -> list[Any]:
        """Values of the rows, in order (rows without a value are skipped)."""
        return [v for v in (row.value() for row in self.rows) if v is not None]

    def set_errors(self, errors: dict[int, str]) -> None:
        """Show messages under rows by index; clear the others."""
        for i, row in enumerate(self.rows):
            row.set_error_text(errors.get(i, ""))


__all__ = [
    "AddressRow",
    "AffiliationRow",
    "EmailRow",
    "EntryRow",
    "OptionalDateEdit",
    "PhoneRow",
    "RepeatingEditor",
    "RoleRow",
    "error_label",
    "set_error",
]
