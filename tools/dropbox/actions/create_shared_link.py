from mcp_gateway.catalog import ActionError, props

from ..app import API, app, dropbox_error, link_summary, path_arg, rpc

AUDIENCES = ["public", "team", "no_one"]


def _with_existed(link):
    return {**link_summary(link), "already_existed": link.get("already_existed")}


@app.action(
    "create-shared-link",
    title="Create Shared Link",
    description=(
        "Get a shareable link to a Dropbox file or folder: anyone with the link (default), only the team, or only "
        "people already with access. If the item already has a link, that link is returned. Returns the URL and "
        "its settings. For a short-lived direct download link, use dropbox-get-temporary-link; to see "
        "existing links, dropbox-list-shared-links."
    ),
    props={
        "path": app.definition("path", description="The file or folder to share, e.g. `/Reports/2025/q2.pdf`."),
        "audience": props.string(
            "Who Can Open",
            "`public` (anyone with the link), `team` (members of the Dropbox team) or `no_one` (only people "
            "who already have access).",
            options=AUDIENCES,
            default="public",
        ),
        "expires": props.string(
            "Expires",
            "When the link stops working, as a UTC date-time such as `2025-12-31T23:59:59Z` (paid plans only).",
            optional=True,
        ),
        "password": props.string(
            "Password", "A password people must enter to open the link (paid plans only).", optional=True, secret=True
        ),
        "allowDownload": props.boolean("Allow Download", "`false` to let people view but not download.", optional=True),
    },
    trim=_with_existed,
)
async def create_shared_link(ctx):
    if ctx.props.audience not in AUDIENCES:
        raise ActionError(f"audience must be one of {', '.join(AUDIENCES)}")
    path = path_arg(ctx.props.path)
    settings = {"audience": ctx.props.audience, "access": "viewer"}
    if ctx.props.get("expires"):
        settings["expires"] = ctx.props.expires
    if ctx.props.get("password"):
        settings["requested_visibility"] = "password"
        settings["link_password"] = ctx.props.password
    if ctx.props.get("allowDownload") is not None:
        settings["allow_download"] = ctx.props.allowDownload
    response = await ctx.http.request(
        "POST",
        f"{API}/sharing/create_shared_link_with_settings",
        json={"path": path, "settings": settings},
        raise_for_status=False,
    )
    existing = False
    if response.status_code == 409 and _already_exists(response):
        # The item has a link already; Dropbox usually sends it along, else it is listed.
        link = _existing_link(response)
        if link is None:
            links = (await rpc(ctx, "sharing/list_shared_links", {"path": path, "direct_only": True})).get(
                "links"
            ) or []
            if not links:
                raise dropbox_error("POST", response)
            link = links[0]
        existing = True
    elif response.status_code >= 400:
        raise dropbox_error("POST", response)
    else:
        link = response.json()
    ctx.summary = (
        f"{'Found the existing' if existing else 'Created a'} shared link to "
        f"{link.get('path_lower') or path}: {link.get('url')}"
    )
    # Whether the link was made now is ours to tell; Dropbox's answer does not say.
    return {**link, "already_existed": existing}


def _error(response):
    try:
        return (response.json() or {}).get("error") or {}
    except ValueError:
        return {}


def _already_exists(response):
    return _error(response).get(".tag") == "shared_link_already_exists"


def _existing_link(response):
    """The link a `shared_link_already_exists` error carries, if it does."""
    detail = _error(response).get("shared_link_already_exists") or {}
    return detail.get("metadata") if detail.get(".tag") == "metadata" else None
