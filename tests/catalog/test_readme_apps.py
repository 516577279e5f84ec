"""The README's catalog figures and its table of hand-written apps say what the catalog holds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.apps.vendor_contract import DESCRIPTIONS

README = Path(__file__).resolve().parents[2] / "README.md"
_ROW = re.compile(r"^\| (?P<name>[^|]+) \| `(?P<slug>[a-z0-9_]+)` \| (?P<auth>oauth|keys|none) \| (?P<actions>\d+) \| (?P<checked>yes|) \|")


@pytest.fixture(scope="module")
def counts(tmp_path_factory):
    done = subprocess.run([sys.executable, "-m", "mcp_gateway", "apps", "list", "--counts", "--json"], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "MCP_GATEWAY_DATA_DIR": str(tmp_path_factory.mktemp("data"))})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_table_lists_every_hand_written_app_with_its_actions(counts):
    rows = {m["slug"]: m for m in map(_ROW.match, README.read_text().splitlines()) if m}
    assert {slug: int(m["actions"]) for slug, m in rows.items()} == counts["hand_written"]["per_app"]
    assert {slug for slug, m in rows.items() if m["checked"]} == set(DESCRIPTIONS)


def test_the_headline_figures_are_the_catalogs(counts):
    own, (pack,) = counts["hand_written"], counts["packs"]
    text = " ".join(README.read_text().split())
    assert f"{own['apps']} hand-written apps with {own['actions']:,} actions" in text
    assert f"{pack['apps']:,} apps with {pack['actions']:,} tools imported" in text
    total = f"**{own['apps'] + pack['apps']:,} apps and {own['actions'] + pack['actions']:,} tools**"
    assert total in text
