from mcp_gateway.catalog import ActionError, props, within

from ..app import app, collect_entries, entry_summary, path_arg, rpc

def _match_summary(match):
    entry = entry_summary((match.get("metadata") or {}).get("metadata") or {})
    entry["match_type"] = (match.get("match_type") or {}).get(".tag")
    return entry


CATEGORIES = ["image", "document", "pdf", "spreadsheet", "presentation", "audio", "video", "folder", "paper", "others"]


@app.action(
    "search",
    title="Search Files and Folders",
    description=(
        "Search the connected Dropbox for files and folders by name and, for supported types, content. Can be "
        "limited to a folder, file extensions or kinds of file. Returns matches with their paths and a "
        "`next_cursor` for more. To see everything in one folder, use dropbox-list-folder instead."
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
        "limit": props.limit("matches"),
        "cursor": props.cursor().but(description=(
            "Leave empty for the first page. For the next page, pass the `next_cursor` of the previous result "
            "unchanged; the query and other options then come from the first call."
        )),
    },
    read_only=True,
    trim=within("matches", _match_summary),
)
async def search(ctx):
    options = {
        "max_results": ctx.props.limit,
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

    def first():
        return rpc(ctx, "files/search_v2", {"query": ctx.props.query, "options": options})

    matches, following = await collect_entries(
        ctx, first, limit=ctx.props.limit, cursor=ctx.props.get("cursor"), key="matches", more_endpoint="files/search/continue_v2",
    )
    more = " (more available)" if following else ""
    what = f" for {ctx.props.query!r}" if not ctx.props.get("cursor") else ""
    ctx.summary = f"Found {len(matches)} match{'es' if len(matches) != 1 else ''}{what}{more}"
    return {"matches": matches, "next_cursor": following}
