from mcp_gateway.catalog import props

from ..app import app, graph, item_path


@app.action(
    "create-sharing-link",
    title="Create Sharing Link",
    description=(
        "Make a link to a OneDrive file or folder that others can open: view-only or editable, for anyone with the link "
        "or only people in the user's organization (work accounts)."
    ),
    props={
        "itemId": app.definition("itemId"),
        "type": props.string("Access", "`view` (the default) or `edit`.", options=["view", "edit"], optional=True, default="view"),
        "scope": props.string(
            "Who", "`anonymous`: anyone with the link (the default); `organization`: people in the user's organization.",
            options=["anonymous", "organization"], optional=True, default="anonymous"),
    },
    trim=lambda permission: {"url": (permission.get("link") or {}).get("webUrl"), "type": (permission.get("link") or {}).get("type"),
                             "scope": (permission.get("link") or {}).get("scope"), "permission_id": permission.get("id")},
)
async def create_sharing_link(ctx):
    body = {"type": ctx.props.get("type") or "view", "scope": ctx.props.get("scope") or "anonymous"}
    permission = await graph(ctx, "POST", f"{item_path(ctx.props.itemId)}/createLink", json_body=body)
    ctx.summary = f"Created a {body['type']} link"
    return permission
