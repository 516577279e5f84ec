from mcp_gateway.catalog import ActionError, props, within

from ..app import ITEM_FIELDS, api, app, box_id, item_summary, offset

# Box returns up to 200 search results a call.
MAX_PAGE = 200


@app.action(
    "search",
    title="Search",
    description=(
        "Find Box files, folders and web links by words in their name, description, comments or file content, "
        "optionally only of one type, under some folders, or with some extensions. To see one folder's contents, "
        "use box-list-folder-items instead."
    ),
    props={
        "query": props.string("Query", "The words to find, e.g. `quarterly report`; quote a phrase to match it exactly."),
        "type": props.string("Type", "Only `file`, `folder` or `web_link` results.", options=["file", "folder", "web_link"], optional=True),
        "ancestorFolderIds": props.string_list(
            "Within Folders", "Only items inside these folders (their IDs, from box-list-folder-items).", optional=True),
        "fileExtensions": props.string_list("File Extensions", "Only files with these extensions, e.g. `[\"pdf\", \"docx\"]`.", optional=True),
        "contentTypes": props.string_list(
            "Search In", "Where to look: `name`, `description`, `file_content`, `comments`, `tag`; all by default.", optional=True),
        "limit": props.limit("results"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", item_summary),
)
async def search(ctx):
    words = str(ctx.props.query or "").strip()
    if not words:
        raise ActionError("give the words to search for in query")
    query = {"query": words, "fields": ITEM_FIELDS}
    if ctx.props.get("type"):
        query["type"] = ctx.props.type
    if ctx.props.get("ancestorFolderIds"):
        query["ancestor_folder_ids"] = ",".join(box_id(f, "folder") for f in ctx.props.ancestorFolderIds)
    if ctx.props.get("fileExtensions"):
        query["file_extensions"] = ",".join(e.strip().lstrip(".") for e in ctx.props.fileExtensions)
    if ctx.props.get("contentTypes"):
        query["content_types"] = ",".join(ctx.props.contentTypes)
    start = offset(ctx.props.get("cursor"))
    items, at, total = [], start, 0
    while len(items) < ctx.props.limit:
        page = await api(ctx, "GET", "/search", params={**query, "limit": min(MAX_PAGE, ctx.props.limit - len(items)), "offset": at})
        entries = page.get("entries") or []
        items.extend(entries)
        total = page.get("total_count") or 0
        at += len(entries)
        if not entries or at >= total:
            break
    ctx.summary = f"Found {total} item{'s' if total != 1 else ''} for {words!r}; listed {len(items)}"
    return {"items": items, "total": total, "next_cursor": str(at) if items and at < total else None}
