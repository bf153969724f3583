"""Translated names of the duplicates finder's reasons, the tables a merge moves rows of, and merge refusals."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ekocrm_desktop.services.duplicates import (
    REASON_EMAIL,
    REASON_NAME,
    REASON_NAME_CITY,
    REASON_NAME_ORGANISATION,
    REASON_PHONE,
    REASON_SIMILAR_NAME_ORGANISATION,
)
from ekocrm_desktop.services.merge import MergeRefusedError


def reason_name(code: str) -> str:
    """ "same e-mail", "same phone", ... for a reason code."""
    names = {
        REASON_EMAIL: QCoreApplication.translate("MergeLabels", "same e-mail"),
        REASON_PHONE: QCoreApplication.translate("MergeLabels", "same phone"),
        REASON_NAME: QCoreApplication.translate("MergeLabels", "same name"),
        REASON_NAME_ORGANISATION: QCoreApplication.translate("MergeLabels", "same name at the same organisation"),
        REASON_NAME_CITY: QCoreApplication.translate("MergeLabels", "same name in the same city"),
        REASON_SIMILAR_NAME_ORGANISATION: QCoreApplication.translate(
            "MergeLabels", "similar name at the same organisation"
        ),
    }
    return names.get(code, code)


def reasons_text(codes: tuple[str, ...]) -> str:
    """Reasons joined for a table cell."""
    return ", ".join(reason_name(c) for c in codes)


def moved_rows_text(key: str, count: int) -> str:
    """ "3 deal(s)" for the rows of "deal.party_id" a merge moves (unknown tables: linked records)."""
    texts = {
        "deal.party_id": QCoreApplication.translate("MergeLabels", "%n deal(s)", "", count),
        "deal.owner_id": QCoreApplication.translate("MergeLabels", "%n deal(s) followed", "", count),
        "deal_contact.party_id": QCoreApplication.translate("MergeLabels", "%n deal contact(s)", "", count),
        "group_member.party_id": QCoreApplication.translate("MergeLabels", "%n group(s)", "", count),
        "team.leader_id": QCoreApplication.translate("MergeLabels", "%n team(s) led", "", count),
        "team_member.party_id": QCoreApplication.translate("MergeLabels", "%n team(s)", "", count),
        "membership_subscription.party_id": QCoreApplication.translate("MergeLabels", "%n subscription(s)", "", count),
        "membership_reminder_sent.party_id": QCoreApplication.translate(
            "MergeLabels", "%n dues reminder(s)", "", count
        ),
        "assembly_invitation.party_id": QCoreApplication.translate("MergeLabels", "%n invitation(s)", "", count),
        "assembly_invitation.proxy_holder_id": QCoreApplication.translate(
            "MergeLabels", "%n proxy(ies) held", "", count
        ),
        "news_recipient.party_id": QCoreApplication.translate("MergeLabels", "%n news item(s) received", "", count),
        "party.owner_id": QCoreApplication.translate("MergeLabels", "%n contact(s) looked after", "", count),
        "affiliation.organisation_id": QCoreApplication.translate(
            "MergeLabels", "%n person(s) working there", "", count
        ),
        "user_account.party_id": QCoreApplication.translate("MergeLabels", "%n login(s)", "", count),
    }
    return texts.get(key) or QCoreApplication.translate("MergeLabels", "%n other linked record(s)", "", count)


def refusal_text(error: MergeRefusedError) -> str:
    """Why a merge or its undo was refused, for the user."""
    code = error.code
    if code == "same_record":
        return QCoreApplication.translate("MergeLabels", "A record cannot be merged with itself.")
    if code == "kinds_differ":
        return QCoreApplication.translate("MergeLabels", "A person and an organisation cannot be merged.")
    if code == "trashed":
        return QCoreApplication.translate(
            "MergeLabels", "One of the records is in the trash: restore it before merging."
        )
    if code == "loser_has_login":
        return (
            QCoreApplication.translate(
                "MergeLabels", "%1 has their own login (%2): keep that record and merge the other one into it."
            )
            .replace("%1", str(error.params.get("name", "")))
            .replace("%2", str(error.params.get("login", "")))
        )
    if code == "hidden_links":
        return QCoreApplication.translate(
            "MergeLabels",
            "%1 has %n linked record(s) private to colleagues, which you cannot move: merging would leave "
            "them on the record sent to the trash, so nothing was merged. Ask their owners to share them, "
            "or to merge these records themselves.",
            "",
            int(error.params.get("count", 0)),
        ).replace("%1", str(error.params.get("name", "")))
    if code == "already_undone":
        return QCoreApplication.translate("MergeLabels", "This merge was already undone.")
    if code == "winner_changed":
        return (
            QCoreApplication.translate(
                "MergeLabels",
                "%1 was changed by %2 after the merge. Undoing the merge now would lose that change, so it "
                "was not undone. If the change is a later merge, undo that one first; otherwise you can "
                "restore the other record from the trash and edit both by hand.",
            )
            .replace("%1", str(error.params.get("name", "")))
            .replace("%2", str(error.params.get("by", "?")))
        )
    if code == "loser_changed":
        return QCoreApplication.translate(
            "MergeLabels", "%1 was restored from the trash or changed after the merge: the merge cannot be undone."
        ).replace("%1", str(error.params.get("name", "")))
    if code == "constraint":
        return QCoreApplication.translate(
            "MergeLabels", "The two records cannot be merged: a linked record would become inconsistent."
        )
    return str(error)
