from ..app import USER_FIELDS, api, app, in_data, seg, user_summary


@app.action(
    "get-user-by-username",
    title="Get User by Username",
    description=(
        "Look up an X user by their @handle: their numeric ID (which twitter-list-user-posts takes), name, bio and "
        "follower counts. For the connected user, use twitter-get-me."
    ),
    props={"username": app.definition("username")},
    read_only=True,
    trim=in_data(user_summary),
)
async def get_user_by_username(ctx):
    username = ctx.props.username.strip().lstrip("@")
    user = await api(ctx, "GET", f"/users/by/username/{seg(username)}", params={"user.fields": USER_FIELDS})
    ctx.summary = f"Found @{(user.get('data') or {}).get('username') or username}"
    return user
