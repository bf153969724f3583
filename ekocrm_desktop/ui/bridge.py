"""The application-level change signal: services announce, pages listen.

A service announces `Changes` after each committed write, on whatever thread it ran; the
bridge re-emits them as one Qt signal delivered on the GUI thread. Pages decide what to
refresh; no widget refreshes another (ARCHITECTURE §5).

Widgets listen through `ChangeBridge.listen`: a refresh that finds a shared server gone (the
network dropped between the announcement and the read) is logged, not shown as an unexpected
error. The status bar says the server is unreachable already, and once it answers again the live
updates announce a resync, which refreshes everything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.live import is_connection_error

log = logging.getLogger(__name__)


class ChangeBridge(QObject):
    """Forwards a database's change announcements as `changed(Changes)`."""

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None

    def attach(self, db: Database | None) -> None:
        """Listen to `db` (and stop listening to the previous one)."""
        if self._db is not None:
            self._db.remove_listener(self._forward)
        self._db = db
        if db is not None:
            db.add_listener(self._forward)

    def listen(self, owner: QObject, handler: Callable[[Changes], None]) -> None:
        """Call `handler` with each announcement for as long as `owner` lives."""
        self.changed.connect(_Listener(owner, handler).deliver)

    def _forward(self, changes: Changes) -> None:
        # Emitting from a worker thread is queued to the receivers' (GUI) thread by Qt.
        self.changed.emit(changes)


class _Listener(QObject):
    """Delivers announcements to one handler; a child of the handler's widget, so that the
    connection goes with it."""

    def __init__(self, owner: QObject, handler: Callable[[Changes], None]) -> None:
        super().__init__(owner)
        self._handler = handler

    @Slot(object)
    def deliver(self, changes: Changes) -> None:
        try:
            self._handler(changes)
        except Exception as exc:
            if not is_connection_error(exc):
                raise
            log.warning(
                "%s not refreshed, the server is unreachable: %s",
                self.parent().objectName() or type(self.parent()).__name__,
                exc,
            )
