from ..app import api, app


def user_summary(me):
    return {"id": me.get("id"), "handle": me.get("handle"), "email": me.get("email"), "img_url": me.get("img_url")}


@app.action(
    "get-current-user",
    title="Get Current User",
    description="Who the connected Figma account is: user ID, name (handle) and email.",
    props={},
    read_only=True,
    trim=user_summary,
)
async def get_current_user(ctx):
    me = await api(ctx, "GET", "/me")
    ctx.summary = f"Connected as {me.get('handle')} ({me.get('email')})"
    return me
