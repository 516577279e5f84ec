from ..app import api, app


def _me(me):
    # Never hand the API token back: it is in this payload.
    return {"id": me.get("id"), "email": me.get("email"), "fullname": me.get("fullname"), "timezone": me.get("timezone"),
            "default_workspace_id": me.get("default_workspace_id"), "beginning_of_week": me.get("beginning_of_week")}


@app.action(
    "get-me",
    title="Get Current User",
    description=(
        "Read the Toggl Track user the token belongs to: ID, name, email, time zone and default workspace ID (the "
        "workspace to use when the user names none). For all their workspaces use toggl-list-workspaces."
    ),
    read_only=True,
    trim=_me,
)
async def get_me(ctx):
    me = await api(ctx, "GET", "/me") or {}
    ctx.summary = f"Signed in as {me.get('fullname')} ({me.get('email')})"
    return {key: value for key, value in me.items() if key != "api_token"}
