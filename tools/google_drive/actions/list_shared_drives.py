from mcp_gateway.catalog import props, within

from ..app import app, collect, drive_summary, plural, query_literal


@app.action(
    "list-shared-drives",
    title="List Shared Drives",
    description=(
        "List the shared drives (team drives) the user is a member of, optionally by name. The `id` returned is what "
        "driveId takes in google_drive-list-files; to make a new one use google_drive-create-shared-drive."
    ),
    props={
        "nameContains": props.string(
            "Name Contains", "Only shared drives whose name contains this text, e.g. `Marketing`.", optional=True
        ),
        "limit": props.limit("shared drives"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("drives", drive_summary),
)
async def list_shared_drives(ctx):
    params = {"fields": "nextPageToken,drives(id,name,createdTime,hidden)"}
    if ctx.props.get("nameContains"):
        params["q"] = f"name contains {query_literal(ctx.props.nameContains)}"
    drives, token = await collect(ctx, "/drives", "drives", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Found {plural(len(drives), 'shared drive')}"
    return {"drives": drives, "next_cursor": token}
