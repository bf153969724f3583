"""Merge fields in membership reminders and assembly convocations: `{first_name}`, `{paid_until}`...

Each use offers its own fields (a reminder knows `{paid_until}` and `{fee}`, a convocation
`{date}` and `{place}`). A template may only name fields the caller offers: an unknown field
is refused before anything is printed or sent, naming the field (issue 6, "bad input").
Values are formatted for the reader's locale with Babel (this layer never imports Qt).
`{{` and `}}` write braces.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency

from ekocrm_desktop.services.errors import FieldError, ValidationFailedError

_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")

#: Values a template can name: already text, or dates and amounts formatted on the way in.
MergeValue = str | int | dt.date | Decimal


def fields_in(template: str) -> list[str]:
    """The field names a template uses, in order of first use."""
    names: list[str] = []
    for match in _FIELD.finditer(template):
        name = match.group(1)
        if name is not None and name.strip() not in names:
            names.append(name.strip())
    return names


def check_template(template: str, allowed: Iterable[str], *, field: str = "body") -> list[FieldError]:
    """Problems of a template: each unknown merge field, named (empty list: fine)."""
    known = set(allowed)
    errors: list[FieldError] = []
    for name in fields_in(template):
        if name not in known:
            errors.append(FieldError(field, "unknown_merge_field", name, {"known": ", ".join(sorted(known))}))
    unbalanced = _FIELD.sub("", template)
    if "{" in unbalanced or "}" in unbalanced:
        errors.append(FieldError(field, "unbalanced_braces", template[:40]))
    return errors


def render(template: str, values: Mapping[str, MergeValue], *, locale: str = "fr_FR") -> str:
    """The template with every field replaced; ValidationFailedError names an unknown field."""
    errors = check_template(template, values.keys())
    if errors:
        raise ValidationFailedError(errors)

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        return format_value(values[match.group(1).strip()], locale)

    return _FIELD.sub(replace, template)


def format_value(value: MergeValue, locale: str = "fr_FR") -> str:
    """A merge value as a reader of `locale` expects it (14 mars 2026, 1 234,50 €)."""
    if isinstance(value, dt.date):
        return str(format_date(value, format="long", locale=locale))
    if isinstance(value, Decimal):
        return str(format_currency(value, "EUR", locale=locale))
    return str(value)
