from mcp_gateway.catalog import props

from ..app import app, confluence, next_cursor, page_id, web_url


@app.action(
    "list-attachments",
    title="List Page Attachments",
    description=(
        "List the files attached to a Confluence page, with each attachment's ID (for "
        "confluence-download-attachment), name, type, size and URL."
    ),
    props={
        "site": app.definition("site"),
        "pageId": app.definition("pageId"),
        "filename": props.string("File Name", "Only the attachment with exactly this file name.", optional=True),
        "limit": props.integer("Max Results", "The most attachments to return (1 to 250).", min=1, max=250, default=50),
        "cursor": props.string("Cursor", "To get the next page, the `next_cursor` an earlier call returned.", optional=True),
    },
    read_only=True,
)
async def list_attachments(ctx):
    pid = page_id(ctx.props.pageId)
    params = {"limit": ctx.props.limit}
    for name in ("filename", "cursor"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    data = (await confluence(ctx, "GET", f"/api/v2/pages/{pid}/attachments", params=params)).json()
    base = (data.get("_links") or {}).get("base")
    attachments = [
        {
            "id": a.get("id"),
            "title": a.get("title"),
            "media_type": a.get("mediaType"),
            "file_size": a.get("fileSize"),
            "comment": a.get("comment"),
            "version": (a.get("version") or {}).get("number"),
            "created_at": a.get("createdAt"),
            "url": web_url(ctx, {**(a.get("_links") or {}), "base": base}),
        }
        for a in data.get("results") or []
    ]
    ctx.summary = f"Listed {len(attachments)} attachment{'s' if len(attachments) != 1 else ''} of Confluence page {pid}"
    return {"attachments": attachments, "next_cursor": next_cursor(data)}
