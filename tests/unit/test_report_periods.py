"""Report periods: presets around a day, the previous period of the same length, week buckets."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ekocrm_desktop.reports.base import Formatter
from ekocrm_desktop.reports.common import Labels, change_percent, fit, signed
from ekocrm_desktop.services.reporting import Period, PeriodPreset, day_bounds, week_mondays

TODAY = dt.date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(
    ("preset", "start", "end"),
    [
        (PeriodPreset.THIS_WEEK, dt.date(2026, 11, 30), dt.date(2026, 12, 6)),
        (PeriodPreset.LAST_WEEK, dt.date(2026, 11, 23), dt.date(2026, 11, 29)),
        (PeriodPreset.THIS_MONTH, dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
        (PeriodPreset.LAST_MONTH, dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
        (PeriodPreset.THIS_YEAR, dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ],
)
def test_presets(preset: str, start: dt.date, end: dt.date) -> None:
    assert Period.preset(preset, TODAY) == Period(start, end)


def test_previous_period_has_the_same_length() -> None:
    november = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert november.days == 30
    assert november.previous() == Period(dt.date(2026, 10, 2), dt.date(2026, 10, 31))
    march = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert march.previous() == Period(dt.date(2026, 1, 29), dt.date(2026, 2, 28))


def test_local_days_become_utc_bounds_across_daylight_saving() -> None:
    paris = ZoneInfo("Europe/Paris")
    start, end = day_bounds(Period(dt.date(2026, 3, 29), dt.date(2026, 3, 29)), paris)  # clocks go forward
    assert start == dt.datetime(2026, 3, 28, 23, tzinfo=dt.UTC)
    assert end == dt.datetime(2026, 3, 29, 22, tzinfo=dt.UTC)  # a 23-hour day


def test_week_buckets_cover_the_period() -> None:
    assert week_mondays(Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))) == [
        dt.date(2026, 10, 26),
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 16),
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 30),
    ]


def test_changes_and_labels_in_french() -> None:
    fr = Formatter()
    assert signed(fr, 1234) == "+1\u202f234" and signed(fr, -3) == "\u22123" and signed(fr, 0) == "0"
    assert change_percent(fr, 0.25) == "+25,0\u00a0%" and change_percent(fr, None) == "\u2013"
    labels = Labels({"type.call_in": "Appel entrant"})
    assert labels.code("type", "call_in") == "Appel entrant"
    assert labels.code("status", "never_paid") == "Never paid"  # unknown code: readable, never a key
    assert labels.fill("period.value", "a", "b") == "From a to b"
    assert fit("Société Générale de Café", 1000) == "Société Générale de Café"
    short = fit("Société Générale de Café et Thé de Lyon", 60)
    assert short.endswith("…") and len(short) < 20
