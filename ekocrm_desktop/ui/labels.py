"""Translated names for the values stored as codes (roles, kinds, labels, error codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ekocrm_desktop.services.errors import FieldError, PermissionDeniedError


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
    if code == "private_needs_owner":
        return QCoreApplication.translate("Labels", "A private record needs someone to look after it.")
    from ekocrm_desktop.ui.association_labels import error_text  # membership, assemblies, news

    return error_text(error) or str(error)


def app_role_name(role: str) -> str:
    """Role of a person on a team database: "Administrateur", "Collaborateur", "Lecteur"."""
    names = {
        "administrator": QCoreApplication.translate("Labels", "Administrator"),
        "collaborator": QCoreApplication.translate("Labels", "Collaborator"),
        "reader": QCoreApplication.translate("Labels", "Reader"),
        "owner": QCoreApplication.translate("Labels", "Owner of the database"),
    }
    return names.get(role, role)


def scope_name(scope: str) -> str:
    """Which records a role sees."""
    names = {
        "all": QCoreApplication.translate("Labels", "All records"),
        "own": QCoreApplication.translate("Labels", "Only the records they look after"),
        "team": QCoreApplication.translate("Labels", "Their team's records"),
    }
    return names.get(scope, scope)


def team_error_text(error: Exception) -> str:
    """The translated reason a team operation (invite, role, password...) was refused."""
    if isinstance(error, PermissionDeniedError):
        return QCoreApplication.translate("Labels", "Your role does not allow this.")
    code = getattr(error, "code", "")
    params = getattr(error, "params", {})
    messages = {
        "login_invalid": QCoreApplication.translate(
            "Labels", "“%1” is not a valid login: use lower case letters, digits, dots, dashes or underscores."
        ).replace("%1", str(params.get("login", ""))),
        "login_taken": QCoreApplication.translate("Labels", "The login “%1” already exists on this server.").replace(
            "%1", str(params.get("login", ""))
        ),
        "name_required": QCoreApplication.translate("Labels", "Give the person's last name."),
        "password_short": QCoreApplication.translate("Labels", "A chosen password needs at least 8 characters."),
        "password_empty": QCoreApplication.translate("Labels", "The password is empty."),
        "not_team": QCoreApplication.translate("Labels", "This database is not set up for a team."),
        "last_admin": QCoreApplication.translate(
            "Labels", "The team must keep at least one administrator who can log in."
        ),
        "self_disable": QCoreApplication.translate("Labels", "You cannot disable your own login."),
        "admin_only": QCoreApplication.translate("Labels", "Only an administrator can do this."),
        "login_unknown": QCoreApplication.translate("Labels", "There is no such login in this database."),
        "roles_taken": QCoreApplication.translate(
            "Labels", "Another EkoCRM team database on this server already uses these role names: %1."
        ).replace("%1", str(params.get("roles", ""))),
        "database_not_empty": QCoreApplication.translate(
            "Labels", "The database “%1” already holds tables: a new shared database must start empty."
        ).replace("%1", str(params.get("database", ""))),
    }
    if code in messages:
        return messages[code]
    if code == "refused":
        return QCoreApplication.translate("Labels", "The server refused: %1").replace("%1", str(error))
    return str(error)


def connection_hint(reason: str) -> str:
    """What to do about a refused connection, when the reason says it (empty when it does not)."""
    lowered = reason.lower()
    if "certificate" in lowered or ("ssl" in lowered and "verify" in lowered):
        return QCoreApplication.translate(
            "Labels",
            "The server's certificate was not accepted: the server name must be the one its certificate "
            "names, and the CA file must be your office's certificate authority (sslmode verify-full).",
        )
    if "password authentication failed" in lowered:
        return QCoreApplication.translate("Labels", "The login or the password is wrong.")
    if "not permitted to log in" in lowered:
        return QCoreApplication.translate("Labels", "This login was disabled by an administrator.")
    return ""
