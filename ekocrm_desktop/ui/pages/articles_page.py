"""The articles page ("Articles"): the catalogue of products and services, searchable and
filtered by category and by whether it is still offered; create, edit, move to the trash."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.articles import ARTICLE, ArticleQuery
from ekocrm_desktop.services.errors import PermissionDeniedError
from ekocrm_desktop.ui.dialogs.deal_dialogs import ArticleDialog
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.deal_table_models import ArticleTableModel

SEARCH_DELAY_MS = 150
CATEGORY_LIST = "choice_item"


class ArticlesPage(QWidget):
    """The articles catalogue."""

    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ArticlesPage")
        self.session = session
        self.articles = session.articles
        self._labels: dict[str, str] = {}
        self.model = ArticleTableModel(lambda code: self._labels.get(code, code), self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._build()
        self._load_categories()
        self.apply_filters()
        session.bridge.listen(self, self.on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Articles"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.count_label = QLabel()
        self.count_label.setObjectName("articlesCount")
        header.addWidget(self.count_label, 1)
        self.new_button = QPushButton(icon("add"), self.tr("New article…"))
        self.new_button.setObjectName("newArticleButton")
        self.new_button.setEnabled(self.session.can_create)
        self.new_button.clicked.connect(lambda: self.new_article())
        header.addWidget(self.new_button)
        self.edit_button = QPushButton(icon("edit"), self.tr("Open"))
        self.edit_button.setObjectName("openArticle")
        self.edit_button.clicked.connect(lambda: self.open_selected())
        header.addWidget(self.edit_button)
        self.delete_button = QPushButton(icon("delete"), self.tr("Move to the trash"))
        self.delete_button.setObjectName("deleteArticle")
        self.delete_button.setEnabled(self.session.can_edit)
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        header.addWidget(self.delete_button)
        layout.addLayout(header)

        filters = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setPlaceholderText(self.tr("Search a code or a name (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Search articles"))
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        filters.addWidget(self.search_edit, 3)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryFilter")
        self.category_combo.setAccessibleName(self.tr("Category"))
        self.category_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.category_combo, 1)
        self.active_combo = QComboBox()
        self.active_combo.setObjectName("activeFilter")
        self.active_combo.setAccessibleName(self.tr("Offered"))
        self.active_combo.addItem(self.tr("Offered articles"), True)
        self.active_combo.addItem(self.tr("No longer offered"), False)
        self.active_combo.addItem(self.tr("All articles"), None)
        self.active_combo.setCurrentIndex(2)
        self.active_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.active_combo, 1)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setObjectName("articlesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((110, 320, 130, 150, 80, 80)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        open_action = QAction(self.tr("Open"), self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_selected)
        self.table.addAction(open_action)
        self.model.count_changed.connect(self._on_count)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(self.tr("No articles: add the products and services you sell with “New article…”."))
        self.empty_label.setObjectName("emptyArticles")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        # Ctrl+F and F5 are the window's actions: they call focus_search() and refresh().

    def focus_search(self) -> None:
        """Ctrl+F: the search box."""
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def refresh(self) -> None:
        """F5: read the categories and the list again."""
        self._load_categories()
        self.model.refresh()

    def _load_categories(self) -> None:
        current = self.category_combo.currentData()
        choices = self.articles.categories()
        self._labels = dict(choices)
        if not choices:
            choices = [(code, code) for code in self.articles.used_categories()]
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("All categories"), None)
        for code, label in choices:
            self.category_combo.addItem(label, code)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(current)))
        self.category_combo.blockSignals(False)

    def query(self) -> ArticleQuery:
        """The filters as set."""
        return ArticleQuery(
            text=self.search_edit.text(),
            category=self.category_combo.currentData(),
            active=self.active_combo.currentData(),
        )

    def apply_filters(self) -> None:
        """Show the list for the filters as they are now."""
        self._search_timer.stop()
        query = self.query()
        self.model.set_source(
            lambda: self.articles.count(query),
            lambda sort, descending, request: self.articles.page(query, sort, descending, request),
        )

    def _on_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%n article(s)", "", count))
        self.empty_label.setVisible(count == 0 and self.query() == ArticleQuery(active=None))

    def on_changes(self, changes: Changes) -> None:
        """Refresh after a write to articles or to the settings lists."""
        if changes.touches(CATEGORY_LIST, "settings_list"):
            self._load_categories()
        if changes.touches(ARTICLE, CATEGORY_LIST, "settings_list"):
            self.model.refresh()

    def selected_id(self) -> uuid.UUID | None:
        """The selected article."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def new_article(self) -> ArticleDialog:
        """Open the form for a new article."""
        dialog = ArticleDialog(self.session, parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.open()
        return dialog

    def open_selected(self) -> ArticleDialog | None:
        """Open the selected article's form."""
        article_id = self.selected_id()
        if article_id is None:
            return None
        dialog = ArticleDialog(self.session, self.articles.get(article_id), parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.open()
        return dialog

    def _saved(self, dialog: ArticleDialog) -> None:
        if dialog.saved is not None:
            self._load_categories()
            self.status_message.emit(self.tr("Article %1 saved.").replace("%1", dialog.saved.code), None)

    def delete_selected(self) -> bool:
        """Move the selected article to the trash (the deals that sold it keep their lines)."""
        article_id = self.selected_id()
        if article_id is None:
            return False
        info = self.articles.get(article_id)
        used = self.articles.usage([article_id])
        text = self.tr("Move the article %1 to the trash?").replace("%1", info.display_name)
        if used:
            text += "\n" + self.tr("%n deal line(s) keep it.", "", used)
        if QMessageBox.question(self, self.tr("Move to the trash"), text) != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.articles.delete([article_id])
        except PermissionDeniedError as exc:
            show_error(self, self.tr("Article not changed"), self.tr("Your role does not allow this."), str(exc))
            return False
        return True
