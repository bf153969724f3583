"""Translated names of import fields, row problems, file notes and matching options (issue 8)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ekocrm_desktop.services.importing import RowIssue
from ekocrm_desktop.services.tabular import Note


def field_label(field: str) -> str:
    """The name of an import field as the mapping page shows it."""
    labels = {
        "": QCoreApplication.translate("Exchange", "(ignore this column)"),
        "kind": QCoreApplication.translate("Exchange", "Type (person or organisation)"),
        "civility": QCoreApplication.translate("Exchange", "Civility"),
        "first_name": QCoreApplication.translate("Exchange", "First name"),
        "last_name": QCoreApplication.translate("Exchange", "Last name"),
        "full_name": QCoreApplication.translate("Exchange", "Full name (first and last)"),
        "organisation": QCoreApplication.translate("Exchange", "Organisation"),
        "job_title": QCoreApplication.translate("Exchange", "Job title"),
        "email": QCoreApplication.translate("Exchange", "E-mail"),
        "other_emails": QCoreApplication.translate("Exchange", "Other e-mails"),
        "phone": QCoreApplication.translate("Exchange", "Phone"),
        "mobile": QCoreApplication.translate("Exchange", "Mobile"),
        "other_phones": QCoreApplication.translate("Exchange", "Other phones"),
        "street": QCoreApplication.translate("Exchange", "Street"),
        "street2": QCoreApplication.translate("Exchange", "Address line 2"),
        "postcode": QCoreApplication.translate("Exchange", "Postcode"),
        "city": QCoreApplication.translate("Exchange", "City"),
        "country": QCoreApplication.translate("Exchange", "Country"),
        "website": QCoreApplication.translate("Exchange", "Website"),
        "registration_number": QCoreApplication.translate("Exchange", "Registration number"),
        "external_id": QCoreApplication.translate("Exchange", "External id"),
        "birth_date": QCoreApplication.translate("Exchange", "Birth date"),
        "tags": QCoreApplication.translate("Exchange", "Tags"),
        "notes": QCoreApplication.translate("Exchange", "Notes"),
        "membership_type": QCoreApplication.translate("Exchange", "Membership type (name or category)"),
        "period_start": QCoreApplication.translate("Exchange", "Period start"),
        "period_end": QCoreApplication.translate("Exchange", "Period end"),
        "amount": QCoreApplication.translate("Exchange", "Amount"),
        "paid_on": QCoreApplication.translate("Exchange", "Payment date"),
        "payment_method": QCoreApplication.translate("Exchange", "Payment method"),
        "receipt_number": QCoreApplication.translate("Exchange", "Receipt number"),
        "code": QCoreApplication.translate("Exchange", "Article code"),
        "name": QCoreApplication.translate("Exchange", "Article name"),
        "category": QCoreApplication.translate("Exchange", "Category"),
        "unit_price": QCoreApplication.translate("Exchange", "Unit price (excl. VAT)"),
        "vat_rate": QCoreApplication.translate("Exchange", "VAT rate (%)"),
        "active": QCoreApplication.translate("Exchange", "Active (yes/no)"),
        "description": QCoreApplication.translate("Exchange", "Description"),
    }
    return labels.get(field, field)


def target_label(target: str) -> str:
    """What an import file holds."""
    return {
        "contacts": QCoreApplication.translate("Exchange", "People and organisations"),
        "members": QCoreApplication.translate("Exchange", "Members with their subscriptions"),
        "articles": QCoreApplication.translate("Exchange", "Articles of the catalogue"),
    }.get(target, target)


def export_titles() -> dict[str, str]:
    """Translated column titles of the contacts export (the importer recognises them)."""
    titles = {key: field_label(key) for key in ("civility", "first_name", "last_name", "organisation", "job_title")}
    titles.update({key: field_label(key) for key in ("email", "other_emails", "phone", "mobile", "other_phones")})
    titles.update({key: field_label(key) for key in ("street", "street2", "postcode", "city", "country")})
    titles.update({key: field_label(key) for key in ("website", "registration_number", "external_id", "birth_date")})
    titles.update({key: field_label(key) for key in ("tags", "notes")})
    titles["kind"] = QCoreApplication.translate("Exchange", "Type")
    titles["roles"] = QCoreApplication.translate("Exchange", "Roles")
    titles["updated_at"] = QCoreApplication.translate("Exchange", "Updated")
    return titles


def kind_titles() -> dict[str, str]:
    """How the export writes a party's kind (the importer reads both languages)."""
    return {
        "person": QCoreApplication.translate("Exchange", "Person"),
        "organisation": QCoreApplication.translate("Exchange", "Organisation"),
    }


def match_label(key: str) -> str:
    """A matching key."""
    return {
        "email": QCoreApplication.translate("Exchange", "E-mail address"),
        "phone": QCoreApplication.translate("Exchange", "Phone number"),
        "external_id": QCoreApplication.translate("Exchange", "External id"),
        "name_org": QCoreApplication.translate("Exchange", "Name and organisation"),
    }.get(key, key)


def on_match_label(key: str) -> str:
    """What happens when a row matches an existing contact."""
    return {
        "fill": QCoreApplication.translate("Exchange", "Fill in empty fields only"),
        "overwrite": QCoreApplication.translate("Exchange", "Overwrite with the file's values"),
        "skip": QCoreApplication.translate("Exchange", "Skip the row"),
    }.get(key, key)


def issue_text(issue: RowIssue) -> str:
    """Why a row is in error or skipped, in the user's language."""
    value = issue.value
    params = dict(issue.params)
    texts = {
        "truncated": QCoreApplication.translate("Exchange", "Truncated line: the file ends in the middle of this row"),
        "malformed": QCoreApplication.translate("Exchange", "Unreadable line (misplaced quote)"),
        "too_many_fields": QCoreApplication.translate("Exchange", "More values than columns (wrong separator?)"),
        "email_invalid": QCoreApplication.translate("Exchange", "Invalid e-mail address: %1"),
        "phone_invalid": QCoreApplication.translate("Exchange", "Unreadable phone number: %1"),
        "date_invalid": QCoreApplication.translate("Exchange", "Unreadable date: %1"),
        "postcode_invalid": QCoreApplication.translate("Exchange", "Invalid postcode: %1"),
        "country_invalid": QCoreApplication.translate("Exchange", "Unknown country: %1"),
        "missing_person": QCoreApplication.translate(
            "Exchange", "Missing field: a person needs a last name or an e-mail"
        ),
        "missing_organisation": QCoreApplication.translate("Exchange", "Missing field: an organisation needs a name"),
        "duplicate_in_file": QCoreApplication.translate("Exchange", "Same key as line %1 of the file"),
        "too_long": QCoreApplication.translate("Exchange", "Value too long: %1"),
        "kind_invalid": QCoreApplication.translate("Exchange", "Unknown type (person or organisation): %1"),
        "exists": QCoreApplication.translate("Exchange", "Already in the workspace (skipped)"),
        "unchanged": QCoreApplication.translate("Exchange", "Already up to date"),
        "changed_meanwhile": QCoreApplication.translate("Exchange", "Changed by someone else during the import"),
        "invalid": QCoreApplication.translate("Exchange", "Invalid value: %1"),
        "suppressed": QCoreApplication.translate("Exchange", "Erased person (GDPR): not added again"),
        "repeat": QCoreApplication.translate("Exchange", "Same person as line %1"),
        "type_missing": QCoreApplication.translate("Exchange", "Missing field: membership type"),
        "type_unknown": QCoreApplication.translate("Exchange", "Unknown membership type: %1"),
        "type_ambiguous": QCoreApplication.translate(
            "Exchange", "Several membership types of this category, give the type's name: %1"
        ),
        "period_missing": QCoreApplication.translate("Exchange", "Missing field: period start or payment date"),
        "period_invalid": QCoreApplication.translate("Exchange", "The period ends before it starts: %1"),
        "period_overlap": QCoreApplication.translate("Exchange", "Overlaps a paid subscription (%1)"),
        "amount_invalid": QCoreApplication.translate("Exchange", "Invalid amount: %1"),
        "date_future": QCoreApplication.translate("Exchange", "Payment date in the future: %1"),
        "payment_method_invalid": QCoreApplication.translate("Exchange", "Unknown payment method: %1"),
        "payment_method_missing": QCoreApplication.translate(
            "Exchange", "Missing field: a paid subscription needs a payment method"
        ),
        "receipt_invalid": QCoreApplication.translate("Exchange", "Unreadable receipt number: %1"),
        "receipt_unpaid": QCoreApplication.translate("Exchange", "A receipt number needs a payment date: %1"),
        "receipt_taken": QCoreApplication.translate("Exchange", "Receipt number already used: %1"),
        "subscription_exists": QCoreApplication.translate("Exchange", "Subscription already recorded"),
        "code_missing": QCoreApplication.translate("Exchange", "Missing field: code"),
        "name_missing": QCoreApplication.translate("Exchange", "Missing field: name"),
        "vat_rate_invalid": QCoreApplication.translate("Exchange", "Invalid VAT rate: %1"),
        "active_invalid": QCoreApplication.translate("Exchange", "Unreadable yes/no value: %1"),
    }
    text = texts.get(issue.code, issue.code)
    if issue.code in ("duplicate_in_file", "repeat"):
        return text.replace("%1", params.get("line", "?"))
    return text.replace("%1", value)


def note_text(note: Note) -> str:
    """Something noticed about the whole file."""
    if note.code == "empty_lines":
        return QCoreApplication.translate("Exchange", "%n empty line(s) ignored.", None, _count(note))
    if note.code == "merged_cells":
        return QCoreApplication.translate(
            "Exchange", "Merged cells (%1): only their first cell has the value."
        ).replace("%1", note.param("ranges"))
    if note.code == "formulas":
        return QCoreApplication.translate(
            "Exchange",
            "%n formula cell(s): the values last computed by the spreadsheet are imported.",
            None,
            _count(note),
        )
    if note.code == "photos_ignored":
        return QCoreApplication.translate("Exchange", "%n photo(s) ignored.", None, _count(note))
    return note.code


def _count(note: Note) -> int:
    try:
        return int(note.param("count"))
    except ValueError:
        return 0
