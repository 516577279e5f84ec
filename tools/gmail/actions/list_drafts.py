from mcp_gateway.catalog import props, within

from ..app import app, collect, draft_metadata, draft_summary, gather_limited


@app.action(
    "list-drafts",
    title="List Drafts",
    description=(
        "List the drafts saved in the connected Gmail mailbox, newest first, optionally matching a Gmail search. "
        "Returns each draft's ID (for gmail-send-draft and gmail-delete-draft), its message's ID, recipients, "
        "subject and snippet. To read a draft's full text, pass its messageId to gmail-get-email."
    ),
    props={
        "q": props.string(
            "Search Query",
            "Only drafts matching Gmail search operators, e.g. `to:ada@example.com` or `subject:proposal`. Leave empty "
            "for all drafts.",
            optional=True,
        ),
        "limit": props.limit("drafts"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("drafts", draft_summary),
)
async def list_drafts(ctx):
    params = [("q", ctx.props.q)] if ctx.props.get("q") else []
    refs, token, _ = await collect(
        ctx, "/drafts", "drafts", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params
    )
    drafts = await gather_limited(lambda ref: draft_metadata(ctx, ref["id"]), refs)
    more = " (more with next_cursor)" if token else ""
    ctx.summary = f"Listed {len(drafts)} draft{'s' if len(drafts) != 1 else ''}{more}"
    return {"drafts": drafts, "next_cursor": token}
