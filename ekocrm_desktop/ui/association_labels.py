"""Translated names, colours and formats for membership, assemblies and news, and the translated
labels handed to their PDF builders (the report layer has no translations of its own)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTimeZone
from PySide6.QtGui import QColor

from ekocrm_desktop.services.errors import FieldError

if TYPE_CHECKING:  # the report modules load ReportLab: imported when a PDF is made, not at start
    from ekocrm_desktop.reports.assemblies import AttendanceLabels, ConvocationLabels
    from ekocrm_desktop.reports.base import Formatter
    from ekocrm_desktop.reports.membership import CardLabels, LetterLabels, ReceiptLabels


# ---------------------------------------------------------------------------- stored codes
def dues_status_name(status: str) -> str:
    """ "late" → "En retard"."""
    names = {
        "up_to_date": QCoreApplication.translate("Association", "Up to date"),
        "due_soon": QCoreApplication.translate("Association", "Due soon"),
        "late": QCoreApplication.translate("Association", "Late"),
        "never_paid": QCoreApplication.translate("Association", "Never paid"),
        "resigned": QCoreApplication.translate("Association", "Resigned"),
        "none": QCoreApplication.translate("Association", "Not a member"),
    }
    return names.get(status, status)


def dues_status_names() -> list[tuple[str, str]]:
    """(code, name) of the statuses a member can have, in a treasurer's order."""
    codes = ("up_to_date", "due_soon", "late", "never_paid", "resigned")
    return [(code, dues_status_name(code)) for code in codes]


#: Text colours of the statuses (readable on light and dark backgrounds alike).
STATUS_COLOURS = {
    "up_to_date": "#2e7d32",
    "due_soon": "#ef6c00",
    "late": "#c62828",
    "never_paid": "#ad1457",
    "resigned": "#757575",
    "none": "#757575",
}


def dues_status_colour(status: str) -> QColor:
    """The colour a status is shown in."""
    return QColor(STATUS_COLOURS.get(status, "#757575"))


def category_name(category: str) -> str:
    """ "benefactor" → "Bienfaiteur"."""
    names = {
        "active": QCoreApplication.translate("Association", "Active"),
        "benefactor": QCoreApplication.translate("Association", "Benefactor"),
        "honorary": QCoreApplication.translate("Association", "Honorary"),
        "bureau": QCoreApplication.translate("Association", "Bureau"),
        "youth": QCoreApplication.translate("Association", "Youth"),
        "other": QCoreApplication.translate("Association", "Other"),
    }
    return names.get(category, category)


def category_names() -> list[tuple[str, str]]:
    """(code, name) of every category."""
    return [(c, category_name(c)) for c in ("active", "benefactor", "honorary", "bureau", "youth", "other")]


def duration_name(duration: str) -> str:
    """How long a subscription lasts."""
    if duration == "rolling_year":
        return QCoreApplication.translate("Association", "12 months from the payment")
    return QCoreApplication.translate("Association", "Calendar year")


def payment_method_name(method: str) -> str:
    """ "cheque" → "Chèque"."""
    names = {
        "cash": QCoreApplication.translate("Association", "Cash"),
        "cheque": QCoreApplication.translate("Association", "Cheque"),
        "transfer": QCoreApplication.translate("Association", "Bank transfer"),
        "card": QCoreApplication.translate("Association", "Card"),
        "direct_debit": QCoreApplication.translate("Association", "Direct debit"),
        "other": QCoreApplication.translate("Association", "Other"),
    }
    return names.get(method, method)


def payment_method_names() -> list[tuple[str, str]]:
    """(code, name) of every payment method."""
    codes = ("cheque", "transfer", "cash", "card", "direct_debit", "other")
    return [(c, payment_method_name(c)) for c in codes]


def response_name(response: str) -> str:
    """An invitee's answer."""
    names = {
        "pending": QCoreApplication.translate("Association", "No answer"),
        "attending": QCoreApplication.translate("Association", "Attending"),
        "absent": QCoreApplication.translate("Association", "Absent"),
        "represented": QCoreApplication.translate("Association", "Represented"),
    }
    return names.get(response, response)


def assembly_kind_name(kind: str) -> str:
    """What kind of meeting."""
    names = {
        "general": QCoreApplication.translate("Association", "General assembly"),
        "extraordinary": QCoreApplication.translate("Association", "Extraordinary general assembly"),
        "board": QCoreApplication.translate("Association", "Board meeting"),
        "meeting": QCoreApplication.translate("Association", "Meeting"),
    }
    return names.get(kind, kind)


def assembly_state_name(state: str) -> str:
    """Where an assembly stands."""
    names = {
        "planned": QCoreApplication.translate("Association", "Planned"),
        "held": QCoreApplication.translate("Association", "Held"),
        "cancelled": QCoreApplication.translate("Association", "Cancelled"),
    }
    return names.get(state, state)


def channel_name(channel: str) -> str:
    """How a reminder or convocation goes out."""
    if channel == "letter":
        return QCoreApplication.translate("Association", "Letter")
    return QCoreApplication.translate("Association", "E-mail")


def ledger_status_name(status: str) -> str:
    """Where a reminder of the ledger stands."""
    names = {
        "pending": QCoreApplication.translate("Association", "Being sent"),
        "sent": QCoreApplication.translate("Association", "Sent"),
        "failed": QCoreApplication.translate("Association", "Failed"),
        "printed": QCoreApplication.translate("Association", "Letter printed"),
    }
    return names.get(status, status)


def offset_text(days: int) -> str:
    """−30 → "30 days before the end", 0 → "On the end day"."""
    if days == 0:
        return QCoreApplication.translate("Association", "On the day the membership ends")
    if days < 0:
        return QCoreApplication.translate("Association", "%n day(s) before the end", "", -days)
    return QCoreApplication.translate("Association", "%n day(s) after the end", "", days)


# ---------------------------------------------------------------------------- formats
def money_text(value: Decimal | None, currency: str = "EUR") -> str:
    """An amount in the user's locale: 1 234,50 € in French."""
    if value is None:
        return ""
    locale = QLocale()
    symbol = "€" if currency == "EUR" else currency
    return locale.toCurrencyString(float(value), symbol)


def parse_money(text: str) -> Decimal | None:
    """A typed amount ("1 234,50", "35", "35.5 €", "1,234.50"); None if it is not one.

    The last comma or dot is the decimal separator, whatever the locale: French users type
    commas, English users dots, and both paste amounts from elsewhere.
    """
    cleaned = "".join(ch for ch in text if ch not in " \u00a0\u202f€$£").strip()
    if not cleaned:
        return None
    last = max(cleaned.rfind(","), cleaned.rfind("."))
    if last >= 0:
        whole = cleaned[:last].replace(",", "").replace(".", "")
        cleaned = f"{whole}.{cleaned[last + 1 :]}"
    try:
        value = Decimal(cleaned)
    except ArithmeticError:
        return None
    return value if value.is_finite() else None


def when_text(value: dt.datetime) -> str:
    """A meeting's moment as people say it: "Monday 14 December 2026, 14:30" (local time)."""
    local = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.utc()).toLocalTime()
    locale = QLocale()
    day = locale.toString(local.date(), QLocale.FormatType.LongFormat)
    return f"{day}, {locale.toString(local.time(), QLocale.FormatType.ShortFormat)}"


def report_formatter() -> Formatter:
    """Numbers and dates in PDFs follow the interface's language."""
    from ekocrm_desktop.reports.base import Formatter

    french = QLocale().language() == QLocale.Language.French
    return Formatter("fr_FR" if french else "en_GB")


def merge_locale() -> str:
    """The locale merge fields are written in."""
    return report_formatter().locale


# ---------------------------------------------------------------------------- errors
def error_text(error: FieldError) -> str | None:
    """The translated message of the membership, assembly and news error codes (None: not ours)."""
    value, params = error.value, error.params
    code = error.code
    if code == "unknown_merge_field":
        return (
            QCoreApplication.translate("Association", "Unknown merge field {%1}. Known fields: %2.")
            .replace("%1", value)
            .replace("%2", str(params.get("known", "")))
        )
    if code == "unbalanced_braces":
        return QCoreApplication.translate("Association", "A brace { or } is not closed.")
    if code == "out_of_range":
        return (
            QCoreApplication.translate("Association", "Must be between %1 and %2.")
            .replace("%1", str(params.get("min", "")))
            .replace("%2", str(params.get("max", "")))
        )
    if code == "amount_invalid":
        return QCoreApplication.translate("Association", "“%1” is not an amount (for example 35 or 35,50).").replace(
            "%1", value
        )
    if code == "date_future":
        return QCoreApplication.translate("Association", "The payment date cannot be in the future.")
    if code == "period_overlap":
        start, end = params.get("start"), params.get("end")
        return (
            QCoreApplication.translate("Association", "This period overlaps a subscription already paid (%1 to %2).")
            .replace("%1", _date(start))
            .replace("%2", _date(end))
        )
    if code == "receipt_issued":
        return QCoreApplication.translate(
            "Association", "Receipt %1 was issued for this payment: cancel the subscription instead."
        ).replace("%1", value)
    if code == "duplicate_name":
        return QCoreApplication.translate("Association", "“%1” already exists.").replace("%1", value)
    if code == "duplicate_offset":
        return QCoreApplication.translate("Association", "Another reminder is already sent on that day.")
    if code == "not_member":
        return QCoreApplication.translate("Association", "%1 is not a member on that day.").replace("%1", value)
    if code == "resign_before_join":
        return QCoreApplication.translate("Association", "The membership only started on %1.").replace(
            "%1", _date(params.get("since"))
        )
    if code == "not_invited":
        return QCoreApplication.translate("Association", "%1 is not invited.").replace("%1", value)
    if code == "proxy_self":
        return QCoreApplication.translate("Association", "A member cannot give a proxy to themselves.")
    if code == "proxy_not_invited":
        return QCoreApplication.translate(
            "Association", "%1 is not invited to this assembly and cannot hold a proxy."
        ).replace("%1", value)
    if code == "proxy_holder_away":
        return QCoreApplication.translate("Association", "%1 will not attend and cannot hold a proxy.").replace(
            "%1", value
        )
    if code == "proxy_limit":
        return (
            QCoreApplication.translate(
                "Association", "%1 already holds %2 proxies, the most allowed for this assembly. Choose someone else."
            )
            .replace("%1", value)
            .replace("%2", str(params.get("max", "")))
        )
    if code == "holds_proxies":
        return (
            QCoreApplication.translate("Association", "%1 holds proxies (%2): give them to someone else first.")
            .replace("%1", value)
            .replace("%2", str(params.get("from", params.get("count", ""))))
        )
    if code == "attachment_too_large":
        return (
            QCoreApplication.translate("Association", "The attachment is too large (%1; at most %2).")
            .replace("%1", value)
            .replace("%2", str(params.get("max", "")))
        )
    return None


def _date(value: object) -> str:
    if isinstance(value, dt.date):
        return QLocale().toString(value, QLocale.FormatType.ShortFormat)
    return str(value or "")


# ---------------------------------------------------------------------------- report labels
def receipt_labels() -> ReceiptLabels:
    """A receipt's texts in the interface's language."""
    from ekocrm_desktop.reports.membership import ReceiptLabels

    return ReceiptLabels(
        document_title=QCoreApplication.translate("Association", "Membership receipts"),
        title=QCoreApplication.translate("Association", "Membership receipt"),
        number=QCoreApplication.translate("Association", "No. %1"),
        statement=QCoreApplication.translate(
            "Association",
            "We acknowledge receipt from %1 of the sum of %2 as the membership fee “%3” for the period from %4 to %5.",
        ),
        membership=QCoreApplication.translate("Association", "Membership"),
        period=QCoreApplication.translate("Association", "Period"),
        period_value=QCoreApplication.translate("Association", "%1 to %2"),
        amount=QCoreApplication.translate("Association", "Amount"),
        paid_on=QCoreApplication.translate("Association", "Paid on"),
        method=QCoreApplication.translate("Association", "Payment method"),
        issued=QCoreApplication.translate("Association", "Issued in %1 on %2"),
        issued_no_city=QCoreApplication.translate("Association", "Issued on %1"),
        cancelled=QCoreApplication.translate("Association", "CANCELLED"),
        page=QCoreApplication.translate("Association", "Page %1 of %2"),
        methods=dict(payment_method_names()),
    )


def card_labels() -> CardLabels:
    """A member card's texts."""
    from ekocrm_desktop.reports.membership import CardLabels

    return CardLabels(
        document_title=QCoreApplication.translate("Association", "Member cards"),
        title=QCoreApplication.translate("Association", "MEMBER CARD"),
        valid_until=QCoreApplication.translate("Association", "Valid until %1"),
        member_since=QCoreApplication.translate("Association", "Member since %1"),
        page=QCoreApplication.translate("Association", "Page %1 of %2"),
        categories=dict(category_names()),
    )


def letter_labels() -> LetterLabels:
    """Reminder letters' texts."""
    from ekocrm_desktop.reports.membership import LetterLabels

    return LetterLabels(
        document_title=QCoreApplication.translate("Association", "Membership reminders"),
        place_and_date=QCoreApplication.translate("Association", "%1, %2"),
        reference="%1 · %2",
    )


def convocation_labels() -> ConvocationLabels:
    """Convocations' texts."""
    from ekocrm_desktop.reports.assemblies import ConvocationLabels

    return ConvocationLabels(
        document_title=QCoreApplication.translate("Association", "Convocations"),
        place_and_date=QCoreApplication.translate("Association", "%1, %2"),
        subject=QCoreApplication.translate("Association", "Convocation: %1"),
        agenda=QCoreApplication.translate("Association", "Agenda"),
        proxy_title=QCoreApplication.translate("Association", "PROXY (to return if you cannot attend)"),
        proxy_text=QCoreApplication.translate(
            "Association",
            "I, the undersigned ______________________________, member of %1, give proxy to "
            "______________________________ to represent me at “%2” on %3 and to vote in my name.",
        ),
        proxy_signature=QCoreApplication.translate(
            "Association", "Signed at ______________ on ____________      Signature:"
        ),
    )


def attendance_labels() -> AttendanceLabels:
    """The attendance sheet's texts."""
    from ekocrm_desktop.reports.assemblies import AttendanceLabels

    return AttendanceLabels(
        document_title=QCoreApplication.translate("Association", "Attendance sheet"),
        title=QCoreApplication.translate("Association", "Attendance sheet"),
        when_where=QCoreApplication.translate("Association", "%1 — %2"),
        number=QCoreApplication.translate("Association", "No."),
        name=QCoreApplication.translate("Association", "Name"),
        membership=QCoreApplication.translate("Association", "Membership"),
        dues=QCoreApplication.translate("Association", "Dues paid"),
        up_to_date=QCoreApplication.translate("Association", "Yes"),
        not_up_to_date=QCoreApplication.translate("Association", "No"),
        answer=QCoreApplication.translate("Association", "Answer"),
        proxies=QCoreApplication.translate("Association", "Proxies"),
        signature=QCoreApplication.translate("Association", "Signature"),
        represented_by=QCoreApplication.translate("Association", "Represented by %1"),
        proxies_from=QCoreApplication.translate("Association", "Proxy of %1"),
        quorum_rule=QCoreApplication.translate("Association", "Quorum: %2 of %1 members up to date, that is %3."),
        quorum_rule_invitees=QCoreApplication.translate("Association", "Quorum: %2 of %1 invitees, that is %3."),
        quorum_count=QCoreApplication.translate("Association", "Announced: %1 present and %2 represented, %3 counted."),
        reached=QCoreApplication.translate("Association", "The quorum is reached."),
        not_reached=QCoreApplication.translate("Association", "The quorum is not reached (%1 missing)."),
        totals=QCoreApplication.translate("Association", "Present: ____   Represented: ____   Total: ____"),
        page=QCoreApplication.translate("Association", "Page %1 of %2"),
        responses={r: response_name(r) for r in ("pending", "attending", "absent", "represented")},
    )
