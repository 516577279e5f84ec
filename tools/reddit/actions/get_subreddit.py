from ..app import api, app, subreddit_name


def _about(about):
    sub = about.get("data") or {}
    return {"name": sub.get("name"), "display_name": sub.get("display_name"), "title": sub.get("title"),
            "public_description": sub.get("public_description"), "subscribers": sub.get("subscribers"),
            "active_user_count": sub.get("active_user_count"), "subreddit_type": sub.get("subreddit_type"),
            "over18": sub.get("over18"), "submission_type": sub.get("submission_type"),
            "url": f"https://www.reddit.com{sub['url']}" if sub.get("url") else None, "created_utc": sub.get("created_utc"),
            "user_is_subscriber": sub.get("user_is_subscriber"), "user_is_banned": sub.get("user_is_banned")}


@app.action(
    "get-subreddit",
    title="Get Subreddit",
    description=(
        "Read a subreddit's description, subscriber count, type (public, restricted, private) and which posts it takes "
        "(`submission_type`: any, link or self). Check it before reddit-submit-post; for its posts use reddit-list-posts."
    ),
    props={"subreddit": app.definition("subreddit")},
    read_only=True,
    trim=_about,
)
async def get_subreddit(ctx):
    name = subreddit_name(ctx.props.subreddit)
    about = await api(ctx, "GET", f"/r/{name}/about", params={"raw_json": 1})
    ctx.summary = f"Read r/{(about.get('data') or {}).get('display_name') or name}"
    return about
