"""Every hand-written app and action meets the catalog's rules (the pack's apps: test_pack.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from mcp_gateway.catalog import Catalog, load_catalog, tool_name
from mcp_gateway.mcp.tools import action_tool

TESTS = Path(__file__).resolve().parents[1] / "apps"
_TOOL_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(packs=False)


def test_tool_names_are_valid_unique_and_short(catalog):
    names = [tool_name(a) for a in catalog.actions.values()]
    assert len(names) == len(set(names))
    assert all(_TOOL_NAME.match(n) for n in names), [n for n in names if not _TOOL_NAME.match(n)]


def test_every_input_schema_is_valid_for_both_drafts_the_llm_apis_read(catalog):
    for action in catalog.actions.values():
        schema = action_tool(action)["inputSchema"]
        Draft202012Validator.check_schema(schema)
        Draft7Validator.check_schema(schema)
        # Anthropic and OpenAI tool definitions take an object schema at the top.
        assert schema["type"] == "object" and isinstance(schema["properties"], dict), action.key
        for name, prop in schema["properties"].items():
            assert prop.get("description"), f"{action.key}.{name} has no description"


def test_every_action_is_described_and_summarised(catalog):
    for action in catalog.actions.values():
        assert action.description.strip() and action.name.strip(), action.key
        assert re.match(r"^\d+\.\d+\.\d+$", action.version), action.key
    for app in catalog.apps.values():
        assert app.description.strip() and app.name.strip(), app.slug


def test_every_action_has_a_test(catalog):
    tested = "\n".join(p.read_text() for p in TESTS.glob("test_*.py"))
    missing = [key for key in catalog.actions if f'"{key}"' not in tested]
    assert missing == []


def test_every_action_sets_a_summary(catalog):
    for action in catalog.actions.values():
        source = Path(action.run.__code__.co_filename).read_text()
        assert "ctx.summary" in source or "$summary" in source, action.key


def test_read_only_actions_are_not_destructive(catalog):
    for action in catalog.actions.values():
        assert not (action.annotations.read_only and action.annotations.destructive), action.key


_READING_VERBS = {"get", "list", "search", "find", "query", "describe", "lookup", "count"}


def test_annotations_follow_what_the_action_name_says_it_does(catalog):
    for action in catalog.actions.values():
        verb = action.key.split("-", 1)[1].split("-", 1)[0]
        if verb in _READING_VERBS:
            assert action.annotations.read_only, f"{action.key} only reads: mark it read_only"
        if verb == "delete":
            assert action.annotations.destructive, f"{action.key} deletes: mark it destructive"


# The depth the most-used apps must keep, and the catalog's floor.
DEPTH = {"github": 40, "slack": 30, "hubspot": 40, "google_sheets": 20, "gmail": 20, "google_drive": 20,
         "google_calendar": 15, "notion": 20, "jira": 25, "linear": 20, "salesforce_rest_api": 25, "stripe": 30,
         "airtable_oauth": 15, "microsoft_outlook": 15, "microsoft_teams": 15, "asana": 15, "trello": 15, "zendesk": 15}


def test_the_catalog_keeps_its_breadth_and_depth(catalog):
    counts = catalog.counts()["hand_written"]
    assert counts["apps"] >= 100 and counts["actions"] >= 1200, (counts["apps"], counts["actions"])
    shallow = {slug: (counts["per_app"].get(slug, 0), floor) for slug, floor in DEPTH.items()
               if counts["per_app"].get(slug, 0) < floor}
    assert shallow == {}
