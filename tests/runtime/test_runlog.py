"""The run log on a real database: a record the database refuses is dropped alone and the
others are written; when the database cannot be reached, the whole batch waits for the next flush."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from mcp_gateway.runtime.runlog import RunLog
from mcp_gateway.store.db import Database
from mcp_gateway.store.models import ActionRun, utcnow

pytestmark = pytest.mark.both_databases


def run(action_key: str, **overrides):
    fields = dict(project_id="proj_log", environment="development", external_user_id="u", action_key=action_key,
                  account_id=None, via="mcp", ok=True, error=None, duration_ms=1.5, created_at=utcnow())
    return {**fields, **overrides}


async def test_a_refused_record_is_dropped_and_the_rest_are_written(database_url, caplog):
    db = Database(database_url)
    await db.migrate()
    log = RunLog(db, flush_interval=60)
    try:
        log.record(**run("app-first"))
        log.record(**run("app-refused", ok=None))  # NOT NULL: no database takes it
        log.record(**run("app-last"))
        with caplog.at_level(logging.ERROR, logger="mcp_gateway.runtime.runlog"):
            await log.flush()
        async with db.session() as s:
            written = (await s.scalars(select(ActionRun.action_key).order_by(ActionRun.id))).all()
        assert written == ["app-first", "app-last"]
        assert "dropped a run record of app-refused in project proj_log" in caplog.text
        await log.flush()  # nothing left over to fail again
        async with db.session() as s:
            assert len((await s.scalars(select(ActionRun.id))).all()) == 2
    finally:
        await log.close()
        await db.close()


async def test_records_wait_while_the_database_cannot_be_reached(tmp_path):
    path = tmp_path / "not-there-yet" / "gateway.db"
    db = Database(f"sqlite+aiosqlite:///{path}")
    log = RunLog(db, flush_interval=60)
    try:
        log.record(**run("app-kept"))
        with pytest.raises(Exception):
            await log.flush()
        path.parent.mkdir()
        await db.migrate()
        await log.flush()
        async with db.session() as s:
            assert (await s.scalars(select(ActionRun.action_key))).all() == ["app-kept"]
    finally:
        await log.close()
        await db.close()


async def test_an_error_quoting_nul_or_a_lone_surrogate_is_kept_with_replacement_characters(database_url):
    """What an upstream answered (its JSON may spell both) reaches the log; the database takes neither."""
    db = Database(database_url)
    await db.migrate()
    log = RunLog(db, flush_interval=60)
    try:
        log.record(**run("app-quoting", ok=False, error='upstream said {"name": "a\x00b\ud800"}'))
        await log.flush()
        async with db.session() as s:
            assert (await s.scalars(select(ActionRun.error))).all() == ['upstream said {"name": "a\ufffdb\ufffd"}']
    finally:
        await log.close()
        await db.close()
