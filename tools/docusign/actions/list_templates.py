from mcp_gateway.catalog import props, within

from ..app import api, app, next_position, start_position, template_summary


@app.action(
    "list-templates",
    title="List Templates",
    description=(
        "List the DocuSign templates the user can send, by name, optionally matching a text. Use a template's ID with "
        "docusign-send-envelope-from-template; docusign-get-template shows its roles."
    ),
    props={
        "accountId": app.definition("accountId"),
        "searchText": props.string("Search Text", "Only templates whose name or description contains this text.",
                                   optional=True),
        "limit": props.limit("templates"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("templates", template_summary),
)
async def list_templates(ctx):
    start = start_position(ctx.props.get("cursor"))
    params = {"count": ctx.props.limit, "start_position": start, "order_by": "name"}
    if ctx.props.get("searchText"):
        params["search_text"] = ctx.props.searchText
    page = await api(ctx, "GET", "/templates", params=params)
    templates = page.get("envelopeTemplates") or []
    ctx.summary = f"Listed {len(templates)} template{'s' if len(templates) != 1 else ''}"
    return {"templates": templates, "total": int(page.get("totalSetSize") or 0), "next_cursor": next_position(page, start)}
