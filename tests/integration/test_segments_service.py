"""Segments on SQLite and PostgreSQL: the three examples of issue 3, nesting and exclusions,
broken references, "why is she in it", saving with optimistic locking, and a property test that
the SQL segment selects exactly what a Python filter over the same data selects."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.domains import ChoiceItem, Deal, DealContact, DealStatus, PipelineStage, role_category_list
from ekocrm_desktop.models.membership import MembershipType, Subscription
from ekocrm_desktop.models.party import Tag
from ekocrm_desktop.services.contacts import ContactService, PartyDetail, RoleEntry
from ekocrm_desktop.services.errors import ConflictError, ValidationFailedError
from ekocrm_desktop.services.groups import GroupService
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.segments import (
    AND,
    OR,
    Definition,
    SegmentService,
    group,
    is_leaf,
    leaf,
    name_keys,
    role_value,
)

from .segment_fixtures import TODAY, articles, deal, organisation, person, stages

PME_IN_RHONE = group(
    AND,
    leaf("role", "current", {"role": "prospect", "category": "PME"}),
    leaf("department", "is", "69"),
)
BOUGHT_FORMATION = group(
    AND,
    leaf("role", "current", {"role": "client"}),
    leaf("bought_category", "has", "formation", "Formation"),
)
BIENFAITEURS_IN_LYON = group(
    AND,
    leaf("role", "current", {"role": "member", "category": "bienfaiteur"}),
    leaf("city", "equals", "Lyon"),
)


@pytest.fixture
def contacts(db: Database) -> ContactService:
    return ContactService(db)


@pytest.fixture
def segments(db: Database) -> SegmentService:
    return SegmentService(db, today=lambda: TODAY)


@pytest.fixture
def groups(db: Database) -> GroupService:
    return GroupService(db, today=lambda: TODAY)


def since(year: int) -> dt.date:
    return dt.date(year, 1, 1)


# ---------------------------------------------------------------------------- the three examples
def test_prospects_of_category_pme_in_the_rhone(contacts: ContactService, segments: SegmentService) -> None:
    pme = RoleEntry("prospect", since(2025), category="PME")
    wanted = organisation(contacts, "Imprimerie Morel", city="Villeurbanne", postcode="69100", roles=(pme,))
    lyon = person(contacts, "Hélène", "Lefèvre", city="Lyon", postcode="69003", roles=(pme,))
    organisation(contacts, "Alpes Bois", city="Grenoble", postcode="38000", roles=(pme,))
    organisation(
        contacts,
        "Petit Atelier",
        city="Lyon",
        postcode="69002",
        roles=(RoleEntry("prospect", since(2025), category="TPE"),),
    )
    ended = RoleEntry("prospect", since(2024), dt.date(2025, 6, 30), category="PME")
    organisation(
        contacts,
        "Ancien Prospect",
        city="Lyon",
        postcode="69001",
        roles=(ended, RoleEntry("client", dt.date(2025, 7, 1))),
    )
    organisation(
        contacts, "Client PME", city="Lyon", postcode="69001", roles=(RoleEntry("client", since(2024), category="PME"),)
    )

    assert segments.count_definition(PME_IN_RHONE) == 2
    rows = segments.page_definition(PME_IN_RHONE, "", "name", False, PageRequest(0, 50, 2))
    assert [r.id for r in rows] == [wanted, lyon]  # "imprimerie morel" < "lefevre helene"
    # Searching within the segment.
    assert [r.id for r in segments.page_definition(PME_IN_RHONE, "helene", "name", False, PageRequest(0, 50, 0))] == [
        lyon
    ]
    assert segments.count_definition(PME_IN_RHONE, "morel") == 1


def test_clients_who_bought_an_article_of_category_formation(
    db: Database, contacts: ContactService, segments: SegmentService
) -> None:
    stage = stages(db)
    article = articles(db)
    client = RoleEntry("client", since(2024))
    buyer = organisation(contacts, "Garage Roux", roles=(client,))
    open_only = organisation(contacts, "Boulangerie Fabre", roles=(client,))
    software = organisation(contacts, "Cabinet Girard", roles=(client,))
    lost = organisation(contacts, "Studio Petit", roles=(client,))
    prospect = organisation(contacts, "Prospect Formé", roles=(RoleEntry("prospect", since(2025)),))
    through_contact = person(contacts, "Zoé", "Dupré", roles=(client,))
    deal(db, buyer, stage["Gagné"], DealStatus.WON.value, (article["LOG-CRM"], article["FORM-EXCEL"]))
    deal(db, open_only, stage["Proposition"], DealStatus.OPEN.value, (article["FORM-RGPD"],))
    deal(db, software, stage["Gagné"], DealStatus.WON.value, (article["LOG-CRM"],))
    deal(db, lost, stage["Perdu"], DealStatus.LOST.value, (article["FORM-EXCEL"],))
    deal(db, prospect, stage["Gagné"], DealStatus.WON.value, (article["FORM-EXCEL"],))
    deal(db, software, stage["Gagné"], DealStatus.WON.value, (article["FORM-RGPD"],), contacts=(through_contact,))

    saved = segments.create("Clients formés", BOUGHT_FORMATION)
    assert segments.count(saved.id) == 3
    assert set(segments.member_ids(saved.id)) == {buyer, software, through_contact}
    # The other deal conditions.
    assert (
        segments.count_definition(group(AND, leaf("deal_stage", "has", str(stage["Proposition"]), "Proposition"))) == 1
    )
    assert set(segments.member_ids_of(group(AND, leaf("deal_status", "has", "lost")))) == {lost}
    # A deal without a client (only a contact) must not empty an exclusion: NOT IN meets no NULL.
    loner = person(contacts, "Léa", "Seule", roles=(client,))
    with db.write_session() as session:
        orphan = Deal(title="Sans client", party_id=None, stage_id=stage["Perdu"], status=DealStatus.LOST.value)
        orphan.contacts = [DealContact(party_id=through_contact)]
        session.add(orphan)
        session.commit()
    not_lost = group(AND, leaf("role", "current", {"role": "client"}), exclude=[leaf("deal_status", "has", "lost")])
    assert set(segments.member_ids_of(not_lost)) == {buyer, open_only, software, loner}


def test_benefactor_members_living_in_lyon(contacts: ContactService, segments: SegmentService) -> None:
    benefactor = RoleEntry("member", since(2020), category="bienfaiteur")
    wanted = person(contacts, "Loïc", "Noël", city="Lyon", postcode="69005", roles=(benefactor,))
    accented = person(contacts, "Anaïs", "Bérard", city="LYON", postcode="69008", roles=(benefactor,))
    person(contacts, "Jérôme", "Martin", city="Villeurbanne", postcode="69100", roles=(benefactor,))
    person(
        contacts,
        "Inès",
        "Roche",
        city="Lyon",
        postcode="69002",
        roles=(RoleEntry("member", since(2020), category="actif"),),
    )
    resigned = RoleEntry("member", since(2019), dt.date(2025, 12, 31), category="bienfaiteur")
    person(contacts, "Paul", "Ancien", city="Lyon", postcode="69001", roles=(resigned,))

    assert set(segments.member_ids_of(BIENFAITEURS_IN_LYON)) == {wanted, accented}
    # "Ever" also finds the former benefactor.
    ever = group(
        AND, leaf("role", "ever", {"role": "member", "category": "bienfaiteur"}), leaf("city", "contains", "lyo")
    )
    assert segments.count_definition(ever) == 3


# ---------------------------------------------------------------------------- nesting, exclusions, fields
def test_nesting_and_exclusions(contacts: ContactService, segments: SegmentService, groups: GroupService) -> None:
    vip = ("VIP",)
    a = person(contacts, "Alice", "Aubert", city="Lyon", postcode="69001", tags=vip)
    b = person(contacts, "Bruno", "Blanc", city="Grenoble", postcode="38000", tags=vip)
    c = organisation(contacts, "Chocolaterie Colin", city="Annecy", postcode="74000")
    d = person(contacts, "Denise", "Durand", city="Lyon", postcode="69004")
    tag_id = next(t.id for t in contacts.tags() if t.name == "VIP")
    board = groups.create("Bureau 2026")
    groups.add(board.id, [c, d])

    has_vip = leaf("tag", "has", str(tag_id), "VIP")
    in_board = leaf("group", "in", str(board.id), "Bureau 2026")
    # (VIP or in the board) but not in Lyon's department.
    tree = group(AND, group(OR, has_vip, in_board), exclude=[leaf("department", "is", "69")])
    assert set(segments.member_ids_of(tree)) == {b, c}
    # Exclusions nest: a sub-group excluding people from the board.
    nested = group(OR, has_vip, group(AND, in_board, exclude=[leaf("kind", "is", "person")]))
    assert set(segments.member_ids_of(nested)) == {a, b, c}
    # An empty group restricts nothing: every live party; a trashed one never.
    contacts.delete([d])
    assert set(segments.member_ids_of(group(AND))) == {a, b, c}
    assert set(segments.member_ids_of(group(OR, group(AND)))) == {a, b, c}


def test_text_department_and_date_fields(db: Database, contacts: ContactService, segments: SegmentService) -> None:
    hélène = contacts.create(_draft("Hélène", "Lefèvre", "helene@exemple.fr", "06 12 34 56 78", "20000", "Ajaccio")).id
    jean = contacts.create(
        _draft("Jean", "Dupont", "jean.dupont@mairie.fr", "04 78 00 00 00", "97110", "Pointe-à-Pitre")
    ).id
    org = organisation(contacts, "Mairie de Lyon", city="Lyon", postcode="69001")
    worker = contacts.create(_draft("Léa", "Morel", "lea@mairie.fr", "", "69001", "Lyon", org)).id

    def ids(*nodes: Definition) -> set[uuid.UUID]:
        return set(segments.member_ids_of(group(AND, *nodes)))

    assert ids(leaf("name", "contains", "lefe")) == {hélène}
    assert ids(leaf("name", "equals", "jean dupont")) == ids(leaf("name", "equals", "DUPONT Jean")) == {jean}
    assert ids(leaf("name", "starts", "dup")) == {jean}
    assert ids(leaf("email", "contains", "@MAIRIE.fr")) == {jean, worker}
    assert ids(leaf("email", "starts", "helene@")) == {hélène}
    assert ids(leaf("phone", "starts", "06 12")) == {hélène}
    assert ids(leaf("phone", "contains", "78 00 00")) == {jean}
    assert ids(leaf("city", "starts", "pointe a")) == {jean}
    assert ids(leaf("postcode", "starts", "971")) == {jean}
    assert ids(leaf("department", "is", "971")) == {jean}
    assert ids(leaf("department", "is", "2A")) == {hélène}
    assert ids(leaf("department", "is", "2B")) == set()
    assert ids(leaf("department", "is", "69")) == {org, worker}
    assert ids(leaf("organisation", "works_for", str(org), "Mairie de Lyon")) == {worker}
    assert ids(leaf("organisation", "is", str(org), "Mairie de Lyon")) == {org}
    assert ids(leaf("kind", "is", "organisation")) == {org}
    tomorrow = (db.clock() + dt.timedelta(days=1)).date().isoformat()
    yesterday = (db.clock() - dt.timedelta(days=1)).date().isoformat()
    assert len(ids(leaf("created", "before", tomorrow))) == 4
    assert ids(leaf("created", "after", yesterday)) == ids(leaf("updated", "before", tomorrow))
    assert ids(leaf("created", "before", yesterday)) == set()


def _draft(
    first: str, last: str, email: str, phone: str, postcode: str, city: str, org: uuid.UUID | None = None
) -> Any:
    from ekocrm_desktop.services.contacts import AddressEntry, AffiliationEntry, EmailEntry, PartyDraft, PhoneEntry

    return PartyDraft(
        kind="person",
        first_name=first,
        last_name=last,
        emails=(EmailEntry(email),),
        phones=(PhoneEntry(phone),) if phone else (),
        addresses=(AddressEntry("1 rue", "", postcode, city, "FR"),),
        affiliations=(AffiliationEntry(org),) if org else (),
    )


def test_dues_status_reuses_the_membership_rule(
    db: Database, contacts: ContactService, segments: SegmentService
) -> None:
    member = RoleEntry("member", since(2024))
    paid = person(contacts, "Paul", "Payé", roles=(member,))
    late = person(contacts, "Lucie", "Retard", roles=(member,))
    never = person(contacts, "Nina", "Jamais", roles=(member,))
    gone = person(contacts, "Rémi", "Parti", roles=(RoleEntry("member", since(2020), dt.date(2025, 12, 31)),))
    with db.write_session() as session:
        kind = MembershipType(name="Individuelle", fee=Decimal("30"))
        session.add(kind)
        session.flush()
        for party, end in ((paid, dt.date(2026, 12, 31)), (late, dt.date(2025, 12, 31))):
            session.add(
                Subscription(
                    party_id=party,
                    type_id=kind.id,
                    period_start=dt.date(end.year, 1, 1),
                    period_end=end,
                    amount=Decimal("30"),
                    paid_on=dt.date(end.year, 1, 5),
                )
            )
        session.commit()

    def who(status: str) -> set[uuid.UUID]:
        return set(segments.member_ids_of(group(AND, leaf("dues_status", "is", status))))

    assert who("up_to_date") == {paid}
    assert who("late") == {late}
    assert who("never_paid") == {never}
    assert who("resigned") == {gone}
    assert who("due_soon") == set()


# ---------------------------------------------------------------------------- broken references, explain
def test_a_condition_on_something_deleted_is_reported_by_name_and_matches_nobody(
    db: Database, contacts: ContactService, segments: SegmentService, groups: GroupService
) -> None:
    stage = stages(db)
    article = articles(db)
    a = person(
        contacts,
        "Alice",
        "Aubert",
        city="Lyon",
        postcode="69001",
        tags=("Presse",),
        roles=(RoleEntry("prospect", since(2025), category="PME"),),
    )
    deal(db, a, stage["Découverte"], "open", (article["FORM-EXCEL"],))
    salon = groups.create("Salon de Lyon 2026")
    groups.add(salon.id, [a])
    with db.write_session() as session:
        session.add(ChoiceItem(list_key=role_category_list("prospect"), code="PME", label="PME"))
        session.add(ChoiceItem(list_key="article_category", code="formation", label="Formation"))
        session.commit()
    tag_id = next(t.id for t in contacts.tags() if t.name == "Presse")
    definition = group(
        OR,
        leaf("tag", "has", str(tag_id), "Presse"),
        leaf("group", "in", str(salon.id), "Salon de Lyon 2026"),
        leaf("deal_stage", "has", str(stage["Découverte"]), "Découverte"),
        leaf("role", "current", {"role": "prospect", "category": "PME"}),
        leaf("bought_category", "has", "formation", "Formation"),
    )
    saved = segments.create("Tout", definition)
    assert segments.validate(definition) == []
    assert segments.count(saved.id) == 1

    now = db.clock()
    with db.write_session() as session:
        session.get_one(Tag, tag_id).deleted_at = now
        session.get_one(PipelineStage, stage["Découverte"]).deleted_at = now
        for item in session.scalars(select(ChoiceItem)):
            item.deleted_at = now
        session.commit()
    groups.delete(salon.id)

    broken = segments.validate(segments.get(saved.id).definition)
    assert [(b.path, b.reason, b.label) for b in broken] == [
        ("0", "tag_deleted", "Presse"),
        ("1", "group_deleted", "Salon de Lyon 2026"),
        ("2", "stage_deleted", "Découverte"),
        ("3", "category_deleted", "PME"),
        ("4", "category_deleted", "Formation"),
    ]
    # The segment still opens: every condition is broken, so it selects nobody.
    assert segments.count(saved.id) == 0
    assert segments.page(saved.id, "", "name", False, PageRequest(0, 50, 0)) == []
    # A hard-deleted tag, an unknown field and a bad value are reported too.
    odd = group(
        AND,
        leaf("tag", "has", str(uuid.uuid4()), "Disparu"),
        leaf("shoe_size", "is", 42),
        leaf("department", "is", "6"),
    )
    assert [(b.path, b.reason, b.label) for b in segments.validate(odd)] == [
        ("0", "tag_deleted", "Disparu"),
        ("1", "unknown_field", "shoe_size"),
        ("2", "invalid_value", "6"),
    ]
    assert segments.count_definition(odd) == 0


def test_explain_says_which_conditions_hold(contacts: ContactService, segments: SegmentService) -> None:
    benefactor = RoleEntry("member", since(2020), category="bienfaiteur")
    loïc = person(contacts, "Loïc", "Noël", city="Lyon", postcode="69005", roles=(benefactor,), tags=("Presse",))
    inès = person(contacts, "Inès", "Roche", city="Villeurbanne", postcode="69100", roles=(benefactor,))
    tag_id = next(t.id for t in contacts.tags() if t.name == "Presse")
    tree = group(
        AND,
        leaf("role", "current", {"role": "member", "category": "bienfaiteur"}),
        group(OR, leaf("city", "equals", "Lyon"), leaf("postcode", "starts", "691")),
        exclude=[leaf("tag", "has", str(tag_id), "Presse")],
    )
    him = segments.explain(tree, loïc)
    assert not him.member  # excluded by the tag
    assert [(i.path, i.met, i.depth, i.excluded) for i in him.items] == [
        ("0", True, 0, False),
        ("1", True, 0, False),
        ("1.0", True, 1, False),
        ("1.1", False, 1, False),
        ("x0", True, 0, True),
    ]
    her = segments.explain(tree, inès)
    assert her.member
    assert [i.met for i in her.items] == [True, True, False, True, False]
    assert her.items[1].is_group and not her.items[0].is_group


# ---------------------------------------------------------------------------- saving
def test_segments_are_saved_with_optimistic_locking(contacts: ContactService, segments: SegmentService) -> None:
    a = person(contacts, "Alice", "Aubert", city="Lyon", postcode="69001")
    saved = segments.create("Lyonnais", group(AND, leaf("city", "equals", "Lyon")), "Les gens de Lyon")
    assert [s.name for s in segments.segments()] == ["Lyonnais"]
    with pytest.raises(ValidationFailedError):
        segments.create(" lyonnais ", group(AND))
    with pytest.raises(ValidationFailedError):
        segments.create("  ", group(AND))
    renamed = segments.update(
        saved.id, saved.version, name="Lyon et Rhône", definition=group(AND, leaf("department", "is", "69"))
    )
    assert renamed.version == saved.version + 1
    with pytest.raises(ConflictError) as conflict:
        segments.update(saved.id, saved.version, name="Trop tard")
    assert conflict.value.current.name == "Lyon et Rhône"
    assert segments.member_ids(saved.id) == [a]
    with segments._db.session() as session:  # what campaigns run: the query itself
        assert list(session.scalars(segments.members_query(saved.id))) == [a]
    segments.delete(saved.id)
    assert segments.segments() == []
    again = segments.create("Lyon et Rhône", group(AND))  # the trashed one steps aside
    assert again.id != saved.id


# ---------------------------------------------------------------------------- property: SQL == Python
CITIES = (("Lyon", "69003"), ("Villeurbanne", "69100"), ("Grenoble", "38000"), ("Saint-Étienne", "42000"), ("", ""))
TAGS = ("VIP", "Presse", "Bénévole")
GROUPS = ("Bureau", "Salon")
ROLES = ("prospect", "client", "member")
CATEGORIES = ("PME", "TPE", "bienfaiteur", "")


@st.composite
def world(draw: st.DrawFn) -> list[dict[str, Any]]:
    people = []
    for _ in range(draw(st.integers(1, 8))):
        roles = []
        for _r in range(draw(st.integers(0, 2))):
            start = draw(st.sampled_from((since(2020), since(2025), dt.date(2026, 6, 1))))
            end = draw(st.sampled_from((None, dt.date(2025, 12, 31), dt.date(2027, 1, 1))))
            if end is not None and end < start:
                end = None
            roles.append(
                RoleEntry(draw(st.sampled_from(ROLES)), start, end, category=draw(st.sampled_from(CATEGORIES)))
            )
        people.append(
            {
                "kind": draw(st.sampled_from(("person", "organisation"))),
                "name": draw(st.sampled_from(("Aubert", "Bérard", "Colin", "Dupré"))),
                "place": draw(st.sampled_from(CITIES)),
                "tags": tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))),
                "roles": tuple(roles),
                "groups": tuple(draw(st.lists(st.sampled_from(GROUPS), max_size=2, unique=True))),
            }
        )
    return people


def leaves() -> st.SearchStrategy[Definition]:
    return st.one_of(
        st.builds(lambda v: leaf("kind", "is", v), st.sampled_from(("person", "organisation"))),
        st.builds(
            lambda o, v: leaf("name", o, v),
            st.sampled_from(("contains", "equals", "starts")),
            st.sampled_from(("au", "bérard", "COLIN", "e")),
        ),
        st.builds(
            lambda o, v: leaf("city", o, v),
            st.sampled_from(("contains", "equals", "starts")),
            st.sampled_from(("lyon", "Ville", "é", "Saint-Etienne")),
        ),
        st.builds(lambda v: leaf("department", "is", v), st.sampled_from(("69", "38", "42"))),
        st.builds(lambda v: leaf("tag", "has", v), st.sampled_from(TAGS)),
        st.builds(lambda v: leaf("group", "in", v), st.sampled_from(GROUPS)),
        st.builds(
            lambda o, r, c: leaf("role", o, {"role": r, "category": c}),
            st.sampled_from(("current", "ever")),
            st.sampled_from(ROLES),
            st.sampled_from(CATEGORIES),
        ),
    )


definitions = st.recursive(
    st.builds(lambda c, x: group(AND, *c, exclude=x), st.lists(leaves(), max_size=3), st.lists(leaves(), max_size=1)),
    lambda inner: st.builds(
        lambda op, c, x: group(op, *c, exclude=x),
        st.sampled_from((AND, OR)),
        st.lists(st.one_of(leaves(), inner), max_size=3),
        st.lists(st.one_of(leaves(), inner), max_size=1),
    ),
    max_leaves=8,
)


def fold(text: str) -> str:
    from ekocrm_desktop.db.textnorm import sort_key

    return sort_key(text)


def python_holds(node: Definition, party: PartyDetail, in_groups: set[str]) -> bool:
    """The segment's meaning, evaluated in Python over what the contacts service reads back."""
    if not is_leaf(node):
        children = [python_holds(c, party, in_groups) for c in node["children"]]
        body = True if not children else (any(children) if node["op"] == OR else all(children))
        return body and not any(python_holds(x, party, in_groups) for x in node["exclude"])
    draft = party.draft
    field, op, value = node["field"], node["operator"], node["value"]
    address = draft.addresses[0] if draft.addresses else None
    if field == "kind":
        return draft.kind == value
    if field in ("name", "city"):
        if field == "name":
            subject = fold(f"{draft.last_name} {draft.first_name}" if draft.is_person else draft.name)
        else:
            subject = fold(address.city if address else "")
        if field == "name" and op == "equals":
            return subject in name_keys(value)
        want = fold(value)
        return subject == want if op == "equals" else subject.startswith(want) if op == "starts" else want in subject
    if field == "department":
        return bool(address) and address.postcode.startswith(value)  # type: ignore[union-attr]
    if field == "tag":
        return value in draft.tags
    if field == "group":
        return value in in_groups
    if field == "role":
        want = role_value(node)
        return any(
            r.role == want["role"]
            and (not want["category"] or r.category == want["category"])
            and (op == "ever" or r.is_current(TODAY))
            for r in draft.roles
        )
    raise AssertionError(field)


def check_property(db: Database, max_examples: int) -> None:
    contacts = ContactService(db)
    segments = SegmentService(db, today=lambda: TODAY, due_soon_days=lambda: 30)
    groups = GroupService(db, today=lambda: TODAY)

    @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(people=world(), trees=st.lists(definitions, min_size=3, max_size=3))
    def run(people: list[dict[str, Any]], trees: list[Definition]) -> None:
        with db.write_session() as session:
            for table in ("group_member", "party_group", "party_tag", "tag", "party_role", "party_address", "party"):
                session.execute(_delete(table))
            session.commit()
        ids = []
        for p in people:
            city, postcode = p["place"]
            if p["kind"] == "person":
                ids.append(
                    person(contacts, "Jean", p["name"], city=city, postcode=postcode, roles=p["roles"], tags=p["tags"])
                )
            else:
                ids.append(organisation(contacts, p["name"], city=city, postcode=postcode, roles=p["roles"]))
                if p["tags"]:
                    detail = contacts.get(ids[-1])
                    from dataclasses import replace

                    contacts.update(ids[-1], detail.version, replace(detail.draft, tags=p["tags"]))
        group_ids = {name: groups.create(name).id for name in GROUPS}
        for name, gid in group_ids.items():
            groups.add(gid, [i for i, p in zip(ids, people, strict=True) if name in p["groups"]])
        tag_ids = {t.name: str(t.id) for t in contacts.tags()}
        details = [contacts.get(i) for i in ids]
        memberships = {i: {g.name for g in groups.groups_of(i)} for i in ids}
        for tree in trees:
            sql_tree = _with_ids(tree, tag_ids, {k: str(v) for k, v in group_ids.items()})
            expected = {d.id for d in details if python_holds(tree, d, memberships[d.id])}
            assert set(segments.member_ids_of(sql_tree)) == expected, tree
            assert segments.count_definition(sql_tree) == len(expected)

    run()


def _delete(table: str) -> Any:
    from sqlalchemy import text

    return text(f"DELETE FROM {table}")


def _with_ids(node: Definition, tags: dict[str, str], groups: dict[str, str]) -> Definition:
    """The tree with tag and group names replaced by their ids (a tag nobody carries: a random id)."""
    if is_leaf(node):
        if node["field"] == "tag":
            return leaf("tag", "has", tags.get(node["value"], str(uuid.uuid4())), node["value"])
        if node["field"] == "group":
            return leaf("group", "in", groups[node["value"]], node["value"])
        return node
    return {
        "op": node["op"],
        "children": [_with_ids(c, tags, groups) for c in node["children"]],
        "exclude": [_with_ids(c, tags, groups) for c in node["exclude"]],
    }


def test_sql_segments_select_what_a_python_filter_selects(db: Database) -> None:
    check_property(db, 30 if db.is_sqlite else 8)


# ---------------------------------------------------------------------------- demo
def test_the_demo_holds_groups_and_the_three_example_segments(db: Database) -> None:
    from ekocrm_desktop.services.demo import DemoSize, generate_demo_data

    generate_demo_data(db, DemoSize(400, 60, association=False))
    groups = GroupService(db, today=lambda: TODAY)
    counts = {g.name: g.count for g in groups.groups()}
    assert set(counts) == {"Bureau 2026", "Salon de Lyon 2026", "Newsletter"}
    assert all(n > 0 for n in counts.values()), counts
    segments = SegmentService(db, today=lambda: TODAY)
    saved = {s.name: s for s in segments.segments()}
    assert set(saved) == {"Prospects PME du Rhône", "Clients ayant acheté une formation", "Bienfaiteurs lyonnais"}
    for name in ("Prospects PME du Rhône", "Bienfaiteurs lyonnais"):
        segment = saved[name]
        assert segments.validate(segment.definition) == []
        members = segments.member_ids(segment.id)
        assert members, name
        for party_id in members[:5]:
            why = segments.explain(segment.definition, party_id)
            assert why.member and all(item.met for item in why.items)
    # Generating again adds nothing twice.
    from ekocrm_desktop.services.demo_segments import generate_segments_demo

    generate_segments_demo(db)
    assert len(segments.segments()) == 3 and len(groups.groups()) == 3


def test_no_activity_for_n_days_counts_only_what_was_done_lately(
    db: Database, contacts: ContactService, segments: SegmentService
) -> None:
    from ekocrm_desktop.services.activities import ActivityDraft, ActivityService

    recent = person(contacts, "Rémi", "Récent")
    old = person(contacts, "Odile", "Ancienne")
    silent = person(contacts, "Sacha", "Silencieux")
    trashed = person(contacts, "Théo", "Corbeille")
    planned = person(contacts, "Pia", "Prévue")
    activities = ActivityService(db)
    noon = dt.datetime.combine(TODAY, dt.time(12), dt.UTC)

    def call(party: uuid.UUID, when: dt.datetime) -> uuid.UUID:
        return activities.log(ActivityDraft("call_out", "Relance", occurred_at=when, party_ids=(party,))).id

    call(recent, noon - dt.timedelta(days=3))
    call(old, noon - dt.timedelta(days=100))
    activities.trash([call(trashed, noon - dt.timedelta(days=1))])
    call(planned, noon + dt.timedelta(days=10))  # a call to come is not something done

    quiet = leaf("no_activity", "days", "30")
    assert set(segments.member_ids_of(quiet)) == {old, silent, trashed, planned}
    assert set(segments.member_ids_of(leaf("no_activity", "days", "200"))) == {silent, trashed, planned}
    # "Prospects left without news": combined with a role, and explained for one of them.
    why = segments.explain(group(AND, quiet), old)
    assert why.member and all(item.met for item in why.items)
    assert not segments.explain(group(AND, quiet), recent).member
    # A number of days that is not one is a broken condition, not an error.
    assert segments.validate(leaf("no_activity", "days", "abc"))
