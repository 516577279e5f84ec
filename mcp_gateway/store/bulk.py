"""Inserting many rows into several tables in one transaction, fast.

For the hot paths that write in batches (run records, `$.send` events). SQLAlchemy's
Core executemany spends more time per row in Python than SQLite spends storing it, and
aiosqlite crosses threads for every statement; here the INSERTs are compiled once per
table and dialect, each column's bind processor runs once for a run of identical values
(rows written together share one timestamp object), and on a SQLite file the whole
transaction is one call into a writer thread with its own connection. Other databases
take the same rows through the async engine.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.ext.asyncio import AsyncEngine

Rows = Sequence[Mapping[str, Any]]
_Plan = tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...]]
_plans: dict[tuple[str, Table, tuple[str, ...]], _Plan] = {}


class BulkWriter:
    def __init__(self, engine: AsyncEngine, *, connect: Callable[[sqlite3.Connection], None] | None = None) -> None:
        self._engine = engine
        self._configure = connect
        url = engine.url
        path = make_url(url).database if url.get_backend_name() == "sqlite" else None
        # An in-memory database is private to its connection: only the engine can see it.
        self._sqlite_path = path if path and path != ":memory:" and not path.startswith("file:") else None
        self._thread: ThreadPoolExecutor | None = None
        self._conn: sqlite3.Connection | None = None

    async def insert(self, tables: Mapping[Any, Rows]) -> None:
        """Insert each table's rows (dicts with the same keys), all in one transaction.
        Tables are model classes or `Table`s; empty row lists are skipped."""
        dialect = self._engine.dialect
        statements = [_statement(dialect, _table(table), rows) for table, rows in tables.items() if rows]
        if not statements:
            return
        if self._sqlite_path is None:
            async with self._engine.begin() as conn:
                for sql, params in statements:
                    await conn.exec_driver_sql(sql, params)
            return
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mcp-gateway-bulk")
        await asyncio.get_running_loop().run_in_executor(self._thread, self._write_sqlite, statements)

    def _write_sqlite(self, statements: list[tuple[str, list[tuple[Any, ...]]]]) -> None:
        if self._conn is None:
            assert self._sqlite_path is not None
            self._conn = sqlite3.connect(self._sqlite_path, isolation_level=None, check_same_thread=False)
            if self._configure is not None:
                self._configure(self._conn)
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for sql, params in statements:
                conn.executemany(sql, params)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    async def close(self) -> None:
        if self._thread is None:
            return
        thread, self._thread = self._thread, None
        await asyncio.get_running_loop().run_in_executor(thread, self._close_connection)
        thread.shutdown(wait=True)

    def _close_connection(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _table(table: Any) -> Table:
    return getattr(table, "__table__", table)


def _statement(dialect: Dialect, table: Table, rows: Rows) -> tuple[str, list[tuple[Any, ...]]]:
    sql, order, processors = _plan(dialect, table, tuple(rows[0]))
    columns = []
    for name, process in zip(order, processors, strict=True):
        values = [row[name] for row in rows]
        columns.append(values if process is None else _processed(values, process))
    return sql, list(zip(*columns, strict=True))


def _plan(dialect: Dialect, table: Table, columns: tuple[str, ...]) -> _Plan:
    key = (dialect.name, table, columns)
    plan = _plans.get(key)
    if plan is None:
        compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
        order = tuple(compiled.positiontup or ())
        if sorted(order) != sorted(columns):
            raise ValueError(f"cannot insert into {table.name} positionally with columns {columns}")
        processors = tuple(table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in order)
        plan = _plans[key] = (compiled.string, order, processors)
    return plan


def _processed(values: list[Any], process: Callable[[Any], Any]) -> list[Any]:
    out = []
    last: Any = object()
    done: Any = None
    for value in values:
        if value is not last:
            last, done = value, process(value)
        out.append(done)
    return out
