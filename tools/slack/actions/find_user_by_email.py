from mcp_gateway.catalog import props

from ..app import app, call


@app.action(
    "find-user-by-email",
    title="Find User by Email",
    description=(
        "Find the person in the Slack workspace who has a given email address. Returns their user ID (used to "
        "mention or message them), names, title, time zone and status."
    ),
    props={
        "email": props.string("Email", "The person's email address, e.g. `spengler@ghostbusters.example.com`."),
    },
    read_only=True,
)
async def find_user_by_email(ctx):
    data = await call(ctx, "users.lookupByEmail", params={"email": ctx.props.email.strip()})
    user = data.get("user") or {}
    profile = user.get("profile") or {}
    ctx.summary = f"Found {user.get('real_name') or user.get('name')} ({user.get('id')}) for {ctx.props.email.strip()}"
    return {
        "id": user.get("id"),
        "team_id": user.get("team_id"),
        "name": user.get("name"),
        "real_name": user.get("real_name") or profile.get("real_name"),
        "display_name": profile.get("display_name"),
        "email": profile.get("email"),
        "title": profile.get("title"),
        "tz": user.get("tz"),
        "status_text": profile.get("status_text"),
        "is_bot": user.get("is_bot"),
        "is_admin": user.get("is_admin"),
        "deleted": user.get("deleted"),
    }
