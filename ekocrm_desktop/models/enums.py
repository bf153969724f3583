"""Enumerations stored as short strings (readable in SQL, stable across databases)."""

from __future__ import annotations

from enum import StrEnum


class PartyKind(StrEnum):
    """A party is a person or an organisation."""

    PERSON = "person"
    ORGANISATION = "organisation"


class RoleKind(StrEnum):
    """What a party is to us; held as dated roles so history is kept (ARCHITECTURE §3)."""

    PROSPECT = "prospect"
    CLIENT = "client"
    MEMBER = "member"
    PARTNER = "partner"
    SUPPLIER = "supplier"
    COMPETITOR = "competitor"
    COLLABORATOR = "collaborator"


class ContactLabel(StrEnum):
    """Label of an e-mail address, phone number or postal address."""

    WORK = "work"
    HOME = "home"
    MOBILE = "mobile"
    FAX = "fax"
    OTHER = "other"
