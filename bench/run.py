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


async def load(target: Target, *, era: str, seconds: float, concurrency: int, method: str = "tools/call") -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    stop_at = 0.0
    warmup = 1.5

    async def worker(n: int) -> None:
        nonlocal errors
        async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=1)) as client:
            if era == "2025":
                headers = await open_session(client, target)
            else:
                headers = {**target.headers, "mcp-protocol-version": MODERN, "mcp-method": method}
                if method == "tools/call":
                    headers["mcp-name"] = target.tool
            i = 0
            while time.perf_counter() < stop_at:
                i += 1
                params: dict = {"name": target.tool, "arguments": {"message": f"hello {n} {i}", "repeat": 3}} if method == "tools/call" else {}
                if era != "2025":
                    params["_meta"] = META
                body = {"jsonrpc": "2.0", "id": i, "method": method, "params": params}
                started = time.perf_counter()
                r = await client.post(target.url, json=body, headers=headers)
                elapsed = time.perf_counter() - started
                data = r.json()
                ok = r.status_code == 200 and "result" in data and not data["result"].get("isError", False)
                if not ok:
                    errors += 1
                elif started > measure_from:
                    latencies.append(elapsed)

    measure_from = time.perf_counter() + warmup
    stop_at = measure_from + seconds
    await asyncio.gather(*(worker(n) for n in range(concurrency)))
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / seconds,
        "p50_ms": percentile(latencies, 0.50) * 1000 if latencies else float("nan"),
        "p99_ms": percentile(latencies, 0.99) * 1000 if latencies else float("nan"),
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


def stdio_cold_start(env: dict[str, str], runs: int = 5) -> dict[str, float]:
    init = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}})
    lst = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen(
            [shutil.which("mcp-gateway") or "mcp-gateway", "stdio", "--app", "github,slack,notion,google_sheets"],
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
                results[f"call_{era}_{target.name}"] = asyncio.run(load(target, era=era, seconds=args.seconds, concurrency=args.concurrency))
            g, b = results[f"call_{era}_gateway"], results[f"call_{era}_bare mcp SDK"]
            results[f"call_{era}_ratio"] = g["rps"] / b["rps"]  # type: ignore[index]
        hundred = Target("gateway", gateway.url, {**gw_headers, "x-pd-app-slug": "bench_hundred"}, "")
        results["list_100_actions"] = asyncio.run(list_latency(hundred))
        results["stdio_cold_start"] = stdio_cold_start(env)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(10)
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
    print(f"| `mcp-gateway stdio` cold start to first tools/list (median of {cold['runs']}) | | {cold['median_ms']:.0f} ms | |")


if __name__ == "__main__":
    main()
