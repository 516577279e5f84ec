from mcp_gateway.catalog import props

from ..app import app, call


@app.action(
    "find-message",
    title="Find Message",
    description=(
        "Search the messages the connected user can see in the Slack workspace. Returns the total number of "
        "matches and a page of them, each with its channel, author, text, `ts` and permalink."
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
        "count": props.integer("Count", "How many matches to return per page (1 to 100).", min=1, max=100, default=20),
        "page": props.integer("Page", "Which page of matches to return, starting at 1.", min=1, default=1),
    },
    read_only=True,
)
async def find_message(ctx):
    query = ctx.props.query.strip()
    if ctx.props.get("fromUser"):
        query = f"{query} from:<@{ctx.props.fromUser}>"
    data = await call(
        ctx,
        "search.messages",
        params={
            "query": query,
            "sort": ctx.props.sort,
            "sort_dir": ctx.props.sortDir,
            "count": ctx.props.count,
            "page": ctx.props.page,
        },
    )
    found = data.get("messages") or {}
    matches = [_match(m) for m in found.get("matches") or []]
    total = found.get("total", len(matches))
    paging = found.get("paging") or {}
    ctx.summary = f"Found {total} message{'s' if total != 1 else ''} matching {query!r}, returned {len(matches)}"
    return {"total": total, "page": paging.get("page"), "pages": paging.get("pages"), "matches": matches}


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
