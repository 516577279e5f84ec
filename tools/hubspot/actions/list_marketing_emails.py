from mcp_gateway.catalog import props, within

from ..app import app, next_after, plural, request


def email_summary(email):
    out = {
        "id": email.get("id"),
        "name": email.get("name"),
        "subject": email.get("subject"),
        "state": email.get("state"),
        "type": email.get("type"),
        "isPublished": email.get("isPublished"),
        "publishDate": email.get("publishDate"),
        "campaign": email.get("campaign"),
        "createdAt": email.get("createdAt"),
        "updatedAt": email.get("updatedAt"),
    }
    counters = ((email.get("stats") or {}).get("counters")) or {}
    if counters:
        out["stats"] = {k: counters[k] for k in ("sent", "delivered", "open", "click", "bounce", "unsubscribed") if k in counters}
    return out


@app.action(
    "list-marketing-emails",
    title="List Marketing Emails",
    description=(
        "List the HubSpot account's marketing emails, most recently updated first, with their names, subjects, states (draft, "
        "scheduled, published), send dates and, on request, their send, open and click counts. Needs Marketing "
        "Hub. Returns a page and a cursor for more."
    ),
    props={
        "isPublished": props.boolean("Published Only", "`true` for sent or scheduled emails only, `false` for drafts only.", optional=True),
        "includeStats": props.boolean("Include Stats", "`true` to include send, open and click counts.", default=False),
        "limit": props.limit("emails"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("emails", email_summary),
)
async def list_marketing_emails(ctx):
    params = {"limit": ctx.props.limit, "sort": "-updatedAt", "includeStats": "true" if ctx.props.includeStats else "false"}
    if ctx.props.get("isPublished") is not None:
        params["isPublished"] = "true" if ctx.props.isPublished else "false"
    if ctx.props.get("cursor"):
        params["after"] = ctx.props.cursor
    data = await request(ctx, "GET", "/marketing/v3/emails", params=params)
    emails = data.get("results") or []
    following = next_after(data)
    ctx.summary = f"Listed {plural(len(emails), 'marketing email')}" + (" (more available)" if following else "")
    return {"emails": emails, "total": data.get("total"), "next_cursor": following}
