from mcp_gateway.catalog import props

from ..app import app, collect, plural


@app.action(
    "list-members-in-channel",
    title="List Members in Channel",
    description=(
        "List the user IDs of the people in a Slack channel or conversation. For a person's name and email, "
        "pass an ID to slack-get-user; to add people, use slack-invite-user-to-channel."
    ),
    props={
        "channel": app.definition("conversation"),
        "limit": props.limit("members"),
        "cursor": props.cursor(),
    },
    read_only=True,
)
async def list_members_in_channel(ctx):
    members, following = await collect(
        ctx, "conversations.members", "members", {"channel": ctx.props.channel},
        limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
    )
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {plural(len(members), 'member')} of {ctx.props.channel}{more}"
    return {"members": members, "next_cursor": following}
