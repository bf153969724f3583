"""Translated names for the values stored as codes (roles, kinds, labels, error codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ekocrm_desktop.services.errors import FieldError


def role_name(role: str) -> str:
    """ "prospect" → "Prospect", "member" → "Membre", ..."""
    names = {
        "prospect": QCoreApplication.translate("Labels", "Prospect"),
        "client": QCoreApplication.translate("Labels", "Client"),
        "member": QCoreApplication.translate("Labels", "Member"),
        "partner": QCoreApplication.translate("Labels", "Partner"),
        "supplier": QCoreApplication.translate("Labels", "Supplier"),
        "competitor": QCoreApplication.translate("Labels", "Competitor"),
        "collaborator": QCoreApplication.translate("Labels", "Collaborator"),
    }
    return names.get(role, role)


def role_names() -> list[tuple[str, str]]:
    """(code, translated name) of every role, in the usual order."""
    codes = ("prospect", "client", "member", "partner", "supplier", "competitor", "collaborator")
    return [(code, role_name(code)) for code in codes]


def kind_name(kind: str) -> str:
    """ "person" → "Personne", "organisation" → "Organisation"."""
    if kind == "person":
        return QCoreApplication.translate("Labels", "Person")
    return QCoreApplication.translate("Labels", "Organisation")


def contact_label_name(label: str) -> str:
    """Label of an e-mail, phone or address."""
    names = {
        "work": QCoreApplication.translate("Labels", "Work"),
        "home": QCoreApplication.translate("Labels", "Home"),
        "mobile": QCoreApplication.translate("Labels", "Mobile"),
        "fax": QCoreApplication.translate("Labels", "Fax"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }
    return names.get(label, label)


def contact_label_names(*codes: str) -> list[tuple[str, str]]:
    """(code, translated name) pairs for a combo box."""
    return [(code, contact_label_name(code)) for code in codes]


def field_error_text(error: FieldError) -> str:
    """The translated message for a validation error."""
    value = error.value
    code = error.code
    if code == "required":
        return QCoreApplication.translate("Labels", "This field is required.")
    if code == "email_invalid":
        return QCoreApplication.translate("Labels", "“%1” is not a valid e-mail address.").replace("%1", value)
    if code == "phone_invalid":
        return QCoreApplication.translate("Labels", "“%1” is not a valid phone number.").replace("%1", value)
    if code == "postcode_invalid":
        return QCoreApplication.translate("Labels", "“%1” is not a French postcode (5 digits).").replace("%1", value)
    if code == "date_invalid":
        return QCoreApplication.translate("Labels", "“%1” is not a date (DD/MM/YYYY).").replace("%1", value)
    if code == "role_dates":
        return QCoreApplication.translate("Labels", "The role ends before it starts.")
    if code == "too_long":
        return QCoreApplication.translate("Labels", "Too long (at most %1 characters).").replace(
            "%1", str(error.params.get("max", ""))
        )
    if code == "organisation_missing":
        return QCoreApplication.translate("Labels", "This organisation no longer exists.")
    if code == "self_affiliation":
        return QCoreApplication.translate("Labels", "An organisation cannot belong to itself.")
    from ekocrm_desktop.ui.association_labels import error_text  # membership, assemblies, news

    return error_text(error) or str(error)
