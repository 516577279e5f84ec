"""Database.insert_many: rows reach the tables as the ORM would have written them, in one
transaction, on a SQLite file (writer thread), in-memory SQLite and PostgreSQL (the engine)."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mcp_gateway.config import normalize_database_url
from mcp_gateway.store import ids
from mcp_gateway.store.db import Database
from mcp_gateway.store.ids import new_ordered_id
from mcp_gateway.store.models import ActionRun, DestinationRun, S3Event, utcnow


@pytest.fixture(params=["sqlite-file", "sqlite-memory", "postgresql"])
async def db(request, tmp_path) -> AsyncIterator[Database]:
    if request.param == "sqlite-file":
        url = f"sqlite+aiosqlite:///{tmp_path / 'bulk.db'}"
    elif request.param == "sqlite-memory":
        url = "sqlite+aiosqlite://"
    else:
        url = normalize_database_url(request.getfixturevalue("postgres_server").create_database("bulk"))
    database = Database(url)
    await database.migrate()
    try:
        yield database
    finally:
        await database.close()


def _run_row(run_id: str, now, events: int = 1) -> dict:
    return {"run_id": run_id, "project_id": "proj_1", "environment": "production", "external_user_id": "user-1",
            "action_key": "http-send", "events": events, "created_at": now}


def _event_row(run_id: str, n: int, now) -> dict:
    return {"run_id": run_id, "bucket": "logs", "prefix": "app", "payload": f'{{"n": {n}}}', "batch_id": None, "created_at": now}


async def test_rows_of_several_tables_read_back_through_the_orm(db: Database):
    now = utcnow()
    later = now + timedelta(seconds=5)
    runs = [new_ordered_id("run_") for _ in range(3)]
    await db.insert_many({
        DestinationRun: [_run_row(runs[0], now, 2), _run_row(runs[1], now), _run_row(runs[2], later)],
        S3Event: [_event_row(runs[0], 0, now), _event_row(runs[0], 1, now), _event_row(runs[1], 2, now)],
        ActionRun: [],  # an empty table is skipped
    })
    async with db.session() as s:
        stored_runs = (await s.execute(select(DestinationRun).order_by(DestinationRun.run_id))).scalars().all()
        events = (await s.execute(select(S3Event).order_by(S3Event.id))).scalars().all()
    by_id = {r.run_id: r for r in stored_runs}
    assert sorted(by_id) == sorted(runs)
    assert [by_id[r].events for r in runs] == [2, 1, 1]
    # Timestamps come back exactly: the shared one converted once, the other on its own.
    naive = [by_id[r].created_at.replace(tzinfo=None) for r in runs]
    assert naive == [now.replace(tzinfo=None)] * 2 + [later.replace(tzinfo=None)]
    assert [(e.run_id, e.payload, e.batch_id) for e in events] == [
        (runs[0], '{"n": 0}', None), (runs[0], '{"n": 1}', None), (runs[1], '{"n": 2}', None)]
    assert len({e.id for e in events}) == 3  # autoincrement ids assigned by the database


async def test_a_failing_row_rolls_back_every_table(db: Database):
    now = utcnow()
    taken = new_ordered_id("run_")
    await db.insert_many({DestinationRun: [_run_row(taken, now)]})
    fresh = new_ordered_id("run_")
    # SQLAlchemy's error through the engine, the driver's own from the SQLite writer thread.
    with pytest.raises((IntegrityError, sqlite3.IntegrityError)):
        await db.insert_many({
            S3Event: [_event_row(fresh, 0, now)],
            DestinationRun: [_run_row(fresh, now), _run_row(taken, now)],  # the second repeats a primary key
        })
    async with db.session() as s:
        assert (await s.execute(select(DestinationRun.run_id))).scalars().all() == [taken]
        assert (await s.execute(select(S3Event))).scalars().all() == []
    # The writer is still usable after the failure.
    await db.insert_many({DestinationRun: [_run_row(fresh, now)]})
    async with db.session() as s:
        assert sorted((await s.execute(select(DestinationRun.run_id))).scalars().all()) == sorted([taken, fresh])


async def test_rows_must_share_their_columns(db: Database):
    now = utcnow()
    rows = [_run_row(new_ordered_id("run_"), now), {"run_id": new_ordered_id("run_")}]
    with pytest.raises(KeyError):
        await db.insert_many({DestinationRun: rows})
    async with db.session() as s:
        assert (await s.execute(select(DestinationRun))).scalars().all() == []


def test_ordered_ids_sort_by_the_millisecond_they_were_made(monkeypatch):
    clock = iter([1_700_000_000_000_000_000, 1_700_000_000_001_000_000, 1_800_000_000_000_000_000])
    monkeypatch.setattr(ids, "time", SimpleNamespace(time_ns=lambda: next(clock)))
    made = [new_ordered_id("run_") for _ in range(3)]
    assert made == sorted(made)
    assert all(len(i) == len("run_") + 8 + 12 for i in made)
    assert len(set(made)) == 3
