from mcp_gateway.catalog import props, within

from ..app import app, cursor_params, get_json, macro_summary, next_cursor


@app.action(
    "list-macros",
    title="List Macros",
    description=(
        "List the Zendesk account's active macros (saved replies and ticket changes agents apply in one click), "
        "with what each one sets. Use Apply Macro to run one on a ticket. Returns one page and a cursor for the next."
    ),
    props={
        "group": app.definition("group", description="Only macros available to this group, e.g. `98738`."),
        "limit": props.limit("macros"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("macros", macro_summary),
)
async def list_macros(ctx):
    params = {"active": "true", **cursor_params(ctx.props.limit, ctx.props.get("cursor"))}
    if ctx.props.get("group"):
        params["group_id"] = ctx.props.group
    body = await get_json(ctx, "/macros", params)
    macros = body.get("macros") or []
    following = next_cursor(body)
    ctx.summary = f"Listed {len(macros)} macro{'s' if len(macros) != 1 else ''}" + (" (more available)" if following else "")
    return {"macros": macros, "next_cursor": following}
