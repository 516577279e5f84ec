from mcp_gateway.catalog import props, within

from ..app import DOCUMENT_MIME, DRIVE, api, app


def _file(f):
    return {"document_id": f.get("id"), "title": f.get("name"), "modified_time": f.get("modifiedTime"),
            "owner": ((f.get("owners") or [{}])[0]).get("emailAddress"), "url": f.get("webViewLink")}


@app.action(
    "find-documents",
    title="Find Documents",
    description=(
        "Find the user's Google Docs by words in their title (or their text, with Search Text), most recently changed "
        "first, to get a document's ID. To read one, pass its ID to google_docs-get-document."
    ),
    props={
        "query": props.string("Title Contains", "Words the title contains, e.g. `quarterly report`. Leave empty for the newest documents.", optional=True),
        "searchText": props.boolean("Search Text", "Match the words anywhere in the document, not just in its title.", optional=True, default=False),
        "limit": props.limit("documents"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("documents", _file),
)
async def find_documents(ctx):
    clauses = [f"mimeType='{DOCUMENT_MIME}'", "trashed=false"]
    if ctx.props.get("query"):
        words = ctx.props.query.replace("\\", "\\\\").replace("'", "\\'")
        clauses.append(f"{'fullText' if ctx.props.get('searchText') else 'name'} contains '{words}'")
    params = {"q": " and ".join(clauses), "pageSize": ctx.props.limit,
              "fields": "nextPageToken,files(id,name,modifiedTime,owners(emailAddress),webViewLink)"}
    if not ctx.props.get("searchText"):
        params["orderBy"] = "modifiedTime desc"  # Drive cannot sort full-text matches
    if ctx.props.get("cursor"):
        params["pageToken"] = ctx.props.cursor
    page = await api(ctx, "GET", f"{DRIVE}/files", params=params)
    files = page.get("files") or []
    ctx.summary = f"Found {len(files)} document{'s' if len(files) != 1 else ''}"
    return {"documents": files, "next_cursor": page.get("nextPageToken")}
