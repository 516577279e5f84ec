from mcp_gateway.catalog import props, within

from ..app import api, app, window


def _field(field):
    return {"id": field.get("id"), "name": field.get("name"), "type": field.get("type"), "alias": field.get("alias")}


@app.action(
    "list-fields",
    title="List Employee Fields",
    description=(
        "List the employee fields this BambooHR company has, standard and custom, with each one's label, type and the "
        "name to use in bamboohr-get-employee and bamboohr-update-employee (`alias`, or `id` for custom fields)."
    ),
    props={
        "search": props.string("Search", "Only fields whose label or name contains this text, e.g. `hire`.", optional=True),
        "limit": props.limit("fields"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("fields", _field),
)
async def list_fields(ctx):
    fields = await api(ctx, "GET", "/meta/fields") or []
    needle = str(ctx.props.get("search") or "").strip().lower()
    if needle:
        fields = [f for f in fields if needle in f"{f.get('name')} {f.get('alias') or ''}".lower()]
    shown, following = window(fields, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(shown)} of {len(fields)} field{'s' if len(fields) != 1 else ''}"
    return {"fields": shown, "total": len(fields), "next_cursor": following}
