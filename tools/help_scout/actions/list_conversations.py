from mcp_gateway.catalog import props, within

from ..app import app, collect, conversation_summary


@app.action(
    "list-conversations",
    title="List Conversations",
    description=(
        "List Help Scout conversations, by default the active ones of every mailbox, newest activity first; filter by "
        "mailbox, status, tag, assignee, customer email or a search query. Returns each conversation's ID, number, "
        "subject, preview, status and customer. To read its messages use help_scout-get-conversation."
    ),
    props={
        "mailboxId": app.definition("mailboxId", optional=True, description="Only conversations of this mailbox (its ID)."),
        "status": props.string("Status", "`active` (the default), `pending`, `closed`, `open` (active and pending), "
                               "`spam` or `all`.", options=["active", "pending", "closed", "open", "spam", "all"],
                               optional=True),
        "tag": props.string("Tag", "Only conversations with this tag.", optional=True),
        "assignedTo": app.definition("userId", label="Assigned To",
                                     description="Only conversations assigned to this user (their ID)."),
        "query": props.string(
            "Search", "Help Scout's search syntax, e.g. `(email:\"joe@example.com\")` or `(subject:\"refund\")`; plain "
            "words search everything.", optional=True),
        "modifiedSince": props.string("Modified Since", "Only conversations changed since this time, e.g. "
                                      "`2026-12-01T00:00:00Z`.", optional=True),
        "limit": props.limit("conversations"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("conversations", conversation_summary),
)
async def list_conversations(ctx):
    params = {field: ctx.props[name] for name, field in (
        ("mailboxId", "mailbox"), ("status", "status"), ("tag", "tag"), ("assignedTo", "assigned_to"),
        ("query", "query"), ("modifiedSince", "modifiedSince")) if ctx.props.get(name) not in (None, "")}
    conversations, following = await collect(ctx, "/conversations", "conversations", limit=ctx.props.limit,
                                             cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(conversations)} conversation{'s' if len(conversations) != 1 else ''}"
    return {"conversations": conversations, "next_cursor": following}
