"""A gateway process for the crash tests: runs the destination workers against the database
of MCP_GATEWAY_DATABASE_URL (as the gateway reads it) and an S3 endpoint and, with `--produce`,
finishes runs that send S3 events, printing `committed <run_id> <events>` once each commit has
returned.

    MCP_GATEWAY_DATABASE_URL=... python -m tests.destinations.gateway_process DATA_DIR S3_URL BUCKET [--produce RUNS] [--sse PROJECT]

With `--sse PROJECT` it instead sends one SSE event to PROJECT's development environment for
each line read from stdin (the line is the payload's `n`), printing `sent <n>`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import secrets
import sys
from pathlib import Path

from mcp_gateway.config import normalize_database_url
from mcp_gateway.connect.vault import Vault
from mcp_gateway.destinations import Destinations
from mcp_gateway.store.db import Database
from tests.destinations.conftest import KEY, destination_settings

EVENTS_PER_RUN = 40
BLOB_BYTES = 2048  # hex, so 4 KB a line that gzip only halves: a few runs fill a 5 MiB part


async def main(args: argparse.Namespace) -> None:
    settings = destination_settings(Path(args.data_dir), args.s3_url, s3_batch_window=args.window,
                                    s3_part_size=5 * 1024 * 1024, destination_lease=2.0,
                                    database_url=normalize_database_url(os.environ["MCP_GATEWAY_DATABASE_URL"]))
    db = Database(settings.database_url)
    await db.migrate()
    destinations = Destinations(db, settings, Vault([KEY]))
    destinations.start()
    print("ready", flush=True)
    if args.sse:
        await send_sse_lines(destinations, args.sse)
    for _ in range(args.produce):
        send = destinations.sender(project_id="proj_crash", environment="production", external_user_id="u", action_key="crash-test")
        for i in range(EVENTS_PER_RUN):
            send.s3(bucket=args.bucket, prefix="crash", payload={"run": send.run_id, "i": i, "blob": secrets.token_hex(BLOB_BYTES)})
        count = await destinations.commit(send)
        print(f"committed {send.run_id} {count}", flush=True)
    await asyncio.Event().wait()  # deliver until killed


async def send_sse_lines(destinations: Destinations, project_id: str) -> None:
    loop = asyncio.get_running_loop()
    while line := (await loop.run_in_executor(None, sys.stdin.readline)).strip():
        send = destinations.sender(project_id=project_id, environment="development", external_user_id="u", action_key="sse-test")
        send.sse(channel="events", payload={"n": int(line)})
        await destinations.commit(send)
        print(f"sent {line}", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("s3_url")
    parser.add_argument("bucket")
    parser.add_argument("--produce", type=int, default=0)
    parser.add_argument("--window", type=float, default=1.0)
    parser.add_argument("--sse", default=None, metavar="PROJECT")
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(name)s %(message)s")
    logging.getLogger("mcp_gateway.destinations").setLevel(logging.INFO)
    asyncio.run(main(parser.parse_args()))
