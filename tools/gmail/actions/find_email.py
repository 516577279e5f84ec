from mcp_gateway.catalog import props, within

from ..app import app, collect, message_summary, messages_with_metadata, search_params


@app.action(
    "find-email",
    title="Find Emails",
    description=(
        "Search the connected Gmail mailbox for individual emails with Gmail's search syntax (the same as the Gmail "
        "search box), newest first, e.g. `from:ada@example.com is:unread newer_than:7d` or `subject:invoice "
        "has:attachment`. Returns each match's ID, thread ID, sender, recipients, subject, date, snippet and labels; "
        "read a whole email with gmail-get-email. To get whole conversations instead, use gmail-list-threads."
    ),
    props={
        "q": props.string(
            "Search Query",
            "Gmail search operators, e.g. `from:ada@example.com`, `to:me`, `subject:\"weekly report\"`, `is:unread`, "
            "`has:attachment`, `label:work`, `after:2024/05/01 before:2024/06/01`, `newer_than:2d`. Leave empty to "
            "list the newest emails.",
            optional=True,
        ),
        "labelIds": app.definition("labelIds", optional=True, description=(
            "Only emails carrying all of these label IDs, e.g. `[\"INBOX\", \"UNREAD\"]`, from gmail-list-labels."
        )),
        "includeSpamTrash": props.boolean(
            "Include Spam and Trash", "`true` to search Spam and Trash too; `false` (the default) leaves them out.",
            default=False,
        ),
        "limit": props.limit("emails"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("messages", message_summary),
)
async def find_email(ctx):
    refs, token, estimate = await collect(
        ctx, "/messages", "messages", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=search_params(ctx)
    )
    messages = await messages_with_metadata(ctx, refs)
    query = f" matching `{ctx.props.q}`" if ctx.props.get("q") else ""
    more = " (more with next_cursor)" if token else ""
    ctx.summary = f"Found {len(messages)} email{'s' if len(messages) != 1 else ''}{query}{more}"
    return {"messages": messages, "next_cursor": token, "resultSizeEstimate": estimate}
