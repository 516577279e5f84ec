from mcp_gateway.catalog import ActionError, props

from ..app import app, entry_summary, path_arg, rpc

CATEGORIES = ["image", "document", "pdf", "spreadsheet", "presentation", "audio", "video", "folder", "paper", "others"]


@app.action(
    "search",
    title="Search Files and Folders",
    description=(
        "Search the connected Dropbox for files and folders by name and, for supported types, content. Can be "
        "limited to a folder, file extensions or kinds of file. Returns matches with their paths and a cursor "
        "for more."
    ),
    props={
        "query": props.string("Query", "What to search for, e.g. `q2 report` (up to 1000 characters)."),
        "folder": app.definition(
            "folder",
            optional=True,
            description="Only search inside this folder, e.g. `/Reports`. Leave empty for everywhere.",
        ),
        "filenameOnly": props.boolean(
            "Names Only", "`true` to match file and folder names only, not file contents.", default=False
        ),
        "fileExtensions": props.string_list(
            "Extensions", 'Only files with these extensions, e.g. `["pdf", "docx"]`.', optional=True
        ),
        "fileCategories": props.string_list(
            "Kinds", 'Only these kinds of item, e.g. `["pdf", "spreadsheet"]`.', options=CATEGORIES, optional=True
        ),
        "includeDeleted": props.boolean("Include Deleted", "`true` to search deleted files too.", default=False),
        "maxResults": props.integer(
            "Max Results", "How many matches to return per page (1 to 1000).", min=1, max=1000, default=50
        ),
        "cursor": props.string(
            "Cursor",
            "The `cursor` of a previous search that said `has_more`, to get the next page (the other options "
            "are then ignored).",
            optional=True,
        ),
    },
    read_only=True,
)
async def search(ctx):
    if ctx.props.get("cursor"):
        data = await rpc(ctx, "files/search/continue_v2", {"cursor": ctx.props.cursor})
    else:
        options = {
            "max_results": ctx.props.maxResults,
            "file_status": "deleted" if ctx.props.includeDeleted else "active",
            "filename_only": bool(ctx.props.filenameOnly),
        }
        if ctx.props.get("folder"):
            folder = path_arg(ctx.props.folder, root_ok=True)
            if folder:
                options["path"] = folder
        if ctx.props.get("fileExtensions"):
            options["file_extensions"] = [str(e).lstrip(".") for e in ctx.props.fileExtensions]
        if ctx.props.get("fileCategories"):
            unknown = [c for c in ctx.props.fileCategories if c not in CATEGORIES]
            if unknown:
                raise ActionError(f"fileCategories must be among {', '.join(CATEGORIES)}; got {unknown}")
            options["file_categories"] = list(ctx.props.fileCategories)
        data = await rpc(ctx, "files/search_v2", {"query": ctx.props.query, "options": options})
    matches = []
    for match in data.get("matches") or []:
        metadata = (match.get("metadata") or {}).get("metadata") or {}
        entry = entry_summary(metadata)
        entry["match_type"] = (match.get("match_type") or {}).get(".tag")
        matches.append(entry)
    more = " (more available)" if data.get("has_more") else ""
    what = f" for {ctx.props.query!r}" if not ctx.props.get("cursor") else ""
    ctx.summary = f"Found {len(matches)} match{'es' if len(matches) != 1 else ''}{what}{more}"
    return {"matches": matches, "has_more": bool(data.get("has_more")), "cursor": data.get("cursor")}
