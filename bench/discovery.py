"""App discovery: how well and how fast `Catalog.discover` finds the apps a request needs.

    python bench/discovery.py [--apps 2000] [--rounds 3]

1. recall@5 on the real catalog over `bench/discovery/prompts.jsonl`: the share of a prompt's
   expected apps found in the top 5, averaged over prompts, and the share of prompts with all
   of them there. Expected slugs the catalog does not have are skipped (and counted), so the
   file stays valid as the catalog grows.
2. The same prompts against a generated catalog of `--apps` apps (made-up names, descriptions,
   categories and 5-30 actions each) with the real apps mixed in: recall@5 among distractors,
   the time to build the search index, and query latency p50/p99.

No LLM and no network; runs in a few seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

from mcp_gateway.catalog import App, Catalog, NoAuth, load_catalog

HERE = Path(__file__).resolve().parent
PROMPTS = HERE / "discovery" / "prompts.jsonl"
K = 5


def load_prompts(path: Path = PROMPTS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


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


# A generated catalog: made-up apps that read like real ones, so the real apps have to win
# against plenty of near misses (other CRMs, other spreadsheets, other chat tools...).

CATEGORIES: dict[str, tuple[str, str, str]] = {
    # category: (what its apps are, what their actions work on, words added to some names)
    "Sales and CRM": ("a CRM for growing sales teams", "contact deal lead company note activity pipeline-stage", "CRM Sales"),
    "Marketing": ("email marketing and campaign automation", "campaign subscriber list audience template segment",
                  "Mail Marketing"),
    "Communication": ("team chat and messaging", "message channel conversation user group reaction", "Chat Talk"),
    "Email": ("an email service for teams", "email draft label thread contact attachment", "Mail Inbox"),
    "Productivity": ("notes, documents and team knowledge", "note document folder page tag comment", "Notes Docs"),
    "Project Management": ("project and task management", "task project board card sprint comment milestone", "Tasks PM"),
    "Developer Tools": ("developer workflow and CI", "repository build deployment issue pipeline release log", "CI Dev"),
    "Databases": ("a hosted database", "table record query collection document index", "DB Data"),
    "Spreadsheets": ("online spreadsheets and tables", "spreadsheet row worksheet table cell view", "Sheets Grid"),
    "File Storage": ("cloud file storage and sharing", "file folder share-link upload version", "Drive Files"),
    "Accounting": ("accounting and bookkeeping", "invoice customer payment expense bill account", "Books Ledger"),
    "Payment Processing": ("online payments", "charge refund subscription customer payout price", "Pay Checkout"),
    "E-commerce": ("an online store platform", "order product customer inventory-item fulfillment discount", "Shop Store"),
    "Customer Support": ("a customer support helpdesk", "ticket conversation customer agent article macro", "Desk Support"),
    "Forms and Surveys": ("forms and surveys", "form response survey question submission", "Forms Survey"),
    "Scheduling": ("calendars and meeting scheduling", "event calendar booking availability meeting invitee", "Calendar Meet"),
    "Social Media": ("social media publishing", "post comment follower profile media", "Social Post"),
    "Analytics": ("product and web analytics", "report metric event dashboard funnel", "Analytics Metrics"),
    "Human Resources": ("HR and recruiting", "employee candidate job time-off-request department", "HR People"),
    "Video": ("video meetings and recordings", "meeting recording webinar participant transcript", "Video Meet"),
    "AI": ("AI models and automation", "completion model embedding image transcription", "AI ML"),
}
PREFIXES = ("Zen Flow Nimbus Quant Apex Pixel Bright Cloud Swift Nova Orbit Spark Lumen Vector Echo Pulse Kite Mosaic "
            "Atlas Beacon Cobalt Delta Ember Fable Grove Harbor Ivy Jolt Kona Lynx Maple Nectar Onyx Pebble Quill "
            "Rally Sage Tidal Umber Vivid Willow Xeno Yonder Zephyr Acorn Birch Cedar Dune Fjord Glint").split()
SUFFIXES = "ly io desk base stack flow hub grid sync ify wave track board bit forge loop point line scope works".split()
VERBS = ("create", "update", "get", "list", "delete", "find", "search", "archive", "add", "send", "export", "import")
EXTRAS = (
    "Returns the {obj}'s ID and fields.",
    "Optionally filter by date range.",
    "Supports pagination with a cursor.",
    "Fields left empty stay as they are.",
    "Use it before updating a {obj} to see its current values.",
    "Returns up to 100 results per page.",
)


async def _noop(ctx: Any) -> None:
    return None


def generated_catalog(count: int, real: Catalog, seed: int = 7) -> Catalog:
    """`count` apps in all: the real ones and made-up ones (deterministic for a seed)."""
    rng = random.Random(seed)
    apps = list(real.apps.values())
    slugs = set(real.apps)
    categories = list(CATEGORIES)
    while len(apps) < count:
        category = rng.choice(categories)
        what, things, name_words = CATEGORIES[category]
        objects = [t.replace("-", " ") for t in things.split()]
        name = rng.choice(PREFIXES) + rng.choice(SUFFIXES)
        if rng.random() < 0.4:
            name += " " + rng.choice(name_words.split())
        slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        while slug in slugs:
            slug += "_" + str(rng.randint(2, 99))
        slugs.add(slug)
        more = rng.sample(categories, 1) if rng.random() < 0.2 else []
        listed = rng.sample(objects, min(3, len(objects)))
        app = App(
            slug, name,
            f"{name} is {what}. Manage {listed[0]}s, {listed[1]}s and {listed[2]}s from your workflows.",
            auth=NoAuth(), categories=[category, *more], featured_weight=int(100 * rng.random() ** 4),
        )
        pairs = [(v, o) for v in VERBS for o in objects]
        for verb, obj in rng.sample(pairs, min(len(pairs), rng.randint(5, 30))):
            extra = rng.choice(EXTRAS).format(obj=obj)
            app.action(f"{verb}-{obj.replace(' ', '-')}", title=f"{verb.capitalize()} {obj.title()}",
                       description=f"{verb.capitalize()} a {obj} in {name}. {extra}")(_noop)
        apps.append(app)
    return Catalog(apps)


def latency(catalog: Catalog, prompts: list[dict[str, Any]], rounds: int) -> dict[str, float]:
    started = time.perf_counter()
    catalog.search_index()
    build = time.perf_counter() - started
    times = []
    for _ in range(rounds):
        for prompt in prompts:
            started = time.perf_counter()
            catalog.discover(prompt["prompt"])
            times.append(time.perf_counter() - started)
    return {"index_build_ms": build * 1000, "queries": len(times),
            "p50_ms": percentile(times, 0.5) * 1000, "p99_ms": percentile(times, 0.99) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apps", type=int, default=2000, help="apps in the generated catalog")
    parser.add_argument("--rounds", type=int, default=3, help="times each prompt is timed")
    parser.add_argument("--misses", action="store_true", help="list the prompts whose apps were not all found")
    args = parser.parse_args()

    prompts = load_prompts()
    real = load_catalog()
    big = generated_catalog(args.apps, real)
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "real": evaluate(real, prompts),
        "generated": {"apps": len(big.apps), "actions": len(big.actions), **latency(big, prompts, args.rounds)},
    }
    results["generated"].update(evaluate(big, prompts))
    if not args.misses:
        for part in ("real", "generated"):
            results[part]["misses"] = len(results[part]["misses"])

    print(json.dumps(results, indent=2))
    print()
    real_r, gen = results["real"], results["generated"]
    print(f"| measure | real catalog ({len(real.apps)} apps) | generated catalog ({gen['apps']} apps, real ones mixed in) |")
    print("| --- | --- | --- |")
    print(f"| prompts scored (skipped: none of their apps in the catalog) | {real_r['scored']} ({real_r['skipped_prompts']}) "
          f"| {gen['scored']} ({gen['skipped_prompts']}) |")
    print(f"| expected slugs skipped (not in the catalog) | {real_r['skipped_slugs']} | {gen['skipped_slugs']} |")
    print(f"| recall@{K} | {real_r[f'recall@{K}']:.3f} | {gen[f'recall@{K}']:.3f} |")
    print(f"| prompts with every expected app in the top {K} | {real_r[f'all_in_top{K}']:.3f} | {gen[f'all_in_top{K}']:.3f} |")
    print(f"| first result is an expected app | {real_r['top1_expected']:.3f} | {gen['top1_expected']:.3f} |")
    print(f"| search index build (once per catalog) | | {gen['index_build_ms']:.0f} ms |")
    print(f"| discover() latency p50 / p99 ({gen['queries']} queries) | | {gen['p50_ms']:.2f} / {gen['p99_ms']:.2f} ms |")


if __name__ == "__main__":
    main()
