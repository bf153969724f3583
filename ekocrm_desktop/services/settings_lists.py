"""The settings lists ("paramétrages") an office edits: roles' states and categories, article
categories, VAT rates, lost-deal reasons, deal sources (rows of `choice_item`), and tags.

Stored rows keep a value's `code`, so renaming a label never touches them. Deleting a value in
use is refused with a count of where it is used, or replaces it everywhere in one transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, insert, literal, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.domains import (
    Article,
    ChoiceItem,
    ChoiceListKey,
    Deal,
    role_category_list,
    role_status_list,
)
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.party import PartyRole, Tag, party_tag
from ekocrm_desktop.services.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ServiceError,
    ValidationFailedError,
    denied,
)

#: party_tag once more: the rows of the tag being merged away, compared with the rows of the tag kept.
_merged_rows = party_tag.alias("merged_rows")

CHOICE = "choice_item"
PARTY = "party"
TAG = "tag"
ARTICLE = "article"
DEAL = "deal"

#: Places a value can be used in, as counted by `usage` (the UI names them).
ROLE_STATUS_USE = "party_role.status"
ROLE_CATEGORY_USE = "party_role.category"
ARTICLE_CATEGORY_USE = "article.category"
ARTICLE_VAT_USE = "article.vat_rate"
DEAL_LOST_REASON_USE = "deal.lost_reason"
DEAL_SOURCE_USE = "deal.source"
TAG_USE = "party_tag"

# The demo generator (services/demo.py) writes these codes into party_role: the defaults use
# exactly them, so existing data matches its settings list.
_PROSPECT_CATEGORIES = ("PME", "TPE", "Grand compte", "Collectivité", "Association")
_MEMBER_CATEGORIES = ("actif", "bienfaiteur", "honoraire", "bureau", "jeune")

Default = tuple[str, str, Decimal | None]


def _plain(*labels: str) -> list[Default]:
    return [(label, label, None) for label in labels]


#: What `ensure_defaults` seeds: list key → (code, label, value) in order. Labels are French
#: (the office's own vocabulary, edited in the settings page like any value they add).
DEFAULTS: dict[str, list[Default]] = {
    role_status_list(RoleKind.PROSPECT.value): [
        ("froid", "Froid", None),
        ("tiède", "Tiède", None),
        ("chaud", "Chaud", None),
        ("perdu", "Perdu", None),
    ],
    role_category_list(RoleKind.PROSPECT.value): _plain(*_PROSPECT_CATEGORIES, "Particulier"),
    role_category_list(RoleKind.CLIENT.value): _plain(*_PROSPECT_CATEGORIES, "Particulier"),
    role_category_list(RoleKind.MEMBER.value): [(code, code.capitalize(), None) for code in _MEMBER_CATEGORIES],
    role_category_list(RoleKind.PARTNER.value): _plain("Institutionnel", "Commercial", "Associatif"),
    role_category_list(RoleKind.SUPPLIER.value): _plain("Matériel", "Services", "Sous-traitant"),
    role_category_list(RoleKind.COMPETITOR.value): _plain("Direct", "Indirect"),
    role_category_list(RoleKind.COLLABORATOR.value): _plain("Salarié", "Bénévole", "Stagiaire"),
    ChoiceListKey.ARTICLE_CATEGORY.value: [
        ("formation", "Formation", None),
        ("conseil", "Conseil", None),
        ("logiciel", "Logiciel", None),
        ("materiel", "Matériel", None),
    ],
    ChoiceListKey.VAT_RATE.value: [
        ("20", "20 %", Decimal("20")),
        ("10", "10 %", Decimal("10")),
        ("5.5", "5,5 %", Decimal("5.5")),
        ("2.1", "2,1 %", Decimal("2.1")),
        ("0", "0 %", Decimal("0")),
    ],
    ChoiceListKey.LOST_REASON.value: [
        ("prix", "Prix trop élevé", None),
        ("concurrent", "Choix d'un concurrent", None),
        ("budget", "Pas de budget", None),
        ("sans_suite", "Projet abandonné", None),
        ("delai", "Délais trop longs", None),
    ],
    ChoiceListKey.DEAL_SOURCE.value: [
        ("salon", "Salon", None),
        ("site_web", "Site web", None),
        ("recommandation", "Recommandation", None),
        ("prospection", "Prospection", None),
        ("client_existant", "Client existant", None),
        ("reseau", "Réseau", None),
    ],
}


def role_lists() -> list[tuple[str, str, str]]:
    """(role, states list key, categories list key) of every role, in the usual order."""
    return [(r.value, role_status_list(r.value), role_category_list(r.value)) for r in RoleKind]


def known_lists() -> list[str]:
    """Every settings list key, in the order the settings page shows them."""
    keys: list[str] = []
    for _role, status_key, category_key in role_lists():
        keys += [status_key, category_key]
    keys += [k.value for k in ChoiceListKey]
    return keys


# ---------------------------------------------------------------------------- DTOs
@dataclasses.dataclass(frozen=True)
class ChoiceInfo:
    """One value of a settings list."""

    id: UUID
    list_key: str
    code: str
    label: str
    position: int
    active: bool
    value: Decimal | None
    version: int


@dataclasses.dataclass(frozen=True)
class TagEntry:
    """A tag of the settings page, with how many parties carry it (trashed ones included)."""

    id: UUID
    name: str
    color: str
    version: int
    count: int


@dataclasses.dataclass(frozen=True)
class Usage:
    """Where a value is used: place (ROLE_STATUS_USE, ...) → number of rows."""

    places: dict[str, int]

    @property
    def total(self) -> int:
        """Rows using the value, all places together."""
        return sum(self.places.values())


class InUseError(ServiceError):
    """A value cannot be deleted: rows still use it (say where, or offer a replacement)."""

    def __init__(self, usage: Usage) -> None:
        super().__init__(f"value in use by {usage.total} row(s): {usage.places}")
        self.usage = usage


# ---------------------------------------------------------------------------- service
class SettingsListService:
    """Values of the settings lists and tags: list, add, rename, reorder, deactivate, delete or replace."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ reads
    def items(self, list_key: str, *, include_inactive: bool = True) -> list[ChoiceInfo]:
        """The values of one list, in order."""
        stmt = select(ChoiceItem).where(ChoiceItem.list_key == list_key, ChoiceItem.deleted_at.is_(None))
        if not include_inactive:
            stmt = stmt.where(ChoiceItem.active.is_(True))
        with self._db.session() as session:
            return [_info(r) for r in session.scalars(stmt.order_by(ChoiceItem.position, ChoiceItem.label))]

    def choices(self, list_key: str) -> list[tuple[str, str]]:
        """(code, label) of a list's active values, for combos."""
        return [(i.code, i.label) for i in self.items(list_key, include_inactive=False)]

    def labels(self, list_key: str) -> dict[str, str]:
        """code → label of every value of a list (inactive ones too: old rows still show them)."""
        return {i.code: i.label for i in self.items(list_key)}

    def usage(self, item_id: UUID) -> Usage:
        """Where a value is used."""
        with self._db.session() as session:
            item = self._load(session, item_id)
            return self._usage(session, item)

    # ------------------------------------------------------------------ writes
    def add(self, list_key: str, label: str, *, value: Decimal | str | None = None) -> ChoiceInfo:
        """A new value at the end of a list; its code is its label as first typed."""
        clean = " ".join(label.split())
        errors = _check_label(clean)
        number = _number(value, errors)
        if list_key == ChoiceListKey.VAT_RATE.value and number is None and not errors:
            errors.append(FieldError("value", "required"))
        if errors:
            raise ValidationFailedError(errors)
        code = clean[:60]
        if number is not None and list_key == ChoiceListKey.VAT_RATE.value:
            code = _number_code(number)
        with self._db.write_session() as session:
            taken = session.execute(
                select(ChoiceItem.code, ChoiceItem.label).where(ChoiceItem.list_key == list_key)
            ).all()
            if any(c.casefold() == code.casefold() or lab.casefold() == clean.casefold() for c, lab in taken):
                raise ValidationFailedError([FieldError("label", "duplicate", clean)])
            last = session.scalar(select(func.max(ChoiceItem.position)).where(ChoiceItem.list_key == list_key))
            item = ChoiceItem(
                list_key=list_key, code=code, label=clean, position=(last or 0) + 1, active=True, value=number
            )
            session.add(item)
            self._commit(session)
            info = _info(item)
        self._db.announce(Changes.of(CHOICE, [info.id]))
        return info

    def rename(self, item_id: UUID, expected_version: int, label: str) -> ChoiceInfo:
        """A new label; the code (what rows store) stays."""
        clean = " ".join(label.split())
        errors = _check_label(clean)
        if errors:
            raise ValidationFailedError(errors)
        with self._db.write_session() as session:
            item = self._locked(session, item_id, expected_version)
            # Compared in Python: SQLite's lower() leaves accented capitals as they are.
            labels = session.execute(
                select(ChoiceItem.id, ChoiceItem.label).where(ChoiceItem.list_key == item.list_key)
            ).all()
            clash = any(i != item.id and lab.casefold() == clean.casefold() for i, lab in labels)
            if clash:
                raise ValidationFailedError([FieldError("label", "duplicate", clean)])
            item.label = clean
            self._commit(session)
            info = _info(item)
        self._db.announce(Changes.of(CHOICE, [item_id]))
        return info

    def set_active(self, item_id: UUID, expected_version: int, active: bool) -> ChoiceInfo:
        """Deactivate a value (no longer offered; rows keep it) or bring it back."""
        with self._db.write_session() as session:
            item = self._locked(session, item_id, expected_version)
            item.active = active
            self._commit(session)
            info = _info(item)
        self._db.announce(Changes.of(CHOICE, [item_id]))
        return info

    def reorder(self, list_key: str, ordered_ids: Sequence[UUID]) -> list[ChoiceInfo]:
        """Put a list's values in this order (values not named keep their order, after them)."""
        with self._db.write_session() as session:
            items = list(
                session.scalars(
                    select(ChoiceItem)
                    .where(ChoiceItem.list_key == list_key)
                    .order_by(ChoiceItem.position, ChoiceItem.label)
                )
            )
            rank = {item_id: i for i, item_id in enumerate(ordered_ids)}
            items.sort(key=lambda it: (rank.get(it.id, len(rank)), it.position))
            for position, item in enumerate(items, start=1):
                if item.position != position:
                    item.position = position
            self._commit(session)
        self._db.announce(Changes.of(CHOICE, [i.id for i in items]))
        return self.items(list_key)

    def move(self, item_id: UUID, delta: int) -> list[ChoiceInfo]:
        """Move a value up (delta < 0) or down in its list."""
        with self._db.session() as session:
            list_key = self._load(session, item_id).list_key
        ids = [i.id for i in self.items(list_key)]
        index = ids.index(item_id)
        target = max(0, min(len(ids) - 1, index + delta))
        ids.insert(target, ids.pop(index))
        return self.reorder(list_key, ids)

    def delete(self, item_id: UUID, expected_version: int, *, replace_with: UUID | None = None) -> int:
        """Delete a value. In use: InUseError with the counts, unless `replace_with` names another
        value of the same list, which then takes its place in every row (one transaction).

        Returns how many rows were changed to the replacement.
        """
        changed_parties: set[UUID] = set()
        with self._db.write_session() as session:
            item = self._locked(session, item_id, expected_version)
            usage = self._usage(session, item)
            replaced = 0
            if usage.total:
                if replace_with is None:
                    raise InUseError(usage)
                other = self._load(session, replace_with)
                if other.list_key != item.list_key or other.id == item.id:
                    raise ValidationFailedError([FieldError("replace_with", "invalid")])
                replaced, changed_parties = self._replace(session, item, other)
            session.delete(item)
            self._commit(session)
        kinds = [CHOICE]
        if changed_parties:
            kinds.append(PARTY)
        if item.list_key in (ChoiceListKey.ARTICLE_CATEGORY.value, ChoiceListKey.VAT_RATE.value) and replaced:
            kinds.append(ARTICLE)
        if item.list_key in (ChoiceListKey.LOST_REASON.value, ChoiceListKey.DEAL_SOURCE.value) and replaced:
            kinds.append(DEAL)
        self._db.announce(Changes(frozenset(kinds), frozenset({item_id, *changed_parties})))
        return replaced

    def ensure_defaults(self) -> int:
        """Seed every list that has no value yet with its defaults (idempotent); returns values added."""
        added = 0
        with self._db.write_session() as session:
            present = set(session.scalars(select(ChoiceItem.list_key).distinct()))
            for list_key, values in DEFAULTS.items():
                if list_key in present:
                    continue
                for position, (code, label, value) in enumerate(values, start=1):
                    session.add(ChoiceItem(list_key=list_key, code=code, label=label, position=position, value=value))
                    added += 1
            if added:
                self._commit(session)
        if added:
            self._db.announce(Changes.of(CHOICE))
        return added

    # ------------------------------------------------------------------ tags
    def tags(self) -> list[TagEntry]:
        """Every tag, alphabetically, with the number of parties carrying it."""
        counts = select(party_tag.c.tag_id, func.count().label("n")).group_by(party_tag.c.tag_id).subquery()
        stmt = (
            select(Tag.id, Tag.name, Tag.color, Tag.version, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.tag_id == Tag.id)
            .where(Tag.deleted_at.is_(None))
            .order_by(func.lower(Tag.name))
        )
        with self._db.session() as session:
            return [TagEntry(r[0], r[1], r[2], r[3], int(r[4])) for r in session.execute(stmt)]

    def add_tag(self, name: str, color: str = "#607d8b") -> TagEntry:
        """A new tag (or a deleted one of that name, brought back)."""
        clean = " ".join(name.split())[:80]
        if not clean:
            raise ValidationFailedError([FieldError("label", "required")])
        with self._db.write_session() as session:
            existing = session.scalars(select(Tag).where(func.lower(Tag.name) == clean.lower())).one_or_none()
            if existing is not None and existing.deleted_at is None:
                raise ValidationFailedError([FieldError("label", "duplicate", clean)])
            tag = existing or Tag(name=clean)
            tag.deleted_at = None
            tag.color = _colour(color)
            session.add(tag)
            self._commit(session)
            entry = TagEntry(tag.id, tag.name, tag.color, tag.version, 0)
        self._db.announce(Changes.of(TAG, [entry.id]))
        return entry

    def update_tag(
        self, tag_id: UUID, expected_version: int, *, name: str | None = None, color: str | None = None
    ) -> TagEntry:
        """Rename a tag or change its colour (the parties carrying it follow: they point at it)."""
        with self._db.write_session() as session:
            tag = self._locked_tag(session, tag_id, expected_version)
            if name is not None:
                clean = " ".join(name.split())[:80]
                if not clean:
                    raise ValidationFailedError([FieldError("label", "required")])
                clash = session.scalar(
                    select(func.count()).select_from(Tag).where(Tag.id != tag_id, func.lower(Tag.name) == clean.lower())
                )
                if clash:
                    raise ValidationFailedError([FieldError("label", "duplicate", clean)])
                tag.name = clean
            if color is not None:
                tag.color = _colour(color)
            self._commit(session)
            count = session.scalar(select(func.count()).select_from(party_tag).where(party_tag.c.tag_id == tag_id))
            entry = TagEntry(tag.id, tag.name, tag.color, tag.version, int(count or 0))
        # Parties show their tags' names: their pages refresh too.
        self._db.announce(Changes.of(TAG, [tag_id], PARTY))
        return entry

    def tag_usage(self, tag_id: UUID) -> Usage:
        """How many parties carry a tag."""
        with self._db.session() as session:
            return self._tag_usage(session, tag_id)

    def delete_tag(self, tag_id: UUID, expected_version: int, *, replace_with: UUID | None = None) -> int:
        """Delete a tag. Carried by parties: InUseError with the count, unless `replace_with` names
        the tag they get instead (one transaction). Returns how many parties were moved."""
        with self._db.write_session() as session:
            tag = self._locked_tag(session, tag_id, expected_version)
            usage = self._tag_usage(session, tag_id)
            moved = 0
            if usage.total:
                if replace_with is None or replace_with == tag_id:
                    raise InUseError(usage)
                other = session.get(Tag, replace_with)
                if other is None or other.deleted_at is not None:
                    raise NotFoundError(f"tag {replace_with} not found")
                moved = int(
                    session.scalar(select(func.count()).select_from(party_tag).where(party_tag.c.tag_id == tag_id)) or 0
                )
                # In SQL, whatever the count: a tag may be on a million contacts (one IN list of
                # them failed over 65,535 on PostgreSQL).
                has_other = (
                    select(party_tag.c.party_id)
                    .where(party_tag.c.tag_id == replace_with, party_tag.c.party_id == _merged_rows.c.party_id)
                    .exists()
                )
                session.execute(
                    insert(party_tag).from_select(
                        ["party_id", "tag_id"],
                        select(_merged_rows.c.party_id, literal(replace_with, party_tag.c.tag_id.type)).where(
                            _merged_rows.c.tag_id == tag_id, ~has_other
                        ),
                    )
                )
                session.execute(delete(party_tag).where(party_tag.c.tag_id == tag_id))
            session.delete(tag)
            self._commit(session)
        self._db.announce(Changes.of(TAG, [tag_id], PARTY))
        return moved

    # ------------------------------------------------------------------ internals
    def _commit(self, session: Session) -> None:
        try:
            session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None

    def _load(self, session: Session, item_id: UUID) -> ChoiceItem:
        item = session.get(ChoiceItem, item_id, populate_existing=True)
        if item is None:
            raise NotFoundError(f"settings value {item_id} not found")
        return item

    def _locked(self, session: Session, item_id: UUID, expected_version: int) -> ChoiceItem:
        item = self._load(session, item_id)
        if item.version != expected_version:
            raise ConflictError(_info(item), expected_version=expected_version)
        return item

    def _locked_tag(self, session: Session, tag_id: UUID, expected_version: int) -> Tag:
        tag = session.get(Tag, tag_id, populate_existing=True)
        if tag is None or tag.deleted_at is not None:
            raise NotFoundError(f"tag {tag_id} not found")
        if tag.version != expected_version:
            raise ConflictError(
                TagEntry(tag.id, tag.name, tag.color, tag.version, 0), expected_version=expected_version
            )
        return tag

    def _tag_usage(self, session: Session, tag_id: UUID) -> Usage:
        count = session.scalar(select(func.count()).select_from(party_tag).where(party_tag.c.tag_id == tag_id))
        return Usage({TAG_USE: int(count or 0)} if count else {})

    def _usage(self, session: Session, item: ChoiceItem) -> Usage:
        places: dict[str, int] = {}
        for place, condition in _uses(item):
            table = condition[0]
            count = int(session.scalar(select(func.count()).select_from(table).where(*condition[1:])) or 0)
            if count:
                places[place] = count
        return Usage(places)

    def _replace(self, session: Session, item: ChoiceItem, other: ChoiceItem) -> tuple[int, set[UUID]]:
        """Every row using `item` gets `other` instead; (rows changed, parties touched)."""
        total = 0
        parties: set[UUID] = set()
        for place, condition in _uses(item):
            table, *where = condition
            column = _COLUMN_OF[place]
            new_value: Any = other.value if place == ARTICLE_VAT_USE else other.code
            if place in (ROLE_STATUS_USE, ROLE_CATEGORY_USE):
                parties.update(session.scalars(select(PartyRole.party_id).where(*where)))
            result = session.execute(
                update(table).where(*where).values({column: new_value}).execution_options(synchronize_session=False)
            )
            total += int(getattr(result, "rowcount", 0) or 0)
        return total, parties


_COLUMN_OF = {
    ROLE_STATUS_USE: "status",
    ROLE_CATEGORY_USE: "category",
    ARTICLE_CATEGORY_USE: "category",
    ARTICLE_VAT_USE: "vat_rate",
    DEAL_LOST_REASON_USE: "lost_reason",
    DEAL_SOURCE_USE: "source",
}


def _uses(item: ChoiceItem) -> list[tuple[str, tuple[Any, ...]]]:
    """(place, (table, *conditions)) of the rows that hold this value."""
    key, code = item.list_key, item.code
    if key.startswith("role_status:"):
        role = key.split(":", 1)[1]
        return [(ROLE_STATUS_USE, (PartyRole, PartyRole.role == role, PartyRole.status == code))]
    if key.startswith("role_category:"):
        role = key.split(":", 1)[1]
        return [(ROLE_CATEGORY_USE, (PartyRole, PartyRole.role == role, PartyRole.category == code))]
    if key == ChoiceListKey.ARTICLE_CATEGORY.value:
        return [(ARTICLE_CATEGORY_USE, (Article, Article.category == code))]
    if key == ChoiceListKey.VAT_RATE.value and item.value is not None:
        # Catalogue articles only: the lines of past quotes keep the rate they were made with.
        return [(ARTICLE_VAT_USE, (Article, Article.vat_rate == item.value))]
    if key == ChoiceListKey.LOST_REASON.value:
        return [(DEAL_LOST_REASON_USE, (Deal, Deal.lost_reason == code))]
    if key == ChoiceListKey.DEAL_SOURCE.value:
        return [(DEAL_SOURCE_USE, (Deal, Deal.source == code))]
    return []


def _info(item: ChoiceItem) -> ChoiceInfo:
    return ChoiceInfo(
        id=item.id,
        list_key=item.list_key,
        code=item.code,
        label=item.label,
        position=item.position,
        active=bool(item.active),
        value=item.value,
        version=item.version,
    )


def _check_label(label: str) -> list[FieldError]:
    if not label:
        return [FieldError("label", "required")]
    if len(label) > 120:
        return [FieldError("label", "too_long", label[:40], {"max": 120})]
    return []


def _number(value: Decimal | str | None, errors: list[FieldError]) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ".").rstrip("%").strip())
    except InvalidOperation:
        errors.append(FieldError("value", "number_invalid", str(value)))
        return None
    if not number.is_finite() or number < 0 or number >= 100:
        errors.append(FieldError("value", "number_invalid", str(value)))
        return None
    return number


def _number_code(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def _colour(color: str) -> str:
    clean = color.strip()
    if len(clean) in (4, 7, 9) and clean.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in clean[1:]):
        return clean.lower()
    raise ValidationFailedError([FieldError("color", "invalid", color)])
