"""App discovery: how well and how fast `Catalog.discover` finds the apps a request needs.

    python bench/discovery.py [--rounds 3] [--misses]

Runs on the combined catalog: the hand-written apps (tools/) and the imported packs
(packs/, 2,000+ apps from the OpenAPI directory), so every request is ranked among thousands
of real look-alikes.

- recall@5 over `bench/discovery/prompts.jsonl`: the share of a prompt's expected apps found
  in the top 5, averaged over prompts, for all prompts and separately for those whose answer
  is a hand-written app and those whose answer is an imported one. Expected slugs the catalog
  does not have are skipped (and counted), so the file stays valid as the catalog changes.
- the time to build the search index (once per catalog), and `discover()` latency p50/p99
  over every prompt, `--rounds` times.

No LLM and no network; runs in a few seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from mcp_gateway.catalog import Catalog, load_catalog

HERE = Path(__file__).resolve().parent
PROMPTS = HERE / "discovery" / "prompts.jsonl"
K = 5


def load_prompts(path: Path = PROMPTS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def answer_kind(catalog: Catalog, prompt: dict[str, Any]) -> str | None:
    """"imported" when an expected app the catalog has comes from a pack, "hand-written" when
    they all are hand-written, None when the catalog has none of them."""
    present = [catalog.apps[s] for s in prompt["expected"] if s in catalog.apps]
    if not present:
        return None
    return "imported" if any(app.source for app in present) else "hand-written"


def evaluate(catalog: Catalog, prompts: list[dict[str, Any]], k: int = K) -> dict[str, Any]:
    """recall@k over the expected slugs the catalog has; prompts with none of them are skipped."""
    recalls, complete, first, misses = [], 0, 0, []
    skipped_prompts = skipped_slugs = 0
    for prompt in prompts:
        expected = [s for s in prompt["expected"] if s in catalog.apps]
        skipped_slugs += len(prompt["expected"]) - len(expected)
        if not expected:
            skipped_prompts += 1
            continue
        found = [m.slug for m in catalog.discover(prompt["prompt"], limit=k)]
        hits = [s for s in expected if s in found]
        recalls.append(len(hits) / len(expected))
        complete += len(hits) == len(expected)
        first += bool(found) and found[0] in expected
        if len(hits) < len(expected):
            misses.append({"prompt": prompt["prompt"], "expected": expected, "found": found})
    scored = len(recalls)
    return {
        "prompts": len(prompts),
        "scored": scored,
        "skipped_prompts": skipped_prompts,
        "skipped_slugs": skipped_slugs,
        f"recall@{k}": sum(recalls) / scored if scored else 0.0,
        f"all_in_top{k}": complete / scored if scored else 0.0,
        "top1_expected": first / scored if scored else 0.0,
        "misses": misses,
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def latency(catalog: Catalog, prompts: list[dict[str, Any]], rounds: int) -> dict[str, float]:
    times = []
    for _ in range(rounds):
        for prompt in prompts:
            started = time.perf_counter()
            catalog.discover(prompt["prompt"])
            times.append(time.perf_counter() - started)
    return {"queries": len(times), "p50_ms": percentile(times, 0.5) * 1000, "p99_ms": percentile(times, 0.99) * 1000}


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="times each prompt is timed")
    parser.add_argument("--misses", action="store_true", help="list the prompts whose apps were not all found")
    args = parser.parse_args()

    prompts = load_prompts()
    progress("loading the catalog (hand-written apps and packs)...")
    started = time.perf_counter()
    catalog = load_catalog()
    load_ms = (time.perf_counter() - started) * 1000
    imported = sum(1 for app in catalog.apps.values() if app.source)
    progress(f"  {len(catalog.apps)} apps ({len(catalog.apps) - imported} hand-written, {imported} imported) "
             f"in {load_ms:.0f} ms")

    progress("building the search index...")
    started = time.perf_counter()
    catalog.search_index()
    build_ms = (time.perf_counter() - started) * 1000
    progress(f"  {build_ms:.0f} ms")

    progress(f"scoring {len(prompts)} prompts...")
    groups: dict[str, list[dict[str, Any]]] = {"hand-written": [], "imported": []}
    for prompt in prompts:
        kind = answer_kind(catalog, prompt)
        if kind:
            groups[kind].append(prompt)
    overall = evaluate(catalog, prompts)
    by_kind = {kind: evaluate(catalog, group) for kind, group in groups.items()}
    progress(f"timing discover() over {len(prompts)} prompts x {args.rounds}...")
    timing = latency(catalog, prompts, args.rounds)

    if args.misses:
        for miss in overall["misses"]:
            print(json.dumps(miss))
        print()

    r = f"recall@{K}"
    print(f"App discovery on the combined catalog: {len(catalog.apps)} apps "
          f"({len(catalog.apps) - imported} hand-written, {imported} imported); "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print()
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| prompts scored (skipped: none of their apps in the catalog) | {overall['scored']} "
          f"({overall['skipped_prompts']}) |")
    print(f"| {r}, all prompts | {overall[r]:.3f} |")
    for kind, result in by_kind.items():
        print(f"| {r}, {kind} answer ({result['scored']} prompts) | {result[r]:.3f} |")
    print(f"| prompts with every expected app in the top {K} | {overall[f'all_in_top{K}']:.3f} |")
    print(f"| first result is an expected app | {overall['top1_expected']:.3f} |")
    print(f"| `discover()` p50 / p99 ({timing['queries']} queries) "
          f"| {timing['p50_ms']:.2f} / {timing['p99_ms']:.2f} ms |")
    print(f"| search index build (once per catalog) | {build_ms:.0f} ms |")


if __name__ == "__main__":
    main()
