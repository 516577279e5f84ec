from urllib.parse import quote

from mcp_gateway.catalog import props

from ..app import app, request


@app.action(
    "list-bounces",
    title="List Bounces",
    description=(
        "List addresses on the bounce suppression list (mail to them bounced, so SendGrid no longer delivers "
        "to them), newest first, with the reason. Filter by address or time range."
    ),
    props={
        "email": props.string(
            "Email", "Only this address, e.g. `ada@example.com`: whether it bounced, and why. The time range and paging then do not apply.",
            optional=True,
        ),
        "startTime": props.integer("Start Time", "Only bounces at or after this Unix timestamp (seconds).", optional=True),
        "endTime": props.integer("End Time", "Only bounces at or before this Unix timestamp (seconds).", optional=True),
        "limit": props.integer("Limit", "How many bounces to return, 1 to 500.", min=1, max=500, default=50),
        "offset": props.integer("Offset", "How many bounces to skip, for paging.", min=0, default=0),
    },
    read_only=True,
)
async def list_bounces(ctx):
    if ctx.props.get("email"):
        # The list takes no address filter; one address has its own endpoint.
        data = await request(ctx, "GET", f"/suppression/bounces/{quote(ctx.props.email, safe='@')}") or []
    else:
        params = {"limit": ctx.props.limit, "offset": ctx.props.offset}
        for name, field in (("startTime", "start_time"), ("endTime", "end_time")):
            if ctx.props.get(name) not in (None, ""):
                params[field] = ctx.props[name]
        data = await request(ctx, "GET", "/suppression/bounces", params=params) or []
    bounces = [{"email": b.get("email"), "created": b.get("created"), "reason": b.get("reason"), "status": b.get("status")} for b in data]
    ctx.summary = f"Listed {len(bounces)} bounce{'s' if len(bounces) != 1 else ''}" + (
        f" for {ctx.props.email}" if ctx.props.get("email") else ""
    )
    return {"bounces": bounces, "offset": ctx.props.offset, "limit": ctx.props.limit}
