"""Translated names of the segment builder's fields, operators and values, a sentence for each
condition ("Ville contient « Lyon »"), and the reason a condition is broken."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication

from ekocrm_desktop.services.segments import BrokenCondition, Definition, SegmentChoices, is_leaf, role_value
from ekocrm_desktop.ui.association_labels import dues_status_name
from ekocrm_desktop.ui.formatting import date_text
from ekocrm_desktop.ui.labels import kind_name, role_name


def field_name(code: str) -> str:
    """ "city" → "Ville"."""
    names = {
        "kind": QCoreApplication.translate("Segments", "Kind"),
        "name": QCoreApplication.translate("Segments", "Name"),
        "email": QCoreApplication.translate("Segments", "E-mail"),
        "phone": QCoreApplication.translate("Segments", "Phone"),
        "city": QCoreApplication.translate("Segments", "City"),
        "postcode": QCoreApplication.translate("Segments", "Postcode"),
        "department": QCoreApplication.translate("Segments", "Department"),
        "tag": QCoreApplication.translate("Segments", "Tag"),
        "group": QCoreApplication.translate("Segments", "Group"),
        "role": QCoreApplication.translate("Segments", "Role"),
        "dues_status": QCoreApplication.translate("Segments", "Dues status"),
        "deal_stage": QCoreApplication.translate("Segments", "Deal stage"),
        "deal_status": QCoreApplication.translate("Segments", "Deal status"),
        "bought_category": QCoreApplication.translate("Segments", "Bought article category"),
        "organisation": QCoreApplication.translate("Segments", "Organisation"),
        "created": QCoreApplication.translate("Segments", "Created"),
        "updated": QCoreApplication.translate("Segments", "Modified"),
        "no_activity": QCoreApplication.translate("Segments", "No activity"),
    }
    return names.get(code, code)


def operator_name(field: str, code: str) -> str:
    """ "contains" → "contient"; a few depend on the field."""
    if code == "days":
        return QCoreApplication.translate("Segments", "during the last (days)")
    if code in ("has", "in"):
        # "Tag is VIP", "Deal stage is Proposition": the field names what the party has.
        return QCoreApplication.translate("Segments", "is")
    if field == "organisation":
        if code == "is":
            return QCoreApplication.translate("Segments", "is the organisation")
        return QCoreApplication.translate("Segments", "works for")
    names = {
        "contains": QCoreApplication.translate("Segments", "contains"),
        "equals": QCoreApplication.translate("Segments", "is exactly"),
        "starts": QCoreApplication.translate("Segments", "starts with"),
        "is": QCoreApplication.translate("Segments", "is"),
        "has": QCoreApplication.translate("Segments", "has"),
        "in": QCoreApplication.translate("Segments", "is in"),
        "current": QCoreApplication.translate("Segments", "is currently"),
        "ever": QCoreApplication.translate("Segments", "is or was"),
        "before": QCoreApplication.translate("Segments", "before"),
        "after": QCoreApplication.translate("Segments", "after"),
    }
    return names.get(code, code)


def deal_status_name(code: str) -> str:
    """ "won" → "gagnée"."""
    names = {
        "open": QCoreApplication.translate("Segments", "open"),
        "won": QCoreApplication.translate("Segments", "won"),
        "lost": QCoreApplication.translate("Segments", "lost"),
    }
    return names.get(code, code)


def group_op_name(op: str) -> str:
    """ "and" → "Toutes ces conditions"."""
    if op == "or":
        return QCoreApplication.translate("Segments", "Any of these conditions")
    return QCoreApplication.translate("Segments", "All of these conditions")


def broken_text(broken: BrokenCondition) -> str:
    """Why a condition matches nobody, for the user."""
    texts = {
        "unknown_field": QCoreApplication.translate("Segments", "Unknown condition “%1”."),
        "invalid_value": QCoreApplication.translate("Segments", "The value “%1” is not valid here."),
        "tag_deleted": QCoreApplication.translate("Segments", "The tag “%1” was deleted."),
        "group_deleted": QCoreApplication.translate("Segments", "The group “%1” was deleted."),
        "stage_deleted": QCoreApplication.translate("Segments", "The pipeline stage “%1” was deleted."),
        "organisation_deleted": QCoreApplication.translate("Segments", "The organisation “%1” was deleted."),
        "category_deleted": QCoreApplication.translate("Segments", "The category “%1” was deleted."),
        "status_deleted": QCoreApplication.translate("Segments", "The state “%1” was deleted."),
    }
    text = texts.get(broken.reason, QCoreApplication.translate("Segments", "This condition cannot be used."))
    return text.replace("%1", broken.label or "?")


def _choice(pairs: tuple[tuple[str, str], ...], value: Any) -> str:
    return next((name for code, name in pairs if code == str(value)), str(value or ""))


def value_text(node: Definition, choices: SegmentChoices | None = None) -> str:
    """The value of a condition as the user reads it."""
    field, value = node.get("field"), node.get("value")
    label = str(node.get("label") or "")
    if field == "kind":
        return kind_name(str(value))
    if field == "role":
        role = role_value(node)
        text = role_name(role["role"])
        if role["category"]:
            text += " — " + role["category"]
        if role["status"]:
            text += " (" + role["status"] + ")"
        return text
    if field == "dues_status":
        return dues_status_name(str(value))
    if field == "deal_status":
        return deal_status_name(str(value))
    if field == "no_activity":
        return str(value or "")
    if field in ("created", "updated"):
        try:
            return date_text(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if field in ("tag", "group", "deal_stage", "organisation", "bought_category"):
        if choices is not None:
            pairs = {
                "tag": choices.tags,
                "group": choices.groups,
                "deal_stage": choices.stages,
                "bought_category": choices.article_categories,
            }.get(str(field), ())
            found = _choice(pairs, value)
            if found and found != str(value):
                return found
        return label or str(value or "")
    return QCoreApplication.translate("Segments", "“%1”").replace("%1", str(value or ""))


def describe(node: Definition, choices: SegmentChoices | None = None) -> str:
    """A condition as one sentence: "Ville contient « Lyon »"; a group by its AND/OR."""
    if not is_leaf(node):
        return group_op_name(str(node.get("op")))
    field, operator = str(node.get("field")), str(node.get("operator"))
    value = value_text(node, choices)
    sentences = {
        "tag": QCoreApplication.translate("Segments", "Has the tag %1"),
        "group": QCoreApplication.translate("Segments", "Is in the group %1"),
        "deal_stage": QCoreApplication.translate("Segments", "Has a deal at the stage %1"),
        "bought_category": QCoreApplication.translate("Segments", "Bought an article of the category %1"),
    }
    if field == "deal_status":
        sentences["deal_status"] = {
            "open": QCoreApplication.translate("Segments", "Has an open deal"),
            "won": QCoreApplication.translate("Segments", "Has a won deal"),
            "lost": QCoreApplication.translate("Segments", "Has a lost deal"),
        }.get(str(node.get("value")), "%1")
    if field == "no_activity":
        return QCoreApplication.translate("Segments", "No activity during the last %1 days").replace("%1", value)
    if field in sentences:
        return sentences[field].replace("%1", value)
    return f"{field_name(field)} {operator_name(field, operator)} {value}"
