from mcp_gateway.catalog import each, props

from ..app import app, clean_record, plural, request


@app.action(
    "list-recent-items",
    title="List Recently Viewed Records",
    description=(
        "List the records the connected user viewed or changed most recently in Salesforce, of every type, newest "
        "first, each with its type, ID and name: a quick way to find what they are working on. To find records by "
        "their values use salesforce_rest_api-search-records or -soql-query."
    ),
    props={"limit": props.limit("records", maximum=200)},
    read_only=True,
    trim=each(clean_record),
)
async def list_recent_items(ctx):
    records = await request(ctx, "GET", "recent", params={"limit": ctx.props.limit})
    records = records if isinstance(records, list) else []
    ctx.summary = f"Found {plural(len(records), 'recent record')}"
    return records
