from mcp_gateway.catalog import ActionError, props

from ..app import app, bookmark_summary, call


@app.action(
    "add-bookmark",
    title="Add Bookmark",
    description=(
        "Add a link bookmark to a Slack channel's header, where members find it beside pinned items (a channel "
        "holds up to 100). Returns the bookmark's ID. See what is there with slack-list-bookmarks; to "
        "highlight a message instead, use slack-pin-message."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the channel to bookmark in, e.g. `C1234567890`."),
        "title": props.string("Title", "The bookmark's title, e.g. `Release checklist`."),
        "link": props.string("Link", "The full URL to bookmark, e.g. `https://example.com/checklist`."),
        "emoji": props.string("Emoji", "An emoji shown with it, with colons, e.g. `:memo:`.", optional=True),
    },
    trim=bookmark_summary,
)
async def add_bookmark(ctx):
    link = ctx.props.link.strip()
    if not link.startswith(("https://", "http://")):
        raise ActionError(f"link {link!r} must be a full URL starting with https://")
    form = {"channel_id": ctx.props.channel, "title": ctx.props.title, "type": "link", "link": link}
    if ctx.props.get("emoji"):
        form["emoji"] = ctx.props.emoji
    data = await call(ctx, "bookmarks.add", form=form)
    bookmark = data.get("bookmark") or {}
    ctx.summary = f"Bookmarked {ctx.props.title!r} in {ctx.props.channel} ({bookmark.get('id')})"
    return bookmark
