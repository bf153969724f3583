"""The Settings lists page ("Paramétrages"): one tab per family of lists (roles' states and
categories, articles, deals, tags), each list editable in place: add, rename (double-click),
reorder, deactivate, delete — refused with a count of where a value is used, or replaced.

Administrators edit; the others read. Other areas add their own tab with `add_tab(widget, title)`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.models.domains import ChoiceListKey
from ekocrm_desktop.services.errors import ConflictError, ServiceError, ValidationFailedError
from ekocrm_desktop.services.settings_lists import (
    ARTICLE_CATEGORY_USE,
    ARTICLE_VAT_USE,
    CHOICE,
    DEAL_LOST_REASON_USE,
    DEAL_SOURCE_USE,
    ROLE_CATEGORY_USE,
    ROLE_STATUS_USE,
    TAG,
    TAG_USE,
    ChoiceInfo,
    InUseError,
    TagEntry,
    Usage,
    role_lists,
)
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import role_names
from ekocrm_desktop.ui.pages.domain_page import can_administer
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.widgets.pipeline_stages_editor import PipelineStagesEditor

Index = QModelIndex | QPersistentModelIndex


def usage_text(usage: Usage) -> str:
    """ "2 rôles de contacts, 3 affaires" — where a value is used, translated."""
    parts = []
    for place, count in usage.places.items():
        if place in (ROLE_STATUS_USE, ROLE_CATEGORY_USE):
            parts.append(QCoreApplication.translate("SettingsListsPage", "%n contact role(s)", "", count))
        elif place in (ARTICLE_CATEGORY_USE, ARTICLE_VAT_USE):
            parts.append(QCoreApplication.translate("SettingsListsPage", "%n article(s)", "", count))
        elif place in (DEAL_LOST_REASON_USE, DEAL_SOURCE_USE):
            parts.append(QCoreApplication.translate("SettingsListsPage", "%n deal(s)", "", count))
        elif place == TAG_USE:
            parts.append(QCoreApplication.translate("SettingsListsPage", "%n contact(s)", "", count))
    return ", ".join(parts)


class ChoiceListModel(QAbstractListModel):
    """The values of one settings list; labels are edited in place (the service renames them)."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    #: A rename was refused (duplicate, conflict...): the text to show.
    rename_failed = Signal(str)

    def __init__(self, session: WorkspaceSession, list_key: str, *, editable: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.list_key = list_key
        self.editable = editable
        self.items: list[ChoiceInfo] = []

    def reload(self) -> None:
        """Read the list again."""
        self.beginResetModel()
        self.items = self.session.settings_lists.items(self.list_key)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if item.active:
                return item.label
            return QCoreApplication.translate("SettingsListsPage", "%1 (inactive)").replace("%1", item.label)
        if role == Qt.ItemDataRole.EditRole:
            return item.label
        if role == Qt.ItemDataRole.ForegroundRole and not item.active:
            return QColor("#9e9e9e")
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = QCoreApplication.translate("SettingsListsPage", "Stored as “%1”").replace("%1", item.code)
            return tip
        if role == self.IdRole:
            return str(item.id)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable:
            return False
        item = self.items[index.row()]
        text = str(value).strip()
        if not text or text == item.label:
            return False
        try:
            renamed = self.session.settings_lists.rename(item.id, item.version, text)
        except ValidationFailedError:
            self.rename_failed.emit(
                QCoreApplication.translate("SettingsListsPage", "“%1” is already in this list.").replace("%1", text)
            )
            return False
        except ConflictError:
            self.rename_failed.emit(
                QCoreApplication.translate("SettingsListsPage", "Someone changed this value meanwhile: try again.")
            )
            return False
        # The change announcement may have re-read the list meanwhile: update the row it holds now.
        row = next((i for i, it in enumerate(self.items) if it.id == renamed.id), -1)
        if row >= 0:
            self.items[row] = renamed
            fresh = self.index(row, 0)
            self.dataChanged.emit(fresh, fresh)
        return True

    def item_at(self, row: int) -> ChoiceInfo | None:
        """The value on a row."""
        return self.items[row] if 0 <= row < len(self.items) else None


class ReplaceDialog(QDialog):
    """A value to delete is in use: say where, and offer another value to put in its place."""

    def __init__(self, name: str, usage: Usage, others: list[tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReplaceDialog")
        self.setWindowTitle(self.tr("Value in use"))
        layout = QVBoxLayout(self)
        self.message = QLabel(
            self.tr("“%1” is used by %2. It can only be deleted if another value takes its place.")
            .replace("%1", name)
            .replace("%2", usage_text(usage))
        )
        self.message.setObjectName("usageMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Replace with:")))
        self.replacement = QComboBox()
        self.replacement.setAccessibleName(self.tr("Replace with"))
        for data, text in others:
            self.replacement.addItem(text, data)
        row.addWidget(self.replacement, 1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.replace_button = buttons.addButton(self.tr("Replace and delete"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.replace_button.setEnabled(bool(others))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if not others:
            self.replacement.hide()


class ChoiceListEditor(QGroupBox):
    """One editable settings list: the values, a field to add one, and the actions."""

    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, list_key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(f"list_{list_key}")
        self.session = session
        self.list_key = list_key
        self.editable = can_administer(session)
        self.is_vat = list_key == ChoiceListKey.VAT_RATE.value
        self.model = ChoiceListModel(session, list_key, editable=self.editable, parent=self)
        self.model.rename_failed.connect(lambda text: self.error.setText(text))
        layout = QGridLayout(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            if self.editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.view, 0, 0, 1, 2)
        self.empty_hint = QLabel(
            self.tr("No value yet: type one below and press Add.") if self.editable else self.tr("No value yet.")
        )
        self.empty_hint.setStyleSheet("color: gray")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        layout.addWidget(self.empty_hint, 3, 0, 1, 3)
        buttons = QVBoxLayout()
        self.up_button = self._button("fa6s.arrow-up", self.tr("Move up"), lambda: self.move_selected(-1))
        self.down_button = self._button("fa6s.arrow-down", self.tr("Move down"), lambda: self.move_selected(1))
        self.rename_button = self._button("edit", self.tr("Rename"), self.rename_selected)
        self.active_button = self._button("fa6s.eye-slash", self.tr("Deactivate"), self.toggle_active)
        self.delete_button = self._button("delete", self.tr("Delete"), self.delete_selected)
        for button in (self.up_button, self.down_button, self.rename_button, self.active_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons, 0, 2)
        self.new_edit = QLineEdit()
        self.new_edit.setObjectName("newValue")
        self.new_edit.setPlaceholderText(self.tr("New value"))
        self.new_edit.setAccessibleName(self.tr("New value"))
        self.new_edit.returnPressed.connect(self.add)
        self.rate_edit = QLineEdit()
        self.rate_edit.setPlaceholderText(self.tr("Rate, %"))
        self.rate_edit.setAccessibleName(self.tr("Rate, %"))
        self.rate_edit.setMaximumWidth(80)
        if not self.is_vat:
            self.rate_edit.hide()
        self.rate_edit.returnPressed.connect(self.add)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_edit, 1)
        add_row.addWidget(self.rate_edit)
        self.add_button = QPushButton(icon("add"), self.tr("Add"))
        self.add_button.setObjectName("addValueButton")
        self.add_button.clicked.connect(self.add)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row, 1, 0, 1, 3)
        self.error = QLabel()
        self.error.setObjectName("listError")
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error, 2, 0, 1, 3)
        for widget in (self.new_edit, self.rate_edit, self.add_button):
            if not (self.editable and (widget is not self.rate_edit or self.is_vat)):
                # hide() only: a parentless widget made visible would become a window of its own.
                widget.hide()
        self._update_buttons()

    def _button(self, icon_name: str, text: str, slot: Any) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setStyleSheet("text-align: left; padding: 3px 8px")
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        if not self.editable:
            button.hide()
        return button

    def reload(self) -> None:
        """Read the list again (keeps the selected value)."""
        selected = self.selected()
        self.model.reload()
        if selected is not None:
            self.select(selected.id)
        self.empty_hint.setVisible(not self.model.items)
        self._update_buttons()

    def selected(self) -> ChoiceInfo | None:
        """The selected value."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.item_at(rows[0].row()) if rows else None

    def select(self, item_id: Any) -> None:
        """Select a value by id."""
        for row, item in enumerate(self.model.items):
            if item.id == item_id:
                self.view.setCurrentIndex(self.model.index(row, 0))
                return

    def _update_buttons(self) -> None:
        item = self.selected()
        for button in (self.up_button, self.down_button, self.rename_button, self.active_button, self.delete_button):
            button.setEnabled(item is not None)
        if item is not None:
            text = self.tr("Deactivate") if item.active else self.tr("Activate")
            self.active_button.setText(text)
            self.active_button.setAccessibleName(text)
            self.active_button.setIcon(icon("fa6s.eye-slash" if item.active else "fa6s.eye"))

    # ------------------------------------------------------------------ actions
    def add(self) -> None:
        """Add the typed value at the end of the list."""
        label = self.new_edit.text().strip()
        if not label:
            return
        self.error.clear()
        try:
            added = self.session.settings_lists.add(
                self.list_key, label, value=self.rate_edit.text() if self.is_vat else None
            )
        except ValidationFailedError as exc:
            codes = {e.code for e in exc.errors}
            if "duplicate" in codes:
                self.error.setText(self.tr("“%1” is already in this list.").replace("%1", label))
            elif self.is_vat:
                self.error.setText(self.tr("Type the rate as a number between 0 and 100, such as 5.5."))
            else:
                self.error.setText(self.tr("This value cannot be added."))
            return
        except ServiceError as exc:
            show_error(self, self.tr("Not added"), self.tr("The value could not be added."), str(exc))
            return
        self.new_edit.clear()
        self.rate_edit.clear()
        self.reload()
        self.select(added.id)

    def rename_selected(self) -> None:
        """Edit the selected value's label in place."""
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.view.edit(rows[0])

    def move_selected(self, delta: int) -> None:
        """Move the selected value up or down."""
        item = self.selected()
        if item is None:
            return
        self.session.settings_lists.move(item.id, delta)
        self.reload()

    def toggle_active(self) -> None:
        """Deactivate the selected value (no longer offered; records keep it) or bring it back."""
        item = self.selected()
        if item is None:
            return
        try:
            self.session.settings_lists.set_active(item.id, item.version, not item.active)
        except ConflictError:
            self.error.setText(self.tr("Someone changed this value meanwhile: try again."))
        self.reload()

    def delete_selected(self) -> None:
        """Delete the selected value; in use, say where and offer to replace it."""
        item = self.selected()
        if item is None:
            return
        self.error.clear()
        lists = self.session.settings_lists
        usage = lists.usage(item.id)
        replace_with = None
        if usage.total:
            others = [(o.id, o.label) for o in self.model.items if o.id != item.id]
            dialog = ReplaceDialog(item.label, usage, others, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self.error.setText(
                    self.tr("“%1” was not deleted: it is used by %2.")
                    .replace("%1", item.label)
                    .replace("%2", usage_text(usage))
                )
                return
            replace_with = dialog.replacement.currentData()
        else:
            question = self.tr("Delete “%1” from the list?").replace("%1", item.label)
            if QMessageBox.question(self, self.tr("Delete"), question) != QMessageBox.StandardButton.Yes:
                return
        try:
            replaced = lists.delete(item.id, item.version, replace_with=replace_with)
        except InUseError as exc:
            self.error.setText(
                self.tr("“%1” was not deleted: it is used by %2.")
                .replace("%1", item.label)
                .replace("%2", usage_text(exc.usage))
            )
            return
        except ServiceError as exc:
            show_error(self, self.tr("Not deleted"), self.tr("The value could not be deleted."), str(exc))
            return
        self.reload()
        if replaced:
            self.status_message.emit(
                self.tr("“%1” deleted; %n record(s) now use its replacement.", "", replaced).replace("%1", item.label),
                None,
            )
        else:
            self.status_message.emit(self.tr("“%1” deleted.").replace("%1", item.label), None)


class TagListModel(QAbstractListModel):
    """Tags with their colour and count; renamed in place."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    rename_failed = Signal(str)

    def __init__(self, session: WorkspaceSession, *, editable: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.editable = editable
        self.tags: list[TagEntry] = []

    def reload(self) -> None:
        """Read the tags again."""
        self.beginResetModel()
        self.tags = self.session.settings_lists.tags()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.tags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.tags)):
            return None
        tag = self.tags[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                QCoreApplication.translate("SettingsListsPage", "%1 (%2)")
                .replace("%1", tag.name)
                .replace("%2", str(tag.count))
            )
        if role == Qt.ItemDataRole.EditRole:
            return tag.name
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(tag.color)
        if role == self.IdRole:
            return str(tag.id)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self.editable else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable:
            return False
        tag = self.tags[index.row()]
        text = str(value).strip()
        if not text or text == tag.name:
            return False
        try:
            renamed = self.session.settings_lists.update_tag(tag.id, tag.version, name=text)
        except (ValidationFailedError, ConflictError):
            self.rename_failed.emit(
                QCoreApplication.translate("SettingsListsPage", "“%1” is already a tag.").replace("%1", text)
            )
            return False
        row = next((i for i, t in enumerate(self.tags) if t.id == renamed.id), -1)
        if row >= 0:
            self.tags[row] = renamed
            fresh = self.index(row, 0)
            self.dataChanged.emit(fresh, fresh)
        return True


class TagsEditor(QGroupBox):
    """The tags: rename in place, change a colour, add, delete (or merge into another tag)."""

    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("SettingsListsPage", "Tags"), parent)
        self.setObjectName("tagsEditor")
        self.session = session
        self.editable = can_administer(session)
        self.model = TagListModel(session, editable=self.editable, parent=self)
        self.model.rename_failed.connect(lambda text: self.error.setText(text))
        layout = QGridLayout(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Tags"))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            if self.editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        layout.addWidget(self.view, 0, 0)
        buttons = QVBoxLayout()
        self.colour_button = QPushButton(icon("fa6s.palette"), self.tr("Colour…"))
        self.colour_button.clicked.connect(self.change_colour)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(self.colour_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons, 0, 1)
        add_row = QHBoxLayout()
        self.new_edit = QLineEdit()
        self.new_edit.setPlaceholderText(self.tr("New tag"))
        self.new_edit.setAccessibleName(self.tr("New tag"))
        self.new_edit.returnPressed.connect(self.add)
        add_button = QPushButton(icon("add"), self.tr("Add"))
        add_button.clicked.connect(self.add)
        add_row.addWidget(self.new_edit, 1)
        add_row.addWidget(add_button)
        layout.addLayout(add_row, 1, 0, 1, 2)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error, 2, 0, 1, 2)
        for widget in (self.colour_button, self.delete_button, self.new_edit, add_button):
            if not self.editable:
                widget.hide()

    def reload(self) -> None:
        """Read the tags again."""
        self.model.reload()

    def selected(self) -> TagEntry | None:
        """The selected tag."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.tags[rows[0].row()] if rows else None

    def add(self) -> None:
        """Add the typed tag."""
        name = self.new_edit.text().strip()
        if not name:
            return
        try:
            self.session.settings_lists.add_tag(name)
        except ValidationFailedError:
            self.error.setText(self.tr("“%1” is already a tag.").replace("%1", name))
            return
        self.new_edit.clear()
        self.error.clear()
        self.reload()

    def change_colour(self) -> None:
        """Choose the selected tag's colour."""
        tag = self.selected()
        if tag is None:
            return
        colour = QColorDialog.getColor(QColor(tag.color), self, self.tr("Colour of “%1”").replace("%1", tag.name))
        if not colour.isValid():
            return
        try:
            self.session.settings_lists.update_tag(tag.id, tag.version, color=colour.name())
        except ServiceError as exc:
            show_error(self, self.tr("Not changed"), self.tr("The colour could not be changed."), str(exc))
        self.reload()

    def delete_selected(self) -> None:
        """Delete the selected tag; carried by contacts, offer another tag to put in its place."""
        tag = self.selected()
        if tag is None:
            return
        lists = self.session.settings_lists
        usage = lists.tag_usage(tag.id)
        replace_with = None
        if usage.total:
            others = [(t.id, t.name) for t in self.model.tags if t.id != tag.id]
            dialog = ReplaceDialog(tag.name, usage, others, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            replace_with = dialog.replacement.currentData()
        elif (
            QMessageBox.question(self, self.tr("Delete"), self.tr("Delete the tag “%1”?").replace("%1", tag.name))
            != QMessageBox.StandardButton.Yes
        ):
            return
        try:
            moved = lists.delete_tag(tag.id, tag.version, replace_with=replace_with)
        except ServiceError as exc:
            show_error(self, self.tr("Not deleted"), self.tr("The tag could not be deleted."), str(exc))
            return
        self.reload()
        self.status_message.emit(
            self.tr("Tag “%1” deleted; %n contact(s) moved.", "", moved).replace("%1", tag.name), None
        )


class RoleListsTab(QWidget):
    """States and categories of one role at a time (a role chooser above two lists)."""

    def __init__(self, session: WorkspaceSession, page: SettingsListsPage) -> None:
        super().__init__()
        self.session = session
        layout = QVBoxLayout(self)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Role:")))
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("roleChooser")
        self.role_combo.setAccessibleName(self.tr("Role"))
        for code, name in role_names():
            self.role_combo.addItem(name, code)
        chooser.addWidget(self.role_combo)
        chooser.addStretch(1)
        layout.addLayout(chooser)
        lists = QHBoxLayout()
        self.editors: dict[str, tuple[ChoiceListEditor, ChoiceListEditor]] = {}
        self.stack = QStackedWidget()
        for role, status_key, category_key in role_lists():
            pane = QWidget()
            pane_layout = QHBoxLayout(pane)
            pane_layout.setContentsMargins(0, 0, 0, 0)
            states = page.make_editor(status_key, self.tr("States"))
            categories = page.make_editor(category_key, self.tr("Categories"))
            if role == "member":
                # A member's state is the dues status, computed from the subscriptions.
                note = QLabel(
                    self.tr(
                        "A member's state is their dues status (up to date, late…), computed from "
                        "their subscriptions on the Membership page: there is no list to keep here."
                    )
                )
                note.setWordWrap(True)
                note.setAlignment(Qt.AlignmentFlag.AlignTop)
                note.setStyleSheet("color: gray; padding: 8px")
                states.hide()
                pane_layout.addWidget(note, 1)
            pane_layout.addWidget(states, 1)
            pane_layout.addWidget(categories, 1)
            self.editors[role] = (states, categories)
            self.stack.addWidget(pane)
        lists.addWidget(self.stack)
        layout.addLayout(lists, 1)
        self.role_combo.currentIndexChanged.connect(self.stack.setCurrentIndex)

    def show_role(self, role: str) -> None:
        """Show the lists of a role."""
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(role)))


class SettingsListsPage(QWidget):
    """Paramétrages: every settings list in tabs; `add_tab` lets another area add its own."""

    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsListsPage")
        self.session = session
        self.editors: list[ChoiceListEditor] = []
        self._loaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        title = QLabel(self.tr("Settings lists"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        layout.addLayout(header)
        hint = QLabel(
            self.tr(
                "The values offered in forms and filters. Double-click a value to rename it; records keep "
                "pointing at it. A value in use cannot be deleted unless another one takes its place."
            )
            if can_administer(session)
            else self.tr("The values offered in forms and filters. Only administrators change them.")
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray")
        layout.addWidget(hint)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        layout.addWidget(self.tabs, 1)

        self.roles_tab = RoleListsTab(session, self)
        self.add_tab(self.roles_tab, self.tr("Roles: states and categories"))
        articles = QWidget()
        articles_layout = QHBoxLayout(articles)
        articles_layout.addWidget(self.make_editor(ChoiceListKey.ARTICLE_CATEGORY.value, self.tr("Article categories")))
        articles_layout.addWidget(self.make_editor(ChoiceListKey.VAT_RATE.value, self.tr("VAT rates")))
        self.add_tab(articles, self.tr("Articles"))
        deals = QWidget()
        deals_layout = QHBoxLayout(deals)
        deals_layout.addWidget(self.make_editor(ChoiceListKey.LOST_REASON.value, self.tr("Lost-deal reasons")))
        deals_layout.addWidget(self.make_editor(ChoiceListKey.DEAL_SOURCE.value, self.tr("Deal sources")))
        self.add_tab(deals, self.tr("Deals"))
        self.pipeline_editor = PipelineStagesEditor(session)
        self.add_tab(self.pipeline_editor, self.tr("Pipeline stages"))
        self.tags_editor = TagsEditor(session)
        self.tags_editor.status_message.connect(self.status_message)
        self.add_tab(self.tags_editor, self.tr("Tags"))
        session.bridge.listen(self, self.on_changes)

    def make_editor(self, list_key: str, title: str) -> ChoiceListEditor:
        """An editor of one list, refreshed with the page."""
        editor = ChoiceListEditor(self.session, list_key, title)
        editor.status_message.connect(self.status_message)
        self.editors.append(editor)
        return editor

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab (another area's settings, such as the pipeline stages); returns its index."""
        return self.tabs.addTab(widget, title)

    def editor(self, list_key: str) -> ChoiceListEditor:
        """The editor of a list (tests, and links from other pages)."""
        return next(e for e in self.editors if e.list_key == list_key)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Every time: another person may have changed a list (they are not announced across a
        # shared database), and reading them is cheap.
        self.reload()

    def reload(self) -> None:
        """Read every list again."""
        self._loaded = True
        for editor in self.editors:
            editor.reload()
        self.tags_editor.reload()

    def on_changes(self, changes: Changes) -> None:
        """Lists or tags changed (here or elsewhere); counts of tags change with parties."""
        if not self._loaded:
            return
        if changes.touches(CHOICE):
            for editor in self.editors:
                editor.reload()
        if changes.touches(TAG, "party"):
            self.tags_editor.reload()
