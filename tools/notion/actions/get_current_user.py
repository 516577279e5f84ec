from ..app import app, user_summary


@app.action(
    "get-current-user",
    title="Get Current User (Bot)",
    description=(
        "Read the bot user the Notion connection acts as, with the workspace it belongs to and who installed it. "
        "For the workspace's people use notion-list-users."
    ),
    props={},
    read_only=True,
    trim=user_summary,
)
async def get_current_user(ctx):
    me = (await ctx.http.get("/users/me")).json()
    workspace = (me.get("bot") or {}).get("workspace_name")
    ctx.summary = f"The connection acts as {me.get('name') or me.get('id')}" + (f" in {workspace}" if workspace else "")
    return me
