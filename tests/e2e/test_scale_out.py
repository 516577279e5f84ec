"""Three gateway processes (`mcp-gateway serve`, as deployed) sharing one PostgreSQL and one
Redis, with no sticky routing: each step of every flow goes to a different process, and every
flow completes with nothing lost or duplicated. One process is killed mid-run, and no work that
was acknowledged is lost."""

from __future__ import annotations

import asyncio
import itertools
import json
import subprocess
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from httpx_sse import aconnect_sse

from tests.destinations.s3_objects import objects
from tests.files.support import S3_KEYS, S3Server
from tests.receiver import Receiver
from tests.serve_process import ServeProcess

API_KEY = "scale-kit-key-0000000000"
BATCH_WINDOW = 1.0

SCALE_APP = """
from mcp_gateway.catalog import App, Identity, KeyField, Keys


async def check(ctx):
    data = (await ctx.http.get("/check")).json()
    return Identity(name=data["user"], external_id=data["id"])


app = App(
    "scale_kit", "Scale Kit", "An API-key service on loopback.",
    auth=Keys(fields=[KeyField("api_key", "API key", "Find it in your settings.")]),
    base_url="{receiver}",
    auth_headers=lambda auth: {"X-Api-Key": auth.get("api_key", "")},
    test=check,
)
"""

SCALE_ACTIONS = '''
from mcp_gateway.catalog import props

from ..app import app


@app.action(
    "record",
    title="Record",
    description="Check the key upstream and record a numbered event in S3.",
    props={"n": props.integer("N", "The event's number."), "bucket": props.string("Bucket", "Where events go.")},
)
async def record(ctx):
    seen = (await ctx.http.get("/check", params={"n": ctx.props.n})).json()
    ctx.send.s3({"bucket": ctx.props.bucket, "prefix": "scale", "payload": {"n": ctx.props.n}})
    ctx.summary = f"Recorded {ctx.props.n}"
    return {"n": ctx.props.n, "user": seen["user"]}


async def greeting_props(ctx):
    if ctx.props.get("style") == "formal":
        return {"title": props.string("Title", "How to address them, e.g. Dr.")}
    return {"nickname": props.string("Nickname", "What friends call them.")}


@app.action(
    "greet",
    title="Greet",
    description="Compose a greeting.",
    props={"style": props.string("Style", "formal or casual.", options=["formal", "casual"], reload_props=True),
           "name": props.string("Name", "Who to greet.")},
    additional_props=greeting_props,
    read_only=True,
)
async def greet(ctx):
    if ctx.props.style == "formal":
        text = f"Good day, {ctx.props.title} {ctx.props.name}."
    else:
        text = f"Hey {ctx.props.nickname} ({ctx.props.name})!"
    ctx.summary = text
    return {"text": text}


@app.action(
    "write-note",
    title="Write Note",
    description="Write a note under /tmp.",
    props={"text": props.string("Text", "What the note says.")},
    stash="required",
)
async def write_note(ctx):
    ctx.tmp_path("/tmp/note.txt").write_text(ctx.props.text)
    ctx.summary = "Wrote /tmp/note.txt"
    return {"path": "/tmp/note.txt"}


@app.action(
    "read-note",
    title="Read Note",
    description="Read the note under /tmp.",
    stash="required",
    read_only=True,
)
async def read_note(ctx):
    ctx.summary = "Read /tmp/note.txt"
    return {"text": ctx.tmp_path("/tmp/note.txt").read_text()}
'''


@dataclass
class Cluster:
    processes: list[ServeProcess]
    project: dict[str, str]
    token: str
    bucket: str
    s3: S3Server
    receiver: Receiver
    numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def urls(self) -> list[str]:
        return [p.url for p in self.processes]

    def headers(self, user: str, mode: str = "tools-only", **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "x-pd-project-id": self.project["project_id"],
                "x-pd-environment": "development", "x-pd-external-user-id": user, "x-pd-app-slug": "scale_kit",
                "x-pd-tool-mode": mode, "accept": "application/json", **extra}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, postgres_server, redis_server) -> Iterator[Cluster]:
    root = tmp_path_factory.mktemp("scale")
    custom = root / "custom"
    (custom / "scale_kit" / "actions").mkdir(parents=True)
    s3 = S3Server.start()
    receiver = Receiver(api_key=API_KEY).__enter__()
    database = postgres_server.create_database("scale")
    processes: list[ServeProcess] = []
    try:
        (custom / "scale_kit" / "app.py").write_text(textwrap.dedent(SCALE_APP).replace("{receiver}", receiver.url))
        (custom / "scale_kit" / "actions" / "main.py").write_text(textwrap.dedent(SCALE_ACTIONS))
        bucket = s3.create_bucket()
        settings = {
            "DATABASE_URL": database,
            "REDIS_URL": redis_server.url,
            "CUSTOM_TOOLS_DIR": str(custom),
            "RATE_LIMITS": "off",
            "FILE_STORE": "s3",
            "S3_FILE_BUCKET": s3.create_bucket(),
            "S3_ENDPOINT_URL": s3.endpoint_url,
            "S3_ACCESS_KEY_ID": S3_KEYS["access_key_id"],
            "S3_SECRET_ACCESS_KEY": S3_KEYS["secret_access_key"],
            "S3_REGION": S3_KEYS["region"],
            "S3_BATCH_WINDOW": str(BATCH_WINDOW),
            "DESTINATION_LEASE": "3",
            "DESTINATION_BACKOFF": "0.2,0.5,1",
            "LOG_FORMAT": "json",
            "PRIVATE_NETWORKS": "127.0.0.0/8",  # the receiver and the OAuth provider are local
        }
        processes = [ServeProcess(root / f"data-{i}", **settings) for i in range(3)]
        project = processes[0].create_project()
        for process in processes:
            process.start()
        yield Cluster(processes, project, processes[0].token(project), bucket, s3, receiver)
    finally:
        for process in processes:
            if process.alive():
                process.terminate()
        for process in processes:
            if process.alive():
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
        receiver.__exit__(None, None, None)
        s3.stop()
        postgres_server.drop_databases([database])


def rpc(url: str, headers: dict[str, str], method: str, params: dict[str, Any] | None = None, *, id: int = 1) -> httpx.Response:
    body: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
    if id is not None:
        body["id"] = id
    if params is not None:
        body["params"] = params
    return httpx.post(url + "/", json=body, headers=headers, timeout=30)


def initialize(url: str, headers: dict[str, str]) -> str:
    opened = rpc(url, headers, "initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                               "clientInfo": {"name": "scale-test", "version": "1"}})
    assert opened.status_code == 200, opened.text
    return opened.headers["mcp-session-id"]


def tool_names(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [tool["name"] for tool in response.json()["result"]["tools"]]


def structured(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    result = response.json()["result"]
    assert not result.get("isError"), result
    return result["structuredContent"]


def connect(cluster: Cluster, user: str) -> None:
    """A Connect Link: the token from one process, the page from another, the key saved by a third."""
    first, second, third = cluster.urls
    issued = httpx.post(f"{first}/v1/connect/{cluster.project['project_id']}/tokens",
                        headers={"Authorization": f"Bearer {cluster.token}", "x-pd-environment": "development"},
                        json={"external_user_id": user})
    assert issued.status_code == 200, issued.text
    link = issued.json()["connect_link_url"]
    page = httpx.get(second + link[link.index("/_static"):] + "&app=scale_kit")
    assert page.status_code == 200 and "API key" in page.text
    saved = httpx.post(third + "/_static/connect/keys", data={"token": issued.json()["token"], "app": "scale_kit", "api_key": API_KEY})
    assert saved.status_code == 200, saved.text


def s3_numbers(cluster: Cluster) -> list[int]:
    client = cluster.s3.client()
    return [event["n"] for key, events in objects(client, cluster.bucket).items() if key.startswith("scale/") for event in events]


def wait_for_numbers(cluster: Cluster, wanted: set[int], timeout: float = 40) -> list[int]:
    deadline = time.monotonic() + timeout
    while True:
        found = s3_numbers(cluster)
        if wanted <= set(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.25)


def test_every_flow_completes_across_three_processes(cluster):
    first, second, third = cluster.urls
    user = "alice"

    # Before the account exists, a call on any process answers with a Connect Link.
    session = initialize(first, cluster.headers(user))
    in_session = cluster.headers(user, **{"mcp-session-id": session, "mcp-protocol-version": "2025-06-18"})
    record = next(name for name in tool_names(rpc(second, in_session, "tools/list")) if name.endswith("scale_kit-record"))
    missing = rpc(third, in_session, "tools/call", {"name": record, "arguments": {"n": 0, "bucket": cluster.bucket}}).json()["result"]
    assert "/_static/connect.html?token=ctok_" in json.dumps(missing)

    connect(cluster, user)
    accounts = httpx.get(f"{second}/v1/connect/{cluster.project['project_id']}/accounts",
                         headers={"Authorization": f"Bearer {cluster.token}", "x-pd-environment": "development"},
                         params={"external_user_id": user})
    assert [a["name"] for a in accounts.json()["data"]] == ["key-user"]

    # Tools-only: one session, each call on another process.
    sent: set[int] = set()
    for url in (first, second, third, first):
        n = next(cluster.numbers)
        done = structured(rpc(url, in_session, "tools/call", {"name": record, "arguments": {"n": n, "bucket": cluster.bucket}}))
        assert done["ret"] == {"n": n, "user": "key-user"}
        sent.add(n)
    assert sum(path.startswith("/check?n=") for path in cluster.receiver.gets) >= 4

    # Ending the session on one process ends it on all of them at once.
    assert httpx.delete(third + "/", headers=in_session).status_code == 200
    for url in (first, second):
        gone = rpc(url, in_session, "tools/list")
        assert gone.status_code == 404 and "session not found" in gone.text

    sent |= asyncio.run(legacy_sse_flow(cluster, user, record))
    asyncio.run(full_config_flow(cluster, user))
    file_stash_flow(cluster, user)
    rate_limit_flow(cluster)

    # The S3 destination: every recorded event in exactly one batch object, whichever process ran it.
    found = wait_for_numbers(cluster, sent)
    assert sorted(found) == sorted(sent)


async def legacy_sse_flow(cluster: Cluster, user: str, record: str) -> set[int]:
    """The stream is held by one process; its messages are POSTed to the other two, and every
    answer comes back on the stream."""
    first, second, third = cluster.urls
    stream_headers = {**cluster.headers(user), "accept": "text/event-stream"}
    sent: set[int] = set()
    async with httpx.AsyncClient(timeout=30) as client, aconnect_sse(client, "GET", first + "/", headers=stream_headers) as source:
        assert source.response.status_code == 200
        events = source.aiter_sse()
        announced = await anext(events)
        assert announced.event == "endpoint" and "sessionId=" in announced.data
        endpoint = announced.data
        posts = itertools.cycle((second, third))
        messages = [
            {"jsonrpc": "2.0", "id": 1, "method": "initialize",
             "params": {"protocolVersion": "2024-11-05", "capabilities": {}, "clientInfo": {"name": "legacy", "version": "1"}}},
            {"jsonrpc": "2.0", "method": "notifications/initialized"},
            {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        ]
        for n in range(3):
            number = next(cluster.numbers)
            sent.add(number)
            messages.append({"jsonrpc": "2.0", "id": 10 + n, "method": "tools/call",
                             "params": {"name": record, "arguments": {"n": number, "bucket": cluster.bucket}}})
        answers: dict[int, Any] = {}
        for message in messages:
            accepted = await client.post(next(posts) + endpoint, json=message, headers={"Authorization": f"Bearer {cluster.token}"})
            assert accepted.status_code == 202, accepted.text
            if "id" in message:
                reply = (await asyncio.wait_for(anext(events), 30)).json()
                answers[reply["id"]] = reply
        assert answers[1]["result"]["serverInfo"]
        assert any(t["name"] == record for t in answers[2]["result"]["tools"])
        for n, number in enumerate(sorted(sent)):
            assert answers[10 + n]["result"]["structuredContent"]["ret"]["n"] == number
    return sent


async def full_config_flow(cluster: Cluster, user: str) -> None:
    """A configuration whose steps land on three processes, while the session's notification
    stream is open on a fourth connection: each change of the tool list reaches that stream."""
    first, second, third = cluster.urls
    headers = cluster.headers(user, "full-config", **{"x-pd-conversation-id": "conv-scale"})
    session = initialize(first, headers)
    in_session = {**headers, "mcp-session-id": session, "mcp-protocol-version": "2025-06-18"}
    async with httpx.AsyncClient(timeout=30) as client, aconnect_sse(
        client, "GET", second + "/", headers={**in_session, "accept": "text/event-stream"}
    ) as source:
        assert source.response.status_code == 200
        events = source.aiter_sse()
        begin = next(name for name in tool_names(rpc(third, in_session, "tools/list")) if name.startswith("begin_configuration_"))
        assert begin.endswith("scale_kit-greet")
        structured_or_text = rpc(third, in_session, "tools/call", {"name": begin, "arguments": {}})
        assert structured_or_text.status_code == 200 and not structured_or_text.json()["result"].get("isError")
        changed = await asyncio.wait_for(anext(events), 15)
        assert changed.json()["method"] == "notifications/tools/list_changed"
        set_props = rpc(first, in_session, "tools/call", {"name": "configure_props", "arguments": {"style": "formal", "name": "Ada"}})
        assert not set_props.json()["result"].get("isError"), set_props.text
        listed = rpc(second, in_session, "tools/list").json()["result"]["tools"]
        configure = next(tool for tool in listed if tool["name"] == "configure_props")
        assert "title" in configure["inputSchema"]["properties"]  # added by the reload on another process
        more = rpc(third, in_session, "tools/call", {"name": "configure_props", "arguments": {"title": "Dr."}})
        assert not more.json()["result"].get("isError"), more.text
        assert "run_configured_action" in tool_names(rpc(second, in_session, "tools/list"))
        ran = structured(rpc(first, in_session, "tools/call", {"name": "run_configured_action", "arguments": {}}))
        assert ran["ret"] == {"text": "Good day, Dr. Ada."}


def file_stash_flow(cluster: Cluster, user: str) -> None:
    first, second, third = cluster.urls
    session = initialize(third, cluster.headers(user))
    in_session = cluster.headers(user, **{"mcp-session-id": session, "mcp-protocol-version": "2025-06-18"})
    names = tool_names(rpc(first, in_session, "tools/list"))
    write = next(n for n in names if n.endswith("scale_kit-write-note"))
    read = next(n for n in names if n.endswith("scale_kit-read-note"))
    wrote = structured(rpc(second, in_session, "tools/call", {"name": write, "arguments": {"text": "kept across processes", "stash_id": "NEW"}}))
    stash_id = wrote["stash_id"]
    assert stash_id and wrote["exports"]["$filestash_uploads"][0]["localPath"] == "/tmp/note.txt"
    link = wrote["exports"]["$filestash_uploads"][0]["get_url"]
    assert httpx.get(link).text == "kept across processes"
    back = structured(rpc(first, in_session, "tools/call", {"name": read, "arguments": {"stash_id": stash_id}}))
    assert back["ret"] == {"text": "kept across processes"}


def rate_limit_flow(cluster: Cluster) -> None:
    """A custom limit of three requests a minute holds for all processes together."""
    first, second, third = cluster.urls
    auth = {"Authorization": f"Bearer {cluster.token}", "x-pd-environment": "development"}
    made = httpx.post(f"{first}/v1/connect/rate_limits", headers=auth, json={"window_size_seconds": 60, "requests_per_window": 3})
    assert made.status_code == 200, made.text
    limited = {**auth, "x-pd-rate-limit": made.json()["token"]}
    path = f"/v1/connect/{cluster.project['project_id']}/accounts"
    statuses = [httpx.get(url + path, headers=limited).status_code for url in (first, second, third, first, second)]
    assert statuses == [200, 200, 200, 429, 429]


def test_killing_a_process_mid_run_loses_no_acknowledged_work(cluster):
    """Calls spread over the three processes while one is killed: every call that was answered
    has its event in S3 exactly once, and the others go on serving."""
    user = "bob"
    connect(cluster, user)
    victim = cluster.processes[2]
    survivors = cluster.urls[:2]

    async def call(url: str, session: str, n: int) -> int | None:
        headers = cluster.headers(user, **{"mcp-session-id": session, "mcp-protocol-version": "2025-06-18"})
        body = {"jsonrpc": "2.0", "id": n, "method": "tools/call",
                "params": {"name": record, "arguments": {"n": n, "bucket": cluster.bucket}}}
        try:
            async with httpx.AsyncClient(timeout=30) as client:
                answer = await client.post(url + "/", json=body, headers=headers)
        except httpx.HTTPError:
            return None  # the process died with the call in flight: not acknowledged
        if answer.status_code != 200 or answer.json()["result"].get("isError"):
            return None
        return n

    session = initialize(cluster.urls[0], cluster.headers(user))
    in_session = cluster.headers(user, **{"mcp-session-id": session, "mcp-protocol-version": "2025-06-18"})
    record = next(name for name in tool_names(rpc(cluster.urls[1], in_session, "tools/list")) if name.endswith("scale_kit-record"))

    async def run() -> tuple[set[int], set[int]]:
        numbers = [next(cluster.numbers) for _ in range(90)]
        tasks = []
        for i, n in enumerate(numbers):
            tasks.append(asyncio.create_task(call(cluster.urls[i % 3], session, n)))
            if i == 45:
                victim.kill()
            await asyncio.sleep(0.01)
        done = {n for n in await asyncio.gather(*tasks) if n is not None}
        # After the kill, the survivors keep serving.
        after = [next(cluster.numbers) for _ in range(10)]
        more = await asyncio.gather(*(call(survivors[i % 2], session, n) for i, n in enumerate(after)))
        assert all(more), "a surviving process failed a call"
        return done, set(after)

    acknowledged, after = asyncio.run(run())
    assert len(acknowledged) >= 45
    wanted = acknowledged | after
    found = wait_for_numbers(cluster, wanted)
    ours = [n for n in found if n in wanted or n >= min(wanted)]
    assert wanted <= set(ours), f"lost: {sorted(wanted - set(ours))}"
    assert len(ours) == len(set(ours)), "an event was delivered twice"
    for survivor in cluster.processes[:2]:
        assert survivor.alive()
        logged = "\n".join(survivor.lines)
        assert API_KEY not in logged and cluster.token not in logged
        ready = httpx.get(survivor.url + "/readyz")
        assert ready.status_code == 200 and ready.json()["checks"]["redis"] == "ok"
