from mcp_gateway.catalog import props, within

from ..app import app, conversation_summary, search


@app.action(
    "search-conversations",
    title="Search Conversations",
    description=(
        "Find Intercom conversations with Intercom's search query: open ones "
        "({\"field\": \"state\", \"operator\": \"=\", \"value\": \"open\"}), one contact's (`contact_ids`), "
        "one teammate's (`admin_assignee_id`), by tag (`tag_ids`), by text in the first message (`source.body`, "
        "operator `~`) or by date (`created_at`, `updated_at` in Unix seconds). For everything, newest first, use "
        "intercom-list-conversations."
    ),
    props={"query": app.definition("query"), "limit": props.limit("conversations"), "cursor": props.cursor()},
    read_only=True,
    trim=within("conversations", conversation_summary),
)
async def search_conversations(ctx):
    conversations, after = await search(ctx, "/conversations/search", "conversations", query=ctx.props.query,
                                        limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Found {len(conversations)} conversation{'s' if len(conversations) != 1 else ''}"
    return {"conversations": conversations, "next_cursor": after}
