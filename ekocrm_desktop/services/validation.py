"""Field validation and normalisation: e-mail syntax (no DNS), phones in E.164, postcodes."""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

DEFAULT_REGION = "FR"
_FR_POSTCODE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$")


class InvalidValueError(ValueError):
    """A value that cannot be normalised; `reason` says why (English, for logs)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def normalize_email(raw: str) -> str:
    """The normalised address, or InvalidValueError.

    Deliverability is not checked: offline the DNS check rejects real domains (ecosystem §8).
    """
    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidValueError(str(exc)) from exc
    return str(result.normalized)


def email_key(address: str) -> str:
    """Comparison key for duplicate checks: addresses differ only by case in practice."""
    return address.strip().casefold()


def normalize_phone(raw: str, region: str = DEFAULT_REGION) -> str:
    """The number in E.164 ("+33612345678"), or InvalidValueError."""
    text = raw.strip()
    if not text:
        raise InvalidValueError("empty phone number")
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidValueError(str(exc)) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidValueError("not a valid number for its country")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str, region: str = DEFAULT_REGION) -> str:
    """How a stored number is shown: national format at home, international abroad."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_search_words(e164: str) -> list[str]:
    """Words under which a number can be found: "33612345678", "0612345678", "06", "12", ..."""
    if len(e164) == 12 and e164.startswith("+33") and e164[1:].isdigit() and e164[3] != "8":
        # French numbers (but 08 service numbers) read 0X XX XX XX XX: skip the slow parser on bulk loads.
        national = "0" + e164[3:]
        return [e164[1:], national, *(national[i : i + 2] for i in range(0, 10, 2))]
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return [e164.lstrip("+")]
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    digits = re.sub(r"\D", "", national)
    return [e164.lstrip("+"), digits, *re.findall(r"\d+", national)]


def normalize_postcode(raw: str, country: str = "FR") -> str:
    """A postcode checked for France (5 digits, a real department), trimmed elsewhere."""
    text = raw.strip().upper()
    if country.upper() == "FR" and text:
        compact = text.replace(" ", "")
        if not _FR_POSTCODE.match(compact):
            raise InvalidValueError("not a French postcode")
        return compact
    return text


def department_of(postcode: str) -> str:
    """French department code of a postcode ("69003" → "69", "97411" → "974", "20000" → "2A")."""
    if len(postcode) != 5 or not postcode.isdigit():
        return ""
    if postcode.startswith(("97", "98")):
        return postcode[:3]
    if postcode.startswith("20"):
        return "2A" if int(postcode) < 20200 else "2B"
    return postcode[:2]
