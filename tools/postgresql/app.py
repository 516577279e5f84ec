"""PostgreSQL: run SQL and read or change rows in a user's own database.

Every run opens one connection from the account's fields (`connect(ctx)`), with a
connect timeout and a server-side statement timeout, and closes it when done.

Values never go into SQL text: they are bound as parameters of a prepared
statement, coerced from JSON to the type PostgreSQL expects for each placeholder
(so `"42"` works for an integer column and `"2024-05-01T10:00:00Z"` for a
timestamp). Table and column names are quoted with `quote_ident`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
import math
import re
import socket
import ssl
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import asyncpg

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, props

CONNECT_TIMEOUT = 10.0  # seconds to open the connection (TCP, TLS, authentication)
STATEMENT_TIMEOUT = 20.0  # seconds one statement may run on the server (statement_timeout)
CLOSE_TIMEOUT = 5.0
MAX_ROWS = 1000  # rows returned by one run; the summary says when there were more
SSL_MODES = ("disable", "require", "verify-full")
DEFAULT_SSL_MODE = "require"

# Schemas PostgreSQL keeps for itself; user schemas may not start with `pg_`.
_USER_SCHEMAS = "{col} <> 'information_schema' AND {col} !~ '^pg_'"


async def _account_test(ctx: Any) -> Identity:
    """Connect as the actions do and run one query; a wrong password or host raises `ActionError`."""
    settings = connection_settings(ctx.auth)
    async with connect(ctx) as conn:
        row = await conn.fetchrow("SELECT current_user, version()")
    port = "" if settings.port == 5432 else f":{settings.port}"
    return Identity(name=f"{row[0]}@{settings.host}{port}/{settings.database}")


app = App(
    "postgresql",
    "PostgreSQL",
    "Query and change data in a PostgreSQL database: run SQL with parameters, find, insert, "
    "update, upsert and delete rows, and read the database schema.",
    auth=Keys(
        fields=[
            KeyField("host", "Host", "The server's host name or IP address, e.g. `db.example.com`.", secret=False),
            KeyField("port", "Port", "The server's port.", secret=False, optional=True, default="5432"),
            KeyField("user", "User", "The database user to connect as.", secret=False),
            KeyField("password", "Password", "The user's password.", secret=True),
            KeyField("database", "Database", "The name of the database to connect to.", secret=False),
            KeyField(
                "sslmode",
                "SSL Mode",
                "`require` (the default): encrypt the connection without verifying the server "
                "certificate, which works with managed databases whose certificates come from a "
                "private CA. `verify-full`: encrypt and verify the certificate and host name "
                "against the system's trusted CAs. `disable`: no encryption, for servers without "
                "SSL on a trusted network.",
                secret=False,
                optional=True,
                default=DEFAULT_SSL_MODE,
            ),
        ]
    ),
    categories=["Databases", "Developer Tools"],
    featured_weight=50,
    test=_account_test,
)


# Connecting


@dataclass(frozen=True, slots=True)
class ConnectionSettings:
    host: str
    port: int
    user: str
    password: str
    database: str
    sslmode: str

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}/{self.database} as user {self.user!r}"

    def scrub(self, text: str) -> str:
        """Remove the password from a message, should a driver or server ever echo it."""
        if self.password and len(self.password) >= 3:
            text = text.replace(self.password, "[redacted]")
        return text


def connection_settings(auth: Mapping[str, Any]) -> ConnectionSettings:
    """The account's fields, checked, with defaults filled in."""

    def field(name: str, default: str | None = None) -> str:
        value = auth.get(name)
        value = default if value in (None, "") else str(value).strip()
        if not value:
            raise ActionError(f"the PostgreSQL account has no {name}; reconnect the account and fill in {name}")
        return value

    host = field("host")
    port_text = field("port", "5432")
    try:
        port = int(port_text)
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        raise ActionError(f"the PostgreSQL account's port {port_text!r} is not a port number (1-65535)") from None
    sslmode = str(auth.get("sslmode") or auth.get("ssl_verification_mode") or DEFAULT_SSL_MODE).strip().lower()
    sslmode = sslmode.replace("_", "-")
    if sslmode not in SSL_MODES:
        raise ActionError(
            f"the PostgreSQL account's sslmode {sslmode!r} is not one of {', '.join(SSL_MODES)}"
        )
    return ConnectionSettings(
        host=host,
        port=port,
        user=field("user"),
        # Always a string: with None asyncpg would fall back to $PGPASSWORD or the
        # gateway's own ~/.pgpass, which are not the account's credentials.
        password=str(auth.get("password") or ""),
        database=field("database"),
        sslmode=sslmode,
    )


@asynccontextmanager
async def connect(ctx: Any) -> AsyncIterator[asyncpg.Connection]:
    """One connection from the account in `ctx.auth`, closed on the way out.

    Errors from the driver or the server, raised while connecting or inside the
    block, come out as `ActionError` with a message saying what to change, and
    never with the password in it.
    """
    settings = connection_settings(ctx.auth)
    try:  # the gateway's egress policy decides on the addresses the host resolves to
        dial = await ctx.egress.dial_address(settings.host, settings.port, tls_verifies_name=settings.sslmode == "verify-full")
    except OSError as exc:
        raise connect_error(exc, settings) from None
    try:
        conn = await asyncpg.connect(
            host=dial,
            port=settings.port,
            user=settings.user,
            password=settings.password,
            database=settings.database,
            ssl=False if settings.sslmode == "disable" else settings.sslmode,
            timeout=CONNECT_TIMEOUT,
            # A backstop for the server-side timeout: the client cancels the statement.
            command_timeout=STATEMENT_TIMEOUT + 5,
            # No named statements are cached: a run prepares each statement once, and
            # unnamed statements also work through PgBouncer in transaction mode.
            statement_cache_size=0,
            server_settings={
                "application_name": "mcp-gateway",
                "statement_timeout": str(int(STATEMENT_TIMEOUT * 1000)),
            },
        )
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message to act on
        raise connect_error(exc, settings) from None
    try:
        yield conn
    except asyncio.CancelledError:
        conn.terminate()
        raise
    except asyncpg.PostgresError as exc:
        raise query_error(exc, settings) from None
    except asyncpg.InterfaceError as exc:
        raise ActionError(settings.scrub(f"PostgreSQL client error: {exc}")) from None
    except TimeoutError:
        raise ActionError(
            f"the statement did not finish within {STATEMENT_TIMEOUT + 5:g} s and was cancelled; "
            "narrow the query (WHERE, LIMIT) or add an index"
        ) from None
    except OSError as exc:
        raise ActionError(settings.scrub(f"lost the connection to PostgreSQL at {settings.where}: {exc}")) from None
    finally:
        if not conn.is_closed():
            try:
                await conn.close(timeout=CLOSE_TIMEOUT)
            except Exception:  # noqa: BLE001
                conn.terminate()


def connect_error(exc: BaseException, settings: ConnectionSettings) -> ActionError:
    where = f"could not connect to PostgreSQL at {settings.where}"
    if isinstance(exc, asyncpg.InvalidAuthorizationSpecificationError) and "pg_hba.conf" in str(exc):
        hint = "the server does not accept connections from this gateway's address for this user and database"
    elif isinstance(exc, asyncpg.InvalidAuthorizationSpecificationError):
        hint = "check the user and password of the connected account"
    elif isinstance(exc, asyncpg.InvalidCatalogNameError):
        hint = "check the database name of the connected account"
    elif isinstance(exc, asyncpg.PostgresError):
        hint = "the server refused the connection"
    elif isinstance(exc, TimeoutError):
        return ActionError(
            f"{where}: no answer within {CONNECT_TIMEOUT:g} s (check the host and port, and that the "
            "server accepts connections from this gateway)"
        )
    elif isinstance(exc, ssl.SSLCertVerificationError):
        hint = (
            "the server's certificate could not be verified; with sslmode verify-full it must be signed by "
            "a trusted CA for this host name, or use sslmode require to encrypt without verifying"
        )
    elif isinstance(exc, ConnectionError) and "SSL" in str(exc):
        hint = "the server does not accept SSL; set the account's sslmode to disable if that is expected"
    elif isinstance(exc, socket.gaierror):
        hint = "the host name could not be resolved; check the host of the connected account"
    elif isinstance(exc, OSError):
        hint = "check the host and port, and that the server accepts connections from this gateway"
    else:
        hint = "check the connection details of the account"
    return ActionError(settings.scrub(f"{where}: {_exc_text(exc)} ({hint})"))


def query_error(exc: asyncpg.PostgresError, settings: ConnectionSettings) -> ActionError:
    """A server error as a message: what PostgreSQL said, its detail and hint, and the SQLSTATE."""
    parts = [f"PostgreSQL error: {exc.args[0] if exc.args else exc}"]
    detail = getattr(exc, "detail", None)
    hint = getattr(exc, "hint", None)
    position = getattr(exc, "position", None)
    if position:
        parts.append(f"at character {position} of the query")
    if detail:
        parts.append(f"detail: {detail}")
    if hint:
        parts.append(f"hint: {hint}")
    sqlstate = getattr(exc, "sqlstate", None)
    if sqlstate == "57014" and "statement timeout" in str(exc):
        parts.append(f"the statement ran past the {STATEMENT_TIMEOUT:g} s limit; narrow it (WHERE, LIMIT) or add an index")
    elif sqlstate == "25006":
        parts.append("this action only reads; use postgresql-execute-custom-query to change data")
    elif "multiple commands into a prepared statement" in str(exc):
        parts.append("send one statement per call")
    elif isinstance(exc, asyncpg.DataError) and "query argument" in str(exc):
        parts.append("pass a value of the column's type, or cast the placeholder in SQL, e.g. `$1::text::interval`")
    message = "; ".join(parts)
    if sqlstate:
        message += f" (SQLSTATE {sqlstate})"
    return ActionError(settings.scrub(message))


def _exc_text(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if isinstance(exc, asyncpg.PostgresError) else f"{type(exc).__name__}: {text}"


# Identifiers


def quote_ident(name: str) -> str:
    """A table, column or schema name as a quoted SQL identifier."""
    if not isinstance(name, str) or not name:
        raise ActionError(f"{name!r} is not a valid table or column name")
    if "\x00" in name:
        raise ActionError(f"{name!r}: names cannot contain NUL characters")
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Table:
    schema: str
    name: str
    oid: int = 0

    @property
    def sql(self) -> str:
        return f"{quote_ident(self.schema)}.{quote_ident(self.name)}"

    def __str__(self) -> str:
        return f"{self.schema}.{self.name}"


async def resolve_table(conn: asyncpg.Connection, table: str, schema: str | None = None) -> Table:
    """Find the table meant by the `table` (and `schema`) props.

    `table` is a name in `schema` (default `public`), or `schema.table` as the table
    options list them. A name with dots of its own is tried whole first.
    """
    if not isinstance(table, str) or not table.strip():
        raise ActionError("table: give a table name, e.g. `users` or `sales.orders`")
    schema = schema or "public"
    candidates = [(schema, table)]
    for i, ch in enumerate(table):
        if ch == "." and 0 < i < len(table) - 1:
            candidates.append((table[:i], table[i + 1 :]))
    found = await conn.fetch(
        """
        SELECT cand.s, cand.t, c.oid
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS cand(s, t, i)
        JOIN pg_catalog.pg_namespace n ON n.nspname = cand.s
        JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = cand.t
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
        ORDER BY cand.i
        """,
        [s for s, _ in candidates],
        [t for _, t in candidates],
    )
    if found:
        return Table(found[0][0], found[0][1], found[0][2])
    known = await conn.fetch(
        f"""
        SELECT table_schema, table_name FROM information_schema.tables
        WHERE {_USER_SCHEMAS.format(col="table_schema")}
        ORDER BY table_schema <> $1, table_schema, table_name LIMIT 30
        """,
        schema,
    )
    listing = ", ".join(f"{r[0]}.{r[1]}" for r in known) or "none"
    raise ActionError(
        f"table {table!r} was not found in schema {schema!r}; tables this account can see include: {listing}"
    )


# Parameters: JSON values in, the Python types asyncpg binds out


_INT_TYPES = {"int2", "int4", "int8", "oid"}
_FLOAT_TYPES = {"float4", "float8"}
_TEXT_TYPES = {"text", "varchar", "bpchar", "char", "name", "citext", "xml", "unknown"}
_BOOLS = {"true": True, "t": True, "yes": True, "y": True, "on": True, "1": True,
          "false": False, "f": False, "no": False, "n": False, "off": False, "0": False}
_INT_TEXT = re.compile(r"[+-]?\d+")


def bind_args(stmt: Any, params: Sequence[Any]) -> list[Any]:
    """`params` checked against the statement's placeholders and coerced to their types."""
    types = stmt.get_parameters()
    if len(types) != len(params):
        placeholders = f"$1..${len(types)}" if len(types) > 1 else ("$1" if types else "no placeholders")
        raise ActionError(
            f"the query has {len(types)} placeholder{'s' if len(types) != 1 else ''} ({placeholders}) "
            f"but {len(params)} param{'s were' if len(params) != 1 else ' was'} given; pass one value per placeholder"
        )
    return [coerce(value, t.name, t.schema) for value, t in zip(params, types)]


def coerce(value: Any, type_name: str, type_schema: str = "pg_catalog") -> Any:
    """Turn a JSON value into what asyncpg expects for a PostgreSQL type.

    Values that cannot be converted are passed on unchanged, so the driver's error
    (naming the placeholder and the expected type) reaches the caller.
    """
    if value is None:
        return None
    if type_name.endswith("[]"):
        if isinstance(value, (list, tuple)):
            return [coerce(v, type_name[:-2], type_schema) for v in value]
        return value
    try:
        if type_name in _INT_TYPES:
            if isinstance(value, str) and _INT_TEXT.fullmatch(value.strip()):
                return int(value.strip())
            if isinstance(value, float) and value.is_integer():
                return int(value)
        elif type_name in _FLOAT_TYPES:
            if isinstance(value, str):
                return float(value.strip())
        elif type_name == "numeric":
            if isinstance(value, (int, float, str)) and not isinstance(value, bool):
                return Decimal(str(value).strip())
        elif type_name == "bool":
            if isinstance(value, str) and value.strip().lower() in _BOOLS:
                return _BOOLS[value.strip().lower()]
            if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
                return bool(value)
        elif type_name in ("json", "jsonb"):
            # A string is taken as JSON text already; anything else is serialized.
            if not isinstance(value, str):
                return json.dumps(value)
        elif type_name == "date":
            if isinstance(value, str):
                text = value.strip()
                try:
                    return dt.date.fromisoformat(text)
                except ValueError:
                    return dt.datetime.fromisoformat(text).date()
        elif type_name == "timestamp":
            if isinstance(value, str):
                # Like PostgreSQL's cast to `timestamp`, an offset in the text is ignored.
                return dt.datetime.fromisoformat(value.strip()).replace(tzinfo=None)
        elif type_name == "timestamptz":
            if isinstance(value, str):
                parsed = dt.datetime.fromisoformat(value.strip())
                return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
        elif type_name in ("time", "timetz"):
            if isinstance(value, str):
                return dt.time.fromisoformat(value.strip())
        elif type_name == "interval":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return dt.timedelta(seconds=value)
        elif type_name == "bytea":
            if isinstance(value, str):
                return bytes.fromhex(value[2:]) if value.startswith("\\x") else value.encode()
        elif type_name == "uuid":
            if isinstance(value, str):
                return uuid.UUID(value.strip())
        elif type_name in _TEXT_TYPES or type_schema != "pg_catalog":
            # Text columns, and user types such as enums, take text.
            if isinstance(value, bool):
                return "true" if value else "false"
            if isinstance(value, (int, float)):
                return str(value)
            if isinstance(value, (dict, list)) and type_name in _TEXT_TYPES:
                return json.dumps(value)
    except (ValueError, ArithmeticError, InvalidOperation):
        return value
    return value


# Results: records out as JSON-safe dicts


def to_json(value: Any, type_name: str = "") -> Any:
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, str):
        if type_name in ("json", "jsonb"):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, Decimal):
        return str(value)  # as text, so no precision is lost
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "\\x" + bytes(value).hex()
    if isinstance(value, asyncpg.Record):  # a composite value
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, asyncpg.Range):
        if value.isempty:
            return "empty"
        lower = "" if value.lower is None else to_json(value.lower)
        upper = "" if value.upper is None else to_json(value.upper)
        return f"{'[' if value.lower_inc else '('}{lower},{upper}{']' if value.upper_inc else ')'}"
    if isinstance(value, (list, tuple)):
        element = type_name[:-2] if type_name.endswith("[]") else ""
        return [to_json(v, element) for v in value]
    if isinstance(value, (uuid.UUID, ipaddress.IPv4Address, ipaddress.IPv6Address,
                          ipaddress.IPv4Network, ipaddress.IPv6Network,
                          ipaddress.IPv4Interface, ipaddress.IPv6Interface)):
        return str(value)
    if hasattr(value, "as_string"):  # asyncpg BitString
        return value.as_string()
    return str(value)


def rows_to_json(attributes: Sequence[Any], records: Sequence[Any], skip: int = 0) -> list[dict[str, Any]]:
    """Records as dicts keyed by column name; a repeated name gets `_2`, `_3`... appended."""
    names: list[str] = []
    for attribute in attributes[skip:]:
        name, n = attribute.name, 2
        while name in names:
            name, n = f"{attribute.name}_{n}", n + 1
        names.append(name)
    types = [a.type.name for a in attributes[skip:]]
    return [
        {name: to_json(value, type_name) for name, type_name, value in zip(names, types, list(record)[skip:])}
        for record in records
    ]


@dataclass(slots=True)
class QueryResult:
    rows: list[dict[str, Any]]
    truncated: bool  # more than MAX_ROWS rows: only the first MAX_ROWS are in `rows`
    status: str | None  # the command tag, e.g. `INSERT 0 1`, when known

    def describe(self) -> str:
        n = len(self.rows)
        if self.truncated:
            return f"Returned the first {n} rows; there were more (add LIMIT/OFFSET or a narrower WHERE to page)"
        if n or not self.status or self.status.startswith("SELECT"):
            return f"Returned {plural(n, 'row')}"
        return f"Executed: {self.status}"


async def run_query(conn: asyncpg.Connection, query: str, params: Sequence[Any] = ()) -> QueryResult:
    """Run one statement as a prepared statement with bound `params`.

    Statements that return rows run through a portal, so at most MAX_ROWS + 1 rows
    are read however many there are; those need a transaction, which is opened
    unless one is already open (and commits at the end).
    """
    stmt = await conn.prepare(query)
    args = bind_args(stmt, params)
    attributes = stmt.get_attributes()
    if not attributes:
        await stmt.fetch(*args)
        return QueryResult([], False, stmt.get_statusmsg())
    if conn.is_in_transaction():
        records = await (await stmt.cursor(*args)).fetch(MAX_ROWS + 1)
    else:
        async with conn.transaction():
            records = await (await stmt.cursor(*args)).fetch(MAX_ROWS + 1)
    truncated = len(records) > MAX_ROWS
    return QueryResult(rows_to_json(attributes, records[:MAX_ROWS]), truncated, None)


async def fetch_json(conn: asyncpg.Connection, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """All rows of a statement that returns a bounded number of them (LIMIT 1, one INSERT...)."""
    stmt = await conn.prepare(query)
    records = await stmt.fetch(*bind_args(stmt, params))
    return rows_to_json(stmt.get_attributes(), records)


async def run_counted(conn: asyncpg.Connection, dml: str, params: Sequence[Any]) -> tuple[int, list[dict[str, Any]]]:
    """Run an UPDATE/DELETE ... RETURNING *: how many rows it changed, and the first MAX_ROWS of them."""
    stmt = await conn.prepare(
        f"WITH changed AS ({dml}) SELECT count(*) OVER (), changed.* FROM changed LIMIT {int(MAX_ROWS)}"
    )
    records = await stmt.fetch(*bind_args(stmt, params))
    count = records[0][0] if records else 0
    return count, rows_to_json(stmt.get_attributes(), records, skip=1)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def where_equals(column: str, value: Any, placeholder: int) -> tuple[str, list[Any]]:
    """`"column" = $n`, or `IS NULL` for a null value (which `=` would never match)."""
    if value is None:
        return f"{quote_ident(column)} IS NULL", []
    return f"{quote_ident(column)} = ${placeholder}", [value]


def check_row_values(values: Any) -> dict[str, Any]:
    if not isinstance(values, Mapping):
        raise ActionError("rowValues must be an object of column name to value, e.g. {\"name\": \"Ada\"}")
    return dict(values)


# Remote options and schema information


async def schema_options(ctx: Any) -> list[str]:
    async with connect(ctx) as conn, conn.transaction(readonly=True):
        rows = await conn.fetch(
            f"SELECT nspname FROM pg_catalog.pg_namespace WHERE {_USER_SCHEMAS.format(col='nspname')} ORDER BY nspname"
        )
    return [r[0] for r in rows]


async def table_options(ctx: Any) -> list[Option]:
    async with connect(ctx) as conn, conn.transaction(readonly=True):
        rows = await conn.fetch(
            f"""
            SELECT table_schema, table_name FROM information_schema.tables
            WHERE {_USER_SCHEMAS.format(col="table_schema")}
            ORDER BY table_schema <> 'public', table_schema, table_name
            """
        )
    return [Option(label=f"{s}.{t}", value=f"{s}.{t}") for s, t in rows]


async def column_options(ctx: Any) -> list[Option]:
    table = ctx.props.get("table")
    if not table:
        raise ActionError("choose a table first: the column options are the columns of the `table` prop")
    async with connect(ctx) as conn, conn.transaction(readonly=True):
        resolved = await resolve_table(conn, table, ctx.props.get("schema"))
        rows = await conn.fetch(
            """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """,
            resolved.oid,
        )
    return [Option(label=f"{name} ({type_})", value=name) for name, type_ in rows]


async def database_schema(conn: asyncpg.Connection) -> dict[str, Any]:
    """Every table's columns, keyed by table name (`schema.table` outside `public`)."""
    rows = await conn.fetch(
        f"""
        SELECT table_schema, table_name, column_name, is_nullable, data_type, column_default
        FROM information_schema.columns
        WHERE {_USER_SCHEMAS.format(col="table_schema")}
        ORDER BY table_schema <> 'public', table_schema, table_name, ordinal_position
        """
    )
    info: dict[str, Any] = {}
    for schema, table, column, nullable, data_type, default in rows:
        key = table if schema == "public" else f"{schema}.{table}"
        entry = info.setdefault(key, {"metadata": {}, "schema": {}})
        entry["schema"][column] = {
            "tableName": table,
            "columnName": column,
            "isNullable": nullable,
            "dataType": data_type,
            "columnDefault": default,
        }
    return info


async def db_info_options(ctx: Any) -> OptionsPage:
    """Options of a `sql` prop: none, and the schema as `context.dbInfo`."""
    async with connect(ctx) as conn, conn.transaction(readonly=True):
        info = await database_schema(conn)
    return OptionsPage([], context={"dbInfo": info})


# Shared props

app.define(
    "schema",
    props.string(
        "Schema",
        "The schema the table is in.",
        optional=True,
        default="public",
        options=schema_options,
    ),
)
app.define(
    "table",
    props.string(
        "Table",
        "The table, as `schema.table` (how the options list it) or a name in the `schema` prop's schema.",
        options=table_options,
    ),
)
app.define(
    "column",
    props.string(
        "Column",
        "A column of the table.",
        options=column_options,
    ),
)
app.define(
    "rowValues",
    props.obj(
        "Row Values",
        "An object of column name to value, e.g. `{\"name\": \"Ada\", \"age\": 36}`. Values are converted to "
        "the column types (numbers and ISO dates may be given as strings); objects and arrays go into "
        "json/jsonb and array columns.",
    ),
)
