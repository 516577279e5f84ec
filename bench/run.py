"""Benchmarks: the gateway against a bare `mcp` SDK server, on this machine, in one run.

    python bench/run.py [--seconds 10] [--concurrency 16]

1. tools/call throughput and p50/p99 latency, 2025 (session) and 2026-07-28 (stateless)
   eras: the gateway (developer token, tools-only, prop validation, a run record
   written per call) against a bare SDK server whose tool does the same work.
2. tools/list latency for an app with 100 actions.
3. Cold start of `mcp-gateway stdio` to its first tools/list answer.

Everything runs on 127.0.0.1; each load phase stops after a fixed time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
MODERN = "2026-07-28"
META = {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Target:
    def __init__(self, name: str, url: str, headers: dict[str, str], tool: str) -> None:
        self.name, self.url, self.headers, self.tool = name, url, headers, tool


async def open_session(client: httpx.AsyncClient, target: Target) -> dict[str, str]:
    init = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}}
    r = await client.post(target.url, json=init, headers=target.headers)
    r.raise_for_status()
    headers = {**target.headers, "mcp-session-id": r.headers["mcp-session-id"], "mcp-protocol-version": "2025-06-18"}
    await client.post(target.url, json={"jsonrpc": "2.0", "method": "notifications/initialized"}, headers=headers)
    return headers


def load(target: Target, *, era: str, seconds: float, concurrency: int) -> dict[str, float]:
    """Drive `tools/call` with wrk (a C load generator, so the servers get the CPU)."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("the benchmark needs wrk: apt-get install wrk")
    threads = 2
    env = {**os.environ, "BENCH_TOOL": target.tool, "BENCH_ERA": era,
           "BENCH_HEADERS": "\n".join(f"{k}: {v}" for k, v in target.headers.items() if k != "accept")}
    if era == "2025":
        async def sessions() -> list[str]:
            async with httpx.AsyncClient(timeout=30) as client:
                return [(await open_session(client, target))["mcp-session-id"] for _ in range(threads)]
        env["BENCH_SESSIONS"] = ",".join(asyncio.run(sessions()))
    base = [wrk, "-t", str(threads), "-c", str(concurrency), "-s", str(HERE / "call.lua"), "--latency", target.url]
    def run(duration: str) -> str:
        done = subprocess.run(base[:1] + ["-d", duration] + base[1:], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"wrk failed: {done.stdout}{done.stderr}")
        return done.stdout

    run("2s")  # warm-up
    out = run(f"{seconds:g}s")
    stats = json.loads(next(line for line in out.splitlines() if line.startswith("BENCH "))[6:])
    return {
        "requests": stats["requests"],
        "errors": stats["errors"],
        "rps": stats["requests"] / stats["seconds"],
        "p50_ms": stats["p50_ms"],
        "p99_ms": stats["p99_ms"],
    }


def write_hundred_action_app(root: Path) -> None:
    app_dir = root / "bench_hundred"
    (app_dir / "actions").mkdir(parents=True)
    (app_dir / "app.py").write_text(
        "from mcp_gateway.catalog import App, NoAuth\n\n"
        "app = App('bench_hundred', 'Bench Hundred', 'An app with 100 actions.', auth=NoAuth())\n"
    )
    for i in range(100):
        (app_dir / "actions" / f"action_{i:03d}.py").write_text(
            "from mcp_gateway.catalog import props\n\nfrom ..app import app\n\n\n"
            f"@app.action('do-thing-{i:03d}', title='Do Thing {i}', description='Does thing number {i} to a record.',\n"
            "    props={'recordId': props.string('Record ID', 'The record to act on.'),\n"
            "           'note': props.string('Note', 'A note.', optional=True),\n"
            "           'count': props.integer('Count', 'How many.', optional=True, min=1, max=100)})\n"
            f"async def run_{i}(ctx):\n    return {{'done': {i}}}\n"
        )


async def list_latency(target: Target, rounds: int = 300) -> dict[str, float]:
    async with httpx.AsyncClient(timeout=30) as client:
        headers = await open_session(client, target)
        latencies = []
        count = 0
        for i in range(rounds):
            started = time.perf_counter()
            r = await client.post(target.url, json={"jsonrpc": "2.0", "id": i, "method": "tools/list"}, headers=headers)
            latencies.append(time.perf_counter() - started)
            count = len(r.json()["result"]["tools"])
    return {"tools": count, "p50_ms": percentile(latencies, 0.5) * 1000, "p99_ms": percentile(latencies, 0.99) * 1000}


def stdio_cold_start(env: dict[str, str], runs: int = 5, apps: str = "github,slack,notion,google_sheets") -> dict[str, float]:
    """Median start of `mcp-gateway stdio` to its first tools/list answer, as an installed gateway
    starts: Python's bytecode cache on (the apps' modules are compiled once, by a first start that
    is not measured), whatever this shell says."""
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    init = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}})
    lst = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
    times = []
    for n in range(runs + 1):
        started = time.perf_counter()
        proc = subprocess.Popen(
            [shutil.which("mcp-gateway") or "mcp-gateway", "stdio", "--app", apps],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )
        assert proc.stdin and proc.stdout
        proc.stdin.write((init + "\n" + lst + "\n").encode())
        proc.stdin.flush()
        while True:
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError("stdio server exited before answering tools/list")
            if json.loads(line).get("id") == 2:
                break
        if n:  # the first start compiles what has changed since the last; it is not what users wait for
            times.append(time.perf_counter() - started)
        proc.stdin.close()
        proc.wait(10)
    return {"median_ms": statistics.median(times) * 1000, "min_ms": min(times) * 1000, "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per load phase")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent clients per load phase")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mcp-gateway-bench-"))
    custom = work / "custom_tools"
    shutil.copytree(HERE / "custom_tools", custom)
    write_hundred_action_app(custom)
    env = {**os.environ, "MCP_GATEWAY_DATA_DIR": str(work / "data"), "MCP_GATEWAY_CUSTOM_TOOLS_DIR": str(custom),
           "PYTHONPATH": str(HERE)}
    procs: list[subprocess.Popen[bytes]] = []
    try:
        project = json.loads(subprocess.run(["mcp-gateway", "project", "create", "--name", "bench"], env=env,
                                            capture_output=True, check=True).stdout)
        gw_port, bare_port = free_port(), free_port()
        procs.append(subprocess.Popen(["mcp-gateway", "serve", "--port", str(gw_port), "--log-level", "warning"], env=env))
        procs.append(subprocess.Popen([sys.executable, str(HERE / "bare_server.py"), str(bare_port)], cwd=HERE))
        wait_http(f"http://127.0.0.1:{gw_port}/healthz")
        wait_http(f"http://127.0.0.1:{bare_port}/mcp/")
        token = httpx.post(f"http://127.0.0.1:{gw_port}/v1/oauth/token", json={
            "grant_type": "client_credentials", "client_id": project["client_id"], "client_secret": project["client_secret"]}).json()["access_token"]
        accept = {"accept": "application/json, text/event-stream"}
        gw_headers = {**accept, "authorization": f"Bearer {token}", "x-pd-project-id": project["project_id"],
                      "x-pd-environment": "development", "x-pd-external-user-id": "bench-user", "x-pd-tool-mode": "tools-only"}
        gateway = Target("gateway", f"http://127.0.0.1:{gw_port}/", {**gw_headers, "x-pd-app-slug": "http"}, "custom.http-echo")
        bare = Target("bare mcp SDK", f"http://127.0.0.1:{bare_port}/mcp/", accept, "bench-echo")

        results: dict[str, object] = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
                                      "seconds": args.seconds, "concurrency": args.concurrency}
        for era in ("2025", "2026"):
            for target in (bare, gateway):
                results[f"call_{era}_{target.name}"] = load(target, era=era, seconds=args.seconds, concurrency=args.concurrency)
            g, b = results[f"call_{era}_gateway"], results[f"call_{era}_bare mcp SDK"]
            results[f"call_{era}_ratio"] = g["rps"] / b["rps"]  # type: ignore[index]
        hundred = Target("gateway", gateway.url, {**gw_headers, "x-pd-app-slug": "bench_hundred"}, "")
        results["list_100_actions"] = asyncio.run(list_latency(hundred))
        results["stdio_cold_start"] = stdio_cold_start(env)
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(10)
        # Persistence is part of the work measured: every call the gateway answered left a run record
        # (warm-up calls included), flushed on shutdown.
        with sqlite3.connect(work / "data" / "gateway.db") as db:
            results["gateway_run_records"] = db.execute("SELECT count(*) FROM action_runs").fetchone()[0]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)

    print(json.dumps(results, indent=2))
    print()
    print("| measure | bare mcp SDK | gateway | gateway / bare |")
    print("| --- | --- | --- | --- |")
    for era, label in (("2025", "2025 era (session)"), ("2026", "2026-07-28 era (stateless)")):
        b, g = results[f"call_{era}_bare mcp SDK"], results[f"call_{era}_gateway"]
        print(f"| tools/call {label}: req/s | {b['rps']:.0f} | {g['rps']:.0f} | {results[f'call_{era}_ratio']:.2f}x |")
        print(f"| tools/call {label}: p50 / p99 ms | {b['p50_ms']:.1f} / {b['p99_ms']:.1f} | {g['p50_ms']:.1f} / {g['p99_ms']:.1f} | |")
    lst = results["list_100_actions"]
    print(f"| tools/list, app with {lst['tools']} actions: p50 / p99 ms | | {lst['p50_ms']:.2f} / {lst['p99_ms']:.2f} | |")
    cold = results["stdio_cold_start"]
    measured = sum(results[f"call_{era}_gateway"]["requests"] for era in ("2025", "2026"))
    print(f"| run records written by the gateway (measured calls + warm-up) | | {results['gateway_run_records']} (>= {measured}) | |")
    print(f"| `mcp-gateway stdio` cold start to first tools/list (median of {cold['runs']}) | | {cold['median_ms']:.0f} ms | |")


if __name__ == "__main__":
    main()
