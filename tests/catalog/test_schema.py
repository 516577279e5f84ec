"""Props become JSON Schema and configurable_props; values are checked before any run."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from mcp_gateway.catalog import App, CatalogError, Keys, KeyField, NoAuth, OAuth, Option, Prop, configurable_prop, input_schema, props, tool_name
from mcp_gateway.catalog.schema import PropValidator


def make_app(auth=None) -> App:
    return App("demo_app", "Demo", "A demo app.", auth=auth or OAuth(authorize_url="https://a/auth", token_url="https://a/token"))


async def noop(ctx):
    return None


async def remote(ctx):
    return ["a"]


def test_every_prop_type_maps_to_json_schema():
    app = make_app()
    action = app.action(
        "everything",
        title="Everything",
        description="Uses every prop type.",
        props={
            "flag": props.boolean("Flag"),
            "count": props.integer("Count", min=1, max=10),
            "name": props.string("Name", secret=True),
            "meta": props.obj("Meta", optional=True),
            "anything": props.any_value("Anything", optional=True),
            "tags": props.string_list("Tags", optional=True),
            "ids": props.integer_list("IDs", optional=True, min=0),
            "rows": props.object_list("Rows", optional=True),
            "flags": Prop("boolean[]", label="Flags", optional=True),
            "query": props.sql(app="demo_app"),
            "note": props.alert("Read me first", "warning"),
            "hidden": props.string("Hidden", hidden=True, default="h"),
            "off": props.string("Off", disabled=True, optional=True),
            "level": props.string("Level", options=["low", {"label": "High", "value": "hi"}], default="low"),
        },
    )(noop)
    schema = input_schema(action.key, action.props)
    Draft202012Validator.check_schema(schema)
    p = schema["properties"]
    assert "demoApp" not in p and "note" not in p and "hidden" not in p and "off" not in p
    assert p["flag"]["type"] == "boolean"
    assert (p["count"]["type"], p["count"]["minimum"], p["count"]["maximum"]) == ("integer", 1, 10)
    assert p["name"]["type"] == "string" and "Sensitive" in p["name"]["description"]
    assert p["meta"] == {"type": "object", "description": "Meta"}
    assert "type" not in p["anything"]
    assert p["tags"]["items"] == {"type": "string"}
    assert p["ids"]["items"] == {"type": "integer", "minimum": 0}
    assert p["rows"]["items"] == {"type": "object"}
    assert p["flags"]["items"] == {"type": "boolean"}
    assert p["query"]["anyOf"][0] == {"type": "string"}
    assert p["level"]["default"] == "low" and "'hi' (High)" in p["level"]["description"]
    assert schema["required"] == ["flag", "count", "name", "query"]
    assert schema["additionalProperties"] is False


def test_configurable_props_use_the_component_api_shape():
    app = make_app()
    action = app.action(
        "shapes",
        title="Shapes",
        description="Shapes.",
        props={
            "channel": props.string("Channel", "Where to post", options=remote, use_query=True, reload_props=True),
            "level": props.string("Level", options=["low", "high"], optional=True),
            "note": props.alert("Heads up"),
        },
        additional_props=noop,
    )(noop)
    shaped = [configurable_prop(n, p) for n, p in action.props.items()]
    assert shaped[0] == {"name": "demoApp", "type": "app", "app": "demo_app"}
    assert shaped[1] == {
        "name": "channel", "type": "string", "label": "Channel", "description": "Where to post",
        "useQuery": True, "reloadProps": True, "remoteOptions": True,
    }
    assert shaped[2]["options"] == [{"label": "low", "value": "low"}, {"label": "high", "value": "high"}]
    assert shaped[2]["optional"] is True
    assert shaped[3] == {"name": "note", "type": "alert", "alertType": "info", "content": "Heads up"}


def test_remote_options_prop_says_how_to_get_values():
    app = make_app()
    action = app.action("pick", title="Pick", description="Pick.", props={"channel": props.string("Channel", options=remote)})(noop)
    text = input_schema(action.key, action.props)["properties"]["channel"]["description"]
    assert "CONFIGURE_COMPONENT" in text and "key: demo_app-pick" in text and "propName: channel" in text


def test_validator_reports_every_bad_field():
    app = make_app(NoAuth())
    action = app.action("v", title="V", description="V.", props={"n": props.integer("N", min=1), "s": props.string("S")})(noop)
    problems = PropValidator(action.key, action.props).errors({"n": 0, "x": 1})
    assert "n: 0 is less than the minimum of 1" in problems
    assert "s: required, no value given" in problems
    assert any(p.startswith("x: not a prop of this action (props: n, s)") for p in problems)


def test_long_action_keys_get_stable_unique_tool_names():
    app = App("a_really_long_application_slug_name", "Long", "Long.", auth=NoAuth())
    first = app.action("create-a-very-long-and-descriptive-record-name-one", title="1", description="d")(noop)
    second = app.action("create-a-very-long-and-descriptive-record-name-two", title="2", description="d")(noop)
    names = {tool_name(first), tool_name(second)}
    assert len(names) == 2
    assert all(len(n) <= 64 for n in names)
    assert tool_name(first) == tool_name(first)
    assert tool_name(first).startswith("a_really_long_application_slug_name-create")


def test_declaration_mistakes_are_caught_when_loading():
    with pytest.raises(CatalogError, match="kebab case"):
        make_app().action("Bad_Name", title="x", description="d")(noop)
    with pytest.raises(CatalogError, match="reload_props need additional_props"):
        make_app().action("dyn", title="x", description="d", props={"a": props.string("A", reload_props=True)})(noop)
    with pytest.raises(ValueError, match="unknown prop type"):
        Prop("float")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="integer props only"):
        props.string("S", min=1)
    with pytest.raises(CatalogError, match="slug"):
        App("Bad Slug", "x", "d", auth=NoAuth())


def test_custom_field_templates_fill_base_url_and_domains():
    app = App(
        "zendesk_like", "Z", "d",
        auth=Keys([KeyField("api_token", "API token"), KeyField("subdomain", "Subdomain", secret=False)]),
        base_url="https://{{custom_fields.subdomain}}.zendesk.com/api/v2",
        allowed_domains=["{{custom_fields.subdomain}}.zendesk.com"],
    )
    auth = {"subdomain": "acme", "api_token": "t"}
    assert app.base_url_for(auth) == "https://acme.zendesk.com/api/v2"
    assert app.allowed_domains_for(auth) == ["acme.zendesk.com"]
    with pytest.raises(KeyError, match="subdomain"):
        app.base_url_for({})


def test_option_helpers():
    assert Option("A", 1).to_json() == {"label": "A", "value": 1}
    with pytest.raises(ValueError, match="value"):
        props.to_option({"label": "no value"})
