from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, seg


def _object(item):
    meta = item.get("metadata") or {}
    return {"name": item.get("name"), "id": item.get("id"), "folder": item.get("id") is None,
            "size": meta.get("size"), "mimetype": meta.get("mimetype"), "updated_at": item.get("updated_at")}


@app.action(
    "list-storage-objects",
    title="List Storage Objects",
    description=(
        "List the files and folders directly inside one folder of a Supabase Storage bucket (folders have `folder` "
        "true; list inside one by passing its path as `prefix`). To share a file use supabase-get-signed-url."
    ),
    props={
        "bucket": app.definition("bucket"),
        "prefix": props.string("Folder", "The folder to list, e.g. `invoices/2026`; the bucket's top when empty.", optional=True),
        "search": props.string("Search", "Only names containing this text.", optional=True),
        "limit": props.limit("objects"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("objects", _object),
)
async def list_storage_objects(ctx):
    try:
        offset = max(0, int(ctx.props.get("cursor") or 0))
    except ValueError:
        raise ActionError("cursor is not one this action returned; pass a `next_cursor` unchanged") from None
    body = {"prefix": (ctx.props.get("prefix") or "").strip("/"), "limit": ctx.props.limit, "offset": offset,
            "sortBy": {"column": "name", "order": "asc"}}
    if ctx.props.get("search"):
        body["search"] = ctx.props.search
    objects = await api(ctx, "POST", f"/storage/v1/object/list/{seg(ctx.props.bucket)}", json=body) or []
    ctx.summary = f"Listed {len(objects)} object{'s' if len(objects) != 1 else ''} in {ctx.props.bucket}"
    full = len(objects) == ctx.props.limit
    return {"objects": objects, "next_cursor": str(offset + len(objects)) if full else None}
