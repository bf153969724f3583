"""Demo groups and segments: "Bureau 2026", "Salon de Lyon 2026" and "Newsletter" filled from the
demo's tags and member categories, and the three example segments of issue 3 saved, so a new
demo workspace shows live counts at once."""

from __future__ import annotations

from sqlalchemy import func, inspect, select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.textnorm import sort_key
from ekocrm_desktop.models.domains import Article, ChoiceItem, ChoiceListKey, Segment
from ekocrm_desktop.models.party import Party, PartyRole, Tag, party_tag
from ekocrm_desktop.services.groups import GroupService
from ekocrm_desktop.services.segments import AND, Definition, SegmentService, group, leaf

#: Groups made from the demo's tags (the demo generator puts the bureau members under the
#: "Bureau 2026" tag too).
GROUPS_FROM_TAGS = ("Bureau 2026", "Salon de Lyon 2026", "Newsletter")
#: At most this many parties per demo group (a static list is hand-made: it stays small).
GROUP_LIMIT = 150


def formation_category(db: Database) -> str:
    """The article category code meaning "Formation" (as the settings list or the catalogue spells it)."""
    with db.session() as session:
        codes = list(
            session.scalars(
                select(ChoiceItem.code).where(
                    ChoiceItem.list_key == ChoiceListKey.ARTICLE_CATEGORY.value, ChoiceItem.deleted_at.is_(None)
                )
            )
        )
        codes += list(session.scalars(select(Article.category).distinct()))
    return next((c for c in codes if sort_key(c) == "formation"), "formation")


def example_segments(formation: str = "formation") -> dict[str, Definition]:
    """The three examples of issue 3, by name."""
    return {
        "Prospects PME du Rhône": group(
            AND, leaf("role", "current", {"role": "prospect", "category": "PME"}), leaf("department", "is", "69")
        ),
        "Clients ayant acheté une formation": group(
            AND,
            leaf("role", "current", {"role": "client"}),
            leaf("bought_category", "has", formation, "Formation"),
        ),
        "Bienfaiteurs lyonnais": group(
            AND,
            leaf("role", "current", {"role": "member", "category": "bienfaiteur"}),
            leaf("city", "equals", "Lyon"),
        ),
    }


def generate_segments_demo(db: Database) -> None:
    """Write the demo groups and segments (skipped when they already exist, or when the database
    predates them: the migration tests write demo data with the schema of an older app)."""
    if not inspect(db.engine).has_table(Segment.__tablename__):
        return
    groups = GroupService(db)
    segments = SegmentService(db)
    existing = {g.name for g in groups.groups()}
    with db.session() as session:
        members: dict[str, list[object]] = {}
        for name in GROUPS_FROM_TAGS:
            stmt = (
                select(Party.id)
                .join(party_tag, party_tag.c.party_id == Party.id)
                .join(Tag, Tag.id == party_tag.c.tag_id)
                .where(Tag.name == name, Party.deleted_at.is_(None))
                .order_by(Party.sort_name, Party.id)
                .limit(GROUP_LIMIT)
            )
            members[name] = list(session.scalars(stmt))
        # The bureau: members of the "bureau" category too, whatever their tags.
        bureau = select(PartyRole.party_id).where(
            PartyRole.role == "member", func.lower(PartyRole.category) == "bureau"
        )
        members["Bureau 2026"] = list(dict.fromkeys([*members["Bureau 2026"], *session.scalars(bureau.limit(40))]))
    descriptions = {
        "Bureau 2026": "Les membres du bureau élus pour 2026.",
        "Salon de Lyon 2026": "Les contacts rencontrés sur notre stand au salon de Lyon.",
        "Newsletter": "Les abonnés à la lettre d'information.",
    }
    for name in GROUPS_FROM_TAGS:
        if name in existing:
            continue
        info = groups.create(name, descriptions[name])
        groups.add(info.id, members[name])  # type: ignore[arg-type]
    saved = {s.name for s in segments.segments()}
    for name, definition in example_segments(formation_category(db)).items():
        if name not in saved:
            segments.create(name, definition)
