from mcp_gateway.catalog import ActionError, props, within

from ..app import app, call, next_page_cursor, plural, read_page_cursor


def _match(match):
    channel = match.get("channel") or {}
    return {
        "channel_id": channel.get("id"),
        "channel_name": channel.get("name"),
        "ts": match.get("ts"),
        "user": match.get("user"),
        "username": match.get("username"),
        "text": match.get("text"),
        "permalink": match.get("permalink"),
    }


@app.action(
    "find-message",
    title="Find Message",
    description=(
        "Search the messages the connected user can see across the Slack workspace, with Slack's search "
        "modifiers. Returns the total number of matches and a page of them, each with its channel, author, text, "
        "`ts` and permalink. To read a channel's recent messages in order, use slack-get-conversation-history "
        "instead; for a thread, slack-list-replies."
    ),
    props={
        "query": props.string(
            "Query",
            "Words to search for, with Slack's search modifiers if useful, e.g. `quarterly report in:#finance`, "
            "`deploy after:2024-05-01` or `\"exact phrase\" has:link`.",
        ),
        "fromUser": app.definition(
            "user",
            label="From User",
            description="Only messages sent by this person: their user ID, e.g. `U024BE7LH`.",
            optional=True,
        ),
        "sort": props.string(
            "Sort",
            "`score` for best match first, `timestamp` for by date.",
            options=["score", "timestamp"],
            default="score",
        ),
        "sortDir": props.string(
            "Sort Direction",
            "`desc` (best or newest first) or `asc`.",
            options=["desc", "asc"],
            default="desc",
        ),
        "limit": props.limit("matches"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("messages", _match),
)
async def find_message(ctx):
    query = ctx.props.query.strip()
    if not query:
        raise ActionError("query is empty; give words to search for, e.g. `quarterly report`")
    if ctx.props.get("fromUser"):
        query = f"{query} from:<@{ctx.props.fromUser}>"
    page, count = read_page_cursor(ctx.props.get("cursor"), ctx.props.limit, "slack-find-message")
    data = await call(
        ctx,
        "search.messages",
        params={"query": query, "sort": ctx.props.sort, "sort_dir": ctx.props.sortDir, "count": count, "page": page},
    )
    found = data.get("messages") or {}
    matches = found.get("matches") or []
    total = found.get("total", len(matches))
    following = next_page_cursor(found.get("paging"), page, count)
    ctx.summary = f"Found {plural(total, 'message')} matching {query!r}, returned {len(matches)}"
    return {"total": total, "messages": matches, "next_cursor": following}
