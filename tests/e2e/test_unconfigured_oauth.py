"""An OAuth app the operator has configured no OAuth client for: nobody can connect it, so nothing
offers a Connect Link that cannot work. The agent is told the app is not set up yet, the developer
gets the reason (and the Connect page, in development, the command), the operator reads the exact
command in the log once per project and app, and the apps API says which apps are ready."""

from __future__ import annotations

import logging

import httpx
import pytest
from mcp import Client
from pipedream import Pipedream
from pipedream.core.api_error import ApiError

from tests.e2e.test_mcp_transports import streamable

ADD_GITHUB = 'echo "$CLIENT_SECRET" | mcp-gateway oauth-apps add --app github --client-id "$CLIENT_ID"'


def missing_client(server) -> str:
    return (f"no OAuth client is configured for github; the operator registers one at the provider with the redirect "
            f"URI {server.url}/connect/oauth/callback and adds it with `{ADD_GITHUB}`, its id and secret in those variables")


def headers_for(project, user, app="github"):
    return {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
            "x-pd-environment": "development", "x-pd-external-user-id": user, "x-pd-app-slug": app}


def sdk_of(server, project, environment="development"):
    return Pipedream(client_id=project["client_id"], client_secret=project["client_secret"], project_id=project["project_id"],
                     project_environment=environment, base_url=server.url)


def fresh_project(server, name):
    """A project of its own, whose first missing client the operator has not been told of yet."""
    created = server.create_project(name)
    return {**created, "token": server.token(created)}


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "mcp_gateway.connect.flow" and r.levelno == logging.WARNING]


def connect_tokens(server) -> int:
    return server.execute("select count(*) from connect_tokens")[0][0]


async def test_the_agent_gets_no_link_and_is_told_the_app_is_not_set_up(server, caplog):
    project = fresh_project(server, "agents project")
    before = connect_tokens(server)
    with caplog.at_level(logging.WARNING, logger="mcp_gateway.connect.flow"):
        for mode in ("2026-07-28", "legacy"):
            async with Client(streamable(server.url + "/", headers_for(project, "ann")), mode=mode) as client:
                result = await client.call_tool("github-get-repository", {"repoFullname": "octocat/Hello-World"})
            assert result.is_error is False
            assert result.content[0].text == (
                "User 'ann' has no connected GitHub account. GitHub is not set up on this gateway yet: the user cannot "
                "connect a GitHub account until the gateway's operator configures it. Tell the user that, and that "
                "GitHub tools will work once the operator has set it up; calling the tool again will not help until then."
            )
            assert result.meta["mcp-gateway/accountRequired"] == {"app": "github", "connectLinkUrl": None,
                                                                    "readyToConnect": False}
    assert connect_tokens(server) == before  # no link was made
    # Once for this project and app, however often it happens, with the command and no secret.
    assert warnings_of(caplog) == [f"end users of project {project['project_id']} cannot connect GitHub: {missing_client(server)}"]
    assert project["client_secret"] not in caplog.text


async def test_the_operator_is_told_once_per_project_and_app(server, caplog):
    first, second = fresh_project(server, "first project"), fresh_project(server, "second project")
    with caplog.at_level(logging.WARNING, logger="mcp_gateway.connect.flow"):
        for project in (first, second, first, second):
            async with Client(streamable(server.url + "/", headers_for(project, "bo")), mode="2026-07-28") as client:
                await client.call_tool("github-get-repository", {"repoFullname": "octocat/Hello-World"})
    assert warnings_of(caplog) == [f"end users of project {p['project_id']} cannot connect GitHub: {missing_client(server)}"
                                   for p in (first, second)]


def test_a_rest_run_says_why_there_is_no_link_and_what_the_operator_runs(server, project):
    with pytest.raises(ApiError) as caught:
        sdk_of(server, project).actions.run(id="github-get-repository", external_user_id="cy",
                                            configured_props={"repoFullname": "octocat/Hello-World"})
    assert caught.value.status_code == 400
    assert caught.value.body == {"error": f"User 'cy' has no connected GitHub account. No Connect Link can connect it "
                                          f"yet: {missing_client(server)}."}


def token_link(server, project, environment):
    created = sdk_of(server, project, environment).tokens.create(external_user_id="dee")
    return created.connect_link_url + "&app=github"


def test_the_connect_page_explains_and_in_development_names_the_fix(server, project):
    page = httpx.get(token_link(server, project, "development"))
    assert page.status_code == 503
    assert "<h1 id=not-set-up>GitHub cannot be connected yet</h1>" in page.text
    assert ("test project has not finished setting up GitHub, so your account cannot be connected now. "
            "Please try again later or contact support.") in page.text
    assert 'id=connect' not in page.text  # no button leading to a provider that cannot send the user back
    fix = missing_client(server).replace('"', "&quot;")
    assert f"<p class=muted id=fix>For the developer (development environment only): {fix}</p>" in page.text


def test_in_production_the_page_explains_without_the_operators_command(server, project):
    page = httpx.get(token_link(server, project, "production"))
    assert page.status_code == 503
    assert "test project has not finished setting up GitHub" in page.text
    assert "id=fix" not in page.text and "oauth-apps" not in page.text


def test_the_apps_api_says_which_apps_are_ready_and_the_sdk_still_reads_them(server, project):
    sdk = sdk_of(server, project)
    github = sdk.apps.retrieve("github").data
    assert github.name_slug == "github" and github.auth_type == "oauth"
    assert github.oauth_app_id is None
    assert github.ready_to_connect is False and github.setup_command == ADD_GITHUB
    postgres = sdk.apps.retrieve("postgresql").data
    assert postgres.auth_type == "keys" and postgres.ready_to_connect is True and postgres.setup_command is None
    raw = httpx.get(f"{server.url}/v1/connect/apps/http", headers={"Authorization": f"Bearer {project['token']}"}).json()
    assert {k: raw["data"][k] for k in ("auth_type", "oauth_app_id", "ready_to_connect", "setup_command")} == {
        "auth_type": "none", "oauth_app_id": None, "ready_to_connect": True, "setup_command": None}
    listed = {a.name_slug: a for a in sdk.apps.list(q="github").items}
    assert listed["github"].ready_to_connect is False and listed["github"].setup_command == ADD_GITHUB


async def test_once_the_operator_adds_a_client_the_app_is_ready_and_links_are_offered(server, project):
    client_id = server.call(server.gateway.oauth_apps.add("notion", "notion-client", "notion-client-secret"))
    notion = sdk_of(server, project).apps.retrieve("notion").data
    assert notion.oauth_app_id == client_id and notion.ready_to_connect is True and notion.setup_command is None
    async with Client(streamable(server.url + "/", headers_for(project, "eve", "notion")), mode="2026-07-28") as mcp:
        result = await mcp.call_tool("notion-retrieve-page", {"pageId": "0123456789abcdef0123456789abcdef"})
    link = result.meta["mcp-gateway/accountRequired"]["connectLinkUrl"]
    assert link.startswith(f"{server.url}/_static/connect.html?token=ctok_") and "app=notion" in link
    page = httpx.get(link)
    assert page.status_code == 200 and "id=connect" in page.text


async def test_apps_with_keys_still_get_a_connect_link(server, project):
    async with Client(streamable(server.url + "/", headers_for(project, "fay", "openai")), mode="2026-07-28") as client:
        result = await client.call_tool("openai-list-models", {})
    assert "User 'fay' has no connected OpenAI account." in result.content[0].text
    link = result.meta["mcp-gateway/accountRequired"]["connectLinkUrl"]
    assert link.startswith(f"{server.url}/_static/connect.html?token=ctok_") and "app=openai" in link
