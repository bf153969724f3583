"""Segments: saved live queries over parties, built in the visual builder and compiled to SQL.

A definition is a tree of groups and conditions::

    {"op": "and" | "or", "children": [node, ...], "exclude": [node, ...]}
    leaf: {"field": "city", "operator": "contains", "value": "Lyon", "label": "..."}

A group holds when its children hold (all of them for "and", one of them for "or"; a group
without children restricts nothing) and none of its exclusions does. Nesting goes to any depth.
Leaves that point at a record (tag, group, pipeline stage, organisation) hold its id in
`value` and its name in `label`, so a condition whose record was deleted is still reported
by name.

Everything compiles to one SQL condition on `Party` made of `id IN (sub-query)` tests (the
sub-queries are uncorrelated: each set of parties is computed once)
(`condition()`), so counting, paging, "why is she in it" and the targets of campaigns and tasks
(`members_query()`) never filter in Python. A condition referring to something deleted is
*broken*: it matches nobody, and `validate()` says which one and why, so the segment still
opens. "No activity for N days" waits for the activity journal (issue 5).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, case, false, func, intersect, not_, or_, select, true, union
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression
from sqlalchemy.sql.selectable import ScalarSelect

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.search import search_backend
from ekocrm_desktop.db.textnorm import sort_key
from ekocrm_desktop.models.activities import Activity, ActivityLink
from ekocrm_desktop.models.domains import (
    Article,
    ChoiceItem,
    ChoiceListKey,
    Deal,
    DealContact,
    DealStatus,
    GroupMember,
    PartyGroup,
    PipelineStage,
    Segment,
    role_category_list,
    role_status_list,
)
from ekocrm_desktop.models.enums import PartyKind, RoleKind
from ekocrm_desktop.models.membership import DuesStatus
from ekocrm_desktop.models.party import Affiliation, Party, PartyRole, Tag, party_tag
from ekocrm_desktop.models.purchases import party_purchase
from ekocrm_desktop.services.contacts import PartyRow
from ekocrm_desktop.services.errors import ConflictError, FieldError, NotFoundError, ValidationFailedError, denied
from ekocrm_desktop.services.membership import MembershipService, dues_status_expression, local_today
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.party_lists import PartySubsetList

#: Change kind announced when a segment is saved or deleted.
SEGMENT = "segment"
NAME_MAX = 120

Definition = dict[str, Any]

# ---------------------------------------------------------------------------- catalogue
AND, OR = "and", "or"
TEXT_OPERATORS = ("contains", "equals", "starts")


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """A field the builder offers: its operators and the kind of value it takes.

    Value kinds: "kind", "text", "postcode", "department", "tag", "group", "role",
    "dues_status", "stage", "deal_status", "article_category", "organisation", "date", "days".
    """

    code: str
    operators: tuple[str, ...]
    value_kind: str


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("kind", ("is",), "kind"),
    FieldSpec("name", TEXT_OPERATORS, "text"),
    FieldSpec("email", TEXT_OPERATORS, "text"),
    FieldSpec("phone", TEXT_OPERATORS, "text"),
    FieldSpec("city", TEXT_OPERATORS, "text"),
    FieldSpec("postcode", ("starts",), "postcode"),
    FieldSpec("department", ("is",), "department"),
    FieldSpec("tag", ("has",), "tag"),
    FieldSpec("group", ("in",), "group"),
    FieldSpec("role", ("current", "ever"), "role"),
    FieldSpec("dues_status", ("is",), "dues_status"),
    FieldSpec("deal_stage", ("has",), "stage"),
    FieldSpec("deal_status", ("has",), "deal_status"),
    FieldSpec("bought_category", ("has",), "article_category"),
    FieldSpec("organisation", ("is", "works_for"), "organisation"),
    FieldSpec("created", ("before", "after"), "date"),
    FieldSpec("updated", ("before", "after"), "date"),
    FieldSpec("no_activity", ("days",), "days"),
)
FIELDS_BY_CODE = {f.code: f for f in FIELDS}
ROLE_CODES = tuple(r.value for r in RoleKind)
KIND_CODES = tuple(k.value for k in PartyKind)
#: Dues statuses a condition may ask for (every status but "not a member").
DUES_CODES = tuple(s.value for s in DuesStatus if s is not DuesStatus.NONE)
DEAL_STATUS_CODES = tuple(s.value for s in DealStatus)
DEPARTMENT = re.compile(r"^(\d{2}|2A|2B|97\d)$")
#: Corsica's two departments share the postcodes starting with 20.
CORSICA = {"2A": ("200", "201"), "2B": ("202", "203", "204", "205", "206")}


# ---------------------------------------------------------------------------- DTOs
@dataclasses.dataclass(frozen=True)
class SegmentInfo:
    """A saved segment."""

    id: UUID
    name: str
    description: str
    definition: Definition
    version: int
    updated_at: dt.datetime
    deleted_at: dt.datetime | None = None


@dataclasses.dataclass(frozen=True)
class BrokenCondition:
    """A condition that cannot be evaluated: it matches nobody until it is fixed.

    `reason`: "unknown_field", "invalid_value", "tag_deleted", "group_deleted", "stage_deleted",
    "organisation_deleted", "category_deleted", "status_deleted".
    """

    path: str
    field: str
    reason: str
    #: The name of what it referred to (as saved), for the message.
    label: str = ""


@dataclasses.dataclass(frozen=True)
class ExplainItem:
    """One node of the definition and whether it holds for the party."""

    path: str
    node: Definition
    met: bool
    depth: int
    #: Whether the node sits in an exclusion list (holding there keeps the party out).
    excluded: bool
    broken: BrokenCondition | None = None

    @property
    def is_group(self) -> bool:
        """Whether the node is an AND/OR group (else a condition)."""
        return "field" not in self.node


@dataclasses.dataclass(frozen=True)
class Explanation:
    """Why a party is (or is not) in a segment."""

    party_id: UUID
    member: bool
    items: tuple[ExplainItem, ...]


@dataclasses.dataclass(frozen=True)
class SegmentChoices:
    """What the builder's value editors offer: (value, name) pairs."""

    tags: tuple[tuple[str, str], ...]
    groups: tuple[tuple[str, str], ...]
    stages: tuple[tuple[str, str], ...]
    article_categories: tuple[tuple[str, str], ...]
    role_categories: dict[str, tuple[tuple[str, str], ...]]
    role_statuses: dict[str, tuple[tuple[str, str], ...]]


# ---------------------------------------------------------------------------- tree helpers
def empty_definition() -> Definition:
    """A segment with no condition yet (every live party)."""
    return {"op": AND, "children": [], "exclude": []}


def is_leaf(node: Any) -> bool:
    """Whether a node is a condition (else a group)."""
    return isinstance(node, dict) and "field" in node


def normalize(definition: Any) -> Definition:
    """A well-formed copy of a definition (missing lists added, unknown keys kept)."""
    if not isinstance(definition, dict):
        return empty_definition()
    node = copy.deepcopy(definition)
    if is_leaf(node):
        return {"op": AND, "children": [node], "exclude": []}
    return _normalize_group(node)


def _normalize_group(node: dict[str, Any]) -> Definition:
    op = node.get("op") if node.get("op") in (AND, OR) else AND
    out: Definition = {"op": op}
    for key in ("children", "exclude"):
        found = node.get(key)
        items: list[Any] = found if isinstance(found, list) else []
        out[key] = [
            dict(child) if is_leaf(child) else _normalize_group(child) for child in items if isinstance(child, dict)
        ]
    return out


def walk(definition: Definition) -> Iterable[tuple[str, Definition, int, bool]]:
    """Every node below the root as (path, node, depth, in_exclusion), depth first, in order.

    A path names each step: "2" is the third child, "x0" the first exclusion, "1.x0.3" nests.
    """

    def visit(
        group: Definition, prefix: str, depth: int, excluded: bool
    ) -> Iterable[tuple[str, Definition, int, bool]]:
        for key, mark in (("children", ""), ("exclude", "x")):
            for index, child in enumerate(group.get(key, [])):
                path = f"{prefix}{mark}{index}"
                inside = excluded or bool(mark)
                yield path, child, depth, inside
                if not is_leaf(child):
                    yield from visit(child, path + ".", depth + 1, inside)

    yield from visit(definition, "", 0, False)


def leaf(field: str, operator: str, value: Any, label: str = "") -> Definition:
    """A condition node (the builder's and the tests' shorthand)."""
    node: Definition = {"field": field, "operator": operator, "value": value}
    if label:
        node["label"] = label
    return node


def group(op: str, *children: Definition, exclude: Iterable[Definition] = ()) -> Definition:
    """A group node."""
    return {"op": op, "children": list(children), "exclude": list(exclude)}


def phone_fragment(value: str) -> str:
    """What typed digits look like in a stored E.164 number ("06 12" → "+33612")."""
    cleaned = re.sub(r"[^\d+]", "", value)
    if cleaned.startswith("00"):
        return "+" + cleaned[2:]
    if cleaned.startswith("0"):
        return "+33" + cleaned[1:]
    return cleaned


def name_keys(value: str) -> tuple[str, ...]:
    """Folded forms of a typed name: as typed and reversed ("Jean Dupont" and "Dupont Jean")."""
    key = sort_key(value)
    reverse = " ".join(reversed(key.split()))
    return tuple(dict.fromkeys((key, reverse)))


def _as_uuid(value: Any) -> UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def _as_days(value: Any) -> int:
    """A number of days typed in a condition (0 when it is not a positive whole number)."""
    try:
        days = int(str(value).strip())
    except ValueError:
        return 0
    return days if 0 < days <= 36_600 else 0


def _as_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def role_value(node: Definition) -> dict[str, str]:
    """The role condition's value as {"role", "category", "status"} (missing parts empty)."""
    value = node.get("value")
    if isinstance(value, str):
        value = {"role": value}
    if not isinstance(value, dict):
        return {"role": "", "category": "", "status": ""}
    return {k: str(value.get(k) or "") for k in ("role", "category", "status")}


# ---------------------------------------------------------------------------- compiling
@dataclasses.dataclass(frozen=True)
class _Context:
    today: dt.date
    due_soon_days: int
    broken: frozenset[str]
    #: Whether an AND of several `party.id IN (set)` is written as one INTERSECT (SQLite).
    intersect_sets: bool = False


def _deal_parties(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """The party is the client of, or a contact on, a live deal meeting `conditions` (on `Deal`).

    Written as `party.id IN (uncorrelated SELECT ... UNION ...)`: the database computes the set
    of parties once, instead of walking the deals for every party (a correlated OR does); the
    contacts come from `deal_contact`, not from every deal.
    """
    live = [Deal.deleted_at.is_(None), *conditions]
    # No NULL may reach the IN list: "NOT (id IN (…, NULL))" is NULL, which would drop the row.
    clients = select(Deal.party_id).where(*live, Deal.party_id.is_not(None))
    contacts = select(DealContact.party_id).where(DealContact.deal_id.in_(select(Deal.id).where(*live)))
    return Party.id.in_(union(clients, contacts))


def _text(column: Any, operator: str, value: str) -> ColumnElement[bool]:
    if operator == "equals":
        return column == value  # type: ignore[no-any-return]
    if operator == "starts":
        return column.startswith(value, autoescape=True)  # type: ignore[no-any-return]
    return column.contains(value, autoescape=True)  # type: ignore[no-any-return]


def _postcode_starts(prefix: str) -> ColumnElement[bool]:
    """The postcode starts with `prefix`; for digits, also as a range the postcode index can seek
    ("69" → ≥ "69" and < "70"). PostgreSQL never uses an index for LIKE under a non-C collation:
    without the range it read all 1.15 million postcodes for a department. The LIKE stays, so
    the range only narrows what the index reads (it holds every "69…" in any collation where
    digits sort in order, which all do)."""
    starts = Party.postcode.startswith(prefix, autoescape=True)
    if not prefix.isascii() or not prefix.isdigit():
        return starts
    parts: list[ColumnElement[bool]] = [Party.postcode >= prefix, starts]
    kept = prefix.rstrip("9")
    if kept:  # "699" → "7": the first digit that can grow, grown ("99…" has no upper bound)
        parts.append(Party.postcode < kept[:-1] + str(int(kept[-1]) + 1))
    return and_(*parts)


def _leaf_condition(node: Definition, ctx: _Context) -> ColumnElement[bool]:
    field, operator, value = node.get("field"), node.get("operator"), node.get("value")
    text = str(value or "").strip()
    if field == "kind":
        return Party.kind == text
    if field == "name":
        if operator == "equals":
            return Party.sort_name.in_(name_keys(text))
        return _text(Party.sort_name, str(operator), sort_key(text))
    if field == "email":
        return _text(Party.primary_email, str(operator), text.casefold())
    if field == "phone":
        return _text(Party.primary_phone, str(operator), phone_fragment(text))
    if field == "city":
        return _text(Party.city_key, str(operator), sort_key(text))
    if field == "postcode":
        return _postcode_starts(text)
    if field == "department":
        prefixes = CORSICA.get(text.upper(), (text,))
        return or_(*(_postcode_starts(p) for p in prefixes))
    if field == "tag":
        return Party.id.in_(select(party_tag.c.party_id).where(party_tag.c.tag_id == _as_uuid(value)))
    if field == "group":
        return Party.id.in_(select(GroupMember.party_id).where(GroupMember.group_id == _as_uuid(value)))
    if field == "role":
        role = role_value(node)
        parts: list[ColumnElement[bool]] = [PartyRole.role == role["role"]]
        if operator == "current":
            parts += [PartyRole.since <= ctx.today, or_(PartyRole.until.is_(None), PartyRole.until >= ctx.today)]
        if role["category"]:
            parts.append(PartyRole.category == role["category"])
        if role["status"]:
            parts.append(PartyRole.status == role["status"])
        # Uncorrelated: the roles matching are found once (by the (role, party_id) index), not
        # looked up again for every party.
        return Party.id.in_(select(PartyRole.party_id).where(*parts))
    if field == "dues_status":
        return dues_status_expression(Party.id, ctx.today, ctx.due_soon_days) == text
    if field == "deal_stage":
        return _deal_parties(Deal.stage_id == _as_uuid(value))
    if field == "deal_status":
        return _deal_parties(Deal.status == text)
    if field == "bought_category":
        # Read from party_purchase, which the database keeps for every live won deal, its client
        # and contacts, and the lowered categories of its articles' lines: one index range
        # instead of walking 100,000 lines and deals (0.9 s on 200,000 deals). Codes are compared
        # without case: "Formation" typed in the catalogue is "formation". On PostgreSQL its
        # rows are visible with their deal only (row-level security), as the walk was.
        return Party.id.in_(select(party_purchase.c.party_id).where(party_purchase.c.category == text.lower()))
    if field == "organisation":
        org = _as_uuid(value)
        if operator == "is":
            return Party.id == org
        return Party.id.in_(select(Affiliation.person_id).where(Affiliation.organisation_id == org))
    if field in ("created", "updated"):
        column = Party.created_at if field == "created" else Party.updated_at
        day = _as_date(value) or ctx.today
        if operator == "before":
            return column < dt.datetime.combine(day, dt.time(), dt.UTC)
        return column >= dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), dt.UTC)
    if field == "no_activity":
        # Nothing done with them during the last N days (today included); planned activities
        # to come do not count. Uncorrelated like the others: the active set is found once.
        since = dt.datetime.combine(ctx.today - dt.timedelta(days=_as_days(value) - 1), dt.time(), dt.UTC)
        until = dt.datetime.combine(ctx.today + dt.timedelta(days=1), dt.time(), dt.UTC)
        active = (
            select(ActivityLink.party_id)
            .join(Activity, Activity.id == ActivityLink.activity_id)
            .where(
                ActivityLink.party_id.is_not(None),
                ActivityLink.occurred_at >= since,
                ActivityLink.occurred_at < until,
                Activity.deleted_at.is_(None),
            )
        )
        return Party.id.not_in(active)
    return false()


def _party_id_set(condition: ColumnElement[bool]) -> Select[Any] | None:
    """The plain SELECT of `party.id IN (SELECT ...)`, else None (compound selects included)."""
    if not isinstance(condition, BinaryExpression) or condition.operator is not operators.in_op:
        return None
    if not condition.left.compare(Party.__table__.c.id) or not isinstance(condition.right, ScalarSelect):
        return None
    inner = condition.right.element
    return inner if type(inner) is Select else None


def _intersected(children: list[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    """AND of several `party.id IN (set)` as one `party.id IN (set INTERSECT set ...)`, first.

    Same members (no set holds a NULL), but the sets meet before any party is read: SQLite
    otherwise walks one set (130,000 current clients), reads each party, then tests the other
    set (a third more CPU for "clients who bought a Formation article"). PostgreSQL already
    hashes the sets; it keeps the plain form.
    """
    sets = [found for found in map(_party_id_set, children) if found is not None]
    if len(sets) < 2:
        return children
    rest = [c for c in children if _party_id_set(c) is None]
    return [Party.id.in_(intersect(*sets)), *rest]


def _compile(
    node: Definition, path: str, ctx: _Context, into: dict[str, ColumnElement[bool]] | None
) -> ColumnElement[bool]:
    if is_leaf(node):
        result = false() if path in ctx.broken else _leaf_condition(node, ctx)
    else:
        prefix = f"{path}." if path else ""
        children = [_compile(c, f"{prefix}{i}", ctx, into) for i, c in enumerate(node.get("children", []))]
        excluded = [_compile(c, f"{prefix}x{i}", ctx, into) for i, c in enumerate(node.get("exclude", []))]
        if not children:
            body: ColumnElement[bool] = true()
        elif node.get("op") == OR:
            body = or_(*children)
        else:
            body = and_(*(_intersected(children) if ctx.intersect_sets else children))
        result = and_(body, not_(or_(*excluded))) if excluded else body
    if into is not None:
        into[path] = result
    return result


# ---------------------------------------------------------------------------- service
class SegmentService:
    """Use cases on segments: the catalogue, compiling, counting, paging, explaining, saving."""

    def __init__(
        self,
        db: Database,
        *,
        today: Callable[[], dt.date] | None = None,
        due_soon_days: Callable[[], int] | None = None,
    ) -> None:
        self._db = db
        self._today = today or local_today(db)
        self._due_soon = due_soon_days or (lambda: MembershipService(db, today=self._today).settings().due_soon_days)
        self._list = PartySubsetList(search_backend(db.dialect))

    # ------------------------------------------------------------------ catalogue
    @staticmethod
    def fields() -> tuple[FieldSpec, ...]:
        """The fields the builder offers, with their operators and value kinds."""
        return FIELDS

    def choices(self) -> SegmentChoices:
        """Tags, groups, stages and categories the value editors offer."""
        with self._db.session() as session:
            tags = session.execute(select(Tag.id, Tag.name).where(Tag.deleted_at.is_(None)).order_by(Tag.name)).all()
            groups = session.execute(
                select(PartyGroup.id, PartyGroup.name)
                .where(PartyGroup.deleted_at.is_(None))
                .order_by(func.lower(PartyGroup.name))
            ).all()
            stages = session.execute(
                select(PipelineStage.id, PipelineStage.name)
                .where(PipelineStage.deleted_at.is_(None))
                .order_by(PipelineStage.position, PipelineStage.name)
            ).all()
            items = session.execute(
                select(ChoiceItem.list_key, ChoiceItem.code, ChoiceItem.label)
                .where(ChoiceItem.deleted_at.is_(None))
                .order_by(ChoiceItem.list_key, ChoiceItem.position, ChoiceItem.label)
            ).all()
            # Values already stored count too: a workspace whose lists were never edited still
            # offers the categories its records use.
            used_articles = session.scalars(select(Article.category).where(Article.category != "").distinct()).all()
            used_roles = session.execute(select(PartyRole.role, PartyRole.category, PartyRole.status).distinct()).all()

        def listed(key: str, used: Iterable[str]) -> tuple[tuple[str, str], ...]:
            pairs = {code: label for k, code, label in items if k == key}
            for code in used:
                if code and code not in pairs:
                    pairs[code] = code
            return tuple(sorted(pairs.items(), key=lambda p: sort_key(p[1])))

        return SegmentChoices(
            tags=tuple((str(i), n) for i, n in tags),
            groups=tuple((str(i), n) for i, n in groups),
            stages=tuple((str(i), n) for i, n in stages),
            article_categories=listed(ChoiceListKey.ARTICLE_CATEGORY.value, used_articles),
            role_categories={
                r: listed(role_category_list(r), (c for role, c, _s in used_roles if role == r)) for r in ROLE_CODES
            },
            role_statuses={
                r: listed(role_status_list(r), (s for role, _c, s in used_roles if role == r)) for r in ROLE_CODES
            },
        )

    # ------------------------------------------------------------------ checking and compiling
    def validate(self, definition: Definition) -> list[BrokenCondition]:
        """The conditions that cannot be evaluated (deleted tag, group, stage, category...), in order."""
        with self._db.session() as session:
            return self._validate(session, normalize(definition))

    def _validate(self, session: Session, definition: Definition) -> list[BrokenCondition]:
        leaves = [(path, node) for path, node, _d, _x in walk(definition) if is_leaf(node)]
        wanted: dict[type[Any], set[UUID]] = {Tag: set(), PartyGroup: set(), PipelineStage: set(), Party: set()}
        table_of = {"tag": Tag, "group": PartyGroup, "deal_stage": PipelineStage, "organisation": Party}
        for _path, node in leaves:
            model = table_of.get(str(node.get("field")))
            found = _as_uuid(node.get("value")) if model is not None else None
            if model is not None and found is not None:
                wanted[model].add(found)
        live: dict[type[Any], dict[UUID, bool]] = {}
        for model, ids in wanted.items():
            rows = session.execute(select(model.id, model.deleted_at).where(model.id.in_(ids))).all() if ids else []
            live[model] = {r[0]: r[1] is None for r in rows}
        deleted_codes = {
            (k, c)
            for k, c in session.execute(
                select(ChoiceItem.list_key, ChoiceItem.code).where(ChoiceItem.deleted_at.is_not(None))
            )
        }
        live_codes = {
            (k, c)
            for k, c in session.execute(
                select(ChoiceItem.list_key, ChoiceItem.code).where(ChoiceItem.deleted_at.is_(None))
            )
        }

        def gone(key: str, code: str) -> bool:
            return bool(code) and (key, code) in deleted_codes and (key, code) not in live_codes

        broken: list[BrokenCondition] = []
        for path, node in leaves:
            field = str(node.get("field"))
            label = str(node.get("label") or "")
            spec = FIELDS_BY_CODE.get(field)
            if spec is None or node.get("operator") not in spec.operators:
                broken.append(BrokenCondition(path, field, "unknown_field", label or field))
                continue
            reason = self._invalid_value(node)
            if reason:
                broken.append(BrokenCondition(path, field, reason, label or str(node.get("value") or "")))
                continue
            model = table_of.get(field)
            if model is not None:
                ref = _as_uuid(node.get("value"))
                if ref is None or not live[model].get(ref, False):
                    broken.append(BrokenCondition(path, field, f"{spec.value_kind}_deleted", label))
                continue
            if field == "bought_category" and gone(ChoiceListKey.ARTICLE_CATEGORY.value, str(node.get("value"))):
                broken.append(BrokenCondition(path, field, "category_deleted", label or str(node.get("value"))))
            if field == "role":
                role = role_value(node)
                if gone(role_category_list(role["role"]), role["category"]):
                    broken.append(BrokenCondition(path, field, "category_deleted", role["category"]))
                elif gone(role_status_list(role["role"]), role["status"]):
                    broken.append(BrokenCondition(path, field, "status_deleted", role["status"]))
        return broken

    @staticmethod
    def _invalid_value(node: Definition) -> str:
        field, value = node.get("field"), node.get("value")
        text = str(value or "").strip()
        ok = True
        if field == "kind":
            ok = text in KIND_CODES
        elif field in ("name", "email", "phone", "city", "postcode"):
            ok = bool(text) and (field != "phone" or bool(phone_fragment(text)))
        elif field == "department":
            ok = bool(DEPARTMENT.match(text.upper()))
        elif field == "role":
            ok = role_value(node)["role"] in ROLE_CODES
        elif field == "dues_status":
            ok = text in DUES_CODES
        elif field == "deal_status":
            ok = text in DEAL_STATUS_CODES
        elif field == "bought_category":
            ok = bool(text)
        elif field in ("created", "updated"):
            ok = _as_date(value) is not None
        elif field == "no_activity":
            ok = _as_days(value) > 0
        return "" if ok else "invalid_value"

    def _context(self, broken: Iterable[BrokenCondition]) -> _Context:
        return _Context(self._today(), self._due_soon(), frozenset(b.path for b in broken), self._db.is_sqlite)

    def _resolve(self, session: Session, definition: Definition) -> ColumnElement[bool]:
        tree = normalize(definition)
        return _compile(tree, "", self._context(self._validate(session, tree)), None)

    def condition(self, definition: Definition) -> ColumnElement[bool]:
        """The definition as one SQL condition on `Party` (broken conditions match nobody)."""
        with self._db.session() as session:
            return self._resolve(session, definition)

    # ------------------------------------------------------------------ members of a definition
    def count_definition(self, definition: Definition, text: str = "") -> int:
        """How many live parties a (possibly unsaved) definition selects."""
        with self._db.session() as session:
            return self._list.count(session, self._resolve(session, definition), text)

    def page_definition(
        self, definition: Definition, text: str, sort: str, descending: bool, request: PageRequest
    ) -> list[PartyRow]:
        """One window of a definition's members, as rows of the contacts list."""
        with self._db.session() as session:
            return self._list.page(
                session,
                self._resolve(session, definition),
                text=text,
                sort=sort,
                descending=descending,
                request=request,
                today=self._today(),
            )

    def member_ids_of(self, definition: Definition) -> list[UUID]:
        """Ids of a (possibly unsaved) definition's live members, by name (tests, small exports)."""
        with self._db.session() as session:
            condition = self._resolve(session, definition)
            stmt = select(Party.id).where(Party.deleted_at.is_(None), condition).order_by(Party.sort_name, Party.id)
            return list(session.scalars(stmt))

    def explain(self, definition: Definition, party_id: UUID) -> Explanation:
        """For one party: whether it is in, and which groups and conditions hold or not."""
        tree = normalize(definition)
        with self._db.session() as session:
            broken = self._validate(session, tree)
            nodes: dict[str, ColumnElement[bool]] = {}
            whole = _compile(tree, "", self._context(broken), nodes)
            paths = list(nodes)
            columns = [case((nodes[p], 1), else_=0).label(f"n{i}") for i, p in enumerate(paths)]
            stmt = select(case((and_(Party.deleted_at.is_(None), whole), 1), else_=0), *columns).where(
                Party.id == party_id
            )
            row = session.execute(stmt).first()
        if row is None:
            raise NotFoundError(f"party {party_id} not found")
        met = {p: bool(row[i + 1]) for i, p in enumerate(paths)}
        broken_by_path = {b.path: b for b in broken}
        items = tuple(
            ExplainItem(path, node, met[path], depth, excluded, broken_by_path.get(path))
            for path, node, depth, excluded in walk(tree)
        )
        return Explanation(party_id, bool(row[0]), items)

    # ------------------------------------------------------------------ saved segments
    def segments(self) -> list[SegmentInfo]:
        """Every live segment, by name."""
        stmt = select(Segment).where(Segment.deleted_at.is_(None)).order_by(func.lower(Segment.name), Segment.id)
        with self._db.session() as session:
            return [_info(s) for s in session.scalars(stmt)]

    def get(self, segment_id: UUID) -> SegmentInfo:
        """One segment (deleted or not); NotFoundError if it never existed."""
        with self._db.session() as session:
            return _info(self._load(session, segment_id))

    def count(self, segment_id: UUID, text: str = "") -> int:
        """How many live parties a saved segment selects today."""
        with self._db.session() as session:
            definition = self._load(session, segment_id).definition
            return self._list.count(session, self._resolve(session, definition), text)

    def page(self, segment_id: UUID, text: str, sort: str, descending: bool, request: PageRequest) -> list[PartyRow]:
        """One window of a saved segment's members."""
        return self.page_definition(self.get(segment_id).definition, text, sort, descending, request)

    def members_query(self, segment_id: UUID) -> Select[UUID]:
        """SELECT of the ids of the segment's live members today: what campaigns and tasks target."""
        with self._db.session() as session:
            condition = self._resolve(session, self._load(session, segment_id).definition)
        return select(Party.id).where(Party.deleted_at.is_(None), condition)

    def member_ids(self, segment_id: UUID) -> list[UUID]:
        """Ids of the segment's members (for tests and small exports; lists page instead)."""
        stmt = self.members_query(segment_id).order_by(Party.sort_name, Party.id)
        with self._db.session() as session:
            return list(session.scalars(stmt))

    def create(self, name: str, definition: Definition, description: str = "") -> SegmentInfo:
        """Save a new segment (a broken condition may be saved: it is reported, not refused)."""
        clean = self._valid_name(name)
        try:
            with self._db.write_session() as session:
                self._check_unique(session, clean, None)
                segment = Segment(name=clean, description=description.strip(), definition=normalize(definition))
                session.add(segment)
                session.flush()
                info = _info(segment)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(SEGMENT, [info.id]))
        return info

    def update(
        self,
        segment_id: UUID,
        expected_version: int,
        *,
        name: str | None = None,
        definition: Definition | None = None,
        description: str | None = None,
    ) -> SegmentInfo:
        """Save changes to a segment loaded at `expected_version` (ConflictError if someone saved it since)."""
        clean = self._valid_name(name) if name is not None else None
        try:
            with self._db.write_session() as session:
                segment = self._load(session, segment_id)
                if segment.version != expected_version:
                    raise ConflictError(_info(segment), expected_version=expected_version)
                if clean is not None:
                    self._check_unique(session, clean, segment_id)
                    segment.name = clean
                if definition is not None:
                    segment.definition = normalize(definition)
                if description is not None:
                    segment.description = description.strip()
                segment.updated_at = self._db.clock()
                session.flush()
                info = _info(segment)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(SEGMENT, [segment_id]))
        return info

    def delete(self, segment_id: UUID) -> None:
        """Move a segment to the trash."""
        self._set_deleted(segment_id, self._db.clock())

    def restore(self, segment_id: UUID) -> None:
        """Bring a segment back from the trash."""
        self._set_deleted(segment_id, None)

    # ------------------------------------------------------------------ internals
    def _load(self, session: Session, segment_id: UUID) -> Segment:
        segment = session.get(Segment, segment_id, populate_existing=True)
        if segment is None:
            raise NotFoundError(f"segment {segment_id} not found")
        return segment

    @staticmethod
    def _valid_name(name: str) -> str:
        clean = " ".join(name.split())
        if not clean:
            raise ValidationFailedError([FieldError("name", "required")])
        if len(clean) > NAME_MAX:
            raise ValidationFailedError([FieldError("name", "too_long", clean[:40], {"max": NAME_MAX})])
        return clean

    @staticmethod
    def _check_unique(session: Session, name: str, own_id: UUID | None) -> None:
        for other in session.scalars(select(Segment).where(func.lower(Segment.name) == name.lower())).all():
            if other.id == own_id:
                continue
            if other.deleted_at is None:
                raise ValidationFailedError([FieldError("name", "duplicate_name", name)])
            # A segment in the trash must not block the name: it steps aside.
            other.name = f"{other.name[: NAME_MAX - 11]} ({other.id.hex[-8:]})"
        session.flush()

    def _set_deleted(self, segment_id: UUID, when: dt.datetime | None) -> None:
        try:
            with self._db.write_session() as session:
                segment = self._load(session, segment_id)
                if when is None and segment.deleted_at is not None:
                    self._check_unique(session, segment.name, segment_id)
                segment.deleted_at = when
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(SEGMENT, [segment_id]))


def _info(segment: Segment) -> SegmentInfo:
    return SegmentInfo(
        id=segment.id,
        name=segment.name,
        description=segment.description,
        definition=normalize(segment.definition),
        version=segment.version,
        updated_at=segment.updated_at,
        deleted_at=segment.deleted_at,
    )
