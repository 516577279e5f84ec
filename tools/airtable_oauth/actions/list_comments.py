from mcp_gateway.catalog import props, within

from ..app import PAGE_SIZE, app, comment_summary, plural, record_id, request, table_path


@app.action(
    "list-comments",
    title="List Comments",
    description=(
        "List the comments on an Airtable record, newest first: each comment's ID, author, text and times, and the "
        "comment it replies to if any. To add one use airtable_oauth-create-comment. Returns `comments` and a "
        "`next_cursor` when more exist."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "recordId": app.definition("recordId"),
        "limit": props.limit("comments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("comments", comment_summary),
)
async def list_comments(ctx):
    limit = ctx.props.limit
    rec = record_id(ctx.props.recordId)
    path = table_path(ctx.props.baseId, ctx.props.tableId, rec, "comments")
    comments, offset = [], ctx.props.get("cursor") or None
    while len(comments) < limit:
        params = {"pageSize": min(PAGE_SIZE, limit - len(comments))}
        if offset:
            params["offset"] = offset
        data = await request(ctx, "GET", path, params=params)
        batch = data.get("comments") or []
        comments.extend(batch)
        offset = data.get("offset")
        if not offset or not batch:
            break
    ctx.summary = f"Found {plural(len(comments), 'comment')} on record {rec}{' (more exist)' if offset else ''}"
    return {"comments": comments, "next_cursor": offset or None}
