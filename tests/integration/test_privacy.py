"""GDPR rights on real SQLite and PostgreSQL: export everything, erase for good, suppression, retention."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import JSON, String, Text, Uuid, func, select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models import (
    Activity,
    ActivityLink,
    Base,
    Deal,
    DealContact,
    ErasureTombstone,
    GroupMember,
    MembershipType,
    NewsItem,
    NewsRecipient,
    Party,
    PartyEmail,
    PartyGroup,
    PrivacyLog,
    RecordHistory,
    Segment,
    Subscription,
    SuppressionEntry,
)
from ekocrm_desktop.reports.privacy import build_person_pdf
from ekocrm_desktop.services.activities import ActivityDraft, ActivityService
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, RoleEntry
from ekocrm_desktop.services.errors import ValidationFailedError
from ekocrm_desktop.services.importing import ImportOptions, ImportService, suggest_mapping
from ekocrm_desktop.services.privacy import PrivacyRefusedError, PrivacyService, RetentionRule, party_links
from ekocrm_desktop.services.tabular import SourceFile
from tests.integration.actions_helpers import deal, organisation

CSV = (
    "Prénom;Nom;Courriel;Portable;Notes\r\n"
    "Jeanne;Dupont-Rivière;jeanne.dupont@exemple.fr;06 11 22 33 44;Rencontrée au salon\r\n"
    "Marc;Petit;marc.petit@exemple.fr;06 55 44 33 22;\r\n"
)
NEEDLES = ("Dupont-Rivière", "jeanne.dupont@exemple.fr", "+33611223344", "06 11 22 33 44")


def import_csv(db: Database, tmp_path: Path) -> Any:
    path = tmp_path / "contacts.csv"
    path.write_bytes(CSV.encode("utf-8"))
    options = ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers))
    return ImportService(db).run(path, options)


def party_by_email(db: Database, address: str) -> uuid.UUID | None:
    with db.session() as session:
        return session.scalar(select(PartyEmail.party_id).where(PartyEmail.address == address))


def scan(db: Database, needles: tuple[str, ...], party_id: uuid.UUID) -> list[str]:
    """Every text, JSON and UUID value of every table that holds one of the needles or the id."""
    found: list[str] = []
    lowered = [n.casefold() for n in needles]
    with db.session() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON | Uuid)]
            if not columns:
                continue
            for row in session.execute(select(*columns)).mappings():
                for column in columns:
                    value = row[column.name]
                    if value is None:
                        continue
                    if isinstance(value, uuid.UUID):
                        if value == party_id and table.name not in ("erasure_tombstone", "privacy_log"):
                            found.append(f"{table.name}.{column.name}: the id")
                        continue
                    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
                    if str(party_id) in text or party_id.hex in text:
                        found.append(f"{table.name}.{column.name}: the id in {text[:80]}")
                    for needle in lowered:
                        if needle in text.casefold():
                            found.append(f"{table.name}.{column.name}: {needle}")
    return found


def populate(db: Database, tmp_path: Path) -> tuple[uuid.UUID, uuid.UUID, dict[str, uuid.UUID]]:
    """Jeanne (to erase) and Marc, imported; Jeanne with history, activities, deals, membership, group, news."""
    import_csv(db, tmp_path)
    jeanne = party_by_email(db, "jeanne.dupont@exemple.fr")
    marc = party_by_email(db, "marc.petit@exemple.fr")
    assert jeanne is not None and marc is not None
    contacts = ContactService(db)
    current = contacts.get(jeanne)
    contacts.update(
        jeanne,
        current.version,
        dataclasses.replace(current.draft, job_title="Trésorière", roles=(RoleEntry("prospect", dt.date(2020, 1, 1)),)),
    )
    activities = ActivityService(db)
    alone = activities.log(
        ActivityDraft(type="call_out", subject="Appel Jeanne Dupont-Rivière", party_ids=(jeanne,))
    ).id
    shared = activities.log(
        ActivityDraft(
            type="appointment",
            subject="Réunion",
            body="Avec Jeanne Dupont-Rivière (jeanne.dupont@exemple.fr) et Marc",
            party_ids=(jeanne, marc),
        )
    ).id
    her_deal = deal(db, "Formation de Jeanne", jeanne)
    acme = organisation(db, "Acme")
    acme_deal = deal(db, "Contrat Acme", acme)
    with db.write_session() as session:
        session.add(DealContact(deal_id=acme_deal, party_id=jeanne, function="Acheteuse"))
        kind = MembershipType(name="Adhésion annuelle", fee=Decimal("30"))
        group = PartyGroup(name="Bénévoles")
        # A news sent to a selection, and a segment listing people by id: documents, not foreign keys.
        audience = json.dumps({"members": False, "statuses": [], "party_ids": [str(jeanne), str(marc)]})
        news = NewsItem(title="Lettre", published_at=db.clock(), audience=audience)
        session.add(Segment(name="Sélection", definition={"party_ids": [str(jeanne)], "text": "salon"}))
        session.add_all([kind, group, news])
        session.flush()
        today = dt.date(2026, 1, 1)
        session.add(
            Subscription(party_id=jeanne, type_id=kind.id, period_start=today, period_end=today, amount=Decimal("30"))
        )
        session.add(GroupMember(group_id=group.id, party_id=jeanne))
        session.add(GroupMember(group_id=group.id, party_id=marc))
        session.add(NewsRecipient(news_id=news.id, party_id=jeanne, email="jeanne.dupont@exemple.fr"))
        session.commit()
    return jeanne, marc, {"alone": alone, "shared": shared, "her_deal": her_deal, "acme_deal": acme_deal}


def test_every_link_to_a_party_is_classified() -> None:
    """A table added later with a foreign key to party is exported and erased by construction (G1)."""
    links = {(link.table.name, link.column.name): link.action for link in party_links()}
    assert links[("party_email", "party_id")] == "delete"
    assert links[("deal", "party_id")] == "record"
    assert links[("deal", "owner_id")] == "unlink"
    assert links[("activity_link", "party_id")] == "delete"
    fks = {
        (t.name, fk.parent.name)
        for t in Base.metadata.sorted_tables
        for fk in t.foreign_keys
        if fk.column.table.name == "party"
    }
    assert set(links) == fks


def test_erasure_leaves_nothing_and_a_reimport_does_not_bring_them_back(db: Database, tmp_path: Path) -> None:
    jeanne, marc, ids = populate(db, tmp_path)
    assert scan(db, NEEDLES, jeanne)  # the scanner sees them before
    privacy = PrivacyService(db)
    summary = privacy.erasure_summary(jeanne)
    assert summary.display_name == "Jeanne Dupont-Rivière"
    assert summary.deleted["party_email"] == 1
    assert summary.deleted["activity"] == 1  # the call with her alone
    assert summary.deleted["deal"] == 1
    assert summary.deleted["import_batch_item"] == 1
    assert summary.history_rows > 0

    done = privacy.erase_person(jeanne)
    assert done.suppressed == 2  # her e-mail and her phone

    assert scan(db, NEEDLES, jeanne) == []
    with db.session() as session:
        assert session.get(Party, jeanne) is None
        assert session.get(Party, marc) is not None
        assert session.get(Activity, ids["alone"]) is None
        shared = session.get(Activity, ids["shared"])
        assert shared is not None and "Marc" in shared.body and "[…]" in shared.body
        assert session.scalars(select(ActivityLink.party_id).where(ActivityLink.activity_id == shared.id)).all() == [
            marc
        ]
        assert session.get(Deal, ids["her_deal"]) is None
        assert session.get(Deal, ids["acme_deal"]) is not None
        assert session.scalar(select(func.count()).select_from(GroupMember)) == 1  # Marc's
        assert json.loads(session.scalars(select(NewsItem.audience)).one())["party_ids"] == [str(marc)]
        assert session.scalars(select(Segment.definition)).one() == {"party_ids": [], "text": "salon"}
        tomb = session.get(ErasureTombstone, jeanne)
        assert tomb is not None and tomb.reason == "gdpr-erase"
        assert session.scalar(select(func.count()).select_from(SuppressionEntry)) == 2
        log = session.scalars(select(PrivacyLog).where(PrivacyLog.party_id == jeanne)).all()
        assert [entry.action for entry in log] == ["gdpr-erase"]
        assert log[0].counts["party_email"] == 1
        assert (
            session.scalar(select(func.count()).select_from(RecordHistory).where(RecordHistory.root_id == jeanne)) == 0
        )

    # Re-importing the original file: she is reported as suppressed and not created; Marc matches.
    again = import_csv(db, tmp_path)
    assert again.created == 0
    assert again.created + again.updated + again.skipped + again.errors == again.rows == 2
    assert party_by_email(db, "jeanne.dupont@exemple.fr") is None
    reasons = [issue.code for outcome in again.outcomes for issue in outcome.issues]
    assert "suppressed" in reasons
    assert scan(db, NEEDLES, jeanne) == []

    # The tombstone: her old id cannot be used again.
    with pytest.raises(ValidationFailedError):
        ContactService(db).create(PartyDraft(first_name="Jeanne", last_name="Autre"), party_id=jeanne)


def test_sqlite_file_keeps_no_copy_of_the_erased_email(sqlite_path: Path, tmp_path: Path) -> None:
    from ekocrm_desktop.db.engine import make_engine, sqlite_url

    db = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    jeanne, _marc, _ids = populate(db, tmp_path)
    PrivacyService(db).erase_person(jeanne)
    db.dispose()
    raw = b"".join(p.read_bytes() for p in sqlite_path.parent.glob(sqlite_path.name + "*"))
    assert b"jeanne.dupont@exemple.fr" not in raw


def test_export_holds_every_row_that_points_at_the_person(db: Database, tmp_path: Path) -> None:
    jeanne, _marc, ids = populate(db, tmp_path)
    exported = PrivacyService(db).export_person(jeanne)
    data = json.loads(exported.to_json())
    assert data["display_name"] == "Jeanne Dupont-Rivière"
    exported_ids = {(table, row["id"]) for table, rows in data["tables"].items() for row in rows if "id" in row}
    exported_ids |= {(t.split(".")[0], i) for t, values in data["looked_after"].items() for i in values}
    # Independent scan: every row of every table with a UUID column holding her id.
    expected: set[tuple[str, str]] = set()
    with db.session() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in ("record_history", "privacy_log") or "id" not in table.c:
                continue
            for column in table.columns:
                if (isinstance(column.type, Uuid) and column.name != "id") or (
                    column.name == "id" and table.name == "party"
                ):
                    for row_id in session.scalars(select(table.c.id).where(column == jeanne)):
                        expected.add((table.name, str(row_id)))
    assert expected and expected <= exported_ids
    assert {r["id"] for r in data["linked_records"]["activity"]} == {str(ids["shared"]), str(ids["alone"])}
    assert {r["id"] for r in data["linked_records"]["deal"]} == {str(ids["acme_deal"])}
    assert data["history"]
    with db.session() as session:
        assert [e.action for e in session.scalars(select(PrivacyLog))] == ["gdpr-export"]

    pdf = tmp_path / "export.pdf"
    build_person_pdf(exported, pdf, title="Données personnelles", page_label="Page %1 sur %2")
    text = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Jeanne Dupont-Rivière" in text
    assert "jeanne.dupont@exemple.fr" in text
    assert "membership_subscription" in text


def test_retention_lists_old_prospects_and_erases_them_the_same_way(db: Database, tmp_path: Path) -> None:
    contacts = ContactService(db)
    old = contacts.create(
        PartyDraft(first_name="Ancien", last_name="Prospect", roles=(RoleEntry("prospect", dt.date(2019, 1, 1)),))
    ).id
    client = contacts.create(
        PartyDraft(
            first_name="Ancien",
            last_name="Client",
            roles=(RoleEntry("prospect", dt.date(2019, 1, 1)), RoleEntry("client", dt.date(2020, 1, 1))),
        )
    ).id
    active = contacts.create(
        PartyDraft(first_name="Prospect", last_name="Actif", roles=(RoleEntry("prospect", dt.date(2019, 1, 1)),))
    ).id
    ActivityService(db).log(ActivityDraft(type="call_out", subject="Relance", party_ids=(active,)))
    privacy = PrivacyService(db)
    rule = RetentionRule("prospect", years=3)
    # Today everyone was changed just now: nobody is concerned.
    assert privacy.retention_candidates(rule) == []
    # Three years and a day later, the active prospect's call is old too; only prospects with no other role.
    later = (db.clock() + dt.timedelta(days=3 * 366 + 1)).date()
    found = [c.party_id for c in privacy.retention_candidates(rule, today=later)]
    assert set(found) == {old, active}
    assert client not in found
    privacy.erase_many(found, reason="retention")
    with db.session() as session:
        assert session.get(Party, old) is None
        assert session.get(Party, client) is not None
        assert {e.action for e in session.scalars(select(PrivacyLog))} == {"retention"}


def test_only_a_person_is_erased(db: Database) -> None:
    acme = organisation(db, "Acme")
    with pytest.raises(PrivacyRefusedError):
        PrivacyService(db).erase_person(acme)


@pytest.mark.postgres
def test_on_a_team_database_only_an_administrator_erases(team: Any) -> None:
    from ekocrm_desktop.services.access import AccessService
    from ekocrm_desktop.services.contacts import EmailEntry
    from ekocrm_desktop.services.errors import PermissionDeniedError

    bob = team.database("bob")
    caps = AccessService(bob).capabilities()
    target = (
        ContactService(bob, default_owner_id=caps.my_party_id)
        .create(PartyDraft(first_name="Zoé", last_name="Effacée", emails=(EmailEntry("zoe.effacee@exemple.fr"),)))
        .id
    )
    with pytest.raises(PermissionDeniedError):
        PrivacyService(bob).erase_person(target)
    assert PrivacyService(bob).export_person(target).display_name == "Zoé Effacée"  # exporting is allowed
    bob.dispose()
    ada = team.database("ada")
    PrivacyService(ada).erase_person(target)
    with ada.session() as session:
        assert session.get(Party, target) is None
        assert session.get(ErasureTombstone, target) is not None
        assert (
            session.scalar(select(func.count()).select_from(RecordHistory).where(RecordHistory.root_id == target)) == 0
        )
    ada.dispose()
    superuser = team.superuser()
    assert scan(superuser, ("Effacée", "zoe.effacee@exemple.fr"), target) == []
    superuser.dispose()


def test_command_line_exports_then_erases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ekocrm_desktop.cli import main as cli_main
    from ekocrm_desktop.db.engine import make_engine, sqlite_url

    path = tmp_path / "asso.sqlite"
    assert cli_main(["workspace", "add", "Asso", "--sqlite", str(path)]) == 0
    csv_path = tmp_path / "contacts.csv"
    csv_path.write_bytes(CSV.encode("utf-8"))
    assert cli_main(["import", str(csv_path), "--workspace", "Asso"]) == 0
    db = Database(make_engine(sqlite_url(path)), actor="tester")
    jeanne = party_by_email(db, "jeanne.dupont@exemple.fr")
    assert jeanne is not None
    capsys.readouterr()
    assert cli_main(["privacy", "export", str(jeanne), "--workspace", "Asso", "--out", str(tmp_path / "out")]) == 0
    exported = json.loads((tmp_path / "out" / f"{jeanne}.json").read_text(encoding="utf-8"))
    assert exported["tables"]["party_email"][0]["address"] == "jeanne.dupont@exemple.fr"
    assert cli_main(["privacy", "erase", str(jeanne), "--workspace", "Asso", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Jeanne" not in out and "Dupont" not in out  # ids and counts only
    assert party_by_email(db, "jeanne.dupont@exemple.fr") is None
    assert scan(db, NEEDLES, jeanne) == []
    db.dispose()


def test_erasing_a_collaborator_keeps_the_records_they_looked_after(db: Database) -> None:
    contacts = ContactService(db)
    collaborator = contacts.create(
        PartyDraft(first_name="Claire", last_name="Collab", roles=(RoleEntry("collaborator", dt.date(2020, 1, 1)),))
    ).id
    client = contacts.create(PartyDraft(first_name="Client", last_name="Suivi", owner_id=collaborator)).id
    call = (
        ActivityService(db)
        .log(ActivityDraft(type="call_out", subject="Appel", owner_id=collaborator, party_ids=(client,)))
        .id
    )
    exported = PrivacyService(db).export_person(collaborator)
    assert exported.looked_after["party.owner_id"] == [str(client)]  # ids only: not data about her
    summary = PrivacyService(db).erase_person(collaborator)
    assert summary.unlinked == {"party": 1, "activity": 1}
    with db.session() as session:
        kept = session.get(Party, client)
        assert kept is not None and kept.owner_id is None
        activity = session.get(Activity, call)
        assert activity is not None and activity.owner_id is None


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(
        st.tuples(st.sampled_from(["Zoé", "Éric", "Anne", "Marc"]), st.integers(min_value=0, max_value=10_000)),
        min_size=1,
        max_size=6,
        unique_by=lambda p: p[1],
    ),
    data=st.data(),
)
def test_an_erased_address_is_never_imported_again(
    people: list[tuple[str, int]], data: st.DataObject, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """G3-style property: whoever is erased, a re-import creates nobody and reports them as suppressed."""
    import shutil

    from ekocrm_desktop.db.engine import make_engine, sqlite_url

    folder = tmp_path_factory.mktemp("prop")
    shutil.copy(sqlite_template, folder / "w.sqlite")
    db = Database(make_engine(sqlite_url(folder / "w.sqlite")), actor="tester")
    try:
        lines = ["Prénom;Nom;Courriel;Portable"]
        for first, n in people:
            lines.append(f"{first};Nom{n};p{n}@exemple.fr;06 12 {n // 100 % 100:02d} {n % 100:02d} 00")
        path = folder / "people.csv"
        path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
        options = ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers))
        first_run = ImportService(db).run(path, options)
        assert first_run.created == len(people)
        erased = data.draw(st.lists(st.sampled_from([n for _f, n in people]), unique=True))
        ids = [party_by_email(db, f"p{n}@exemple.fr") for n in erased]
        PrivacyService(db).erase_many([i for i in ids if i is not None])
        again = ImportService(db).run(path, options)
        assert again.created == 0
        assert again.created + again.updated + again.skipped + again.errors == again.rows == len(people)
        suppressed = [o for o in again.outcomes if any(i.code == "suppressed" for i in o.issues)]
        assert len(suppressed) == len(erased)
        for n in erased:
            assert party_by_email(db, f"p{n}@exemple.fr") is None
    finally:
        db.dispose()


def test_a_person_on_many_records_is_exported_and_erased_a_slice_at_a_time(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No statement names more than IN_LIST_SIZE records, whatever the person's history: PostgreSQL
    refuses a statement of more than 65,535 parameters (a long-standing client's activities)."""
    from ekocrm_desktop.services import paging
    from tests.integration.test_importing import _most_parameters

    jeanne, marc, ids = populate(db, tmp_path)
    activities = ActivityService(db)
    alone = [activities.log(ActivityDraft(type="note", subject=f"Note {i}", party_ids=(jeanne,))).id for i in range(8)]
    shared = [
        activities.log(ActivityDraft(type="call_in", subject=f"Appel {i}", party_ids=(jeanne, marc))).id
        for i in range(8)
    ]
    monkeypatch.setattr(paging, "IN_LIST_SIZE", 3)
    counts, stop = _most_parameters(db)
    try:
        exported = PrivacyService(db).export_person(jeanne)
        data = json.loads(exported.to_json())
        linked = {r["id"] for r in data["linked_records"]["activity"]}
        assert linked == {str(i) for i in [*alone, *shared, ids["alone"], ids["shared"]]}
        PrivacyService(db).erase_person(jeanne)
    finally:
        stop()
    assert counts and max(counts) <= 4, counts  # three ids, or an address list of one
    with db.session() as session:
        left = set(session.scalars(select(Activity.id)))
        links = set(session.scalars(select(ActivityLink.party_id).where(ActivityLink.activity_id.in_(shared))))
    assert not left & {*alone, ids["alone"]}  # hers alone: erased with her
    assert set(shared) <= left and links == {marc}  # shared with Marc: kept, without her
