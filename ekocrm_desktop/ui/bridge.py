"""The application-level change signal: services announce, pages listen.

A service announces `Changes` after each committed write, on whatever thread it ran; the
bridge re-emits them as one Qt signal delivered on the GUI thread. Pages decide what to
refresh; no widget refreshes another (ARCHITECTURE §5).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ekocrm_desktop.db.database import Changes, Database


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

    def _forward(self, changes: Changes) -> None:
        # Emitting from a worker thread is queued to the receivers' (GUI) thread by Qt.
        self.changed.emit(changes)
