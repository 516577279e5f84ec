from mcp_gateway.catalog import props, within

from ..app import app, list_page, plural


def _notification(item):
    subject = item.get("subject") or {}
    return {
        "id": item.get("id"),
        "reason": item.get("reason"),
        "unread": item.get("unread"),
        "title": subject.get("title"),
        "type": subject.get("type"),
        "subject_url": subject.get("url"),
        "repository": (item.get("repository") or {}).get("full_name"),
        "updated_at": item.get("updated_at"),
        "last_read_at": item.get("last_read_at"),
    }


@app.action(
    "list-notifications",
    title="List Notifications",
    description=(
        "List the connected user's GitHub notifications, newest first: mentions, review requests, assignments "
        "and activity on watched repositories. Unread ones only unless `all` is set. Read the issue or pull "
        "request behind one with Get Issue or Get Pull Request (the number ends `subject_url`). Returns "
        "`notifications` (reason, title, type, repository, unread) and `next_cursor`."
    ),
    props={
        "all": props.boolean("Include Read", "Also list notifications already marked as read.", default=False),
        "participating": props.boolean(
            "Participating Only", "Only notifications where the user is directly involved (mentioned, assigned, reviewing, authored).",
            default=False,
        ),
        "since": props.string("Since", "Only notifications updated after this ISO 8601 time, e.g. `2024-05-01T00:00:00Z`.", optional=True),
        "before": props.string("Before", "Only notifications updated before this ISO 8601 time.", optional=True),
        "limit": props.limit("notifications"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("notifications", _notification),
)
async def list_notifications(ctx):
    params = {name: "true" for name in ("all", "participating") if ctx.props.get(name)}
    params.update({name: ctx.props[name] for name in ("since", "before") if ctx.props.get(name)})
    items, next_cursor, _ = await list_page(ctx, "/notifications", params=params)
    ctx.summary = f"Listed {plural(len(items), 'notification')}"
    return {"notifications": items, "next_cursor": next_cursor}
