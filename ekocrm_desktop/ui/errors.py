"""Showing errors: a plain message the user can act on, with the technical details behind a button.

Unexpected exceptions are logged and shown; they never close the window, so an open form
keeps what the user typed.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ekocrm_desktop.db.engine import is_busy_error
from ekocrm_desktop.db.live import is_connection_error
from ekocrm_desktop.logs import log_file

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    """A modal error box with an optional "Show Details..." section."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def _unexpected(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    details = "".join(traceback.format_exception(kind, value, tb))
    for matches, what, title, text in _not_done_reasons():
        if matches(value):
            # Not a bug: something outside the app stopped the action. Say that it was not done, and why.
            log.warning("an action found %s:\n%s", what, details)
            _not_done(title, text, details)
            return
    log.error("unexpected error:\n%s", details)
    if QApplication.instance() is None:
        return
    message = QCoreApplication.translate(
        "Errors",
        "Something went wrong, but nothing you typed was lost: open forms are still open.\n"
        "The details were written to the log file:\n%1",
    ).replace("%1", str(log_file()))
    show_error(
        QApplication.activeWindow(),
        QCoreApplication.translate("Errors", "Unexpected error"),
        message,
        details,
    )


def _not_done_reasons() -> list[tuple[Callable[[BaseException], bool], str, str, str]]:
    """Errors that are not bugs: (test, what the log says, title, text), translated when asked."""
    return [
        (
            # The network or the shared server went away under an action; the status bar says
            # when the server answers again.
            is_connection_error,
            "the server unreachable",
            QCoreApplication.translate("Errors", "Server unreachable"),
            QCoreApplication.translate(
                "Errors",
                "The shared database could not be reached, so this was not done. Nothing you typed was "
                "lost: open forms are still open.\nTry again once the status bar no longer says that the "
                "server is unreachable.",
            ),
        ),
        (
            # Another window or program holds the workspace's write lock (a big import holds it for
            # a minute or more). Nothing was written; the same action works later.
            is_busy_error,
            "the workspace busy",
            QCoreApplication.translate("Errors", "Workspace busy"),
            QCoreApplication.translate(
                "Errors",
                "Another window or program is writing to this workspace (a big import, for example), so this "
                "was not done. Nothing you typed was lost: open forms are still open.\nTry again in a moment.",
            ),
        ),
    ]


def show_unexpected(exc: BaseException) -> None:
    """Tell the user about an error a background job raised, as the window's own errors are told."""
    _unexpected(type(exc), exc, exc.__traceback__)


def _not_done(title: str, text: str, details: str) -> None:
    """Say that an action was not done, for a reason outside the app (shown only with a window)."""
    if QApplication.instance() is not None:
        show_error(QApplication.activeWindow(), title, text, details)


def install_excepthook() -> None:
    """Route uncaught exceptions (including those raised in Qt slots) to the log and a dialog."""
    sys.excepthook = _unexpected
