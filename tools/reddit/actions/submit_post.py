from urllib.parse import urlsplit

from mcp_gateway.catalog import ActionError, props

from ..app import api, app, refused, subreddit_name


def _submitted(result):
    data = (result.get("json") or {}).get("data") or {}
    return {"id": data.get("id"), "name": data.get("name"), "url": data.get("url")}


@app.action(
    "submit-post",
    title="Submit Post",
    description=(
        "Post to a subreddit as the connected user: a text post (kind `self`, with text) or a link post (kind `link`, "
        "with url). Check the subreddit's rules and `submission_type` with reddit-get-subreddit first. To reply to a "
        "post use reddit-create-comment. Returns the new post's `name` (`t3_...`) and address."
    ),
    props={
        "subreddit": app.definition("subreddit"),
        "title": props.string("Title", "The post's title, up to 300 characters."),
        "kind": props.string("Kind", "`self` for a text post, `link` for a link post.", options=["self", "link"]),
        "text": props.string("Text", "For a text post: the body, in Markdown.", optional=True),
        "url": props.string("URL", "For a link post: the address to share.", optional=True),
        "nsfw": props.boolean("NSFW", "Mark the post not safe for work.", optional=True, default=False),
        "spoiler": props.boolean("Spoiler", "Mark the post as a spoiler.", optional=True, default=False),
        "resubmit": props.boolean("Resubmit", "Post a link even if it was already posted in this subreddit.", optional=True, default=False),
    },
    trim=_submitted,
)
async def submit_post(ctx):
    name = subreddit_name(ctx.props.subreddit)
    form = {"api_type": "json", "sr": name, "kind": ctx.props.kind, "title": ctx.props.title}
    if ctx.props.kind == "link":
        url = str(ctx.props.get("url") or "").strip()
        if urlsplit(url).scheme not in ("http", "https"):
            raise ActionError("a link post needs url, a full web address such as `https://example.com/page`")
        form["url"] = url
        if ctx.props.get("resubmit"):
            form["resubmit"] = "true"
    else:
        form["text"] = ctx.props.get("text") or ""
    for flag in ("nsfw", "spoiler"):
        if ctx.props.get(flag):
            form[flag] = "true"
    result = await api(ctx, "POST", "/api/submit", data=form)
    errors = (result.get("json") or {}).get("errors") or []
    if errors:
        raise refused(f"post in r/{name}", errors)
    ctx.summary = f"Posted {ctx.props.title!r} in r/{name}"
    return result
