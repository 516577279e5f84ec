from mcp_gateway.catalog import props, within

from ..app import app, collect, file_id, permission_summary, plural, seg

_FIELDS = "nextPageToken,permissions(id,type,role,emailAddress,domain,displayName,allowFileDiscovery,expirationTime)"


@app.action(
    "list-permissions",
    title="List Who Has Access",
    description=(
        "List who can open a Google Drive file or folder: each person, group, domain or link-sharing setting with its "
        "role (`owner`, `writer`, `commenter`, `reader`...). Use it before google_drive-remove-permission, which takes "
        "the `id` returned here; to give access, use google_drive-share-file."
    ),
    props={"fileId": app.definition("fileId"), "limit": props.limit("permissions"), "cursor": props.cursor()},
    read_only=True,
    trim=within("permissions", permission_summary),
)
async def list_permissions(ctx):
    fid = file_id(ctx.props.fileId)
    permissions, token = await collect(
        ctx,
        f"/files/{seg(fid)}/permissions",
        "permissions",
        limit=ctx.props.limit,
        cursor=ctx.props.get("cursor"),
        params={"fields": _FIELDS, "supportsAllDrives": "true"},
    )
    ctx.summary = f"Found {plural(len(permissions), 'permission')} on {fid}"
    return {"permissions": permissions, "next_cursor": token}
