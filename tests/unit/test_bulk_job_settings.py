"""Process-wide settings a bulk job changes while it runs (`bulk._WhileBulkJobsRun`).

The collector's thresholds and the GIL's switch interval belong to the whole app: two imports
may overlap, and the window must get its own values back after the last one ends, even when
a job fails.
"""

from __future__ import annotations

import gc
import sys

import pytest

from ekocrm_desktop.services import bulk


def test_the_switch_interval_is_short_while_loads_run_and_given_back_after_the_last() -> None:
    before = sys.getswitchinterval()
    with bulk._prompt_handoffs():
        assert sys.getswitchinterval() == pytest.approx(0.0005)
        with bulk._prompt_handoffs():  # a second load overlapping the first
            assert sys.getswitchinterval() == pytest.approx(0.0005)
        assert sys.getswitchinterval() == pytest.approx(0.0005)  # the first is still running
    assert sys.getswitchinterval() == before


def test_the_thresholds_come_back_after_a_job_that_failed() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), bulk.fewer_collections():
        assert gc.get_threshold()[0] == 1_000_000
        raise RuntimeError("the import failed")
    assert gc.get_threshold() == before
