from mcp_gateway.catalog import props, within

from ..app import api, app, monitor_summary, offset

# Pages of a fixed size, so the offset in a cursor maps to a page whatever the limit.
PAGE_SIZE = 100


@app.action(
    "list-monitors",
    title="List Monitors",
    description=(
        "List the organization's monitors (alerts) with their state (`OK`, `Alert`, `Warn`, `No Data`), query and "
        "tags, optionally by name or tags. For one monitor's full definition use datadog-get-monitor."
    ),
    props={
        "name": props.string("Name", "Only monitors whose name contains this text.", optional=True),
        "tags": props.string("Scope Tags", "Only monitors scoped to these tags, comma-separated, e.g. `host:web-1,env:prod`.",
                             optional=True),
        "monitorTags": props.string("Monitor Tags", "Only monitors with these tags of their own, comma-separated, e.g. "
                                                    "`team:payments`.", optional=True),
        "limit": props.limit("monitors"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("monitors", monitor_summary),
)
async def list_monitors(ctx):
    params = {field: ctx.props[prop] for prop, field in (("name", "name"), ("tags", "tags"), ("monitorTags", "monitor_tags"))
              if ctx.props.get(prop)}
    start = offset(ctx.props.get("cursor"))
    page_number, skip, monitors, more = start // PAGE_SIZE, start % PAGE_SIZE, [], False
    while len(monitors) < ctx.props.limit:
        batch = await api(ctx, "GET", "/api/v1/monitor", params={**params, "page": page_number, "page_size": PAGE_SIZE}) or []
        monitors.extend(batch[skip:])
        skip = 0
        more = len(batch) == PAGE_SIZE
        if not more:
            break
        page_number += 1
    more = more or len(monitors) > ctx.props.limit
    monitors = monitors[:ctx.props.limit]
    ctx.summary = f"Listed {len(monitors)} monitor{'s' if len(monitors) != 1 else ''}"
    return {"monitors": monitors, "next_cursor": str(start + len(monitors)) if more and monitors else None}
