from mcp_gateway.catalog import props, within

from ..app import app, collect_entries, entry_summary, path_arg, rpc


@app.action(
    "list-folder",
    title="List Folder",
    description=(
        "List the files and folders in a Dropbox folder (optionally everything below it), with sizes and dates, "
        "and a `next_cursor` when more exist. To find items by name or content anywhere, use dropbox-search; for "
        "one item's details, dropbox-get-metadata."
    ),
    props={
        "folder": app.definition(
            "folder", default="/", description="The folder to list, e.g. `/Reports/2025`; `/` (default) is the root."
        ),
        "recursive": props.boolean("Recursive", "`true` to include everything in subfolders too.", default=False),
        "limit": props.limit("entries (Dropbox may return a few more: its pages are not cut)", default=100, maximum=2000),
        "includeDeleted": props.boolean(
            "Include Deleted", "`true` to also list recently deleted entries.", default=False
        ),
        "cursor": props.cursor().but(description=(
            "Leave empty for the first page. For the next page, pass the `next_cursor` of the previous result "
            "unchanged; the folder and other options then come from the first call."
        )),
    },
    read_only=True,
    trim=within("entries", entry_summary),
)
async def list_folder(ctx):
    path = path_arg(ctx.props.folder, root_ok=True)

    def first():
        return rpc(ctx, "files/list_folder", {
            "path": path,
            "recursive": bool(ctx.props.recursive),
            "include_deleted": bool(ctx.props.includeDeleted),
            "limit": ctx.props.limit,
        })

    entries, following = await collect_entries(
        ctx, first, limit=ctx.props.limit, cursor=ctx.props.get("cursor"), key="entries", more_endpoint="files/list_folder/continue",
    )
    where = "the next page" if ctx.props.get("cursor") else path or "/"
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {len(entries)} entr{'ies' if len(entries) != 1 else 'y'} in {where}{more}"
    return {"entries": entries, "next_cursor": following}
