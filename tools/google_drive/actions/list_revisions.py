from mcp_gateway.catalog import props, within

from ..app import app, collect, file_id, plural, revision_summary, seg


@app.action(
    "list-revisions",
    title="List Revisions",
    description=(
        "List the saved versions of a Google Drive file, oldest first: when each was saved, by whom, and (for uploaded "
        "files) its size and original file name. Google Docs, Sheets and Slides keep their revisions merged over time, "
        "so older ones may be missing. For the file's current details, use google_drive-get-file."
    ),
    props={"fileId": app.definition("fileId"), "limit": props.limit("revisions"), "cursor": props.cursor()},
    read_only=True,
    trim=within("revisions", revision_summary),
)
async def list_revisions(ctx):
    fid = file_id(ctx.props.fileId)
    fields = (
        "nextPageToken,revisions(id,mimeType,modifiedTime,keepForever,size,originalFilename,"
        "lastModifyingUser(displayName,emailAddress))"
    )
    revisions, token = await collect(
        ctx, f"/files/{seg(fid)}/revisions", "revisions", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
        params={"fields": fields},
    )
    ctx.summary = f"Found {plural(len(revisions), 'revision')} of {fid}"
    return {"revisions": revisions, "next_cursor": token}
