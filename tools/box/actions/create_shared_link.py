from mcp_gateway.catalog import ActionError, props

from ..app import api, app, box_id


def shared_link_summary(item):
    link = item.get("shared_link") or {}
    return {
        "id": item.get("id"),
        "type": item.get("type"),
        "url": link.get("url"),
        "download_url": link.get("download_url"),
        "access": link.get("effective_access") or link.get("access"),
        "unshared_at": link.get("unshared_at"),
        "is_password_enabled": link.get("is_password_enabled"),
    }


@app.action(
    "create-shared-link",
    title="Create Shared Link",
    description=(
        "Make (or change) the shared link of a Box file or folder, and return its URL: open to anyone with the link, "
        "only people in the company, or only invited collaborators, optionally with a password and an expiry date. "
        "Each item has one shared link; running this again changes it."
    ),
    props={
        "itemType": props.string("Item Type", "Whether the item is a `file` or a `folder`.", options=["file", "folder"], default="file"),
        "itemId": props.string("Item", "The ID of the file or folder, from box-list-folder-items or box-search (its `id`)."),
        "access": props.string(
            "Who Can Open It", "`open` (anyone with the link), `company` (people in the user's company) or "
            "`collaborators` (only people invited to the item).", options=["open", "company", "collaborators"], default="open"),
        "canDownload": props.boolean("Allow Download", "Whether people with the link may download the item.", optional=True),
        "password": props.string("Password", "A password people must enter to open the link (with `open` access only).", optional=True, secret=True),
        "unsharedAt": props.string("Expires At", "When the link stops working, e.g. `2026-12-31T23:59:59Z` (paid Box plans).", optional=True),
    },
    idempotent=True,
    trim=shared_link_summary,
)
async def create_shared_link(ctx):
    kind = ctx.props.get("itemType") or "file"
    link = {"access": ctx.props.get("access") or "open"}
    if ctx.props.get("password"):
        if link["access"] != "open":
            raise ActionError("a password works only on links with `open` access")
        link["password"] = ctx.props.password
    if ctx.props.get("canDownload") is not None:
        link["permissions"] = {"can_download": bool(ctx.props.canDownload)}
    if ctx.props.get("unsharedAt"):
        link["unshared_at"] = ctx.props.unsharedAt
    item = await api(ctx, "PUT", f"/{kind}s/{box_id(ctx.props.itemId, kind)}", params={"fields": "shared_link"},
                     json={"shared_link": link})
    ctx.summary = f"Shared the {kind} at {(item.get('shared_link') or {}).get('url')}"
    return item
