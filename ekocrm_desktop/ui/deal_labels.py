"""Translated names and messages of deals and articles: statuses, error codes, money and rates."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale

from ekocrm_desktop.services.errors import FieldError
from ekocrm_desktop.ui.association_labels import money_text, parse_money
from ekocrm_desktop.ui.labels import field_error_text

__all__ = ["deal_error_text", "money_text", "parse_money", "percent_text", "rate_text", "status_name"]


def status_name(status: str) -> str:
    """ "open" → "En cours", "won" → "Gagnée", "lost" → "Perdue"."""
    names = {
        "open": QCoreApplication.translate("DealLabels", "Open"),
        "won": QCoreApplication.translate("DealLabels", "Won"),
        "lost": QCoreApplication.translate("DealLabels", "Lost"),
    }
    return names.get(status, status)


def status_names() -> list[tuple[str, str]]:
    """(code, translated name) of every deal status."""
    return [(code, status_name(code)) for code in ("open", "won", "lost")]


def rate_text(rate: Decimal) -> str:
    """A VAT rate as the user reads it: "5,5 %", "20 %"."""
    text = format(rate.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", QLocale().decimalPoint()) + "\u00a0%"


def percent_text(value: int) -> str:
    """A probability: "60 %"."""
    return f"{value}\u00a0%"


def parse_decimal_text(text: str) -> Decimal | None:
    """A typed number ("1,5", "2", "0.25"); None when it is not one."""
    return parse_money(text.replace("%", ""))


def deal_error_text(error: FieldError) -> str:
    """The translated message of a deal or article validation error."""
    value = error.value
    messages = {
        "vat_rate_invalid": QCoreApplication.translate(
            "DealLabels", "“%1” is not a VAT rate (a percentage from 0 to 100)."
        ),
        "stage_won_and_lost": QCoreApplication.translate("DealLabels", "A stage cannot be both won and lost."),
        "line_description_required": QCoreApplication.translate(
            "DealLabels", "Choose an article or describe the line."
        ),
        "quantity_invalid": QCoreApplication.translate(
            "DealLabels", "“%1” is not a valid quantity (a number greater than zero)."
        ),
        "party_missing": QCoreApplication.translate("DealLabels", "This contact no longer exists."),
        "article_missing": QCoreApplication.translate("DealLabels", "This article no longer exists."),
        "campaign_missing": QCoreApplication.translate("DealLabels", "This campaign no longer exists."),
        "contact_twice": QCoreApplication.translate("DealLabels", "“%1” is already among the deal's contacts."),
        "amount_invalid": QCoreApplication.translate(
            "DealLabels", "“%1” is not a valid amount (euros and cents, zero or more)."
        ),
        "party_not_picked": QCoreApplication.translate(
            "DealLabels", "Pick “%1” in the list of matches, or clear the field."
        ),
        "duplicate_name": QCoreApplication.translate("DealLabels", "“%1” already exists."),
    }
    if error.code in messages:
        return messages[error.code].replace("%1", value)
    return field_error_text(error)
