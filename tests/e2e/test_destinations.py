"""`$.send` through the whole gateway: an action called over MCP and over the REST API (with
the official `pipedream` SDK) sends to S3 (moto), HTTP (a local receiver), email (aiosmtpd),
an SSE channel and emits; every event arrives once, and the run's deliveries endpoint counts
the destinations it reached."""

from __future__ import annotations

import asyncio
import json
import textwrap
import time

import httpx
import pytest
from httpx_sse import aconnect_sse
from mcp import Client
from pipedream import Pipedream

from tests.destinations.conftest import Mailbox
from tests.destinations.s3_objects import objects
from tests.e2e.test_mcp_transports import streamable
from tests.e2e.test_rest_catalog import client_options
from tests.files.support import S3Server
from tests.receiver import Receiver
from tests.support import GatewayServer, gateway_settings

pytestmark = pytest.mark.both_databases

AUDIT_APP = """
from mcp_gateway.catalog import App, NoAuth

app = App("audit_trail", "Audit Trail", "Records what happened, everywhere.", auth=NoAuth(), categories=["Testing"])
"""

AUDIT_ACTION = '''
import json

from mcp_gateway.catalog import props

from ..app import app


@app.action(
    "record",
    title="Record Event",
    description="Record an event in S3, post it to a webhook, mail it, publish it and emit it.",
    props={
        "bucket": props.string("Bucket", "The S3 bucket."),
        "webhook": props.string("Webhook", "Where to POST the event."),
        "event": props.obj("Event", "What happened."),
        "fail": props.boolean("Fail", "Fail after sending.", optional=True),
    },
)
async def record(ctx):
    event = ctx.props.event
    ctx.send.s3({"bucket": ctx.props.bucket, "prefix": "audit", "payload": event})
    ctx.send.http({"method": "POST", "url": ctx.props.webhook, "data": event})
    ctx.send.email({"subject": f"Audit: {event['what']}", "text": json.dumps(event)})
    ctx.send.sse({"channel": "audit", "payload": event})
    ctx.send.emit(event, "audit")
    if ctx.props.get("fail"):
        raise RuntimeError("the audit store refused the event")
    ctx.summary = f"Recorded {event['what']}"
    return {"recorded": event["what"]}
'''

RECORD = "~/audit_trail-record"
TOOL = "custom.audit_trail-record"


@pytest.fixture(scope="module")
def world(tmp_path_factory, database_backend):
    s3 = S3Server.start()
    bucket = s3.create_bucket()
    mailbox = Mailbox()
    mailbox.controller.start()
    custom = tmp_path_factory.mktemp("custom")
    (custom / "audit_trail" / "actions").mkdir(parents=True)
    (custom / "audit_trail" / "app.py").write_text(textwrap.dedent(AUDIT_APP))
    (custom / "audit_trail" / "actions" / "record.py").write_text(textwrap.dedent(AUDIT_ACTION))
    settings = gateway_settings(
        tmp_path_factory.mktemp("gateway"), database_backend, custom_tools_dir=custom,
        s3_endpoint_url=s3.endpoint_url, s3_access_key_id="test-access-key", s3_secret_access_key="test-secret-key",
        s3_batch_window=0.5, destination_backoff=(0.2, 0.2), private_networks=("127.0.0.0/8",), sse_poll_interval=0.1,
        smtp_host="127.0.0.1", smtp_port=mailbox.controller.port, smtp_security="none", smtp_to=["ops@example.com"],
    )
    with Receiver() as receiver:
        server = GatewayServer(settings).start()
        project = server.create_project()
        project["token"] = server.token(project)
        yield server, project, s3, bucket, receiver, mailbox
        server.stop()
    mailbox.controller.stop()
    s3.stop()


def api_headers(project):
    return {"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development"}


def deliveries(server, project, run_id: str) -> dict:
    response = httpx.get(f"{server.url}/v1/connect/{project['project_id']}/runs/{run_id}/deliveries",
                         headers=api_headers(project))
    assert response.status_code == 200, response.text
    return response.json()


def wait_until_reached(server, project, run_id: str, destinations: int, timeout: float = 20.0) -> dict:
    report: dict = {}
    for _ in range(int(timeout / 0.2)):
        report = deliveries(server, project, run_id)
        if report["reached"] == destinations:
            return report
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} reached {report.get('reached')} of {destinations} destinations: {report}")


async def test_a_run_over_mcp_reaches_every_destination_once(world):
    server, project, s3, bucket, receiver, mailbox = world
    h = {**api_headers(project), "x-pd-project-id": project["project_id"], "x-pd-external-user-id": "auditor",
         "x-pd-app-slug": "audit_trail"}
    event = {"what": "login", "who": "ada", "n": 1}
    sse_url = f"{server.url}/v1/connect/{project['project_id']}/sse"
    async with httpx.AsyncClient(timeout=20) as http, aconnect_sse(http, "GET", sse_url, params={"channel": "audit"},
                                                                  headers=api_headers(project)) as source:
        events = source.aiter_sse()
        async with Client(streamable(server.url + "/", h), mode="legacy") as client:
            result = await client.call_tool(TOOL, {"bucket": bucket, "webhook": f"{receiver.url}/hook", "event": event})
        assert result.is_error is False, result.content[0].text
        assert result.content[0].text.startswith("Recorded login")
        published = await asyncio.wait_for(anext(events), 10)
    assert (published.event, json.loads(published.data)) == ("audit", event)

    run_id = result.structured_content["run_id"]
    report = await asyncio.to_thread(wait_until_reached, server, project, run_id, 5)
    assert report["destinations"] == 5 and report["action_key"] == RECORD
    assert sorted((d["kind"], d["events"], d["delivered"]) for d in report["data"]) == [
        ("email", 1, 1), ("emit", 1, 1), ("http", 1, 1), ("s3", 1, 1), ("sse", 1, 1)]

    stored = objects(s3.client(), bucket)
    assert [e for lines in stored.values() for e in lines] == [event]
    assert all(key.startswith("audit/") for key in stored)
    posts = [p for p in receiver.wait_for_posts(1) if p["path"] == "/hook"]
    assert [json.loads(p["body"]) for p in posts] == [event]
    (mail,) = await mailbox.wait_for(1)
    assert mail.rcpt_tos == ["ops@example.com"] and b"Subject: Audit: login" in mail.content
    emitted = httpx.get(f"{server.url}/v1/connect/{project['project_id']}/emits", params={"channel": "audit"},
                        headers=api_headers(project)).json()["data"]
    assert [(e["event"], e["metadata"]["run_id"], e["metadata"]["external_user_id"]) for e in emitted] == [
        (event, run_id, "auditor")]


def test_a_rest_run_shows_its_run_id_and_a_failed_run_sends_nothing(world):
    server, project, s3, bucket, receiver, mailbox = world
    sdk = Pipedream(**client_options(server, project))
    before_posts, before_mail = len(receiver.posts), len(mailbox.messages)
    before_objects = sum(len(v) for v in objects(s3.client(), bucket).values())

    failed = httpx.post(
        f"{server.url}/v1/connect/{project['project_id']}/actions/run", headers=api_headers(project),
        json={"id": RECORD, "external_user_id": "auditor",
              "configured_props": {"bucket": bucket, "webhook": f"{receiver.url}/hook", "event": {"what": "x"}, "fail": True}},
    ).json()
    assert "the audit store refused the event" in json.dumps(failed) and "run_id" not in failed

    ran = sdk.actions.run(id=RECORD, external_user_id="auditor",
                          configured_props={"bucket": bucket, "webhook": f"{receiver.url}/hook", "event": {"what": "logout", "n": 2}})
    run_id = ran.model_extra["run_id"]  # the SDK keeps fields it does not declare
    assert run_id.startswith("run_")
    wait_until_reached(server, project, run_id, 5)
    assert len(receiver.posts) == before_posts + 1 and json.loads(receiver.posts[-1]["body"]) == {"what": "logout", "n": 2}
    assert len(mailbox.messages) == before_mail + 1
    stored = [e for lines in objects(s3.client(), bucket).values() for e in lines]
    assert len(stored) == before_objects + 1 and stored.count({"what": "logout", "n": 2}) == 1
    assert {"what": "x"} not in stored
    # Another project cannot see the run.
    other = server.create_project("other")
    other["token"] = server.token(other)
    response = httpx.get(f"{server.url}/v1/connect/{other['project_id']}/runs/{run_id}/deliveries",
                         headers=api_headers(other))
    assert response.status_code == 404
