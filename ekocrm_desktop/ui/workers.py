"""Running slow work off the GUI thread: a function, its progress, cancel, and its result.

Workers get a function that uses services (which open their own sessions from the
session factory) and return DTOs; they never touch widgets.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ekocrm_desktop.db.engine import is_busy_error

log = logging.getLogger(__name__)


class CancelToken:
    """Set by the UI, polled by the work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancel() was called."""
        return self._event.is_set()


class WorkerSignals(QObject):
    """Signals of one job, delivered on the GUI thread."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)


class Worker(QRunnable):
    """One job: `fn(report, token)` where report(done, total, text) sends progress."""

    def __init__(
        self,
        fn: Callable[[Callable[[int, int, str], None], CancelToken], Any],
        expected: tuple[type[Exception], ...] = (),
    ) -> None:
        super().__init__()
        self.fn = fn
        #: Exceptions that are outcomes (a cancel, a refusal with its reason): handed over, not logged.
        self.expected = expected
        self.token = CancelToken()
        self.signals = WorkerSignals()
        self.done = threading.Event()

    def run(self) -> None:
        try:
            result = self.fn(self._report, self.token)
        except Exception as exc:  # handed to the GUI thread, which shows it
            if is_busy_error(exc):  # another window's big import holds the write lock: a retry will do
                log.warning("a background job found the workspace busy: %s", exc)
            elif not isinstance(exc, self.expected):
                log.exception("background job failed")
            self.signals.failed.emit(exc, "".join(traceback.format_exception(exc)))
        else:
            self.signals.finished.emit(result)
        finally:
            self.done.set()

    def _report(self, done: int, total: int, text: str = "") -> None:
        self.signals.progress.emit(done, total, text)


def start(
    fn: Callable[[Callable[[int, int, str], None], CancelToken], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception, str], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    owner: QObject | None = None,
    expected: tuple[type[Exception], ...] = (),
) -> Worker:
    """Run `fn` in the global thread pool and call back on the GUI thread.

    `expected` exceptions (a cancel, a refusal) reach `on_error` like any other, without being
    logged as failures.

    With `owner` (the widget the callbacks update), a job that reports back after that widget
    was closed and deleted calls nothing: its result is no longer wanted.
    """
    if owner is not None:
        on_done, on_error, on_progress = (_while_alive(owner, c) for c in (on_done, on_error, on_progress))
    worker = Worker(fn, expected)
    if on_done is not None:
        worker.signals.finished.connect(on_done)
    if on_error is not None:
        worker.signals.failed.connect(on_error)
    if on_progress is not None:
        worker.signals.progress.connect(on_progress)
    _running.add(worker)
    worker.signals.finished.connect(lambda _r, w=worker: _running.discard(w))
    worker.signals.failed.connect(lambda _e, _d, w=worker: _running.discard(w))
    QThreadPool.globalInstance().start(worker)
    return worker


def _while_alive(owner: QObject, callback: Callable[..., None] | None) -> Any:
    if callback is None:
        return None

    def call(*args: Any) -> None:
        if isValid(owner):
            callback(*args)

    return call


# Keep Python references alive until the job reports back.
_running: set[Worker] = set()
