from mcp_gateway.catalog import props, within

from ..app import app, item_summary, query_page, quoted

_TYPES = ["Service", "Inventory", "NonInventory", "Category", "Group"]


@app.action(
    "list-items",
    title="List Products and Services",
    description=(
        "List the company's products and services (QuickBooks items) by name, with their type, price and stock. "
        "Their IDs go in quickbooks-create-invoice lines."
    ),
    props={
        "name": props.string("Name Contains", "Only items whose name contains this text, e.g. `design`.", optional=True),
        "type": props.string("Type", "Only items of this type.", options=_TYPES, optional=True),
        "includeInactive": props.boolean("Include Inactive", "Also list items made inactive.", optional=True, default=False),
        "limit": props.limit("items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", item_summary),
)
async def list_items(ctx):
    conditions = []
    if not ctx.props.get("includeInactive"):
        conditions.append("Active = true")
    if ctx.props.get("name"):
        conditions.append(f"Name LIKE '%{quoted(ctx.props.name)}%'")
    if ctx.props.get("type"):
        conditions.append(f"Type = '{quoted(ctx.props.type)}'")
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    _, items, cursor = await query_page(ctx, f"SELECT * FROM Item{where} ORDERBY Name", limit=ctx.props.limit,
                                        cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(items)} item{'s' if len(items) != 1 else ''}"
    return {"items": items, "next_cursor": cursor}
