"""The window's garbage collector (`ui.app.MainThreadCollector`) follows the thresholds in force,
so an import's raised thresholds (`bulk.fewer_collections`) hold in the window too."""

from __future__ import annotations

import gc
from typing import Any

from ekocrm_desktop.services.bulk import fewer_collections
from ekocrm_desktop.ui.app import MainThreadCollector, make_application


def _collector() -> MainThreadCollector:
    app = make_application()
    found = app.findChild(MainThreadCollector)
    assert found is not None
    return found


def _allocate(count: int) -> list[Any]:
    return [[] for _ in range(count)]  # containers: each one counts for the collector


def test_the_window_collects_at_the_usual_threshold(qtbot: Any) -> None:
    collector = _collector()
    assert not gc.isenabled()  # the collector runs on the GUI thread only
    kept = _allocate(gc.get_threshold()[0] + 500)
    collector.check()
    assert gc.get_count()[0] < 500  # a young collection ran
    del kept


def test_an_import_s_raised_thresholds_hold_in_the_window(qtbot: Any) -> None:
    collector = _collector()
    collector.check()
    with fewer_collections():
        kept = _allocate(5_000)  # over the usual 700, far under the raised threshold
        before = gc.get_count()[0]
        collector.check()
        assert gc.get_count()[0] >= before  # no collection while the import runs
    collector.check()
    assert gc.get_count()[0] < 500  # the usual thresholds are back
    del kept
