"""The S3 destination against moto's S3 server: one gzipped, newline-delimited object per
destination and window, at the documented key, multipart when large, retried when S3 fails."""

from __future__ import annotations

import asyncio
import secrets
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from mcp_gateway.destinations import Destinations
from mcp_gateway.destinations.s3 import object_key
from mcp_gateway.store.models import S3Batch
from tests.destinations.conftest import destination_settings
from tests.destinations.s3_objects import KEY_FORMAT, objects

pytestmark = pytest.mark.both_databases


def run(destinations, **kw):
    return destinations.sender(project_id="proj_test", environment="development", external_user_id="user-1",
                               action_key=kw.pop("action_key", "demo-send"), **kw)


async def flush(destinations):
    """What the worker does each tick, once the window has passed."""
    await asyncio.sleep(destinations.s3.window + 0.05)
    sealed = await destinations.s3.seal_due()
    while await destinations.s3.upload_due():
        pass
    return sealed


def test_object_keys_follow_the_hosted_format():
    when = datetime(2019, 5, 25, 16, 14, 58, tzinfo=timezone.utc)
    identifier = "8f25b54462bf6eeac3ee8bde512b6c59654c454356e808167a01c43ebe4ee919"
    assert object_key("test", when, identifier) == f"test/2019/05/25/16/2019-05-25-16-14-58-{identifier}.gz"
    assert object_key("", when, identifier) == f"2019/05/25/16/2019-05-25-16-14-58-{identifier}.gz"
    assert KEY_FORMAT.fullmatch(object_key("a/b", when, identifier))["prefix"] == "a/b"


async def test_a_window_of_events_is_one_object_per_destination(destinations, s3, bucket):
    for n in range(3):  # three runs within the window
        send = run(destinations)
        for i in range(10):
            send.s3(bucket=bucket, prefix="test/", payload={"run": n, "i": i})
        send.s3(bucket=bucket, prefix="other", payload={"run": n})
        assert await destinations.commit(send) == 11
    assert await destinations.s3.seal_due() == []  # the window has not passed yet
    assert len(await flush(destinations)) == 2
    written = objects(s3, bucket)
    assert len(written) == 2
    by_prefix = {KEY_FORMAT.fullmatch(key)["prefix"]: events for key, events in written.items()}
    assert by_prefix["test"] == [{"run": n, "i": i} for n in range(3) for i in range(10)]
    assert by_prefix["other"] == [{"run": n} for n in range(3)]


async def test_large_batches_go_up_in_parts(destinations, s3, bucket):
    send = run(destinations)
    # Random hex barely compresses: about 13 MB of gzip, three parts of at least 5 MiB.
    events = [{"i": i, "blob": secrets.token_hex(2048)} for i in range(6000)]
    for event in events:
        send.s3(bucket=bucket, prefix="big", payload=event)
    await destinations.commit(send)
    destinations.s3._part_size = 5 * 1024 * 1024
    await flush(destinations)
    [(key, written)] = objects(s3, bucket).items()
    assert written == events
    head = s3.head_object(Bucket=bucket, Key=key)
    assert head["ETag"].strip('"').endswith("-3")  # a multipart object's ETag counts its parts
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


async def test_a_failing_upload_is_retried_and_the_run_shows_its_progress(destinations, s3, bucket):
    missing = bucket + "-later"
    send = run(destinations)
    send.s3(bucket=missing, payload={"n": 1})
    send.sse(channel="events", payload={"n": 1})
    await destinations.commit(send)
    await flush(destinations)  # NoSuchBucket: one attempt, retried after the backoff
    report = await destinations.run_deliveries(send.run_id)
    s3_status = next(d for d in report.destinations if d.kind == "s3")
    assert (s3_status.target, s3_status.events, s3_status.delivered, s3_status.pending) == (f"s3://{missing}", 1, 0, 1)
    assert report.reached == 1  # the SSE channel only
    async with destinations._db.session() as s:
        batch = (await s.scalars(select(S3Batch))).one()
    assert batch.attempts == 1 and "NoSuchBucket" in batch.last_error
    s3.create_bucket(Bucket=missing)
    await asyncio.sleep(0.15)
    assert await destinations.s3.upload_due() == 1
    assert list(objects(s3, missing).values()) == [[{"n": 1}]]
    report = await destinations.run_deliveries(send.run_id)
    assert report.reached == 2 and all(d.pending == 0 for d in report.destinations)


async def test_a_batch_is_given_up_after_the_last_retry(destinations, bucket):
    send = run(destinations)
    send.s3(bucket=bucket + "-never", payload=1)
    await destinations.commit(send)
    await flush(destinations)
    for _ in range(2):
        await asyncio.sleep(0.15)
        await destinations.s3.upload_due()
    assert await destinations.s3.upload_due() == 0
    [status] = (await destinations.run_deliveries(send.run_id)).destinations
    assert (status.delivered, status.failed, status.pending) == (0, 1, 0)


async def test_two_processes_write_each_batch_once(db, vault, tmp_path, s3_url, s3, bucket):
    first = Destinations(db, destination_settings(tmp_path, s3_url), vault)
    second = Destinations(db, destination_settings(tmp_path, s3_url), vault)
    for n in range(20):
        send = run(first)
        send.s3(bucket=bucket, prefix=f"p{n % 4}", payload={"n": n})
        await first.commit(send)
    await asyncio.sleep(first.s3.window + 0.05)
    await asyncio.gather(first.s3.seal_due(), second.s3.seal_due())
    await asyncio.gather(first.s3.upload_due(), second.s3.upload_due())
    written = objects(s3, bucket)
    assert len(written) == 4
    assert sorted(e["n"] for events in written.values() for e in events) == list(range(20))
    await first.stop()
    await second.stop()


async def test_the_worker_delivers_on_its_own(db, vault, tmp_path, s3_url, s3, bucket):
    worker = Destinations(db, destination_settings(tmp_path, s3_url), vault)
    worker.start()
    send = run(worker)
    send.s3(bucket=bucket, payload={"hello": "world"})
    await worker.commit(send)
    for _ in range(50):
        await asyncio.sleep(0.1)
        if objects(s3, bucket):
            break
    assert list(objects(s3, bucket).values()) == [[{"hello": "world"}]]
    await worker.stop()
