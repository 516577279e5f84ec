from ..app import app, jira, user_summary


@app.action(
    "get-current-user",
    title="Get Current User",
    description=(
        "Read the connected Jira user: account ID, name, email address and time zone, e.g. to assign issues to "
        "oneself or to write JQL about them. To look up other people use jira-find-users."
    ),
    props={"site": app.definition("site")},
    read_only=True,
    trim=user_summary,
)
async def get_current_user(ctx):
    me = (await jira(ctx, "GET", "/myself")).json()
    ctx.summary = f"Connected to Jira as {me.get('displayName')} ({me.get('accountId')})"
    return me
