from mcp_gateway.catalog import ActionError, props, within

from ..app import ITEM_FIELDS, api, app, box_id, item_summary

# Box lists up to 1,000 items of a folder a call.
MAX_PAGE = 1000


def _position(cursor):
    """A cursor is `m:<Box marker>`, or `o:<offset>` for sorted listings (Box sorts only with offset paging)."""
    if not cursor:
        return None, 0
    kind, _, value = cursor.partition(":")
    if kind == "m" and value:
        return value, 0
    if kind == "o" and value.isdigit():
        return None, int(value)
    raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")


@app.action(
    "list-folder-items",
    title="List Folder Items",
    description=(
        "List the files, folders and web links in one Box folder (All Files, the top, by default), folders first, with "
        "their IDs. To find an item anywhere by name or content, use box-search instead."
    ),
    props={
        "folderId": app.definition("folderId"),
        "sort": props.string("Sort By", "Order within each type by `name`, `date` (modified) or `size`.",
                             options=["name", "date", "size"], optional=True),
        "direction": props.string("Direction", "`ASC` or `DESC`.", options=["ASC", "DESC"], optional=True),
        "limit": props.limit("items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", item_summary),
)
async def list_folder_items(ctx):
    folder = box_id(ctx.props.get("folderId") or "0", "folder")
    path, limit = f"/folders/{folder}/items", ctx.props.limit
    marker, at = _position(ctx.props.get("cursor"))
    items, following = [], None
    if ctx.props.get("sort") or ctx.props.get("direction") or at:
        # Sorting needs Box's offset paging.
        extra = {name: ctx.props[name] for name in ("sort", "direction") if ctx.props.get(name)}
        total = 0
        while len(items) < limit:
            page = await api(ctx, "GET", path, params={"fields": ITEM_FIELDS, "limit": min(MAX_PAGE, limit - len(items)),
                                                       "offset": at, **extra})
            entries = page.get("entries") or []
            items.extend(entries)
            total = page.get("total_count") or 0
            at += len(entries)
            if not entries or at >= total:
                break
        following = f"o:{at}" if items and at < total else None
    else:
        while len(items) < limit:
            query = {"fields": ITEM_FIELDS, "usemarker": "true", "limit": min(MAX_PAGE, limit - len(items))}
            if marker:
                query["marker"] = marker
            page = await api(ctx, "GET", path, params=query)
            items.extend(page.get("entries") or [])
            marker = page.get("next_marker") or None
            if not marker:
                break
        following = f"m:{marker}" if marker else None
    ctx.summary = f"Listed {len(items)} item{'s' if len(items) != 1 else ''} of folder {folder}"
    return {"items": items, "next_cursor": following}
