from mcp_gateway.catalog import props

from ..app import app, confluence, next_cursor, web_url


@app.action(
    "list-spaces",
    title="List Spaces",
    description=(
        "List the Confluence spaces the user can see, with each space's key, name, ID, type and URL, and a cursor "
        "for more."
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
        "limit": props.integer("Max Results", "The most spaces to return (1 to 250).", min=1, max=250, default=50),
        "cursor": props.string("Cursor", "To get the next page, the `next_cursor` an earlier call returned.", optional=True),
    },
    read_only=True,
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
    spaces = [
        {
            "id": s.get("id"),
            "key": s.get("key"),
            "name": s.get("name"),
            "type": s.get("type"),
            "status": s.get("status"),
            "homepage_id": s.get("homepageId"),
            "url": web_url(ctx, {**(s.get("_links") or {}), "base": (data.get("_links") or {}).get("base")}),
        }
        for s in data.get("results") or []
    ]
    ctx.summary = f"Listed {len(spaces)} Confluence space{'s' if len(spaces) != 1 else ''}"
    return {"spaces": spaces, "next_cursor": next_cursor(data)}
