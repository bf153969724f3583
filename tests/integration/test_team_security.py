"""Rights on a team database, checked the way someone with a SQL console would (issue 4, reliability R1–R4).

Every test connects with a person's own login through a raw psycopg connection: what the
app hides must also be refused by the server. The matrix is generated from the catalog, so
a new table fails here until it is classified (personal data under row-level security, or
shared settings) and its rights are decided.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import text

from ekocrm_desktop.services.access import AccessService
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft
from ekocrm_desktop.services.history import HistoryService
from tests.conftest import TeamDatabase

pytestmark = pytest.mark.postgres

S, INS, U, D = "SELECT", "INSERT", "UPDATE", "DELETE"
READ = frozenset({S})
WRITE = frozenset({S, INS, U, D})
#: The design: table -> {role: allowed operations}. Personal data lives in the tables under RLS.
RIGHTS: dict[str, dict[str, frozenset[str]]] = {
    "party": {"reader": READ, "collaborator": frozenset({S, INS, U}), "administrator": WRITE},
    **{
        child: {"reader": READ, "collaborator": WRITE, "administrator": WRITE}
        for child in ("party_email", "party_phone", "party_address", "party_role", "affiliation", "party_tag")
    },
    "tag": {"reader": READ, "collaborator": frozenset({S, INS, U}), "administrator": WRITE},
    "app_setting": {"reader": READ, "collaborator": READ, "administrator": WRITE},
    "record_history": {"reader": READ, "collaborator": READ, "administrator": READ},
    "user_account": {"reader": READ, "collaborator": READ, "administrator": READ},
    "access_config": {"reader": READ, "collaborator": READ, "administrator": READ},
    "save_receipt": {"reader": frozenset(), "collaborator": frozenset({S, INS}), "administrator": frozenset({S, INS})},
    "alembic_version": {"reader": READ, "collaborator": READ, "administrator": READ},
    # Membership, assemblies, news (issue 6): settings kept by administrators, rows about a
    # person follow the person, everyone marks news as read.
    **{
        t: {"reader": READ, "collaborator": READ, "administrator": WRITE}
        for t in ("membership_type", "membership_reminder_rule")
    },
    "membership_receipt_counter": {
        "reader": frozenset(),
        "collaborator": frozenset({S, INS, U}),
        "administrator": WRITE,
    },
    **{
        t: {"reader": READ, "collaborator": WRITE, "administrator": WRITE}
        for t in (
            "assembly",
            "assembly_agenda_item",
            "news_item",
            "news_attachment",
            "membership_subscription",
            "membership_reminder_sent",
            "assembly_invitation",
            "news_recipient",
        )
    },
    "news_read": {"reader": frozenset({S, INS}), "collaborator": frozenset({S, INS}), "administrator": WRITE},
    # Domains (issue 3): teams, settings lists and the pipeline kept by administrators; the
    # catalogue, groups, segments and deals worked on by collaborators (removed for good by
    # administrators); rows that belong to a deal or a party follow it.
    **{
        t: {"reader": READ, "collaborator": READ, "administrator": WRITE}
        for t in ("team", "team_member", "choice_item", "pipeline_stage")
    },
    **{
        t: {"reader": READ, "collaborator": frozenset({S, INS, U}), "administrator": WRITE}
        for t in ("article", "party_group", "segment", "deal")
    },
    **{
        t: {"reader": READ, "collaborator": WRITE, "administrator": WRITE}
        for t in ("deal_line", "deal_contact", "group_member", "merge_record", "duplicate_dismissal")
    },
    # Which categories each party bought (0021): kept by triggers as the owner, read with its deal.
    "party_purchase": {"reader": READ, "collaborator": READ, "administrator": READ},
    # Actions (issue 5): activities like deals; their links and alerts follow them; everyone,
    # readers included, claims their own alerts in the ledger (never updated) and snoozes them.
    "activity": {"reader": READ, "collaborator": frozenset({S, INS, U}), "administrator": WRITE},
    "activity_link": {"reader": READ, "collaborator": WRITE, "administrator": WRITE},
    "activity_exception": {"reader": READ, "collaborator": WRITE, "administrator": WRITE},
    "alert": {"reader": frozenset({S, U}), "collaborator": WRITE, "administrator": WRITE},
    "alert_delivery": {"reader": frozenset({S, INS}), "collaborator": frozenset({S, INS}), "administrator": WRITE},
    # Imports (issue 8): batches written by whoever imports; items keep a party's previous values.
    "import_batch": {"reader": READ, "collaborator": frozenset({S, INS, U}), "administrator": WRITE},
    "import_batch_item": {"reader": READ, "collaborator": WRITE, "administrator": WRITE},
    # Member and article imports (0017): what each batch created, for its undo; external ids
    # follow their party (its policies, through install_child_security_v1).
    "import_batch_record": {"reader": READ, "collaborator": WRITE, "administrator": WRITE},
    "party_external_id": {"reader": READ, "collaborator": WRITE, "administrator": WRITE},
    # Communications (issue 5, part C): conversations are seen by every login and written by
    # collaborators (readers keep their read marks); the outbox follows its author; files kept
    # with activities follow them; imported Message-IDs are shared so nothing is imported twice.
    **{
        table: {"reader": READ, "collaborator": frozenset({S, INS, U}), "administrator": WRITE}
        for table in ("conversation", "conversation_member", "conversation_message", "message_template")
    },
    "conversation_read": {
        "reader": frozenset({S, INS, U}),
        "collaborator": frozenset({S, INS, U}),
        "administrator": WRITE,
    },
    "outbox_message": {"reader": READ, "collaborator": WRITE, "administrator": WRITE},
    "outbox_attachment": {"reader": READ, "collaborator": WRITE, "administrator": WRITE},
    "activity_attachment": {"reader": READ, "collaborator": WRITE, "administrator": WRITE},
    "email_receipt": {"reader": READ, "collaborator": frozenset({S, INS}), "administrator": WRITE},
    # Personal data rights (issue 8): only administrators erase (tombstones, hashed suppression
    # entries); everyone reads them (imports honour them) and appends to the privacy log.
    **{
        t: {"reader": READ, "collaborator": READ, "administrator": frozenset({S, INS})}
        for t in ("erasure_tombstone", "suppression_entry")
    },
    "privacy_log": {
        "reader": frozenset({S, INS}),
        "collaborator": frozenset({S, INS}),
        "administrator": frozenset({S, INS}),
    },
    # Campaigns (issue 6 B): campaigns like deals, their targets, steps and ledger follow them or
    # the person; consent is appended by collaborators, never rewritten.
    "campaign": {"reader": READ, "collaborator": frozenset({S, INS, U}), "administrator": WRITE},
    **{
        t: {"reader": READ, "collaborator": WRITE, "administrator": WRITE}
        for t in ("campaign_target", "campaign_step", "campaign_recipient")
    },
    "consent": {"reader": READ, "collaborator": frozenset({S, INS}), "administrator": WRITE},
    # Bounced addresses (issue 6): no owner, no person; recorded and cleared by collaborators.
    "bounced_address": {"reader": READ, "collaborator": WRITE, "administrator": WRITE},
}
#: Tables holding personal data: row-level security forced on each.
PERSONAL = {
    "party",
    "party_email",
    "party_phone",
    "party_address",
    "party_role",
    "affiliation",
    "party_tag",
    "record_history",
    "save_receipt",
    "membership_subscription",
    "membership_reminder_sent",
    "assembly_invitation",
    "news_recipient",
    "deal",
    "deal_line",
    "deal_contact",
    "party_purchase",
    "group_member",
    "merge_record",
    "activity",
    "activity_link",
    "activity_exception",
    "alert",
    "alert_delivery",
    "import_batch_item",
    "outbox_message",
    "outbox_attachment",
    "activity_attachment",
    "campaign",
    "campaign_recipient",
    "consent",
}
PERSON_OF_ROLE = {"reader": "rita", "collaborator": "bob", "administrator": "ada"}


@contextlib.contextmanager
def raw(team: TeamDatabase, person: str) -> Iterator[psycopg.Connection[Any]]:
    """A plain psycopg connection with the person's own credentials (nothing of the app in between)."""
    url = team.url(person).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url) as conn:
        yield conn
        conn.rollback()


def attempt(conn: psycopg.Connection[Any], sql: str, params: Any = None) -> tuple[bool, str]:
    """Run one statement in a savepoint: (refused by privileges or policy, message); never keeps changes."""
    try:
        with conn.transaction(force_rollback=True):
            cur = conn.execute(sql, params)
            return False, f"rows={cur.rowcount}"
    except psycopg.errors.InsufficientPrivilege as exc:
        return True, str(exc)
    except psycopg.Error as exc:
        return False, str(exc)


def schema_tables(team: TeamDatabase) -> set[str]:
    with team.superuser().engine.connect() as conn:
        return set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())


def people_records(team: TeamDatabase) -> dict[str, uuid.UUID]:
    """As each person, a public and a private contact of their own (with an e-mail), plus an unowned one."""
    records: dict[str, uuid.UUID] = {}
    for person in ("ada", "bob", "cleo"):
        db = team.database(person)
        caps = AccessService(db).capabilities()
        contacts = ContactService(db, default_owner_id=caps.my_party_id)
        for private in (False, True):
            created = contacts.create(
                PartyDraft(
                    first_name=person.title(),
                    last_name="Privé" if private else "Public",
                    emails=(EmailEntry(f"{person}.{private}@exemple.fr"),),
                    private=private,
                )
            )
            records[f"{person}_{'private' if private else 'public'}"] = created.id
        db.dispose()
    admin = team.database("ada")
    unowned = ContactService(admin).create(PartyDraft(first_name="Sans", last_name="Propriétaire"))
    admin.dispose()
    records["unowned"] = unowned.id
    return records


def visible(team: TeamDatabase, person: str, table: str = "party", column: str = "id") -> set[uuid.UUID]:
    with raw(team, person) as conn:
        return {row[0] for row in conn.execute(f"SELECT {column} FROM {table}")}


# ---------------------------------------------------------------------------- R1: privileges
def test_every_table_is_classified_and_covered_by_the_matrix(team: TeamDatabase) -> None:
    # A new table must be decided here: its rights, and whether it holds personal data.
    assert schema_tables(team) == set(RIGHTS)
    assert set(RIGHTS) >= PERSONAL


@pytest.mark.parametrize("role", ["reader", "collaborator", "administrator"])
def test_permission_matrix_table_by_role_by_operation(team: TeamDatabase, role: str) -> None:
    person = PERSON_OF_ROLE[role]
    unexpected = []
    with raw(team, person) as conn:
        for table, rights in RIGHTS.items():
            with team.superuser().engine.connect() as admin:
                first_column = admin.execute(
                    text("SELECT attname FROM pg_attribute WHERE attrelid = CAST(:t AS regclass) AND attnum = 1"),
                    {"t": table},
                ).scalar_one()
            statements = {
                S: f"SELECT count(*) FROM {table}",
                INS: f"INSERT INTO {table} DEFAULT VALUES",
                U: f"UPDATE {table} SET {first_column} = {first_column} WHERE false",
                D: f"DELETE FROM {table} WHERE false",
            }
            for operation, sql in statements.items():
                refused, message = attempt(conn, sql)
                # Row-level security may still refuse a granted INSERT of an empty row: that is not a GRANT.
                denied_by_grant = refused and "permission denied for table" in message
                if denied_by_grant == (operation in rights[role]):
                    unexpected.append((table, operation, "refused" if denied_by_grant else "allowed", message[:80]))
    assert unexpected == []


def test_a_reader_cannot_write_even_with_raw_sql(team: TeamDatabase) -> None:
    records = people_records(team)
    target = records["bob_public"]
    with raw(team, "rita") as conn:
        assert target in {r[0] for r in conn.execute("SELECT id FROM party")}
        group = f"{team.prefix}_collaborator"
        for sql, params in (
            ("UPDATE party SET job_title = 'pirate' WHERE id = %s", (target,)),
            ("DELETE FROM party_email WHERE party_id = %s", (target,)),
            (
                "INSERT INTO tag (id, name, color, version, created_at, updated_at) "
                "VALUES (gen_random_uuid(), 'x', '#000', 1, now(), now())",
                None,
            ),
            ("SELECT ekocrm_set_scope('reader', 'all')", None),
            ("SELECT ekocrm_set_user_role(%s, 'administrator')", (team.logins["rita"],)),
            (f'SET ROLE "{group}"', None),
            (f'SET ROLE "{team.prefix}_owner"', None),
            ("ALTER TABLE party DISABLE ROW LEVEL SECURITY", None),
            ("CREATE TABLE public.sneaky (id int)", None),
            ("TRUNCATE record_history", None),
        ):
            refused, message = attempt(conn, sql, params)
            assert refused, f"{sql}: {message}"
    with team.superuser().engine.connect() as admin:
        assert admin.execute(text("SELECT job_title FROM party WHERE id = :i"), {"i": target}).scalar() is None


def test_users_are_managed_by_administrators_only(team: TeamDatabase) -> None:
    with raw(team, "bob") as conn:
        for sql in (
            f"SELECT ekocrm_set_user_role('{team.logins['bob']}', 'administrator')",
            "SELECT ekocrm_create_user('mallory', 'SCRAM-SHA-256$4096:x', 'administrator', NULL, 'M')",
            f"SELECT ekocrm_set_user_enabled('{team.logins['ada']}', false)",
            "SELECT ekocrm_set_scope('collaborator', 'all')",
            "INSERT INTO user_account (login, display_name, created_at) VALUES ('mallory', 'M', now())",
            "UPDATE access_config SET value = 'all'",
        ):
            refused, message = attempt(conn, sql)
            assert refused, f"{sql}: {message}"


# ---------------------------------------------------------------------------- R1: rows in and out of scope
def test_private_records_are_seen_by_their_owner_only(team: TeamDatabase) -> None:
    records = people_records(team)
    private = {records["ada_private"], records["bob_private"], records["cleo_private"]}
    for person in ("ada", "bob", "cleo", "rita"):
        seen = visible(team, person)
        assert seen & private == ({records[f"{person}_private"]} if person != "rita" else set()), person
        # Their e-mails and their history follow them.
        emails_of = visible(team, person, "party_email", "party_id")
        assert emails_of & private == seen & private
        history_of = visible(team, person, "record_history", "root_id")
        assert history_of & private == seen & private
    # Even an administrator cannot read another person's private record, nor change it.
    with raw(team, "ada") as conn:
        refused, message = attempt(
            conn, "UPDATE party SET private = false WHERE id = %s RETURNING id", (records["bob_private"],)
        )
        assert not refused and message == "rows=0"


def test_own_scope_shows_zero_rows_out_of_scope(team: TeamDatabase) -> None:
    records = people_records(team)
    admin = team.database("ada")
    AccessService(admin).set_scope("collaborator", "own")
    admin.dispose()
    bob_party = team.party_ids["bob"]
    expected = {records["bob_public"], records["bob_private"], bob_party}
    assert visible(team, "bob") == expected
    assert visible(team, "bob", "party_email", "party_id") <= expected
    assert visible(team, "bob", "record_history", "root_id") <= expected
    # The reader's scope is separate; the administrator sees everything but private records.
    assert records["cleo_public"] in visible(team, "rita")
    assert visible(team, "ada") >= {records["bob_public"], records["cleo_public"], records["unowned"]}

    cleo_record = records["cleo_public"]
    with raw(team, "bob") as conn:
        # Out of scope: invisible, so nothing to change or delete.
        for sql in (
            "UPDATE party SET job_title = 'x' WHERE id = %s",
            "UPDATE party_email SET address = 'x@x.fr' WHERE party_id = %s",
            "DELETE FROM party_email WHERE party_id = %s",
        ):
            refused, message = attempt(conn, sql, (cleo_record,))
            assert (refused, message) == (False, "rows=0"), sql
        # Writing rows one could not see is refused by the policies' WITH CHECK.
        refused, message = attempt(
            conn,
            "INSERT INTO party (id, kind, display_name, sort_name, organisation_key, primary_email, primary_phone, "
            "city_key, postcode, search_doc, version, created_at, updated_at, owner_id) VALUES (gen_random_uuid(), "
            "'person', 'x', 'x', '', '', '', '', '', '', 1, now(), now(), %s)",
            (team.party_ids["cleo"],),
        )
        assert refused and "row-level security" in message
        refused, message = attempt(
            conn,
            "INSERT INTO party_email (id, party_id, address, label, is_primary, position, created_at, updated_at) "
            "VALUES (gen_random_uuid(), %s, 'x@x.fr', 'work', false, 9, now(), now())",
            (cleo_record,),
        )
        assert refused and "row-level security" in message
        # Giving one's record away would make it invisible to oneself: refused too.
        refused, message = attempt(
            conn, "UPDATE party SET owner_id = %s WHERE id = %s", (team.party_ids["cleo"], records["bob_public"])
        )
        assert refused and "row-level security" in message


def test_the_app_reads_only_what_the_scope_allows(team: TeamDatabase) -> None:
    records = people_records(team)
    admin = team.database("ada")
    AccessService(admin).set_scope("collaborator", "own")
    admin.dispose()
    bob = team.database("bob")
    contacts = ContactService(bob)
    from ekocrm_desktop.services.contacts import PartyQuery
    from ekocrm_desktop.services.errors import NotFoundError

    assert contacts.count(PartyQuery()) == 3
    assert contacts.count(PartyQuery(text="cleo")) == 0
    with pytest.raises(NotFoundError):
        contacts.get(records["cleo_public"])
    assert HistoryService(bob, contacts).party_history(records["cleo_public"]) == []
    bob.dispose()


# ---------------------------------------------------------------------------- R2, R3: catalog
def test_personal_tables_force_row_level_security_and_no_role_bypasses_it(team: TeamDatabase) -> None:
    with team.superuser().engine.connect() as conn:
        flags = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                text(
                    "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
                )
            )
        }
        assert {t for t in PERSONAL if flags[t] != (True, True)} == set()
        ours = [team.prefix + "_" + r for r in ("owner", "administrator", "collaborator", "reader")]
        roles = conn.execute(
            text(
                "SELECT rolname, rolsuper, rolbypassrls, rolcanlogin, rolcreaterole, rolcreatedb FROM pg_roles "
                "WHERE rolname = ANY(:ours) OR rolname = ANY(:logins)"
            ),
            {"ours": ours, "logins": list(team.logins.values())},
        ).all()
        assert len(roles) == 8
        assert not any(r.rolsuper or r.rolcreatedb for r in roles)
        # Only the owner (NOLOGIN, reachable by the server's administrator alone) bypasses the
        # policies and creates roles (through the administrators' functions); no group logs in.
        assert {r.rolname for r in roles if r.rolbypassrls} == {f"{team.prefix}_owner"}
        assert {r.rolname for r in roles if r.rolcreaterole} == {f"{team.prefix}_owner"}
        assert {r.rolname for r in roles if r.rolcanlogin} == set(team.logins.values())


def test_no_login_role_owns_anything(team: TeamDatabase) -> None:
    with team.superuser().engine.connect() as conn:
        owners = conn.execute(
            text(
                "SELECT DISTINCT r.rolname, r.rolcanlogin FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "JOIN pg_roles r ON r.oid = c.relowner WHERE n.nspname = 'public' "
                "UNION SELECT DISTINCT r.rolname, r.rolcanlogin FROM pg_proc p "
                "JOIN pg_namespace n ON n.oid = p.pronamespace "
                "JOIN pg_roles r ON r.oid = p.proowner WHERE n.nspname = 'public' "
                "UNION SELECT r.rolname, r.rolcanlogin FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba "
                "WHERE d.datname = current_database()"
            )
        ).all()
        assert owners == [(f"{team.prefix}_owner", False)]
        # SECURITY DEFINER functions pin their search_path (a temporary object cannot hijack them).
        unpinned = conn.execute(
            text(
                "SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = 'public' AND (p.proconfig IS NULL OR NOT EXISTS "
                "(SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%'))"
            )
        ).scalars()
        assert list(unpinned) == []


# ---------------------------------------------------------------------------- R4: settings and shadows
def test_session_settings_and_temporary_tables_do_not_widen_what_a_role_sees(team: TeamDatabase) -> None:
    records = people_records(team)
    admin = team.database("ada")
    AccessService(admin).set_scope("collaborator", "own")
    admin.dispose()
    honest = visible(team, "bob")
    with raw(team, "bob") as conn:
        for setting in ("ekocrm.role_prefix", "ekocrm.client", "ekocrm.reason", "app.user_id", "app.role"):
            conn.execute("SELECT set_config(%s, %s, false)", (setting, "administrator"))
        # Shadow our tables in pg_temp, first on the search path: policies must not read them.
        conn.execute("CREATE TEMP TABLE access_config (key text, value text)")
        conn.execute("INSERT INTO access_config VALUES ('role_prefix', 'nobody'), ('scope.collaborator', 'all')")
        conn.execute("CREATE TEMP TABLE user_account (login text, party_id uuid)")
        conn.execute("INSERT INTO user_account VALUES (current_user, %s)", (team.party_ids["cleo"],))
        conn.execute("SET search_path = pg_temp, public")
        seen = {r[0] for r in conn.execute("SELECT id FROM public.party")}
    assert seen == honest
    assert records["cleo_public"] not in seen and records["cleo_private"] not in seen


def test_a_team_member_bulk_loads_through_the_policies(team: TeamDatabase) -> None:
    # PostgreSQL refuses COPY where row-level security applies: imports fall back to INSERTs,
    # which the policies check like any save.
    admin = team.database("ada")
    AccessService(admin).set_scope("collaborator", "own")
    admin.dispose()
    bob = team.database("bob")
    caps = AccessService(bob).capabilities()
    drafts = [
        PartyDraft(first_name=f"Import{n}", last_name="Lot", emails=(EmailEntry(f"i{n}@x.fr"),), tags=("Import",))
        for n in range(30)
    ]
    ids = ContactService(bob, default_owner_id=caps.my_party_id).create_many(drafts)
    from ekocrm_desktop.services.contacts import PartyQuery

    assert ContactService(bob).count(PartyQuery(text="lot")) == 30
    assert ContactService(bob).get(ids[0]).draft.owner_id == team.party_ids["bob"]
    bob.dispose()
    cleo = team.database("cleo")
    assert ContactService(cleo).count(PartyQuery(text="lot")) == 0
    cleo.dispose()


def test_text_search_finds_only_what_the_scope_allows(team: TeamDatabase) -> None:
    records = people_records(team)
    admin = team.database("ada")
    AccessService(admin).set_scope("collaborator", "own")
    admin.dispose()
    from ekocrm_desktop.services.contacts import PartyQuery

    bob = team.database("bob")
    found = {row.id for row in ContactService(bob).page(PartyQuery(text="public"), "name", False, _page())}
    assert found == {records["bob_public"]}
    # Called directly, the search function returns nothing out of the caller's sight either.
    with raw(team, "bob") as conn:
        direct = {r[0] for r in conn.execute("SELECT id FROM ekocrm_search_party('prive:* | public:*')")}
    assert direct <= {records["bob_public"], records["bob_private"], team.party_ids["bob"]}
    with raw(team, "ada") as conn:
        direct = {r[0] for r in conn.execute("SELECT id FROM ekocrm_search_party('prive:*')")}
    assert direct == {records["ada_private"]}  # an administrator does not find others' private records
    bob.dispose()


def test_a_dense_search_walks_the_name_index_within_the_same_sight(team: TeamDatabase) -> None:
    # Under row-level security a prefix with many matches is paged by walking the name index and
    # testing each row (issue 4's search figure): the rows, their order and the count must be
    # those of the function path, and nobody's private records may show.
    records = people_records(team)
    from ekocrm_desktop.db.search import PostgresTextSearch
    from ekocrm_desktop.services.contacts import PartyQuery

    bob = team.database("bob")
    contacts = ContactService(bob)
    query = PartyQuery(text="exemple")  # every e-mail is @exemple.fr
    by_function = [row.id for row in contacts.page(query, "name", False, _page())]
    assert records["bob_private"] in by_function and records["cleo_public"] in by_function
    assert records["cleo_private"] not in by_function and records["ada_private"] not in by_function
    backend = contacts._search
    assert isinstance(backend, PostgresTextSearch) and backend.row_security
    with bob.session() as session:
        assert not backend.prefers_walk(session, "exemple")
    backend.walk_matches = 2
    backend._dense.clear()
    with bob.session() as session:
        assert backend.prefers_walk(session, "exemple")
    walked = [row.id for row in contacts.page(query, "name", False, _page())]
    assert walked == by_function
    assert contacts.count(query) == len(by_function)
    # Called directly, the counting function counts only what the caller may see, up to a cap.
    with raw(team, "bob") as conn:
        assert conn.execute("SELECT ekocrm_count_party_matches('prive:*', NULL)").fetchone() == (1,)
        assert conn.execute("SELECT ekocrm_count_party_matches('exemple:*', 2)").fetchone() == (2,)
    bob.dispose()


def _page():  # type: ignore[no-untyped-def]
    from ekocrm_desktop.services.paging import PageRequest

    return PageRequest(0, 50, 0)


def test_team_scope_shows_the_records_of_ones_teams(team: TeamDatabase) -> None:
    # Teams (tables team and team_member, revision 0009) decide what "team" scope shows.
    superuser = team.superuser()
    team_id = "00000000-0000-0000-0000-00000000000a"
    try:
        records = people_records(team)
        with superuser.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO team (id, name, kind, description, leader_id, version, created_at, updated_at) "
                    "VALUES (:id, 'Lyon', 'geography', '', :ada, 1, now(), now())"
                ),
                {"id": team_id, "ada": team.party_ids["ada"]},
            )
            for person in ("bob", "cleo"):
                conn.execute(
                    text(
                        "INSERT INTO team_member (id, team_id, party_id, created_at, updated_at) "
                        "VALUES (gen_random_uuid(), :team, :p, now(), now())"
                    ),
                    {"team": team_id, "p": team.party_ids[person]},
                )
        admin = team.database("ada")
        AccessService(admin).set_scope("collaborator", "team")
        assert AccessService(admin).teams_available()
        admin.dispose()
        seen = visible(team, "bob")
        # Bob sees his team (Cléo) and its leader (Ada), not their private records.
        assert {records["bob_public"], records["cleo_public"], records["ada_public"]} <= seen
        assert records["cleo_private"] not in seen and records["ada_private"] not in seen
        assert records["unowned"] not in seen
        # Out of the team, nothing: Cléo leaves it.
        with superuser.engine.begin() as conn:
            conn.execute(text("DELETE FROM team_member WHERE party_id = :p"), {"p": team.party_ids["cleo"]})
        assert records["cleo_public"] not in visible(team, "bob")
    finally:
        with superuser.engine.begin() as conn:
            conn.execute(text("DELETE FROM team WHERE id = :id"), {"id": team_id})
        superuser.dispose()


def test_a_merge_that_would_leave_a_colleagues_private_activity_behind_is_refused(team: TeamDatabase) -> None:
    # Bob sees both records but not Cléo's private note about the duplicate: moving only what he
    # sees would leave her note on a record sent to the trash. The merge is refused, nothing
    # changes; Cléo, who sees her note, merges and the note follows.
    from ekocrm_desktop.services.activities import ActivityDraft, ActivityService
    from ekocrm_desktop.services.merge import MergeRefusedError, MergeService

    records = people_records(team)
    winner, loser = records["bob_public"], records["unowned"]
    cleo = team.database("cleo")
    note = ActivityService(cleo, me=AccessService(cleo).capabilities().my_party_id).log(
        ActivityDraft(type="note", subject="Rappeler après l'AG", private=True, party_ids=(loser,))
    )
    bob = team.database("bob")
    try:
        contacts = ContactService(bob)
        before = (contacts.get(winner).version, contacts.get(loser).version)
        with pytest.raises(MergeRefusedError) as refused:
            MergeService(bob).merge(winner, loser, {}, winner_version=before[0], loser_version=before[1])
        assert refused.value.code == "hidden_links" and refused.value.params["count"] == 1
        assert contacts.get(loser).deleted_at is None and contacts.get(loser).version == before[1]
        # What he can see of the duplicate moves as usual once nothing is hidden from him.
        counts = visible(team, "bob", "activity_link", "party_id")
        assert loser not in counts
    finally:
        bob.dispose()
    try:
        merged = MergeService(cleo).merge(winner, loser, {}, winner_version=before[0], loser_version=before[1])
        assert merged.moved.get("activity_link.party_id") == 1
        with raw(team, "cleo") as conn:
            rows = conn.execute("SELECT party_id FROM activity_link WHERE activity_id = %s", (note.id,))
            linked = {row[0] for row in rows}
        assert linked == {winner}
    finally:
        cleo.dispose()
    # The counting function tells nothing about a record one cannot see.
    with raw(team, "bob") as conn:
        hidden_party = (records["cleo_private"],)
        assert conn.execute("SELECT * FROM ekocrm_party_reference_counts(%s)", hidden_party).fetchall() == []


def test_trashing_a_selection_moves_only_what_the_login_may_change(team: TeamDatabase) -> None:
    # The trash is one UPDATE a slice: a colleague's private contact in the selection is left as
    # it is and not counted, and the others are moved and recorded as the member's change.
    records = people_records(team)
    bob = team.database("bob")
    contacts = ContactService(bob)
    chosen = [records["bob_public"], records["bob_private"], records["cleo_private"]]
    assert contacts.delete(chosen) == 2
    assert contacts.get(records["bob_public"]).deleted_at is not None
    assert contacts.restore(chosen) == 2
    bob.dispose()
    cleo = team.database("cleo")
    assert ContactService(cleo).get(records["cleo_private"]).deleted_at is None
    cleo.dispose()
    with raw(team, "bob") as conn:
        changes = conn.execute(
            "SELECT count(*) FROM record_history WHERE root_id = %s AND operation = 'U' AND actor = %s",
            (records["bob_public"], team.logins["bob"]),
        ).fetchone()
    assert changes is not None and changes[0] == 2  # moved to the trash, then back
