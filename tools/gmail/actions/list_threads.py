from mcp_gateway.catalog import props, within

from ..app import app, collect, gather_limited, search_params, thread_metadata, thread_summary


@app.action(
    "list-threads",
    title="Find Conversations",
    description=(
        "Search the connected Gmail mailbox for conversations (threads) with Gmail's search syntax, newest first, "
        "e.g. `from:ada@example.com newer_than:30d` or `label:clients is:unread`. Returns each conversation's ID, "
        "subject, senders, message count, latest date, snippet and labels; read one whole with gmail-get-thread. To "
        "list single emails instead, use gmail-find-email."
    ),
    props={
        "q": props.string(
            "Search Query",
            "Gmail search operators, e.g. `from:ada@example.com`, `subject:\"weekly report\"`, `is:unread`, "
            "`has:attachment`, `label:work`, `newer_than:7d`. Leave empty to list the newest conversations.",
            optional=True,
        ),
        "labelIds": app.definition("labelIds", optional=True, description=(
            "Only conversations with a message carrying all of these label IDs, e.g. `[\"INBOX\"]`, from "
            "gmail-list-labels."
        )),
        "includeSpamTrash": props.boolean(
            "Include Spam and Trash", "`true` to search Spam and Trash too; `false` (the default) leaves them out.",
            default=False,
        ),
        "limit": props.limit("conversations"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("threads", thread_summary),
)
async def list_threads(ctx):
    refs, token, estimate = await collect(
        ctx, "/threads", "threads", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=search_params(ctx)
    )
    threads = await gather_limited(lambda ref: thread_metadata(ctx, ref["id"]), refs)
    query = f" matching `{ctx.props.q}`" if ctx.props.get("q") else ""
    more = " (more with next_cursor)" if token else ""
    ctx.summary = f"Found {len(threads)} conversation{'s' if len(threads) != 1 else ''}{query}{more}"
    return {"threads": threads, "next_cursor": token, "resultSizeEstimate": estimate}
