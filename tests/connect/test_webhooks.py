"""Webhook delivery: signed, retried on the backoff schedule, given up in the end, sent once
even when two gateway processes share the database."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import select

from mcp_gateway.connect.developer_auth import DeveloperAuth
from mcp_gateway.connect.vault import Vault
from mcp_gateway.connect.webhooks import SIGNATURE_HEADER, Webhooks, sign, verify
from mcp_gateway.store.db import Database
from mcp_gateway.store.models import WebhookDelivery
from tests.receiver import Receiver
from tests.support import LOCAL_UPSTREAMS

KEY = b"webhook-test-master-secret-0123456789abcdef"

pytestmark = pytest.mark.both_databases


async def _setup(database_url):
    db = Database(database_url)
    await db.migrate()
    vault = Vault([KEY])
    auth = DeveloperAuth(db, [KEY], vault)
    project = await auth.create_project("hooks")
    return db, vault, auth, project


async def test_a_failing_receiver_is_retried_then_given_up(database_url):
    db, vault, auth, project = await _setup(database_url)
    hooks = Webhooks(db, vault, auth.webhook_secret, backoff=(0.05, 0.05), egress=LOCAL_UPSTREAMS)
    with Receiver(fail_first=100) as receiver:
        await hooks.enqueue(project.project_id, receiver.url + "/hook", {"event": "CONNECTION_ERROR", "error": "nope"})
        for _ in range(3):
            await hooks.deliver_due()
            await asyncio.sleep(0.1)
        assert await hooks.deliver_due() == 0  # nothing due any more
        assert len(receiver.posts) == 3  # the first attempt and the two retries
    async with db.session() as s:
        row = (await s.scalars(select(WebhookDelivery))).one()
    assert row.attempts == 3 and row.delivered_at is None and row.next_attempt_at is None
    assert row.last_error == "the receiver answered HTTP 503"
    assert "nope" not in row.payload  # stored encrypted
    await hooks.stop()
    await db.close()


async def test_two_processes_deliver_each_webhook_once(database_url):
    db, vault, auth, project = await _setup(database_url)
    first = Webhooks(db, vault, auth.webhook_secret, backoff=(1.0,), egress=LOCAL_UPSTREAMS)
    second = Webhooks(db, vault, auth.webhook_secret, backoff=(1.0,), egress=LOCAL_UPSTREAMS)
    with Receiver() as receiver:
        for i in range(10):
            await first.enqueue(project.project_id, receiver.url + "/hook", {"event": "CONNECTION_SUCCESS", "n": i})
        await asyncio.gather(first.deliver_due(), second.deliver_due())
        posts = receiver.wait_for_posts(10)
        await asyncio.sleep(0.2)
        assert sorted(json.loads(p["body"])["n"] for p in receiver.posts) == list(range(10))
    secret = await auth.webhook_secret(project.project_id)
    assert all(verify(secret, p["body"], p["headers"][SIGNATURE_HEADER]) for p in posts)
    # Each delivery's id is its own and opaque: no shared counter shows through.
    ids = [p["headers"]["MCP-Gateway-Delivery"] for p in posts]
    assert len(set(ids)) == 10 and all(i.startswith("whd_") and len(i) == 28 for i in ids)
    assert not any(i[4:].isdigit() for i in ids)
    await first.stop()
    await second.stop()
    await db.close()


def test_signatures_reject_tampering_and_old_timestamps():
    body = b'{"event":"CONNECTION_SUCCESS"}'
    header = sign("whsec_x", body)
    assert verify("whsec_x", body, header)
    assert not verify("whsec_x", body + b" ", header)
    assert not verify("whsec_other", body, header)
    assert not verify("whsec_x", body, sign("whsec_x", body, timestamp=1_000_000_000))
    assert not verify("whsec_x", body, "garbage")
