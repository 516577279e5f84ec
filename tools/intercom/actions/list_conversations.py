from mcp_gateway.catalog import props, within

from ..app import app, conversation_summary, listing


@app.action(
    "list-conversations",
    title="List Conversations",
    description=(
        "List the workspace's Intercom conversations, most recently updated first, with their state, assignee, "
        "subject and first message. To filter (open ones, one contact's, by tag or date) use "
        "intercom-search-conversations; to read a whole thread, intercom-get-conversation."
    ),
    props={"limit": props.limit("conversations"), "cursor": props.cursor()},
    read_only=True,
    trim=within("conversations", conversation_summary),
)
async def list_conversations(ctx):
    conversations, after = await listing(ctx, "/conversations", "conversations", limit=ctx.props.limit,
                                         cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(conversations)} conversation{'s' if len(conversations) != 1 else ''}"
    return {"conversations": conversations, "next_cursor": after}
