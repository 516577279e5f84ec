"""An action's run uses `ctx.send`; the runtime commits the sends when the run succeeds and
drops them when it fails. `run` below does what `engine.run_action` and `Runtime.run` do."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from mcp_gateway.catalog import App, NoAuth, props
from mcp_gateway.runtime.engine import run_action
from mcp_gateway.store.models import DestinationRun, SseEvent
from tests.destinations.s3_objects import objects

pytestmark = pytest.mark.both_databases

demo = App("demo_destinations", "Demo Destinations", "Sends what it is given to destinations.", auth=NoAuth())


@demo.action("log-names", title="Log Names", description="Write each name to S3 and to an SSE channel.",
             props={"bucket": props.string("Bucket", "S3 bucket"), "names": props.string_list("Names", "Names")})
async def log_names(ctx):
    for name in ctx.props.names:
        ctx.send.s3({"bucket": ctx.props.bucket, "prefix": "names/", "payload": {"name": name}})
        ctx.send.sse({"channel": "names", "payload": {"name": name}})
    ctx.summary = f"Sent {len(ctx.props.names)} names"


@demo.action("send-then-fail", title="Send Then Fail", description="Sends an event, then fails.")
async def send_then_fail(ctx):
    ctx.send.emit({"never": "delivered"})
    raise RuntimeError("upstream said no")


async def run(destinations, action, values, tmp_path):
    """What the runtime does around a run: the engine runs it with `$.send`, then the sends of a
    successful run are committed and a failed run's discarded."""
    send = destinations.sender(project_id="proj_test", environment="development", external_user_id="user-1", action_key=action.key)
    result = await run_action(action, values, external_user_id="user-1", tmp_dir=tmp_path, send=send)
    if result.error is not None:
        send.discard()
        return send.run_id, RuntimeError(result.error)
    await destinations.commit(send)
    return send.run_id, None


async def test_a_successful_run_delivers_what_it_sent(destinations, s3, bucket, tmp_path):
    run_id, error = await run(destinations, log_names, {"bucket": bucket, "names": ["Luke", "Han", "Leia", "Obi Wan"]}, tmp_path)
    assert error is None
    await asyncio.sleep(destinations.s3.window + 0.05)
    await destinations.s3.seal_due()
    await destinations.s3.upload_due()
    [written] = objects(s3, bucket).values()
    assert [e["name"] for e in written] == ["Luke", "Han", "Leia", "Obi Wan"]
    report = await destinations.run_deliveries(run_id)
    assert report.reached == 2 and {d.kind for d in report.destinations} == {"s3", "sse"}


async def test_a_failed_run_delivers_nothing(destinations, tmp_path):
    run_id, error = await run(destinations, send_then_fail, {}, tmp_path)
    assert str(error) == "demo_destinations-send-then-fail failed: RuntimeError: upstream said no"
    assert await destinations.run_deliveries(run_id) is None
    async with destinations._db.session() as s:
        assert await s.scalar(select(func.count()).select_from(DestinationRun)) == 0


async def test_a_bad_send_fails_the_run_that_made_it(destinations, tmp_path):
    run_id, error = await run(destinations, log_names, {"bucket": "Not A Bucket", "names": ["Luke"]}, tmp_path)
    assert "DestinationError: $.send.s3: 'Not A Bucket' is not an S3 bucket name" in str(error)
    async with destinations._db.session() as s:
        assert await s.scalar(select(func.count()).select_from(SseEvent)) == 0
