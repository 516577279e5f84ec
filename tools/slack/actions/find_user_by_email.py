from mcp_gateway.catalog import props

from ..app import app, call, user_summary


@app.action(
    "find-user-by-email",
    title="Find User by Email",
    description=(
        "Find the person in the Slack workspace who has a given email address. Returns their user ID (used to "
        "mention, message or invite them), names, title, time zone and status. With a user ID already, use "
        "slack-get-user; to browse everyone, slack-list-users."
    ),
    props={
        "email": props.string("Email", "The person's email address, e.g. `spengler@ghostbusters.example.com`."),
    },
    read_only=True,
    trim=user_summary,
)
async def find_user_by_email(ctx):
    data = await call(ctx, "users.lookupByEmail", params={"email": ctx.props.email.strip()})
    user = data.get("user") or {}
    ctx.summary = f"Found {user.get('real_name') or user.get('name')} ({user.get('id')}) for {ctx.props.email.strip()}"
    return user
