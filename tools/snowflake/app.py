"""Snowflake: run SQL through the SQL API v2, follow its statements and browse databases, schemas and tables."""

import re

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint

TOKEN_TYPES = ("PROGRAMMATIC_ACCESS_TOKEN", "KEYPAIR_JWT")

# An account identifier as it goes in the host: `orgname-account_name` or a locator such as `xy12345.eu-west-1`.
_ACCOUNT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*$")
_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]*$")


def _token_type(auth):
    kind = str(auth.get("token_type") or TOKEN_TYPES[0]).strip().upper()
    return kind if kind in TOKEN_TYPES else TOKEN_TYPES[0]


def _headers(auth):
    token = auth.get("token")
    if not token:
        return {}
    return {"Authorization": f"Bearer {token}", "X-Snowflake-Authorization-Token-Type": _token_type(auth),
            "Accept": "application/json"}


async def _account_test(ctx):
    """`SELECT CURRENT_USER(), CURRENT_ACCOUNT()`, which proves the token signs in."""
    answer = await run_sql(ctx, "SELECT CURRENT_USER() AS USER_NAME, CURRENT_ACCOUNT() AS ACCOUNT_NAME")
    row = (rows_of(answer) or [{}])[0]
    return Identity(name=f"{row.get('USER_NAME')} @ {row.get('ACCOUNT_NAME')}", external_id=None)


app = App(
    "snowflake",
    "Snowflake",
    "Run SQL in the connected Snowflake account and read the results, check on and cancel long statements, and "
    "list its databases, schemas and tables and a table's columns.",
    auth=Keys([
        KeyField(
            "token",
            "Token",
            "A programmatic access token (Snowsight: your profile > Settings > Authentication > Programmatic access "
            "tokens), or a key-pair JWT signed with the user's private key (it expires within an hour).",
        ),
    ]),
    custom_fields=[
        KeyField(
            "account",
            "Account Identifier",
            "The first part of the account's URL: `myorg-myaccount` for https://myorg-myaccount.snowflakecomputing.com "
            "(write any `_` in the account name as `-`).",
            secret=False,
        ),
        KeyField(
            "token_type",
            "Token Type",
            "`PROGRAMMATIC_ACCESS_TOKEN` (the default) or `KEYPAIR_JWT`.",
            secret=False,
            optional=True,
        ),
    ],
    categories=["Databases", "Analytics"],
    featured_weight=50,
    base_url="https://{{custom_fields.account}}.snowflakecomputing.com/api/v2",
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Snowflake answers `{"code", "sqlState", "message", "statementHandle"}`.

_CODE_HINTS = {
    "002003": "the database, schema or table does not exist or this role cannot see it; check the names with "
              "snowflake-list-databases, snowflake-list-schemas and snowflake-list-tables, or use another role",
    "001003": "the SQL has a syntax error; fix it as the message says",
    "000606": "no warehouse is in use; pass `warehouse` (one the role may use)",
    "390201": "the warehouse, database, schema or role given does not exist or is not granted; check the names",
    "390318": "the token has expired; reconnect Snowflake with a new token",
    "390144": "Snowflake rejected the token (a key-pair JWT must be fresh and signed for this account and user); "
              "reconnect Snowflake",
    "000604": "the statement was cancelled",
    "000630": "the statement ran past its timeout; raise `timeout` or make it cheaper",
}
_STATUS_HINTS = {
    401: "Snowflake rejected the token; reconnect Snowflake with a current token and the right token type",
    404: "no statement has that handle (results are kept for 24 hours); run the statement again",
}


def snowflake_error(method, path, response):
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("message") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    code = str(data.get("code") or "")
    if response.status_code == 429:
        hint = status_hint("Snowflake", 429, retry_after)
    elif code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif response.status_code == 422:
        hint = "the statement failed; fix the SQL or the names it uses as the message says"
    else:
        hint = status_hint("Snowflake", response.status_code, retry_after, _STATUS_HINTS)
    return UpstreamError(f"Snowflake API error {response.status_code} on {method} {path}: {message} ({hint})",
                         status=response.status_code, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    account = str(ctx.auth.get("account") or "")
    if not _ACCOUNT.match(account):
        raise ActionError(
            f"account identifier {account!r} is not one; reconnect Snowflake with the first part of the account URL, "
            "e.g. `myorg-myaccount`"
        )
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise snowflake_error(method, path, response)
    return response.json() if response.content else {}


def statement_path(handle):
    text = str(handle or "").strip()
    if not re.fullmatch(r"[0-9A-Za-z-]+", text):
        raise ActionError(f"{handle!r} is not a statement handle; pass the `statement_handle` snowflake-run-statement returned")
    return f"/statements/{text}"


def identifier(name):
    """A name as SQL: plain names as written (Snowflake reads them upper-cased), others double-quoted."""
    text = str(name or "").strip()
    if not text:
        raise ActionError("a database, schema or table name is empty")
    return text if _PLAIN_NAME.match(text) else '"' + text.replace('"', '""') + '"'


def literal(text):
    return "'" + str(text).replace("\\", "\\\\").replace("'", "\\'") + "'"


def context_body(values):
    """The warehouse, database, schema and role a statement runs with, as the API names them."""
    return {field: values[field] for field in ("warehouse", "database", "schema", "role") if values.get(field)}


async def run_sql(ctx, statement, **extra):
    body = {"statement": statement, **extra}
    return await api(ctx, "POST", "/statements", json=body)


def rows_of(answer):
    """The result's rows as `{column: value}`; values are the strings Snowflake sends."""
    names = [c.get("name") for c in ((answer.get("resultSetMetaData") or {}).get("rowType")) or []]
    return [dict(zip(names, row)) for row in answer.get("data") or []] if names else list(answer.get("data") or [])


def statement_summary(answer):
    meta = answer.get("resultSetMetaData") or {}
    partitions = meta.get("partitionInfo") or []
    return {
        "statement_handle": answer.get("statementHandle"),
        "status": _status(answer),
        "message": answer.get("message"),
        "columns": [{"name": c.get("name"), "type": c.get("type")} for c in meta.get("rowType") or []],
        "rows": rows_of(answer),
        "num_rows": meta.get("numRows"),
        "partitions": len(partitions) or None,
        "next_cursor": "1" if len(partitions) > 1 else None,
    }


def _status(answer):
    if answer.get("code") == "333334":
        return "running"
    return "done" if "data" in answer or answer.get("resultSetMetaData") else "unknown"


async def show(ctx, command, *, limit, cursor, like=None):
    """One page of a SHOW command: its rows after `cursor` (the last name of the previous page)."""
    sql = command
    if like:
        sql += f" LIKE {literal(like)}"
    sql += f" LIMIT {limit + 1}"
    if cursor:
        sql += f" FROM {literal(cursor)}"
    answer = await run_sql(ctx, sql, **context_body(ctx.props))
    rows = rows_of(answer)
    # Whether FROM starts at the named row or after it, skip the row already returned.
    if cursor and rows and rows[0].get("name") == cursor:
        rows = rows[1:]
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].get("name") if more and rows else None)


async def _database_options(ctx):
    answer = await run_sql(ctx, "SHOW TERSE DATABASES")
    return [Option(label=r["name"], value=r["name"]) for r in rows_of(answer) if r.get("name")]


async def _schema_options(ctx):
    if not ctx.props.get("database"):
        raise ActionError("choose the database first; the schemas to choose from are in it")
    answer = await run_sql(ctx, f"SHOW TERSE SCHEMAS IN DATABASE {identifier(ctx.props.database)}")
    return [Option(label=r["name"], value=r["name"]) for r in rows_of(answer) if r.get("name")]


async def _table_options(ctx):
    if not ctx.props.get("database") or not ctx.props.get("schema"):
        raise ActionError("choose the database and schema first; the tables are in the schema")
    answer = await run_sql(ctx, f"SHOW TERSE TABLES IN SCHEMA {identifier(ctx.props.database)}.{identifier(ctx.props.schema)}")
    return [Option(label=r["name"], value=r["name"]) for r in rows_of(answer) if r.get("name")]


async def _warehouse_options(ctx):
    answer = await run_sql(ctx, "SHOW WAREHOUSES")
    return OptionsPage(options=[Option(label=r["name"], value=r["name"]) for r in rows_of(answer) if r.get("name")])


app.define(
    "warehouse",
    props.string(
        "Warehouse",
        "The virtual warehouse that runs the SQL, e.g. `COMPUTE_WH` (Snowsight: Admin > Warehouses); the user's "
        "default when empty.",
        options=_warehouse_options,
        optional=True,
    ),
)

app.define(
    "database",
    props.string(
        "Database",
        "A database name, e.g. `SALES`, from snowflake-list-databases.",
        options=_database_options,
    ),
)

app.define(
    "schema",
    props.string(
        "Schema",
        "A schema name in the database, e.g. `PUBLIC`, from snowflake-list-schemas.",
        options=_schema_options,
    ),
)

app.define(
    "table",
    props.string(
        "Table",
        "A table or view name in the schema, e.g. `ORDERS`, from snowflake-list-tables.",
        options=_table_options,
    ),
)

app.define(
    "role",
    props.string("Role", "The role to run as, e.g. `ANALYST`; the user's default role when empty.", optional=True),
)

app.define(
    "statementHandle",
    props.string(
        "Statement Handle",
        "The `statement_handle` snowflake-run-statement returned, e.g. `01b2c3d4-0000-1a2b-0000-0001a2b3c4d5`.",
    ),
)
