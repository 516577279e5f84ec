from mcp_gateway.catalog import props, within

from ..app import app, collect, doc_summary, plural


@app.action(
    "list-docs",
    title="List Docs",
    description=(
        "List the Coda docs the token can reach, most recently used first, optionally only those whose name matches, "
        "that the user owns or starred, or in one workspace or folder. Use a doc's ID with coda-list-tables."
    ),
    props={
        "query": props.string("Search", "Only docs whose name contains this text.", optional=True),
        "isOwner": props.boolean("Owned Only", "Only docs the user owns.", optional=True),
        "isStarred": props.boolean("Starred Only", "Only docs the user starred.", optional=True),
        "workspaceId": props.string("Workspace", "Only docs in this workspace, by ID (e.g. `ws-1Ab234`).", optional=True),
        "folderId": props.string("Folder", "Only docs in this folder, by ID (e.g. `fl-1Ab234`).", optional=True),
        "limit": props.limit("docs"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("docs", doc_summary),
)
async def list_docs(ctx):
    params = {name: ctx.props[name] for name in ("query", "workspaceId", "folderId") if ctx.props.get(name)}
    for name in ("isOwner", "isStarred"):
        if ctx.props.get(name) is not None:
            params[name] = str(bool(ctx.props[name])).lower()
    docs, token = await collect(ctx, "/docs", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {plural(len(docs), 'doc')}"
    return {"docs": docs, "next_cursor": token}
