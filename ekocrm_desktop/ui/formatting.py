"""Locale-aware display of dates, numbers and phone numbers in the window (QLocale)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone

from ekocrm_desktop.services.validation import format_phone


def local_datetime_text(value: dt.datetime | None, *, long: bool = False) -> str:
    """A UTC datetime shown in local time and the user's locale."""
    if value is None:
        return ""
    qdt = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.utc()).toLocalTime()
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().toString(qdt, fmt)


def date_text(value: dt.date | None) -> str:
    """A date in the user's short format (14/03/2026 in French)."""
    if value is None:
        return ""
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def parse_date(text: str) -> dt.date | None:
    """A typed date (DD/MM/YYYY, DD/MM/YY or ISO) or None if it is not one; empty → None."""
    text = text.strip()
    if not text:
        return None
    locale = QLocale()
    for fmt in (locale.dateFormat(QLocale.FormatType.ShortFormat), "dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"):
        parsed = QDate.fromString(text, fmt)
        if parsed.isValid():
            if parsed.year() < 100:
                parsed = parsed.addYears(2000 if parsed.year() < 50 else 1900)
            return dt.date(parsed.year(), parsed.month(), parsed.day())
    return None


@lru_cache(maxsize=4096)
def phone_text(e164: str, region: str = "FR") -> str:
    """A stored number shown in national format at home, international abroad."""
    return format_phone(e164, region)
