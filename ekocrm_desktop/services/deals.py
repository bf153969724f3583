"""Deals ("affaires") and their configurable pipeline.

A deal belongs to a party (an organisation, or a person buying alone), is followed by an
owner (a collaborator), sits in a pipeline stage and is open, won or lost. Its amount is typed
by hand, or, once it has lines of articles, is their total before VAT. Moving a deal to a stage
marked won closes it and turns its party from prospect into client (dated roles: the role
history keeps both). The kanban board reads each column in pages, with counts and totals
computed in SQL, so it opens as fast with 10,000 open deals as with 10.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, aliased, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.search import SearchBackend, search_backend
from ekocrm_desktop.db.textnorm import fold
from ekocrm_desktop.models.campaigns import Campaign
from ekocrm_desktop.models.domains import (
    Article,
    ChoiceListKey,
    Deal,
    DealContact,
    DealLine,
    DealStatus,
    PipelineStage,
)
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party, PartyRole
from ekocrm_desktop.services.articles import CENT, check_money, check_vat_rate, parse_decimal, read_choices
from ekocrm_desktop.services.domains import turn_into_client
from ekocrm_desktop.services.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ServiceError,
    ValidationFailedError,
    denied,
)
from ekocrm_desktop.services.paging import AnySelect, PageRequest, SortKey, fetch_window, slices

#: Change kinds announced by this service.
DEAL = "deal"
STAGE = "pipeline_stage"
PARTY = "party"

STATUSES = tuple(s.value for s in DealStatus)
#: Ranks of cards within a column are spaced so a drop between two cards rarely renumbers.
RANK_STEP = 1024
#: Cards a board column shows before "more".
COLUMN_PAGE = 50
#: Closed deals stay visible in the won and lost columns this many days.
RECENTLY_CLOSED_DAYS = 30
QUANTITY_STEP = Decimal("0.001")


@dataclasses.dataclass(frozen=True)
class DefaultStage:
    """A stage of the pipeline a new workspace starts with."""

    name: str
    probability: int
    is_won: bool = False
    is_lost: bool = False


#: The French pipeline seeded when a workspace has none (names are data, edited by the user).
DEFAULT_PIPELINE = (
    DefaultStage("Qualification", 10),
    DefaultStage("Proposition", 30),
    DefaultStage("Négociation", 60),
    DefaultStage("Gagnée", 100, is_won=True),
    DefaultStage("Perdue", 0, is_lost=True),
)


# ---------------------------------------------------------------------------- DTOs
@dataclasses.dataclass(frozen=True)
class StageDraft:
    """What the pipeline editor edits about a stage."""

    name: str
    probability: int = 0
    is_won: bool = False
    is_lost: bool = False


@dataclasses.dataclass(frozen=True)
class StageInfo:
    """A stored stage."""

    id: UUID
    version: int
    name: str
    position: int
    probability: int
    is_won: bool
    is_lost: bool

    @property
    def is_closing(self) -> bool:
        """Whether entering it closes a deal (won or lost)."""
        return self.is_won or self.is_lost


class StageInUseError(ServiceError):
    """A stage still holds deals: move them to another stage first."""

    def __init__(self, stage_id: UUID, count: int) -> None:
        super().__init__(f"{count} deals use this stage")
        self.stage_id = stage_id
        self.count = count


@dataclasses.dataclass(frozen=True)
class LineEntry:
    """A line of a deal: an article (or free text), quantity, unit price before VAT, VAT rate (percent)."""

    description: str
    quantity: Decimal = Decimal("1")
    unit_price: Decimal = Decimal("0")
    vat_rate: Decimal = Decimal("20.00")
    article_id: UUID | None = None

    @property
    def total(self) -> Decimal:
        """Quantity × unit price, rounded half-up to the cent."""
        return cents(self.quantity * self.unit_price)

    @property
    def vat(self) -> Decimal:
        """The VAT of the line, rounded half-up to the cent."""
        return cents(self.total * self.vat_rate / 100)


@dataclasses.dataclass(frozen=True)
class ContactEntry:
    """A person involved in a deal, with their function in it (the name is filled when read)."""

    party_id: UUID
    function: str = ""
    name: str = ""


@dataclasses.dataclass(frozen=True)
class Totals:
    """A quote's totals: before VAT (HT), VAT (TVA) and with VAT (TTC)."""

    net: Decimal
    vat: Decimal
    gross: Decimal


def cents(value: Decimal) -> Decimal:
    """Round half-up to the cent (how a French invoice rounds)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def totals(lines: Iterable[LineEntry]) -> Totals:
    """Totals of lines: each line is rounded, then summed (what the printed quote shows)."""
    net = vat = Decimal("0.00")
    for line in lines:
        net += line.total
        vat += line.vat
    return Totals(net, vat, net + vat)


@dataclasses.dataclass(frozen=True)
class DealDraft:
    """Everything the deal form edits."""

    title: str
    stage_id: UUID | None = None
    party_id: UUID | None = None
    owner_id: UUID | None = None
    #: Ignored when there are lines (their total before VAT is the amount).
    amount: Decimal = Decimal("0")
    #: None: the stage's default probability.
    probability: int | None = None
    expected_close: dt.date | None = None
    status: str = DealStatus.OPEN.value
    lost_reason: str = ""
    source: str = ""
    notes: str = ""
    private: bool = False
    lines: tuple[LineEntry, ...] = ()
    contacts: tuple[ContactEntry, ...] = ()
    #: The campaign the deal came from (a campaign's results count its won deals and revenue).
    campaign_id: UUID | None = None


@dataclasses.dataclass(frozen=True)
class DealDetail:
    """A stored deal: its draft plus names, totals and audit data."""

    id: UUID
    version: int
    draft: DealDraft
    party_name: str
    owner_name: str
    stage_name: str
    closed_on: dt.date | None
    totals: Totals
    currency: str
    created_at: dt.datetime
    updated_at: dt.datetime
    created_by: str | None
    updated_by: str | None
    deleted_at: dt.datetime | None

    @property
    def display_name(self) -> str:
        """Its title."""
        return self.draft.title

    @property
    def status(self) -> str:
        """open, won or lost."""
        return self.draft.status


@dataclasses.dataclass(frozen=True)
class DealQuery:
    """Filters of the deals list."""

    text: str = ""
    stage_id: UUID | None = None
    owner_id: UUID | None = None
    status: str | None = None
    party_id: UUID | None = None
    trash: bool = False


@dataclasses.dataclass(frozen=True)
class DealRow:
    """One line of the deals list."""

    id: UUID
    title: str
    party_id: UUID | None
    party_name: str
    owner_name: str
    amount: Decimal
    currency: str
    probability: int
    stage_id: UUID
    stage_name: str
    expected_close: dt.date | None
    status: str
    lost_reason: str
    closed_on: dt.date | None
    deleted_at: dt.datetime | None
    sort_key: SortKey


@dataclasses.dataclass(frozen=True)
class DealCard:
    """A card of the kanban board."""

    id: UUID
    version: int
    title: str
    party_name: str
    owner_name: str
    amount: Decimal
    currency: str
    probability: int
    expected_close: dt.date | None
    status: str
    rank: int


@dataclasses.dataclass(frozen=True)
class BoardColumn:
    """One stage of the board: its cards (the first page), how many there are, and the totals."""

    stage: StageInfo
    count: int
    total: Decimal
    weighted: Decimal
    cards: tuple[DealCard, ...]

    @property
    def has_more(self) -> bool:
        """Whether more cards than loaded sit in the column."""
        return self.count > len(self.cards)


@dataclasses.dataclass(frozen=True)
class PartyChoice:
    """A party offered in a combo (owners: the collaborators)."""

    id: UUID
    name: str


# ---------------------------------------------------------------------------- service
class DealService:
    """Use cases on deals, their lines and contacts, and the pipeline stages."""

    def __init__(
        self,
        db: Database,
        *,
        default_owner_id: UUID | None = None,
        today: Callable[[], dt.date] | None = None,
    ) -> None:
        self._db = db
        #: Owner given to new deals that name none (the connected collaborator on a team database).
        self._default_owner_id = default_owner_id
        self._today = today or (lambda: db.clock().astimezone().date())
        self._search = search_backend(db.dialect)

    def today(self) -> dt.date:
        """The day deals are closed on and roles dated (injected in tests)."""
        return self._today()

    # ------------------------------------------------------------------ pipeline
    def stages(self) -> list[StageInfo]:
        """The pipeline's stages, in order."""
        with self._db.session() as session:
            return [_stage_info(s) for s in session.scalars(_stages_stmt())]

    def ensure_default_pipeline(self) -> bool:
        """Write the default French pipeline when the workspace has no stage; True if written."""
        with self._db.session() as session:
            if session.scalar(select(func.count()).select_from(PipelineStage).where(_live_stage())):
                return False
        try:
            with self._db.write_session() as session:
                if session.scalar(select(func.count()).select_from(PipelineStage).where(_live_stage())):
                    return False
                for position, stage in enumerate(DEFAULT_PIPELINE, start=1):
                    session.add(
                        PipelineStage(
                            name=stage.name,
                            position=position,
                            probability=stage.probability,
                            is_won=stage.is_won,
                            is_lost=stage.is_lost,
                        )
                    )
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(STAGE))
        return True

    def validate_stage(self, draft: StageDraft, *, stage_id: UUID | None = None) -> tuple[StageDraft, list[FieldError]]:
        """The stage normalised, and its problems."""
        errors: list[FieldError] = []
        name = " ".join(draft.name.split())
        if not name:
            errors.append(FieldError("name", "required"))
        elif len(name) > 80:
            errors.append(FieldError("name", "too_long", name[:30], {"max": 80}))
        else:
            with self._db.session() as session:
                clash = session.scalar(
                    select(PipelineStage.id).where(_live_stage(), func.lower(PipelineStage.name) == name.lower())
                )
            if clash is not None and clash != stage_id:
                errors.append(FieldError("name", "duplicate_name", name))
        if not 0 <= draft.probability <= 100:
            errors.append(FieldError("probability", "out_of_range", str(draft.probability), {"min": 0, "max": 100}))
        if draft.is_won and draft.is_lost:
            errors.append(FieldError("is_lost", "stage_won_and_lost"))
        return dataclasses.replace(draft, name=name), errors

    def save_stage(
        self, draft: StageDraft, *, stage_id: UUID | None = None, expected_version: int | None = None
    ) -> StageInfo:
        """Add a stage at the end (no id) or change one (rename, probability, won/lost flags)."""
        clean, errors = self.validate_stage(draft, stage_id=stage_id)
        if errors:
            raise ValidationFailedError(errors)
        try:
            with self._db.write_session() as session:
                if stage_id is None:
                    last = session.scalar(select(func.max(PipelineStage.position)).where(_live_stage()))
                    row = PipelineStage(position=(last or 0) + 1)
                    session.add(row)
                else:
                    row = _load_stage(session, stage_id)
                    if expected_version is not None and row.version != expected_version:
                        raise ConflictError(_stage_info(row), expected_version=expected_version)
                row.name = clean.name
                row.probability = clean.probability
                row.is_won = clean.is_won
                row.is_lost = clean.is_lost
                session.flush()
                info = _stage_info(row)
                session.commit()
        except StaleDataError:
            current = self.stage(stage_id) if stage_id is not None else None
            raise ConflictError(current, expected_version=expected_version or 0) from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(STAGE, [info.id]))
        return info

    def stage(self, stage_id: UUID) -> StageInfo:
        """One stage."""
        with self._db.session() as session:
            return _stage_info(_load_stage(session, stage_id))

    def move_stage(self, stage_id: UUID, index: int) -> list[StageInfo]:
        """Put a stage at `index` (0 = first) of the pipeline; returns the new order."""
        try:
            with self._db.write_session() as session:
                rows = list(session.scalars(_stages_stmt()))
                moving = next((r for r in rows if r.id == stage_id), None)
                if moving is None:
                    raise NotFoundError(f"stage {stage_id} not found")
                rows.remove(moving)
                rows.insert(max(0, min(index, len(rows))), moving)
                for position, row in enumerate(rows, start=1):
                    if row.position != position:
                        row.position = position
                session.flush()
                result = [_stage_info(r) for r in rows]
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(STAGE, [r.id for r in result]))
        return result

    def stage_usage(self, stage_id: UUID) -> int:
        """How many deals (the trashed ones included) sit in a stage."""
        with self._db.session() as session:
            return int(session.scalar(select(func.count()).where(Deal.stage_id == stage_id)) or 0)

    def delete_stage(self, stage_id: UUID, *, move_to: UUID | None = None) -> int:
        """Remove a stage; its deals go to `move_to` first.

        Without `move_to`, a stage in use is refused with StageInUseError (its count of deals).
        Returns how many deals were moved.
        """
        moved = 0
        try:
            with self._db.write_session() as session:
                row = _load_stage(session, stage_id)
                used = int(session.scalar(select(func.count()).where(Deal.stage_id == stage_id)) or 0)
                if used and move_to is None:
                    raise StageInUseError(stage_id, used)
                if used and move_to is not None:
                    if move_to == stage_id:
                        raise StageInUseError(stage_id, used)
                    target = _load_stage(session, move_to)
                    deals = session.scalars(select(Deal).where(Deal.stage_id == stage_id)).all()
                    top = self._top_rank(session, target.id)
                    for offset, deal in enumerate(deals, start=1):
                        deal.stage_id = target.id
                        deal.rank = top - offset * RANK_STEP
                        self._follow_stage(session, deal, target, reason="")
                    moved = len(deals)
                    session.flush()
                session.delete(row)
                remaining = list(session.scalars(_stages_stmt().where(PipelineStage.id != stage_id)))
                for position, other in enumerate(remaining, start=1):
                    if other.position != position:
                        other.position = position
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(STAGE, [stage_id], DEAL))
        return moved

    # ------------------------------------------------------------------ choices
    def lost_reasons(self) -> list[tuple[str, str]]:
        """(code, label) of the "lost_reason" settings list (empty when none were set)."""
        with self._db.session() as session:
            return read_choices(session, ChoiceListKey.LOST_REASON.value)

    def sources(self) -> list[tuple[str, str]]:
        """(code, label) of the "deal_source" settings list."""
        with self._db.session() as session:
            return read_choices(session, ChoiceListKey.DEAL_SOURCE.value)

    def campaigns(self) -> list[tuple[UUID, str]]:
        """(id, name) of the live campaigns, newest first: where a deal may come from."""
        with self._db.session() as session:
            rows = session.execute(
                select(Campaign.id, Campaign.name)
                .where(Campaign.deleted_at.is_(None))
                .order_by(Campaign.created_at.desc(), Campaign.id.desc())
            ).all()
        return [(r[0], r[1]) for r in rows]

    def collaborators(self) -> list[PartyChoice]:
        """Parties holding the collaborator role today: who can own a deal."""
        today = self.today()
        stmt = (
            select(Party.id, Party.display_name)
            .where(
                Party.deleted_at.is_(None),
                Party.id.in_(
                    select(PartyRole.party_id).where(
                        PartyRole.role == RoleKind.COLLABORATOR.value,
                        PartyRole.since <= today,
                        or_(PartyRole.until.is_(None), PartyRole.until >= today),
                    )
                ),
            )
            .order_by(Party.sort_name, Party.id)
        )
        with self._db.session() as session:
            return [PartyChoice(r[0], r[1]) for r in session.execute(stmt)]

    # ------------------------------------------------------------------ validation
    def validate(self, draft: DealDraft) -> tuple[DealDraft, list[FieldError]]:
        """The draft normalised (amount from the lines, probability from the stage), and its problems."""
        errors: list[FieldError] = []
        title = " ".join(draft.title.split())
        if not title:
            errors.append(FieldError("title", "required"))
        elif len(title) > 200:
            errors.append(FieldError("title", "too_long", title[:40], {"max": 200}))
        if draft.status not in STATUSES:
            errors.append(FieldError("status", "required"))
        lines: list[LineEntry] = []
        for i, line in enumerate(draft.lines):
            field = f"lines.{i}"
            description = " ".join(line.description.split())
            if not description and line.article_id is None:
                errors.append(FieldError(field, "line_description_required"))
            if len(description) > 250:
                errors.append(FieldError(field, "too_long", description[:40], {"max": 250}))
            quantity = parse_decimal(line.quantity)
            if quantity is None or quantity <= 0 or quantity >= Decimal("1e9"):
                errors.append(FieldError(field, "quantity_invalid", str(line.quantity)))
                quantity = Decimal("1")
            elif quantity != quantity.quantize(QUANTITY_STEP):
                errors.append(FieldError(field, "quantity_invalid", str(line.quantity)))
            price = check_money(line.unit_price, field, errors)
            rate = check_vat_rate(line.vat_rate, field, errors)
            lines.append(LineEntry(description, quantity.quantize(QUANTITY_STEP), price, rate, line.article_id))
        if lines:
            amount = totals(lines).net
        else:
            amount = check_money(draft.amount, "amount", errors)
        status = draft.status
        with self._db.session() as session:
            stage = session.get(PipelineStage, draft.stage_id) if draft.stage_id is not None else None
            if stage is None or stage.deleted_at is not None:
                errors.append(FieldError("stage_id", "required"))
            elif stage.is_won:
                status = DealStatus.WON.value
            elif stage.is_lost:
                status = DealStatus.LOST.value
        if draft.probability is not None and not 0 <= draft.probability <= 100:
            errors.append(FieldError("probability", "out_of_range", str(draft.probability), {"min": 0, "max": 100}))
        if status == DealStatus.LOST.value and not draft.lost_reason.strip():
            errors.append(FieldError("lost_reason", "required"))
        seen: set[UUID] = set()
        contacts: list[ContactEntry] = []
        for i, contact in enumerate(draft.contacts):
            if contact.party_id in seen:
                errors.append(FieldError(f"contacts.{i}", "contact_twice", contact.name))
                continue
            seen.add(contact.party_id)
            contacts.append(dataclasses.replace(contact, function=" ".join(contact.function.split())[:120]))
        with self._db.session() as session:
            wanted = {x for x in (draft.party_id, draft.owner_id) if x is not None} | seen
            found = set(session.scalars(select(Party.id).where(Party.id.in_(wanted)))) if wanted else set()
            articles = {line.article_id for line in lines if line.article_id is not None}
            known = set(session.scalars(select(Article.id).where(Article.id.in_(articles)))) if articles else set()
        if draft.party_id is not None and draft.party_id not in found:
            errors.append(FieldError("party_id", "party_missing"))
        if draft.owner_id is not None and draft.owner_id not in found:
            errors.append(FieldError("owner_id", "party_missing"))
        if draft.campaign_id is not None:
            with self._db.session() as session:
                if (
                    session.scalar(
                        select(Campaign.id).where(Campaign.id == draft.campaign_id, Campaign.deleted_at.is_(None))
                    )
                    is None
                ):
                    errors.append(FieldError("campaign_id", "campaign_missing"))
        for i, contact in enumerate(contacts):
            if contact.party_id not in found:
                errors.append(FieldError(f"contacts.{i}", "party_missing"))
        for i, line in enumerate(lines):
            if line.article_id is not None and line.article_id not in known:
                errors.append(FieldError(f"lines.{i}", "article_missing"))
        if draft.private and draft.owner_id is None:
            errors.append(FieldError("private", "private_needs_owner"))
        clean = dataclasses.replace(
            draft,
            title=title,
            amount=amount,
            lines=tuple(lines),
            contacts=tuple(contacts),
            status=status,
            lost_reason=draft.lost_reason.strip()[:60] if status == DealStatus.LOST.value else "",
            source=draft.source.strip()[:60],
            notes=draft.notes.strip(),
        )
        return clean, errors

    # ------------------------------------------------------------------ writes
    def create(self, draft: DealDraft, *, deal_id: UUID | None = None) -> DealDetail:
        """Create a deal (at the top of its column); ValidationFailedError if the draft is invalid.

        `deal_id` (chosen in advance) makes a retried save idempotent.
        """
        if draft.owner_id is None and self._default_owner_id is not None:
            draft = dataclasses.replace(draft, owner_id=self._default_owner_id)
        if draft.stage_id is None:
            first = next((s for s in self.stages() if not s.is_closing), None)
            if first is not None:
                draft = dataclasses.replace(draft, stage_id=first.id)
        clean, errors = self.validate(draft)
        if errors:
            raise ValidationFailedError(errors)
        converted: list[UUID] = []
        try:
            with self._db.write_session() as session:
                if deal_id is not None and session.get(Deal, deal_id) is not None:
                    return self._detail(session, self._load(session, deal_id))
                stage = _load_stage(session, clean.stage_id)  # type: ignore[arg-type]
                deal = Deal(
                    id=deal_id or uuid7(),
                    status=DealStatus.OPEN.value,
                    stage_id=stage.id,
                    rank=self._top_rank(session, stage.id) - RANK_STEP,
                )
                self._apply(session, deal, clean, stage)
                session.add(deal)
                converted = self._settle(session, deal, clean, stage)
                session.flush()
                detail = self._detail(session, deal)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(DEAL, [detail.id, *converted], *((PARTY,) if converted else ())))
        return detail

    def update(self, deal_id: UUID, expected_version: int, draft: DealDraft) -> DealDetail:
        """Save a deal loaded at `expected_version`; ConflictError (with the current deal) if saved meanwhile."""
        clean, errors = self.validate(draft)
        if errors:
            raise ValidationFailedError(errors)
        converted: list[UUID] = []
        try:
            with self._db.write_session() as session:
                deal = self._load(session, deal_id)
                if deal.version != expected_version:
                    raise ConflictError(self._detail(session, deal), expected_version=expected_version)
                stage = _load_stage(session, clean.stage_id)  # type: ignore[arg-type]
                if deal.stage_id != stage.id:
                    deal.rank = self._top_rank(session, stage.id) - RANK_STEP
                    deal.stage_id = stage.id
                self._apply(session, deal, clean, stage)
                converted = self._settle(session, deal, clean, stage)
                # The version must move even when only lines or contacts changed.
                deal.updated_at = self._db.clock()
                session.flush()
                detail = self._detail(session, deal)
                session.commit()
        except StaleDataError:
            raise ConflictError(self.get(deal_id), expected_version=expected_version) from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(DEAL, [deal_id, *converted], *((PARTY,) if converted else ())))
        return detail

    def move_to_stage(
        self,
        deal_id: UUID,
        stage_id: UUID,
        *,
        after_id: UUID | None = None,
        expected_version: int | None = None,
        lost_reason: str = "",
    ) -> DealDetail:
        """A kanban drop: put the deal in `stage_id` just below the card `after_id` (None: on top).

        The probability becomes the stage's default; a won stage marks the deal won (closed
        today) and turns its party into a client; a lost stage needs `lost_reason`; leaving a
        closing stage for an open one reopens the deal.
        """
        converted: list[UUID] = []
        try:
            with self._db.write_session() as session:
                deal = self._load(session, deal_id)
                if expected_version is not None and deal.version != expected_version:
                    raise ConflictError(self._detail(session, deal), expected_version=expected_version)
                stage = _load_stage(session, stage_id)
                if stage.is_lost and not lost_reason.strip() and deal.status != DealStatus.LOST.value:
                    raise ValidationFailedError([FieldError("lost_reason", "required")])
                deal.rank = self._rank_after(session, stage.id, after_id, deal.id)
                deal.stage_id = stage.id
                deal.probability = stage.probability
                converted = self._follow_stage(session, deal, stage, reason=lost_reason.strip())
                deal.updated_at = self._db.clock()
                session.flush()
                detail = self._detail(session, deal)
                session.commit()
        except StaleDataError:
            raise ConflictError(self.get(deal_id), expected_version=expected_version or 0) from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(DEAL, [deal_id, *converted], *((PARTY,) if converted else ())))
        return detail

    def mark_won(self, deal_id: UUID, *, expected_version: int | None = None) -> DealDetail:
        """Close a deal as won (moved to the won stage when the pipeline has one)."""
        return self._close(deal_id, DealStatus.WON.value, "", expected_version)

    def mark_lost(self, deal_id: UUID, reason: str, *, expected_version: int | None = None) -> DealDetail:
        """Close a deal as lost with a reason (a code of the "lost_reason" list, or free text)."""
        if not reason.strip():
            raise ValidationFailedError([FieldError("lost_reason", "required")])
        return self._close(deal_id, DealStatus.LOST.value, reason.strip()[:60], expected_version)

    def reopen(self, deal_id: UUID, *, expected_version: int | None = None) -> DealDetail:
        """Open a closed deal again (back to the last open stage when it sat in a closing one)."""
        return self._close(deal_id, DealStatus.OPEN.value, "", expected_version)

    def _close(self, deal_id: UUID, status: str, reason: str, expected_version: int | None) -> DealDetail:
        converted: list[UUID] = []
        try:
            with self._db.write_session() as session:
                deal = self._load(session, deal_id)
                if expected_version is not None and deal.version != expected_version:
                    raise ConflictError(self._detail(session, deal), expected_version=expected_version)
                stage = _load_stage(session, deal.stage_id)
                wanted = self._stage_for_status(session, stage, status)
                if wanted.id != stage.id:
                    deal.stage_id = wanted.id
                    deal.rank = self._top_rank(session, wanted.id) - RANK_STEP
                    deal.probability = wanted.probability
                converted = self._set_status(session, deal, status, reason, wanted)
                deal.updated_at = self._db.clock()
                session.flush()
                detail = self._detail(session, deal)
                session.commit()
        except StaleDataError:
            raise ConflictError(self.get(deal_id), expected_version=expected_version or 0) from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(DEAL, [deal_id, *converted], *((PARTY,) if converted else ())))
        return detail

    def delete(self, deal_ids: Iterable[UUID]) -> int:
        """Move deals to the trash; returns how many."""
        return self._set_deleted(list(deal_ids), self._db.clock())

    def restore(self, deal_ids: Iterable[UUID]) -> int:
        """Bring deals back from the trash; returns how many."""
        return self._set_deleted(list(deal_ids), None)

    def _set_deleted(self, ids: list[UUID], when: dt.datetime | None) -> int:
        try:
            changed = 0
            with self._db.write_session() as session:
                condition = Deal.deleted_at.is_(None) if when is not None else Deal.deleted_at.is_not(None)
                for part in slices(ids):
                    rows = session.scalars(select(Deal).where(Deal.id.in_(part), condition)).all()
                    for row in rows:
                        row.deleted_at = when
                    changed += len(rows)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(DEAL, ids))
        return changed

    # ------------------------------------------------------------------ reads
    def get(self, deal_id: UUID) -> DealDetail:
        """One deal, trashed or not."""
        with self._db.session() as session:
            return self._detail(session, self._load(session, deal_id))

    def count(self, query: DealQuery) -> int:
        """How many deals the list shows."""
        party = aliased(Party)
        stmt = select(func.count()).select_from(Deal).outerjoin(party, party.id == Deal.party_id)
        with self._db.session() as session:
            return int(session.execute(_filtered(stmt, query, self._search)).scalar_one())

    def page(self, query: DealQuery, sort: str, descending: bool, request: PageRequest) -> list[DealRow]:
        """One window of the deals list, sorted in SQL."""
        party, owner = aliased(Party), aliased(Party)
        sort_columns: dict[str, Any] = {
            "title": Deal.title,
            "party": func.coalesce(party.sort_name, ""),
            "owner": func.coalesce(owner.sort_name, ""),
            "amount": Deal.amount,
            "stage": PipelineStage.position,
            "expected_close": func.coalesce(Deal.expected_close, dt.date(9999, 12, 31)),
            "status": Deal.status,
            "probability": Deal.probability,
        }
        sort_column = sort_columns.get(sort, Deal.title)
        stmt = (
            select(
                Deal.id,
                Deal.title,
                Deal.party_id,
                party.display_name.label("party_name"),
                owner.display_name.label("owner_name"),
                Deal.amount,
                Deal.currency,
                Deal.probability,
                Deal.stage_id,
                PipelineStage.name.label("stage_name"),
                Deal.expected_close,
                Deal.status,
                Deal.lost_reason,
                Deal.closed_on,
                Deal.deleted_at,
                sort_column.label("sort_value"),
            )
            .join(PipelineStage, PipelineStage.id == Deal.stage_id)
            .outerjoin(party, party.id == Deal.party_id)
            .outerjoin(owner, owner.id == Deal.owner_id)
        )
        stmt = _filtered(stmt, query, self._search)
        with self._db.session() as session:
            rows = fetch_window(
                session, stmt, sort_column=sort_column, id_column=Deal.id, descending=descending, request=request
            )
        return [
            DealRow(
                id=r.id,
                title=r.title,
                party_id=r.party_id,
                party_name=r.party_name or "",
                owner_name=r.owner_name or "",
                amount=Decimal(r.amount).quantize(CENT),
                currency=r.currency,
                probability=r.probability,
                stage_id=r.stage_id,
                stage_name=r.stage_name,
                expected_close=r.expected_close,
                status=r.status,
                lost_reason=r.lost_reason,
                closed_on=r.closed_on,
                deleted_at=r.deleted_at,
                sort_key=(r.sort_value, r.id),
            )
            for r in rows
        ]

    def board(self, *, owner_id: UUID | None = None, limit: int = COLUMN_PAGE) -> list[BoardColumn]:
        """The kanban board: each stage with its first `limit` cards, its count and totals (from SQL).

        Open deals, plus in the won and lost columns the deals closed in the last
        RECENTLY_CLOSED_DAYS days (so a card dropped there stays in sight).
        """
        since = self.today() - dt.timedelta(days=RECENTLY_CLOSED_DAYS)
        with self._db.session() as session:
            stages = [_stage_info(s) for s in session.scalars(_stages_stmt())]
            visible = _on_board(since, owner_id)
            sums = session.execute(
                select(
                    Deal.stage_id,
                    func.count(),
                    func.coalesce(func.sum(Deal.amount), 0),
                    func.coalesce(func.sum(Deal.amount * Deal.probability), 0),
                )
                .where(visible)
                .group_by(Deal.stage_id)
            ).all()
            # SQLite sums NUMERIC as floats: read them through their text so cents stay cents.
            by_stage = {r[0]: (int(r[1]), Decimal(str(r[2])), Decimal(str(r[3]))) for r in sums}
            columns = []
            for stage in stages:
                count, total, weighted = by_stage.get(stage.id, (0, Decimal(0), Decimal(0)))
                cards = self._cards(session, stage.id, visible, 0, limit) if count else []
                columns.append(BoardColumn(stage, count, cents(total), cents(weighted / 100), tuple(cards)))
        return columns

    def column_cards(
        self, stage_id: UUID, offset: int, limit: int = COLUMN_PAGE, *, owner_id: UUID | None = None
    ) -> list[DealCard]:
        """More cards of one board column ("more" below its first page)."""
        since = self.today() - dt.timedelta(days=RECENTLY_CLOSED_DAYS)
        with self._db.session() as session:
            return self._cards(session, stage_id, _on_board(since, owner_id), offset, limit)

    def deals_of(self, party_id: UUID) -> list[DealRow]:
        """The live deals of a party (for its record), by title."""
        query = DealQuery(party_id=party_id)
        return self.page(query, "title", False, PageRequest(0, self.count(query), 0))

    # ------------------------------------------------------------------ internals
    def _cards(self, session: Session, stage_id: UUID, visible: Any, offset: int, limit: int) -> list[DealCard]:
        party, owner = aliased(Party), aliased(Party)
        stmt = (
            select(
                Deal.id,
                Deal.version,
                Deal.title,
                party.display_name,
                owner.display_name,
                Deal.amount,
                Deal.currency,
                Deal.probability,
                Deal.expected_close,
                Deal.status,
                Deal.rank,
            )
            .outerjoin(party, party.id == Deal.party_id)
            .outerjoin(owner, owner.id == Deal.owner_id)
            .where(Deal.stage_id == stage_id, visible)
            .order_by(Deal.rank, Deal.id)
            .offset(offset)
            .limit(limit)
        )
        return [
            DealCard(
                r[0], r[1], r[2], r[3] or "", r[4] or "", Decimal(r[5]).quantize(CENT), r[6], r[7], r[8], r[9], r[10]
            )
            for r in session.execute(stmt)
        ]

    def _top_rank(self, session: Session, stage_id: UUID) -> int:
        """The smallest rank of a column (a new card goes above it)."""
        low = session.scalar(select(func.min(Deal.rank)).where(Deal.stage_id == stage_id, Deal.deleted_at.is_(None)))
        return int(low) if low is not None else RANK_STEP

    def _rank_after(self, session: Session, stage_id: UUID, after_id: UUID | None, moving_id: UUID) -> int:
        """A rank just below card `after_id` (None: above every card) of a column."""
        live = and_(Deal.stage_id == stage_id, Deal.deleted_at.is_(None), Deal.id != moving_id)
        if after_id is None or after_id == moving_id:
            return self._top_rank(session, stage_id) - RANK_STEP
        after = session.execute(select(Deal.rank, Deal.id).where(Deal.id == after_id)).one_or_none()
        if after is None:
            return self._top_rank(session, stage_id) - RANK_STEP
        rank = int(after[0])
        following = session.scalar(
            select(Deal.rank)
            .where(live, or_(Deal.rank > rank, and_(Deal.rank == rank, Deal.id > after[1])))
            .order_by(Deal.rank, Deal.id)
            .limit(1)
        )
        if following is None:
            return rank + RANK_STEP
        if following - rank > 1:
            return (rank + int(following)) // 2
        # No room between the two: push the rest of the column down in one statement.
        session.execute(
            update(Deal)
            .where(live, or_(Deal.rank > rank, and_(Deal.rank == rank, Deal.id > after[1])))
            .values(rank=Deal.rank + 2 * RANK_STEP)
            .execution_options(synchronize_session=False)
        )
        return rank + RANK_STEP

    def _stage_for_status(self, session: Session, stage: PipelineStage, status: str) -> PipelineStage:
        """The stage a deal should sit in for a status (its own, when it fits)."""
        stages = list(session.scalars(_stages_stmt()))
        if status == DealStatus.WON.value and not stage.is_won:
            return next((s for s in stages if s.is_won), stage)
        if status == DealStatus.LOST.value and not stage.is_lost:
            return next((s for s in stages if s.is_lost), stage)
        if status == DealStatus.OPEN.value and (stage.is_won or stage.is_lost):
            open_stages = [s for s in stages if not (s.is_won or s.is_lost)]
            return open_stages[-1] if open_stages else stage
        return stage

    def _settle(self, session: Session, deal: Deal, clean: DealDraft, stage: PipelineStage) -> list[UUID]:
        """Status and stage agree after a save: a closing stage decides, else the status picks its stage."""
        if stage.is_won or stage.is_lost:
            return self._follow_stage(session, deal, stage, reason=clean.lost_reason)
        wanted = self._stage_for_status(session, stage, clean.status)
        if wanted.id != stage.id:
            deal.stage_id = wanted.id
            deal.rank = self._top_rank(session, wanted.id) - RANK_STEP
            if clean.probability is None:
                deal.probability = wanted.probability
        return self._set_status(session, deal, clean.status, clean.lost_reason, wanted)

    def _follow_stage(self, session: Session, deal: Deal, stage: PipelineStage, *, reason: str) -> list[UUID]:
        """The status a stage implies: won, lost, or open again when leaving a closing stage."""
        if stage.is_won:
            return self._set_status(session, deal, DealStatus.WON.value, "", stage)
        if stage.is_lost:
            return self._set_status(session, deal, DealStatus.LOST.value, reason or deal.lost_reason, stage)
        if deal.status != DealStatus.OPEN.value:
            return self._set_status(session, deal, DealStatus.OPEN.value, "", stage)
        return []

    def _set_status(self, session: Session, deal: Deal, status: str, reason: str, stage: PipelineStage) -> list[UUID]:
        """Apply a status; returns the parties turned into clients."""
        was = deal.status
        deal.status = status
        if status == DealStatus.OPEN.value:
            deal.closed_on = None
            deal.lost_reason = ""
            return []
        if was != status or deal.closed_on is None:
            deal.closed_on = self.today()
        if status == DealStatus.LOST.value:
            deal.lost_reason = reason or deal.lost_reason
            return []
        deal.lost_reason = ""
        if was != DealStatus.WON.value and deal.party_id is not None:
            return self._make_client(session, deal.party_id)
        return []

    def _make_client(self, session: Session, party_id: UUID) -> list[UUID]:
        """End the party's open prospect role today and give it a client role from today.

        Done on the party's aggregate (its roles collection) so its version moves and the
        change history records it like an edit in the party form.
        """
        today = self.today()
        party = session.scalars(
            select(Party).where(Party.id == party_id).options(selectinload(Party.roles))
        ).one_or_none()
        if party is None or party.deleted_at is not None:
            return []

        if not turn_into_client(party, today, only_prospects=False):
            return []
        party.updated_at = self._db.clock()
        return [party_id]

    def _apply(self, session: Session, deal: Deal, clean: DealDraft, stage: PipelineStage) -> None:
        deal.title = clean.title
        deal.party_id = clean.party_id
        deal.owner_id = clean.owner_id
        deal.private = clean.private
        deal.amount = clean.amount
        deal.currency = "EUR"
        deal.probability = stage.probability if clean.probability is None else clean.probability
        deal.expected_close = clean.expected_close
        deal.source = clean.source
        deal.notes = clean.notes
        deal.campaign_id = clean.campaign_id
        # Lines and contacts are replaced as a whole: they are values of the deal.
        for position, (old, new) in enumerate(zip(list(deal.lines), clean.lines, strict=False)):
            old.article_id = new.article_id
            old.description = new.description
            old.quantity = new.quantity
            old.unit_price = new.unit_price
            old.vat_rate = new.vat_rate
            old.position = position
        if len(deal.lines) > len(clean.lines):
            del deal.lines[len(clean.lines) :]
        for position, new in enumerate(clean.lines[len(deal.lines) :], start=len(deal.lines)):
            deal.lines.append(
                DealLine(
                    article_id=new.article_id,
                    description=new.description,
                    quantity=new.quantity,
                    unit_price=new.unit_price,
                    vat_rate=new.vat_rate,
                    position=position,
                )
            )
        wanted = {c.party_id: c for c in clean.contacts}
        for existing in list(deal.contacts):
            entry = wanted.pop(existing.party_id, None)
            if entry is None:
                deal.contacts.remove(existing)
            elif existing.function != entry.function:
                existing.function = entry.function
        for entry in clean.contacts:
            if entry.party_id in wanted:
                deal.contacts.append(DealContact(party_id=entry.party_id, function=entry.function))
        if clean.lines:
            # Article names fill blank descriptions (the quote prints them).
            blank = [line for line in deal.lines if not line.description and line.article_id is not None]
            if blank:
                names = dict(
                    session.execute(
                        select(Article.id, Article.name).where(Article.id.in_({line.article_id for line in blank}))
                    ).all()
                )
                for line in blank:
                    line.description = names.get(line.article_id, "") if line.article_id else ""

    def _load(self, session: Session, deal_id: UUID) -> Deal:
        deal = session.scalars(
            select(Deal)
            .where(Deal.id == deal_id)
            .options(selectinload(Deal.lines), selectinload(Deal.contacts))
            .execution_options(populate_existing=True)
        ).one_or_none()
        if deal is None:
            raise NotFoundError(f"deal {deal_id} not found")
        return deal

    def _detail(self, session: Session, deal: Deal) -> DealDetail:
        ids = {x for x in (deal.party_id, deal.owner_id) if x is not None} | {c.party_id for c in deal.contacts}
        names = (
            dict(session.execute(select(Party.id, Party.display_name).where(Party.id.in_(ids))).all()) if ids else {}
        )
        stage_name = session.scalar(select(PipelineStage.name).where(PipelineStage.id == deal.stage_id)) or ""
        lines = tuple(
            LineEntry(
                line.description,
                Decimal(line.quantity).quantize(QUANTITY_STEP),
                Decimal(line.unit_price).quantize(CENT),
                Decimal(line.vat_rate).quantize(CENT),
                line.article_id,
            )
            for line in sorted(deal.lines, key=lambda x: x.position)
        )
        contacts = tuple(
            sorted(
                (ContactEntry(c.party_id, c.function, names.get(c.party_id, "")) for c in deal.contacts),
                key=lambda c: c.name.casefold(),
            )
        )
        draft = DealDraft(
            title=deal.title,
            stage_id=deal.stage_id,
            party_id=deal.party_id,
            owner_id=deal.owner_id,
            amount=Decimal(deal.amount).quantize(CENT),
            probability=deal.probability,
            expected_close=deal.expected_close,
            status=deal.status,
            lost_reason=deal.lost_reason,
            source=deal.source,
            notes=deal.notes,
            private=deal.private,
            lines=lines,
            contacts=contacts,
            campaign_id=deal.campaign_id,
        )
        quote = totals(lines) if lines else Totals(draft.amount, Decimal("0.00"), draft.amount)
        return DealDetail(
            id=deal.id,
            version=deal.version,
            draft=draft,
            party_name=names.get(deal.party_id, "") if deal.party_id else "",
            owner_name=names.get(deal.owner_id, "") if deal.owner_id else "",
            stage_name=stage_name,
            closed_on=deal.closed_on,
            totals=quote,
            currency=deal.currency,
            created_at=deal.created_at,
            updated_at=deal.updated_at,
            created_by=deal.created_by,
            updated_by=deal.updated_by,
            deleted_at=deal.deleted_at,
        )


# ---------------------------------------------------------------------------- helpers
def _live_stage() -> Any:
    return and_(PipelineStage.deleted_at.is_(None), PipelineStage.active.is_(True))


def _stages_stmt() -> Any:
    return select(PipelineStage).where(_live_stage()).order_by(PipelineStage.position, PipelineStage.id)


def _load_stage(session: Session, stage_id: UUID) -> PipelineStage:
    row = session.get(PipelineStage, stage_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(f"stage {stage_id} not found")
    return row


def _stage_info(row: PipelineStage) -> StageInfo:
    return StageInfo(row.id, row.version, row.name, row.position, row.probability, row.is_won, row.is_lost)


def _on_board(since: dt.date, owner_id: UUID | None) -> Any:
    """Deals a board shows: open ones, and those closed since `since`."""
    condition = and_(
        Deal.deleted_at.is_(None),
        or_(Deal.status == DealStatus.OPEN.value, Deal.closed_on >= since),
    )
    if owner_id is not None:
        condition = and_(condition, Deal.owner_id == owner_id)
    return condition


def _filtered(stmt: AnySelect, query: DealQuery, search: SearchBackend) -> AnySelect:
    stmt = stmt.where(Deal.deleted_at.is_not(None) if query.trash else Deal.deleted_at.is_(None))
    if query.stage_id is not None:
        stmt = stmt.where(Deal.stage_id == query.stage_id)
    if query.owner_id is not None:
        stmt = stmt.where(Deal.owner_id == query.owner_id)
    if query.status:
        stmt = stmt.where(Deal.status == query.status)
    if query.party_id is not None:
        stmt = stmt.where(Deal.party_id == query.party_id)
    text = query.text.strip()
    if text:
        # Titles: case-insensitive, as typed or without its accents; the client's name goes
        # through the contacts' search index (accents and case never matter there).
        patterns = {_like_pattern(text.lower()), _like_pattern(fold(text))}
        conditions = [func.lower(Deal.title).like(p, escape="\\") for p in sorted(patterns)]
        party_match = search.party_condition(text)
        if party_match is not None:
            conditions.append(Deal.party_id.in_(select(Party.id).where(party_match)))
        stmt = stmt.where(or_(*conditions))
    return stmt


def _like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
