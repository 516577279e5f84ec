from mcp_gateway.catalog import props, within

from ..app import COMMENT_FIELDS, app, collect, comment_summary, file_id, plural, seg

@app.action(
    "list-comments",
    title="List Comments",
    description=(
        "List the comments on a Google Drive file (a Doc, Sheet, Slides or any file), oldest first, each with its "
        "author, text, the quoted passage, whether it is resolved, and its replies. To comment use "
        "google_drive-add-comment; to answer or resolve one, google_drive-reply-to-comment with the `id` returned here."
    ),
    props={
        "fileId": app.definition("fileId"),
        "includeDeleted": props.boolean(
            "Include Deleted", "`true` to include deleted comments (without their text); `false` (the default) leaves them out.",
            default=False,
        ),
        "startModifiedTime": props.string(
            "Modified Since",
            "Only comments changed after this time, in RFC 3339, e.g. `2024-06-01T00:00:00Z`.",
            optional=True,
        ),
        "limit": props.limit("comments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("comments", comment_summary),
)
async def list_comments(ctx):
    fid = file_id(ctx.props.fileId)
    params = {"fields": f"nextPageToken,comments({COMMENT_FIELDS})"}
    if ctx.props.includeDeleted:
        params["includeDeleted"] = "true"
    if ctx.props.get("startModifiedTime"):
        params["startModifiedTime"] = ctx.props.startModifiedTime
    comments, token = await collect(
        ctx, f"/files/{seg(fid)}/comments", "comments", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params
    )
    ctx.summary = f"Found {plural(len(comments), 'comment')} on {fid}"
    return {"comments": comments, "next_cursor": token}
