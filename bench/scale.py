"""Scale-out benchmark: one, two and three gateway processes on PostgreSQL and Redis against one
process on SQLite, and the memory 1,000 idle 2025-era sessions cost.

    python bench/scale.py [--seconds 10] [--concurrency 24] [--sessions 1000]

Needs the test extras (their PostgreSQL server binaries), Debian's redis-server and wrk
(`apt-get install redis-server wrk`). Everything runs on 127.0.0.1; PostgreSQL, Redis, the
gateways and the load generator share this machine's cores, so the figures say how the work
spreads over processes here, not what separate machines would reach.

1. Throughput: `tools/call` of the benchmark's echo tool in the 2025 era (each call finds its
   session, validates its props and writes a run record). With several processes, one wrk per
   process, each with its share of the connections, runs at the same time, as a load balancer
   without sticky routing would spread them; the figure is their sum.
2. Memory: a process's resident set before and after 1,000 clients each initialize a session
   and leave it idle, then after each of them also holds its notification stream (GET) open.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from run import Target, free_port, load, wait_http  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

INIT = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}}


class Gateways:
    """N `mcp-gateway serve` processes sharing one database (and Redis, when given)."""

    def __init__(self, work: Path, count: int, database_url: str | None, redis_url: str | None) -> None:
        self.env = {**os.environ, "MCP_GATEWAY_DATA_DIR": str(work / "data"), "MCP_GATEWAY_CUSTOM_TOOLS_DIR": str(work / "custom_tools"),
                    "PYTHONPATH": str(HERE), "MCP_GATEWAY_SECRET_KEY": "b" * 48, "MCP_GATEWAY_RATE_LIMITS": "off",
                    "MCP_GATEWAY_LOG_FORMAT": "json"}
        if database_url:
            self.env["MCP_GATEWAY_DATABASE_URL"] = database_url
        if redis_url:
            self.env["MCP_GATEWAY_REDIS_URL"] = redis_url
        self.project = json.loads(subprocess.run(["mcp-gateway", "project", "create", "--name", "bench"], env=self.env,
                                                 capture_output=True, check=True).stdout)
        self.ports = [free_port() for _ in range(count)]
        self.procs = [subprocess.Popen(["mcp-gateway", "serve", "--port", str(port), "--log-level", "warning"], env=self.env,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for port in self.ports]
        for port in self.ports:
            wait_http(f"http://127.0.0.1:{port}/healthz")
        token = httpx.post(f"http://127.0.0.1:{self.ports[0]}/v1/oauth/token", json={
            "grant_type": "client_credentials", "client_id": self.project["client_id"],
            "client_secret": self.project["client_secret"]}).json()["access_token"]
        self.headers = {"accept": "application/json, text/event-stream", "authorization": f"Bearer {token}",
                        "x-pd-project-id": self.project["project_id"], "x-pd-environment": "development",
                        "x-pd-external-user-id": "bench-user", "x-pd-tool-mode": "tools-only", "x-pd-app-slug": "http"}

    def targets(self) -> list[Target]:
        return [Target(f"gateway {i}", f"http://127.0.0.1:{port}/", self.headers, "custom.http-echo") for i, port in enumerate(self.ports)]

    def rss_kib(self, index: int = 0) -> int:
        status = Path(f"/proc/{self.procs[index].pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()


def throughput(gateways: Gateways, seconds: float, concurrency: int) -> dict[str, float]:
    targets = gateways.targets()
    share = max(2, concurrency // len(targets))
    with ThreadPoolExecutor(len(targets)) as pool:
        results = list(pool.map(lambda t: load(t, era="2025", seconds=seconds, concurrency=share), targets))
    return {
        "processes": len(targets),
        "rps": sum(r["rps"] for r in results),
        "errors": sum(r["errors"] for r in results),
        "p50_ms": max(r["p50_ms"] for r in results),
        "p99_ms": max(r["p99_ms"] for r in results),
    }


async def idle_sessions(gateways: Gateways, count: int) -> dict[str, float]:
    """Resident memory of the first process: at rest, with `count` idle sessions, and with each
    of them holding its notification stream open too (all to that one process)."""
    url = gateways.targets()[0].url
    # Each session is opened on a connection of its own, as separate clients would (and no reused
    # connection meets the server closing it for idleness).
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_keepalive_connections=0)) as opener:
        for _ in range(50):  # warm the code paths so the figure is the sessions' own
            await opener.post(url, json=INIT, headers=gateways.headers)
        await asyncio.sleep(1)
        before = gateways.rss_kib()
        sessions: list[str] = []
        for start in range(0, count, 50):
            answers = await asyncio.gather(*(opener.post(url, json=INIT, headers=gateways.headers) for _ in range(min(50, count - start))))
            sessions += [a.headers["mcp-session-id"] for a in answers]
    await asyncio.sleep(1)
    with_sessions = gateways.rss_kib()
    limits = httpx.Limits(max_connections=count + 10, max_keepalive_connections=count + 10)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        opened = asyncio.Event()
        ready = 0
        stop = asyncio.Event()

        async def hold(session: str) -> None:
            nonlocal ready
            headers = {**gateways.headers, "accept": "text/event-stream", "mcp-session-id": session, "mcp-protocol-version": "2025-06-18"}
            async with client.stream("GET", url, headers=headers) as stream:
                assert stream.status_code == 200
                ready += 1
                if ready == len(sessions):
                    opened.set()
                await stop.wait()

        holders: list[asyncio.Task[None]] = []
        for start in range(0, len(sessions), 100):  # a hundred connections at a time, as clients arrive
            holders += [asyncio.create_task(hold(s)) for s in sessions[start:start + 100]]
            while ready < len(holders) and not any(h.done() for h in holders):
                await asyncio.sleep(0.01)
        await asyncio.wait_for(opened.wait(), 120)
        await asyncio.sleep(1)
        with_streams = gateways.rss_kib()
        stop.set()
        await asyncio.gather(*holders, return_exceptions=True)
    return {
        "sessions": count,
        "rss_before_mib": before / 1024,
        "kib_per_idle_session": (with_sessions - before) / count,
        "kib_per_session_with_open_stream": (with_streams - before) / count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per load phase")
    parser.add_argument("--concurrency", type=int, default=24, help="connections in all, shared by the processes")
    parser.add_argument("--sessions", type=int, default=1000, help="idle sessions for the memory figure")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mcp-gateway-scale-"))
    shutil.copytree(HERE / "custom_tools", work / "custom_tools")
    postgres = PostgresServer.start()
    redis = RedisServer.start()
    results: dict[str, object] = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
                                  "seconds": args.seconds, "concurrency": args.concurrency}
    try:
        setups = [("sqlite", 1, None, None)] + [("postgresql+redis", n, postgres.create_database("bench"), redis.url) for n in (1, 2, 3)]
        for name, count, database_url, redis_url in setups:
            (work / "data").mkdir(exist_ok=True)
            gateways = Gateways(work, count, database_url, redis_url)
            try:
                results[f"{name} x{count}"] = throughput(gateways, args.seconds, args.concurrency)
                if count == 1:
                    results[f"{name} memory"] = asyncio.run(idle_sessions(gateways, args.sessions))
            finally:
                gateways.stop()
                shutil.rmtree(work / "data", ignore_errors=True)
    finally:
        redis.stop()
        postgres.stop()
        shutil.rmtree(work, ignore_errors=True)

    print(json.dumps(results, indent=2))
    print()
    print("| setup | processes | tools/call req/s | p50 / p99 ms | errors |")
    print("| --- | --- | --- | --- | --- |")
    for key, value in results.items():
        if isinstance(value, dict) and "rps" in value:
            name = key.rsplit(" ", 1)[0]
            print(f"| {name} | {value['processes']} | {value['rps']:.0f} | {value['p50_ms']:.1f} / {value['p99_ms']:.1f} | {value['errors']} |")
    print()
    print("| setup | RSS at rest | per idle session | per session with its GET stream open |")
    print("| --- | --- | --- | --- |")
    for key, value in results.items():
        if isinstance(value, dict) and "kib_per_idle_session" in value:
            print(f"| {key.rsplit(' ', 1)[0]} | {value['rss_before_mib']:.0f} MiB | {value['kib_per_idle_session']:.1f} KiB "
                  f"| {value['kib_per_session_with_open_stream']:.1f} KiB |")


if __name__ == "__main__":
    main()
