from mcp_gateway.catalog import ActionError, Option, props

from ..app import MAX_BLOCKS, app, plain_text


async def _property_options(ctx):
    if ctx.page > 0:
        return []
    if not ctx.props.get("pageId"):
        raise ActionError("choose the page (pageId) first; the properties to choose from are its own")
    page = (await ctx.http.get(f"/pages/{ctx.props.pageId}")).json()
    return [Option(label=f"{name} ({p.get('type')})", value=p["id"]) for name, p in (page.get("properties") or {}).items()]


def _value(item):
    kind = item.get("type")
    return item.get(kind)


def _property_item(data):
    if data.get("object") != "list":
        return {"id": data.get("id"), "type": data.get("type"), "value": _value(data)}
    kind = (data.get("property_item") or {}).get("type")
    items = data.get("results") or []
    if kind in ("title", "rich_text"):
        value = plain_text([item.get(kind) for item in items])
    elif kind in ("relation", "people"):
        value = [(item.get(kind) or {}).get("id") for item in items]
    elif kind == "rollup":
        value = (data.get("property_item") or {}).get("rollup")
    else:
        value = [_value(item) for item in items]
    return {"id": (data.get("property_item") or {}).get("id"), "type": kind, "value": value,
            "next_cursor": data.get("next_cursor")}


@app.action(
    "retrieve-page-property-item",
    title="Retrieve Page Property Item",
    description=(
        "Read one property of a Notion page whole: a long text, or every relation, person or rollup entry "
        "(notion-retrieve-page shows at most 25 of them). For all of a page's properties at once, use "
        "notion-retrieve-page."
    ),
    props={
        "pageId": app.definition("pageId"),
        "propertyId": props.string(
            "Property",
            "The property's ID, as the `id` of the property in notion-retrieve-page's `fullResponse` or in "
            "notion-retrieve-database (e.g. `title`, `%3AUPp`). The choices list the page's properties.",
            options=_property_options,
        ),
        "limit": props.limit("property items", maximum=MAX_BLOCKS),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=_property_item,
)
async def retrieve_page_property_item(ctx):
    path = f"/pages/{ctx.props.pageId}/properties/{ctx.props.propertyId}"
    params = {"page_size": ctx.props.limit}
    if ctx.props.get("cursor"):
        params["start_cursor"] = ctx.props.cursor
    data = (await ctx.http.get(path, params=params)).json()
    if data.get("object") == "list":
        data = {**data, "next_cursor": data.get("next_cursor") if data.get("has_more") else None}
        count = len(data.get("results") or [])
        ctx.summary = f"Retrieved {count} item{'s' if count != 1 else ''} of the property"
    else:
        ctx.summary = f"Retrieved {data.get('type')} property"
    return data
