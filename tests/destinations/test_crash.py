"""SIGKILL a gateway process between enqueue and flush, and again in the middle of a
multipart upload; after a restart every committed event is in S3 exactly once."""

from __future__ import annotations

import asyncio
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests.destinations.gateway_process import EVENTS_PER_RUN
from tests.destinations.s3_objects import objects

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parents[2]


class Process:
    """The gateway process, its output lines read as they come."""

    def __init__(self, database_url: str, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.destinations.gateway_process", *args],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "MCP_GATEWAY_DATABASE_URL": database_url},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.committed: list[str] = []
        for stream in (self.proc.stdout, self.proc.stderr):
            threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            if line.startswith("committed "):
                self.committed.append(line.split()[1])
            self.lines.put(line)

    def wait_for(self, needle: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise AssertionError(f"the gateway process exited ({self.proc.returncode}) before {needle!r}")
                continue
            if needle in line:
                return line
        raise AssertionError(f"no {needle!r} within {timeout} s")

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)


def queue_state(database_url: str) -> tuple[int, int, int, int]:
    """Events waiting for a batch, batches not yet uploaded, events and batches in the database."""
    queries = ("SELECT count(*) FROM s3_events WHERE batch_id IS NULL", "SELECT count(*) FROM s3_batches WHERE uploaded_at IS NULL",
               "SELECT count(*) FROM s3_events", "SELECT count(*) FROM s3_batches")

    async def count() -> tuple[int, int, int, int]:
        engine = create_async_engine(database_url)
        try:
            async with engine.connect() as conn:
                waiting, open_batches, total, batches = [await conn.scalar(text(query)) for query in queries]
        finally:
            await engine.dispose()
        return waiting, open_batches, total, batches

    return asyncio.run(count())


def test_sigkill_loses_and_duplicates_nothing(tmp_path, database_url, s3_url, s3, bucket):
    args = (database_url, str(tmp_path), s3_url, bucket)
    processes = []
    try:
        # 1. Killed after commits, before the window has passed: nothing sealed or written yet.
        first = Process(*args, "--produce", "1000", "--window", "30")
        processes.append(first)
        first.wait_for("committed ")
        first.wait_for("committed ")
        first.kill()
        assert "sealed" not in "".join(list(first.lines.queue))
        # 2. Killed in the middle of a multipart upload of a large batch.
        second = Process(*args, "--produce", "1000", "--window", "1")
        processes.append(second)
        second.wait_for("part 1 uploaded", timeout=120)
        second.kill()
        assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads")  # it died mid-upload
        # 3. A restart delivers everything left.
        third = Process(*args, "--window", "0.5")
        processes.append(third)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            waiting, open_batches, total, batches = queue_state(database_url)
            if waiting == 0 and open_batches == 0:
                break
            time.sleep(0.5)
        else:
            raise AssertionError(f"not delivered in time: {queue_state(database_url)}")
        third.kill()
    finally:
        for process in processes:
            if process.proc.poll() is None:
                process.kill()

    written = objects(s3, bucket)
    assert len(written) == batches  # one object per batch: re-uploads overwrote
    events = [event for batch in written.values() for event in batch]
    assert len(events) == total  # every stored event once: nothing lost, nothing twice
    per_run = Counter(event["run"] for event in events)
    committed = set(first.committed) | set(second.committed)
    assert committed and committed <= set(per_run)  # every acknowledged run was delivered...
    assert set(per_run.values()) == {EVENTS_PER_RUN}  # ...whole, and so was every other stored run
    assert len({(event["run"], event["i"]) for event in events}) == len(events)
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []  # the dead upload was aborted
