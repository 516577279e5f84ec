"""MySQL: run SQL and read or change rows in a user's own MySQL or MariaDB database.

Every run opens one connection from the account's fields (`connect(ctx)`), with a
connect timeout and a server-side statement timeout, and closes it when done. A run
stopped early (by the gateway's timeout) has its server session killed.

Queries use `?` placeholders. Values never go into SQL text unescaped: each one is
escaped by the driver for the connection's character set and SQL mode, after being
converted from JSON to what the column expects where the column is known (so `"42"`
works for an integer column and `"2024-05-01T10:00:00Z"` for a DATETIME). The
connection refuses multiple statements in one query. Table and column names are
quoted with backticks by `quote_ident`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import math
import os
import re
import socket
import ssl
import struct
import tempfile
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

import aiomysql
import pymysql
from pymysql.constants import CLIENT, COMMAND, FIELD_TYPE, SERVER_STATUS

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, props

CONNECT_TIMEOUT = 10.0  # seconds to open the connection (TCP, TLS, authentication, session setup)
STATEMENT_TIMEOUT = 20.0  # seconds one statement may run on the server
CLOSE_TIMEOUT = 5.0
MAX_ROWS = 1000  # rows returned by one run; the summary says when there were more
MAX_INSERT_ROWS = 1000  # rows one insert-rows call may add
PAGE_SIZE = 200  # table and procedure options per page
SSL_MODES = ("disabled", "preferred", "required", "verify_ca", "verify_identity")
DEFAULT_SSL_MODE = "preferred"


async def _account_test(ctx: Any) -> Identity:
    """Connect as the actions do and run one query; a wrong password or host raises `ActionError`."""
    settings = connection_settings(ctx.auth)
    async with connect(ctx) as session:
        rows = await session.fetch_all("SELECT CURRENT_USER()")
    port = "" if settings.port == 3306 else f":{settings.port}"
    account = str(rows[0][0]) if rows else settings.user
    return Identity(name=f"{account.split('@')[0]}@{settings.host}{port}/{settings.database}")


app = App(
    "mysql",
    "MySQL",
    "Query and change data in a MySQL or MariaDB database: run SQL with parameters, find, insert, "
    "update, upsert and delete rows, call stored procedures, create tables and read the database schema.",
    auth=Keys(
        fields=[
            KeyField("host", "Host", "The server's host name or IP address, e.g. `db.example.com`.", secret=False),
            KeyField("port", "Port", "The server's port.", secret=False, optional=True, default="3306"),
            KeyField("username", "Username", "The MySQL user to connect as.", secret=False),
            KeyField("password", "Password", "The user's password.", secret=True),
            KeyField("database", "Database", "The name of the database (schema) to use.", secret=False),
            KeyField(
                "ssl_mode",
                "SSL Mode",
                "`preferred` (the default, as in MySQL's own clients): encrypt when the server supports it, "
                "without verifying its certificate. `required`: always encrypt, without verifying. "
                "`verify_ca`: encrypt and verify the certificate against the CA certificate below, or the "
                "system's trusted CAs. `verify_identity`: like verify_ca, and the certificate must also be "
                "for the host name. `disabled`: no encryption.",
                secret=False,
                optional=True,
                default=DEFAULT_SSL_MODE,
            ),
            KeyField(
                "ca",
                "CA Certificate",
                "The PEM text of the CA certificate that signed the server's certificate, for servers with "
                "a private CA (e.g. Amazon RDS or Azure bundles). With it, the certificate is always verified.",
                secret=False,
                optional=True,
            ),
            KeyField(
                "cert",
                "Client Certificate",
                "The PEM text of a client certificate, for servers that require one (used with Client Key).",
                secret=False,
                optional=True,
            ),
            KeyField("key", "Client Key", "The PEM text of the client certificate's private key.", secret=True, optional=True),
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
    ssl_mode: str
    ca: str | None = None
    cert: str | None = None
    key: str | None = None
    # The address to connect to, once the egress policy has passed it; `host` is for messages.
    dial: str | None = None

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}/{self.database} as user {self.user!r}"

    def scrub(self, text: str) -> str:
        """Remove the password from a message, should a driver or server ever echo it."""
        if self.password and len(self.password) >= 3:
            text = text.replace(self.password, "[redacted]")
        return text


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes", "on")


def connection_settings(auth: Mapping[str, Any]) -> ConnectionSettings:
    """The account's fields, checked, with defaults filled in."""

    def field_(name: str, default: str | None = None, *aliases: str) -> str:
        value = next((auth.get(n) for n in (name, *aliases) if auth.get(n) not in (None, "")), None)
        value = default if value is None else str(value).strip()
        if not value:
            raise ActionError(f"the MySQL account has no {name}; reconnect the account and fill in {name}")
        return value

    host = field_("host")
    port_text = field_("port", "3306")
    try:
        port = int(port_text)
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        raise ActionError(f"the MySQL account's port {port_text!r} is not a port number (1-65535)") from None
    ca = str(auth.get("ca") or "").strip() or None
    mode = str(auth.get("ssl_mode") or auth.get("sslmode") or "").strip().lower().replace("-", "_")
    if not mode:
        # Accounts with the fields of other MySQL integrations: a CA means verify against it.
        if ca and not (auth.get("reject_unauthorized") is not None and not _truthy(auth["reject_unauthorized"])):
            mode = "verify_identity" if _truthy(auth.get("verify_identity")) else "verify_ca"
        else:
            mode = DEFAULT_SSL_MODE
    if mode not in SSL_MODES:
        raise ActionError(f"the MySQL account's ssl_mode {mode!r} is not one of {', '.join(SSL_MODES)}")
    return ConnectionSettings(
        host=host,
        port=port,
        user=field_("username", None, "user"),
        password=str(auth.get("password") or ""),
        database=field_("database"),
        ssl_mode=mode,
        ca=ca,
        cert=str(auth.get("cert") or "").strip() or None,
        key=str(auth.get("key") or "").strip() or None,
    )


def ssl_context(settings: ConnectionSettings) -> ssl.SSLContext | None:
    """The TLS settings for `ssl_mode`; None for `disabled`."""
    mode = settings.ssl_mode
    if mode == "disabled":
        return None
    if settings.ca and mode in ("preferred", "required"):
        mode = "verify_ca"  # as MySQL's clients do when given a CA
    try:
        if mode in ("preferred", "required"):
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        else:
            context = ssl.create_default_context(cadata=settings.ca) if settings.ca else ssl.create_default_context()
            context.check_hostname = mode == "verify_identity"
            context.verify_mode = ssl.CERT_REQUIRED
    except ssl.SSLError as exc:
        raise ActionError(f"the MySQL account's CA certificate could not be read: {exc}; paste the PEM text") from None
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if settings.cert or settings.key:
        if not (settings.cert and settings.key):
            raise ActionError("the MySQL account has only one of Client Certificate and Client Key; give both or neither")
        _load_client_certificate(context, settings.cert, settings.key)
    return context


def _load_client_certificate(context: ssl.SSLContext, cert: str, key: str) -> None:
    # The ssl module reads certificates from files only: write them briefly to a private directory.
    with tempfile.TemporaryDirectory(prefix="mcp-gateway-mysql-") as directory:
        cert_path, key_path = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
        for path, text in ((cert_path, cert), (key_path, key)):
            with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
                f.write(text if text.endswith("\n") else text + "\n")
        try:
            context.load_cert_chain(cert_path, key_path)
        except (ssl.SSLError, ValueError) as exc:
            raise ActionError(f"the MySQL account's client certificate or key could not be read: {exc}") from None


class _Cursor(aiomysql.SSCursor):
    """An unbuffered cursor (rows are read as they are needed) that keeps the server's
    warnings for the caller instead of raising Python warnings."""

    server_warnings: list[tuple[Any, ...]]

    async def _show_warnings(self, conn: Any) -> None:
        if self._result and self._result.has_next:
            return
        self.server_warnings = list(await conn.show_warnings() or [])

    async def nextset(self) -> bool | None:
        # The driver reads the result sets after the first one into memory, where this
        # cursor's fetch methods do not look; read them unbuffered like the first.
        conn = self._get_db()
        current = self._result
        if current is None or current is not conn._result or not current.has_next:
            return None
        self._result = None
        self._clear_result()
        await conn._read_query_result(unbuffered=True)
        await self._do_get_result()
        return True


class _QuietCursor(aiomysql.Cursor):
    """A buffered cursor for the app's own queries, which have no warnings worth reading."""

    async def _show_warnings(self, conn: Any) -> None:
        return None


@dataclass(slots=True)
class Outcome:
    """What one statement produced: result sets (each capped by MAX_ROWS in all) or counts."""

    result_sets: list[list[dict[str, Any]]] = field(default_factory=list)
    truncated: bool = False  # more than MAX_ROWS rows: the rest were not read
    affected_rows: int = 0
    insert_id: int | None = None
    info: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[dict[str, Any]]:
        return self.result_sets[0] if self.result_sets else []

    def describe(self) -> str:
        n = sum(len(s) for s in self.result_sets)
        if self.truncated:
            return f"Returned the first {n} rows; there were more (add LIMIT/OFFSET or a narrower WHERE to page)"
        if len(self.result_sets) > 1:
            return f"Returned {len(self.result_sets)} result sets with {plural(n, 'row')}"
        if self.result_sets:
            return f"Returned {plural(n, 'row')}"
        text = f"Executed: {plural(self.affected_rows, 'row')} affected"
        if self.insert_id:
            text += f", insert id {self.insert_id}"
        return text

    def header(self) -> dict[str, Any]:
        """The result of a statement without rows, as MySQL reports it."""
        return {
            "affectedRows": self.affected_rows,
            "insertId": self.insert_id,
            "info": self.info,
            "warnings": self.warnings,
        }


class Session:
    """One open connection, and the queries the actions run on it."""

    def __init__(self, conn: aiomysql.Connection, settings: ConnectionSettings) -> None:
        self.conn = conn
        self.settings = settings
        self.mariadb = "mariadb" in (conn.get_server_info() or "").lower()
        self.thread_id = conn.thread_id()
        self.abandoned = False  # a result was left unread: close the socket instead of saying goodbye

    @property
    def backslash_escapes(self) -> bool:
        """Whether `\\` escapes a quote in string literals (unless sql_mode has NO_BACKSLASH_ESCAPES)."""
        return not self.conn.server_status & SERVER_STATUS.SERVER_STATUS_NO_BACKSLASH_ESCAPES

    # Statements

    def bind(self, query: str, params: Sequence[Any] = ()) -> str:
        """`query` with each `?` placeholder replaced by its value, escaped for this connection."""
        pieces = split_placeholders(query, backslash_escapes=self.backslash_escapes)
        wanted = len(pieces) - 1
        if wanted != len(params):
            text = (
                f"the query has {wanted} `?` placeholder{'s' if wanted != 1 else ''} but {len(params)} "
                f"param{'s were' if len(params) != 1 else ' was'} given; pass one value per placeholder"
            )
            if wanted == 0 and re.search(r"\$\d|%s|:\w", query):
                text += " (placeholders are written `?`, e.g. `select * from users where id = ?`)"
            raise ActionError(text)
        out = [pieces[0]]
        for value, piece in zip(params, pieces[1:]):
            out.append(self.literal(value))
            out.append(piece)
        return "".join(out)

    def literal(self, value: Any) -> str:
        """A JSON value as a SQL literal: objects and arrays as JSON text, floats exactly."""
        if isinstance(value, (dict, list, tuple)):
            value = json.dumps(value, ensure_ascii=False)
        if isinstance(value, float) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise ActionError(f"{value} cannot be stored in MySQL; give a finite number or null")
            return repr(value)
        if isinstance(value, set):
            value = ",".join(sorted(str(v) for v in value))
        return self.conn.escape(value)

    async def execute(
        self,
        query: str,
        params: Sequence[Any] = (),
        *,
        json_columns: frozenset[str] = frozenset(),
        reads_only: bool | None = None,
    ) -> Outcome:
        """Run one statement and read its results: at most MAX_ROWS rows over all result sets.

        When there are more rows, a statement that only reads is abandoned (the connection is
        closed without reading the rest); any other statement has its remaining rows read and
        dropped, so that it runs to completion.
        """
        sql = self.bind(query, params)
        if reads_only is None:
            reads_only = first_keyword(query) in READ_KEYWORDS
        outcome = Outcome()
        cursor = await self.conn.cursor(_Cursor)
        cursor.server_warnings = []
        async with asyncio.timeout(STATEMENT_TIMEOUT + 5):
            await cursor.execute(sql)
            budget = MAX_ROWS
            while True:
                if cursor.description:
                    records = await cursor.fetchmany(budget + 1)
                    if len(records) > budget:
                        outcome.truncated = True
                        records = records[:budget]
                    outcome.result_sets.append(rows_to_json(cursor.description, records, json_columns))
                    budget -= len(records)
                    if outcome.truncated:
                        break
                else:
                    outcome.affected_rows += max(cursor.rowcount, 0)
                    outcome.insert_id = cursor.lastrowid or outcome.insert_id
                    outcome.info = _info(cursor) or outcome.info
                if not await cursor.nextset():
                    break
            if outcome.truncated:
                if reads_only:
                    self.abandoned = True
                else:
                    await cursor.close()
            outcome.warnings = [str(w[-1]) for w in cursor.server_warnings][:10]
        return outcome

    async def fetch_all(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of one of the app's own small queries (schema lookups), as tuples."""
        cursor = await self.conn.cursor(_QuietCursor)
        async with asyncio.timeout(STATEMENT_TIMEOUT + 5):
            await cursor.execute(self.bind(query, params))
            rows = await cursor.fetchall()
        return list(rows)

    @asynccontextmanager
    async def read_only(self) -> AsyncIterator[None]:
        """A READ ONLY transaction: any write in it fails (MySQL error 1792)."""
        await self.fetch_all("START TRANSACTION READ ONLY")
        yield
        if not self.abandoned:
            await self.fetch_all("COMMIT")


READ_KEYWORDS = frozenset({"SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "TABLE", "VALUES"})


def _info(cursor: Any) -> str:
    result = getattr(cursor, "_result", None)
    message = getattr(result, "message", None) or b""
    if isinstance(message, str):
        message = message.encode()
    if message and message[0] == len(message) - 1:  # sent as a length-prefixed string
        message = message[1:]
    return message.decode("utf-8", "replace").strip()


async def _open(settings: ConnectionSettings, *, setup: bool = True) -> aiomysql.Connection:
    conn = aiomysql.Connection(
        host=settings.dial or settings.host,
        port=settings.port,
        user=settings.user,
        password=settings.password,
        db=settings.database,
        charset="utf8mb4",
        autocommit=True,
        connect_timeout=CONNECT_TIMEOUT,
        ssl=ssl_context(settings),
        local_infile=False,  # never let the server read files from the gateway (LOAD DATA LOCAL)
        program_name="mcp-gateway",
    )
    try:
        async with asyncio.timeout(CONNECT_TIMEOUT):
            await conn._connect()
            if setup:
                await _setup_session(conn, settings)
    except BaseException:
        conn.close()
        raise
    return conn


async def _setup_session(conn: aiomysql.Connection, settings: ConnectionSettings) -> None:
    if settings.ssl_mode not in ("disabled", "preferred") and not conn.server_capabilities & CLIENT.SSL:
        raise _NoSSL()
    # The driver always asks for multiple statements per query; turn that off on the server
    # (COM_SET_OPTION, MYSQL_OPTION_MULTI_STATEMENTS_OFF), so a query is one statement.
    await conn._execute_command(COMMAND.COM_SET_OPTION, struct.pack("<H", 1))
    await conn._read_packet()
    mariadb = "mariadb" in (conn.get_server_info() or "").lower()
    if mariadb:
        limit = f"max_statement_time = {STATEMENT_TIMEOUT:.3f}"
    else:
        limit = f"max_execution_time = {max(1, int(STATEMENT_TIMEOUT * 1000))}"
    cursor = await conn.cursor(_QuietCursor)
    try:
        await cursor.execute(f"SET time_zone = '+00:00', SESSION {limit}")
    except pymysql.err.MySQLError as exc:
        if _errno(exc) != 1193:  # a server without statement time limits (before MySQL 5.7.8)
            raise
        await cursor.execute("SET time_zone = '+00:00'")
    await cursor.close()


class _NoSSL(Exception):
    pass


_kills: set[asyncio.Task] = set()


def _kill_later(settings: ConnectionSettings, thread_id: int) -> None:
    """Ask the server, from a new connection, to end a session whose client gave up on it."""

    async def kill() -> None:
        try:
            async with asyncio.timeout(CONNECT_TIMEOUT):
                conn = await _open(settings, setup=False)
                try:
                    await conn.kill(thread_id)
                finally:
                    conn.close()
        except Exception:  # noqa: BLE001 - best effort: the server's own timeout ends it otherwise
            pass

    task = asyncio.get_running_loop().create_task(kill())
    _kills.add(task)
    task.add_done_callback(_kills.discard)


@asynccontextmanager
async def connect(ctx: Any) -> AsyncIterator[Session]:
    """One connection from the account in `ctx.auth`, closed on the way out.

    Errors from the driver or the server, raised while connecting or inside the block,
    come out as `ActionError` with a message saying what to change, and never with the
    password in it.
    """
    settings = connection_settings(ctx.auth)
    try:  # the gateway's egress policy decides on the addresses the host resolves to
        dial = await ctx.egress.dial_address(settings.host, settings.port, tls_verifies_name=settings.ssl_mode == "verify_identity")
    except OSError as exc:
        raise connect_error(exc, settings) from None
    settings = replace(settings, dial=dial)
    try:
        conn = await _open(settings)
    except ActionError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message to act on
        raise connect_error(exc, settings) from None
    session = Session(conn, settings)
    try:
        yield session
    except asyncio.CancelledError:
        conn.close()
        _kill_later(settings, session.thread_id)
        raise
    except pymysql.err.MySQLError as exc:
        if _errno(exc) in (2013, 2006):
            raise ActionError(settings.scrub(f"lost the connection to MySQL at {settings.where}: {_message(exc)}")) from None
        raise query_error(exc, settings) from None
    except TimeoutError:
        conn.close()
        _kill_later(settings, session.thread_id)
        raise ActionError(
            f"the statement did not finish within {STATEMENT_TIMEOUT + 5:g} s and was stopped; "
            "narrow the query (WHERE, LIMIT) or add an index"
        ) from None
    except OSError as exc:
        raise ActionError(settings.scrub(f"lost the connection to MySQL at {settings.where}: {exc}")) from None
    finally:
        if session.abandoned:
            conn.close()
        elif not conn.closed:
            try:
                async with asyncio.timeout(CLOSE_TIMEOUT):
                    await conn.ensure_closed()
            except Exception:  # noqa: BLE001
                conn.close()


def connect_error(exc: BaseException, settings: ConnectionSettings) -> ActionError:
    where = f"could not connect to MySQL at {settings.where}"
    cause = exc.__cause__ or exc.__context__
    errno = _errno(exc)
    if isinstance(exc, _NoSSL):
        return ActionError(
            f"{where}: the server does not support SSL, and the account's ssl_mode is {settings.ssl_mode} "
            "(set ssl_mode to preferred or disabled if an unencrypted connection is expected)"
        )
    if isinstance(exc, TimeoutError) or isinstance(cause, TimeoutError):
        return ActionError(
            f"{where}: no answer within {CONNECT_TIMEOUT:g} s (check the host and port, and that the "
            "server accepts connections from this gateway)"
        )
    if isinstance(cause, ssl.SSLCertVerificationError):
        if "match" in str(cause).lower() or "hostname" in str(cause).lower():
            hint = (
                "the server's certificate is not for this host name; connect with the name on the certificate, "
                "or set ssl_mode to verify_ca"
            )
        else:
            hint = (
                "the server's certificate could not be verified; paste the CA certificate that signed it into the "
                "account, or set ssl_mode to required to encrypt without verifying"
            )
        return ActionError(settings.scrub(f"{where}: {cause.verify_message or cause} ({hint})"))
    if isinstance(cause, ssl.SSLError):
        return ActionError(settings.scrub(f"{where}: TLS failed: {cause} (check the account's SSL settings)"))
    if isinstance(cause, socket.gaierror):
        return ActionError(f"{where}: the host name could not be resolved (check the host of the connected account)")
    if isinstance(cause, OSError):
        return ActionError(
            settings.scrub(
                f"{where}: {type(cause).__name__}: {cause.strerror or cause} (check the host and port, and that "
                "the server accepts connections from this gateway)"
            )
        )
    if isinstance(exc, pymysql.err.MySQLError):
        hints = {
            1045: "check the username and password of the connected account",
            1044: "the user may not use this database; check the database name, or grant the user access",
            1049: "check the database name of the connected account",
            1130: "the server does not accept connections from this gateway's address for this user",
            1251: "the server wants an authentication method this client does not support",
        }
        hint = hints.get(errno or 0, "the server refused the connection")
        return ActionError(settings.scrub(f"{where}: MySQL error {errno}: {_message(exc)} ({hint})"))
    return ActionError(settings.scrub(f"{where}: {type(exc).__name__}: {exc} (check the connection details of the account)"))


_QUERY_HINTS = {
    1048: "give the column a value",
    1050: "a table with this name already exists",
    1054: "check the column name; the `sql` prop's options list the tables and columns",
    1062: "a row with this unique value already exists; use mysql-upsert-row to update it instead",
    1064: "check the SQL syntax; values go in `?` placeholders, and each call runs one statement",
    1142: "the account's user lacks this privilege on the table",
    1143: "the account's user lacks this privilege on the column",
    1146: "check the table name; the `sql` prop's options list the tables",
    1205: "another transaction holds a lock on these rows; try again",
    1213: "the statement was chosen as a deadlock victim; try again",
    1227: "the account's user lacks the privilege this statement needs",
    1264: "the value is out of range for the column's type",
    1292: "give a value of the column's type, e.g. dates as `2024-05-01` and times as `2024-05-01 10:00:00`",
    1364: "the column has no default: give it a value",
    1366: "give a value of the column's type",
    1406: "the value is longer than the column allows",
    1451: "other rows reference this row through a foreign key; delete or change those first",
    1452: "the referenced row does not exist (foreign key)",
    1792: "this action only reads; use mysql-execute-raw-query to change data",
    1969: "the statement ran past the time limit; narrow it (WHERE, LIMIT) or add an index",
    3024: "the statement ran past the time limit; narrow it (WHERE, LIMIT) or add an index",
}


def query_error(exc: pymysql.err.MySQLError, settings: ConnectionSettings) -> ActionError:
    """A server error as a message: its number, what MySQL said, and what to do about it."""
    errno = _errno(exc)
    message = f"MySQL error {errno}: {_message(exc)}" if errno else f"MySQL client error: {_message(exc)}"
    hint = _QUERY_HINTS.get(errno or 0)
    if errno in (1969, 3024):
        hint = f"the statement ran past the {STATEMENT_TIMEOUT:g} s limit; narrow it (WHERE, LIMIT) or add an index"
    if hint:
        message += f" ({hint})"
    return ActionError(settings.scrub(message))


def _errno(exc: BaseException) -> int | None:
    args = getattr(exc, "args", ())
    return args[0] if args and isinstance(args[0], int) else None


def _message(exc: BaseException) -> str:
    args = getattr(exc, "args", ())
    if len(args) >= 2:
        return str(args[1])
    return str(exc) or type(exc).__name__


# SQL text: placeholders and the first keyword


def split_placeholders(query: str, *, backslash_escapes: bool = True) -> list[str]:
    """The text between `?` placeholders, skipping quoted strings, quoted names and comments.

    Raises when the text holds more than one statement (the server refuses them too).
    """
    pieces: list[str] = []
    start = i = 0
    n = len(query)
    while i < n:
        ch = query[i]
        if ch in ("'", '"', "`"):
            i = _skip_quoted(query, i, backslash_escapes)
        elif ch == "#" or (ch == "-" and query.startswith("--", i) and (i + 2 >= n or query[i + 2] in " \t\r\n")):
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch == "/" and query.startswith("/*", i):
            end = query.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif ch == "?":
            pieces.append(query[start:i])
            start = i = i + 1
        elif ch == ";":
            rest = query[i + 1 :]
            if _strip_comments(rest).strip():
                raise ActionError("the query holds more than one statement; send one statement per call")
            i += 1
        else:
            i += 1
    pieces.append(query[start:])
    return pieces


def _skip_quoted(query: str, i: int, backslash_escapes: bool = True) -> int:
    quote = query[i]
    i += 1
    n = len(query)
    while i < n:
        ch = query[i]
        if ch == "\\" and quote != "`" and backslash_escapes:
            i += 2
        elif ch == quote:
            if i + 1 < n and query[i + 1] == quote:  # a doubled quote stands for one
                i += 2
            else:
                return i + 1
        else:
            i += 1
    return n


def _strip_comments(text: str) -> str:
    return re.sub(r"(?s)/\*.*?\*/|(?:#|--(?=\s|$))[^\n]*", "", text)


_PREAMBLE = re.compile(r"(?:\s+|(?:--(?=\s)|#)[^\n]*(?:\n|$)|/\*.*?\*/|\()*", re.S)
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def first_keyword(query: str) -> str:
    """The statement's first keyword, after whitespace, comments and opening parentheses."""
    match = _FIRST_WORD.match(query, _PREAMBLE.match(query).end())
    return match.group(0).upper() if match else ""


# Identifiers and tables


def quote_ident(name: str) -> str:
    """A table or column name as a backtick-quoted SQL identifier."""
    if not isinstance(name, str) or not name:
        raise ActionError(f"{name!r} is not a valid table or column name")
    if "\x00" in name:
        raise ActionError(f"{name!r}: names cannot contain NUL characters")
    return "`" + name.replace("`", "``") + "`"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    data_type: str  # e.g. `int`, `varchar`
    column_type: str  # e.g. `int(11) unsigned`, `varchar(100)`
    nullable: bool
    default: Any
    key: str  # PRI, UNI, MUL or empty
    extra: str  # e.g. auto_increment
    is_json: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.column_type,
            "nullable": self.nullable,
            "default": self.default,
            "key": self.key,
            "extra": self.extra,
        }


@dataclass(frozen=True, slots=True)
class Table:
    database: str
    name: str
    current: str  # the account's database
    columns: tuple[Column, ...] = ()
    unique_keys: tuple[tuple[str, ...], ...] = ()  # the primary key first, then unique indexes

    @property
    def sql(self) -> str:
        return f"{quote_ident(self.database)}.{quote_ident(self.name)}"

    def __str__(self) -> str:
        return self.name if self.database == self.current else f"{self.database}.{self.name}"

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        for column in self.columns:  # MySQL column names are case-insensitive
            if column.name.lower() == str(name).lower():
                return column
        listing = ", ".join(c.name for c in self.columns)
        raise ActionError(f"table {self} has no column {name!r}; its columns are: {listing}")

    @property
    def auto_increment(self) -> Column | None:
        return next((c for c in self.columns if "auto_increment" in c.extra.lower()), None)

    @property
    def primary_key(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.key == "PRI")

    @property
    def json_columns(self) -> frozenset[str]:
        return frozenset(c.name for c in self.columns if c.is_json)


async def current_database(session: Session) -> str:
    rows = await session.fetch_all("SELECT DATABASE()")
    return str(rows[0][0]) if rows and rows[0][0] is not None else session.settings.database


async def resolve_table(session: Session, table: Any) -> Table:
    """Find the table meant by the `table` prop, with its columns and unique keys.

    `table` is a table of the account's database, or `database.table` for another
    database the user may read. A name with dots of its own is tried whole first.
    """
    if not isinstance(table, str) or not table.strip():
        raise ActionError("table: give a table name, e.g. `users`")
    current = await current_database(session)
    candidates = [(current, table)]
    for i, ch in enumerate(table):
        if ch == "." and 0 < i < len(table) - 1:
            candidates.append((table[:i], table[i + 1 :]))
    where = " OR ".join("(TABLE_SCHEMA = ? AND TABLE_NAME = ?)" for _ in candidates)
    found = await session.fetch_all(
        f"SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE {where}",
        [part for pair in candidates for part in pair],
    )
    for schema, name in candidates:
        match = next((r for r in found if r[0] == schema and r[1] == name), None)
        match = match or next((r for r in found if r[0] == schema and str(r[1]).lower() == name.lower()), None)
        if match:
            return await describe_table(session, str(match[0]), str(match[1]), current)
    known = await session.fetch_all(
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME LIMIT 30",
        [current],
    )
    listing = ", ".join(str(r[0]) for r in known) or "none"
    raise ActionError(f"table {table!r} was not found in database {current!r}; its tables include: {listing}")


async def describe_table(session: Session, database: str, name: str, current: str) -> Table:
    rows = await session.fetch_all(
        """
        SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, COLUMN_KEY, EXTRA
        FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION
        """,
        [database, name],
    )
    json_names = await _mariadb_json_columns(session, database, name) if session.mariadb else set()
    columns = tuple(
        Column(
            name=str(r[0]),
            data_type=str(r[1]).lower(),
            column_type=str(r[2]),
            nullable=r[3] == "YES",
            default=_default(r[4], session.mariadb),
            key=str(r[5] or ""),
            extra=str(r[6] or ""),
            is_json=str(r[1]).lower() == "json" or str(r[0]) in json_names,
        )
        for r in rows
    )
    index_rows = await session.fetch_all(
        """
        SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS
        WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0
        ORDER BY INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX
        """,
        [database, name],
    )
    keys: dict[str, list[str]] = {}
    for index, column in index_rows:
        keys.setdefault(str(index), []).append(str(column))
    return Table(database, name, current, columns, tuple(tuple(k) for k in keys.values()))


async def _mariadb_json_columns(session: Session, database: str, name: str) -> set[str]:
    """MariaDB stores JSON columns as LONGTEXT with a `json_valid(column)` check."""
    rows = await session.fetch_all(
        "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?",
        [database, name],
    )
    names = set()
    for (clause,) in rows:
        match = re.fullmatch(r"\s*json_valid\(`((?:[^`]|``)+)`\)\s*", str(clause), re.I)
        if match:
            names.add(match.group(1).replace("``", "`"))
    return names


def _default(value: Any, mariadb: bool) -> Any:
    # MariaDB reports "no default" on a nullable column as the text NULL.
    if mariadb and value == "NULL":
        return None
    return value


# Values in: JSON to what a column expects

_INT_TYPES = {"tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year", "bit"}
_FLOAT_TYPES = {"float", "double", "real"}
_TEXT_TYPES = {"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum"}
_BOOLS = {"true": 1, "t": 1, "yes": 1, "y": 1, "on": 1, "false": 0, "f": 0, "no": 0, "n": 0, "off": 0}
_INT_TEXT = re.compile(r"[+-]?\d+")


def coerce(value: Any, column: Column) -> Any:
    """Turn a JSON value into what MySQL expects for a column.

    Values that cannot be converted are passed on unchanged, so the server's error
    (naming the column) reaches the caller.
    """
    if value is None:
        return None
    t = column.data_type
    try:
        if column.is_json:
            return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        if t in _INT_TYPES:
            if isinstance(value, str):
                text = value.strip()
                if _INT_TEXT.fullmatch(text):
                    return int(text)
                if text.lower() in _BOOLS:
                    return _BOOLS[text.lower()]
            if isinstance(value, float) and value.is_integer():
                return int(value)
        elif t in ("decimal", "numeric"):
            if isinstance(value, (int, float, str)) and not isinstance(value, bool):
                return Decimal(str(value).strip())
        elif t in _FLOAT_TYPES:
            if isinstance(value, str):
                return float(value.strip())
        elif t == "date":
            if isinstance(value, str):
                text = value.strip()
                try:
                    return dt.date.fromisoformat(text)
                except ValueError:
                    return dt.datetime.fromisoformat(text).date()
        elif t in ("datetime", "timestamp"):
            if isinstance(value, str):
                parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
                if parsed.tzinfo is not None:  # the session's time zone is UTC
                    parsed = parsed.astimezone(dt.timezone.utc).replace(tzinfo=None)
                return parsed
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return dt.datetime.fromtimestamp(value, dt.timezone.utc).replace(tzinfo=None)
        elif t == "set":
            if isinstance(value, (list, tuple)):
                return ",".join(str(v) for v in value)
        elif t in _TEXT_TYPES:
            if isinstance(value, (dict, list)):
                return json.dumps(value, ensure_ascii=False)
    except (ValueError, ArithmeticError, InvalidOperation, OverflowError):
        return value
    return value


def check_row_values(values: Any, name: str = "rowValues") -> dict[str, Any]:
    if not isinstance(values, Mapping):
        raise ActionError(f"{name} must be an object of column name to value, e.g. {{\"name\": \"Ada\"}}")
    return dict(values)


def row_params(table: Table, values: Mapping[str, Any]) -> tuple[list[Column], list[Any]]:
    """The columns named in `values` (checked against the table) and their coerced values."""
    columns = [table.column(name) for name in values]
    return columns, [coerce(value, column) for column, value in zip(columns, values.values())]


# Values out: rows as JSON-safe dicts


def to_json(value: Any, type_code: int | None = None, is_json: bool = False) -> Any:
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, str):
        if is_json or type_code == FIELD_TYPE.JSON:
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Decimal):
        return str(value)  # as text, so no precision is lost
    if isinstance(value, dt.datetime):
        if type_code == FIELD_TYPE.TIMESTAMP:  # stored in UTC; the session's time zone is UTC
            return value.replace(tzinfo=dt.timezone.utc).isoformat()
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):  # a TIME value: a duration, possibly negative or over 24 hours
        seconds = int(value.total_seconds())
        sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
        text = f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
        if value.microseconds:
            text += f".{abs(value).microseconds:06d}"
        return text
    if isinstance(value, (bytes, bytearray)):
        if type_code == FIELD_TYPE.BIT:
            return int.from_bytes(value, "big")
        if type_code == FIELD_TYPE.JSON:
            return to_json(bytes(value).decode("utf-8", "replace"), type_code)
        return "0x" + bytes(value).hex()
    if isinstance(value, (set, frozenset)):
        return sorted(str(v) for v in value)
    return str(value)


def rows_to_json(
    description: Sequence[Sequence[Any]], records: Sequence[Sequence[Any]], json_columns: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """Records as dicts keyed by column name; a repeated name gets `_2`, `_3`... appended."""
    names: list[str] = []
    for column in description:
        name, n = str(column[0]), 2
        while name in names:
            name, n = f"{column[0]}_{n}", n + 1
        names.append(name)
    types = [column[1] for column in description]
    flags = [str(column[0]) in json_columns for column in description]
    return [
        {name: to_json(value, type_code, is_json) for name, type_code, is_json, value in zip(names, types, flags, record)}
        for record in records
    ]


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def condition_params(condition: str, values: Any, name: str = "values") -> list[Any]:
    """The values of the condition's `?` placeholders, checked against their number."""
    if values is None:
        values = []
    if not isinstance(values, list):
        raise ActionError(f"{name} must be an array with one value per `?` in the condition, e.g. [42, \"ada@example.com\"]")
    wanted = len(split_placeholders(condition)) - 1
    if wanted != len(values):
        raise ActionError(
            f"the condition has {plural(wanted, '`?` placeholder')} but {name} has {plural(len(values), 'value')}; "
            "pass one value per `?`"
        )
    return values


def check_condition(condition: Any, verb: str) -> str:
    if not isinstance(condition, str) or not condition.strip():
        raise ActionError(
            f"condition is empty: give a WHERE condition such as `id = ?`; to {verb} every row, "
            "use mysql-execute-raw-query"
        )
    return condition


async def read_back(session: Session, table: Table, values: Mapping[str, Any], insert_id: int | None) -> dict[str, Any] | None:
    """The row just written, found by its auto-increment id or by a unique key given in `values`."""
    auto = table.auto_increment
    where: list[str] = []
    params: list[Any] = []
    if auto is not None and insert_id:
        where, params = [f"{quote_ident(auto.name)} = ?"], [insert_id]
    else:
        given = {table.column(k).name: v for k, v in values.items()}
        for key in table.unique_keys:
            if all(given.get(c) is not None for c in key):
                where = [f"{quote_ident(c)} = ?" for c in key]
                params = [coerce(given[c], table.column(c)) for c in key]
                break
    if not where:
        return None
    outcome = await session.execute(
        f"SELECT * FROM {table.sql} WHERE {' AND '.join(where)} LIMIT 1", params, json_columns=table.json_columns
    )
    return outcome.rows[0] if outcome.rows else None


# Remote options and schema information


async def table_options(ctx: Any) -> list[str]:
    async with connect(ctx) as session:
        rows = await session.fetch_all(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
            "ORDER BY TABLE_NAME LIMIT ? OFFSET ?",
            [PAGE_SIZE, PAGE_SIZE * max(ctx.page, 0)],
        )
    return [str(r[0]) for r in rows]


async def column_options(ctx: Any) -> list[Option]:
    table = ctx.props.get("table")
    if not table:
        raise ActionError("choose a table first: the column options are the columns of the `table` prop")
    async with connect(ctx) as session:
        resolved = await resolve_table(session, table)
    return [Option(label=f"{c.name} ({c.column_type})", value=c.name) for c in resolved.columns]


async def procedure_options(ctx: Any) -> list[Option]:
    async with connect(ctx) as session:
        rows = await session.fetch_all(
            """
            SELECT r.ROUTINE_NAME,
                   GROUP_CONCAT(CONCAT(p.PARAMETER_MODE, ' ', p.PARAMETER_NAME, ' ', p.DTD_IDENTIFIER)
                                ORDER BY p.ORDINAL_POSITION SEPARATOR ', ')
            FROM information_schema.ROUTINES r
            LEFT JOIN information_schema.PARAMETERS p
              ON p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.ROUTINE_NAME
             AND p.ROUTINE_TYPE = 'PROCEDURE' AND p.ORDINAL_POSITION > 0
            WHERE r.ROUTINE_SCHEMA = DATABASE() AND r.ROUTINE_TYPE = 'PROCEDURE'
            GROUP BY r.ROUTINE_NAME ORDER BY r.ROUTINE_NAME LIMIT ? OFFSET ?
            """,
            [PAGE_SIZE, PAGE_SIZE * max(ctx.page, 0)],
        )
    return [Option(label=f"{name}({signature or ''})", value=str(name)) for name, signature in rows]


async def database_schema(session: Session) -> dict[str, Any]:
    """Every table's columns in the account's database, keyed by table name."""
    rows = await session.fetch_all(
        """
        SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE, COLUMN_TYPE, COLUMN_DEFAULT
        FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
        ORDER BY TABLE_NAME, ORDINAL_POSITION
        """
    )
    info: dict[str, Any] = {}
    for table, column, nullable, column_type, default in rows:
        entry = info.setdefault(str(table), {"metadata": {}, "schema": {}})
        entry["schema"][str(column)] = {
            "tableName": str(table),
            "columnName": str(column),
            "isNullable": nullable,
            "dataType": column_type,
            "columnDefault": _default(default, session.mariadb),
        }
    return info


async def db_info_options(ctx: Any) -> OptionsPage:
    """Options of a `sql` prop: none, and the schema as `context.dbInfo`."""
    async with connect(ctx) as session:
        info = await database_schema(session)
    return OptionsPage([], context={"dbInfo": info})


# Shared props

app.define(
    "table",
    props.string(
        "Table",
        "The table's name in the account's database, e.g. `users` (or `other_db.users` for a table in another "
        "database the user can reach).",
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
        "the column types (numbers may be given as strings, dates and times as ISO 8601 text such as "
        "`2024-05-01T10:00:00Z`, which is stored as UTC); objects and arrays go into JSON columns.",
    ),
)
app.define(
    "condition",
    props.string(
        "Where Condition",
        "The WHERE condition that picks the rows, with `?` for each value, e.g. `id = ?` or "
        "`status = ? AND created_at < ?`. Values go in the values prop, never into this text.",
    ),
)
app.define(
    "values",
    props.any_value(
        "Values",
        "An array with one value per `?` in the condition, in order, e.g. `[42]` or `[\"active\", \"2024-01-01\"]`.",
        optional=True,
    ),
)
