"""The SSE channels endpoint, emitted events and run deliveries, served by uvicorn on
127.0.0.1 and read by real streaming clients."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
import uvicorn
from httpx_sse import aconnect_sse
from sqlalchemy import insert, select, text
from starlette.applications import Starlette

from mcp_gateway.api import sse as sse_api
from mcp_gateway.api.rest import Api
from mcp_gateway.authz import ApiKeys, Authenticator, AuthorizationServer, Clients
from mcp_gateway.connect.developer_auth import DeveloperAuth
from mcp_gateway.destinations import Destinations
from mcp_gateway.lifecycle import Drain
from mcp_gateway.net import EgressPolicy
from mcp_gateway.store.models import SseEvent
from tests.child import free_port
from tests.destinations.conftest import KEY, destination_settings

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def gateway(db, vault, tmp_path, s3_url):
    """The destinations endpoints on a real HTTP server, with one project and its token."""
    destinations = Destinations(db, destination_settings(tmp_path, s3_url), vault)
    auth = DeveloperAuth(db, [KEY], vault)
    api = Api(Authenticator(auth, ApiKeys(db), AuthorizationServer(db, vault, Clients(db, EgressPolicy()), None)))
    sse_api.register(api, SimpleNamespace(destinations=destinations, auth=auth, drain=Drain()), lambda request: "")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(Starlette(routes=api.routes()), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    projects = {}
    for name in ("mine", "theirs"):
        project = await auth.create_project(name)
        token, _ = await auth.issue_token(project.client_id, project.client_secret)
        projects[name] = SimpleNamespace(id=project.project_id, token=token)
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}", destinations=destinations, data_dir=tmp_path, database_url=db.url,
                          **projects)
    await destinations.stop()  # ends open streams
    server.should_exit = True
    await serving


def headers(project, environment="development", **extra):
    return {"Authorization": f"Bearer {project.token}", "x-pd-environment": environment, **extra}


async def sse_run(gateway, project, *events, environment="development"):
    send = gateway.destinations.sender(project_id=project.id, environment=environment, external_user_id="user-1", action_key="demo-sse")
    for channel, payload in events:
        send.sse(channel=channel, payload=payload)
    await gateway.destinations.commit(send)
    return send.run_id


async def read_events(events, count, timeout=10.0):
    """The next `count` events of a stream (`source.aiter_sse()`, which can be iterated once)."""
    received = []
    async with asyncio.timeout(timeout):
        while len(received) < count:
            event = await anext(events)
            received.append((event.event, json.loads(event.data), event.id))
    return received


async def test_an_event_source_gets_recent_events_then_live_ones(gateway):
    await sse_run(gateway, gateway.mine, ("events", {"name": "Luke"}), ("names", {"name": "Han"}))
    await sse_run(gateway, gateway.mine, ("events", {"other": "environment"}), environment="production")
    await sse_run(gateway, gateway.theirs, ("events", {"other": "project"}))
    async with httpx.AsyncClient(timeout=10) as client:
        async with aconnect_sse(client, "GET", f"{gateway.url}/v1/connect/{gateway.mine.id}/sse", headers=headers(gateway.mine)) as source:
            assert source.response.headers["content-type"].startswith("text/event-stream")
            events = source.aiter_sse()
            history = await read_events(events, 2)
            await sse_run(gateway, gateway.mine, ("events", {"name": "Leia"}))
            [live] = await read_events(events, 1)
    assert [(name, payload) for name, payload, _ in history] == [("events", {"name": "Luke"}), ("names", {"name": "Han"})]
    assert live[:2] == ("events", {"name": "Leia"}) and live[2] not in {event_id for _, _, event_id in history}


async def test_channels_filter_and_last_event_id_resumes(gateway):
    await sse_run(gateway, gateway.mine, ("a", 1), ("b", 2), ("a", 3))
    url = f"{gateway.url}/v1/connect/{gateway.mine.id}/sse"
    async with httpx.AsyncClient(timeout=10) as client:
        async with aconnect_sse(client, "GET", url, params={"channel": "a"}, headers=headers(gateway.mine)) as source:
            first = await read_events(source.aiter_sse(), 2)
        assert [payload for _, payload, _ in first] == [1, 3]
        resume = headers(gateway.mine, **{"Last-Event-ID": first[0][2]})
        async with aconnect_sse(client, "GET", url, headers=resume) as source:
            rest = await read_events(source.aiter_sse(), 2)
    assert [payload for _, payload, _ in rest] == [2, 3]


async def test_events_from_another_gateway_process_arrive(gateway, s3_url):
    sender = subprocess.Popen(
        [sys.executable, "-m", "tests.destinations.gateway_process", str(gateway.data_dir), s3_url, "unused-bucket", "--sse", gateway.mine.id],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "MCP_GATEWAY_DATABASE_URL": gateway.database_url},
    )
    try:
        assert sender.stdout.readline().strip() == "ready"
        async with httpx.AsyncClient(timeout=10) as client:
            url = f"{gateway.url}/v1/connect/{gateway.mine.id}/sse"
            async with aconnect_sse(client, "GET", url, headers=headers(gateway.mine)) as source:
                await asyncio.sleep(0.2)  # connected, with no history
                for n in range(3):
                    sender.stdin.write(f"{n}\n")
                    sender.stdin.flush()
                received = await read_events(source.aiter_sse(), 3)
    finally:
        sender.kill()
        sender.wait(10)
    assert [payload for _, payload, _ in received] == [{"n": 0}, {"n": 1}, {"n": 2}]


async def test_keepalive_comments_hold_the_stream_open(gateway, monkeypatch):
    monkeypatch.setattr(sse_api, "KEEPALIVE_SECONDS", 0.2)
    async with httpx.AsyncClient(timeout=10) as client:
        url = f"{gateway.url}/v1/connect/{gateway.mine.id}/sse"
        async with client.stream("GET", url, headers=headers(gateway.mine, Accept="text/event-stream")) as response:
            async with asyncio.timeout(5):
                async for line in response.aiter_lines():
                    if line.startswith(":"):
                        break
    assert line == ": keepalive"


async def test_without_event_stream_the_recent_events_come_as_json(gateway):
    await sse_run(gateway, gateway.mine, ("events", {"n": 1}))
    async with httpx.AsyncClient(timeout=10) as client:
        answer = await client.get(f"{gateway.url}/v1/connect/{gateway.mine.id}/sse", headers=headers(gateway.mine))
    assert answer.status_code == 200
    [event] = answer.json()["data"]
    assert (event["channel"], event["payload"]) == ("events", {"n": 1})


async def test_the_stream_needs_the_projects_token_and_an_environment(gateway):
    url = f"{gateway.url}/v1/connect/{gateway.mine.id}/sse"
    stream = {"Accept": "text/event-stream"}
    async with httpx.AsyncClient(timeout=10) as client:
        assert (await client.get(url, headers=stream)).status_code == 401
        assert (await client.get(url, headers={**headers(gateway.theirs), **stream})).status_code == 403
        missing_env = {"Authorization": f"Bearer {gateway.mine.token}", **stream}
        answer = await client.get(url, headers=missing_env)
    assert answer.status_code == 400 and "x-pd-environment" in answer.json()["error"]


async def test_emitted_events_are_listed_newest_first_a_page_at_a_time(gateway):
    send = gateway.destinations.sender(project_id=gateway.mine.id, environment="development", external_user_id="user-1", action_key="demo-emit")
    for name in ("Luke", "Han", "Leia"):
        send.emit({"name": name})
    send.emit({"name": "Yoda"}, "jedi")
    await gateway.destinations.commit(send)
    url = f"{gateway.url}/v1/connect/{gateway.mine.id}/emits"
    async with httpx.AsyncClient(timeout=10) as client:
        first = (await client.get(url, params={"limit": 2}, headers=headers(gateway.mine))).json()
        second = (await client.get(url, params={"limit": 2, "before": first["page_info"]["end_cursor"]}, headers=headers(gateway.mine))).json()
        jedi = (await client.get(url, params={"channel": "jedi"}, headers=headers(gateway.mine))).json()
        elsewhere = (await client.get(url, headers=headers(gateway.mine, environment="production"))).json()
    assert [e["event"]["name"] for e in first["data"] + second["data"]] == ["Yoda", "Leia", "Han", "Luke"]
    assert first["data"][0]["metadata"] == {"channel": "jedi", "external_user_id": "user-1", "action_key": "demo-emit", "run_id": send.run_id}
    assert [e["event"]["name"] for e in jedi["data"]] == ["Yoda"]
    assert elsewhere["data"] == []


async def test_a_runs_deliveries_are_visible_to_its_project_only(gateway):
    run_id = await sse_run(gateway, gateway.mine, ("events", 1), ("events", 2), ("other", 3))
    async with httpx.AsyncClient(timeout=10) as client:
        mine = await client.get(f"{gateway.url}/v1/connect/{gateway.mine.id}/runs/{run_id}/deliveries", headers=headers(gateway.mine))
        theirs = await client.get(f"{gateway.url}/v1/connect/{gateway.theirs.id}/runs/{run_id}/deliveries", headers=headers(gateway.theirs))
    assert mine.status_code == 200 and theirs.status_code == 404
    body = mine.json()
    assert (body["destinations"], body["reached"]) == (2, 2)
    assert sorted((d["target"], d["events"], d["delivered"]) for d in body["data"]) == [("events", 2, 2), ("other", 1, 1)]


async def test_event_ids_are_random_and_tell_nothing_of_other_projects(gateway):
    """No id counts anyone's events, and another project's id is no cursor here: a stream
    resumed from one starts afresh, and a page of emits before one is empty."""
    for project, n in ((gateway.theirs, 1), (gateway.mine, 1), (gateway.theirs, 2), (gateway.mine, 2)):
        await sse_run(gateway, project, ("events", {"n": n}))
    for project in (gateway.theirs, gateway.mine):
        send = gateway.destinations.sender(project_id=project.id, environment="development", external_user_id="user-1",
                                           action_key="demo-emit")
        send.emit({"name": "Luke"})
        await gateway.destinations.commit(send)
    url = f"{gateway.url}/v1/connect"
    async with httpx.AsyncClient(timeout=10) as client:
        mine = (await client.get(f"{url}/{gateway.mine.id}/sse", headers=headers(gateway.mine))).json()["data"]
        theirs = (await client.get(f"{url}/{gateway.theirs.id}/sse", headers=headers(gateway.theirs))).json()["data"]
        # Their last event came between my two: resuming after it would skip my first.
        resume = headers(gateway.mine, **{"Last-Event-ID": theirs[-1]["id"]})
        async with aconnect_sse(client, "GET", f"{url}/{gateway.mine.id}/sse", headers=resume) as source:
            resumed = await read_events(source.aiter_sse(), 2)
        my_emits = (await client.get(f"{url}/{gateway.mine.id}/emits", headers=headers(gateway.mine))).json()["data"]
        their_emits = (await client.get(f"{url}/{gateway.theirs.id}/emits", headers=headers(gateway.theirs))).json()["data"]
        before_theirs = (await client.get(f"{url}/{gateway.mine.id}/emits", params={"before": their_emits[0]["id"]},
                                          headers=headers(gateway.mine))).json()
    sse_ids = [event["id"] for event in mine + theirs]
    assert all(re.fullmatch(r"sse_[A-Za-z0-9]{20}", event_id) for event_id in sse_ids) and len(set(sse_ids)) == 4
    assert all(re.fullmatch(r"emit_[A-Za-z0-9]{20}", event["id"]) for event in my_emits + their_emits)
    assert [payload for _, payload, _ in resumed] == [{"n": 1}, {"n": 2}]
    assert before_theirs["data"] == []


async def test_events_keep_their_order_past_32_bit_row_ids(gateway, db):
    """A long-running gateway's row ids outgrow 32 bits; events are still stored, listed in order
    and resumed from (PostgreSQL's INTEGER would end there, SQLite's ids are 64-bit)."""
    first = 2**31 + 10
    async with db.engine.begin() as conn:
        if db.is_sqlite:  # the next id is the largest one plus one
            await conn.execute(insert(SseEvent).values(id=first - 1, public_id="sse_earlier", run_id="run_earlier",
                                                       project_id=gateway.theirs.id, environment="development",
                                                       channel="events", payload="{}"))
        else:  # the next id comes from the column's sequence
            await conn.execute(text("SELECT setval('sse_events_id_seq', :last)"), {"last": first - 1})
    await sse_run(gateway, gateway.mine, ("events", {"n": 1}), ("events", {"n": 2}))
    url = f"{gateway.url}/v1/connect/{gateway.mine.id}/sse"
    async with httpx.AsyncClient(timeout=10) as client:
        listed = (await client.get(url, headers=headers(gateway.mine))).json()["data"]
        resume = headers(gateway.mine, **{"Last-Event-ID": listed[0]["id"]})
        async with aconnect_sse(client, "GET", url, headers=resume) as source:
            resumed = await read_events(source.aiter_sse(), 1)
    async with db.engine.connect() as conn:
        row_ids = (await conn.execute(select(SseEvent.id).where(SseEvent.project_id == gateway.mine.id).order_by(SseEvent.id))).scalars().all()
    assert row_ids == [first, first + 1]
    assert [event["payload"] for event in listed] == [{"n": 1}, {"n": 2}]
    assert resumed == [("events", {"n": 2}, listed[1]["id"])]
