from mcp_gateway.catalog import props, within

from ..app import app, attachment_summary, confluence, next_cursor, page_id, site_base, with_base


@app.action(
    "list-attachments",
    title="List Page Attachments",
    description=(
        "List the files attached to a Confluence page, with each attachment's ID (for "
        "confluence-download-attachment), name, type, size and URL. To add a file, use confluence-upload-attachment."
    ),
    props={
        "site": app.definition("site"),
        "pageId": app.definition("pageId"),
        "filename": props.string("File Name", "Only the attachment with exactly this file name.", optional=True),
        "limit": props.limit("attachments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("attachments", attachment_summary),
)
async def list_attachments(ctx):
    pid = page_id(ctx.props.pageId)
    params = {"limit": ctx.props.limit}
    for name in ("filename", "cursor"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    data = (await confluence(ctx, "GET", f"/api/v2/pages/{pid}/attachments", params=params)).json()
    base = site_base(ctx, data)
    attachments = [with_base(a, base) for a in data.get("results") or []]
    ctx.summary = f"Listed {len(attachments)} attachment{'s' if len(attachments) != 1 else ''} of Confluence page {pid}"
    return {"attachments": attachments, "next_cursor": next_cursor(data)}
