"""Deferred HTTP requests and emails: sent after the run, retried on the backoff schedule,
given up on a final answer, stored encrypted."""

from __future__ import annotations

import asyncio
import base64
import json
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from mcp_gateway.destinations import Destinations
from mcp_gateway.store.models import DestinationDelivery
from tests.child import free_port
from tests.destinations.conftest import destination_settings
from tests.receiver import Receiver

pytestmark = pytest.mark.both_databases


def run(destinations):
    return destinations.sender(project_id="proj_test", environment="development", external_user_id="user-1", action_key="demo-send")


async def deliver(destinations, rounds: int = 1) -> None:
    for _ in range(rounds):
        while await destinations.deliveries.deliver_due():
            pass
        await asyncio.sleep(0.15)


async def test_an_http_request_is_sent_after_the_run_as_given(destinations):
    with Receiver() as receiver:
        send = run(destinations)
        send.http({
            "method": "POST", "url": receiver.url + "/hook", "params": {"q": "1"},
            "headers": {"X-Secret": "s3cr3t-header"}, "auth": {"username": "luke", "password": "force"},
            "data": {"name": "Luke Skywalker"},
        })
        await destinations.commit(send)
        assert receiver.posts == []  # nothing leaves before the worker runs
        await deliver(destinations)
        [post] = receiver.wait_for_posts(1)
    assert post["path"] == "/hook?q=1"
    assert json.loads(post["body"]) == {"name": "Luke Skywalker"}
    assert post["headers"]["Content-Type"] == "application/json" and post["headers"]["X-Secret"] == "s3cr3t-header"
    assert post["headers"]["Authorization"] == "Basic " + base64.b64encode(b"luke:force").decode()
    async with destinations._db.session() as s:
        row = (await s.scalars(select(DestinationDelivery))).one()
    assert "s3cr3t" not in row.request and "Luke" not in row.request  # sealed with the vault
    [status] = (await destinations.run_deliveries(send.run_id)).destinations
    assert (status.kind, status.target, status.delivered) == ("http", receiver.url + "/hook", 1)


async def test_a_failing_receiver_is_retried_on_the_schedule(destinations):
    with Receiver(fail_first=2) as receiver:
        send = run(destinations)
        send.http(method="POST", url=receiver.url + "/flaky", body="plain body")
        await destinations.commit(send)
        await deliver(destinations, rounds=4)
        posts = receiver.wait_for_posts(3)
    assert [p["body"] for p in posts] == [b"plain body"] * 3
    async with destinations._db.session() as s:
        row = (await s.scalars(select(DestinationDelivery))).one()
    assert row.attempts == 3 and row.delivered_at is not None and row.last_error is None


async def test_a_client_error_is_final(destinations):
    with Receiver(api_key="right") as receiver:
        send = run(destinations)
        send.http(method="GET", url=receiver.url + "/check")  # 401 without the key
        await destinations.commit(send)
        await deliver(destinations, rounds=3)
        assert len(receiver.gets) == 1
    [status] = (await destinations.run_deliveries(send.run_id)).destinations
    assert (status.failed, status.pending) == (1, 0)
    async with destinations._db.session() as s:
        row = (await s.scalars(select(DestinationDelivery))).one()
    assert row.last_error == "the URL answered HTTP 401"


async def test_an_email_goes_through_smtp(db, vault, tmp_path, s3_url, mailbox):
    settings = destination_settings(
        tmp_path, s3_url, smtp_host="127.0.0.1", smtp_port=mailbox.controller.port, smtp_security="none",
        smtp_from="notifications@gateway.test", smtp_to=["me@example.com"],
    )
    destinations = Destinations(db, settings, vault)
    send = run(destinations)
    send.email({"subject": "Your subject", "text": "Plain text email body", "html": "<p>HTML email body</p>"})
    send.email(subject="To someone else", text="hello", to=["a@example.com", "b@example.com"])
    await destinations.commit(send)
    destinations.start()  # the worker is woken by the commit
    first, second = sorted(await mailbox.wait_for(2), key=lambda e: e.rcpt_tos)
    for _ in range(100):  # the worker records a delivery just after the server took the mail
        if (await destinations.run_deliveries(send.run_id)).reached == 2:
            break
        await asyncio.sleep(0.05)
    await destinations.stop()
    assert second.rcpt_tos == ["me@example.com"] and second.mail_from == "notifications@gateway.test"
    message = message_from_bytes(second.content, policy=policy.default)
    assert message["Subject"] == "Your subject" and message["To"] == "me@example.com"
    assert message.get_body(("plain",)).get_content().strip() == "Plain text email body"
    assert message.get_body(("html",)).get_content().strip() == "<p>HTML email body</p>"
    assert message["Message-ID"].startswith(f"<{send.run_id}.")
    assert first.rcpt_tos == ["a@example.com", "b@example.com"]
    report = await destinations.run_deliveries(send.run_id)
    assert report.reached == 2


async def test_an_unreachable_smtp_server_is_retried(db, vault, tmp_path, s3_url):
    settings = destination_settings(tmp_path, s3_url, smtp_host="127.0.0.1", smtp_port=free_port(), smtp_security="none", smtp_to=["me@example.com"])
    destinations = Destinations(db, settings, vault)
    send = run(destinations)
    send.email(subject="s", text="t")
    await destinations.commit(send)
    await deliver(destinations)
    async with destinations._db.session() as s:
        row = (await s.scalars(select(DestinationDelivery))).one()
    assert row.attempts == 1 and row.next_attempt_at is not None and "could not send" in row.last_error
    await destinations.stop()
