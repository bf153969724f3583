"""The visual segment builder: a tree of AND/OR groups and condition rows (field → operator →
value editor suited to the field), with exclusions, edited without writing SQL.

It only edits a definition (services.segments): counting, validating and listing members are
the page's business, run in workers.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ekocrm_desktop.services.contacts import OrganisationChoice
from ekocrm_desktop.services.segments import (
    AND,
    DEAL_STATUS_CODES,
    DUES_CODES,
    FIELDS,
    FIELDS_BY_CODE,
    KIND_CODES,
    OR,
    ROLE_CODES,
    BrokenCondition,
    Definition,
    SegmentChoices,
    empty_definition,
    is_leaf,
    normalize,
    role_value,
)
from ekocrm_desktop.ui.association_labels import dues_status_name
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import kind_name, role_name
from ekocrm_desktop.ui.segment_labels import broken_text, deal_status_name, field_name, operator_name
from ekocrm_desktop.ui.widgets.pickers import OrganisationPicker

KindRole = Qt.ItemDataRole.UserRole + 10
GROUP, LEAF, EXCEPT = "group", "leaf", "except"
BROKEN_STYLE = "color: #c62828;"


def _combo(pairs: Sequence[tuple[str, str]], *, accessible: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for code, name in pairs:
        combo.addItem(name, code)
    return combo


def _select(combo: QComboBox, value: Any, label: str = "") -> None:
    """Select `value`; a value no longer offered (deleted) is shown by its saved name."""
    index = combo.findData(value)
    if index < 0 and value not in (None, ""):
        combo.addItem(label or str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


class RoleEditor(QWidget):
    """Role, and optionally its category and state ("prospect — PME (chaud)")."""

    changed = Signal()

    def __init__(self, choices: SegmentChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.role = _combo([(c, role_name(c)) for c in ROLE_CODES], accessible=self.tr("Role"))
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Category"))
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("State"))
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for widget in (self.role, self.category, self.status):
            layout.addWidget(widget)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.category.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.status.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._role_changed()

    def _role_changed(self) -> None:
        role = str(self.role.currentData())
        for combo, pairs, anything in (
            (self.category, self._choices.role_categories.get(role, ()), self.tr("any category")),
            (self.status, self._choices.role_statuses.get(role, ()), self.tr("any state")),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anything, "")
            for code, name in pairs:
                combo.addItem(name, code)
            combo.blockSignals(False)
        self.changed.emit()

    def value(self) -> dict[str, str]:
        """{"role", "category", "status"}."""
        return {
            "role": str(self.role.currentData()),
            "category": str(self.category.currentData() or ""),
            "status": str(self.status.currentData() or ""),
        }

    def set_value(self, value: dict[str, str]) -> None:
        """Show a stored value."""
        _select(self.role, value.get("role") or ROLE_CODES[0])
        _select(self.category, value.get("category", ""))
        _select(self.status, value.get("status", ""))


class ConditionRow(QWidget):
    """One condition: field, operator, value, and the reason when it is broken."""

    changed = Signal()
    remove_requested = Signal()

    def __init__(
        self,
        choices: SegmentChoices,
        find_organisations: Callable[[str], Sequence[OrganisationChoice]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choices = choices
        self._find = find_organisations
        self.setObjectName("conditionRow")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 1, 2, 1)
        self.field = _combo([(f.code, field_name(f.code)) for f in FIELDS], accessible=self.tr("Field"))
        self.operator = QComboBox()
        self.operator.setAccessibleName(self.tr("Operator"))
        self.operator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.value_widget: QWidget = QLineEdit()
        self.broken_label = QLabel()
        self.broken_label.setStyleSheet(BROKEN_STYLE)
        self.broken_label.hide()
        self.remove_button = QToolButton()
        self.remove_button.setIcon(icon("fa6s.xmark"))
        self.remove_button.setToolTip(self.tr("Remove this condition"))
        self.remove_button.setAccessibleName(self.tr("Remove this condition"))
        self.remove_button.clicked.connect(self.remove_requested.emit)
        layout.addWidget(self.field)
        layout.addWidget(self.operator)
        layout.addWidget(self.value_widget, 1)
        layout.addWidget(self.broken_label)
        layout.addWidget(self.remove_button)
        self.field.currentIndexChanged.connect(self._field_changed)
        self.operator.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._field_changed()

    # ------------------------------------------------------------------ editors
    def _field_changed(self) -> None:
        code = str(self.field.currentData())
        spec = FIELDS_BY_CODE[code]
        self.operator.blockSignals(True)
        self.operator.clear()
        for op in spec.operators:
            self.operator.addItem(operator_name(code, op), op)
        self.operator.blockSignals(False)
        editor = self._editor(spec.value_kind)
        layout = self.layout()
        layout.replaceWidget(self.value_widget, editor)
        # Hidden and detached at once: a deferred delete may wait, and a visible orphan would
        # be painted over the field combo meanwhile.
        self.value_widget.hide()
        self.value_widget.setParent(None)
        self.value_widget.deleteLater()
        self.value_widget = editor
        self.changed.emit()

    def _editor(self, kind: str) -> QWidget:
        c = self._choices
        pairs: Sequence[tuple[str, str]] | None = {
            "kind": [(k, kind_name(k)) for k in KIND_CODES],
            "tag": c.tags,
            "group": c.groups,
            "stage": c.stages,
            "article_category": c.article_categories,
            "dues_status": [(s, dues_status_name(s)) for s in DUES_CODES],
            "deal_status": [(s, deal_status_name(s)) for s in DEAL_STATUS_CODES],
        }.get(kind)
        if pairs is not None:
            combo = _combo(pairs, accessible=self.tr("Value"))
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            return combo
        if kind == "role":
            role = RoleEditor(c)
            role.changed.connect(self.changed.emit)
            return role
        if kind == "organisation":
            picker = OrganisationPicker(self._find)
            picker.chosen.connect(lambda _id: self.changed.emit())
            return picker
        if kind == "days":
            days = QSpinBox()
            days.setRange(1, 36_600)
            days.setValue(90)
            days.setSuffix(self.tr(" days"))
            days.setAccessibleName(self.tr("Number of days"))
            days.valueChanged.connect(lambda _v: self.changed.emit())
            return days
        if kind == "date":
            date = QDateEdit(QDate.currentDate())
            date.setAccessibleName(self.tr("Date"))
            date.setCalendarPopup(True)
            date.dateChanged.connect(lambda _d: self.changed.emit())
            return date
        edit = QLineEdit()
        edit.setAccessibleName(self.tr("Value"))
        edit.setMinimumWidth(120)
        placeholders = {
            "department": self.tr("69, 2A, 974…"),
            "postcode": self.tr("Beginning of the postcode"),
        }
        edit.setPlaceholderText(placeholders.get(kind, self.tr("Text")))
        edit.textChanged.connect(lambda _t: self.changed.emit())
        return edit

    # ------------------------------------------------------------------ value
    def condition(self) -> Definition:
        """The condition as the service stores it."""
        field = str(self.field.currentData())
        node: Definition = {"field": field, "operator": str(self.operator.currentData()), "value": ""}
        widget = self.value_widget
        if isinstance(widget, RoleEditor):
            node["value"] = widget.value()
        elif isinstance(widget, OrganisationPicker):
            chosen = widget.chosen_id()
            node["value"] = str(chosen) if chosen else ""
            node["label"] = widget.text()
        elif isinstance(widget, QComboBox):
            node["value"] = widget.currentData() or ""
            if field in ("tag", "group", "deal_stage", "bought_category"):
                node["label"] = widget.currentText()
        elif isinstance(widget, QDateEdit):
            node["value"] = widget.date().toString(Qt.DateFormat.ISODate)
        elif isinstance(widget, QSpinBox):
            node["value"] = str(widget.value())
        elif isinstance(widget, QLineEdit):
            node["value"] = widget.text().strip()
        return node

    def set_condition(self, node: Definition) -> None:
        """Show a stored condition (unknown fields fall back to the first one)."""
        self.blockSignals(True)
        _select(self.field, node.get("field"))
        _select(self.operator, node.get("operator"))
        widget, value, label = self.value_widget, node.get("value"), str(node.get("label") or "")
        if isinstance(widget, RoleEditor):
            widget.set_value(role_value(node))
        elif isinstance(widget, OrganisationPicker):
            if value:
                widget.set_choice(uuid.UUID(str(value)), label)
        elif isinstance(widget, QComboBox):
            _select(widget, value, label)
        elif isinstance(widget, QDateEdit):
            widget.setDate(QDate.fromString(str(value), Qt.DateFormat.ISODate))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value) if str(value or "").isdigit() else 90)
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value or ""))
        self.blockSignals(False)

    def set_broken(self, broken: BrokenCondition | None) -> None:
        """Show (in red) why the condition matches nobody, or clear it."""
        if broken is None:
            self.broken_label.hide()
            self.setToolTip("")
            self.field.setStyleSheet("")
            return
        text = broken_text(broken)
        self.broken_label.setText(text)
        self.broken_label.show()
        self.field.setStyleSheet(BROKEN_STYLE)
        self.setToolTip(text)


class GroupRow(QWidget):
    """A group's header: ALL/ANY of its conditions, and the buttons that add to it."""

    changed = Signal()
    add_condition = Signal()
    add_group = Signal()
    add_exclusion = Signal()
    remove_requested = Signal()

    def __init__(self, *, removable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupRow")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 1, 2, 1)
        self.op = QComboBox()
        self.op.setAccessibleName(self.tr("Combine the conditions"))
        self.op.addItem(self.tr("All of these conditions (AND)"), AND)
        self.op.addItem(self.tr("Any of these conditions (OR)"), OR)
        self.op.currentIndexChanged.connect(lambda _i: self.changed.emit())
        layout.addWidget(self.op)
        self.buttons: list[QToolButton] = []
        for text, tip, name, signal in (
            (self.tr("Condition"), self.tr("Add a condition"), "fa6s.plus", self.add_condition),
            (self.tr("Group"), self.tr("Add a group of conditions (AND/OR)"), "fa6s.folder-plus", self.add_group),
            (self.tr("Exclude…"), self.tr("Exclude the parties matching a condition"), "fa6s.ban", self.add_exclusion),
        ):
            button = QToolButton()
            button.setText(text)
            button.setIcon(icon(name))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(signal.emit)
            layout.addWidget(button)
            self.buttons.append(button)
        layout.addStretch(1)
        self.remove_button = QToolButton()
        self.remove_button.setIcon(icon("fa6s.xmark"))
        self.remove_button.setToolTip(self.tr("Remove this group"))
        self.remove_button.setAccessibleName(self.tr("Remove this group"))
        self.remove_button.clicked.connect(self.remove_requested.emit)
        self.remove_button.setVisible(removable)
        layout.addWidget(self.remove_button)


class SegmentBuilder(QTreeWidget):
    """The tree of groups and conditions; `definition()` reads it, `changed` says it was edited."""

    changed = Signal()

    def __init__(
        self,
        choices: SegmentChoices,
        find_organisations: Callable[[str], Sequence[OrganisationChoice]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("segmentBuilder")
        self.setAccessibleName(self.tr("Conditions of the segment"))
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setIndentation(22)
        self.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._choices = choices
        self._find = find_organisations
        self._read_only = False
        self._loading = False
        self.set_definition(empty_definition())

    # ------------------------------------------------------------------ reading
    def definition(self) -> Definition:
        """The tree as a definition."""
        root = self.topLevelItem(0)
        return self._node(root) if root is not None else empty_definition()

    def _node(self, item: QTreeWidgetItem) -> Definition:
        row = self.itemWidget(item, 0)
        if item.data(0, KindRole) == LEAF:
            assert isinstance(row, ConditionRow)
            return row.condition()
        assert isinstance(row, GroupRow)
        node: Definition = {"op": row.op.currentData(), "children": [], "exclude": []}
        for i in range(item.childCount()):
            child = item.child(i)
            if child.data(0, KindRole) == EXCEPT:
                node["exclude"] = [self._node(child.child(j)) for j in range(child.childCount())]
            else:
                node["children"].append(self._node(child))
        return node

    def rows(self) -> list[ConditionRow]:
        """Every condition row, in tree order (tests drive them)."""
        found: list[ConditionRow] = []

        def visit(item: QTreeWidgetItem) -> None:
            widget = self.itemWidget(item, 0)
            if isinstance(widget, ConditionRow):
                found.append(widget)
            for i in range(item.childCount()):
                visit(item.child(i))

        for i in range(self.topLevelItemCount()):
            visit(self.topLevelItem(i))
        return found

    def root_row(self) -> GroupRow:
        """The outer group's header."""
        row = self.itemWidget(self.topLevelItem(0), 0)
        assert isinstance(row, GroupRow)
        return row

    # ------------------------------------------------------------------ writing
    def choices(self) -> SegmentChoices:
        """What the value editors offer."""
        return self._choices

    def set_choices(self, choices: SegmentChoices) -> None:
        """New tags, groups, stages... (keeps what is shown)."""
        definition = self.definition()
        self._choices = choices
        self.set_definition(definition)

    def set_definition(self, definition: Definition) -> None:
        """Show a definition (replaces the tree)."""
        self._loading = True
        self.clear()
        root = self._add_group(None, normalize(definition), removable=False)
        self.expandAll()
        self._loading = False
        self._apply_read_only()
        self.setCurrentItem(root)

    def set_read_only(self, read_only: bool) -> None:
        """Readers see the conditions but cannot change them."""
        self._read_only = read_only
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        for i in range(self.topLevelItemCount()):
            self._lock(self.topLevelItem(i))

    def _lock(self, item: QTreeWidgetItem) -> None:
        widget = self.itemWidget(item, 0)
        if widget is not None:
            widget.setEnabled(not self._read_only)
        for i in range(item.childCount()):
            self._lock(item.child(i))

    def show_broken(self, broken: Sequence[BrokenCondition]) -> None:
        """Mark the broken conditions (paths as the service gives them) in red."""
        by_path = {b.path: b for b in broken}
        root = self.topLevelItem(0)
        if root is None:
            return

        def visit(item: QTreeWidgetItem, prefix: str) -> None:
            index = {"children": 0, "exclude": 0}
            for i in range(item.childCount()):
                child = item.child(i)
                if child.data(0, KindRole) == EXCEPT:
                    for j in range(child.childCount()):
                        mark(child.child(j), f"{prefix}x{j}")
                    continue
                mark(child, f"{prefix}{index['children']}")
                index["children"] += 1

        def mark(item: QTreeWidgetItem, path: str) -> None:
            widget = self.itemWidget(item, 0)
            if isinstance(widget, ConditionRow):
                widget.set_broken(by_path.get(path))
                item.setSizeHint(0, widget.sizeHint())
            else:
                visit(item, path + ".")

        visit(root, "")

    def _emit(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _add_group(self, parent: QTreeWidgetItem | None, node: Definition, *, removable: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, KindRole, GROUP)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            self._insert(parent, item)
        row = GroupRow(removable=removable)
        _select(row.op, node.get("op", AND))
        row.changed.connect(self._emit)
        row.add_condition.connect(lambda: self._new_leaf(item))
        row.add_group.connect(lambda: self._new_group(item))
        row.add_exclusion.connect(lambda: self._new_leaf(self._except_item(item)))
        row.remove_requested.connect(lambda: self._remove(item))
        self.setItemWidget(item, 0, row)
        item.setSizeHint(0, row.sizeHint())
        for child in node.get("children", []):
            self._add_node(item, child)
        if node.get("exclude"):
            holder = self._except_item(item)
            for child in node["exclude"]:
                self._add_node(holder, child)
        return item

    def _insert(self, parent: QTreeWidgetItem, item: QTreeWidgetItem) -> None:
        """Add before the group's "except" item, which stays last."""
        last = parent.child(parent.childCount() - 1) if parent.childCount() else None
        if last is not None and last.data(0, KindRole) == EXCEPT:
            parent.insertChild(parent.childCount() - 1, item)
        else:
            parent.addChild(item)

    def _add_node(self, parent: QTreeWidgetItem, node: Definition) -> QTreeWidgetItem:
        if is_leaf(node):
            return self._add_leaf(parent, node)
        return self._add_group(parent, node, removable=True)

    def _add_leaf(self, parent: QTreeWidgetItem, node: Definition | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, KindRole, LEAF)
        self._insert(parent, item)
        row = ConditionRow(self._choices, self._find)
        if node is not None:
            row.set_condition(node)
        row.changed.connect(self._emit)
        row.remove_requested.connect(lambda: self._remove(item))
        self.setItemWidget(item, 0, row)
        item.setSizeHint(0, row.sizeHint())
        return item

    def _except_item(self, group_item: QTreeWidgetItem) -> QTreeWidgetItem:
        last = group_item.child(group_item.childCount() - 1) if group_item.childCount() else None
        if last is not None and last.data(0, KindRole) == EXCEPT:
            return last
        item = QTreeWidgetItem()
        item.setData(0, KindRole, EXCEPT)
        group_item.addChild(item)
        label = QLabel(self.tr("Except those matching:"))
        label.setObjectName("exceptLabel")
        label.setStyleSheet("font-weight: bold; padding: 2px;")
        self.setItemWidget(item, 0, label)
        item.setSizeHint(0, label.sizeHint())
        item.setExpanded(True)
        return item

    def _new_leaf(self, parent: QTreeWidgetItem) -> None:
        item = self._add_leaf(parent, None)
        parent.setExpanded(True)
        self.scrollToItem(item)
        self._emit()

    def _new_group(self, parent: QTreeWidgetItem) -> None:
        item = self._add_group(parent, {"op": AND, "children": [], "exclude": []}, removable=True)
        self._add_leaf(item, None)
        parent.setExpanded(True)
        item.setExpanded(True)
        self._emit()

    def _remove(self, item: QTreeWidgetItem) -> None:
        parent = item.parent()
        if parent is None:
            return
        parent.removeChild(item)
        if parent.data(0, KindRole) == EXCEPT and parent.childCount() == 0:
            grand = parent.parent()
            if grand is not None:
                grand.removeChild(parent)
        self._emit()
