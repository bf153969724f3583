"""General assemblies on real SQLite and PostgreSQL: invitations, answers, proxies and their
limit, the quorum counted from members up to date with dues, convocations, attendance sheet."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.assemblies import (
    AgendaEntry,
    AssemblyDraft,
    AssemblyService,
    InvitationQuery,
)
from ekocrm_desktop.services.audience import Audience
from ekocrm_desktop.services.contacts import AddressEntry, ContactService, PartyDraft, RoleEntry
from ekocrm_desktop.services.errors import ConflictError, ValidationFailedError
from ekocrm_desktop.services.membership import MembershipService, SubscriptionDraft, TypeDraft
from ekocrm_desktop.services.paging import PageRequest

TODAY = dt.date(2026, 3, 2)
MEETING = dt.datetime(2026, 4, 18, 12, 30, tzinfo=dt.UTC)  # 14:30 in Lyon
CONVOCATION = (
    "{civility} {last_name},\n\nVous êtes convoqué(e) à l'assemblée générale « {title} » le {date} à {time}, {place}."
)


class Association:
    """A small association: members up to date, late payers, people who never paid."""

    def __init__(self, db: Database) -> None:
        self.contacts = ContactService(db)
        self.membership = MembershipService(db, today=lambda: TODAY)
        self.assemblies = AssemblyService(db, membership=self.membership, today=lambda: TODAY)
        self.active = self.membership.save_type(TypeDraft("Membre actif", "active", Decimal("35"))).id
        self.benefactor = self.membership.save_type(TypeDraft("Bienfaiteur", "benefactor", Decimal("100"))).id
        self.ids: dict[str, uuid.UUID] = {}

    def member(self, name: str, paid_year: int | None, kind: uuid.UUID | None = None) -> uuid.UUID:
        first, last = name.split()
        party = self.contacts.create(
            PartyDraft(
                kind="person",
                civility="Mme" if first.endswith("e") else "M.",
                first_name=first,
                last_name=last,
                addresses=(AddressEntry("1 rue Mercière", "", "69002", "Lyon"),),
                roles=(RoleEntry("member", dt.date(2020, 1, 1)),),
            )
        ).id
        if paid_year is not None:
            start, paid_on = dt.date(paid_year, 1, 1), dt.date(min(paid_year, 2026), 1, 15)
            self.membership.record(
                SubscriptionDraft(party, kind or self.active, start, Decimal("35"), paid_on, "cheque")
            )
        self.ids[name] = party
        return party


@pytest.fixture
def club(db: Database) -> Association:
    club = Association(db)
    for name in ("Alice Arnaud", "Bruno Blanc", "Claire Colin", "Denis Dumas", "Émile Faure", "Fanny Girard"):
        club.member(name, 2026)
    club.member("Gaëlle Henry", 2026, club.benefactor)
    club.member("Hugo Joly", 2026)
    club.member("Inès Klein", 2025)  # late
    club.member("Jules Lemoine", None)  # never paid
    return club


def new_assembly(club: Association, **kw: object) -> uuid.UUID:
    values: dict[str, object] = {
        "title": "Assemblée générale 2026",
        "starts_at": MEETING,
        "place": "Salle des fêtes, Lyon 2e",
        "agenda": (AgendaEntry("Rapport moral"), AgendaEntry("Rapport financier"), AgendaEntry("Élection du bureau")),
        "quorum_percent": Decimal("25"),
        "max_proxies": 2,
        "convocation": CONVOCATION,
    }
    values.update(kw)
    return club.assemblies.create(AssemblyDraft(**values)).id  # type: ignore[arg-type]


def test_create_edit_and_conflict(club: Association) -> None:
    assemblies = club.assemblies
    draft = assemblies.new_draft()
    assert draft.quorum_percent == Decimal("25") and draft.max_proxies == 2 and draft.starts_at.tzinfo is not None
    with pytest.raises(ValidationFailedError) as error:
        assemblies.create(
            AssemblyDraft(
                title=" ",
                starts_at=MEETING,
                quorum_percent=Decimal("120"),
                max_proxies=-1,
                convocation="Bonjour {prenom}",
            )
        )
    assert {(e.field, e.code) for e in error.value.errors} == {
        ("title", "required"),
        ("quorum_percent", "out_of_range"),
        ("max_proxies", "out_of_range"),
        ("convocation", "unknown_merge_field"),
    }
    created = assemblies.get(new_assembly(club))
    assert [a.title for a in created.draft.agenda] == ["Rapport moral", "Rapport financier", "Élection du bureau"]
    changed = assemblies.update(
        created.id,
        created.version,
        AssemblyDraft(
            **{**created.draft.__dict__, "agenda": (AgendaEntry("Rapport moral"), AgendaEntry("Questions diverses"))}
        ),
    )
    assert changed.version == created.version + 1
    assert [a.title for a in assemblies.get(created.id).draft.agenda] == ["Rapport moral", "Questions diverses"]
    with pytest.raises(ConflictError):
        assemblies.update(created.id, created.version, created.draft)
    total = assemblies.count()
    assert [r.title for r in assemblies.page("", "date", False, PageRequest(0, 10, total))] == [
        "Assemblée générale 2026"
    ]
    assert assemblies.count("générale") == 1 and assemblies.count("bureau") == 0
    assemblies.delete(created.id)
    assert assemblies.count() == 0


def test_invite_by_status_and_type_keeps_existing_answers(club: Association) -> None:
    assembly = new_assembly(club)
    assemblies = club.assemblies
    # Up to date only, then the late and never-paid ones too: nobody invited twice, answers kept.
    assert assemblies.invite(assembly, Audience(statuses=("up_to_date", "due_soon"))) == 8
    assemblies.respond(assembly, club.ids["Alice Arnaud"], "attending")
    assert assemblies.invite(assembly, Audience()) == 2
    assert assemblies.count_invitations(InvitationQuery(assembly)) == 10
    assert assemblies.invitation(assembly, club.ids["Alice Arnaud"]).response == "attending"
    late = assemblies.invitation(assembly, club.ids["Inès Klein"])
    assert late.dues_status == "late" and late.type_name == "Membre actif"
    # Each invitee's own membership (the type of their latest subscription).
    assert assemblies.invitation(assembly, club.ids["Gaëlle Henry"]).type_name == "Bienfaiteur"
    other = new_assembly(club, title="Réunion des bienfaiteurs")
    assert assemblies.invite(other, Audience(type_ids=(club.benefactor,))) == 1
    outsider = club.contacts.create(PartyDraft(kind="person", first_name="Invité", last_name="Extérieur")).id
    assert assemblies.invite(other, Audience(members=False, party_ids=(outsider,))) == 1
    rows = assemblies.invitations(InvitationQuery(other), "name", False, PageRequest(0, 10, 2))
    # By last name, as every list of people.
    assert [(r.display_name, r.dues_status) for r in rows] == [
        ("Invité Extérieur", "none"),
        ("Gaëlle Henry", "up_to_date"),
    ]
    assert assemblies.count_invitations(InvitationQuery(assembly, text="ines")) == 1
    assert assemblies.count_invitations(InvitationQuery(assembly, response="attending")) == 1
    assert assemblies.uninvite(other, [outsider]) == 1


def test_proxies_are_limited_per_holder_with_a_clear_refusal(club: Association) -> None:
    assembly = new_assembly(club, max_proxies=2)
    assemblies = club.assemblies
    assemblies.invite(assembly, Audience())
    ids = club.ids
    assemblies.respond(assembly, ids["Alice Arnaud"], "attending")
    assemblies.respond(assembly, ids["Bruno Blanc"], "represented", proxy_holder_id=ids["Alice Arnaud"])
    assemblies.respond(assembly, ids["Claire Colin"], "represented", proxy_holder_id=ids["Alice Arnaud"])
    assert assemblies.invitation(assembly, ids["Alice Arnaud"]).proxies_held == 2
    with pytest.raises(ValidationFailedError) as error:
        assemblies.respond(assembly, ids["Denis Dumas"], "represented", proxy_holder_id=ids["Alice Arnaud"])
    refusal = error.value.errors[0]
    assert (refusal.code, refusal.value, refusal.params) == ("proxy_limit", "Alice Arnaud", {"max": 2})
    assert "Alice Arnaud" in str(error.value) and "2" in str(error.value)
    assert assemblies.invitation(assembly, ids["Denis Dumas"]).response == "pending"  # nothing written
    # Changing a proxy to the same holder is not a new one.
    assemblies.respond(assembly, ids["Claire Colin"], "represented", proxy_holder_id=ids["Alice Arnaud"])

    def refused(party: str, holder: str | None, response: str = "represented") -> str:
        with pytest.raises(ValidationFailedError) as caught:
            assemblies.respond(assembly, ids[party], response, proxy_holder_id=ids[holder] if holder else None)
        return caught.value.errors[0].code

    assert refused("Denis Dumas", "Denis Dumas") == "proxy_self"
    assert refused("Denis Dumas", "Bruno Blanc") == "proxy_holder_away"  # Bruno is represented himself
    assemblies.respond(assembly, ids["Émile Faure"], "absent")
    assert refused("Denis Dumas", "Émile Faure") == "proxy_holder_away"
    assert refused("Alice Arnaud", None, "absent") == "holds_proxies"  # give her proxies to someone else first
    assert refused("Denis Dumas", None) == "required"
    outsider = club.contacts.create(PartyDraft(kind="person", first_name="Non", last_name="Invité")).id
    with pytest.raises(ValidationFailedError) as caught:
        assemblies.respond(assembly, ids["Denis Dumas"], "represented", proxy_holder_id=outsider)
    assert caught.value.errors[0].code == "proxy_not_invited"
    # Coming in person after all frees the proxy.
    assemblies.respond(assembly, ids["Bruno Blanc"], "attending")
    bruno = assemblies.invitation(assembly, ids["Bruno Blanc"])
    assert bruno.proxy_holder_id is None and assemblies.invitation(assembly, ids["Alice Arnaud"]).proxies_held == 1
    with pytest.raises(ValidationFailedError) as caught:
        assemblies.uninvite(assembly, [ids["Alice Arnaud"]])
    assert caught.value.errors[0].code == "holds_proxies"


def test_quorum_counts_members_up_to_date_present_or_represented_by_someone_present(club: Association) -> None:
    assembly = new_assembly(club, quorum_percent=Decimal("50"))
    assemblies = club.assemblies
    assemblies.invite(assembly, Audience())
    ids = club.ids
    quorum = assemblies.quorum(assembly)
    # 8 members up to date on the day: half is 4.
    assert (quorum.eligible, quorum.required, quorum.counted, quorum.reached) == (8, 4, 0, False)
    assert quorum.invited == 10 and quorum.answers["pending"] == 10
    assemblies.respond(assembly, ids["Alice Arnaud"], "attending")
    assemblies.respond(assembly, ids["Bruno Blanc"], "represented", proxy_holder_id=ids["Alice Arnaud"])
    assemblies.respond(assembly, ids["Inès Klein"], "attending")  # late with dues: does not count
    assemblies.respond(assembly, ids["Claire Colin"], "represented", proxy_holder_id=ids["Denis Dumas"])
    quorum = assemblies.quorum(assembly)
    # Claire's holder has not said he comes: her proxy does not count yet.
    assert (quorum.present, quorum.represented, quorum.not_counted, quorum.reached) == (1, 1, 2, False)
    assert quorum.missing == 2
    assemblies.respond(assembly, ids["Denis Dumas"], "attending")
    quorum = assemblies.quorum(assembly)
    assert (quorum.present, quorum.represented, quorum.counted, quorum.reached) == (2, 2, 4, True)
    assert quorum.answers == {"pending": 5, "attending": 3, "absent": 0, "represented": 2}
    # A quarter of 8 is 2; rounding goes up (a third of 8 needs 3).
    third = new_assembly(club, title="AG extraordinaire", quorum_percent=Decimal("33.33"))
    assert assemblies.quorum(third).required == 3
    # A board meeting counts its invitees, whatever their dues.
    board = new_assembly(
        club, title="Réunion du bureau", kind="board", quorum_base="invitees", quorum_percent=Decimal("50")
    )
    assemblies.invite(board, Audience(members=False, party_ids=(ids["Inès Klein"], ids["Jules Lemoine"])))
    assemblies.respond(board, ids["Inès Klein"], "attending")
    quorum = assemblies.quorum(board)
    assert (quorum.eligible, quorum.required, quorum.counted, quorum.reached) == (2, 1, 1, True)


def test_convocations_are_merged_in_french_and_marked_sent(club: Association) -> None:
    assembly = new_assembly(club)
    assemblies = club.assemblies
    assemblies.invite(assembly, Audience(members=False, party_ids=(club.ids["Gaëlle Henry"], club.ids["Hugo Joly"])))
    letters = assemblies.convocations(assembly, organisation="Les Amis du Patrimoine", time_text=lambda _d: "14:30")
    assert [c.recipient.display_name for c in letters] == ["Gaëlle Henry", "Hugo Joly"]
    assert letters[0].body.startswith(
        "Mme Henry,\n\nVous êtes convoqué(e) à l'assemblée générale « Assemblée générale 2026 »"
    )
    assert "le 18 avril 2026 à 14:30, Salle des fêtes, Lyon 2e." in letters[0].body
    assert letters[0].recipient.address_lines == ("Mme Gaëlle Henry", "1 rue Mercière", "69002 Lyon")
    assemblies.mark_convoked([letters[0].invitation_id], "letter")
    left = assemblies.convocations(assembly, only_not_sent=True)
    assert [c.recipient.display_name for c in left] == ["Hugo Joly"]
    sent = assemblies.invitation(assembly, club.ids["Gaëlle Henry"])
    assert sent.convocation_channel == "letter" and sent.convocation_sent_at is not None


def test_attendance_sheet_lists_everyone_with_dues_answers_and_proxies(club: Association) -> None:
    assembly = new_assembly(club)
    assemblies = club.assemblies
    assemblies.invite(assembly, Audience())
    ids = club.ids
    assemblies.respond(assembly, ids["Alice Arnaud"], "attending")
    assemblies.respond(assembly, ids["Bruno Blanc"], "represented", proxy_holder_id=ids["Alice Arnaud"])
    assemblies.respond(assembly, ids["Fanny Girard"], "represented", proxy_holder_id=ids["Alice Arnaud"])
    sheet = assemblies.attendance_sheet(assembly)
    names = [line.display_name for line in sheet.lines]
    assert names[0] == "Alice Arnaud" and len(names) == 10
    alice = sheet.lines[0]
    assert alice.proxies_from == ("Bruno Blanc", "Fanny Girard") and alice.up_to_date
    bruno = sheet.lines[1]
    assert bruno.represented_by == "Alice Arnaud" and bruno.response == "represented"
    inès = next(line for line in sheet.lines if line.display_name == "Inès Klein")
    assert not inès.up_to_date
    assert sheet.quorum.counted == 3


@pytest.mark.postgres
def test_two_desktops_giving_proxies_to_one_holder_never_exceed_the_maximum(pg_db: Database) -> None:
    club = Association(pg_db)
    for name in ("Alice Arnaud", "Bruno Blanc", "Claire Colin", "Denis Dumas", "Émile Faure"):
        club.member(name, 2026)
    assembly = new_assembly(club, max_proxies=1)
    club.assemblies.invite(assembly, Audience())
    club.assemblies.respond(assembly, club.ids["Alice Arnaud"], "attending")
    givers = ["Bruno Blanc", "Claire Colin", "Denis Dumas", "Émile Faure"]
    barrier = threading.Barrier(len(givers))
    outcomes: list[str] = []

    def give(name: str) -> None:
        # Each thread is a desktop of its own: its own service on the same database.
        service = AssemblyService(pg_db, membership=club.membership, today=lambda: TODAY)
        barrier.wait()
        try:
            service.respond(assembly, club.ids[name], "represented", proxy_holder_id=club.ids["Alice Arnaud"])
            outcomes.append("ok")
        except ValidationFailedError as exc:
            outcomes.append(exc.errors[0].code)

    threads = [threading.Thread(target=give, args=(name,)) for name in givers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["ok", "proxy_limit", "proxy_limit", "proxy_limit"]
    assert club.assemblies.invitation(assembly, club.ids["Alice Arnaud"]).proxies_held == 1
