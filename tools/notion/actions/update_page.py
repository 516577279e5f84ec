from mcp_gateway.catalog import ActionError, props

from ..app import app, needs_schema, page_summary, property_values, title_of


@app.action(
    "update-page",
    title="Update Page",
    description=(
        "Change a Notion page's properties, or archive (move to trash) or restore it. Properties not "
        "named are left as they are; the ones named are overwritten. Returns the updated page. To change the "
        "page's content, use notion-append-block, notion-update-block or notion-delete-block."
    ),
    props={
        "pageId": app.definition("pageId"),
        "properties": props.obj(
            "Properties",
            "New property values, keyed by property name, e.g. `{\"Status\": \"Done\", \"Priority\": 2}`. "
            "Plain values are converted using the page's property types (see notion-create-page-from-database); "
            "an object value is sent to Notion as is. For a page that is not in a database, the only property is `title`.",
            optional=True,
        ),
        "archived": props.boolean(
            "Archived",
            "`true` moves the page to the trash; `false` restores an archived page. Leave empty to keep it as is.",
            optional=True,
        ),
    },
    destructive=True,
    idempotent=True,
    trim=page_summary,
)
async def update_page(ctx):
    page_id = ctx.props.pageId
    values = dict(ctx.props.get("properties") or {})
    archived = ctx.props.get("archived")
    if not values and archived is None:
        raise ActionError("nothing to change: give `properties`, `archived`, or both")
    body = {}
    if values:
        if needs_schema(values):
            current = (await ctx.http.get(f"/pages/{page_id}")).json()
            values = property_values(values, current.get("properties") or {})
        body["properties"] = values
    if archived is not None:
        body["archived"] = archived
    page = (await ctx.http.patch(f"/pages/{page_id}", json=body)).json()
    changes = []
    if values:
        changes.append(f"updated {len(values)} propert{'ies' if len(values) != 1 else 'y'}")
    if archived is not None:
        changes.append("archived it" if archived else "restored it")
    ctx.summary = f"Page \"{title_of(page)}\": {' and '.join(changes)}"
    return page
