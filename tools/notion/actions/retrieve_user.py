from mcp_gateway.catalog import props

from ..app import app, user_options, user_summary


@app.action(
    "retrieve-user",
    title="Retrieve User",
    description=(
        "Read one Notion user (a person or a bot) by ID: name, avatar and, for people, email. IDs come from "
        "notion-list-users or from `created_by` and `people` values; for the connection's own bot use "
        "notion-get-current-user."
    ),
    props={
        "userId": props.string(
            "User",
            "The user's ID (a UUID such as `ee5f0f84-409a-440f-983a-a5315961c6e4`), from notion-list-users or a "
            "page's `created_by`. The choices list the workspace's users.",
            options=user_options,
        ),
    },
    read_only=True,
    trim=user_summary,
)
async def retrieve_user(ctx):
    user = (await ctx.http.get(f"/users/{ctx.props.userId}")).json()
    ctx.summary = f"Retrieved {user.get('type') or 'user'} {user.get('name') or user.get('id')}"
    return user
