from mcp_gateway.catalog import props

from ..app import app, entry_summary, path_arg, rpc


@app.action(
    "list-folder",
    title="List Folder",
    description=(
        "List the files and folders in a Dropbox folder (optionally everything below it), with sizes and dates. "
        "Returns one page of entries and, when there are more, a cursor to pass back for the next page."
    ),
    props={
        "folder": app.definition(
            "folder", default="/", description="The folder to list, e.g. `/Reports/2025`; `/` (default) is the root."
        ),
        "recursive": props.boolean("Recursive", "`true` to include everything in subfolders too.", default=False),
        "limit": props.integer(
            "Limit",
            "About how many entries to return per page (1 to 2000; Dropbox may return a few more or fewer).",
            min=1,
            max=2000,
            default=500,
        ),
        "includeDeleted": props.boolean(
            "Include Deleted", "`true` to also list recently deleted entries.", default=False
        ),
        "cursor": props.string(
            "Cursor",
            "The `cursor` of a previous call that said `has_more`, to get the next page (the other options "
            "are then ignored).",
            optional=True,
        ),
    },
    read_only=True,
)
async def list_folder(ctx):
    if ctx.props.get("cursor"):
        data = await rpc(ctx, "files/list_folder/continue", {"cursor": ctx.props.cursor})
        where = "the next page"
    else:
        path = path_arg(ctx.props.folder, root_ok=True)
        data = await rpc(
            ctx,
            "files/list_folder",
            {
                "path": path,
                "recursive": bool(ctx.props.recursive),
                "include_deleted": bool(ctx.props.includeDeleted),
                "limit": ctx.props.limit,
            },
        )
        where = path or "/"
    entries = [entry_summary(e) for e in data.get("entries") or []]
    more = " (more available)" if data.get("has_more") else ""
    ctx.summary = f"Listed {len(entries)} entr{'ies' if len(entries) != 1 else 'y'} in {where}{more}"
    return {"entries": entries, "cursor": data.get("cursor"), "has_more": bool(data.get("has_more"))}
