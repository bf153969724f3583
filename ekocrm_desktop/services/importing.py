"""Honest imports of people and organisations: mapping, matching key, dry run, run as a batch, undo.

The same plan serves the dry run and the run: each data row of the file ends as exactly one
of created, updated, skipped or error (with its reasons), so
created + updated + skipped + errors == data rows, always. A run is recorded as an
`ImportBatch`; each party it created or updated is an `ImportBatchItem`, written in the
same transaction as the party, so undo always knows everything the import wrote.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from uuid import UUID

from sqlalchemy import Connection, String, any_, bindparam, delete, func, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.history import TRACKED, to_json
from ekocrm_desktop.db.textnorm import fold, sort_key
from ekocrm_desktop.models.access import RecordHistory
from ekocrm_desktop.models.base import UTCDateTime
from ekocrm_desktop.models.enums import ContactLabel, PartyKind
from ekocrm_desktop.models.exchange import ImportBatch, ImportBatchItem, ImportBatchRecord, PartyExternalId
from ekocrm_desktop.models.ids import uuid7, uuid7_hex
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
from ekocrm_desktop.services import validation
from ekocrm_desktop.services.bulk import (
    BulkParty,
    Loadable,
    PlainPerson,
    RunStatements,
    Statement,
    TableRows,
    _Codec,
    bulk_insert_parties,
    fewer_collections,
    hex_id,
    sqlite_insert,
)
from ekocrm_desktop.services.contacts import (
    PARTY,
    TAG,
    AddressEntry,
    AffiliationEntry,
    ContactService,
    EmailEntry,
    PartyDraft,
    PhoneEntry,
    RoleEntry,
    _role_order,
    party_columns,
)
from ekocrm_desktop.services.errors import NotFoundError, ServiceError, denied
from ekocrm_desktop.services.paging import IN_LIST_SIZE, slices
from ekocrm_desktop.services.privacy import SuppressionCheck
from ekocrm_desktop.services.tabular import (
    FileFormatError,
    ReadOptions,
    SourceFile,
    SourceRow,
    TableInfo,
    parse_date,
)

__all__ = [
    "FIELDS",
    "FileFormatError",
    "ImportOptions",
    "ImportResult",
    "ImportService",
    "ReadOptions",
    "RowIssue",
    "RowOutcome",
    "SourceFile",
    "TableInfo",
    "suggest_mapping",
]

#: Fields a column can be mapped to ("" = ignored).
FIELDS = (
    "kind",
    "civility",
    "first_name",
    "last_name",
    "full_name",
    "organisation",
    "job_title",
    "email",
    "other_emails",
    "phone",
    "mobile",
    "other_phones",
    "street",
    "street2",
    "postcode",
    "city",
    "country",
    "website",
    "registration_number",
    "external_id",
    "birth_date",
    "tags",
    "notes",
)
#: A member's subscription, beside the contact fields of the member (target "members").
MEMBER_FIELDS = (
    "membership_type",
    "period_start",
    "period_end",
    "amount",
    "paid_on",
    "payment_method",
    "receipt_number",
)
#: An article of the catalogue (target "articles"), matched on its code.
ARTICLE_FIELDS = ("code", "name", "category", "unit_price", "vat_rate", "active", "description")
#: What a file may hold.
TARGETS = ("contacts", "members", "articles")
MATCH_KEYS = ("email", "phone", "external_id", "name_org")
ON_MATCH = ("fill", "overwrite", "skip")

#: Header names (folded: lower case, no accents, punctuation as spaces) per field: French,
#: English, Google Contacts and Outlook exports, and the titles of our own exports.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "kind": ("type", "kind", "nature", "type de contact", "personne ou organisation"),
    "civility": ("civilite", "civility", "title", "titre", "name prefix", "prefix", "salutation"),
    "first_name": ("prenom", "first name", "given name", "firstname", "prenoms"),
    "last_name": ("nom", "last name", "family name", "surname", "lastname", "nom de famille"),
    "full_name": ("nom complet", "name", "full name", "display name", "nom et prenom", "fn", "contact"),
    "organisation": (
        "societe",
        "entreprise",
        "organisation",
        "organization",
        "company",
        "raison sociale",
        "organization 1 name",
        "organization name",
        "structure",
        "etablissement",
        "employeur",
    ),
    "job_title": ("fonction", "poste", "job title", "organization 1 title", "profession", "metier"),
    "email": (
        "courriel",
        "email",
        "e mail",
        "mail",
        "adresse e mail",
        "adresse email",
        "adresse electronique",
        "e mail address",
        "email address",
        "e mail 1 value",
        "e mail 1 address",
    ),
    "other_emails": (
        "e mail 2 value",
        "e mail 3 value",
        "e mail 2 address",
        "e mail 3 address",
        "autres e mails",
        "autres courriels",
        "other emails",
        "other e mails",
    ),
    "phone": (
        "telephone",
        "tel",
        "phone",
        "business phone",
        "phone 1 value",
        "telephone fixe",
        "telephone professionnel",
        "tel fixe",
        "primary phone",
        "company main phone",
    ),
    "mobile": ("portable", "mobile", "mobile phone", "telephone portable", "tel portable", "cellulaire", "gsm"),
    "other_phones": (
        "phone 2 value",
        "phone 3 value",
        "home phone",
        "other phone",
        "business phone 2",
        "autres telephones",
        "other phones",
        "telephone domicile",
    ),
    "street": (
        "adresse",
        "address",
        "rue",
        "street",
        "business street",
        "address 1 street",
        "adresse 1",
        "adresse postale",
        "home street",
        "voie",
    ),
    "street2": (
        "adresse 2",
        "complement d adresse",
        "complement adresse",
        "complement",
        "business street 2",
        "address 1 extended address",
        "address line 2",
    ),
    "postcode": (
        "code postal",
        "cp",
        "postcode",
        "zip",
        "zip code",
        "postal code",
        "business postal code",
        "address 1 postal code",
        "home postal code",
    ),
    "city": ("ville", "city", "commune", "localite", "business city", "address 1 city", "home city"),
    "country": (
        "pays",
        "country",
        "business country region",
        "address 1 country",
        "business country",
        "country region",
    ),
    "website": ("site web", "site", "site internet", "website", "web page", "url", "website 1 value", "web"),
    "registration_number": (
        "siret",
        "siren",
        "numero siret",
        "n siret",
        "registration number",
        "numero d immatriculation",
    ),
    "external_id": (
        "id",
        "identifiant",
        "identifiant externe",
        "external id",
        "reference",
        "ref",
        "code client",
        "numero client",
        "customer id",
        "n client",
    ),
    "birth_date": ("date de naissance", "birthday", "birth date", "naissance", "anniversaire", "ne le", "nee le"),
    "tags": (
        "etiquettes",
        "etiquette",
        "tags",
        "tag",
        "labels",
        "group membership",
        "categories",
        "mots cles",
        "groupes",
    ),
    "notes": ("notes", "note", "commentaire", "commentaires", "remarques", "remarque", "observations", "description"),
}
MEMBER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "membership_type": (
        "type d adhesion",
        "type adhesion",
        "type de cotisation",
        "type cotisation",
        "adhesion",
        "cotisation",
        "formule",
        "categorie",
        "categorie d adherent",
        "category",
        "membership",
        "membership type",
    ),
    "period_start": (
        "debut",
        "date de debut",
        "debut de periode",
        "debut periode",
        "valable du",
        "du",
        "start",
        "period start",
        "start date",
    ),
    "period_end": (
        "fin",
        "date de fin",
        "fin de periode",
        "fin periode",
        "valable jusqu au",
        "au",
        "end",
        "period end",
        "end date",
    ),
    "amount": ("montant", "montant paye", "somme", "amount", "amount paid"),
    "paid_on": (
        "date de paiement",
        "date paiement",
        "paye le",
        "payee le",
        "date de reglement",
        "regle le",
        "paid on",
        "payment date",
        "paid",
    ),
    "payment_method": (
        "mode de paiement",
        "moyen de paiement",
        "mode de reglement",
        "reglement",
        "paiement",
        "payment method",
        "payment",
    ),
    "receipt_number": ("recu", "numero de recu", "n recu", "no recu", "recu fiscal", "receipt", "receipt number"),
}
ARTICLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "code": ("code", "code article", "reference", "ref", "sku", "article code", "product code"),
    "name": ("nom", "libelle", "designation", "intitule", "article", "produit", "name", "product", "label"),
    "category": ("categorie", "famille", "type", "category", "family"),
    "unit_price": (
        "prix",
        "prix unitaire",
        "prix ht",
        "prix unitaire ht",
        "pu ht",
        "pu",
        "tarif",
        "unit price",
        "price",
    ),
    "vat_rate": ("tva", "taux de tva", "taux tva", "taux", "vat", "vat rate", "tax rate"),
    "active": ("actif", "active", "en vente", "disponible", "statut", "status"),
    "description": ("description", "commentaire", "notes", "detail"),
}


def _folded(synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {name: field for field, names in synonyms.items() for name in (*names, field.replace("_", " "))}


_FOLDED_SYNONYMS = _folded(SYNONYMS)
#: For a members file the subscription's headers win ("Type" is the membership type there).
_FOLDED_BY_TARGET = {
    "contacts": _FOLDED_SYNONYMS,
    "members": {**_FOLDED_SYNONYMS, **_folded(MEMBER_SYNONYMS)},
    "articles": _folded(ARTICLE_SYNONYMS),
}


def fields_for(target: str) -> tuple[str, ...]:
    """The fields a column can be mapped to for a kind of file."""
    if target == "articles":
        return ARTICLE_FIELDS
    if target == "members":
        return (*FIELDS, *MEMBER_FIELDS)
    return FIELDS


_P = ParamSpec("_P")
_R = TypeVar("_R")
_MULTI = re.compile(r"\s*(?::::|;|\n)\s*")
_MULTI_EMAIL = re.compile(r"\s*(?::::|;|,|\n)\s*")
#: A batch writes this many rows per transaction when updating existing parties.
UPDATE_CHUNK = 2000
PLAN_CHUNK = 500
#: Above this size, an import rebuilds indexes after loading rather than during (on PostgreSQL
#: only into an empty workspace: `bulk._EmptyWorkspaceLoad`).
BIG_FILE_BYTES = 4_000_000
#: Parties the bulk loader writes at a time. PostgreSQL gets bigger chunks: each one costs a
#: COPY per table, and the server waits on the client at every COPY's end (a million-contact
#: load ran 1-2 s faster with 20,000 than with 5,000; 50,000 gained nothing more). SQLite's
#: writer process keeps at most three chunks in memory, which its peak-memory target counts.
LOAD_CHUNK_SQLITE = 5000
LOAD_CHUNK_POSTGRES = 20_000
#: The texts of a contacts import's `progress` reports: "" while rows are read and written;
#: FINISH_STEP once every row is read (the last writes, the index rebuild and the commit, which
#: have no count: tens of seconds for a million rows); UPDATE_STEP for the updates that follow.
FINISH_STEP = "finish"
UPDATE_STEP = "update"


def header_key(header: str) -> str:
    """A header name as compared with synonyms: "E-mail 1 - Value" → "e mail 1 value"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(header)).split())


def suggest_mapping(headers: Sequence[str], target: str = "contacts") -> dict[str, str]:
    """Column → field for every header we recognise (each e-mail/phone field may take several columns)."""
    synonyms = _FOLDED_BY_TARGET.get(target, _FOLDED_SYNONYMS)
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    repeatable = {"other_emails", "other_phones", "notes", "tags"}
    for header in headers:
        # "Téléphone (2)": the reader's name for a repeated header.
        field = synonyms.get(header_key(re.sub(r"\s*\(\d+\)$", "", header)), "")
        if not field:
            continue
        if field in taken and field not in repeatable:
            # A second "Phone"/"E-mail" column: keep it as an extra value rather than lose it.
            field = {"email": "other_emails", "phone": "other_phones", "mobile": "other_phones"}.get(field, "")
            if not field:
                continue
        taken.add(field)
        mapping[header] = field
    return mapping


# ---------------------------------------------------------------------------- DTOs
@dataclasses.dataclass(frozen=True)
class ImportOptions:
    """Everything the user chose: columns → fields, matching key, what to do on a match."""

    mapping: dict[str, str]
    match: str = "email"
    on_match: str = "fill"
    encoding: str | None = None
    delimiter: str | None = None
    #: Kind of a row that does not say (a "kind" column or only an organisation name decide otherwise).
    default_kind: str = PartyKind.PERSON.value
    region: str = validation.DEFAULT_REGION
    #: What the file holds: contacts, members (with their subscriptions) or articles.
    target: str = "contacts"
    #: The system the file's external ids come from: one id names one party per source.
    external_source: str = "import"

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form (saved mappings, the batch record)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportOptions:
        """Options from `to_json` output; a bare {column: field} dict is read as a mapping."""
        if "mapping" not in data:
            data = {"mapping": data}
        known = {f.name for f in dataclasses.fields(cls)}
        options = cls(**{k: v for k, v in data.items() if k in known})
        if options.target not in TARGETS:
            raise ValueError(f"unknown import target {options.target!r}")
        unknown = sorted(set(options.mapping.values()) - set(fields_for(options.target)) - {""})
        if unknown:
            raise ValueError(f"unknown fields in the mapping: {', '.join(unknown)}")
        if options.match not in MATCH_KEYS or options.on_match not in ON_MATCH:
            raise ValueError("unknown matching key or on-match policy")
        return options

    def read_options(self) -> ReadOptions:
        """The encoding and separator overrides."""
        return ReadOptions(self.encoding, self.delimiter)


@dataclasses.dataclass(frozen=True)
class RowIssue:
    """Why a row is in error or skipped: a code, the field and the value concerned, parameters."""

    code: str
    field: str = ""
    value: str = ""
    params: tuple[tuple[str, str], ...] = ()


@dataclasses.dataclass(frozen=True)
class RowOutcome:
    """What the import does (or did) with one data row."""

    number: int
    line: int
    action: str  # create | update | skip | error
    values: tuple[str, ...]
    display_name: str = ""
    issues: tuple[RowIssue, ...] = ()
    party_id: UUID | None = None
    #: For create/update: the complete draft to write.
    draft: PartyDraft | None = None
    #: For update: what it was, and the version read.
    previous: PartyDraft | None = None
    version: int = 0
    #: The row's id in the system it comes from (stored per source, not on the party).
    external_id: str = ""


@dataclasses.dataclass(frozen=True)
class ImportResult:
    """Counts of a dry run or a run (and the batch recorded, for a run)."""

    rows: int
    created: int
    updated: int
    skipped: int
    errors: int
    organisations_created: int
    outcomes: tuple[RowOutcome, ...]
    info: TableInfo
    batch_id: UUID | None = None
    cancelled: bool = False
    errors_file: Path | None = None

    @property
    def problems(self) -> tuple[RowOutcome, ...]:
        """Rows in error."""
        return tuple(o for o in self.outcomes if o.action == "error")


@dataclasses.dataclass(frozen=True)
class BatchInfo:
    """One line of the import history."""

    id: UUID
    file_name: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    status: str
    rows: int
    created: int
    updated: int
    skipped: int
    errors: int
    undone_at: dt.datetime | None
    created_by: str | None


@dataclasses.dataclass(frozen=True)
class UndoRefusal:
    """A party undo left alone because someone changed it after the import."""

    party_id: UUID
    display_name: str
    reason: str


@dataclasses.dataclass(frozen=True)
class UndoResult:
    """What undoing a batch did."""

    removed: int
    restored: int
    refused: tuple[UndoRefusal, ...]
    #: Created parties moved to the trash instead, when the connected role may not delete for good.
    trashed: int = 0
    #: Other rows (articles, subscriptions) removed, and articles given back their values.
    records_removed: int = 0
    records_restored: int = 0


class ImportCancelledError(ServiceError):
    """The user cancelled the run."""


#: Default English reasons, for the CLI and the errors file when no translation is given.
REASONS = {
    "truncated": "truncated line (the file ends in the middle of this row)",
    "malformed": "unreadable line (misplaced quote)",
    "too_many_fields": "more values than columns (wrong separator?)",
    "email_invalid": "invalid e-mail address",
    "phone_invalid": "unparseable phone number",
    "date_invalid": "unparseable date",
    "postcode_invalid": "invalid postcode",
    "country_invalid": "unknown country",
    "missing_person": "missing required field: a person needs a last name or an e-mail",
    "missing_organisation": "missing required field: an organisation needs a name",
    "duplicate_in_file": "same key as line {line} of the file",
    "too_long": "value too long",
    "kind_invalid": "unknown type (person or organisation)",
    "exists": "already exists (on match: skip)",
    "unchanged": "already up to date",
    "changed_meanwhile": "changed by someone else during the import",
    "invalid": "invalid value",
    "suppressed": "suppressed: erased person (not added again)",
    "repeat": "same person as line {line} (its subscription is recorded)",
    "type_missing": "missing required field: membership type",
    "type_unknown": "unknown membership type",
    "type_ambiguous": "several membership types of this category: give the type's name",
    "period_missing": "missing required field: period start or payment date",
    "period_invalid": "the period ends before it starts",
    "period_overlap": "overlaps a paid subscription ({start} to {end})",
    "amount_invalid": "invalid amount",
    "date_future": "payment date in the future",
    "payment_method_invalid": "unknown payment method",
    "payment_method_missing": "missing required field: a paid subscription needs a payment method",
    "receipt_invalid": "unreadable receipt number",
    "receipt_unpaid": "a receipt number needs a payment date",
    "receipt_taken": "receipt number already used",
    "subscription_exists": "subscription already recorded",
    "code_missing": "missing required field: code",
    "name_missing": "missing required field: name",
    "vat_rate_invalid": "invalid VAT rate",
    "active_invalid": "unreadable yes/no value",
}


def describe(issue: RowIssue) -> str:
    """An English sentence for an issue (the window translates codes itself)."""
    text = REASONS.get(issue.code, issue.code)
    for key, value in issue.params:
        text = text.replace("{" + key + "}", value)
    if issue.value and issue.code not in ("duplicate_in_file", "exists", "unchanged", "period_overlap", "repeat"):
        text = f"{text}: {issue.value}"
    return text


# ---------------------------------------------------------------------------- service
def _fewer_collections(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Runs the method under `bulk.fewer_collections` (big imports hold many objects alive)."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with fewer_collections():
            return method(*args, **kwargs)

    return wrapper


class ImportService:
    """Dry runs, runs, undo and history of imports."""

    def __init__(
        self,
        db: Database,
        *,
        contacts: ContactService | None = None,
        plain_rows: bool = True,
        core_updates: bool = True,
    ) -> None:
        self._db = db
        self._contacts = contacts or ContactService(db)
        #: Plain person rows skip the drafts (`_PlainReader`); False sends every row through them
        #: (tests compare both paths).
        self._plain_rows = plain_rows
        #: On SQLite, the common updates are written by `_CoreUpdates`; False sends every update
        #: through the ORM (tests compare both paths).
        self._core_updates = core_updates

    # ------------------------------------------------------------------ planning
    @_fewer_collections
    def dry_run(
        self,
        path: Path,
        options: ImportOptions,
        *,
        progress: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """What the import would do, row by row; nothing is written."""
        if options.target != "contacts":
            from ekocrm_desktop.services.importing_records import dry_run_records

            return dry_run_records(self, path, options, progress=progress, cancelled=cancelled)
        source = SourceFile(path, options.read_options())
        tally = _Tally()
        new_orgs: set[str] = set()
        for done, outcome in enumerate(self._plan(source, options, new_orgs), start=1):
            if type(outcome) is PlainPerson:
                tally.counts["create"] += 1
            else:
                tally.add(outcome)  # type: ignore[arg-type]
            if done % 1000 == 0:
                if progress is not None:
                    progress(done, 0, "")
                if cancelled is not None and cancelled():
                    raise ImportCancelledError("cancelled")
        return tally.result(source.info(), len(new_orgs))

    def _plan(
        self, source: SourceFile, options: ImportOptions, new_orgs: set[str]
    ) -> Iterator[RowOutcome | PlainPerson]:
        """Every row's outcome, in file order, read in chunks (matches looked up per chunk)."""
        info = source.info()
        planner = _Planner(self, options, info.headers, new_orgs)
        chunk: list[SourceRow] = []
        for row in source.rows():
            chunk.append(row)
            if len(chunk) >= PLAN_CHUNK:
                yield from planner.chunk(chunk)
                chunk = []
        if chunk:
            yield from planner.chunk(chunk)

    # ------------------------------------------------------------------ run
    @_fewer_collections
    def run(
        self,
        path: Path,
        options: ImportOptions,
        *,
        errors_path: Path | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        total: int = 0,
        reason: Callable[[RowIssue], str] = describe,
    ) -> ImportResult:
        """Import for real, as one batch.

        New parties are written by the bulk loader in one transaction together with their
        batch items; updates follow in transactions of UPDATE_CHUNK rows, each with its items.
        A cancel during the first phase leaves nothing; during updates, what was committed
        stays and is undoable. Members and articles files are written in one transaction
        (services.importing_records).
        """
        if options.target != "contacts":
            from ekocrm_desktop.services.importing_records import run_records

            return run_records(
                self, path, options, errors_path=errors_path, progress=progress, cancelled=cancelled, reason=reason
            )
        source = SourceFile(path, options.read_options())
        info = source.info()
        now = self._db.clock()
        batch_id = uuid7()
        with self._db.write_session() as session:
            session.add(
                ImportBatch(
                    id=batch_id,
                    file_name=path.name[:260],
                    source_format=info.format,
                    started_at=now,
                    status="running",
                    options={**options.to_json(), "encoding": info.encoding, "delimiter": info.delimiter},
                )
            )
            session.commit()

        tally = _Tally()
        done = 0
        updates: list[RowOutcome] = []
        new_orgs: set[str] = set()
        planner = _Planner(self, options, info.headers, new_orgs)
        # Rows are planned inside bulk_insert_parties' write transaction (BEGIN IMMEDIATE on SQLite).
        planner.index.under_write_lock = True
        errors_file = _ErrorsWriter(errors_path, info.headers, reason) if errors_path else None
        was_cancelled = False

        externals: dict[UUID, str] = {}

        def creations() -> Iterator[Loadable]:
            chunk: list[SourceRow] = []

            def flush() -> Iterator[Loadable]:
                nonlocal done
                for outcome in planner.chunk(chunk):
                    if type(outcome) is PlainPerson:
                        # A plain row to create: no outcome object, no draft.
                        tally.counts["create"] += 1
                        done += 1
                        yield from planner.take_new_organisations()
                        yield outcome
                        continue
                    assert isinstance(outcome, RowOutcome)
                    tally.add(outcome)
                    done += 1
                    if outcome.action == "error" and errors_file is not None:
                        errors_file.write(outcome)
                    if outcome.action == "update":
                        updates.append(outcome)
                    yield from planner.take_new_organisations()
                    if outcome.action == "create":
                        assert outcome.draft is not None and outcome.party_id is not None
                        if outcome.external_id:
                            externals[outcome.party_id] = outcome.external_id
                        yield BulkParty(outcome.party_id, outcome.draft)
                if progress is not None:
                    progress(done, total, "")
                if cancelled is not None and cancelled():
                    raise ImportCancelledError("cancelled")

            for row in source.rows():
                chunk.append(row)
                if len(chunk) >= PLAN_CHUNK:
                    yield from flush()
                    chunk = []
            if chunk:
                yield from flush()
            if progress is not None:
                progress(done, total, FINISH_STEP)

        codec = _Codec(self._db.is_sqlite)
        # One stamp for the whole batch: its items then differ only by their ids and parties,
        # which is all an empty-workspace load sends of them (the rest become the table's defaults).
        stamp, actor = self._db.clock(), self._db.actor
        item_constants = _item_constants(codec, batch_id, stamp, actor)

        def record(chunk: list[Loadable]) -> list[TableRows]:
            # Written with the chunk's parties, in the same transaction.
            extra = [_created_items(chunk, item_constants)]
            ids = [(b.id, externals.pop(b.id)) for b in chunk if type(b) is BulkParty and b.id in externals]
            if ids:
                extra.append(_created_external_ids(codec, ids, options.external_source, stamp, actor))
            return extra

        def refuse(failed: list[RowOutcome], among: list[RowOutcome]) -> None:
            by_number = {o.number: o for o in among}
            for outcome in failed:
                tally.replace(by_number[outcome.number], outcome)
                if errors_file is not None:
                    errors_file.write(outcome)

        #: Updates written in the load's transaction (SQLite); the others follow it (ORM).
        core_written = 0
        left: list[RowOutcome] = []

        def write_updates(run: RunStatements) -> None:
            """SQLite: the common updates, planned while a big load's indexes are rebuilt, written
            in its transaction: the whole import then commits (or rolls back) at once."""
            nonlocal core_written
            stored = self._organisation_names(
                {a.organisation_id for o in updates if o.draft for a in o.draft.affiliations}
            )
            # Organisations this import creates are not committed yet; their names are known.
            names = {**stored, **planner.created_organisation_names}
            counts = Counter(o.party_id for o in updates)
            repeated = {party_id for party_id, count in counts.items() if count > 1 and party_id is not None}
            core = _CoreUpdates(self._db, batch_id, names, repeated)
            with self._db.session() as reader:
                # Under the load's write lock: what this reads stays as it is until the commit.
                conn = reader.connection()
                for start in range(0, len(updates), UPDATE_CHUNK):
                    if cancelled is not None and cancelled():
                        raise ImportCancelledError("cancelled")
                    chunk_updates = updates[start : start + UPDATE_CHUNK]
                    statements, rest, conflicts = core.plan(conn, chunk_updates)
                    run(statements)
                    refuse(conflicts, chunk_updates)
                    left.extend(rest)
                    core_written += len(chunk_updates) - len(rest) - len(conflicts)
                    if progress is not None:
                        progress(start + len(chunk_updates), len(updates), UPDATE_STEP)

        try:
            core_updates = self._db.is_sqlite and self._core_updates
            try:
                # A big file: indexes (and SQLite's FTS triggers) rebuilt once after the load, 18x
                # faster on SQLite. On PostgreSQL only into an empty workspace, which the load then
                # has to itself: the planner must not look anything up (it would wait for the commit).
                big = path.stat().st_size > BIG_FILE_BYTES
                bulk_insert_parties(
                    self._db,
                    creations(),
                    announce=False,
                    after_chunk=record,
                    before_commit=write_updates if core_updates else None,
                    chunk_size=LOAD_CHUNK_SQLITE if self._db.is_sqlite else LOAD_CHUNK_POSTGRES,
                    rebuild_indexes=big,
                    extra_tables=(ImportBatchItem.__tablename__, PartyExternalId.__tablename__),
                    extra_constants={ImportBatchItem.__tablename__: item_constants},
                    when_alone=planner.nothing_stored,
                )
            except ImportCancelledError:
                # Nothing was committed; nothing else will be written.
                was_cancelled = True
                tally = _Tally()
                updates = left = []
            if not core_updates:
                left = updates
            for start in range(0, len(left), UPDATE_CHUNK):
                if cancelled is not None and cancelled():
                    was_cancelled = True
                    tally.counts["update"] = core_written + start
                    break
                chunk_updates = left[start : start + UPDATE_CHUNK]
                refuse(self._apply_updates(batch_id, chunk_updates, options.external_source), chunk_updates)
                if progress is not None:
                    progress(min(done, start + len(chunk_updates)), len(left), UPDATE_STEP)
        finally:
            if errors_file is not None:
                errors_file.close()
        result = tally.result(source.info(), len(new_orgs) if not was_cancelled else 0)
        with self._db.write_session() as session:
            batch = session.get(ImportBatch, batch_id)
            assert batch is not None
            batch.finished_at = self._db.clock()
            batch.status = "cancelled" if was_cancelled else "done"
            batch.rows = result.rows
            batch.created_count = result.created
            batch.updated_count = result.updated
            batch.skipped_count = result.skipped
            batch.error_count = result.errors
            session.commit()
        self._db.announce(Changes.of(PARTY, (), TAG, "import_batch"))
        return dataclasses.replace(
            result,
            batch_id=batch_id,
            cancelled=was_cancelled,
            errors_file=errors_path if errors_path and result.errors else None,
        )

    def _apply_updates(self, batch_id: UUID, outcomes: list[RowOutcome], source: str = "import") -> list[RowOutcome]:
        """Write one chunk of updates through the ORM, with their batch items; returns rows that
        turned out in conflict. (On SQLite, the common updates are written by `_CoreUpdates`
        in the load's transaction: these are the others.)"""
        failed: list[RowOutcome] = []
        names = self._organisation_names({a.organisation_id for o in outcomes if o.draft for a in o.draft.affiliations})
        try:
            with self._db.write_session() as session:
                ids = [o.party_id for o in outcomes if o.party_id is not None]
                parties = {p.id: p for p in session.scalars(_load_parties(ids))}
                applied: list[tuple[Party, RowOutcome]] = []
                # One flush for the chunk (a flush per party costs more than the update itself);
                # the tag cache makes two parties given the same new tag share one Tag row.
                tag_cache: dict[str, Any] = {}
                for outcome in outcomes:
                    assert outcome.party_id is not None and outcome.draft is not None
                    party = parties.get(outcome.party_id)
                    if party is None or party.version != outcome.version or party.deleted_at is not None:
                        failed.append(
                            dataclasses.replace(
                                outcome, action="error", issues=(RowIssue("changed_meanwhile"),), draft=None
                            )
                        )
                        continue
                    self._contacts._apply(session, party, outcome.draft, tag_cache=tag_cache, org_names=names)
                    party.updated_at = self._db.clock()
                    applied.append((party, outcome))
                session.flush()
                for party, outcome in applied:
                    session.add(
                        ImportBatchItem(
                            batch_id=batch_id,
                            party_id=party.id,
                            action="updated",
                            version_after=party.version,
                            previous={**draft_to_json(outcome.previous), "version_before": outcome.version}
                            if outcome.previous
                            else None,
                        )
                    )
                    if outcome.external_id:
                        add_external_id(session, batch_id, party.id, source, outcome.external_id)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        return failed

    def _organisation_names(self, ids: set[UUID]) -> dict[UUID, str]:
        if not ids:
            return {}
        with self._db.session() as session:
            rows = session.execute(select(Party.id, Party.display_name).where(Party.id.in_(ids)))
            return {r[0]: r[1] for r in rows}

    # ------------------------------------------------------------------ undo & history
    def undo(
        self,
        batch_id: UUID,
        report: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UndoResult:
        """Undo a batch: created parties deleted for good, updated ones given back their previous values.

        A party changed since the import (its version moved) is left as it is and listed. One
        transaction, whatever the batch's size: the parties go in pages of UNDO_PAGE, so no
        statement names more of them than a driver takes (PostgreSQL's 65,535 parameters, SQLite's
        32,766 by default), and `report(done, total, text)` tells how far it got. `cancelled()`
        is asked between pages: cancelled, the undo raises `ImportCancelledError` and nothing of it is kept.
        """
        refused: list[UndoRefusal] = []
        removed = restored = trashed = 0
        touched: list[UUID] = []
        try:
            with self._db.write_session() as session:
                batch = session.get(ImportBatch, batch_id)
                if batch is None:
                    raise NotFoundError(f"import batch {batch_id} not found")
                if batch.undone_at is not None:
                    return UndoResult(0, 0, ())
                from ekocrm_desktop.services.importing_records import undo_records

                records = undo_records(session, batch_id)
                refused.extend(UndoRefusal(i, kind, "changed_since") for kind, i in records.refused)
                plan = _UndoPlan.read(session, batch_id)
                refused.extend(UndoRefusal(party_id, name, "changed_since") for party_id, name in plan.changed)
                total, done = len(plan.updated) + len(plan.created), 0

                def page_done(count: int) -> None:
                    nonlocal done
                    done += count
                    if report is not None:
                        report(done, total, "")
                    if cancelled is not None and cancelled():
                        raise ImportCancelledError("undo cancelled")

                for page in slices(plan.updated, UNDO_PAGE):
                    previous_of: dict[UUID, Any] = {
                        row[0]: row[1]
                        for row in session.execute(
                            select(ImportBatchItem.party_id, ImportBatchItem.previous).where(
                                ImportBatchItem.batch_id == batch_id, ImportBatchItem.party_id.in_(page)
                            )
                        )
                    }
                    found = [p for p in page if previous_of.get(p) is not None]
                    # A party the batch updated twice is restored once, counted as the import counted it.
                    self._restore_previous(session, batch_id, {p: previous_of[p] for p in found})
                    restored += len(found)
                    touched.extend(found)
                    # The restored parties' rows are written: let go of them (a big batch's would fill memory).
                    session.expunge_all()
                    page_done(len(page))
                for part in slices(plan.created, UNDO_PAGE):
                    try:
                        with session.begin_nested():
                            result = session.execute(
                                delete(Party).where(Party.id.in_(part)).execution_options(synchronize_session=False)
                            )
                        removed += int(getattr(result, "rowcount", 0) or 0)
                    except DBAPIError as exc:
                        if denied(exc) is None:
                            raise
                        # A collaborator may not delete for good (team databases): to the trash,
                        # where an administrator can purge them.
                        result = session.execute(
                            update(Party)
                            .where(Party.id.in_(part), Party.deleted_at.is_(None))
                            .values(deleted_at=self._db.clock(), version=Party.version + 1)
                            .execution_options(synchronize_session=False)
                        )
                        trashed += int(getattr(result, "rowcount", 0) or 0)
                    touched.extend(part)
                    page_done(len(part))
                session.execute(
                    update(ImportBatch)
                    .where(ImportBatch.id == batch_id)
                    .values(undone_at=self._db.clock(), status="undone")
                )
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        # A big undo is announced as "contacts changed": a million ids would only be compared one by one.
        ids = touched if len(touched) <= UNDO_ANNOUNCED_IDS else ()
        self._db.announce(Changes.of(PARTY, ids, "import_batch", "article", "subscription", "membership"))
        return UndoResult(removed, restored, tuple(refused), trashed, records.removed, records.restored)

    def _restore_previous(self, session: Session, batch_id: UUID, previous_of: dict[UUID, Any]) -> None:
        """Give updated parties back the values they had before the batch, in one flush.

        As the import's own updates do: the parties and their rows read in one query each, the
        organisations' names once. Party by party (a flush and ten statements each), 20,000
        updated contacts took 141 s to undo.
        """
        if not previous_of:
            return
        parties = {p.id: p for p in session.scalars(_load_parties(list(previous_of)))}
        previous = {party_id: draft_from_json(value) for party_id, value in previous_of.items()}
        organisations = list({a.organisation_id for draft in previous.values() for a in draft.affiliations})
        names = {
            row[0]: row[1]
            for part in slices(organisations)
            for row in session.execute(select(Party.id, Party.display_name).where(Party.id.in_(part)))
        }
        tag_cache: dict[str, Any] = {}
        now = self._db.clock()
        for party_id, draft in previous.items():
            party = parties[party_id]
            # An organisation deleted for good since then is left out (its link cannot come back).
            kept = dataclasses.replace(
                draft, affiliations=tuple(a for a in draft.affiliations if a.organisation_id in names)
            )
            self._contacts._apply(session, party, kept, tag_cache=tag_cache, org_names=names)
            party.updated_at = now
        session.flush()
        for party_id, value in previous_of.items():
            # The party is back as an earlier import left it: that import's own undo
            # must still recognise it (undoing imports newest first).
            session.execute(
                update(ImportBatchItem)
                .where(
                    ImportBatchItem.party_id == party_id,
                    ImportBatchItem.batch_id != batch_id,
                    ImportBatchItem.version_after == value.get("version_before"),
                )
                .values(version_after=parties[party_id].version)
                .execution_options(synchronize_session=False)
            )

    def batches(self, limit: int = 100) -> list[BatchInfo]:
        """The most recent imports first."""
        with self._db.session() as session:
            rows = session.scalars(
                select(ImportBatch).order_by(ImportBatch.started_at.desc(), ImportBatch.id.desc()).limit(limit)
            ).all()
            return [
                BatchInfo(
                    b.id,
                    b.file_name,
                    b.started_at,
                    b.finished_at,
                    b.status,
                    b.rows,
                    b.created_count,
                    b.updated_count,
                    b.skipped_count,
                    b.error_count,
                    b.undone_at,
                    b.created_by,
                )
                for b in rows
            ]


# ---------------------------------------------------------------------------- Core updates
#: The child lists `_CoreUpdates` rewrites: table, the column naming the party, and how a list
#: compares (as `ContactService._apply_unflushed` compares it before rewriting it).
_CHILD_LISTS: tuple[tuple[Any, str], ...] = (
    (PartyEmail.__table__, "party_id"),
    (PartyPhone.__table__, "party_id"),
    (PartyAddress.__table__, "party_id"),
    (Affiliation.__table__, "person_id"),
)
#: Party columns the history records (`db.history`'s ignore list for party), in mapper order.
_PARTY_HISTORY_COLUMNS = tuple(
    c.name for prop in sa_inspect(Party).column_attrs for c in prop.columns if c.name not in TRACKED["party"].ignore
)
_CHILD_HISTORY_IGNORE = TRACKED["party_email"].ignore


def _child_entries(table: str, draft: PartyDraft, names: dict[UUID, str]) -> list[dict[str, Any]]:
    """A draft's rows of one child table (without ids, party and audit columns), in order."""
    if table == "party_email":
        return [
            {"address": e.address, "label": e.label, "is_primary": i == 0, "position": i}
            for i, e in enumerate(draft.emails)
        ]
    if table == "party_phone":
        return [
            {"number": p.number, "label": p.label, "is_primary": i == 0, "position": i}
            for i, p in enumerate(draft.phones)
        ]
    if table == "party_address":
        return [
            {
                "label": a.label,
                "street": a.street,
                "street2": a.street2,
                "postcode": a.postcode,
                "city": a.city,
                "country": a.country,
                "is_primary": i == 0,
                "position": i,
            }
            for i, a in enumerate(draft.addresses)
        ]
    return [
        {"organisation_id": a.organisation_id, "function": a.function, "is_primary": i == 0, "position": i}
        for i, a in enumerate(draft.affiliations)
        if a.organisation_id in names
    ]


def _same_list(table: str, stored: list[Any], wanted: list[dict[str, Any]]) -> bool:
    """Whether `ContactService._apply_unflushed` would keep the stored rows as they are."""
    if table == "party_email":
        fields: tuple[str, ...] = ("address", "label")
    elif table == "party_phone":
        fields = ("number", "label")
    elif table == "party_address":
        fields = ("street", "street2", "postcode", "city", "country", "label")
    else:
        fields = ("organisation_id", "function")
    return [tuple(getattr(r, f) for f in fields) for r in stored] == [tuple(w[f] for f in fields) for w in wanted]


class _CoreUpdates:
    """Plans import updates on SQLite as set-based statements instead of the ORM.

    The end state is what `ContactService._apply` + a flush would leave: the party's columns
    from `party_columns`, `version` + 1, child lists rewritten only where they changed (new
    ids), the same history rows, and the batch item with the previous values for undo. The
    FTS index follows through its triggers. Updates touching tags or roles, naming an external
    id or an organisation that is gone are left to the ORM path (`apply` returns them).
    """

    def __init__(self, db: Database, batch_id: UUID, names: dict[UUID, str], repeated: set[UUID]) -> None:
        self.db = db
        self.batch_id = batch_id
        self.names = names
        #: Parties matched by more than one row of the file: updated twice on one loaded object
        #: by the ORM, so left to it.
        self.repeated = repeated
        #: The change set of the history rows (what `db.history` gives one transaction).
        self.tx = uuid7().int >> 66
        self.encode = _DriverRows(db.engine.dialect)

    def _simple(self, outcome: RowOutcome) -> bool:
        draft, previous = outcome.draft, outcome.previous
        if draft is None or previous is None or outcome.party_id is None or outcome.external_id:
            return False
        if outcome.party_id in self.repeated:
            return False
        if draft.tags or previous.tags:
            return False
        if sorted(draft.roles, key=_role_order) != sorted(previous.roles, key=_role_order):
            return False
        return all(
            a.organisation_id in self.names and a.organisation_id != outcome.party_id for a in draft.affiliations
        )

    def plan(
        self, conn: Connection, outcomes: list[RowOutcome]
    ) -> tuple[list[Statement], list[RowOutcome], list[RowOutcome]]:
        """The statements writing the simple updates, read through `conn`; then (the outcomes left
        to the ORM, the rows in conflict).

        The statements are driver-level SQL with rows encoded as SQLAlchemy's types would encode
        them, so they can run in the process writing a big load, in the load's transaction.
        """
        simple = [o for o in outcomes if self._simple(o)]
        rest = [o for o in outcomes if not self._simple(o)]
        if not simple:
            return [], rest, []
        ids = [o.party_id for o in simple]
        party: Any = Party.__table__
        stored = {r.id: r for r in conn.execute(select(party).where(party.c.id.in_(ids)))}
        conflicts: list[RowOutcome] = []
        live: list[RowOutcome] = []
        for outcome in simple:
            row = stored.get(outcome.party_id)
            if row is None or row.version != outcome.version or row.deleted_at is not None:
                conflicts.append(
                    dataclasses.replace(outcome, action="error", issues=(RowIssue("changed_meanwhile"),), draft=None)
                )
            else:
                live.append(outcome)
        if not live:
            return [], rest, conflicts
        # In the order of their search keys: SQLite's FTS5 holds the words it is given in memory
        # for as long as their rows come in increasing order, and writes them out (then merges)
        # each time a smaller one comes (20,000 updates in a random order: 2.9 s, in order 2.2 s).
        live.sort(key=lambda outcome: stored[outcome.party_id].search_key or 0)
        now, actor = self.db.clock(), self.db.actor
        statements: list[Statement] = []
        history: list[dict[str, Any]] = []
        updates: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        encode = self.encode
        for outcome in live:
            assert outcome.draft is not None and outcome.party_id is not None
            old = stored[outcome.party_id]
            columns = party_columns(outcome.draft, [self.names[a.organisation_id] for a in outcome.draft.affiliations])
            # Equal values give equal JSON: only the columns that differ are converted (five
            # million conversions for 100,000 updates otherwise).
            changed = {
                name: [before, after]
                for name in _PARTY_HISTORY_COLUMNS
                if name in columns
                and getattr(old, name) != columns[name]
                and (before := to_json(getattr(old, name))) != (after := to_json(columns[name]))
            }
            if changed:
                history.append(_history_row("party", outcome.party_id, outcome.party_id, "U", changed))
            # Only the columns that change, as the ORM writes them: SQLite then leaves alone the
            # indexes (and the FTS trigger) of the others.
            values = {name: value for name, value in columns.items() if getattr(old, name) != value}
            names = (*values, "version", "updated_at", "updated_by")
            values.update(version=outcome.version + 1, updated_at=now, updated_by=actor)
            row_values = encode.values(party, names, values)
            updates.setdefault(names, []).append(
                (*row_values, *encode.values(party, ("id",), {"id": old.id}), old.version)
            )
        for names, rows in updates.items():
            assignments = ", ".join(f"{name} = ?" for name in names)
            statements.append((f"UPDATE party SET {assignments} WHERE id = ? AND version = ?", rows))  # noqa: S608
        deleted: list[dict[str, Any]] = []
        for table, owner in _CHILD_LISTS:
            current: dict[UUID, list[Any]] = {}
            for row in conn.execute(
                select(table).where(table.c[owner].in_([o.party_id for o in live])).order_by(table.c.position)
            ):
                current.setdefault(row._mapping[owner], []).append(row)
            gone: list[dict[str, Any]] = []
            added: list[dict[str, Any]] = []
            for outcome in live:
                assert outcome.draft is not None and outcome.party_id is not None
                wanted = _child_entries(table.name, outcome.draft, self.names)
                held = current.get(outcome.party_id, [])
                if _same_list(table.name, held, wanted):
                    continue
                for row in held:
                    gone.append({"id": row.id})
                    changes = {k: [to_json(v), None] for k, v in row._mapping.items() if k not in _CHILD_HISTORY_IGNORE}
                    deleted.append(_history_row(table.name, row.id, outcome.party_id, "D", changes))
                for entry in wanted:
                    child_id = uuid7()
                    values = {owner: outcome.party_id, **entry}
                    history.append(
                        _history_row(
                            table.name,
                            child_id,
                            outcome.party_id,
                            "I",
                            {k: [None, to_json(v)] for k, v in values.items()},
                        )
                    )
                    added.append(
                        {
                            "id": child_id,
                            **values,
                            "created_at": now,
                            "updated_at": now,
                            "created_by": actor,
                            "updated_by": actor,
                        }
                    )
            if gone:
                statements.append(encode.delete(table, gone))
            if added:
                statements.append(encode.insert(table, added))
        stamped = {"changed_at": now, "actor": actor, "tx": self.tx, "reason": None}
        if history or deleted:
            statements.append(encode.insert(RecordHistory.__table__, [{**row, **stamped} for row in history + deleted]))
        statements.append(
            encode.insert(
                ImportBatchItem.__table__,
                [
                    {
                        "id": uuid7(),
                        "batch_id": self.batch_id,
                        "party_id": o.party_id,
                        "action": "updated",
                        "version_after": o.version + 1,
                        "previous": {**draft_to_json(o.previous), "version_before": o.version} if o.previous else None,
                        "created_at": now,
                        "updated_at": now,
                        "created_by": actor,
                        "updated_by": actor,
                    }
                    for o in live
                ],
            )
        )
        return statements, rest, conflicts


class _DriverRows:
    """Rows as the driver takes them: each value encoded by its column's type, as Core would.

    Core spends more on preparing each executemany's dicts than SQLite spends running it; the
    encoders are looked up once per column here. Stamps are encoded once per value: an import's
    rows all carry the same `now` (a third of the time spent encoding 100,000 updates' rows).
    """

    def __init__(self, dialect: Any) -> None:
        self.dialect = dialect
        self._encoders: dict[tuple[str, tuple[str, ...]], list[Callable[[Any], Any] | None]] = {}

    def _encoder(self, table: Any, name: str) -> Callable[[Any], Any] | None:
        column_type = table.c[name].type
        encode: Callable[[Any], Any] | None = column_type.dialect_impl(self.dialect).bind_processor(self.dialect)
        if encode is None or not isinstance(column_type, UTCDateTime):
            return encode
        # Keyed by the value (datetimes are immutable and hashable); few distinct ones.
        return functools.lru_cache(maxsize=64)(encode)

    def _encoders_of(self, table: Any, names: tuple[str, ...]) -> list[Callable[[Any], Any] | None]:
        key = (table.name, names)
        found = self._encoders.get(key)
        if found is None:
            found = self._encoders[key] = [self._encoder(table, name) for name in names]
        return found

    def values(self, table: Any, names: tuple[str, ...], values: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(
            value if encoder is None else encoder(value)
            for encoder, value in zip(self._encoders_of(table, names), map(values.__getitem__, names), strict=True)
        )

    def insert(self, table: Any, rows: list[dict[str, Any]]) -> Statement:
        names = tuple(rows[0])
        return sqlite_insert(table.name, names), [self.values(table, names, row) for row in rows]

    def delete(self, table: Any, rows: list[dict[str, Any]]) -> Statement:
        return f"DELETE FROM {table.name} WHERE id = ?", [self.values(table, ("id",), row) for row in rows]  # noqa: S608


def _history_row(table: str, record_id: UUID, root_id: UUID, operation: str, changes: Any) -> dict[str, Any]:
    return {
        "table_name": table,
        "record_id": record_id,
        "root_table": "party",
        "root_id": root_id,
        "operation": operation,
        "changes": changes,
    }


# ---------------------------------------------------------------------------- planner
class _Planner:
    """Turns rows into outcomes; keeps the keys already seen in the file and the organisations to create."""

    def __init__(
        self,
        service: ImportService,
        options: ImportOptions,
        headers: Sequence[str],
        new_orgs: set[str],
        *,
        repeats: bool = False,
    ) -> None:
        self.service = service
        #: Members files list a person once per subscription: a repeated key is the same person,
        #: not a duplicate row (the outcome is a skip pointing at the first row's party).
        self.repeats = repeats
        self.seen_ids: dict[str, UUID | None] = {}
        self.options = options
        self.headers = tuple(headers)
        self.columns: dict[str, list[int]] = {}
        for index, header in enumerate(headers):
            field = options.mapping.get(header, "")
            if field:
                self.columns.setdefault(field, []).append(index)
        self.seen: dict[str, int] = {}
        self._cells: dict[str, list[str]] = {}
        self._cells_of: SourceRow | None = None
        self.new_orgs = new_orgs
        self.new_org_ids: dict[str, UUID] = {}
        #: The names of the organisations this import creates, by id.
        self.created_organisation_names: dict[UUID, str] = {}
        self._org_by_name: dict[str, UUID] = {}
        self._pending_orgs: list[BulkParty] = []
        self.index = _MatchIndex(service._db, options.match, options.external_source)
        self.plain = (
            _PlainReader(self.columns, options, service._contacts._default_owner_id)
            if service._plain_rows and not repeats
            else None
        )
        # People erased under the GDPR are never re-added by an import (services.privacy).
        self.suppressed = SuppressionCheck(service._db)
        self.orgs = _OrganisationIndex(service._db)

    def nothing_stored(self) -> None:
        """The workspace is empty and stays so until this import commits: look nothing up."""
        self.index.known_empty = True
        self.orgs.known_empty()

    def take_new_organisations(self) -> list[BulkParty]:
        """Organisations to create before the rows that point at them (run only)."""
        taken, self._pending_orgs = self._pending_orgs, []
        return taken

    def chunk(self, rows: list[SourceRow]) -> list[RowOutcome | PlainPerson]:
        """The rows' outcomes, in order; a plain person to create stands for its own outcome."""
        staged: list[tuple[SourceRow, PartyDraft | None, list[RowIssue], str]] = []
        plain = self.plain
        plains: dict[int, tuple[PlainPerson, str]] = {}
        for row in rows:
            if row.problem and row.problem != "short":
                staged.append((row, None, [RowIssue(row.problem)], ""))
                continue
            if plain is not None:
                read = plain.read(row.values)
                if read is not None:
                    plains[len(staged)] = read
                    staged.append((row, None, [], read[1]))
                    continue
            draft, issues, org_name = self._draft(row)
            staged.append((row, draft, issues, org_name))
        # Matches for the whole chunk in one query per kind of key.
        if "external_id" in self.columns:
            externals = [self._one(r, "external_id") for r, _d, _i, _o in staged]
        else:
            externals = [""] * len(staged)
        for (_r, _d, issues, _o), external in zip(staged, externals, strict=True):
            if len(external) > 120:
                issues.append(RowIssue("too_long", "external_id", external[:40]))
        keys = [
            self._key(d, org, external)
            if d is not None and not issues
            else self._plain_key(plains[i][0], org)
            if i in plains
            else ""
            for i, ((_r, d, issues, org), external) in enumerate(zip(staged, externals, strict=True))
        ]
        matched = self.index.lookup({k for k in keys if k})
        # A plain row that is not simply created (a match, a key seen before, an erased address)
        # takes the general path: the draft `_draft` makes of it holds the same values.
        in_chunk: set[str] = set()
        for i, key in enumerate(keys):
            if not key:
                continue
            if i in plains and (key in matched or key in self.seen or key in in_chunk):
                self._promote(staged, plains, i)
            in_chunk.add(key)
        existing = self._existing(set(matched.values()))
        drafts = [d for _r, d, issues, _o in staged if d is not None and not issues]
        erased = self.suppressed(
            [e.address for d in drafts for e in d.emails] + [p.email for p, _o in plains.values() if p.email],
            [p.number for d in drafts for p in d.phones] + [n for p, _o in plains.values() for n, _l in p.phones],
        )
        if erased:
            for i, (person, _org) in list(plains.items()):
                if person.email in erased or any(n in erased for n, _l in person.phones):
                    self._promote(staged, plains, i)
        outcomes: list[RowOutcome | PlainPerson] = []
        ids = iter(uuid7_hex(len(plains))) if plains else iter(())
        for i, ((row, draft, issues, org_name), key, external) in enumerate(zip(staged, keys, externals, strict=True)):
            found = plains.get(i)
            if found is not None:
                person = found[0]
                if key:
                    self.seen[key] = row.line
                person.id = next(ids)
                if org_name:
                    person.organisation_id = self._organisation_id(org_name)
                outcomes.append(person)
                continue
            if erased and draft is not None and not issues and _is_suppressed(draft, erased):
                suppressed = RowOutcome(
                    row.number, row.line, "skip", row.values, _name_of(draft), (RowIssue("suppressed"),)
                )
                outcomes.append(suppressed)
                continue
            outcome = self._decide(row, draft, issues, org_name, key, matched, existing)
            outcomes.append(dataclasses.replace(outcome, external_id=external) if external else outcome)
        return outcomes

    def outcomes(self, rows: list[SourceRow]) -> list[RowOutcome]:
        """`chunk` of a planner without the plain-row path (members files): every row has its outcome."""
        assert self.plain is None
        found = self.chunk(rows)
        assert all(isinstance(o, RowOutcome) for o in found)
        return found  # type: ignore[return-value]

    def _promote(
        self,
        staged: list[tuple[SourceRow, PartyDraft | None, list[RowIssue], str]],
        plains: dict[int, tuple[PlainPerson, str]],
        index: int,
    ) -> None:
        del plains[index]
        row = staged[index][0]
        draft, issues, org_name = self._draft(row)
        staged[index] = (row, draft, issues, org_name)

    def _plain_key(self, person: PlainPerson, org_name: str) -> str:
        """`_key` of the draft equivalent to a plain person."""
        match = self.options.match
        if match == "email" and person.email:
            return "e|" + person.email.casefold()
        if match == "phone" and person.phones:
            return "t|" + person.phones[0][0]
        return f"p|{sort_key(f'{person.last_name} {person.first_name}')}|{sort_key(org_name)}"

    def _existing(self, ids: set[UUID]) -> dict[UUID, tuple[int, PartyDraft]]:
        if not ids or self.options.on_match == "skip":
            return {}
        with self.service._db.session() as session:
            return load_drafts(session, list(ids))

    def _decide(
        self,
        row: SourceRow,
        draft: PartyDraft | None,
        issues: list[RowIssue],
        org_name: str,
        key: str,
        matched: dict[str, UUID],
        existing: dict[UUID, tuple[int, PartyDraft]],
    ) -> RowOutcome:
        if draft is None or issues:
            return RowOutcome(row.number, row.line, "error", row.values, _name_of(draft), tuple(issues))
        if key:
            first = self.seen.get(key)
            if first is not None and self.repeats:
                issue = RowIssue("repeat", params=(("line", str(first)),))
                party = self.seen_ids.get(key)
                return RowOutcome(row.number, row.line, "skip", row.values, _name_of(draft), (issue,), party)
            if first is not None:
                issue = RowIssue("duplicate_in_file", params=(("line", str(first)),))
                return RowOutcome(row.number, row.line, "error", row.values, _name_of(draft), (issue,))
            self.seen[key] = row.line
        draft = self._with_organisation(draft, org_name)
        party_id = matched.get(key) if key else None
        if key and self.repeats:
            # Only members files need the id per key (a million UUIDs otherwise held for nothing).
            self.seen_ids[key] = party_id = party_id or uuid7()
            if party_id not in matched.values():
                return RowOutcome(row.number, row.line, "create", row.values, _name_of(draft), (), party_id, draft)
        if party_id is None:
            return RowOutcome(row.number, row.line, "create", row.values, _name_of(draft), (), uuid7(), draft)
        if self.options.on_match == "skip":
            return RowOutcome(
                row.number, row.line, "skip", row.values, _name_of(draft), (RowIssue("exists"),), party_id
            )
        version, current = existing[party_id]
        merged = _merge(current, draft, overwrite=self.options.on_match == "overwrite")
        if merged == current:
            return RowOutcome(
                row.number, row.line, "skip", row.values, _name_of(draft), (RowIssue("unchanged"),), party_id
            )
        return RowOutcome(
            row.number, row.line, "update", row.values, _name_of(merged), (), party_id, merged, current, version
        )

    def _with_organisation(self, draft: PartyDraft, org_name: str) -> PartyDraft:
        """A person's organisation: an existing one with that name, or one this import creates."""
        if not org_name or not draft.is_person:
            return draft
        org_id = self._organisation_id(org_name)
        return dataclasses.replace(draft, affiliations=(AffiliationEntry(org_id, draft.job_title, org_name),))

    def _organisation_id(self, org_name: str) -> UUID:
        """The organisation of that name: an existing one, or one this import creates."""
        # The same name as written resolves to the same organisation for the whole import.
        known = self._org_by_name.get(org_name)
        if known is not None:
            return known
        known = self._org_by_name[org_name] = self._organisation_id_of(org_name)
        return known

    def _organisation_id_of(self, org_name: str) -> UUID:
        key = sort_key(org_name)
        org_id = self.orgs.find(key) or self.new_org_ids.get(key)
        if org_id is None:
            org_id = self.new_org_ids[key] = uuid7()
            self.new_orgs.add(key)
            owner = self.service._contacts._default_owner_id
            org, _errors = self.service._contacts.validate(
                PartyDraft(kind=PartyKind.ORGANISATION.value, name=org_name, owner_id=owner)
            )
            self._pending_orgs.append(BulkParty(org_id, org))
            self.created_organisation_names[org_id] = org.name
            self.orgs.known[key] = org_id
        return org_id

    def _key(self, draft: PartyDraft, org_name: str, external_id: str = "") -> str:
        """The row's matching key, prefixed by its kind; a row without the chosen key falls back
        to name + organisation, so re-importing a file never duplicates its rows that lack it."""
        match = self.options.match
        if match == "email" and draft.emails:
            return "e|" + draft.emails[0].address.casefold()
        if match == "phone" and draft.phones:
            return "t|" + draft.phones[0].number
        if match == "external_id" and external_id:
            return "x|" + external_key(external_id)
        if draft.is_person:
            return f"p|{sort_key(f'{draft.last_name} {draft.first_name}')}|{sort_key(org_name)}"
        return f"o|{sort_key(draft.name)}"

    def _values(self, row: SourceRow, field: str) -> list[str]:
        # A row's cells are read a dozen times: stripped once per row (a million rows add up).
        if self._cells_of is not row:
            cells: dict[str, list[str]] = {}
            values = row.values
            for name, indexes in self.columns.items():
                found = [v for v in (values[i].strip() for i in indexes) if v]
                if found:
                    cells[name] = found
            self._cells, self._cells_of = cells, row
        return self._cells.get(field, [])

    def _one(self, row: SourceRow, field: str) -> str:
        found = self._values(row, field)
        return found[0] if found else ""

    def _draft(self, row: SourceRow) -> tuple[PartyDraft | None, list[RowIssue], str]:
        self._values(row, "")  # the row's cells, stripped once
        cells = self._cells

        def values(field: str) -> list[str]:
            return cells.get(field, [])

        def one(field: str) -> str:
            found = cells.get(field)
            return found[0] if found else ""

        issues: list[RowIssue] = []
        options = self.options
        kind_text = fold(one("kind"))
        first_name = one("first_name")
        last_name = one("last_name")
        full_name = one("full_name")
        organisation = one("organisation")
        if kind_text:
            if kind_text in ("organisation", "organization", "org", "societe", "entreprise", "company", "association"):
                kind = PartyKind.ORGANISATION.value
            elif kind_text in ("personne", "person", "individu", "particulier", "contact", "people"):
                kind = PartyKind.PERSON.value
            else:
                issues.append(RowIssue("kind_invalid", "kind", one("kind")))
                kind = options.default_kind
        elif not (first_name or last_name or full_name) and organisation and not values("email"):
            kind = PartyKind.ORGANISATION.value
        else:
            kind = options.default_kind
        is_person = kind == PartyKind.PERSON.value

        if is_person and not (first_name or last_name) and full_name:
            first_name, _sep, last_name = full_name.rpartition(" ")

        emails: list[EmailEntry] = []
        for field in ("email", "other_emails"):
            for cell in values(field):
                for address in _MULTI_EMAIL.split(cell):
                    if not address:
                        continue
                    try:
                        emails.append(EmailEntry(validation.normalize_email(address)))
                    except validation.InvalidValueError:
                        issues.append(RowIssue("email_invalid", field, address))
        phones: list[PhoneEntry] = []
        for field, label in (
            ("phone", ContactLabel.WORK.value),
            ("mobile", ContactLabel.MOBILE.value),
            ("other_phones", ContactLabel.OTHER.value),
        ):
            for cell in values(field):
                # Google packs several values in a cell ("a ::: b"); our exports list extras with ",".
                for number in _MULTI.split(cell):
                    for part in number.split(",") if field == "other_phones" else [number]:
                        if not part.strip():
                            continue
                        try:
                            phones.append(PhoneEntry(validation.normalize_phone(part, options.region), label))
                        except validation.InvalidValueError:
                            issues.append(RowIssue("phone_invalid", field, part.strip()))
        if is_person and not last_name:
            if not emails:
                issues.append(RowIssue("missing_person", "last_name"))
            elif not first_name:
                # A person known only by an e-mail (a newsletter list): the address names them.
                last_name = emails[0].address
        name = ""
        if not is_person:
            name = organisation or full_name or last_name
            if not name:
                issues.append(RowIssue("missing_organisation", "organisation"))
        birth_date: dt.date | None = None
        birth_text = one("birth_date")
        if birth_text:
            try:
                birth_date = parse_date(birth_text)
            except ValueError:
                issues.append(RowIssue("date_invalid", "birth_date", birth_text))
        country_text = one("country")
        country = "FR"
        if country_text:
            found = country_code(country_text)
            if found is None:
                issues.append(RowIssue("country_invalid", "country", country_text))
            else:
                country = found
        address = AddressEntry(
            street=one("street"),
            street2=one("street2"),
            postcode=one("postcode"),
            city=one("city"),
            country=country,
        )
        tags: list[str] = []
        for cell in values("tags"):
            for tag in re.split(r"\s*(?::::|;|,)\s*", cell):
                tag = tag.lstrip("* ").strip()
                if tag and tag.casefold() != "mycontacts":
                    tags.append(tag)
        registration = one("registration_number")
        notes = "\n".join(values("notes"))
        draft = PartyDraft(
            kind=kind,
            civility=one("civility"),
            first_name=first_name if is_person else "",
            last_name=last_name if is_person else "",
            name=name,
            job_title=one("job_title"),
            birth_date=birth_date,
            website=one("website"),
            registration_number=registration,
            notes=notes,
            addresses=(address,) if not address.is_empty() else (),
            tags=tuple(tags),
            # On a team database, what a collaborator imports is theirs (as when they create it).
            owner_id=self.service._contacts._default_owner_id,
        )
        # E-mails and phones are normalised above already: validating them twice doubles the cost.
        clean, errors = self.service._contacts.validate(draft)
        clean = dataclasses.replace(clean, emails=tuple(dict.fromkeys(emails)), phones=tuple(dict.fromkeys(phones)))
        for error in errors:
            if error.field in ("last_name", "name") and error.code == "required":
                if not any(i.code.startswith("missing_") for i in issues):
                    issues.append(RowIssue("missing_person" if is_person else "missing_organisation", error.field))
                continue
            code = error.code if error.code in REASONS else "invalid"
            field = next((part for part in reversed(error.field.split(".")) if not part.isdigit()), error.field)
            issues.append(RowIssue(code, field, str(error.value or "")))
        return clean, issues, organisation if is_person else ""


class _PlainReader:
    """Reads the common person row straight into a `PlainPerson`, or says it is not one (None).

    A plain row: a person with a last name, at most one address in its e-mail cell and one
    number per phone cell, all of which the fast checks of `validation` accept, a valid French
    postcode, and no value over its length limit. Every other row, and every file mapping other
    fields, goes through `_Planner._draft`; for a plain row both give the same values (tested).
    """

    #: The fields a plain row may map, in the order `__init__` unpacks their column indexes.
    ORDER = (
        "civility",
        "first_name",
        "last_name",
        "organisation",
        "job_title",
        "email",
        "phone",
        "mobile",
        "street",
        "street2",
        "postcode",
        "city",
        "notes",
    )
    FIELDS = frozenset(ORDER)

    def __init__(self, columns: dict[str, list[int]], options: ImportOptions, owner_id: UUID | None) -> None:
        self.enabled = (
            options.target == "contacts"
            and options.default_kind == PartyKind.PERSON.value
            and "last_name" in columns
            and set(columns) <= self.FIELDS
            and all(len(indexes) == 1 for indexes in columns.values())
        )
        self.region = options.region
        self.owner_id = owner_id

        def at(field: str) -> int:
            return columns[field][0] if field in columns else -1

        (
            self.civility,
            self.first_name,
            self.last_name,
            self.organisation,
            self.job_title,
            self.email,
            self.phone,
            self.mobile,
            self.street,
            self.street2,
            self.postcode,
            self.city,
            self.notes,
        ) = (at(f) for f in self.ORDER)

    def read(self, values: tuple[str, ...]) -> tuple[PlainPerson, str] | None:
        """The plain person of a row and its organisation's name as written, or None."""
        if not self.enabled:
            return None

        # A field the file does not map has index -1: the "" appended here.
        cells = (*values, "")

        # Names as ContactService.validate writes them (inner runs of spaces collapsed).
        last_name = " ".join(values[self.last_name].split())
        if not last_name or len(last_name) > 120:
            return None
        first_name = " ".join(cells[self.first_name].split())
        civility = " ".join(cells[self.civility].split())
        job_title = " ".join(cells[self.job_title].split())
        if len(first_name) > 120 or len(civility) > 20 or len(job_title) > 120:
            return None
        email = cells[self.email].strip()
        if email:
            if ";" in email or "," in email or "\n" in email or ":::" in email:
                return None
            normalised = validation.plain_email(email)
            if normalised is None:
                return None
            email = normalised
        phones: list[tuple[str, str]] = []
        for index, label in ((self.phone, ContactLabel.WORK.value), (self.mobile, ContactLabel.MOBILE.value)):
            number = cells[index].strip()
            if not number:
                continue
            if ";" in number or "\n" in number or ":::" in number:
                return None
            try:
                phones.append((validation.normalize_phone(number, self.region), label))
            except validation.InvalidValueError:
                return None
        street, street2, postcode, city = (
            cells[self.street].strip(),
            cells[self.street2].strip(),
            cells[self.postcode].strip(),
            cells[self.city].strip(),
        )
        address: tuple[str, str, str, str] | None = None
        if street or street2 or postcode or city:
            if postcode:
                try:
                    postcode = validation.normalize_postcode(postcode, "FR")
                except validation.InvalidValueError:
                    return None
            address = (" ".join(street.split()), " ".join(street2.split()), postcode, " ".join(city.split()))
        person = PlainPerson(
            id="",
            civility=civility,
            first_name=first_name,
            last_name=last_name,
            job_title=job_title,
            notes=cells[self.notes].strip(),
            email=email,
            phones=tuple(phones),
            address=address,
            organisation_id=None,
            owner_id=self.owner_id,
        )
        return person, cells[self.organisation].strip()


def _item_constants(codec: _Codec, batch_id: UUID, stamp: dt.datetime, actor: Any) -> dict[str, Any]:
    """What every batch item of a created party holds besides its own id and party's."""
    at = codec.stamp(stamp)
    return {
        "batch_id": codec.id(batch_id),
        "action": "created",
        "version_after": 1,
        "created_at": at,
        "updated_at": at,
        "created_by": actor,
        "updated_by": actor,
    }


def _created_items(chunk: list[Loadable], constants: dict[str, Any]) -> TableRows:
    """The batch items of created parties, as the bulk loader writes them (the ORM's bookkeeping
    would cost as much as the parties: perf anchors §1). The `constants` end every row."""
    fixed = tuple(constants.values())
    return (
        "import_batch_item",
        ("id", "party_id", *constants),
        [(item_id, hex_id(b), *fixed) for item_id, b in zip(uuid7_hex(len(chunk)), chunk, strict=True)],
    )


#: Columns of a created party's external id, in the order `_created_external_ids` writes them.
_EXTERNAL_ID_COLUMNS = (
    "id",
    "party_id",
    "source",
    "value",
    "value_key",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
)


def _created_external_ids(
    codec: _Codec, ids: list[tuple[UUID, str]], source: str, stamp: dt.datetime, actor: Any
) -> TableRows:
    """External ids of created parties (they go with the party when undo deletes it)."""
    at = codec.stamp(stamp)
    return (
        "party_external_id",
        _EXTERNAL_ID_COLUMNS,
        [
            (codec.id(uuid7()), codec.id(party_id), source, value[:120], external_key(value), at, at, actor, actor)
            for party_id, value in ids
        ],
    )


def external_key(value: str) -> str:
    """An external id as matching compares it: case and spaces do not count."""
    return "".join(value.split()).casefold()[:120]


def add_external_id(session: Session, batch_id: UUID, party_id: UUID, source: str, value: str) -> None:
    """Give a party an external id of `source` unless it has one already (or another party holds it).

    Recorded in the batch, so undo removes it again.
    """
    key = external_key(value)
    taken = session.scalar(
        select(PartyExternalId.party_id).where(PartyExternalId.source == source, PartyExternalId.value_key == key)
    )
    own = session.scalar(
        select(PartyExternalId.id).where(PartyExternalId.source == source, PartyExternalId.party_id == party_id)
    )
    if taken is not None or own is not None:
        return
    # The id is given here, so nothing is flushed for it: the next call's look-ups flush it (autoflush).
    row = PartyExternalId(id=uuid7(), party_id=party_id, source=source, value=value[:120], value_key=key)
    session.add(row)
    session.add(ImportBatchRecord(batch_id=batch_id, entity="external_id", entity_id=row.id, action="created"))


def add_external_ids(session: Session, batch_id: UUID, source: str, given: Sequence[tuple[UUID, str]]) -> None:
    """`add_external_id` for each (party, value) in order, with what is stored read a slice at a time."""
    taken: set[str] = set()
    owners: set[UUID] = set()
    keys = list(dict.fromkeys(external_key(value) for _party, value in given))
    for part in slices(keys):
        taken.update(
            session.scalars(
                select(PartyExternalId.value_key).where(
                    PartyExternalId.source == source, PartyExternalId.value_key.in_(part)
                )
            )
        )
    for parties in slices(list(dict.fromkeys(party for party, _value in given))):
        owners.update(
            session.scalars(
                select(PartyExternalId.party_id).where(
                    PartyExternalId.source == source, PartyExternalId.party_id.in_(parties)
                )
            )
        )
    for party_id, value in given:
        key = external_key(value)
        if key in taken or party_id in owners:
            continue
        taken.add(key)
        owners.add(party_id)
        row = PartyExternalId(id=uuid7(), party_id=party_id, source=source, value=value[:120], value_key=key)
        session.add(row)
        session.add(ImportBatchRecord(batch_id=batch_id, entity="external_id", entity_id=row.id, action="created"))


def _is_suppressed(draft: PartyDraft, erased: set[str]) -> bool:
    return any(e.address in erased for e in draft.emails) or any(p.number in erased for p in draft.phones)


def _name_of(draft: PartyDraft | None) -> str:
    if draft is None:
        return ""
    if draft.is_person:
        return " ".join(p for p in (draft.first_name, draft.last_name) if p)
    return draft.name


def _merge(current: PartyDraft, new: PartyDraft, *, overwrite: bool) -> PartyDraft:
    """The existing draft updated from the file: empty cells never erase anything.

    fill: only empty fields are filled (e-mails, phones and tags not yet there are added);
    overwrite: every value present in the file replaces the stored one.
    """
    changes: dict[str, Any] = {}
    scalar = ("civility", "first_name", "last_name", "name", "job_title", "birth_date", "website")
    for field in (*scalar, "registration_number", "notes"):
        value = getattr(new, field)
        if value in ("", None) or (field in ("first_name", "last_name", "name") and current.kind != new.kind):
            continue
        if overwrite or getattr(current, field) in ("", None):
            changes[field] = value
    if new.emails:
        if overwrite:
            changes["emails"] = new.emails
        else:
            have = {e.address.casefold() for e in current.emails}
            changes["emails"] = current.emails + tuple(e for e in new.emails if e.address.casefold() not in have)
    if new.phones:
        if overwrite:
            changes["phones"] = new.phones
        else:
            have_numbers = {p.number for p in current.phones}
            changes["phones"] = current.phones + tuple(p for p in new.phones if p.number not in have_numbers)
    if new.addresses and (overwrite or not current.addresses):
        changes["addresses"] = new.addresses + (current.addresses[1:] if overwrite else ())
    if new.tags:
        have_tags = {t.casefold() for t in current.tags}
        changes["tags"] = current.tags + tuple(t for t in new.tags if t.casefold() not in have_tags)
    linked = bool(new.affiliations) and any(
        a.organisation_id == new.affiliations[0].organisation_id for a in current.affiliations
    )
    if new.affiliations and current.is_person and (overwrite or not current.affiliations) and not linked:
        changes["affiliations"] = new.affiliations + (current.affiliations if not overwrite else ())
    return dataclasses.replace(current, **changes)


class _MatchIndex:
    """Existing live parties by matching key, looked up a chunk of keys at a time."""

    def __init__(self, db: Database, match: str, source: str = "import") -> None:
        self.db = db
        self.match = match
        self.source = source
        #: Set by a run whose look-ups all happen under the SQLite write lock it holds until it
        #: commits: no one else can add a party meanwhile, so an empty workspace stays empty.
        self.under_write_lock = False
        #: Whether the workspace is known to hold no party until this import commits (None: not known).
        self.known_empty: bool | None = None

    def _empty(self) -> bool:
        """Whether the workspace held no party at the first look-up under the write lock (then none is asked)."""
        if self.known_empty is None and self.under_write_lock and self.db.is_sqlite:
            with self.db.session() as session:
                self.known_empty = session.scalars(select(Party.id).limit(1)).first() is None
        return bool(self.known_empty)

    def lookup(self, keys: set[str]) -> dict[str, UUID]:
        if not keys or self._empty():
            return {}
        by_kind: dict[str, list[str]] = {}
        for key in keys:
            by_kind.setdefault(key[0], []).append(key[2:])
        rows: list[tuple[str, UUID]] = []
        queries = _lookup_queries(self.db.engine.dialect.name)
        with self.db.session() as session:
            if not self.db.is_sqlite:
                _plan_key_lookups(session)
            # Keys held by child rows: the rows first, then their live parties by primary key (one
            # join-free query per table, so no plan can start from the parties).
            held: list[tuple[str, UUID]] = []
            for kind in "etx":
                if kind in by_kind:
                    given: dict[str, Any] = {"keys": by_kind[kind]}
                    if kind == "x":  # external ids are looked up within their source
                        given["source"] = self.source
                    held.extend((f"{kind}|{r[0]}", r[1]) for r in session.execute(queries[kind], given))
            if held:
                ids = list({party_id for _key, party_id in held})
                age = {r[0]: (r[1], r[0]) for r in session.execute(queries["live"], {"keys": ids})}
                rows.extend(sorted((pair for pair in held if pair[1] in age), key=lambda pair: age[pair[1]]))
            if "p" in by_kind:
                people = [k.split("|")[0] for k in by_kind["p"]]
                rows.extend((f"p|{r[0]}|{r[1]}", r[2]) for r in session.execute(queries["p"], {"keys": people}))
            if "o" in by_kind:
                rows.extend((f"o|{r[0]}", r[1]) for r in session.execute(queries["o"], {"keys": by_kind["o"]}))
        found: dict[str, UUID] = {}
        for key, party_id in rows:
            # The oldest record wins when several share a key (the merge tool sorts them out).
            found.setdefault(key, party_id)
        return found


def _any_of(column: Any, parameter: str) -> Any:
    """PostgreSQL: `column = ANY(:parameter)`, the values given as one array of the column's type."""
    return column == any_(bindparam(parameter, type_=ARRAY(column.type)))


@functools.cache
def _lookup_queries(dialect: str) -> dict[str, Any]:
    """The queries of `_MatchIndex.lookup` by kind of key, built once, with the keys in one
    parameter `keys`: expanded into `IN (?, ...)` on SQLite, an array for `= ANY` on PostgreSQL
    (a 500-placeholder statement would be split on the client for each look-up). Built per
    call with the keys as literals, a million keys against a million contacts took 3.8–4.0 s,
    against 3.1 s."""

    def among(column: Any) -> Any:
        if dialect == "sqlite":
            return column.in_(bindparam("keys", expanding=True))
        return _any_of(column, "keys")

    live = Party.deleted_at.is_(None)
    address = func.lower(PartyEmail.address, type_=String)
    by_age = (Party.created_at, Party.id)
    return {
        "e": select(address, PartyEmail.party_id).where(among(address)),
        "t": select(PartyPhone.number, PartyPhone.party_id).where(among(PartyPhone.number)),
        "x": select(PartyExternalId.value_key, PartyExternalId.party_id).where(
            PartyExternalId.source == bindparam("source"), among(PartyExternalId.value_key)
        ),
        "live": select(Party.id, Party.created_at).where(live, among(Party.id)),
        "p": select(Party.sort_name, Party.organisation_key, Party.id)
        .where(live, Party.kind == PartyKind.PERSON.value, among(Party.sort_name))
        .order_by(*by_age),
        "o": select(Party.sort_name, Party.id)
        .where(live, Party.kind == PartyKind.ORGANISATION.value, among(Party.sort_name))
        .order_by(*by_age),
    }


def _plan_key_lookups(session: Session) -> None:
    """Make this read transaction look keys up through the indexes, whatever the statistics say.

    A workspace filled by a running import has no statistics yet (the load's ANALYZE is not
    committed), so PostgreSQL estimates that `= ANY` of 500 keys matches 92% of a table and
    scans every row the load has written so far, on each chunk: the look-ups of a million-row
    import then read ~10^9 rows. A chunk's keys match a few rows each, so index probes are the
    right plan at any table size (and the inflated estimates must not start JIT compiling);
    SET LOCAL ends with the transaction.
    """
    settings = ("enable_seqscan", "jit")
    session.execute(select(*(func.set_config(setting, "off", True) for setting in settings)))


class _OrganisationIndex:
    """Live organisations by folded name, loaded once (they are few compared with people)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.known: dict[str, UUID] = {}
        self._loaded = False

    def known_empty(self) -> None:
        """No organisation is stored (nothing to load)."""
        self._loaded = True

    def find(self, key: str) -> UUID | None:
        if not self._loaded:
            with self.db.session() as session:
                stmt = (
                    select(Party.sort_name, Party.id)
                    .where(Party.deleted_at.is_(None), Party.kind == PartyKind.ORGANISATION.value)
                    .order_by(Party.created_at.desc())
                )
                for name, party_id in session.execute(stmt):
                    self.known[name] = party_id
            self._loaded = True
        return self.known.get(key)


def load_drafts(session: Session, ids: Sequence[UUID]) -> dict[UUID, tuple[int, PartyDraft]]:
    """Each party's version and `_draft_of` draft, read with one Core query per table.

    The same drafts as loading the parties with the ORM (tested), at a fraction of the cost:
    an import into a full workspace reads every matched party this way.
    """
    return {party_id: (version, draft) for party_id, (version, draft, _at) in read_drafts(session, ids).items()}


def read_drafts(session: Session, ids: Sequence[UUID]) -> dict[UUID, tuple[int, PartyDraft, dt.datetime]]:
    """`load_drafts` with each party's last change (`updated_at`): what an export writes of a party."""
    found: dict[UUID, tuple[int, PartyDraft, dt.datetime]] = {}
    for start in range(0, len(ids), 500):
        found.update(_load_drafts(session, list(ids[start : start + 500])))
    return found


def _by_party(rows: Any, build: Callable[..., Any]) -> dict[UUID, list[Any]]:
    """`build(*values)` of each row (party id first, then the values), grouped by party in row order."""
    grouped: dict[UUID, list[Any]] = {}
    for party_id, *values in rows:
        grouped.setdefault(party_id, []).append(build(*values))
    return grouped


#: The party's own columns `_load_drafts` reads.
_DRAFT_PARTY_COLUMNS = (
    "id version kind civility first_name last_name display_name job_title birth_date website "
    "registration_number notes owner_id private updated_at"
)


def _json_hex_ids(ids: list[UUID]) -> str:
    return json.dumps([i.hex for i in ids])


@functools.cache
def _draft_queries(dialect: str) -> tuple[Callable[[list[UUID]], Any], tuple[Any, ...]]:
    """How to give the ids, and the queries of `_load_drafts`, built once, in Core, with the ids in
    one parameter `ids`: a JSON array of hex ids read by `json_each` on SQLite (how it stores
    ids), an array on PostgreSQL. Built per call with the ORM's attributes and `IN` (one
    parameter per id, each through the column's type), reading 20,000 matched parties took
    1.7–1.9 s instead of 1.2–1.5 s."""
    party, email, phone = Party.__table__, PartyEmail.__table__, PartyPhone.__table__
    address, role, link, tag = PartyAddress.__table__, PartyRole.__table__, Affiliation.__table__, Tag.__table__
    given: Callable[[list[UUID]], Any]
    if dialect == "sqlite":
        listed = func.json_each(bindparam("ids", type_=String)).table_valued("value")
        given = _json_hex_ids

        def among(column: Any) -> Any:
            return column.in_(select(listed.c.value))

    else:
        given = list

        def among(column: Any) -> Any:
            return _any_of(column, "ids")

    organisation = party.alias("organisation")
    columns = ("street", "street2", "postcode", "city", "country", "label")
    return given, (
        select(email.c.party_id, email.c.address, email.c.label)
        .where(among(email.c.party_id))
        .order_by(email.c.party_id, email.c.position),
        select(phone.c.party_id, phone.c.number, phone.c.label)
        .where(among(phone.c.party_id))
        .order_by(phone.c.party_id, phone.c.position),
        select(address.c.party_id, *(address.c[name] for name in columns))
        .where(among(address.c.party_id))
        .order_by(address.c.party_id, address.c.position),
        select(party_tag.c.party_id, tag.c.name)
        .join(tag, tag.c.id == party_tag.c.tag_id)
        .where(among(party_tag.c.party_id))
        .order_by(party_tag.c.party_id, tag.c.name),
        select(role.c.party_id, role.c.role, role.c.since, role.c.until, role.c.status, role.c.category, role.c.note)
        .where(among(role.c.party_id))
        .order_by(role.c.party_id, role.c.since),
        select(link.c.person_id, link.c.organisation_id, link.c["function"], organisation.c.display_name)
        .outerjoin(organisation, organisation.c.id == link.c.organisation_id)
        .where(among(link.c.person_id))
        .order_by(link.c.person_id, link.c.position),
        select(*(party.c[name] for name in _DRAFT_PARTY_COLUMNS.split())).where(among(party.c.id)),
    )


def _load_drafts(session: Session, ids: list[UUID]) -> dict[UUID, tuple[int, PartyDraft, dt.datetime]]:
    conn = session.connection()
    encode, queries = _draft_queries(conn.dialect.name)
    emails_q, phones_q, addresses_q, tags_q, roles_q, links_q, parties_q = queries
    given = {"ids": encode(ids)}
    emails = _by_party(conn.execute(emails_q, given), EmailEntry)
    phones = _by_party(conn.execute(phones_q, given), PhoneEntry)
    addresses = _by_party(conn.execute(addresses_q, given), AddressEntry)
    tags = _by_party(conn.execute(tags_q, given), str)
    roles = _by_party(conn.execute(roles_q, given), RoleEntry)
    links = _by_party(
        conn.execute(links_q, given),
        lambda organisation_id, function, name: AffiliationEntry(organisation_id, function, name or ""),
    )
    found: dict[UUID, tuple[int, PartyDraft, dt.datetime]] = {}
    organisation_kind = PartyKind.ORGANISATION.value
    for row in conn.execute(parties_q, given):
        party_id = row.id
        found[party_id] = (
            row.version,
            PartyDraft(
                kind=row.kind,
                civility=row.civility or "",
                first_name=row.first_name or "",
                last_name=row.last_name or "",
                name=row.display_name if row.kind == organisation_kind else "",
                job_title=row.job_title or "",
                birth_date=row.birth_date,
                website=row.website or "",
                registration_number=row.registration_number or "",
                notes=row.notes or "",
                emails=tuple(emails.get(party_id, ())),
                phones=tuple(phones.get(party_id, ())),
                addresses=tuple(addresses.get(party_id, ())),
                tags=tuple(sorted(tags.get(party_id, ()), key=sort_key)),
                roles=tuple(sorted(roles.get(party_id, ()), key=lambda r: (r.since, r.role))),
                affiliations=tuple(links.get(party_id, ())),
                owner_id=row.owner_id,
                private=bool(row.private),
            ),
            row.updated_at,
        )
    return found


def _load_parties(ids: Sequence[UUID]) -> Any:
    return (
        select(Party)
        .where(Party.id.in_(list(ids)))
        .options(
            selectinload(Party.emails),
            selectinload(Party.phones),
            selectinload(Party.addresses),
            selectinload(Party.roles),
            selectinload(Party.tags),
            selectinload(Party.affiliations).selectinload(Affiliation.organisation),
        )
    )


def _light(outcome: RowOutcome) -> RowOutcome:
    """What a result keeps of a row: no drafts (a million of them would not fit in memory)."""
    return dataclasses.replace(outcome, draft=None, previous=None, values=outcome.values if outcome.issues else ())


#: Parties an undo takes at a time (one IN list of ids; `paging.IN_LIST_SIZE`).
UNDO_PAGE = IN_LIST_SIZE
#: Above this many parties, an undo is announced without their ids (see `ImportService.undo`).
UNDO_ANNOUNCED_IDS = 1000


@dataclasses.dataclass
class _UndoPlan:
    """What undoing a batch does to its parties, read in one pass before anything is written.

    The parties still as the batch left them (same version) are deleted if it created them and
    given back their previous values if it updated them; the others, changed since, are left
    alone and listed with their names. A party deleted since has nothing to undo.
    """

    created: list[UUID]
    updated: list[UUID]
    changed: list[tuple[UUID, str]]

    @classmethod
    def read(cls, session: Session, batch_id: UUID) -> _UndoPlan:
        plan = cls([], [], [])
        same = Party.version == ImportBatchItem.version_after
        rows = session.execute(
            select(ImportBatchItem.party_id, ImportBatchItem.action, same, Party.display_name)
            .join(Party, Party.id == ImportBatchItem.party_id)
            .where(ImportBatchItem.batch_id == batch_id)
            .execution_options(yield_per=10_000)
        )
        for party_id, action, unchanged, name in rows:
            if not unchanged:
                plan.changed.append((party_id, name))
            elif action == "created":
                plan.created.append(party_id)
            else:
                plan.updated.append(party_id)
        return plan


class _Tally:
    """Counts per action, and the rows worth showing (those with a reason); never every row."""

    #: Skipped rows listed at most (a re-import of a big unchanged file skips every row); errors are all kept.
    MAX_SKIPPED_LISTED = 10_000

    def __init__(self) -> None:
        self.counts = {"create": 0, "update": 0, "skip": 0, "error": 0}
        self.kept: list[RowOutcome] = []

    def add(self, outcome: RowOutcome) -> None:
        self.counts[outcome.action] += 1
        if outcome.action == "skip" and self.counts["skip"] > self.MAX_SKIPPED_LISTED:
            return
        if outcome.issues:
            self.kept.append(_light(outcome))

    def replace(self, before: RowOutcome, after: RowOutcome) -> None:
        self.counts[before.action] -= 1
        self.add(after)

    def result(self, info: TableInfo, organisations: int) -> ImportResult:
        c = self.counts
        return ImportResult(
            rows=sum(c.values()),
            created=c["create"],
            updated=c["update"],
            skipped=c["skip"],
            errors=c["error"],
            organisations_created=organisations,
            outcomes=tuple(sorted(self.kept, key=lambda o: o.number)),
            info=info,
        )


class _ErrorsWriter:
    """The rows in error with their original columns and a reason, in a CSV the user can fix and re-import."""

    def __init__(self, path: Path, headers: Sequence[str], reason: Callable[[RowIssue], str]) -> None:
        self.path = path
        self.reason = reason
        self.handle = path.open("w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.handle, delimiter=";")
        self.writer.writerow([*headers, "Erreur / Error"])

    def write(self, outcome: RowOutcome) -> None:
        from ekocrm_desktop.services.exporting import neutralise

        self.writer.writerow(
            [neutralise(v) for v in outcome.values] + [" ; ".join(self.reason(i) for i in outcome.issues)]
        )

    def close(self) -> None:
        self.handle.close()


def write_errors(
    result: ImportResult, headers: Sequence[str], path: Path, reason: Callable[[RowIssue], str] = describe
) -> int:
    """Write the rows in error of a dry run or a run to `path`; returns how many."""
    writer = _ErrorsWriter(path, headers, reason)
    try:
        for outcome in result.problems:
            writer.write(outcome)
    finally:
        writer.close()
    return len(result.problems)


# ---------------------------------------------------------------------------- drafts as JSON
def draft_to_json(draft: PartyDraft) -> dict[str, Any]:
    """A draft as JSON (undo keeps the values an update replaced).

    What `dataclasses.asdict` then dates and UUIDs as text would give, without asdict's deep
    copies (an import into a full workspace writes one per matched row).
    """
    return _plain_json(draft)  # type: ignore[no-any-return]


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _plain_json(value: Any) -> Any:
    if isinstance(value, str | int | float | type(None)):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_json(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _plain_json(getattr(value, name)) for name in _field_names(type(value))}
    return value


def draft_from_json(data: dict[str, Any]) -> PartyDraft:
    """The draft `draft_to_json` wrote."""

    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    return PartyDraft(
        kind=data["kind"],
        civility=data.get("civility", ""),
        first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""),
        name=data.get("name", ""),
        job_title=data.get("job_title", ""),
        birth_date=day(data.get("birth_date")),
        website=data.get("website", ""),
        registration_number=data.get("registration_number", ""),
        notes=data.get("notes", ""),
        emails=tuple(EmailEntry(**e) for e in data.get("emails", [])),
        phones=tuple(PhoneEntry(**p) for p in data.get("phones", [])),
        addresses=tuple(AddressEntry(**a) for a in data.get("addresses", [])),
        tags=tuple(data.get("tags", [])),
        roles=tuple(
            RoleEntry(
                r["role"], dt.date.fromisoformat(r["since"]), day(r.get("until")), r["status"], r["category"], r["note"]
            )
            for r in data.get("roles", [])
        ),
        affiliations=tuple(
            AffiliationEntry(UUID(a["organisation_id"]), a.get("function", ""), a.get("organisation_name", ""))
            for a in data.get("affiliations", [])
        ),
        owner_id=UUID(data["owner_id"]) if data.get("owner_id") else None,
        private=bool(data.get("private", False)),
    )


def load_mapping(path: Path) -> ImportOptions:
    """Options saved with `save_mapping` (or a bare {column: field} JSON object)."""
    return ImportOptions.from_json(json.loads(path.read_text(encoding="utf-8")))


def save_mapping(options: ImportOptions, path: Path) -> None:
    """Save options to reuse them on the next file of the same shape."""
    path.write_text(json.dumps(options.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")


_COUNTRIES: dict[str, str] | None = None


def country_code(text: str) -> str | None:
    """ISO code of a country written as a code or a name in French or English ("France", "Belgique", "BE")."""
    global _COUNTRIES
    value = text.strip()
    if len(value) == 2 and value.isalpha():
        return value.upper()
    if _COUNTRIES is None:
        from babel import Locale

        _COUNTRIES = {}
        for lang in ("en", "fr"):
            for code, name in Locale.parse(lang).territories.items():
                if len(code) == 2 and code.isalpha():
                    _COUNTRIES.setdefault(sort_key(name), code)
    return _COUNTRIES.get(sort_key(value))
