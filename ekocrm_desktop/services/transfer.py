"""Copy or move people between two open workspaces (issue 8: "the contact added in the wrong environment").

What goes: the person with their e-mails, phones, addresses, roles, tags, notes, function,
and their organisation(s): an organisation with the same name in the target (folded: accents
and case do not matter) is reused, otherwise it is copied too. What stays: the activities,
deals, memberships and history of the source workspace (they belong to its life), and the
owner (collaborators differ between workspaces: the target's default owner applies).

Ids: a person keeps their UUID when the target has no record and no tombstone with it. An
id already present in the target is the same person copied before (UUIDs are never reused),
so a retried copy does not duplicate them. An id tombstoned in the target (moved away from it
earlier) gets a new id. A person whose id or address was erased in the target (GDPR) is
refused: an erasure there must win.

Order and transactions: everything the target receives is written in one transaction and
committed; only then does a move erase the people from the source, through the GDPR erasure
path (`PrivacyService.erase_many(reason="moved")`: every linked row and their history go, a
tombstone with reason "moved" stays, and no suppression entry, since they were not erased but
moved). A crash between the two leaves them in both workspaces; running the move again
finds them in the target and finishes the erasure in the source.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence

from sqlalchemy import select

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.textnorm import sort_key
from ekocrm_desktop.models.enums import PartyKind
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.models.privacy import ErasureTombstone
from ekocrm_desktop.services.bulk import BulkParty, bulk_insert_parties
from ekocrm_desktop.services.contacts import AffiliationEntry, ContactService, PartyDraft
from ekocrm_desktop.services.privacy import PrivacyService, suppressed_values


@dataclasses.dataclass(frozen=True)
class TransferItem:
    """What happened to one selected person."""

    source_id: uuid.UUID
    display_name: str
    #: "copied", "already_there" (copied before: not duplicated), or "refused".
    outcome: str
    target_id: uuid.UUID | None = None
    #: Why a person was refused: "erased_in_target", "invalid", "not_found".
    reason: str = ""


@dataclasses.dataclass(frozen=True)
class TransferResult:
    """The outcome per person, the organisations created in the target, and what the source lost."""

    items: tuple[TransferItem, ...]
    organisations_created: int
    moved: bool
    removed_from_source: int = 0

    def count(self, outcome: str) -> int:
        """How many people had this outcome."""
        return sum(1 for i in self.items if i.outcome == outcome)


class TransferService:
    """Copies (or moves) people from the `source` workspace's database to the `target`'s."""

    def __init__(self, source: Database, target: Database) -> None:
        self._source = source
        self._target = target
        self._source_contacts = ContactService(source)
        self._target_contacts = ContactService(target)

    def copy(self, party_ids: Sequence[uuid.UUID]) -> TransferResult:
        """Copy people; the source keeps them."""
        return self._transfer(party_ids, move=False)

    def move(self, party_ids: Sequence[uuid.UUID]) -> TransferResult:
        """Copy people, then erase them from the source (administrators only on a team source)."""
        PrivacyService(self._source)._require_erase()  # refuse before writing anything anywhere
        return self._transfer(party_ids, move=True)

    def _transfer(self, party_ids: Sequence[uuid.UUID], *, move: bool) -> TransferResult:
        items: list[TransferItem] = []
        batch: list[BulkParty] = []
        organisations: dict[str, uuid.UUID] = {}  # folded name -> target id (existing or new)
        new_organisations: list[BulkParty] = []
        wanted = list(dict.fromkeys(party_ids))
        with self._target.session() as session:
            present = set(session.scalars(select(Party.id).where(Party.id.in_(wanted))))
            tombs = {
                t.party_id: t.reason
                for t in session.scalars(select(ErasureTombstone).where(ErasureTombstone.party_id.in_(wanted)))
            }
        for party_id in wanted:
            try:
                detail = self._source_contacts.get(party_id)
            except Exception:  # NotFoundError, or out of sight on a team database
                items.append(TransferItem(party_id, "", "refused", reason="not_found"))
                continue
            name = detail.display_name
            if party_id in present:
                items.append(TransferItem(party_id, name, "already_there", party_id))
                continue
            if tombs.get(party_id) in ("gdpr-erase", "retention"):
                items.append(TransferItem(party_id, name, "refused", reason="erased_in_target"))
                continue
            draft = detail.draft
            with self._target.session() as session:
                if suppressed_values(session, [e.address for e in draft.emails], [p.number for p in draft.phones]):
                    items.append(TransferItem(party_id, name, "refused", reason="erased_in_target"))
                    continue
            affiliations = []
            for link in draft.affiliations:
                key = sort_key(link.organisation_name)
                target_org = organisations.get(key) or self._organisation_named(link.organisation_name)
                if target_org is None:
                    target_org = self._new_organisation(link.organisation_id, present, tombs)
                    new_organisations.append(BulkParty(target_org, self._organisation_draft(link.organisation_id)))
                organisations[key] = target_org
                affiliations.append(AffiliationEntry(target_org, link.function, link.organisation_name))
            draft = dataclasses.replace(draft, affiliations=tuple(affiliations), owner_id=None, private=False)
            clean, errors = self._target_contacts.validate(draft)
            if errors:
                items.append(TransferItem(party_id, name, "refused", reason="invalid"))
                continue
            target_id = party_id if party_id not in tombs else uuid7()
            batch.append(BulkParty(target_id, clean))
            items.append(TransferItem(party_id, name, "copied", target_id))
        if batch:
            # One transaction in the target: organisations first (the people point at them).
            bulk_insert_parties(self._target, [*new_organisations, *batch], announce=False)
            self._target.announce(Changes.of("party", [b.id for b in (*new_organisations, *batch)], "tag"))
        removed = 0
        if move:
            done = [i.source_id for i in items if i.outcome in ("copied", "already_there")]
            if done:
                removed = len(PrivacyService(self._source).erase_many(done, reason="moved"))
        return TransferResult(tuple(items), len(new_organisations), move, removed)

    def _organisation_named(self, name: str) -> uuid.UUID | None:
        with self._target.session() as session:
            return session.scalar(
                select(Party.id)
                .where(
                    Party.kind == PartyKind.ORGANISATION.value,
                    Party.deleted_at.is_(None),
                    Party.sort_name == sort_key(name),
                )
                .order_by(Party.created_at, Party.id)
                .limit(1)
            )

    def _new_organisation(
        self, source_id: uuid.UUID, present: set[uuid.UUID], tombs: dict[uuid.UUID, str]
    ) -> uuid.UUID:
        with self._target.session() as session:
            taken = session.get(Party, source_id) is not None or session.get(ErasureTombstone, source_id) is not None
        return uuid7() if taken or source_id in present or source_id in tombs else source_id

    def _organisation_draft(self, organisation_id: uuid.UUID) -> PartyDraft:
        draft = self._source_contacts.get(organisation_id).draft
        clean, _errors = self._target_contacts.validate(dataclasses.replace(draft, owner_id=None, private=False))
        return clean
