from mcp_gateway.catalog import props, within

from ..app import app, confluence, next_cursor, site_base, space_summary, with_base


@app.action(
    "list-spaces",
    title="List Spaces",
    description=(
        "List the Confluence spaces the user can see, with each space's key, name, ID, type and URL, and a cursor "
        "for more. Pass a space's key or ID to confluence-list-pages or confluence-create-page; to find pages by "
        "text across spaces, use confluence-search."
    ),
    props={
        "site": app.definition("site"),
        "keys": props.string_list("Space Keys", "Only these spaces, by key, e.g. `[\"ENG\", \"HR\"]`.", optional=True),
        "type": props.string(
            "Type",
            "Only spaces of this type.",
            options=["global", "collaboration", "knowledge_base", "personal"],
            optional=True,
        ),
        "limit": props.limit("spaces"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("spaces", space_summary),
)
async def list_spaces(ctx):
    params = {"limit": ctx.props.limit, "sort": "name"}
    if ctx.props.get("keys"):
        params["keys"] = ",".join(ctx.props["keys"])
    if ctx.props.get("type"):
        params["type"] = ctx.props.type
    if ctx.props.get("cursor"):
        params["cursor"] = ctx.props.cursor
    data = (await confluence(ctx, "GET", "/api/v2/spaces", params=params)).json()
    base = site_base(ctx, data)
    spaces = [with_base(s, base) for s in data.get("results") or []]
    ctx.summary = f"Listed {len(spaces)} Confluence space{'s' if len(spaces) != 1 else ''}"
    return {"spaces": spaces, "next_cursor": next_cursor(data)}
