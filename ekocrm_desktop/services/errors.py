"""Errors that services raise for the user to act on.

Messages for the user are built by the UI from `code` and `params` (so they can be
translated); `str(error)` is an English sentence for logs and the command line.
"""

from __future__ import annotations

import dataclasses
from typing import Any


class ServiceError(Exception):
    """Base of the errors a user can act on."""


class NotFoundError(ServiceError):
    """The record does not exist (or is no longer visible)."""


@dataclasses.dataclass(frozen=True)
class FieldError:
    """One invalid field: `field` is a path such as "emails.1" or "last_name"."""

    field: str
    code: str
    value: str = ""
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        text = ENGLISH_MESSAGES.get(self.code, self.code)
        return f"{self.field}: {text.format(value=self.value, **self.params)}"


#: English wording of each validation code (the UI has the translated ones).
ENGLISH_MESSAGES = {
    "required": "this field is required",
    "email_invalid": "“{value}” is not a valid e-mail address ({reason})",
    "phone_invalid": "“{value}” is not a valid phone number",
    "postcode_invalid": "“{value}” is not a valid French postcode (5 digits)",
    "date_invalid": "“{value}” is not a valid date",
    "role_dates": "the role ends before it starts",
    "too_long": "too long (at most {max} characters)",
    "organisation_missing": "the organisation no longer exists",
    "self_affiliation": "an organisation cannot belong to itself",
    # Membership, assemblies, news (issue 6).
    "unknown_merge_field": "unknown merge field “{value}” (known fields: {known})",
    "unbalanced_braces": "a brace is not closed in “{value}”",
    "out_of_range": "“{value}” is out of range ({min} to {max})",
    "amount_invalid": "“{value}” is not a valid amount",
    "date_future": "the date {value} is in the future",
    "period_overlap": "this period overlaps a paid subscription ({value})",
    "receipt_issued": "receipt {value} was issued: cancel the subscription instead",
    "readonly": "this field cannot be changed",
    "duplicate_name": "“{value}” already exists",
    "duplicate_offset": "another reminder is already sent {value} days from the end",
    "not_member": "{value} is not a member on that day",
    "resign_before_join": "the membership started on {value}, after that day",
    "not_invited": "{value} is not invited",
    "proxy_self": "a member cannot give a proxy to themselves",
    "proxy_not_invited": "{value} is not invited to this assembly and cannot hold a proxy",
    "proxy_holder_away": "{value} will not attend ({response}) and cannot hold a proxy",
    "proxy_limit": "{value} already holds {max} proxies, the most allowed",
    "holds_proxies": "{value} holds {count} proxies: give them to someone else first",
    "attachment_too_large": "the attachment is too large ({value}; at most {max})",
    "private_needs_owner": "a private record needs an owner (only the owner sees it)",
}


class ValidationFailedError(ServiceError):
    """The draft has invalid fields; nothing was written."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = tuple(errors)


class ConflictError(ServiceError):
    """Someone else saved the record since it was loaded; nothing was written.

    `current` is the record as it is now in the database, for the user to compare.
    """

    def __init__(self, current: Any, *, expected_version: int) -> None:
        super().__init__(
            f"the record was changed by someone else (version {getattr(current, 'version', '?')}, "
            f"expected {expected_version})"
        )
        self.current = current
        self.expected_version = expected_version


class PermissionDeniedError(ServiceError):
    """The server refused: the connected role may not do this (its GRANTs or row-level security)."""


def denied(exc: BaseException) -> PermissionDeniedError | None:
    """The permission error inside a driver error (SQLSTATE 42501, or a row-level security check), if any."""
    original = getattr(exc, "orig", None)
    if getattr(original, "sqlstate", None) == "42501":
        text = str(original).strip()
        return PermissionDeniedError(text.splitlines()[0] if text else "permission denied")
    return None
