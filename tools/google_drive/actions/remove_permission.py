from ..app import api, app, file_id, seg


@app.action(
    "remove-permission",
    title="Remove Access",
    description=(
        "Take away one person's, group's or domain's access to a Google Drive file or folder, or turn off link sharing "
        "(permission `anyoneWithLink`). Get the permission's ID from google_drive-list-permissions. The owner's "
        "permission cannot be removed. To change a role instead, share again with google_drive-share-file."
    ),
    props={"fileId": app.definition("fileId"), "permissionId": app.definition("permissionId")},
    destructive=True,
    idempotent=True,
)
async def remove_permission(ctx):
    fid = file_id(ctx.props.fileId)
    permission = str(ctx.props.permissionId).strip()
    await api(ctx, "DELETE", f"/files/{seg(fid)}/permissions/{seg(permission)}", params={"supportsAllDrives": "true"})
    ctx.summary = f"Removed permission {permission} from {fid}"
    return {"removed": True, "fileId": fid, "permissionId": permission}
