"""Benchmark of the S3 destination, on this machine, against moto's S3 server on 127.0.0.1.

    python bench/destinations.py [--seconds 5] [--window 60] [--load-seconds 60] [--rate 2000]

1. Enqueue throughput: `$.send.s3` calls committed to the durable queue (SQLite, the
   default store) per second, three ways: runs of 100 events committed one after another;
   128 concurrent runs of one event each (group commit merges their transactions); and,
   for comparison, one transaction per event.
2. Objects written per destination per minute under a steady load of `--rate` events/s
   spread over 10 destinations for `--load-seconds`, with the workers running in the same
   process as the producers, as in a gateway; then every event is read back from S3 to
   check that each arrived exactly once.

Every phase stops after a fixed time.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import logging
import os
import shutil
import socket
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import boto3
from moto.server import ThreadedMotoServer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mcp_gateway.config import Settings  # noqa: E402
from mcp_gateway.connect.vault import Vault  # noqa: E402
from mcp_gateway.destinations import Destinations  # noqa: E402
from mcp_gateway.store.db import Database  # noqa: E402

KEY = b"bench-destinations-master-secret-0123456789"
DESTINATIONS = 10
PAYLOAD = {"type": "page_view", "user": "u-12345", "path": "/pricing", "referrer": "https://example.com/blog/post",
           "ua": "Mozilla/5.0 (X11; Linux x86_64)", "ms": 1234}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settings(work: Path, s3_url: str, window: float) -> Settings:
    work.mkdir(parents=True, exist_ok=True)
    return Settings(
        data_dir=work, database_url=f"sqlite+aiosqlite:///{work / 'gateway.db'}", secret_key=KEY,
        s3_endpoint_url=s3_url, s3_access_key_id="bench", s3_secret_access_key="bench", s3_batch_window=window,
    )


async def open_destinations(work: Path, s3_url: str, window: float = 3600.0) -> tuple[Database, Destinations]:
    config = settings(work, s3_url, window)
    db = Database(config.database_url)
    await db.migrate()
    return db, Destinations(db, config, Vault([KEY]))


def sender(destinations: Destinations):  # type: ignore[no-untyped-def]
    return destinations.sender(project_id="proj_bench", environment="production", external_user_id="bench-user", action_key="bench-send")


async def enqueue(work: Path, s3_url: str, *, seconds: float, events_per_run: int, concurrency: int) -> dict[str, float]:
    """Events per second committed by `concurrency` producers finishing runs of `events_per_run` events."""
    db, destinations = await open_destinations(work, s3_url)
    counts = [0] * concurrency
    deadline = time.perf_counter() + seconds

    async def producer(slot: int) -> None:
        n = 0
        while time.perf_counter() < deadline:
            send = sender(destinations)
            for _ in range(events_per_run):
                send.s3(bucket="bench-bucket", prefix=f"dest-{n % DESTINATIONS}", payload={**PAYLOAD, "n": n})
                n += 1
            counts[slot] += await destinations.commit(send)

    started = time.perf_counter()
    await asyncio.gather(*(producer(i) for i in range(concurrency)))
    elapsed = time.perf_counter() - started
    await destinations.stop()
    await db.close()
    return {"events": sum(counts), "seconds": elapsed, "events_per_s": sum(counts) / elapsed}


async def objects_per_minute(work: Path, s3_url: str, *, window: float, load_seconds: float, rate: float) -> dict[str, object]:
    """Steady load with the workers running; then what S3 holds."""
    s3 = boto3.client("s3", endpoint_url=s3_url, aws_access_key_id="bench", aws_secret_access_key="bench", region_name="us-east-1")
    s3.create_bucket(Bucket="bench-load")
    db, destinations = await open_destinations(work, s3_url, window)
    destinations.start()
    sent = 0
    tick = 0.05
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < load_seconds:
        due = int(rate * min(elapsed + tick, load_seconds)) - sent
        if due > 0:
            send = sender(destinations)
            for i in range(due):
                send.s3(bucket="bench-load", prefix=f"dest-{(sent + i) % DESTINATIONS}", payload={**PAYLOAD, "n": sent + i})
            sent += await destinations.commit(send)
        await asyncio.sleep(tick)
    load_ended = time.perf_counter()
    # The last window's events go up one window after they were sent; wait for them, bounded.
    flush_deadline = load_ended + window + 60
    while time.perf_counter() < flush_deadline:
        async with db.engine.connect() as conn:
            left = (await conn.exec_driver_sql(
                "SELECT (SELECT count(*) FROM s3_events WHERE batch_id IS NULL)"
                " + (SELECT count(*) FROM s3_batches WHERE uploaded_at IS NULL)")).scalar()
        if left == 0:
            break
        await asyncio.sleep(0.5)
    flushed_after = time.perf_counter() - load_ended
    await destinations.stop()
    await db.close()

    per_destination: Counter[str] = Counter()
    seen: Counter[int] = Counter()
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket="bench-load"):
        for item in page.get("Contents", []):
            per_destination[item["Key"].split("/", 1)[0]] += 1
            body = gzip.decompress(s3.get_object(Bucket="bench-load", Key=item["Key"])["Body"].read())
            seen.update(json.loads(line)["n"] for line in body.splitlines())
    minutes = load_seconds / 60
    windows = load_seconds / window
    return {
        "events_sent": sent,
        "events_in_s3": sum(seen.values()),
        "exactly_once": set(seen) == set(range(sent)) and set(seen.values()) == {1},
        "destinations": len(per_destination),
        "objects": sum(per_destination.values()),
        "objects_per_destination_per_minute": sum(per_destination.values()) / len(per_destination) / minutes,
        "objects_per_destination_per_window": sum(per_destination.values()) / len(per_destination) / windows,
        "last_object_after_load_s": flushed_after,
    }


async def run(args: argparse.Namespace, work: Path, s3_url: str) -> dict[str, object]:
    results: dict[str, object] = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    results["runs_of_100"] = await enqueue(work / "a", s3_url, seconds=args.seconds, events_per_run=100, concurrency=1)
    results["concurrent_runs_of_1"] = await enqueue(work / "b", s3_url, seconds=args.seconds, events_per_run=1, concurrency=128)
    results["transaction_per_event"] = await enqueue(work / "c", s3_url, seconds=args.seconds, events_per_run=1, concurrency=1)
    results["load"] = await objects_per_minute(work / "d", s3_url, window=args.window, load_seconds=args.load_seconds, rate=args.rate)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per enqueue phase")
    parser.add_argument("--window", type=float, default=60.0, help="S3 batch window in seconds (the product's is 60)")
    parser.add_argument("--load-seconds", type=float, default=60.0, help="seconds of steady load in the objects phase")
    parser.add_argument("--rate", type=float, default=2000.0, help="events per second in the objects phase")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log

    work = Path(tempfile.mkdtemp(prefix="mcp-gateway-bench-destinations-"))
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        results = asyncio.run(run(args, work, f"http://{host}:{port}"))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    print(json.dumps(results, indent=2))
    print()
    a, b, c, load = (results[k] for k in ("runs_of_100", "concurrent_runs_of_1", "transaction_per_event", "load"))
    print("| measure | result | target |")
    print("| --- | --- | --- |")
    print(f"| S3 enqueue, runs of 100 events: events/s | {a['events_per_s']:,.0f} | >= 10,000 |")
    print(f"| S3 enqueue, 128 concurrent runs of 1 event (group commit): events/s | {b['events_per_s']:,.0f} | >= 10,000 |")
    print(f"| S3 enqueue, one transaction per event (for comparison): events/s | {c['events_per_s']:,.0f} | |")
    print(f"| objects per destination per minute, {args.rate:,.0f} events/s over {load['destinations']} destinations "
          f"for {args.load_seconds:g} s, window {args.window:g} s | {load['objects_per_destination_per_minute']:.2f} "
          f"({load['objects_per_destination_per_window']:.2f} per window) | 1 per window |")
    print(f"| events read back from S3 / sent; each exactly once | {load['events_in_s3']:,} / {load['events_sent']:,}; "
          f"{'yes' if load['exactly_once'] else 'NO'} | all, once |")
    print(f"| last object written after the load ended | {load['last_object_after_load_s']:.1f} s | <= window + upload |")


if __name__ == "__main__":
    main()
