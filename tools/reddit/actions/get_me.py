from ..app import api, app


def _me(me):
    return {"id": me.get("id"), "name": me.get("name"), "total_karma": me.get("total_karma"),
            "link_karma": me.get("link_karma"), "comment_karma": me.get("comment_karma"),
            "created_utc": me.get("created_utc"), "has_verified_email": me.get("has_verified_email"),
            "is_mod": me.get("is_mod"), "over_18": me.get("over_18")}


@app.action(
    "get-me",
    title="Get Me",
    description="Read the connected Reddit user's name, karma and account age: who posts, comments and votes here.",
    props={},
    read_only=True,
    trim=_me,
)
async def get_me(ctx):
    me = await api(ctx, "GET", "/api/v1/me")
    ctx.summary = f"Read the account u/{me.get('name')}"
    return me
