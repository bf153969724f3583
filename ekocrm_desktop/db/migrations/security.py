"""Frozen DDL for team mode on PostgreSQL: group roles' GRANTs, row-level security, change history.

Migrations call these helpers for their tables (see docs/DEVELOPING.md, "Team mode"):

    install_record_security_v1(op, "deal", owner_column="owner_id", private_column="private")
    install_child_security_v1(op, "deal_line", parent_table="deal", parent_column="deal_id")
    install_history_v1(op, "deal", root_table="deal", root_column="id", ignore=BOOKKEEPING)
    grant_v1(op, "deal", reader="SELECT", collaborator="SELECT, INSERT, UPDATE", administrator=ALL)

Every helper is a no-op on SQLite (one user: no roles, no policies; the session records the
history there). Like `helpers.py`, nothing an applied revision relies on may change here:
a new behaviour is a new function (`..._v2`).

Design (issue 4, reliability anchors §2.2):
- one PostgreSQL login per person; group roles `<prefix>_administrator`, `_collaborator`,
  `_reader` carry the GRANTs; `<prefix>_owner` (NOLOGIN) owns every table and function, and
  migrations run as it (`SET ROLE`), so no login role owns a table;
- `FORCE ROW LEVEL SECURITY` everywhere a row can be out of someone's scope; policies read
  `current_user` and group membership (`pg_has_role`), never a setting the client could SET;
- helper functions pin their `search_path` (a temporary table cannot shadow ours) and are
  called as `(SELECT f())` in policies, so they run once per query, not once per row;
- history and live-update notifications come from statement-level triggers with transition
  tables: raw SQL is recorded like the app's saves, and a bulk COPY costs one INSERT…SELECT.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

#: Columns that change on every save without being what the user changed.
BOOKKEEPING = ("created_at", "updated_at", "created_by", "updated_by", "version")
#: Party columns derived from the others on every save, not what a user changes (the party
#: history ignores them; revision 0005, and 0025 with the list summaries added).
PARTY_DERIVED_V1 = (
    "search_doc",
    "search_key",
    "sort_name",
    "organisation_key",
    "organisation_name",
    "city_key",
    "city",
    "postcode",
    "primary_email",
    "primary_phone",
)
#: The same for rows that belong to a record (e-mails of a person): their own id included.
CHILD_BOOKKEEPING = ("id", "created_at", "updated_at", "created_by", "updated_by")
#: Group roles, by app role.
APP_ROLES = ("administrator", "collaborator", "reader")
ALL = "SELECT, INSERT, UPDATE, DELETE"
NOTIFY_CHANNEL = "ekocrm_changes"
#: Beyond this many records in one statement, a notification says "everything of this kind".
NOTIFY_MAX_IDS = 50


def is_postgres(op: Any) -> bool:
    """Whether the migration runs on PostgreSQL."""
    return bool(op.get_bind().dialect.name == "postgresql")


def _schema(op: Any) -> str:
    return str(op.get_bind().execute(text("SELECT current_schema()")).scalar_one())


def role_prefix(op: Any) -> str | None:
    """The group roles' prefix when the database is set up for a team (`ekocrm db init`), else None.

    Read from access_config; while `db init` creates the schema it is given in the
    transaction's `ekocrm.role_prefix` setting (the table does not exist yet).
    """
    bind = op.get_bind()
    stored = None
    if not bind.execute(text("SELECT to_regclass('access_config') IS NULL")).scalar():
        stored = bind.execute(text("SELECT value FROM access_config WHERE key = 'role_prefix'")).scalar()
    if stored:
        return str(stored)
    pending = bind.execute(text("SELECT current_setting('ekocrm.role_prefix', true)")).scalar()
    return str(pending) if pending else None


def group_role(prefix: str, app_role: str) -> str:
    """Name of a group role ("ekocrm_collaborator")."""
    return f"{prefix}_{app_role}"


def _fill(statement: str, values: dict[str, str]) -> str:
    """`statement` with each `__PLACEHOLDER__` of `values` replaced, in order."""
    for placeholder, value in values.items():
        statement = statement.replace(placeholder, value)
    return statement


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------------------- functions
#: The text-search functions' view of the logged-in person (their role, party, scope and team).
SEARCH_DECLARE = """DECLARE
              who name := session_user;
              role text := ekocrm_app_role_of(session_user);
              me uuid := ekocrm_party_of(session_user);
              scope text := ekocrm_scope_of(session_user);
              team uuid[] := ekocrm_team_parties_of(session_user);"""
#: A party `p` that the logged-in person may see (the party policies' rules, with SEARCH_DECLARE).
PARTY_IN_SIGHT = """(role = 'owner'
                       OR ((NOT p.private OR p.owner_id = me OR (p.owner_id IS NULL AND role = 'administrator'))
                           AND (scope = 'all' OR p.owner_id = me OR (scope = 'team' AND p.owner_id = ANY (team)))))"""
#: A live party `p` matching `p_query` that the logged-in person may see.
SEARCH_VISIBLE_MATCH = (
    "p.deleted_at IS NULL AND p.search_tsv @@ to_tsquery('simple'::regconfig, p_query)\n                  AND "
    + PARTY_IN_SIGHT
)


#: v3 (revision 0026): `p_query` holds the words as lexemes, as the stored vector does (no parser).
SEARCH_VISIBLE_MATCH_V3 = SEARCH_VISIBLE_MATCH.replace("to_tsquery('simple'::regconfig, p_query)", "p_query::tsquery")
assert SEARCH_VISIBLE_MATCH_V3 != SEARCH_VISIBLE_MATCH
#: `ekocrm_search_party` as revision 0005 created it (frozen; its match is filled in).
SEARCH_PARTY_FUNCTION_V1 = """CREATE FUNCTION ekocrm_search_party(p_query text) RETURNS TABLE (id uuid) STABLE ROWS 10
            LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            __SEARCH_DECLARE__
            BEGIN
              IF role IS NULL THEN RETURN; END IF;
              RETURN QUERY
                SELECT p.id FROM party p WHERE __SEARCH_VISIBLE_MATCH__;
            END $$"""
#: `ekocrm_count_party_matches` as revision 0020 created it (frozen; its match is filled in).
COUNT_PARTY_MATCHES_FUNCTION_V2 = """CREATE FUNCTION ekocrm_count_party_matches(p_query text, p_cap bigint)
            RETURNS bigint STABLE LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            __SEARCH_DECLARE__
              found bigint;
            BEGIN
              IF role IS NULL THEN RETURN 0; END IF;
              SELECT count(*) INTO found FROM (SELECT 1 FROM party p WHERE __SEARCH_VISIBLE_MATCH__ LIMIT p_cap) hits;
              RETURN found;
            END $$"""

#: `ekocrm_track()` as revision 0005 created it (frozen; `create_security_functions_v1` runs it).
TRACK_FUNCTION_V1 = """CREATE FUNCTION ekocrm_track() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            DECLARE
              v_root_table text := TG_ARGV[0];
              v_root_column text := TG_ARGV[1];
              v_key_column text := nullif(TG_ARGV[2], '');
              v_ignored text[] := TG_ARGV[3]::text[];
              v_full boolean := TG_ARGV[4]::boolean;
              v_kind text := TG_ARGV[5];
              v_is_root boolean := v_root_column = 'id' AND v_key_column = 'id';
              v_tx bigint := txid_current();
              v_who text := session_user;
              v_why text := nullif(current_setting('ekocrm.reason', true), '');
              v_client text := nullif(current_setting('ekocrm.client', true), '');
              v_ids uuid[];
            BEGIN
              -- Statement triggers fire for statements that touched no row: nothing to record.
              IF TG_OP = 'INSERT' THEN
                IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
              ELSIF NOT EXISTS (SELECT 1 FROM old_rows) THEN
                RETURN NULL;
              END IF;
              IF TG_OP = 'INSERT' THEN
                IF v_is_root THEN
                  INSERT INTO record_history (changed_at, actor, tx, table_name, record_id, root_table, root_id,
                                              operation, changes, reason)
                  SELECT now(), v_who, v_tx, TG_TABLE_NAME, n.id, v_root_table, n.id, 'I', NULL, v_why
                  FROM new_rows n;
                  SELECT array_agg(id) INTO v_ids FROM (SELECT n.id FROM new_rows n LIMIT __LIMIT__) s;
                ELSE
                  -- A record's first rows are part of its creation, not changes of it.
                  INSERT INTO record_history (changed_at, actor, tx, table_name, record_id, root_table, root_id,
                                              operation, changes, reason)
                  SELECT now(), v_who, v_tx, TG_TABLE_NAME, (s.j ->> v_key_column)::uuid, v_root_table,
                         (s.j ->> v_root_column)::uuid, 'I',
                         (SELECT jsonb_object_agg(e.key, jsonb_build_array(NULL, e.value))
                            FROM jsonb_each(s.j) e WHERE NOT e.key = ANY (v_ignored)),
                         v_why
                  FROM (SELECT to_jsonb(n) AS j FROM new_rows n) s
                  WHERE NOT EXISTS (
                    SELECT 1 FROM record_history h
                    WHERE h.tx = v_tx AND h.record_id = (s.j ->> v_root_column)::uuid
                      AND h.operation = 'I' AND h.table_name = v_root_table);
                  SELECT array_agg(DISTINCT r) INTO v_ids
                  FROM (SELECT (to_jsonb(n) ->> v_root_column)::uuid AS r FROM new_rows n LIMIT __LIMIT__) s;
                END IF;
              ELSIF TG_OP = 'UPDATE' AND v_key_column IS NOT NULL THEN
                INSERT INTO record_history (changed_at, actor, tx, table_name, record_id, root_table, root_id,
                                            operation, changes, reason)
                SELECT now(), v_who, v_tx, TG_TABLE_NAME, (d.nj ->> v_key_column)::uuid, v_root_table,
                       (d.nj ->> v_root_column)::uuid, 'U',
                       CASE WHEN v_full THEN
                         (SELECT jsonb_object_agg(o.key, jsonb_build_array(o.value, n.value))
                            FROM jsonb_each(d.oj) o JOIN jsonb_each(d.nj) n ON n.key = o.key
                           WHERE NOT o.key = ANY (v_ignored))
                       ELSE d.diff END,
                       v_why
                FROM (
                  SELECT a.oj, b.nj,
                         (SELECT jsonb_object_agg(o.key, jsonb_build_array(o.value, n.value))
                            FROM jsonb_each(a.oj) o JOIN jsonb_each(b.nj) n ON n.key = o.key
                           WHERE NOT o.key = ANY (v_ignored) AND o.value IS DISTINCT FROM n.value) AS diff
                  FROM (SELECT to_jsonb(o) AS oj FROM old_rows o) a
                  JOIN (SELECT to_jsonb(n) AS nj FROM new_rows n) b ON (a.oj -> v_key_column) = (b.nj -> v_key_column)
                ) d
                WHERE d.diff IS NOT NULL;
                SELECT array_agg(DISTINCT r) INTO v_ids
                FROM (SELECT (to_jsonb(n) ->> v_root_column)::uuid AS r FROM new_rows n LIMIT __LIMIT__) s;
              ELSE
                -- DELETE, or an UPDATE of a table without a key (recorded as old rows out, new rows in).
                INSERT INTO record_history (changed_at, actor, tx, table_name, record_id, root_table, root_id,
                                            operation, changes, reason)
                SELECT now(), v_who, v_tx, TG_TABLE_NAME, (s.j ->> v_key_column)::uuid, v_root_table,
                       (s.j ->> v_root_column)::uuid, 'D',
                       (SELECT jsonb_object_agg(e.key, jsonb_build_array(e.value, NULL))
                          FROM jsonb_each(s.j) e WHERE NOT e.key = ANY (v_ignored)),
                       v_why
                FROM (SELECT to_jsonb(o) AS j FROM old_rows o) s;
                IF TG_OP = 'UPDATE' THEN
                  INSERT INTO record_history (changed_at, actor, tx, table_name, record_id, root_table, root_id,
                                              operation, changes, reason)
                  SELECT now(), v_who, v_tx, TG_TABLE_NAME, NULL, v_root_table, (s.j ->> v_root_column)::uuid, 'I',
                         (SELECT jsonb_object_agg(e.key, jsonb_build_array(NULL, e.value))
                            FROM jsonb_each(s.j) e WHERE NOT e.key = ANY (v_ignored)),
                         v_why
                  FROM (SELECT to_jsonb(n) AS j FROM new_rows n) s;
                END IF;
                SELECT array_agg(DISTINCT r) INTO v_ids
                FROM (SELECT (to_jsonb(o) ->> v_root_column)::uuid AS r FROM old_rows o LIMIT __LIMIT__) s;
              END IF;
              IF v_ids IS NOT NULL THEN
                IF cardinality(v_ids) > __MAX__ THEN v_ids := '{}'; END IF;
                PERFORM pg_notify('__CHANNEL__',
                  json_build_object('kind', v_kind, 'ids', v_ids, 'client', v_client, 'by', v_who)::text);
              END IF;
              RETURN NULL;
            END $$"""
#: What v1 records when rows of a child table are inserted.
_TRACK_CHILD_INSERT_V1 = """                  -- A record's first rows are part of its creation, not changes of it.
                  INSERT INTO record_history (changed_at, actor, tx, table_name, record_id, root_table, root_id,
                                              operation, changes, reason)
                  SELECT now(), v_who, v_tx, TG_TABLE_NAME, (s.j ->> v_key_column)::uuid, v_root_table,
                         (s.j ->> v_root_column)::uuid, 'I',
                         (SELECT jsonb_object_agg(e.key, jsonb_build_array(NULL, e.value))
                            FROM jsonb_each(s.j) e WHERE NOT e.key = ANY (v_ignored)),
                         v_why
                  FROM (SELECT to_jsonb(n) AS j FROM new_rows n) s
                  WHERE NOT EXISTS (
                    SELECT 1 FROM record_history h
                    WHERE h.tx = v_tx AND h.record_id = (s.j ->> v_root_column)::uuid
                      AND h.operation = 'I' AND h.table_name = v_root_table);
                  SELECT array_agg(DISTINCT r) INTO v_ids
                  FROM (SELECT (to_jsonb(n) ->> v_root_column)::uuid AS r FROM new_rows n LIMIT __LIMIT__) s;
"""
#: v4 (revision 0024): the same rows. Each new child row's record is looked up in the history by
#: index (`OFFSET 0` keeps the correlated probe: as a join, the planner hashed every history row
#: of the transaction at each statement, so a bulk import's chunks cost more and more), and a row
#: becomes jsonb only when it is recorded (v1 converted each one to read its root column).
_TRACK_CHILD_INSERT_V4 = """                  -- A record's first rows are part of its creation, not changes of it.
                  EXECUTE format(
                    'INSERT INTO record_history (changed_at, actor, tx, table_name, record_id, root_table, root_id,'
                    '                            operation, changes, reason)'
                    ' SELECT now(), $1, $2, $3, (to_jsonb(n) ->> $4)::uuid, $5, n.%1$I, ''I'','
                    '        (SELECT jsonb_object_agg(e.key, jsonb_build_array(NULL, e.value))'
                    '           FROM jsonb_each(to_jsonb(n)) e WHERE NOT e.key = ANY ($6)),'
                    '        $7'
                    ' FROM new_rows n'
                    ' WHERE NOT EXISTS (SELECT 1 FROM record_history h WHERE h.tx = $2 AND h.record_id = n.%1$I'
                    '                   AND h.operation = ''I'' AND h.table_name = $5 OFFSET 0)',
                    v_root_column)
                  USING v_who, v_tx, TG_TABLE_NAME, v_key_column, v_root_table, v_ignored, v_why;
                  EXECUTE format('SELECT array_agg(DISTINCT r)'
                                 ' FROM (SELECT n.%I AS r FROM new_rows n LIMIT __LIMIT__) s', v_root_column)
                  INTO v_ids;
"""


def create_security_functions_v1(op: Any) -> None:
    """The functions the policies, triggers and administrators use (PostgreSQL only)."""
    if not is_postgres(op):
        return
    schema = _schema(op)
    path = f"SET search_path = {_quote(schema)}, pg_catalog, pg_temp"
    statements = [
        # -------- who is asking
        """CREATE FUNCTION ekocrm_role_prefix() RETURNS text STABLE LANGUAGE sql __PATH__ AS $$
            SELECT value FROM access_config WHERE key = 'role_prefix' $$""",
        # Who a role is for the policies. 'owner' means "maintenance": the owner role
        # (migrations, triggers), a superuser, or anyone on a database not set up for a team
        # (whoever may connect there is its administrator).
        """CREATE FUNCTION ekocrm_app_role_of(p_user name) RETURNS text STABLE LANGUAGE plpgsql __PATH__ AS $$
            DECLARE prefix text := ekocrm_role_prefix();
            BEGIN
              IF prefix IS NULL OR p_user = prefix || '_owner' THEN RETURN 'owner'; END IF;
              IF (SELECT rolsuper FROM pg_roles WHERE rolname = p_user) THEN RETURN 'owner'; END IF;
              IF pg_has_role(p_user, prefix || '_administrator', 'MEMBER') THEN RETURN 'administrator'; END IF;
              IF pg_has_role(p_user, prefix || '_collaborator', 'MEMBER') THEN RETURN 'collaborator'; END IF;
              IF pg_has_role(p_user, prefix || '_reader', 'MEMBER') THEN RETURN 'reader'; END IF;
              RETURN NULL;
            END $$""",
        """CREATE FUNCTION ekocrm_app_role() RETURNS text STABLE LANGUAGE sql __PATH__ AS $$
            SELECT ekocrm_app_role_of(current_user) $$""",
        """CREATE FUNCTION ekocrm_party_of(p_user name) RETURNS uuid STABLE LANGUAGE sql __PATH__ AS $$
            SELECT party_id FROM user_account WHERE login = p_user $$""",
        """CREATE FUNCTION ekocrm_my_party() RETURNS uuid STABLE LANGUAGE sql __PATH__ AS $$
            SELECT ekocrm_party_of(current_user) $$""",
        # The parties whose records "team" scope shows: oneself, the members of one's teams, their
        # leaders, and for a leader their members. Teams (tables team, team_member) come with the
        # domains revision; until they exist, one's own records only. Read as the owner: a
        # person's scope must not depend on what their own rights let them read.
        """CREATE FUNCTION ekocrm_team_parties_of(p_user name) RETURNS uuid[] STABLE
            LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            DECLARE me uuid := ekocrm_party_of(p_user); result uuid[];
            BEGIN
              IF me IS NULL THEN RETURN ARRAY[]::uuid[]; END IF;
              IF to_regclass('team_member') IS NULL OR to_regclass('team') IS NULL THEN RETURN ARRAY[me]; END IF;
              EXECUTE 'SELECT array_agg(DISTINCT x) FROM ('
                      ' SELECT $1 AS x'
                      ' UNION SELECT m2.party_id FROM team_member m1 JOIN team_member m2 ON m2.team_id = m1.team_id'
                      '   WHERE m1.party_id = $1'
                      ' UNION SELECT m.party_id FROM team t JOIN team_member m ON m.team_id = t.id'
                      '   WHERE t.leader_id = $1'
                      ' UNION SELECT t.leader_id FROM team t JOIN team_member m ON m.team_id = t.id'
                      '   WHERE m.party_id = $1 AND t.leader_id IS NOT NULL) s'
                INTO result USING me;
              RETURN result;
            END $$""",
        """CREATE FUNCTION ekocrm_team_parties() RETURNS uuid[] STABLE LANGUAGE sql __PATH__ AS $$
            SELECT ekocrm_team_parties_of(current_user) $$""",
        """CREATE FUNCTION ekocrm_scope_of(p_user name) RETURNS text STABLE LANGUAGE plpgsql __PATH__ AS $$
            DECLARE role text := ekocrm_app_role_of(p_user);
            BEGIN
              IF role IN ('owner', 'administrator') THEN RETURN 'all'; END IF;
              IF role IS NULL THEN RETURN 'none'; END IF;
              RETURN coalesce((SELECT value FROM access_config WHERE key = 'scope.' || role), 'all');
            END $$""",
        """CREATE FUNCTION ekocrm_scope() RETURNS text STABLE LANGUAGE sql __PATH__ AS $$
            SELECT ekocrm_scope_of(current_user) $$""",
        # Live parties matching a text search (0002b's search_tsv), searched as the owner so that
        # the GIN index serves it: under row-level security the
        # planner may not use an index for a non-leakproof operator such as @@, and scans every
        # row instead. The same visibility rules are applied here for the logged-in person, and
        # the caller's query joins the result with party, where the policies apply again.
        # ROWS 10: the row-level security filter makes the planner believe party is small; a
        # low estimate here keeps the join a nested loop over the primary key (a hash join would
        # scan every party row).
        SEARCH_PARTY_FUNCTION_V1,
        # Whether the caller may see a record of a tracked table (history follows its record).
        """CREATE FUNCTION ekocrm_can_see(p_table text, p_id uuid) RETURNS boolean STABLE
            LANGUAGE plpgsql __PATH__ AS $$
            DECLARE found boolean;
            BEGIN
              EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1)', p_table) INTO found USING p_id;
              RETURN found;
            END $$""",
        # -------- history and live updates (statement-level, transition tables)
        TRACK_FUNCTION_V1,
        # -------- administrators' functions (SECURITY DEFINER: run as the owner, which may create roles)
        """CREATE FUNCTION ekocrm_require_admin() RETURNS void STABLE LANGUAGE plpgsql __PATH__ AS $$
            DECLARE prefix text := ekocrm_role_prefix();
            BEGIN
              IF prefix IS NULL THEN
                RAISE EXCEPTION 'this database is not set up for a team (ekocrm db init)'
                  USING ERRCODE = '55000', HINT = 'not_team';
              END IF;
              IF NOT pg_has_role(session_user, prefix || '_administrator', 'MEMBER') THEN
                RAISE EXCEPTION 'only an administrator can do this'
                  USING ERRCODE = '42501', HINT = 'admin_only';
              END IF;
            END $$""",
        """CREATE FUNCTION ekocrm_require_member(p_login text) RETURNS void STABLE LANGUAGE plpgsql __PATH__ AS $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM user_account WHERE login = p_login)
                 OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
                RAISE EXCEPTION 'no user named % in this database', p_login
                  USING ERRCODE = '42704', HINT = 'login_unknown';
              END IF;
            END $$""",
        """CREATE FUNCTION ekocrm_check_verifier(p_verifier text) RETURNS void IMMUTABLE LANGUAGE plpgsql __PATH__ AS $$
            BEGIN
              IF p_verifier IS NULL OR p_verifier !~ '^SCRAM-SHA-256\\$' THEN
                RAISE EXCEPTION 'a password must be sent as a SCRAM-SHA-256 verifier, never in clear'
                  USING ERRCODE = '22023', HINT = 'verifier';
              END IF;
            END $$""",
        # Fails unless another enabled administrator than p_login remains.
        """CREATE FUNCTION ekocrm_keep_an_admin(p_login text) RETURNS void STABLE LANGUAGE plpgsql __PATH__ AS $$
            BEGIN
              IF NOT EXISTS (
                SELECT 1 FROM user_account u JOIN pg_roles r ON r.rolname = u.login
                WHERE u.login <> p_login AND r.rolcanlogin
                  AND pg_has_role(u.login, ekocrm_role_prefix() || '_administrator', 'MEMBER')) THEN
                RAISE EXCEPTION 'the team must keep at least one administrator'
                  USING ERRCODE = '55000', HINT = 'last_admin';
              END IF;
            END $$""",
        """CREATE FUNCTION ekocrm_create_user(p_login text, p_verifier text, p_role text, p_party uuid,
                                               p_display text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            BEGIN
              PERFORM ekocrm_require_admin();
              IF p_login IS NULL OR p_login !~ '^[a-z_][a-z0-9_.-]{0,62}$' OR p_login LIKE 'pg\\_%' THEN
                RAISE EXCEPTION 'invalid login name: %', p_login
                  USING ERRCODE = '22023', HINT = 'login_invalid';
              END IF;
              IF p_role IS NULL OR NOT p_role = ANY (ARRAY['administrator', 'collaborator', 'reader']) THEN
                RAISE EXCEPTION 'unknown role: %', p_role
                  USING ERRCODE = '22023', HINT = 'role_unknown';
              END IF;
              PERFORM ekocrm_check_verifier(p_verifier);
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
                RAISE EXCEPTION 'the login % already exists on this server', p_login
                  USING ERRCODE = '42710', HINT = 'login_taken';
              END IF;
              EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS '
                             'INHERIT PASSWORD %L IN ROLE %I',
                             p_login, p_verifier, ekocrm_role_prefix() || '_' || p_role);
              INSERT INTO user_account (login, party_id, display_name, created_at, created_by)
              VALUES (p_login, p_party, coalesce(p_display, ''), now(), session_user);
            END $$""",
        """CREATE FUNCTION ekocrm_set_user_role(p_login text, p_role text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            DECLARE prefix text := ekocrm_role_prefix(); r text;
            BEGIN
              PERFORM ekocrm_require_admin();
              PERFORM ekocrm_require_member(p_login);
              IF p_role IS NULL OR NOT p_role = ANY (ARRAY['administrator', 'collaborator', 'reader']) THEN
                RAISE EXCEPTION 'unknown role: %', p_role
                  USING ERRCODE = '22023', HINT = 'role_unknown';
              END IF;
              IF p_role <> 'administrator' AND pg_has_role(p_login, prefix || '_administrator', 'MEMBER') THEN
                PERFORM ekocrm_keep_an_admin(p_login);
              END IF;
              FOREACH r IN ARRAY ARRAY['administrator', 'collaborator', 'reader'] LOOP
                IF r <> p_role THEN EXECUTE format('REVOKE %I FROM %I', prefix || '_' || r, p_login); END IF;
              END LOOP;
              EXECUTE format('GRANT %I TO %I', prefix || '_' || p_role, p_login);
            END $$""",
        """CREATE FUNCTION ekocrm_set_user_enabled(p_login text, p_enabled boolean) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            BEGIN
              PERFORM ekocrm_require_admin();
              PERFORM ekocrm_require_member(p_login);
              IF NOT p_enabled THEN
                IF p_login = session_user THEN
                  RAISE EXCEPTION 'you cannot disable your own login'
                  USING ERRCODE = '55000', HINT = 'self_disable';
                END IF;
                IF pg_has_role(p_login, ekocrm_role_prefix() || '_administrator', 'MEMBER') THEN
                  PERFORM ekocrm_keep_an_admin(p_login);
                END IF;
              END IF;
              EXECUTE format('ALTER ROLE %I %s', p_login, CASE WHEN p_enabled THEN 'LOGIN' ELSE 'NOLOGIN' END);
            END $$""",
        """CREATE FUNCTION ekocrm_set_user_password(p_login text, p_verifier text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            BEGIN
              PERFORM ekocrm_require_admin();
              PERFORM ekocrm_require_member(p_login);
              PERFORM ekocrm_check_verifier(p_verifier);
              EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
            END $$""",
        """CREATE FUNCTION ekocrm_link_user(p_login text, p_party uuid, p_display text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            BEGIN
              PERFORM ekocrm_require_admin();
              PERFORM ekocrm_require_member(p_login);
              UPDATE user_account SET party_id = p_party, display_name = coalesce(p_display, display_name)
              WHERE login = p_login;
            END $$""",
        """CREATE FUNCTION ekocrm_set_scope(p_role text, p_scope text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            BEGIN
              PERFORM ekocrm_require_admin();
              IF p_role IS NULL OR NOT p_role = ANY (ARRAY['collaborator', 'reader']) THEN
                RAISE EXCEPTION 'unknown role: %', p_role
                  USING ERRCODE = '22023', HINT = 'role_unknown';
              END IF;
              IF p_scope IS NULL OR NOT p_scope = ANY (ARRAY['all', 'own', 'team']) THEN
                RAISE EXCEPTION 'unknown scope: %', p_scope
                  USING ERRCODE = '22023', HINT = 'scope_unknown';
              END IF;
              INSERT INTO access_config (key, value) VALUES ('scope.' || p_role, p_scope)
              ON CONFLICT (key) DO UPDATE SET value = excluded.value;
            END $$""",
        # GDPR erasure (issue 8) must also remove the old values kept here.
        """CREATE FUNCTION ekocrm_erase_history(p_root_table text, p_root_id uuid) RETURNS bigint
            LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            DECLARE n bigint;
            BEGIN
              IF ekocrm_role_prefix() IS NOT NULL THEN  -- else a one-owner database: its owner may
                PERFORM ekocrm_require_admin();
              END IF;
              DELETE FROM record_history WHERE root_table = p_root_table AND root_id = p_root_id;
              GET DIAGNOSTICS n = ROW_COUNT;
              RETURN n;
            END $$""",
    ]
    values = {
        "__SEARCH_DECLARE__": SEARCH_DECLARE,
        "__SEARCH_VISIBLE_MATCH__": SEARCH_VISIBLE_MATCH,
        **_track_values(path),
    }
    for statement in statements:
        op.execute(_fill(statement, values))
    for name in ADMIN_FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")


def _track_values(path: str) -> dict[str, str]:
    return {
        "__PATH__": path,
        "__LIMIT__": str(NOTIFY_MAX_IDS + 1),
        "__MAX__": str(NOTIFY_MAX_IDS),
        "__CHANNEL__": NOTIFY_CHANNEL,
    }


def _replace_track_function(op: Any, statement: str) -> None:
    path = f"SET search_path = {_quote(_schema(op))}, pg_catalog, pg_temp"
    op.execute(_fill(statement.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1), _track_values(path)))


def replace_track_function_v4(op: Any) -> None:
    """`ekocrm_track()` v4 (revision 0024, PostgreSQL only): the same history, cheaper for bulk inserts.

    Only the recording of inserted child rows changes (`_TRACK_CHILD_INSERT_V4`); the function
    also runs without JIT, whose compiling cost more than the statements it served.
    """
    if not is_postgres(op):
        return
    assert TRACK_FUNCTION_V1.count(_TRACK_CHILD_INSERT_V1) == 1
    statement = TRACK_FUNCTION_V1.replace(_TRACK_CHILD_INSERT_V1, _TRACK_CHILD_INSERT_V4).replace(
        "SECURITY DEFINER __PATH__ AS", "SECURITY DEFINER __PATH__ SET jit = off AS", 1
    )
    _replace_track_function(op, statement)


def restore_track_function_v1(op: Any) -> None:
    """Undo `replace_track_function_v4`."""
    if is_postgres(op):
        _replace_track_function(op, TRACK_FUNCTION_V1)


#: The administrators' functions (signature included), granted to the administrator group only.
ADMIN_FUNCTIONS = (
    "ekocrm_create_user(text, text, text, uuid, text)",
    "ekocrm_set_user_role(text, text)",
    "ekocrm_set_user_enabled(text, boolean)",
    "ekocrm_set_user_password(text, text)",
    "ekocrm_link_user(text, uuid, text)",
    "ekocrm_set_scope(text, text)",
    "ekocrm_erase_history(text, uuid)",
)
#: Functions the policies and triggers call (anyone may run them; they reveal nothing).
POLICY_FUNCTIONS = (
    "ekocrm_role_prefix()",
    "ekocrm_app_role_of(name)",
    "ekocrm_app_role()",
    "ekocrm_party_of(name)",
    "ekocrm_my_party()",
    "ekocrm_team_parties_of(name)",
    "ekocrm_team_parties()",
    "ekocrm_scope_of(name)",
    "ekocrm_scope()",
    "ekocrm_search_party(text)",
    "ekocrm_can_see(text, uuid)",
    "ekocrm_track()",
    "ekocrm_require_admin()",
    "ekocrm_require_member(text)",
    "ekocrm_check_verifier(text)",
    "ekocrm_keep_an_admin(text)",
)


def drop_security_functions_v1(op: Any) -> None:
    """Drop what `create_security_functions_v1` created."""
    if not is_postgres(op):
        return
    for name in (*ADMIN_FUNCTIONS, *reversed(POLICY_FUNCTIONS)):
        op.execute(f"DROP FUNCTION IF EXISTS {name}")


# ---------------------------------------------------------------------------- policies
def record_visibility_v1(owner_column: str, private_column: str | None) -> str:
    """The SQL condition "the caller may see this row" for a table with an owner (and a private flag)."""
    owner = _quote(owner_column)
    private_ok = ""
    if private_column:
        private_ok = (
            f"(NOT {_quote(private_column)} OR {owner} = (SELECT ekocrm_my_party()) "
            f"OR ({owner} IS NULL AND (SELECT ekocrm_app_role()) = 'administrator')) AND "
        )
    return (
        f"((SELECT ekocrm_app_role()) = 'owner' OR ({private_ok}("
        f"(SELECT ekocrm_scope()) = 'all' "
        f"OR {owner} = (SELECT ekocrm_my_party()) "
        f"OR ((SELECT ekocrm_scope()) = 'team' AND {owner} = ANY ((SELECT ekocrm_team_parties())::uuid[])))))"
    )


def _force_rls(op: Any, table: str) -> None:
    op.execute(f"ALTER TABLE {_quote(table)} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {_quote(table)} FORCE ROW LEVEL SECURITY")


def install_record_security_v1(
    op: Any, table: str, *, owner_column: str = "owner_id", private_column: str | None = "private"
) -> None:
    """Row-level security on a table whose rows have an owner (a collaborator party) and maybe a private flag.

    Scope "all" sees every non-private row, "own" the rows it owns, "team" its team's;
    a private row is seen by its owner only (an ownerless private row by administrators).
    The same condition checks written rows, so nobody writes a row they could not see.
    """
    if not is_postgres(op):
        return
    condition = record_visibility_v1(owner_column, private_column)
    _force_rls(op, table)
    op.execute(f"CREATE POLICY ekocrm_scope ON {_quote(table)} USING {condition} WITH CHECK {condition}")


def install_child_security_v1(op: Any, table: str, *, parent_table: str, parent_column: str) -> None:
    """Row-level security on a table of rows that belong to a parent record: visible with their parent.

    The parent table's own policy applies inside the EXISTS, so the child follows it exactly.
    """
    if not is_postgres(op):
        return
    condition = "((SELECT ekocrm_app_role()) = 'owner' OR EXISTS (SELECT 1 FROM __PARENT__ p WHERE p.id = __FK__))"
    condition = condition.replace("__PARENT__", _quote(parent_table))
    condition = condition.replace("__FK__", f"{_quote(table)}.{_quote(parent_column)}")
    _force_rls(op, table)
    op.execute(f"CREATE POLICY ekocrm_parent ON {_quote(table)} USING {condition} WITH CHECK {condition}")


def install_history_security_v1(op: Any) -> None:
    """record_history: read where its record can be seen; written only by the owner (the triggers)."""
    if not is_postgres(op):
        return
    _force_rls(op, "record_history")
    op.execute(
        "CREATE POLICY ekocrm_read ON record_history FOR SELECT "
        "USING ((SELECT ekocrm_app_role()) = 'owner' OR ekocrm_can_see(root_table, root_id))"
    )
    op.execute(
        "CREATE POLICY ekocrm_write ON record_history FOR ALL "
        "USING ((SELECT ekocrm_app_role()) = 'owner') WITH CHECK ((SELECT ekocrm_app_role()) = 'owner')"
    )


def install_receipt_security_v1(op: Any) -> None:
    """save_receipt: each login sees and writes its own receipts only."""
    if not is_postgres(op):
        return
    _force_rls(op, "save_receipt")
    condition = "((SELECT ekocrm_app_role()) = 'owner' OR actor = current_user)"
    op.execute(f"CREATE POLICY ekocrm_own ON save_receipt USING {condition} WITH CHECK {condition}")


def drop_policies_v1(op: Any, table: str) -> None:
    """Remove every policy of a table and turn row-level security off (downgrades)."""
    if not is_postgres(op):
        return
    bind = op.get_bind()
    names = bind.execute(
        text("SELECT policyname FROM pg_policies WHERE schemaname = current_schema() AND tablename = :t"),
        {"t": table},
    ).scalars()
    for name in list(names):
        op.execute(f"DROP POLICY {_quote(name)} ON {_quote(table)}")
    op.execute(f"ALTER TABLE {_quote(table)} NO FORCE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {_quote(table)} DISABLE ROW LEVEL SECURITY")


# ---------------------------------------------------------------------------- history
def install_history_v1(
    op: Any,
    table: str,
    *,
    root_table: str,
    root_column: str = "id",
    key_column: str = "id",
    ignore: tuple[str, ...] = BOOKKEEPING,
    full_update: bool = False,
    kind: str | None = None,
) -> None:
    """Record every change of `table` in record_history and notify the other clients (PostgreSQL).

    `root_table`/`root_column`: the record a row belongs to (a person for an e-mail row);
    `key_column`: the row's own id ("" when it has none, like party_tag); `ignore`:
    columns that are not what users change (derived, bookkeeping); `full_update`: keep
    every column of an updated row, not only the changed ones (child rows, so a list can be
    rebuilt); `kind`: the `Changes` kind announced (the root table by default).
    """
    if not is_postgres(op):
        return
    ignored = "{" + ",".join(ignore) + "}"
    values = (root_table, root_column, key_column, ignored, "true" if full_update else "false", kind or root_table)
    args = ", ".join(f"'{value}'" for value in values)
    quoted = _quote(table)
    op.execute(
        f"CREATE TRIGGER ekocrm_track_ins AFTER INSERT ON {quoted} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION ekocrm_track({args})"
    )
    op.execute(
        f"CREATE TRIGGER ekocrm_track_upd AFTER UPDATE ON {quoted} REFERENCING OLD TABLE AS old_rows "
        f"NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ekocrm_track({args})"
    )
    op.execute(
        f"CREATE TRIGGER ekocrm_track_del AFTER DELETE ON {quoted} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION ekocrm_track({args})"
    )


def drop_history_v1(op: Any, table: str) -> None:
    """Remove the history triggers of a table."""
    if not is_postgres(op):
        return
    for suffix in ("ins", "upd", "del"):
        op.execute(f"DROP TRIGGER IF EXISTS ekocrm_track_{suffix} ON {_quote(table)}")


# ---------------------------------------------------------------------------- grants
def grant_v1(
    op: Any,
    table: str,
    *,
    reader: str = "SELECT",
    collaborator: str = "SELECT, INSERT, UPDATE, DELETE",
    administrator: str = ALL,
) -> None:
    """GRANT a table's privileges to the group roles (no-op until the database is set up for a team).

    Pass "" to grant nothing to a role. `db init` creates the roles before the schema, so
    every revision sees them.
    """
    if not is_postgres(op):
        return
    prefix = role_prefix(op)
    if prefix is None:
        return
    for app_role, privileges in (("reader", reader), ("collaborator", collaborator), ("administrator", administrator)):
        group = _quote(group_role(prefix, app_role))
        op.execute(f"REVOKE ALL ON {_quote(table)} FROM {group}")
        if privileges:
            op.execute(f"GRANT {privileges} ON {_quote(table)} TO {group}")


def create_search_count_function_v2(op: Any) -> None:
    """`ekocrm_count_party_matches(query, cap)` (revision 0020, PostgreSQL only).

    How many parties matching a text search the logged-in person may see, counted through the
    GIN index as the owner (like `ekocrm_search_party`), without materialising the ids; with a
    cap, counting stops there. Under row-level security the contacts list counts with it, and
    asks it "at least N?" to choose its plan: for a dense prefix the list walks the name index
    and tests each row's words (no index needed, so the policies apply as usual).
    """
    if not is_postgres(op):
        return
    statement = COUNT_PARTY_MATCHES_FUNCTION_V2
    values = {
        "__SEARCH_DECLARE__": SEARCH_DECLARE,
        "__SEARCH_VISIBLE_MATCH__": SEARCH_VISIBLE_MATCH,
        "__PATH__": f"SET search_path = {_quote(_schema(op))}, pg_catalog, pg_temp",
    }
    op.execute(_fill(statement, values))


def drop_search_count_function_v2(op: Any) -> None:
    """Drop what `create_search_count_function_v2` created."""
    if is_postgres(op):
        op.execute("DROP FUNCTION IF EXISTS ekocrm_count_party_matches(text, bigint)")


def replace_search_functions_v3(op: Any, *, lexemes: bool) -> None:
    """`ekocrm_search_party` and `ekocrm_count_party_matches` taking the query as lexemes (revision
    0026: `lexemes=True`) or through the text-search parser as before (its downgrade). PostgreSQL only.

    The stored vector holds `search_doc`'s words as they are (`SEARCH_VECTOR_V2`); a query
    parsed by to_tsquery would split some of them where the vector does not ("12e4x").
    """
    if not is_postgres(op):
        return
    values = {
        "__SEARCH_DECLARE__": SEARCH_DECLARE,
        "__SEARCH_VISIBLE_MATCH__": SEARCH_VISIBLE_MATCH_V3 if lexemes else SEARCH_VISIBLE_MATCH,
        "__PATH__": f"SET search_path = {_quote(_schema(op))}, pg_catalog, pg_temp",
    }
    for statement in (SEARCH_PARTY_FUNCTION_V1, COUNT_PARTY_MATCHES_FUNCTION_V2):
        op.execute(_fill(statement.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1), values))


def create_reference_count_function_v3(op: Any) -> None:
    """`ekocrm_party_reference_counts(party)` (revision 0023, PostgreSQL only).

    For a party the logged-in person may see: how many rows of each table point at it, counted
    as the owner, so including the rows that are private to colleagues. A merge compares them
    with what the person sees: moving only the visible rows would leave a colleague's private
    activity attached to a record going to the trash. Counts only, never a row; for a party
    the person cannot see, nothing.
    """
    if not is_postgres(op):
        return
    statement = """CREATE FUNCTION ekocrm_party_reference_counts(p_party uuid)
            RETURNS TABLE (table_name text, column_name text, linked bigint) STABLE
            LANGUAGE plpgsql SECURITY DEFINER __PATH__ AS $$
            __SEARCH_DECLARE__
              ref record;
              found bigint;
            BEGIN
              IF role IS NULL THEN RETURN; END IF;
              IF NOT EXISTS (SELECT 1 FROM party p WHERE p.id = p_party AND __PARTY_IN_SIGHT__)
              THEN RETURN; END IF;
              FOR ref IN
                SELECT c.relname::text AS t, a.attname::text AS col
                FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid
                JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
                WHERE k.contype = 'f' AND k.confrelid = 'party'::regclass AND cardinality(k.conkey) = 1
                ORDER BY 1, 2
              LOOP
                EXECUTE format('SELECT count(*) FROM %I WHERE %I = $1', ref.t, ref.col) INTO found USING p_party;
                table_name := ref.t;
                column_name := ref.col;
                linked := found;
                RETURN NEXT;
              END LOOP;
            END $$"""
    values = {
        "__SEARCH_DECLARE__": SEARCH_DECLARE,
        "__PARTY_IN_SIGHT__": PARTY_IN_SIGHT,
        "__PATH__": f"SET search_path = {_quote(_schema(op))}, pg_catalog, pg_temp",
    }
    op.execute(_fill(statement, values))


def drop_reference_count_function_v3(op: Any) -> None:
    """Drop what `create_reference_count_function_v3` created."""
    if is_postgres(op):
        op.execute("DROP FUNCTION IF EXISTS ekocrm_party_reference_counts(uuid)")
