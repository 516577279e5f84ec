"""Figma: read design files, render their frames as images, and work with comments (REST API v1)."""

import re

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.figma.com/v1"

SCOPES = ["current_user:read", "file_content:read", "file_comments:read", "file_comments:write", "projects:read"]


async def _account_test(ctx):
    """The signed-in user (`GET /v1/me`)."""
    me = await api(ctx, "GET", "/me")
    return Identity(name=me.get("email") or me.get("handle"), external_id=me.get("id"))


app = App(
    "figma",
    "Figma",
    "Read the connected user's Figma design files: their pages, frames and layers, rendered images of them, and "
    "their comments; browse a team's projects and files.",
    auth=OAuth(
        authorize_url="https://www.figma.com/oauth",
        token_url="https://api.figma.com/v1/oauth/token",
        scopes=SCOPES,
        # Figma's token endpoint takes the client's credentials as HTTP Basic.
        token_auth_method="client_secret_basic",
    ),
    categories=["Design"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["api.figma.com"],
    test=_account_test,
)


def figma_error(method, response):
    """Figma answers `{"status": n, "err": "..."}` or `{"error": true, "status": n, "message": "..."}`."""
    status = response.status_code
    where = f"{method} {response.request.url.copy_with(query=None)}"
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("err") or data.get("message") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        hint = f"rate limited by Figma; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif status == 401 or (status == 403 and "token" in str(message).lower()):
        hint = "Figma rejected the connection's token; the user should reconnect Figma"
    elif status == 403:
        hint = "the user cannot open this file or team, or the connection lacks the scope; ask for access in Figma or reconnect"
    elif status == 404:
        hint = "no file, node or project has that key for this user; check the key in the Figma URL"
    elif status >= 500:
        hint = "Figma had a server error (large files can time out: ask for fewer nodes or less depth)"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Figma API error {status} on {where}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise figma_error(method, response)
    return response.json() if response.content else {}


_FILE_URL = re.compile(r"figma\.com/(?:file|design|proto|board|slides)/([A-Za-z0-9]+)(?:/branch/([A-Za-z0-9]+))?")
_KEY = re.compile(r"^[A-Za-z0-9]+$")


def file_key(value):
    """A file key, or the key in a pasted Figma URL (a branch's key for a branch URL)."""
    text = str(value or "").strip()
    found = _FILE_URL.search(text)
    if found:
        return found.group(2) or found.group(1)
    if not _KEY.match(text):
        raise ActionError(f"{value!r} is not a Figma file key: it is the part after /design/ in the file's URL, "
                          "e.g. `FigmaKeyAbC123` in `https://www.figma.com/design/FigmaKeyAbC123/Landing-page`")
    return text


def node_ids(value):
    """Figma's node IDs, `1:2`; a URL's `node-id=1-2` form is turned into it."""
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    ids = [str(i).strip().replace("-", ":") for i in items if str(i).strip()]
    if not ids:
        raise ActionError("give at least one node ID, e.g. `1:2` (from figma-get-file, or `node-id=1-2` in a Figma URL)")
    return ",".join(ids)


def offset(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


def node_summary(node):
    """A node without its subtree: what it is, where it is, and its direct children by name."""
    if not isinstance(node, dict):
        return node
    summary = {"id": node.get("id"), "name": node.get("name"), "type": node.get("type")}
    box = node.get("absoluteBoundingBox")
    if box:
        summary["bounds"] = {k: box.get(k) for k in ("x", "y", "width", "height")}
    if node.get("characters") is not None:
        summary["text"] = node["characters"]
    if "children" in node:
        summary["children"] = [{"id": c.get("id"), "name": c.get("name"), "type": c.get("type")} for c in node["children"]]
    return summary


async def _project_options(ctx):
    if not ctx.props.get("teamId"):
        raise ActionError("give the team (teamId) first: the number after /team/ in the team's Figma URL")
    data = await api(ctx, "GET", f"/teams/{ctx.props.teamId}/projects")
    return OptionsPage(options=[Option(label=p.get("name") or p["id"], value=str(p["id"])) for p in data.get("projects") or []])


app.define(
    "fileKey",
    props.string(
        "File",
        "The Figma file's key, from figma-list-project-files (its `key`) or its URL: `FigmaKeyAbC123` in "
        "`https://www.figma.com/design/FigmaKeyAbC123/Landing-page`. A pasted URL works too.",
    ),
)

app.define(
    "teamId",
    props.string(
        "Team",
        "The Figma team's ID: the number after /team/ in the team's URL, e.g. `1234567890` in "
        "`https://www.figma.com/files/team/1234567890/Acme`. Figma cannot list a user's teams.",
    ),
)

app.define(
    "projectId",
    props.string(
        "Project",
        "The ID of a project, from figma-list-team-projects (its `id`) or the number after /project/ in the project's URL. "
        "Give the team first to choose from its projects.",
        options=_project_options,
    ),
)
