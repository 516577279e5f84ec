from ..app import USER_FIELDS, api, app, in_data, user_summary


@app.action(
    "get-me",
    title="Get My Profile",
    description=(
        "Read the connected X user's own profile: ID, @username, name, bio and follower counts. The `id` is what "
        "twitter-list-user-posts takes for the user's own posts. For someone else, use twitter-get-user-by-username."
    ),
    props={},
    read_only=True,
    trim=in_data(user_summary),
)
async def get_me(ctx):
    me = await api(ctx, "GET", "/users/me", params={"user.fields": USER_FIELDS})
    ctx.summary = f"Signed in as @{(me.get('data') or {}).get('username')}"
    return me
