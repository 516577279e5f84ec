from mcp_gateway.catalog import props

from ..app import app, plural, record_id, request, table_path


@app.action(
    "list-comments",
    title="List Comments",
    description=(
        "List the comments on an Airtable record, newest first: each comment's ID, author, text and times, and the "
        "comment it replies to if any."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "recordId": app.definition("recordId"),
        "maxResults": props.integer(
            "Max Results", "The most comments to return. Defaults to 100.", optional=True, default=100, min=1, max=1000,
        ),
    },
    read_only=True,
)
async def list_comments(ctx):
    limit = ctx.props.get("maxResults") or 100
    rec = record_id(ctx.props.recordId)
    path = table_path(ctx.props.baseId, ctx.props.tableId, rec, "comments")
    comments, offset = [], None
    while len(comments) < limit:
        params = {"pageSize": min(100, limit - len(comments))}
        if offset:
            params["offset"] = offset
        data = await request(ctx, "GET", path, params=params)
        batch = data.get("comments") or []
        comments.extend(batch)
        offset = data.get("offset")
        if not offset or not batch:
            break
    out = []
    for c in comments[:limit]:
        author = c.get("author") or {}
        item = {
            "id": c.get("id"),
            "author": {"id": author.get("id"), "name": author.get("name"), "email": author.get("email")},
            "text": c.get("text"),
            "createdTime": c.get("createdTime"),
            "lastUpdatedTime": c.get("lastUpdatedTime"),
        }
        if c.get("parentCommentId"):
            item["parentCommentId"] = c["parentCommentId"]
        out.append(item)
    ctx.summary = f"Found {plural(len(out), 'comment')} on record {rec}"
    return {"comments": out, "count": len(out)}
