"""Change announcements reach the widgets listening for as long as they live; a refresh that finds
the shared server gone (the network dropped between the announcement and the read) is logged, and
any other error still reaches the unexpected-error dialog."""

from __future__ import annotations

import logging

import psycopg
import pytest

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.ui.bridge import ChangeBridge

RESYNC = Changes(frozenset(), remote=True, resync=True)


def _page(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    page = QWidget()
    page.setObjectName("contacts")
    qtbot.addWidget(page)
    return page


def test_a_refresh_that_finds_the_server_gone_is_logged_not_raised(qtbot, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    bridge = ChangeBridge()
    seen: list[Changes] = []

    def refresh(changes: Changes) -> None:
        seen.append(changes)
        raise psycopg.OperationalError(
            'connection failed: connection to server at "127.0.0.1", port 44235 failed: Connection refused'
        )

    page = _page(qtbot)
    bridge.listen(page, refresh)
    with caplog.at_level(logging.WARNING, logger="ekocrm_desktop.ui.bridge"), qtbot.captureExceptions() as raised:
        bridge.changed.emit(RESYNC)
    assert seen == [RESYNC] and raised == []
    assert "contacts not refreshed, the server is unreachable" in caplog.text


def test_any_other_error_of_a_refresh_is_still_raised(qtbot) -> None:  # type: ignore[no-untyped-def]
    bridge = ChangeBridge()

    def refresh(_changes: Changes) -> None:
        raise ValueError("a bug, not the network")

    page = _page(qtbot)
    bridge.listen(page, refresh)
    with qtbot.captureExceptions() as raised:
        bridge.changed.emit(RESYNC)
    assert [type(exc) for _kind, exc, _tb in raised] == [ValueError]


def test_a_widget_gone_is_called_no_more(qtbot) -> None:  # type: ignore[no-untyped-def]
    bridge = ChangeBridge()
    page = QWidget()
    calls: list[Changes] = []
    bridge.listen(page, calls.append)
    bridge.changed.emit(RESYNC)
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    bridge.changed.emit(RESYNC)
    assert calls == [RESYNC]
