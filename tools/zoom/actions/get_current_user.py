from ..app import api, app


@app.action(
    "get-current-user",
    title="Get Current User",
    description="Read the connected Zoom user: name, email, time zone, plan type and personal meeting ID.",
    read_only=True,
    trim=lambda u: {"id": u.get("id"), "name": u.get("display_name"), "email": u.get("email"), "timezone": u.get("timezone"),
                    "type": u.get("type"), "pmi": u.get("pmi"), "personal_meeting_url": u.get("personal_meeting_url")},
)
async def get_current_user(ctx):
    user = await api(ctx, "GET", "/users/me")
    ctx.summary = f"Connected as {user.get('email')}"
    return user
