"""The postgresql app against a real server (tests/pg_server.py starts one per session)."""

from __future__ import annotations

import asyncio
import json
import sys
from urllib.parse import unquote, urlsplit

import asyncpg
import pytest

from mcp_gateway.runtime.engine import fetch_options, run_action
from mcp_gateway.runtime.errors import ConfigurationError
from tests.support import LOCAL_UPSTREAMS

ODD_TABLE = 'my "odd" table'
ODD_COLUMN = 'we"ird col'

SEED = f"""
DROP SCHEMA IF EXISTS public CASCADE;
DROP SCHEMA IF EXISTS sales CASCADE;
CREATE SCHEMA public;
CREATE SCHEMA sales;
CREATE TABLE products (
    id serial PRIMARY KEY,
    name varchar(100) NOT NULL,
    description text,
    price numeric NOT NULL,
    created_at timestamptz DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO products (name, description, price, created_at) VALUES
    ('foo', 'a foo', 12.50, '2024-05-01T10:00:00Z'),
    ('foo', 'a cheap foo', 5, '2024-05-02T10:00:00Z'),
    ('bar', NULL, 99.99, '2024-05-03T10:00:00Z');
CREATE TABLE users (
    id serial PRIMARY KEY,
    email text UNIQUE NOT NULL,
    name text,
    age integer,
    active boolean NOT NULL DEFAULT true,
    born date,
    profile jsonb,
    tags text[],
    last_seen timestamptz
);
INSERT INTO users (email, name, age, born, profile, tags) VALUES
    ('ada@example.com', 'Ada', 36, '1815-12-10', '{{"lang": "en", "langs": ["en", "fr"]}}', '{{math,poetry}}'),
    ('alan@example.com', 'Alan', 41, '1912-06-23', NULL, NULL),
    ('grace@example.com', NULL, 85, NULL, NULL, '{{}}');
CREATE TABLE sales.orders (id integer PRIMARY KEY, total numeric(10, 2));
INSERT INTO sales.orders VALUES (1, 10.00), (2, 20.50);
CREATE TABLE "{ODD_TABLE.replace('"', '""')}" (
    id integer PRIMARY KEY,
    "{ODD_COLUMN.replace('"', '""')}" text
);
INSERT INTO "{ODD_TABLE.replace('"', '""')}" VALUES (1, 'one'), (2, 'two');
"""


@pytest.fixture(scope="session")
def pg_auth(postgres_url):
    """The account fields for the test server, parsed from its DSN."""
    parts = urlsplit(postgres_url)
    return {
        "host": parts.hostname,
        "port": str(parts.port),
        "user": unquote(parts.username),
        "password": unquote(parts.password),
        "database": parts.path.lstrip("/"),
        "sslmode": "disable",
    }


@pytest.fixture
async def db(postgres_url):
    """A direct connection for setup and read-back; the tables are re-created for every test."""
    conn = await asyncpg.connect(postgres_url)
    await conn.execute(SEED)
    try:
        yield conn
    finally:
        await conn.close()


@pytest.fixture
def pg_app(catalog):
    """The app module (tools/postgresql/app.py), to change its limits in a test."""
    package = catalog.action("postgresql-find-row").run.__module__.rsplit(".actions.", 1)[0]
    return sys.modules[f"{package}.app"]


async def run(catalog, key, values, auth):
    return await run_action(catalog.action(key), values, auth=auth, egress=LOCAL_UPSTREAMS)


def assert_no_password(result, password):
    dumped = json.dumps(result.to_json() if hasattr(result, "to_json") else result) + str(getattr(result, "error", ""))
    assert password not in dumped


# Catalog


def test_actions_are_declared_with_annotations(catalog):
    keys = {a.key for a in catalog.actions_of("postgresql")}
    assert keys == {
        "postgresql-execute-custom-query",
        "postgresql-find-row",
        "postgresql-insert-row",
        "postgresql-update-row",
        "postgresql-delete-rows",
        "postgresql-upsert-row",
        "postgresql-find-row-custom-query",
    }
    ann = {a.key: a.annotations for a in catalog.actions_of("postgresql")}
    assert ann["postgresql-find-row"].read_only and ann["postgresql-find-row-custom-query"].read_only
    assert ann["postgresql-delete-rows"].destructive and not ann["postgresql-delete-rows"].read_only
    assert not ann["postgresql-insert-row"].destructive and not ann["postgresql-insert-row"].idempotent
    assert catalog.app("postgresql").base_url is None
    fields = {f.name: f for f in catalog.app("postgresql").auth.fields}
    assert fields["port"].default == "5432" and fields["sslmode"].default == "require"
    assert fields["password"].secret and not fields["host"].secret


# Options


async def test_configuring_the_sql_prop_returns_db_info(catalog, db, pg_auth):
    response = await fetch_options(catalog.action("postgresql-execute-custom-query"), "sql", {}, auth=pg_auth, egress=LOCAL_UPSTREAMS)
    assert response["errors"] == []
    assert response["options"] == []
    info = response["context"]["dbInfo"]
    assert info["products"] == {
        "metadata": {},
        "schema": {
            "id": {
                "tableName": "products",
                "columnName": "id",
                "isNullable": "NO",
                "dataType": "integer",
                "columnDefault": "nextval('products_id_seq'::regclass)",
            },
            "name": {
                "tableName": "products",
                "columnName": "name",
                "isNullable": "NO",
                "dataType": "character varying",
                "columnDefault": None,
            },
            "description": {
                "tableName": "products",
                "columnName": "description",
                "isNullable": "YES",
                "dataType": "text",
                "columnDefault": None,
            },
            "price": {
                "tableName": "products",
                "columnName": "price",
                "isNullable": "NO",
                "dataType": "numeric",
                "columnDefault": None,
            },
            "created_at": {
                "tableName": "products",
                "columnName": "created_at",
                "isNullable": "YES",
                "dataType": "timestamp with time zone",
                "columnDefault": "CURRENT_TIMESTAMP",
            },
        },
    }
    assert list(info["sales.orders"]["schema"]) == ["id", "total"]
    assert info[ODD_TABLE]["schema"][ODD_COLUMN]["dataType"] == "text"
    assert not any(key.startswith(("pg_", "information_schema")) for key in info)


async def test_table_and_schema_options_list_user_tables(catalog, db, pg_auth):
    action = catalog.action("postgresql-find-row")
    tables = await fetch_options(action, "table", {}, auth=pg_auth, egress=LOCAL_UPSTREAMS)
    assert tables["errors"] == []
    values = tables["stringOptions"]
    assert values == ["public." + ODD_TABLE, "public.products", "public.users", "sales.orders"]
    schemas = await fetch_options(action, "schema", {}, auth=pg_auth, egress=LOCAL_UPSTREAMS)
    assert schemas["stringOptions"] == ["public", "sales"]


async def test_column_options_are_the_columns_of_the_chosen_table(catalog, db, pg_auth):
    action = catalog.action("postgresql-find-row")
    response = await fetch_options(action, "column", {"table": "sales.orders"}, auth=pg_auth, egress=LOCAL_UPSTREAMS)
    assert response["errors"] == []
    assert response["options"] == [
        {"label": "id (integer)", "value": "id"},
        {"label": "total (numeric(10,2))", "value": "total"},
    ]
    odd = await fetch_options(action, "column", {"table": f"public.{ODD_TABLE}"}, auth=pg_auth, egress=LOCAL_UPSTREAMS)
    assert [o["value"] for o in odd["options"]] == ["id", ODD_COLUMN]
    none_yet = await fetch_options(action, "column", {}, auth=pg_auth, egress=LOCAL_UPSTREAMS)
    assert none_yet["options"] == [] and "choose a table first" in none_yet["errors"][0]
    missing = await fetch_options(action, "column", {"table": "nope"}, auth=pg_auth, egress=LOCAL_UPSTREAMS)
    assert "table 'nope' was not found" in missing["errors"][0] and "public.products" in missing["errors"][0]


# execute-custom-query


async def test_execute_custom_query_binds_params_as_a_prepared_statement(catalog, db, pg_auth):
    result = await run(
        catalog,
        "postgresql-execute-custom-query",
        {
            "sql": {
                "auth": {"app": "postgresql"},
                "query": "select id, name, price, created_at from products where name = $1 and price > $2 order by id",
                "params": ["foo", 10.99],
            }
        },
        pg_auth,
    )
    assert result.error is None, result.error
    assert result.ret == [{"id": 1, "name": "foo", "price": "12.50", "created_at": "2024-05-01T10:00:00+00:00"}]
    assert result.summary == "Returned 1 row"


async def test_execute_custom_query_params_are_values_never_sql(catalog, db, pg_auth):
    sneaky = "foo' OR '1'='1"
    result = await run(
        catalog,
        "postgresql-execute-custom-query",
        {"sql": {"query": "select * from products where name = $1", "params": [sneaky]}},
        pg_auth,
    )
    assert result.error is None and result.ret == []


async def test_execute_custom_query_returns_json_safe_values(catalog, db, pg_auth):
    result = await run(
        catalog,
        "postgresql-execute-custom-query",
        {
            "sql": "select email, born, profile, tags, active, '\\xdead'::bytea as raw, "
            "'1 day 2 hours'::interval as gap, 'NaN'::float8 as nan, 1 as email "
            "from users where email = 'ada@example.com'"
        },
        pg_auth,
    )
    assert result.error is None, result.error
    assert result.ret == [
        {
            "email": "ada@example.com",
            "born": "1815-12-10",
            "profile": {"lang": "en", "langs": ["en", "fr"]},
            "tags": ["math", "poetry"],
            "active": True,
            "raw": "\\xdead",
            "gap": "1 day, 2:00:00",
            "nan": "NaN",
            "email_2": 1,
        }
    ]
    json.dumps(result.to_json())


async def test_execute_custom_query_coerces_json_params_to_column_types(catalog, db, pg_auth):
    result = await run(
        catalog,
        "postgresql-execute-custom-query",
        {
            "sql": {
                "query": "insert into users (email, age, active, born, profile, tags, last_seen) "
                "values ($1, $2, $3, $4, $5, $6, $7) returning id, age, active, born, profile, tags, last_seen",
                "params": ["new@example.com", "52", "false", "2001-02-03", {"a": [1, 2]}, ["x", "y"], "2024-06-01T12:30:00Z"],
            }
        },
        pg_auth,
    )
    assert result.error is None, result.error
    row = result.ret[0]
    assert row["age"] == 52 and row["active"] is False and row["born"] == "2001-02-03"
    assert row["profile"] == {"a": [1, 2]} and row["tags"] == ["x", "y"]
    assert row["last_seen"] == "2024-06-01T12:30:00+00:00"
    stored = await db.fetchrow("select age, profile::text, born::text from users where email = 'new@example.com'")
    assert stored["age"] == 52 and json.loads(stored["profile"]) == {"a": [1, 2]} and stored["born"] == "2001-02-03"


async def test_execute_custom_query_runs_statements_without_rows(catalog, db, pg_auth):
    action = "postgresql-execute-custom-query"
    created = await run(catalog, action, {"sql": "create table notes (id serial primary key, body text)"}, pg_auth)
    assert created.error is None, created.error
    assert created.ret == [] and created.summary == "Executed: CREATE TABLE"
    inserted = await run(
        catalog, action, {"sql": {"query": "insert into notes (body) values ($1), ($2)", "params": ["a", "b"]}}, pg_auth
    )
    assert inserted.ret == [] and inserted.summary == "Executed: INSERT 0 2"
    assert await db.fetchval("select count(*) from notes") == 2


async def test_execute_custom_query_returns_at_most_max_rows(catalog, db, pg_auth, pg_app, monkeypatch):
    monkeypatch.setattr(pg_app, "MAX_ROWS", 2)
    result = await run(catalog, "postgresql-execute-custom-query", {"sql": "select g from generate_series(1, 50) g"}, pg_auth)
    assert result.ret == [{"g": 1}, {"g": 2}]
    assert result.summary.startswith("Returned the first 2 rows; there were more")
    # A data-changing statement with RETURNING still changes every row, and commits.
    changed = await run(
        catalog, "postgresql-execute-custom-query", {"sql": "update users set age = age + 1 returning id"}, pg_auth
    )
    assert len(changed.ret) == 2
    assert await db.fetchval("select sum(age) from users") == 36 + 41 + 85 + 3


async def test_sql_error_is_clear_and_does_not_leak_the_password(catalog, db, pg_auth):
    result = await run(catalog, "postgresql-execute-custom-query", {"sql": "select nope from products"}, pg_auth)
    assert result.ret is None
    assert 'column "nope" does not exist' in result.error
    assert "SQLSTATE 42703" in result.error
    assert result.os[-1]["k"] == "error" and 'column "nope"' in result.os[-1]["err"]["message"]
    assert_no_password(result, pg_auth["password"])


async def test_sql_error_mentioning_the_password_is_redacted(catalog, db, pg_auth):
    result = await run(
        catalog,
        "postgresql-execute-custom-query",
        {"sql": f"select * from \"{pg_auth['password']}\""},
        pg_auth,
    )
    assert "does not exist" in result.error and "[redacted]" in result.error
    assert_no_password(result, pg_auth["password"])


async def test_param_count_and_type_mistakes_are_explained(catalog, db, pg_auth):
    action = "postgresql-execute-custom-query"
    too_few = await run(catalog, action, {"sql": {"query": "select * from products where id = $1 and name = $2", "params": [1]}}, pg_auth)
    assert "the query has 2 placeholders ($1..$2) but 1 param was given" in too_few.error
    bad_type = await run(catalog, action, {"sql": {"query": "select * from products where id = $1", "params": ["abc"]}}, pg_auth)
    assert "query argument $1" in bad_type.error and "cast the placeholder" in bad_type.error
    two = await run(catalog, action, {"sql": "select 1; select 2"}, pg_auth)
    assert "one statement per call" in two.error


async def test_statement_timeout_stops_long_queries(catalog, db, pg_auth, pg_app, monkeypatch):
    monkeypatch.setattr(pg_app, "STATEMENT_TIMEOUT", 0.3)
    result = await run(catalog, "postgresql-execute-custom-query", {"sql": "select pg_sleep(5)"}, pg_auth)
    assert "statement timeout" in result.error and "(SQLSTATE 57014)" in result.error


async def test_connections_are_closed_after_each_run(catalog, db, pg_auth):
    await run(catalog, "postgresql-find-row", {"table": "products", "column": "id", "value": 1}, pg_auth)
    await run(catalog, "postgresql-execute-custom-query", {"sql": "select nope"}, pg_auth)
    await fetch_options(catalog.action("postgresql-find-row"), "table", {}, auth=pg_auth, egress=LOCAL_UPSTREAMS)
    left = await db.fetchval(
        "select count(*) from pg_stat_activity where application_name = 'mcp-gateway' and pid <> pg_backend_pid()"
    )
    assert left == 0


# find-row


async def test_find_row_finds_the_first_match(catalog, db, pg_auth):
    result = await run(
        catalog, "postgresql-find-row", {"table": "users", "column": "email", "value": "alan@example.com"}, pg_auth
    )
    assert result.error is None, result.error
    assert result.ret["name"] == "Alan" and result.ret["age"] == 41
    assert result.summary == "Found a row in public.users where email matches"


async def test_find_row_coerces_the_value_and_handles_misses_and_nulls(catalog, db, pg_auth):
    by_text_id = await run(catalog, "postgresql-find-row", {"table": "public.products", "column": "id", "value": "3"}, pg_auth)
    assert by_text_id.ret["name"] == "bar"
    missing = await run(catalog, "postgresql-find-row", {"table": "products", "column": "id", "value": 99}, pg_auth)
    assert missing.error is None and missing.ret is None
    assert missing.summary == "No row in public.products where id matches"
    null = await run(catalog, "postgresql-find-row", {"table": "products", "column": "description", "value": None}, pg_auth)
    assert null.ret["name"] == "bar"


async def test_find_row_in_another_schema(catalog, db, pg_auth):
    qualified = await run(catalog, "postgresql-find-row", {"table": "sales.orders", "column": "id", "value": 2}, pg_auth)
    assert qualified.ret == {"id": 2, "total": "20.50"}
    by_schema = await run(
        catalog, "postgresql-find-row", {"schema": "sales", "table": "orders", "column": "id", "value": 1}, pg_auth
    )
    assert by_schema.ret == {"id": 1, "total": "10.00"}
    wrong = await run(catalog, "postgresql-find-row", {"table": "orders", "column": "id", "value": 1}, pg_auth)
    assert "table 'orders' was not found in schema 'public'" in wrong.error and "sales.orders" in wrong.error


async def test_read_only_actions_run_in_a_read_only_transaction(catalog, db, pg_auth):
    result = await run(
        catalog,
        "postgresql-find-row-custom-query",
        {"query": "select current_setting('transaction_read_only') as ro"},
        pg_auth,
    )
    assert result.ret == [{"ro": "on"}]


# insert-row


async def test_insert_row_returns_the_stored_row(catalog, db, pg_auth):
    result = await run(
        catalog,
        "postgresql-insert-row",
        {"table": "users", "rowValues": {"email": "edsger@example.com", "age": "72", "profile": {"lang": "nl"}, "tags": ["go-to"]}},
        pg_auth,
    )
    assert result.error is None, result.error
    row = result.ret
    assert row["id"] == 4 and row["active"] is True and row["age"] == 72 and row["profile"] == {"lang": "nl"}
    assert result.summary == "Inserted a row into public.users"
    stored = await db.fetchrow("select email, age, tags from users where id = 4")
    assert dict(stored) == {"email": "edsger@example.com", "age": 72, "tags": ["go-to"]}


async def test_insert_row_reports_constraint_violations(catalog, db, pg_auth):
    result = await run(catalog, "postgresql-insert-row", {"table": "users", "rowValues": {"email": "ada@example.com"}}, pg_auth)
    assert "duplicate key value violates unique constraint" in result.error
    assert "detail: Key (email)=(ada@example.com) already exists." in result.error
    assert "SQLSTATE 23505" in result.error


async def test_insert_row_with_only_defaults(catalog, db, pg_auth):
    await db.execute("create table events (id serial primary key, at timestamptz default now())")
    result = await run(catalog, "postgresql-insert-row", {"table": "events", "rowValues": {}}, pg_auth)
    assert result.ret["id"] == 1 and result.ret["at"]


# update-row


async def test_update_row_changes_matching_rows(catalog, db, pg_auth):
    result = await run(
        catalog,
        "postgresql-update-row",
        {"table": "products", "lookupColumn": "name", "lookupValue": "foo", "rowValues": {"price": "7.25", "description": None}},
        pg_auth,
    )
    assert result.error is None, result.error
    assert result.ret["updatedCount"] == 2
    assert sorted(r["id"] for r in result.ret["rows"]) == [1, 2]
    assert all(r["price"] == "7.25" and r["description"] is None for r in result.ret["rows"])
    assert result.summary == "Updated 2 rows in public.products"
    prices = await db.fetch("select id, price::text, description from products order by id")
    assert [tuple(r) for r in prices] == [(1, "7.25", None), (2, "7.25", None), (3, "99.99", None)]


async def test_update_row_without_values_or_matches(catalog, db, pg_auth):
    empty = await run(
        catalog, "postgresql-update-row", {"table": "products", "lookupColumn": "id", "lookupValue": 1, "rowValues": {}}, pg_auth
    )
    assert "rowValues is empty" in empty.error
    none = await run(
        catalog, "postgresql-update-row", {"table": "products", "lookupColumn": "id", "lookupValue": 42, "rowValues": {"name": "x"}}, pg_auth
    )
    assert none.ret == {"updatedCount": 0, "rows": []} and none.summary == "Updated 0 rows in public.products"


# delete-rows


async def test_delete_rows_deletes_matches_and_returns_them(catalog, db, pg_auth):
    result = await run(catalog, "postgresql-delete-rows", {"table": "products", "column": "name", "value": "foo"}, pg_auth)
    assert result.error is None, result.error
    assert result.ret["deletedCount"] == 2
    assert sorted(r["description"] for r in result.ret["rows"]) == ["a cheap foo", "a foo"]
    assert result.summary == "Deleted 2 rows from public.products"
    assert [r["name"] for r in await db.fetch("select name from products")] == ["bar"]


async def test_delete_rows_count_is_exact_beyond_max_rows(catalog, db, pg_auth, pg_app, monkeypatch):
    monkeypatch.setattr(pg_app, "MAX_ROWS", 1)
    result = await run(catalog, "postgresql-delete-rows", {"table": "products", "column": "name", "value": "foo"}, pg_auth)
    assert result.ret["deletedCount"] == 2 and len(result.ret["rows"]) == 1
    assert await db.fetchval("select count(*) from products") == 1


# upsert-row


async def test_upsert_row_inserts_then_updates(catalog, db, pg_auth):
    action = "postgresql-upsert-row"
    inserted = await run(
        catalog, action, {"table": "users", "conflictTarget": ["email"], "rowValues": {"email": "kay@example.com", "age": 30}}, pg_auth
    )
    assert inserted.error is None, inserted.error
    assert inserted.ret["email"] == "kay@example.com" and inserted.ret["age"] == 30
    updated = await run(
        catalog, action, {"table": "users", "conflictTarget": ["email"], "rowValues": {"email": "kay@example.com", "age": 31}}, pg_auth
    )
    assert updated.ret["id"] == inserted.ret["id"] and updated.ret["age"] == 31
    assert updated.summary == "Upserted a row into public.users"
    assert await db.fetchval("select count(*) from users where email = 'kay@example.com'") == 1
    only_key = await run(catalog, action, {"table": "users", "conflictTarget": ["email"], "rowValues": {"email": "kay@example.com"}}, pg_auth)
    assert only_key.ret["age"] == 31


async def test_upsert_row_needs_the_conflict_target_values(catalog, db, pg_auth):
    action = "postgresql-upsert-row"
    missing = await run(catalog, action, {"table": "users", "conflictTarget": ["email"], "rowValues": {"age": 1}}, pg_auth)
    assert "no value for the conflict target column(s) email" in missing.error
    no_index = await run(catalog, action, {"table": "users", "conflictTarget": ["name"], "rowValues": {"name": "Ada"}}, pg_auth)
    assert "no unique or exclusion constraint matching the ON CONFLICT" in no_index.error


# find-row-custom-query


async def test_find_row_custom_query_runs_selects_with_values(catalog, db, pg_auth):
    result = await run(
        catalog,
        "postgresql-find-row-custom-query",
        {"query": "/* adults */ SELECT name FROM users WHERE age > $1 AND active = $2 ORDER BY age", "values": ["40", True]},
        pg_auth,
    )
    assert result.error is None, result.error
    assert result.ret == [{"name": "Alan"}, {"name": None}]
    assert result.summary == "Returned 2 rows"
    cte = await run(
        catalog,
        "postgresql-find-row-custom-query",
        {"query": "with o as (select * from sales.orders) select count(*) as n from o"},
        pg_auth,
    )
    assert cte.ret == [{"n": 2}]


@pytest.mark.parametrize(
    "query",
    [
        "DELETE FROM users",
        "  -- harmless?\n update users set age = 0",
        "insert into users (email) values ('x@example.com')",
        "drop table users",
        "(delete from users)",
    ],
)
async def test_find_row_custom_query_refuses_anything_but_select(catalog, db, pg_auth, query):
    result = await run(catalog, "postgresql-find-row-custom-query", {"query": query}, pg_auth)
    assert "only runs SELECT queries" in result.error
    assert "postgresql-execute-custom-query" in result.error
    assert await db.fetchval("select count(*) from users where age > 0") == 3


async def test_find_row_custom_query_cannot_write_through_a_cte(catalog, db, pg_auth):
    result = await run(
        catalog,
        "postgresql-find-row-custom-query",
        {"query": "with gone as (delete from users returning *) select count(*) from gone"},
        pg_auth,
    )
    assert "read-only transaction" in result.error
    assert await db.fetchval("select count(*) from users") == 3


async def test_find_row_custom_query_wants_an_array_of_values(catalog, db, pg_auth):
    result = await run(
        catalog, "postgresql-find-row-custom-query", {"query": "select * from users where id = $1", "values": 1}, pg_auth
    )
    assert "values must be an array" in result.error


# Identifiers


async def test_odd_identifiers_are_quoted(catalog, db, pg_auth):
    table = f"public.{ODD_TABLE}"
    found = await run(catalog, "postgresql-find-row", {"table": table, "column": ODD_COLUMN, "value": "two"}, pg_auth)
    assert found.error is None, found.error
    assert found.ret == {"id": 2, ODD_COLUMN: "two"}
    inserted = await run(catalog, "postgresql-insert-row", {"table": ODD_TABLE, "rowValues": {"id": 3, ODD_COLUMN: "three"}}, pg_auth)
    assert inserted.ret == {"id": 3, ODD_COLUMN: "three"}
    updated = await run(
        catalog,
        "postgresql-update-row",
        {"table": table, "lookupColumn": ODD_COLUMN, "lookupValue": "one", "rowValues": {ODD_COLUMN: "uno"}},
        pg_auth,
    )
    assert updated.ret["updatedCount"] == 1
    upserted = await run(
        catalog,
        "postgresql-upsert-row",
        {"table": table, "conflictTarget": ["id"], "rowValues": {"id": 2, ODD_COLUMN: "dos"}},
        pg_auth,
    )
    assert upserted.ret == {"id": 2, ODD_COLUMN: "dos"}
    deleted = await run(catalog, "postgresql-delete-rows", {"table": table, "column": "id", "value": 3}, pg_auth)
    assert deleted.ret["deletedCount"] == 1
    rows = await db.fetch(f'select * from "{ODD_TABLE.replace(chr(34), chr(34) * 2)}" order by id')
    assert [tuple(r) for r in rows] == [(1, "uno"), (2, "dos")]


async def test_identifiers_cannot_inject_sql(catalog, db, pg_auth):
    result = await run(
        catalog,
        "postgresql-delete-rows",
        {"table": "products", "column": 'id" = 1 OR "id', "value": 1},
        pg_auth,
    )
    assert 'column "id" = 1 OR "id" does not exist' in result.error
    table = await run(
        catalog, "postgresql-find-row", {"table": "products; drop table users", "column": "id", "value": 1}, pg_auth
    )
    assert "was not found" in table.error
    assert await db.fetchval("select count(*) from products") == 3
    assert await db.fetchval("select count(*) from users") == 3


async def test_props_are_validated_before_running(catalog, pg_auth):
    with pytest.raises(ConfigurationError) as info:
        await run(catalog, "postgresql-upsert-row", {"table": "users", "conflictTarget": "email", "rowValues": {}}, pg_auth)
    assert any(p.startswith("conflictTarget:") for p in info.value.problems)


# Connecting


async def test_wrong_password_gives_a_clear_error_without_the_password(catalog, db, pg_auth):
    auth = {**pg_auth, "password": "not-the-password-123"}
    result = await run(catalog, "postgresql-find-row", {"table": "products", "column": "id", "value": 1}, auth)
    assert f'password authentication failed for user "{pg_auth["user"]}"' in result.error
    assert "check the user and password" in result.error
    assert_no_password(result, "not-the-password-123")
    assert_no_password(result, pg_auth["password"])
    options = await fetch_options(catalog.action("postgresql-execute-custom-query"), "sql", {}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert options["context"] is None and "password authentication failed" in options["errors"][0]
    assert "not-the-password-123" not in json.dumps(options)


async def test_unreachable_server_and_bad_account_fields(catalog, pg_auth):
    values = {"sql": "select 1"}
    action = "postgresql-execute-custom-query"
    refused = await run(catalog, action, values, {**pg_auth, "port": "1"})
    assert "could not connect to PostgreSQL at 127.0.0.1:1/" in refused.error and "check the host and port" in refused.error
    unknown_db = await run(catalog, action, values, {**pg_auth, "database": "nope"})
    assert 'database "nope" does not exist' in unknown_db.error
    ssl_required = await run(catalog, action, values, {k: v for k, v in pg_auth.items() if k != "sslmode"})
    assert "rejected SSL upgrade" in ssl_required.error and "sslmode to disable" in ssl_required.error
    bad_mode = await run(catalog, action, values, {**pg_auth, "sslmode": "sometimes"})
    assert "sslmode 'sometimes' is not one of disable, require, verify-full" in bad_mode.error
    bad_port = await run(catalog, action, values, {**pg_auth, "port": "http"})
    assert "port 'http' is not a port number" in bad_port.error
    no_host = await run(catalog, action, values, {**pg_auth, "host": ""})
    assert "the PostgreSQL account has no host" in no_host.error
    for result in (refused, unknown_db, ssl_required):
        assert_no_password(result, pg_auth["password"])


async def test_connect_timeout_when_the_server_never_answers(catalog, pg_auth, pg_app, monkeypatch):
    monkeypatch.setattr(pg_app, "CONNECT_TIMEOUT", 0.3)
    silent = await asyncio.start_server(lambda reader, writer: None, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    try:
        result = await run(catalog, "postgresql-execute-custom-query", {"sql": "select 1"}, {**pg_auth, "port": str(port)})
    finally:
        silent.close()
    assert f"could not connect to PostgreSQL at 127.0.0.1:{port}/" in result.error
    assert "no answer within 0.3 s" in result.error


async def test_a_run_stopped_by_the_gateway_timeout_leaves_no_session_behind(catalog, db, pg_auth):
    result = await run_action(
        catalog.action("postgresql-execute-custom-query"), {"sql": "select pg_sleep(5)"}, auth=pg_auth, timeout=0.3, egress=LOCAL_UPSTREAMS,
    )
    assert "did not finish within 0.3 s" in result.error
    for _ in range(40):
        left = await db.fetchval(
            "select count(*) from pg_stat_activity where application_name = 'mcp-gateway' and pid <> pg_backend_pid()"
        )
        if left == 0:
            break
        await asyncio.sleep(0.05)
    assert left == 0
