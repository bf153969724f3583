"""Alerts in the window: the scheduler that checks them (on start, then every 30 s, in a worker),
the status bar's bell with the number of open alerts, the non-modal pop-up listing them with
Snooze and Dismiss, and a desktop notification where the system has a tray.

Only the alerts this machine claimed in the ledger pop up and notify: the same person's other
machine shows nothing for them. The bell's list is the person's open alerts (shown, not yet
dismissed) wherever they fired, so a dismissal on one machine clears the other.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.alerts import AlertService, DueAlert, snooze_times
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.actions_labels import activity_type_icon, activity_type_name
from ekocrm_desktop.ui.formatting import local_datetime_text
from ekocrm_desktop.ui.icons import icon

if TYPE_CHECKING:
    from ekocrm_desktop.ui.session import WorkspaceSession

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 30_000
AlertIdRole = Qt.ItemDataRole.UserRole + 1
ActivityIdRole = Qt.ItemDataRole.UserRole + 2


class AlertScheduler(QObject):
    """Asks the alert service what fell due, on start and every 30 s, off the GUI thread."""

    #: Alerts this machine just claimed (show them: pop-up, notification).
    fired = Signal(list)
    #: The person's open alerts (the bell's count and list).
    open_changed = Signal(list)

    def __init__(self, service: AlertService, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        #: "Now" for the checks; tests replace it to move time forwards or backwards.
        self.clock: Callable[[], dt.datetime] = service.now
        self.open: list[DueAlert] = []
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check_now)
        self._busy = False
        self._again = False
        self._stopped = True

    def start(self) -> None:
        """Check now (alerts missed while the app was closed) and then regularly."""
        self._stopped = False
        self._timer.start()
        QTimer.singleShot(0, self.check_now)

    def stop(self) -> None:
        """No more checks; a check still running is ignored when it ends."""
        self._stopped = True
        self._timer.stop()

    @property
    def busy(self) -> bool:
        """Whether a check is running."""
        return self._busy

    def check_now(self) -> None:
        """Claim what fell due and read the open alerts, in a worker."""
        if self._stopped:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        service, now = self.service, self.clock()

        def work(_report: Any, _token: Any) -> tuple[list[DueAlert], list[DueAlert]]:
            return service.due_alerts(now), service.open_alerts()

        workers.start(work, on_done=self._done, on_error=self._failed)

    def _done(self, result: tuple[list[DueAlert], list[DueAlert]]) -> None:
        self._busy = False
        if self._stopped:
            return
        fired, open_alerts = result
        self.open = open_alerts
        self.open_changed.emit(open_alerts)
        if fired:
            self.fired.emit(fired)
        if self._again:
            self._again = False
            self.check_now()

    def _failed(self, _exc: Exception, _details: str) -> None:
        # The server may be unreachable: the next check tries again; nothing is lost (still pending).
        self._busy = False
        self._again = False

    def snooze(self, alert_ids: list[Any], choice: str) -> None:
        """Snooze for 10 minutes ("10min"), an hour ("1h") or until tomorrow 9:00 ("tomorrow")."""
        self.service.snooze(alert_ids, snooze_times(self.clock())[choice])
        self.refresh_open()

    def dismiss(self, alert_ids: list[Any]) -> None:
        """Done with these alerts."""
        self.service.dismiss(alert_ids)
        self.refresh_open()

    def refresh_open(self) -> None:
        """Read the open alerts again (after a change here or on another machine)."""
        if self._stopped:
            return
        self.open = self.service.open_alerts()
        self.open_changed.emit(self.open)


class AlertPopup(QFrame):
    """The alerts list: a small window that does not block the rest (Snooze, Dismiss, Open)."""

    open_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("AlertPopup")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle(self.tr("Alerts"))
        self.scheduler: AlertScheduler | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("alertTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.list = QListWidget()
        self.list.setObjectName("alertList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(lambda item: self.open_requested.emit(item.data(ActivityIdRole)))
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(icon("edit"), self.tr("Open"))
        self.open_button.setObjectName("openAlert")
        self.open_button.clicked.connect(self._open_selected)
        self.snooze_button = QToolButton()
        self.snooze_button.setObjectName("snoozeAlert")
        self.snooze_button.setIcon(icon("fa6s.clock"))
        self.snooze_button.setText(self.tr("Snooze"))
        self.snooze_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        for key, text in (
            ("10min", self.tr("10 minutes")),
            ("1h", self.tr("1 hour")),
            ("tomorrow", self.tr("Tomorrow morning")),
        ):
            action = menu.addAction(text)
            action.setObjectName(f"snooze_{key}")
            action.triggered.connect(lambda _c=False, k=key: self.snooze(k))
        self.snooze_button.setMenu(menu)
        self.dismiss_button = QPushButton(icon("fa6s.check"), self.tr("Dismiss"))
        self.dismiss_button.setObjectName("dismissAlert")
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.dismiss_all_button = QPushButton(self.tr("Dismiss all"))
        self.dismiss_all_button.setObjectName("dismissAllAlerts")
        self.dismiss_all_button.clicked.connect(self.dismiss_all)
        for widget in (self.open_button, self.snooze_button, self.dismiss_button, self.dismiss_all_button):
            buttons.addWidget(widget)
        layout.addLayout(buttons)
        self.resize(460, 260)

    def show_alerts(self, alerts: list[DueAlert]) -> None:
        """List these alerts (the first selected)."""
        self.title.setText(self.tr("%n alert(s)", "", len(alerts)))
        self.list.clear()
        for alert in alerts:
            when = alert.due_at or alert.starts_at
            text = alert.subject or activity_type_name(alert.activity_type)
            if when is not None:
                label = (self.tr("Due %1") if alert.is_task else self.tr("Starts %1")).replace(
                    "%1", local_datetime_text(when)
                )
                text = f"{text}\n{label}"
            item = QListWidgetItem(activity_type_icon(alert.activity_type), text)
            item.setData(AlertIdRole, alert.alert_id)
            item.setData(ActivityIdRole, alert.activity_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        for widget in (self.open_button, self.snooze_button, self.dismiss_button, self.dismiss_all_button):
            widget.setEnabled(bool(alerts))

    def _selected(self) -> list[Any]:
        items = self.list.selectedItems() or ([self.list.currentItem()] if self.list.currentItem() else [])
        return [item.data(AlertIdRole) for item in items if item is not None]

    def _open_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.open_requested.emit(item.data(ActivityIdRole))

    def snooze(self, choice: str) -> None:
        """Snooze the selected alerts."""
        if self.scheduler is not None and (ids := self._selected()):
            self.scheduler.snooze(ids, choice)

    def dismiss_selected(self) -> None:
        """Dismiss the selected alerts."""
        if self.scheduler is not None and (ids := self._selected()):
            self.scheduler.dismiss(ids)

    def dismiss_all(self) -> None:
        """Dismiss every alert of the list."""
        ids = [self.list.item(row).data(AlertIdRole) for row in range(self.list.count())]
        if self.scheduler is not None and ids:
            self.scheduler.dismiss(ids)


class AlertButton(QToolButton):
    """The status bar's bell: "🔔 3" open alerts; a click shows the pop-up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertButton")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setIcon(icon("fa6s.bell"))
        self.setAccessibleName(self.tr("Alerts"))
        self.session: WorkspaceSession | None = None
        self.count = 0
        self.popup = AlertPopup(self.window() if parent is not None else None)
        self.popup.open_requested.connect(self._open_activity)
        self.clicked.connect(self.toggle_popup)
        self.tray: QSystemTrayIcon | None = None
        self._set_count(0)

    def attach(self, session: WorkspaceSession | None) -> None:
        """Follow the alerts of this workspace session (None: no workspace open)."""
        if self.session is not None:
            scheduler = self.session.alert_scheduler
            for signal, slot in (
                (scheduler.open_changed, self._on_open),
                (scheduler.fired, self._on_fired),
                (self.session.bridge.changed, self._on_changes),
            ):
                with contextlib.suppress(RuntimeError, TypeError):  # already gone with the old session
                    signal.disconnect(slot)
        self.session = session
        self.popup.scheduler = session.alert_scheduler if session is not None else None
        self.popup.hide()
        self.setVisible(session is not None)
        if session is None:
            self._set_count(0)
            return
        session.alert_scheduler.open_changed.connect(self._on_open)
        session.alert_scheduler.fired.connect(self._on_fired)
        session.bridge.changed.connect(self._on_changes)
        self._on_open(session.alert_scheduler.open)

    def _set_count(self, count: int) -> None:
        self.count = count
        self.setText(str(count) if count else "")
        self.setToolTip(self.tr("%n open alert(s)", "", count) if count else self.tr("No open alert"))
        self.setStyleSheet("QToolButton { color: white; background: #c62828; border-radius: 8px; }" if count else "")

    def _on_open(self, alerts: list[DueAlert]) -> None:
        self._set_count(len(alerts))
        self.popup.show_alerts(alerts)
        if not alerts:
            self.popup.hide()

    def _on_fired(self, fired: list[DueAlert]) -> None:
        """Alerts this machine claimed: pop up (without taking the focus) and notify the desktop."""
        self.show_popup()
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(QApplication.windowIcon(), self)
                self.tray.show()
            first = fired[0]
            body = first.subject if len(fired) == 1 else self.tr("%n alert(s)", "", len(fired))
            self.tray.showMessage(self.tr("EkoCRM reminder"), body, QSystemTrayIcon.MessageIcon.Information, 10_000)

    def _on_changes(self, changes: Changes) -> None:
        # A dismissal or snooze elsewhere (another machine, a task done) changes the open list.
        if changes.touches("alert", "activity") and self.session is not None:
            self.session.alert_scheduler.refresh_open()

    def show_popup(self) -> None:
        """Show the alerts list beside the bell."""
        anchor = self.mapToGlobal(self.rect().topRight())
        self.popup.move(max(anchor.x() - self.popup.width(), 0), max(anchor.y() - self.popup.height() - 8, 0))
        self.popup.show()

    def toggle_popup(self) -> None:
        """Show or hide the alerts list."""
        if self.popup.isVisible():
            self.popup.hide()
        else:
            self.show_popup()

    def _open_activity(self, activity_id: Any) -> None:
        if self.session is None or activity_id is None:
            return
        from ekocrm_desktop.ui.dialogs.activity_dialog import ActivityDialog

        dialog = ActivityDialog(self.session, activity_id=activity_id, parent=self.window())
        dialog.show()
