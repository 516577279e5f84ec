from ..app import api, app


@app.action(
    "get-user",
    title="Get User",
    description="Read the Gumroad creator the access token belongs to: name, email, profile URL and user ID.",
    read_only=True,
    trim=lambda found: {k: (found.get("user") or {}).get(k) for k in ("user_id", "name", "email", "url", "bio", "twitter_handle")},
)
async def get_user(ctx):
    found = await api(ctx, "GET", "/user")
    ctx.summary = f"Connected as {(found.get('user') or {}).get('email')}"
    return found
