from mcp_gateway.catalog import props, within

from ..app import api, app, date, window


def _entry(entry):
    return {key: entry.get(key) for key in ("id", "type", "employeeId", "name", "start", "end")}


@app.action(
    "list-whos-out",
    title="List Who's Out",
    description=(
        "List who is out in BambooHR between two dates (by default the next 14 days): approved time off by employee, "
        "and company holidays (`type` is `timeOff` or `holiday`). For pending requests and their details, use "
        "bamboohr-list-time-off-requests."
    ),
    props={
        "start": props.string("From", "The first day, `YYYY-MM-DD` (default today).", optional=True),
        "end": props.string("To", "The last day, `YYYY-MM-DD` (default 14 days after the start).", optional=True),
        "limit": props.limit("entries"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("out", _entry),
)
async def list_whos_out(ctx):
    params = {name: date(ctx.props[name], name) for name in ("start", "end") if ctx.props.get(name)}
    found = await api(ctx, "GET", "/time_off/whos_out", params=params) or []
    shown, following = window(found, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(shown)} of {len(found)} absence{'s' if len(found) != 1 else ''}"
    return {"out": shown, "total": len(found), "next_cursor": following}
