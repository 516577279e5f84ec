from mcp_gateway.catalog import props

from ..app import api, app, message_summary, messages_with_metadata


@app.action(
    "find-email",
    title="Find Emails",
    description=(
        "Search the connected Gmail mailbox with Gmail's search syntax (the same as the Gmail search box), newest "
        "first, e.g. `from:ada@example.com is:unread newer_than:7d` or `subject:invoice has:attachment`. Returns each "
        "match's ID, thread ID, sender, recipients, subject, date, snippet and labels; read a whole email with "
        "gmail-get-email."
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
            "Only emails carrying all of these label IDs, e.g. `[\"INBOX\", \"UNREAD\"]`."
        )),
        "includeSpamTrash": props.boolean(
            "Include Spam and Trash", "`true` to search Spam and Trash too; `false` (the default) leaves them out.",
            default=False,
        ),
        "maxResults": props.integer("Max Results", "The most emails to return (1-100).", min=1, max=100, default=20),
        "pageToken": props.string(
            "Page Token",
            "To get the next page of a search, the `nextPageToken` returned by the previous call with the same query.",
            optional=True,
        ),
    },
    read_only=True,
)
async def find_email(ctx):
    params = [("maxResults", ctx.props.maxResults)]
    if ctx.props.get("q"):
        params.append(("q", ctx.props.q))
    params += [("labelIds", label) for label in ctx.props.get("labelIds") or []]
    if ctx.props.includeSpamTrash:
        params.append(("includeSpamTrash", "true"))
    if ctx.props.get("pageToken"):
        params.append(("pageToken", ctx.props.pageToken))
    data = await api(ctx, "GET", "/messages", params=params)
    messages = await messages_with_metadata(ctx, data.get("messages") or [])
    found = [message_summary(m) for m in messages]
    query = f" matching `{ctx.props.q}`" if ctx.props.get("q") else ""
    more = " (more available with nextPageToken)" if data.get("nextPageToken") else ""
    ctx.summary = f"Found {len(found)} email{'s' if len(found) != 1 else ''}{query}{more}"
    return {
        "messages": found,
        "nextPageToken": data.get("nextPageToken"),
        "resultSizeEstimate": data.get("resultSizeEstimate"),
    }
