from mcp_gateway.catalog import props, within

from ..app import api, app, envelope_summary, next_position, start_position

_STATUSES = ["created", "sent", "delivered", "signed", "completed", "declined", "voided"]


@app.action(
    "list-envelope-status-changes",
    title="List Envelope Status Changes",
    description=(
        "List the account's envelopes whose status changed since a date (sent, delivered, completed, declined, "
        "voided...), optionally only some statuses or matching a text. Use it to find envelopes and to poll what got "
        "signed. For one envelope's recipients and details, use docusign-get-envelope."
    ),
    props={
        "accountId": app.definition("accountId"),
        "fromDate": props.string(
            "Changed Since",
            "Only envelopes whose status changed on or after this time, e.g. `2026-12-01` or `2026-12-01T08:00:00Z`.",
        ),
        "toDate": props.string("Changed Until", "Only changes up to this time; empty means up to now.", optional=True),
        "status": props.string_list(
            "Statuses", "Only envelopes now in these statuses, e.g. `[\"completed\"]`.", options=_STATUSES, optional=True),
        "searchText": props.string(
            "Search Text", "Only envelopes whose subject, sender or recipient names or emails contain this text.",
            optional=True),
        "limit": props.limit("envelopes"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("envelopes", envelope_summary),
)
async def list_envelope_status_changes(ctx):
    start = start_position(ctx.props.get("cursor"))
    params = {"from_date": ctx.props.fromDate, "count": ctx.props.limit, "start_position": start}
    if ctx.props.get("toDate"):
        params["to_date"] = ctx.props.toDate
    if ctx.props.get("status"):
        params["status"] = ",".join(ctx.props.status)
    if ctx.props.get("searchText"):
        params["search_text"] = ctx.props.searchText
    page = await api(ctx, "GET", "/envelopes", params=params)
    envelopes = page.get("envelopes") or []
    ctx.summary = f"Listed {len(envelopes)} envelope{'s' if len(envelopes) != 1 else ''} changed since {ctx.props.fromDate}"
    return {"envelopes": envelopes, "total": int(page.get("totalSetSize") or 0), "next_cursor": next_position(page, start)}
