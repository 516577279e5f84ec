"""The mysql app against a real server (tests/mysql_server.py starts MariaDB once per session)."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from collections.abc import Iterator

import aiomysql
import pytest

from mcp_gateway.catalog import AccountContext, ActionError, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action
from mcp_gateway.runtime.errors import ConfigurationError
from tests.mysql_server import MysqlServer, MysqlUnavailable, find_binaries
from tests.support import LOCAL_UPSTREAMS

ODD_TABLE = "my `odd` table"
ODD_COLUMN = "we`ird col"


def q(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


SEED = [
    "DROP TABLE IF EXISTS products, users, no_keys, notes, events, customers",
    f"DROP TABLE IF EXISTS {q(ODD_TABLE)}",
    "DROP PROCEDURE IF EXISTS add_product",
    "DROP FUNCTION IF EXISTS bump",
    """
    CREATE TABLE products (
        id INT AUTO_INCREMENT PRIMARY KEY,
        name VARCHAR(100) NOT NULL,
        description TEXT,
        price DECIMAL(10,2) NOT NULL,
        created_at DATETIME DEFAULT CURRENT_TIMESTAMP
    )
    """,
    """
    INSERT INTO products (name, description, price, created_at) VALUES
        ('foo', 'a foo', 12.50, '2024-05-01 10:00:00'),
        ('foo', 'a cheap foo', 5, '2024-05-02 10:00:00'),
        ('bar', NULL, 99.99, '2024-05-03 10:00:00')
    """,
    """
    CREATE TABLE users (
        id INT AUTO_INCREMENT PRIMARY KEY,
        email VARCHAR(255) NOT NULL UNIQUE,
        name VARCHAR(100),
        age INT,
        active BOOLEAN NOT NULL DEFAULT TRUE,
        born DATE,
        profile JSON,
        last_seen TIMESTAMP NULL,
        wake TIME,
        flags BIT(3),
        avatar VARBINARY(16),
        role ENUM('admin', 'member') DEFAULT 'member',
        perms SET('read', 'write')
    )
    """,
    """
    INSERT INTO users (email, name, age, born, profile, last_seen, wake, flags, avatar, role, perms) VALUES
        ('ada@example.com', 'Ada', 36, '1815-12-10', '{"lang": "en", "langs": ["en", "fr"]}',
         '2024-05-01 10:00:00', '07:30:00', b'101', X'DEAD', 'admin', 'read,write'),
        ('alan@example.com', 'Alan', 41, '1912-06-23', NULL, NULL, NULL, NULL, NULL, 'member', ''),
        ('grace@example.com', NULL, 85, NULL, NULL, NULL, NULL, NULL, NULL, 'member', 'read')
    """,
    "CREATE TABLE no_keys (label VARCHAR(20), n INT)",
    "INSERT INTO no_keys VALUES ('a', 1)",
    f"CREATE TABLE {q(ODD_TABLE)} (id INT PRIMARY KEY, {q(ODD_COLUMN)} TEXT)",
    f"INSERT INTO {q(ODD_TABLE)} VALUES (1, 'one'), (2, 'two')",
    """
    CREATE PROCEDURE add_product(IN p_name VARCHAR(100), IN p_price DECIMAL(10,2), OUT p_id INT, INOUT p_count INT)
    BEGIN
        INSERT INTO products (name, price) VALUES (p_name, p_price);
        SET p_id = LAST_INSERT_ID();
        SET p_count = p_count + 1;
        SELECT id, name FROM products WHERE price > p_price ORDER BY id;
        SELECT COUNT(*) AS n FROM products;
    END
    """,
    """
    CREATE FUNCTION bump() RETURNS INT MODIFIES SQL DATA
    BEGIN
        INSERT INTO products (name, price) VALUES ('bumped', 1);
        RETURN 1;
    END
    """,
]


@pytest.fixture(scope="session")
def mysql_server() -> Iterator[MysqlServer]:
    """A throwaway MariaDB server for the session (see tests/mysql_server.py). Without MariaDB
    installed the tests that need it are skipped, except where they must run (`.ci/run`)."""
    try:
        find_binaries()
    except MysqlUnavailable as exc:
        if not os.environ.get("MCP_GATEWAY_TESTS_REQUIRE_MARIADB"):
            pytest.skip(f"needs MariaDB: {exc}")
    try:
        server = MysqlServer.start()
    except MysqlUnavailable as exc:
        problem = str(exc)
    else:
        problem = None
    if problem is not None:
        pytest.fail(f"cannot start MySQL (MariaDB) for the tests: {problem}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def my_auth(mysql_server):
    """The account fields for the test server, as a user types them into the key form."""
    return {
        "host": mysql_server.host,
        "port": str(mysql_server.port),
        "username": mysql_server.user,
        "password": mysql_server.password,
        "database": mysql_server.database,
        "ssl_mode": "disabled",
    }


async def direct(server: MysqlServer, database: str | None = None) -> aiomysql.Connection:
    return await aiomysql.connect(
        host=server.host,
        port=server.port,
        user=server.user,
        password=server.password,
        db=database or server.database,
        autocommit=True,
    )


class QuietCursor(aiomysql.Cursor):
    """Setup statements such as DROP TABLE IF EXISTS warn about what is not there; that is expected."""

    async def _show_warnings(self, conn):
        return None


class Db:
    """A direct connection for setup and read-back."""

    def __init__(self, conn: aiomysql.Connection) -> None:
        self.conn = conn

    async def execute(self, sql: str, args=None) -> None:
        async with self.conn.cursor(QuietCursor) as cur:
            await cur.execute(sql, args)

    async def fetch(self, sql: str, args=None) -> list[tuple]:
        async with self.conn.cursor() as cur:
            await cur.execute(sql, args)
            return list(await cur.fetchall())

    async def value(self, sql: str, args=None):
        rows = await self.fetch(sql, args)
        return rows[0][0]

    async def sessions(self) -> int:
        """Sessions of the test user other than this one: the app's, while they are open."""
        return await self.value(
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = %s AND ID <> CONNECTION_ID()",
            (self.conn.user,),
        )


@pytest.fixture
async def db(mysql_server):
    """The tables are re-created for every test."""
    conn = await direct(mysql_server)
    database = Db(conn)
    for statement in SEED:
        await database.execute(statement)
    try:
        yield database
    finally:
        conn.close()


@pytest.fixture
def my_app(catalog):
    """The app module (tools/mysql/app.py), to change its limits in a test."""
    package = catalog.action("mysql-find-row").run.__module__.rsplit(".actions.", 1)[0]
    return sys.modules[f"{package}.app"]


async def run(catalog, key, values, auth):
    return await run_action(catalog.action(key), values, auth=auth, egress=LOCAL_UPSTREAMS)


def assert_no_password(result, password):
    dumped = json.dumps(result.to_json() if hasattr(result, "to_json") else result) + str(getattr(result, "error", ""))
    assert password not in dumped


async def no_sessions_left(db: Db) -> int:
    """Waits briefly for the server to end closed sessions; the number still open."""
    for _ in range(60):
        left = await db.sessions()
        if left == 0:
            return 0
        await asyncio.sleep(0.05)
    return left


# Catalog


def test_actions_are_declared_with_annotations(catalog):
    keys = {a.key for a in catalog.actions_of("mysql")}
    assert keys == {
        "mysql-execute-raw-query",
        "mysql-execute-query",
        "mysql-find-row",
        "mysql-find-row-custom-query",
        "mysql-create-row",
        "mysql-insert-rows",
        "mysql-update-row",
        "mysql-upsert-row",
        "mysql-delete-row",
        "mysql-execute-stored-procedure",
        "mysql-create-table",
    }
    ann = {a.key: a.annotations for a in catalog.actions_of("mysql")}
    for key in ("mysql-find-row", "mysql-find-row-custom-query", "mysql-execute-query"):
        assert ann[key].read_only and not ann[key].destructive
    for key in ("mysql-delete-row", "mysql-update-row", "mysql-upsert-row", "mysql-execute-raw-query"):
        assert ann[key].destructive and not ann[key].read_only
    assert not ann["mysql-create-row"].destructive and not ann["mysql-create-row"].idempotent
    assert catalog.app("mysql").base_url is None
    fields = {f.name: f for f in catalog.app("mysql").auth.fields}
    assert list(fields) == ["host", "port", "username", "password", "database", "ssl_mode", "ca", "cert", "key"]
    assert fields["port"].default == "3306" and fields["ssl_mode"].default == "preferred"
    assert fields["password"].secret and fields["key"].secret and not fields["host"].secret


# Account test


async def test_account_test_names_the_user_host_and_database(catalog, db, my_auth):
    identity = await catalog.app("mysql").test(AccountContext(auth=my_auth, http=None, egress=LOCAL_UPSTREAMS))
    assert identity == Identity(name=f"{my_auth['username']}@127.0.0.1:{my_auth['port']}/{my_auth['database']}")


async def test_account_test_with_a_wrong_password_raises_without_echoing_it(catalog, my_auth):
    with pytest.raises(ActionError) as raised:
        await catalog.app("mysql").test(AccountContext(auth={**my_auth, "password": "not-the-password"}, http=None, egress=LOCAL_UPSTREAMS))
    assert "MySQL error 1045" in str(raised.value) and "check the username and password" in str(raised.value)
    assert "not-the-password" not in str(raised.value)


# Options


async def test_configuring_the_sql_prop_returns_db_info(catalog, db, my_auth):
    response = await fetch_options(catalog.action("mysql-execute-raw-query"), "sql", {}, auth=my_auth, egress=LOCAL_UPSTREAMS)
    assert response["errors"] == []
    assert response["options"] == []
    info = response["context"]["dbInfo"]
    assert info["products"] == {
        "metadata": {},
        "schema": {
            "id": {"tableName": "products", "columnName": "id", "isNullable": "NO", "dataType": "int(11)", "columnDefault": None},
            "name": {
                "tableName": "products",
                "columnName": "name",
                "isNullable": "NO",
                "dataType": "varchar(100)",
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
                "dataType": "decimal(10,2)",
                "columnDefault": None,
            },
            "created_at": {
                "tableName": "products",
                "columnName": "created_at",
                "isNullable": "YES",
                "dataType": "datetime",
                "columnDefault": "current_timestamp()",
            },
        },
    }
    assert sorted(info) == sorted(["no_keys", "products", "users", ODD_TABLE])
    assert info[ODD_TABLE]["schema"][ODD_COLUMN]["dataType"] == "text"


async def test_table_options_are_paged(catalog, db, my_auth, my_app, monkeypatch):
    monkeypatch.setattr(my_app, "PAGE_SIZE", 2)
    action = catalog.action("mysql-find-row")
    first = await fetch_options(action, "table", {}, auth=my_auth, egress=LOCAL_UPSTREAMS)
    assert first["errors"] == [] and first["stringOptions"] == [ODD_TABLE, "no_keys"]
    second = await fetch_options(action, "table", {}, auth=my_auth, page=1, egress=LOCAL_UPSTREAMS)
    assert second["stringOptions"] == ["products", "users"]
    third = await fetch_options(action, "table", {}, auth=my_auth, page=2, egress=LOCAL_UPSTREAMS)
    assert third["options"] == [] and third["errors"] == []


async def test_column_options_are_the_columns_of_the_chosen_table(catalog, db, my_auth):
    action = catalog.action("mysql-find-row")
    response = await fetch_options(action, "column", {"table": "products"}, auth=my_auth, egress=LOCAL_UPSTREAMS)
    assert response["errors"] == []
    assert response["options"] == [
        {"label": "id (int(11))", "value": "id"},
        {"label": "name (varchar(100))", "value": "name"},
        {"label": "description (text)", "value": "description"},
        {"label": "price (decimal(10,2))", "value": "price"},
        {"label": "created_at (datetime)", "value": "created_at"},
    ]
    odd = await fetch_options(action, "column", {"table": ODD_TABLE}, auth=my_auth, egress=LOCAL_UPSTREAMS)
    assert [o["value"] for o in odd["options"]] == ["id", ODD_COLUMN]
    none_yet = await fetch_options(action, "column", {}, auth=my_auth, egress=LOCAL_UPSTREAMS)
    assert none_yet["options"] == [] and "choose a table first" in none_yet["errors"][0]
    missing = await fetch_options(action, "column", {"table": "nope"}, auth=my_auth, egress=LOCAL_UPSTREAMS)
    assert "table 'nope' was not found in database 'gateway_test'" in missing["errors"][0]
    assert "products" in missing["errors"][0]


async def test_procedure_options_show_the_parameters(catalog, db, my_auth):
    response = await fetch_options(catalog.action("mysql-execute-stored-procedure"), "procedure", {}, auth=my_auth, egress=LOCAL_UPSTREAMS)
    assert response["errors"] == []
    assert response["options"] == [
        {
            "label": "add_product(IN p_name varchar(100), IN p_price decimal(10,2), OUT p_id int(11), INOUT p_count int(11))",
            "value": "add_product",
        }
    ]


# execute-raw-query


async def test_execute_raw_query_binds_params(catalog, db, my_auth):
    result = await run(
        catalog,
        "mysql-execute-raw-query",
        {
            "sql": {
                "auth": {"app": "mysql"},
                "query": "select id, name, price, created_at from products where name = ? and price > ? order by id",
                "params": ["foo", 10.99],
            }
        },
        my_auth,
    )
    assert result.error is None, result.error
    assert result.ret == [{"id": 1, "name": "foo", "price": "12.50", "created_at": "2024-05-01T10:00:00"}]
    assert result.summary == "Returned 1 row"


async def test_execute_raw_query_params_are_values_never_sql(catalog, db, my_auth):
    for sneaky in ["foo' OR '1'='1", "foo\\' OR 1=1 -- ", 'foo" OR "1"="1']:
        result = await run(
            catalog,
            "mysql-execute-raw-query",
            {"sql": {"query": "select * from products where name = ?", "params": [sneaky]}},
            my_auth,
        )
        assert result.error is None and result.ret == [], sneaky
    # A `?` inside a string literal, a quoted name or a comment is not a placeholder.
    literal = await run(
        catalog,
        "mysql-execute-raw-query",
        {"sql": {"query": "select 'what?' as `really?`, ? as v -- and ?\n", "params": [1]}},
        my_auth,
    )
    assert literal.ret == [{"really?": "what?", "v": 1}]


async def test_execute_raw_query_returns_json_safe_values(catalog, db, my_auth):
    result = await run(
        catalog,
        "mysql-execute-raw-query",
        {
            "sql": "select email, born, profile, last_seen, wake, flags, avatar, role, perms, active, "
            "1.5e0 as ratio, 1 as email from users where email = 'ada@example.com'"
        },
        my_auth,
    )
    assert result.error is None, result.error
    assert result.ret == [
        {
            "email": "ada@example.com",
            "born": "1815-12-10",
            # MariaDB sends JSON columns as text; table actions parse them (see test_insert_row...).
            "profile": '{"lang": "en", "langs": ["en", "fr"]}',
            "last_seen": "2024-05-01T10:00:00+00:00",
            "wake": "07:30:00",
            "flags": 5,
            "avatar": "0xdead",
            "role": "admin",
            "perms": "read,write",
            "active": 1,
            "ratio": 1.5,
            "email_2": 1,
        }
    ]
    json.dumps(result.to_json())


async def test_execute_raw_query_reports_counts_for_statements_without_rows(catalog, db, my_auth):
    action = "mysql-execute-raw-query"
    created = await run(catalog, action, {"sql": "create table notes (id int auto_increment primary key, body text)"}, my_auth)
    assert created.error is None, created.error
    assert created.ret == {"affectedRows": 0, "insertId": None, "info": "", "warnings": []}
    assert created.summary == "Executed: 0 rows affected"
    inserted = await run(
        catalog, action, {"sql": {"query": "insert into notes (body) values (?), (?)", "params": ["a", {"b": [1]}]}}, my_auth
    )
    assert inserted.ret == {
        "affectedRows": 2,
        "insertId": 1,
        "info": "Records: 2  Duplicates: 0  Warnings: 0",
        "warnings": [],
    }
    assert inserted.summary == "Executed: 2 rows affected, insert id 1"
    assert await db.fetch("select id, body from notes order by id") == [(1, "a"), (2, '{"b": [1]}')]


async def test_execute_raw_query_reports_server_warnings(catalog, db, my_auth):
    result = await run(
        catalog,
        "mysql-execute-raw-query",
        {"sql": {"query": "insert ignore into users (email) values (?)", "params": ["ada@example.com"]}},
        my_auth,
    )
    assert result.error is None, result.error
    assert result.ret["affectedRows"] == 0
    assert result.ret["warnings"] == ["Duplicate entry 'ada@example.com' for key 'email'"]


async def test_execute_raw_query_returns_at_most_max_rows(catalog, db, my_auth, my_app, monkeypatch):
    monkeypatch.setattr(my_app, "MAX_ROWS", 2)
    series = "with recursive s(n) as (select 1 union all select n + 1 from s where n < 5000) select n from s"
    result = await run(catalog, "mysql-execute-raw-query", {"sql": series}, my_auth)
    assert result.error is None, result.error
    assert result.ret == [{"n": 1}, {"n": 2}]
    assert result.summary.startswith("Returned the first 2 rows; there were more")
    # A statement that changes data and returns rows (MariaDB's RETURNING) still changes every row.
    deleted = await run(catalog, "mysql-execute-raw-query", {"sql": "delete from products returning id"}, my_auth)
    assert deleted.error is None, deleted.error
    assert len(deleted.ret) == 2
    assert await db.value("select count(*) from products") == 0
    assert await no_sessions_left(db) == 0


async def test_sql_error_is_clear_and_does_not_leak_the_password(catalog, db, my_auth):
    result = await run(catalog, "mysql-execute-raw-query", {"sql": "select nope from products"}, my_auth)
    assert result.ret is None
    assert result.error.startswith("MySQL error 1054: Unknown column 'nope' in ")
    assert "check the column name" in result.error
    assert result.os[-1]["k"] == "error" and "Unknown column 'nope'" in result.os[-1]["err"]["message"]
    assert_no_password(result, my_auth["password"])


async def test_sql_error_mentioning_the_password_is_redacted(catalog, db, my_auth):
    result = await run(catalog, "mysql-execute-raw-query", {"sql": f"select * from `{my_auth['password']}`"}, my_auth)
    assert "MySQL error 1146" in result.error and "[redacted]" in result.error
    assert_no_password(result, my_auth["password"])


async def test_param_count_and_statement_mistakes_are_explained(catalog, db, my_auth):
    action = "mysql-execute-raw-query"
    too_few = await run(catalog, action, {"sql": {"query": "select * from products where id = ? and name = ?", "params": [1]}}, my_auth)
    assert "the query has 2 `?` placeholders but 1 param was given" in too_few.error
    dollar = await run(catalog, action, {"sql": {"query": "select * from products where id = $1", "params": [1]}}, my_auth)
    assert "placeholders are written `?`" in dollar.error
    two = await run(catalog, action, {"sql": "select 1; drop table users"}, my_auth)
    assert "send one statement per call" in two.error
    assert await db.value("select count(*) from users") == 3


async def test_the_server_refuses_a_second_statement_the_client_did_not_see(catalog, db, my_auth):
    # MariaDB runs the text of /*! ... */ comments; the connection allows one statement per query.
    result = await run(catalog, "mysql-execute-raw-query", {"sql": "select 1 /*! ; drop table users */"}, my_auth)
    assert "MySQL error 1064" in result.error
    assert await db.value("select count(*) from users") == 3


async def test_statement_timeout_stops_long_queries(catalog, db, my_auth, my_app, monkeypatch):
    monkeypatch.setattr(my_app, "STATEMENT_TIMEOUT", 0.3)
    result = await run(catalog, "mysql-execute-raw-query", {"sql": "select sleep(5) as s, id from products"}, my_auth)
    assert "MySQL error 1969" in result.error and "max_statement_time" in result.error
    assert "ran past the 0.3 s limit" in result.error


async def test_connections_are_closed_after_each_run(catalog, db, my_auth):
    await run(catalog, "mysql-find-row", {"table": "products", "column": "id", "value": 1}, my_auth)
    await run(catalog, "mysql-execute-raw-query", {"sql": "select nope"}, my_auth)
    await fetch_options(catalog.action("mysql-find-row"), "table", {}, auth=my_auth, egress=LOCAL_UPSTREAMS)
    assert await no_sessions_left(db) == 0


async def test_a_run_stopped_by_the_gateway_timeout_leaves_no_session_behind(catalog, db, my_auth):
    result = await run_action(
        catalog.action("mysql-execute-raw-query"), {"sql": "select sleep(10)"}, auth=my_auth, timeout=0.3, egress=LOCAL_UPSTREAMS,
    )
    assert "did not finish within 0.3 s" in result.error
    # The app kills the abandoned session on the server; it would otherwise sleep for 10 s.
    assert await no_sessions_left(db) == 0


# find-row


async def test_find_row_finds_the_first_match(catalog, db, my_auth):
    result = await run(catalog, "mysql-find-row", {"table": "users", "column": "email", "value": "alan@example.com"}, my_auth)
    assert result.error is None, result.error
    assert result.ret["name"] == "Alan" and result.ret["age"] == 41 and result.ret["perms"] == ""
    assert result.summary == "Found a row in users where email = 'alan@example.com'"


async def test_find_row_parses_json_columns(catalog, db, my_auth):
    result = await run(catalog, "mysql-find-row", {"table": "users", "column": "id", "value": 1}, my_auth)
    assert result.ret["profile"] == {"lang": "en", "langs": ["en", "fr"]}


async def test_find_row_coerces_the_value_and_handles_misses_and_nulls(catalog, db, my_auth):
    by_text_id = await run(catalog, "mysql-find-row", {"table": "products", "column": "id", "value": "3"}, my_auth)
    assert by_text_id.ret["name"] == "bar"
    missing = await run(catalog, "mysql-find-row", {"table": "products", "column": "id", "value": 99}, my_auth)
    assert missing.error is None and missing.ret is None
    assert missing.summary == "No row in products where id = 99"
    null = await run(catalog, "mysql-find-row", {"table": "products", "column": "description", "value": None}, my_auth)
    assert null.ret["name"] == "bar"
    not_null = await run(
        catalog, "mysql-find-row", {"table": "products", "column": "description", "operator": "!=", "value": None}, my_auth
    )
    assert not_null.ret["name"] == "foo"


async def test_find_row_with_operators(catalog, db, my_auth):
    cheap = await run(catalog, "mysql-find-row", {"table": "products", "column": "price", "operator": "<", "value": "10"}, my_auth)
    assert cheap.ret["description"] == "a cheap foo"
    like = await run(catalog, "mysql-find-row", {"table": "users", "column": "email", "operator": "like", "value": "gr%"}, my_auth)
    assert like.ret["age"] == 85
    bad = await run(catalog, "mysql-find-row", {"table": "users", "column": "age", "operator": ">", "value": None}, my_auth)
    assert "a null value can only be compared with = or !=" in bad.error
    options = await fetch_options(catalog.action("mysql-find-row"), "operator", {}, auth=my_auth, egress=LOCAL_UPSTREAMS)
    assert [o["value"] for o in options["options"]] == ["=", "!=", "<", "<=", ">", ">=", "like", "not like"]


async def test_find_row_in_another_database(catalog, db, my_auth, mysql_server):
    other = await direct(mysql_server, mysql_server.other_database)
    try:
        async with other.cursor(QuietCursor) as cur:
            await cur.execute("drop table if exists orders")
            await cur.execute("create table orders (id int primary key, total decimal(10,2))")
            await cur.execute("insert into orders values (1, 10.00), (2, 20.50)")
    finally:
        other.close()
    qualified = await run(
        catalog, "mysql-find-row", {"table": f"{mysql_server.other_database}.orders", "column": "id", "value": 2}, my_auth
    )
    assert qualified.ret == {"id": 2, "total": "20.50"}
    assert qualified.summary == f"Found a row in {mysql_server.other_database}.orders where id = 2"
    wrong = await run(catalog, "mysql-find-row", {"table": "orders", "column": "id", "value": 1}, my_auth)
    assert "table 'orders' was not found in database 'gateway_test'" in wrong.error


async def test_find_row_names_the_columns_of_a_wrong_column(catalog, db, my_auth):
    result = await run(catalog, "mysql-find-row", {"table": "products", "column": "nope", "value": 1}, my_auth)
    assert result.error == "table products has no column 'nope'; its columns are: id, name, description, price, created_at"


# find-row-custom-query


async def test_find_row_custom_query_runs_selects_with_values(catalog, db, my_auth):
    result = await run(
        catalog,
        "mysql-find-row-custom-query",
        {"query": "/* adults */ SELECT name FROM users WHERE age > ? AND active = ? ORDER BY age", "values": ["40", True]},
        my_auth,
    )
    assert result.error is None, result.error
    assert result.ret == [{"name": "Alan"}, {"name": None}]
    assert result.summary == "Returned 2 rows"
    cte = await run(
        catalog,
        "mysql-find-row-custom-query",
        {"query": "with p as (select * from products) select count(*) as n, sum(price) as total from p"},
        my_auth,
    )
    assert cte.ret == [{"n": 3, "total": "117.49"}]
    show = await run(catalog, "mysql-find-row-custom-query", {"query": "show tables like 'prod%'"}, my_auth)
    assert show.ret == [{"Tables_in_gateway_test (prod%)": "products"}]


@pytest.mark.parametrize(
    "query",
    [
        "DELETE FROM users",
        "  -- harmless?\n update users set age = 0",
        "# note\ninsert into users (email) values ('x@example.com')",
        "drop table users",
        "(delete from users)",
        "call add_product('x', 1, @a, @b)",
    ],
)
async def test_find_row_custom_query_refuses_anything_but_select(catalog, db, my_auth, query):
    result = await run(catalog, "mysql-find-row-custom-query", {"query": query}, my_auth)
    assert "only runs SELECT queries" in result.error
    assert "mysql-execute-raw-query" in result.error
    assert await db.value("select count(*) from users where age > 0") == 3


async def test_find_row_custom_query_runs_in_a_read_only_transaction(catalog, db, my_auth):
    result = await run(catalog, "mysql-find-row-custom-query", {"query": "select bump() as b"}, my_auth)
    assert "MySQL error 1792" in result.error and "READ ONLY transaction" in result.error
    assert "this action only reads" in result.error
    assert await db.value("select count(*) from products") == 3


async def test_find_row_custom_query_wants_an_array_of_values(catalog, db, my_auth):
    result = await run(catalog, "mysql-find-row-custom-query", {"query": "select * from users where id = ?", "values": 1}, my_auth)
    assert "values must be an array" in result.error


# execute-query


async def test_execute_query_finds_rows_by_condition(catalog, db, my_auth):
    result = await run(
        catalog,
        "mysql-execute-query",
        {"table": "products", "condition": "name = ? AND price > ? ORDER BY price DESC", "values": ["foo", 1]},
        my_auth,
    )
    assert result.error is None, result.error
    assert [(r["id"], r["price"]) for r in result.ret] == [(1, "12.50"), (2, "5.00")]
    assert result.summary == "Found 2 rows in products"
    limited = await run(catalog, "mysql-execute-query", {"table": "users", "condition": "active = 1 ORDER BY id LIMIT 1"}, my_auth)
    assert [r["email"] for r in limited.ret] == ["ada@example.com"]
    assert limited.ret[0]["profile"] == {"lang": "en", "langs": ["en", "fr"]}


async def test_execute_query_checks_the_condition_and_values(catalog, db, my_auth):
    mismatch = await run(catalog, "mysql-execute-query", {"table": "products", "condition": "id = ? or id = ?", "values": [1]}, my_auth)
    assert mismatch.error == "the condition has 2 `?` placeholders but values has 1 value; pass one value per `?`"
    empty = await run(catalog, "mysql-execute-query", {"table": "products", "condition": " "}, my_auth)
    assert "condition is empty" in empty.error
    write = await run(catalog, "mysql-execute-query", {"table": "products", "condition": "bump() = 1"}, my_auth)
    assert "MySQL error 1792" in write.error
    assert await db.value("select count(*) from products") == 3


# create-row


async def test_create_row_returns_the_stored_row(catalog, db, my_auth):
    result = await run(
        catalog,
        "mysql-create-row",
        {
            "table": "users",
            "rowValues": {
                "email": "edsger@example.com",
                "age": "72",
                "active": "false",
                "profile": {"lang": "nl"},
                "last_seen": "2024-06-01T14:30:00+02:00",
                "born": "1930-05-11",
                "perms": ["read"],
            },
        },
        my_auth,
    )
    assert result.error is None, result.error
    assert result.ret["insertId"] == 4
    row = result.ret["row"]
    assert row["id"] == 4 and row["age"] == 72 and row["active"] == 0 and row["role"] == "member"
    assert row["profile"] == {"lang": "nl"} and row["perms"] == "read"
    assert row["last_seen"] == "2024-06-01T12:30:00+00:00"
    assert result.summary == "Inserted a row into users with id 4"
    stored = await db.fetch("select email, age, born, cast(profile as char) from users where id = 4")
    assert stored[0][:2] == ("edsger@example.com", 72) and str(stored[0][2]) == "1930-05-11"
    assert json.loads(stored[0][3]) == {"lang": "nl"}


async def test_create_row_with_only_defaults_and_without_keys(catalog, db, my_auth):
    await db.execute("create table events (id int auto_increment primary key, at datetime default current_timestamp)")
    defaults = await run(catalog, "mysql-create-row", {"table": "events", "rowValues": {}}, my_auth)
    assert defaults.error is None, defaults.error
    assert defaults.ret["row"]["id"] == 1 and defaults.ret["row"]["at"]
    no_keys = await run(catalog, "mysql-create-row", {"table": "no_keys", "rowValues": {"label": "b", "n": 2}}, my_auth)
    assert no_keys.ret == {"insertId": None, "row": None}
    assert no_keys.summary == "Inserted a row into no_keys"
    assert await db.fetch("select label, n from no_keys order by n") == [("a", 1), ("b", 2)]


async def test_create_row_reports_constraint_violations_and_unknown_columns(catalog, db, my_auth):
    duplicate = await run(catalog, "mysql-create-row", {"table": "users", "rowValues": {"email": "ada@example.com"}}, my_auth)
    assert duplicate.error.startswith("MySQL error 1062: Duplicate entry 'ada@example.com' for key 'email'")
    assert "use mysql-upsert-row" in duplicate.error
    unknown = await run(catalog, "mysql-create-row", {"table": "users", "rowValues": {"email": "x@example.com", "mail": 1}}, my_auth)
    assert "table users has no column 'mail'" in unknown.error
    bad_date = await run(catalog, "mysql-create-row", {"table": "users", "rowValues": {"email": "y@example.com", "born": "soon"}}, my_auth)
    assert "MySQL error 1292" in bad_date.error and "dates as `2024-05-01`" in bad_date.error
    assert await db.value("select count(*) from users") == 3


# insert-rows


async def test_insert_rows_inserts_all_in_one_statement(catalog, db, my_auth):
    result = await run(
        catalog,
        "mysql-insert-rows",
        {
            "table": "products",
            "rows": [
                {"name": "baz", "price": "1.25"},
                {"name": "qux", "price": 2, "description": "with a description"},
                {"price": 3, "name": "quux", "created_at": "2024-01-02T03:04:05Z"},
            ],
        },
        my_auth,
    )
    assert result.error is None, result.error
    assert result.ret == {"insertedCount": 3, "firstInsertId": 4}
    assert result.summary == "Inserted 3 rows into products"
    rows = await db.fetch("select id, name, description, price, created_at is not null from products where id > 3 order by id")
    assert [(r[0], r[1], r[2], str(r[3]), r[4]) for r in rows] == [
        (4, "baz", None, "1.25", 1),
        (5, "qux", "with a description", "2.00", 1),
        (6, "quux", None, "3.00", 1),
    ]
    assert str(await db.value("select created_at from products where id = 6")) == "2024-01-02 03:04:05"


async def test_insert_rows_is_all_or_nothing(catalog, db, my_auth):
    result = await run(
        catalog,
        "mysql-insert-rows",
        {"table": "users", "rows": [{"email": "new@example.com"}, {"email": "ada@example.com"}]},
        my_auth,
    )
    assert "MySQL error 1062" in result.error
    assert await db.value("select count(*) from users") == 3
    empty = await run(catalog, "mysql-insert-rows", {"table": "users", "rows": []}, my_auth)
    assert "rows is empty" in empty.error


# update-row


async def test_update_row_changes_matching_rows(catalog, db, my_auth):
    await db.execute("update products set price = 7.25 where id = 2")
    result = await run(
        catalog,
        "mysql-update-row",
        {
            "table": "products",
            "condition": "name = ?",
            "conditionValues": ["foo"],
            "rowValues": {"price": "7.25"},
        },
        my_auth,
    )
    assert result.error is None, result.error
    assert result.ret == {"matchedCount": 2, "changedCount": 1}
    assert result.summary == "Updated 1 row in products (2 matched)"
    prices = await db.fetch("select id, cast(price as char) from products order by id")
    assert prices == [(1, "7.25"), (2, "7.25"), (3, "99.99")]


async def test_update_row_checks_its_inputs(catalog, db, my_auth):
    action = "mysql-update-row"
    empty = await run(catalog, action, {"table": "products", "condition": "id = ?", "conditionValues": [1], "rowValues": {}}, my_auth)
    assert "rowValues is empty" in empty.error
    no_condition = await run(catalog, action, {"table": "products", "condition": "", "rowValues": {"name": "x"}}, my_auth)
    assert "condition is empty" in no_condition.error and "mysql-execute-raw-query" in no_condition.error
    mismatch = await run(catalog, action, {"table": "products", "condition": "id = ?", "rowValues": {"name": "x"}}, my_auth)
    assert "the condition has 1 `?` placeholder but conditionValues has 0 values" in mismatch.error
    none = await run(
        catalog, action, {"table": "products", "condition": "id = ?", "conditionValues": [42], "rowValues": {"name": "x"}}, my_auth
    )
    assert none.ret == {"matchedCount": 0, "changedCount": 0} and none.summary == "Updated 0 rows in products (0 matched)"
    assert await db.value("select count(*) from products where name = 'x'") == 0


# upsert-row


async def test_upsert_row_inserts_then_updates(catalog, db, my_auth):
    action = "mysql-upsert-row"
    inserted = await run(catalog, action, {"table": "users", "rowValues": {"email": "kay@example.com", "age": 30}}, my_auth)
    assert inserted.error is None, inserted.error
    assert inserted.ret["action"] == "inserted" and inserted.ret["row"]["id"] == 4 and inserted.ret["row"]["age"] == 30
    assert inserted.summary == "Inserted a new row into users"
    updated = await run(catalog, action, {"table": "users", "rowValues": {"email": "kay@example.com", "age": 31}}, my_auth)
    assert updated.ret["action"] == "updated"
    assert updated.ret["row"]["id"] == 4 and updated.ret["row"]["age"] == 31
    assert updated.summary == "Updated the existing row in users"
    same = await run(catalog, action, {"table": "users", "rowValues": {"email": "kay@example.com", "age": 31}}, my_auth)
    assert same.ret["action"] == "unchanged" and same.ret["row"]["id"] == 4
    assert same.summary == "The row in users already had these values; nothing changed"
    assert await db.value("select count(*) from users where email = 'kay@example.com'") == 1


async def test_upsert_row_by_primary_key_keeps_the_key(catalog, db, my_auth):
    result = await run(
        catalog, "mysql-upsert-row", {"table": ODD_TABLE, "rowValues": {"id": 2, ODD_COLUMN: "dos"}}, my_auth
    )
    assert result.ret == {"action": "updated", "row": {"id": 2, ODD_COLUMN: "dos"}}


async def test_upsert_row_needs_a_unique_key(catalog, db, my_auth):
    action = "mysql-upsert-row"
    missing = await run(catalog, action, {"table": "users", "rowValues": {"age": 1}}, my_auth)
    assert missing.error == "rowValues has no value for a unique key of users: give (id) or (email)"
    no_keys = await run(catalog, action, {"table": "no_keys", "rowValues": {"label": "a"}}, my_auth)
    assert "no_keys has no primary key or unique index" in no_keys.error


# delete-row


async def test_delete_row_deletes_matches(catalog, db, my_auth):
    result = await run(catalog, "mysql-delete-row", {"table": "products", "condition": "name = ?", "values": ["foo"]}, my_auth)
    assert result.error is None, result.error
    assert result.ret == {"deletedCount": 2}
    assert result.summary == "Deleted 2 rows from products"
    assert await db.fetch("select name from products") == [("bar",)]


async def test_delete_row_needs_a_condition(catalog, db, my_auth):
    result = await run(catalog, "mysql-delete-row", {"table": "products", "condition": ""}, my_auth)
    assert "condition is empty" in result.error and "to delete every row, use mysql-execute-raw-query" in result.error
    assert await db.value("select count(*) from products") == 3


# execute-stored-procedure


async def test_execute_stored_procedure_returns_result_sets_and_out_parameters(catalog, db, my_auth):
    result = await run(
        catalog, "mysql-execute-stored-procedure", {"procedure": "add_product", "parameters": ["baz", "10", 5]}, my_auth
    )
    assert result.error is None, result.error
    assert result.ret["resultSets"] == [[{"id": 1, "name": "foo"}, {"id": 3, "name": "bar"}], [{"n": 4}]]
    assert result.ret["outParameters"] == {"p_id": 4, "p_count": 6}
    assert result.summary == "Called add_product: 2 result sets with 3 rows"
    assert await db.value("select price from products where name = 'baz'") == 10


async def test_execute_stored_procedure_checks_the_name_and_parameters(catalog, db, my_auth):
    action = "mysql-execute-stored-procedure"
    wrong_count = await run(catalog, action, {"procedure": "add_product", "parameters": ["baz"]}, my_auth)
    assert wrong_count.error == "add_product takes 3 input parameters (p_name, p_price, p_count) but 1 value was given"
    missing = await run(catalog, action, {"procedure": "nope"}, my_auth)
    assert missing.error == "stored procedure 'nope' was not found in database 'gateway_test'; its procedures: add_product"


# create-table


async def test_create_table_creates_it_once(catalog, db, my_auth):
    values = {
        "table": "customers",
        "columns": [
            {"name": "id", "type": "BIGINT UNSIGNED", "autoIncrement": True},
            {"name": "email", "type": "VARCHAR(255)", "nullable": False, "unique": True, "comment": "login?"},
            {"name": "plan", "type": "ENUM('free','pro')", "default": "free"},
            {"name": "created_at", "type": "DATETIME", "default": "CURRENT_TIMESTAMP"},
        ],
    }
    created = await run(catalog, "mysql-create-table", values, my_auth)
    assert created.error is None, created.error
    assert created.summary == "Created table customers"
    assert created.ret == {
        "table": "customers",
        "created": True,
        "columns": [
            {"name": "id", "type": "bigint(20) unsigned", "nullable": False, "default": None, "key": "PRI", "extra": "auto_increment"},
            {"name": "email", "type": "varchar(255)", "nullable": False, "default": None, "key": "UNI", "extra": ""},
            {"name": "plan", "type": "enum('free','pro')", "nullable": True, "default": "'free'", "key": "", "extra": ""},
            {"name": "created_at", "type": "datetime", "nullable": True, "default": "current_timestamp()", "key": "", "extra": ""},
        ],
    }
    comment = await db.value(
        "select column_comment from information_schema.columns where table_schema = database() "
        "and table_name = 'customers' and column_name = 'email'"
    )
    assert comment == "login?"
    again = await run(catalog, "mysql-create-table", values, my_auth)
    assert again.ret["created"] is False and again.summary == "Table customers already exists; nothing changed"
    strict = await run(catalog, "mysql-create-table", {**values, "ifNotExists": False}, my_auth)
    assert "MySQL error 1050" in strict.error


async def test_create_table_checks_the_columns(catalog, db, my_auth):
    action = "mysql-create-table"
    bad_type = await run(catalog, action, {"table": "t", "columns": [{"name": "a", "type": "INT); DROP TABLE users; --"}]}, my_auth)
    assert "is not a MySQL column type" in bad_type.error
    bad_key = await run(catalog, action, {"table": "t", "columns": [{"name": "a", "type": "INT"}], "primaryKey": ["b"]}, my_auth)
    assert "primaryKey names column(s) that are not in columns: b" in bad_key.error
    unknown = await run(catalog, action, {"table": "t", "columns": [{"name": "a", "type": "INT", "size": 3}]}, my_auth)
    assert "unknown field(s) size" in unknown.error
    assert await db.value("select count(*) from users") == 3


# Identifiers


async def test_odd_identifiers_are_quoted(catalog, db, my_auth):
    found = await run(catalog, "mysql-find-row", {"table": ODD_TABLE, "column": ODD_COLUMN, "value": "two"}, my_auth)
    assert found.error is None, found.error
    assert found.ret == {"id": 2, ODD_COLUMN: "two"}
    inserted = await run(catalog, "mysql-create-row", {"table": ODD_TABLE, "rowValues": {"id": 3, ODD_COLUMN: "three"}}, my_auth)
    assert inserted.ret == {"insertId": None, "row": {"id": 3, ODD_COLUMN: "three"}}
    updated = await run(
        catalog,
        "mysql-update-row",
        {"table": ODD_TABLE, "condition": f"{q(ODD_COLUMN)} = ?", "conditionValues": ["one"], "rowValues": {ODD_COLUMN: "uno"}},
        my_auth,
    )
    assert updated.ret == {"matchedCount": 1, "changedCount": 1}
    deleted = await run(catalog, "mysql-delete-row", {"table": ODD_TABLE, "condition": "id = ?", "values": [3]}, my_auth)
    assert deleted.ret == {"deletedCount": 1}
    assert await db.fetch(f"select * from {q(ODD_TABLE)} order by id") == [(1, "uno"), (2, "two")]


async def test_identifiers_cannot_inject_sql(catalog, db, my_auth):
    column = await run(catalog, "mysql-find-row", {"table": "products", "column": "id` = 1 OR `id", "value": 1}, my_auth)
    assert "table products has no column 'id` = 1 OR `id'" in column.error
    table = await run(catalog, "mysql-find-row", {"table": "products; drop table users", "column": "id", "value": 1}, my_auth)
    assert "was not found" in table.error
    row = await run(catalog, "mysql-create-row", {"table": "products", "rowValues": {"name`) values ('x'); --": 1}}, my_auth)
    assert "has no column" in row.error
    assert await db.value("select count(*) from products") == 3
    assert await db.value("select count(*) from users") == 3


async def test_props_are_validated_before_running(catalog, my_auth):
    with pytest.raises(ConfigurationError) as info:
        await run(catalog, "mysql-insert-rows", {"table": "users", "rows": {"email": "x"}}, my_auth)
    assert any(p.startswith("rows:") for p in info.value.problems)


# Connecting


async def test_wrong_password_gives_a_clear_error_without_the_password(catalog, db, my_auth):
    auth = {**my_auth, "password": "not-the-password-123"}
    result = await run(catalog, "mysql-find-row", {"table": "products", "column": "id", "value": 1}, auth)
    assert f"could not connect to MySQL at 127.0.0.1:{my_auth['port']}/gateway_test as user 'gateway_test'" in result.error
    assert "MySQL error 1045: Access denied for user 'gateway_test'" in result.error
    assert "check the username and password" in result.error
    assert_no_password(result, "not-the-password-123")
    assert_no_password(result, my_auth["password"])
    options = await fetch_options(catalog.action("mysql-execute-raw-query"), "sql", {}, auth=auth, egress=LOCAL_UPSTREAMS)
    assert options["context"] is None and "MySQL error 1045" in options["errors"][0]
    assert "not-the-password-123" not in json.dumps(options)


async def test_unreachable_server_and_bad_account_fields(catalog, my_auth):
    values = {"sql": "select 1"}
    action = "mysql-execute-raw-query"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]  # nothing listens once the socket is closed
    refused = await run(catalog, action, values, {**my_auth, "port": str(closed_port)})
    assert f"could not connect to MySQL at 127.0.0.1:{closed_port}/" in refused.error
    assert "ConnectionRefusedError" in refused.error and "check the host and port" in refused.error
    unknown_db = await run(catalog, action, values, {**my_auth, "database": "nope"})
    assert "MySQL error 1044: Access denied for user 'gateway_test'@'%' to database 'nope'" in unknown_db.error
    bad_mode = await run(catalog, action, values, {**my_auth, "ssl_mode": "sometimes"})
    assert "ssl_mode 'sometimes' is not one of disabled, preferred, required, verify_ca, verify_identity" in bad_mode.error
    bad_port = await run(catalog, action, values, {**my_auth, "port": "http"})
    assert "port 'http' is not a port number" in bad_port.error
    no_host = await run(catalog, action, values, {**my_auth, "host": ""})
    assert "the MySQL account has no host" in no_host.error
    half_cert = await run(catalog, action, values, {**my_auth, "ssl_mode": "required", "cert": "-----BEGIN CERTIFICATE-----"})
    assert "only one of Client Certificate and Client Key" in half_cert.error
    for result in (refused, unknown_db):
        assert_no_password(result, my_auth["password"])


async def test_connect_timeout_when_the_server_never_answers(catalog, my_auth, my_app, monkeypatch):
    monkeypatch.setattr(my_app, "CONNECT_TIMEOUT", 0.3)
    silent = await asyncio.start_server(lambda reader, writer: None, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    try:
        result = await run(catalog, "mysql-execute-raw-query", {"sql": "select 1"}, {**my_auth, "port": str(port)})
    finally:
        silent.close()
    assert f"could not connect to MySQL at 127.0.0.1:{port}/" in result.error
    assert "no answer within 0.3 s" in result.error


# TLS

CIPHER = "show session status like 'Ssl_cipher'"


async def cipher(catalog, auth) -> str:
    result = await run(catalog, "mysql-find-row-custom-query", {"query": CIPHER}, auth)
    assert result.error is None, result.error
    return result.ret[0]["Value"]


async def test_ssl_modes_encrypt_as_asked(catalog, db, my_auth):
    assert await cipher(catalog, my_auth) == ""  # disabled
    assert await cipher(catalog, {**my_auth, "ssl_mode": "required"}) != ""
    without_mode = {k: v for k, v in my_auth.items() if k != "ssl_mode"}
    assert await cipher(catalog, without_mode) != ""  # preferred, the default


async def test_verify_ca_checks_the_certificate_against_the_given_ca(catalog, db, my_auth, mysql_server):
    with_ca = {**my_auth, "ssl_mode": "verify_ca", "ca": mysql_server.ca_pem}
    assert await cipher(catalog, with_ca) != ""
    # The CA also makes `required` verify, as in MySQL's own clients.
    assert await cipher(catalog, {**my_auth, "ssl_mode": "required", "ca": mysql_server.ca_pem}) != ""
    system_cas = await run(catalog, "mysql-execute-raw-query", {"sql": "select 1"}, {**my_auth, "ssl_mode": "verify_ca"})
    assert "could not connect to MySQL" in system_cas.error
    assert "paste the CA certificate that signed it into the account" in system_cas.error
    bad_ca = await run(
        catalog, "mysql-execute-raw-query", {"sql": "select 1"}, {**my_auth, "ssl_mode": "verify_ca", "ca": "not a pem"}
    )
    assert "CA certificate could not be read" in bad_ca.error


async def test_verify_identity_checks_the_host_name(catalog, db, my_auth, mysql_server):
    by_ip = {**my_auth, "ssl_mode": "verify_identity", "ca": mysql_server.ca_pem}
    result = await run(catalog, "mysql-execute-raw-query", {"sql": "select 1"}, by_ip)
    assert "could not connect to MySQL" in result.error
    assert "the server's certificate is not for this host name" in result.error
    assert await cipher(catalog, {**by_ip, "host": "localhost"}) != ""
