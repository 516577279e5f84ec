"""How a remote MCP server's description becomes an app, and what is refused."""

from __future__ import annotations

import pytest

from mcp_gateway.catalog.remote_mcp import RemoteMcpError, build_remote_app

TOOL = {"name": "deleteEverything", "description": "Deletes it all.", "annotations": {"destructiveHint": True},
        "inputSchema": {"type": "object", "required": ["confirm"], "properties": {
            "confirm": {"type": "boolean", "description": "Must be true."},
            "limit": {"type": ["integer", "null"], "description": "At most this many."}}}}


def test_tools_become_actions_with_props_and_hints():
    app = build_remote_app("ops", {"url": "https://mcp.ops.example/mcp", "auth": "token", "tools": [TOOL]})
    assert (app.auth_type, app.base_url, app.allowed_domains) == ("keys", "https://mcp.ops.example/mcp", ["mcp.ops.example"])
    action = app.actions["ops-delete-everything"]
    assert action.name == "Delete everything" and action.description == "Deletes it all."
    assert action.annotations.destructive and not action.annotations.read_only
    assert action.props["confirm"].type == "boolean" and action.props["confirm"].required
    assert action.props["limit"].type == "integer" and action.props["limit"].optional
    assert build_remote_app("ops", {"url": "https://mcp.ops.example/mcp", "tools": [TOOL]}).auth_type == "none"
    oauth = build_remote_app("ops", {"url": "https://mcp.ops.example/mcp", "auth": "oauth", "tools": [TOOL], "oauth": {
        "authorize_url": "https://id.ops.example/authorize", "token_url": "https://id.ops.example/token", "scopes": ["ops"]}})
    assert oauth.auth.pkce and list(oauth.auth.scopes) == ["ops"]
    assert oauth.auth.extra_authorize_params == oauth.auth.extra_token_params == {"resource": "https://mcp.ops.example/mcp"}


@pytest.mark.parametrize(("spec", "message"), [
    ({"url": "ftp://mcp.example/", "tools": [TOOL]}, "must be an http(s) URL"),
    ({"url": "https://mcp.example/", "auth": "basic", "tools": [TOOL]}, 'auth must be "none", "token" or "oauth"'),
    ({"url": "https://mcp.example/", "auth": "oauth", "tools": [TOOL]}, "needs oauth.authorize_url and oauth.token_url"),
    ({"url": "https://mcp.example/", "tools": []}, "lists no tools"),
    ({"url": "https://mcp.example/", "tools": [{"description": "no name"}]}, "a tool without a name"),
])
def test_unusable_descriptions_are_refused_with_the_reason(spec, message):
    with pytest.raises(RemoteMcpError) as caught:
        build_remote_app("ops", spec)
    assert message in str(caught.value)
