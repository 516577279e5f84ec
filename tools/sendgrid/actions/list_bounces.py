from urllib.parse import quote

from mcp_gateway.catalog import props, within

from ..app import app, bounce_summary, offset_cursor, plural, request

# SendGrid returns at most 500 bounces a page.
_PAGE_MAX = 500


@app.action(
    "list-bounces",
    title="List Bounces",
    description=(
        "List addresses on the bounce suppression list (mail to them bounced, so SendGrid no longer delivers "
        "to them), newest first, with the reason, and a `next_cursor` when more may exist. Filter by address or "
        "time range. To deliver to an address again, use sendgrid-delete-bounce."
    ),
    props={
        "email": props.string(
            "Email", "Only this address, e.g. `ada@example.com`: whether it bounced, and why. The time range and paging then do not apply.",
            optional=True,
        ),
        "startTime": props.integer("Start Time", "Only bounces at or after this Unix timestamp (seconds).", optional=True),
        "endTime": props.integer("End Time", "Only bounces at or before this Unix timestamp (seconds).", optional=True),
        "limit": props.limit("bounces"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("bounces", bounce_summary),
)
async def list_bounces(ctx):
    if ctx.props.get("email"):
        # The list takes no address filter; one address has its own endpoint.
        bounces = await request(ctx, "GET", f"/suppression/bounces/{quote(ctx.props.email, safe='@')}") or []
        following = None
    else:
        offset, limit = offset_cursor(ctx.props.get("cursor")), ctx.props.limit
        params = {}
        for name, field in (("startTime", "start_time"), ("endTime", "end_time")):
            if ctx.props.get(name) not in (None, ""):
                params[field] = ctx.props[name]
        bounces, full = [], True
        while full and len(bounces) < limit:
            size = min(_PAGE_MAX, limit - len(bounces))
            page = await request(ctx, "GET", "/suppression/bounces", params={**params, "limit": size, "offset": offset}) or []
            bounces.extend(page)
            offset += len(page)
            full = len(page) == size
        # A full last page may have more after it; SendGrid gives no total.
        following = str(offset) if full else None
    ctx.summary = f"Listed {plural(len(bounces), 'bounce')}" + (f" for {ctx.props.email}" if ctx.props.get("email") else "")
    return {"bounces": bounces, "next_cursor": following}
