from ..app import api, app, box_id


def file_details(file):
    version = file.get("file_version") or {}
    return {
        "id": file.get("id"),
        "name": file.get("name"),
        "description": file.get("description"),
        "size": file.get("size"),
        "extension": file.get("extension"),
        "sha1": file.get("sha1"),
        "version_id": version.get("id"),
        "parent_id": (file.get("parent") or {}).get("id"),
        "folder_path": "/".join(p.get("name") for p in (file.get("path_collection") or {}).get("entries") or []) or None,
        "created_at": file.get("created_at"),
        "modified_at": file.get("modified_at"),
        "created_by": (file.get("created_by") or {}).get("name"),
        "modified_by": (file.get("modified_by") or {}).get("name"),
        "owned_by": (file.get("owned_by") or {}).get("login"),
        "shared_link": (file.get("shared_link") or {}).get("url"),
        "comment_count": file.get("comment_count"),
    }


@app.action(
    "get-file",
    title="Get File",
    description=(
        "Read one Box file's details: name, size, folder path, owner, who changed it and when, its shared link. "
        "For the file's content use box-download-file."
    ),
    props={"fileId": app.definition("fileId")},
    read_only=True,
    trim=file_details,
)
async def get_file(ctx):
    file_id = box_id(ctx.props.fileId)
    fields = ("id,type,name,description,size,extension,sha1,file_version,parent,path_collection,created_at,modified_at,"
              "created_by,modified_by,owned_by,shared_link,comment_count")
    file = await api(ctx, "GET", f"/files/{file_id}", params={"fields": fields})
    ctx.summary = f"Read {file.get('name')} ({file.get('size') or 0:,} bytes)"
    return file
