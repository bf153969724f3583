"""Contacts: people and organisations, with their e-mails, phones, addresses, tags, roles
and affiliations. Create, read, update with optimistic locking, trash and restore, and the
paged, searchable, sortable list behind the contacts page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import delete, exists, func, literal_column, or_, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.history import SESSION_FLAG, record_rows, set_change_reason, to_json
from ekocrm_desktop.db.search import search_backend
from ekocrm_desktop.db.textnorm import sort_key, words
from ekocrm_desktop.models.access import SaveReceipt
from ekocrm_desktop.models.enums import ContactLabel, PartyKind, RoleKind
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import (
    Affiliation,
    Party,
    PartyAddress,
    PartyEmail,
    PartyPhone,
    PartyRole,
    Tag,
    party_tag,
)
from ekocrm_desktop.models.privacy import ErasureTombstone
from ekocrm_desktop.services import validation
from ekocrm_desktop.services.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ValidationFailedError,
    denied,
)
from ekocrm_desktop.services.paging import AnySelect, PageRequest, SortKey, WindowQueries, slices

PARTY = "party"
TAG = "tag"


# ---------------------------------------------------------------------------- DTOs
#: Read a million times by an import: the enum's attribute look-up is not free.
_PERSON = PartyKind.PERSON.value


@dataclasses.dataclass(frozen=True)
class EmailEntry:
    """An e-mail address as typed or stored."""

    address: str
    label: str = ContactLabel.WORK.value


@dataclasses.dataclass(frozen=True)
class PhoneEntry:
    """A phone number: as typed in a draft, E.164 once stored."""

    number: str
    label: str = ContactLabel.MOBILE.value


@dataclasses.dataclass(frozen=True)
class AddressEntry:
    """A postal address."""

    street: str = ""
    street2: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "FR"
    label: str = ContactLabel.WORK.value

    def is_empty(self) -> bool:
        """Whether nothing was typed in it."""
        return not (self.street or self.street2 or self.postcode or self.city)


@dataclasses.dataclass(frozen=True)
class RoleEntry:
    """A dated role: prospect, client, member, ..."""

    role: str
    since: dt.date
    until: dt.date | None = None
    status: str = ""
    category: str = ""
    note: str = ""

    def is_current(self, today: dt.date) -> bool:
        """Whether the role holds on `today`."""
        return self.since <= today and (self.until is None or self.until >= today)


@dataclasses.dataclass(frozen=True)
class AffiliationEntry:
    """A person's link to an organisation (the name is filled when read)."""

    organisation_id: UUID
    function: str = ""
    organisation_name: str = ""


@dataclasses.dataclass(frozen=True)
class PartyDraft:
    """Everything the form edits about a party. The first e-mail, phone and address are the main ones."""

    kind: str = PartyKind.PERSON.value
    civility: str = ""
    first_name: str = ""
    last_name: str = ""
    #: The organisation's name (organisations only).
    name: str = ""
    job_title: str = ""
    birth_date: dt.date | None = None
    website: str = ""
    registration_number: str = ""
    notes: str = ""
    emails: tuple[EmailEntry, ...] = ()
    phones: tuple[PhoneEntry, ...] = ()
    addresses: tuple[AddressEntry, ...] = ()
    tags: tuple[str, ...] = ()
    roles: tuple[RoleEntry, ...] = ()
    affiliations: tuple[AffiliationEntry, ...] = ()
    #: The collaborator (a party) who looks after this record; on a team database, "own"
    #: scope and private records are decided by it.
    owner_id: UUID | None = None
    #: Only the owner sees a private record (shared databases).
    private: bool = False

    @property
    def is_person(self) -> bool:
        """Whether this is a person (else an organisation)."""
        return self.kind == _PERSON


@dataclasses.dataclass(frozen=True)
class PartyDetail:
    """A stored party: its editable content plus identity, version and audit data."""

    id: UUID
    version: int
    display_name: str
    draft: PartyDraft
    created_at: dt.datetime
    updated_at: dt.datetime
    created_by: str | None
    updated_by: str | None
    deleted_at: dt.datetime | None

    @property
    def kind(self) -> str:
        """ "person" or "organisation"."""
        return self.draft.kind


@dataclasses.dataclass(slots=True, unsafe_hash=True)
class PartyRow:
    """One line of the contacts table (never changed once built).

    Not `frozen`: a frozen dataclass sets each field through `object.__setattr__`, and building
    a page's 200 rows cost 0.6 ms, a quarter of a PostgreSQL page; hashed by value as if frozen.
    """

    id: UUID
    kind: str
    display_name: str
    organisation_name: str
    email: str
    phone: str
    city: str
    postcode: str
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
    sort_key: SortKey
    tags: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class PartyQuery:
    """Filters of the contacts list."""

    text: str = ""
    kind: str | None = None
    role: str | None = None
    tag: str | None = None
    city: str = ""
    trash: bool = False


@dataclasses.dataclass(frozen=True)
class TagInfo:
    """A tag and how many live parties carry it."""

    id: UUID
    name: str
    color: str
    count: int


@dataclasses.dataclass(frozen=True)
class OrganisationChoice:
    """An organisation offered in a picker."""

    id: UUID
    name: str
    city: str


#: Sortable columns of the list: key → Party column (all NOT NULL, so keysets never meet NULL).
SORT_COLUMNS: dict[str, Any] = {
    "name": Party.sort_name,
    "kind": Party.kind,
    "organisation": Party.organisation_key,
    "email": Party.primary_email,
    "phone": Party.primary_phone,
    "city": Party.city_key,
    "postcode": Party.postcode,
    "updated": Party.updated_at,
}

ROLE_ORDER = tuple(r.value for r in RoleKind)
ROLE_RANK = {role: rank for rank, role in enumerate(ROLE_ORDER)}
ROLE_VALUES = frozenset(ROLE_ORDER)
#: Joins tags or roles in one column of a list row (a character no name contains).
LIST_SEPARATOR = "\x1f"
#: Between the fields of a role span in `party.list_roles` (PostgreSQL, migration 0025).
SPAN_FIELD_SEPARATOR = "\x1e"
KIND_VALUES = frozenset(k.value for k in PartyKind)


# ---------------------------------------------------------------------------- service
def list_row_select(sort_column: Any, today: dt.date, *, summaries: bool = False) -> AnySelect:
    """The columns of a contacts-list row, as `list_rows` reads them (without FROM filters).

    Tags and current roles come with each row (correlated sub-queries, evaluated for the
    window's rows only): one round trip per page. By name, the party columns come from
    `ix_party_live_list` and the roles from their covering index, not from the tables.
    `summaries` (PostgreSQL): read them from the party row's trigger-kept `list_tags` and
    `list_roles` (migration 0025) instead, in the name index too; the roles are then spans,
    which `list_rows(..., roles_on=today)` narrows to the day's.
    """
    tags: Any
    roles: Any
    if summaries:
        tags, roles = literal_column("party.list_tags"), literal_column("party.list_roles")
    else:
        tags = (
            select(func.aggregate_strings(Tag.name, LIST_SEPARATOR))
            .select_from(party_tag.join(Tag, Tag.id == party_tag.c.tag_id))
            .where(party_tag.c.party_id == Party.id)
            .scalar_subquery()
        )
        roles = (
            select(func.aggregate_strings(PartyRole.role, LIST_SEPARATOR))
            .where(
                PartyRole.party_id == Party.id,
                PartyRole.since <= today,
                or_(PartyRole.until.is_(None), PartyRole.until >= today),
            )
            .scalar_subquery()
        )
    return select(
        Party.id,
        Party.kind,
        Party.display_name,
        Party.organisation_name,
        Party.primary_email,
        Party.primary_phone,
        Party.city,
        Party.postcode,
        Party.updated_at,
        Party.deleted_at,
        sort_column.label("sort_value"),
        tags.label("tags"),
        roles.label("roles"),
    )


def role_span(role: str, since: dt.date | None, until: dt.date | None) -> str:
    """One role span of `party.list_roles`, as migration 0025's trigger writes it."""
    return SPAN_FIELD_SEPARATOR.join((role, since.isoformat() if since else "", until.isoformat() if until else ""))


def current_roles(spans: str, day: str) -> list[str]:
    """The roles of `list_roles` spans ("role<RS>since<RS>until", ISO dates) that hold on `day` (ISO)."""
    held = []
    for span in spans.split(LIST_SEPARATOR):
        role, since, until = span.split(SPAN_FIELD_SEPARATOR)
        if since and since <= day and (not until or until >= day):
            held.append(role)
    return held


def list_rows(rows: Iterable[Any], *, roles_on: dt.date | None = None) -> list[PartyRow]:
    """`PartyRow`s from rows of `list_row_select`.

    Rows are unpacked as tuples, in `list_row_select`'s column order: a row's attribute
    look-ups cost as much as the query on a warm page of 200. `roles_on`: the rows carry role
    spans (`summaries`), of which the roles held that day are kept.
    """
    result = []
    day = roles_on.isoformat() if roles_on is not None else ""
    for values in rows:
        party_id, kind, name, organisation, email, phone, city, postcode, updated, deleted, value, tags, roles = values
        held = (current_roles(roles, day) if day else roles.split(LIST_SEPARATOR)) if roles else ()
        result.append(
            PartyRow(
                party_id,
                kind,
                name,
                organisation or "",
                email,
                phone,
                city or "",
                postcode,
                updated,
                deleted,
                (value, party_id),
                tuple(sorted(set(tags.split(LIST_SEPARATOR)), key=str.casefold)) if tags else (),
                tuple(sorted(ROLE_RANK.keys() & set(held), key=ROLE_RANK.__getitem__)),
            )
        )
    return result


class ContactService:
    """Use cases on parties."""

    def __init__(
        self,
        db: Database,
        *,
        phone_region: str = validation.DEFAULT_REGION,
        default_owner_id: UUID | None = None,
    ) -> None:
        self._db = db
        self._region = phone_region
        #: Owner given to new records that name none (the connected collaborator, on a team database).
        self._default_owner_id = default_owner_id
        self._search = search_backend(db.dialect)
        self._row_security: bool | None = None
        self._page_statements: dict[tuple[PartyQuery, str, dt.date, bool], WindowQueries] = {}

    # ------------------------------------------------------------------ validation
    def validate(self, draft: PartyDraft) -> tuple[PartyDraft, list[FieldError]]:
        """The draft with every value normalised, and the list of invalid fields."""
        errors: list[FieldError] = []

        def text(field: str, value: str, limit: int) -> str:
            value = " ".join(value.split()) if field != "notes" else value.strip()
            if len(value) > limit:
                errors.append(FieldError(field, "too_long", value[:40], {"max": limit}))
            return value

        if draft.kind not in KIND_VALUES:
            errors.append(FieldError("kind", "required"))
        first_name = text("first_name", draft.first_name, 120)
        last_name = text("last_name", draft.last_name, 120)
        name = text("name", draft.name, 250)
        if draft.is_person and not (first_name or last_name):
            errors.append(FieldError("last_name", "required"))
        if not draft.is_person and not name:
            errors.append(FieldError("name", "required"))

        emails: list[EmailEntry] = []
        for i, entry in enumerate(draft.emails):
            if not entry.address.strip():
                continue
            try:
                emails.append(EmailEntry(validation.normalize_email(entry.address), entry.label))
            except validation.InvalidValueError as exc:
                errors.append(FieldError(f"emails.{i}", "email_invalid", entry.address, {"reason": exc.reason}))

        phones: list[PhoneEntry] = []
        for i, phone in enumerate(draft.phones):
            if not phone.number.strip():
                continue
            try:
                phones.append(PhoneEntry(validation.normalize_phone(phone.number, self._region), phone.label))
            except validation.InvalidValueError:
                errors.append(FieldError(f"phones.{i}", "phone_invalid", phone.number))

        addresses: list[AddressEntry] = []
        for i, address in enumerate(draft.addresses):
            if address.is_empty():
                continue
            country = (address.country or "FR").strip().upper()[:2]
            try:
                postcode = validation.normalize_postcode(address.postcode, country)
            except validation.InvalidValueError:
                errors.append(FieldError(f"addresses.{i}.postcode", "postcode_invalid", address.postcode))
                postcode = address.postcode
            addresses.append(
                AddressEntry(
                    street=" ".join(address.street.split()),
                    street2=" ".join(address.street2.split()),
                    postcode=postcode,
                    city=" ".join(address.city.split()),
                    country=country,
                    label=address.label,
                )
            )

        roles: list[RoleEntry] = []
        for i, role in enumerate(draft.roles):
            if role.role not in ROLE_VALUES:
                errors.append(FieldError(f"roles.{i}", "required"))
                continue
            if role.until is not None and role.until < role.since:
                errors.append(FieldError(f"roles.{i}", "role_dates"))
            roles.append(role)

        tags: list[str] = []
        seen: set[str] = set()
        for tag in draft.tags:
            clean = " ".join(tag.split())[:80]
            if clean and clean.casefold() not in seen:
                seen.add(clean.casefold())
                tags.append(clean)

        affiliations = [a for a in draft.affiliations if draft.is_person]
        if draft.private and draft.owner_id is None:
            errors.append(FieldError("private", "private_needs_owner"))

        normalized = dataclasses.replace(
            draft,
            civility=text("civility", draft.civility, 20),
            first_name=first_name if draft.is_person else "",
            last_name=last_name if draft.is_person else "",
            name=name if not draft.is_person else "",
            job_title=text("job_title", draft.job_title, 120),
            website=text("website", draft.website, 250),
            registration_number=text("registration_number", draft.registration_number, 40),
            notes=draft.notes.strip(),
            emails=tuple(emails),
            phones=tuple(phones),
            addresses=tuple(addresses),
            tags=tuple(tags),
            roles=tuple(roles),
            affiliations=tuple(affiliations),
        )
        return normalized, errors

    def _validated(self, draft: PartyDraft) -> PartyDraft:
        normalized, errors = self.validate(draft)
        if errors:
            raise ValidationFailedError(errors)
        return normalized

    # ------------------------------------------------------------------ writes
    def create(self, draft: PartyDraft, *, party_id: UUID | None = None) -> PartyDetail:
        """Create a party; ValidationFailedError if the draft is invalid.

        `party_id` (chosen by the caller in advance) makes the save idempotent: when a
        connection was lost after the server committed, saving again returns the record
        instead of creating it twice.
        """
        if draft.owner_id is None and self._default_owner_id is not None:
            draft = dataclasses.replace(draft, owner_id=self._default_owner_id)
        clean = self._validated(draft)
        try:
            with self._db.write_session() as session:
                if party_id is not None and session.get(Party, party_id) is not None:
                    return self._detail(session, self._load(session, party_id))
                if party_id is not None and session.get(ErasureTombstone, party_id) is not None:
                    # An erased person never comes back under their old id (issue 8, GDPR).
                    raise ValidationFailedError([FieldError("id", "erased")])
                party = Party(kind=clean.kind) if party_id is None else Party(id=party_id, kind=clean.kind)
                session.add(party)
                self._apply(session, party, clean)
                session.flush()
                detail = self._detail(session, party)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(_changes_for([detail.id], [clean]))
        return detail

    def create_many(self, drafts: Sequence[PartyDraft]) -> list[UUID]:
        """Create many parties in one transaction (imports, demo data); all or nothing."""
        cleaned: list[PartyDraft] = []
        if self._default_owner_id is not None:
            drafts = [d if d.owner_id else dataclasses.replace(d, owner_id=self._default_owner_id) for d in drafts]
        for index, draft in enumerate(drafts):
            normalized, errors = self.validate(draft)
            if errors:
                raise ValidationFailedError([dataclasses.replace(e, field=f"{index}.{e.field}") for e in errors])
            cleaned.append(normalized)
        # The same rows as `create` writes, without the ORM's per-object cost (perf anchors §1).
        from ekocrm_desktop.services.bulk import BulkParty, bulk_insert_parties

        batch = [BulkParty(uuid7(), draft) for draft in cleaned]
        known = {b.id for b in batch if not b.draft.is_person}
        wanted = {a.organisation_id for d in cleaned for a in d.affiliations} - known
        if wanted:
            with self._db.session() as session:
                found = self._organisation_names(session, wanted)
            missing = [
                FieldError(f"{i}.affiliations.{j}", "organisation_missing")
                for i, d in enumerate(cleaned)
                for j, a in enumerate(d.affiliations)
                if a.organisation_id in wanted and a.organisation_id not in found
            ]
            if missing:
                raise ValidationFailedError(missing)
        bulk_insert_parties(self._db, batch, announce=False)
        ids = [b.id for b in batch]
        self._db.announce(_changes_for(ids, cleaned))
        return ids

    def update(
        self,
        party_id: UUID,
        expected_version: int,
        draft: PartyDraft,
        *,
        save_token: UUID | None = None,
        reason: str | None = None,
    ) -> PartyDetail:
        """Save a party loaded at `expected_version`.

        Raises ConflictError (with the current record) when someone saved it in between:
        nothing is overwritten silently (ARCHITECTURE §3, issue 2 point 5).
        `save_token` (chosen by the caller for this save) makes a retried save idempotent:
        if the server already committed it, the record is returned as it is, not saved twice.
        `reason` goes to the change history ("revert:<tx>").
        """
        clean = self._validated(draft)
        try:
            with self._db.write_session() as session:
                if save_token is not None and session.get(SaveReceipt, save_token) is not None:
                    return self._detail(session, self._load(session, party_id))
                if reason is not None:
                    set_change_reason(session, reason)
                party = self._load(session, party_id)
                if party.version != expected_version:
                    raise ConflictError(self._detail(session, party), expected_version=expected_version)
                renamed = party.kind == PartyKind.ORGANISATION.value and party.display_name != clean.name
                self._apply(session, party, clean)
                # The version must move even when only child rows changed.
                party.updated_at = self._db.clock()
                session.flush()
                if renamed:
                    self._refresh_affiliates(session, party.id)
                detail = self._detail(session, party)
                if save_token is not None:
                    # The server names the login itself (its policy only accepts one's own receipts).
                    actor: Any = self._db.actor if self._db.is_sqlite else literal_column("current_user")
                    session.add(SaveReceipt(token=save_token, record_id=party_id, version=party.version, actor=actor))
                session.commit()
        except StaleDataError:
            # Another writer committed between our read and our UPDATE (shared database).
            current = self.get(party_id)
            raise ConflictError(current, expected_version=expected_version) from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(_changes_for([party_id], [clean]))
        return detail

    def delete(self, party_ids: Iterable[UUID]) -> int:
        """Move parties to the trash; returns how many were moved."""
        ids = list(party_ids)
        moved = self._set_deleted(ids, self._db.clock())
        self._db.announce(Changes.of(PARTY, ids))
        return moved

    def restore(self, party_ids: Iterable[UUID]) -> int:
        """Bring parties back from the trash; returns how many were restored."""
        ids = list(party_ids)
        restored = self._set_deleted(ids, None)
        self._db.announce(Changes.of(PARTY, ids))
        return restored

    def _set_deleted(self, ids: list[UUID], deleted_at: dt.datetime | None) -> int:
        """Trash the live parties of `ids` (a time) or restore the trashed ones (None), a slice at a time.

        One UPDATE a slice, bumping the version and the audit columns as a save does, with the
        history the ORM would record (PostgreSQL's triggers record it themselves). Through the
        ORM, each party was loaded, updated by its own statement and recorded on its own:
        10,000 contacts took 4 to 5 s on the window's thread.
        """
        now = self._db.clock()
        was = Party.deleted_at.is_(None) if deleted_at is not None else Party.deleted_at.is_not(None)
        changed = 0
        try:
            with self._db.write_session() as session:
                recording = session.info.get(SESSION_FLAG) and self._db.is_sqlite
                for part in slices(ids):
                    # Read under the write lock (SQLite): the history says what each party had before.
                    before = (
                        dict(session.execute(select(Party.id, Party.deleted_at).where(Party.id.in_(part), was)).all())
                        if recording
                        else {}
                    )
                    done = session.execute(
                        update(Party)
                        .where(Party.id.in_(part), was)
                        .values(
                            deleted_at=deleted_at, version=Party.version + 1, updated_at=now, updated_by=self._db.actor
                        )
                        .returning(Party.id)
                        .execution_options(synchronize_session=False)
                    )
                    moved = [row[0] for row in done]
                    changed += len(moved)
                    if recording:
                        record_rows(
                            session,
                            [
                                {
                                    "table_name": "party",
                                    "record_id": party_id,
                                    "root_table": "party",
                                    "root_id": party_id,
                                    "operation": "U",
                                    "changes": {"deleted_at": [to_json(before[party_id]), to_json(deleted_at)]},
                                }
                                for party_id in moved
                            ],
                        )
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        return changed

    def purge(self, party_ids: Iterable[UUID]) -> int:
        """Delete for good parties that are in the trash (the others are left alone)."""
        ids = list(party_ids)
        try:
            purged = 0
            with self._db.write_session() as session:
                for part in slices(ids):
                    result = session.execute(
                        delete(Party)
                        .where(Party.id.in_(part), Party.deleted_at.is_not(None))
                        .execution_options(synchronize_session=False)
                    )
                    purged += int(getattr(result, "rowcount", 0) or 0)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(PARTY, ids))
        return purged

    # ------------------------------------------------------------------ reads
    def get(self, party_id: UUID) -> PartyDetail:
        """One party, trashed or not; NotFoundError if it does not exist."""
        with self._db.session() as session:
            return self._detail(session, self._load(session, party_id))

    def count(self, query: PartyQuery) -> int:
        """How many parties the list shows for `query`."""
        with self._db.session() as session:
            self._prepare_search(session)
            if query.text.strip() and not query.trash and query == PartyQuery(text=query.text):
                # Only typed text: the search index counts its matches without touching the table.
                fast = self._search.count_live_matches(session, query.text)
                if fast is not None:
                    return fast
            stmt = self._filtered(select(func.count()).select_from(Party), query)
            return int(session.execute(stmt).scalar_one())

    def page(self, query: PartyQuery, sort: str, descending: bool, request: PageRequest) -> list[PartyRow]:
        """One window of the list, in display order."""
        today = self._db.clock().date()
        with self._db.session() as session:
            if not self._db.is_sqlite and not query.text.strip():
                # One statement reads the page, consistent by itself: in autocommit it goes
                # without the BEGIN and ROLLBACK round trips (two of four on a warm pool).
                session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            self._prepare_search(session)
            walk = bool(query.text.strip()) and not query.trash and self._search.prefers_walk(session, query.text)
            if walk:
                self._search.before_walk(session)
            windows = self._page_windows(query, sort, today, walk)
            # Executed as Core on the session's connection: the ORM's row loading adds nothing
            # to rows of plain columns and cost a fifth of a warm page.
            rows = windows.fetch(session.connection(), descending, request)
        return list_rows(rows, roles_on=None if self._db.is_sqlite else today)

    def _page_windows(self, query: PartyQuery, sort: str, today: dt.date, walk: bool) -> WindowQueries:
        """The list's SELECT for a filter, with its window clauses (built once: scrolling reuses them)."""
        key = (query, sort, today, walk)
        cached = self._page_statements.get(key)
        if cached is not None:
            return cached
        sort_column = SORT_COLUMNS.get(sort, Party.sort_name)
        windows = WindowQueries(
            self._filtered(list_row_select(sort_column, today, summaries=not self._db.is_sqlite), query, walk=walk),
            sort_column,
            Party.id,
        )
        if len(self._page_statements) >= 32:
            self._page_statements.pop(next(iter(self._page_statements)))
        self._page_statements[key] = windows
        return windows

    def find_organisations(self, text: str, limit: int = 20) -> list[OrganisationChoice]:
        """Organisations matching typed text, for pickers."""
        stmt = select(Party.id, Party.display_name, Party.city).where(
            Party.kind == PartyKind.ORGANISATION.value, Party.deleted_at.is_(None)
        )
        with self._db.session() as session:
            self._prepare_search(session)
            stmt = self._search.restrict(stmt, text)
            rows = session.execute(stmt.order_by(Party.sort_name, Party.id).limit(limit)).all()
        return [OrganisationChoice(r.id, r.display_name, r.city or "") for r in rows]

    def tags(self) -> list[TagInfo]:
        """Every tag with the number of live parties carrying it."""
        counts = (
            select(party_tag.c.tag_id, func.count().label("n"))
            .join(Party, Party.id == party_tag.c.party_id)
            .where(Party.deleted_at.is_(None))
            .group_by(party_tag.c.tag_id)
            .subquery()
        )
        stmt = (
            select(Tag.id, Tag.name, Tag.color, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.tag_id == Tag.id)
            .where(Tag.deleted_at.is_(None))
            .order_by(Tag.name)
        )
        with self._db.session() as session:
            return [TagInfo(r[0], r[1], r[2], int(r[3])) for r in session.execute(stmt)]

    def tag_names(self) -> list[str]:
        """Names of every tag, alphabetically (cheap: for filters and completers)."""
        with self._db.session() as session:
            return list(session.scalars(select(Tag.name).where(Tag.deleted_at.is_(None)).order_by(Tag.name)))

    def cities(self, prefix: str = "", limit: int = 30) -> list[str]:
        """City names starting with `prefix` (accents and case ignored), for the city filter."""
        key = sort_key(prefix)
        stmt = (
            select(Party.city_key, func.min(Party.city))
            .where(Party.deleted_at.is_(None), Party.city_key != "")
            .group_by(Party.city_key)
            .order_by(Party.city_key)
            .limit(limit)
        )
        if key:
            stmt = stmt.where(Party.city_key.startswith(key, autoescape=True))
        with self._db.session() as session:
            return [str(r[1]) for r in session.execute(stmt)]

    def display_phone(self, e164: str) -> str:
        """A stored number as the user reads it (national format at home)."""
        return validation.format_phone(e164, self._region)

    # ------------------------------------------------------------------ internals
    def _prepare_search(self, session: Session) -> None:
        """Once: does row-level security apply to this login (then search goes through it)?"""
        if self._row_security is None:
            self._row_security = self._search.detect_row_security(session)

    def _filtered(self, stmt: AnySelect, query: PartyQuery, *, walk: bool = False) -> AnySelect:
        if query.trash:
            stmt = stmt.where(Party.deleted_at.is_not(None))
        else:
            stmt = stmt.where(Party.deleted_at.is_(None))
        if query.kind:
            stmt = stmt.where(Party.kind == query.kind)
        if query.role:
            today = self._db.clock().date()
            stmt = stmt.where(
                exists().where(
                    PartyRole.party_id == Party.id,
                    PartyRole.role == query.role,
                    PartyRole.since <= today,
                    or_(PartyRole.until.is_(None), PartyRole.until >= today),
                )
            )
        if query.tag:
            stmt = stmt.where(
                exists().where(
                    party_tag.c.party_id == Party.id,
                    party_tag.c.tag_id == Tag.id,
                    func.lower(Tag.name) == query.tag.lower(),
                )
            )
        if query.city.strip():
            stmt = stmt.where(Party.city_key == sort_key(query.city))
        return self._search.restrict(stmt, query.text, trash=query.trash, walk=walk)

    def _load(self, session: Session, party_id: UUID) -> Party:
        party = session.scalars(
            select(Party)
            .where(Party.id == party_id)
            .options(
                selectinload(Party.emails),
                selectinload(Party.phones),
                selectinload(Party.addresses),
                selectinload(Party.roles),
                selectinload(Party.tags),
                selectinload(Party.affiliations).selectinload(Affiliation.organisation),
            )
            .execution_options(populate_existing=True)
        ).one_or_none()
        if party is None:
            raise NotFoundError(f"party {party_id} not found")
        return party

    def _organisation_names(self, session: Session, ids: set[UUID]) -> dict[UUID, str]:
        if not ids:
            return {}
        rows = session.execute(
            select(Party.id, Party.display_name).where(Party.id.in_(ids), Party.kind == PartyKind.ORGANISATION.value)
        )
        return {r[0]: r[1] for r in rows}

    def _apply(
        self,
        session: Session,
        party: Party,
        draft: PartyDraft,
        *,
        tag_cache: dict[str, Tag] | None = None,
        org_names: dict[UUID, str] | None = None,
    ) -> None:
        """Write a validated draft onto `party`, children and denormalised columns included."""
        # No autoflush: the look-ups below would insert the half-filled party, then update it.
        with session.no_autoflush:
            self._apply_unflushed(session, party, draft, tag_cache=tag_cache, org_names=org_names)

    def _apply_unflushed(
        self,
        session: Session,
        party: Party,
        draft: PartyDraft,
        *,
        tag_cache: dict[str, Tag] | None,
        org_names: dict[UUID, str] | None,
    ) -> None:
        # Child rows are rewritten only when their list changed: a save of one field then
        # writes one row (and records one change), not every e-mail, phone and address again.
        if [(e.address, e.label) for e in party.emails] != [(e.address, e.label) for e in draft.emails]:
            party.emails = [
                PartyEmail(address=e.address, label=e.label, is_primary=i == 0, position=i)
                for i, e in enumerate(draft.emails)
            ]
        if [(p.number, p.label) for p in party.phones] != [(p.number, p.label) for p in draft.phones]:
            party.phones = [
                PartyPhone(number=p.number, label=p.label, is_primary=i == 0, position=i)
                for i, p in enumerate(draft.phones)
            ]
        if [AddressEntry(a.street, a.street2, a.postcode, a.city, a.country, a.label) for a in party.addresses] != list(
            draft.addresses
        ):
            party.addresses = [
                PartyAddress(
                    label=a.label,
                    street=a.street,
                    street2=a.street2,
                    postcode=a.postcode,
                    city=a.city,
                    country=a.country,
                    is_primary=i == 0,
                    position=i,
                )
                for i, a in enumerate(draft.addresses)
            ]
        current_roles = [RoleEntry(r.role, r.since, r.until, r.status, r.category, r.note) for r in party.roles]
        if sorted(current_roles, key=_role_order) != sorted(draft.roles, key=_role_order):
            party.roles = [
                PartyRole(role=r.role, since=r.since, until=r.until, status=r.status, category=r.category, note=r.note)
                for r in draft.roles
            ]
        if sorted(t.name.casefold() for t in party.tags) != sorted(t.casefold() for t in draft.tags) or any(
            t.deleted_at is not None for t in party.tags
        ):
            party.tags = self._tags_for(session, draft.tags, tag_cache)

        names = (
            org_names
            if org_names is not None
            else self._organisation_names(session, {a.organisation_id for a in draft.affiliations})
        )
        affiliations: list[Affiliation] = []
        errors: list[FieldError] = []
        for i, link in enumerate(draft.affiliations):
            if link.organisation_id == party.id:
                errors.append(FieldError(f"affiliations.{i}", "self_affiliation"))
            elif link.organisation_id not in names:
                errors.append(FieldError(f"affiliations.{i}", "organisation_missing"))
            else:
                affiliations.append(
                    Affiliation(
                        organisation_id=link.organisation_id,
                        function=link.function,
                        is_primary=i == 0,
                        position=i,
                    )
                )
        if errors:
            raise ValidationFailedError(errors)
        current_links = [(a.organisation_id, a.function) for a in party.affiliations]
        if current_links != [(a.organisation_id, a.function) for a in affiliations]:
            party.affiliations = affiliations
        for column, value in party_columns(draft, [names[a.organisation_id] for a in draft.affiliations]).items():
            setattr(party, column, value)

    def _tags_for(self, session: Session, names: Sequence[str], cache: dict[str, Tag] | None) -> list[Tag]:
        if not names:
            return []
        cache = cache if cache is not None else {}
        wanted = [n for n in names if n.casefold() not in cache]
        if wanted:
            found = session.scalars(select(Tag).where(func.lower(Tag.name).in_([n.lower() for n in wanted])))
            for existing in found:
                cache[existing.name.casefold()] = existing
        result: list[Tag] = []
        for name in names:
            tag = cache.get(name.casefold()) or Tag(name=name)
            if name.casefold() not in cache:
                session.add(tag)
                cache[name.casefold()] = tag
            if tag.deleted_at is not None:
                tag.deleted_at = None
            result.append(tag)
        return result

    def _refresh_affiliates(self, session: Session, organisation_id: UUID) -> None:
        """After an organisation is renamed, refresh its people's organisation column and search words.

        A Core UPDATE, not an ORM change: the people themselves did not change, so their
        version must not move (an open form on one of them must still save).
        """
        people = (
            session.scalars(
                select(Party)
                .join(Affiliation, Affiliation.person_id == Party.id)
                .where(Affiliation.organisation_id == organisation_id)
                .options(
                    selectinload(Party.emails),
                    selectinload(Party.phones),
                    selectinload(Party.addresses),
                    selectinload(Party.affiliations).selectinload(Affiliation.organisation),
                )
            )
            .unique()
            .all()
        )
        for person in people:
            columns = party_columns(_draft_of(person), [a.organisation.display_name for a in person.affiliations])
            session.execute(
                update(Party)
                .where(Party.id == person.id)
                .values({k: columns[k] for k in ("organisation_name", "organisation_key", "search_doc")})
                .execution_options(synchronize_session=False)
            )

    def _detail(self, session: Session, party: Party) -> PartyDetail:
        return PartyDetail(
            id=party.id,
            version=party.version,
            display_name=party.display_name,
            draft=_draft_of(party),
            created_at=party.created_at,
            updated_at=party.updated_at,
            created_by=party.created_by,
            updated_by=party.updated_by,
            deleted_at=party.deleted_at,
        )


def _role_order(role: RoleEntry) -> tuple[Any, ...]:
    return (role.since, role.role, role.until or dt.date.max, role.status, role.category, role.note)


def _changes_for(ids: Sequence[UUID], drafts: Sequence[PartyDraft]) -> Changes:
    """Parties changed; tags too when a draft carries tags (they may have been created)."""
    if any(d.tags for d in drafts):
        return Changes.of(PARTY, ids, TAG)
    return Changes.of(PARTY, ids)


def party_columns(draft: PartyDraft, organisation_names: Sequence[str]) -> dict[str, Any]:
    """Values of the party row for a validated draft, denormalised list columns included.

    Shared by the service (one record at a time) and the bulk loader (imports, demo data),
    so both write exactly the same search words and sort keys.
    """
    if draft.is_person:
        display_name = " ".join(p for p in (draft.first_name, draft.last_name) if p)
        sort_name = sort_key(f"{draft.last_name} {draft.first_name}")
    else:
        display_name = draft.name
        sort_name = sort_key(draft.name)
    organisation = organisation_names[0] if organisation_names else None
    first_address = draft.addresses[0] if draft.addresses else None
    city = first_address.city if first_address and first_address.city else None
    return {
        "kind": draft.kind,
        "civility": draft.civility or None,
        "first_name": draft.first_name or None,
        "last_name": draft.last_name or None,
        "display_name": display_name,
        "job_title": draft.job_title or None,
        "birth_date": draft.birth_date,
        "website": draft.website or None,
        "registration_number": draft.registration_number or None,
        "notes": draft.notes or None,
        "sort_name": sort_name,
        "organisation_name": organisation,
        "organisation_key": sort_key(organisation),
        "primary_email": draft.emails[0].address.casefold() if draft.emails else "",
        "primary_phone": draft.phones[0].number if draft.phones else "",
        "city": city,
        "city_key": sort_key(city),
        "postcode": first_address.postcode if first_address else "",
        "search_doc": search_document(draft, organisation_names),
        "owner_id": draft.owner_id,
        "private": draft.private,
    }


def search_document(draft: PartyDraft, organisation_names: Sequence[str]) -> str:
    """The words search matches on: names, organisations, e-mails, phones, cities, postcodes."""
    parts: list[str] = [draft.first_name, draft.last_name, draft.name, *organisation_names]
    for email in draft.emails:
        parts.append(email.address)
    for address in draft.addresses:
        parts.extend((address.city, address.postcode))
    doc = words(" ".join(parts))
    for phone in draft.phones:
        doc.extend(validation.phone_search_words(phone.number))
    # Keep the order, drop repeats: a shorter index, the same matches.
    return " ".join(dict.fromkeys(doc))


def _draft_of(party: Party) -> PartyDraft:
    """The editable content of a loaded party."""
    return PartyDraft(
        kind=party.kind,
        civility=party.civility or "",
        first_name=party.first_name or "",
        last_name=party.last_name or "",
        name=party.display_name if party.kind == PartyKind.ORGANISATION.value else "",
        job_title=party.job_title or "",
        birth_date=party.birth_date,
        website=party.website or "",
        registration_number=party.registration_number or "",
        notes=party.notes or "",
        emails=tuple(EmailEntry(e.address, e.label) for e in party.emails),
        phones=tuple(PhoneEntry(p.number, p.label) for p in party.phones),
        addresses=tuple(
            AddressEntry(a.street, a.street2, a.postcode, a.city, a.country, a.label) for a in party.addresses
        ),
        tags=tuple(sorted((t.name for t in party.tags), key=sort_key)),
        roles=tuple(
            RoleEntry(r.role, r.since, r.until, r.status, r.category, r.note)
            for r in sorted(party.roles, key=lambda r: (r.since, r.role))
        ),
        affiliations=tuple(
            AffiliationEntry(a.organisation_id, a.function, a.organisation.display_name if a.organisation else "")
            for a in party.affiliations
        ),
        owner_id=party.owner_id,
        private=bool(party.private),
    )
