"""The Dashboard page: activities per week per type, open and overdue tasks per collaborator,
pipeline value by stage, members' dues status, the latest campaigns' results (QtCharts). The
figures are read in a worker; a click on a bar opens the matching list (the Tasks, Deals or
Membership page, filtered) or the campaign."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.membership import STATUSES
from ekocrm_desktop.services.reporting import ACTIVITY_TYPES, DashboardData, ReportingService
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.actions_labels import activity_type_name
from ekocrm_desktop.ui.association_labels import dues_status_name
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession

PALETTE = ("#1e4f7a", "#4f8fbf", "#8fbfdf", "#2e7d32", "#81c784", "#f9a825", "#8d6e63", "#b0bec5")


def short_name(name: str) -> str:
    """ "Alice Martin" → "Alice M." (chart labels)."""
    parts = name.split()
    return name if len(parts) < 2 else f"{parts[0]} {parts[-1][0]}."


def money_label_format(currency: str, locale: QLocale | None = None) -> str:
    """A value axis format for whole amounts with the currency where the locale puts it
    ("%.0f €" in French, "€%.0f" in English); Qt localises the number when the chart's
    `localizeNumbers` is on, so French reads "12 500 €"."""
    sample = (locale or QLocale()).toCurrencyString(1.0, "€" if currency == "EUR" else currency, 0)
    prefix, _one, suffix = sample.partition("1")
    return prefix.replace("%", "%%") + "%.0f" + suffix.replace("%", "%%")


def unique_names(names: list[str]) -> list[str]:
    """Names made distinct ("Qualification", "Qualification (2)") for a category axis."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


class DashboardPage(QWidget):
    """Four charts over the workspace; their figures come from `ReportingService.dashboard()`."""

    status_message = Signal(str, object)
    #: Every figure was read and drawn (tests wait on it).
    loaded = Signal(object)
    #: The charts were first drawn with figures (the dues statuses may still be on their way).
    first_painted = Signal(object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DashboardPage")
        self.session = session
        self.reporting = ReportingService(session.db, membership=session.membership)
        self.data: DashboardData | None = None
        self.job: workers.Worker | None = None
        self.status_job: workers.Worker | None = None
        self._quick: DashboardData | None = None
        self._statuses: dict[str, int] | None = None
        self._quick_shown = False
        self._generation = 0
        self._stale = False
        #: What each clickable bar set stands for (kept so the click handlers can be called by tests).
        self.task_sets: dict[str, QBarSet] = {}
        self.stage_set: QBarSet | None = None
        self.status_set: QBarSet | None = None
        self._status_codes: list[str] = []
        self.campaign_sets: dict[str, QBarSet] = {}
        self._build()
        self.reload()
        session.bridge.listen(self, self.on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        title = QLabel(self.tr("Dashboard"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch(1)
        self.state_label = QLabel()
        header.addWidget(self.state_label)
        self.reload_button = QPushButton(icon("fa6s.rotate"), "")
        self.reload_button.setToolTip(self.tr("Read the figures again"))
        self.reload_button.setAccessibleName(self.tr("Refresh the dashboard"))
        self.reload_button.clicked.connect(self.reload)
        header.addWidget(self.reload_button)
        layout.addLayout(header)
        grid = QGridLayout()
        self.views: dict[str, QChartView] = {}
        # Two charts a row, the campaigns across the last one; each keeps a readable height (axis
        # labels are cut to "…" below it), so a small screen scrolls instead of squeezing them.
        for index, key in enumerate(("activities", "tasks", "pipeline", "membership", "campaigns")):
            view = QChartView()
            view.setObjectName(f"chart_{key}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(250)
            grid.addWidget(view, index // 2, index % 2, 1, 2 if key == "campaigns" else 1)
            self.views[key] = view
        holder = QWidget()
        holder.setLayout(grid)
        scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        """Read the figures in two workers (the window stays usable): the dues statuses read every
        member and come aside, so the other charts are drawn as soon as their figures are in."""
        if self.job is not None or self.status_job is not None:
            self._stale = True
            return
        reporting = self.reporting
        self.state_label.setText(self.tr("Loading…"))
        self._statuses = None
        self._quick = None
        self._quick_shown = False
        # A worker still running from a failed load must not complete this one.
        self._generation += 1
        generation = self._generation
        self.job = workers.start(
            lambda _report, _token: reporting.dashboard(statuses=False),
            on_done=lambda data: self._loaded(data) if generation == self._generation else None,
            on_error=lambda exc, details: self._failed(exc, details) if generation == self._generation else None,
        )
        self.status_job = workers.start(
            lambda _report, _token: reporting.status_counts(reporting.today()),
            on_done=lambda counts: self._statuses_loaded(counts) if generation == self._generation else None,
            on_error=lambda exc, details: self._failed(exc, details) if generation == self._generation else None,
        )

    def _loaded(self, data: DashboardData) -> None:
        self.job = None
        self._quick = data
        if self._statuses is not None:
            self._complete()
            return
        self.show_data(data, statuses_ready=False)
        self._quick_shown = True
        self.first_painted.emit(data)

    def _statuses_loaded(self, counts: dict[str, int]) -> None:
        self.status_job = None
        self._statuses = counts
        if self._quick is not None:
            self._complete()

    def _complete(self) -> None:
        assert self._quick is not None and self._statuses is not None
        data = dataclasses.replace(self._quick, statuses=self._statuses)
        if self._quick_shown:
            # The other charts are on screen already: only the dues chart is new.
            self.data = data
            self._draw_statuses(data, ready=True)
        else:
            self.show_data(data)
            self.first_painted.emit(data)
        self.state_label.setText("")
        self.loaded.emit(data)
        if self._stale:
            self._stale = False
            self.reload()

    def _failed(self, exc: Exception, _details: str) -> None:
        self.job = None
        self.status_job = None
        self._generation += 1  # the other half of this load is dropped when it comes
        self.state_label.setText(self.tr("The figures could not be read: %1").replace("%1", str(exc)))

    def on_changes(self, changes: Changes) -> None:
        """Figures change with activities, deals and subscriptions."""
        if changes.touches("activity", "deal", "membership", "subscription", "party", "campaign"):
            self.reload()

    # ------------------------------------------------------------------ charts
    def show_data(self, data: DashboardData, *, statuses_ready: bool = True) -> None:
        """Draw the charts (the dues chart says it is loading until `statuses_ready`)."""
        self.data = data
        locale = QLocale()
        # Activities per week, stacked by type.
        series = QStackedBarSeries()
        for index, kind in enumerate(ACTIVITY_TYPES):
            if not any(w.by_type.get(kind, 0) for w in data.weeks):
                continue
            bar = QBarSet(activity_type_name(kind))
            bar.setColor(QColor(PALETTE[index % len(PALETTE)]))
            for week in data.weeks:
                bar.append(week.by_type.get(kind, 0))
            series.append(bar)
        categories = [locale.toString(w.monday, "dd/MM") for w in data.weeks]
        self._set_chart("activities", self.tr("Activities per week"), series, categories)
        series.clicked.connect(lambda _index, _set: self.open_journal())

        # Open and overdue tasks per collaborator ("Alice M.": a dozen names fit under the bars).
        series = QBarSeries()
        names = [short_name(name) or self.tr("Unassigned") for _id, name, _open, _late in data.tasks]
        open_set = QBarSet(self.tr("Open"))
        open_set.setColor(QColor("#4f8fbf"))
        late_set = QBarSet(self.tr("Overdue"))
        late_set.setColor(QColor("#c62828"))
        for _id, _name, open_count, late_count in data.tasks:
            open_set.append(open_count)
            late_set.append(late_count)
        series.append(open_set)
        series.append(late_set)
        self.task_sets = {"open": open_set, "overdue": late_set}
        open_set.clicked.connect(lambda index: self.open_tasks("all", index))
        late_set.clicked.connect(lambda index: self.open_tasks("overdue", index))
        self._set_chart("tasks", self.tr("Open and overdue tasks"), series, names)

        # Pipeline value by stage.
        series = QHorizontalBarSeries()
        stage_set = QBarSet(self.tr("Open deals (amount)"))
        stage_set.setColor(QColor("#1e4f7a"))
        for stage in data.stages:
            stage_set.append(float(stage.amount))
        series.append(stage_set)
        self.stage_set = stage_set
        stage_set.clicked.connect(self.open_stage)
        self._set_chart(
            "pipeline",
            self.tr("Pipeline value by stage"),
            series,
            [s.name for s in data.stages],
            horizontal=True,
            money=data.currency,
        )

        self._draw_statuses(data, ready=statuses_ready)

        # The latest campaigns, oldest on the left: messages sent and people who responded.
        series = QBarSeries()
        sent_set = QBarSet(self.tr("Messages sent"))
        sent_set.setColor(QColor("#8fbfdf"))
        answered_set = QBarSet(self.tr("People who responded"))
        answered_set.setColor(QColor("#2e7d32"))
        shown = list(reversed(data.campaigns))
        for campaign in shown:
            sent_set.append(campaign.sent)
            answered_set.append(campaign.responded)
        series.append(sent_set)
        series.append(answered_set)
        self.campaign_sets = {"sent": sent_set, "responded": answered_set}
        sent_set.clicked.connect(self.open_campaign)
        answered_set.clicked.connect(self.open_campaign)
        title = self.tr("Latest campaigns: sent and responses")
        if not shown:
            title = self.tr("Latest campaigns: none sent yet")
        self._set_chart("campaigns", title, series, [c.name for c in shown])

    def _draw_statuses(self, data: DashboardData, *, ready: bool) -> None:
        """Members per dues status (empty, titled "loading", until the count is in)."""
        series = QBarSeries()
        status_set = QBarSet(self.tr("Members"))
        self._status_codes = [s for s in STATUSES if s != "none"]
        for code in self._status_codes:
            status_set.append(data.statuses.get(code, 0))
        status_set.setColor(QColor("#2e7d32"))
        series.append(status_set)
        self.status_set = status_set
        status_set.clicked.connect(self.open_status)
        title = self.tr("Members by dues status") if ready else self.tr("Members by dues status (counting…)")
        self._set_chart("membership", title, series, [dues_status_name(s) for s in self._status_codes])

    def _set_chart(
        self,
        key: str,
        title: str,
        series: Any,
        categories: list[str],
        *,
        horizontal: bool = False,
        money: str = "",
    ) -> None:
        chart = QChart()
        chart.setTitle(title)
        # Axis numbers in the user's locale ("12 500", not "12500.000000").
        chart.setLocale(QLocale())
        chart.setLocalizeNumbers(True)
        chart.addSeries(series)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setVisible(len(series.barSets()) > 1)
        # Many series (activity types) read better in a column beside the bars.
        many = len(series.barSets()) > 3
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight if many else Qt.AlignmentFlag.AlignBottom)
        axis = QBarCategoryAxis()
        # A category axis drops repeated names, which would shift every bar after them.
        axis.append(unique_names(categories))
        small = axis.labelsFont()
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.8))
        axis.setLabelsFont(small)
        # Whole labels ("12/10", "Alice M."), slanted when many: Qt would cut them to "12…".
        axis.setTruncateLabels(False)
        if not horizontal and len(categories) > 6:
            axis.setLabelsAngle(-45)
        values = QValueAxis()
        values.setLabelFormat(money_label_format(money) if money else "%.0f")
        top = max((bar_set.at(i) for bar_set in series.barSets() for i in range(bar_set.count())), default=0.0)
        if isinstance(series, QStackedBarSeries):
            top = max(
                (sum(b.at(i) for b in series.barSets()) for i in range(len(categories))),
                default=0.0,
            )
        if top <= 10:
            # Small counts: one tick per unit, never "0, 0, 1, 1".
            values.setRange(0, max(1, int(top)))
            values.setTickCount(max(2, int(top) + 1))
        else:
            values.setRange(0, top)
            values.applyNiceNumbers()
        if horizontal:
            chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        series.attachAxis(values)
        old = self.views[key].chart()
        self.views[key].setChart(chart)
        if old is not None:
            old.deleteLater()

    # ------------------------------------------------------------------ clicks
    def _window(self) -> Any:
        window = self.window()
        return window if hasattr(window, "show_page") else None

    def open_journal(self) -> QWidget | None:
        """A bar of the activities chart: the journal."""
        window = self._window()
        return None if window is None else window.show_page("journal")

    def open_tasks(self, view: str, index: int = -1) -> QWidget | None:
        """A bar of the tasks chart: the Tasks page on that collaborator's open (or overdue) tasks."""
        window = self._window()
        if window is None:
            return None
        page = window.show_page("tasks")
        assignee = self.data.tasks[index][0] if self.data is not None and 0 <= index < len(self.data.tasks) else None
        me = self.session.tasks.me
        # "Overdue" is a view of one's own tasks on a team database: someone else's open tasks
        # (soonest due, so the overdue ones first) is the closest list there.
        if view == "overdue" and me is not None and assignee != me:
            view = "all"
        page.set_assignee_filter(assignee, view)
        return page  # type: ignore[no-any-return]

    def open_stage(self, index: int) -> QWidget | None:
        """A bar of the pipeline chart: the Deals list on that stage."""
        window = self._window()
        if window is None or self.data is None or not 0 <= index < len(self.data.stages):
            return None
        page = window.show_page("deals")
        stage_id = self.data.stages[index].key
        if stage_id is not None:
            page.set_stage_filter(stage_id)
        return page  # type: ignore[no-any-return]

    def open_campaign(self, index: int) -> QWidget | None:
        """A bar of the campaigns chart: the Campaigns page on that campaign (bars run oldest first)."""
        window = self._window()
        if window is None or self.data is None or not 0 <= index < len(self.data.campaigns):
            return None
        campaign = list(reversed(self.data.campaigns))[index]
        page = window.show_page("campaigns")
        page.select_campaign(campaign.id)
        return page  # type: ignore[no-any-return]

    def open_status(self, index: int) -> QWidget | None:
        """A bar of the membership chart: the Membership page on that dues status."""
        window = self._window()
        if window is None or not 0 <= index < len(self._status_codes):
            return None
        page = window.show_page("membership")
        page.set_status_filter(self._status_codes[index])
        return page  # type: ignore[no-any-return]
