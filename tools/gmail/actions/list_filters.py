from ..app import api, app


@app.action(
    "list-filters",
    title="List Filters",
    description=(
        "List the filters of the connected Gmail mailbox: for each, its ID, what it matches (from, to, subject, search "
        "query, attachments, size) and what it does (labels added or removed, forwarding). Gmail returns all filters "
        "at once. Create one with gmail-create-filter, remove one with gmail-delete-filter."
    ),
    props={},
    read_only=True,
)
async def list_filters(ctx):
    data = await api(ctx, "GET", "/settings/filters")
    filters = data.get("filter") or []
    ctx.summary = f"Listed {len(filters)} filter{'s' if len(filters) != 1 else ''}"
    return {"filters": filters}
