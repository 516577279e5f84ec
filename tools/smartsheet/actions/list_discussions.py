from mcp_gateway.catalog import props, within

from ..app import PAGE, api, app, collect, discussion_summary


@app.action(
    "list-discussions",
    title="List Discussions",
    description=(
        "List the discussions (comment threads) on a Smartsheet sheet and its rows, with their comments. A row's "
        "thread has `parent_type` ROW and the row's ID. To comment, use smartsheet-add-comment."
    ),
    props={
        "sheetId": app.definition("sheetId"),
        "limit": props.limit("discussions"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("discussions", discussion_summary),
)
async def list_discussions(ctx):
    async def fetch(page):
        return await api(ctx, "GET", f"/sheets/{ctx.props.sheetId}/discussions",
                         params={"include": "comments", "page": page, "pageSize": PAGE})

    _, discussions, following = await collect(fetch, "data", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(discussions)} discussion{'s' if len(discussions) != 1 else ''}"
    return {"discussions": discussions, "next_cursor": following}
