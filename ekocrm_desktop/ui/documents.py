"""Writing a PDF from the window: ask where, build it in the background, then open it.

Pages hold one `DocumentSaver`; tests replace `choose_path` (no file dialog offscreen) and
turn `open_after` off (no external viewer).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.errors import show_error

log = logging.getLogger(__name__)

Report = Callable[[int, int, str], None]


def ask_pdf_path(parent: QWidget, title: str, default_name: str) -> Path | None:
    """The file dialog: where to save the PDF (None: cancelled)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    pdf_filter = QCoreApplication.translate("DocumentSaver", "PDF documents (*.pdf)")
    path, _filter = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / default_name), pdf_filter)
    if not path:
        return None
    return Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")


class DocumentSaver(QObject):
    """Build PDFs off the GUI thread and say how it went."""

    #: Status-bar messages (text, undo callback or None).
    status_message = Signal(str, object)
    #: A document was written (its path).
    written = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.choose_path: Callable[[QWidget, str, str], Path | None] = ask_pdf_path
        self.open_after = True
        self.job: workers.Worker | None = None

    def save(
        self,
        title: str,
        default_name: str,
        build: Callable[[Path, Report], Any],
        *,
        on_written: Callable[[Path], None] | None = None,
    ) -> bool:
        """Ask for a path and build the document there; False when the user cancelled."""
        path = self.choose_path(self._parent, title, default_name)
        if path is None:
            return False
        self.status_message.emit(self.tr("Preparing “%1”…").replace("%1", path.name), None)

        def work(report: Report, _token: Any) -> Path:
            # Written beside, then renamed: a viewer (or a crash) never sees half a PDF.
            partial = path.with_name(path.name + ".part")
            try:
                build(partial, report)
                partial.replace(path)
            finally:
                partial.unlink(missing_ok=True)
            return path

        def done(result: Path) -> None:
            self.status_message.emit(self.tr("Saved “%1”.").replace("%1", str(result)), None)
            if on_written is not None:
                on_written(result)
            self.written.emit(result)
            if self.open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(result)))

        def failed(exc: Exception, details: str) -> None:
            self.status_message.emit("", None)
            show_error(
                self._parent,
                self.tr("The document was not written"),
                self.tr("“%1” could not be written: %2").replace("%1", path.name).replace("%2", str(exc)),
                details,
            )

        def progress(done_count: int, total: int, _text: str) -> None:
            if total:
                self.status_message.emit(
                    self.tr("Preparing “%1”… %2 of %3")
                    .replace("%1", path.name)
                    .replace("%2", str(done_count))
                    .replace("%3", str(total)),
                    None,
                )

        self.job = workers.start(work, on_done=done, on_error=failed, on_progress=progress)
        return True
