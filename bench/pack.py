"""What the OpenAPI directory pack costs: start-up time and resident memory, with it and without it.

    python bench/pack.py [--runs 7]

1. `mcp-gateway stdio` cold start to the first `tools/list`, for four hand-written apps, with the
   pack (the default) and with MCP_GATEWAY_PACKS=0, in interleaved rounds; then for two pack apps.
2. Resident memory of a catalog process: hand-written apps alone; with the pack at rest (nothing
   asked of it yet); after the pack's index is read; after the first discovery search (the search
   index over every app); after the tools of ten pack apps are listed.
3. Resident memory of `mcp-gateway serve` at rest, both ways, once it has answered a search (which
   waits for the search index it builds at start).

No network: everything runs on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import httpx  # noqa: E402
from run import free_port, stdio_cold_start, wait_http  # noqa: E402

_MEMORY = r"""
import gc, json, sys
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20
from mcp_gateway.catalog import load_catalog
from mcp_gateway.mcp.tools import action_tool  # imported in both modes: the MCP SDK is not the pack's cost
out = {}
if sys.argv[1] == "without":
    load_catalog(packs=False); gc.collect(); out["hand-written apps alone"] = rss()
else:
    catalog = load_catalog(); gc.collect(); out["with the pack, at rest"] = rss()
    len(catalog.apps); gc.collect(); out["index read (every app listed)"] = rss()
    catalog.discover("send a text message"); gc.collect(); out["after the first discovery search"] = rss()
    for slug in list(catalog.packs[0])[:10]:
        [action_tool(a) for a in catalog.tool_actions(slug)]
    gc.collect(); out["after listing the tools of 10 pack apps"] = rss()
print(json.dumps(out))
"""


def memory(mode: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _MEMORY, mode], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def serve_at_rest(env: dict[str, str]) -> float:
    """MiB resident in a `serve` process that has answered one app search and is otherwise idle."""
    project = json.loads(subprocess.run(["mcp-gateway", "project", "create", "--name", "bench"], env=env,
                                        capture_output=True, check=True).stdout)
    port = free_port()
    proc = subprocess.Popen(["mcp-gateway", "serve", "--port", str(port), "--log-level", "warning"], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_http(f"{base}/healthz")
        token = httpx.post(f"{base}/v1/oauth/token", json={
            "grant_type": "client_credentials", "client_id": project["client_id"],
            "client_secret": project["client_secret"]}).json()["access_token"]
        httpx.get(f"{base}/v1/connect/apps", params={"q": "send a text message"}, timeout=60,
                  headers={"Authorization": f"Bearer {token}"}).raise_for_status()
        status = Path(f"/proc/{proc.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) / 1024
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="cold starts per configuration")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mcp-gateway-bench-pack-"))
    env = {**os.environ, "MCP_GATEWAY_DATA_DIR": str(work / "data")}
    env.pop("MCP_GATEWAY_CUSTOM_TOOLS_DIR", None)
    without = {**env, "MCP_GATEWAY_PACKS": "0"}
    stdio_cold_start(env, runs=1)  # the first start creates the database; not measured

    with_pack: list[float] = []
    without_pack: list[float] = []
    for i in range(args.runs):
        with_pack.append(stdio_cold_start(env, runs=1)["median_ms"])
        without_pack.append(stdio_cold_start(without, runs=1)["median_ms"])
        print(f"  round {i + 1}/{args.runs}: with the pack {with_pack[-1]:.0f} ms, without {without_pack[-1]:.0f} ms", flush=True)
    pack_apps = stdio_cold_start(env, runs=args.runs, apps="spotify,digitalocean")
    print(f"  pack apps (spotify, digitalocean): median {pack_apps['median_ms']:.0f} ms", flush=True)

    print("  measuring memory", flush=True)
    rss = {**memory("without"), **memory("with")}
    print("  measuring serve at rest", flush=True)
    serve_without, serve_with = serve_at_rest(without), serve_at_rest(env)

    print(f"\n{time.strftime('%Y-%m-%d')} on {platform.node()} ({os.cpu_count()} cores), Python {platform.python_version()}")
    print("| measure | figure |")
    print("|---|---|")
    print(f"| stdio cold start to first tools/list, 4 hand-written apps, with the pack (median of {args.runs}) "
          f"| {statistics.median(with_pack):.0f} ms |")
    print(f"| the same with MCP_GATEWAY_PACKS=0 | {statistics.median(without_pack):.0f} ms |")
    print(f"| stdio cold start to first tools/list, 2 pack apps (spotify, digitalocean) | {pack_apps['median_ms']:.0f} ms |")
    base = rss["hand-written apps alone"]
    for label, value in rss.items():
        growth = "" if label == "hand-written apps alone" else f" ({round(value - base):+d} MB)"
        print(f"| resident memory: {label} | {value:.0f} MB{growth} |")
    print(f"| `serve` at rest, after one search, with MCP_GATEWAY_PACKS=0 | {serve_without:.0f} MB |")
    print(f"| `serve` at rest, after one search, with the pack | {serve_with:.0f} MB ({round(serve_with - serve_without):+d} MB) |")


if __name__ == "__main__":
    main()
